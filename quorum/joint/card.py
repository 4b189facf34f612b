"""The rules card and the blocking figures of several bodies sitting together.

For a :class:`~quorum.joint.session.JointSession` and a kind of decision: who must agree
(the bodies of a concurrent majority, WIPO Conv. Art. 6(3)(g)), and, body by body from the
same roster, the quorum, the fewest absences that leave the body without quorum and the
fewest "no" votes that block the decision there (:func:`quorum.body_power.blocking_table`,
the figures of ``quorum power``). Across the bodies, a decision that each body must adopt
is stopped by the weakest link: the body where the fewest absences, or the fewest votes,
suffice. With the special count of WIPO Conv. Art. 8(6)(b), each list of the count is one
more link: the fewest "no" votes on that list that deny it its own majority.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..body_power import blocking_table
from ..members import headcount
from ..rules import RuleSet
from .session import JointSession

__all__ = ["BodyFigures", "JointCard", "ListFigures", "joint_card", "concurrent_rules",
           "special_count_figures"]


@dataclass(frozen=True, slots=True)
class BodyFigures:
    """One body's figures in the joint session."""

    body: str
    kind: str
    members: int
    represented: int
    quorum: int
    reduced_quorum: int | None
    absences_to_deny_quorum: int  # of its members, all represented (below the lowest band)
    absences_from_attendance: int  # further absences from those represented in the roster
    absent_example: tuple[str, ...]  # a smallest such set, members in fewest other bodies
    voters: int
    quota: int | None
    blocking_by_votes: int | None
    article: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body, "kind": self.kind, "members": self.members,
            "represented": self.represented, "quorum": self.quorum,
            "reduced_quorum": self.reduced_quorum,
            "absences_to_deny_quorum": self.absences_to_deny_quorum,
            "absences_from_attendance": self.absences_from_attendance,
            "absent_example": list(self.absent_example), "voters": self.voters,
            "quota": self.quota, "blocking_by_votes": self.blocking_by_votes,
            "article": self.article,
        }


@dataclass(frozen=True, slots=True)
class ListFigures:
    """One list of the special count (WIPO Conv. Art. 8(6)(b)) in ``body``: the members of
    ``body`` sitting on ``list``, those holding the vote present, the yes votes its majority
    needs when they all vote, and the fewest "no" votes on the list that block it."""

    list: str
    body: str
    members: int
    voters: int
    quota: int | None
    blocking_by_votes: int | None
    article: str

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.list, "body": self.body, "members": self.members,
                "voters": self.voters, "quota": self.quota,
                "blocking_by_votes": self.blocking_by_votes, "article": self.article}


@dataclass(frozen=True, slots=True)
class JointCard:
    """Who must agree, and the weakest body for quorum and for votes."""

    kind: str | None
    must_agree: tuple[str, ...]
    concurrent_article: str
    bodies: tuple[BodyFigures, ...]
    special_lists: tuple[ListFigures, ...] = ()

    @property
    def weakest_list(self) -> ListFigures | None:
        """The list of the special count where the fewest "no" votes block the decision."""
        blockable = [s for s in self.special_lists if s.blocking_by_votes is not None]
        return min(blockable, key=lambda s: (s.blocking_by_votes or 0, s.list)) \
            if blockable else None

    @property
    def weakest_quorum(self) -> BodyFigures:
        """The body that the fewest further absences leave without quorum."""
        return min(self.bodies, key=lambda b: (b.absences_from_attendance, b.body))

    @property
    def weakest_vote(self) -> BodyFigures | None:
        """The body where the fewest "no" votes block the decision."""
        blockable = [b for b in self.bodies if b.blocking_by_votes is not None]
        return min(blockable, key=lambda b: (b.blocking_by_votes or 0, b.body)) \
            if blockable else None

    def to_dict(self) -> dict[str, Any]:
        vote = self.weakest_vote
        quorum = self.weakest_quorum
        return {
            "kind": self.kind,
            "must_agree": list(self.must_agree),
            "concurrent_article": self.concurrent_article,
            "bodies": [b.to_dict() for b in self.bodies],
            "smallest_absences_denying_a_quorum": {
                "body": quorum.body, "absences": quorum.absences_from_attendance,
                "example": list(quorum.absent_example)},
            "smallest_blocking_minority": None if vote is None else {
                "body": vote.body, "no_votes": vote.blocking_by_votes},
            "special_count_lists": [s.to_dict() for s in self.special_lists],
        }


def concurrent_rules(bodies: tuple[RuleSet, ...]) -> list[dict[str, Any]]:
    """Every concurrent majority of ``bodies``: the kinds and who must agree."""
    return [{"body": r.id, "kinds": list(c.kinds), "must_agree": [r.id, *c.bodies],
             "applied_kind": c.kind, "article": c.article}
            for r in bodies for c in r.concurrent]


def _kind_in(rules: RuleSet, kind: str | None, session: JointSession) -> str:
    if kind is None or kind in rules.kinds:
        return kind or rules.default_kind
    for other in session.bodies:
        rule = other.concurrent_for(kind)
        if rule is not None and rules.id in rule.bodies:
            return rule.kind
    return rules.default_kind


def special_count_figures(session: JointSession, body_id: str) -> tuple[ListFigures, ...]:
    """The lists of the special count of ``body_id`` (none if it has no such rule), from the
    roster's ``bodies`` and attendance; each list's quota is that of the rule's majority
    (:meth:`quorum.rules.Majority.quota`), as in the evaluation of the count."""
    rules = session.body(body_id)
    rule = rules.special_count
    if rule is None:
        return ()
    roster = tuple(m for m in session.roster if body_id in m.bodies)
    voters = headcount(rules, roster, session.date, session.currency_unit).voters
    figures = []
    for list_id in rule.lists:
        members = sum(1 for m in roster if list_id in m.bodies)
        on_list = sum(1 for m in voters if list_id in m.bodies)
        quota = rule.majority.quota(on_list, members)
        figures.append(ListFigures(
            list=list_id, body=body_id, members=members, voters=on_list, quota=quota,
            blocking_by_votes=None if quota is None else on_list - quota + 1,
            article=rule.article))
    return tuple(figures)


def joint_card(session: JointSession, kind: str | None = None,
               bodies: tuple[str, ...] | None = None,
               special_count: bool = False) -> JointCard:
    """The card of ``bodies`` (default: those a ``kind`` decision needs, else all); with
    ``special_count``, the lists of the special count of the bodies that provide one."""
    rule = next((c for r in session.bodies for c in r.concurrent
                 if kind is not None and kind in c.kinds), None)
    owner = next((r.id for r in session.bodies for c in r.concurrent if c is rule), None)
    if bodies is None:
        bodies = (owner, *rule.bodies) if rule and owner else session.body_ids
    figures = []
    for body_id in bodies:
        rules = session.body(body_id)
        roster = tuple(m for m in session.roster if body_id in m.bodies)
        applied = _kind_in(rules, kind, session)
        row = next(r for r in blocking_table(rules, roster, session.date)
                   if r["kind"] == applied)
        organ = [m for m in roster if not m.observer]
        needed = row["blocking_by_absence_from_attendance"]
        present = sorted((m for m in organ if m.present),
                         key=lambda m: (len(m.bodies), m.id))
        figures.append(BodyFigures(
            body=body_id, kind=applied, members=len(organ), represented=row["represented"],
            quorum=rules.quorum_minimum(len(organ)),
            reduced_quorum=rules.reduced_minimum(len(organ)),
            absences_to_deny_quorum=row["blocking_by_absence"],
            absences_from_attendance=needed,
            absent_example=tuple(m.id for m in present[:needed]),
            voters=row["voters"], quota=row["quota"],
            blocking_by_votes=row["blocking_by_votes"], article=row["article"],
        ))
    lists = tuple(f for body_id in bodies for f in special_count_figures(session, body_id)) \
        if special_count else ()
    return JointCard(kind, tuple(bodies), rule.article if rule else "", tuple(figures), lists)
