"""Errors users can read: every one names the file, the field and the fix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["ScenarioError", "field_path", "from_validation_error"]


class ScenarioError(ValueError):
    """Bad input. ``str(error)`` is one line: ``FILE: field FIELD: PROBLEM. Fix: FIX``."""

    def __init__(self, source: str, field: str, problem: str, fix: str = "") -> None:
        self.source = source
        self.field = field
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"field '{self.field}'" if self.field else "the file"
        text = f"{self.source}: {where}: {self.problem}"
        if self.fix:
            text += f". Fix: {self.fix}"
        return text

    def to_dict(self) -> dict[str, str]:
        return {"file": self.source, "field": self.field, "problem": self.problem, "fix": self.fix}


def field_path(loc: Iterable[Any]) -> str:
    """``("decisions", 0, "votes", "yes")`` -> ``decisions[0].votes.yes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "union[", "tagged-union[")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove it, or check its spelling against the documented fields",
    "greater_than_equal": "use a number that is not negative",
    "greater_than": "use a larger number",
    "less_than_equal": "use a smaller number",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "literal_error": "use one of the values listed",
    "enum": "use one of the values listed",
    "string_type": "write a text value",
    "dict_type": "write a mapping (key: value lines)",
    "list_type": "write a list (lines starting with '- ')",
    "model_type": "write a mapping (key: value lines)",
}


def from_validation_error(source: str, error: Any, prefix: Sequence[Any] = ()) -> ScenarioError:
    """Turn the first error of a pydantic ``ValidationError`` into a :class:`ScenarioError`."""
    first = error.errors()[0]
    kind = first.get("type", "")
    msg = str(first.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    ctx = first.get("ctx") or {}
    fix = str(ctx.get("fix", "")) or _FIXES.get(kind, "")
    if "input" in first and kind not in ("missing", "extra_forbidden", "value_error"):
        msg += f" (got {first['input']!r})"
    if kind == "value_error" and " | fix: " in msg:
        msg, fix = msg.split(" | fix: ", 1)
    return ScenarioError(source, field_path([*prefix, *first.get("loc", ())]), msg, fix)
