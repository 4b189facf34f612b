"""The rules card of several bodies: who must agree, weakest quorum, weakest vote."""

from __future__ import annotations

import json
from dataclasses import replace

from typer.testing import CliRunner

from quorum.cli import app
from quorum.joint import evaluate_joint
from quorum.joint.card import joint_card
from quorum.scenario import load_scenario
from quorum.session import Choice, Status

from .conftest import SCENARIOS

runner = CliRunner()


def assemblies():
    scenario = load_scenario(SCENARIOS / "joint-assemblies.yaml")
    assert scenario.joint is not None
    return scenario.joint


def test_wipo_conv_art6_3_g_card_says_who_must_agree():
    card = joint_card(assemblies(), "director-general")
    assert card.must_agree == ("wipo-general-assembly", "paris-assembly", "berne-assembly")
    assert card.concurrent_article == "WIPO Conv. Art. 6(3)(g)"
    assert [b.kind for b in card.bodies] == ["director-general", "substantive", "substantive"]


def test_berne_conv_art22_3_c_weakest_quorum_is_the_smallest_assembly():
    # All present. Berne Assembly: 179 members, reduced quorum 1/3 = 60: 120 absences
    # leave it without any quorum; Paris 180 (60): 121; General Assembly 188 (63): 126.
    card = joint_card(assemblies(), "director-general")
    figures = {b.body: b.absences_from_attendance for b in card.bodies}
    assert figures == {"wipo-general-assembly": 126, "paris-assembly": 121,
                       "berne-assembly": 120}
    weakest = card.weakest_quorum
    assert weakest.body == "berne-assembly" and len(weakest.absent_example) == 120


def test_berne_conv_art22_3_d_smallest_blocking_minority_across_bodies():
    # Two-thirds of 179 votes cast: 120 yes needed, so 60 no votes block; Paris 180: 61;
    # General Assembly 188: 126 yes needed, 63 block.
    card = joint_card(assemblies(), "director-general")
    assert {b.body: b.blocking_by_votes for b in card.bodies} == {
        "wipo-general-assembly": 63, "paris-assembly": 61, "berne-assembly": 60}
    vote = card.weakest_vote
    assert vote is not None and (vote.body, vote.blocking_by_votes) == ("berne-assembly", 60)


def test_cli_joint_json_and_text():
    result = runner.invoke(app, ["joint", str(SCENARIOS / "joint-assemblies.yaml"),
                                 "--kind", "director-general", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["smallest_blocking_minority"] == {"body": "berne-assembly", "no_votes": 60}
    assert data["concurrent"][0]["article"] == "WIPO Conv. Art. 6(3)(g)"
    for lang, words in (("en", "Must agree"), ("fr", "Doivent être d'accord")):
        text = runner.invoke(app, ["joint", str(SCENARIOS / "joint-assemblies.yaml"),
                                   "--lang", lang])
        assert text.exit_code == 0 and words in text.output


def test_cli_joint_on_a_single_body_scenario_is_one_line_exit_2():
    result = runner.invoke(app, ["joint", str(SCENARIOS / "berne-assembly-default.yaml")])
    assert result.exit_code == 2 and "joint" in result.output


def test_rules_card_shows_concurrent_majority_and_special_count():
    ga = runner.invoke(app, ["rules", "wipo-general-assembly", "-n", "188", "--json"])
    assert json.loads(ga.stdout)["concurrent"][0]["must_agree"] == [
        "wipo-general-assembly", "paris-assembly", "berne-assembly"]
    cc = runner.invoke(app, ["rules", "wipo-coordination-committee", "-n", "90", "--json"])
    assert json.loads(cc.stdout)["special_count"]["lists"] == [
        "paris-executive-committee", "berne-executive-committee"]


def special_count():
    scenario = load_scenario(SCENARIOS / "joint-special-count.yaml")
    assert scenario.joint is not None
    return scenario.joint


def test_wipo_conv_art8_6_b_card_lists_block_with_two_no_votes():
    # Seven Committee members, all present: simple majority of 7 votes, 4 yes carry it,
    # 4 no votes block it. Each list has 4 voters (three members and Switzerland, on
    # both): more yes than no needs 3 yes, so 2 no votes on one list block it.
    card = joint_card(special_count(), bodies=("wipo-coordination-committee",),
                      special_count=True)
    assert card.bodies[0].blocking_by_votes == 4
    assert [(s.list, s.members, s.voters, s.quota, s.blocking_by_votes)
            for s in card.special_lists] == [
        ("paris-executive-committee", 4, 4, 3, 2), ("berne-executive-committee", 4, 4, 3, 2)]
    weakest = card.weakest_list
    assert weakest is not None and weakest.blocking_by_votes == 2
    assert card.to_dict()["special_count_lists"][1]["blocking_by_votes"] == 2
    assert joint_card(special_count(), bodies=("wipo-coordination-committee",)
                      ).special_lists == ()


def test_wipo_conv_art8_6_b_card_figure_is_what_the_count_needs():
    # The card's 2 on the Berne list is exact: one "no" there leaves the decision standing,
    # two "no" (with every other member voting yes, 5 to 2 overall) overturn it.
    session = special_count()
    first = session.decisions[0]
    for noes, status in (({"B2"}, Status.EXECUTORY), ({"B2", "B3"}, Status.REJECTED)):
        votes = tuple((mid, Choice.NO if mid in noes else Choice.YES)
                      for mid, _ in first.decision.member_votes)
        joint = replace(session, decisions=(
            replace(first, decision=replace(first.decision, member_votes=votes)),))
        (outcome,) = evaluate_joint(joint)
        assert outcome.status is status, noes
