"""Hypothesis strategies for joint sessions: rosters whose members name their bodies."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import strategies as st

from quorum import get_body
from quorum.joint import JointDecision
from quorum.members import Member
from quorum.rules import RuleSet
from quorum.session import Choice, Decision, WrittenProcedure

BODIES = ("berne-assembly", "berne-executive-committee", "paris-assembly",
          "wipo-general-assembly", "wipo-coordination-committee")
ON = date(2026, 7, 8)
CHOICES = (Choice.YES, Choice.NO, Choice.ABSTAIN)


@st.composite
def members(draw: st.DrawFn, prefix: str, count: int, bodies: tuple[str, ...]
            ) -> tuple[Member, ...]:
    """``count`` members named ``prefix0``... belonging to ``bodies``; some present, some
    in arrears (with or without the exception), some observers."""
    out = []
    for i in range(count):
        dues = draw(st.integers(0, 3))
        arrears = draw(st.integers(0, 8))
        out.append(Member(
            id=f"{prefix}{i}", present=draw(st.booleans()),
            arrears=Fraction(arrears), dues=((2024, Fraction(dues)), (2025, Fraction(dues))),
            arrears_exception=draw(st.booleans()) if arrears else False,
            observer=draw(st.integers(0, 9)) == 0, bodies=bodies,
        ))
    return tuple(out)


@st.composite
def one_body_cases(draw: st.DrawFn) -> tuple[RuleSet, tuple[Member, ...], Decision]:
    """A body, a roster of its members and one decision with votes and, sometimes, written
    replies of absent members."""
    rules = get_body(draw(st.sampled_from(BODIES)))
    roster = draw(members("M", draw(st.integers(1, 24)), (rules.id,)))
    votes = []
    for m in roster:
        if m.present and not m.observer and draw(st.integers(0, 4)):
            votes.append((m.id, draw(st.sampled_from(CHOICES))))
    written = None
    if rules.reduced_quorum is not None and draw(st.booleans()):
        replies = tuple((m.id, draw(st.sampled_from(CHOICES))) for m in roster
                        if not m.present and not m.observer and draw(st.booleans()))
        written = WrittenProcedure(ON, None, replies)
    kind = draw(st.sampled_from((None, *rules.kinds)))
    return rules, roster, Decision("d", kind, member_votes=tuple(votes), written=written)


@st.composite
def multi_body_cases(draw: st.DrawFn) -> tuple[tuple[Member, ...], JointDecision]:
    """Members of one to three of the Paris, Berne and General Assemblies, a decision that
    all three take (a Director General appointment) or one of them."""
    bodies = ("wipo-general-assembly", "paris-assembly", "berne-assembly")
    count = draw(st.integers(3, 30))
    roster = []
    for i in range(count):
        mine = tuple(b for b in bodies if draw(st.booleans())) or bodies[:1]
        roster.append(Member(f"M{i}", present=draw(st.integers(0, 3)) > 0, bodies=mine))
    for b in bodies:  # every body has a member
        if not any(b in m.bodies for m in roster):
            roster.append(Member(f"Z{b}", present=True, bodies=(b,)))
    votes = tuple((m.id, draw(st.sampled_from(CHOICES))) for m in roster if m.present)
    if draw(st.booleans()):
        return tuple(roster), JointDecision(Decision("d", "director-general",
                                                     member_votes=votes), bodies)
    body = draw(st.sampled_from(bodies))
    return tuple(roster), JointDecision(Decision("d", None, member_votes=votes), (body,))
