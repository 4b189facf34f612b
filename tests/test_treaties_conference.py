"""The diplomatic conference as a body: the adoption vote evaluated like any decision."""

from __future__ import annotations

from quorum import Session, Votes, evaluate, get_body
from quorum.bodies import preset_names
from quorum.scenario import load_scenario

from .conftest import SCENARIOS


def adoption(members: int, present: int, yes: int, no: int, abstain: int = 0,
             kind: str = "treaty-adoption") -> bool:
    from quorum.session import Decision

    rules = get_body("wipo-diplomatic-conference")
    session = Session(members=members, present=present, rules=rules,
                      decisions=(Decision("d", kind, Votes(yes, no, abstain)),))
    return evaluate(session)[0].adopted


def test_preset_is_shipped_with_sources_and_the_switch_noted() -> None:
    assert "wipo-diplomatic-conference" in preset_names()
    rules = get_body("wipo-diplomatic-conference")
    assert rules.sources and any("Switch" in n.text.en for n in rules.notes)


def test_rule_34_two_thirds_of_member_delegations_present_and_voting() -> None:
    assert adoption(156, 120, 72, 36, 12)          # 3 x 72 = 216 >= 2 x 108
    assert not adoption(156, 120, 71, 36, 13)      # 213 < 214
    assert adoption(156, 120, 71, 36, 13, kind="treaty-adoption-simple")


def test_rule_19_quorum_of_one_half_of_member_delegations() -> None:
    assert adoption(156, 78, 60, 10)
    assert not adoption(156, 77, 60, 10)


def test_rule_34_abstentions_are_not_votes_cast() -> None:
    assert adoption(156, 120, 2, 1, 117)


def test_the_beijing_adoption_scenario() -> None:
    scenario = load_scenario(SCENARIOS / "wipo-diplomatic-conference-beijing-2012.yaml")
    status = [o.adopted for o in evaluate(scenario.session)]
    assert status == [True, False, True]
