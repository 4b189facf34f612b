"""Voting power in a body: its rule set and roster turned into weighted games.

Everyone present votes yes or no (the a-priori model of voting power); a member that has
lost its vote for arrears (Art. 25(4)(e)) or attends as an observer is left out. The quota
of each decision kind is found by asking the kind's :class:`~quorum.rules.Majority` itself
(the smallest number of yes votes that carries it when all the voters vote), so any body
of the vocabulary, preset or defined in a file, gets its power indices the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from .members import Member, headcount
from .power import (
    WeightedGame,
    minimal_blocking_coalition,
    penrose_banzhaf,
    power_indices,
    two_tier,
)
from .rules import RuleSet

__all__ = [
    "quota_for",
    "BodyPower",
    "body_power",
    "blocking_table",
    "game_to_dict",
    "represented",
    "anonymous_roster",
]


def quota_for(rules: RuleSet, kind: str | None, voters: int, members: int) -> int | None:
    """The fewest yes votes that carry ``kind`` when ``voters`` members all vote yes or no.

    None when no number of yes votes suffices (e.g. a base of all members larger than the
    voters present can reach).
    """
    return rules.majority(kind).quota(voters, members)


def game_to_dict(game: WeightedGame) -> dict[str, Any]:
    """The ``quorum power --json`` form of a weighted game (floats; exact in Python)."""
    idx = power_indices(game)
    return {
        "players": list(idx.names),
        "weights": list(idx.weights),
        "quota": game.quota,
        "banzhaf": [float(x) for x in idx.banzhaf],
        "penrose_banzhaf": [float(x) for x in idx.penrose_banzhaf],
        "shapley_shubik": [float(x) for x in idx.shapley_shubik],
        "swings": list(idx.swings),
        "exact": {
            "banzhaf": [str(x) for x in idx.banzhaf],
            "penrose_banzhaf": [str(x) for x in idx.penrose_banzhaf],
            "shapley_shubik": [str(x) for x in idx.shapley_shubik],
        },
    }


@dataclass(frozen=True)
class BodyPower:
    """Power in one body for one kind of decision."""

    body: str
    kind: str
    members: int
    voters: tuple[Member, ...]
    left_out: tuple[str, ...]
    quota: int | None
    group_game: WeightedGame | None  # regional groups as blocs
    member_power: tuple[tuple[str, str, Fraction], ...]  # (member, group, exact power)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "body": self.body,
            "kind": self.kind,
            "members": self.members,
            "voters": len(self.voters),
            "left_out": list(self.left_out),
            "quota": self.quota,
        }
        if self.group_game is not None:
            out["groups"] = game_to_dict(self.group_game)
        out["member_power"] = [
            {"id": mid, "group": group, "penrose_banzhaf": float(p), "exact": str(p)}
            for mid, group, p in self.member_power
        ]
        return out


def _group_sizes(voters: Iterable[Member]) -> dict[str, int]:
    """Voters per regional group ("unassigned" without one), largest first, ties by code."""
    sizes = Counter(m.group or "unassigned" for m in voters)
    return {g: sizes[g] for g in sorted(sizes, key=lambda g: (-sizes[g], g))}


def represented(rules: RuleSet, roster: Iterable[Member], on: date | None = None,
                without_vote: Collection[str] = ()) -> int:
    """Members represented that count toward the quorum (Art. 22(3)(b)-(c)).

    Members present without the vote (arrears, Art. 25(4)(e), or named in
    ``without_vote``) count unless the body's interpretation switch
    ``arrears_count_for_quorum`` says otherwise, as in :func:`quorum.evaluate`.
    """
    return headcount(rules, roster, on, without_vote=without_vote).represented


def anonymous_roster(members: int, present: int) -> tuple[Member, ...]:
    """``members`` equal, unnamed members of which the first ``present`` attend: how a
    session known only by its counts is seen by :func:`body_power` and
    :func:`blocking_table` (everyone a voter of equal weight, no groups)."""
    if members < 0 or not 0 <= present <= members:
        raise ValueError(f"{present} present out of {members} members: need "
                         "0 <= present <= members")
    width = len(str(members))
    return tuple(Member(f"#{i + 1:0{width}d}", present=i < present) for i in range(members))


def body_power(rules: RuleSet, roster: Iterable[Member], kind: str | None = None,
               on: date | None = None, blocs: bool = True,
               without_vote: Collection[str] = ()) -> BodyPower:
    """Exact a-priori power of groups (as blocs) and of each member, present members only.

    With ``blocs`` the regional groups vote as blocs in a council weighted by their voting
    members and each member's power is the exact composite (two-tier) probability of
    deciding the outcome; without, every member votes alone in a symmetric game.
    Members named in ``without_vote`` are left out as if they had lost the vote (to ask
    "what if this member lost its vote?" without changing its arrears).
    """
    majority = rules.majority(kind)
    count = headcount(rules, roster, on, without_vote=without_vote)
    voters, n = count.voters, len(count.organ)
    quota = quota_for(rules, majority.kind, len(voters), n)
    group_game = None
    powers: list[tuple[str, str, Fraction]] = []
    if quota is not None and voters:
        if blocs:
            sizes = _group_sizes(voters)
            result = two_tier(list(sizes.values()), council_quota=quota, names=list(sizes))
            group_game = result.council
            by_group = {g.name: g.composite_member_power for g in result.groups}
            powers = [(m.id, m.group or "unassigned", by_group[m.group or "unassigned"])
                      for m in voters]
        else:
            game = WeightedGame(quota, tuple(1 for _ in voters), tuple(m.id for m in voters))
            # Only the Penrose-Banzhaf power is kept: no Shapley-Shubik counts by size,
            # which grow with the square of the number of members.
            powers = [(m.id, m.group or "", p) for m, p in zip(voters, penrose_banzhaf(game),
                                                                  strict=True)]
    return BodyPower(rules.id, majority.kind, n, voters, tuple(m.id for m in count.suspended),
                     quota,
                     group_game, tuple(powers))


def blocking_table(rules: RuleSet, roster: Iterable[Member], on: date | None = None,
                   attendance: int | None = None,
                   without_vote: Collection[str] = ()) -> list[dict[str, Any]]:
    """Who can stop each kind of decision.

    For every kind: the fewest "no" votes that defeat it when all voters vote (and, with
    ``attendance``, when only that many voters attend), the fewest regional groups whose
    voting members together block it, and the fewest members whose absence denies the
    quorum (below the reduced band, if the body has one, the body cannot decide at all).
    The voters are the members present in ``roster`` holding the vote (``without_vote``
    as for :func:`body_power`); the ``*_from_attendance`` figures count the further
    absences, from the members represented in ``roster``, that deny any decision or push
    the session into the written procedure (0 when that has already happened).
    """
    count = headcount(rules, roster, on, without_vote=without_vote)
    voters, n, here = count.voters, len(count.organ), count.represented
    full = len(voters)
    sizes = _group_sizes(voters)
    # Absences that stop any decision, or force the written procedure: the same for every
    # kind of decision (the quorum does not depend on it).
    quorum = rules.quorum_minimum(n)
    reduced = rules.reduced_minimum(n)
    floor = quorum if reduced is None else reduced
    by_absence = max(0, n - floor + 1)
    from_attendance = max(0, here - floor + 1)
    forcing = n - quorum + 1 if reduced is not None else None
    forcing_here = max(0, here - quorum + 1) if reduced is not None else None
    rows = []
    for majority in rules.majorities:
        row: dict[str, Any] = {"kind": majority.kind, "article": majority.article,
                               "voters": full}
        quota = quota_for(rules, majority.kind, full, n)
        row["quota"] = quota
        row["blocking_by_votes"] = None if quota is None else full - quota + 1
        if quota is not None and sizes:
            council = WeightedGame(quota, tuple(sizes.values()), tuple(sizes))
            row["blocking_groups"] = list(minimal_blocking_coalition(council))
        if attendance is not None:
            a = max(0, min(attendance, full))
            q = quota_for(rules, majority.kind, a, n)
            row["attendance"] = a
            row["blocking_by_votes_at_attendance"] = None if q is None else a - q + 1
        row["blocking_by_absence"] = by_absence
        row["forcing_written_procedure_by_absence"] = (
            forcing if majority.written_procedure else None)
        row["represented"] = here
        row["blocking_by_absence_from_attendance"] = from_attendance
        row["forcing_written_procedure_from_attendance"] = (
            forcing_here if majority.written_procedure else None)
        rows.append(row)
    return rows
