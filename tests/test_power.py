"""Tests for :mod:`quorum.power`: published values, brute-force agreement, invariants."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum import power
from quorum.power import (
    BRUTE_FORCE_MAX_PLAYERS,
    WeightedGame,
    banzhaf,
    blocking_minority,
    brute_force_indices,
    minimal_blocking_coalition,
    minimal_blocking_coalitions_size,
    penrose_banzhaf,
    power_indices,
    power_table,
    shapley_shubik,
    simple_majority_member_power,
    smallest_blocking_weight,
    swing_counts,
    two_tier,
)

# --------------------------------------------------------------------------------------
# Strategies and independent references
# --------------------------------------------------------------------------------------


@st.composite
def games(draw: st.DrawFn, max_players: int = 8, max_weight: int = 12) -> WeightedGame:
    """Random valid games: 1..max_players players, weights 0..max_weight, any quota."""
    n = draw(st.integers(1, max_players))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[0] = draw(st.integers(1, max_weight))
    quota = draw(st.integers(1, sum(weights)))
    return WeightedGame(quota, tuple(weights))


def direct_swings(game: WeightedGame) -> tuple[int, ...]:
    """Swings by rebuilding the others' weight counts from scratch for every player
    (plain Python ints, no division): independent of the library's deconvolution."""
    q = game.quota
    result = []
    for i, wi in enumerate(game.weights):
        counts = [1] + [0] * (q - 1)
        for j, w in enumerate(game.weights):
            if j == i:
                continue
            for t in range(q - 1, -1, -1):
                if t - w >= 0:
                    counts[t] += counts[t - w]
        result.append(sum(counts[max(0, q - wi) :]) if wi > 0 else 0)
    return tuple(result)


def direct_shapley_shubik(game: WeightedGame) -> tuple[Fraction, ...]:
    """Shapley-Shubik from (size, weight) counts rebuilt per player, no packing."""
    q, n = game.quota, game.n_players
    result = []
    for i, wi in enumerate(game.weights):
        table = [[0] * q for _ in range(n)]
        table[0][0] = 1
        seen = 0
        for j, w in enumerate(game.weights):
            if j == i:
                continue
            seen += 1
            for k in range(seen, 0, -1):
                for t in range(q - 1, w - 1, -1):
                    table[k][t] += table[k - 1][t - w]
        total = sum(
            table[k][t] * math.factorial(k) * math.factorial(n - 1 - k)
            for k in range(n)
            for t in range(max(0, q - wi), q)
        )
        result.append(Fraction(total, math.factorial(n)) if wi > 0 else Fraction(0))
    return tuple(result)


# --------------------------------------------------------------------------------------
# Published and hand-derived values
# --------------------------------------------------------------------------------------


def test_textbook_game_4_3_2_1() -> None:
    """[4; 3, 2, 1], derived by hand: the winning coalitions are {A,B}, {A,C}, {A,B,C}. A
    is critical in all three, B only in {A,B}, C only in {A,C}: Banzhaf (3/5, 1/5, 1/5).
    A is pivotal in every voting order except ABC (B pivots) and ACB (C pivots):
    Shapley-Shubik (2/3, 1/6, 1/6)."""
    game = WeightedGame(4, (3, 2, 1))
    assert banzhaf(game) == (Fraction(3, 5), Fraction(1, 5), Fraction(1, 5))
    assert shapley_shubik(game) == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    assert power_indices(game) == brute_force_indices(game)


def test_straffin_game_6_4_3_2_1() -> None:
    """[6; 4, 3, 2, 1], the four-player example of Straffin, *Game Theory and Strategy*
    (MAA, 1993). The values are checked here by enumeration, not taken from the page:
    the minimal winning coalitions are {A,B}, {A,C} and {B,C,D}; the swing counts are
    A 5, B 3, C 3, D 1 (16 in all) and the pivot counts over the 24 orders 10, 6, 6, 2.
    So both indices are (5/12, 1/4, 1/4, 1/12) for this game."""
    game = WeightedGame(6, (4, 3, 2, 1))
    expected = (Fraction(5, 12), Fraction(1, 4), Fraction(1, 4), Fraction(1, 12))
    assert swing_counts(game) == (5, 3, 3, 1)
    assert banzhaf(game) == expected
    assert shapley_shubik(game) == expected
    assert penrose_banzhaf(game) == (Fraction(5, 8), Fraction(3, 8), Fraction(3, 8), Fraction(1, 8))
    assert brute_force_indices(game) == power_indices(game)


UNSC = WeightedGame(
    39,
    (7,) * 5 + (1,) * 10,
    ("CN", "FR", "RU", "GB", "US") + tuple(f"E{i}" for i in range(1, 11)),
)
"""UN Security Council: nine votes including the five permanent members' concurring votes
(UN Charter, Art. 27(3)) is the weighted game [39; 7 x 5, 1 x 10]."""


def test_security_council_shapley_shubik() -> None:
    """Published: permanent 421/2145 ~ 0.1963, elected 4/2145 ~ 0.001865 (e.g. the
    Security Council example of Shapley-Shubik power in many texts; see also
    gonitsora.com, "Is it me, or is 'Veto' starting to sound really good").

    Independent count: an elected member pivots when it casts the ninth vote after all
    five permanent members and three of the other nine elected members:
    C(9, 3) * 8! * 6! of the 15! orders."""
    ss = shapley_shubik(UNSC)
    elected = Fraction(math.comb(9, 3) * math.factorial(8) * math.factorial(6), math.factorial(15))
    assert elected == Fraction(4, 2145)
    assert ss[:5] == (Fraction(421, 2145),) * 5
    assert ss[5:] == (Fraction(4, 2145),) * 10
    assert round(float(ss[0]), 4) == 0.1963
    assert round(float(ss[5]), 6) == 0.001865
    assert sum(ss) == 1


def test_security_council_banzhaf() -> None:
    """Published (normalised Banzhaf): permanent ~ 0.1669, elected ~ 0.0165.

    Independent count: a permanent member swings for the coalitions of the four other
    permanent members with at least 4 of the 10 elected members (28 + k < 39 <= 35 + k),
    sum_{k=4}^{10} C(10, k) = 848; an elected member swings for the five permanent members
    with exactly 3 of the other 9 elected, C(9, 3) = 84. Total 5*848 + 10*84 = 5080."""
    permanent = sum(math.comb(10, k) for k in range(4, 11))
    elected = math.comb(9, 3)
    assert (permanent, elected) == (848, 84)
    assert swing_counts(UNSC) == (848,) * 5 + (84,) * 10
    bz = banzhaf(UNSC)
    assert bz[0] == Fraction(106, 635) == Fraction(848, 5080)
    assert bz[5] == Fraction(21, 1270) == Fraction(84, 5080)
    assert round(float(bz[0]), 4) == 0.1669
    assert round(float(bz[5]), 4) == 0.0165
    assert penrose_banzhaf(UNSC)[0] == Fraction(848, 2**14)


def test_eec_1958_luxembourg_is_a_null_player() -> None:
    """Council of Ministers of the EEC, 1958-1972 (EEC Treaty Art. 148(2)): France,
    Germany, Italy 4 votes, Belgium, Netherlands 2, Luxembourg 1, quota 12 of 17.
    Luxembourg is the textbook null player ("Luxembourg in the Early Days of the EEC: Null
    Player or Not?", *Games* 9(2), 29, 2018): the other weights are all even, so no
    coalition of the others weighs exactly 11, the only weight at which Luxembourg's
    single vote would turn a loss into a win.
    The other values are the exact ones, checked by enumeration:
    Shapley-Shubik 14/60 and 9/60, Banzhaf 5/21 and 3/21."""
    game = WeightedGame(12, (4, 4, 4, 2, 2, 1), ("FR", "DE", "IT", "BE", "NL", "LU"))
    indices = power_indices(game)
    assert indices.swings[5] == 0
    assert indices.banzhaf[5] == indices.penrose_banzhaf[5] == indices.shapley_shubik[5] == 0
    zero = Fraction(0)
    assert indices.shapley_shubik == (Fraction(14, 60),) * 3 + (Fraction(9, 60),) * 2 + (zero,)
    assert indices.banzhaf == (Fraction(5, 21),) * 3 + (Fraction(3, 21),) * 2 + (zero,)
    assert indices == brute_force_indices(game)


# --------------------------------------------------------------------------------------
# Agreement with brute force and with independent dynamic programmes
# --------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(games())
def test_matches_brute_force(game: WeightedGame) -> None:
    assert power_indices(game) == brute_force_indices(game)


@settings(max_examples=60, deadline=None)
@given(games(max_players=40, max_weight=25))
def test_matches_direct_dynamic_programmes(game: WeightedGame) -> None:
    assert swing_counts(game) == direct_swings(game)
    assert shapley_shubik(game) == direct_shapley_shubik(game)


@settings(max_examples=40, deadline=None)
@given(games(max_players=30, max_weight=20))
def test_int64_and_python_int_paths_agree(game: WeightedGame) -> None:
    fast = swing_counts(game)
    original = power.INT64_SAFE_PLAYERS
    try:
        power.INT64_SAFE_PLAYERS = 0
        assert swing_counts(game) == fast
    finally:
        power.INT64_SAFE_PLAYERS = original


def test_large_game_beyond_int64_matches_direct_count() -> None:
    """80 players: counts exceed 2**63, so the Python-int path is used."""
    weights = tuple((7 * i) % 11 + 1 for i in range(80))
    game = WeightedGame(sum(weights) * 2 // 3, weights)
    swings = swing_counts(game)
    assert max(swings) > 2**63
    assert swings == direct_swings(game)


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(games(max_players=12, max_weight=30))
def test_normalised_indices_sum_to_one(game: WeightedGame) -> None:
    assert sum(swing_counts(game)) > 0
    assert sum(banzhaf(game)) == 1
    assert sum(shapley_shubik(game)) == 1


@settings(max_examples=100, deadline=None)
@given(games(max_players=10), st.randoms(use_true_random=False))
def test_permuting_players_permutes_power(game: WeightedGame, rnd: random.Random) -> None:
    order = list(range(game.n_players))
    rnd.shuffle(order)
    shuffled = WeightedGame(game.quota, tuple(game.weights[i] for i in order))
    a, b = power_indices(game), power_indices(shuffled)
    assert b.swings == tuple(a.swings[i] for i in order)
    assert b.shapley_shubik == tuple(a.shapley_shubik[i] for i in order)


@settings(max_examples=100, deadline=None)
@given(games(max_players=10))
def test_symmetric_players_have_equal_power(game: WeightedGame) -> None:
    indices = power_indices(game)
    for i, j in itertools.combinations(range(game.n_players), 2):
        if game.weights[i] == game.weights[j]:
            assert indices.swings[i] == indices.swings[j]
            assert indices.shapley_shubik[i] == indices.shapley_shubik[j]


@settings(max_examples=100, deadline=None)
@given(games(max_players=9))
def test_dummy_has_zero_power_and_changes_nothing(game: WeightedGame) -> None:
    with_dummy = WeightedGame(game.quota, (*game.weights, 0))
    before, after = power_indices(game), power_indices(with_dummy)
    assert after.swings[-1] == 0
    assert after.banzhaf[-1] == after.penrose_banzhaf[-1] == after.shapley_shubik[-1] == 0
    assert after.banzhaf[:-1] == before.banzhaf
    assert after.penrose_banzhaf[:-1] == before.penrose_banzhaf
    assert after.shapley_shubik[:-1] == before.shapley_shubik


@settings(max_examples=150, deadline=None)
@given(games(max_players=12, max_weight=30))
def test_power_is_monotone_in_weight(game: WeightedGame) -> None:
    indices = power_indices(game)
    for i, j in itertools.permutations(range(game.n_players), 2):
        if game.weights[i] >= game.weights[j]:
            assert indices.shapley_shubik[i] >= indices.shapley_shubik[j]
            assert indices.swings[i] >= indices.swings[j]


@settings(max_examples=60, deadline=None)
@given(games(max_players=10), st.integers(2, 9))
def test_scaling_weights_and_quota_changes_nothing(game: WeightedGame, factor: int) -> None:
    scaled = WeightedGame(game.quota * factor, tuple(w * factor for w in game.weights))
    a, b = power_indices(game), power_indices(scaled)
    assert (b.swings, b.shapley_shubik) == (a.swings, a.shapley_shubik)


def test_improper_games_are_allowed() -> None:
    game = WeightedGame(1, (1, 1, 1))
    assert not game.is_proper
    assert swing_counts(game) == (1, 1, 1)
    assert shapley_shubik(game) == (Fraction(1, 3),) * 3
    assert WeightedGame(2, (1, 1, 1)).is_proper


# --------------------------------------------------------------------------------------
# Large bodies
# --------------------------------------------------------------------------------------


def test_181_equal_members_two_thirds() -> None:
    """181 one-vote members, quota 121: a member swings when exactly 120 of the other 180
    vote yes, so swings = C(180, 120); by symmetry every index is 1/181."""
    game = WeightedGame(121, (1,) * 181)
    indices = power_indices(game)
    assert indices.swings == (math.comb(180, 120),) * 181
    assert indices.penrose_banzhaf[0] == Fraction(math.comb(180, 120), 2**180)
    assert indices.banzhaf == (Fraction(1, 181),) * 181
    assert indices.shapley_shubik == (Fraction(1, 181),) * 181


BLOCS = (54, 33, 20, 12, 33, 28, 1)


def test_seven_blocs_match_brute_force() -> None:
    council = WeightedGame(121, BLOCS)
    assert power_indices(council) == brute_force_indices(council)
    assert sum(shapley_shubik(council)) == 1


# --------------------------------------------------------------------------------------
# Two-tier
# --------------------------------------------------------------------------------------


def test_simple_majority_member_power() -> None:
    assert simple_majority_member_power(1) == 1
    assert simple_majority_member_power(2) == Fraction(1, 2)
    assert simple_majority_member_power(3) == Fraction(1, 2)
    assert simple_majority_member_power(4) == Fraction(3, 8)
    for size in range(1, 16):
        internal = penrose_banzhaf(WeightedGame(size // 2 + 1, (1,) * size))
        assert internal == (simple_majority_member_power(size),) * size
    with pytest.raises(ValueError, match="at least one member"):
        simple_majority_member_power(0)


def composite_member_power(sizes: tuple[int, ...], quota: int, group: int) -> Fraction:
    """Absolute power of the first member of ``group`` by enumerating every yes/no vote of
    every other individual in the two-tier vote."""
    members = [g for g, s in enumerate(sizes) for _ in range(s)]
    me = members.index(group)
    others = [i for i in range(len(members)) if i != me]

    def outcome(yes: set[int]) -> bool:
        weight = 0
        for g, s in enumerate(sizes):
            ayes = sum(1 for i in yes if members[i] == g)
            if ayes >= s // 2 + 1:
                weight += s
        return weight >= quota

    decisive = 0
    for mask in range(1 << len(others)):
        yes = {others[k] for k in range(len(others)) if mask >> k & 1}
        decisive += outcome(yes | {me}) != outcome(yes)
    return Fraction(decisive, 2 ** len(others))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.data())
def test_two_tier_matches_enumeration(sizes: list[int], data: st.DataObject) -> None:
    quota = data.draw(st.integers(1, sum(sizes)))
    result = two_tier(sizes, council_quota=quota)
    all_odd = all(size % 2 == 1 for size in sizes)
    for g, group in enumerate(result.groups):
        exact = composite_member_power(tuple(sizes), quota, g)
        assert group.member_power == group.internal_power * group.group_power
        assert group.composite_member_power == exact
        if all_odd:
            assert group.member_power == exact
    assert sum(g.size * g.member_share for g in result.groups) == 1


def test_two_tier_even_group_differs_from_product() -> None:
    """Groups of 1 and 2 members, council quota 1 (any group voting yes carries it). The
    pair votes yes only when both members do (probability 1/4), so the single member
    decides with probability 3/4, while the product of indices gives 1 x 1/2."""
    single = two_tier([1, 2], council_quota=1).groups[0]
    assert single.member_power == Fraction(1, 2)
    assert single.composite_member_power == Fraction(3, 4)


def test_two_tier_seven_blocs() -> None:
    names = ("A", "B", "C", "D", "E", "F", "G")
    result = two_tier(BLOCS, council_quota=121, names=names)
    council = WeightedGame(121, BLOCS, names)
    assert result.council == council
    group_power = brute_force_indices(council).penrose_banzhaf
    for g, group in enumerate(result.groups):
        assert group.group_power == group_power[g]
        assert group.internal_power == simple_majority_member_power(BLOCS[g])
        assert group.member_power == group.internal_power * group.group_power
    assert result.blocking_minority == 61
    assert result.minimal_blocking_groups == 2
    assert result.blocking_groups == ("A", "B")
    assert result.total_member_power == sum(g.size * g.member_power for g in result.groups)
    default = two_tier(BLOCS)
    assert default.council.quota == 91


def test_two_tier_validation() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        two_tier([3, 0])
    with pytest.raises(ValueError, match="empty"):
        two_tier([])
    with pytest.raises(ValueError, match="council weights"):
        two_tier([3, 4], council_weights=[1])


# --------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------


def test_blocking_examples() -> None:
    assert blocking_minority(UNSC) == 7
    assert minimal_blocking_coalitions_size(UNSC) == 1
    assert minimal_blocking_coalition(UNSC) == ("CN",)
    assert smallest_blocking_weight(UNSC) == 7
    eec = WeightedGame(12, (4, 4, 4, 2, 2, 1))
    assert blocking_minority(eec) == 6
    assert minimal_blocking_coalitions_size(eec) == 2
    coarse = WeightedGame(5, (3, 3))
    assert blocking_minority(coarse) == 2
    assert smallest_blocking_weight(coarse) == 3


@settings(max_examples=150, deadline=None)
@given(games(max_players=9, max_weight=20))
def test_blocking_matches_enumeration(game: WeightedGame) -> None:
    n = game.n_players
    blocking = [
        subset
        for k in range(n + 1)
        for subset in itertools.combinations(range(n), k)
        if not game.is_winning(set(range(n)) - set(subset))
    ]
    assert minimal_blocking_coalitions_size(game) == min(len(s) for s in blocking)
    assert smallest_blocking_weight(game) == min(sum(game.weights[i] for i in s) for s in blocking)
    threshold = blocking_minority(game)
    assert all(sum(game.weights[i] for i in s) >= threshold for s in blocking)


# --------------------------------------------------------------------------------------
# The game record, table and reference
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quota", "weights", "names", "message"),
    [
        (0, (1, 2), (), "at least 1"),
        (4, (1, 2), (), "exceeds the total weight 3"),
        (1, (), (), "at least one player"),
        (1, (1, -2), (), r"weights\[1\] is -2"),
        (1, (1, 2.0), (), "whole number"),
        (1, (1, True), (), "whole number"),
        (1.5, (1, 2), (), "quota must be a whole number"),
        (1, (1, 2), ("a",), "2 weights"),
        (1, (1, 2), ("a", "a"), "repeated: a"),
        (1, (1, 2), ("a", ""), "non-empty string"),
    ],
)
def test_validation(quota: object, weights: object, names: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WeightedGame(quota, weights, names)  # type: ignore[arg-type]


def test_defaults_and_sequences() -> None:
    game = WeightedGame(2, [1, 1, 1])  # type: ignore[arg-type]
    assert game.weights == (1, 1, 1)
    assert game.names == ("P1", "P2", "P3")
    assert game.total_weight == 3 and game.n_players == 3
    assert game.is_winning([0, 2]) and not game.is_winning([1])


def test_from_fraction() -> None:
    members = [1] * 181
    assert WeightedGame.from_fraction(members, Fraction(1, 2), strict=True).quota == 91
    assert WeightedGame.from_fraction(members, Fraction(2, 3)).quota == 121
    assert WeightedGame.from_fraction([1] * 180, Fraction(2, 3)).quota == 120
    assert WeightedGame.from_fraction([1] * 180, Fraction(2, 3), strict=True).quota == 121
    assert WeightedGame.from_fraction([7] * 5 + [1] * 10, 1).quota == 45
    with pytest.raises(ValueError, match="exact Fraction"):
        WeightedGame.from_fraction(members, 0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="between 0 and 1"):
        WeightedGame.from_fraction(members, Fraction(3, 2))


def test_power_table() -> None:
    table = power_table(UNSC)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == [
        "name",
        "weight",
        "swings",
        "banzhaf",
        "penrose_banzhaf",
        "shapley_shubik",
    ]
    assert len(table) == 15
    assert table.loc[0, "name"] == "CN"
    assert table.loc[0, "shapley_shubik"] == pytest.approx(421 / 2145)
    assert table["banzhaf"].sum() == pytest.approx(1.0)


def test_brute_force_refuses_large_games() -> None:
    with pytest.raises(ValueError, match="at most"):
        brute_force_indices(WeightedGame(1, (1,) * (BRUTE_FORCE_MAX_PLAYERS + 1)))
