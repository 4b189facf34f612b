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
- Coordination Committee: members of either Executive Committee (WIPO Conv. Art. 8(1)(a)),
  and the ad hoc members designated among the States party to neither Convention (Art. 8(1)(c)).

Two compositions of the committees are shipped, each for a stated period (:data:`PERIODS`):
``2025-2027`` (the default, roster ``wipo-members``: hypothetical, derived) and ``2019-2021``
(roster ``wipo-members-2020``: the 83 members of the Coordination Committee listed in WIPO
document WO/CC/77/4 Prov., with their split between the two Executive Committees derived).

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
    "derive_split",
    "PERIODS",
    "DEFAULT_PERIOD",
    "ROSTER_PERIODS",
    "ad_hoc_members",
    "derived_composition",
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

#: The periods of the shipped committee compositions and their files.
PERIODS = {"2025-2027": "executive_committees.csv", "2019-2021": "committees_2019_2021.csv"}
DEFAULT_PERIOD = "2025-2027"
#: Bundled roster names and the period of the committees they carry.
ROSTER_PERIODS = {WIPO_ROSTER: DEFAULT_PERIOD, "wipo-members-2020": "2019-2021"}
#: The date of the Assemblies' election of the 2019-2021 committees (A/59, 30 September to
#: 9 October 2019): a State can sit on the Berne Executive Committee of that period only if
#: the Berne Convention was in force for it by then.
ELECTED_2019 = "2019-10-09"

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
    basis: str  # "ex-officio", "ad-hoc", "derived" (hypothetical) or a document symbol
    source: str = ""  # the document that lists the member for the period, if any


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
def committee_seats(period: str = DEFAULT_PERIOD) -> tuple[CommitteeSeat, ...]:
    """The seats of a period's committees: ``executive_committees.csv`` for the default
    period, ``committees_2019_2021.csv`` for ``2019-2021``."""
    if period not in PERIODS:
        raise KeyError(f"unknown period {period!r}; known: {', '.join(PERIODS)}")
    return tuple(CommitteeSeat(r["id"].strip(), r["body"].strip(), r["period"].strip(),
                               r["basis"].strip(), r.get("source", "").strip())
                 for r in _read(PERIODS[period]))


def ad_hoc_members(period: str = DEFAULT_PERIOD) -> tuple[str, ...]:
    """The ad hoc members of the Coordination Committee for ``period`` (WIPO Conv.
    Art. 8(1)(c)); none are listed for the default period."""
    return tuple(s.id for s in committee_seats(period) if s.basis == "ad-hoc")


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


def derive_split(rows: Iterable[MemberRow], elected: Iterable[str], paris_seats: int,
                 berne_eligible: Iterable[str], host: str = HOST_COUNTRY
                 ) -> dict[str, tuple[str, ...]]:
    """Share known Coordination Committee members between the two Executive Committees
    when only the Committee's list is known (the split is then an assumption, marked).

    The same method as :func:`derive_executive_committees`, constrained to ``elected``:
    the Paris Committee's ``paris_seats`` are shared among regional groups in proportion
    to their members in ``elected`` (largest remainder); within a group a State that can
    sit on one Committee only goes there, the others go Paris first in the order of the
    ISO codes; everyone left sits on the Berne Committee. The host country sits on both.
    """
    by_id = {r.id: r for r in rows}
    chosen = [by_id[i] for i in sorted(set(elected)) if i != host]
    berne_ok = set(berne_eligible)
    seats = allocate_seats(Counter(r.group for r in chosen), paris_seats)
    paris: list[str] = []
    berne: list[str] = []
    for group in sorted({r.group for r in chosen}):
        pool = [r for r in chosen if r.group == group]
        only_paris = [r.id for r in pool if r.paris_party and r.id not in berne_ok]
        only_berne = [r.id for r in pool if r.id in berne_ok and not r.paris_party]
        free = [r.id for r in pool if r.id not in only_paris and r.id not in only_berne]
        room = max(0, seats.get(group, 0) - len(only_paris))
        paris.extend(only_paris + free[:room])
        berne.extend(only_berne + free[room:])
    return {PARIS_EC: tuple(sorted(paris) + [host]), BERNE_EC: tuple(sorted(berne) + [host])}


def _bodies(row: MemberRow, paris_ec: set[str], berne_ec: set[str],
            ad_hoc: frozenset[str] = frozenset()) -> tuple[str, ...]:
    bodies = set()
    if row.wipo_member:
        bodies.add(CONFERENCE)
        if row.paris_party or row.berne_party:
            bodies.add(GENERAL_ASSEMBLY)
        if row.id in paris_ec or row.id in berne_ec or row.id in ad_hoc:
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
def wipo_roster(period: str = DEFAULT_PERIOD) -> tuple[Member, ...]:
    """The WIPO Member States as :class:`Member` values with their ``bodies``, the
    committees being those of ``period``; everyone absent, no arrears. The Assemblies'
    memberships are those of the roster's reference date whatever the period."""
    seats = committee_seats(period)
    paris_ec = {s.id for s in seats if s.body == PARIS_EC}
    berne_ec = {s.id for s in seats if s.body == BERNE_EC}
    ad_hoc = frozenset(ad_hoc_members(period))
    return tuple(
        Member(id=r.id, name=r.name_en, name_fr=r.name_fr, group=r.group,
               bodies=_bodies(r, paris_ec, berne_ec, ad_hoc))
        for r in member_rows()
    )


def derived_composition(roster: Iterable[Member]) -> str | None:
    """The period whose shipped Executive Committees, split by derivation rather than read
    in a WIPO document, are exactly those of ``roster`` (so a special count on it rests on
    that assumption); ``None`` otherwise."""
    members = list(roster)
    paris = {m.id for m in members if PARIS_EC in m.bodies}
    berne = {m.id for m in members if BERNE_EC in m.bodies}
    for period in PERIODS:
        seats = committee_seats(period)
        if (any(s.basis == "derived" for s in seats)
                and paris == {s.id for s in seats if s.body == PARIS_EC}
                and berne == {s.id for s in seats if s.body == BERNE_EC}):
            return period
    return None


def body_members(roster: Iterable[Member], body: str) -> tuple[Member, ...]:
    """The members of ``roster`` that belong to ``body``."""
    return tuple(m for m in roster if body in m.bodies)


def body_counts(roster: Iterable[Member]) -> Mapping[str, int]:
    """How many members each body has in ``roster``."""
    counts: Counter[str] = Counter()
    for m in roster:
        counts.update(m.bodies)
    return dict(counts)
