"""Rules card: the thresholds of any body for any number of members, and how they grow."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import bodyform, cache, charts, edits, errors, state, ui
from dashboard.i18n import current, label, t
from quorum import RuleSet, ScenarioError, preset_names

LARGEST = 2_000
FORM = ("name", "quorum", "quorum_strict", "reduced", "reduced_fraction", "months", "arrears")
SOURCE = "rc_cb_source"  # the body the custom form started from
TABLE = "rc_cb_table"  # the majorities as last edited
TABLE_BASE = "rc_cb_table_base"  # the table the editor was built from
VERSION = "rc_cb_version"
FORM_LANG = "rc_cb_lang"  # the language the form's name was written in


def main() -> None:
    ui.header("rules.title", "rules.intro")
    card()


@ui.fragment
def card() -> None:
    """The card, its growth and the custom body: their widgets change only them."""
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
    # The table at full width (rule names are long), the growth chart beneath it.
    table = cache.card_table(body_key, rules, members, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=36 + 35 * len(table),
                 column_config=_card_columns(rule_width="large"))
    for note in rules.notes:
        st.caption(f"{note.article}: {note.text.get(lang)}" if note.article
                   else note.text.get(lang))
    with st.container():
        largest = min(LARGEST, max(200, -(-2 * members // 100) * 100))  # cached by hundreds
        growth = cache.growth_table(body_key, rules, largest, lang)
        here = pd.DataFrame([{"members": members,
                              "text": t("rules.chosen_size", members=members)}])
        charts.draw(charts.growth_lines, growth, here, t("rules.members_axis"),
                    t("rules.count_axis"), key="chart_growth")
    custom_body(rules, members)


def _card_columns(rule_width: str) -> dict[str, Any]:
    """The rules card table's columns (the rule's name is given ``rule_width``)."""
    return {
        "rule": st.column_config.TextColumn(t("rules.rule"), width=rule_width),
        "value": st.column_config.TextColumn(t("rules.value"), width="medium"),
        "article": st.column_config.TextColumn(t("rules.article"), width="small"),
    }


def _restart_form(rules: RuleSet, lang: str, source: str) -> None:
    """Fill the custom body form from ``rules`` (a new body was chosen above)."""
    for name, value in bodyform.form_values(rules, lang).items():
        st.session_state[f"rc_cb_{name}"] = value
        state.remember(f"rc_cb_{name}", value)
    table = bodyform.majorities_table(rules)
    st.session_state[TABLE] = st.session_state[TABLE_BASE] = table
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.session_state[SOURCE] = source
    st.session_state[FORM_LANG] = lang


def _follow_language(rules: RuleSet, lang: str) -> None:
    """After a language switch, a body name left as it was follows the language (it is
    not an edit of the body)."""
    before = st.session_state.get(FORM_LANG)
    st.session_state[FORM_LANG] = lang
    if before is None or before == lang:
        return
    key = "rc_cb_name"
    shown = st.session_state.get(key, state.remembered(key))
    if shown == bodyform.form_values(rules, before)["name"]:
        name = bodyform.form_values(rules, lang)["name"]
        st.session_state[key] = name
        state.remember(key, name)


def _use(rules: RuleSet, name: str) -> None:
    state.act(edits.with_body, rules)
    state.notice("info", label("rules.custom_applied", current(), name=name))


def _majorities_editor() -> pd.DataFrame:
    key = f"rc_cb_majorities_{st.session_state.get(VERSION, 0)}"
    table: pd.DataFrame = st.session_state[TABLE]
    if key not in st.session_state and table is not st.session_state[TABLE_BASE]:
        # The editor's edits were forgotten while another page was shown: start it again
        # from the table as last edited.
        st.session_state[TABLE_BASE] = table
        st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
        key = f"rc_cb_majorities_{st.session_state[VERSION]}"
    lang = current()
    bases = {b: label(f"rules.base_{b}", lang) for b in bodyform.BASES}
    edited: pd.DataFrame = st.data_editor(
        st.session_state[TABLE_BASE], key=key, num_rows="dynamic", hide_index=True,
        width="stretch", column_config={
            "kind": st.column_config.TextColumn(t("rules.custom_kind"), required=True,
                                                width=100),
            "fraction": st.column_config.TextColumn(t("rules.custom_fraction"),
                                                    required=True, width=70),
            "base": st.column_config.SelectboxColumn(
                t("rules.custom_base"), options=list(bodyform.BASES), default="votes_cast",
                required=True, format_func=lambda b: bases.get(b, b), width=110),
            "strict": st.column_config.CheckboxColumn(t("rules.custom_strict_short"),
                                                      default=False, width=60),
        })
    st.session_state[TABLE] = edited
    return edited


def custom_body(rules: RuleSet, members: int) -> None:
    """Define a body in the vocabulary of body files, starting from the one chosen above."""
    lang = current()
    scenario = state.get_scenario()
    st.divider()
    st.subheader(t("rules.custom_title"))
    st.markdown(t("rules.custom_intro"))
    source = bodyform.fingerprint(rules)
    if st.session_state.get(SOURCE) != source or TABLE not in st.session_state:
        _restart_form(rules, lang, source)
    _follow_language(rules, lang)
    start = bodyform.form_values(rules, lang)
    for name in FORM:
        state.sticky(f"rc_cb_{name}", start[name])
    values: dict[str, Any] = {}
    left, right = st.columns([0.5, 0.5], gap="large")
    with left:
        values["name"] = st.text_input(t("rules.custom_name"), key="rc_cb_name")
        quorum, strict = st.columns([0.6, 0.4], vertical_alignment="bottom")
        values["quorum"] = quorum.text_input(t("rules.custom_quorum"), key="rc_cb_quorum",
                                             help=t("rules.custom_quorum_help"))
        values["quorum_strict"] = strict.checkbox(t("rules.custom_strict"),
                                                  key="rc_cb_quorum_strict")
        values["reduced"] = st.toggle(t("rules.custom_reduced"), key="rc_cb_reduced")
        reduced, months = st.columns([0.6, 0.4])
        values["reduced_fraction"] = reduced.text_input(
            t("rules.custom_reduced_fraction"), key="rc_cb_reduced_fraction",
            disabled=not values["reduced"])
        values["months"] = months.number_input(t("rules.custom_months"), min_value=0,
                                               max_value=120, step=1, key="rc_cb_months",
                                               disabled=not values["reduced"])
        values["arrears"] = st.toggle(t("rules.custom_arrears"), key="rc_cb_arrears")
    with right:
        st.markdown(f"**{t('rules.custom_majorities')}**")
        majorities = _majorities_editor()
        compound = bodyform.compound_kinds(rules)
        if compound:
            st.caption(t("rules.custom_compound", kinds=", ".join(compound)))
        st.caption(t("rules.custom_bases"))
    # The card of the body defined, across the page (its columns need the room).
    try:
        mapping = bodyform.definition(rules, lang, majorities=majorities, **values)
        custom = bodyform.build(mapping)
    except ScenarioError as exc:
        ui.error(errors.message(exc))
        return
    st.markdown(f"**{t('rules.custom_card', members=members)}**")
    key = f"custom:{bodyform.fingerprint(custom)}"
    st.dataframe(cache.card_table(key, custom, members, lang), hide_index=True,
                 width="stretch", key="rc_cb_card",
                 column_config=_card_columns(rule_width="large"))
    text = cache.body_yaml(mapping)
    with st.expander(t("rules.custom_yaml")):
        st.code(text, language="yaml")
    name = custom.name.get(lang)
    download, use = st.columns(2)
    download.download_button(t("rules.custom_download"), data=text,
                             file_name=f"{custom.id}.yaml", mime="application/x-yaml",
                             key="rc_cb_download", icon=":material/download:",
                             on_click="ignore", width="stretch")
    if custom == scenario.rules:
        use.caption(t("rules.custom_in_use"))
        return
    candidate = edits.with_body(scenario, custom)
    result = cache.outcomes(state.digest(candidate), candidate)
    use.button(t("rules.custom_use"), key="rc_cb_use", on_click=_use,
               args=(custom, name), disabled=isinstance(result, str),
               help=t("rules.custom_use_help"), icon=":material/input:",
               width="stretch")
    if isinstance(result, str):
        st.warning(t("rules.custom_cannot_use", error=errors.pick(result, lang)))


main()
