"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

from quorum import Decision, Session, Votes, get_body

BODIES = ("berne-assembly", "berne-executive-committee")


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
    return Session(rules, members, present, (Decision("d", chosen, Votes(yes, no, abstain)),))
