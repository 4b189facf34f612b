"""The rules card and the blocking figures of several bodies sitting together.

For a :class:`~quorum.joint.session.JointSession` and a kind of decision: who must agree
(the bodies of a concurrent majority, WIPO Conv. Art. 6(3)(g)), and, body by body from the
same roster, the quorum, the fewest absences that leave the body without quorum and the
fewest "no" votes that block the decision there (:func:`quorum.body_power.blocking_table`,
the figures of ``quorum power``). Across the bodies, a decision that each body must adopt
is stopped by the weakest link: the body where the fewest absences, or the fewest votes,
suffice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..body_power import blocking_table
from ..rules import RuleSet
from .session import JointSession

__all__ = ["BodyFigures", "JointCard", "joint_card", "concurrent_rules"]


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
class JointCard:
    """Who must agree, and the weakest body for quorum and for votes."""

    kind: str | None
    must_agree: tuple[str, ...]
    concurrent_article: str
    bodies: tuple[BodyFigures, ...]

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


def joint_card(session: JointSession, kind: str | None = None,
               bodies: tuple[str, ...] | None = None) -> JointCard:
    """The card of ``bodies`` (default: those a ``kind`` decision needs, else all)."""
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
    return JointCard(kind, tuple(bodies), rule.article if rule else "", tuple(figures))
