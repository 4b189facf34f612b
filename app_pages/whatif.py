"""What-if: attendance and voting probabilities, exact chances of quorum, adoption and
executory status, a sweep over two parameters, and who swings the result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st
import yaml

from dashboard import cache, charts, edits, frames, state, ui, whatif
from dashboard.i18n import current, group_name, label, number, t
from quorum.scenario import Scenario

EVERYONE = (("present", "wi_present"), ("yes", "wi_yes"), ("no", "wi_no"))
WRITTEN = (("reply", "wi_reply"), ("written_yes", "wi_written_yes"),
           ("written_no", "wi_written_no"))


def _set(field: str, key: str) -> None:
    percent = st.session_state.get(key)
    state.act(whatif.set_everyone, field, None if percent is None else int(percent) / 100)


def everyone(scenario: Scenario) -> None:
    model = whatif.model_of(scenario)
    left, right = st.columns(2, gap="large")
    with left:
        _sliders(model, "whatif.session", EVERYONE, "yes", "no")
    with right:
        _sliders(model, "whatif.written", WRITTEN, "written_yes", "written_no")


def _sliders(model: dict[str, Any], title_key: str, fields: Sequence[tuple[str, str]],
             yes: str, no: str) -> None:
    """One column of sliders, and the abstention share that the others leave."""
    st.markdown(f"**{t(title_key)}**")
    # Shares as whole percentages (no decimal separator to get wrong), written as each
    # language writes a percentage: "45%" in English, "45 %" in French.
    lang = current()
    shown = "%d %%" if lang == "fr" else "%d%%"
    for field, key in fields:
        st.session_state[key] = round(100 * whatif.everyone_value(model, field))
        st.slider(t(f"whatif.{field}"), 0, 100, step=5, key=key, on_change=_set,
                  args=(field, key), format=shown)
    rest = 1 - whatif.everyone_value(model, yes) - whatif.everyone_value(model, no)
    st.caption(t("whatif.abstain_rest", share=number(max(rest, 0), lang, 2)))


def overrides(scenario: Scenario, level: str) -> None:
    lang = current()
    name = f"whatif_{level}"
    base = state.editor_base(name)
    if level == "groups":
        names = {m.group: group_name(m.group, lang) for m in edits.organ(base) if m.group}
    else:
        names = {m.id: m.label(lang) for m in edits.organ(base)}
    table = whatif.overrides_table(base, level, names)
    probability = {"min_value": 0.0, "max_value": 1.0, "step": 0.05, "format": "%.2f"}
    st.data_editor(table, key=state.editor_key(name), num_rows="fixed", width="stretch",
                   height=300 if level == "groups" else 360, disabled=["name"], column_config={
                       **ui.id_name_columns(t(f"whatif.{level}_name")),
                       "present": st.column_config.NumberColumn(t("whatif.present"),
                                                                **probability),
                       "yes": st.column_config.NumberColumn(t("whatif.yes"), **probability),
                       "no": st.column_config.NumberColumn(t("whatif.no"), **probability),
                   })
    st.caption(t("whatif.blank_inherits"))


def results(scenario: Scenario, index: int) -> None:
    if whatif.engine() is None:
        st.info(t("whatif.unavailable"))
        return
    result = cache.whatif_result(state.get_digest(), scenario)
    if isinstance(result, str):
        ui.error(result)
        return
    decision = result.decisions[max(index, 0)]
    cols = st.columns(len(whatif.MEASURES))
    for col, measure in zip(cols, whatif.MEASURES, strict=True):
        col.metric(t(f"whatif.{measure}"), f"{100 * float(getattr(decision, measure)):.1f} %")
    if decision.method == "exact":
        st.caption(t("whatif.exact"))
    else:
        st.caption(t("whatif.sampled", samples=decision.samples,
                     stderr=f"{decision.stderr:.4f}"))
    marks = frames.quorum_marks(decision.quorum_required, decision.reduced_quorum_required,
                                scenario.rules, current())
    charts.draw(charts.distribution_bars, whatif.distribution_frame(decision), marks,
                t("charts.members_axis"), t("whatif.probability"), key="chart_attendance")
    decision_id = decision.id
    left, right = st.columns(2, gap="large")
    with left:
        sweep(scenario, decision_id)
    with right:
        swings(scenario, decision_id)


def sweep(scenario: Scenario, decision_id: str) -> None:
    st.subheader(t("whatif.sweep"))
    lang = current()
    state.sticky("wi_sweep_on", False)
    if not st.toggle(t("whatif.sweep_on"), key="wi_sweep_on", help=t("whatif.slow_help")):
        return
    options = list(whatif.SWEEPABLE)
    a, b = st.columns(2)
    state.sticky("wi_sweep_x", options[0], options=options)
    x = a.selectbox(t("whatif.sweep_x"), options, key="wi_sweep_x",
                    format_func=lambda p: label(f"whatif.param_{p}", lang))
    others = [p for p in options if p != x]
    state.sticky("wi_sweep_y", others[0], options=others)
    y = b.selectbox(t("whatif.sweep_y"), others, key="wi_sweep_y",
                    format_func=lambda p: label(f"whatif.param_{p}", lang))
    c, d = st.columns(2)
    state.sticky("wi_sweep_measure", "p_executory", options=list(whatif.MEASURES))
    measure = c.selectbox(t("whatif.measure"), whatif.MEASURES, key="wi_sweep_measure",
                          format_func=lambda m: label(f"whatif.{m}", lang))
    state.sticky("wi_sweep_steps", 7)
    steps = int(d.number_input(t("whatif.steps"), min_value=3, max_value=15, step=1,
                               key="wi_sweep_steps"))
    with st.spinner(t("whatif.computing")):
        table = cache.whatif_sweep(state.get_digest(), scenario, decision_id, x, y, steps,
                                   measure)
    if isinstance(table, str):
        ui.error(table)
        return
    charts.show(charts.heatmap(table, label(f"whatif.param_{x}", lang),
                               label(f"whatif.param_{y}", lang), t(f"whatif.{measure}")),
                key="chart_sweep")
    ui.table_downloads(table, f"quorum-sweep-{decision_id}", "wi_sweep")
    ui.chart_downloads({"chart_sweep": t("whatif.sweep")}, f"quorum-sweep-{decision_id}")


def swings(scenario: Scenario, decision_id: str) -> None:
    st.subheader(t("whatif.swings"))
    lang = current()
    state.sticky("wi_swings_on", False)
    if not st.toggle(t("whatif.swings_on"), key="wi_swings_on", help=t("whatif.slow_help")):
        return
    a, b = st.columns(2)
    levels = ["group", "member"] if edits.is_roster(scenario) else ["member"]
    state.sticky("wi_swing_level", levels[0], options=levels)
    level = a.radio(t("whatif.swing_level"), levels, key="wi_swing_level", horizontal=True,
                    format_func=lambda v: label(f"whatif.level_{v}", lang))
    state.sticky("wi_swing_measure", whatif.SWINGS[0], options=list(whatif.SWINGS))
    measure = b.radio(t("whatif.swing_measure"), whatif.SWINGS, key="wi_swing_measure",
                      horizontal=True, format_func=lambda v: label(f"whatif.{v}", lang))
    with st.spinner(t("whatif.computing")):
        table = cache.whatif_swings(state.get_digest(), scenario, decision_id, level,
                                    measure, lang)
    if isinstance(table, str):
        ui.error(table)
        return
    charts.show(charts.ranked_bars(table.head(15), t(f"whatif.{measure}_axis")),
                key="chart_swings")
    st.caption(t(f"whatif.{measure}_help"))
    ui.table_downloads(table, f"quorum-swings-{decision_id}-{level}", "wi_swings")
    ui.chart_downloads({"chart_swings": t("whatif.swings")}, f"quorum-swings-{decision_id}")


def main() -> None:
    ui.header("whatif.title", "whatif.intro")
    scenario = state.get_scenario()
    if edits.is_roster(scenario):
        for level in whatif.LEVELS:

            def apply(base: Scenario, rows: Any, level: str = level) -> tuple[Scenario, bool]:
                row_ids = whatif.override_ids(base, level)
                return whatif.apply_override_edits(base, level, rows, row_ids), False

            state.sync_editor(f"whatif_{level}", apply)
        scenario = state.get_scenario()
    index = ui.decision_picker(scenario)
    st.subheader(t("whatif.model"))
    if scenario.model is None:
        st.caption(t("whatif.default_model"))
    tabs = st.tabs([t("whatif.everyone"), t("whatif.per_group"), t("whatif.per_member"),
                    t("whatif.as_yaml")])
    with tabs[0]:
        everyone(scenario)
    if edits.is_roster(scenario):
        with tabs[1]:
            overrides(scenario, "groups")
        with tabs[2]:
            overrides(scenario, "members")
    else:
        for tab in tabs[1:3]:
            tab.info(t("whatif.needs_roster"))
    with tabs[3]:
        st.code(yaml.safe_dump({"model": whatif.model_of(scenario)}, sort_keys=False,
                               allow_unicode=True), language="yaml")
        st.button(t("whatif.clear"), key="wi_clear", on_click=state.act,
                  args=(whatif.without_model,),
                  disabled=scenario.model is None)
    st.subheader(t("whatif.results"))
    results(whatif.with_model(scenario, whatif.model_of(scenario)), index)


main()
