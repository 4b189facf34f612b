"""Power: who can block what, the power of the regional groups and of each member, and how
it moves when a group stays away or a member loses its vote (quorum.body_power)."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, edits, frames, state, ui
from dashboard.frames import PowerTables
from dashboard.i18n import current, group_name, label, t
from quorum.scenario import Scenario

NONE = ""


def _tables(scenario: Scenario, kind: str, away: str = NONE, lost: str = NONE
            ) -> PowerTables | None:
    result = cache.power_tables(state.get_digest(), scenario, kind, current(), away, lost)
    if isinstance(result, str):
        ui.error(result)
        return None
    return result


def pick_kind(scenario: Scenario) -> str:
    rules = scenario.rules
    kinds = list(rules.kinds)
    decisions = scenario.session.decisions
    default = decisions[0].kind if decisions and decisions[0].kind in kinds \
        else rules.default_kind
    lang = current()
    names = {m.kind: m.label.get(lang) for m in rules.majorities}
    state.sticky("pw_kind", default, options=kinds)
    kind: str = st.selectbox(t("power.kind"), kinds, key="pw_kind",
                             format_func=lambda k: names.get(k, k))
    return kind


def blocking(tables: PowerTables) -> None:
    st.subheader(t("power.blocking_title"))
    # Two tables of a few columns each, so that every column shows at 1280 pixels.
    kind = st.column_config.TextColumn(t("power.kind_col"), width=230)
    votes = {"kind": kind,
             "article": st.column_config.TextColumn(t("power.article"), width=95),
             "no_full": st.column_config.NumberColumn(t("power.no_full"), width=150),
             "no_now": st.column_config.NumberColumn(t("power.no_now"), width=120),
             "groups_now": st.column_config.TextColumn(t("power.groups_now"), width=180)}
    if not tables.blocs:
        del votes["groups_now"]
    absences = {"kind": kind,
                "absent_full": st.column_config.NumberColumn(t("power_layout.stop_full"),
                                                             width=150,
                                                             help=t("power.absent_full")),
                "absent_now": st.column_config.NumberColumn(t("power_layout.stop_now"),
                                                            width=125,
                                                            help=t("power.absent_now")),
                "written_full": st.column_config.NumberColumn(
                    t("power_layout.written_full"), width=180, help=t("power.written_full")),
                "written_now": st.column_config.NumberColumn(t("power_layout.written_now"),
                                                             width=125,
                                                             help=t("power.written_now"))}
    for title, key, columns in (("votes_title", "pw_blocking", votes),
                                ("absences_title", "pw_blocking_absences", absences)):
        st.markdown(f"**{t('power_layout.' + title)}**")
        st.dataframe(tables.blocking, hide_index=True, width="stretch", key=key,
                     column_order=list(columns), column_config=columns)
    st.caption(t("power.blocking_caption"))


def group_power(tables: PowerTables) -> None:
    lang = current()
    if tables.quota is None:
        st.info(t("power.no_quota"))
        return
    groups = tables.groups
    with st.container():
        st.dataframe(groups, hide_index=True, width="stretch", column_config={
            "name": st.column_config.TextColumn(t("power.group"), width=210),
            "voters": st.column_config.NumberColumn(t("power.weight"), width=80),
            "banzhaf": st.column_config.NumberColumn(t("power.banzhaf"), format="%.3f",
                                                     width=100),
            "penrose_banzhaf": st.column_config.NumberColumn(t("power.penrose_banzhaf"),
                                                             format="%.3f", width=130),
            "shapley_shubik": st.column_config.NumberColumn(t("power.shapley_shubik"),
                                                            format="%.3f", width=120),
            "member": st.column_config.NumberColumn(t("power.member"), format="%.4f",
                                                    width=100),
        })
        st.caption(t("power.groups_caption", quota=tables.quota, voters=tables.voters))
        charts.draw(charts.grouped_bars, frames.power_long(groups, lang),
                    t("power.index_axis"), key="pw_chart_groups")
    with st.expander(t("power.members_title")):
        st.dataframe(tables.member_power, width="stretch",
                     height=320, column_config={
                         **ui.id_name_columns(t("power.member_name"), id_width=50,
                                              name_width=200),
                         "group": st.column_config.TextColumn(t("power.group"), width=200),
                         "power": st.column_config.NumberColumn(t("power.member_power"),
                                                                format="%.5f"),
                     })


@ui.fragment
def moves(scenario: Scenario, kind: str, before: PowerTables) -> None:
    lang = current()
    st.subheader(t("power.moves_title"))
    st.markdown(t("power.moves_intro"))
    groups = sorted({m.group for m in edits.organ(scenario) if m.group and m.present})
    voters = [member_id for member_id, _ in before.voter_names]
    names = dict(before.voter_names)
    nobody = label("power.nobody", lang)
    away_col, lost_col = st.columns(2)
    with away_col:
        state.sticky("pw_away", NONE, options=[NONE, *groups])
        away: str = st.selectbox(t("power.away"), [NONE, *groups], key="pw_away",
                                 format_func=lambda g: group_name(g, lang) if g else nobody)
    with lost_col:
        state.sticky("pw_lost", NONE, options=[NONE, *voters])
        lost: str = st.selectbox(t("power.lost"), [NONE, *voters], key="pw_lost",
                                 format_func=lambda m: names.get(m, m) if m else nobody)
    if not away and not lost:
        st.info(t("power.moves_none"))
        return
    after = _tables(scenario, kind, away, lost)
    if after is None:
        return
    st.caption(t("power.voters", voters=after.voters, members=after.members,
                 left_out=after.left_out))
    change = frames.power_change_frame(before.groups, after.groups)
    with st.container():
        st.dataframe(change, hide_index=True, width="stretch", key="pw_change",
                     column_config={
                         "name": st.column_config.TextColumn(t("power.group"),
                                                             width=210),
                         "before": st.column_config.NumberColumn(t("power.before"),
                                                                 format="%.3f", width=100),
                         "after": st.column_config.NumberColumn(t("power.after"),
                                                                format="%.3f", width=100),
                         "change": st.column_config.NumberColumn(t("power.change"),
                                                                 format="%+.3f", width=100),
                         "member_before": st.column_config.NumberColumn(
                             t("power.member_before"), format="%.4f", width=130),
                         "member_after": st.column_config.NumberColumn(
                             t("power.member_after"), format="%.4f", width=130),
                     })
        charts.draw(charts.grouped_bars, frames.change_long(change, lang),
                    t("power.change_axis"), key="pw_chart_change")
    st.markdown(f"**{t('power.blocking_change')}**")
    change_table = frames.blocking_change_frame(before.blocking, after.blocking)
    kind = st.column_config.TextColumn(t("power.kind_col"), width=250)
    st.dataframe(change_table, hide_index=True, width="stretch", key="pw_blocking_change",
                 column_order=["kind", "no_before", "no_after", "absent_before",
                               "absent_after"],
                 column_config={
                     "kind": kind,
                     "no_before": st.column_config.NumberColumn(t("power.no_before"),
                                                                width=130),
                     "no_after": st.column_config.NumberColumn(t("power.no_after"),
                                                               width=130),
                     "absent_before": st.column_config.NumberColumn(
                         t("power.absent_before"), width=140),
                     "absent_after": st.column_config.NumberColumn(t("power.absent_after"),
                                                                   width=140),
                 })
    if before.blocs:
        st.dataframe(change_table, hide_index=True, width="stretch",
                     key="pw_blocking_change_groups",
                     column_order=["kind", "groups_before", "groups_after"],
                     column_config={
                         "kind": kind,
                         "groups_before": st.column_config.TextColumn(
                             t("power.groups_before"), width=270),
                         "groups_after": st.column_config.TextColumn(
                             t("power.groups_after"), width=270),
                     })


def main() -> None:
    ui.header("power.title", "power.intro")
    scenario = state.get_scenario()
    if scenario.joint is not None:  # several bodies: who must agree, who can stop it
        from dashboard import joint
        joint.render_power()
    top = st.container()  # who blocks what covers every kind: drawn above the kind picker
    if scenario.session.roster is not None:
        st.subheader(t("power.groups_title"))
    kind = pick_kind(scenario)
    tables = _tables(scenario, kind)
    if tables is None:
        return
    with top:
        st.caption(t("power.voters", voters=tables.voters, members=tables.members,
                     left_out=tables.left_out))
        blocking(tables)
    if not tables.blocs:
        st.info(t("power.no_roster"), icon=":material/info:")
        if len(tables.member_power):
            share = f"{float(tables.member_power['power'].iloc[0]):.4f}"
            st.markdown(t("power.equal_power", voters=tables.voters, power=share))
        return
    group_power(tables)
    moves(scenario, kind, tables)


main()
