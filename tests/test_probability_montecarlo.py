"""Monte Carlo against the exact answers, within sampling error; streams and seeds."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from quorum.probability import compile_model, simulate
from quorum.probability.engine import plans_for
from quorum.probability.montecarlo import (
    MonteCarloResult,
    _count_below_levels,
    _draw,
    _thresholds,
    _Workspace,
    run_monte_carlo,
)
from quorum.scenario import Scenario, scenario_from_mapping

from .test_probability_cases import aggregate_scenarios, roster_scenarios

NAMES = ("p_quorum_full", "p_quorum_reduced", "p_adopted", "p_executory")


def assert_within_sampling_error(scenario: Scenario, samples: int = 40_000) -> None:
    # Exact wherever the engine can be (it samples a heterogeneous written procedure).
    exact = simulate(scenario, samples=samples, seed=12, workers=1).decisions[0]
    sampled = simulate(scenario, method="monte-carlo", samples=samples, seed=11,
                       workers=1).decisions[0]
    assert sampled.method == "monte-carlo" and sampled.samples == samples
    for name in NAMES:
        p = getattr(exact, name)
        # The standard error of the exact p (the sample's own is 0 when it sees 0 or 1).
        se = np.hypot(np.sqrt(p * (1 - p) / samples), exact.stderrs[name])
        assert abs(getattr(sampled, name) - p) <= 4.5 * se + 1e-6, (name, p, sampled)


@settings(max_examples=12, deadline=None, derandomize=True)
@given(roster_scenarios(max_members=8))
def test_sampling_agrees_with_exact_on_small_rosters(scenario: Scenario) -> None:
    assert_within_sampling_error(scenario)


@settings(max_examples=12, deadline=None, derandomize=True)
@given(aggregate_scenarios(max_members=120))
def test_sampling_agrees_with_exact_on_assemblies(scenario: Scenario) -> None:
    """Members alike, sized groups and blocs; the written procedure of Art. 22(3)(c)."""
    assert_within_sampling_error(scenario)


def _assembly(blocs: bool = False) -> Scenario:
    model = {"present": 0.45, "vote": {"yes": 0.55, "no": 0.25, "abstain": 0.2},
             "written": {"reply": 0.6, "yes": 0.5, "no": 0.3, "abstain": 0.2},
             "groups": {"a": {"size": 50, "present": 0.5}, "b": {"size": 30}}}
    if blocs:
        model["blocs"] = {"a": {"cohesion": 0.7, "line": {"yes": 0.6, "no": 0.3}}}
    return scenario_from_mapping({"body": "berne-assembly", "members": 181, "model": model,
                                  "decisions": [{"id": "d"}]}, "<test>")


def test_results_depend_on_the_seed_not_on_the_threads() -> None:
    scenario = _assembly(blocs=True)
    cm = compile_model(scenario)
    plans = plans_for(scenario.session, cm.members, "<test>")
    one = run_monte_carlo(cm, plans, 50_000, seed=5, chunk=4096, workers=1)[0]
    two = run_monte_carlo(cm, plans, 50_000, seed=5, chunk=4096, workers=2)[0]
    other = run_monte_carlo(cm, plans, 50_000, seed=6, chunk=4096, workers=2)[0]
    assert (one.adopted, one.executory, one.full) == (two.adopted, two.executory, two.full)
    assert all(np.array_equal(one.histograms[k], two.histograms[k]) for k in one.histograms)
    assert (one.adopted, one.executory) != (other.adopted, other.executory)
    assert sum(one.histograms["attendance"]) == 50_000


def test_heterogeneous_written_procedure_is_sampled_alone_and_stays_below_adoption() -> None:
    scenario = _assembly()
    result = simulate(scenario, samples=60_000, seed=3).decisions[0]
    assert result.method == "monte-carlo" and result.sampled == ("p_executory",)
    assert result.stderrs["p_adopted"] == 0.0 and 0 < result.stderr < 0.01
    assert result.p_executory <= result.p_adopted
    everything = simulate(scenario, method="monte-carlo", samples=60_000, seed=4).decisions[0]
    assert abs(everything.p_executory - result.p_executory) <= 4.5 * np.hypot(
        everything.stderr, result.stderr)


def test_blocs_beyond_the_limit_are_sampled() -> None:
    scenario = _assembly(blocs=True)
    exact = simulate(scenario).decisions[0]
    sampled = simulate(scenario, max_lines=1, samples=60_000).decisions[0]
    assert exact.line_combinations == 3 and exact.stderrs["p_adopted"] == 0.0
    assert sampled.method == "monte-carlo" and sampled.stderrs["p_adopted"] > 0
    assert abs(sampled.p_adopted - exact.p_adopted) <= 4.5 * sampled.stderrs["p_adopted"]


def test_cut_points_are_rounded_to_the_nearest_of_2_to_the_32_values_and_ends_stay_exact(
) -> None:
    cuts = np.concatenate([[0.0, 1.0, 0.5, 2.0**-32, 1 - 2.0**-32, 1 + 2e-16, 1 - 2.0**-34],
                           np.random.default_rng(3).random(1000)])
    t, certain = _thresholds(cuts)
    assert t.dtype == np.uint32 and certain.dtype == np.bool_
    assert t[0] == 0 and t[2] == 2**31 and t[3] == 1 and t[4] == 2**32 - 1
    # 1, a cumulative sum a hair above 1 and anything rounding to 1 are certain (held as 0).
    assert certain.tolist()[:7] == [False, True, False, False, False, True, True]
    assert t[1] == t[5] == t[6] == 0
    exact = np.where(certain, 2.0**32, t.astype(np.float64))
    assert np.all(np.abs(exact / 2.0**32 - np.clip(cuts, 0, 1)) <= 2.0**-33)


def test_draws_are_32_bit_and_fall_below_a_cut_with_its_probability() -> None:
    rng = np.random.Generator(np.random.PCG64(8))
    h = _draw(rng, 181, 1001)  # an odd number of draws uses half of the last output
    assert h.shape == (181, 1001) and h.dtype == np.uint32 and int(h.max()) >= 2**31
    n = h.size
    for c in (0.001, 0.3, 0.5, 0.97):
        below = int(np.count_nonzero(h < _thresholds(np.array([c]))[0][0]))
        assert abs(below / n - c) <= 4.5 * np.sqrt(c * (1 - c) / n), c
    # The two halves of one raw output are independent draws (two different members).
    pairs = _draw(rng, 1, 400_000)[0]
    lo, hi = pairs[0::2] < 2**31, pairs[1::2] < 2**31
    both = np.count_nonzero(lo & hi) / len(lo)
    assert abs(both - 0.25) <= 4.5 * np.sqrt(0.25 * 0.75 / len(lo))


def test_certain_members_are_always_counted_and_impossible_ones_never() -> None:
    def run(present: float, yes: float) -> MonteCarloResult:
        scenario = scenario_from_mapping({
            "body": "berne-assembly", "members": 60,
            "model": {"present": present, "vote": {"yes": yes, "no": 1 - yes, "abstain": 0},
                      "written": {"reply": 1, "yes": 1, "no": 0, "abstain": 0}},
            "decisions": [{"id": "d"}]}, "<test>")
        cm = compile_model(scenario)
        plans = plans_for(scenario.session, cm.members, "<test>")
        return run_monte_carlo(cm, plans, 20_000, seed=2, workers=1)[0]

    everyone = run(1.0, 1.0)
    assert everyone.full == everyone.adopted == everyone.executory == 20_000
    assert everyone.histograms["yes"][60] == 20_000
    nobody = run(0.0, 1.0)
    assert nobody.full == nobody.reduced == nobody.adopted == 0
    assert nobody.histograms["replies"][60] == 20_000
    against = run(1.0, 0.0)
    assert against.full == 20_000 and against.adopted == 0
    assert against.histograms["no"][60] == 20_000


def test_certain_presence_is_counted_for_bloc_members_and_members_without_the_vote() -> None:
    scenario = _assembly(blocs=True)
    cm = compile_model(scenario)
    n = len(cm.present)
    has_vote = np.ones(n, dtype=bool)
    has_vote[-10:] = False
    cm = cm.with_arrays(present=np.ones(n), has_vote=has_vote)
    assert (cm.bloc >= 0).any()
    plans = plans_for(scenario.session, cm.members, "<test>")
    result = run_monte_carlo(cm, plans, 16_000, seed=4, workers=1)[0]
    represented = n if cm.counts_suspended else n - 10
    assert result.histograms["attendance"][represented] == 16_000
    assert result.histograms["replies"][0] == 16_000
    voters = result.histograms["yes"] @ np.arange(len(result.histograms["yes"]))
    voters += result.histograms["no"] @ np.arange(len(result.histograms["no"]))
    voters += result.histograms["abstain"] @ np.arange(len(result.histograms["abstain"]))
    assert voters == 16_000 * (n - 10)


def test_counts_by_row_blocks_equal_the_plain_count_whatever_the_shape() -> None:
    rng = np.random.default_rng(12)
    for rows, size in [(0, 16), (1, 8), (16, 64), (17, 13), (181, 256), (300, 24), (40, 7)]:
        draws = rng.integers(0, 2**32, size=(rows, size), dtype=np.uint32)
        cuts = np.sort(rng.integers(0, 2**32, size=(6, rows, 1), dtype=np.uint32), axis=0)
        got = _count_below_levels(draws, cuts, _Workspace())
        want = (draws[None] < cuts).sum(axis=1)
        assert got.shape == (6, size) and got.dtype == np.int64
        assert np.array_equal(got, want), (rows, size)
