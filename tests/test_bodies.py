"""Sister bodies as rule sets: each evaluated on its own boundaries, no new code paths."""

from __future__ import annotations

import pytest
import yaml

from quorum import QuorumState, ScenarioError, Status, evaluate, get_body
from quorum.bodies import body_to_mapping, preset_names, rule_set_from_mapping
from quorum.scenario import load_scenario, parse_scenario

from .conftest import SCENARIOS
from .strategies import one_decision


def one(body: str, members: int, present: int, yes: int, no: int, abstain: int = 0,
        kind: str | None = None):
    return evaluate(one_decision(members, present, yes, no, abstain, kind,
                                 rules=get_body(body)))[0]


def test_every_preset_round_trips_through_the_vocabulary():
    for name in preset_names():
        rules = get_body(name)
        text = yaml.safe_dump(body_to_mapping(rules), sort_keys=False)
        again = rule_set_from_mapping(yaml.safe_load(text))
        assert again == rules, name


def test_every_preset_cites_an_article_for_each_rule():
    for name in preset_names():
        rules = get_body(name)
        assert rules.quorum.article and rules.members_article and rules.vote_article, name
        assert all(m.article for m in rules.majorities), name
        assert rules.sources, name


@pytest.mark.parametrize("name,years,convener", [
    ("berne-assembly", 2, "the Director General"),            # Art. 22(4)(a)
    ("berne-executive-committee", 1, "the Director General"),  # Art. 23(7)(a)
    ("wipo-coordination-committee", 1, "the Director General"),  # WIPO Conv. Art. 8(4)(a)
    ("un-general-assembly", 1, None),                          # UN Charter Art. 20
])
def test_art22_4_a_ordinary_sessions_and_who_convenes_them(name, years, convener):
    rules = get_body(name)
    assert rules.card(100).to_dict()["ordinary_session_every_years"] == years
    assert rules.ordinary_session is not None and rules.ordinary_session.article
    by = rules.ordinary_session.convened_by
    assert (by.en if by else None) == convener
    assert dict(rules.card(100).articles)["ordinary_session_every_years"]


def test_ordinary_session_interval_must_be_a_whole_number_of_years():
    text = ("body:\n  quorum: {fraction: \"1/2\"}\n  ordinary_session: {every_years: 0}\n"
            "  majorities:\n    simple: {fraction: \"1/2\"}\nmembers: 10\npresent: 10\n")
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "chamber.yaml")
    assert info.value.field == "body.ordinary_session.every_years"


# Paris Convention, Stockholm Act, Art. 13(3)
def test_paris_art13_3_b_and_c_quorum_and_reduced_band():
    assert one("paris-assembly", 179, 90, 60, 20).quorum is QuorumState.FULL
    assert one("paris-assembly", 179, 89, 60, 20).status is Status.PENDING
    assert one("paris-assembly", 179, 59, 50, 0).status is Status.NO_QUORUM


def test_paris_art13_3_d_two_thirds_of_votes_cast():
    assert one("paris-assembly", 179, 120, 80, 40).adopted
    assert not one("paris-assembly", 179, 120, 79, 40).adopted


# WIPO Convention, Arts. 6, 7, 8
def test_wipo_art6_3_f_un_agreement_nine_tenths():
    assert one("wipo-general-assembly", 193, 150, 90, 10, kind="un-agreement").adopted
    assert not one("wipo-general-assembly", 193, 150, 89, 10, kind="un-agreement").adopted


def test_wipo_art6_3_g_director_general_two_thirds_here_and_concurrence_a_rule():
    rules = get_body("wipo-general-assembly")
    majority = rules.majority("director-general")
    assert "6(3)(g)" in majority.article
    assert majority.met(120, 60, 180, 193) and not majority.met(119, 61, 180, 193)
    concurrent = rules.concurrent_for("director-general")
    assert concurrent is not None and concurrent.article.endswith("6(3)(g)")
    assert concurrent.bodies == ("paris-assembly", "berne-assembly")
    assert rules.concurrent_for("substantive") is None


def test_wipo_art6_3_e_administration_three_fourths():
    assert one("wipo-general-assembly", 193, 150, 75, 25, kind="administration-agreement").adopted
    assert not one("wipo-general-assembly", 193, 150, 74, 25,
                   kind="administration-agreement").adopted


def test_wipo_art7_3_b_conference_quorum_one_third_no_reduced_band():
    assert one("wipo-conference", 193, 65, 44, 21).status is Status.EXECUTORY
    assert one("wipo-conference", 193, 64, 44, 20).status is Status.NO_QUORUM


def test_wipo_art8_6_coordination_committee_tie_fails():
    assert not one("wipo-coordination-committee", 83, 70, 35, 35).adopted
    assert one("wipo-coordination-committee", 83, 71, 36, 35).adopted


# UN Charter, Art. 18; Rules of Procedure, rule 67
def test_un_art18_2_important_question_two_thirds_present_and_voting():
    assert one("un-general-assembly", 193, 193, 122, 61, 10, kind="important").adopted
    assert not one("un-general-assembly", 193, 193, 121, 61, 11, kind="important").adopted


def test_un_art18_3_other_questions_majority_present_and_voting():
    assert one("un-general-assembly", 193, 150, 61, 60, 29, kind="other").adopted
    assert not one("un-general-assembly", 193, 150, 60, 60, 30, kind="other").adopted


def test_un_rule67_quorum_majority_of_members():
    assert one("un-general-assembly", 193, 97, 60, 20).quorum is QuorumState.FULL
    assert one("un-general-assembly", 193, 96, 60, 20).status is Status.NO_QUORUM
    assert one("un-general-assembly", 192, 96, 60, 20).status is Status.NO_QUORUM  # strict


def test_un_art108_amendment_two_thirds_of_all_members():
    assert one("un-general-assembly", 193, 150, 129, 0, kind="amendment").adopted
    assert not one("un-general-assembly", 193, 150, 128, 0, kind="amendment").adopted


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("[pwu]*-*.yaml")), ids=lambda p: p.name)
def test_sister_body_scenarios_evaluate(path):
    scenario = load_scenario(path)
    if scenario.model is None:
        assert evaluate(scenario.session)


# Bodies defined in files (custom vocabulary)
CUSTOM = """
body:
  name: Example chamber
  quorum: {fraction: "1/2", strict: false}
  reduced_quorum: {fraction: "1/3", written_procedure_months: 3}
  majorities:
    simple:     {fraction: "1/2", base: votes_cast, strict: true}
    absolute:   {fraction: "1/2", base: members,    strict: true}
    two-thirds: {fraction: "2/3", base: present,    strict: false}
  arrears: false
members: 100
present: 60
decisions:
  - {id: a, kind: simple, votes: {yes: 30, no: 29, abstain: 1}}
  - {id: b, kind: absolute, votes: {yes: 50, no: 0, abstain: 10}}
  - {id: c, kind: two-thirds, votes: {yes: 40, no: 0, abstain: 20}}
  - {id: d, kind: two-thirds, votes: {yes: 39, no: 0, abstain: 21}}
"""


def test_custom_body_every_base():
    scenario = parse_scenario(CUSTOM)
    out = {o.id: o.adopted for o in evaluate(scenario.session)}
    assert out == {"a": True, "b": False, "c": True, "d": False}


@pytest.mark.parametrize("snippet,field,problem", [
    ('simple: {fraction: "3/2", base: votes_cast}', "body.majorities.simple.fraction",
     "at most 1"),
    ('simple: {fraction: "1/2", base: everyone}', "body.majorities.simple.base",
         "not one of the allowed values"),
    ('simple: {fraction: "half", base: votes_cast}', "body.majorities.simple.fraction",
     "is not a number"),
])
def test_custom_body_definition_errors(snippet, field, problem):
    text = ("body:\n  quorum: {fraction: \"1/2\"}\n  majorities:\n    " + snippet +
            "\nmembers: 10\npresent: 10\n")
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "chamber.yaml")
    assert info.value.field == field and problem in info.value.problem and info.value.fix


def test_custom_body_kind_not_defined():
    text = ("body:\n  quorum: {fraction: \"1/2\"}\n  majorities:\n    simple: {fraction: "
            "\"1/2\", strict: true}\nmembers: 10\npresent: 10\ndecisions:\n"
            "  - {id: a, kind: absolute, votes: {yes: 6}}\n")
    with pytest.raises(ScenarioError) as info:
        evaluate(parse_scenario(text, "chamber.yaml").session)
    assert info.value.field == "decisions[0].kind" and "simple" in info.value.fix
