"""Invariants of the election count, over records hypothesis builds ballot by ballot."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given

from quorum.elections import run_election

from .election_strategies import recorded_elections


@given(recorded_elections())
def test_every_elected_candidate_met_the_exact_majority(case):
    election, present = case
    result = run_election(election, present, present)
    fraction = election.procedure.majority.threshold.fraction
    for r in result.rounds:
        if r.votes is None or r.tie:
            continue
        assert r.cast == sum(v for _, v in r.votes)
        assert r.majority_required is not None and r.base_total is not None
        for cid in r.elected:
            got = r.votes_of(cid)
            assert got >= r.majority_required
            assert Fraction(got, r.base_total) > fraction if r.base_total else got >= 1


@given(recorded_elections())
def test_eliminated_or_withdrawn_candidates_never_come_back(case):
    election, present = case
    result = run_election(election, present, present)
    gone: set[str] = set()
    for r in result.rounds:
        assert not gone & set(r.candidates)
        assert not gone & {c for c, _ in (r.votes or ())}
        gone |= set(r.eliminated) | set(r.withdrawn) | set(r.elected)
    if result.next_round is not None:
        assert not gone & set(result.next_round)


@given(recorded_elections())
def test_seats_are_never_exceeded_and_status_matches(case):
    election, present = case
    result = run_election(election, present, present)
    assert len(result.elected) <= election.seats
    assert len(set(result.elected)) == len(result.elected)
    assert (result.status == "elected") == (len(result.elected) == election.seats)
    assert (result.next_round is None) == (result.status != "open")


@given(recorded_elections())
def test_the_majority_required_is_the_smallest_integer_meeting_the_fraction(case):
    election, present = case
    threshold = election.procedure.majority.threshold
    for r in run_election(election, present, present).rounds:
        if r.majority_required is None or r.base_total is None:
            continue
        need = r.majority_required
        assert need == 1 or threshold.met(need, r.base_total)
        assert need == 1 or not threshold.met(need - 1, r.base_total)
