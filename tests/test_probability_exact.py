"""The exact engine against brute-force enumeration through the core's public evaluation."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quorum import get_body
from quorum.probability import compile_model, plan_decision, simulate
from quorum.probability import exact as exact_module
from quorum.probability.exact import (
    adoption_probability,
    exact_decision,
    session_by_represented,
    single_profile,
    written_heterogeneous,
)
from quorum.probability.model import CompiledModel
from quorum.probability.plan import margin_of
from quorum.rules import Base, Condition, Threshold
from quorum.scenario import Scenario, scenario_from_mapping

from .test_probability_cases import (
    aggregate_scenarios,
    brute_force,
    brute_force_counts,
    roster_scenarios,
)

KEYS = (("full", "p_quorum_full"), ("reduced", "p_quorum_reduced"), ("none", "p_no_quorum"),
        ("adopted", "p_adopted"), ("executory", "p_executory"))


def assert_matches(reference: dict[str, float], scenario: Scenario) -> None:
    result = simulate(scenario, method="exact").decisions[0]
    assert result.method == "exact" and result.stderr == 0.0
    for ours, theirs in KEYS:
        assert abs(reference[ours] - getattr(result, theirs)) <= 1e-12, (ours, reference,
                                                                          result.to_dict())


@settings(max_examples=40, deadline=None, derandomize=True)
@given(roster_scenarios(max_members=4))
def test_exact_equals_enumeration_of_roster_sessions(scenario: Scenario) -> None:
    """Groups, per-member figures, blocs, arrears (Art. 25(4)(e)), every base, both switches."""
    assert_matches(brute_force(scenario), scenario)


def _alike(body: Any, kind: str, n: int, present: str, vote: dict[str, str],
           written: dict[str, str], no_votes: bool = False) -> Scenario:
    return scenario_from_mapping({
        "body": body, "members": n,
        "interpretation": {"adopt_with_no_votes_cast": no_votes},
        "model": {"present": present, "vote": vote, "written": written},
        "decisions": [{"id": "d", "kind": kind}]}, "<test>")


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.data())
@example(None)
def test_members_alike_equal_enumeration_of_counts(data: Any) -> None:
    """The one-profile closed form against :func:`quorum.decide` on every outcome."""
    if data is None:  # Art. 22(3)(c): three members, the written route decides
        scenario = _alike("berne-assembly", "substantive", 3, "0.4",
                          {"yes": "0.5", "no": "0.2", "abstain": "0.3"},
                          {"reply": "0.7", "yes": "0.3", "no": "0.3", "abstain": "0.4"})
    else:
        scenario = data.draw(aggregate_scenarios(max_members=4).filter(
            lambda s: not (s.model or {}).get("groups")))
    assert_matches(brute_force_counts(scenario), scenario)


def _random_model(rules: Any, n: int, seed: int, alike: bool = False,
                  suspended: bool = False) -> CompiledModel:
    rng = np.random.default_rng(seed)
    rows = 1 if alike else n
    present = np.resize(rng.uniform(0.2, 0.8, rows), n)
    vote = np.resize(rng.dirichlet([4, 2, 1], rows), (n, 3))
    reply = np.resize(rng.uniform(0.2, 0.9, rows), n)
    written = np.resize(rng.dirichlet([3, 2, 2], rows), (n, 3))
    has_vote = rng.random(n) > 0.2 if suspended else np.ones(n, dtype=bool)
    return CompiledModel(rules=rules, members=n, ids=tuple(map(str, range(n))),
                         names=tuple(map(str, range(n))), groups=("",) * n, present=present,
                         vote=vote, reply=reply, written=written, has_vote=has_vote,
                         bloc=np.full(n, -1))


@pytest.mark.parametrize("kind", ["substantive", "procedural", "amendment-art22"])
def test_alike_closed_form_equals_member_convolution_at_181(kind: str) -> None:
    rules = get_body("berne-assembly")
    cm = _random_model(rules, 181, 3, alike=True)
    plan = plan_decision(rules, kind, 181)
    _, closed, _ = single_profile(cm, plan, with_written=False)
    _, convolved, trimmed = session_by_represented(cm, plan)
    assert trimmed <= 1e-15
    assert np.abs(closed - convolved).max() <= 1e-12


@pytest.mark.parametrize("counted", [False, True])
@pytest.mark.parametrize(("body", "kind"), [("berne-assembly", "substantive"),
                                            ("berne-assembly", "amendment"),
                                            ("berne-executive-committee", "simple"),
                                            ("un-general-assembly", "important")])
def test_vectorised_one_margin_grid_equals_member_by_member_convolution(
        body: str, kind: str, counted: bool) -> None:
    """181 members, each its own figures, a fifth without the vote (Art. 25(4)(e)), with
    and without counting them for the quorum: the fast grid is the generic one."""
    rules = get_body(body).with_interpretation(arrears_count_for_quorum=counted)
    cm = _random_model(rules, 181, 5, suspended=True)
    plan = plan_decision(rules, kind, 181)
    assert len(plan.margins) == 1
    fast, fast_lo, _ = exact_module._one_margin_grid(cm, plan, exact_module.TOLERANCE)
    members = [exact_module._session_transitions(cm, plan, i, True) for i in range(181)]
    slow, slow_lo, _ = exact_module._session_grid(members, plan, drop_margins=True,
                                                  tolerance=exact_module.TOLERANCE)

    def by_count(grid: Any, lo: Any) -> dict[int, float]:
        return {int(lo[0]) + k: float(grid[k].sum()) for k in range(grid.shape[0])}

    a, b = by_count(fast, fast_lo), by_count(slow, slow_lo)
    assert sum(a.values()) > 0
    assert max(abs(a.get(r, 0.0) - b.get(r, 0.0)) for r in a.keys() | b.keys()) <= 1e-13


@pytest.mark.parametrize("switch", [False, True])
def test_written_procedure_closed_form_equals_joint_convolution(switch: bool) -> None:
    """Art. 22(3)(c) for 14 members alike: the two exact routes agree."""
    rules = get_body("berne-assembly").with_interpretation(adopt_with_no_votes_cast=switch)
    cm = _random_model(rules, 14, 7, alike=True)
    plan = plan_decision(rules, "substantive", 14)
    _, _, closed = single_profile(cm, plan)
    assert closed is not None
    assert abs(closed - written_heterogeneous(cm, plan)) <= 1e-12


def test_heterogeneous_berne_assembly_is_a_probability_and_trims_little() -> None:
    rules = get_body("berne-assembly")
    cm = _random_model(rules, 181, 11, suspended=True)
    plan = plan_decision(rules, "substantive", 181)
    result = exact_decision(cm, plan)
    assert 0 <= result.p_adopted <= result.p_full + result.p_reduced + 1e-12
    assert result.p_written_ok is None  # too large a joint state: the engine samples it
    assert abs(result.p_adopted - adoption_probability(cm, plan)) <= 1e-15


@pytest.mark.parametrize("base", list(Base))
@pytest.mark.parametrize("fraction", ["1/2", "2/3", "3/4", "4/5", "1", "1/3"])
@pytest.mark.parametrize("strict", [False, True])
def test_margin_forms_equal_the_condition(base: Base, fraction: str, strict: bool) -> None:
    """The integer margin of each condition reads exactly as :meth:`Condition.met`."""
    from fractions import Fraction

    condition = Condition(Threshold(Fraction(fraction), strict), base)
    for members in (1, 7, 181):
        m = margin_of(condition, members)
        yes, no, extra = np.meshgrid(np.arange(40), np.arange(40), np.arange(3),
                                     indexing="ij")
        present = yes + no + extra
        ours = m.yes * yes + m.no * no + m.present * present >= m.bound
        theirs = np.broadcast_to(condition.met(yes, no, present, members), ours.shape)
        assert np.array_equal(ours, theirs)


def test_the_public_contract_scenario_is_exact_and_consistent(root: Any) -> None:
    scenario = __import__("quorum.scenario", fromlist=["load_scenario"]).load_scenario(
        root / "scenarios" / "whatif-everyone-alike.yaml")
    assert scenario.session.members == 181 and scenario.model is not None
    d = simulate(scenario)["budget"]
    assert d.method == "exact"
    assert abs(d.p_quorum_full + d.p_quorum_reduced + d.p_no_quorum - 1) <= 1e-12
    # The attendance distribution is binomial(181, 0.45): its mean is exact.
    assert abs(d.expected["attendance"] - 181 * 0.45) <= 1e-9
    assert d.distributions.shape == (182, 5)
    assert 0 < d.p_executory < d.p_adopted < d.p_quorum_full + d.p_quorum_reduced
    cm = compile_model(scenario)
    assert cm.members == 181 and bool(cm.has_vote.all())
