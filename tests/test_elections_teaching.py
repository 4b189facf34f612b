"""Teaching elections: the walkthrough of the 2020 nomination and the seeded exercises."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.elections.teaching import (
    KINDS,
    election_walkthrough,
    generate_exercises,
    render_walkthrough,
)
from quorum.scenario import load_scenario

from .conftest import ROOT, SCENARIOS

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_walkthrough_of_the_2020_nomination_matches_its_golden_text(lang):
    stages = election_walkthrough(load_scenario(SCENARIOS / "election-dg-2020.yaml"))
    text = "\n".join(render_walkthrough(stages, lang)) + "\n"
    assert text == (GOLDEN / f"election-walkthrough-2020.{lang}.txt").read_text("utf-8")


def test_walkthrough_uses_the_published_numbers_and_the_appointment_article():
    stages = election_walkthrough(load_scenario(SCENARIOS / "election-dg-2020.yaml"))
    lines = "\n".join(render_walkthrough(stages, "en"))
    assert "Daren Tang (Singapore) 55; Wang Binying (China) 28 (83 votes cast)" in lines
    assert "more than half is 42 votes" in lines
    assert "were not published" in lines
    assert stages[-1].steps[-1].article == "WIPO Conv. Art. 9(3)"


@pytest.mark.parametrize("name", ["election-dg-2008.yaml", "election-dg-2014.yaml"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_real_nomination_walks_through_without_a_missing_message(name, lang):
    stages = election_walkthrough(load_scenario(SCENARIOS / name))
    for line in render_walkthrough(stages, lang):
        assert "{" not in line and "teach_elections." not in line and "elections." not in line
    json.dumps([s.to_dict() for s in stages])


def test_the_2014_walkthrough_says_why_46_of_83_did_not_elect():
    lines = render_walkthrough(
        election_walkthrough(load_scenario(SCENARIOS / "election-dg-2014.yaml")), "en")
    assert any("goes on by elimination" in line for line in lines)


def test_walkthrough_of_a_scenario_without_elections_is_an_error():
    with pytest.raises(KeyError):
        election_walkthrough(load_scenario(SCENARIOS / "assembly-full-quorum.yaml"))


def test_exercises_repeat_by_seed_and_cycle_through_the_kinds():
    first = generate_exercises(11, 6)
    assert [e.to_dict() for e in first] == [e.to_dict() for e in generate_exercises(11, 6)]
    assert tuple(e.kind for e in first) == KINDS * 2
    with pytest.raises(ValueError):
        generate_exercises(1, 0)


@pytest.mark.parametrize("seed", range(12))
def test_exercise_answers_agree_with_a_count_by_hand(seed):
    for e in generate_exercises(seed, 3):
        ballot = e.ballot
        votes = dict(ballot.votes or ())
        cast = sum(votes.values())
        need = cast // 2 + 1  # more than half of the votes cast, every preset used here
        if e.kind == "majority":
            assert int(e.answer) == need and Fraction(need, cast) > Fraction(1, 2)
        elif e.kind == "elected":
            best = max(votes, key=votes.__getitem__)
            may = e.election.procedure.switch("elect_before_final_two") or len(votes) <= 2
            assert e.answer == (best if votes[best] >= need and may else "nobody")
        else:
            low = min(votes.values())
            assert votes[e.answer] == low and list(votes.values()).count(low) == 1
        assert e.check(e.answer) and not e.check("Z")
        assert e.explanation("fr") and e.question("fr") != e.question("en")


def test_cli_exercises_and_walkthrough():
    result = runner.invoke(app, ["election-exercises", "--seed", "3", "--count", "3",
                                 "--json", "--answers"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["kind"] for e in data["exercises"]] == list(KINDS)
    assert all("answer" in e and e["prompt"]["fr"] for e in data["exercises"])
    result = runner.invoke(app, ["elect", str(SCENARIOS / "election-dg-2020.yaml"),
                                 "--walkthrough", "--lang", "fr"])
    assert result.exit_code == 0 and "Tour 2" in result.stdout and "55" in result.stdout
    bad = runner.invoke(app, ["election-exercises", "--count", "0"])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_checks_an_exercise(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("app_pages/elections.py").run()
    exercise = generate_exercises(1, 3)[1]  # seed 1 shows the second kind: who is elected
    at.radio(key="el_ex_choice_1").set_value(exercise.answer).run()
    at.button(key="el_ex_check").click().run()
    assert not at.exception, at.exception
    assert at.success and at.success[0].value in ("Right.", "Exact.")
