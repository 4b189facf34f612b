"""Chances in an election: who is elected, in which round, how likely a lot is.

An election's ``model:`` says how members rank the candidates::

    model:
      support: {SG: 0.45, CN: 0.30, CO: 0.10, GH: 0.10, PE: 0.05}  # every voter
      groups:                      # or per group of voters (aggregate scenarios)
        - {size: 40, support: {SG: 0.7, CN: 0.1, CO: 0.1, GH: 0.1}}
      members: {ALG: {CN: 1}}      # or per member (roster scenarios)
      voters: 83                   # default: the members present with the vote
      blank: 0.01                  # chance that a voter casts a blank ballot in a round
      withdraw: {KZ: 1.0}          # chance that a candidate withdraws before the first ballot
      max_rounds: 40

Each voter's ranking is drawn once (Plackett-Luce: the ``support`` weights are the chances
of each candidate being the first choice; an exponential race gives the rest of the
ranking), and in every ballot the voter votes for the first candidate of the ranking still
in the running. The procedure is applied to all simulated elections at once with numpy
(:func:`run_chunk`); a tie that decides who goes on or who is elected is drawn by lot, and
counted in ``p_tie``. With several places each voter names the first candidates of the
ranking still in the running, as many as places remain (:func:`run_chunk_several`). The
readable engine (:func:`~quorum.elections.engine.run_election`) replays the same ballots in
the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ScenarioError, from_number_error, too_many
from ..limits import MAX_ELECTION_ROUNDS, MAX_ELECTION_VOTERS, MAX_ELECTION_WORK
from ..numbers import NumberError, parse_fraction, quoted
from ..rules import Base
from .engine import Election
from .procedure import Procedure

__all__ = ["ElectionModel", "ElectionChances", "parse_election_model", "simulate_election",
           "sample_preferences", "run_chunk", "run_chunk_several", "exact_two", "CHUNK"]

CHUNK = 8192
#: Values of one chunk's utilities at most (4 bytes each): 8192 samples of 83 voters and
#: 6 candidates fit; larger electorates draw fewer samples at once.
CHUNK_VALUES = 8_000_000
FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ElectionModel:
    weights: tuple[tuple[Fraction, ...], ...]  # one row of weights per voter, by candidate
    blank: Fraction = Fraction(0)
    withdraw: tuple[Fraction, ...] = ()
    max_rounds: int = 40


def _prob(value: Any, source: str, where: str) -> Fraction:
    try:
        p = parse_fraction(value, fix='write a number between 0 and 1 such as 0.25 or "1/4"')
    except NumberError as exc:
        raise from_number_error(source, where, exc) from None
    if not 0 <= p <= 1:
        raise ScenarioError(source, where, key="el_value_not_between_and", params={
                                "value": quoted(value)})
    return p


def _support(value: Any, ids: Sequence[str], source: str, where: str
             ) -> tuple[Fraction, ...]:
    if not isinstance(value, Mapping) or not value:
        raise ScenarioError(source, where, key="el_support_mapping_candidate_weight")
    for cid in value:
        if str(cid) not in ids:
            raise ScenarioError(source, f"{where}.{cid}", key="el_cid_not_candidate", params={
                                    "cid": quoted(cid), "join_ids": ', '.join(ids)})
    row = tuple(_prob(value.get(c, 0), source, f"{where}.{c}") if c in value else Fraction(0)
                for c in ids)
    if sum(row) == 0:
        raise ScenarioError(source, where, key="el_every_weight_zero")
    return row


_KEYS = ("support", "groups", "members", "voters", "blank", "withdraw", "max_rounds")


def parse_election_model(election: Election, source: str, where: str, members: int,
                         present: int | None = None,
                         roster_voters: Sequence[str] | None = None) -> ElectionModel:
    """Validate an election's ``model:``; errors name the file, the field and the fix."""
    data = election.model
    if not isinstance(data, Mapping):
        raise ScenarioError(source, where, key="el_election_has_no_model")
    for key in data:
        if key not in _KEYS:
            raise ScenarioError(source, f"{where}.{key}", key="el_unknown_field_p", params={
                                    "p1": quoted(key), "join__keys": ', '.join(_KEYS)})
    ids = election.ids
    default = _support(data["support"], ids, source, f"{where}.support") if "support" in data \
        else None
    rows: list[tuple[Fraction, ...]] = []
    if "groups" in data:
        groups = data["groups"]
        if not isinstance(groups, list) or not groups:
            raise ScenarioError(source, f"{where}.groups", key="el_groups_non_empty_list")
        for k, g in enumerate(groups):
            gw = f"{where}.groups[{k}]"
            if not isinstance(g, Mapping) or "size" not in g:
                raise ScenarioError(source, gw, key="el_group_needs_size_and_support")
            size = g["size"]
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                raise ScenarioError(source, f"{gw}.size", key="el_size_not_number_voters", params={
                                        "size": quoted(size)})
            if "support" in g:
                row = _support(g["support"], ids, source, f"{gw}.support")
            elif default is not None:
                row = default
            else:
                raise ScenarioError(source, f"{gw}.support", key="el_group_has_no_support")
            if len(rows) + size > MAX_ELECTION_VOTERS:
                raise too_many(source, f"{gw}.size", _VOTERS, len(rows) + size,
                               MAX_ELECTION_VOTERS)
            rows.extend([row] * size)
    elif "members" in data and roster_voters is not None:
        per = data["members"]
        if not isinstance(per, Mapping):
            raise ScenarioError(source, f"{where}.members", key="el_mapping_member_support")
        for mid in per:
            if str(mid) not in roster_voters:
                raise ScenarioError(source, f"{where}.members.{mid}",
                                    key="el_mid_not_member_present_with_vote", params={"mid": mid})
        for mid in roster_voters:
            if mid in per:
                rows.append(_support(per[mid], ids, source, f"{where}.members.{mid}"))
            elif default is not None:
                rows.append(default)
            else:
                raise ScenarioError(source, f"{where}.members",
                                    key="el_no_support_for_mid", params={
                                        "mid": mid})
    else:
        if default is None:
            raise ScenarioError(source, f"{where}.support", key="el_model_gives_no_support")
        n = data.get("voters", roster_voters and len(roster_voters) or present or members)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ScenarioError(source, f"{where}.voters", key="el_n_not_number_voters", params={
                                    "n": quoted(n)})
        if n > MAX_ELECTION_VOTERS:
            raise too_many(source, f"{where}.voters", _VOTERS, n, MAX_ELECTION_VOTERS)
        rows = [default] * n
    if not rows:
        raise ScenarioError(source, where, key="el_model_has_no_voter")
    blank = _prob(data.get("blank", 0), source, f"{where}.blank")
    withdraw_raw = data.get("withdraw") or {}
    if not isinstance(withdraw_raw, Mapping):
        raise ScenarioError(source, f"{where}.withdraw", key="el_mapping_candidate_probability")
    for cid in withdraw_raw:
        if str(cid) not in ids:
            raise ScenarioError(source, f"{where}.withdraw.{cid}",
                                key="el_cid_not_candidate_2", params={
                                    "cid": quoted(cid), "join_ids": ', '.join(ids)})
    withdraw = tuple(_prob(withdraw_raw.get(c, 0), source, f"{where}.withdraw.{c}")
                     for c in ids)
    max_rounds = data.get("max_rounds", 40)
    if isinstance(max_rounds, bool) or not isinstance(max_rounds, int) or max_rounds < 1:
        raise ScenarioError(source, f"{where}.max_rounds", key="el_max_rounds_not_number", params={
                                "max_rounds": quoted(max_rounds)})
    if max_rounds > MAX_ELECTION_ROUNDS:
        raise too_many(source, f"{where}.max_rounds", _ROUNDS, max_rounds, MAX_ELECTION_ROUNDS)
    return ElectionModel(tuple(rows), blank, withdraw, max_rounds)


_VOTERS = ("voters of an election model", "votants d'un modèle d'élection")
_ROUNDS = ("rounds of an election", "tours d'une élection")


def sample_preferences(model: ElectionModel, n: int, rng: np.random.Generator
                       ) -> tuple[FloatArray, BoolArray, BoolArray]:
    """``n`` simulated electorates: utilities (n, voters, candidates), higher preferred, and
    the withdrawals (n, candidates). Plackett-Luce through exponential races: a voter ranks
    candidate ``c`` by ``E / w_c`` with ``E`` standard exponential (float32: ranks only)."""
    w = np.array([[float(x) for x in row] for row in model.weights], dtype=np.float32)
    # Drawn candidate-major, (candidates, n, voters), so that each ballot compares whole
    # planes; returned as the (n, voters, candidates) view.
    wt = np.ascontiguousarray(w.T)[:, None, :]
    race = rng.standard_exponential(size=(w.shape[1], n, w.shape[0]), dtype=np.float32)
    positive = wt > 0
    planes = np.where(positive, -(race / np.where(positive, wt, 1)), np.float32(-np.inf))
    utilities = np.moveaxis(planes, 0, 2)
    withdraw_p = np.array([float(p) for p in model.withdraw]) if model.withdraw else \
        np.zeros(w.shape[1])
    withdrawn = rng.random((n, w.shape[1])) < withdraw_p[None, :]
    possible = (w > 0).any(axis=0)
    return utilities, withdrawn, np.broadcast_to(possible, (n, w.shape[1])).copy()


def _required(total: IntArray, proc: Procedure) -> IntArray:
    t = proc.majority.threshold
    num, den = t.fraction.numerator, t.fraction.denominator
    need = (num * total) // den + 1 if t.strict else -((-num * total) // den)
    return np.maximum(need, 1)


def _first_choice(planes: FloatArray, active: IntArray, run_a: BoolArray, everyone: bool
                  ) -> IntArray:
    """Each voter's favourite among the candidates in the running, one plane at a time
    (an argmax over a short last axis is slow in numpy; whole-plane comparisons are not)."""
    best = np.full((active.size, planes.shape[2]), -np.inf, dtype=np.float32)
    choice = np.zeros((active.size, planes.shape[2]), dtype=np.int64)
    for k in range(planes.shape[0]):
        runs = run_a[:, k]
        if not runs.any():
            continue
        plane = planes[k] if everyone else planes[k][active]
        cand = np.where(runs[:, None], plane, np.float32(-np.inf))
        better = cand > best
        choice[better] = k
        np.maximum(best, cand, out=best)
    return choice


def run_chunk(proc: Procedure, utilities: FloatArray, withdrawn: BoolArray, members: int,
              present: int, blank: float, max_rounds: int, rng: np.random.Generator
              ) -> tuple[IntArray, IntArray, BoolArray]:
    """Apply ``proc`` (one place) to every simulated electorate at once.

    Returns the winner's index (-1: none within ``max_rounds``), the number of ballots and
    whether a lot was needed.
    """
    n, voters, c = utilities.shape
    planes = np.moveaxis(utilities, 2, 0)  # (candidates, n, voters)
    running = ~withdrawn
    winner = np.full(n, -1, dtype=np.int64)
    rounds = np.zeros(n, dtype=np.int64)
    tie = np.zeros(n, dtype=bool)
    done = np.zeros(n, dtype=bool)
    # Withdrawals leaving one candidate: elected unopposed; none left: nobody.
    n_run = running.sum(axis=1)
    done |= n_run == 0
    solo = n_run == 1
    winner[solo] = np.argmax(running[solo], axis=1)
    done |= solo
    after = proc.after_failed_round
    elect_any = proc.switch("elect_before_final_two")
    floor_stop = proc.switch("elimination_stops_at_floor")
    base = proc.majority.base
    arange_c = np.arange(c)
    # Each voter's favourite in the running; after a ballot only the voters whose favourite
    # went out look again (rankings are fixed, so everyone else votes the same way).
    favourite = _first_choice(planes, np.arange(n), running, True)
    for r in range(max_rounds):
        active = np.flatnonzero(~done)
        if active.size == 0:
            break
        run_a = running[active]
        choice = favourite[active]
        flat = choice + (np.arange(active.size) * c)[:, None]
        if blank > 0:
            flat = flat[rng.random(choice.shape) >= blank]
        counts = np.bincount(flat.ravel(), minlength=active.size * c).reshape(active.size, c)
        cast = counts.sum(axis=1)
        total = cast if base is Base.VOTES_CAST else np.full(
            active.size, present if base is Base.PRESENT else members)
        required = _required(total, proc)
        rounds[active] += 1
        n_run = run_a.sum(axis=1)
        # Random keys settle ties by lot: the vote count first, then the draw.
        noise = rng.random((active.size, c))
        score = np.where(run_a, counts + noise * 0.5, -np.inf)
        best = np.argmax(score, axis=1)
        best_votes = counts[np.arange(active.size), best]
        may = (n_run <= 2) if not elect_any else np.ones(active.size, dtype=bool)
        won = may & (best_votes >= required)
        # Two candidates equal for one place: a lot among them (restricted final ballot).
        top_equal = ((counts == best_votes[:, None]) & run_a).sum(axis=1) > 1
        final_tie = (n_run <= 2) & ~won & (r > 0 if after.mode == "keep" else True)
        stalemate = final_tie & top_equal
        tie[active[(won & top_equal) | stalemate]] = True
        elected_now = won | stalemate
        winner[active[elected_now]] = best[elected_now]
        done[active[elected_now]] = True
        go_on = ~elected_now
        if not go_on.any():
            continue
        # Who goes on to the next ballot.
        if after.mode == "none":
            continue
        if after.mode == "eliminate":
            if after.floor is not None:
                staged = np.where(n_run > after.floor,
                                  np.minimum(after.count, n_run - after.floor)
                                  if floor_stop else after.count,
                                  after.then if after.then is not None else 1)
            else:
                staged = np.full(active.size, after.count)
            out = np.clip(np.minimum(staged, n_run - 2), 0, None)
            low_score = np.where(run_a, counts + noise * 0.5, np.inf)
            order = np.argsort(low_score, axis=1)
            rank = np.empty_like(order)
            np.put_along_axis(rank, order, np.broadcast_to(arange_c, order.shape), axis=1)
            leaving = run_a & (rank < out[:, None])
            # A tie across the cut: the last one out has as many votes as the first one in.
            last_out = np.take_along_axis(order, np.clip(out - 1, 0, c - 1)[:, None], 1)[:, 0]
            first_in = np.take_along_axis(order, np.clip(out, 0, c - 1)[:, None], 1)[:, 0]
            idx = np.arange(active.size)
            cut_tie = (out > 0) & (out < n_run) & (counts[idx, last_out] == counts[idx, first_in])
            tie[active[go_on & cut_tie]] = True
            new_run = run_a & ~leaving
        else:
            keep = 2 if after.per_place else after.count
            order = np.argsort(-score, axis=1)
            rank = np.empty_like(order)
            np.put_along_axis(rank, order, np.broadcast_to(arange_c, order.shape), axis=1)
            restrict = n_run > keep
            staying = run_a & ((rank < keep) | ~restrict[:, None])
            idx = np.arange(active.size)
            last_in = order[:, keep - 1] if keep - 1 < c else order[:, -1]
            first_out = order[:, keep] if keep < c else order[:, -1]
            cut_tie = restrict & (counts[idx, last_in] == counts[idx, first_out])
            tie[active[go_on & cut_tie]] = True
            new_run = staying
        moved = active[go_on]
        running[moved] = new_run[go_on]
        lost = ~np.take_along_axis(running[moved], favourite[moved], axis=1)
        rows, cols = np.nonzero(lost)
        if rows.size:
            sims = moved[rows]
            again = np.where(running[sims], utilities[sims, cols, :], np.float32(-np.inf))
            favourite[sims, cols] = np.argmax(again, axis=1)
    return winner, rounds, tie


def run_chunk_several(proc: Procedure, seats: int, utilities: FloatArray,
                      withdrawn: BoolArray, members: int, present: int, blank: float,
                      max_rounds: int, rng: np.random.Generator
                      ) -> tuple[BoolArray, IntArray, IntArray, BoolArray]:
    """Several places: every voter names the first candidates of the ranking still in the
    running, as many as places remain; those at the majority are elected (the most votes
    first), then the procedure restricts or eliminates. Returns the elected (n, candidates),
    the ballot in which each was elected (0: not elected), the ballots taken and the lots."""
    n, voters, c = utilities.shape
    order = np.argsort(-utilities, axis=2, kind="stable")
    running = ~withdrawn
    elected = np.zeros((n, c), dtype=bool)
    when = np.zeros((n, c), dtype=np.int64)
    left = np.full(n, seats, dtype=np.int64)
    rounds = np.zeros(n, dtype=np.int64)
    tie = np.zeros(n, dtype=bool)
    after = proc.after_failed_round
    elect_any = proc.switch("elect_before_final_two")
    floor_stop = proc.switch("elimination_stops_at_floor")
    base = proc.majority.base
    arange_c = np.arange(c)
    # Withdrawals leaving no more candidates than places: elected unopposed.
    n_run = running.sum(axis=1)
    walk = n_run <= left
    elected[walk] = running[walk]
    left[walk] -= n_run[walk]
    running[walk] = False
    for r in range(max_rounds):
        active = np.flatnonzero((left > 0) & (running.sum(axis=1) > 0))
        if active.size == 0:
            break
        run_a = running[active]
        m = left[active]
        ord_a = order[active]
        in_order = np.take_along_axis(np.broadcast_to(run_a[:, None, :], ord_a.shape), ord_a,
                                      axis=2)
        pick_in_order = in_order & (np.cumsum(in_order, axis=2) <= m[:, None, None])
        picks = np.zeros_like(pick_in_order)
        np.put_along_axis(picks, ord_a, pick_in_order, axis=2)
        if blank > 0:
            picks &= (rng.random((active.size, voters)) >= blank)[:, :, None]
        counts = picks.sum(axis=1)
        ballots = picks.any(axis=2).sum(axis=1)
        total = ballots if base is Base.VOTES_CAST else np.full(
            active.size, present if base is Base.PRESENT else members)
        required = _required(total, proc)
        rounds[active] += 1
        n_run = run_a.sum(axis=1)
        noise = rng.random((active.size, c))
        may = np.ones(active.size, dtype=bool) if elect_any else n_run <= m + 1
        reach = run_a & (counts >= required[:, None]) & may[:, None]
        score = np.where(reach, counts + noise * 0.5, -np.inf)
        rank = np.empty((active.size, c), dtype=np.int64)
        np.put_along_axis(rank, np.argsort(-score, axis=1), np.broadcast_to(arange_c,
                                                                            (active.size, c)),
                          axis=1)
        now = reach & (rank < m[:, None])
        n_reach = reach.sum(axis=1)
        idx = np.arange(active.size)
        srt = np.sort(np.where(reach, counts, -1), axis=1)[:, ::-1]
        over = n_reach > m
        cut = np.clip(m - 1, 0, c - 1)
        nxt = np.clip(m, 0, c - 1)
        tie[active[over & (srt[idx, cut] == srt[idx, nxt])]] = True
        elected[active] |= now
        when[active] = np.where(now, r + 1, when[active])
        left[active] -= now.sum(axis=1)
        remaining = run_a & ~now
        m_after = left[active]
        n_rem = remaining.sum(axis=1)
        if after.mode == "eliminate":
            if after.floor is not None:
                staged = np.where(n_rem > after.floor,
                                  np.minimum(after.count, n_rem - after.floor)
                                  if floor_stop else after.count,
                                  after.then if after.then is not None else 1)
            else:
                staged = np.full(active.size, after.count)
            out = np.clip(np.minimum(staged, n_rem - (m_after + 1)), 0, None)
            low = np.where(remaining, counts + noise * 0.5, np.inf)
            lorder = np.argsort(low, axis=1)
            lrank = np.empty_like(lorder)
            np.put_along_axis(lrank, lorder, np.broadcast_to(arange_c, lorder.shape), axis=1)
            last_out = np.take_along_axis(lorder, np.clip(out - 1, 0, c - 1)[:, None], 1)[:, 0]
            first_in = np.take_along_axis(lorder, np.clip(out, 0, c - 1)[:, None], 1)[:, 0]
            cut_tie = (out > 0) & (out < n_rem) & (counts[idx, last_out] == counts[idx, first_in])
            tie[active[cut_tie & (m_after > 0)]] = True
            remaining &= ~(lrank < out[:, None])
        elif after.mode == "keep":
            keep = 2 * m_after if after.per_place else np.full(active.size, after.count)
            hscore = np.where(remaining, counts + noise * 0.5, -np.inf)
            horder = np.argsort(-hscore, axis=1)
            hrank = np.empty_like(horder)
            np.put_along_axis(hrank, horder, np.broadcast_to(arange_c, horder.shape), axis=1)
            restrict = n_rem > keep
            last_in = np.take_along_axis(horder, np.clip(keep - 1, 0, c - 1)[:, None], 1)[:, 0]
            first_out = np.take_along_axis(horder, np.clip(keep, 0, c - 1)[:, None], 1)[:, 0]
            cut_tie = restrict & (counts[idx, last_in] == counts[idx, first_out])
            tie[active[cut_tie & (m_after > 0)]] = True
            remaining &= (hrank < keep[:, None]) | ~restrict[:, None]
        running[active] = remaining
    return elected, when, rounds, tie


@dataclass(frozen=True)
class ElectionChances:
    id: str
    candidates: tuple[str, ...]
    p_elected: tuple[float, ...]
    p_none: float
    p_tie: float
    rounds: tuple[float, ...]  # P(the election takes k ballots), k = 0, 1, 2, ...
    p_elected_in_round: tuple[tuple[float, ...], ...]  # by candidate, by round
    samples: int
    method: str = "monte-carlo"
    stderr: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "method": self.method, "samples": self.samples,
            "p_elected": dict(zip(self.candidates, self.p_elected, strict=True)),
            "p_none": self.p_none, "p_tie": self.p_tie,
            "rounds": {str(k): p for k, p in enumerate(self.rounds) if p > 0},
            "p_elected_in_round": {
                cid: {str(k): p for k, p in enumerate(row) if p > 0}
                for cid, row in zip(self.candidates, self.p_elected_in_round, strict=True)},
            "stderr": dict(self.stderr),
        }


def exact_two(election: Election, model: ElectionModel, members: int, present: int
              ) -> ElectionChances | None:
    """Exact chances when two candidates face each other with no withdrawal and no blank
    ballot (None otherwise): each voter prefers A to B with probability w_A / (w_A + w_B)
    (Plackett-Luce), the votes for A are a sum of independent Bernoulli draws, convolved in
    exact fractions; equal votes are settled by lot, as in the simulation."""
    if len(election.candidates) != 2 or any(model.withdraw) or model.blank or \
            election.seats != 1:
        return None
    dist = [Fraction(1)]
    for row in model.weights:
        p = row[0] / (row[0] + row[1])
        nxt = [Fraction(0)] * (len(dist) + 1)
        for k, q in enumerate(dist):
            nxt[k] += q * (1 - p)
            nxt[k + 1] += q * p
        dist = nxt
    voters = len(model.weights)
    proc = election.procedure
    base = proc.majority.base
    total = voters if base is Base.VOTES_CAST else present if base is Base.PRESENT else members
    need = proc.majority.required(total)
    restricted_first = proc.after_failed_round.mode == "keep"
    rounds_max = model.max_rounds
    p_a = p_b = p_tie = p_none = Fraction(0)
    by_round = [[Fraction(0)] * (rounds_max + 1) for _ in range(3)]  # A, B, nobody
    for a, q in enumerate(dist):
        b = voters - a
        if a == b:
            ballots = 1 if a >= need or not restricted_first else 2
            p_tie += q
            p_a += q / 2
            p_b += q / 2
            by_round[0][ballots] += q / 2
            by_round[1][ballots] += q / 2
        elif a > b and a >= need:
            p_a += q
            by_round[0][1] += q
        elif b > a and b >= need:
            p_b += q
            by_round[1][1] += q
        else:
            p_none += q
            by_round[2][rounds_max] += q
    rounds = [float(by_round[0][k] + by_round[1][k] + by_round[2][k])
              for k in range(rounds_max + 1)]
    return ElectionChances(
        election.id, election.ids, (float(p_a), float(p_b)), float(p_none), float(p_tie),
        tuple(rounds), (tuple(float(x) for x in by_round[0]),
                        tuple(float(x) for x in by_round[1])), 0, "exact", {})


def simulate_election(election: Election, model: ElectionModel, members: int, present: int,
                      samples: int = 100_000, seed: int | None = 0, method: str = "auto"
                      ) -> ElectionChances:
    """The chances of ``election`` under ``model``: exact for two candidates without
    withdrawals or blank ballots (``method`` "auto" or "exact"), otherwise Monte Carlo
    reproducible by ``seed`` (``method`` "auto" or "monte-carlo")."""
    if method != "monte-carlo":
        exact = exact_two(election, model, members, present)
        if exact is not None:
            return exact
        if method == "exact":
            raise ScenarioError("<model>", "--method",
                                key="el_exact_chances_cover_two_candidates_without")
    work = samples * len(model.weights) * len(election.candidates)
    if work > MAX_ELECTION_WORK:
        raise too_many("<model>", "--samples",
                       ("samples x voters x candidates of an election what-if",
                        "tirages x votants x candidats d'une simulation d'élection"),
                       work, MAX_ELECTION_WORK)
    if election.seats > 1:
        return _simulate_several(election, model, members, present, samples, seed)
    chunk = _chunk(model, len(election.candidates))
    root = np.random.SeedSequence(seed)
    children = root.spawn((samples + chunk - 1) // chunk)
    c = len(election.candidates)
    wins = np.zeros(c + 1, dtype=np.int64)
    ties = 0
    by_round = np.zeros((c + 1, model.max_rounds + 1), dtype=np.int64)
    done = 0
    for child in children:
        size = min(chunk, samples - done)
        rng = np.random.default_rng(child)
        utilities, withdrawn, _ = sample_preferences(model, size, rng)
        winner, rounds, tie = run_chunk(election.procedure, utilities, withdrawn, members,
                                        present, float(model.blank), model.max_rounds, rng)
        wins += np.bincount(winner + 1, minlength=c + 1)[[*range(1, c + 1), 0]]
        np.add.at(by_round, (np.where(winner < 0, c, winner), rounds), 1)
        ties += int(tie.sum())
        done += size
    p = wins / samples
    rounds_dist = by_round.sum(axis=0) / samples
    se = {"p_elected_max": float(np.sqrt((p * (1 - p)).max() / samples)),
          "p_tie": float(np.sqrt((ties / samples) * (1 - ties / samples) / samples))}
    return ElectionChances(
        election.id, election.ids, tuple(float(x) for x in p[:c]), float(p[c]),
        ties / samples, tuple(float(x) for x in rounds_dist),
        tuple(tuple(float(x) for x in row) for row in (by_round[:c] / samples)),
        samples, "monte-carlo", se)


def _chunk(model: ElectionModel, candidates: int) -> int:
    """Samples drawn at once: ``CHUNK``, fewer for large electorates, so that one chunk's
    utilities (samples x voters x candidates, float32) stay under ``CHUNK_VALUES``."""
    return max(64, min(CHUNK, CHUNK_VALUES // max(1, len(model.weights) * candidates)))


def _simulate_several(election: Election, model: ElectionModel, members: int, present: int,
                      samples: int, seed: int | None) -> ElectionChances:
    chunk = _chunk(model, len(election.candidates))
    children = np.random.SeedSequence(seed).spawn((samples + chunk - 1) // chunk)
    c = len(election.candidates)
    wins = np.zeros(c, dtype=np.int64)
    unfilled = ties = 0
    by_round = np.zeros((c, model.max_rounds + 1), dtype=np.int64)
    ballots = np.zeros(model.max_rounds + 1, dtype=np.int64)
    done = 0
    for child in children:
        size = min(chunk, samples - done)
        rng = np.random.default_rng(child)
        utilities, withdrawn, _ = sample_preferences(model, size, rng)
        elected, when, rounds, tie = run_chunk_several(
            election.procedure, election.seats, utilities, withdrawn, members, present,
            float(model.blank), model.max_rounds, rng)
        wins += elected.sum(axis=0)
        for k in range(c):
            by_round[k] += np.bincount(when[elected[:, k], k], minlength=model.max_rounds + 1)
        ballots += np.bincount(rounds, minlength=model.max_rounds + 1)
        unfilled += int((elected.sum(axis=1) < election.seats).sum())
        ties += int(tie.sum())
        done += size
    p = wins / samples
    return ElectionChances(
        election.id, election.ids, tuple(float(x) for x in p), unfilled / samples,
        ties / samples, tuple(float(x) for x in ballots / samples),
        tuple(tuple(float(x) for x in row) for row in by_round / samples), samples,
        "monte-carlo", {"p_elected_max": float(np.sqrt((p * (1 - p)).max() / samples))})


def simulate_elections(scenario: Any, samples: int = 100_000, seed: int | None = 0,
                       method: str = "auto") -> list[ElectionChances]:
    """The chances of every election of ``scenario`` that has a ``model:``."""
    from .schema import election_context

    session = scenario.session
    known = session.roster is not None or session.present > 0
    members, present, _, voters = election_context(session, known)
    out = []
    for i, e in enumerate(scenario.elections):
        if e.model is None:
            continue
        model = parse_election_model(e, scenario.source, f"elections[{i}].model", members,
                                     present, voters)
        voting = len(model.weights)
        try:
            out.append(simulate_election(e, model, members, present or voting, samples, seed,
                                         method))
        except ScenarioError as exc:
            raise ScenarioError(scenario.source, exc.field, exc.problem, exc.fix, key=exc.key,
                                params=exc.params) from None
    return out
