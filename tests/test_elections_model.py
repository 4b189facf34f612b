"""Chances under an election model: the vectorised count agrees with the readable engine."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.elections import Candidate, Election, Round, get_procedure, run_election
from quorum.elections.model import (
    parse_election_model,
    run_chunk,
    sample_preferences,
    simulate_election,
    simulate_elections,
)
from quorum.errors import ScenarioError
from quorum.scenario import scenario_from_mapping

from .conftest import SCENARIOS

runner = CliRunner()


def modelled(procedure: str, model: dict[str, Any], ids: str = "A B C D E") -> Election:
    return Election("e", tuple(Candidate(c) for c in ids.split()), get_procedure(procedure),
                    1, (), "", model)


def replay(election: Election, utilities: np.ndarray, withdrawn: np.ndarray, voters: int
           ) -> tuple[int, int, bool]:
    """The readable engine on the same ballots: (winner index, ballots, tie)."""
    ids = election.ids
    running = [c for k, c in enumerate(ids) if not withdrawn[k]]
    first = tuple(c for k, c in enumerate(ids) if withdrawn[k])
    rounds: list[Round] = []
    while True:
        if not running:
            return -1, sum(r.votes is not None for r in rounds), False
        if len(running) == 1 and not rounds and not first:
            return ids.index(running[0]), 0, False
        idx = [ids.index(c) for c in running]
        choice = np.array(idx)[np.argmax(utilities[:, idx], axis=1)]
        votes = tuple((c, int((choice == ids.index(c)).sum())) for c in running)
        withdrawn_now = first if not rounds else ()
        if len(running) == 1:
            votes_or_none = None
        else:
            votes_or_none = votes
        rounds.append(Round(withdrawn_now, votes_or_none))
        result = run_election(Election("e", election.candidates, election.procedure, 1,
                                       tuple(rounds)), voters, voters)
        ballots = sum(r.votes is not None for r in result.rounds)
        if result.status == "tie":
            return -2, ballots, True
        if result.status == "elected":
            return ids.index(result.elected[0]), ballots, False
        assert result.next_round is not None
        if list(result.next_round) == running and len(running) == 2:
            return -2, ballots, True  # the same two again: the simulation draws lots
        running = list(result.next_round)
        first = ()


@pytest.mark.parametrize("procedure", ["wipo-dg-2019", "wipo-dg-2008", "un-ga-single",
                                       "wipo-general-rules-single"])
def test_vectorised_count_matches_the_readable_engine(procedure: str):
    election = modelled(procedure, {"support": {"A": 0.35, "B": 0.3, "C": 0.15, "D": 0.12,
                                                "E": 0.08}, "withdraw": {"E": 0.3}})
    model = parse_election_model(election, "t", "model", 41)
    rng = np.random.default_rng(7)
    utilities, withdrawn, _ = sample_preferences(model, 300, rng)
    winner, ballots, tie = run_chunk(election.procedure, utilities, withdrawn, 41, 41, 0.0,
                                     40, rng)
    compared = 0
    for s in range(300):
        w, b, t = replay(election, utilities[s], withdrawn[s], 41)
        if t:
            assert tie[s], s
            continue
        if tie[s]:
            continue  # a lot the vectorised count drew where the record would go on
        assert (winner[s], ballots[s]) == (w, b), s
        compared += 1
    assert compared > 150


def test_a_unanimous_electorate_elects_its_candidate_after_the_lot_among_the_others():
    election = modelled("wipo-dg-2019", {"support": {"A": 1}}, "A B C")
    chances = simulate_election(election, parse_election_model(election, "t", "m", 83), 83, 83,
                                samples=5000, seed=1)
    assert chances.p_elected == (1.0, 0.0, 0.0)
    assert chances.p_tie == 1.0 and chances.rounds[2] == 1.0  # B and C tied at 0: a lot


def test_seeded_runs_repeat_and_a_fair_contest_is_even_within_its_confidence_interval():
    election = modelled("un-ga-single", {"support": {"A": 0.5, "B": 0.5}}, "A B")
    model = parse_election_model(election, "t", "m", 83)
    one = simulate_election(election, model, 83, 83, 20_000, 3, "monte-carlo")
    assert one == simulate_election(election, model, 83, 83, 20_000, 3, "monte-carlo")
    assert one != simulate_election(election, model, 83, 83, 20_000, 4, "monte-carlo")
    assert abs(one.p_elected[0] - 0.5) < 4 * math.sqrt(0.25 / 20_000)
    assert one.p_tie == 0.0  # 83 voters for one place cannot split evenly


@pytest.mark.parametrize("procedure", ["un-ga-single", "wipo-dg-2019"])
def test_exact_two_candidate_chances_agree_with_the_simulation(procedure):
    # 82 voters in two groups: an even split is possible, and is settled by lot.
    election = modelled(procedure, {"groups": [{"size": 50, "support": {"A": 0.6, "B": 0.4}},
                                               {"size": 32, "support": {"A": 0.3, "B": 0.7}}]},
                        "A B")
    model = parse_election_model(election, "t", "m", 82)
    exact = simulate_election(election, model, 82, 82)
    assert exact.method == "exact" and abs(sum(exact.p_elected) + exact.p_none - 1) < 1e-12
    sampled = simulate_election(election, model, 82, 82, 40_000, 5, "monte-carlo")
    for name, e, m in (("A", exact.p_elected[0], sampled.p_elected[0]),
                       ("tie", exact.p_tie, sampled.p_tie)):
        assert abs(e - m) < 4 * math.sqrt(e * (1 - e) / 40_000) + 1e-9, name
    assert abs(exact.rounds[1] + exact.rounds[2] - 1) < 1e-12
    assert (exact.rounds[2] > 0) == (procedure == "un-ga-single")  # rule 93's lot comes second


def test_exact_is_refused_where_it_does_not_reach():
    election = modelled("un-ga-single", {"support": {"A": 0.5, "B": 0.3, "C": 0.2}}, "A B C")
    model = parse_election_model(election, "t", "m", 83)
    with pytest.raises(ScenarioError):
        simulate_election(election, model, 83, 83, 100, 0, "exact")


def test_simulate_json_has_elections_beside_decisions():
    result = runner.invoke(app, ["simulate", str(SCENARIOS / "election-whatif-dg.yaml"),
                                 "--json", "--samples", "4000"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["decisions"] == []
    (e,) = data["elections"]
    assert {"id", "p_elected", "p_tie", "rounds", "p_none", "samples", "method"} <= set(e)
    assert abs(sum(e["p_elected"].values()) + e["p_none"] - 1) < 1e-9
    assert e["p_elected"]["KZ"] < 0.05


@pytest.mark.parametrize("model,field", [
    ({"support": {"Z": 1}}, "elections[0].model.support.Z"),
    ({"support": {"A": 2}}, "elections[0].model.support.A"),
    ({"groups": [{"size": -1, "support": {"A": 1}}]}, "elections[0].model.groups[0].size"),
    ({"support": {"A": 1}, "withdraw": {"Q": 1}}, "elections[0].model.withdraw.Q"),
    ({"suport": {"A": 1}}, "elections[0].model.suport"),
])
def test_bad_models_name_their_field(model, field):
    data = {"body": "wipo-coordination-committee", "members": 83, "present": 83,
            "elections": [{"id": "x", "candidates": ["A", "B"], "model": model}]}
    with pytest.raises(ScenarioError) as info:
        simulate_elections(scenario_from_mapping(data, "m.yaml"), samples=10)
    assert info.value.field == field and info.value.fix


def replay_several(election: Election, utilities: np.ndarray, withdrawn: np.ndarray,
                   voters: int, max_rounds: int = 40) -> tuple[frozenset[str], int, bool]:
    """The readable engine on the same ballots, several places: (elected, ballots, tie)."""
    ids = election.ids
    running = [c for k, c in enumerate(ids) if not withdrawn[k]]
    first = tuple(c for k, c in enumerate(ids) if withdrawn[k])
    rounds: list[Round] = []
    elected: tuple[str, ...] = ()
    for _ in range(max_rounds + 1):
        m = election.seats - len(elected)
        if len(running) <= m and not rounds:
            rounds.append(Round(first, None))
        else:
            idx = [ids.index(c) for c in running]
            top = np.argsort(-utilities[:, idx], axis=1, kind="stable")[:, :m]
            counts = {c: int((top == k).sum()) for k, c in enumerate(running)}
            rounds.append(Round(first if not rounds else (), tuple(counts.items()), 0, 0,
                                None, voters if m > 1 else None))
        result = run_election(Election("e", election.candidates, election.procedure,
                                       election.seats, tuple(rounds)), voters, voters)
        ballots = sum(r.votes is not None for r in result.rounds)
        if result.status == "tie":
            return frozenset(result.elected), ballots, True
        elected = result.elected
        if result.status == "elected" or not result.next_round or ballots >= max_rounds:
            return frozenset(elected), ballots, False
        running = list(result.next_round)
    raise AssertionError("unreachable")


@pytest.mark.parametrize("procedure", ["wipo-general-rules-several", "un-ga-several",
                                       "wipo-dg-2019"])
def test_vectorised_count_of_several_places_matches_the_readable_engine(procedure: str):
    from quorum.elections.model import run_chunk_several

    election = Election("e", tuple(Candidate(c) for c in "ABCDEF"), get_procedure(procedure),
                        2, (), "", {"support": {"A": 0.3, "B": 0.25, "C": 0.2, "D": 0.12,
                                                "E": 0.08, "F": 0.05}, "withdraw": {"F": 0.3}})
    model = parse_election_model(election, "t", "model", 31)
    rng = np.random.default_rng(11)
    utilities, withdrawn, _ = sample_preferences(model, 200, rng)
    elected, _, ballots, tie = run_chunk_several(election.procedure, 2, utilities, withdrawn,
                                                 31, 31, 0.0, 40, rng)
    compared = 0
    for s in range(200):
        names, b, t = replay_several(election, utilities[s], withdrawn[s], 31)
        if t:
            assert tie[s], s
            continue
        if tie[s]:
            continue
        got = frozenset(c for k, c in enumerate(election.ids) if elected[s, k])
        assert (got, ballots[s]) == (names, b), s
        compared += 1
    assert compared > 100


def test_several_places_chances_add_up_to_the_places():
    election = Election("board", tuple(Candidate(c) for c in "ABCD"),
                        get_procedure("wipo-general-rules-several"), 2, (), "",
                        {"support": {"A": 0.4, "B": 0.3, "C": 0.2, "D": 0.1}})
    model = parse_election_model(election, "t", "m", 41)
    chances = simulate_election(election, model, 41, 41, 5_000, 2)
    assert abs(sum(chances.p_elected) - 2 * (1 - chances.p_none)) < 0.05
    assert chances.p_elected[0] > chances.p_elected[3]
