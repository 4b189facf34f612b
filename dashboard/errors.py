"""Errors of the core (:class:`quorum.ScenarioError`) in the page's language.

The core's error renders itself per language when it knows how (``render(lang)``); until
then the frame of the line (file, field, fix) is written here in the page's language.
Errors kept by a cache are kept in both languages (:func:`texts`), so that a language
switch shows them in the new one.
"""

from __future__ import annotations

from typing import Any

from quorum.explain import LANGUAGES

from .i18n import label

__all__ = ["Message", "text", "texts", "message", "pick"]


class Message(str):
    """A one-line message that is its English text and knows its other languages
    (picklable, so caches can keep it; code testing ``isinstance(x, str)`` still works)."""

    by_lang: dict[str, str]

    def __new__(cls, by_lang: dict[str, str]) -> Message:
        made = super().__new__(cls, by_lang.get("en", ""))
        made.by_lang = dict(by_lang)
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.by_lang,))


def text(error: Any, lang: str) -> str:
    """The one-line message of ``error`` in ``lang``."""
    render = getattr(error, "render", None)
    if callable(render):
        try:
            return str(render(lang))
        except (KeyError, TypeError, ValueError):
            pass
    source = getattr(error, "source", None)
    if source is None:
        return str(error)
    field = getattr(error, "field", "")
    where = (label("errors.field", lang, field=field) if field
             else label("errors.the_file", lang))
    line = label("errors.line", lang, source=source, where=where,
                 problem=getattr(error, "problem", ""))
    fix = getattr(error, "fix", "")
    return line + (label("errors.fix", lang, fix=fix) if fix else "")


def texts(error: Any) -> dict[str, str]:
    """``error``'s message in every language (what a cache keeps)."""
    return {lang: text(error, lang) for lang in LANGUAGES}


def message(error: Any) -> Message:
    """``error`` as a :class:`Message` in every language."""
    return Message(texts(error))


def pick(value: Any, lang: str) -> str:
    """One language of a :class:`Message` or of :func:`texts` (other text passes through)."""
    by_lang = value if isinstance(value, dict) else getattr(value, "by_lang", None)
    if by_lang:
        return str(by_lang.get(lang) or by_lang.get("en", ""))
    return str(value)
