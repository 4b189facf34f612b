"""Joint sessions: several bodies, one roster, each body counting its own members."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum.bodies import get_body
from quorum.cli import app
from quorum.errors import ScenarioError
from quorum.explain import catalogue
from quorum.joint import JointDecision, JointSession, evaluate_joint
from quorum.joint.session import STATUS_ORDER
from quorum.members import Member
from quorum.rules import QuorumState
from quorum.scenario import dump_scenario, load_scenario, parse_scenario, scenario_from_mapping
from quorum.session import Choice, Session, Status, evaluate, evaluate_decision

from .conftest import ROOT, SCENARIOS
from .strategies_joint import ON, members, multi_body_cases, one_body_cases

GA, PA, BA = "wipo-general-assembly", "paris-assembly", "berne-assembly"
CC, PEC, BEC = "wipo-coordination-committee", "paris-executive-committee", \
    "berne-executive-committee"
SINGLE_KEYS = {"body", "quorum", "adopted", "status", "yes", "no", "abstain", "votes_cast",
               "written_replies_needed", "trace"}
runner = CliRunner()


def three_assemblies(present_berne: int, votes: dict[str, object]) -> dict[str, object]:
    """Ten States party to both Conventions (A0-A9) and four to Paris only (P0-P3), all
    present, plus six Berne-only States (B0-B5) of which ``present_berne`` are present."""
    roster = [{"id": f"A{i}", "present": True, "bodies": [GA, PA, BA]} for i in range(10)]
    roster += [{"id": f"P{i}", "present": True, "bodies": [GA, PA]} for i in range(4)]
    roster += [{"id": f"B{i}", "present": i < present_berne, "bodies": [GA, BA]}
               for i in range(6)]
    return {"joint": [GA, PA, BA], "date": "2026-07-08", "members": roster,
            "decisions": [{"id": "dg", "kind": "director-general",
                           "decided_by": [GA, PA, BA], "votes": votes}]}


def run(data: dict[str, object]):
    scenario = scenario_from_mapping(data, "test.yaml")
    assert scenario.joint is not None
    return evaluate_joint(scenario.joint)


# --- Hand-worked cases ------------------------------------------------------------------

def test_art6_3_g_one_body_short_of_quorum_while_the_others_decide():
    # Berne Assembly: 16 members (A0-A9, B0-B5); with every B absent and A3-A9 absent, it
    # has 3 of 16 represented: below the reduced quorum of 1/3 (6).
    data = three_assemblies(0, {"others": "yes"})
    roster = data["members"]
    assert isinstance(roster, list)
    for entry in roster[3:10]:
        entry["present"] = False
    data["decisions"] = [
        {"id": "dg", "kind": "director-general", "decided_by": [GA, PA, BA],
         "votes": {"others": "yes"}},
        {"id": "ga-only", "decided_by": [GA], "votes": {"others": "yes"}},
        {"id": "paris-only", "decided_by": [PA], "votes": {"others": "yes"}},
    ]
    dg, ga_only, paris_only = run(data)
    by_body = {o.body: o for o in dg.bodies}
    assert by_body[BA].status is Status.NO_QUORUM and by_body[BA].represented == 3
    # General Assembly: 20 members, 7 present (A0-A2, P0-P3): the reduced quorum of 1/3
    # (7) is met, not the quorum (10): adopted, pending the written procedure.
    assert by_body[GA].status is Status.PENDING and by_body[GA].represented == 7
    # Paris Assembly: 14 members, 7 present: the quorum of one-half (7) is met.
    assert by_body[PA].status is Status.EXECUTORY
    assert dg.status is Status.NO_QUORUM and not dg.adopted
    assert dg.quorum is QuorumState.NONE
    assert ga_only.status is Status.PENDING and paris_only.status is Status.EXECUTORY


def test_art6_3_g_carried_in_the_general_assembly_lost_in_the_berne_assembly():
    # All 20 present. No: B0-B5 and A0 (7). General Assembly: 13 yes, 7 no -> 13*3 = 39 <
    # 2*20 = 40: short! Make P0-P3 and A1-A9 yes (13) and 6 B no: 13 yes 6 no, A0 abstains.
    data = three_assemblies(6, {"no": ["B0", "B1", "B2", "B3", "B4", "B5"],
                                "abstain": ["A0"], "others": "yes"})
    (dg,) = run(data)
    by_body = {o.body: o for o in dg.bodies}
    ga, pa, ba = by_body[GA], by_body[PA], by_body[BA]
    # General Assembly: 13 yes, 6 no: 39 >= 38, two-thirds of the votes cast met.
    assert (ga.yes, ga.no) == (13, 6) and ga.status is Status.EXECUTORY
    # Paris Assembly (concurrent, its substantive majority): 13 yes, 0 no.
    assert (pa.yes, pa.no, pa.kind) == (13, 0, "substantive")
    assert pa.status is Status.EXECUTORY
    # Berne Assembly: A1-A9 yes (9), B0-B5 no (6): 27 < 30, two-thirds not met.
    assert (ba.yes, ba.no) == (9, 6) and ba.status is Status.REJECTED
    assert dg.status is Status.REJECTED and not dg.adopted
    assert any(s.key == "joint.concurrent_kind" and s.article == "WIPO Conv. Art. 6(3)(g)"
               for s in ba.trace)
    assert dg.trace[0].article == "WIPO Conv. Art. 6(3)(g)"


def test_art8_6_b_special_count_overturns_a_simple_majority():
    scenario = load_scenario(SCENARIOS / "joint-special-count.yaml")
    assert scenario.joint is not None
    special, ordinary = evaluate_joint(scenario.joint)
    # Ordinary count 4 yes, 3 no: the simple majority holds in both decisions...
    assert ordinary.status is Status.EXECUTORY and (ordinary.yes, ordinary.no) == (4, 3)
    assert special.bodies[0].majority_met
    # ...but counted apart, the Berne list (B1 yes; B2, B3, CH no) fails: 1 to 3.
    assert [(r.list, r.yes, r.no, r.met) for r in special.special_count] == [
        (PEC, 3, 1, True), (BEC, 1, 3, False)]
    assert special.status is Status.REJECTED and not special.adopted
    assert [s.key for s in special.trace[-2:]] == ["joint.special_overturned", "status.rejected"]
    assert "status.executory" not in {s.key for s in special.trace}


def test_art8_6_b_special_count_that_holds_changes_nothing():
    scenario = load_scenario(SCENARIOS / "joint-special-count.yaml")
    assert scenario.joint is not None
    first = scenario.joint.decisions[0]
    # B2 and B3 now vote yes: the Berne list is 3 to 1 (B1, B2, B3 against CH).
    votes = tuple((mid, Choice.YES if mid in ("B2", "B3") else c)
                  for mid, c in first.decision.member_votes)
    joint = replace(scenario.joint, decisions=(
        replace(first, decision=replace(first.decision, member_votes=votes)),))
    (outcome,) = evaluate_joint(joint)
    assert [r.met for r in outcome.special_count] == [True, True]
    assert outcome.status is Status.EXECUTORY


def test_overall_status_first_that_applies():
    # Paris-only members vote no so that the Paris Assembly rejects while the Berne Assembly
    # has no quorum: no quorum comes first.
    data = three_assemblies(0, {"no": ["P0", "P1", "P2", "P3", "A0", "A1", "A2", "A3"],
                                "others": "yes"})
    roster = data["members"]
    assert isinstance(roster, list)
    for entry in roster[4:10]:
        entry["present"] = False
    (dg,) = run(data)
    statuses = {o.body: o.status for o in dg.bodies}
    assert statuses[BA] is Status.NO_QUORUM and statuses[PA] is Status.REJECTED
    assert dg.status is Status.NO_QUORUM


# --- Errors: file, field, fix -----------------------------------------------------------

@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["decisions"][0].update(decided_by=[GA, PA, "berne-executive-committee"]),
     "decisions[0].decided_by", "not in 'joint'"),
    (lambda d: d["decisions"][0].update(decided_by=[GA, PA]),
     "decisions[0].decided_by", "berne-assembly as well"),
    (lambda d: d["members"][0].update(bodies=[GA, "nowhere"]),
     "members.A0.bodies", "unknown body"),
    (lambda d: d["decisions"][0].update(special_count=True),
     "decisions[0].special_count", "special count"),
    (lambda d: d.update(body="berne-assembly"), "body", "not both"),
    (lambda d: d["decisions"][0].pop("decided_by"), "decisions[0].decided_by",
     "which bodies"),
])
def test_bad_joint_input_names_field_and_fix(change, field, words):
    data = three_assemblies(6, {"others": "yes"})
    change(data)
    with pytest.raises(ScenarioError) as caught:
        run(data)
    assert caught.value.field == field
    assert words in caught.value.message and caught.value.fix


def test_decided_by_without_joint_is_an_error():
    data = {"body": "berne-assembly", "members": [{"id": "A", "present": True}],
            "decisions": [{"id": "d", "decided_by": ["berne-assembly"]}]}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_mapping(data, "x.yaml")
    assert caught.value.field == "decisions[0].decided_by"


def test_cli_bad_joint_file_one_line_exit_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("joint: [wipo-general-assembly, nowhere]\nroster: wipo-members\n",
                    "utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert "joint[1]" in result.output and "Traceback" not in result.output


# --- JSON contract ----------------------------------------------------------------------

def test_evaluate_json_adds_bodies_with_single_body_keys():
    result = runner.invoke(app, ["evaluate", str(SCENARIOS / "joint-assemblies.yaml"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    dg, budget = data["decisions"]
    assert dg["decided_by"] == [GA, PA, BA]
    assert [b["body"] for b in dg["bodies"]] == [GA, PA, BA]
    for body in dg["bodies"] + budget["bodies"]:
        assert SINGLE_KEYS <= set(body)
    assert SINGLE_KEYS | {"id", "kind", "deadline"} <= set(dg)
    assert dg["status"] == "executory" and budget["bodies"][0]["members"] == 179


def test_evaluate_json_special_count_contract():
    result = runner.invoke(app, ["evaluate", str(SCENARIOS / "joint-special-count.yaml"),
                                 "--json"])
    special = json.loads(result.stdout)["decisions"][0]["special_count"]
    assert special == [{"list": PEC, "yes": 3, "no": 1, "met": True},
                       {"list": BEC, "yes": 1, "no": 3, "met": False}]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_evaluate_text_shows_each_body(lang):
    result = runner.invoke(app, ["evaluate", str(SCENARIOS / "joint-assemblies.yaml"),
                                 "--lang", lang])
    assert result.exit_code == 0, result.output
    names = {"en": ("WIPO General Assembly", "Assembly of the Paris Union",
                    "Assembly of the Berne Union"),
             "fr": ("Assemblée générale de l'OMPI", "Assemblée de l'Union de Paris",
                    "Assemblée de l'Union de Berne")}[lang]
    for name in names:
        assert name in result.output


# --- Round trip -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["joint-assemblies.yaml", "joint-special-count.yaml",
                                  "joint-coordination-committee-2020.yaml"])
def test_joint_round_trip_is_identical(name):
    scenario = load_scenario(SCENARIOS / name)
    again = parse_scenario(dump_scenario(scenario), "again.yaml")
    assert scenario.joint is not None
    assert again.joint == replace(scenario.joint, source="again.yaml")
    assert again.session == replace(scenario.session, source="again.yaml")


# --- Properties -------------------------------------------------------------------------

def _today(rules, roster, decision):
    try:
        return evaluate_decision(Session.from_roster(rules, roster, (decision,), ON), decision)
    except ScenarioError as exc:
        return exc.message


def _joint(rules, roster, decision, extra=()):
    joint = JointSession((rules,), roster + extra,
                         (JointDecision(decision, (rules.id,)),), ON)
    try:
        return evaluate_joint(joint)[0]
    except ScenarioError as exc:
        return exc.message


@settings(max_examples=150, deadline=None)
@given(one_body_cases())
def test_a_single_body_joint_session_gives_exactly_todays_result(case):
    rules, roster, decision = case
    # A kind under a concurrent majority (Art. 6(3)(g)) needs its other bodies: an error
    # in a joint session of one body, tested apart.
    assume(rules.concurrent_for(decision.kind) is None)
    today = _today(rules, roster, decision)
    joint = _joint(rules, roster, decision)
    if isinstance(today, str):
        assert joint == today
        return
    assert joint.bodies == (today,)
    assert joint.status is today.status and joint.adopted is today.adopted
    data = joint.to_dict()
    assert {k: v for k, v in data.items() if k not in ("decided_by", "bodies")} \
        == today.to_dict()


@settings(max_examples=80, deadline=None)
@given(one_body_cases(), members("X", 6, ("some-other-body",)))
def test_members_of_other_bodies_change_nothing(case, others):
    rules, roster, decision = case
    assume(rules.concurrent_for(decision.kind) is None)
    present_others = tuple(replace(m, observer=False) for m in others)
    decision = replace(decision, member_votes=decision.member_votes + tuple(
        (m.id, decision.member_votes[0][1]) for m in present_others if m.present
    ) if decision.member_votes else decision.member_votes)
    alone = _joint(rules, roster, replace(decision, member_votes=tuple(
        v for v in decision.member_votes if not v[0].startswith("X"))))
    together = _joint(rules, roster, decision, present_others)
    if isinstance(alone, str):
        assert isinstance(together, str)
        return
    assert not isinstance(together, str)
    assert together.bodies == alone.bodies


def test_member_bodies_kept_on_the_member():
    m = Member("A", bodies=(GA, PA))
    assert m.bodies == (GA, PA)


# --- Golden explanations ----------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


def joint_explanation(name: str, lang: str) -> str:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    assert scenario.joint is not None
    lines = []
    for outcome in evaluate_joint(scenario.joint):
        lines.append(f"# {outcome.id}: {outcome.status.value}")
        lines.extend(outcome.explanation(lang))
        for body in outcome.bodies:
            lines.append(f"## {body.body}: {body.status.value}")
            lines.extend(body.explanation(lang))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["joint-assemblies", "joint-special-count",
                                  "joint-coordination-committee-2020"])
def test_golden_joint_explanations(name, lang):
    path = GOLDEN / f"{name}.{lang}.txt"
    text = joint_explanation(name, lang)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


def test_every_joint_message_key_exists_in_both_languages():
    used = set(re.findall(r'"(joint\.[a-z_.]+)"', (ROOT / "quorum" / "joint" / "session.py")
                          .read_text("utf-8")))
    prefixes = {k for k in used if k.endswith(".")}
    en, fr = catalogue("en"), catalogue("fr")
    for key in used - prefixes:
        assert key in en and key in fr, key
    for prefix in prefixes:
        for status in ("executory", "pending", "lapsed", "rejected", "no_quorum"):
            assert prefix + status in en and prefix + status in fr


def test_roster_csv_bodies_column(tmp_path):
    (tmp_path / "m.csv").write_text(
        "id,present,bodies\nA,true,paris-assembly;berne-assembly\nB,true,paris-assembly\n"
        "C,false,berne-assembly\n", "utf-8")
    (tmp_path / "s.yaml").write_text(
        "# test\njoint: [paris-assembly, berne-assembly]\nroster: m.csv\ndecisions:\n"
        "  - {id: d, decided_by: [paris-assembly, berne-assembly], votes: {others: yes}}\n",
        "utf-8")
    scenario = load_scenario(tmp_path / "s.yaml")
    assert scenario.joint is not None
    assert [m.bodies for m in scenario.joint.roster] == [
        ("paris-assembly", "berne-assembly"), ("paris-assembly",), ("berne-assembly",)]
    (outcome,) = evaluate_joint(scenario.joint)
    assert [(o.body, o.members, o.represented) for o in outcome.bodies] == [
        ("paris-assembly", 2, 2), ("berne-assembly", 2, 1)]


def test_art8_6_b_special_count_needs_members_on_each_list():
    data = {"joint": ["wipo-coordination-committee"],
            "members": [{"id": f"M{i}", "present": True,
                         "bodies": ["wipo-coordination-committee",
                                    "paris-executive-committee"]} for i in range(4)],
            "decisions": [{"id": "d", "special_count": True, "votes": {"others": "yes"}}]}
    with pytest.raises(ScenarioError) as caught:
        run(data)
    assert caught.value.field == "decisions[0].special_count"
    assert "berne-executive-committee" in caught.value.message


@settings(max_examples=120, deadline=None)
@given(multi_body_cases())
def test_a_joint_decision_is_each_body_alone_then_the_first_status_that_applies(case):
    roster, joint_decision = case
    bodies = tuple(get_body(b) for b in (GA, PA, BA))
    session = JointSession(bodies, roster, (joint_decision,), ON)
    (outcome,) = evaluate_joint(session)
    alone = []
    for body_id in joint_decision.decided_by:
        rules = get_body(body_id)
        own = tuple(m for m in roster if body_id in m.bodies)
        ids = {m.id for m in own}
        kind = joint_decision.decision.kind if joint_decision.decision.kind in rules.kinds \
            else None
        decision = replace(joint_decision.decision, kind=kind, member_votes=tuple(
            v for v in joint_decision.decision.member_votes if v[0] in ids))
        alone.append(evaluate_decision(Session.from_roster(rules, own, (decision,), ON),
                                       decision))
    assert [(o.status, o.yes, o.no, o.represented) for o in outcome.bodies] == [
        (o.status, o.yes, o.no, o.represented) for o in alone]
    statuses = [o.status for o in alone]
    expected = next(s for s in STATUS_ORDER if s in statuses)
    assert outcome.status is expected
    assert outcome.adopted is all(o.adopted for o in alone)


@settings(max_examples=60, deadline=None)
@given(multi_body_cases(), st.booleans())
def test_joint_scenarios_round_trip_exactly(case, switch):
    roster, joint_decision = case
    data = {
        "joint": [GA, PA, BA], "date": "2026-07-08",
        "members": [{"id": m.id, "present": m.present, "bodies": list(m.bodies)}
                    for m in roster],
        "decisions": [{"id": "d", "decided_by": list(joint_decision.decided_by),
                       "votes": {mid: c.value for mid, c in
                                 joint_decision.decision.member_votes},
                       **({"kind": joint_decision.decision.kind}
                          if joint_decision.decision.kind else {})}],
    }
    if switch:
        data["interpretation"] = {"adopt_with_no_votes_cast": True}
    scenario = scenario_from_mapping(data, "s.yaml")
    again = parse_scenario(dump_scenario(scenario), "s.yaml")
    assert again.joint == scenario.joint and again.session == scenario.session


def test_art6_3_c_lapsed_in_one_body_comes_before_pending_in_another():
    # General Assembly: G0-G8 plus the shared S0-S5 = 15 members; Paris Assembly: P0-P8
    # plus S0-S5 = 15. Present: S0-S5 only (6 of 15 each): below one-half (8), at or above
    # one-third (5): reduced quorum in both, written procedure.
    members = [{"id": f"S{i}", "present": True, "bodies": [GA, PA]} for i in range(6)]
    members += [{"id": f"G{i}", "present": False, "bodies": [GA]} for i in range(9)]
    members += [{"id": f"P{i}", "present": False, "bodies": [PA]} for i in range(9)]
    data = {"joint": [GA, PA], "date": "2026-07-08", "members": members, "decisions": [{
        "id": "d", "decided_by": [GA, PA], "votes": {"others": "yes"},
        # Written replies: only G0 and P0 reply. Each Assembly needs 8 - 6 = 2 replies of
        # its own absent members and gets 1: both lapse.
        "written": {"communicated": "2026-07-20", "replies": {"G0": "yes", "P0": "yes"}},
    }]}
    (outcome,) = run(data)
    assert [o.status for o in outcome.bodies] == [Status.LAPSED, Status.LAPSED]
    assert [o.written_replies_needed for o in outcome.bodies] == [2, 2]
    # With two Paris replies the Paris Assembly is executory, the General Assembly still
    # lapsed: the decision has lapsed.
    data["decisions"][0]["written"]["replies"]["P1"] = "yes"
    (outcome,) = run(data)
    assert [o.status for o in outcome.bodies] == [Status.LAPSED, Status.EXECUTORY]
    assert outcome.status is Status.LAPSED
    # Without any reply yet, both are pending, and so is the decision.
    del data["decisions"][0]["written"]["replies"]
    (outcome,) = run(data)
    assert [o.status for o in outcome.bodies] == [Status.PENDING, Status.PENDING]
    assert outcome.status is Status.PENDING and outcome.adopted


def test_art11_5_member_in_arrears_loses_its_vote_in_every_body():
    members = [{"id": f"A{i}", "present": True, "bodies": [GA, PA]} for i in range(5)]
    members[0].update(arrears=10, dues={2024: 4, 2025: 4})  # 10 >= 8: no vote
    data = {"joint": [GA, PA], "date": "2026-07-08", "members": members,
            "decisions": [{"id": "d", "decided_by": [GA, PA],
                           "votes": {"no": ["A0", "A1"], "others": "yes"}}]}
    (outcome,) = run(data)
    # A0's no is not counted: 3 yes, 1 no in each body (3 >= 2/3 of 4): executory.
    assert [(o.yes, o.no, o.status) for o in outcome.bodies] == [
        (3, 1, Status.EXECUTORY), (3, 1, Status.EXECUTORY)]
    assert (outcome.yes, outcome.no) == (3, 1)


@pytest.mark.parametrize(("body", "members"), [("berne-assembly", 179), ("paris-assembly", 180),
                                               ("wipo-general-assembly", 188),
                                               ("wipo-coordination-committee", 90)])
def test_one_body_with_the_wipo_roster_counts_its_own_members(body, members):
    data = {"body": body, "roster": "wipo-members", "present": "all",
            "decisions": [{"id": "d", "votes": {"others": "yes"}}]}
    scenario = scenario_from_mapping(data, "one.yaml")
    (outcome,) = evaluate(scenario.session)
    assert outcome.members == members and outcome.status is Status.EXECUTORY
    again = parse_scenario(dump_scenario(scenario), "one.yaml")
    assert again.session == scenario.session
