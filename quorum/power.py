"""Exact a-priori voting power in weighted voting games.

A *weighted voting game* ``[q; w_1, ..., w_n]`` has players with non-negative integer
weights; a coalition ``S`` **wins** when its total weight reaches the quota,
``w(S) >= q``, and loses otherwise (the convention of Shapley and Shubik 1954, Banzhaf
1965, and Felsenthal and Machover 1998). A player ``i`` is a *swing* for a coalition
``S`` of the *other* players when ``S`` loses and ``S + {i}`` wins, that is
``q - w_i <= w(S) < q``. Everything below is computed from swing counts:

* **Penrose-Banzhaf (absolute) power** ``beta'_i = swings_i / 2**(n-1)``: the probability
  that ``i`` decides the outcome when every other player votes yes or no independently
  with probability 1/2 (Penrose 1946; Banzhaf 1965; Felsenthal and Machover 1998).
* **Banzhaf (normalised) index** ``beta_i = swings_i / sum_j swings_j`` (Banzhaf 1965;
  Felsenthal and Machover 1998).
* **Shapley-Shubik index** ``phi_i``: the share of the ``n!`` voting orders in which
  ``i`` is pivotal, equal to ``sum |S|! (n-|S|-1)! / n!`` over the swing coalitions
  ``S`` of ``i`` (Shapley and Shubik 1954).

All results are exact: integers and :class:`fractions.Fraction`, never floats (the
floats of :func:`power_table` are for display only).

Algorithm. Counting swing coalitions is hard in general but pseudo-polynomial in the
quota: the generating function ``prod_j (1 + x**w_j)`` counts the coalitions by total
weight (Brams and Affuso 1976; Bilbao, Fernandez, Jimenez Losada and Lopez 2000). It is
built once, truncated to the degrees ``0 .. q-1`` that matter, and the polynomial of the
*others* of a player of weight ``w`` is recovered by dividing out the factor
``1 + x**w`` (Uno 2012; Kurz 2016). That division is by a monic polynomial, so it needs
subtractions only and is exact in integer arithmetic; it is done once per *distinct*
weight, because players of equal weight are interchangeable. For the
Shapley-Shubik index the coalitions are also counted by size: each weight coefficient
is a polynomial in a second variable ``y`` marking the coalition size, packed into one
Python integer with a fixed number of bits per size (Kronecker substitution), so the
factor ``1 + y * x**w`` is a shift and an add.

Exactness and overflow. With ``n`` players every coefficient ever formed counts a set of
coalitions, so it lies in ``[0, 2**n]``. Weight-only counts therefore use numpy
``int64`` arrays when ``n <= 62`` (``2**62 < 2**63``, so no operation can overflow,
including the alternating partial sums of the division, which equal the quotient's own
coefficients up to sign) and fall back to numpy ``object`` arrays of Python integers,
which cannot overflow, for larger games. Size-by-weight counts always use Python
integers with ``n + 1`` or more bits per size slot, enough for every count. All weights
and the quota are first divided by the greatest common divisor of the weights, which
leaves the set of winning coalitions unchanged and shortens the polynomials.

Cost: ``O(n q)`` integer operations to build the weight polynomial and ``O(d q)`` to
divide it, for ``d`` distinct weights and quota ``q``; the size-by-weight version does
the same number of operations on integers of about ``n**2`` bits.

References
----------
* Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis.
  *Rutgers Law Review* 19, 317-343.
* Bilbao, J. M., Fernandez, J. R., Jimenez Losada, A., Lopez, J. J. (2000). Generating
  functions for computing power indices efficiently. *TOP* 8(2), 191-213.
* Brams, S. J., Affuso, P. J. (1976). Power and size: a new paradox. *Theory and
  Decision* 7, 29-56.
* Felsenthal, D. S., Machover, M. (1998). *The Measurement of Voting Power: Theory and
  Practice, Problems and Paradoxes*. Edward Elgar.
* Kurz, S. (2016). Computing the power distribution in the IMF. arXiv:1603.01443.
* Penrose, L. S. (1946). The elementary statistics of majority voting. *Journal of the
  Royal Statistical Society* 109(1), 53-57.
* Shapley, L. S., Shubik, M. (1954). A method for evaluating the distribution of power
  in a committee system. *American Political Science Review* 48(3), 787-792.
* Uno, T. (2012). Efficient computation of power indices for weighted majority games.
  *Algorithms and Computation (ISAAC 2012)*, LNCS 7676, Springer.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .numbers import NumberError, quoted
from .rules import Threshold

__all__ = [
    "BRUTE_FORCE_MAX_PLAYERS",
    "INT64_SAFE_PLAYERS",
    "PowerIndices",
    "TwoTierGroup",
    "TwoTierResult",
    "WeightedGame",
    "banzhaf",
    "blocking_minority",
    "brute_force_indices",
    "minimal_blocking_coalition",
    "minimal_blocking_coalitions_size",
    "penrose_banzhaf",
    "power_indices",
    "power_table",
    "shapley_shubik",
    "simple_majority_member_power",
    "smallest_blocking_weight",
    "swing_counts",
    "two_tier",
]

INT64_SAFE_PLAYERS = 62
"""Largest number of players for which counts are kept in ``int64`` (``2**62 < 2**63``)."""

BRUTE_FORCE_MAX_PLAYERS = 10
"""Largest game :func:`brute_force_indices` accepts (10! = 3,628,800 voting orders)."""

_Counts = npt.NDArray[Any]


# --------------------------------------------------------------------------------------
# The game
# --------------------------------------------------------------------------------------


def _whole(value: object, what: str) -> int:
    """``value`` as an ``int``; booleans, floats and strings are refused."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise NumberError(f"{what} must be a whole number (int), got {quoted(value)}",
                          "write a whole number", "pw_not_whole", name=what, got=quoted(value))
    return int(value)


@dataclass(frozen=True)
class WeightedGame:
    """The weighted voting game ``[quota; weights]``.

    A coalition wins when the sum of its members' weights is **at least** ``quota``
    (``w(S) >= quota``); this "reaches the quota" convention is the one of Shapley and
    Shubik (1954) and Felsenthal and Machover (1998). A rule stated as
    "more than a fraction ``f`` of the votes" or "at least ``f`` of the votes" converts
    to an integer quota with :meth:`from_fraction`.

    Validation: at least one player; weights are non-negative ints; ``1 <= quota <=
    sum(weights)`` (quota 0 would let the empty coalition win and a quota above the total
    would let nobody win); ``names`` are unique strings, one per weight, and default to
    ``"P1" .. "Pn"`` when left empty.

    The game need not be *proper*: with ``2 * quota <= sum(weights)`` two disjoint
    coalitions can both win (an "improper" game). Such games are accepted and the
    indices are still well defined, because the winning rule is only ``w(S) >= quota``;
    :attr:`is_proper` tells which kind a game is.

    Sequences given for ``weights`` or ``names`` are stored as tuples.
    """

    quota: int
    weights: tuple[int, ...]
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        raw_weights: Any = self.weights
        if isinstance(raw_weights, str | bytes) or not isinstance(raw_weights, Iterable):
            raise NumberError(f"weights must be a sequence of ints, got {quoted(raw_weights)}",
                              "write weights: [4, 3, 2]", "pw_weights_list",
                              got=quoted(raw_weights))
        weights = tuple(_whole(w, f"weights[{i}]") for i, w in enumerate(raw_weights))
        if not weights:
            raise NumberError("weights is empty: a weighted game needs at least one player",
                              "give at least one weight", "pw_weights_empty")
        for i, w in enumerate(weights):
            if w < 0:
                raise NumberError(f"weights[{i}] is {w}: weights must be non-negative",
                                  "use weights >= 0", "pw_weight_negative", got=w, size=i)
        quota = _whole(self.quota, "quota")
        total = sum(weights)
        if quota < 1:
            raise NumberError(
                f"quota is {quota}: it must be at least 1, or the empty coalition would win",
                "use a quota of at least 1", "pw_quota_small", got=quota)
        if quota > total:
            raise NumberError(
                f"quota {quota} exceeds the total weight {total}: no coalition could win",
                f"use a quota of at most {total}", "pw_quota_large", got=quota, limit=total)
        raw_names: Any = self.names
        if isinstance(raw_names, str) or not isinstance(raw_names, Iterable):
            raise NumberError(f"names must be a sequence of strings, got {quoted(raw_names)}",
                              "write names: [A, B, C]", "pw_names_list", got=quoted(raw_names))
        names = tuple(raw_names) or tuple(f"P{i + 1}" for i in range(len(weights)))
        if len(names) != len(weights):
            raise NumberError(
                f"got {len(names)} names for {len(weights)} weights",
                "give one name per player", "pw_names_count", got=len(names),
                limit=len(weights))
        for i, name in enumerate(names):
            if not isinstance(name, str) or not name:
                raise NumberError(f"names[{i}] must be a non-empty string, got {quoted(name)}",
                                  "write a name", "pw_name_empty", got=quoted(name), size=i)
        repeated = sorted(name for name, count in Counter(names).items() if count > 1)
        if repeated:
            raise NumberError(f"player names must be unique; repeated: {', '.join(repeated)}",
                              "give each player its own name", "pw_names_repeated",
                              name=quoted(", ".join(repeated)))
        object.__setattr__(self, "quota", quota)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "names", names)

    @classmethod
    def from_fraction(
        cls,
        weights: Sequence[int],
        fraction: Fraction | int,
        *,
        strict: bool = False,
        names: Sequence[str] = (),
    ) -> WeightedGame:
        """The game in which a coalition wins with at least (or, if ``strict``, more than)
        ``fraction`` of the total weight.

        ``w(S) >= f * T`` becomes the integer quota ``ceil(f * T)`` and ``w(S) > f * T``
        becomes ``floor(f * T) + 1``. Thus a simple majority of 181 members is
        ``from_fraction([1] * 181, Fraction(1, 2), strict=True)`` (quota 91) and a
        two-thirds majority is ``from_fraction([1] * 181, Fraction(2, 3))`` (quota 121).
        ``fraction`` must be an exact ``Fraction`` or ``int`` in ``[0, 1]``.
        """
        if isinstance(fraction, bool) or not isinstance(fraction, Fraction | int):
            raise ValueError(
                f"fraction must be an exact Fraction or int (not {type(fraction).__name__}), "
                f"e.g. Fraction(2, 3)"
            )
        threshold = Threshold(Fraction(fraction), strict)  # checks 0 <= fraction <= 1
        checked = tuple(_whole(w, f"weights[{i}]") for i, w in enumerate(weights))
        return cls(threshold.minimum(sum(checked)), checked, tuple(names))

    @property
    def n_players(self) -> int:
        """Number of players ``n``."""
        return len(self.weights)

    @property
    def total_weight(self) -> int:
        """Sum of all weights ``T``."""
        return sum(self.weights)

    @property
    def is_proper(self) -> bool:
        """True when no two disjoint coalitions can both win, i.e. ``2 * quota > T``."""
        return 2 * self.quota > self.total_weight

    def is_winning(self, members: Iterable[int]) -> bool:
        """Whether the coalition of the players with these indices wins."""
        chosen = set(members)
        for i in chosen:
            if not 0 <= i < self.n_players:
                raise ValueError(f"player index {i} is out of range 0..{self.n_players - 1}")
        return sum(self.weights[i] for i in chosen) >= self.quota


@dataclass(frozen=True)
class PowerIndices:
    """All exact indices of one game, player by player (in the game's order)."""

    names: tuple[str, ...]
    weights: tuple[int, ...]
    swings: tuple[int, ...]
    banzhaf: tuple[Fraction, ...]
    penrose_banzhaf: tuple[Fraction, ...]
    shapley_shubik: tuple[Fraction, ...]


# --------------------------------------------------------------------------------------
# Counting coalitions: generating functions and their division
# --------------------------------------------------------------------------------------


def _reduced(game: WeightedGame) -> tuple[int, tuple[int, ...]]:
    """Quota and weights divided by ``g = gcd(weights)``: ``w(S) >= q`` iff
    ``w(S)/g >= ceil(q/g)``, so the winning coalitions are the same."""
    g = math.gcd(*game.weights)
    return -(-game.quota // g), tuple(w // g for w in game.weights)


def _weight_classes(weights: Sequence[int]) -> dict[int, list[int]]:
    """Players grouped by weight: ``{weight: [indices]}``, in order of first appearance."""
    classes: dict[int, list[int]] = {}
    for i, w in enumerate(weights):
        classes.setdefault(w, []).append(i)
    return classes


def _count_dtype(n_players: int) -> Any:
    """``int64`` when every count (at most ``2**n``) fits, else Python ints (``object``)."""
    return np.int64 if n_players <= INT64_SAFE_PLAYERS else object


def _weight_polynomial(weights: Sequence[int], length: int, dtype: Any) -> _Counts:
    """Coefficients ``0 .. length-1`` of ``prod_j (1 + x**w_j)``: entry ``t`` is the
    number of coalitions of total weight ``t``."""
    poly: _Counts = np.zeros(length, dtype=dtype)
    poly[0] = 1
    for w in weights:
        if w == 0:
            poly = poly + poly
        elif w < length:
            poly[w:] = poly[w:] + poly[:-w]
    return poly


def _divide_out(poly: _Counts, w: int) -> _Counts:
    """Truncated quotient ``poly / (1 + x**w)`` for ``w >= 1``.

    The quotient ``D`` satisfies ``D[t] = C[t] - D[t - w]``. Cutting the coefficients into
    blocks of ``w`` consecutive degrees, block ``k`` of ``D`` is the alternating sum
    ``(-1)**k * sum_{j <= k} (-1)**j C_j``, so one cumulative sum computes all blocks at
    once. Each partial sum equals a coefficient of ``D`` up to sign, hence is bounded by
    the number of coalitions and cannot overflow ``int64`` (see the module docstring).
    """
    length = poly.shape[0]
    if w >= length:
        return poly
    blocks = -(-length // w)
    padded: _Counts = np.zeros(blocks * w, dtype=poly.dtype)
    padded[:length] = poly
    grid = padded.reshape(blocks, w)
    sign: _Counts = np.ones(blocks, dtype=poly.dtype)
    sign[1::2] = -1
    column = sign[:, np.newaxis]
    quotient: _Counts = column * np.cumsum(column * grid, axis=0)
    return quotient.reshape(-1)[:length]


def _slot_bits(n_players: int) -> int:
    """Bits per coalition-size slot: at least ``n + 1`` (every count is ``< 2**(n+1)``),
    rounded up to whole bytes so that slots can be read back with ``int.from_bytes``."""
    return 8 * ((n_players + 8) // 8)


def _size_weight_polynomial(weights: Sequence[int], length: int, slot: int) -> _Counts:
    """Coefficients ``0 .. length-1`` (in ``x``) of ``prod_j (1 + y * x**w_j)``; each is a
    polynomial in ``y`` packed into one int with ``slot`` bits per power of ``y``, so
    that bits ``[k*slot, (k+1)*slot)`` of entry ``t`` count the coalitions of size ``k``
    and weight ``t``."""
    poly: _Counts = np.zeros(length, dtype=object)
    poly[0] = 1
    for w in weights:
        if w == 0:
            poly = poly + (poly << slot)
        elif w < length:
            poly[w:] = poly[w:] + (poly[:-w] << slot)
    return poly


def _divide_out_sized(poly: _Counts, w: int, slot: int) -> _Counts:
    """Truncated quotient ``poly / (1 + y * x**w)`` for ``w >= 1``:
    ``D[t] = C[t] - y * D[t - w]``, computed block by block of ``w`` degrees."""
    length = poly.shape[0]
    if w >= length:
        return poly
    out = poly.copy()
    for start in range(w, length, w):
        stop = min(start + w, length)
        out[start:stop] = out[start:stop] - (out[start - w : stop - w] << slot)
    return out


def _unpack_sizes(packed: int, n_slots: int, slot: int) -> list[int]:
    """The ``n_slots`` non-negative ``slot``-bit counts packed into ``packed``."""
    width = slot // 8
    data = packed.to_bytes(n_slots * width, "little")
    return [int.from_bytes(data[k * width : (k + 1) * width], "little") for k in range(n_slots)]


# --------------------------------------------------------------------------------------
# Indices
# --------------------------------------------------------------------------------------


def swing_counts(game: WeightedGame) -> tuple[int, ...]:
    """For each player, the number of coalitions of the *other* players that lose
    without it and win with it (its Banzhaf score, Banzhaf 1965).

    Exact integer dynamic programming: the coalition-count polynomial is built once and
    each distinct weight is divided out of it (see the module docstring). A player of
    weight 0 never swings.
    """
    quota, weights = _reduced(game)
    poly = _weight_polynomial(weights, quota, _count_dtype(len(weights)))
    swings = [0] * len(weights)
    for w, members in _weight_classes(weights).items():
        if w == 0:
            continue
        others = _divide_out(poly, w)
        count = int(others[max(0, quota - w) :].sum())
        for i in members:
            swings[i] = count
    return tuple(swings)


def banzhaf(game: WeightedGame) -> tuple[Fraction, ...]:
    """Normalised Banzhaf index ``swings_i / sum_j swings_j`` (Banzhaf 1965).

    The shares sum to 1. A valid game always has a swing (the empty coalition loses and
    the grand coalition wins, so some player turns a loss into a win along the way), so
    the denominator is positive; all-zero shares are returned if it were not.
    """
    return _normalised(swing_counts(game))


def _normalised(swings: Sequence[int]) -> tuple[Fraction, ...]:
    total = sum(swings)
    if total == 0:
        return tuple(Fraction(0) for _ in swings)
    return tuple(Fraction(s, total) for s in swings)


def penrose_banzhaf(game: WeightedGame) -> tuple[Fraction, ...]:
    """Absolute Penrose-Banzhaf power ``swings_i / 2**(n-1)`` (Penrose 1946; Felsenthal
    and Machover 1998): the probability that player ``i`` is decisive
    when all others vote yes or no independently with probability 1/2."""
    return _absolute(swing_counts(game))


def _absolute(swings: Sequence[int]) -> tuple[Fraction, ...]:
    denominator = 2 ** (len(swings) - 1)
    return tuple(Fraction(s, denominator) for s in swings)


def shapley_shubik(game: WeightedGame) -> tuple[Fraction, ...]:
    """Exact Shapley-Shubik index (Shapley and Shubik 1954).

    ``phi_i = sum_S |S|! (n - |S| - 1)! / n!`` over the coalitions ``S`` of the other
    players with ``q - w_i <= w(S) < q``: the share of the ``n!`` voting orders in which
    ``i`` turns a losing coalition into a winning one. The coalitions are counted by size
    and weight with the packed generating function ``prod_j (1 + y * x**w_j)``, built
    once; each distinct weight is divided out of it once. The shares sum to 1.
    """
    quota, weights = _reduced(game)
    n = len(weights)
    slot = _slot_bits(n)
    poly = _size_weight_polynomial(weights, quota, slot)
    orders = math.factorial(n)
    order_counts = [math.factorial(k) * math.factorial(n - 1 - k) for k in range(n)]
    values = [Fraction(0)] * n
    for w, members in _weight_classes(weights).items():
        if w == 0:
            continue
        others = _divide_out_sized(poly, w, slot)
        window = int(others[max(0, quota - w) :].sum())
        by_size = _unpack_sizes(window, n, slot)
        value = Fraction(sum(c * f for c, f in zip(by_size, order_counts, strict=True)), orders)
        for i in members:
            values[i] = value
    return tuple(values)


def power_indices(game: WeightedGame) -> PowerIndices:
    """Swing counts, normalised and absolute Banzhaf, and Shapley-Shubik, in one record."""
    swings = swing_counts(game)
    return PowerIndices(
        names=game.names,
        weights=game.weights,
        swings=swings,
        banzhaf=_normalised(swings),
        penrose_banzhaf=_absolute(swings),
        shapley_shubik=shapley_shubik(game),
    )


def power_table(game: WeightedGame) -> pd.DataFrame:
    """One row per player: ``name, weight, swings, banzhaf, penrose_banzhaf,
    shapley_shubik``. The indices are converted to floats for display; use
    :func:`power_indices` for the exact fractions."""
    indices = power_indices(game)
    return pd.DataFrame(
        {
            "name": list(indices.names),
            "weight": list(indices.weights),
            "swings": list(indices.swings),
            "banzhaf": [float(v) for v in indices.banzhaf],
            "penrose_banzhaf": [float(v) for v in indices.penrose_banzhaf],
            "shapley_shubik": [float(v) for v in indices.shapley_shubik],
        }
    )


# --------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------


def blocking_minority(game: WeightedGame) -> int:
    """The blocking threshold ``T - q + 1``: a set of players can stop a decision exactly
    when its weight is at least this, because then the others hold at most ``q - 1``.

    Capped to ``[0, T]`` (with a valid quota it lies in ``[1, T]``). With coarse weights
    no set may weigh exactly this much; :func:`smallest_blocking_weight` gives the
    smallest weight a blocking set actually has.
    """
    total = game.total_weight
    return min(total, max(0, total - game.quota + 1))


def smallest_blocking_weight(game: WeightedGame) -> int:
    """The smallest total weight of a set of players that blocks: the least subset sum
    ``>= blocking_minority(game)`` (exact, by a bitset of reachable sums)."""
    reachable = 1
    for w in game.weights:
        reachable |= reachable << w
    threshold = blocking_minority(game)
    above = reachable >> threshold
    return threshold + ((above & -above).bit_length() - 1)


def minimal_blocking_coalition(game: WeightedGame) -> tuple[str, ...]:
    """Names of a smallest set of players able to block: the heaviest players, taken in
    decreasing weight (ties in the game's order) until the blocking threshold is met.

    Taking the ``k`` heaviest players maximises the weight of any ``k``-player set, so
    the greedy choice has the fewest possible players.
    """
    needed = blocking_minority(game)
    order = sorted(range(game.n_players), key=lambda i: (-game.weights[i], i))
    chosen: list[str] = []
    weight = 0
    for i in order:
        if weight >= needed:
            break
        chosen.append(game.names[i])
        weight += game.weights[i]
    return tuple(chosen)


def minimal_blocking_coalitions_size(game: WeightedGame) -> int:
    """The smallest number of players whose combined weight blocks a decision (greedy by
    largest weight, which is exact for the count; see :func:`minimal_blocking_coalition`)."""
    return len(minimal_blocking_coalition(game))


# --------------------------------------------------------------------------------------
# Two-tier voting: groups casting bloc votes
# --------------------------------------------------------------------------------------


def simple_majority_member_power(size: int) -> Fraction:
    """Absolute Penrose-Banzhaf power of one member of a body of ``size`` equal members
    deciding by simple majority (quota ``size // 2 + 1``).

    A member is decisive when exactly ``size // 2`` of the other ``size - 1`` vote yes, so
    the power is ``C(size - 1, size // 2) / 2**(size - 1)``, which behaves like
    ``sqrt(2 / (pi * size))`` (Penrose 1946; Felsenthal and Machover 1998).
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"a group must have at least one member, got size {size!r}")
    return Fraction(math.comb(size - 1, size // 2), 2 ** (size - 1))


@dataclass(frozen=True)
class TwoTierGroup:
    """One group of a two-tier vote (see :func:`two_tier` for the model).

    ``internal_power`` is a member's absolute Penrose-Banzhaf power in the group's own
    simple-majority vote, ``group_power`` the group's absolute power in the council and
    ``member_power`` their product; ``member_share`` is ``member_power`` normalised over
    all members of all groups. ``composite_member_power`` is the exact probability that
    one member decides the council's outcome when every individual votes yes or no
    independently with probability 1/2; it equals ``member_power`` whenever every group
    has an odd number of members.
    """

    name: str
    size: int
    council_weight: int
    internal_power: Fraction
    group_power: Fraction
    member_power: Fraction
    member_share: Fraction
    composite_member_power: Fraction


@dataclass(frozen=True)
class TwoTierResult:
    """A two-tier vote: the council game, the groups, and who can block in the council.

    ``blocking_minority`` is the council weight that can stop a decision,
    ``minimal_blocking_groups`` the fewest groups that together hold it and
    ``blocking_groups`` one such set of groups (the largest ones).
    """

    council: WeightedGame
    groups: tuple[TwoTierGroup, ...]
    blocking_minority: int
    minimal_blocking_groups: int
    blocking_groups: tuple[str, ...]

    @property
    def total_member_power(self) -> Fraction:
        """Sum of all members' ``member_power`` (Felsenthal and Machover's *sensitivity*
        of the two-tier vote)."""
        return sum((g.size * g.member_power for g in self.groups), Fraction(0))


def _majority_yes_count(size: int) -> int:
    """Number of the ``2**size`` yes/no profiles of a group that carry a simple majority."""
    return sum(math.comb(size, k) for k in range(size // 2 + 1, size + 1))


def _composite_powers(sizes: Sequence[int], council: WeightedGame) -> tuple[Fraction, ...]:
    """Exact probability that one member of each group decides the two-tier outcome.

    Counts profiles of all other individuals: the member decides its group in
    ``C(m - 1, m // 2)`` profiles of its group mates, and its group decides the council
    when the other groups voting yes weigh ``w(S)`` with ``q - w <= w(S) < q``. The
    other groups are counted by council weight with the integer generating function
    ``prod_j (no_j + yes_j * x**w_j)``, where ``yes_j`` and ``no_j`` count the profiles
    in which group ``j`` votes yes or no.
    """
    quota, weights = council.quota, council.weights
    yes = [_majority_yes_count(m) for m in sizes]
    no = [2**m - y for m, y in zip(sizes, yes, strict=True)]
    denominator = 2 ** (sum(sizes) - 1)
    cache: dict[tuple[int, int], Fraction] = {}
    result: list[Fraction] = []
    for i, (m, w) in enumerate(zip(sizes, weights, strict=True)):
        if (m, w) not in cache:
            poly: _Counts = np.zeros(quota, dtype=object)
            poly[0] = 1
            for j, wj in enumerate(weights):
                if j == i:
                    continue
                grown = poly * no[j]
                if wj == 0:
                    grown = grown + poly * yes[j]
                elif wj < quota:
                    grown[wj:] = grown[wj:] + poly[:-wj] * yes[j]
                poly = grown
            window = int(poly[max(0, quota - w) :].sum()) if w > 0 else 0
            cache[(m, w)] = Fraction(math.comb(m - 1, m // 2) * window, denominator)
        result.append(cache[(m, w)])
    return tuple(result)


def two_tier(
    group_sizes: Sequence[int],
    *,
    council_quota: int | None = None,
    names: Sequence[str] = (),
    council_weights: Sequence[int] | None = None,
) -> TwoTierResult:
    """Individual power when groups vote as blocs.

    Model (Penrose 1946; Felsenthal and Machover 1998, on composite games): each group
    first fixes its position by a simple majority of its own members (all members equal,
    quota ``size // 2 + 1``, so a tie defeats the motion); the group then casts all of its
    council weight for that position in a council that decides with ``council_quota``.
    A member changes the final outcome exactly when it decides its group's vote and its
    group decides the council. Penrose's two-tier measure takes these as independent
    events of the a-priori (Penrose-Banzhaf) model and multiplies their probabilities:

        ``member_power = internal_power x group_power``

    that is, the member's absolute Penrose-Banzhaf power inside its group times the
    group's absolute Penrose-Banzhaf power in the council game.

    The product treats every group as voting yes with probability 1/2. That is exact when
    the individual members vote yes or no independently with probability 1/2 and every
    group has an odd number of members; a group with an even number says yes a little
    less often (a tie defeats the motion), and ``composite_member_power`` then gives the
    exact probability for the individual-level model.

    ``council_weights`` default to the group sizes and ``council_quota`` defaults to a
    simple majority of the council weight (``T // 2 + 1``). Names default to
    ``"G1" .. "Gk"``.
    """
    sizes = tuple(_whole(s, f"group_sizes[{i}]") for i, s in enumerate(group_sizes))
    if not sizes:
        raise ValueError("group_sizes is empty: give at least one group")
    for i, s in enumerate(sizes):
        if s < 1:
            raise ValueError(f"group_sizes[{i}] is {s}: every group needs at least one member")
    weights = sizes if council_weights is None else tuple(council_weights)
    if len(weights) != len(sizes):
        raise ValueError(
            f"got {len(weights)} council weights for {len(sizes)} groups: give one per group"
        )
    group_names = tuple(names) or tuple(f"G{i + 1}" for i in range(len(sizes)))
    if council_quota is None:
        quota = sum(_whole(w, f"council_weights[{i}]") for i, w in enumerate(weights)) // 2 + 1
    else:
        quota = council_quota
    council = WeightedGame(quota, weights, group_names)
    group_power = penrose_banzhaf(council)
    internal = tuple(simple_majority_member_power(s) for s in sizes)
    member = tuple(a * b for a, b in zip(internal, group_power, strict=True))
    composite = _composite_powers(sizes, council)
    total = sum((s * p for s, p in zip(sizes, member, strict=True)), Fraction(0))
    groups = tuple(
        TwoTierGroup(
            name=council.names[i],
            size=sizes[i],
            council_weight=council.weights[i],
            internal_power=internal[i],
            group_power=group_power[i],
            member_power=member[i],
            member_share=member[i] / total if total else Fraction(0),
            composite_member_power=composite[i],
        )
        for i in range(len(sizes))
    )
    blockers = minimal_blocking_coalition(council)
    return TwoTierResult(
        council=council,
        groups=groups,
        blocking_minority=blocking_minority(council),
        minimal_blocking_groups=len(blockers),
        blocking_groups=blockers,
    )


# --------------------------------------------------------------------------------------
# Brute-force reference
# --------------------------------------------------------------------------------------


def brute_force_indices(game: WeightedGame) -> PowerIndices:
    """The indices straight from their definitions, for tests and benchmarks only.

    Swings: every one of the ``2**n`` coalitions is enumerated and each player outside it
    is checked (Banzhaf 1965). Shapley-Shubik: every one of the ``n!`` voting orders is
    enumerated and its pivotal player, the one whose vote first brings the running total
    to the quota, is counted (Shapley and Shubik 1954). Limited to
    ``BRUTE_FORCE_MAX_PLAYERS`` players.
    """
    n = game.n_players
    if n > BRUTE_FORCE_MAX_PLAYERS:
        raise ValueError(
            f"brute force enumerates {n}! voting orders; "
            f"use at most {BRUTE_FORCE_MAX_PLAYERS} players"
        )
    weights = game.weights
    quota = game.quota
    swings = [0] * n
    for mask in range(1 << n):
        weight = sum(weights[i] for i in range(n) if mask >> i & 1)
        if weight >= quota:
            continue
        for i in range(n):
            if not mask >> i & 1 and weight + weights[i] >= quota:
                swings[i] += 1
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        running = 0
        for player in order:
            running += weights[player]
            if running >= quota:
                pivots[player] += 1
                break
    orders = math.factorial(n)
    return PowerIndices(
        names=game.names,
        weights=game.weights,
        swings=tuple(swings),
        banzhaf=_normalised(swings),
        penrose_banzhaf=_absolute(swings),
        shapley_shubik=tuple(Fraction(p, orders) for p in pivots),
    )
