"""Contributions and arrears (Art. 25(4)): the years the arrears rule looks at."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from quorum import Member, get_body
from quorum.finance import arrears_years, contribution_shares, preceding_years
from quorum.members import arrears_threshold
from quorum.rules import ArrearsRule

ASSEMBLY = get_body("berne-assembly")
ON = date(2026, 7, 8)


def test_the_arrears_rule_looks_at_its_preceding_full_years():
    assert preceding_years(ASSEMBLY) == 2
    assert arrears_years(ASSEMBLY, ON) == (2024, 2025)
    three = replace(ASSEMBLY, arrears=ArrearsRule(3, "Art. 25(4)(e)"))
    assert arrears_years(three, ON) == (2023, 2024, 2025)


def test_a_body_without_arrears_rule_counts_two_years():
    free = replace(ASSEMBLY, arrears=None)
    assert preceding_years(free) == 2
    assert arrears_years(free, ON) == (2024, 2025)
    member = Member("FR", contribution_class="I")
    share = contribution_shares(free, [member], Fraction(300))[0]
    assert share.arrears_threshold == 2 * share.amount == 600


def test_the_threshold_is_the_dues_of_those_years():
    dues = ((2023, Fraction(7)), (2024, Fraction(10)), (2025, Fraction(20)), (2026, Fraction(5)))
    member = Member("FR", dues=dues)
    assert member.dues_over(arrears_years(ASSEMBLY, ON)) == 30
    assert arrears_threshold(member, ASSEMBLY.arrears, ON) == 30
    assert member.dues_over(()) == 0 and member.dues_over((2019, 2026)) == 5
