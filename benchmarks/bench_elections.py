"""Benchmark of election chances (quorum.elections.model): 10**5 simulated nominations.

    python benchmarks/bench_elections.py            # the figure quoted in docs/elections.md
    python benchmarks/bench_elections.py --quick    # fewer repetitions

83 voters in three blocs rank 6 candidates (Plackett-Luce), one candidate withdraws with
probability 0.8, and the 2019 Director General procedure (lowest out each round) runs to
the end in every simulated election: median wall time of ``simulate_election`` for 10**5
elections, single process. Reference: the readable engine (``run_election``) replaying the
same ballots in a Python loop, timed on 2,000 elections and scaled up.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _timing import median_seconds  # noqa: E402

from quorum.elections import Candidate, Election, Round, get_procedure, run_election  # noqa: E402
from quorum.elections.model import (  # noqa: E402
    parse_election_model,
    sample_preferences,
    simulate_election,
)

MODEL = {
    "groups": [
        {"size": 40, "support": {"SG": 0.6, "CO": 0.15, "GH": 0.1, "PE": 0.1, "KZ": 0.05}},
        {"size": 28, "support": {"CN": 0.7, "GH": 0.2, "KZ": 0.1}},
        {"size": 15, "support": {"GH": 0.4, "SG": 0.2, "CN": 0.2, "CO": 0.1, "PE": 0.1}},
    ],
    "withdraw": {"KZ": 0.8},
}
IDS = ("SG", "CN", "CO", "GH", "PE", "KZ")


def scalar(election: Election, utilities: np.ndarray, withdrawn: np.ndarray) -> None:
    """The readable engine over the same ballots (ties end the replay)."""
    for s in range(utilities.shape[0]):
        running = [c for k, c in enumerate(IDS) if not withdrawn[s, k]]
        rounds: list[Round] = []
        first = tuple(c for k, c in enumerate(IDS) if withdrawn[s, k])
        for _ in range(10):
            idx = [IDS.index(c) for c in running]
            choice = np.array(idx)[np.argmax(utilities[s][:, idx], axis=1)]
            votes = tuple((c, int((choice == IDS.index(c)).sum())) for c in running)
            rounds.append(Round(first if not rounds else (), votes))
            r = run_election(Election("e", election.candidates, election.procedure, 1,
                                      tuple(rounds)), 83, 83)
            if r.status != "open" or not r.next_round:
                break
            running = list(r.next_round)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    election = Election("dg", tuple(Candidate(c) for c in IDS), get_procedure("wipo-dg-2019"),
                        1, (), "", MODEL)
    model = parse_election_model(election, "bench", "model", 83)
    samples = 100_000
    seconds = median_seconds(lambda: simulate_election(election, model, 83, 83, samples, 0),
                             repeats)
    chances = simulate_election(election, model, 83, 83, samples, 0)
    print(f"simulate_election, {samples:,} elections of 83 voters and 6 candidates: "
          f"median {seconds:.3f} s over {repeats} runs "
          f"({samples / seconds:,.0f} elections/s)")
    print("  p_elected: " + ", ".join(f"{c} {p:.4f}" for c, p in
                                      zip(chances.candidates, chances.p_elected, strict=True))
          + f"; p_tie {chances.p_tie:.4f}")
    rng = np.random.default_rng(0)
    n_ref = 2_000
    utilities, withdrawn, _ = sample_preferences(model, n_ref, rng)
    start = time.perf_counter()
    scalar(election, utilities, withdrawn)
    ref = (time.perf_counter() - start) * samples / n_ref
    print(f"reference: readable engine in a Python loop, {n_ref:,} elections scaled to "
          f"{samples:,}: {ref:.1f} s ({ref / seconds:.0f}x slower)")


if __name__ == "__main__":
    main()
