"""Who belongs to which body: the bundled roster of the WIPO Member States.

``quorum/data/wipo_roster.csv`` holds one row per Member State of WIPO with the treaties it
is party to; ``quorum/data/executive_committees.csv`` the members of the Paris and Berne
Executive Committees for a stated period. From them each member gets its ``bodies``:

- WIPO Conference: every Member State (WIPO Conv. Art. 7(1)(a));
- WIPO General Assembly: Member States party to the Paris or the Berne Convention
  (WIPO Conv. Art. 6(1)(a));
- Paris Assembly: parties to the Paris Convention (Paris Conv. Art. 13(1)(a));
- Berne Assembly: parties bound by Arts. 22 to 26 of the Paris Act (Berne Conv. Art. 22(1)(a));
- Paris and Berne Executive Committees: the members listed for the period (Paris Conv.
  Art. 14(2)(a), Berne Conv. Art. 23(2)(a)), Switzerland ex officio;
- Coordination Committee: members of either Executive Committee (WIPO Conv. Art. 8(1)(a)).

Where no composition in office is listed, :func:`derive_executive_committees` builds a
hypothetical one with the apportionment of ``quorum committee`` (an assumption, marked).
Sources, dates and counts: ``quorum/data/README.md``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..committee import HOST_COUNTRY, allocate_seats
from ..members import Member

__all__ = [
    "WIPO_ROSTER",
    "GENERAL_ASSEMBLY",
    "CONFERENCE",
    "COORDINATION_COMMITTEE",
    "PARIS_ASSEMBLY",
    "BERNE_ASSEMBLY",
    "PARIS_EC",
    "BERNE_EC",
    "MemberRow",
    "CommitteeSeat",
    "member_rows",
    "committee_seats",
    "derive_executive_committees",
    "wipo_roster",
    "body_members",
]

WIPO_ROSTER = "wipo-members"
GENERAL_ASSEMBLY = "wipo-general-assembly"
CONFERENCE = "wipo-conference"
COORDINATION_COMMITTEE = "wipo-coordination-committee"
PARIS_ASSEMBLY = "paris-assembly"
BERNE_ASSEMBLY = "berne-assembly"
PARIS_EC = "paris-executive-committee"
BERNE_EC = "berne-executive-committee"

#: The order in which a member's bodies are listed.
BODY_ORDER = (GENERAL_ASSEMBLY, CONFERENCE, COORDINATION_COMMITTEE, PARIS_ASSEMBLY, PARIS_EC,
              BERNE_ASSEMBLY, BERNE_EC)


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One WIPO Member State as documented in ``wipo_roster.csv``."""

    id: str
    iso3: str
    name_en: str
    name_fr: str
    group: str
    wipo_member: bool
    paris_party: bool
    berne_party: bool
    berne_assembly: bool
    unconfirmed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CommitteeSeat:
    """A seat on an Executive Committee for a period, with the basis of the entry."""

    id: str
    body: str
    period: str
    basis: str  # "ex-officio", "derived" (hypothetical) or a document symbol


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("quorum").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _flag(text: str) -> bool:
    return text.strip().lower() == "true"


@cache
def member_rows() -> tuple[MemberRow, ...]:
    """The rows of ``wipo_roster.csv``."""
    return tuple(
        MemberRow(
            id=r["id"].strip(), iso3=r["iso3"].strip(), name_en=r["name_en"].strip(),
            name_fr=r["name_fr"].strip(), group=r["group"].strip(),
            wipo_member=_flag(r["wipo_member"]), paris_party=_flag(r["paris_party"]),
            berne_party=_flag(r["berne_party"]), berne_assembly=_flag(r["berne_assembly"]),
            unconfirmed=tuple(x for x in r["unconfirmed"].split(";") if x.strip()),
        )
        for r in _read("wipo_roster.csv")
    )


@cache
def committee_seats() -> tuple[CommitteeSeat, ...]:
    """The rows of ``executive_committees.csv``."""
    return tuple(CommitteeSeat(r["id"].strip(), r["body"].strip(), r["period"].strip(),
                               r["basis"].strip())
                 for r in _read("executive_committees.csv"))


def derive_executive_committees(rows: Iterable[MemberRow], host: str = HOST_COUNTRY
                                ) -> dict[str, tuple[str, ...]]:
    """A hypothetical composition of the two Executive Committees (the fallback).

    Seats: one-fourth of each Assembly, remainders disregarded (Paris Conv. Art. 14(3),
    Berne Conv. Art. 23(3)), shared among regional groups in proportion to their members
    by the largest-remainder method (the assumption of ``quorum committee``). Within a
    group, seats go in the order of the ISO codes, Paris first, and no State sits on both
    Committees (as in practice); the host country sits ex officio on both.
    """
    members = list(rows)
    paris = [r for r in members if r.paris_party and r.id != host]
    berne = [r for r in members if r.berne_assembly and r.id != host]
    out: dict[str, list[str]] = {PARIS_EC: [], BERNE_EC: []}
    taken: set[str] = set()
    for body, pool, assembly in ((PARIS_EC, paris, [r for r in members if r.paris_party]),
                                 (BERNE_EC, berne, [r for r in members if r.berne_assembly])):
        sizes = Counter(r.group for r in pool)
        seats = allocate_seats(sizes, len(assembly) // 4)
        for group in sorted(seats):
            free = sorted(r.id for r in pool if r.group == group and r.id not in taken)
            chosen = free[: seats[group]]
            taken.update(chosen)
            out[body].extend(chosen)
    return {body: tuple(sorted(ids) + [host]) for body, ids in out.items()}


def _bodies(row: MemberRow, paris_ec: set[str], berne_ec: set[str]) -> tuple[str, ...]:
    bodies = set()
    if row.wipo_member:
        bodies.add(CONFERENCE)
        if row.paris_party or row.berne_party:
            bodies.add(GENERAL_ASSEMBLY)
        if row.id in paris_ec or row.id in berne_ec:
            bodies.add(COORDINATION_COMMITTEE)
    if row.paris_party:
        bodies.add(PARIS_ASSEMBLY)
    if row.berne_assembly:
        bodies.add(BERNE_ASSEMBLY)
    if row.id in paris_ec:
        bodies.add(PARIS_EC)
    if row.id in berne_ec:
        bodies.add(BERNE_EC)
    return tuple(b for b in BODY_ORDER if b in bodies)


@cache
def wipo_roster() -> tuple[Member, ...]:
    """The WIPO Member States as :class:`Member` values with their ``bodies``; everyone
    absent, no arrears."""
    seats = committee_seats()
    paris_ec = {s.id for s in seats if s.body == PARIS_EC}
    berne_ec = {s.id for s in seats if s.body == BERNE_EC}
    return tuple(
        Member(id=r.id, name=r.name_en, name_fr=r.name_fr, group=r.group,
               bodies=_bodies(r, paris_ec, berne_ec))
        for r in member_rows()
    )


def body_members(roster: Iterable[Member], body: str) -> tuple[Member, ...]:
    """The members of ``roster`` that belong to ``body``."""
    return tuple(m for m in roster if body in m.bodies)


def body_counts(roster: Iterable[Member]) -> Mapping[str, int]:
    """How many members each body has in ``roster``."""
    counts: Counter[str] = Counter()
    for m in roster:
        counts.update(m.bodies)
    return dict(counts)
