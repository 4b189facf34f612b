"""Power in the 181-member Berne Assembly, regional groups voting as blocs.

Run: python benchmarks/bench_body_power.py
Prints the median time of the exact group indices and composite member power for the
bundled roster, all present, and for a synthetic 181-member roster with the same groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from _timing import median_seconds

from quorum import Member, get_body
from quorum.body_power import blocking_table, body_power
from quorum.roster import bundled_roster


def median_ms(func: Callable[[], object], repeats: int = 15) -> float:
    return 1000 * median_seconds(func, repeats, warm_up=False)


def main() -> None:
    rules = get_body("berne-assembly")
    roster = tuple(replace(m, present=not m.observer) for m in bundled_roster())
    sizes = [54, 33, 20, 12, 33, 28, 1]  # 181 members in seven groups
    synthetic = tuple(Member(f"M{g}-{i}", present=True, group=f"G{g}")
                      for g, n in enumerate(sizes) for i in range(n))
    rows = [
        ("bundled roster (179 voters), groups as blocs",
         median_ms(lambda: body_power(rules, roster, "substantive"))),
        ("181 members in 7 groups, groups as blocs",
         median_ms(lambda: body_power(rules, synthetic, "substantive"))),
        ("181 members voting alone (symmetric game)",
         median_ms(lambda: body_power(rules, synthetic, "substantive", blocs=False))),
        ("blocking minorities, every kind",
         median_ms(lambda: blocking_table(rules, synthetic, attendance=120))),
    ]
    print(f"{'case':55} {'median':>10}")
    for name, ms in rows:
        print(f"{name:55} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
