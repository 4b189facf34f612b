"""Walkthrough: the current scenario's session step by step, from convocation to final
status, with a "what changes if" control at every step (one more member present, one no
turned into an abstention, one member in arrears)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state, ui
from dashboard.i18n import current
from quorum import ScenarioError
from quorum.scenario import Scenario
from quorum.walkthrough import (
    Change,
    Convocation,
    SessionKind,
    WalkStep,
    WhatIf,
    text,
    walkthrough,
    what_if,
)

NOTHING = "nothing"
CHANGES = (NOTHING, *(c.value for c in Change))
STEP = "wt_step"


@st.cache_data(max_entries=32, show_spinner=False)
def _steps(key: str, _scenario: Scenario, decision_id: str, kind: str, requests: int | None
           ) -> tuple[WalkStep, ...] | str:
    try:
        return walkthrough(_scenario, decision_id, Convocation(SessionKind(kind), requests))
    except (ScenarioError, ValueError, KeyError) as exc:
        return str(exc.args[0]) if exc.args else str(exc)


@st.cache_data(max_entries=32, show_spinner=False)
def _effect(key: str, _scenario: Scenario, decision_id: str, change: str,
            kind: str, requests: int | None) -> tuple[WhatIf, tuple[WalkStep, ...] | None] | str:
    try:
        effect = what_if(_scenario, change, decision_id)
        steps = None
        if effect.session is not None:
            steps = walkthrough(effect.session, None, Convocation(SessionKind(kind), requests))
        return effect, steps
    except (ScenarioError, ValueError, KeyError) as exc:
        return str(exc.args[0]) if exc.args else str(exc)


def _move(delta: int, total: int) -> None:
    st.session_state[STEP] = max(1, min(total, int(st.session_state.get(STEP, 1)) + delta))


def _show_step(step: WalkStep, lang: str) -> None:
    badge = step.article.replace("[", "(").replace("]", ")")
    st.markdown(f"#### {ui.escape(step.heading(lang))}" +
                (f"  :blue-badge[{badge}]" if step.article else ""))
    st.markdown(ui.escape(step.text(lang)))
    for label, value in step.figure_rows(lang):
        st.markdown(f"- {ui.escape(label)}: **{ui.escape(value)}**")


def _convocation(scenario: Scenario, lang: str) -> tuple[str, int | None]:
    rule = scenario.rules.extraordinary_session
    kinds = [SessionKind.ORDINARY.value] + ([SessionKind.EXTRAORDINARY.value] if rule else [])
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    with left:
        state.sticky("wt_session", kinds[0], options=kinds)
        kind = st.radio(text("page.walkthrough.session", lang), kinds, key="wt_session",
                        horizontal=True,
                        format_func=lambda k: text(f"page.walkthrough.{k}", lang))
    requests = None
    if kind == SessionKind.EXTRAORDINARY.value:
        with right:
            members = scenario.session.members
            card = scenario.rules.card(max(1, members))
            state.sticky("wt_requests", card.extraordinary_session_requests or 0)
            if not 0 <= int(st.session_state["wt_requests"]) <= members:
                needed = card.extraordinary_session_requests or 0
                st.session_state["wt_requests"] = min(members, needed)
            requests = int(st.number_input(text("page.walkthrough.requests", lang), min_value=0,
                                           max_value=members, step=1, key="wt_requests"))
    return kind, requests


def main() -> None:
    lang = current()
    ui.header("page.walkthrough.title", "page.walkthrough.intro",
              catalogue=lambda key: text(key, lang))
    scenario = state.get_scenario()

    index = ui.decision_picker(scenario)
    if index < 0:
        return
    decision_id = scenario.session.decisions[index].id
    kind, requests = _convocation(scenario, lang)
    key = state.get_digest()
    steps = _steps(key, scenario, decision_id, kind, requests)
    if isinstance(steps, str):
        ui.error(steps)
        return
    walk(scenario, steps, decision_id, kind, requests, lang)


@ui.fragment
def walk(scenario: Any, steps: Any, decision_id: str, kind: Any, requests: Any,
         lang: str) -> None:
    """The step shown and its what-if: their widgets change only them."""
    key = state.get_digest()
    total = len(steps)
    state.sticky(STEP, 1)
    if not 1 <= int(st.session_state[STEP]) <= total:
        st.session_state[STEP] = min(max(1, int(st.session_state[STEP])), total)
    back, pick, forward = st.columns([1, 4, 1], vertical_alignment="bottom")
    back.button(text("page.walkthrough.previous", lang), key="wt_prev",
                icon=":material/arrow_back:", on_click=_move, args=(-1, total),
                disabled=st.session_state[STEP] <= 1, width="stretch")
    forward.button(text("page.walkthrough.next", lang), key="wt_next",
                   icon=":material/arrow_forward:", on_click=_move, args=(1, total),
                   disabled=st.session_state[STEP] >= total, width="stretch")
    with pick:
        number = int(st.select_slider(
            text("page.walkthrough.step", lang), options=list(range(1, total + 1)), key=STEP,
            format_func=lambda n: f"{n}. {steps[n - 1].heading(lang)}"))
    st.progress(number / total, text=text("page.walkthrough.step_of", lang, number=number,
                                          total=total))
    step = steps[number - 1]

    state.sticky("wt_whatif", NOTHING, options=list(CHANGES))
    change = st.radio(text("page.walkthrough.whatif", lang), CHANGES, key="wt_whatif",
                      horizontal=True,
                      format_func=lambda c: text("page.walkthrough.nothing" if c == NOTHING
                                                 else f"whatif.{c}", lang))
    if change == NOTHING:
        _show_step(step, lang)
    else:
        result = _effect(key, scenario, decision_id, change, kind, requests)
        if isinstance(result, str):
            ui.error(result)
            return
        effect, changed_steps = result
        (st.warning if effect.changed else st.info)(effect.text(lang), icon=":material/science:")
        left, right = st.columns(2, gap="large")
        with left:
            st.caption(text("page.walkthrough.as_is", lang))
            _show_step(step, lang)
        with right:
            st.caption(text("page.walkthrough.changed", lang))
            same = [s for s in changed_steps or () if s.stage is step.stage]
            if same:
                _show_step(same[0], lang)
            elif changed_steps is not None:
                st.info(text("page.walkthrough.not_reached", lang))
    if step.trace:
        with st.expander(text("page.walkthrough.checked", lang)):
            for line in step.trace:
                article = f"[{line.article}] " if line.article else ""
                st.markdown(f"- {ui.escape(article + line.render(lang))}")
    if number > 1:
        with st.expander(text("page.walkthrough.earlier", lang)):
            for earlier in steps[:number - 1]:
                st.markdown(f"**{ui.escape(earlier.heading(lang))}** · {earlier.article}")
                st.markdown(ui.escape(earlier.text(lang)))


main()
