"""Rules card: the thresholds of any body for any number of members, and how they grow."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, state, ui
from dashboard.i18n import current, label, t
from quorum import preset_names

LARGEST = 2_000


def main() -> None:
    ui.header("rules.title", "rules.intro")
    scenario = state.get_scenario()
    lang = current()
    presets = list(preset_names())
    options = presets if scenario.body_ref in presets else [cache.SCENARIO_BODY, *presets]
    default = scenario.body_ref if scenario.body_ref in presets else cache.SCENARIO_BODY

    def body_name(option: str) -> str:
        rules = cache.rules_of(option, scenario)
        name = rules.name.get(lang)
        if option == cache.SCENARIO_BODY:
            return label("rules.scenario_body", lang, name=name)
        return f"{name} ({option})"

    pick, size = st.columns([2, 1])
    with pick:
        state.sticky("rc_body", default, options=options)
        body = st.selectbox(t("rules.body"), options, key="rc_body", format_func=body_name)
    with size:
        state.sticky("rc_n", max(1, scenario.session.members))
        if not 1 <= int(st.session_state["rc_n"]) <= LARGEST:
            st.session_state["rc_n"] = max(1, min(LARGEST, scenario.session.members))
        members = int(st.number_input(t("rules.members"), min_value=1, max_value=LARGEST,
                                      step=1, key="rc_n"))
    rules = cache.rules_of(body, scenario)
    body_key = body if body != cache.SCENARIO_BODY else f"scenario:{state.get_digest()}"
    st.caption(rules.instrument.get(lang))
    left, right = st.columns([0.52, 0.48], gap="large")
    with left:
        st.dataframe(cache.card_table(body_key, rules, members, lang), hide_index=True,
                     width="stretch", column_config={
                         "rule": st.column_config.TextColumn(t("rules.rule"), width="medium"),
                         "value": st.column_config.TextColumn(t("rules.value"),
                                                              width="medium"),
                         "article": st.column_config.TextColumn(t("rules.article"),
                                                                width="small"),
                     })
        for note in rules.notes:
            st.caption(f"{note.article}: {note.text.get(lang)}" if note.article
                       else note.text.get(lang))
    with right:
        largest = min(LARGEST, max(200, -(-2 * members // 100) * 100))  # cached by hundreds
        growth = cache.growth_table(body_key, rules, largest, lang)
        here = pd.DataFrame([{"members": members,
                              "text": t("rules.chosen_size", members=members)}])
        charts.show(charts.growth_lines(growth, here, t("rules.members_axis"),
                                        t("rules.count_axis")), key="chart_growth")


main()
