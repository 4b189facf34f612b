"""The majority as the treaty states it and the fewest votes that change the outcome
(quorum.margin): hand-worked cases with their article, and properties checked against the
rules' own test by brute force."""

from __future__ import annotations

from hypothesis import given, settings

from quorum import Member, Session, evaluate_decision, get_body
from quorum.explain import member_names
from quorum.margin import margin, requirements
from quorum.rules import Base

from .strategies import aggregate_sessions, one_decision

ASSEMBLY = get_body("berne-assembly")
COMMITTEE = get_body("berne-executive-committee")


def outcome(members: int, present: int, yes: int, no: int, abstain: int = 0,
            kind: str | None = None, rules=ASSEMBLY):
    session = one_decision(members, present, yes, no, abstain, kind, rules=rules)
    return evaluate_decision(session, session.decisions[0])


def test_art22_3_d_two_thirds_is_stated_as_115_of_172_votes_cast():
    # 143 yes, 29 no: two-thirds of 172 votes cast is 114.67, so 115 yes are needed.
    o = outcome(179, 179, 143, 29, 7)
    (req,) = o.requirements
    assert (req.needed, req.of, req.base) == (115, 172, Base.VOTES_CAST)
    # Adopted: 29 yes turning no give 114 yes, 58 no (114 * 3 = 342 < 344 = 2 * 172).
    assert o.margin is not None and o.margin.met
    assert o.margin.switched == 29
    # 86 yes withdrawn: 57 yes, 29 no, 3 * 57 = 171 < 172 = 2 * 86.
    assert o.margin.fewer_yes == 86
    # The 7 abstainers voting no cannot defeat it: 143 * 3 = 429 >= 2 * 179 = 358.
    assert o.margin.more_no is None


def test_art22_3_d_one_vote_short_needs_two_more_yes_or_one_fewer_no():
    # 60 yes, 31 no: 61 of 91 needed. One no withdrawn: 60 of 90 is two-thirds exactly.
    o = outcome(181, 100, 60, 31, 9)
    assert [(r.needed, r.of) for r in o.requirements] == [(61, 91)]
    assert o.margin is not None and not o.margin.met
    assert o.margin.fewer_no == 1
    # One more yes: 61 of 92 needs 62; two more: 62 of 93 needs 62.
    assert o.margin.more_yes == 2
    assert o.margin.switched == 1


def test_art23_8_c_tie_fails_one_more_yes_carries():
    o = outcome(46, 41, 20, 20, 1, rules=COMMITTEE)
    assert o.margin is not None
    assert (o.margin.more_yes, o.margin.fewer_no, o.margin.switched) == (1, 1, 1)


def test_art22_3_b_no_quorum_has_no_majority_and_no_margin():
    o = outcome(181, 60, 60, 0)
    assert o.requirements == () and o.margin is None


def test_art22_3_d_unanimous_yes_is_defeated_only_by_a_third_turning_no():
    # 100 yes, 0 no: 66 yes against 34 no is 198 < 200 (two-thirds of 100 votes cast).
    o = outcome(181, 100, 100, 0, 0)
    assert o.margin is not None and o.margin.met
    # Yes votes withdrawn alone never defeat it: any yes left is every vote cast, and
    # none left is no vote cast at all, rejected by the interpretation switch's default.
    assert o.margin.fewer_yes == 100
    assert o.margin.switched == 34


def test_member_base_majority_out_of_reach_is_settled():
    # A majority of all members (Base.MEMBERS) when too few are present: nothing changes it.
    from dataclasses import replace
    from fractions import Fraction

    from quorum.rules import Condition, Threshold

    majority = ASSEMBLY.majority(None)
    of_members = replace(majority, conditions=(Condition(Threshold(Fraction(1, 2), True),
                                                         Base.MEMBERS),))
    m = margin(of_members, 40, 0, 60, 181)
    assert not m.met and m.settled
    (req,) = requirements(of_members, 40, 0, 60, 181)
    assert (req.needed, req.of) == (91, 181)


@settings(max_examples=200, deadline=None)
@given(aggregate_sessions())
def test_margins_are_the_smallest_changes_that_flip_the_majority(session: Session):
    o = evaluate_decision(session, session.decisions[0])
    if o.margin is None:
        return
    rules = session.rules
    majority = rules.majority(o.kind)
    m = o.margin
    present = session.present
    y, n = o.yes, o.no

    def met(yes: int, no: int) -> bool:
        if yes + no == 0:
            return rules.interpretation.adopt_with_no_votes_cast
        return bool(majority.met(yes, no, present, session.members))

    assert m.met == met(y, n) == o.majority_met
    open_votes = present - y - n

    def smallest(limit: int, flips) -> int | None:
        return next((k for k in range(1, limit + 1) if flips(k)), None)

    if m.met:
        assert m.fewer_yes == smallest(y, lambda k: not met(y - k, n))
        assert m.more_no == smallest(open_votes, lambda k: not met(y, n + k))
        assert m.switched == smallest(y, lambda k: not met(y - k, n + k))
    else:
        assert m.more_yes == smallest(open_votes, lambda k: met(y + k, n))
        assert m.fewer_no == smallest(n, lambda k: met(y, n - k))
        assert m.switched == smallest(n, lambda k: met(y + k, n - k))
    for req in o.requirements:
        assert req.needed >= 0


def test_art25_4_e_members_named_in_the_explanation_in_the_page_language():
    from dataclasses import replace

    from quorum.scenario import load_scenario

    from .conftest import SCENARIOS

    scenario = load_scenario(SCENARIOS / "assembly-arrears-roster.yaml")
    session = scenario.session
    roster = tuple(replace(m, name_fr="Ruritanie") if m.id == "RU" else m
                   for m in session.roster or ())
    o = evaluate_decision(session.with_roster(roster), session.decisions[0])
    en, fr = "\n".join(o.explanation("en")), "\n".join(o.explanation("fr"))
    assert "Ruritania (RU)" in en and "Ruritanie" not in en
    assert "Ruritanie (RU)" in fr and "Ruritania" not in fr


def test_member_names_render_per_language_and_keep_ids():
    from quorum.explain import fmt

    value = member_names([Member("DZ", name="Algeria", name_fr="Algérie"),
                          Member("XX")], limit=1)
    assert fmt(value, "fr") == "Algérie (DZ) …"
    assert fmt(value, "en") == "Algeria (DZ) …"
    assert fmt(member_names([Member("XX")]), "fr") == "XX"


def test_integer_strategies_stay_exact():
    # The margin of a large aggregate vote is found by bisection, in exact integers.
    o = outcome(10**6, 10**6, 666_667, 333_333, 0)
    assert o.margin is not None and o.margin.met and o.margin.switched == 1
