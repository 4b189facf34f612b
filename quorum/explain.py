"""Explanations as data: ordered steps rendered from a message catalogue.

Evaluation returns :class:`Step` values (article, message key, parameters); the sentences
live in ``quorum/locales/en.toml`` and ``fr.toml``. Logic never holds prose, and a key
missing from either catalogue is caught by the test suite.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

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


def cache_dir() -> Path | None:
    """Where compiled catalogues are kept: ``$QUORUM_CACHE_DIR``, else ``quorum`` in
    ``$XDG_CACHE_HOME`` or ``~/.cache``; None (no cache) when ``QUORUM_CACHE_DIR`` is empty."""
    chosen = os.environ.get("QUORUM_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quorum"


def compiled_catalogue(label: str, files: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    """:func:`merged_catalogue` of ``files`` (name, UTF-8 bytes), compiled once.

    Parsing TOML in pure Python costs more than everything else a short command does with
    its messages; the merged result is kept as one JSON file under :func:`cache_dir`, named
    by a digest of the files' names and contents, so that an edited, added or removed file
    is a different name and is compiled again (with the same checks: a key defined twice is
    an error, and nothing is written). A cache that cannot be read or written is skipped.
    """
    listed = list(files)
    digest = hashlib.blake2b(digest_size=16)
    for name, data in listed:
        digest.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    folder = cache_dir()
    path = folder / f"catalogue-{label}-{digest.hexdigest()}.json" if folder else None
    if path is not None:
        try:
            found = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            found = None
        if isinstance(found, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
            return found
    merged = merged_catalogue((name, data.decode("utf-8")) for name, data in listed)
    if path is not None:
        _write_compiled(path, label, merged)
    return merged


def _write_compiled(path: Path, label: str, merged: dict[str, str]) -> None:
    """Write atomically (a concurrent reader sees the whole file or none) and drop the
    compiled files of older contents of the same catalogue."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(json.dumps(merged, ensure_ascii=False), "utf-8")
        os.replace(part, path)
        for old in path.parent.glob(f"catalogue-{label}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The explanations' catalogue of one language: ``{lang}.toml`` and ``*.{lang}.toml``
    (compiled once by :func:`compiled_catalogue`)."""
    check_language(lang)
    folder = resources.files("quorum").joinpath("locales")
    names = [f"{lang}.toml"] + sorted(
        entry.name for entry in folder.iterdir() if entry.name.endswith(f".{lang}.toml"))
    return compiled_catalogue(f"core-{lang}", ((n, folder.joinpath(n).read_bytes())
                                               for n in names))


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
