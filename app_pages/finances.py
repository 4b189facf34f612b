"""Finances and arrears: classes and units, each member's share of a total (Art. 25(4)),
who has lost the vote on the session date and what would restore it (Art. 25(4)(e)), and
what the arrears do to the quorum and the result."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import cache, edits, numbers, state, ui
from dashboard.i18n import current, day, group_name, t
from quorum import Outcome
from quorum.finance import arrears_years
from quorum.roster import GROUPS
from quorum.scenario import Scenario


def _years(scenario: Scenario) -> tuple[int, ...]:
    """The preceding full years the arrears rule looks at, then the session's year."""
    session_date = scenario.session.date
    assert session_date is not None
    return (*arrears_years(scenario.rules, session_date), session_date.year)


def _dues_from_shares() -> None:
    total = int(st.session_state.get("fin_total") or 0)
    state.act(edits.dues_from_shares, total, _years(state.get_scenario()))


def _group_in_arrears() -> None:
    group = st.session_state.get("fin_group")
    if group:
        state.act(edits.group_in_arrears, group)


def contributions(scenario: Scenario) -> None:
    lang = current()
    st.subheader(t("finances.contributions"))
    classes, dues = st.columns([0.4, 0.6], gap="large")
    class_table = cache.class_table(state.get_digest(), scenario, lang)
    with classes:
        # Tall enough for every class: no inner scroll hides the classes most members chose.
        st.dataframe(class_table, hide_index=True, width="stretch",
                     height=38 + 35 * max(1, len(class_table)), column_config={
                         "class": st.column_config.TextColumn(t("finances.class")),
                         "units": st.column_config.TextColumn(t("finances.units")),
                         "members": st.column_config.NumberColumn(t("finances.members")),
                     })
    with dues:
        years = _years(scenario)
        st.button(t("finances.set_dues", first=str(years[0]), last=str(years[-1])),
                  key="fin_set_dues", on_click=_dues_from_shares,
                  icon=":material/receipt_long:")
    shares_part(scenario, lang)


@ui.fragment
def shares_part(scenario: Scenario, lang: str) -> None:
    """The total to share out and each member's share (this part reruns alone)."""
    state.sticky("fin_total", 1_000_000)
    st.number_input(t("finances.total"), min_value=0, step=10_000, key="fin_total")
    total = int(st.session_state["fin_total"] or 0)
    table = cache.shares_table(state.get_digest(), scenario, total, lang)
    st.dataframe(table, width="stretch", height=300, column_config={
        **ui.id_name_columns(id_width=50, name_width=200),
        "class": st.column_config.TextColumn(t("finances.class"), width=70),
        "units": st.column_config.NumberColumn(t("finances.units"), format="%.4g",
                                               width=80),
        "share": st.column_config.NumberColumn(t("finances.share"), format="%.4f %%",
                                               width=100),
        "amount": st.column_config.NumberColumn(t("finances.amount"), format="%.2f",
                                                width=120),
        "two_years": st.column_config.NumberColumn(t("finances.two_years"),
                                                   format="%.2f", width=150),
    })


def arrears(scenario: Scenario) -> None:
    lang = current()
    years = _years(scenario)
    st.subheader(t("finances.arrears"))
    st.markdown(t("finances.arrears_intro", first=str(years[0]), last=str(years[-2])))
    if not any(m.dues for m in edits.organ(scenario)):
        st.info(t("finances.no_dues"))
    groups = [g for g in GROUPS if any(m.group == g for m in edits.organ(scenario))]
    pick, go, clear = st.columns([2, 1.6, 1.2], vertical_alignment="bottom")
    state.sticky("fin_group", groups[0] if groups else None, options=groups)
    pick.selectbox(t("session.group"), groups, key="fin_group",
                   format_func=lambda g: group_name(g, lang))
    go.button(t("finances.group_in_arrears"), key="fin_group_arrears",
              on_click=_group_in_arrears, width="stretch", disabled=not groups)
    clear.button(t("finances.clear_arrears"), key="fin_clear", on_click=state.act,
                 args=(edits.without_arrears,), width="stretch")
    base = state.editor_base("arrears")
    table = cache.arrears_table(state.digest(base), base, years, lang)
    config: dict[str, Any] = {
        **ui.id_name_columns(id_width="small"),
        "class": st.column_config.TextColumn(t("finances.class"), width="small"),
        "arrears": st.column_config.NumberColumn(t("roster.arrears"), min_value=0.0,
                                                 format="%.2f"),
        "exception": st.column_config.CheckboxColumn(t("roster.exception"),
                                                     help=t("roster.exception_help")),
    }
    for year in years:
        config[f"dues_{year}"] = st.column_config.NumberColumn(
            t("finances.dues", year=str(year)), min_value=0.0, format="%.2f")
    st.data_editor(table, key=state.editor_key("arrears"), column_config=config,
                   disabled=["name", "class"], num_rows="fixed", height=320, width="stretch")
    lost = cache.lost_votes_table(state.get_digest(), scenario, lang)
    on = scenario.session.date
    st.markdown(f"**{t('finances.lost_title', date=day(on))}**")
    if lost.empty:
        st.caption(t("finances.nobody_in_arrears"))
    else:
        # Amounts to read (a few rows in the order of the roster): French format in French.
        money = {"arrears": 2, "threshold": 2, "restore": 2}
        st.dataframe(numbers.written(lost, money, lang), width="stretch", height=280,
                     column_config={
            **ui.id_name_columns(),
            "vote": st.column_config.TextColumn(t("finances.vote")),
            **numbers.columns({"arrears": t("roster.arrears"),
                               "threshold": t("finances.threshold"),
                               "restore": t("finances.restore")}, money, lang),
        })


def _summary(column: Any, title: str, outcome: Outcome) -> None:
    with column:
        st.markdown(f"**{title}**")
        a, b, c = st.columns(3)
        a.metric(t("session.represented"), outcome.represented)
        b.metric(t("session.votes_cast"), outcome.votes_cast)
        c.metric(t("finances.yes_no"), f"{outcome.yes} / {outcome.no}")
        ui.status_banner(outcome)


def effect(scenario: Scenario, index: int) -> None:
    st.subheader(t("finances.effect"))
    now = ui.outcomes(scenario)
    if_paid = cache.outcomes_if_paid(state.get_digest(), scenario)
    if now is None or isinstance(if_paid, str) or index < 0:
        return
    left, right = st.columns(2, gap="large")
    _summary(left, t("finances.with_arrears"), now[index])
    _summary(right, t("finances.if_paid"), if_paid[index])
    switch = scenario.rules.interpretation.arrears_count_for_quorum
    st.caption(t("finances.switch_on" if switch else "finances.switch_off"))
    with st.expander(t("session.explanation"), expanded=False):
        ui.explanation(now[index])


def main() -> None:
    ui.header("finances.title", "finances.intro")
    scenario = state.get_scenario()
    if not edits.is_roster(scenario):
        st.info(t("finances.needs_roster"))
        return
    if scenario.rules.contributions is None:
        st.info(t("finances.no_classes", body=scenario.rules.name.get(current())))
        return
    if scenario.session.date is None:
        st.info(t("finances.no_date"))
        return
    years = _years(scenario)

    def apply(base: Scenario, rows: Any) -> tuple[Scenario, bool]:
        row_ids = tuple(m.id for m in edits.organ(base))
        return edits.apply_arrears_edits(base, rows, row_ids, years), False

    state.sync_editor("arrears", apply)
    scenario = state.get_scenario()
    index = ui.decision_picker(scenario)
    contributions(scenario)
    st.divider()
    arrears(scenario)
    st.divider()
    effect(scenario, index)


main()
