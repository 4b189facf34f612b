"""Benchmark of the what-if engine (quorum.probability), each figure beside a reference.

    python benchmarks/bench_probability.py            # the figures quoted in docs/whatif.md
    python benchmarks/bench_probability.py --quick    # fewer repetitions

1. Exact P(adopted) for the 181-member Berne Assembly, every member with its own
   probabilities (target: median <= 25 ms). References on the same input: a plain numpy
   dynamic programme over the full (represented, yes - 2 no, any vote cast) grid, and a
   pure-Python one over a dictionary of states.
2. Monte Carlo of 10**6 sessions of those 181 members on both cores (targets: <= 1.5 s, and
   <= 1.3 times the floor: the time numpy takes merely to draw one float32 uniform per
   member and session, 1.81e8 of them, on the same threads and chunks as the engine). The
   floor is timed single-threaded and on every core, interleaved with the engine's runs
   (median of 7 each); both ratios are printed, and the ratio of each engine run to the
   floor drawn right after it (the same moment of the host). The engine itself needs fewer
   random numbers than that floor (32 bits per member and session, two per raw 64-bit
   output): the time to draw just those is printed too. Reference: a pure-Python loop, timed
   on 10**4 sessions and scaled up.
3. A 25 x 26 sweep (attendance x support, everyone alike, exact; target <= 5 s), cold
   caches. Reference: the same closed form in pure Python, timed on two points and scaled.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _timing import median_seconds  # noqa: E402

from quorum import get_body  # noqa: E402
from quorum.probability import exact as exact_module  # noqa: E402
from quorum.probability import plan_decision, sweep  # noqa: E402
from quorum.probability.exact import adoption_probability, exact_decision  # noqa: E402
from quorum.probability.model import CompiledModel  # noqa: E402
from quorum.probability.montecarlo import CHUNK, run_monte_carlo  # noqa: E402
from quorum.scenario import scenario_from_mapping  # noqa: E402

N = 181
RULES = get_body("berne-assembly")
PLAN = plan_decision(RULES, "substantive", N)


def heterogeneous(seed: int = 2024) -> CompiledModel:
    """181 members, each with its own attendance, vote and written reply probabilities."""
    rng = np.random.default_rng(seed)
    return CompiledModel(
        rules=RULES, members=N, ids=tuple(f"M{i}" for i in range(N)),
        names=tuple(f"M{i}" for i in range(N)), groups=("",) * N,
        present=rng.uniform(0.25, 0.75, N), vote=rng.dirichlet([6, 2.5, 1.5], N),
        reply=rng.uniform(0.3, 0.8, N), written=rng.dirichlet([4, 2, 2], N),
        has_vote=np.ones(N, dtype=bool), bloc=np.full(N, -1))


# ---------------------------------------------------------------------------------------
# References for P(adopted)


def numpy_full_grid(cm: CompiledModel) -> float:
    """Straightforward numpy DP over the full grid: R in 0..N, m in [-2N, N], cast flag."""
    width = 3 * N + 1
    grid = np.zeros((2, N + 1, width))  # [any vote cast, represented, margin + 2N]
    grid[0, 0, 2 * N] = 1.0
    for i in range(N):
        p = cm.present[i]
        y, n, a = cm.vote[i]
        new = grid * (1 - p)
        new[0, 1:, :] += p * a * grid[0, :-1, :]
        new[1, 1:, :] += p * a * grid[1, :-1, :]
        cast = grid[0] + grid[1]
        new[1, 1:, 1:] += p * y * cast[:-1, :-1]
        new[1, 1:, :-2] += p * n * cast[:-1, 2:]
        grid = new
    low = PLAN.low
    return float(grid[1, low:, 2 * N:].sum())


def python_dict(cm: CompiledModel) -> float:
    """Pure Python: a dictionary of reachable (represented, yes - 2 no, cast) states."""
    states: dict[tuple[int, int, bool], float] = {(0, 0, False): 1.0}
    for i in range(N):
        p = float(cm.present[i])
        y, n, a = (float(x) for x in cm.vote[i])
        new: defaultdict[tuple[int, int, bool], float] = defaultdict(float)
        for (r, m, cast), q in states.items():
            new[(r, m, cast)] += q * (1 - p)
            new[(r + 1, m + 1, True)] += q * p * y
            new[(r + 1, m - 2, True)] += q * p * n
            new[(r + 1, m, cast)] += q * p * a
        states = new
    return sum(q for (r, m, cast), q in states.items() if r >= PLAN.low and cast and m >= 0)


# ---------------------------------------------------------------------------------------
# Monte Carlo floor and reference


def draw_floor(total_sessions: int, threads: int, raw: bool = False) -> float:
    """Time to draw N uniforms (float32) per session, in the engine's chunks and threads;
    with ``raw``, the engine's own draws instead: N / 2 raw 64-bit outputs per session."""
    chunks = -(-total_sessions // CHUNK)
    streams = np.random.SeedSequence(1).spawn(chunks)
    jobs = iter(range(chunks))

    def work() -> None:
        buf = np.empty((N, CHUNK), dtype=np.float32)
        for k in jobs:
            rng = np.random.Generator(np.random.PCG64(streams[k]))
            if raw:
                rng.bit_generator.random_raw((N * CHUNK + 1) // 2)
            else:
                rng.random(out=buf, dtype=np.float32)

    start = time.perf_counter()
    if threads == 1:
        work()
    else:
        with ThreadPoolExecutor(threads) as pool:
            for f in [pool.submit(work) for _ in range(threads)]:
                f.result()
    return time.perf_counter() - start


def python_sessions(cm: CompiledModel, sessions: int) -> float:
    """Pure-Python Monte Carlo: one random() per member and session; returns P(adopted)."""
    rnd = random.Random(7)
    rows = [(float(cm.present[i]), *(float(x) for x in cm.vote[i])) for i in range(N)]
    adopted = 0
    for _ in range(sessions):
        r = yes = no = 0
        for p, y, n, _a in rows:
            u = rnd.random()
            if u < p:
                r += 1
                if u < p * y:
                    yes += 1
                elif u < p * (y + n):
                    no += 1
        if r >= PLAN.low and yes + no > 0 and yes >= 2 * no:
            adopted += 1
    return adopted / sessions


# ---------------------------------------------------------------------------------------
# Sweep reference


def python_point(present: float, vote: tuple[float, float, float], reply: float,
                 written: tuple[float, float, float]) -> tuple[float, float]:
    """Everyone alike in pure Python: binomial presence, then per represented count the
    session margins and the written replies (the engine's closed form, without numpy)."""
    from math import comb

    qmin, low = PLAN.full_lo, PLAN.low
    y, n, a = vote
    sess = [{0: 1.0}]
    for _ in range(N):
        new: defaultdict[int, float] = defaultdict(float)
        for m, q in sess[-1].items():
            new[m + 1] += q * y
            new[m - 2] += q * n
            new[m] += q * a
        sess.append(dict(new))
    cap = qmin - PLAN.band_lo
    wy, wn, wa = written
    table: list[dict[tuple[int, int, bool], float]] = [{(0, 0, False): 1.0}]
    for _ in range(N - PLAN.band_lo):
        new2: defaultdict[tuple[int, int, bool], float] = defaultdict(float)
        for (w, m, cast), q in table[-1].items():
            new2[(w, m, cast)] += q * (1 - reply)
            up = min(w + 1, cap)
            new2[(up, m + 1, True)] += q * reply * wy
            new2[(up, m - 2, True)] += q * reply * wn
            new2[(up, m, cast)] += q * reply * wa
        table.append(dict(new2))
    adopted = executory = 0.0
    for r in range(low, N + 1):
        b = comb(N, r) * present**r * (1 - present) ** (N - r)
        nocast = a**r
        met = sum(q for m, q in sess[r].items() if m >= 0) - nocast
        adopted += b * met
        if r >= qmin:
            executory += b * met
            continue
        need = qmin - r
        ok = 0.0
        for m, q in sess[r].items():
            if m < 0:
                continue
            weight = q - (nocast if m == 0 else 0.0)
            ok += weight * sum(t for (w, mw, _), t in table[N - r].items()
                               if w >= need and m + mw >= 0)
        executory += b * ok
    return adopted, executory


def alike_scenario() -> Any:
    return scenario_from_mapping({
        "body": "berne-assembly", "members": N,
        "model": {"present": 0.45, "vote": {"yes": 0.55, "no": 0.25, "abstain": 0.2},
                  "written": {"reply": 0.6, "yes": 0.5, "no": 0.3, "abstain": 0.2}},
        "decisions": [{"id": "budget", "kind": "substantive"}]}, "<benchmark>")


def clear_caches() -> None:
    for name in ("_session_table", "_written_tails", "_session_weights"):
        getattr(exact_module, name).cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 5 if args.quick else 21
    cores = os.cpu_count() or 1
    print(f"quorum.probability benchmark: numpy {np.__version__}, {cores} cores, "
          f"Python {sys.version.split()[0]}")
    cm = heterogeneous()

    print("\n1. Exact P(adopted), Berne Assembly, 181 heterogeneous members (target <= 25 ms)")
    ours = median_seconds(lambda: adoption_probability(cm, PLAN), repeat)
    full = median_seconds(lambda: exact_decision(cm, PLAN, with_written=False), repeat)
    grid = median_seconds(lambda: numpy_full_grid(cm), max(3, repeat // 4))
    start = time.perf_counter()
    reference = python_dict(cm)
    naive = time.perf_counter() - start
    p = adoption_probability(cm, PLAN)
    print(f"   engine, P(adopted) alone       {ours * 1e3:8.1f} ms (median of {repeat})")
    print(f"   engine, with distributions     {full * 1e3:8.1f} ms")
    print(f"   numpy, full grid               {grid * 1e3:8.1f} ms   speed-up x{grid / ours:.1f}")
    print(f"   pure Python, dict of states    {naive * 1e3:8.0f} ms   speed-up x{naive / ours:.0f}")
    print(f"   P(adopted) = {p:.15f}; |engine - numpy| = {abs(p - numpy_full_grid(cm)):.1e}, "
          f"|engine - Python| = {abs(p - reference):.1e}")

    print("\n2. Monte Carlo, 10**6 sessions of 181 members (targets <= 1.5 s, <= 1.3 x floor)")
    sessions = 10**6
    # Interleaved (engine, floors, engine, floors, ...) so that a busy moment of the host
    # weighs on the engine and on its floors alike; each figure is a median.
    runs: list[float] = []
    floors: dict[str, list[float]] = {"1": [], "n": [], "raw": []}
    draw_floor(sessions, cores)  # warm-up, not timed
    for _ in range(3 if args.quick else 7):
        start = time.perf_counter()
        result = run_monte_carlo(cm, [PLAN], sessions, seed=1, workers=cores)[0]
        runs.append(time.perf_counter() - start)
        floors["1"].append(draw_floor(sessions, 1))
        floors["n"].append(draw_floor(sessions, cores))
        floors["raw"].append(draw_floor(sessions, cores, raw=True))
    mc = statistics.median(runs)
    floor_1, floor_n, raw_n = (statistics.median(floors[k]) for k in ("1", "n", "raw"))
    small = 10_000
    start = time.perf_counter()
    python_p = python_sessions(cm, small)
    python_time = (time.perf_counter() - start) * sessions / small
    print(f"   engine, {cores} threads               {mc:8.3f} s (median of {len(runs)})")
    print(f"   floor: draw 1.81e8 float32, 1 thread   {floor_1:8.3f} s   "
          f"ratio engine / floor = {mc / floor_1:.2f}")
    print(f"   floor: draw 1.81e8 float32, {cores} threads  {floor_n:8.3f} s   "
          f"ratio engine / floor = {mc / floor_n:.2f}")
    print(f"   engine's own draws: 9.05e7 raw 64-bit, {cores} threads {raw_n:8.3f} s   "
          f"ratio engine / draws = {mc / raw_n:.2f}")
    paired = sorted(e / f for e, f in zip(runs, floors["n"], strict=True))
    print(f"   each engine run / the {cores}-thread floor drawn right after it: median "
          f"{statistics.median(paired):.2f}, from {paired[0]:.2f} to {paired[-1]:.2f}")
    print(f"   pure Python (10**4 sessions, scaled)   {python_time:8.1f} s   "
          f"speed-up x{python_time / mc:.0f}")
    print(f"   P(adopted) sampled {result.p('adopted'):.5f} +- {result.stderr('adopted'):.5f}, "
          f"exact {p:.5f}, pure Python {python_p:.3f} +- "
          f"{np.sqrt(python_p * (1 - python_p) / small):.3f}")

    print("\n3. Sweep 25 x 26 (attendance x support), everyone alike, exact (target <= 5 s)")
    scenario = alike_scenario()
    params = ["attendance=0.3:0.9:25", "support=0.4:0.9:26"]
    times = []
    for _ in range(2 if args.quick else 3):
        clear_caches()
        start = time.perf_counter()
        frame = sweep(scenario, params, progress=False)
        times.append(time.perf_counter() - start)
    swept = statistics.median(times)
    points = [(0.3, 0.4), (0.9, 0.9)]
    start = time.perf_counter()
    naive_rows = [python_point(a, (s * 0.8, (1 - s) * 0.8, 0.2), 0.6, (0.5, 0.3, 0.2))
                  for a, s in points]
    naive_sweep = (time.perf_counter() - start) / len(points) * len(frame)
    ours_rows = [frame[(frame.attendance == a) & (frame.support == s)].iloc[0]
                 for a, s in points]
    diff = max(max(abs(o.p_adopted - r[0]), abs(o.p_executory - r[1]))
               for o, r in zip(ours_rows, naive_rows, strict=True))
    print(f"   engine, {len(frame)} points, cold caches  {swept:8.2f} s (median of {len(times)})")
    print(f"   pure Python (2 points, scaled)      {naive_sweep:8.1f} s   "
          f"speed-up x{naive_sweep / swept:.0f}")
    print(f"   largest difference from the pure-Python points: {diff:.1e}")


if __name__ == "__main__":
    main()
