"""What-if test cases: hypothesis strategies and the brute-force reference.

The reference enumerates every outcome of every member (absent and silent, absent and
replying yes/no/abstain, represented and voting yes/no/abstain), builds the roster session
that outcome describes, and asks the core's public :func:`quorum.evaluate_decision` what
becomes of the decision; probabilities are summed over outcomes. Blocs are enumerated over
their lines as well. Nothing here shares code with the engine.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quorum import (
    Choice,
    Count,
    Decision,
    Member,
    QuorumState,
    Session,
    Status,
    Votes,
    WrittenProcedure,
    decide,
    evaluate_decision,
    get_body,
)
from quorum.probability import compile_model
from quorum.scenario import Scenario, scenario_from_mapping

SESSION_DATE = date(2026, 10, 1)
CHOICES = ("yes", "no", "abstain")

CUSTOM_BODY: dict[str, Any] = {
    "id": "custom",
    "quorum": {"fraction": "1/2", "strict": True},
    "reduced_quorum": {"fraction": "1/4"},
    "majorities": {
        "both": {"all_of": [{"fraction": "1/2", "base": "present"},
                            {"fraction": "3/5", "base": "votes_cast", "strict": True}]},
        "of-members": {"fraction": "1/3", "base": "members"},
        "unanimity": {"fraction": "1", "base": "votes_cast"},
        "present-procedural": {"fraction": "2/3", "base": "present", "strict": True,
                               "written_procedure": False},
    },
}
PRESETS = ("berne-assembly", "berne-executive-committee", "un-general-assembly",
           "wipo-general-assembly")


def body_and_kind(draw: st.DrawFn) -> tuple[Any, str]:
    """A body (preset or custom with every base) as scenario data, and one of its kinds."""
    if draw(st.booleans()):
        name = draw(st.sampled_from(PRESETS))
        return name, draw(st.sampled_from(get_body(name).kinds))
    return CUSTOM_BODY, draw(st.sampled_from(tuple(CUSTOM_BODY["majorities"])))


def shares(draw: st.DrawFn, steps: int = 10) -> dict[str, str]:
    """A yes/no/abstain distribution in tenths, written as exact decimals."""
    yes = draw(st.integers(0, steps))
    no = draw(st.integers(0, steps - yes))
    return {"yes": f"{yes / steps}", "no": f"{no / steps}",
            "abstain": f"{(steps - yes - no) / steps}"}


def prob(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(("0", "0.1", "0.25", "0.4", "0.5", "0.6", "0.75", "0.9", "1")))


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    return {"present": prob(draw), "vote": shares(draw),
            "written": {"reply": prob(draw), **shares(draw)}}


@st.composite
def roster_scenarios(draw: st.DrawFn, max_members: int = 4, blocs: bool = True,
                     arrears: bool = True) -> Scenario:
    """A small roster scenario with a model: groups, per-member figures, arrears, blocs."""
    body, kind = body_and_kind(draw)
    n = draw(st.integers(1, max_members))
    members = []
    for i in range(n):
        m: dict[str, Any] = {"id": f"M{i}", "group": draw(st.sampled_from(("g1", "g2")))}
        if arrears and draw(st.integers(0, 3)) == 0:
            m.update(arrears=200, dues={2024: 100, 2025: 100})
        members.append(m)
    model: dict[str, Any] = draw(profiles())
    used = {m["group"] for m in members}
    if "g1" in used and draw(st.booleans()):
        model["groups"] = {"g1": draw(profiles())}
    if draw(st.booleans()):
        model["members"] = {"M0": draw(profiles())}
    if blocs and "g2" in used and draw(st.booleans()):
        model["blocs"] = {"g2": {"cohesion": prob(draw), "line": shares(draw, 4)}}
    interpretation = {
        "adopt_with_no_votes_cast": draw(st.booleans()),
        "arrears_count_for_quorum": draw(st.booleans()),
    }
    data = {"body": body, "date": SESSION_DATE.isoformat(), "members": members,
            "interpretation": interpretation, "model": model,
            "decisions": [{"id": "d", "kind": kind}]}
    return scenario_from_mapping(data, "<generated>")


@st.composite
def aggregate_scenarios(draw: st.DrawFn, max_members: int = 60) -> Scenario:
    """An aggregate scenario (``members: N``), everyone alike or with sized groups."""
    body, kind = body_and_kind(draw)
    n = draw(st.integers(1, max_members))
    model: dict[str, Any] = draw(profiles())
    if draw(st.booleans()) and n > 1:
        size = draw(st.integers(1, n))
        model["groups"] = {"g1": {"size": size, **draw(profiles())}}
        if draw(st.booleans()):
            model["blocs"] = {"g1": {"cohesion": prob(draw), "line": shares(draw, 4)}}
    data = {"body": body, "members": n, "model": model,
            "interpretation": {"adopt_with_no_votes_cast": draw(st.booleans())},
            "decisions": [{"id": "d", "kind": kind}]}
    return scenario_from_mapping(data, "<generated>")


# ---------------------------------------------------------------------------------------
# Brute force through the core's public evaluation


def _outcomes(present: float, vote: Any, reply: float, written: Any
              ) -> list[tuple[tuple[str, str | None], float]]:
    out: list[tuple[tuple[str, str | None], float]] = [
        (("absent", None), (1 - present) * (1 - reply))]
    for k, c in enumerate(CHOICES):
        out.append((("reply", c), (1 - present) * reply * written[k]))
        out.append((("present", c), present * vote[k]))
    return [(o, p) for o, p in out if p > 0]


def brute_force(scenario: Scenario) -> dict[str, float]:
    """P(full), P(reduced), P(no quorum), P(adopted), P(executory) by enumeration."""
    cm = compile_model(scenario)
    session = scenario.session
    assert session.roster is not None
    organ = [m for m in session.roster if not m.observer]
    decision = session.decisions[0]
    used = sorted({int(b) for b in cm.bloc if b >= 0})
    line_choices = [[(k, cm.blocs[b].line[k]) for k in range(3) if cm.blocs[b].line[k] > 0]
                    for b in used]
    totals = dict.fromkeys(("full", "reduced", "none", "adopted", "executory"), 0.0)
    for lines in itertools.product(*line_choices):
        weight = 1.0
        chosen = {}
        for b, (k, p) in zip(used, lines, strict=True):
            weight *= p
            chosen[b] = k
        per_member = []
        for i in range(cm.members):
            vote, written = list(cm.vote[i]), list(cm.written[i])
            b = int(cm.bloc[i])
            if b >= 0:
                coh = cm.blocs[b].cohesion
                vote = [coh * (k == chosen[b]) + (1 - coh) * vote[k] for k in range(3)]
                written = [coh * (k == chosen[b]) + (1 - coh) * written[k] for k in range(3)]
            per_member.append(_outcomes(cm.present[i], vote, cm.reply[i], written))
        for combo in itertools.product(*per_member):
            p = weight
            for _, q in combo:
                p *= q
            outcome = _evaluate(session, organ, decision, [o for o, _ in combo], cm)
            state, status = outcome.quorum, outcome.status
            totals["full" if state is QuorumState.FULL else
                   "reduced" if state is QuorumState.REDUCED else "none"] += p
            totals["adopted"] += p * outcome.adopted
            totals["executory"] += p * (status is Status.EXECUTORY)
    return totals


def _evaluate(session: Session, organ: list[Member], decision: Decision,
              outcomes: list[tuple[str, str | None]], cm: Any) -> Any:
    roster = []
    votes = []
    replies = []
    for i, (member, (where, choice)) in enumerate(zip(organ, outcomes, strict=True)):
        roster.append(replace(member, present=where == "present"))
        if where == "present" and cm.has_vote[i]:
            votes.append((member.id, Choice(choice)))
        elif where == "reply":
            replies.append((member.id, Choice(choice)))

    def run(written: WrittenProcedure | None) -> Any:
        d = Decision(decision.id, decision.kind, member_votes=tuple(votes), written=written)
        probe = Session.from_roster(session.rules, tuple(roster), (d,), session.date,
                                    session.currency_unit)
        return evaluate_decision(probe, d, 0)

    first = run(None)
    if first.quorum is not QuorumState.REDUCED:
        return first
    # The period has run out: every reply is in (none at all is zero replies).
    return run(WrittenProcedure(member_replies=tuple(replies)) if replies
               else WrittenProcedure(replies=Votes()))


def brute_force_counts(scenario: Scenario) -> dict[str, float]:
    """The same enumeration for an aggregate scenario (no roster, no blocs): each outcome is
    reduced to a :class:`Count` and decided by the public :func:`quorum.decide`."""
    cm = compile_model(scenario)
    rules = scenario.rules
    kind = scenario.session.decisions[0].kind
    per_member = [_outcomes(cm.present[i], cm.vote[i], cm.reply[i], cm.written[i])
                  for i in range(cm.members)]
    totals = dict.fromkeys(("full", "reduced", "none", "adopted", "executory"), 0.0)
    for combo in itertools.product(*per_member):
        p = 1.0
        present = {c: 0 for c in CHOICES}
        written = {c: 0 for c in CHOICES}
        for (where, choice), q in combo:
            p *= q
            if where == "present":
                present[str(choice)] += 1
            elif where == "reply":
                written[str(choice)] += 1
        votes = Votes(present["yes"], present["no"], present["abstain"])
        replies = Votes(written["yes"], written["no"], written["abstain"])
        count = Count(members=cm.members, represented=votes.total, votes=votes,
                      present_voters=votes.total, written=replies, written_votes=replies)
        outcome = decide(rules, kind, count, WrittenProcedure())
        state = outcome.quorum
        totals["full" if state is QuorumState.FULL else
               "reduced" if state is QuorumState.REDUCED else "none"] += p
        totals["adopted"] += p * outcome.adopted
        totals["executory"] += p * (outcome.status is Status.EXECUTORY)
    return totals


# ---------------------------------------------------------------------------------------
# The strategies themselves


@settings(max_examples=20, deadline=None)
@given(roster_scenarios())
def test_generated_roster_scenarios_compile(scenario: Scenario) -> None:
    cm = compile_model(scenario)
    assert cm.members == len(scenario.session.roster or ())
    assert ((cm.vote.sum(axis=1) - 1) ** 2 < 1e-24).all()


def test_arrears_in_generated_rosters_cost_the_vote() -> None:
    data = {"body": "berne-assembly", "date": SESSION_DATE.isoformat(),
            "members": [{"id": "A"}, {"id": "B", "arrears": 200, "dues": {2024: 100,
                                                                          2025: 100}}],
            "model": {"present": 0.5, "vote": {"yes": 1}}, "decisions": [{"id": "d"}]}
    cm = compile_model(scenario_from_mapping(data, "<t>"))
    assert cm.has_vote.tolist() == [True, False]  # Art. 25(4)(e): 200 >= 100 + 100
    assert Fraction(1, 2) == Fraction(str(cm.present[1]))
