"""Evaluating a session: is the decision taken, is it executory, and why.

The public entry points are :func:`evaluate` (every decision of a :class:`Session`) and
:func:`evaluate_decision`. Both forms of input, aggregate counts and a roster of members,
are first reduced to a :class:`Count`; :func:`decide` then applies the rule set to it. The
explanation is returned as data (:class:`quorum.explain.Step`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .errors import ScenarioError
from .explain import Step, bilingual, described, explanation, member_names, step
from .margin import Margin, Requirement, margin, requirements
from .members import Member, VoteLoss, headcount
from .numbers import quoted
from .periods import add_months
from .rules import SWITCHES, Majority, QuorumState, RuleSet

__all__ = [
    "Choice",
    "Votes",
    "WrittenProcedure",
    "Decision",
    "Session",
    "Count",
    "Status",
    "Outcome",
    "WrittenResult",
    "evaluate",
    "evaluate_decision",
    "decide",
]


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class Status(StrEnum):
    EXECUTORY = "executory"
    PENDING = "pending"
    LAPSED = "lapsed"
    REJECTED = "rejected"
    NO_QUORUM = "no-quorum"
    #: Adopted by the vote, in force only once ratified (a :class:`~quorum.rules.Ratification`).
    AWAITING_RATIFICATION = "awaiting-ratification"


@dataclass(frozen=True, slots=True)
class Votes:
    """Counts of yes, no and abstentions."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        """Votes cast: an abstention is not a vote."""
        return self.yes + self.no

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain

    def __add__(self, other: Votes) -> Votes:
        return Votes(self.yes + other.yes, self.no + other.no, self.abstain + other.abstain)

    def to_dict(self) -> dict[str, int]:
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain}


@dataclass(frozen=True, slots=True)
class WrittenProcedure:
    """The written procedure of a reduced-quorum decision (Art. 22(3)(c)).

    ``replies`` are counts (aggregate form); ``member_replies`` name who replied (roster
    form). ``replies is None`` and no member replies means the period is still running.
    """

    communicated: date | None = None
    replies: Votes | None = None
    member_replies: tuple[tuple[str, Choice], ...] = ()

    @property
    def has_replies(self) -> bool:
        return self.replies is not None or bool(self.member_replies)


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision put to the vote. Aggregate form uses ``votes``; roster form ``member_votes``."""

    id: str
    kind: str | None = None
    votes: Votes = Votes()
    member_votes: tuple[tuple[str, Choice], ...] = ()
    written: WrittenProcedure | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    """A session of an organ: aggregate (``members``, ``present``) or with a ``roster``."""

    rules: RuleSet
    members: int
    present: int
    decisions: tuple[Decision, ...] = ()
    date: _dt.date | None = None
    roster: tuple[Member, ...] | None = None
    currency_unit: Fraction = Fraction(1)
    source: str = "<session>"

    @classmethod
    def from_roster(
        cls,
        rules: RuleSet,
        roster: tuple[Member, ...],
        decisions: tuple[Decision, ...] = (),
        on: _dt.date | None = None,
        currency_unit: Fraction = Fraction(1),
        source: str = "<session>",
    ) -> Session:
        organ = [m for m in roster if not m.observer]
        return cls(
            rules=rules,
            members=len(organ),
            present=sum(m.present for m in organ),
            decisions=decisions,
            date=on,
            roster=roster,
            currency_unit=currency_unit,
            source=source,
        )

    def with_roster(self, roster: tuple[Member, ...]) -> Session:
        return Session.from_roster(
            self.rules, roster, self.decisions, self.date, self.currency_unit, self.source
        )


@dataclass(frozen=True, slots=True)
class Count:
    """What the rules need to know about one decision, whatever the input form."""

    members: int
    represented: int  # represented members that count toward the quorum
    votes: Votes  # votes as counted
    present_voters: int  # represented members holding the right to vote (base "present")
    not_voting: int = 0  # represented with a vote but recorded no choice
    written: Votes | None = None  # written replies counted toward the reply total
    written_votes: Votes | None = None  # of which, counted as votes
    steps: tuple[Step, ...] = ()
    written_steps: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class WrittenResult:
    needed: int
    received: int | None
    yes: int
    no: int
    abstain: int
    majority_met: bool | None

    @property
    def replies_enough(self) -> bool | None:
        """Whether the replies received reach the replies needed (Art. 22(3)(c)); None
        while no reply is counted."""
        return None if self.received is None else self.received >= self.needed


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one decision, with its explanation."""

    id: str
    kind: str
    body: str
    quorum: QuorumState
    members: int
    represented: int
    quorum_required: int
    reduced_quorum_required: int | None
    yes: int
    no: int
    abstain: int
    majority_met: bool
    adopted: bool
    status: Status
    written_replies_needed: int
    deadline: date | None
    written: WrittenResult | None
    min_yes: int | None
    trace: tuple[Step, ...] = field(default=())
    #: The majority on its base as counted ("115 of 172 votes cast"), one per condition,
    #: and the fewest votes that would change the outcome (:mod:`quorum.margin`); both
    #: empty when the quorum is not reached.
    requirements: tuple[Requirement, ...] = ()
    margin: Margin | None = None

    @property
    def votes_cast(self) -> int:
        return self.yes + self.no

    def explanation(self, lang: str = "en") -> list[str]:
        return explanation(self.trace, lang)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` form: a public contract (see the README)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "body": self.body,
            "quorum": self.quorum.value,
            "adopted": self.adopted,
            "status": self.status.value,
            "members": self.members,
            "represented": self.represented,
            "quorum_required": self.quorum_required,
            "reduced_quorum_required": self.reduced_quorum_required,
            "votes_cast": self.votes_cast,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "majority_met": self.majority_met,
            "min_yes": self.min_yes,
            "written_replies_needed": self.written_replies_needed,
            "written_replies_received": self.written.received if self.written else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "trace": [s.to_dict() for s in self.trace],
        }


# ---------------------------------------------------------------------------------------
# Counting: aggregate and roster forms


def _err(session: Session, index: int, path: str, key: str, **params: Any) -> ScenarioError:
    """A decision's error: ``key`` of ``quorum/locales/errors.*.toml`` and its parameters."""
    return ScenarioError(session.source, f"decisions[{index}].{path}" if path else
                         f"decisions[{index}]", key=key, params=params)


def _count_aggregate(session: Session, decision: Decision, index: int, state: QuorumState) -> Count:
    v = decision.votes
    if v.total > session.present:
        raise _err(session, index, "votes", "votes_above_present", votes=v.total,
                   present=session.present)
    written = decision.written
    replies = written.replies if written else None
    if replies is not None:
        _check_written_allowed(session, index, state)
        absent = session.members - session.present
        only_absent = session.rules.interpretation.written_replies_only_from_absent
        limit = absent if only_absent else session.members
        if replies.total > limit:
            raise _err(session, index, "written.replies",
                       "replies_above_absent" if only_absent else "replies_above_members",
                       replies=replies.total, absent=limit)
    return Count(
        members=session.members,
        represented=session.present,
        votes=v,
        present_voters=session.present,
        not_voting=session.present - v.total,
        written=replies,
        written_votes=replies,
    )


def _check_written_allowed(session: Session, index: int, state: QuorumState) -> None:
    if state is QuorumState.FULL:
        raise _err(session, index, "written.replies", "replies_quorum_met")


def _count_roster(session: Session, decision: Decision, index: int) -> Count:
    rules = session.rules
    assert session.roster is not None
    by_id = {m.id: m for m in session.roster}
    count = headcount(rules, session.roster, session.date, session.currency_unit)
    rights, organ, present = count.rights, count.organ, count.present
    voters, suspended, represented = count.voters, count.suspended, count.represented
    counts_for_quorum = rules.interpretation.arrears_count_for_quorum
    steps: list[Step] = []
    arrears_article = rules.arrears.article if rules.arrears else ""
    if suspended:
        steps.append(step(arrears_article,
                          "arrears.present_counted" if counts_for_quorum
                          else "arrears.present_not_counted",
                          count=len(suspended),
                          names=member_names(suspended, 12),
                          switch=_switch_text("arrears_count_for_quorum")))
    excepted = [m for m in present if rights[m.id].reason is VoteLoss.EXCEPTION]
    if excepted:
        steps.append(step(arrears_article, "arrears.exception", count=len(excepted),
                          names=member_names(excepted)))

    yes = no = abstain = 0
    lost: list[Member] = []
    for member_id, choice in decision.member_votes:
        member = by_id.get(member_id)
        if member is None:
            raise _err(session, index, f"votes.{member_id}", "unknown_member",
                       id=quoted(member_id))
        if member.observer:
            raise _err(session, index, f"votes.{member_id}", "observer_votes", id=member_id)
        if not member.present:
            raise _err(session, index, f"votes.{member_id}", "absent_votes", id=member_id)
        if not rights[member_id].has_vote and choice is not Choice.ABSTAIN:
            lost.append(member)
            continue
        if choice is Choice.YES:
            yes += 1
        elif choice is Choice.NO:
            no += 1
        else:
            abstain += 1
    if lost:
        steps.append(step(arrears_article, "votes.not_counted", count=len(lost),
                          names=member_names(lost)))
    voted = {mid for mid, _ in decision.member_votes}
    not_voting = sum(1 for m in voters if m.id not in voted)

    written_total: Votes | None = None
    written_votes: Votes | None = None
    written_steps: list[Step] = []
    if decision.written and decision.written.member_replies:
        only_absent = rules.interpretation.written_replies_only_from_absent
        replies: list[Choice] = []  # every reply counted toward the total
        as_votes: list[Choice] = []  # the same replies as counted votes
        no_vote: list[Member] = []
        for member_id, choice in decision.written.member_replies:
            member = by_id.get(member_id)
            field_name = f"written.replies.{member_id}"
            if member is None:
                raise _err(session, index, field_name, "unknown_member", id=quoted(member_id))
            if member.observer:
                raise _err(session, index, field_name, "observer_replies", id=member_id)
            if member.present and only_absent:
                raise _err(session, index, field_name, "present_replies", id=member_id)
            if rights[member_id].has_vote:
                replies.append(choice)
                as_votes.append(choice)
                continue
            # Without the vote, a reply is no vote; it still counts as a reply when members
            # without the vote count for the quorum (the same switch, Art. 25(4)(e)). As at
            # the session, only a yes or a no is reported as a vote not counted.
            if not counts_for_quorum or choice is not Choice.ABSTAIN:
                no_vote.append(member)
            if counts_for_quorum:
                replies.append(choice)
                as_votes.append(Choice.ABSTAIN)
        if no_vote and counts_for_quorum:
            written_steps.append(step(arrears_article, "written.not_counted",
                                      count=len(no_vote), names=member_names(no_vote)))
        elif no_vote:
            written_steps.append(step(arrears_article, "written.not_counted_at_all",
                                      count=len(no_vote), names=member_names(no_vote),
                                      switch=_switch_text("arrears_count_for_quorum")))
        written_total = _tally(replies)
        written_votes = _tally(as_votes)
    elif decision.written and decision.written.replies is not None:
        written_total = written_votes = decision.written.replies
        # Replies given as counts are checked against who could reply, as member by member.
        only_absent = rules.interpretation.written_replies_only_from_absent
        limit = len(organ) - len(present) if only_absent else len(organ)
        if written_total.total > limit:
            raise ScenarioError(session.source, f"decisions[{index}].written.replies",
                                key="replies_above_absent",
                                params={"replies": written_total.total, "absent": limit})
    return Count(
        members=len(organ),
        represented=represented,
        votes=Votes(yes, no, abstain),
        present_voters=len(voters),
        not_voting=not_voting,
        written=written_total,
        written_votes=written_votes,
        steps=tuple(steps),
        written_steps=tuple(written_steps),
    )


def _tally(choices: list[Choice]) -> Votes:
    return Votes(choices.count(Choice.YES), choices.count(Choice.NO),
                 choices.count(Choice.ABSTAIN))


def _switch_text(name: str) -> tuple[str, str, str]:
    s = SWITCHES[name]
    return bilingual(s.text.en, s.text.fr)


# ---------------------------------------------------------------------------------------
# Deciding


def _majority_met(rules: RuleSet, majority: Majority, votes: Votes, present: int,
                  members: int) -> bool:
    if votes.cast == 0:
        return rules.interpretation.adopt_with_no_votes_cast
    return bool(majority.met(votes.yes, votes.no, present, members))


def _ignored_replies(rules: RuleSet, count: Count, trace: list[Step], key: str,
                     **params: Any) -> None:
    """Written replies that the written procedure cannot use are said to be ignored, and why.

    The written procedure of Art. 22(3)(d) completes a session that reached only the
    reduced quorum and a decision adopted there; with no quorum at all, a decision rejected
    at the session or a procedural decision (executory at once), replies change nothing.
    The choice is to accept the file and say so in the trace, not to refuse it.
    """
    if count.written is None:
        return
    article = rules.reduced_quorum.article if rules.reduced_quorum else rules.quorum.article
    trace.append(step(article, key, received=count.written.total, **params))


def decide(
    rules: RuleSet,
    kind: str | None,
    count: Count,
    written: WrittenProcedure | None = None,
    decision_id: str = "decision",
) -> Outcome:
    """Apply ``rules`` to a :class:`Count` (Arts. 22(3), 23(8) and their equivalents)."""
    majority = rules.majority(kind)
    n = count.members
    quorum_min = rules.quorum_minimum(n)
    reduced_min = rules.reduced_minimum(n)
    state = rules.quorum_state(count.represented, n)
    body = rules.name
    trace: list[Step] = [
        step(rules.members_article, "body.members", body=bilingual(body.en, body.fr), members=n),
        *count.steps,
        step(rules.quorum.article, "quorum.count", represented=count.represented, members=n,
             quorum=quorum_min, fraction=rules.quorum.threshold.share()),
    ]

    def outcome(status: Status, adopted: bool, majority_met: bool, needed: int = 0,
                deadline: date | None = None, written_result: WrittenResult | None = None,
                min_yes: int | None = None) -> Outcome:
        reached = state is not QuorumState.NONE
        return Outcome(
            id=decision_id, kind=majority.kind, body=rules.id, quorum=state, members=n,
            represented=count.represented, quorum_required=quorum_min,
            reduced_quorum_required=reduced_min, yes=count.votes.yes, no=count.votes.no,
            abstain=count.votes.abstain, majority_met=majority_met, adopted=adopted,
            status=status, written_replies_needed=needed, deadline=deadline,
            written=written_result, min_yes=min_yes, trace=tuple(trace),
            requirements=requirements(majority, count.votes.yes, count.votes.no,
                                      count.present_voters, n) if reached else (),
            margin=margin(majority, count.votes.yes, count.votes.no, count.present_voters, n,
                          rules.interpretation.adopt_with_no_votes_cast) if reached else None,
        )

    if state is QuorumState.FULL:
        trace.append(step(rules.quorum.article, "quorum.full", represented=count.represented,
                          quorum=quorum_min))
    elif state is QuorumState.REDUCED:
        assert rules.reduced_quorum is not None and reduced_min is not None
        trace.append(step(rules.reduced_quorum.article, "quorum.reduced",
                          represented=count.represented, quorum=quorum_min, reduced=reduced_min,
                          fraction=rules.reduced_quorum.threshold.share()))
    else:
        if rules.reduced_quorum is not None and reduced_min is not None:
            trace.append(step(rules.reduced_quorum.article, "quorum.none_reduced",
                              represented=count.represented, reduced=reduced_min))
        else:
            trace.append(step(rules.quorum.article, "quorum.none",
                              represented=count.represented, quorum=quorum_min))
        trace.append(step(rules.quorum.article, "status.no_quorum"))
        _ignored_replies(rules, count, trace, "written.ignored_no_quorum")
        return outcome(Status.NO_QUORUM, False, False)

    votes = count.votes
    trace.append(step(rules.vote_article, "votes.counted", yes=votes.yes, no=votes.no,
                      abstain=votes.abstain, cast=votes.cast))
    if votes.abstain or count.not_voting:
        trace.append(step(rules.abstentions_article, "votes.abstentions",
                          abstain=votes.abstain, not_voting=count.not_voting))
    min_yes = majority.min_yes(votes.no, count.present_voters, n)
    if min_yes == 0 and not rules.interpretation.adopt_with_no_votes_cast:
        min_yes = 1  # with no vote cast at all nothing is adopted (interpretation switch)
    rule_text = described(majority)
    label = bilingual(majority.label.en, majority.label.fr)
    if votes.cast == 0:
        met = rules.interpretation.adopt_with_no_votes_cast
        trace.append(step(majority.article,
                          "majority.no_votes_adopted" if met else "majority.no_votes_rejected",
                          switch=_switch_text("adopt_with_no_votes_cast")))
    else:
        met = _majority_met(rules, majority, votes, count.present_voters, n)
        trace.append(step(majority.article, "majority.met" if met else "majority.not_met",
                          label=label, rule=rule_text, yes=votes.yes, no=votes.no,
                          cast=votes.cast, present=count.present_voters, members=n,
                          min_yes="—" if min_yes is None else min_yes))
    if not met:
        trace.append(step(majority.article, "status.rejected"))
        _ignored_replies(rules, count, trace, "written.ignored_rejected")
        return outcome(Status.REJECTED, False, False, min_yes=min_yes)

    if state is QuorumState.FULL and majority.ratification is not None:
        r = majority.ratification
        trace.append(step(r.article, "status.awaiting_ratification",
                          share=r.threshold.share(), required=r.threshold.minimum(n),
                          including=bilingual(r.including.en, r.including.fr)))
        return outcome(Status.AWAITING_RATIFICATION, True, True, min_yes=min_yes)
    if state is QuorumState.FULL:
        trace.append(step(majority.article, "status.executory"))
        return outcome(Status.EXECUTORY, True, True, min_yes=min_yes)

    assert rules.reduced_quorum is not None
    article = rules.reduced_quorum.article
    if not majority.written_procedure:
        trace.append(step(article, "status.executory_procedural", label=label))
        _ignored_replies(rules, count, trace, "written.ignored_procedural", label=label)
        return outcome(Status.EXECUTORY, True, True, min_yes=min_yes)

    needed = rules.replies_needed(count.represented, n)
    months = rules.reduced_quorum.written_procedure_months
    communicated = written.communicated if written else None
    deadline = add_months(communicated, months) if communicated else None
    if communicated and deadline:
        trace.append(step(article, "written.needed_dated", needed=needed, quorum=quorum_min,
                          represented=count.represented, communicated=communicated,
                          deadline=deadline, months=months))
    else:
        trace.append(step(article, "written.needed", needed=needed, quorum=quorum_min,
                          represented=count.represented, months=months))
    if count.written is None:
        trace.append(step(article, "status.pending", needed=needed,
                          deadline=deadline or ("i18n", "three months after the communication",
                                                "trois mois après la communication")))
        return outcome(Status.PENDING, True, True, needed, deadline,
                       WrittenResult(needed, None, 0, 0, 0, None), min_yes)

    trace.extend(count.written_steps)
    replies = count.written
    wv = count.written_votes or replies
    received = replies.total
    combined = votes + Votes(wv.yes, wv.no, 0)
    combined_present = count.present_voters + wv.total
    still = _majority_met(rules, majority, combined, combined_present, n)
    result = WrittenResult(needed, received, replies.yes, replies.no, replies.abstain, still)
    trace.append(step(article,
                      "written.replies_enough" if result.replies_enough
                      else "written.replies_short",
                      received=received, needed=needed,
                      yes=replies.yes, no=replies.no, abstain=replies.abstain))
    trace.append(step(majority.article,
                      "written.majority_met" if still else "written.majority_not_met",
                      yes=combined.yes, no=combined.no, cast=combined.cast, rule=rule_text))
    if result.replies_enough and still:
        trace.append(step(article, "status.executory_written"))
        return outcome(Status.EXECUTORY, True, True, needed, deadline, result, min_yes)
    trace.append(step(article, "status.lapsed_majority" if result.replies_enough
                      else "status.lapsed_replies", received=received, needed=needed))
    return outcome(Status.LAPSED, True, True, needed, deadline, result, min_yes)


def evaluate_decision(session: Session, decision: Decision, index: int = 0) -> Outcome:
    """Evaluate one decision of ``session`` (raises :class:`ScenarioError` on bad input)."""
    rules = session.rules
    kind = decision.kind or rules.default_kind
    if kind not in rules.kinds:
        raise _err(session, index, "kind", "unknown_kind", kind=quoted(kind), body=rules.id,
                   kinds=", ".join(rules.kinds))
    if session.roster is not None:
        count = _count_roster(session, decision, index)
        state = rules.quorum_state(count.represented, count.members)
        if count.written is not None:
            _check_written_allowed(session, index, state)
    else:
        state = rules.quorum_state(session.present, session.members)
        count = _count_aggregate(session, decision, index, state)
    if count.written is not None and rules.reduced_quorum is None:
        raise _err(session, index, "written", "no_written_procedure", body=rules.id)
    return decide(rules, kind, count, decision.written, decision.id)


def evaluate(session: Session) -> tuple[Outcome, ...]:
    """Evaluate every decision of ``session``, in order."""
    return tuple(evaluate_decision(session, d, i) for i, d in enumerate(session.decisions))
