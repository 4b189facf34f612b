"""Swings, and invariants of every result (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from quorum.probability import compile_model, simulate, swings
from quorum.probability.engine import plans_for
from quorum.probability.swing import member_swings
from quorum.scenario import Scenario, load_scenario, scenario_from_mapping

from .conftest import SCENARIOS
from .test_probability_cases import aggregate_scenarios, roster_scenarios


@settings(max_examples=25, deadline=None, derandomize=True)
@given(roster_scenarios(max_members=6))
def test_a_yes_instead_of_a_no_never_lowers_adoption(scenario: Scenario) -> None:
    """Art. 22(3)(d): every majority is monotone in yes votes, so every vote swing is >= 0."""
    cm = compile_model(scenario)
    plan = plans_for(scenario.session, cm.members, scenario.source)[0]
    frame = member_swings(cm, plan)
    voters = frame[frame["has_vote"]]
    assert (voters["vote_swing"] >= -1e-12).all()
    assert (voters["p_if_yes"] >= voters["p_if_abstain"] - 1e-12).all()
    assert frame.loc[~frame["has_vote"], "vote_swing"].isna().all()


def test_group_and_member_swings_of_the_groups_scenario() -> None:
    frame = swings(load_scenario(SCENARIOS / "whatif-groups.yaml"), "budget")
    groups = frame[frame["level"] == "group"].set_index("id")
    members = frame[frame["level"] == "member"].set_index("id")
    assert len(members) == 179 and set(groups.index) >= {"african", "group-b"}
    assert (frame["vote_swing"] >= 0).all()
    # a whole group voting yes outweighs any one member
    several = groups[groups["members"] > 1]
    assert several["vote_swing"].min() > members["vote_swing"].max()
    assert np.allclose(frame["presence_swing"], frame["p_if_present"] - frame["p_if_absent"])
    assert frame["p_adopted"].nunique() == 1


def test_swings_under_blocs_condition_on_the_lines() -> None:
    scenario = scenario_from_mapping({
        "body": "berne-assembly", "members": 40,
        "model": {"present": 0.6, "vote": {"yes": 0.6, "no": 0.3},
                  "groups": {"a": {"size": 12}, "b": {"size": 8}},
                  "blocs": {"a": {"cohesion": 0.9, "line": {"yes": 0.2, "no": 0.8}}}},
        "decisions": [{"id": "d", "kind": "amendment"}]}, "<test>")
    frame = swings(scenario).set_index("id")
    assert (frame["vote_swing"] >= 0).all()
    assert frame.loc["a", "members"].tolist() == [12, 12]  # the member kind and the group
    member = frame[frame["level"] == "member"]
    group = frame[frame["level"] == "group"]
    # a bloc member's presence is correlated with its bloc's line: it moves P differently
    assert member.loc["a", "presence_swing"] > 0 > member.loc["b", "presence_swing"]
    assert group.loc["a", "vote_swing"] > group.loc["b", "vote_swing"]


@settings(max_examples=30, deadline=None, derandomize=True)
@given(aggregate_scenarios(max_members=150))
def test_invariants_of_every_result(scenario: Scenario) -> None:
    for d in simulate(scenario, samples=5000, seed=1).decisions:
        values = [d.p_quorum_full, d.p_quorum_reduced, d.p_no_quorum, d.p_adopted,
                  d.p_executory]
        assert all(0.0 <= v <= 1.0 for v in values)
        assert abs(d.p_quorum_full + d.p_quorum_reduced + d.p_no_quorum - 1) <= 1e-12
        assert d.p_executory <= d.p_adopted <= d.p_quorum_full + d.p_quorum_reduced + 1e-12
        assert (d.method == "exact") == (d.stderr == 0)
        dist = d.distributions
        assert np.allclose(dist.sum(axis=0), 1.0, atol=1e-9)
