"""Voting power of bodies and the `quorum power` command (its JSON is a public contract)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction

from typer.testing import CliRunner

from quorum import Member, get_body
from quorum.body_power import (
    anonymous_roster,
    blocking_table,
    body_power,
    quota_for,
    represented,
)
from quorum.cli import app
from quorum.roster import bundled_roster

ASSEMBLY = get_body("berne-assembly")
COMMITTEE = get_body("berne-executive-committee")
runner = CliRunner()


def test_art22_3_d_quota_two_thirds_of_all_voting():
    assert quota_for(ASSEMBLY, "substantive", 179, 179) == 120
    assert quota_for(ASSEMBLY, "substantive", 181, 181) == 121
    assert quota_for(ASSEMBLY, "amendment", 181, 181) == 136
    assert quota_for(ASSEMBLY, "amendment-art22", 181, 181) == 145


def test_art23_8_c_committee_quota_simple_majority():
    assert quota_for(COMMITTEE, "simple", 46, 46) == 24
    assert quota_for(COMMITTEE, "simple", 45, 46) == 23


def test_game_json_contract(tmp_path):
    path = tmp_path / "game.yaml"
    path.write_text("game: {quota: 6, weights: [4, 3, 2, 1], names: [A, B, C, D]}\n")
    result = runner.invoke(app, ["power", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["players"] == ["A", "B", "C", "D"]
    assert data["banzhaf"] == [5 / 12, 1 / 4, 1 / 4, 1 / 12]
    assert data["shapley_shubik"] == [5 / 12, 1 / 4, 1 / 4, 1 / 12]
    assert data["penrose_banzhaf"] == [5 / 8, 3 / 8, 3 / 8, 1 / 8]


def test_game_errors_are_one_line(tmp_path):
    path = tmp_path / "game.yaml"
    path.write_text("game: {quota: 60, weights: [4, 3]}\n")
    result = runner.invoke(app, ["power", str(path)])
    assert result.exit_code == 2 and "game" in result.stderr and "Traceback" not in result.output


def present_roster():
    return tuple(replace(m, present=not m.observer) for m in bundled_roster())


def test_group_power_sums_to_one_and_members_follow_groups():
    bp = body_power(ASSEMBLY, present_roster(), "substantive")
    data = bp.to_dict()
    assert abs(sum(data["groups"]["banzhaf"]) - 1) < 1e-12
    by_group = {}
    for row in data["member_power"]:
        by_group.setdefault(row["group"], set()).add(row["exact"])
    assert all(len(v) == 1 for v in by_group.values())


def test_art25_4_e_members_without_vote_are_left_out():
    roster = list(present_roster())
    roster[0] = replace(roster[0], arrears=Fraction(500), dues=((2025, Fraction(100)),
                                                               (2024, Fraction(100))))
    bp = body_power(ASSEMBLY, roster, "substantive", on=date(2026, 7, 8))
    assert roster[0].id in bp.left_out and len(bp.voters) == 178


def test_symmetric_members_without_blocs_equal_power():
    roster = tuple(Member(f"M{i}", present=True) for i in range(9))
    bp = body_power(ASSEMBLY, roster, "substantive", blocs=False)
    assert len({p for _, _, p in bp.member_power}) == 1


def test_blocking_minority_full_and_given_attendance():
    rows = {r["kind"]: r for r in blocking_table(ASSEMBLY, present_roster(), attendance=120)}
    assert rows["substantive"]["blocking_by_votes"] == 179 - 120 + 1
    assert rows["substantive"]["blocking_by_votes_at_attendance"] == 120 - 80 + 1
    assert rows["amendment-art22"]["blocking_by_votes"] == 179 - 144 + 1
    # Below one-third present (Art. 22(3)(c)) the Assembly cannot decide: 120 absences.
    assert rows["substantive"]["blocking_by_absence"] == 179 - 60 + 1
    assert rows["substantive"]["forcing_written_procedure_by_absence"] == 179 - 90 + 1
    assert rows["procedural"]["forcing_written_procedure_by_absence"] is None


def test_power_command_on_default_roster():
    result = runner.invoke(app, ["power", "--json", "--attendance", "100"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"groups", "member_power", "blocking", "quota"} <= set(data)
    assert set(data["groups"]) >= {"players", "banzhaf", "penrose_banzhaf", "shapley_shubik"}


def test_members_named_without_vote_are_left_out_of_power_and_blocking():
    roster = present_roster()
    bp = body_power(ASSEMBLY, roster, "substantive", without_vote={roster[0].id})
    assert roster[0].id in bp.left_out and len(bp.voters) == 178
    assert bp.quota == 119  # two-thirds of 178 voting (Art. 22(3)(d))
    rows = {r["kind"]: r for r in blocking_table(ASSEMBLY, roster,
                                                 without_vote={roster[0].id})}
    assert rows["substantive"]["voters"] == 178
    assert rows["substantive"]["blocking_by_votes"] == 178 - 119 + 1


def test_art22_3_b_c_further_absences_from_the_attendance():
    roster = present_roster()
    away = {m.id for m in roster if m.group == "african" and not m.observer}
    roster = tuple(replace(m, present=False) if m.id in away else m for m in roster)
    here = 179 - len(away)
    rows = {r["kind"]: r for r in blocking_table(ASSEMBLY, roster)}
    row = rows["substantive"]
    assert row["represented"] == here
    # Below one-third (60 of 179) nothing is decided; below one-half (90) only by the
    # written procedure (Art. 22(3)(c)).
    assert row["blocking_by_absence_from_attendance"] == here - 60 + 1
    assert row["forcing_written_procedure_from_attendance"] == here - 90 + 1
    assert rows["procedural"]["forcing_written_procedure_from_attendance"] is None
    # The figures from the whole membership do not move.
    assert row["blocking_by_absence"] == 179 - 60 + 1


def test_represented_follows_the_interpretation_switch_for_members_without_vote():
    roster = present_roster()
    assert represented(ASSEMBLY, roster, without_vote={roster[0].id}) == 179
    strict = ASSEMBLY.with_interpretation(arrears_count_for_quorum=False)
    assert represented(strict, roster, without_vote={roster[0].id}) == 178


def test_anonymous_roster_for_counts_only_sessions():
    roster = anonymous_roster(9, 7)
    assert len(roster) == 9 and sum(m.present for m in roster) == 7
    assert len({m.id for m in roster}) == 9
    bp = body_power(ASSEMBLY, roster, "substantive", blocs=False)
    assert len(bp.voters) == 7 and bp.quota == 5
    try:
        anonymous_roster(3, 4)
    except ValueError as exc:
        assert "present" in str(exc)
    else:
        raise AssertionError("4 present of 3 members must be refused")
