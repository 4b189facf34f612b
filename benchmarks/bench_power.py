"""Timings of the exact power indices of :mod:`quorum.power`.

Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_power.py [--repeats 7] [--brute-repeats 3]

Each figure is the median wall time (``time.perf_counter``) over the repeats. Cases:

* 181 single members, two-thirds majority (quota 121): swing counts, normalised and
  absolute Banzhaf and Shapley-Shubik for every member;
* seven regional blocs of 181 members in all (54, 33, 20, 12, 33, 28, 1), two-thirds of
  the council weight: the council's indices and each member's two-tier power;
* 200 members with weights 1..30 (total weight about 3,400), two-thirds majority;
* a 10-player game, exact dynamic programme against the brute-force enumeration of all
  coalitions and voting orders, with the speed-up.
"""

from __future__ import annotations

import argparse
import random
from fractions import Fraction

from _timing import median_seconds

from quorum.power import (
    WeightedGame,
    brute_force_indices,
    power_indices,
    two_tier,
)

BLOCS = (54, 33, 20, 12, 33, 28, 1)
TWO_THIRDS = Fraction(2, 3)


def blocs_with_members() -> object:
    """Council indices plus two-tier member power for the seven blocs."""
    council = WeightedGame.from_fraction(BLOCS, TWO_THIRDS)
    return power_indices(council), two_tier(BLOCS, council_quota=council.quota)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="repeats of the exact cases")
    parser.add_argument("--brute-repeats", type=int, default=3, help="repeats of brute force")
    args = parser.parse_args()

    members = WeightedGame.from_fraction([1] * 181, TWO_THIRDS)
    blocs = WeightedGame.from_fraction(BLOCS, TWO_THIRDS)
    rng = random.Random(20240601)
    heavy_weights = [rng.randint(1, 30) for _ in range(200)]
    heavy = WeightedGame.from_fraction(heavy_weights, TWO_THIRDS)
    small = WeightedGame.from_fraction([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], TWO_THIRDS)
    assert power_indices(small) == brute_force_indices(small)

    rows: list[tuple[str, str, float]] = [
        (
            "181 members, all indices",
            f"[{members.quota}; 1 x 181]",
            median_seconds(lambda: power_indices(members), args.repeats),
        ),
        (
            "7 blocs + two-tier power",
            f"[{blocs.quota}; {', '.join(map(str, blocs.weights))}]",
            median_seconds(blocs_with_members, args.repeats),
        ),
        (
            "200 members, weights 1-30",
            f"[{heavy.quota}; total {heavy.total_weight}]",
            median_seconds(lambda: power_indices(heavy), args.repeats),
        ),
    ]
    exact_small = median_seconds(lambda: power_indices(small), args.repeats)
    brute_small = median_seconds(lambda: brute_force_indices(small), args.brute_repeats)
    small_label = f"[{small.quota}; {', '.join(map(str, small.weights))}]"
    rows.append(("10 players, exact", small_label, exact_small))
    rows.append(("10 players, brute force", small_label, brute_small))

    width = max(len(r[0]) for r in rows)
    game_width = max(len(r[1]) for r in rows)
    print(f"{'case':<{width}}  {'game':<{game_width}}  {'median':>10}")
    print(f"{'-' * width}  {'-' * game_width}  {'-' * 10}")
    for case, game, seconds in rows:
        print(f"{case:<{width}}  {game:<{game_width}}  {seconds * 1000:>7.2f} ms")
    print()
    print(
        f"speed-up over brute force on 10 players: {brute_small / exact_small:,.0f}x "
        f"(repeats: exact {args.repeats}, brute force {args.brute_repeats})"
    )


if __name__ == "__main__":
    main()
