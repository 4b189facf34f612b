"""Text made safe for where it goes: a terminal line, a spreadsheet cell.

Ids and names come from users' files; printed raw, an ANSI escape or a newline in a name
could recolour or clear the terminal or forge output lines, and a cell beginning with
``=``, ``+``, ``-`` or ``@`` runs as a formula when a spreadsheet opens the CSV.
"""

from __future__ import annotations

from typing import Any

__all__ = ["one_line", "formula_safe", "FORMULA_STARTS"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: str) -> str:
    """``text`` with every control character (newline, escape, C1) written visibly as
    ``\\n``, ``\\x1b``...: one line that cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or _space(c) else repr(c)[1:-1] for c in text)


def _space(c: str) -> bool:
    """A space (category Zs): the plain one, and the narrow no-break space that groups the
    digits of French numbers (``1\u202f000``); line and paragraph separators are not."""
    import unicodedata

    return unicodedata.category(c) == "Zs"


def formula_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; numbers
    and other values unchanged (a negative number stays a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
