"""Scenario files: every bundled file loads, bad input gets one clear message, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from quorum import ScenarioError, evaluate
from quorum.scenario import (
    dump_scenario,
    load_scenario,
    parse_scenario,
    scenario_to_mapping,
)

from .conftest import SCENARIOS
from .strategies import aggregate_sessions

ALL = sorted(SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_bundled_scenario_loads_and_says_what_it_shows(path: Path):
    assert path.read_text("utf-8").startswith("#"), "each scenario opens with a comment"
    scenario = load_scenario(path)
    if scenario.model is None:
        assert evaluate(scenario.session) or scenario.elections


def test_at_least_a_dozen_scenarios():
    assert len(ALL) >= 12


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_round_trip_is_identical(path: Path):
    scenario = load_scenario(path)
    again = parse_scenario(dump_scenario(scenario), "again.yaml", path.parent)
    assert again.session.rules == scenario.session.rules
    assert again.session.decisions == scenario.session.decisions
    assert again.session.roster == scenario.session.roster
    assert (again.session.members, again.session.present, again.session.date) == (
        scenario.session.members, scenario.session.present, scenario.session.date)
    assert again.model == scenario.model
    assert scenario_to_mapping(again) == scenario_to_mapping(scenario)


@given(aggregate_sessions())
def test_round_trip_of_generated_sessions(session):
    from quorum.scenario import Scenario

    scenario = Scenario(session=session, body_ref=session.rules.id)
    again = parse_scenario(dump_scenario(scenario))
    assert again.session.decisions == session.decisions
    assert again.session.rules == session.rules


BAD = [
    ("body: berne-assembly\nmembers: 181\npresent: 61\ndecisions:\n"
     "  - {id: a, votes: {yes: 50, no: 20, abstain: 1}}\n",
     "decisions[0].votes", "only 61 members present"),
    ("body: berne-assembly\nmembers: 181\npresent: 61\ndecisions:\n"
     "  - {id: a, votes: {yes: -1}}\n", "decisions[0].votes.yes", "negative"),
    ("body: berne-parliament\nmembers: 181\npresent: 61\n", "body", "unknown body"),
    ("body: berne-assembly\nmembers: 181\npresent: 61\ndecisions:\n  - {id: a, kind: treaty}\n",
     "decisions[0].kind", "unknown decision kind"),
    ("body: berne-assembly\nmembers: 181\npresent: 200\n", "present", "only 181 members"),
    ("body: berne-assembly\nmembers: -3\npresent: 1\n", "members", "negative"),
    ("body: berne-assembly\nmembers: 181\npresent: 100\ndecisions:\n  - {id: a}\n  - {id: a}\n",
     "", "two decisions have the id"),
    ("body: berne-assembly\ndate: 2026-02-30\nmembers: [{id: A, present: true}]\n", "date",
     "not a date"),
    ("body: berne-assembly\nmembers: [{id: A, present: true}, {id: A}]\n", "members",
     "two members have the id"),
    ("body: berne-assembly\nmembers: 181\npresent: 100\ndecisions:\n"
     "  - {id: a, votes: {yes: 60, no: 1}, written: {replies: {yes: 1}}}\n",
     "decisions[0].written.replies", "quorum was met"),
    ("body: berne-assembly\nmembers: [{id: A, present: true}, {id: B}]\ndecisions:\n"
     "  - {id: a, votes: {B: yes}}\n", "decisions[0].votes.B", "not present"),
    ("body: berne-assembly\nmembers: [{id: A, present: true}, {id: B}]\ndecisions:\n"
     "  - {id: a, votes: {A: maybe}}\n", "decisions[0].votes.A", "not a vote"),
    ("body: berne-assembly\nmembers: 181\npresent: 61\ndecisions:\n"
     "  - {id: a, votes: {yes: 40, no: 20}, written: {communicated: 2026-13-01}}\n",
     "decisions[0].written.communicated", "date"),
    ("body: berne-assembly\nmembers: 181\npresent: 61\nquorum: 3\n", "quorum",
     "unknown field"),
    ("body: berne-assembly\nmembers: 181\npresent: 61\ninterpretation: {lenient: true}\n",
     "interpretation", "unknown interpretation switch"),
    ("body: [unclosed\n", "", "not valid YAML"),
]


@pytest.mark.parametrize("text,field,problem", BAD, ids=[b[2] for b in BAD])
def test_bad_input_names_file_field_and_fix(text, field, problem):
    with pytest.raises(ScenarioError) as info:
        scenario = parse_scenario(text, "bad.yaml")
        evaluate(scenario.session)
    err = info.value
    assert err.source == "bad.yaml"
    assert err.field == field
    assert problem in err.problem
    assert err.fix, "every error says how to fix it"
    assert str(err).startswith("bad.yaml: ")


def test_yes_and_no_keys_are_not_booleans():
    scenario = parse_scenario("members: 10\npresent: 10\ndecisions:\n"
                              "  - {id: a, votes: {yes: 7, no: 3}}\n")
    assert scenario.session.decisions[0].votes.yes == 7


def test_upload_may_not_reference_files():
    with pytest.raises(ScenarioError, match="not allowed"):
        parse_scenario("roster: /etc/passwd.csv\n", "upload.yaml")
    with pytest.raises(ScenarioError, match="not allowed"):
        parse_scenario("body: ../../secret.yaml\nmembers: 3\npresent: 3\n", "upload.yaml")


def test_confined_upload_cannot_escape_its_folder(tmp_path):
    (tmp_path / "inner").mkdir()
    outside = tmp_path / "members.csv"
    outside.write_text("id,present\nA,true\n")
    with pytest.raises(ScenarioError, match="outside"):
        parse_scenario("roster: ../members.csv\n", "upload.yaml", tmp_path / "inner", True)


def test_upload_size_limit():
    with pytest.raises(ScenarioError, match="limit"):
        parse_scenario(b"#" * 2000, "big.yaml", max_bytes=1000)


def test_python_object_tags_are_refused():
    with pytest.raises(ScenarioError, match="not valid YAML"):
        parse_scenario("body: !!python/object/apply:os.system ['echo hacked']\n", "evil.yaml")


def test_roster_csv_next_to_the_scenario():
    scenario = load_scenario(SCENARIOS / "assembly-roster-csv.yaml")
    assert scenario.session.members == 4  # the observer is not a member
    (out,) = evaluate(scenario.session)
    assert (out.yes, out.no) == (1, 1)
