"""The paradox gallery: each file shows its effect, and its variant shows the flip.

Every test loads the scenario file, evaluates it with the public ``evaluate``, builds the
variant the file's comment describes with ``dataclasses.replace`` and asserts that the
result changes.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from quorum import QuorumState, Status, Votes, evaluate, voting_right
from quorum.scenario import load_scenario
from quorum.walkthrough import Change, what_if

from .conftest import SCENARIOS

PARADOXES = ("paradox-abstention.yaml", "paradox-no-show.yaml", "paradox-written-route.yaml",
             "paradox-arrears-swing.yaml")


def load(name: str):
    return load_scenario(SCENARIOS / name)


def with_votes(session, votes: Votes, present: int | None = None):
    (decision,) = session.decisions
    changed = replace(session, decisions=(replace(decision, votes=votes),))
    return changed if present is None else replace(changed, present=present)


@pytest.mark.parametrize("name", PARADOXES)
def test_each_paradox_file_explains_itself_at_the_top(name):
    text = (SCENARIOS / name).read_text("utf-8")
    comment = [line for line in text.splitlines() if line.startswith("#")]
    assert text.startswith("# Paradox:") and len(comment) >= 5
    assert "Art." in comment[0]
    assert load(name).title.startswith("Paradox:")


def test_art22_3_e_abstention_paradox_moving_from_no_to_abstain_passes_the_proposal():
    session = load("paradox-abstention.yaml").session
    (before,) = evaluate(session)
    assert (before.yes, before.no, before.abstain) == (60, 31, 9)
    assert before.status is Status.REJECTED
    (after,) = evaluate(with_votes(session, Votes(60, 30, 10)))
    assert after.status is Status.EXECUTORY
    # the walkthrough's control shows the same flip
    assert what_if(session, Change.NO_TO_ABSTENTION).after == after


def test_art22_3_c_no_show_paradox_staying_away_denies_the_quorum():
    session = load("paradox-no-show.yaml").session
    (away,) = evaluate(session)
    assert away.represented == 60 and away.quorum is QuorumState.NONE
    assert away.status is Status.NO_QUORUM and not away.adopted
    # the absent opponent comes and votes no: it loses, and the decision is taken
    (present,) = evaluate(with_votes(session, Votes(41, 20, 0), present=61))
    assert present.quorum is QuorumState.REDUCED
    assert present.adopted and present.status is Status.PENDING
    # the walkthrough's control (the newcomer abstains) shows the same flip
    control = what_if(session, Change.ONE_MORE_PRESENT)
    assert control.after.adopted and control.after.status is Status.PENDING


def test_art22_3_b_no_show_paradox_at_one_half_turns_executory_into_waiting():
    session = load("paradox-no-show.yaml").session
    (decision,) = session.decisions
    at_half = replace(session, present=91,
                      decisions=(replace(decision, votes=Votes(61, 30, 0), written=None),))
    assert evaluate(at_half)[0].represented == 91
    assert evaluate(at_half)[0].status is Status.EXECUTORY
    (away,) = evaluate(with_votes(at_half, Votes(61, 29, 0), present=90))
    assert away.status is Status.PENDING


def test_art22_3_c_written_route_a_third_of_members_and_written_abstentions():
    session = load("paradox-written-route.yaml").session
    (outcome,) = evaluate(session)
    assert outcome.represented * 3 == session.members + 2  # 61: one-third, rounded up
    assert outcome.quorum is QuorumState.REDUCED
    assert outcome.yes * 4 < session.members  # fewer than one member in four voted yes
    assert outcome.written.received == outcome.written.abstain == 30
    assert outcome.written_replies_needed == 30
    assert outcome.status is Status.EXECUTORY
    (decision,) = session.decisions
    one_less = replace(decision, written=replace(decision.written, replies=Votes(0, 0, 29)))
    (lapsed,) = evaluate(replace(session, decisions=(one_less,)))
    assert lapsed.status is Status.LAPSED


def test_art25_4_e_arrears_swing_a_payment_the_day_before_the_session():
    session = load("paradox-arrears-swing.yaml").session
    (before,) = evaluate(session)
    assert (before.yes, before.no) == (4, 2) and before.status is Status.EXECUTORY
    ruritania = next(m for m in session.roster if m.id == "RU")
    right = voting_right(ruritania, session.rules.arrears, session.date,
                         session.currency_unit)
    assert not right.has_vote and right.restore_payment == Fraction(51)

    def after_paying(amount: int):
        paid = replace(ruritania, arrears=ruritania.arrears - amount)
        roster = tuple(paid if m.id == "RU" else m for m in session.roster)
        return evaluate(session.with_roster(roster))[0]

    paid = after_paying(51)
    assert (paid.yes, paid.no) == (4, 3) and paid.status is Status.REJECTED
    assert after_paying(50).status is Status.EXECUTORY
    # represented either way: the vote, not the membership, was suspended
    assert paid.represented == before.represented == 7


def test_art22_3_g_arrears_swing_observer_neither_votes_nor_counts():
    session = load("paradox-arrears-swing.yaml").session
    observers = [m for m in session.roster if m.observer]
    assert [m.id for m in observers] == ["MV"] and observers[0].present
    assert session.members == 8 and evaluate(session)[0].represented == 7
