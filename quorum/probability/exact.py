"""Exact distributions for independent members: convolution over members, or over counts.

Members vote independently here (blocs are handled by conditioning on their lines, see
:mod:`quorum.probability.engine`). What a decision needs from a session is a handful of
sums over members: the number represented ``R`` (Art. 22(3)(b)-(c)) and, per condition of
the majority, an integer margin ``a*yes + b*no + c*present`` (:mod:`.plan`). Each member
adds a small vector to that state with known probabilities, so the distribution of the
state is the convolution of the members' distributions, built one member at a time on a
dense grid ("dynamic programming"). Three devices keep the grid small:

* the represented count saturates at the first value of the full quorum (beyond it every
  count is "full"), and a state is dropped once the members still to come cannot lift it
  into the reduced band;
* a margin saturates once the members still to come can no longer bring it below its bound
  (the condition is then certainly met), and is dropped once they can no longer lift it to
  the bound (certainly not met);
* members that are alike are not convolved one by one: with one profile, the represented
  count is binomial and, given it, votes and written replies are multinomial, so the
  session and the written procedure are computed per represented count (``single profile``).

Decisions with no vote cast are decided by the interpretation switch
``adopt_with_no_votes_cast``, as :func:`quorum.session.decide` does: the probability that
nobody casts a vote is convolved apart (only absences and abstentions) and swapped in.

Arithmetic: float64. Every quantity is a sum of products of probabilities in [0, 1]; the
only subtraction removes the no-vote-cast part from a sum that contains it. The rounding
error is a few units in the last place per member step, about 1e-14 for 181 members, far
below any difference the rules can make; the tests compare with brute-force enumeration to
1e-12. Exact rational arithmetic would cost a thousandfold for nothing visible.

The written procedure (Art. 22(3)(c)) needs, jointly, the represented count, the session
margins, the replies received and the margins over session and written votes together. For
members alike that is cheap (given ``R``, the session and the replies are independent); for
heterogeneous members the joint state has four coordinates and is convolved exactly only
when small enough (``written_budget``); otherwise the engine samples that part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .model import CompiledModel
from .plan import DecisionPlan, Margin

__all__ = [
    "ExactResult",
    "adoption_probability",
    "exact_decision",
    "marginals",
    "poisson_binomial",
    "session_by_represented",
    "TOLERANCE",
    "WRITTEN_BUDGET",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Transition = tuple[float, tuple[int, ...]]

#: Largest number of grid cells times members for the heterogeneous written-procedure grid.
WRITTEN_BUDGET = 4e7
#: Probability mass the heterogeneous convolution may trim from the edges of its grid.
TOLERANCE = 1e-15
_BIG = 1 << 40


@dataclass(frozen=True, eq=False)
class ExactResult:
    """Exact probabilities of one decision under independent members.

    ``p_written_ok`` is P(reduced quorum, adopted, and the written procedure succeeds);
    None when it was not computed exactly, or when the decision has no written procedure.
    """

    attendance: FloatArray
    yes: FloatArray
    no: FloatArray
    abstain: FloatArray
    replies: FloatArray
    p_full: float
    p_reduced: float
    p_adopted_full: float
    p_adopted_reduced: float
    p_written_ok: float | None

    @property
    def p_adopted(self) -> float:
        return self.p_adopted_full + self.p_adopted_reduced


# ---------------------------------------------------------------------------------------
# Grid convolution


def _apply(data: FloatArray, lo: IntArray, transitions: Sequence[Transition]
           ) -> tuple[FloatArray, IntArray]:
    """Convolve the grid with one member: ``sum p * shift(data, s)`` over its transitions."""
    shifts = np.array([s for _, s in transitions], dtype=np.int64)
    smin = shifts.min(axis=0)
    smax = shifts.max(axis=0)
    out = np.zeros(tuple(int(x) for x in np.add(data.shape, smax - smin)))
    tmp = np.empty_like(data)
    for (prob, _), shift in zip(transitions, shifts, strict=True):
        region = tuple(slice(int(o), int(o) + n)
                       for o, n in zip(shift - smin, data.shape, strict=True))
        np.multiply(data, prob, out=tmp)
        out[region] += tmp
    return out, lo + smin


def _clip(data: FloatArray, lo: IntArray, floor: Sequence[int], cap: Sequence[int],
          drop_above: Sequence[bool]) -> tuple[FloatArray, IntArray]:
    """Drop values below ``floor``; above ``cap`` saturate into ``cap`` (or drop)."""
    lo = lo.copy()
    for axis in range(data.ndim):
        size = data.shape[axis]
        cut = int(floor[axis] - lo[axis])
        if cut > 0:
            data = data[(slice(None),) * axis + (slice(cut, None),)]
            lo[axis] += cut
            size = data.shape[axis]
        top = int(cap[axis] - lo[axis])
        if size == 0 or top >= size - 1:
            continue
        if top < 0:
            if drop_above[axis]:
                data = data[(slice(None),) * axis + (slice(0, 0),)]
            else:
                data = data.sum(axis=axis, keepdims=True)
                lo[axis] = cap[axis]
            continue
        head = (slice(None),) * axis
        if not drop_above[axis]:
            data = np.array(data, copy=True) if not data.flags.writeable else data
            data[head + (top,)] += data[head + (slice(top + 1, None),)].sum(axis=axis)
        data = data[head + (slice(0, top + 1),)]
    return data, lo


def _merge(transitions: Sequence[Transition]) -> list[Transition]:
    """Add up transitions with the same shift; leave out those of probability 0."""
    merged: dict[tuple[int, ...], float] = {}
    for prob, shift in transitions:
        if prob > 0:
            merged[shift] = merged.get(shift, 0.0) + prob
    if not merged:
        merged[tuple(0 for _ in transitions[0][1])] = 0.0
    return [(p, s) for s, p in merged.items()]


def _remaining(members: Sequence[Sequence[Transition]], ndim: int
               ) -> tuple[IntArray, IntArray]:
    """For each step, the most the members still to come can add to / take from each axis."""
    n = len(members)
    up = np.zeros((n + 1, ndim), dtype=np.int64)
    down = np.zeros((n + 1, ndim), dtype=np.int64)
    for i in range(n - 1, -1, -1):
        shifts = np.array([s for _, s in members[i]], dtype=np.int64)
        up[i] = up[i + 1] + np.maximum(shifts.max(axis=0), 0)
        down[i] = down[i + 1] + np.maximum(-shifts.min(axis=0), 0)
    return up, down


def _convolve(members: Sequence[Sequence[Transition]], floors: IntArray, caps: IntArray,
              drop_above: Sequence[bool], tolerance: float = 0.0
              ) -> tuple[FloatArray, IntArray, float]:
    """Convolve every member; after member ``i`` clip with ``floors[i]`` and ``caps[i]``.

    With ``tolerance > 0``, edge slices of the grid holding almost no probability are cut
    off every few members; the total mass cut (returned third) never exceeds ``tolerance``,
    so every probability computed from the grid is low by at most that much.
    """
    ndim = len(drop_above)
    data = np.ones((1,) * ndim)
    lo = np.zeros(ndim, dtype=np.int64)
    every = 6
    cuts = max(1, 2 * ndim * (len(members) // every + 1))
    eps = tolerance / cuts
    dropped = 0.0
    for i, transitions in enumerate(members):
        data, lo = _apply(data, lo, transitions)
        data, lo = _clip(data, lo, floors[i], caps[i], drop_above)
        if eps > 0 and i % every == every - 1 and data.size > 64:
            data, lo, cut = _trim(data, lo, eps)
            dropped += cut
    return data, lo, dropped


def _trim(data: FloatArray, lo: IntArray, eps: float) -> tuple[FloatArray, IntArray, float]:
    """Cut leading and trailing slices of each axis whose mass adds up to at most ``eps``."""
    lo = lo.copy()
    dropped = 0.0
    for axis in range(data.ndim):
        if data.shape[axis] < 3:
            continue
        other = tuple(k for k in range(data.ndim) if k != axis)
        mass = data.sum(axis=other) if other else data
        head = np.cumsum(mass)
        tail = np.cumsum(mass[::-1])
        start = int(np.searchsorted(head, eps, side="right"))
        stop = int(np.searchsorted(tail, eps, side="right"))
        start = min(start, data.shape[axis] - 1)
        stop = min(stop, data.shape[axis] - 1 - start)
        if start or stop:
            dropped += (float(head[start - 1]) if start else 0.0) + (
                float(tail[stop - 1]) if stop else 0.0)
            index = (slice(None),) * axis + (slice(start, data.shape[axis] - stop),)
            data = data[index]
            lo[axis] += start
    return data, lo, dropped


# ---------------------------------------------------------------------------------------
# Marginal distributions


def poisson_binomial(q: FloatArray) -> FloatArray:
    """Rows of success probabilities ``(K, n)`` -> distributions of the counts ``(K, n+1)``."""
    k, n = q.shape
    out = np.zeros((k, n + 1))
    out[:, 0] = 1.0
    for i in range(n):
        qi = q[:, i:i + 1]
        head = out[:, :i + 2]
        new = head * (1.0 - qi)
        new[:, 1:] += out[:, :i + 1] * qi
        out[:, :i + 2] = new
    return out


def _binomial(n: int, p: float) -> FloatArray:
    """Binomial probabilities of 0..n: ratios of successive terms multiplied outward from
    the mode, then normalised (relative error a few units in the last place per step)."""
    out = np.zeros(n + 1)
    if p <= 0.0 or p >= 1.0:
        out[n if p >= 1.0 else 0] = 1.0
        return out
    mode = min(int((n + 1) * p), n)
    k = np.arange(n + 1, dtype=np.float64)
    odds = p / (1.0 - p)
    out[mode] = 1.0
    if mode < n:
        up = (n - k[mode + 1:] + 1.0) / k[mode + 1:] * odds
        out[mode + 1:] = np.cumprod(up)
    if mode > 0:
        down = (k[1:mode + 1]) / (n - k[1:mode + 1] + 1.0) / odds  # pmf[j-1] / pmf[j]
        out[:mode] = np.cumprod(down[::-1])[::-1]
    normalised: FloatArray = out / out.sum()
    return normalised


def marginals(cm: CompiledModel, plan: DecisionPlan) -> FloatArray:
    """Distributions of represented members, yes, no, abstentions and written replies.

    Rows: attendance (the represented count of Art. 22(3)(b)), yes, no, abstain, replies
    (written replies counted toward the total, Art. 22(3)(c)); columns: counts 0..N.
    """
    hv = cm.has_vote
    counted = hv | plan.counts_suspended
    p = cm.present
    q = np.stack([
        np.where(counted, p, 0.0),
        np.where(hv, p * cm.vote[:, 0], 0.0),
        np.where(hv, p * cm.vote[:, 1], 0.0),
        np.where(hv, p * cm.vote[:, 2], 0.0),
        np.where(counted, (1.0 - p) * cm.reply, 0.0),
    ])
    if cm.members and bool(np.all(q == q[:, :1])):
        return np.stack([_binomial(cm.members, float(row[0])) for row in q])
    return poisson_binomial(q)


# ---------------------------------------------------------------------------------------
# Session: represented count and margins


def _session_transitions(cm: CompiledModel, plan: DecisionPlan, i: int, cast: bool
                         ) -> list[Transition]:
    """One member's moves on (R, margins...). ``cast=False``: only outcomes with no vote."""
    p = float(cm.present[i])
    absent: Transition = (1.0 - p, (0,) * (1 + len(plan.margins)))
    if not cm.has_vote[i]:
        r = 1 if plan.counts_suspended else 0
        return _merge([absent, (p, (r,) + (0,) * len(plan.margins))])
    vy, vn, va = (float(x) for x in cm.vote[i])
    moves = [absent, (p * va, (1, *(m.present for m in plan.margins)))]
    if cast:
        moves.append((p * vy, (1, *(m.yes + m.present for m in plan.margins))))
        moves.append((p * vn, (1, *(m.no + m.present for m in plan.margins))))
    return _merge(moves)


def session_by_represented(cm: CompiledModel, plan: DecisionPlan,
                           tolerance: float = TOLERANCE) -> tuple[int, FloatArray, float]:
    """P(adopted at the session and ``R = r``) for ``r`` from ``lo``; the last entry covers
    every count of the full quorum. Returns ``(lo, probabilities, mass trimmed)``."""
    if len(plan.margins) == 1:
        data, dlo, dropped = _one_margin_grid(cm, plan, tolerance)
    else:
        members = [_session_transitions(cm, plan, i, True) for i in range(cm.members)]
        data, dlo, dropped = _session_grid(members, plan, drop_margins=True,
                                           tolerance=tolerance)
    lo = plan.low
    top = min(plan.full_lo, plan.members)
    out = np.zeros(max(top - lo + 1, 0))
    for k in range(data.shape[0]):
        r = int(dlo[0]) + k
        if lo <= r <= top:
            out[r - lo] += data[k].sum()  # margins below their bounds were dropped
    total, met = _no_vote_cast(cm, plan)
    sw = float(plan.adopt_with_no_votes_cast)
    for r in range(lo, plan.members + 1):
        out[min(r, top) - lo] += sw * total[r] - met[r]
    return lo, np.maximum(out, 0.0), dropped


def _no_vote_cast(cm: CompiledModel, plan: DecisionPlan) -> tuple[FloatArray, FloatArray]:
    """P(R = r and no vote cast), and the part of it whose margins still read as met."""
    n = cm.members
    bounds = np.array([m.bound for m in plan.margins], dtype=np.int64)
    if all(m.present == 0 for m in plan.margins):
        # Margins do not move without yes or no votes: a one-dimensional convolution.
        p = cm.present
        up = np.where(cm.has_vote, p * cm.vote[:, 2], np.where(plan.counts_suspended, p, 0.0))
        stay = np.where(cm.has_vote | plan.counts_suspended, 1.0 - p, 1.0)
        total = _weighted_counts(stay, up)
        met = total if bool(np.all(bounds <= 0)) else np.zeros_like(total)
        return total, met
    zero = [_session_transitions(cm, plan, i, False) for i in range(n)]
    data, zlo, _ = _session_grid(zero, plan, drop_margins=False, uncapped=True)
    total = np.zeros(n + 1)
    met = np.zeros(n + 1)
    for k in range(data.shape[0]):
        r = int(zlo[0]) + k
        total[r] = data[k].sum()
        met[r] = _met_mass(data[k], zlo[1:], bounds)
    return total, met


def _weighted_counts(stay: FloatArray, up: FloatArray) -> FloatArray:
    """Distribution of a sum of independent 0/1 steps with weights (may add up below 1)."""
    n = len(stay)
    out = np.zeros(n + 1)
    out[0] = 1.0
    for i in range(n):
        new = out[:i + 2] * stay[i]
        new[1:] += out[:i + 1] * up[i]
        out[:i + 2] = new
    return out


def _session_grid(members: list[list[Transition]], plan: DecisionPlan, drop_margins: bool,
                  tolerance: float = 0.0, uncapped: bool = False
                  ) -> tuple[FloatArray, IntArray, float]:
    d = len(plan.margins)
    up, down = _remaining(members, 1 + d)
    n = len(members)
    floors = np.empty((n, 1 + d), dtype=np.int64)
    caps = np.empty((n, 1 + d), dtype=np.int64)
    bounds = np.array([m.bound for m in plan.margins], dtype=np.int64)
    for i in range(n):
        floors[i, 0] = -_BIG if uncapped else plan.low - up[i + 1, 0]
        caps[i, 0] = _BIG if uncapped else min(plan.full_lo, plan.members)
        if drop_margins:
            floors[i, 1:] = bounds - up[i + 1, 1:]
        else:
            floors[i, 1:] = -_BIG
        caps[i, 1:] = bounds + down[i + 1, 1:]
    if d == 1 and all(s[0] in (0, 1) for t in members for _, s in t):
        return _grid_2d(members, floors, caps, tolerance)
    return _convolve(members, floors, caps, [False] * (1 + d), tolerance)


def _grid_2d(members: list[list[Transition]], floors: IntArray, caps: IntArray,
             tolerance: float) -> tuple[FloatArray, IntArray, float]:
    """:func:`_convolve` for the usual state (represented count, one margin), faster.

    A member moves the grid by ``(0, 0)`` when absent and by ``(1, k)`` when present, so
    the present part is one one-dimensional convolution of the flattened grid (rows
    padded with zeros so that they cannot bleed into each other) followed by a row shift.
    """
    data = np.ones((1, 1))
    lo = np.zeros(2, dtype=np.int64)
    every = 6
    eps = tolerance / max(1, 4 * (len(members) // every + 1))
    dropped = 0.0
    drop_above = [False, False]
    for i, transitions in enumerate(members):
        if data.size == 0:
            break  # every state was dropped: nothing can be adopted
        stay = sum(p for p, s in transitions if s[0] == 0 and s[1] == 0)
        moves = [(p, s) for p, s in transitions if s[0] == 1]
        others = [(p, s) for p, s in transitions if s[0] == 0 and s[1] != 0]
        if others:
            data, lo = _apply(data, lo, transitions)
        else:
            nr, w = data.shape
            offsets = [s[1] for _, s in moves] or [0]
            kmin, kmax = min(offsets), max(offsets)
            left, right = -min(0, kmin), max(0, kmax)
            out = np.zeros((nr + (1 if moves else 0), w + left + right))
            if stay:
                np.multiply(data, stay, out=out[:nr, left:left + w])
            if moves:
                span = kmax - kmin
                kernel = np.zeros(span + 1)
                for p, s in moves:
                    kernel[s[1] - kmin] += p
                if span:
                    padded = np.zeros((nr, w + span))
                    padded[:, :w] = data
                    conv = np.convolve(padded.reshape(-1), kernel)[:nr * (w + span)]
                    out[1:, left + kmin:left + kmin + w + span] += conv.reshape(nr, w + span)
                else:
                    out[1:, left + kmin:left + kmin + w] += data * kernel[0]
            data = out
            lo = lo + np.array([0, min(0, kmin)], dtype=np.int64)
        data, lo = _clip(data, lo, floors[i], caps[i], drop_above)
        if eps > 0 and i % every == every - 1 and data.size > 64:
            data, lo, cut = _trim(data, lo, eps)
            dropped += cut
    return data, lo, dropped


def _one_margin_grid(cm: CompiledModel, plan: DecisionPlan, tolerance: float
                     ) -> tuple[FloatArray, IntArray, float]:
    """The session grid (represented count, one margin) of :func:`_session_grid` with
    ``drop_margins=True``, its per-member moves built for all members at once.

    Every member moves the grid by ``(0, 0)`` (absent, or present without a vote that
    counts) or by ``(1, k)`` for ``k`` among a few offsets shared by all members (its
    abstention, yes and no moves on the margin), so each step is a few shifted additions
    of the grid, and the floors and caps of every step come from cumulative sums.
    """
    n = cm.members
    margin = plan.margins[0]
    p = cm.present
    hv = cm.has_vote
    offsets = sorted({margin.present, margin.yes + margin.present, margin.no + margin.present,
                      0})
    column = {k: j for j, k in enumerate(offsets)}
    kernel = np.zeros((n, len(offsets)))
    kernel[:, column[margin.present]] += np.where(hv, p * cm.vote[:, 2], 0.0)
    kernel[:, column[margin.yes + margin.present]] += np.where(hv, p * cm.vote[:, 0], 0.0)
    kernel[:, column[margin.no + margin.present]] += np.where(hv, p * cm.vote[:, 1], 0.0)
    counted_idle = ~hv & bool(plan.counts_suspended)
    kernel[:, column[0]] += np.where(counted_idle, p, 0.0)
    stay = np.where(hv | counted_idle, 1.0 - p, 1.0)
    # What the members after step i can still add to / take from each coordinate.
    moves = kernel > 0
    offs = np.array(offsets, dtype=np.int64)
    any_move = moves.any(axis=1)
    top_off = np.where(moves, offs, np.iinfo(np.int64).min).max(axis=1)
    low_off = np.where(moves, offs, np.iinfo(np.int64).max).min(axis=1)
    up_r = np.where(any_move, 1, 0)
    up_m = np.where(any_move, np.maximum(top_off, 0), 0)
    down_m = np.where(any_move, np.maximum(-low_off, 0), 0)

    def after(step: IntArray) -> IntArray:
        suffix = np.zeros(n + 1, dtype=np.int64)
        suffix[:n] = np.cumsum(step[::-1])[::-1]
        return suffix[1:]

    floor_r = plan.low - after(up_r)
    cap_r = min(plan.full_lo, plan.members)
    floor_m = margin.bound - after(up_m)
    cap_m = margin.bound + after(down_m)
    kmin, kmax = offsets[0], offsets[-1]
    span = kmax - kmin
    data = np.ones((1, 1))
    r_lo, m_lo = 0, 0
    every = 6
    eps = tolerance / max(1, 4 * (n // every + 1))
    dropped = 0.0
    for i in range(n):
        if data.size == 0:
            break  # every state was dropped: nothing can be adopted
        nr, w = data.shape
        out = np.zeros((nr + 1, w + span))
        if stay[i]:
            np.multiply(data, stay[i], out=out[:nr, -kmin:w - kmin])
        for j, k in enumerate(offsets):
            q = kernel[i, j]
            if q:
                out[1:, k - kmin:k - kmin + w] += q * data
        data, m_lo = out, m_lo + kmin
        # Represented count: drop rows that can no longer reach the band, saturate the top.
        cut = int(floor_r[i]) - r_lo
        if cut > 0:
            data, r_lo = data[cut:], r_lo + cut
        top = cap_r - r_lo
        if 0 <= top < data.shape[0] - 1:
            data[top] += data[top + 1:].sum(axis=0)
            data = data[:top + 1]
        # Margin: drop columns that can no longer reach the bound, saturate those certain.
        cut = int(floor_m[i]) - m_lo
        if cut > 0:
            data, m_lo = data[:, cut:], m_lo + cut
        top = int(cap_m[i]) - m_lo
        if data.shape[1] and top < 0:
            data, m_lo = data.sum(axis=1, keepdims=True), int(cap_m[i])
        elif 0 <= top < data.shape[1] - 1:
            data[:, top] += data[:, top + 1:].sum(axis=1)
            data = data[:, :top + 1]
        if eps > 0 and i % every == every - 1 and data.size > 64:
            data, lo, cut_mass = _trim(data, np.array([r_lo, m_lo], dtype=np.int64), eps)
            r_lo, m_lo = int(lo[0]), int(lo[1])
            dropped += cut_mass
    return data, np.array([r_lo, m_lo], dtype=np.int64), dropped


def _met_mass(cell: FloatArray, lo: IntArray, bounds: IntArray) -> float:
    region = []
    for axis, size in enumerate(cell.shape):
        start = int(bounds[axis] - lo[axis])
        region.append(slice(max(start, 0), size))
    return float(cell[tuple(region)].sum())


# ---------------------------------------------------------------------------------------
# Written procedure, heterogeneous members (small cases)


def _written_transitions(cm: CompiledModel, plan: DecisionPlan, i: int) -> list[Transition]:
    """Moves on (R, W, session margins, total margins, session cast, total cast)."""
    d = len(plan.margins)
    zero = (0,) * (4 + 2 * d)
    p = float(cm.present[i])
    rho = float(cm.reply[i])
    a = [m.yes + m.present for m in plan.margins]
    b = [m.no + m.present for m in plan.margins]
    c = [m.present for m in plan.margins]
    z = [0] * d
    if not cm.has_vote[i]:
        counted = plan.counts_suspended
        moves: list[Transition] = [
            ((1.0 - p) * (1.0 - rho), zero),
            (p, (1 if counted else 0, 0, *z, *z, 0, 0)),
            ((1.0 - p) * rho, (0, 1, *z, *c, 0, 0) if counted else zero),
        ]
        return _merge(moves)
    vy, vn, va = (float(x) for x in cm.vote[i])
    wy, wn, wa = (float(x) for x in cm.written[i])
    q = (1.0 - p) * rho
    return _merge([
        ((1.0 - p) * (1.0 - rho), zero),
        (q * wy, (0, 1, *z, *a, 0, 1)),
        (q * wn, (0, 1, *z, *b, 0, 1)),
        (q * wa, (0, 1, *z, *c, 0, 0)),
        (p * vy, (1, 0, *a, *a, 1, 1)),
        (p * vn, (1, 0, *b, *b, 1, 1)),
        (p * va, (1, 0, *c, *c, 0, 0)),
    ])


def _written_cost(cm: CompiledModel, plan: DecisionPlan) -> float:
    n = cm.members
    cells = float(plan.full_lo) * (plan.max_replies_needed + 1) * 4
    for m in plan.margins:
        span = max(abs(m.yes + m.present), abs(m.no + m.present), abs(m.present), 1)
        cells *= (2 * span * min(n, plan.full_lo) + 1) * (2 * span * n + 1)
    return cells * n


def written_heterogeneous(cm: CompiledModel, plan: DecisionPlan) -> float:
    """P(reduced quorum, adopted, written procedure succeeds) by a full joint convolution."""
    d = len(plan.margins)
    members = [_written_transitions(cm, plan, i) for i in range(cm.members)]
    ndim = 4 + 2 * d
    up, down = _remaining(members, ndim)
    n = len(members)
    bounds = np.array([m.bound for m in plan.margins], dtype=np.int64)
    floors = np.full((n, ndim), -_BIG, dtype=np.int64)
    caps = np.full((n, ndim), _BIG, dtype=np.int64)
    for i in range(n):
        floors[i, 0] = plan.band_lo - up[i + 1, 0]
        caps[i, 0] = plan.full_lo - 1
        caps[i, 1] = plan.max_replies_needed
        caps[i, 2:2 + d] = bounds + down[i + 1, 2:2 + d]
        caps[i, 2 + d:2 + 2 * d] = bounds + down[i + 1, 2 + d:2 + 2 * d]
        caps[i, 2 + 2 * d:] = 1
    drop = [True] + [False] * (ndim - 1)
    data, lo, _ = _convolve(members, floors, caps, drop)
    if data.size == 0:
        return 0.0
    grids = np.meshgrid(*[lo[k] + np.arange(data.shape[k]) for k in range(ndim)],
                        indexing="ij", sparse=True)
    r, w = grids[0], grids[1]
    session = grids[2:2 + d]
    total = grids[2 + d:2 + 2 * d]
    fs, ft = grids[2 + 2 * d], grids[3 + 2 * d]
    sw = plan.adopt_with_no_votes_cast
    s_met = np.ones(data.shape, dtype=bool)
    t_met = np.ones(data.shape, dtype=bool)
    for k in range(d):
        s_met = s_met & (session[k] >= bounds[k])
        t_met = t_met & (total[k] >= bounds[k])
    s_ok = np.where(fs == 1, s_met, sw)
    t_ok = np.where(ft == 1, t_met, sw)
    needed = np.asarray(plan.needed, dtype=np.int64)[r]
    in_band = (r >= plan.band_lo) & (r < plan.full_lo)
    ok = in_band & s_ok & t_ok & (w >= needed)
    return float(data[ok].sum())


# ---------------------------------------------------------------------------------------
# One profile: binomial presence, multinomial votes and replies


@lru_cache(maxsize=256)
def _session_table(vote: tuple[float, float, float], n: int, margins: tuple[Margin, ...],
                   keep_from: int) -> tuple[FloatArray, tuple[tuple[FloatArray, IntArray], ...]]:
    """For ``r`` voters alike: P(margins met) for r = 0..n, and the margin distributions
    themselves for ``r >= keep_from``."""
    d = len(margins)
    vy, vn, va = vote
    moves = _merge([
        (vy, tuple(m.yes + m.present for m in margins)),
        (vn, tuple(m.no + m.present for m in margins)),
        (va, tuple(m.present for m in margins)),
    ])
    bounds = np.array([m.bound for m in margins], dtype=np.int64)
    data = np.ones((1,) * d)
    lo = np.zeros(d, dtype=np.int64)
    met = np.zeros(n + 1)
    kept: list[tuple[FloatArray, IntArray]] = []
    for r in range(n + 1):
        if r:
            data, lo = _apply(data, lo, moves)
        met[r] = _met_mass(data, lo, bounds)
        if r >= keep_from:
            data.setflags(write=False)
            kept.append((data, lo))
    met.setflags(write=False)
    return met, tuple(kept)


@lru_cache(maxsize=64)
def _written_tails(written: tuple[float, float, float], reply: float,
                   margins: tuple[Margin, ...], absent: tuple[int, ...],
                   needed: tuple[int, ...]
                   ) -> tuple[tuple[FloatArray, FloatArray, float, IntArray], ...]:
    """Members alike, ``absent[k]`` of them not represented and ``needed[k]`` replies needed:
    what the written procedure contributes, as orthant tails over the written margins.

    For each ``k``: ``(tail_all, tail_cast, no_cast, lo)`` where ``tail_all[t]`` is
    P(enough replies and written margins >= lo + t), ``tail_cast`` the same restricted to
    replies with at least one vote cast, and ``no_cast`` P(enough replies, no vote cast).
    """
    d = len(margins)
    wy, wn, wa = written
    moves = _merge([
        (1.0 - reply, (0,) * (d + 2)),
        (reply * wy, (1, *(m.yes + m.present for m in margins), 1)),
        (reply * wn, (1, *(m.no + m.present for m in margins), 1)),
        (reply * wa, (1, *(m.present for m in margins), 0)),
    ])
    cap = max(needed, default=0)
    data = np.ones((1,) * (d + 2))
    lo = np.zeros(d + 2, dtype=np.int64)
    floor = [-_BIG] * (d + 2)
    ceiling = [cap] + [_BIG] * d + [1]
    drop = [False] * (d + 2)
    wanted = dict(zip(absent, needed, strict=True))
    out: dict[int, tuple[FloatArray, FloatArray, float, IntArray]] = {}
    for a in range(max(absent, default=0) + 1):
        if a:
            data, lo = _apply(data, lo, moves)
            data, lo = _clip(data, lo, floor, ceiling, drop)
        if a in wanted:
            flags = np.zeros(data.shape[:-1] + (2,))
            for k in range(data.shape[-1]):
                flags[..., int(lo[-1]) + k] += data[..., k]
            part = flags[max(wanted[a] - int(lo[0]), 0):]
            tail_all = _tail(part.sum(axis=(0, part.ndim - 1)))
            tail_cast = _tail(part[..., 1].sum(axis=0))
            for arr in (tail_all, tail_cast):
                arr.setflags(write=False)
            out[a] = (tail_all, tail_cast, float(part[..., 0].sum()), lo[1:-1].copy())
    return tuple(out[a] for a in absent)


@lru_cache(maxsize=256)
def _session_weights(vote: tuple[float, float, float], n: int, margins: tuple[Margin, ...],
                     band: tuple[int, ...]
                     ) -> tuple[FloatArray, tuple[tuple[FloatArray, IntArray], ...]]:
    """Members alike: P(adopted at the session | r represented) for r = 0..n, and for each
    ``r`` of the band the margins of the session states with a vote cast that meet the
    majority (rows of values, with their probabilities)."""
    met, kept = _session_table(vote, n, margins, band[0] if band else n + 1)
    bounds = np.array([m.bound for m in margins], dtype=np.int64)
    present_coef = np.array([m.present for m in margins], dtype=np.int64)
    va = vote[2]
    cast: list[tuple[FloatArray, IntArray]] = []
    for r in band:
        session, slo = kept[r - band[0]]
        values = np.argwhere(np.ones(session.shape, dtype=bool)) + slo
        weights = session.reshape(-1).copy()
        zero = present_coef * r
        hit = np.all(values == zero, axis=1)
        weights[hit] -= va**r  # the state with no vote cast is decided by the switch
        keep = np.all(values >= bounds, axis=1)
        w = np.maximum(weights[keep], 0.0)
        w.setflags(write=False)
        v = values[keep]
        v.setflags(write=False)
        cast.append((w, v))
    return met, tuple(cast)


def _tail(arr: FloatArray) -> FloatArray:
    """Orthant sums ``out[i] = sum(arr[j] for j >= i)`` componentwise, padded with zeros."""
    out = np.zeros(tuple(s + 1 for s in arr.shape))
    out[tuple(slice(0, s) for s in arr.shape)] = arr
    for axis in range(arr.ndim):
        out = np.flip(np.cumsum(np.flip(out, axis=axis), axis=axis), axis=axis)
    result: FloatArray = out
    return result


def _tail_at(tail: FloatArray, lo: IntArray, values: IntArray) -> FloatArray:
    """``tail`` read at the points ``values`` (rows of margin values), 0 beyond its end."""
    idx = values - lo
    idx = np.clip(idx, 0, np.array(tail.shape) - 1)
    picked: FloatArray = tail[tuple(idx.T)]
    return picked


def single_profile(cm: CompiledModel, plan: DecisionPlan, with_written: bool = True
                   ) -> tuple[int, FloatArray, float | None]:
    """Members alike, all with the vote: ``(lo, adopted by R, P(written succeeds))``.

    The represented count is binomial; given it, session votes are multinomial among the
    represented and written replies multinomial among the others, independently. Tables
    that do not depend on the probability of attending are cached, so a sweep over
    attendance reuses them.
    """
    n = cm.members
    p = float(cm.present[0])
    vote = (float(cm.vote[0, 0]), float(cm.vote[0, 1]), float(cm.vote[0, 2]))
    att = _binomial(n, p)
    margins = plan.margins
    bounds = np.array([m.bound for m in margins], dtype=np.int64)
    present_coef = np.array([m.present for m in margins], dtype=np.int64)
    sw = plan.adopt_with_no_votes_cast
    lo = plan.low
    top = min(plan.full_lo, n)
    band = tuple(plan.band)
    met, cast = _session_weights(vote, n, margins, band)
    va = vote[2]
    r_all = np.arange(n + 1)
    nocast = va**r_all
    zero_met = np.all(present_coef[None, :] * r_all[:, None] >= bounds[None, :], axis=1)
    adopt = np.maximum(met - nocast * zero_met + nocast * sw, 0.0) * att
    out = np.zeros(max(top - lo + 1, 0))
    if lo <= n:
        out[:top - lo] = adopt[lo:top]
        out[top - lo] += adopt[top:].sum()
    if not (with_written and plan.written):
        return lo, out, None
    written = (float(cm.written[0, 0]), float(cm.written[0, 1]), float(cm.written[0, 2]))
    absent = tuple(n - r for r in band)
    needed = plan.needed[plan.band_lo:plan.full_lo]
    tails = _written_tails(written, float(cm.reply[0]), margins, absent, needed)
    total = 0.0
    for k, r in enumerate(band):
        if att[r] == 0.0:
            continue
        tail_all, tail_cast, no_cast, wlo = tails[k]
        weights, values = cast[k]
        exec_p = float(np.dot(weights, _tail_at(tail_all, wlo, bounds - values)))
        if sw:
            zero_value = present_coef * r
            at_zero = _tail_at(tail_cast, wlo, (bounds - zero_value)[None, :])[0]
            exec_p += va**r * (float(at_zero) + no_cast)
        total += att[r] * exec_p
    return lo, out, total


# ---------------------------------------------------------------------------------------
# Entry point


def exact_decision(cm: CompiledModel, plan: DecisionPlan, with_written: bool = True,
                   written_budget: float = WRITTEN_BUDGET, dist: FloatArray | None = None
                   ) -> ExactResult:
    """Exact probabilities of one decision when members are independent (no blocs).

    ``dist`` may pass the :func:`marginals` already computed for the same members.
    """
    if cm.blocs and bool(np.any(cm.bloc >= 0)):
        raise ValueError("exact_decision needs independent members; condition on bloc lines")
    if dist is None:
        dist = marginals(cm, plan)
    att = dist[0]
    p_full = float(att[plan.full_lo:].sum())
    p_reduced = float(att[plan.band_lo:plan.full_lo].sum()) if plan.band else 0.0
    written_ok: float | None = None
    if cm.members > 0 and _alike(cm):
        lo, by_r, written_ok = single_profile(cm, plan, with_written)
    else:
        lo, by_r, _ = session_by_represented(cm, plan)
        if with_written and plan.written and _written_cost(cm, plan) <= written_budget:
            written_ok = written_heterogeneous(cm, plan)
    top = min(plan.full_lo, cm.members)
    adopted_full = float(by_r[top - lo]) if plan.full_lo <= cm.members and len(by_r) else 0.0
    adopted_reduced = float(by_r[:max(plan.full_lo - lo, 0)].sum()) if plan.band else 0.0
    return ExactResult(
        attendance=att,
        yes=dist[1],
        no=dist[2],
        abstain=dist[3],
        replies=dist[4],
        p_full=p_full,
        p_reduced=p_reduced,
        p_adopted_full=adopted_full,
        p_adopted_reduced=adopted_reduced,
        p_written_ok=written_ok,
    )


def _alike(cm: CompiledModel) -> bool:
    """Whether every member has the vote and the same probabilities."""
    if not bool(cm.has_vote.all()):
        return False
    rows = cm.rows()
    return bool(np.all(rows == rows[0]))


def adoption_probability(cm: CompiledModel, plan: DecisionPlan) -> float:
    """P(adopted at the session) alone: the quantity swings and the benchmark need."""
    if cm.members > 0 and _alike(cm):
        _, by_r, _ = single_profile(cm, plan, with_written=False)
    else:
        _, by_r, _ = session_by_represented(cm, plan)
    return float(min(max(by_r.sum(), 0.0), 1.0))
