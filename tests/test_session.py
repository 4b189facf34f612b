"""Hand-worked legal cases: each test names the article it checks."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from quorum import (
    Choice,
    Decision,
    Member,
    QuorumState,
    Session,
    Status,
    Votes,
    WrittenProcedure,
    evaluate_decision,
    get_body,
)

from .strategies import one_decision

ASSEMBLY = get_body("berne-assembly")
COMMITTEE = get_body("berne-executive-committee")


def run(members: int, present: int, yes: int, no: int, abstain: int = 0, kind: str | None = None,
        written: WrittenProcedure | None = None, rules=ASSEMBLY):
    session = one_decision(members, present, yes, no, abstain, kind, written, rules)
    return evaluate_decision(session, session.decisions[0])


# --- Art. 22(3)(b): quorum of one-half --------------------------------------------------

def test_art22_3_b_quorum_181_members_91_present_is_full():
    assert run(181, 91, 60, 20).quorum is QuorumState.FULL


def test_art22_3_b_quorum_181_members_90_present_is_not_full():
    assert run(181, 90, 60, 20).quorum is QuorumState.REDUCED


@pytest.mark.parametrize("members,needed", [(180, 90), (181, 91), (4, 2), (5, 3), (1, 1)])
def test_art22_3_b_quorum_even_and_odd_memberships(members, needed):
    assert run(members, needed, 0, 0).quorum is QuorumState.FULL
    assert run(members, needed - 1, 0, 0).quorum is not QuorumState.FULL


# --- Art. 22(3)(c): reduced quorum band and written procedure -------------------------------

@pytest.mark.parametrize("members,lowest", [(181, 61), (180, 60), (7, 3), (9, 3)])
def test_art22_3_c_reduced_quorum_one_third_boundary(members, lowest):
    assert run(members, lowest, 1, 0).quorum is QuorumState.REDUCED
    assert run(members, lowest - 1, 1, 0).quorum is QuorumState.NONE


def test_art22_3_c_below_one_third_no_decision():
    out = run(181, 60, 60, 0)
    assert out.status is Status.NO_QUORUM and not out.adopted


def test_art22_3_c_reduced_quorum_decision_pending_with_deadline():
    out = run(181, 61, 40, 20, 1, written=WrittenProcedure(date(2026, 11, 30)))
    assert out.status is Status.PENDING and out.adopted
    assert out.written_replies_needed == 30  # ceil(181/2) - 61
    assert out.deadline == date(2027, 2, 28)  # RULES.md "Periods"


def test_art22_3_c_written_replies_make_decision_executory():
    out = run(181, 61, 40, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(20, 5, 5)))
    assert out.status is Status.EXECUTORY and out.deadline == date(2026, 10, 15)


def test_art22_3_c_written_abstentions_count_as_replies_not_votes():
    out = run(181, 61, 40, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(0, 0, 30)))
    assert out.status is Status.EXECUTORY
    assert out.written is not None and out.written.received == 30


def test_art22_3_c_too_few_replies_lapses():
    out = run(181, 61, 40, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(29, 0, 0)))
    assert out.status is Status.LAPSED and out.adopted


def test_art22_3_c_written_no_votes_can_break_the_majority():
    # 40 yes 20 no at the session; 30 written "no" make 40 yes vs 50 no.
    out = run(181, 61, 40, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(0, 30, 0)))
    assert out.status is Status.LAPSED
    assert out.written is not None and out.written.majority_met is False


def test_art22_3_c_procedural_decision_executory_at_once_under_reduced_quorum():
    out = run(181, 61, 40, 20, kind="procedural")
    assert out.status is Status.EXECUTORY and out.written_replies_needed == 0


def test_art22_3_c_written_reply_under_full_quorum_is_an_error():
    with pytest.raises(ValueError, match="quorum was met"):
        run(181, 100, 60, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(1, 0, 0)))


def test_art22_3_c_more_written_replies_than_absent_members_is_an_error():
    with pytest.raises(ValueError, match="written replies"):
        run(181, 61, 40, 20, written=WrittenProcedure(date(2026, 7, 15), Votes(121, 0, 0)))


# --- Art. 22(3)(d), (e): two-thirds of votes cast, abstentions not votes --------------------

@pytest.mark.parametrize("yes,no,adopted", [(40, 20, True), (39, 20, False), (2, 1, True),
                                             (1, 1, False), (66, 34, False), (67, 33, True)])
def test_art22_3_d_two_thirds_of_votes_cast(yes, no, adopted):
    assert run(181, 100, yes, no).adopted is adopted


def test_art22_3_e_abstentions_do_not_count_as_votes_cast():
    out = run(181, 100, 20, 10, 70)
    assert out.votes_cast == 30 and out.adopted


def test_art22_3_e_abstention_effect_no_to_abstain_can_pass_a_proposal():
    assert not run(181, 100, 60, 31, 9).adopted
    assert run(181, 100, 60, 30, 10).adopted


def test_art22_3_d_no_votes_cast_is_not_adopted_by_default():
    out = run(181, 100, 0, 0, 100)
    assert out.status is Status.REJECTED


def test_art22_3_d_switch_adopt_with_no_votes_cast():
    rules = ASSEMBLY.with_interpretation(adopt_with_no_votes_cast=True)
    assert run(181, 100, 0, 0, 100, rules=rules).status is Status.EXECUTORY


# --- Art. 26(2): amendments -------------------------------------------------------------------

@pytest.mark.parametrize("yes,no,adopted", [(75, 25, True), (74, 25, False), (3, 1, True),
                                             (2, 1, False)])
def test_art26_2_amendment_three_fourths(yes, no, adopted):
    assert run(181, 100, yes, no, kind="amendment").adopted is adopted


@pytest.mark.parametrize("yes,no,adopted", [(80, 20, True), (79, 20, False), (4, 1, True),
                                             (3, 1, False)])
def test_art26_2_amendment_of_art22_four_fifths(yes, no, adopted):
    assert run(181, 100, yes, no, kind="amendment-art22").adopted is adopted


def test_art26_3_acceptances_for_entry_into_force_181_members():
    assert ASSEMBLY.card(181).amendment_acceptances == 136
    assert ASSEMBLY.card(4).amendment_acceptances == 3


# --- Art. 23: Executive Committee -------------------------------------------------------------

def test_art23_8_c_simple_majority_tie_fails():
    assert not run(46, 40, 20, 20, rules=COMMITTEE).adopted
    assert run(46, 41, 21, 20, rules=COMMITTEE).adopted


def test_art23_8_b_committee_has_no_reduced_quorum_band():
    out = run(46, 22, 20, 0, rules=COMMITTEE)
    assert out.quorum is QuorumState.NONE and out.status is Status.NO_QUORUM
    assert run(46, 23, 20, 0, rules=COMMITTEE).status is Status.EXECUTORY


def test_art23_3_and_23_5_b_seats_and_reelection_cap():
    card = ASSEMBLY.card(181)
    assert card.executive_committee_seats == 45
    assert card.executive_committee_reelection_cap == 30
    assert card.executive_committee_ex_officio == 1


def test_art22_4_b_extraordinary_session_one_fourth():
    assert ASSEMBLY.card(181).extraordinary_session_requests == 46
    assert ASSEMBLY.card(180).extraordinary_session_requests == 45


# --- Art. 25(4)(e): loss of vote for arrears --------------------------------------------------

def _member(mid: str, present: bool = True, arrears: int = 0, exception: bool = False) -> Member:
    dues = ((2024, Fraction(100)), (2025, Fraction(100)), (2026, Fraction(100)))
    return Member(mid, present=present, arrears=Fraction(arrears), dues=dues,
                  arrears_exception=exception)


def _roster_run(roster, votes, rules=ASSEMBLY, on=date(2026, 9, 1), written=None):
    decision = Decision("d", None, member_votes=tuple((k, Choice(v)) for k, v in votes.items()),
                        written=written)
    session = Session.from_roster(rules, tuple(roster), (decision,), on)
    return evaluate_decision(session, decision)


def test_art25_4_e_arrears_equal_to_two_years_lose_the_vote():
    roster = [_member("A", arrears=200), _member("B"), _member("C")]
    out = _roster_run(roster, {"A": "yes", "B": "no", "C": "yes"})
    assert (out.yes, out.no) == (1, 1)
    assert any(s.key == "votes.not_counted" for s in out.trace)


def test_art25_4_e_arrears_below_two_years_keep_the_vote():
    roster = [_member("A", arrears=199), _member("B"), _member("C")]
    out = _roster_run(roster, {"A": "yes", "B": "no", "C": "yes"})
    assert (out.yes, out.no) == (2, 1)


def test_art25_4_e_exception_keeps_the_vote():
    roster = [_member("A", arrears=500, exception=True), _member("B"), _member("C")]
    out = _roster_run(roster, {"A": "yes", "B": "no", "C": "yes"})
    assert out.yes == 2


def test_art25_4_e_two_preceding_full_years_depend_on_the_session_date():
    # On 2026-01-01 the preceding years are 2025 and 2024: threshold 200.
    from quorum import voting_right

    member = _member("A", arrears=200)
    rule = ASSEMBLY.arrears
    assert not voting_right(member, rule, date(2026, 1, 1)).has_vote
    right = voting_right(member, rule, date(2026, 1, 1))
    assert right.restore_payment == 1  # leaves 199, strictly below 200


def test_art25_4_e_member_in_arrears_counts_for_quorum_by_default():
    roster = [_member("A", arrears=300), _member("B", present=False), _member("C", present=False)]
    out = _roster_run(roster, {"A": "yes"})
    assert out.represented == 1 and out.quorum is QuorumState.REDUCED


def test_art25_4_e_switch_member_in_arrears_not_counted_for_quorum():
    rules = ASSEMBLY.with_interpretation(arrears_count_for_quorum=False)
    roster = [_member("A", arrears=300), _member("B", present=False), _member("C", present=False)]
    out = _roster_run(roster, {"A": "yes"}, rules=rules)
    assert out.represented == 0 and out.status is Status.NO_QUORUM


@pytest.mark.parametrize("reply,reported", [("abstain", False), ("yes", True)])
def test_art25_4_e_written_reply_without_the_vote_reported_only_when_a_vote(reply, reported):
    """As at the session, a member without the vote that abstains in writing is not listed
    as a vote not counted; its yes or no is (Art. 22(3)(c) with Art. 25(4)(e))."""
    roster = [_member("A"), _member("B", present=False, arrears=300),
              _member("C", present=False)]
    written = WrittenProcedure(date(2026, 9, 1), None, (("B", Choice(reply)),))
    out = _roster_run(roster, {"A": "yes"}, written=written)
    assert ("written.not_counted" in [s.key for s in out.trace]) is reported


def test_art25_4_e_switch_off_written_reply_without_the_vote_is_not_counted_at_all():
    rules = ASSEMBLY.with_interpretation(arrears_count_for_quorum=False)
    roster = [_member("A"), _member("B", present=False, arrears=300),
              _member("C", present=False)]
    written = WrittenProcedure(date(2026, 9, 1), None, (("B", Choice.YES),))
    out = _roster_run(roster, {"A": "yes"}, rules=rules, written=written)
    keys = [s.key for s in out.trace]
    assert "written.not_counted_at_all" in keys and "written.not_counted" not in keys
    assert out.written is not None and out.written.received == 0
    assert "not counted, neither as replies nor as votes" in out.explanation("en")[
        keys.index("written.not_counted_at_all")]


def test_art22_3_g_observers_do_not_count():
    roster = [_member("A"), _member("B", present=False),
              Member("O", present=True, observer=True)]
    decision = Decision("d", None, member_votes=(("A", Choice.YES),))
    session = Session.from_roster(ASSEMBLY, tuple(roster), (decision,), date(2026, 9, 1))
    out = evaluate_decision(session, decision)
    assert out.members == 2 and out.represented == 1


def test_art22_3_c_roster_written_reply_from_present_member_is_an_error():
    roster = [_member("A"), _member("B", present=False), _member("C", present=False)]
    written = WrittenProcedure(date(2026, 9, 1), None, (("A", Choice.YES),))
    with pytest.raises(ValueError, match="was represented"):
        _roster_run(roster, {"A": "yes"}, written=written)


def test_art22_3_c_roster_written_replies_from_absent_members():
    roster = [_member("A"), _member("B", present=False), _member("C", present=False)]
    written = WrittenProcedure(date(2026, 9, 1), None, (("B", Choice.ABSTAIN),))
    out = _roster_run(roster, {"A": "yes"}, written=written)
    assert out.written_replies_needed == 1 and out.status is Status.EXECUTORY


def test_vote_by_absent_member_is_an_error():
    roster = [_member("A"), _member("B", present=False)]
    with pytest.raises(ValueError, match="not present"):
        _roster_run(roster, {"B": "yes"})


def test_every_outcome_step_cites_an_article():
    out = run(181, 61, 40, 20, 1, written=WrittenProcedure(date(2026, 7, 15), Votes(20, 5, 5)))
    assert all(s.article.startswith("Art.") for s in out.trace)
    assert [s.key for s in out.trace][-1] == "status.executory_written"
