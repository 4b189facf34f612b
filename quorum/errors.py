"""Errors users can read: every one names the file, the field and the fix.

A :class:`ScenarioError` is one line in English (``str(error)``) and can be rendered in
any catalogue language with :meth:`ScenarioError.render`: the frame (file, field, "Fix")
always, and the problem and the fix too when the error carries a message ``key`` (a
``error.KEY.problem`` / ``error.KEY.fix`` pair of ``quorum/locales/errors.*.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .textsafe import one_line

__all__ = ["ScenarioError", "field_path", "from_validation_error", "one_line", "too_many",
           "from_number_error"]


class ScenarioError(ValueError):
    """Bad input. ``str(error)`` is one line: ``FILE: field FIELD: PROBLEM. Fix: FIX``."""

    def __init__(self, source: str, field: str, problem: str = "", fix: str = "", *,
                 key: str | None = None, params: Mapping[str, Any] | None = None) -> None:
        self.source = source
        self.field = field
        self.key = key
        self.params: dict[str, Any] = dict(params or {})
        if key is not None:
            problem = problem or self._text("problem", "en")
            fix = fix or self._text("fix", "en")
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    def _text(self, part: str, lang: str) -> str:
        from .explain import catalogue, message

        name = f"error.{self.key}.{part}"
        if name not in catalogue("en"):
            return ""
        return message(name, lang, **self.params)

    @property
    def message(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """The one-line message in ``lang`` (``en`` or ``fr``)."""
        from .explain import message

        if lang == "en" or self.key is None and lang not in ("fr",):
            problem, fix = self.problem, self.fix
        elif self.key is not None:
            problem = self._text("problem", lang) or self.problem
            fix = self._text("fix", lang) or self.fix
        else:
            problem, fix = self.problem, self.fix
        where = (message("error.frame.field", lang, field=self.field) if self.field
                 else message("error.frame.file", lang))
        text = message("error.frame.problem", lang, source=self.source, where=where,
                       problem=problem)
        if fix:
            text += message("error.frame.fix", lang, fix=fix)
        return one_line(text)

    def to_dict(self) -> dict[str, str]:
        return {"file": self.source, "field": self.field, "problem": self.problem, "fix": self.fix}


def too_many(source: str, field: str, what: tuple[str, str], got: int, limit: int
             ) -> ScenarioError:
    """A size above one of :mod:`quorum.limits`: ``what`` is (English, French)."""
    return ScenarioError(source, field, key="too_many",
                         params={"what": ("i18n", *what), "got": got, "limit": limit})


def from_number_error(source: str, field: str, exc: Any) -> ScenarioError:
    """A :class:`quorum.numbers.NumberError` as the one-line error of ``field``."""
    return ScenarioError(source, field, exc.problem, exc.fix, key=exc.key, params=exc.params)


# How pydantic names the branch of a union it tried: a model class of ours (``ArrearsDef``,
# ``VotesSpec``) or a type (``bool``, ``list[str]``, ``is-instance[Fraction]``).
_TYPE_TAG = re.compile(r"^(?:[A-Z]\w*(?:Def|Spec)|bool|int|str|float|none|(?:list|dict|literal|"
                       r"is-instance|constrained-\w+)\[.*\])$")


def field_path(loc: Iterable[Any]) -> str:
    """``("decisions", 0, "votes", "yes")`` -> ``decisions[0].votes.yes``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "union[", "tagged-union[")) or _TYPE_TAG.match(
                str(part)):
            continue  # pydantic's names of union branches, not fields
        else:
            out += ("." if out else "") + str(part)
    return out


# pydantic's error kinds -> a key of quorum/locales/errors.*.toml (problem and fix).
_KINDS = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "less_than": "too_large",
    "int_parsing": "not_whole",
    "int_type": "not_whole",
    "int_from_float": "not_whole",
    "bool_parsing": "not_bool",
    "bool_type": "not_bool",
    "date_from_datetime_parsing": "not_date",
    "date_parsing": "not_date",
    "date_type": "not_date",
    "literal_error": "not_listed",
    "enum": "not_listed",
    "string_type": "not_text",
    "string_too_short": "empty_text",
    "dict_type": "not_mapping",
    "list_type": "not_list",
    "model_type": "not_mapping",
    "model_attributes_type": "not_mapping",
}


def from_validation_error(source: str, error: Any, prefix: Sequence[Any] = ()) -> ScenarioError:
    """Turn the first error of a pydantic ``ValidationError`` into a :class:`ScenarioError`.

    Known kinds get a catalogue key (so the message exists in every language) and never
    pydantic's own wording or class names; the user's value is quoted, cut short.
    """
    from .numbers import quoted

    first = error.errors()[0]
    kind = first.get("type", "")
    field = field_path([*prefix, *first.get("loc", ())])
    ctx = first.get("ctx") or {}
    if kind in _KINDS:
        params: dict[str, Any] = {"got": quoted(first.get("input"))}
        for name in ("ge", "gt", "le", "lt", "expected"):
            if name in ctx:
                params["limit" if name != "expected" else "expected"] = str(ctx[name])
        params.setdefault("limit", "")
        params.setdefault("expected", "")
        return ScenarioError(source, field, key=_KINDS[kind], params=params)
    cause: Any = ctx.get("error")
    if getattr(cause, "key", None) is not None:  # a NumberError: keyed, in every language
        return ScenarioError(source, field, key=cause.key, params=cause.params, fix=cause.fix)
    msg = str(first.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    fix = str(ctx.get("fix", ""))
    if " | fix: " in msg:
        msg, fix = msg.split(" | fix: ", 1)
    elif "input" in first and kind != "value_error":
        msg += f" (got {quoted(first['input'])})"
    return ScenarioError(source, field, msg, fix)
