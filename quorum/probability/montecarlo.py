"""Monte Carlo sessions: vectorised, seeded, chunked, on every core.

Each simulated session draws, for every member, one number ``h`` of 32 random bits (the
two halves of each raw 64-bit output of the generator go to two members) and reads the
member's outcome off its cumulative probabilities, in this order: present and yes, present
and no, present and abstaining, absent and replying yes, no, abstaining, absent and silent.
Each cut ``c`` is held as the whole number ``T = round(c * 2**32)``, and the member falls
below it when ``h < T``: an event of probability exactly ``T / 2**32``, so every probability
is rounded to the nearest multiple of 2**-32 (at most 1.2e-10 away, far below the sampling
error of any feasible run); 0 and 1 stay exact (a certain cut is counted without comparing,
since 2**32 does not fit the draws' uint32). Counting members below each cut gives the
session's counts directly, so a session of ``N`` members costs ``N / 2`` raw 64-bit outputs
and a few vectorised integer comparisons: less than drawing ``N`` float32 uniforms, the
floor of the one-uniform-per-member method, which the benchmark reports the engine's time
against (``benchmarks/bench_probability.py``).

A bloc first draws its line for each session (one more uniform per bloc and session);
its members' cuts then depend on the line. Decisions are taken on the counts with the rule
set's own units, element-wise on integer arrays: the quorum bands (Art. 22(3)(b)-(c)) and
the replies needed that :func:`.plan.plan_decision` read from :meth:`RuleSet.quorum_state`
and :meth:`RuleSet.replies_needed`, :meth:`Majority.met` for the majority over the session
votes and over session and written votes together (Art. 22(3)(c)-(d)), and the
``adopt_with_no_votes_cast`` switch when nobody votes.

Work is split into chunks of ``chunk`` sessions (memory stays bounded by a few chunk-sized
arrays per thread); chunk ``k`` always uses the ``k``-th stream spawned from the seed
(:meth:`numpy.random.SeedSequence.spawn`), so results depend on the seed and the number of
samples, never on the number of threads. numpy releases the GIL while drawing and
comparing, so threads use the cores.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .model import CompiledModel
from .plan import DecisionPlan

__all__ = ["MonteCarloResult", "SessionCounts", "run_monte_carlo", "sample_counts",
           "decide_counts", "CHUNK"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
UIntArray = npt.NDArray[np.uint32]

#: Sessions per chunk: large enough for vectorised work, small enough to stay in cache.
CHUNK = 8192

#: Rows compared at a time: a block's draws and masks (about 0.7 MB for 8192 sessions) stay
#: in the core's own cache while every cut is compared, instead of streaming the whole chunk
#: through the cache the cores share once per cut.
ROW_BLOCK = 16

#: Random bits per member and session: a draw is one of ``2**BITS`` equally likely values.
BITS = 32


@dataclass(frozen=True, eq=False)
class SessionCounts:
    """Counts of a batch of sessions, one entry per session (the :class:`Count` fields)."""

    represented: IntArray
    present_voters: IntArray
    yes: IntArray
    no: IntArray
    abstain: IntArray
    replies: IntArray  # written replies counted toward the total
    written_yes: IntArray
    written_no: IntArray


@dataclass(eq=False)
class MonteCarloResult:
    """Tallies for one decision over ``samples`` sessions."""

    samples: int = 0
    full: int = 0
    reduced: int = 0
    adopted: int = 0
    executory: int = 0
    adopted_reduced: int = 0
    written_ok: int = 0  # reduced quorum, adopted, written procedure succeeded
    histograms: dict[str, IntArray] = field(default_factory=dict)

    def add(self, other: MonteCarloResult) -> None:
        self.samples += other.samples
        self.full += other.full
        self.reduced += other.reduced
        self.adopted += other.adopted
        self.executory += other.executory
        self.adopted_reduced += other.adopted_reduced
        self.written_ok += other.written_ok
        for key, hist in other.histograms.items():
            if key in self.histograms:
                self.histograms[key] = self.histograms[key] + hist
            else:
                self.histograms[key] = hist.copy()

    def p(self, name: str) -> float:
        return getattr(self, name) / self.samples if self.samples else 0.0

    def stderr(self, name: str) -> float:
        """Standard error of the estimated probability ``name`` (binomial)."""
        if not self.samples:
            return 0.0
        p = self.p(name)
        return float(np.sqrt(max(p * (1.0 - p), 0.0) / self.samples))


@dataclass(frozen=True, eq=False)
class _Cuts:
    """Cumulative cut points per member row (float32), possibly one set per bloc line."""

    free: UIntArray  # (k, rows of independent voters, 1)
    bloc: UIntArray  # (k, rows of bloc voters, 3 lines)
    bloc_of_row: IntArray
    suspended: UIntArray  # (2, rows without the vote, 1)
    # Cuts at 1 (2**32 does not fit a uint32): held as 0 above, and counted here instead.
    free_certain: IntArray  # (k,): rows certainly below cut k
    bloc_certain: BoolArray  # (k, rows of bloc voters, 3 lines)
    suspended_certain: IntArray  # (2,)
    line_cuts: FloatArray  # (blocs, 2): cumulative line probabilities


def _member_cuts(present: FloatArray, vote: FloatArray, reply: FloatArray,
                 written: FloatArray, levels: int) -> FloatArray:
    p = present
    q = (1.0 - p) * reply
    cuts = [
        p * vote[:, 0],
        p * (vote[:, 0] + vote[:, 1]),
        p,
        p + q * written[:, 0],
        p + q * (written[:, 0] + written[:, 1]),
        p + q,
    ]
    return np.stack(cuts[:levels])


def _cuts(cm: CompiledModel, levels: int) -> _Cuts:
    hv = cm.has_vote
    free_rows = np.flatnonzero(hv & (cm.bloc < 0))
    bloc_rows = np.flatnonzero(hv & (cm.bloc >= 0))
    free = _member_cuts(cm.present[free_rows], cm.vote[free_rows], cm.reply[free_rows],
                        cm.written[free_rows], levels)
    per_line = []
    for line in range(3):
        vote, written = cm.following(bloc_rows, np.full(len(bloc_rows), line, dtype=np.int64))
        per_line.append(_member_cuts(cm.present[bloc_rows], vote, cm.reply[bloc_rows],
                                     written, levels))
    bloc_cuts = np.stack(per_line, axis=-1) if len(bloc_rows) else np.zeros((levels, 0, 3))
    srows = np.flatnonzero(~hv)
    ps = cm.present[srows]
    suspended = np.stack([ps, ps + (1.0 - ps) * cm.reply[srows]])
    lines = np.array([b.line for b in cm.blocs]).reshape(-1, 3)
    free_t, free_c = _thresholds(free[:, :, None])
    bloc_t, bloc_c = _thresholds(bloc_cuts)
    susp_t, susp_c = _thresholds(suspended[:, :, None])
    return _Cuts(
        free=free_t,
        bloc=bloc_t,
        bloc_of_row=cm.bloc[bloc_rows].astype(np.int64),
        suspended=susp_t,
        line_cuts=np.cumsum(lines, axis=1)[:, :2],
        free_certain=free_c.sum(axis=(1, 2)).astype(np.int64),
        bloc_certain=bloc_c,
        suspended_certain=susp_c.sum(axis=(1, 2)).astype(np.int64),
    )


def _thresholds(cuts: FloatArray) -> tuple[UIntArray, BoolArray]:
    """Cut points as counts ``T`` of the ``2**BITS`` equally likely values of a member's draw
    (the member is below the cut when its draw ``h < T``), and where the cut is certain.

    ``T = round(c * 2**32)``; a certain cut (``T = 2**32``, beyond a uint32) is held as 0 and
    flagged, so that the caller counts it without comparing.
    """
    scaled = np.rint(np.clip(cuts, 0.0, 1.0) * float(1 << BITS))
    certain: BoolArray = scaled >= float(1 << BITS)
    thresholds: UIntArray = np.where(certain, 0.0, scaled).astype(np.uint32)
    return thresholds, certain


class _Workspace:
    """Per-thread buffers, reused from chunk to chunk."""

    def __init__(self) -> None:
        self.arrays: dict[tuple[str, tuple[int, ...], str], npt.NDArray[np.generic]] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type) -> Any:
        key = (name, shape, np.dtype(dtype).str)
        arr = self.arrays.get(key)
        if arr is None:
            arr = np.empty(shape, dtype=dtype)
            self.arrays[key] = arr
        return arr


def _draw(rng: np.random.Generator, rows: int, size: int) -> UIntArray:
    """``rows x size`` draws of 32 random bits: the two halves of each raw 64-bit output of
    the generator."""
    raw = rng.bit_generator.random_raw((rows * size + 1) // 2)
    bits: UIntArray = raw.view(np.uint32)[: rows * size].reshape(rows, size)
    return bits


def _count_below(uniforms: UIntArray, cut: UIntArray,
                 mask: npt.NDArray[np.bool_]) -> IntArray:
    """For each session (column), how many rows have a uniform below their cut."""
    np.less(uniforms, cut, out=mask)
    rows, size = mask.shape
    if rows == 0:
        return np.zeros(size, dtype=np.int64)
    if size % 8 == 0 and rows <= 255:
        # Eight sessions per 64-bit word: every byte lane sums to at most 255, no carry.
        packed = np.add.reduce(mask.view(np.uint64), axis=0)
        counts: IntArray = packed.view(np.uint8).astype(np.int64)
        return counts
    total: IntArray = mask.sum(axis=0, dtype=np.int64)
    return total


def _count_below_levels(draws: UIntArray, cuts: UIntArray, ws: _Workspace) -> IntArray:
    """For each cut level (first axis of ``cuts``) and each session (column), how many rows
    have their draw below the row's cut; rows go by blocks of ``ROW_BLOCK``."""
    levels = cuts.shape[0]
    rows, size = draws.shape
    # Eight sessions per 64-bit word: every byte lane sums to at most 255, no carry.
    packed = size % 8 == 0 and rows <= 255
    acc = np.zeros((levels, size // 8 if packed else size),
                   dtype=np.uint64 if packed else np.int64)
    if rows:
        block = min(ROW_BLOCK, rows)
        mask = ws.get("levels_mask", (levels, block, size), np.bool_)
        for r0 in range(0, rows, block):
            r1 = min(rows, r0 + block)
            m = mask[:, : r1 - r0]
            np.less(draws[None, r0:r1], cuts[:, r0:r1], out=m)
            if packed:
                acc += np.add.reduce(m.view(np.uint64), axis=1)
            else:
                acc += m.sum(axis=1, dtype=np.int64)
    if packed:
        counts: IntArray = acc.view(np.uint8).astype(np.int64)
        return counts
    return acc


def sample_counts(cm: CompiledModel, rng: np.random.Generator, size: int,
                  written: bool = True, workspace: _Workspace | None = None,
                  cuts: _Cuts | None = None) -> SessionCounts:
    """Draw ``size`` sessions of the model and count them."""
    levels = 6 if written else 3
    cuts = _cuts(cm, levels) if cuts is None else cuts
    ws = workspace or _Workspace()
    zeros = np.zeros(size, dtype=np.int64)
    lines = None
    if len(cm.blocs):
        u = rng.random((len(cm.blocs), size))
        lines = (u >= cuts.line_cuts[:, :1]).astype(np.int64) + (u >= cuts.line_cuts[:, 1:2])
    below = [zeros.copy() for _ in range(levels)]
    nfree = cuts.free.shape[1]
    if nfree:
        counts = _count_below_levels(_draw(rng, nfree, size), cuts.free[:levels], ws)
        for k in range(levels):
            below[k] += counts[k] + cuts.free_certain[k]
    nbloc = cuts.bloc.shape[1]
    if nbloc:
        assert lines is not None
        u32 = _draw(rng, nbloc, size)
        mask = ws.get("bloc_mask", (nbloc, size), np.bool_)
        row_lines = lines[cuts.bloc_of_row]  # (rows, size)
        rows = np.arange(nbloc)[:, None]
        for k in range(levels):
            cut = cuts.bloc[k][rows, row_lines]
            below[k] += _count_below(u32, cut, mask)
            if cuts.bloc_certain[k].any():
                below[k] += cuts.bloc_certain[k][rows, row_lines].sum(axis=0, dtype=np.int64)
    nsusp = cuts.suspended.shape[1]
    present_s = zeros
    replies_s = zeros
    if nsusp:
        counts = _count_below_levels(_draw(rng, nsusp, size), cuts.suspended, ws)
        present_s = counts[0] + cuts.suspended_certain[0]
        replies_s = counts[1] + cuts.suspended_certain[1] - present_s
    counted = cm.counts_suspended
    voters_present = below[2]
    yes = below[0]
    no = below[1] - below[0]
    abstain = below[2] - below[1]
    if written:
        wy = below[3] - below[2]
        wn = below[4] - below[3]
        replies_v = below[5] - below[2]
    else:
        wy = wn = replies_v = zeros
    return SessionCounts(
        represented=voters_present + (present_s if counted else 0),
        present_voters=voters_present,
        yes=yes,
        no=no,
        abstain=abstain,
        replies=replies_v + (replies_s if counted else 0),
        written_yes=wy,
        written_no=wn,
    )


def decide_counts(plan: DecisionPlan, c: SessionCounts) -> dict[str, BoolArray]:
    """Each session's fate, with the rule set's own units on integer arrays."""
    n = plan.members
    majority = plan.majority
    sw = plan.adopt_with_no_votes_cast
    full = c.represented >= plan.full_lo
    reduced = (c.represented >= plan.band_lo) & (c.represented < plan.full_lo)
    cast = c.yes + c.no
    met = np.where(cast == 0, sw, majority.met(c.yes, c.no, c.present_voters, n))
    adopted = (full | reduced) & met
    if plan.written:
        needed = np.asarray(plan.needed, dtype=np.int64)
        yes = c.yes + c.written_yes
        no = c.no + c.written_no
        still = np.where(yes + no == 0, sw,
                         majority.met(yes, no, c.present_voters + c.replies, n))
        written_ok = reduced & met & (c.replies >= needed[c.represented]) & still
        executory = (full & met) | written_ok
    else:
        written_ok = np.zeros_like(full)
        executory = adopted
    return {"full": full, "reduced": reduced, "adopted": adopted, "executory": executory,
            "adopted_reduced": reduced & met, "written_ok": written_ok}


def _tally(plans: Sequence[DecisionPlan], c: SessionCounts, histograms: bool
           ) -> list[MonteCarloResult]:
    out = []
    size = len(c.yes)
    hists: dict[str, IntArray] = {}
    if histograms:
        n = plans[0].members if plans else 0
        for name, values in (("attendance", c.represented), ("yes", c.yes), ("no", c.no),
                             ("abstain", c.abstain), ("replies", c.replies)):
            hists[name] = np.bincount(values, minlength=n + 1).astype(np.int64)
    for plan in plans:
        fate = decide_counts(plan, c)
        out.append(MonteCarloResult(
            samples=size,
            full=int(np.count_nonzero(fate["full"])),
            reduced=int(np.count_nonzero(fate["reduced"])),
            adopted=int(np.count_nonzero(fate["adopted"])),
            executory=int(np.count_nonzero(fate["executory"])),
            adopted_reduced=int(np.count_nonzero(fate["adopted_reduced"])),
            written_ok=int(np.count_nonzero(fate["written_ok"])),
            histograms=hists,
        ))
    return out


def run_monte_carlo(cm: CompiledModel, plans: Sequence[DecisionPlan], samples: int,
                    seed: int | np.random.SeedSequence | None = 0, chunk: int = CHUNK,
                    workers: int | None = None, histograms: bool = True
                    ) -> list[MonteCarloResult]:
    """Simulate ``samples`` sessions once and tally every decision of ``plans`` on them."""
    if samples < 1:
        raise ValueError("the number of samples must be at least 1")
    chunk = max(8, (chunk // 8) * 8)
    sizes = [chunk] * (samples // chunk)
    if samples % chunk:
        sizes.append(samples % chunk)
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    streams = root.spawn(len(sizes))
    written = any(p.written for p in plans)
    cuts = _cuts(cm, 6 if written else 3)
    workers = max(1, min(workers or os.cpu_count() or 1, len(sizes)))
    lock = threading.Lock()
    next_chunk = iter(range(len(sizes)))
    totals = [MonteCarloResult() for _ in plans]

    def work() -> None:
        ws = _Workspace()
        local = [MonteCarloResult() for _ in plans]
        while True:
            with lock:
                k = next(next_chunk, None)
            if k is None:
                break
            rng = np.random.Generator(np.random.PCG64(streams[k]))
            counts = sample_counts(cm, rng, sizes[k], written, ws, cuts)
            for acc, part in zip(local, _tally(plans, counts, histograms), strict=True):
                acc.add(part)
        with lock:
            for acc, part in zip(totals, local, strict=True):
                acc.add(part)

    if workers == 1:
        work()
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(work) for _ in range(workers)]:
                future.result()
    return totals
