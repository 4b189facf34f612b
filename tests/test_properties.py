"""Invariants of the rules, checked on generated sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from quorum import (
    Choice,
    Decision,
    Member,
    QuorumState,
    Session,
    Threshold,
    Votes,
    evaluate_decision,
    get_body,
)

from .strategies import aggregate_sessions

ORDER = {QuorumState.NONE: 0, QuorumState.REDUCED: 1, QuorumState.FULL: 2}


def outcome(session: Session):
    return evaluate_decision(session, session.decisions[0])


def with_votes(session: Session, votes: Votes) -> Session:
    d = replace(session.decisions[0], votes=votes)
    return replace(session, decisions=(d,))


@given(aggregate_sessions())
@example(Session(get_body("berne-assembly"), 181, 91, (Decision("d", None, Votes(60, 31, 0)),)))
def test_no_turned_yes_never_unadopts(session):
    before = outcome(session)
    v = session.decisions[0].votes
    if v.no == 0:
        return
    after = outcome(with_votes(session, Votes(v.yes + 1, v.no - 1, v.abstain)))
    assert after.adopted or not before.adopted


@given(aggregate_sessions())
def test_no_turned_abstention_never_unadopts(session):
    before = outcome(session)
    v = session.decisions[0].votes
    if v.no == 0:
        return
    after = outcome(with_votes(session, Votes(v.yes, v.no - 1, v.abstain + 1)))
    assert after.adopted or not before.adopted


@given(aggregate_sessions())
def test_one_more_represented_member_never_lowers_quorum_state(session):
    if session.present >= session.members:
        return
    before = outcome(session)
    after = outcome(replace(session, present=session.present + 1))
    assert ORDER[after.quorum] >= ORDER[before.quorum]


@given(aggregate_sessions())
def test_status_is_consistent_with_adoption_and_quorum(session):
    out = outcome(session)
    if out.quorum is QuorumState.NONE:
        assert out.status.value == "no-quorum" and not out.adopted
    if out.adopted:
        assert out.status.value in ("executory", "pending")
    else:
        assert out.status.value in ("rejected", "no-quorum")
    assert out.votes_cast == out.yes + out.no


@given(aggregate_sessions())
@example(Session(get_body("berne-assembly"), 10, 10, (Decision("d", None, Votes(0, 0, 10)),)))
def test_min_yes_is_exactly_the_boundary(session):
    out = outcome(session)
    if out.quorum is QuorumState.NONE or out.min_yes is None:
        return
    rules = session.rules
    majority = rules.majority(session.decisions[0].kind)
    v = session.decisions[0].votes
    m = out.min_yes
    assert majority.met(m, v.no, session.present, session.members)
    if m - 1 == 0 and v.no == 0:
        # no vote cast at all: decided by the interpretation switch, off by default
        assert not rules.interpretation.adopt_with_no_votes_cast
    elif m > 0:
        assert not majority.met(m - 1, v.no, session.present, session.members)


@given(st.fractions(min_value=0, max_value=1, max_denominator=12), st.booleans(),
       st.integers(min_value=0, max_value=500))
def test_threshold_minimum_is_the_smallest_count_that_meets(fraction, strict, total):
    t = Threshold(Fraction(fraction), strict)
    m = t.minimum(total)
    assert t.met(m, total)
    assert m == 0 or not t.met(m - 1, total)


@st.composite
def rosters(draw):
    n = draw(st.integers(min_value=1, max_value=25))
    members = []
    votes = {}
    for i in range(n):
        present = draw(st.booleans())
        arrears = draw(st.sampled_from([0, 0, 0, 150, 250]))
        members.append(Member(f"M{i}", present=present, arrears=Fraction(arrears),
                              dues=((2024, Fraction(100)), (2025, Fraction(100)))))
        if present:
            choice = draw(st.sampled_from([None, "yes", "no", "abstain"]))
            if choice:
                votes[f"M{i}"] = Choice(choice)
    return members, votes


@given(rosters(), st.randoms(use_true_random=False))
def test_outcome_does_not_depend_on_member_order(data, rnd):
    members, votes = data
    rules = get_body("berne-assembly")
    decision = Decision("d", None, member_votes=tuple(votes.items()))
    a = Session.from_roster(rules, tuple(members), (decision,), date(2026, 9, 1))
    shuffled = list(members)
    rnd.shuffle(shuffled)
    items = list(votes.items())
    rnd.shuffle(items)
    decision_b = Decision("d", None, member_votes=tuple(items))
    b = Session.from_roster(rules, tuple(shuffled), (decision_b,), date(2026, 9, 1))
    oa, ob = outcome(a), outcome(b)
    assert (oa.status, oa.quorum, oa.yes, oa.no, oa.abstain) == (
        ob.status, ob.quorum, ob.yes, ob.no, ob.abstain)
