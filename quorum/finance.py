"""Contributions (Art. 25(4)): class units, shares of a total, arrears and the vote."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .members import Member, VotingRight, voting_right
from .rules import RuleSet

__all__ = [
    "ContributionShare",
    "contribution_shares",
    "arrears_report",
    "preceding_years",
    "arrears_years",
]

#: How many preceding full years of dues count when the body has no arrears rule of its own.
DEFAULT_PRECEDING_YEARS = 2


def preceding_years(rules: RuleSet) -> int:
    """How many preceding full years of dues the arrears rule looks at (Art. 25(4)(e)):
    the body's own figure, or two when it has no arrears rule."""
    return rules.arrears.preceding_years if rules.arrears else DEFAULT_PRECEDING_YEARS


def arrears_years(rules: RuleSet, on: date) -> tuple[int, ...]:
    """The full years before the year of ``on`` whose dues the arrears rule looks at,
    oldest first (:func:`preceding_years` of them)."""
    return tuple(on.year - k for k in range(preceding_years(rules), 0, -1))


@dataclass(frozen=True, slots=True)
class ContributionShare:
    """One country's part of a total to be raised (Art. 25(4)(c))."""

    member_id: str
    contribution_class: str
    units: Fraction
    share: Fraction  # units / total units
    amount: Fraction  # share * total
    arrears_threshold: Fraction  # two years of this contribution: Art. 25(4)(e)


def contribution_shares(
    rules: RuleSet, members: Iterable[Member], total: Fraction | int
) -> tuple[ContributionShare, ...]:
    """Each member's annual contribution: its units over all members' units, times ``total``.

    Members without a class are left out (they are listed by the caller as unclassified).
    The arrears threshold shown is what the contribution would amount to over the
    preceding full years if it stayed the same (Art. 25(4)(e)).
    """
    if rules.contributions is None:
        raise ValueError(f"body {rules.id!r} has no contribution classes")
    total = Fraction(total)
    if total < 0:
        raise ValueError("the total to be raised cannot be negative")
    classed = [m for m in members if m.contribution_class and not m.observer]
    units = {m.id: rules.contributions.units(m.contribution_class or "") for m in classed}
    all_units = sum(units.values(), Fraction(0))
    years = preceding_years(rules)
    shares = []
    for m in classed:
        share = units[m.id] / all_units if all_units else Fraction(0)
        amount = share * total
        shares.append(
            ContributionShare(m.id, m.contribution_class or "", units[m.id], share, amount,
                              amount * years)
        )
    return tuple(shares)


def arrears_report(
    rules: RuleSet, members: Iterable[Member], on: date, currency_unit: Fraction = Fraction(1)
) -> tuple[VotingRight, ...]:
    """The right to vote of every member on ``on`` with the payment that would restore it."""
    return tuple(voting_right(m, rules.arrears, on, currency_unit) for m in members)
