"""One safe reader of exact numbers, used by every fraction, amount and probability field.

``Fraction("1e-999999999")`` computes a power of ten with a billion digits: the text is
checked against a short grammar and the limits of :mod:`quorum.limits` *before* any
conversion, so no input can make a number expensive. Floats are read through their
``repr`` (a short decimal), never used in arithmetic.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from .limits import MAX_EXPONENT, MAX_NUMBER_DIGITS, MAX_QUOTED_CHARS

__all__ = ["NumberError", "parse_fraction", "parse_count", "quoted"]

_DECIMAL = re.compile(r"^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$")
_RATIO = re.compile(r"^([+-]?\d+)\s*/\s*([+-]?\d+)$")


class NumberError(ValueError):
    """A value that is not an acceptable number; ``str()`` is ``problem | fix: fix``."""

    def __init__(self, problem: str, fix: str, key: str | None = None, **params: Any) -> None:
        self.problem = problem
        self.fix = fix
        self.key = key  # error.KEY of quorum/locales/errors.*.toml, for other languages
        self.params = params
        super().__init__(f"{problem} | fix: {fix}")


def quoted(value: Any, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters: never echo unbounded input."""
    if isinstance(value, str | int | float | bool) or value is None:
        huge = isinstance(value, int) and abs(value) >= 10**limit
        text = "<a huge number>" if huge else repr(value)
    elif isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list | tuple):
        text = "a list"
    else:
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


_FIX = 'write a number such as 3, 0.5 or "2/3"'


def parse_fraction(value: Any, *, negative: bool = False, fix: str = _FIX) -> Fraction:
    """An exact fraction from an int, a ``Fraction``, a short decimal or ``"p/q"`` text.

    Refused: booleans, ``nan``/``inf``, more than ``MAX_NUMBER_DIGITS`` digits, exponents
    beyond ``MAX_EXPONENT``, a zero denominator and, unless ``negative``, values below 0.
    """
    if isinstance(value, bool):
        raise NumberError(f"{value!r} is true/false, not a number", fix, "number_bool",
                          got=repr(value))
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, int):
        if len(str(abs(value))) > MAX_NUMBER_DIGITS:
            raise NumberError(f"the number {quoted(value)} has more than {MAX_NUMBER_DIGITS} "
                              "digits", fix, "number_digits", got=quoted(value),
                              limit=MAX_NUMBER_DIGITS)
        result = Fraction(value)
    elif isinstance(value, float | str):
        text = repr(value) if isinstance(value, float) else value.strip()
        result = _from_text(text, value, fix)
    else:
        raise NumberError(f"{quoted(value)} is not a number", fix, "number_not",
                          got=quoted(value))
    if result < 0 and not negative:
        raise NumberError(f"{quoted(value)} is negative",
                          fix.replace("a number", "a number >= 0", 1), "number_negative",
                          got=quoted(value))
    return result


def _from_text(text: str, original: Any, fix: str) -> Fraction:
    if len(text) > 2 * MAX_NUMBER_DIGITS + 8:
        raise NumberError(f"{quoted(original)} is too long for a number", fix, "number_digits",
                          got=quoted(original), limit=MAX_NUMBER_DIGITS)
    ratio = _RATIO.match(text)
    if ratio:
        numerator, denominator = int(ratio.group(1)), int(ratio.group(2))
        if denominator == 0:
            raise NumberError(f"{quoted(original)} divides by zero", fix, "number_zero",
                              got=quoted(original))
        return Fraction(numerator, denominator)
    decimal = _DECIMAL.match(text)
    if not decimal:
        raise NumberError(f"{quoted(original)} is not a number", fix, "number_not",
                          got=quoted(original))
    sign, whole, part, exponent = decimal.groups()
    if len(whole) + len(part or "") > MAX_NUMBER_DIGITS:
        raise NumberError(f"{quoted(original)} has more than {MAX_NUMBER_DIGITS} digits", fix,
                          "number_digits", got=quoted(original), limit=MAX_NUMBER_DIGITS)
    power = int(exponent) if exponent else 0
    if abs(power) > MAX_EXPONENT:
        raise NumberError(f"{quoted(original)} has an exponent beyond ±{MAX_EXPONENT}",
                          "write the number as a decimal or a fraction such as \"1/1000\"",
                          "number_exponent", got=quoted(original), limit=MAX_EXPONENT)
    result = Fraction(int(whole + (part or "")), 10 ** len(part or "")) * Fraction(10) ** power
    return -result if sign == "-" else result


def parse_count(value: Any, *, fix: str = "write a whole number >= 0") -> int:
    """A whole count: an int, never a boolean nor a quoted number (``yes: '40'``)."""
    if isinstance(value, bool):
        raise NumberError(f"{value!r} is true/false, not a count", fix, "count_bool",
                          got=repr(value))
    if isinstance(value, str):
        raise NumberError(f"{quoted(value)} is text, not a count (quotes make it text)",
                          "write the number without quotes", "count_text", got=quoted(value))
    if not isinstance(value, int):
        raise NumberError(f"{quoted(value)} is not a whole number", fix, "not_whole",
                          got=quoted(value))
    if value < 0:
        raise NumberError(f"{value} is negative", fix, "number_negative", got=quoted(value))
    return value
