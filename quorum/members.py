"""Members of an organ and their right to vote (Art. 25(4)(e))."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .rules import ArrearsRule, RuleSet

__all__ = ["Member", "VotingRight", "voting_right", "arrears_threshold", "Headcount",
           "headcount"]


@dataclass(frozen=True, slots=True)
class Member:
    """A country in a roster.

    ``observer`` marks a country of the Union that attends without being a member of the
    organ (Art. 22(3)(g)): it never votes and never counts for the quorum. ``bodies``
    names the bodies it sits in when several bodies meet together (:mod:`quorum.joint`).
    Amounts
    (``arrears`` and ``dues`` by year) are exact, in the currency of the budget.
    """

    id: str
    name: str = ""
    present: bool = False
    contribution_class: str | None = None
    arrears: Fraction = Fraction(0)
    dues: tuple[tuple[int, Fraction], ...] = ()
    arrears_exception: bool = False
    observer: bool = False
    group: str | None = None
    name_fr: str = ""
    bodies: tuple[str, ...] = ()  # ids of the bodies it belongs to, in a joint session

    def due_in(self, year: int) -> Fraction:
        for y, amount in self.dues:
            if y == year:
                return amount
        return Fraction(0)

    def dues_over(self, years: Iterable[int]) -> Fraction:
        """The dues of ``years``, added up."""
        return sum((self.due_in(year) for year in years), Fraction(0))

    def label(self, lang: str = "en") -> str:
        if lang == "fr" and self.name_fr:
            return self.name_fr
        return self.name or self.id


class VoteLoss(StrEnum):
    NONE = "none"
    ARREARS = "arrears"
    EXCEPTION = "exception"  # in arrears, but the organ lets it vote
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class VotingRight:
    """Whether a member may vote on a date, and why (Art. 25(4)(e))."""

    member_id: str
    has_vote: bool
    reason: VoteLoss
    arrears: Fraction
    threshold: Fraction  # dues for the preceding full years
    restore_payment: Fraction  # smallest payment that restores the vote (0 if it has it)


def arrears_threshold(member: Member, rule: ArrearsRule, on: date) -> Fraction:
    """The dues of the ``preceding_years`` full years before the year of ``on``."""
    return member.dues_over(range(on.year - rule.preceding_years, on.year))


def voting_right(
    member: Member, rule: ArrearsRule | None, on: date | None, currency_unit: Fraction = Fraction(1)
) -> VotingRight:
    """Art. 25(4)(e): arrears equal to or above the dues of the two preceding full years cost
    the vote, unless the organ finds the delay due to exceptional and unavoidable circumstances.

    The smallest payment that restores the vote brings the arrears strictly below the
    threshold: ``arrears - threshold + currency_unit``. A member with no arrears keeps its
    vote whatever its dues.
    """
    if member.observer:
        return VotingRight(member.id, False, VoteLoss.OBSERVER, member.arrears, Fraction(0),
                           Fraction(0))
    if rule is None or on is None or member.arrears <= 0:
        return VotingRight(member.id, True, VoteLoss.NONE, member.arrears, Fraction(0),
                           Fraction(0))
    threshold = arrears_threshold(member, rule, on)
    if member.arrears < threshold:
        return VotingRight(member.id, True, VoteLoss.NONE, member.arrears, threshold, Fraction(0))
    payment = member.arrears - threshold + currency_unit
    if member.arrears_exception:
        return VotingRight(member.id, True, VoteLoss.EXCEPTION, member.arrears, threshold, payment)
    return VotingRight(member.id, False, VoteLoss.ARREARS, member.arrears, threshold, payment)


@dataclass(frozen=True, slots=True)
class Headcount:
    """Who sits in the organ at a session and who may vote, in roster order.

    ``suspended`` are the members represented without the vote (arrears, Art. 25(4)(e), or
    named as such by the caller); whether they count toward the quorum (Art. 22(3)(b)-(c))
    is the rule set's ``arrears_count_for_quorum`` switch, read once here.
    """

    organ: tuple[Member, ...]  # members of the organ (observers left out)
    present: tuple[Member, ...]  # represented at the session
    voters: tuple[Member, ...]  # represented and holding the vote
    suspended: tuple[Member, ...]  # represented without the vote
    rights: Mapping[str, VotingRight]
    represented: int  # what the quorum counts


def headcount(rules: RuleSet, roster: Iterable[Member], on: date | None,
              currency_unit: Fraction = Fraction(1),
              without_vote: Collection[str] = ()) -> Headcount:
    """The :class:`Headcount` of ``roster`` on ``on``; members named in ``without_vote`` are
    treated as if they had lost the vote."""
    members = tuple(roster)
    rights = {m.id: voting_right(m, rules.arrears, on, currency_unit) for m in members}
    organ = tuple(m for m in members if not m.observer)
    present = tuple(m for m in organ if m.present)
    voters = tuple(m for m in present if m.id not in without_vote and rights[m.id].has_vote)
    voting = {id(m) for m in voters}  # by identity: comparing members field by field is slow
    suspended = tuple(m for m in present if id(m) not in voting)
    counted = rules.interpretation.arrears_count_for_quorum
    return Headcount(organ, present, voters, suspended, rights,
                     len(present) if counted else len(voters))
