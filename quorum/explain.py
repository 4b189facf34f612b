"""Explanations as data: ordered steps rendered from a message catalogue.

Evaluation returns :class:`Step` values (article, message key, parameters); the sentences
live in ``quorum/locales/en.toml`` and ``fr.toml``. Logic never holds prose, and a key
missing from either catalogue is caught by the test suite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from .compiled import compiled

__all__ = ["Step", "LANGUAGES", "render", "catalogue", "flatten_catalogue", "message", "fmt",
           "member_names"]

LANGUAGES = ("en", "fr")

Param = str | int | bool | None


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an explanation: what was checked, under which article, with which figures.

    ``params`` may hold plain values or, for texts that differ by language, a pair
    ``("i18n", en, fr)`` as produced by :func:`bilingual`.
    """

    article: str
    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str) -> Any:
        for key, value in self.params:
            if key == name:
                return value
        return None

    def render(self, lang: str = "en") -> str:
        return render(self, lang)

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "key": self.key, "en": render(self, "en"),
                "fr": render(self, "fr")}


def step(article: str, key: str, **params: Any) -> Step:
    return Step(article, key, tuple(params.items()))


def bilingual(en: str, fr: str) -> tuple[str, str, str]:
    return ("i18n", en, fr)


def member_names(members: Iterable[Any], limit: int | None = None
                 ) -> tuple[str, tuple[tuple[str, str, str], ...], bool]:
    """Members named in a message: their ids with their English and French names, written
    at render time in the message's language as "Name (id)" (``limit``: at most so many,
    then an ellipsis). ``members`` have ``id``, ``name`` and ``name_fr``."""
    listed = list(members)
    shown = listed if limit is None else listed[:limit]
    entries = tuple((m.id, m.name or "", m.name_fr or "") for m in shown)
    return ("members", entries, len(listed) > len(shown))


def _names_text(entries: tuple[tuple[str, str, str], ...], more: bool, lang: str) -> str:
    parts = []
    for member_id, en, fr in entries:
        name = (fr or en) if lang == "fr" else en
        parts.append(f"{name} ({member_id})" if name else member_id)
    return ", ".join(parts) + (" …" if more else "")


def described(rule: Any) -> tuple[str, str, str]:
    """A rule's own ``describe(lang)`` in both languages, as a message parameter."""
    return bilingual(rule.describe("en"), rule.describe("fr"))


def flatten_catalogue(toml_text: str) -> dict[str, str]:
    """A TOML message catalogue as ``{"section.key": "text"}`` (shared by every catalogue)."""
    import tomllib  # only when a catalogue is compiled

    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                walk(name, value)
            else:
                flat[name] = str(value)

    walk("", tomllib.loads(toml_text))
    return flat


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")


@cache
def package_catalogue(prefix: str, lang: str) -> dict[str, str]:
    """The flat catalogue ``quorum/locales/{prefix}{lang}.toml`` (read once)."""
    check_language(lang)
    text = resources.files("quorum").joinpath("locales", f"{prefix}{lang}.toml").read_text(
        "utf-8")
    return flatten_catalogue(text)


def merged_catalogue(texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Flat catalogues merged into one; a key defined in two files is an error.

    Each capability keeps its messages in a file of its own (``elections.en.toml`` beside
    ``en.toml``), so that the catalogue grows by files, not by edits of one long file.
    """
    merged: dict[str, str] = {}
    for name, text in texts:
        flat = flatten_catalogue(text)
        clash = sorted(set(flat) & set(merged))
        if clash:
            raise KeyError(f"message key {clash[0]!r} is defined twice (again in {name})")
        merged.update(flat)
    return merged


def _is_flat(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items())


def _merge_files(files: list[tuple[str, bytes]]) -> dict[str, str]:
    return merged_catalogue((name, data.decode("utf-8")) for name, data in files)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The explanations' catalogue of one language: ``{lang}.toml`` and ``*.{lang}.toml``
    (compiled once to JSON by :func:`quorum.compiled.compiled`)."""
    check_language(lang)
    folder = resources.files("quorum").joinpath("locales")
    names = [f"{lang}.toml"] + sorted(
        entry.name for entry in folder.iterdir() if entry.name.endswith(f".{lang}.toml"))
    return compiled(f"catalogue-core-{lang}", [(n, folder.joinpath(n).read_bytes())
                                               for n in names], _merge_files, _is_flat)


def template(catalogue_of: Callable[[str], dict[str, str]], key: str, lang: str) -> str:
    """The text of ``key`` in ``lang``; the English one when missing; else the key itself."""
    found = catalogue_of(lang).get(key)
    return found if found is not None else catalogue_of("en").get(key, key)


def message(key: str, lang: str = "en", **params: Any) -> str:
    """A catalogue sentence (also used for the interface's labels)."""
    return template(catalogue, key, lang).format(**{k: fmt(v, lang) for k, v in params.items()})


def fmt(value: Any, lang: str) -> str:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "i18n":
        return str(value[2] if lang == "fr" else value[1])
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "members":
        return _names_text(value[1], bool(value[2]), lang)
    if isinstance(value, bool):
        words = {"en": ("no", "yes"), "fr": ("non", "oui")}[lang if lang == "fr" else "en"]
        return words[int(value)]
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return fmt(value.numerator, lang)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u202f") if lang == "fr" else text
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def render(s: Step, lang: str = "en") -> str:
    return message(s.key, lang, **dict(s.params))


def explanation(trace: Iterable[Step], lang: str = "en") -> list[str]:
    """A trace as lines to read: ``[article] sentence`` (the sentence alone without one)."""
    return [f"[{s.article}] {s.render(lang)}" if s.article else s.render(lang) for s in trace]
