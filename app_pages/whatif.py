"""What-if: attendance and voting probabilities, exact chances of quorum, adoption and
executory status, a sweep over two parameters, and who swings the result."""

from __future__ import annotations

from typing import Any

import streamlit as st
import yaml

from dashboard import cache, charts, edits, state, ui, whatif
from dashboard.i18n import current, group_name, label, t
from quorum.scenario import Scenario

EVERYONE = (("present", "wi_present"), ("yes", "wi_yes"), ("no", "wi_no"))
WRITTEN = (("reply", "wi_reply"), ("written_yes", "wi_written_yes"),
           ("written_no", "wi_written_no"))
SWEEPABLE = ("attendance", "support")


def _set(field: str, key: str) -> None:
    state.act(whatif.set_everyone, field, st.session_state.get(key))


def _value(model: dict[str, Any], field: str) -> float:
    if field == "present":
        value = model.get("present")
    elif field in ("yes", "no"):
        value = (model.get("vote") or {}).get(field)
    elif field == "reply":
        value = (model.get("written") or {}).get("reply")
    else:
        value = (model.get("written") or {}).get(field.removeprefix("written_"))
    return float(value) if value is not None else 0.0


def everyone(scenario: Scenario) -> None:
    model = whatif.model_of(scenario)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('whatif.session')}**")
        for field, key in EVERYONE:
            st.session_state[key] = _value(model, field)
            st.slider(t(f"whatif.{field}"), 0.0, 1.0, step=0.05, key=key, on_change=_set,
                      args=(field, key))
        rest = 1 - _value(model, "yes") - _value(model, "no")
        st.caption(t("whatif.abstain_rest", share=f"{max(rest, 0):.2f}"))
    with right:
        st.markdown(f"**{t('whatif.written')}**")
        for field, key in WRITTEN:
            st.session_state[key] = _value(model, field)
            st.slider(t(f"whatif.{field}"), 0.0, 1.0, step=0.05, key=key, on_change=_set,
                      args=(field, key))
        rest = 1 - _value(model, "written_yes") - _value(model, "written_no")
        st.caption(t("whatif.abstain_rest", share=f"{max(rest, 0):.2f}"))


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
                       "_index": st.column_config.TextColumn(t("roster.id")),
                       "name": st.column_config.TextColumn(t(f"whatif.{level}_name")),
                       "present": st.column_config.NumberColumn(t("whatif.present"),
                                                                **probability),
                       "yes": st.column_config.NumberColumn(t("whatif.yes"), **probability),
                       "no": st.column_config.NumberColumn(t("whatif.no"), **probability),
                   })
    st.caption(t("whatif.blank_inherits"))


def results(scenario: Scenario, index: int) -> None:
    engine = whatif.engine()
    if engine is None:
        st.info(t("whatif.unavailable"))
        return
    table = cache.whatif_probabilities(state.get_digest(), scenario)
    if isinstance(table, str):
        st.error(table, icon=":material/error:")
        return
    row = table.iloc[index] if 0 <= index < len(table) else table.iloc[0]
    cols = st.columns(5)
    for col, measure in zip(cols, whatif.MEASURES, strict=True):
        value = row.get(measure)
        col.metric(t(f"whatif.{measure}"), "—" if value is None or value != value
                   else f"{100 * float(value):.1f} %")
    sweep(scenario, index)
    swings(scenario, index)


def sweep(scenario: Scenario, index: int) -> None:
    st.subheader(t("whatif.sweep"))
    lang = current()
    a, b, c = st.columns(3)
    state.sticky("wi_sweep_x", SWEEPABLE[0], options=list(SWEEPABLE))
    x = a.selectbox(t("whatif.sweep_x"), SWEEPABLE, key="wi_sweep_x",
                    format_func=lambda p: label(f"whatif.param_{p}", lang))
    others = [p for p in SWEEPABLE if p != x]
    state.sticky("wi_sweep_y", others[0], options=others)
    y = b.selectbox(t("whatif.sweep_y"), others, key="wi_sweep_y",
                    format_func=lambda p: label(f"whatif.param_{p}", lang))
    state.sticky("wi_sweep_steps", 9)
    steps = int(c.number_input(t("whatif.steps"), min_value=3, max_value=21, step=1,
                               key="wi_sweep_steps"))
    table = cache.whatif_sweep(state.get_digest(), scenario, index, x, y, steps)
    if isinstance(table, str):
        st.warning(table)
        return
    charts.show(charts.heatmap(table, label(f"whatif.param_{x}", lang),
                               label(f"whatif.param_{y}", lang), t("whatif.p_executory")),
                key="chart_sweep")


def swings(scenario: Scenario, index: int) -> None:
    st.subheader(t("whatif.swings"))
    lang = current()
    table = cache.whatif_swings(state.get_digest(), scenario, index, lang)
    if isinstance(table, str):
        st.warning(table)
        return
    charts.show(charts.ranked_bars(table.head(15), t("whatif.swing_axis")), key="chart_swings")


def main() -> None:
    ui.header("whatif.title", "whatif.intro")
    scenario = state.get_scenario()
    if edits.is_roster(scenario):
        for level in whatif.LEVELS:
            row_ids = tuple(whatif.overrides_table(state.editor_base(f"whatif_{level}"),
                                                   level, {}).index)

            def apply(base: Scenario, rows: Any, level: str = level,
                      row_ids: tuple[str, ...] = row_ids) -> tuple[Scenario, bool]:
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
