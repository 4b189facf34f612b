"""Rosters shipped as package data: the contracting parties of the Berne Convention.

``quorum/data/berne_roster.csv`` holds one row per contracting party with its WIPO regional
group, the date the Convention took effect for it, whether it is a member of the Assembly
(bound by Arts. 22 to 26 of the Paris Act) or an observer, and its contribution class.
Sources and dates of every column: ``quorum/data/README.md``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .members import Member

__all__ = ["GROUPS", "group_name", "RosterRow", "roster_rows", "bundled_roster",
           "bundled_roster_names"]

#: WIPO regional groups: code -> (English, French)
GROUPS: dict[str, tuple[str, str]] = {
    "african": ("African Group", "Groupe des pays africains"),
    "asia-pacific": ("Asia and the Pacific Group", "Groupe des pays d'Asie et du Pacifique"),
    "cebs": ("Central European and Baltic States",
             "Groupe des pays d'Europe centrale et des États baltes"),
    "caceec": ("Central Asian, Caucasus and Eastern European States",
               "Groupe des pays d'Asie centrale, du Caucase et d'Europe orientale"),
    "grulac": ("Group of Latin American and Caribbean Countries",
               "Groupe des pays d'Amérique latine et des Caraïbes"),
    "group-b": ("Group B", "Groupe B"),
    "china": ("China", "Chine"),
}



def group_name(code: str, lang: str = "en") -> str:
    """A WIPO regional group's name in ``lang``; a code not in :data:`GROUPS` as it is."""
    names = GROUPS.get(code)
    return code if names is None else names[1 if lang == "fr" else 0]


_FILES = {"berne-union": "berne_roster.csv"}


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One contracting party as documented in the data files."""

    id: str
    iso3: str
    name_en: str
    name_fr: str
    group: str
    in_force: date | None
    assembly_member: bool
    contribution_class: str | None
    unconfirmed: tuple[str, ...]


def _date(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


def bundled_roster_names() -> tuple[str, ...]:
    return (*_FILES, "wipo-members", "wipo-members-2020")


@cache
def roster_rows(name: str = "berne-union") -> tuple[RosterRow, ...]:
    """The rows of a bundled roster, as documented."""
    if name not in _FILES:
        raise KeyError(f"unknown roster {name!r}; known: {', '.join(_FILES)}")
    text = resources.files("quorum").joinpath("data", _FILES[name]).read_text("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append(RosterRow(
            id=row["id"].strip(),
            iso3=row.get("iso3", "").strip(),
            name_en=row["name_en"].strip(),
            name_fr=row.get("name_fr", "").strip(),
            group=row["group"].strip(),
            in_force=_date(row.get("in_force", "")),
            assembly_member=row["assembly_member"].strip().lower() == "true",
            contribution_class=row.get("contribution_class", "").strip() or None,
            unconfirmed=tuple(x for x in row.get("unconfirmed", "").split(";") if x.strip()),
        ))
    return tuple(rows)


@cache
def bundled_roster(name: str = "berne-union") -> tuple[Member, ...]:
    """The roster as :class:`Member` values: everyone absent, no arrears."""
    if name in ("wipo-members", "wipo-members-2020"):  # WIPO Member States with their bodies
        from .joint.memberships import ROSTER_PERIODS, wipo_roster

        return wipo_roster(ROSTER_PERIODS[name])
    return tuple(
        Member(
            id=r.id, name=r.name_en, name_fr=r.name_fr, present=False,
            contribution_class=r.contribution_class, observer=not r.assembly_member,
            group=r.group,
        )
        for r in roster_rows(name)
    )
