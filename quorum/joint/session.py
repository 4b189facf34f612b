"""Evaluating a joint session: each body on its own members, then the decision as a whole.

A :class:`JointSession` holds one roster (each member naming its ``bodies``), the bodies
sitting together, and decisions that each name the bodies deciding them. For every body,
:func:`sub_session` keeps the members of that body, the votes of those members and their
written replies, and hands the result to :func:`quorum.session.evaluate_decision`: quorum,
voting rights, majorities and the written procedure are the ones a body sitting alone
applies. The decision's overall status is the first that applies of: some body without
quorum, some body rejecting, some body lapsed, some body pending, else executory.

Two rules of the WIPO Convention tie bodies together:

- the concurrent majority of Art. 6(3)(g) (:class:`quorum.rules.ConcurrentMajority`): a
  decision of one of its kinds must name every body the rule requires;
- the special count of Art. 8(6)(b) (:class:`quorum.rules.SpecialCount`): on request, the
  votes of the members of each list body are counted apart, and each list must reach its
  majority for the decision to stand.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from ..bodies import get_body, preset_names
from ..errors import ScenarioError
from ..explain import Step, bilingual, described, explanation, step
from ..members import Member, headcount
from ..numbers import quoted
from ..rules import QuorumState, RuleSet
from ..session import Choice, Decision, Outcome, Session, Status, evaluate_decision
from .memberships import derived_composition

__all__ = [
    "JointDecision",
    "JointSession",
    "SpecialCountResult",
    "JointOutcome",
    "sub_session",
    "evaluate_joint",
    "evaluate_joint_decision",
    "STATUS_ORDER",
]

#: The overall status of a decision taken by several bodies: the first that applies.
STATUS_ORDER = (Status.NO_QUORUM, Status.REJECTED, Status.LAPSED, Status.PENDING,
                Status.EXECUTORY)


@dataclass(frozen=True, slots=True)
class JointDecision:
    """A decision and the bodies that take it; ``special_count`` asks for the count of
    WIPO Conv. Art. 8(6)(b) in the body that provides one."""

    decision: Decision
    decided_by: tuple[str, ...]
    special_count: bool = False

    def fields(self) -> dict[str, Any]:
        """The scenario fields this adds to a decision (``decided_by``, ``special_count``)."""
        out: dict[str, Any] = {"decided_by": list(self.decided_by)}
        if self.special_count:
            out["special_count"] = True
        return out


@dataclass(frozen=True, slots=True)
class JointSession:
    """Several bodies sitting together with one roster."""

    bodies: tuple[RuleSet, ...]
    roster: tuple[Member, ...]
    decisions: tuple[JointDecision, ...] = ()
    date: _dt.date | None = None
    currency_unit: Fraction = Fraction(1)
    source: str = "<session>"

    def body(self, body_id: str) -> RuleSet:
        for rules in self.bodies:
            if rules.id == body_id:
                return rules
        raise KeyError(f"body {body_id!r} does not sit in this joint session")

    @property
    def body_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.bodies)


@dataclass(frozen=True, slots=True)
class SpecialCountResult:
    """One list of the special count: the votes of the members of ``list`` counted apart."""

    list: str
    yes: int
    no: int
    met: bool

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.list, "yes": self.yes, "no": self.no, "met": self.met}


@dataclass(frozen=True, slots=True)
class JointOutcome:
    """The result of a decision taken by one or several bodies."""

    id: str
    kind: str
    decided_by: tuple[str, ...]
    bodies: tuple[Outcome, ...]
    status: Status
    adopted: bool
    quorum: QuorumState
    yes: int  # the room's tally: each member counted once, if its vote counts in some body
    no: int
    abstain: int
    special_count: tuple[SpecialCountResult, ...] = ()
    trace: tuple[Step, ...] = ()

    @property
    def votes_cast(self) -> int:
        return self.yes + self.no

    def explanation(self, lang: str = "en") -> list[str]:
        return explanation(self.trace, lang)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` form: a single body's decision keys, plus ``decided_by``,
        ``bodies`` (one single-body decision per body) and ``special_count``."""
        if len(self.bodies) == 1:
            out = self.bodies[0].to_dict()
            out.update(status=self.status.value, adopted=self.adopted,
                       trace=[s.to_dict() for s in self.trace])
        else:
            out = {
                "id": self.id, "kind": self.kind, "body": " + ".join(self.decided_by),
                "quorum": self.quorum.value, "adopted": self.adopted,
                "status": self.status.value,
                "members": None, "represented": None, "quorum_required": None,
                "reduced_quorum_required": None,
                "votes_cast": self.votes_cast, "yes": self.yes, "no": self.no,
                "abstain": self.abstain,
                "majority_met": all(o.majority_met for o in self.bodies),
                "min_yes": None,
                "written_replies_needed": max(o.written_replies_needed for o in self.bodies),
                "written_replies_received": None, "deadline": None,
                "trace": [s.to_dict() for s in self.trace],
            }
        out["decided_by"] = list(self.decided_by)
        out["bodies"] = [o.to_dict() for o in self.bodies]
        if self.special_count:
            out["special_count"] = [r.to_dict() for r in self.special_count]
        return out


def _err(session: JointSession, index: int, path: str, *, key: str,
         params: dict[str, Any] | None = None) -> ScenarioError:
    where = f"decisions[{index}].{path}" if path else f"decisions[{index}]"
    return ScenarioError(session.source, where, key=key, params=params)


def sub_session(session: JointSession, body_id: str, decision: Decision) -> tuple[Session,
                                                                                     Decision]:
    """The session of one body: its own members, their votes and written replies."""
    rules = session.body(body_id)
    roster = tuple(m for m in session.roster if body_id in m.bodies)
    ids = {m.id for m in roster}
    own = replace(
        decision,
        member_votes=tuple((mid, c) for mid, c in decision.member_votes if mid in ids),
        written=None if decision.written is None else replace(
            decision.written,
            member_replies=tuple((mid, c) for mid, c in decision.written.member_replies
                                 if mid in ids)),
    )
    return Session.from_roster(rules, roster, (own,), session.date, session.currency_unit,
                               session.source), own


def _kind_for(session: JointSession, joint: JointDecision, rules: RuleSet, index: int
              ) -> tuple[str | None, Step | None]:
    """The kind of majority ``rules`` applies, and the step that says why if it is not the
    decision's own kind (a concurrent majority, Art. 6(3)(g))."""
    kind = joint.decision.kind
    if kind is None or kind in rules.kinds:
        return kind, None
    for other_id in joint.decided_by:
        other = session.body(other_id)
        rule = other.concurrent_for(kind)
        if rule is not None and rules.id in rule.bodies:
            return rule.kind, step(rule.article, "joint.concurrent_kind",
                                   body=bilingual(rules.name.en, rules.name.fr), kind=kind,
                                   applied=rule.kind)
    raise _err(session, index, "kind", key="jo_rules_id_has_no_decision_kind", params={
                   "rules_id": rules.id, "kind": quoted(kind),
                   "join_rules_kinds": ', '.join(rules.kinds)})


def _check_decision(session: JointSession, joint: JointDecision, index: int) -> None:
    if not joint.decided_by:
        raise _err(session, index, "decided_by", key="jo_no_body_takes_this_decision", params={
                       "join_session_body_ids": ', '.join(session.body_ids)})
    for body_id in joint.decided_by:
        if body_id not in session.body_ids:
            raise _err(session, index, "decided_by", key="jo_body_id_not_in_joint_2", params={
                           "body_id": quoted(body_id),
                           "join_session_body_ids": ', '.join(session.body_ids)})
    for body_id in joint.decided_by:
        rule = session.body(body_id).concurrent_for(joint.decision.kind)
        if rule is None:
            continue
        missing = [b for b in rule.bodies if b not in joint.decided_by]
        if missing:
            raise _err(session, index, "decided_by",
 key="jo_joint_decision_kind_decision_needs_majority", params={
 "joint_decision_kind": joint.decision.kind,
                                                               "join_missing": ', '.join(missing),
                                                               "rule_article": rule.article})
    if joint.special_count and not any(session.body(b).special_count
                                       for b in joint.decided_by):
        raise _err(session, index, "special_count",
                   key="jo_none_deciding_bodies_provides_special_count")


def _body_name(session: JointSession, body_id: str) -> Any:
    """A body's name in both languages: from the session, else the preset, else its id."""
    if body_id in session.body_ids:
        rules = session.body(body_id)
    elif body_id in preset_names():
        rules = get_body(body_id)
    else:
        return body_id
    return bilingual(rules.name.en, rules.name.fr)


def _special_count(session: JointSession, rules: RuleSet, outcome: Outcome, own: Decision,
                   sub: Session, index: int) -> tuple[Outcome, tuple[SpecialCountResult, ...]]:
    """Art. 8(6)(b): the lists counted apart; the decision stands only if each holds."""
    rule = rules.special_count
    assert rule is not None and sub.roster is not None
    count = headcount(rules, sub.roster, sub.date, sub.currency_unit)
    voters = {m.id for m in count.voters}
    by_id = {m.id: m for m in sub.roster}
    trace = list(outcome.trace)
    # The count on separate lists comes before the status, which it may change.
    final = trace.pop() if trace and trace[-1].key.startswith("status.") else None
    results = []
    if outcome.status is Status.NO_QUORUM:
        if final is not None:
            trace.append(final)
        trace.append(step(rule.article, "joint.special_not_reached"))
        return replace(outcome, trace=tuple(trace)), ()
    period = derived_composition(session.roster)
    if period is not None:
        trace.append(step(rule.article, "joint.special_lists_derived", period=period))
    for list_id in rule.lists:
        if not any(list_id in m.bodies for m in sub.roster if not m.observer):
            raise ScenarioError(session.source, f"decisions[{index}].special_count",
 key="jo_no_member_rules_id_belongs_list", params={"rules_id": rules.id, "list_id": list_id})
        yes = sum(1 for mid, c in own.member_votes
                  if c is Choice.YES and mid in voters and list_id in by_id[mid].bodies)
        no = sum(1 for mid, c in own.member_votes
                 if c is Choice.NO and mid in voters and list_id in by_id[mid].bodies)
        if yes + no == 0:
            met = rules.interpretation.adopt_with_no_votes_cast
        else:
            members = sum(1 for m in sub.roster if list_id in m.bodies)
            met = bool(rule.majority.met(yes, no, yes + no, members))
        results.append(SpecialCountResult(list_id, yes, no, met))
        trace.append(step(rule.article, "joint.special_list_met" if met
                          else "joint.special_list_not_met",
                          list=_body_name(session, list_id), yes=yes, no=no,
                          rule=described(rule.majority)))
    held = all(r.met for r in results)
    if outcome.adopted and not held:
        trace.append(step(rule.article, "joint.special_overturned"))
        trace.append(step(rule.article, "status.rejected"))
        return replace(outcome, adopted=False, status=Status.REJECTED,
                       trace=tuple(trace)), tuple(results)
    trace.append(step(rule.article, "joint.special_holds" if held
                      else "joint.special_already_rejected"))
    if final is not None:
        trace.append(final)
    return replace(outcome, trace=tuple(trace)), tuple(results)


def _overall(outcomes: tuple[Outcome, ...]) -> Status:
    statuses = {o.status for o in outcomes}
    return next(s for s in STATUS_ORDER if s in statuses or s is Status.EXECUTORY)


def _quorum(outcomes: tuple[Outcome, ...]) -> QuorumState:
    states = {o.quorum for o in outcomes}
    for state in (QuorumState.NONE, QuorumState.REDUCED):
        if state in states:
            return state
    return QuorumState.FULL


def evaluate_joint_decision(session: JointSession, joint: JointDecision, index: int = 0
                            ) -> JointOutcome:
    """Evaluate one decision in each body that takes it, then as a whole."""
    _check_decision(session, joint, index)
    outcomes: list[Outcome] = []
    special: tuple[SpecialCountResult, ...] = ()
    counted: dict[str, Choice] = {}
    for body_id in joint.decided_by:
        rules = session.body(body_id)
        kind, why = _kind_for(session, joint, rules, index)
        sub, own = sub_session(session, body_id, replace(joint.decision, kind=kind))
        outcome = evaluate_decision(sub, own, index)
        if why is not None:
            outcome = replace(outcome, trace=(why, *outcome.trace))
        if joint.special_count and rules.special_count is not None:
            outcome, special = _special_count(session, rules, outcome, own, sub, index)
        outcomes.append(outcome)
        assert sub.roster is not None
        voters = {m.id for m in headcount(rules, sub.roster, sub.date, sub.currency_unit).voters}
        for mid, choice in own.member_votes:
            if mid in voters or choice is Choice.ABSTAIN:
                counted.setdefault(mid, choice)
    done = tuple(outcomes)
    status = _overall(done)
    adopted = all(o.adopted for o in done)
    kind = joint.decision.kind or done[0].kind
    trace: list[Step] = []
    if len(done) == 1:
        trace.extend(done[0].trace)
    else:
        rule = next((session.body(b).concurrent_for(joint.decision.kind)
                     for b in joint.decided_by
                     if session.body(b).concurrent_for(joint.decision.kind)), None)
        names = ", ".join(session.body(b).name.en for b in joint.decided_by)
        names_fr = ", ".join(session.body(b).name.fr for b in joint.decided_by)
        trace.append(step(rule.article if rule else "", "joint.decided_by",
                          bodies=bilingual(names, names_fr), count=len(done)))
        for o in done:
            rules = session.body(o.body)
            trace.append(step(rules.members_article,
                              "joint.body." + o.status.value.replace("-", "_"),
                              body=bilingual(rules.name.en, rules.name.fr),
                              members=o.members, represented=o.represented,
                              yes=o.yes, no=o.no, kind=o.kind))
        trace.append(step("", "joint.overall." + status.value.replace("-", "_"),
                          count=len(done)))
    values = list(counted.values())
    return JointOutcome(
        id=joint.decision.id, kind=kind, decided_by=joint.decided_by, bodies=done,
        status=status, adopted=adopted and status is not Status.REJECTED,
        quorum=_quorum(done), yes=values.count(Choice.YES), no=values.count(Choice.NO),
        abstain=values.count(Choice.ABSTAIN), special_count=special, trace=tuple(trace),
    )


def evaluate_joint(session: JointSession) -> tuple[JointOutcome, ...]:
    """Evaluate every decision of a joint session, in order."""
    return tuple(evaluate_joint_decision(session, d, i)
                 for i, d in enumerate(session.decisions))

