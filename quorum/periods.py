"""Periods counted in months (RULES.md, "Periods")."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months"]


def add_months(start: date, months: int) -> date:
    """The day a period of ``months`` months from ``start`` ends.

    It ends, in the last month, on the day with the same number as the starting day or, if
    that month is shorter, on its last day (the convention of PCT Rule 80.2):
    30 November + 3 months = 28 February (29 in a leap year).
    """
    if months < 0:
        raise ValueError("a period cannot be negative")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)
