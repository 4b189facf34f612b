"""The Executive Committee derived from a roster (Berne Convention, Art. 23).

The Assembly elects one-fourth of its members, remainders disregarded (Art. 23(3)); the
host country of the Organization sits ex officio in addition (Art. 23(2)(a), as long as it
grants advances, Art. 25(7)); the election follows an equitable geographical distribution
(Art. 23(4)); at most two-thirds of the members may be re-elected (Art. 23(5)(b)).

The treaty does not say how "equitable" is measured. :func:`allocate_seats` shares the
elected seats among regional groups in proportion to their number of Assembly members,
with a named apportionment method: an assumption, shown as such in every result, that the
user can change (method, or a table of seats of their own).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .committee_options import HOST_COUNTRY, Method
from .members import Member
from .rules import RuleSet, Text

__all__ = [
    "Method",
    "GroupSeats",
    "CommitteePlan",
    "ProposalCheck",
    "allocate_seats",
    "plan_committee",
    "check_proposal",
    "HOST_COUNTRY",
]


ASSUMPTION = Text(
    "Assumption ({article} sets no formula): elected seats are shared among regional groups "
    "in proportion to their number of Assembly members, by the {method} method.",
    "Hypothèse ({article} : aucune formule n'est fixée) : les sièges électifs sont répartis "
    "entre les groupes régionaux en proportion de leur nombre de membres de l'Assemblée, "
    "selon la méthode {method}.",
)


@dataclass(frozen=True, slots=True)
class GroupSeats:
    group: str
    members: int
    quota: Fraction  # exact proportional share of the seats
    seats: int


@dataclass(frozen=True, slots=True)
class CommitteePlan:
    """The committee a roster calls for."""

    assembly_members: int
    elected_seats: int
    ex_officio: tuple[str, ...]
    reelection_cap: int
    method: str
    groups: tuple[GroupSeats, ...]
    articles: tuple[tuple[str, str], ...]

    @property
    def total_seats(self) -> int:
        return self.elected_seats + len(self.ex_officio)

    def assumption(self, lang: str = "en") -> str:
        return ASSUMPTION.get(lang).format(method=self.method,
                                           article=dict(self.articles)["groups"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "assembly_members": self.assembly_members,
            "elected_seats": self.elected_seats,
            "ex_officio": list(self.ex_officio),
            "total_seats": self.total_seats,
            "reelection_cap": self.reelection_cap,
            "method": self.method,
            "assumption": {"en": self.assumption("en"), "fr": self.assumption("fr")},
            "groups": [
                {"group": g.group, "members": g.members, "quota": str(g.quota),
                 "quota_float": float(g.quota), "seats": g.seats}
                for g in self.groups
            ],
            "articles": dict(self.articles),
        }


def allocate_seats(sizes: Mapping[str, int], seats: int,
                   method: Method | str = Method.LARGEST_REMAINDER) -> dict[str, int]:
    """Apportion ``seats`` among groups of the given sizes, exactly (ties: larger group, then
    name, so the result never depends on the order of the mapping)."""
    method = Method(method)
    total = sum(sizes.values())
    if seats < 0 or total <= 0:
        raise ValueError("seats must be >= 0 and the groups must have members")
    names = sorted(sizes)
    if method is Method.LARGEST_REMAINDER:
        quotas = {g: Fraction(sizes[g] * seats, total) for g in names}
        out = {g: int(quotas[g]) for g in names}
        left = seats - sum(out.values())
        order = sorted(names, key=lambda g: (-(quotas[g] - out[g]), -sizes[g], g))
        for g in order[:left]:
            out[g] += 1
        return out
    step = 1 if method is Method.DHONDT else 2
    out = {g: 0 for g in names}
    for _ in range(seats):
        best = max(names, key=lambda g: (Fraction(sizes[g], 1 + step * out[g]), sizes[g],
                                         [-ord(c) for c in g]))
        out[best] += 1
    return out


def plan_committee(
    rules: RuleSet,
    roster: Iterable[Member],
    method: Method | str = Method.LARGEST_REMAINDER,
    host: str | None = HOST_COUNTRY,
) -> CommitteePlan:
    """Seats, ex officio seat, seats per group and re-election cap from a roster."""
    committee = rules.executive_committee
    if committee is None:
        raise ValueError(f"body {rules.id!r} elects no executive committee")
    members = [m for m in roster if not m.observer]
    n = len(members)
    seats = committee.seats(n)
    sizes = Counter(m.group or "unassigned" for m in members)
    allocation = allocate_seats(sizes, seats, method)
    groups = tuple(
        GroupSeats(g, sizes[g], Fraction(sizes[g] * seats, n), allocation[g])
        for g in sorted(sizes, key=lambda g: (-sizes[g], g))
    )
    ex_officio = (host,) if host and committee.ex_officio else ()
    return CommitteePlan(
        assembly_members=n,
        elected_seats=seats,
        ex_officio=ex_officio,
        reelection_cap=committee.reelection_limit(seats),
        method=Method(method).value,
        groups=groups,
        articles=(
            ("elected_seats", committee.article),
            ("ex_officio", committee.ex_officio_article),
            ("reelection_cap", committee.reelection_article),
            ("groups", committee.distribution_article),
        ),
    )


@dataclass(frozen=True, slots=True)
class ProposalCheck:
    """Whether a proposed composition fits the plan; each problem cites its article."""

    valid: bool
    problems: tuple[tuple[str, str], ...]  # (article, problem)
    seats_by_group: tuple[tuple[str, int, int], ...]  # (group, proposed, planned)
    reelected: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "problems": [{"article": a, "problem": p} for a, p in self.problems],
            "seats_by_group": [{"group": g, "proposed": p, "planned": q}
                               for g, p, q in self.seats_by_group],
            "reelected": self.reelected,
        }


def check_proposal(
    plan: CommitteePlan,
    roster: Iterable[Member],
    elected: Iterable[str],
    previous: Iterable[str] = (),
    tolerance: int = 0,
) -> ProposalCheck:
    """Check a proposed list of elected members against ``plan``.

    Checks the size (Art. 23(3)), that each is a member of the Assembly and not the ex
    officio member (Art. 23(2)(a)), the seats per group within ``tolerance`` of the plan
    (Art. 23(4), under the plan's assumption), and the re-election cap against the
    ``previous`` committee (Art. 23(5)(b)).
    """
    by_id = {m.id: m for m in roster}
    chosen = list(elected)
    problems: list[tuple[str, str]] = []
    articles = dict(plan.articles)
    duplicates = sorted(k for k, v in Counter(chosen).items() if v > 1)
    if duplicates:
        problems.append((articles["elected_seats"], f"elected twice: {', '.join(duplicates)}"))
    unique = list(dict.fromkeys(chosen))
    if len(unique) != plan.elected_seats:
        problems.append((articles["elected_seats"],
                         f"{len(unique)} members elected, {plan.elected_seats} seats to fill"))
    for mid in unique:
        member = by_id.get(mid)
        if member is None:
            problems.append((articles["elected_seats"], f"{mid} is not in the roster"))
        elif member.observer:
            problems.append((articles["ex_officio"], f"{mid} is not a member of the Assembly"))
        elif mid in plan.ex_officio:
            problems.append((articles["ex_officio"], f"{mid} already sits ex officio"))
    proposed = Counter((by_id[m].group or "unassigned") for m in unique if m in by_id)
    rows = []
    for g in plan.groups:
        rows.append((g.group, proposed.get(g.group, 0), g.seats))
        if abs(proposed.get(g.group, 0) - g.seats) > tolerance:
            problems.append((articles["groups"], f"group {g.group}: {proposed.get(g.group, 0)} "
                             f"seats proposed, {g.seats} under the distribution assumed"))
    reelected = len(set(unique) & set(previous))
    if reelected > plan.reelection_cap:
        problems.append((articles["reelection_cap"], f"{reelected} members re-elected, at most "
                         f"{plan.reelection_cap} may be"))
    return ProposalCheck(not problems, tuple(problems), tuple(rows), reelected)
