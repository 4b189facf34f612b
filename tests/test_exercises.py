"""Exercises: the same seed gives the same set, and every answer is what the core says."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum import QuorumState, Status, evaluate, voting_right
from quorum.cli import app
from quorum.exercises import Level, Question, generate, normalise_answer, score
from quorum.scenario import dump_scenario, parse_scenario

runner = CliRunner()
seeds = st.integers(min_value=0, max_value=2**32)
levels = st.sampled_from([1, 2, 3])


def expected(exercise) -> str:
    """The answer re-derived from a fresh evaluation, question by question."""
    (outcome,) = evaluate(exercise.session)
    q = exercise.question
    if q is Question.QUORUM_STATE:
        return outcome.quorum.value
    if q is Question.QUORUM_REQUIRED:
        return str(outcome.quorum_required)
    if q is Question.ADOPTED:
        return "yes" if outcome.adopted else "no"
    if q is Question.MIN_YES:
        return str(outcome.min_yes)
    if q is Question.EXECUTORY:
        return "yes" if outcome.status is Status.EXECUTORY else "no"
    if q is Question.REPLIES_NEEDED:
        return str(outcome.written_replies_needed)
    return str(outcome.yes + outcome.no)


# --- Invariants of the generator -------------------------------------------------------

@given(seeds, levels)
def test_same_seed_same_exercises(seed, level):
    assert generate(seed, level, 4) == generate(seed, level, 4)


@given(seeds, levels)
def test_answers_are_what_evaluate_says(seed, level):
    for exercise in generate(seed, level, 4):
        assert exercise.answer == expected(exercise)
        assert exercise.level == level
        assert exercise.question in {
            1: (Question.QUORUM_STATE, Question.QUORUM_REQUIRED),
            2: (Question.ADOPTED, Question.MIN_YES),
            3: (Question.EXECUTORY, Question.REPLIES_NEEDED, Question.VOTES_CAST,
                Question.ADOPTED),
        }[level]
        if exercise.choices:
            assert exercise.answer in exercise.choices
        else:
            assert exercise.answer.isdigit()
        assert exercise.explanation("en") == exercise.outcome.explanation("en")


@given(seeds, levels, st.integers(min_value=1, max_value=6))
def test_right_answers_score_full_marks_and_missing_ones_zero(seed, level, count):
    exercises = generate(seed, level, count)
    assert score(exercises, [e.answer for e in exercises]).correct == count
    assert score(exercises, {e.number: e.answer for e in exercises}).correct == count
    assert score(exercises, []).correct == 0
    assert score(exercises, []).total == count


def test_prefix_of_a_longer_set_is_the_shorter_set():
    assert generate(11, 3, 8)[:3] == generate(11, 3, 3)


def test_different_seeds_give_different_sets():
    sets = {tuple(e.answer + e.question for e in generate(seed, 2, 5)) for seed in range(10)}
    assert len(sets) > 5


# --- Hand-worked checks of the levels' rules -------------------------------------------

def test_art22_3_b_level1_quorum_required_is_one_half_rounded_up():
    for exercise in generate(5, 1, 40):
        members = exercise.session.members
        if exercise.question is Question.QUORUM_REQUIRED:
            assert int(exercise.answer) == -(-members // 2)


def test_art22_3_c_level1_states_include_the_reduced_band_for_the_assembly():
    exercises = generate(2, 1, 60)
    states = {e.outcome.quorum for e in exercises}
    assert states == {QuorumState.FULL, QuorumState.REDUCED, QuorumState.NONE}
    for e in exercises:
        if e.session.rules.reduced_quorum is None and e.question is Question.QUORUM_STATE:
            assert e.choices == ("full", "none")


def test_art22_3_d_level2_sits_at_the_two_thirds_line():
    exercises = generate(8, 2, 40)
    assert {e.outcome.adopted for e in exercises} == {True, False}
    for e in exercises:
        assert e.outcome.quorum is QuorumState.FULL


def test_art22_3_c_level3_replies_needed_is_quorum_minus_represented():
    for e in generate(3, 3, 40):
        if e.question is Question.REPLIES_NEEDED:
            s = e.session
            assert int(e.answer) == -(-s.members // 2) - s.present


def test_art25_4_e_level3_arrears_cost_the_vote_at_two_years_of_dues():
    rosters = [e for e in generate(4, 3, 40) if e.session.roster is not None]
    assert rosters
    for e in rosters:
        s = e.session
        votes = dict(s.decisions[0].member_votes)
        counted = 0
        for m in s.roster:
            two_years = m.due_in(s.date.year - 1) + m.due_in(s.date.year - 2)
            keeps = m.arrears < two_years or m.arrears == 0 or m.arrears_exception
            assert voting_right(m, s.rules.arrears, s.date).has_vote == keeps
            counted += keeps and votes.get(m.id) in ("yes", "no")
        assert e.outcome.votes_cast == counted


# --- Answers as learners type them ------------------------------------------------------

def test_answers_are_read_in_either_language():
    exercises = generate(1, 2, 10)
    yes_no = next(e for e in exercises if e.choices == ("yes", "no"))
    right = yes_no.answer
    assert yes_no.check({"yes": "oui", "no": "non"}[right])
    assert yes_no.check(right == "yes")
    assert yes_no.check(f"  {right.upper()} ")
    assert normalise_answer(yes_no, "maybe") is None
    number = next(e for e in generate(1, 1, 20) if e.numeric)
    assert number.check(f" {number.answer} ")
    assert not number.check(True) and not number.check("twelve")
    state = next(e for e in generate(1, 1, 20) if e.question is Question.QUORUM_STATE)
    assert state.check(state.choice_text(state.answer, "fr"))


@pytest.mark.parametrize("level,count", [(0, 1), (4, 1), (1, 0), (1, 101)])
def test_bad_level_or_count_is_a_value_error(level, count):
    with pytest.raises(ValueError):
        generate(1, level, count)


def test_exercise_scenario_round_trips_as_yaml():
    for e in (*generate(9, 1, 2), *generate(9, 3, 6)):
        again = parse_scenario(dump_scenario(e.scenario()))
        assert evaluate(again.session)[0].status is e.outcome.status


def test_prompts_render_in_both_languages():
    for level in Level:
        for e in generate(21, level, 6):
            for lang in ("en", "fr"):
                text = "\n".join([e.heading(lang), *e.prompt(lang), e.question_text(lang),
                                  *(e.choice_text(c, lang) for c in e.choices)])
                assert "{" not in text and "exercise." not in text and "choice." not in text


# --- The command ------------------------------------------------------------------------

def test_cli_exercises_same_seed_same_output():
    args = ["exercises", "--seed", "42", "--level", "3", "--count", "4"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert "Exercise 4 (level 3)" in first.stdout
    assert "Answer:" not in first.stdout
    assert "Answer:" in runner.invoke(app, [*args, "--answers"]).stdout


def test_cli_exercises_json_hides_answers_unless_asked():
    args = ["exercises", "--seed", "7", "--level", "2", "--count", "3", "--json"]
    data = json.loads(runner.invoke(app, args).stdout)
    assert data["seed"] == 7 and len(data["exercises"]) == 3
    assert all("answer" not in e for e in data["exercises"])
    keyed = json.loads(runner.invoke(app, [*args, "--answers"]).stdout)
    assert all({"answer", "explanation"} <= set(e) for e in keyed["exercises"])
    assert [e["answer"] for e in keyed["exercises"]] == [e.answer for e in generate(7, 2, 3)]


@pytest.mark.parametrize("args", [["exercises", "--level", "5"],
                                  ["exercises", "--count", "0"],
                                  ["exercises", "--lang", "it"]])
def test_cli_exercises_bad_input_is_one_line_and_exit_2(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
