"""Cached calls into the core, keyed on small hashable specs.

Every cached function takes the scenario's digest (:func:`dashboard.state.digest`, a short
string) as its key and the scenario itself as an argument Streamlit does not hash (its
name starts with ``_``). Other arguments are small values: a language, a body name, a
number. Every cache is bounded with ``max_entries``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pandas as pd
import streamlit as st

from quorum import Outcome, RuleSet, ScenarioError, evaluate, get_body
from quorum.roster import GROUPS
from quorum.scenario import Scenario

from . import bodyform, edits, errors, examples, frames, urlstate, whatif
from .i18n import group_name
from .state import default_scenario

ENTRIES = 64


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def outcomes(key: str, _scenario: Scenario) -> tuple[Outcome, ...] | str:
    """Every decision's outcome, or the one-line message of the error that prevents it."""
    try:
        return evaluate(_scenario.session)
    except ScenarioError as exc:
        return errors.message(exc)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def outcomes_if_paid(key: str, _scenario: Scenario) -> tuple[Outcome, ...] | str:
    """:func:`outcomes` of the scenario with every arrear paid (``edits.without_arrears``)."""
    try:
        return evaluate(edits.without_arrears(_scenario).session)
    except ScenarioError as exc:
        return errors.message(exc)


@functools.cache
def _default_form() -> Any:
    """The default scenario in the links' canonical form, computed once (only ever read)."""
    return urlstate.canonical(default_scenario())


@functools.lru_cache(maxsize=8)
def _example_form(name: str) -> Any:
    """A bundled example in the links' canonical form (only ever read)."""
    found = examples.by_stem(name)
    return None if found is None else urlstate.canonical(found)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def link_token(key: str, _scenario: Scenario) -> str | None:
    """The ``s`` query parameter of the scenario (None for the default): a patch against
    the default, or against the bundled example it comes from when that is shorter."""
    token = urlstate.encode_against(_scenario, _default_form())
    name = examples.which(_scenario)
    if token is None or name is None:
        return token
    form = _example_form(examples.stem(name))
    if form is None:
        return token
    other = urlstate.encode_example(_scenario, examples.stem(name), form)
    return other if len(other) < len(token) else token


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def roster_table(key: str, _scenario: Scenario, lang: str) -> pd.DataFrame:
    return frames.roster_table(_scenario, lang)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def replies_table(key: str, _scenario: Scenario, decision_index: int, lang: str
                  ) -> pd.DataFrame:
    return frames.replies_table(_scenario, decision_index, lang)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def arrears_table(key: str, _scenario: Scenario, years: tuple[int, ...], lang: str
                  ) -> pd.DataFrame:
    return frames.arrears_table(_scenario, years, lang)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def shares_table(key: str, _scenario: Scenario, total: int, lang: str) -> pd.DataFrame:
    return frames.shares_table(_scenario, Fraction(total), lang)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def class_table(key: str, _scenario: Scenario, lang: str) -> pd.DataFrame:
    return frames.class_table(_scenario, lang)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lost_votes_table(key: str, _scenario: Scenario, lang: str) -> pd.DataFrame:
    on = _scenario.session.date
    if on is None:
        return pd.DataFrame()
    return frames.lost_votes_table(_scenario, on, lang)


def rules_of(body: str, scenario: Scenario) -> RuleSet:
    """A preset body by name, or ``scenario``'s own body for the name ``"scenario"``."""
    return scenario.rules if body == SCENARIO_BODY else get_body(body)


SCENARIO_BODY = "scenario"


@st.cache_data(max_entries=32, show_spinner=False)
def card_table(body_key: str, _rules: RuleSet, members: int, lang: str) -> pd.DataFrame:
    """``body_key``: a preset's name, or ``"scenario:" + digest`` for the scenario's body."""
    return frames.card_table(_rules, members, lang)


@st.cache_data(max_entries=32, show_spinner=False)
def growth_table(body_key: str, _rules: RuleSet, largest: int, lang: str) -> pd.DataFrame:
    return frames.growth_table(_rules, range(1, largest + 1), lang)


def _engine_call(call: Callable[[], Any]) -> Any:
    """Run a what-if engine call; the one-line message of its error instead of a failure."""
    try:
        return call()
    except ScenarioError as exc:
        return errors.message(exc)
    except whatif.EngineError as exc:
        return str(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def whatif_result(key: str, _scenario: Scenario) -> Any:
    """``quorum.probability.simulate`` of the scenario under its model (or an error line)."""
    return _engine_call(lambda: whatif.simulate(_scenario))


@st.cache_data(max_entries=16, show_spinner=False)
def whatif_sweep(key: str, _scenario: Scenario, decision_id: str, x: str, y: str,
                 steps: int, measure: str) -> pd.DataFrame | str:
    result: pd.DataFrame | str = _engine_call(
        lambda: whatif.sweep_table(_scenario, decision_id, x, y, steps, measure))
    return result


@st.cache_data(max_entries=16, show_spinner=False)
def whatif_swings(key: str, _scenario: Scenario, decision_id: str, level: str, measure: str,
                  lang: str) -> pd.DataFrame | str:
    names = {m.id: m.label(lang) for m in _scenario.session.roster or ()}
    names.update({code: group_name(code, lang) for code in GROUPS})
    result: pd.DataFrame | str = _engine_call(
        lambda: whatif.swing_table(_scenario, decision_id, level, measure, names))
    return result


@st.cache_data(max_entries=32, show_spinner=False)
def power_tables(key: str, _scenario: Scenario, kind: str, lang: str, away_group: str = "",
                 lost: str = "") -> frames.PowerTables | str:
    """Power and blocking (:mod:`quorum.body_power`) in the scenario, or in the what-if
    where ``away_group`` stays away and the member ``lost`` has lost the vote ("" for
    none), as the Power page's tables; the one-line message of an error instead."""
    try:
        return frames.power_tables(_scenario, kind, lang, away_group or None,
                                   (lost,) if lost else ())
    except ScenarioError as exc:
        return errors.message(exc)
    except ValueError as exc:
        return str(exc)


@st.cache_data(max_entries=16, show_spinner=False)
def body_yaml(mapping: dict[str, Any]) -> str:
    """The custom body editor's definition as YAML (:func:`dashboard.bodyform.to_yaml`);
    the mapping is small, so it is its own key."""
    return bodyform.to_yaml(mapping)
