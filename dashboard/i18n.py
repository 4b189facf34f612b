"""Interface labels in English and French: ``dashboard/locales/en.toml``, ``fr.toml`` and
the per-page files beside them (``elections.en.toml``, ...).

Explanations are not here: they come from the core (:meth:`quorum.Outcome.explanation`),
already bilingual. A key missing from either catalogue is caught by the test suite.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from quorum.explain import LANGUAGES, check_language, fmt, merged_catalogue, template
from quorum.roster import group_name as roster_group_name

LANG_KEY = "lang"
_FOLDER = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of one language: ``{"section.key": "text"}``."""
    check_language(lang)
    files = [_FOLDER / f"{lang}.toml", *sorted(_FOLDER.glob(f"*.{lang}.toml"))]
    return merged_catalogue((f.name, f.read_text("utf-8")) for f in files)


def label(key: str, lang: str = "en", **params: Any) -> str:
    """The text of ``key`` in ``lang`` (English, then the key itself, as fallbacks)."""
    text = template(catalogue, key, lang)
    if not params:
        return text
    return text.format(**{k: fmt(v, lang) for k, v in params.items()})


def current() -> str:
    """The language chosen in the sidebar (English until one is chosen)."""
    import streamlit as st

    value = st.session_state.get(LANG_KEY, "en")
    return value if value in LANGUAGES else "en"


def t(key: str, **params: Any) -> str:
    """``label`` in the current language: what pages call."""
    return label(key, current(), **params)


def group_name(code: str | None, lang: str | None = None) -> str:
    """A WIPO regional group's name, from the core's bilingual table."""
    return roster_group_name(code, lang or current()) if code else "—"


def money(value: Any, lang: str | None = None) -> str:
    """An amount with two decimals, written as each language writes it."""
    lang = lang or current()
    text = f"{float(value):,.2f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def number(value: Any, lang: str | None = None, decimals: int | None = None) -> str:
    """A number as each language writes it: ``1,234.5`` in English, ``1 234,5`` in French
    (a narrow no-break space between thousands). Integers keep no decimals."""
    lang = lang or current()
    if isinstance(value, int) and not isinstance(value, bool) and decimals is None:
        text = f"{value:,}"
    else:
        text = f"{float(value):,.{2 if decimals is None else decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}


def day(value: Any, lang: str | None = None) -> str:
    """A date as each language writes it: ``28 February 2027``, ``28 février 2027``
    (``1er`` for the first of a month in French)."""
    lang = lang or current()
    if value is None:
        return "—"
    first = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{first} {_MONTHS['fr' if lang == 'fr' else 'en'][value.month - 1]} {value.year}"


#: Vega's number and time formats of each language (d3-format and d3-time-format locales):
#: chart axes and tooltips then write "1 234,5" and "févr." in French.
CHART_LOCALES: dict[str, dict[str, Any]] = {
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
    },
    "fr": {
        "number": {"decimal": ",", "thousands": "\u202f", "grouping": [3],
                   "currency": ["", "\u00a0€"], "percent": "\u202f%"},
        "time": {
            "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                     "samedi"],
            "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
            "months": list(_MONTHS["fr"]),
            "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                            "août", "sept.", "oct.", "nov.", "déc."],
        },
    },
}
