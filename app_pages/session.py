"""Session: who is present, how each member votes, and what the rules make of it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import cache, charts, edits, frames, state, ui
from dashboard.i18n import current, group_name, number, t
from quorum import Votes
from quorum.roster import GROUPS
from quorum.scenario import Scenario

HELD = "held_votes"  # votes of members marked absent, given back when they return


def _apply_roster(base: Scenario, rows: Any) -> tuple[Scenario, bool]:
    row_ids = tuple(m.id for m in edits.organ(base))
    scenario, rebuild = edits.apply_roster_edits(base, rows, row_ids)
    scenario, held = edits.hold_votes(base, scenario, st.session_state.get(HELD, {}))
    st.session_state[HELD] = held
    return scenario, rebuild


def _random_attendance() -> None:
    state.act(edits.random_attendance, int(st.session_state.get("qa_seed", 1)),
              float(st.session_state.get("qa_share", 0.6)))


def _group_absent() -> None:
    group = st.session_state.get("qa_group")
    if group:
        state.act(edits.group_absent, group)


def quick_actions(scenario: Scenario) -> None:
    roster = edits.is_roster(scenario)
    lang = current()
    with st.container(border=True):
        st.markdown(f"**{t('session.quick_actions')}**")
        # Two rows across the page, each control wide enough for its whole label.
        a, b, pick, absent = st.columns([1, 1.35, 1.35, 1.1], vertical_alignment="bottom")
        a.button(t("session.all_present"), key="qa_all_present", on_click=state.act,
                 args=(edits.all_present,), icon=":material/groups:", width="stretch")
        b.button(t("session.everyone_abstains"), key="qa_abstain", on_click=state.act,
                 args=(edits.everyone_abstains,), icon=":material/do_not_disturb_on:",
                 width="stretch")
        if roster:
            groups = sorted({m.group for m in edits.organ(scenario) if m.group},
                            key=lambda g: list(GROUPS).index(g) if g in GROUPS else 99)
            state.sticky("qa_group", groups[0] if groups else None, options=groups)
            pick.selectbox(t("session.group"), groups, key="qa_group",
                           format_func=lambda g: group_name(g, lang))
            absent.button(t("session.group_absent"), key="qa_group_absent",
                          on_click=_group_absent, icon=":material/group_remove:",
                          width="stretch", disabled=not groups)
        seed, share, go = st.columns([1, 1.7, 1.4], vertical_alignment="bottom")
        state.sticky("qa_seed", 1)
        seed.number_input(t("session.seed"), min_value=0, max_value=2**31 - 1, step=1,
                          key="qa_seed")
        state.sticky("qa_share", 0.6)
        share.slider(t("session.share_present"), 0.0, 1.0, step=0.05, key="qa_share")
        go.button(t("session.random_attendance"), key="qa_random", on_click=_random_attendance,
                  icon=":material/casino:", width="stretch")


def roster_editor(scenario: Scenario) -> None:
    lang = current()
    base = state.editor_base("roster")
    table = cache.roster_table(state.digest(base), base, lang)
    choices = frames.choices(lang, absent=True)
    config: dict[str, Any] = {
        **ui.id_name_columns(id_width=44, name_width=180),
        "group": st.column_config.TextColumn(t("roster.group"), width=80),
        "present": st.column_config.CheckboxColumn(t("roster.present"), width=70),
        "right": st.column_config.TextColumn(t("roster_marks.status"), width=150,
                                             help=t("roster_marks.help")),
        "arrears": st.column_config.NumberColumn(t("roster.arrears"), min_value=0.0,
                                                 format="%.2f", width=80),
        "exception": st.column_config.CheckboxColumn(t("roster.exception"), width=80,
                                                     help=t("roster.exception_help")),
    }
    for i in range(len(scenario.session.decisions)):
        config[edits.vote_column(i)] = st.column_config.SelectboxColumn(
            t("roster.vote", decision=scenario.session.decisions[i].id)
            if len(scenario.session.decisions) > 1 else t("roster.vote_one"),
            options=list(choices), format_func=lambda c: choices.get(c, c), width=110)
    st.data_editor(table, key=state.editor_key("roster"), column_config=config,
                   disabled=["name", "group", "right"], num_rows="fixed", height=420,
                   width="stretch")
    observers = [m for m in scenario.session.roster or () if m.observer]
    if observers:
        st.caption(t("session.observers",
                     names=", ".join(m.label(lang) for m in observers)))


def _set_size(field: str) -> None:
    """Aggregate form: the number of members or of members present."""
    value = int(st.session_state[f"agg_{field}"] or 0)
    state.act(edits.set_counts, **{field: value})


def _set_votes(decision_id: str, choice: str) -> None:
    """Aggregate form: one count of one decision."""
    scenario = state.get_scenario()
    d = next(d for d in scenario.session.decisions if d.id == decision_id)
    counts = d.votes.to_dict()
    counts[choice] = int(st.session_state[f"agg_{choice}:{decision_id}"] or 0)
    state.act(edits.set_counts, votes={decision_id: Votes(**counts)})


def count_inputs(scenario: Scenario, index: int) -> None:
    """The aggregate form: numbers instead of a roster."""
    session = scenario.session
    with st.container(border=True):
        st.markdown(f"**{t('session.counts')}**")
        a, b = st.columns(2)
        st.session_state["agg_members"] = session.members
        a.number_input(t("session.members"), min_value=1, step=1, key="agg_members",
                       on_change=_set_size, args=("members",))
        st.session_state["agg_present"] = session.present
        b.number_input(t("session.present"), min_value=0, step=1, key="agg_present",
                       on_change=_set_size, args=("present",))
        if index < 0:
            return
        d = session.decisions[index]
        cols = st.columns(3)
        for col, choice in zip(cols, ("yes", "no", "abstain"), strict=True):
            key = f"agg_{choice}:{d.id}"
            st.session_state[key] = getattr(d.votes, choice)
            col.number_input(t(f"vote.{choice}"), min_value=0, step=1, key=key,
                             on_change=_set_votes, args=(d.id, choice))


def results(scenario: Scenario, index: int) -> None:
    """The outcome (left) and its explanation (right), across the page."""
    all_outcomes = ui.outcomes(scenario)
    if all_outcomes is None or index < 0:
        return
    outcome = all_outcomes[index]
    lang = current()
    left, right = st.columns([0.5, 0.5], gap="large")
    with left:
        ui.status_banner(outcome, quorum=True)
        m1, m2 = st.columns(2)
        m1.metric(t("session.represented"), number(outcome.represented, lang),
                  help=t("charts.represented_of", represented=outcome.represented,
                         members=outcome.members))
        m2.metric(t("session.votes_cast"), number(outcome.votes_cast, lang))
        # One element for every line (each element is a message to the browser).
        st.markdown("\n\n".join(ui.margin_lines(outcome, scenario.rules, lang)))
        bar, marks = frames.quorum_frames(outcome, scenario.rules, lang)
        charts.draw(charts.quorum_bar, bar, marks, t("charts.members_axis"),
                    key="chart_quorum")
        if outcome.represented == 0:
            st.info(t("outcome.nobody"), icon=":material/group_off:")
        elif outcome.yes + outcome.no + outcome.abstain == 0:
            st.info(t("outcome.no_votes"), icon=":material/how_to_vote:")
        else:
            votes, line = frames.tally_frames(outcome, lang)
            charts.draw(charts.tally_bar, votes, line, t("charts.votes_axis"),
                        key="chart_tally")
        if outcome.status.value == "pending":
            st.page_link("app_pages/written.py", label=t("session.go_written"),
                         icon=":material/mail:")
    with right:
        st.markdown(f"**{t('session.explanation')}**")
        ui.explanation(outcome)
        ui.take_away(scenario, outcome, index)


ui.header("session.title")
if state.get_scenario().joint is not None:  # several bodies sitting together
    from dashboard import joint

    joint.render()  # the sidebar and the link are drawn after the page: no st.stop()
else:
    if edits.is_roster(state.get_scenario()):
        state.sync_editor("roster", _apply_roster)
    current_scenario = state.get_scenario()
    chosen = ui.decision_picker(current_scenario)
    # Everything across the page, so that every label and every column of the roster shows
    # at 1280 pixels: the outcome and why, then the quick actions, then the roster.
    results(current_scenario, chosen)
    quick_actions(current_scenario)
    if edits.is_roster(current_scenario):
        roster_editor(current_scenario)
    else:
        count_inputs(current_scenario, chosen)
