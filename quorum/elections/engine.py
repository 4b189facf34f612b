"""Counting an election, ballot by ballot: pure functions on frozen values.

:func:`run_election` takes an :class:`Election` (candidates, seats, procedure, the rounds as
recorded) and the size of the organ, and returns an :class:`ElectionResult`: for each round
who was in the running, the votes, the votes cast (blank and invalid ballots excluded), the
fewest votes that meet the majority (exact integers), who was elected and who went out;
then the status (``elected``, ``open`` or ``tie``), the next ballot, and the explanation as
ordered steps rendered from ``quorum/locales/elections.*.toml``.

A tie that decides who goes on (or who is elected) is settled by the round's ``lot`` (the
candidates the lot, or the special ballot, favoured), or by the withdrawals recorded before
the next round; when neither settles it and no round follows, the status is ``tie``.
Inconsistent records raise :class:`ElectionError` naming the field and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..explain import Step, bilingual, step
from ..rules import Base
from .procedure import ELECTION_SWITCHES, Procedure, Ties

__all__ = [
    "Candidate",
    "Election",
    "ElectionError",
    "ElectionResult",
    "Round",
    "RoundResult",
    "run_election",
    "STATUSES",
]

STATUSES = ("elected", "open", "tie")


class ElectionError(ValueError):
    """An inconsistent election record: ``field`` (relative to the election), problem, fix."""

    def __init__(self, field: str, problem: str = "", fix: str = "", *, key: str | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self.field = field
        self.key = key  # error.KEY of quorum/locales/errors-elections.*.toml
        self.params: dict[str, Any] = dict(params or {})
        if key is not None:
            from ..explain import message

            problem = problem or message(f"error.{key}.problem", "en", **self.params)
            fix = fix or message(f"error.{key}.fix", "en", **self.params)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{field}: {problem}. Fix: {fix}")


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    name: str = ""
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Round:
    """One ballot as recorded. ``votes`` None: no ballot figures (a walkover, or figures
    that were not published, then ``reported_*`` give the published outcome)."""

    withdrawn: tuple[str, ...] = ()
    votes: tuple[tuple[str, int], ...] | None = None
    blank: int = 0
    invalid: int = 0
    lot: tuple[str, ...] | None = None
    ballots: int | None = None  # valid ballots, when one ballot may name several candidates
    reported_elected: tuple[str, ...] = ()
    reported_eliminated: tuple[str, ...] = ()
    member_ballots: tuple[tuple[str, tuple[str, ...]], ...] = ()  # roster: member -> choice


@dataclass(frozen=True, slots=True)
class Election:
    id: str
    candidates: tuple[Candidate, ...]
    procedure: Procedure
    seats: int = 1
    rounds: tuple[Round, ...] = ()
    title: str = ""
    model: Mapping[str, Any] | None = None
    procedure_ref: Any = None  # how the file named the procedure (kept for the round trip)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.candidates)


@dataclass(frozen=True, slots=True)
class RoundResult:
    round: int
    candidates: tuple[str, ...]
    withdrawn: tuple[str, ...]
    votes: tuple[tuple[str, int], ...] | None
    cast: int | None
    blank: int
    invalid: int
    ballots: int | None
    base_total: int | None
    majority_required: int | None
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]
    tie: tuple[str, ...] = ()
    published: bool = True

    def votes_of(self, cid: str) -> int:
        return dict(self.votes or ()).get(cid, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round, "candidates": list(self.candidates),
            "withdrawn": list(self.withdrawn),
            "votes": None if self.votes is None else dict(self.votes),
            "cast": self.cast, "blank": self.blank, "invalid": self.invalid,
            "ballots": self.ballots, "majority_base": self.base_total,
            "majority_required": self.majority_required, "elected": list(self.elected),
            "eliminated": list(self.eliminated), "tie": list(self.tie),
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class ElectionResult:
    id: str
    status: str
    elected: tuple[str, ...]
    next_round: tuple[str, ...] | None
    rounds: tuple[RoundResult, ...]
    steps: tuple[Step, ...] = field(default=())
    procedure: str = ""
    seats: int = 1

    def explanation(self, lang: str = "en") -> list[str]:
        return [s.render(lang) for s in self.steps]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "seats": self.seats,
            "procedure": self.procedure, "elected": list(self.elected),
            "next_round": None if self.next_round is None else list(self.next_round),
            "rounds": [r.to_dict() for r in self.rounds],
            "trace": [s.to_dict() for s in self.steps],
        }


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "-"


@dataclass
class _Tie:
    tied: tuple[str, ...]
    places: int
    kind: str  # "elect", "keep" (places go on) or "out" (places go out)


def _settle(tie: _Tie, lot: tuple[str, ...] | None, next_withdrawn: tuple[str, ...] | None,
            where: str, proc: Procedure, n: int, steps: list[Step], used: list[bool]
            ) -> tuple[str, ...] | None:
    """Who, among the tied, takes the contested places (``elect``/``keep``: go on or are
    elected; ``out``: go out). None when the tie stays open."""
    article = proc.ties_article or proc.article
    steps.append(step(article, "elections.tie.found", round=n, tied=_ids(tie.tied),
                      places=tie.places, what=_tie_what(tie.kind)))
    winners_needed = tie.places if tie.kind != "out" else len(tie.tied) - tie.places
    if lot is not None:
        used.append(True)
        bad = [c for c in lot if c not in tie.tied]
        if bad or len(set(lot)) != winners_needed:
            raise ElectionError(
                f"{where}.lot", key="el_lot_name_winners_needed_tied_candidates", params={
                        "winners_needed": winners_needed, "ids_tie_tied": _ids(tie.tied),
                        "ids_lot": _ids(lot), "p4": ', '.join(tie.tied[:winners_needed])})
        key = "elections.tie.lot" if proc.ties is Ties.LOT else "elections.tie.ballot"
        steps.append(step(article, key, round=n, drawn=_ids(lot)))
        if tie.kind == "out":
            return tuple(c for c in tie.tied if c not in lot)
        return tuple(c for c in tie.tied if c in lot)
    if next_withdrawn is not None and tie.kind != "elect":
        leaving = [c for c in tie.tied if c in next_withdrawn]
        staying = [c for c in tie.tied if c not in next_withdrawn]
        if tie.kind == "out" and len(leaving) >= tie.places:
            steps.append(step(article, "elections.tie.withdrawn", round=n, ids=_ids(leaving)))
            return ()  # the withdrawals take them out; nobody is eliminated by the tie
        if tie.kind == "keep" and len(staying) <= tie.places:
            steps.append(step(article, "elections.tie.withdrawn", round=n, ids=_ids(leaving)))
            return tie.tied  # all go on; the withdrawals then take the others out
    return None


def _tie_what(kind: str) -> tuple[str, str, str]:
    return {"elect": bilingual("to be elected", "à élire"),
            "keep": bilingual("to go on to the next ballot", "pour le tour suivant"),
            "out": bilingual("to go out", "à éliminer")}[kind]


def _boundary(order: list[str], votes: dict[str, int], take: int
              ) -> tuple[list[str], _Tie | None]:
    """The first ``take`` of ``order`` (sorted by the criterion), and the tie across the
    cut: those certainly in, and the tie among the ones with the cut's vote count."""
    if take <= 0:
        return [], None
    if take >= len(order):
        return list(order), None
    cut = votes[order[take - 1]]
    if votes[order[take]] != cut:
        return list(order[:take]), None
    sure = [c for c in order[:take] if votes[c] != cut]
    tied = tuple(c for c in order if votes[c] == cut)
    return sure, _Tie(tied, take - len(sure), "")


def _switch_steps(proc: Procedure) -> list[Step]:
    out = []
    for name, sw in ELECTION_SWITCHES.items():
        if not sw.bears_on(proc.after_failed_round):
            continue
        value = proc.switch(name)
        out.append(step(proc.article or "-", "elections.switch", name=name, value=value,
                        meaning=bilingual(sw.text.en, sw.text.fr)))
    return out


_LEFT = {
    "withdrawn": ("withdrawn before round {n}", "retiré avant le tour {n}"),
    "elected": ("elected in round {n}", "élu au tour {n}"),
    "eliminated": ("eliminated after round {n}", "éliminé après le tour {n}"),
    "lot": ("elected by lot in round {n}", "élu par tirage au sort au tour {n}"),
    "left_out": ("left out of the restricted ballot after round {n}",
                 "écarté du scrutin restreint après le tour {n}"),
}


def _why(state: str, n: int) -> tuple[str, str, str]:
    """Why a candidate left the running, in both languages (a message parameter)."""
    en, fr = _LEFT[state]
    return ("i18n", en.format(n=n), fr.format(n=n))


def _outside(cid: str, election: Election, history: dict[str, tuple[str, str, str]]
             ) -> dict[str, Any]:
    """The parameters of an ``el_outside_*`` error: the id and why it cannot be counted."""
    from ..numbers import quoted

    if cid not in election.ids:
        why = ("i18n", "is not a candidate of this election", "n'est pas candidat à cette élection")
    else:
        left = history.get(cid, ("i18n", "not in this ballot", "absent de ce scrutin"))
        why = ("i18n", f"is not in the running ({left[1]})", f"n'est plus en lice ({left[2]})")
    return {"cid": quoted(cid), "why": why}


def run_election(election: Election, members: int, present: int | None = None
                 ) -> ElectionResult:
    """Count every recorded round of ``election`` (an organ of ``members``, ``present``
    of them with the vote present; None when unknown) under its procedure."""
    proc = election.procedure
    steps: list[Step] = [
        step(proc.article or "-", "elections.procedure", label=bilingual(proc.label.en,
             proc.label.fr), seats=election.seats, candidates=len(election.candidates),
             majority=bilingual(proc.majority.describe("en"), proc.majority.describe("fr"))),
        *_switch_steps(proc),
    ]
    running = list(election.ids)
    history: dict[str, tuple[str, str, str]] = {}
    elected: list[str] = []
    seats_left = election.seats
    results: list[RoundResult] = []
    status = "open"
    after = proc.after_failed_round
    for i, r in enumerate(election.rounds):
        n = i + 1
        where = f"rounds[{i}]"
        if status == "tie":
            raise ElectionError(f"rounds[{i - 1}].lot", key="el_round_n_ended_in_tie_that", params={
                                    "n_1": n - 1})
        if seats_left == 0:
            raise ElectionError(where, key="el_round_n_comes_after_every_seat", params={"n": n,
                                    "ids_elected": _ids(elected)})
        for cid in r.withdrawn:
            if cid not in running:
                raise ElectionError(f"{where}.withdrawn", key="el_outside_withdrawn",
                                    params=_outside(cid, election, history))
            running.remove(cid)
            history[cid] = _why("withdrawn", n)
        if r.withdrawn:
            steps.append(step(proc.article or "-", "elections.withdrawn", round=n,
                              ids=_ids(r.withdrawn)))
        if not running:
            raise ElectionError(f"{where}.withdrawn", key="el_no_candidate_left_in_running")
        in_running = tuple(running)
        next_withdrawn = (election.rounds[i + 1].withdrawn if i + 1 < len(election.rounds)
                          else None)
        steps.append(step(proc.article or "-", "elections.round", round=n,
                          ids=_ids(in_running), count=len(in_running)))
        # No ballot figures: a walkover, or a published outcome without its figures.
        if r.votes is None:
            if len(running) <= seats_left and proc.switch("unopposed_elected") and not (
                    r.reported_eliminated or r.reported_elected):
                elected.extend(running)
                for cid in running:
                    history[cid] = _why("elected", n)
                seats_left -= len(running)
                steps.append(step(proc.article or "-", "elections.unopposed", round=n,
                                  ids=_ids(in_running)))
                results.append(RoundResult(n, in_running, r.withdrawn, None, None, 0, 0, None,
                                           None, None, in_running, ()))
                running = []
                if seats_left == 0:
                    status = "elected"
                continue
            if not (r.reported_eliminated or r.reported_elected):
                raise ElectionError(f"{where}.votes", key="el_round_n_has_no_votes", params={
                                        "n": n})
            for cid in (*r.reported_elected, *r.reported_eliminated):
                if cid not in running:
                    raise ElectionError(f"{where}.reported", key="el_outside_reported",
                                        params=_outside(cid, election, history))
            if len(r.reported_elected) > seats_left:
                raise ElectionError(f"{where}.reported.elected",
                                    key="el_more_candidates_elected_than_places_left", params={
                                        "seats_left": seats_left})
            steps.append(step(proc.article or "-", "elections.unpublished", round=n,
                              elected=_ids(r.reported_elected),
                              eliminated=_ids(r.reported_eliminated)))
            for cid in r.reported_elected:
                elected.append(cid)
                history[cid] = _why("elected", n)
            for cid in r.reported_eliminated:
                history[cid] = _why("eliminated", n)
            seats_left -= len(r.reported_elected)
            running = [c for c in running if c not in r.reported_elected
                       and c not in r.reported_eliminated]
            results.append(RoundResult(n, in_running, r.withdrawn, None, None, r.blank,
                                       r.invalid, None, None, None, r.reported_elected,
                                       r.reported_eliminated, (), False))
            if seats_left == 0:
                status = "elected"
            continue
        used: list[bool] = []
        votes: dict[str, int] = {c: 0 for c in running}
        for cid, count in r.votes:
            if cid not in running:
                raise ElectionError(f"{where}.votes.{cid}", key="el_outside_votes",
                                    params=_outside(cid, election, history)
                                    | {"running": _ids(in_running)})
            votes[cid] = count
        cast = sum(votes.values())
        if r.ballots is not None:
            if seats_left == 1 and r.ballots != cast:
                raise ElectionError(f"{where}.ballots",
                                    key="el_r_ballots_ballots_but_cast_votes", params={
                                        "r_ballots": r.ballots, "cast": cast})
            if r.ballots > cast or cast > r.ballots * seats_left:
                raise ElectionError(f"{where}.ballots",
                                    key="el_r_ballots_ballots_cannot_carry_cast", params={
                                        "r_ballots": r.ballots, "cast": cast,
                                        "seats_left": seats_left})
        ballots = r.ballots if r.ballots is not None else cast
        if present is not None and ballots + r.blank + r.invalid > present:
            raise ElectionError(f"{where}.votes",
                                key="el_ballots_r_blank_r_invalid_ballots", params={
                                    "ballots_r_blank_r_invalid": ballots + r.blank + r.invalid,
                                    "present": present})
        base = proc.majority.base
        if base is Base.VOTES_CAST:
            total = ballots
        elif base is Base.PRESENT:
            if present is None:
                raise ElectionError(where, key="el_majority_counts_members_present_but_scenario")
            total = present
        else:
            total = members
        required = proc.majority.required(total)
        steps.append(step(proc.majority.article or proc.article or "-", "elections.count",
                          round=n, cast=cast, blank=r.blank, invalid=r.invalid,
                          total=total, required=required,
                          base=bilingual(*_base_words(base))))
        # Who is elected.
        may_elect = proc.switch("elect_before_final_two") or len(running) <= seats_left + 1
        reaching = sorted((c for c in running if proc.majority.threshold.met(votes[c], total)
                           and votes[c] >= required), key=lambda c: -votes[c])
        now_elected: list[str] = []
        tie_ids: tuple[str, ...] = ()
        if reaching and not may_elect:
            steps.append(step(proc.article or "-", "elections.deferred", round=n,
                              ids=_ids(reaching), count=len(running)))
        elif reaching:
            sure, tie = _boundary(reaching, votes, seats_left)
            now_elected = list(sure)
            if tie is not None:
                tie.kind = "elect"
                won = _settle(tie, r.lot, next_withdrawn, where, proc, n, steps, used)
                tie_ids = tie.tied
                if won is None:
                    status = "tie"
                else:
                    now_elected += list(won)
            for cid in now_elected:
                steps.append(step(proc.majority.article or proc.article or "-",
                                  "elections.elected", round=n, id=cid, votes=votes[cid],
                                  required=required))
        if not now_elected and status != "tie":
            best = max(running, key=lambda c: votes[c])
            if not (reaching and not may_elect):
                steps.append(step(proc.majority.article or proc.article or "-",
                                  "elections.no_majority", round=n, id=best,
                                  votes=votes[best], required=required))
        for cid in now_elected:
            elected.append(cid)
            history[cid] = _why("elected", n)
        seats_left -= len(now_elected)
        remaining = [c for c in running if c not in now_elected]
        eliminated: list[str] = []
        if status == "tie":
            results.append(RoundResult(n, in_running, r.withdrawn, tuple(votes.items()), cast,
                                       r.blank, r.invalid, ballots, total, required,
                                       tuple(now_elected), (), tie_ids))
            running = remaining
            continue
        if seats_left == 0:
            status = "elected"
            running = []
        else:
            art = after.article or proc.article or "-"
            single_final = (after.mode == "keep" and seats_left == 1 and len(remaining) == 2
                            and votes[remaining[0]] == votes[remaining[1]] and i > 0
                            and not reaching)
            if single_final:
                # Equally divided restricted ballot for one place: settled by lot (or ballot).
                tie = _Tie(tuple(remaining), 1, "elect")
                won = _settle(tie, r.lot, None, where, proc, n, steps, used)
                tie_ids = tie.tied
                if won is None:
                    status = "tie"
                else:
                    elected.extend(won)
                    now_elected += list(won)
                    seats_left -= 1
                    status = "elected"
                    for cid in won:
                        history[cid] = _why("lot", n)
                    running = []
            elif after.mode == "eliminate":
                if after.floor is not None and len(remaining) > after.floor:
                    count = after.count
                    if proc.switch("elimination_stops_at_floor"):
                        count = min(count, len(remaining) - after.floor)
                elif after.floor is not None:
                    count = after.then if after.then is not None else 1
                else:
                    count = after.count
                count = max(0, min(count, len(remaining) - (seats_left + 1)))
                order = sorted(remaining, key=lambda c: votes[c])
                sure, tie = _boundary(order, votes, count)
                out = list(sure)
                if tie is not None:
                    tie.kind = "out"
                    chosen = _settle(tie, r.lot, next_withdrawn, where, proc, n, steps, used)
                    tie_ids = tie.tied
                    if chosen is None:
                        status = "tie"
                    else:
                        out += list(chosen)
                eliminated = [c for c in remaining if c in out]
                for cid in eliminated:
                    history[cid] = _why("eliminated", n)
                if eliminated:
                    steps.append(step(art, "elections.eliminated", round=n,
                                      ids=_ids(eliminated), count=len(eliminated)))
                running = [c for c in remaining if c not in out]
            elif after.mode == "keep":
                keep = 2 * seats_left if after.per_place else after.count
                if len(remaining) > keep:
                    order = sorted(remaining, key=lambda c: -votes[c])
                    sure, tie = _boundary(order, votes, keep)
                    kept = list(sure)
                    if tie is not None:
                        tie.kind = "keep"
                        chosen = _settle(tie, r.lot, next_withdrawn, where, proc, n, steps, used)
                        tie_ids = tie.tied
                        if chosen is None:
                            status = "tie"
                        else:
                            kept += list(chosen)
                    if status != "tie":
                        eliminated = [c for c in remaining if c not in kept]
                        for cid in eliminated:
                            history[cid] = _why("left_out", n)
                        steps.append(step(art, "elections.restricted", round=n, keep=keep,
                                          ids=_ids([c for c in remaining if c in kept])))
                        running = [c for c in remaining if c in kept]
                    else:
                        running = remaining
                else:
                    running = remaining
            else:
                running = remaining
        if r.lot is not None and not used:
            raise ElectionError(f"{where}.lot", key="el_lot_recorded_but_no_tie_in", params={
                                    "n": n})
        results.append(RoundResult(n, in_running, r.withdrawn, tuple(votes.items()), cast,
                                   r.blank, r.invalid, ballots, total, required,
                                   tuple(now_elected), tuple(eliminated), tie_ids))
    next_round: tuple[str, ...] | None = None
    if status == "open":
        next_round = tuple(running)
    key = {"elected": "elections.status.elected", "open": "elections.status.open",
           "tie": "elections.status.tie"}[status]
    steps.append(step(proc.article or "-", key, ids=_ids(elected),
                      next=_ids(next_round or ()), seats=election.seats))
    return ElectionResult(election.id, status, tuple(elected), next_round, tuple(results),
                          tuple(steps), proc.id, election.seats)


def _base_words(base: Base) -> tuple[str, str]:
    return {Base.VOTES_CAST: ("the votes cast", "des suffrages exprimés"),
            Base.PRESENT: ("the members present", "des membres présents"),
            Base.MEMBERS: ("the members", "des membres")}[base]
