"""The guided walkthrough and its "what changes if" controls.

Hand-worked cases carry the article in their name; the invariants are checked with
hypothesis against the public ``evaluate``; one walkthrough is kept as golden text in
English and French (regenerate with ``UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum import (
    Choice,
    Decision,
    Member,
    QuorumState,
    Session,
    Status,
    Votes,
    WrittenProcedure,
    evaluate,
    get_body,
    voting_right,
)
from quorum.cli import app
from quorum.scenario import load_default_scenario, load_scenario
from quorum.walkthrough import (
    Change,
    Convocation,
    SessionKind,
    Stage,
    render_walkthrough,
    teaching_catalogue,
    walkthrough,
    what_if,
)

from .conftest import ROOT, SCENARIOS
from .strategies import aggregate_sessions, one_decision

ASSEMBLY = get_body("berne-assembly")
GOLDEN = ROOT / "tests" / "golden"
ORDER = list(Stage)
runner = CliRunner()


aggregate = one_decision


def stages(steps) -> list[Stage]:
    return [s.stage for s in steps]


def by_stage(steps, stage: Stage):
    (found,) = [s for s in steps if s.stage is stage]
    return found


# --- Convocation: Art. 22(4) ----------------------------------------------------------

def test_art22_4_ordinary_session_shows_requests_for_an_extraordinary_one():
    step = walkthrough(aggregate(181, 120, 80, 40))[0]
    assert step.stage is Stage.CONVOCATION
    assert step.article == "Art. 22(4)"
    assert step.figure("requests") == ASSEMBLY.card(181).extraordinary_session_requests == 46
    assert "46 of the 181 members" in step.text("en")
    assert step.figure("every_years") == 2  # Art. 22(4)(a): every second year
    assert "convened by the Director General" in step.text("en")
    assert "convoquée par le Directeur général" in step.text("fr")


def test_un_charter_art20_annual_sessions_not_convened_by_a_director_general():
    rules = get_body("un-general-assembly")
    session = Session(rules, 193, 150, (Decision("d", "other", Votes(90, 30, 30)),))
    step = walkthrough(session)[0]
    assert step.article == "UN Charter Art. 20"
    assert "every year" in step.text("en") and "Director General" not in step.text("en")


@pytest.mark.parametrize("requests,enough", [(45, True), (44, False), (179, True)])
def test_art22_4_b_extraordinary_session_one_fourth_of_179_is_45(requests, enough):
    scenario = load_default_scenario()
    step = walkthrough(scenario, convocation=Convocation(SessionKind.EXTRAORDINARY,
                                                         requests))[0]
    assert step.article == "Art. 22(4)(b)"
    assert step.figure("requests") == 45
    assert step.figure("received_requests") == requests
    key = step.sentences[-1].key
    assert key.endswith("extraordinary_enough" if enough else "extraordinary_short")


def test_art22_4_b_negative_requests_is_an_error():
    with pytest.raises(ValueError):
        walkthrough(aggregate(10, 10, 5, 0), convocation=Convocation(SessionKind.EXTRAORDINARY,
                                                                     -1))


# --- Members and observers: Art. 22(1), 22(3)(g) ---------------------------------------

def test_art22_3_g_observers_of_the_default_roster_are_named_and_not_counted():
    scenario = load_default_scenario()
    step = by_stage(walkthrough(scenario), Stage.MEMBERSHIP)
    observers = [m for m in scenario.session.roster if m.observer]
    assert step.figure("observers") == len(observers) == 2
    assert step.figure("members") == scenario.session.members == 179
    assert "Lebanon" in step.text("en") and "Liban" in step.text("fr")


def test_art22_1_b_aggregate_membership_says_one_delegate_one_country():
    step = by_stage(walkthrough(aggregate(181, 120, 80, 40)), Stage.MEMBERSHIP)
    assert step.article == "Art. 22(1)(a)"
    assert "no country may vote for another" in step.text("en")


# --- Quorum: Art. 22(3)(b)-(c) ---------------------------------------------------------

def test_art22_3_b_full_quorum_91_of_181_stops_at_the_result():
    steps = walkthrough(aggregate(181, 91, 61, 30))
    assert stages(steps) == ORDER[:5]
    quorum = by_stage(steps, Stage.QUORUM)
    assert quorum.figure("quorum") == 91 and quorum.figure("represented") == 91
    assert quorum.sentences[0].key == "walk.quorum.full"
    assert by_stage(steps, Stage.RESULT).figure("status").key == "status.executory"


def test_art22_3_c_below_one_third_nothing_is_decided():
    steps = walkthrough(load_scenario(SCENARIOS / "assembly-no-quorum.yaml"))
    assert stages(steps) == ORDER[:5]
    assert by_stage(steps, Stage.QUORUM).sentences[0].key == "walk.quorum.none_reduced"
    assert by_stage(steps, Stage.VOTE).sentences[0].key == "walk.vote.no_quorum"
    assert by_stage(steps, Stage.RESULT).figure("status").key == "status.no-quorum"


def test_art23_8_b_committee_without_reduced_band_says_quorum_not_met():
    rules = get_body("berne-executive-committee")
    steps = walkthrough(aggregate(46, 22, 22, 0, rules=rules))
    assert by_stage(steps, Stage.QUORUM).sentences[0].key == "walk.quorum.none"
    assert by_stage(steps, Stage.QUORUM).figure("reduced") is None


def test_art25_4_e_members_without_vote_are_shown_at_the_quorum_step():
    steps = walkthrough(load_scenario(SCENARIOS / "assembly-arrears-roster.yaml"))
    quorum = by_stage(steps, Stage.QUORUM)
    assert quorum.figure("without_vote") == 1
    assert "Art. 25(4)(e)" in quorum.article
    assert quorum.sentences[1].key == "walk.quorum.arrears_counted"
    assert "Ruritania" in quorum.text("en")
    vote = by_stage(steps, Stage.VOTE)
    assert any(s.key == "walk.vote.lost" for s in vote.sentences)


# --- The vote and the result: Art. 22(3)(a), (d), (e) ----------------------------------

def test_art22_3_e_vote_step_explains_that_abstentions_are_not_votes():
    steps = walkthrough(load_scenario(SCENARIOS / "assembly-abstentions.yaml"))
    vote = by_stage(steps, Stage.VOTE)
    assert vote.figure("cast") == 30 and vote.figure("abstain") == 70
    assert "Art. 22(3)(e)" in vote.article
    assert "An abstention is not a vote" in vote.text("en")
    assert "L'abstention n'est pas un vote" in vote.text("fr")
    none = by_stage(walkthrough(aggregate(181, 100, 60, 30)), Stage.VOTE)
    assert none.sentences[-1].key == "walk.vote.abstentions_none"


def test_art22_3_d_rejected_result_gives_the_yes_votes_needed():
    result = by_stage(walkthrough(aggregate(181, 100, 60, 31, 9)), Stage.RESULT)
    assert result.sentences[0].key == "walk.result.rejected"
    assert result.figure("min_yes") == 62
    assert result.figure("status").key == "status.rejected"


def test_art22_3_d_no_vote_cast_is_not_a_majority():
    result = by_stage(walkthrough(aggregate(181, 100, 0, 0, 100)), Stage.RESULT)
    assert result.sentences[0].key == "walk.result.no_votes_rejected"


# --- Written procedure: Art. 22(3)(c) --------------------------------------------------

def test_art22_3_c_written_procedure_told_in_nine_steps():
    steps = walkthrough(load_scenario(SCENARIOS / "assembly-written-procedure-executory.yaml"))
    assert stages(steps) == ORDER
    communication = by_stage(steps, Stage.COMMUNICATION)
    assert communication.figure("absent") == 120
    assert communication.figure("communicated") == date(2026, 7, 15)
    period = by_stage(steps, Stage.PERIOD)
    assert period.figure("deadline") == date(2026, 10, 15)
    assert period.heading("en") == "The 3-month period"
    replies = by_stage(steps, Stage.REPLIES)
    assert (replies.figure("needed"), replies.figure("received")) == (30, 30)
    assert by_stage(steps, Stage.FINAL).figure("status").key == "status.executory"


def test_art22_3_c_pending_period_ends_28_february():
    steps = walkthrough(load_scenario(SCENARIOS / "assembly-reduced-quorum-pending.yaml"))
    assert by_stage(steps, Stage.PERIOD).figure("deadline") == date(2027, 2, 28)
    assert "28 February 2027" in by_stage(steps, Stage.PERIOD).text("en")
    assert "28 février 2027" in by_stage(steps, Stage.PERIOD).text("fr")
    replies = by_stage(steps, Stage.REPLIES)
    assert replies.figure("received") is None
    assert by_stage(steps, Stage.FINAL).sentences[0].key == "walk.final.pending"


def test_art22_3_c_lapsed_for_too_few_replies_and_for_a_broken_majority():
    scenario = load_scenario(SCENARIOS / "assembly-written-procedure-lapsed.yaml")
    short = by_stage(walkthrough(scenario, "budget"), Stage.FINAL)
    broken = by_stage(walkthrough(scenario, "programme"), Stage.FINAL)
    assert short.sentences[0].key == "walk.final.lapsed_replies"
    assert broken.sentences[0].key == "walk.final.lapsed_majority"


def test_art22_3_c_undated_communication_has_no_deadline():
    steps = walkthrough(aggregate(181, 61, 40, 20))
    assert by_stage(steps, Stage.COMMUNICATION).sentences[0].key == \
        "walk.communication.undated"
    assert by_stage(steps, Stage.PERIOD).figure("deadline") is None


def test_art22_3_c_procedural_decision_is_executory_without_written_steps():
    scenario = load_scenario(SCENARIOS / "assembly-procedural-reduced.yaml")
    procedural = walkthrough(scenario, "rules-of-procedure")
    assert stages(procedural) == ORDER[:5]
    assert by_stage(procedural, Stage.RESULT).sentences[0].key == \
        "walk.result.adopted_procedural"
    assert stages(walkthrough(scenario, "budget")) == ORDER


# --- Choosing the decision --------------------------------------------------------------

def test_unknown_decision_is_a_key_error_naming_the_known_ones():
    with pytest.raises(KeyError, match="budget"):
        walkthrough(load_scenario(SCENARIOS / "assembly-full-quorum.yaml"), "nope")


def test_a_scenario_without_decisions_is_a_value_error():
    with pytest.raises(ValueError, match="no decision"):
        walkthrough(Session(ASSEMBLY, 10, 10))


# --- Invariants -------------------------------------------------------------------------

@given(aggregate_sessions())
def test_walkthrough_figures_are_the_outcome_figures(session):
    (outcome,) = evaluate(session)
    steps = walkthrough(session)
    assert stages(steps) == ORDER[:len(steps)]
    assert len(steps) in (5, 9)
    quorum = by_stage(steps, Stage.QUORUM)
    assert quorum.figure("represented") == outcome.represented
    assert quorum.figure("quorum") == outcome.quorum_required
    assert quorum.figure("state").key == f"quorum_state.{outcome.quorum.value}"
    vote = by_stage(steps, Stage.VOTE)
    assert (vote.figure("yes"), vote.figure("no"), vote.figure("abstain")) == \
        (outcome.yes, outcome.no, outcome.abstain)
    assert steps[-1].figure("status").key == f"status.{outcome.status.value}"
    written = len(steps) == 9
    assert written == (outcome.quorum is QuorumState.REDUCED and outcome.adopted
                       and session.rules.majority(session.decisions[0].kind).written_procedure)
    if written:
        assert by_stage(steps, Stage.REPLIES).figure("needed") == outcome.written_replies_needed
    for lang in ("en", "fr"):
        for line in render_walkthrough(steps, lang):
            assert "{" not in line and "}" not in line


@st.composite
def roster_sessions(draw: st.DrawFn) -> Session:
    """A small roster with arrears, observers, either reading of the arrears switch and,
    under the reduced quorum, written replies from absent members."""
    size = draw(st.integers(min_value=1, max_value=10))
    two_years = ((2024, Fraction(100)), (2025, Fraction(100)))
    members = tuple(
        Member(f"M{i}", name=f"Country {i}", present=draw(st.booleans()),
               observer=i > 0 and draw(st.booleans()),
               arrears=Fraction(draw(st.sampled_from([0, 100, 200, 300]))), dues=two_years,
               arrears_exception=draw(st.booleans()))
        for i in range(size))
    choices = st.sampled_from(list(Choice))
    votes = tuple((m.id, draw(choices)) for m in members
                  if m.present and not m.observer and draw(st.booleans()))
    rules = ASSEMBLY.with_interpretation(arrears_count_for_quorum=draw(st.booleans()))
    decision = Decision("d", draw(st.sampled_from(rules.kinds)), member_votes=votes)
    session = Session.from_roster(rules, members, (decision,), date(2026, 10, 1))
    if evaluate(session)[0].quorum is QuorumState.REDUCED and draw(st.booleans()):
        replies = tuple((m.id, draw(choices)) for m in members
                        if not m.present and not m.observer and draw(st.booleans()))
        written = WrittenProcedure(date(2026, 10, 2), None, replies)
        session = dataclasses.replace(
            session, decisions=(dataclasses.replace(decision, written=written),))
    return session


@given(roster_sessions(), st.sampled_from(list(Change)))
def test_roster_walkthrough_and_what_if_agree_with_evaluate(session, change):
    (outcome,) = evaluate(session)
    steps = walkthrough(session)
    assert stages(steps) == ORDER[:len(steps)]
    assert steps[-1].figure("status").key == f"status.{outcome.status.value}"
    membership = by_stage(steps, Stage.MEMBERSHIP)
    assert membership.figure("observers") == sum(m.observer for m in session.roster)
    effect = what_if(session, change)
    assert effect.before == outcome
    if effect.applicable:
        assert effect.after == evaluate(effect.session)[0]
        if change is Change.MEMBER_IN_ARREARS:
            target = {m.id: m for m in effect.session.roster}[effect.member]
            assert not voting_right(target, ASSEMBLY.arrears, effect.session.date).has_vote
            assert effect.after.votes_cast in (outcome.votes_cast, outcome.votes_cast - 1)
        elif change is Change.ONE_MORE_PRESENT:
            assert effect.session.present == session.present + 1
    for lang in ("en", "fr"):
        assert "{" not in effect.text(lang)
        for line in render_walkthrough(steps, lang):
            assert "{" not in line


# --- What changes if... ------------------------------------------------------------------

def test_art22_3_e_what_if_no_becomes_abstention_passes_the_proposal():
    effect = what_if(aggregate(181, 100, 60, 31, 9), Change.NO_TO_ABSTENTION)
    assert effect.before.status is Status.REJECTED
    assert effect.after.status is Status.EXECUTORY and effect.changed
    assert (effect.after.no, effect.after.abstain) == (30, 10)
    assert "rejected becomes executory" in effect.text("en")
    assert "rejetée devient exécutoire" in effect.text("fr")


def test_art22_3_c_what_if_one_more_present_reaches_one_third():
    effect = what_if(load_scenario(SCENARIOS / "assembly-no-quorum.yaml"),
                     Change.ONE_MORE_PRESENT)
    assert effect.before.status is Status.NO_QUORUM
    assert effect.after.represented == 61 and effect.after.status is Status.PENDING


def test_art22_3_c_what_if_one_more_present_at_one_half_drops_the_written_procedure():
    written = WrittenProcedure(date(2026, 7, 15), Votes(10, 0, 0))
    effect = what_if(aggregate(181, 90, 60, 20, 0, written=written), Change.ONE_MORE_PRESENT)
    assert effect.after.quorum is QuorumState.FULL
    assert effect.after.status is Status.EXECUTORY
    assert any(s.key.endswith("written_dropped") for s in effect.sentences)


def test_art22_3_c_what_if_the_newcomer_had_replied_in_writing():
    # All 5 absent members replied: the one that now attends cannot also reply.
    written = WrittenProcedure(date(2026, 7, 15), Votes(2, 0, 3))
    effect = what_if(aggregate(9, 4, 3, 0, 0, written=written), Change.ONE_MORE_PRESENT)
    assert effect.after.represented == 5 and effect.after.quorum is QuorumState.FULL
    written = WrittenProcedure(date(2026, 7, 15), Votes(2, 0, 10))
    effect = what_if(aggregate(18, 6, 4, 0, 0, written=written), Change.ONE_MORE_PRESENT)
    assert effect.after.quorum is QuorumState.REDUCED
    assert effect.after.written.received == 11 and effect.after.written.abstain == 9
    assert any(s.key.endswith("reply_withdrawn") for s in effect.sentences)


def test_art22_3_c_what_if_roster_newcomer_withdraws_its_written_reply():
    roster = tuple(Member(f"M{i}", present=i < 3) for i in range(9))
    decision = Decision("d", None, member_votes=(("M0", Choice.YES), ("M1", Choice.YES),
                                                  ("M2", Choice.NO)),
                        written=WrittenProcedure(date(2026, 1, 10), None,
                                                 tuple((f"M{i}", Choice.ABSTAIN)
                                                       for i in range(3, 9))))
    session = Session.from_roster(ASSEMBLY, roster, (decision,))
    assert evaluate(session)[0].quorum is QuorumState.REDUCED
    effect = what_if(session, Change.ONE_MORE_PRESENT)
    assert effect.member == "M3"
    assert effect.after.represented == 4 and effect.after.quorum is QuorumState.REDUCED
    assert effect.after.written.received == 5 and effect.after.status is Status.EXECUTORY
    assert any(s.key.endswith("reply_withdrawn") for s in effect.sentences)


def test_art25_4_e_what_if_member_in_arrears_loses_its_yes():
    scenario = load_scenario(SCENARIOS / "paradox-arrears-swing.yaml")
    effect = what_if(scenario, Change.MEMBER_IN_ARREARS)
    assert effect.member == "SY"  # the first member that voted yes
    changed = {m.id: m for m in effect.session.roster}["SY"]
    right = voting_right(changed, ASSEMBLY.arrears, effect.session.date)
    assert not right.has_vote and changed.arrears == Fraction(100)
    assert effect.after.yes == effect.before.yes - 1
    assert effect.after.represented == effect.before.represented
    assert effect.before.status is Status.EXECUTORY and effect.after.status is Status.REJECTED


def test_art25_4_e_what_if_member_in_arrears_without_recorded_dues():
    scenario = load_default_scenario()
    effect = what_if(scenario, Change.MEMBER_IN_ARREARS)
    assert effect.after.yes == effect.before.yes - 1
    assert effect.sentences[0].key.endswith("roster_no_dues")


def test_art25_4_e_what_if_arrears_under_the_other_reading_lowers_representation():
    rules = ASSEMBLY.with_interpretation(arrears_count_for_quorum=False)
    effect = what_if(aggregate(181, 91, 61, 30, rules=rules), Change.MEMBER_IN_ARREARS)
    assert effect.after.represented == 90
    assert effect.after.quorum is QuorumState.REDUCED


@pytest.mark.parametrize("change,session", [
    (Change.ONE_MORE_PRESENT, aggregate(10, 10, 5, 5)),
    (Change.NO_TO_ABSTENTION, aggregate(10, 10, 5, 0, 5)),
    (Change.MEMBER_IN_ARREARS, aggregate(10, 10, 0, 0, 10)),
    (Change.MEMBER_IN_ARREARS, aggregate(10, 10, 5, 0,
                                         rules=dataclasses.replace(ASSEMBLY, arrears=None))),
])
def test_what_if_that_cannot_apply_says_so(change, session):
    effect = what_if(session, change)
    assert not effect.applicable and effect.after is None and effect.session is None
    assert effect.text("en") and effect.text("fr")


@given(aggregate_sessions(), st.sampled_from(list(Change)))
def test_what_if_after_is_what_evaluate_says_of_the_changed_session(session, change):
    effect = what_if(session, change)
    (before,) = evaluate(session)
    assert effect.before == before
    if effect.applicable:
        (after,) = evaluate(effect.session)
        assert effect.after == after
        assert effect.changed == (after.status is not before.status)
        if change is Change.ONE_MORE_PRESENT:
            assert effect.session.present == session.present + 1
        elif change is Change.NO_TO_ABSTENTION:
            assert (after.no, after.abstain) == (before.no - 1, before.abstain + 1)
        else:
            assert after.votes_cast == before.votes_cast - 1
    for lang in ("en", "fr"):
        assert "{" not in effect.text(lang)


# --- Catalogues -----------------------------------------------------------------------

def test_teaching_catalogues_have_the_same_keys_and_placeholders():
    en, fr = teaching_catalogue("en"), teaching_catalogue("fr")
    assert set(en) == set(fr)

    def placeholders(template: str) -> set[str]:
        # The body's name comes in three forms (the, The, of the) that grammar picks from.
        names = set(re.findall(r"\{(\w+)\}", template))
        return {"body" if name.lower().endswith("the_body") else name for name in names}

    for key in en:
        assert placeholders(en[key]) == placeholders(fr[key]), key


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_scenario_walks_through_in_both_languages(path):
    scenario = load_scenario(path)
    for decision in scenario.session.decisions:
        steps = walkthrough(scenario, decision.id)
        for lang in ("en", "fr"):
            for line in render_walkthrough(steps, lang):
                assert "{" not in line and "walk." not in line and "status." not in line
        json.dumps([s.to_dict() for s in steps])
        for change in Change:
            json.dumps(what_if(scenario, change, decision.id).to_dict())


# --- The command ------------------------------------------------------------------------

def test_cli_walkthrough_default_scenario():
    result = runner.invoke(app, ["walkthrough"])
    assert result.exit_code == 0, result.output
    assert "1. Convocation  [Art. 22(4)]" in result.stdout
    assert "What changes if" in result.stdout


def test_cli_walkthrough_json_contract():
    result = runner.invoke(app, ["walkthrough", str(SCENARIOS / "paradox-written-route.yaml"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["decision"] == "proposal"
    assert [s["stage"] for s in data["steps"]] == [s.value for s in ORDER]
    assert {"stage", "article", "title", "text", "figures", "trace"} <= set(data["steps"][0])
    assert data["steps"][-1]["figures"]["status"]["en"] == "executory"
    assert [w["change"] for w in data["what_if"]] == [c.value for c in Change]


@pytest.mark.parametrize("args", [
    ["walkthrough", "no-such-file.yaml"],
    ["walkthrough", "--decision", "nope"],
    ["walkthrough", "--lang", "de"],
    ["walkthrough", "--requests", "3"],
])
def test_cli_walkthrough_bad_input_is_one_line_and_exit_2(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("quorum: ")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_walkthrough(lang):
    result = runner.invoke(app, ["walkthrough", str(SCENARIOS / "paradox-written-route.yaml"),
                                 "--lang", lang])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"walkthrough_{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_walkthrough_accepts_a_changed_session():
    scenario = load_scenario(SCENARIOS / "paradox-abstention.yaml")
    effect = what_if(scenario, Change.NO_TO_ABSTENTION)
    steps = walkthrough(effect.session)
    assert by_stage(steps, Stage.RESULT).figure("status").key == "status.executory"
    assert dataclasses.replace(scenario, session=effect.session).session is effect.session
