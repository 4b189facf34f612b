"""Periods counted in months (RULES.md, "Periods")."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

__all__ = ["add_months", "parse_iso_date", "LAST_YEAR"]


def add_months(start: date, months: int) -> date:
    """The day a period of ``months`` months from ``start`` ends.

    It ends, in the last month, on the day with the same number as the starting day or, if
    that month is shorter, on its last day (the convention of PCT Rule 80.2):
    30 November + 3 months = 28 February (29 in a leap year).
    """
    if months < 0:
        raise ValueError("a period cannot be negative")
    if start.year + (start.month - 1 + months) // 12 > 9999:
        raise ValueError(f"a period of {months} months from {start.isoformat()} ends after the "
                         "year 9999 | fix: use an earlier date")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


#: The last year a date may have: periods of up to ten years counted from it stay in the
#: calendar of ``datetime`` (which ends in 9999).
LAST_YEAR = 9989
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_iso_date(value: Any) -> date:
    """A date written ``YYYY-MM-DD`` (text, or a ``date``), nothing else.

    Integers (``0``, ``20261001``), compact (``"20261001"``) and week forms (``"2026-W40"``),
    which Python's ``date.fromisoformat`` would accept, are refused: a number is never
    silently read as a day. Dates after :data:`LAST_YEAR` are refused, so that deadlines
    counted from them exist. Raises ``NumberError`` (``problem | fix: fix``).
    """
    from .numbers import NumberError, quoted

    fix = "write the date as YYYY-MM-DD, e.g. 2026-10-01"
    if isinstance(value, date):
        result = value
    elif isinstance(value, str) and _ISO.match(value.strip()):
        try:
            result = date.fromisoformat(value.strip())
        except ValueError:
            raise NumberError(f"{quoted(value)} is not a date of the calendar", fix,
                              "date_not_calendar", got=quoted(value)) from None
    else:
        raise NumberError(f"{quoted(value)} is not a date written YYYY-MM-DD", fix, "bad_date",
                          got=quoted(value))
    if result.year > LAST_YEAR:
        raise NumberError(f"{quoted(str(result))} is after the year {LAST_YEAR} (periods counted "
                          "from it would end after 9999)", f"use a date up to {LAST_YEAR}-12-31",
                          "date_overflow", got=quoted(str(result)), limit=str(LAST_YEAR))
    return result
