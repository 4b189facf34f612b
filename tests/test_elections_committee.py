"""Electing the Executive Committee group by group, checked against `quorum committee`."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.committee import allocate_seats
from quorum.elections import elect
from quorum.elections.committee import committee_check
from quorum.errors import ScenarioError
from quorum.scenario import (
    dump_scenario,
    load_scenario,
    parse_scenario,
    read_yaml_file,
    scenario_from_mapping,
)

from .conftest import SCENARIOS

runner = CliRunner()
FILE = SCENARIOS / "election-berne-executive-committee.yaml"


def _mapping() -> dict[str, Any]:
    data = read_yaml_file(FILE)
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def _election(data: dict[str, Any], suffix: str) -> dict[str, Any]:
    (e,) = [e for e in data["elections"] if e["id"] == f"executive-committee-{suffix}"]
    return e


def test_berne_art23_3_one_fourth_of_the_assembly_is_elected_plus_the_host_ex_officio():
    scenario = load_scenario(FILE)
    roster = scenario.session.roster
    assert roster is not None
    members = [m for m in roster if not m.observer]
    result = committee_check(scenario, elect(scenario))
    assert result.plan.elected_seats == len(members) // 4 == 44
    assert result.plan.ex_officio == ("CH",)
    assert "CH" not in result.elected


def test_berne_art23_4_each_group_election_fills_the_seats_quorum_committee_gives_it():
    scenario = load_scenario(FILE)
    roster = scenario.session.roster
    assert roster is not None
    group_of = {m.id: m.group for m in roster}
    sizes: dict[str, int] = {}
    for m in roster:
        if not m.observer:
            sizes[m.group or "unassigned"] = sizes.get(m.group or "unassigned", 0) + 1
    expected = allocate_seats(sizes, sum(sizes.values()) // 4)  # computed independently
    results = elect(scenario)
    filled: dict[str, int] = {}
    for election, result in zip(scenario.elections, results, strict=True):
        (group,) = {group_of[c.id] for c in election.candidates}  # one group per election
        assert election.seats == expected[group], election.id
        assert result.status == "elected" and len(result.elected) == election.seats
        filled[group] = filled.get(group, 0) + len(result.elected)
    assert {g: n for g, n in expected.items() if n} == filled
    check = committee_check(scenario, results)
    assert check.check.valid and check.check.problems == ()
    assert {g: (p, q) for g, p, q in check.check.seats_by_group} == {
        g: (filled.get(g, 0), n) for g, n in expected.items()}
    last = check.explanation("en")[-1]
    assert last == "The 44 members elected fill the Committee as distributed."


def test_berne_art23_4_second_ballot_in_a_group_is_restricted_to_twice_the_place_left():
    scenario = load_scenario(FILE)
    results = dict(zip((e.id for e in scenario.elections), elect(scenario), strict=True))
    cebs = results["executive-committee-cebs"]
    first, second = cebs.rounds
    assert first.elected == ("AL", "BG", "HR") and first.majority_required == 81
    assert second.candidates == ("BA", "CZ") and first.eliminated == ("EE",)
    assert second.elected == ("CZ",) and second.majority_required == 78
    assert results["executive-committee-asia-pacific"].rounds[0].votes is None  # walkover


def test_berne_art23_4_a_group_over_its_share_is_reported_in_english_and_french():
    data = _mapping()
    grulac, group_b = _election(data, "grulac"), _election(data, "group-b")
    grulac["candidates"] = ["FR" if c == "AG" else c for c in grulac["candidates"]]
    votes = grulac["rounds"][0]["votes"]
    votes["FR"] = votes.pop("AG")
    group_b["candidates"].remove("FR")
    group_b["rounds"][0]["votes"].pop("FR")
    scenario = scenario_from_mapping(data, str(FILE), FILE.parent)
    result = committee_check(scenario, elect(scenario))
    assert not result.check.valid
    rows = {g: (p, q) for g, p, q in result.check.seats_by_group}
    assert rows["grulac"] == (7, 8) and rows["group-b"] == (9, 8)
    en, fr = result.explanation("en"), result.explanation("fr")
    assert "Group B: 9 elected for 8 seat(s): not as distributed." in en
    assert "Groupe B : 9 élu(s) pour 8 siège(s) : non conforme à la répartition." in fr
    assert fr[-1].startswith("Les 44 membres élus ne composent pas")


def test_berne_art23_2_a_the_host_country_cannot_take_an_elected_seat():
    data = _mapping()
    group_b = _election(data, "group-b")
    group_b["candidates"] = ["CH" if c == "AD" else c for c in group_b["candidates"]]
    votes = group_b["rounds"][0]["votes"]
    votes["CH"] = votes.pop("AD")
    scenario = scenario_from_mapping(data, str(FILE), FILE.parent)
    result = committee_check(scenario, elect(scenario))
    assert not result.check.valid
    assert "CH already sits ex officio." in result.explanation("en")
    assert any(s.key == "elections.committee.ex_officio" and s.article for s in result.steps)


def test_committee_check_needs_a_roster_and_a_body_with_a_committee():
    with pytest.raises(ScenarioError) as err:
        dg = load_scenario(SCENARIOS / "election-dg-2020.yaml")
        committee_check(dg, elect(dg))
    assert err.value.field == "roster"


def test_elect_committee_json_adds_the_check_and_keeps_the_contract():
    result = runner.invoke(app, ["elect", str(FILE), "--json", "--committee"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["elections"]) == 6
    assert {"id", "status", "elected", "next_round", "rounds", "trace"} <= set(data["elections"][0])
    committee = data["committee"]
    assert committee["valid"] is True and len(committee["elected"]) == 44
    assert committee["plan"]["elected_seats"] == 44
    assert {s["key"] for s in committee["trace"]} >= {"elections.committee.valid"}
    assert all(s["en"] and s["fr"] for s in committee["trace"])


def test_elect_committee_without_a_roster_is_one_line_exit_2():
    result = runner.invoke(app, ["elect", str(SCENARIOS / "election-dg-2020.yaml"),
                                 "--committee"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "'roster'" in result.output


def test_executive_committee_scenario_round_trips_exactly():
    scenario = load_scenario(FILE)
    again = parse_scenario(dump_scenario(scenario), "again.yaml", FILE.parent)
    assert again.elections == scenario.elections
    assert elect(again) == elect(scenario)
