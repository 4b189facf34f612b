"""The Executive Committee derived from the roster (Art. 23)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum import Member, get_body
from quorum.cli import app
from quorum.committee import Method, allocate_seats, check_proposal, plan_committee
from quorum.roster import bundled_roster

ASSEMBLY = get_body("berne-assembly")


def test_art23_3_seats_from_the_roster_one_fourth_remainder_disregarded():
    plan = plan_committee(ASSEMBLY, bundled_roster())
    n = sum(not m.observer for m in bundled_roster())
    assert plan.elected_seats == n // 4
    assert plan.total_seats == n // 4 + 1  # Art. 23(2)(a): the host's ex officio seat


def test_art23_5_b_reelection_cap_two_thirds():
    plan = plan_committee(ASSEMBLY, bundled_roster())
    assert plan.reelection_cap == (2 * plan.elected_seats) // 3


def test_art23_4_largest_remainder_hand_worked():
    # 10 seats among groups of 50, 30, 20: quotas 5, 3, 2 exactly.
    assert allocate_seats({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    # 44 seats, sizes 46/40/33/31/17/11/1 (179): remainders decide the last seats.
    sizes = {"af": 46, "ap": 40, "gr": 33, "b": 31, "ce": 17, "ca": 11, "cn": 1}
    assert allocate_seats(sizes, 44) == {"af": 11, "ap": 10, "gr": 8, "b": 8, "ce": 4,
                                         "ca": 3, "cn": 0}


def test_alabama_paradox_is_possible_under_largest_remainder():
    # The classic: with sizes 6, 6, 2 going from 10 to 11 seats the small group loses a seat.
    ten = allocate_seats({"a": 6, "b": 6, "c": 2}, 10)
    eleven = allocate_seats({"a": 6, "b": 6, "c": 2}, 11)
    assert ten["c"] == 2 and eleven["c"] == 1


@given(st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 60), min_size=1),
       st.integers(0, 60), st.sampled_from(list(Method)))
def test_allocation_fills_every_seat_and_stays_near_quota(sizes, seats, method):
    out = allocate_seats(sizes, seats, method)
    assert sum(out.values()) == seats
    if method is Method.LARGEST_REMAINDER:
        total = sum(sizes.values())
        for g, n in sizes.items():
            assert abs(out[g] - n * seats / total) < 1  # quota rule


def test_proposal_checks_size_groups_and_reelection():
    roster = tuple(Member(f"M{i}", group="x" if i < 8 else "y") for i in range(16))
    plan = plan_committee(ASSEMBLY, roster, host=None)
    assert plan.elected_seats == 4
    ok = check_proposal(plan, roster, ["M0", "M1", "M8", "M9"])
    assert ok.valid, ok.problems
    bad = check_proposal(plan, roster, ["M0", "M1", "M2", "M9"], previous=["M0", "M1", "M2"])
    assert not bad.valid
    articles = {a for a, _ in bad.problems}
    assert "Art. 23(4)" in articles and "Art. 23(5)(b)" in articles


def test_paris_art14_committee_cites_the_paris_convention():
    roster = tuple(Member(f"M{i}", group="x" if i < 8 else "y") for i in range(16))
    plan = plan_committee(get_body("paris-assembly"), roster, host=None)
    bad = check_proposal(plan, roster, ["M0", "M1", "M2", "M9"], previous=["M0", "M1", "M2"])
    assert {a for a, _ in bad.problems} == {"Paris Conv. Art. 14(4)", "Paris Conv. Art. 14(5)(b)"}
    assert "Paris Conv. Art. 14(4)" in plan.assumption("en")


def test_committee_cli_json(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["committee", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["elected_seats"] == sum(g["seats"] for g in data["groups"])
    assert data["ex_officio"] == ["CH"]
    proposal = tmp_path / "p.yaml"
    proposal.write_text("elected: [FR, DE]\n")
    result = runner.invoke(app, ["committee", "--json", "--proposal", str(proposal)])
    assert json.loads(result.stdout)["proposal"]["valid"] is False


@pytest.mark.parametrize("method", list(Method))
def test_every_method_from_the_cli(method):
    result = CliRunner().invoke(app, ["committee", "--method", method.value])
    assert result.exit_code == 0 and "Assumption" in result.stdout
