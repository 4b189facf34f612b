"""Sweeps: grid, tidy columns, parameters, and the same table from a dask LocalCluster."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from quorum import ScenarioError
from quorum.probability import parse_param, sweep
from quorum.probability.sweep import apply_params
from quorum.scenario import Scenario, load_scenario

from .conftest import SCENARIOS

PROBABILITIES = ["p_quorum_full", "p_quorum_reduced", "p_no_quorum", "p_adopted",
                 "p_executory"]


@pytest.fixture(scope="module")
def alike() -> Scenario:
    return load_scenario(SCENARIOS / "whatif-everyone-alike.yaml")


def test_parse_param() -> None:
    p = parse_param("attendance=0.3:0.9:25")
    assert p.name == "attendance" and len(p.values) == 25
    assert p.values[0] == 0.3 and p.values[-1] == 0.9 and p.values[1] == 0.325
    assert parse_param("support=0.5,0.6").values == (0.5, 0.6)
    assert parse_param("groups.african.present=0.2").name == "groups.african.present"
    with pytest.raises(ScenarioError, match="whole numbers"):
        parse_param("members=10.5")


def test_named_parameters_act_on_every_level_and_keep_shares_exact() -> None:
    model = {"present": 0.5, "vote": {"yes": 0.6, "no": 0.2, "abstain": 0.2},
             "written": {"reply": 0.3, "yes": 0.5, "no": 0.5},
             "groups": {"a": {"present": 0.9, "vote": {"yes": 0.1, "no": 0.4}}},
             "blocs": {"a": {"cohesion": 0.2, "line": {"yes": 1}}}}
    out = apply_params(model, {"attendance": 0.4, "support": 0.75, "reply": 0.9,
                               "written_support": 0.25, "cohesion": 1.0})
    assert out["present"] == out["groups"]["a"]["present"] == pytest.approx(0.4)
    vote = out["groups"]["a"]["vote"]  # abstention share 0.5 kept
    assert (vote["yes"], vote["no"], vote["abstain"]) == (0.375, 0.125, 0.5)
    assert sum(out["vote"].values()) == 1  # exact fractions, not floats
    assert out["written"]["reply"] == Fraction(9, 10) and out["written"]["yes"] == Fraction(1, 4)
    assert out["blocs"]["a"]["cohesion"] == 1
    assert model["present"] == 0.5  # the scenario's own model is untouched
    assert apply_params(model, {"abstention": 0.5})["vote"]["yes"] == 0.375


def test_sweep_is_tidy(alike: Scenario) -> None:
    frame = sweep(alike, ["attendance=0.3:0.9:5", "support=0.4:0.9:4"], workers=1)
    assert len(frame) == 20
    assert list(frame.columns[:5]) == ["attendance", "support", "point", "decision", "kind"]
    assert set(PROBABILITIES) <= set(frame.columns)
    assert {f"stderr_{p}" for p in PROBABILITIES} <= set(frame.columns)
    assert frame["point"].tolist() == list(range(20))
    assert (frame["method"] == "exact").all() and (frame["stderr"] == 0).all()
    # support varies fastest; more attendance never lowers the chance of a quorum
    assert frame["support"].tolist()[:4] == [0.4, 0.566666666667, 0.733333333333, 0.9]
    full = frame.groupby("attendance")["p_quorum_full"].first()
    assert full.is_monotonic_increasing


def test_sweep_from_python_with_values_and_members(alike: Scenario) -> None:
    frame = sweep(alike, {"members": [60, 120, 181], "attendance": [0.5]}, workers=1)
    assert frame["members"].tolist() == [60, 120, 181]
    assert frame["p_adopted"].between(0, 1).all()


def test_sweeping_members_needs_an_aggregate_scenario() -> None:
    roster = load_scenario(SCENARIOS / "whatif-groups.yaml")
    with pytest.raises(ScenarioError, match="roster"):
        sweep(roster, ["members=10,20"], workers=1)


def test_dask_local_cluster_gives_the_local_table(alike: Scenario) -> None:
    distributed = pytest.importorskip("dask.distributed")
    params = ["attendance=0.35:0.55:3", "support=0.5:0.8:2"]
    local = sweep(alike, params, method="monte-carlo", samples=4000, seed=9)
    inline = sweep(alike, params, method="monte-carlo", samples=4000, seed=9, workers=1)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        remote = sweep(alike, params, method="monte-carlo", samples=4000, seed=9,
                       executor="dask", scheduler=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            exact = sweep(alike, params, executor="dask", scheduler=client)
    pd.testing.assert_frame_equal(local, remote)
    pd.testing.assert_frame_equal(local, inline)
    assert (exact["method"] == "exact").all() and len(exact) == 6


def test_worker_processes_give_the_same_table(alike: Scenario,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    sweep_module = importlib.import_module("quorum.probability.sweep")

    params = ["attendance=0.4:0.5:3", "reply=0.2,0.8"]
    inline = sweep(alike, params, workers=1)
    monkeypatch.setattr(sweep_module, "_POOL_WORTH_IT", 0.0)
    pooled = sweep(alike, params, workers=2)
    pd.testing.assert_frame_equal(inline, pooled)
