"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

from quorum import Decision, RuleSet, Session, Votes, WrittenProcedure, get_body

BODIES = ("berne-assembly", "berne-executive-committee")


def one_decision(members: int, present: int, yes: int, no: int, abstain: int = 0,
                 kind: str | None = None, written: WrittenProcedure | None = None,
                 rules: RuleSet | None = None) -> Session:
    """An aggregate session of ``rules`` (the Berne Assembly by default) with one decision
    ``d`` and these counts."""
    return Session(rules or get_body("berne-assembly"), members, present,
                   (Decision("d", kind, Votes(yes, no, abstain), written=written),))


@st.composite
def aggregate_sessions(draw: st.DrawFn, body: str | None = None, kind: str | None = None
                       ) -> Session:
    """An aggregate session with one decision whose counts are consistent."""
    name = body or draw(st.sampled_from(BODIES))
    rules = get_body(name)
    members = draw(st.integers(min_value=1, max_value=250))
    present = draw(st.integers(min_value=0, max_value=members))
    yes = draw(st.integers(min_value=0, max_value=present))
    no = draw(st.integers(min_value=0, max_value=present - yes))
    abstain = draw(st.integers(min_value=0, max_value=present - yes - no))
    chosen = kind or draw(st.sampled_from(rules.kinds))
    return one_decision(members, present, yes, no, abstain, chosen, rules=rules)
