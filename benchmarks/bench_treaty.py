"""Benchmark of treaty entry into force (quorum.treaties).

    python benchmarks/bench_treaty.py            # the figures quoted in docs/treaties.md
    python benchmarks/bench_treaty.py --quick    # fewer repetitions

1. The exact engine on the bundled Beijing list, and on 1,000 instruments (the file limit):
   interactive targets, well under 200 ms.
2. The what-if simulation: 10**5 runs of 150 signatories (Beijing-like, 30 needed), against
   the readable engine called once per run (timed on 200 runs and scaled up).
3. The Treaty page's work on each rerun (read the kept YAML text, evaluate, build the
   instruments chart's specification), and the bundled what-if example (20,000 runs).
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _timing import median_seconds  # noqa: E402

from quorum.treaties import (  # noqa: E402
    Instrument,
    PartyType,
    TreatyCase,
    evaluate_treaty,
    get_treaty,
    parse_treaty,
)
from quorum.treaties.whatif import (  # noqa: E402
    NEVER,
    Signatory,
    WhatIfModel,
    draw_deposits,
    simulate_entry,
)

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    repeats = 3 if parser.parse_args().quick else 15
    path = ROOT / "scenarios" / "treaties" / "treaty-beijing.yaml"
    beijing = parse_treaty(path.read_text("utf-8"))
    t = median_seconds(lambda: evaluate_treaty(beijing), repeats)
    print(f"engine, Beijing list ({len(beijing.instruments)} instruments): {t * 1e3:.2f} ms")
    rule = get_treaty("beijing-treaty")
    big = TreatyCase(rule, tuple(
        Instrument(f"P{i}", "accession", PartyType.STATE, date(2013, 1, 1) + timedelta(days=i))
        for i in range(1000)))
    t = median_seconds(lambda: evaluate_treaty(big), repeats)
    print(f"engine, 1,000 instruments: {t * 1e3:.2f} ms")

    case = TreatyCase(rule, tuple(
        Instrument(f"P{i}", "accession", PartyType.STATE, date(2013, 1, 1) + timedelta(days=i))
        for i in range(10)))
    sigs = tuple(Signatory(f"G{i}", PartyType.STATE, -math.log1p(-0.1)) for i in range(150))
    # 60,000 runs x (10 instruments + 150 signatories) stays under the treaty what-if work
    # limit (quorum.limits.MAX_TREATY_WORK, 10^7).
    model = WhatIfModel(sigs, date(2014, 1, 1), 20, 60_000, 1)
    t_fast = median_seconds(lambda: simulate_entry(case, model), max(3, repeats // 3))
    print(f"what-if, 60,000 runs x 150 signatories: {t_fast:.3f} s")
    small = WhatIfModel(sigs, date(2014, 1, 1), 20, 200, 1)
    counting, drawn = draw_deposits(case, small)

    def readable() -> None:
        for run in range(small.samples):
            extra = tuple(Instrument(s.party, "accession", s.type, date.fromordinal(int(d)))
                          for s, d in zip(counting, drawn[run], strict=True) if d != NEVER)
            evaluate_treaty(TreatyCase(rule, case.instruments + extra))

    t_slow = median_seconds(readable, 3) * (model.samples / small.samples)
    print(f"reference, the readable engine once per run (scaled to 60,000): {t_slow:.1f} s "
          f"({t_slow / t_fast:.0f}x slower)")


    from dashboard import treaty as tr

    text = tr.example_text("treaty-beijing")
    names = ("date", "count", "party", "needed", "entry")

    def rerun() -> None:
        case, outcome = tr.evaluate_text(text)
        tr.instruments_chart(tr.count_over_time(case), outcome.needed, "2020-04-28",
                             {k: k for k in names}).to_dict()

    t = median_seconds(rerun, repeats)
    print(f"Treaty page rerun (Beijing: read, evaluate, chart): {t * 1e3:.1f} ms")
    whatif_text = tr.example_text("treaty-whatif")
    t = median_seconds(lambda: tr.simulate(whatif_text), max(3, repeats // 3))
    print(f"Treaty page what-if (treaty-whatif, 20,000 runs): {t * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
