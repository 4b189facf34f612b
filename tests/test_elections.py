"""Elections: hand-worked cases (the rule in the test name), the real nominations, bad input."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.elections import (
    Candidate,
    Election,
    ElectionError,
    Round,
    elect,
    get_procedure,
    procedure_names,
    run_election,
)
from quorum.elections.procedure import procedure_from_mapping, procedure_to_mapping
from quorum.errors import ScenarioError
from quorum.scenario import dump_scenario, load_scenario, parse_scenario, scenario_from_mapping

from .conftest import SCENARIOS

runner = CliRunner()
ROUND_KEYS = {"round", "candidates", "withdrawn", "votes", "cast", "blank", "invalid",
              "majority_required", "elected", "eliminated"}
ELECTION_KEYS = {"id", "status", "elected", "next_round", "rounds", "trace"}
REAL = ("election-dg-2008.yaml", "election-dg-2014.yaml", "election-dg-2020.yaml")


def election(procedure: str, ids: str, *rounds: Round, seats: int = 1) -> Election:
    return Election("e", tuple(Candidate(c) for c in ids.split()), get_procedure(procedure),
                    seats, rounds)


def ballot(withdrawn: str = "", lot: str | None = None, blank: int = 0,
           ballots: int | None = None, **votes: int) -> Round:
    return Round(tuple(withdrawn.split()), tuple(votes.items()), blank, 0,
                 None if lot is None else tuple(lot.split()), ballots)


# --- WIPO General Rules of Procedure ---------------------------------------------------------

def test_wipo_grp_rule35_majority_counts_votes_cast_without_blank_ballots():
    r = run_election(election("wipo-general-rules-single", "A B", ballot(blank=3, A=41, B=39)),
                     83, 83)
    (first,) = r.rounds
    assert (first.cast, first.blank, first.majority_required) == (80, 3, 41)
    assert r.status == "elected" and r.elected == ("A",) and r.next_round is None


def test_wipo_grp_rule35_one_vote_short_of_the_majority_elects_nobody():
    r = run_election(election("wipo-general-rules-single", "A B C", ballot(A=41, B=30, C=12)),
                     83, 83)
    assert r.rounds[0].majority_required == 42 and r.elected == ()
    assert r.status == "open"


def test_wipo_grp_rule33_second_ballot_restricted_to_the_two_with_most_votes():
    r = run_election(election("wipo-general-rules-single", "A B C", ballot(A=40, B=30, C=13)),
                     83, 83)
    assert r.next_round == ("A", "B") and r.rounds[0].eliminated == ("C",)
    assert any(s.key == "elections.restricted" for s in r.steps)


def test_wipo_grp_rule33_equally_divided_second_ballot_is_a_tie_until_the_lot_is_recorded():
    e = election("wipo-general-rules-single", "A B C", ballot(A=40, B=30, C=13),
                 ballot(blank=1, A=41, B=41))
    r = run_election(e, 83, 83)
    assert r.status == "tie" and r.next_round is None and r.rounds[1].tie == ("A", "B")
    drawn = election("wipo-general-rules-single", "A B C", ballot(A=40, B=30, C=13),
                     ballot(blank=1, lot="B", A=41, B=41))
    assert run_election(drawn, 83, 83).elected == ("B",)


def test_wipo_grp_rule34_several_posts_majority_elects_then_restricted_to_twice_the_places():
    e = election("wipo-general-rules-several", "A B C D E",
                 ballot(ballots=50, A=30, B=20, C=25, D=15, E=10), seats=2)
    r = run_election(e, 60, 60)
    (first,) = r.rounds
    assert first.majority_required == 26 and first.elected == ("A",)
    assert r.next_round == ("B", "C") and r.status == "open"
    done = election("wipo-general-rules-several", "A B C D E",
                    ballot(ballots=50, A=30, B=20, C=25, D=15, E=10), ballot(B=20, C=30),
                    seats=2)
    assert run_election(done, 60, 60).elected == ("A", "C")


def test_wipo_grp_rule34_more_candidates_at_the_majority_than_places_take_the_most_votes():
    e = election("wipo-general-rules-several", "A B C", ballot(ballots=45, A=35, B=30, C=25),
                 seats=2)
    assert run_election(e, 45, 45).elected == ("A", "B")



@pytest.mark.parametrize("preset", ["wipo-general-rules-single", "wipo-general-rules-several"])
def test_wipo_grp_rules_33_34_restriction_is_flagged_unconfirmed_in_the_trace(preset: str):
    # Only the titles of Rules 33-36 could be read: the restriction is a documented reading.
    proc = get_procedure(preset)
    assert proc.switch("restricted_ballot_confirmed") is False
    r = run_election(election(preset, "A B C", ballot(A=40, B=30, C=13)), 83, 83)
    (shown,) = [s for s in r.steps if s.key == "elections.switch"
                and dict(s.params)["name"] == "restricted_ballot_confirmed"]
    assert dict(shown.params)["value"] is False
    en, fr = r.explanation("en"), r.explanation("fr")
    assert any("restricted_ballot_confirmed' = no" in line and "Rules 33 to 36" in line
               for line in en)
    assert any("restricted_ballot_confirmed » = non" in line and "articles 33 à 36" in line
               for line in fr)


@pytest.mark.parametrize("preset", ["wipo-dg-2008", "wipo-dg-2019"])
def test_dg_procedures_eliminate_so_the_rule_33_restriction_switch_is_not_shown(preset: str):
    r = run_election(election(preset, "A B C", ballot(A=40, B=30, C=13)), 83, 83)
    names = [dict(s.params)["name"] for s in r.steps if s.key == "elections.switch"]
    assert "restricted_ballot_confirmed" not in names
    assert "elect_before_final_two" in names
    assert ("elimination_stops_at_floor" in names) == (preset == "wipo-dg-2008")

# --- UN General Assembly ------------------------------------------------------------------

def test_unga_rule93_tie_for_second_place_leaves_the_restricted_ballot_to_a_lot():
    r = run_election(election("un-ga-single", "A B C", ballot(A=40, B=20, C=20)), 83, 83)
    assert r.status == "tie" and r.rounds[0].tie == ("B", "C")
    r = run_election(election("un-ga-single", "A B C", ballot(lot="C", A=40, B=20, C=20)),
                     83, 83)
    assert r.status == "open" and r.next_round == ("A", "C")


def test_unga_rule93_withdrawal_settles_a_tie_for_the_restricted_ballot():
    e = election("un-ga-single", "A B C", ballot(A=40, B=20, C=20), ballot("C", A=50, B=30))
    r = run_election(e, 83, 83)
    assert r.elected == ("A",)
    assert any(s.key == "elections.tie.withdrawn" for s in r.steps)


def test_unga_charter_art18_two_thirds_majority_as_a_custom_procedure():
    proc = procedure_from_mapping({"preset": "un-ga-single",
                                   "majority": {"fraction": "2/3", "base": "votes_cast"}},
                                  "t.yaml")
    e = Election("sc", (Candidate("A"), Candidate("B")), proc, 1,
                 (Round((), (("A", 128), ("B", 62))),))
    (first,) = run_election(e, 193, 190).rounds
    assert first.majority_required == 127 and first.elected == ("A",)


# --- WIPO Director General procedures ---------------------------------------------------

def test_wo_cc_42_staged_elimination_two_out_until_nine_remain_then_one():
    ids = " ".join(f"C{k}" for k in range(12))
    counts = {f"C{k}": 12 - k for k in range(12)}  # 78 votes, nobody near a majority
    r = run_election(election("wipo-dg-2008", ids, ballot(**counts)), 83, 83)
    assert r.rounds[0].eliminated == ("C10", "C11")
    ten = {f"C{k}": 12 - k for k in range(10)}
    r = run_election(election("wipo-dg-2008", " ".join(ten), ballot(**ten)), 83, 83)
    assert r.rounds[0].eliminated == ("C9",), "the floor of nine is not crossed"
    loose = get_procedure("wipo-dg-2008").with_switches(elimination_stops_at_floor=False)
    e = Election("e", tuple(Candidate(c) for c in ten), loose, 1, (ballot(**ten),))
    assert run_election(e, 83, 83).rounds[0].eliminated == ("C8", "C9")


def test_wo_cc_42_majority_before_the_final_two_does_not_elect_under_the_2014_reading():
    e = election("wipo-dg-2008", "A B C D", ballot(A=46, B=20, C=10, D=7))
    r = run_election(e, 83, 83)
    assert r.elected == () and r.rounds[0].eliminated == ("D",) and r.status == "open"
    assert any(s.key == "elections.deferred" for s in r.steps)
    eager = get_procedure("wipo-dg-2008").with_switches(elect_before_final_two=True)
    e2 = Election("e", e.candidates, eager, 1, e.rounds)
    assert run_election(e2, 83, 83).elected == ("A",)


def test_dg_2019_procedures_lowest_out_each_round():
    r = run_election(election("wipo-dg-2019", "A B C D", ballot(A=30, B=25, C=20, D=8)), 83, 83)
    assert r.rounds[0].eliminated == ("D",) and r.next_round == ("A", "B", "C")


def test_dg_2019_tie_for_last_place_is_a_tie_without_a_recorded_ballot():
    r = run_election(election("wipo-dg-2019", "A B C", ballot(A=43, B=20, C=20)), 83, 83)
    assert r.status == "tie"


# --- The real nominations -----------------------------------------------------------------

def test_dg_2008_reproduces_gurry_42_to_graca_aranha_41_after_four_rounds():
    (r,) = elect(load_scenario(SCENARIOS / "election-dg-2008.yaml"))
    assert r.status == "elected" and r.elected == ("AU",) and len(r.rounds) == 4
    assert [x.eliminated for x in r.rounds[:3]] == [("SI", "MK"), ("KE",), ("PK",)]
    last = r.rounds[-1]
    assert dict(last.votes or ()) == {"AU": 42, "BR": 41} and last.majority_required == 42
    assert all(x.cast == 83 for x in r.rounds)


def test_dg_2014_reproduces_gurry_nominated_after_one_ballot_and_two_withdrawals():
    (r,) = elect(load_scenario(SCENARIOS / "election-dg-2014.yaml"))
    assert r.elected == ("AU",) and r.rounds[0].eliminated == ("EE",)
    assert r.rounds[0].votes_of("AU") == 46 and r.rounds[0].majority_required == 42


def test_dg_2020_reproduces_tang_55_to_wang_28():
    (r,) = elect(load_scenario(SCENARIOS / "election-dg-2020.yaml"))
    assert r.elected == ("SG",) and r.rounds[0].published is False
    assert r.rounds[0].eliminated == ("PE",) and r.rounds[0].withdrawn == ("KZ",)
    assert r.rounds[1].candidates == ("SG", "CN") and r.rounds[1].majority_required == 42


@pytest.mark.parametrize("name", REAL)
def test_real_nominations_round_trip_exactly(name: str):
    scenario = load_scenario(SCENARIOS / name)
    again = parse_scenario(dump_scenario(scenario), "again.yaml")
    assert again.elections == scenario.elections
    assert elect(again) == elect(scenario)


@pytest.mark.parametrize("name", REAL)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_real_nominations_golden_traces(name: str, lang: str):
    (r,) = elect(load_scenario(SCENARIOS / name))
    golden = Path(__file__).parent / "golden" / f"{name[:-5]}.{lang}.txt"
    assert "\n".join(r.explanation(lang)) + "\n" == golden.read_text("utf-8")


def test_every_preset_is_cited_and_round_trips():
    for name in procedure_names():
        p = get_procedure(name)
        assert p.article and p.majority.article and p.sources, name
        assert procedure_from_mapping(procedure_to_mapping(p), "x") == p
        custom = p.with_switches(unopposed_elected=not p.switch("unopposed_elected"))
        assert procedure_from_mapping(procedure_to_mapping(custom), "x") == custom


# --- The command --------------------------------------------------------------------------

def test_elect_json_contract():
    result = runner.invoke(app, ["elect", str(SCENARIOS / "election-dg-2020.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    (d,) = json.loads(result.stdout)["elections"]
    assert ELECTION_KEYS <= set(d)
    assert d["status"] == "elected" and d["elected"] == ["SG"] and d["next_round"] is None
    assert all(ROUND_KEYS <= set(r) for r in d["rounds"])
    assert d["rounds"][1]["votes"] == {"SG": 55, "CN": 28} and d["rounds"][1]["cast"] == 83
    assert all(set(s) >= {"article", "en", "fr", "key"} for s in d["trace"])


def test_elect_table_in_french():
    result = runner.invoke(app, ["elect", str(SCENARIOS / "election-dg-2008.yaml"),
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "Tour 4" in result.stdout and "Francis Gurry (Australia)" in result.stdout
    assert "42 *" in result.stdout and "retiré" in result.stdout


def test_elect_without_elections_is_one_line():
    result = runner.invoke(app, ["elect", str(SCENARIOS / "assembly-full-quorum.yaml")])
    assert result.exit_code == 2 and "elections" in result.output
    assert len(result.output.strip().splitlines()) == 1


# --- Bad input ----------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "body": "wipo-coordination-committee", "members": 83, "present": 83,
    "elections": [{"id": "dg", "candidates": ["A", "B", "C", "D"], "procedure": "wipo-dg-2019",
                   "rounds": [{"votes": {"A": 30, "B": 25, "C": 20, "D": 8}}]}],
}


def with_rounds(*rounds: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(BASE))
    data["elections"][0]["rounds"] += list(rounds)
    data["elections"][0].update(extra)
    return data


@pytest.mark.parametrize("data,field,words", [
    (with_rounds({"votes": {"A": 40, "D": 3}}), "elections[0].rounds[1].votes.D",
     "eliminated after round 1"),
    (with_rounds({"withdrawn": ["C"], "votes": {"A": 40, "C": 3}}),
     "elections[0].rounds[1].votes.C", "withdrawn before round 2"),
    (with_rounds({"votes": {"A": 40, "B": 30, "C": 20}}), "elections[0].rounds[1].votes",
     "only 83 members present"),
    (with_rounds({"withdrawn": ["C"], "votes": {"A": 50, "B": 30}}, {"votes": {"A": 1}}),
     "elections[0].rounds[2]", "after every seat is filled"),
    (with_rounds(procedure="wipo-dg-1066"), "elections[0].procedure", "unknown procedure"),
    (with_rounds({"votes": {"Z": 1}}), "elections[0].rounds[1].votes.Z", "not a candidate"),
    (with_rounds({"withdrawn": ["D"]}), "elections[0].rounds[1].withdrawn", "not in the running"),
    (with_rounds({"votes": {"A": -1}}), "elections[0].rounds[1].votes.A", "not a number"),
    (with_rounds({"lot": ["A"], "votes": {"A": 40, "B": 3, "C": 2}}),
     "elections[0].rounds[1].lot", "no tie"),
    (with_rounds({"lot": ["D"], "votes": {"A": 30, "B": 20, "C": 20}}),
     "elections[0].rounds[1].lot", "tied candidates"),
])
def test_bad_election_input_names_file_field_and_fix(data, field, words):
    with pytest.raises(ScenarioError) as info:
        scenario_from_mapping(data, "bad.yaml")
    err = info.value
    assert err.field == field and words in err.problem and err.fix
    assert "\n" not in err.message and err.message.startswith("bad.yaml: field")


def test_bad_input_from_the_command_line_exits_2_in_one_line(tmp_path: Path):
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(with_rounds({"votes": {"A": 40, "D": 3}})), "utf-8")
    result = runner.invoke(app, ["elect", str(path), "--json"])
    assert result.exit_code == 2
    assert "elections[0].rounds[1].votes.D" in result.output and "Traceback" not in result.output


def test_lot_names_whom_it_favoured_for_an_elimination_tie():
    data = with_rounds({"votes": {"A": 30, "B": 25, "C": 2, "D": 2}})
    del data["elections"][0]["rounds"][0]
    data["elections"][0]["candidates"] = ["A", "B", "C", "D"]
    data["elections"][0]["rounds"] = [{"votes": {"A": 30, "B": 25, "C": 2, "D": 2},
                                       "lot": ["C"]}]
    (r,) = elect(scenario_from_mapping(data, "x.yaml"))
    assert r.rounds[0].eliminated == ("D",) and r.next_round == ("A", "B", "C")


# --- Rosters: each member's ballot by id ---------------------------------------------------

ROSTER: dict[str, Any] = {
    "body": "wipo-coordination-committee",
    "members": [{"id": m, "present": m != "F"} for m in "ABCDEF"],
    "elections": [{"id": "chair", "candidates": ["X", "Y", "Z"],
                   "procedure": "wipo-general-rules-single",
                   "rounds": [{"votes": {"A": "X", "B": "X", "C": "Y", "D": "Y",
                                         "E": "blank"}}]}],
}


def test_roster_ballots_by_member_are_counted_and_round_trip():
    scenario = scenario_from_mapping(ROSTER, "r.yaml")
    (r,) = elect(scenario)
    first = r.rounds[0]
    assert dict(first.votes or ()) == {"X": 2, "Y": 2, "Z": 0} and first.blank == 1
    assert first.cast == 4 and first.majority_required == 3 and r.next_round == ("X", "Y")
    again = parse_scenario(dump_scenario(scenario), "again.yaml")
    assert again.elections == scenario.elections


def test_roster_ballot_of_an_absent_member_is_refused():
    data = json.loads(json.dumps(ROSTER))
    data["elections"][0]["rounds"][0]["votes"]["F"] = "X"
    with pytest.raises(ScenarioError) as info:
        scenario_from_mapping(data, "r.yaml")
    assert info.value.field == "elections[0].rounds[0].votes.F"


def test_engine_error_is_a_value_error_with_field_and_fix():
    with pytest.raises(ElectionError) as info:
        run_election(election("un-ga-single", "A B", ballot(A=50, B=40)), 83, 83)
    assert info.value.field == "rounds[0].votes" and "present" in info.value.problem


def test_exact_majority_is_the_smallest_integer_meeting_the_fraction():
    for cast in range(1, 200):
        (first,) = run_election(election("un-ga-single", "A B", ballot(A=cast, B=0)),
                                250, 250).rounds
        need = first.majority_required
        assert need is not None and Fraction(need, cast) > Fraction(1, 2)
        assert need == 1 or Fraction(need - 1, cast) <= Fraction(1, 2)


def test_the_format_of_the_issue_reads_and_counts_as_written():
    """The scenario format of the public contract, verbatim with its comments."""
    path = Path(__file__).parent / "golden" / "election-issue-example.yaml"
    result = runner.invoke(app, ["elect", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (d,) = json.loads(result.stdout)["elections"]
    assert d["status"] == "elected" and d["elected"] == ["SG"] and d["next_round"] is None
    first, second = d["rounds"]
    assert first["candidates"] == ["SG", "CN", "CO", "GH", "PE"] and first["withdrawn"] == ["KZ"]
    assert (first["cast"], first["majority_required"], first["eliminated"]) == (83, 42, ["PE"])
    assert second["elected"] == ["SG"] and second["candidates"] == ["SG", "CN"]


@pytest.mark.parametrize("value", [None, 0, 1.5, True, {"a": 1}, [1]])
def test_procedure_sources_must_be_texts(value):
    data = with_rounds(procedure={"preset": "un-ga-single", "sources": value})
    with pytest.raises(ScenarioError) as info:
        scenario_from_mapping(data, "bad.yaml")
    assert info.value.field == "elections[0].procedure.sources"
