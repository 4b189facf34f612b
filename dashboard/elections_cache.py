"""Cached election computations, keyed on the scenario's digest (small keys, bounded)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from quorum.elections import ElectionResult, elect
from quorum.elections.model import simulate_elections
from quorum.errors import ScenarioError
from quorum.scenario import Scenario

from . import errors

SAMPLES = 10_000


@st.cache_data(max_entries=32, show_spinner=False)
def results(key: str, _scenario: Scenario) -> tuple[ElectionResult, ...]:
    return tuple(elect(_scenario))


@st.cache_data(max_entries=16, show_spinner=False)
def chances(key: str, _scenario: Scenario) -> list[dict[str, Any]] | str:
    """The chances of every modelled election (10,000 simulated elections, seed 0), or the
    one-line error when the model cannot be read."""
    try:
        return [c.to_dict() for c in simulate_elections(_scenario, SAMPLES, 0)]
    except ScenarioError as exc:
        return errors.message(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def walkthrough(key: str, lang: str, election_id: str, _scenario: Scenario
                ) -> list[tuple[str, list[str]]]:
    """The walkthrough of one election in ``lang``: each stage's heading and lines."""
    from quorum.elections.teaching import election_walkthrough

    from . import examples

    return [(stage.heading(lang), list(stage.lines(lang)))
            for stage in election_walkthrough(examples.shown_elections(_scenario, lang),
                                              election_id)]
