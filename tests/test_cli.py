"""The `quorum` command: its JSON is a public contract, its errors one readable line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quorum.cli import app

from .conftest import SCENARIOS

runner = CliRunner()

DECISION_KEYS = {"id", "quorum", "adopted", "status", "votes_cast", "yes", "no", "abstain",
                 "written_replies_needed", "deadline", "trace"}
CARD_KEYS = {"quorum", "reduced_quorum", "extraordinary_session_requests",
             "executive_committee_seats", "executive_committee_reelection_cap",
             "amendment_acceptances"}


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_evaluate_json_contract():
    result = invoke("evaluate", str(SCENARIOS / "assembly-reduced-quorum-pending.yaml"), "--json")
    assert result.exit_code == 0, result.output
    (d,) = json.loads(result.stdout)["decisions"]
    assert DECISION_KEYS <= set(d)
    assert d["quorum"] == "reduced" and d["status"] == "pending" and d["adopted"] is True
    assert d["written_replies_needed"] == 30 and d["deadline"] == "2027-02-28"
    assert (d["votes_cast"], d["yes"], d["no"], d["abstain"]) == (60, 40, 20, 1)
    assert all(set(s) >= {"article", "en", "fr"} for s in d["trace"])


@pytest.mark.parametrize("status,file", [
    ("executory", "assembly-full-quorum.yaml"),
    ("no-quorum", "assembly-no-quorum.yaml"),
    ("lapsed", "assembly-written-procedure-lapsed.yaml"),
    ("rejected", "executive-committee-tie.yaml"),
])
def test_evaluate_json_status_values(status, file):
    result = invoke("evaluate", str(SCENARIOS / file), "--json")
    assert json.loads(result.stdout)["decisions"][0]["status"] == status


def test_evaluate_without_file_uses_the_real_roster():
    result = invoke("evaluate", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == "scenarios/berne-assembly-default.yaml"
    assert data["decisions"][0]["quorum"] == "full"


def test_evaluate_text_in_french():
    result = invoke("evaluate", str(SCENARIOS / "assembly-abstentions.yaml"), "--lang", "fr")
    assert result.exit_code == 0
    assert "Les abstentions" in result.stdout and "Art. 22(3)(e)" in result.stdout


def test_rules_card_json_contract():
    result = invoke("rules", "berne-assembly", "--members", "181", "--json")
    card = json.loads(result.stdout)
    assert CARD_KEYS <= set(card)
    assert {k: card[k] for k in CARD_KEYS} == {
        "quorum": 91, "reduced_quorum": 61, "extraordinary_session_requests": 46,
        "executive_committee_seats": 45, "executive_committee_reelection_cap": 30,
        "amendment_acceptances": 136}


def test_bad_file_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: berne-assembly\nmembers: 181\npresent: 61\ndecisions:\n"
                   "  - {id: a, votes: {yes: 99}}\n")
    result = invoke("evaluate", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.yaml" in lines[0] and "decisions[0].votes" in lines[0]
    assert "Traceback" not in result.output


def test_unknown_body_in_rules_exit_2():
    result = invoke("rules", "nowhere-assembly")
    assert result.exit_code == 2 and "unknown body" in result.stderr


def test_missing_file_exit_2():
    result = invoke("evaluate", "no-such-file.yaml")
    assert result.exit_code == 2 and "no such file" in result.stderr


@pytest.mark.parametrize("command", [("evaluate",), ("power",), ("committee", "--proposal")])
def test_malformed_yaml_is_one_line_exit_2_for_every_command(tmp_path, command):
    bad = tmp_path / "broken.yaml"
    bad.write_text("game: {quota: 6\n weights: [1\n")
    result = invoke(*command, str(bad))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.yaml" in lines[0] and "not valid YAML" in lines[0]
