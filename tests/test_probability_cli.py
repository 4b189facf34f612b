"""``quorum simulate``, ``sweep`` and ``swings``: the public JSON contract and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from quorum.cli import app

from .conftest import SCENARIOS

runner = CliRunner()
CONTRACT = ("id", "p_quorum_full", "p_quorum_reduced", "p_no_quorum", "p_adopted",
            "p_executory", "method", "stderr")


def test_simulate_json_keeps_every_key_of_the_public_contract() -> None:
    result = runner.invoke(app, ["simulate", str(SCENARIOS / "whatif-everyone-alike.yaml"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (decision,) = data["decisions"]
    assert set(CONTRACT) <= set(decision)
    assert decision["id"] == "budget" and decision["method"] == "exact"
    assert decision["stderr"] == 0
    total = decision["p_quorum_full"] + decision["p_quorum_reduced"] + decision["p_no_quorum"]
    assert abs(total - 1) < 1e-12


def test_simulate_monte_carlo_reports_its_error_and_seed() -> None:
    result = runner.invoke(app, ["simulate", str(SCENARIOS / "whatif-everyone-alike.yaml"),
                                 "--json", "--method", "monte-carlo", "--samples", "20000",
                                 "--seed", "3", "--distributions"])
    assert result.exit_code == 0, result.output
    (decision,) = json.loads(result.output)["decisions"]
    assert decision["method"] == "monte-carlo" and 0 < decision["stderr"] < 0.01
    assert decision["samples"] == 20000 and decision["seed"] == 3
    assert len(decision["distributions"]["attendance"]) == 182


@pytest.mark.parametrize("name", ["whatif-groups.yaml", "whatif-blocs.yaml",
                                  "whatif-arrears.yaml"])
def test_every_whatif_scenario_simulates(name: str) -> None:
    result = runner.invoke(app, ["simulate", str(SCENARIOS / name), "--json",
                                 "--samples", "20000"])
    assert result.exit_code == 0, result.output
    for d in json.loads(result.output)["decisions"]:
        assert set(CONTRACT) <= set(d)
        assert d["p_executory"] <= d["p_adopted"] + 1e-12


@pytest.mark.parametrize("args, field", [
    (["simulate", "{f}", "--method", "guess"], "--method"),
    (["sweep", "{f}", "--param", "attendance"], "--param"),
    (["sweep", "{f}", "--param", "attendance=0.3:0.9"], "--param"),
    (["sweep", "{f}", "--param", "quorum=0.5"], "--param"),
    (["sweep", "{f}", "--param", "attendance=0.5:1.5:3", "--no-progress"], "--param"),
    (["sweep", "{f}", "--param", "attendance=0.5", "--executor", "cloud"], "--executor"),
    (["sweep", "{f}", "--param", "attendance=0.5", "--executor", "dask"], "--scheduler"),
    (["sweep", "{f}", "--param", "attendance=0.5", "--out", "x.xlsx"], "--out"),
])
def test_bad_input_is_one_line_and_exit_status_2(args: list[str], field: str) -> None:
    path = str(SCENARIOS / "whatif-everyone-alike.yaml")
    result = runner.invoke(app, [a.replace("{f}", path) for a in args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"quorum: {path}: field '{field}':") and "Fix:" in lines[0]


def test_a_bad_model_is_reported_against_its_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: berne-assembly\nmembers: 181\nmodel:\n  present: 0.4\n"
                   "  vote: {yes: 0.8, no: 0.3}\ndecisions: [{id: d}]\n", "utf-8")
    result = runner.invoke(app, ["simulate", str(bad), "--json"])
    assert result.exit_code == 2
    assert result.output.startswith(f"quorum: {bad}: field 'model.vote':")


def test_sweep_writes_parquet(tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    result = runner.invoke(app, ["sweep", str(SCENARIOS / "whatif-everyone-alike.yaml"),
                                 "--param", "attendance=0.3:0.9:5", "--param",
                                 "support=0.4:0.9:3", "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert len(frame) == 15 and {"attendance", "support", "p_adopted"} <= set(frame.columns)


def test_swings_json() -> None:
    result = runner.invoke(app, ["swings", str(SCENARIOS / "whatif-arrears.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["swings"]
    by_id = {(r["level"], r["id"]): r for r in rows}
    assert by_id[("member", "BB")]["vote_swing"] is None  # in arrears: no vote to swing
    assert by_id[("member", "AA")]["vote_swing"] > 0
    assert ("group", "south") in by_id
