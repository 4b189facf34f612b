"""Written procedure: a decision taken under the reduced quorum waits for written replies
(Art. 22(3)(c)): the timeline, the replies needed and received, executory or lapsed."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from dashboard import cache, charts, edits, frames, state, ui, urlstate
from dashboard.i18n import current, day, label, t
from quorum import Outcome, QuorumState, Status, Votes
from quorum.scenario import Scenario

MODES = ("running", "counts", "members")


def _decision_id(index: int) -> str:
    return state.get_scenario().session.decisions[index].id


def _reduced_band() -> None:
    """Attendance in the reduced-quorum band, drawn with the quick actions' seed (0 is a
    seed like any other)."""
    key, _kind, default = urlstate.VIEW_PARAMS["seed"]
    seed = state.remembered(key)
    state.act(edits.reduced_band, int(default if seed is None else seed))


def _set_communicated(decision_id: str) -> None:
    value = st.session_state.get("wp_communicated")
    state.act(edits.set_written, decision_id, communicated=value)


def _set_mode(decision_id: str) -> None:
    mode = st.session_state.get("wp_mode")
    if mode == "counts":
        state.act(edits.set_written, decision_id, replies=Votes(), member_replies=())
    else:
        state.act(edits.set_written, decision_id, replies=None, member_replies=())


def _set_count(decision_id: str) -> None:
    replies = Votes(*(int(st.session_state.get(f"wp_{c}") or 0)
                      for c in ("yes", "no", "abstain")))
    state.act(edits.set_written, decision_id, replies=replies)


def _fill_replies(decision_id: str) -> None:
    choice = st.session_state.get("wp_fill")
    scenario = state.get_scenario()
    absent = [m.id for m in edits.organ(scenario) if not m.present]
    state.act(edits.set_written, decision_id, replies=None,
              member_replies=[(mid, choice) for mid in absent])


def not_in_band(scenario: Scenario, outcome: Outcome) -> None:
    """The decision is not under the reduced quorum: say why and offer to put it there."""
    if scenario.rules.reduced_quorum is None:
        st.info(t("written.no_band", body=scenario.rules.name.get(current())))
        return
    key = "written.full" if outcome.quorum is QuorumState.FULL else "written.none"
    st.info(t(key, represented=outcome.represented, quorum=outcome.quorum_required,
              reduced=outcome.reduced_quorum_required or 0))
    st.button(t("written.make_reduced"), key="wp_reduced_band", on_click=_reduced_band,
              icon=":material/group_remove:", type="primary")
    st.caption(t("written.make_reduced_help"))


def _mode_of(scenario: Scenario, index: int) -> str | None:
    written = scenario.session.decisions[index].written
    if written is None:
        return None
    if written.replies is not None:
        return "counts"
    if written.member_replies:
        return "members"
    return None


def replies_inputs(scenario: Scenario, index: int) -> None:
    decision = scenario.session.decisions[index]
    roster = edits.is_roster(scenario)
    modes = MODES if roster else MODES[:2]
    lang = current()
    derived = _mode_of(scenario, index)
    if derived is not None:
        st.session_state["wp_mode"] = derived
    state.sticky("wp_mode", "running", options=modes)
    st.radio(t("written.mode"), modes, key="wp_mode", horizontal=True,
             format_func=lambda m: label(f"written.mode_{m}", lang), on_change=_set_mode,
             args=(decision.id,))
    mode = st.session_state["wp_mode"]
    if mode == "counts":
        replies = decision.written.replies if decision.written else None
        cols = st.columns(3)
        for col, choice in zip(cols, ("yes", "no", "abstain"), strict=True):
            st.session_state[f"wp_{choice}"] = getattr(replies or Votes(), choice)
            col.number_input(t(f"vote.{choice}"), min_value=0, step=1, key=f"wp_{choice}",
                             on_change=_set_count, args=(decision.id,))
    elif mode == "members":
        name = f"replies:{decision.id}"
        base = state.editor_base(name)
        table = cache.replies_table(state.digest(base), base, index, lang)
        choices = frames.choices(lang)
        fill, go = st.columns([2, 1], vertical_alignment="bottom")
        state.sticky("wp_fill", "yes", options=list(choices))
        fill.selectbox(t("written.fill"), list(choices), key="wp_fill",
                       format_func=choices.__getitem__)
        go.button(t("written.fill_button"), key="wp_fill_button", on_click=_fill_replies,
                  args=(decision.id,), width="stretch")
        config: dict[str, Any] = {
            **ui.id_name_columns(id_width="small"),
            "group": st.column_config.TextColumn(t("roster.group")),
            "reply": st.column_config.SelectboxColumn(
                t("written.reply"), options=list(choices),
                format_func=lambda c: choices.get(c, c)),
        }
        st.data_editor(table, key=state.editor_key(name), column_config=config,
                       disabled=["name", "group"], num_rows="fixed", height=360,
                       width="stretch")


def in_band(scenario: Scenario, index: int, outcome: Outcome) -> None:
    decision = scenario.session.decisions[index]
    ui.status_banner(outcome)
    if outcome.status is Status.REJECTED or (outcome.status is Status.EXECUTORY
                                             and outcome.written is None):
        # Rejected at the session, or a decision on the body's own procedure (executory at
        # once): there is nothing for the written procedure to confirm.
        key = "written.rejected" if outcome.status is Status.REJECTED else "written.procedural"
        st.info(t(key))
        ui.explanation(outcome)
        return
    communicated = decision.written.communicated if decision.written else None
    received = outcome.written.received if outcome.written else None
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("session.represented"), outcome.represented,
              help=t("charts.represented_of", represented=outcome.represented,
                     members=outcome.members))
    m2.metric(t("written.needed"), outcome.written_replies_needed)
    m3.metric(t("written.received"), "—" if received is None else received)
    m4.metric(t("written.deadline"),
              day(outcome.deadline))
    left, right = st.columns([0.5, 0.5], gap="large")
    with left:
        st.session_state["wp_communicated"] = communicated
        st.date_input(t("written.communicated"), key="wp_communicated",
                      min_value=date(1900, 1, 1), max_value=date(2200, 12, 31),
                      on_change=_set_communicated, args=(decision.id,),
                      format="DD/MM/YYYY" if current() == "fr" else "YYYY-MM-DD")
        lang = current()
        events, period = frames.timeline_frames(scenario.session.date, outcome, communicated,
                                                lang)
        if len(events):
            charts.draw(charts.written_timeline, events, period, t("written.time_axis"),
                        key="chart_timeline")
        charts.draw(charts.replies_bar, frames.replies_frame(outcome, lang),
                    t("written.replies_axis"), key="chart_replies")
        replies_inputs(scenario, index)
    with right:
        st.markdown(f"**{t('session.explanation')}**")
        ui.explanation(outcome)


def main() -> None:
    ui.header("written.title", "written.intro")
    scenario = state.get_scenario()
    index = ui.decision_picker(scenario)
    if index < 0:
        return
    decision_id = scenario.session.decisions[index].id
    if edits.is_roster(scenario):

        def apply(base: Scenario, rows: Any) -> tuple[Scenario, bool]:
            row_ids = tuple(m.id for m in edits.organ(base) if not m.present)
            return edits.apply_reply_edits(base, decision_id, rows, row_ids), False

        state.sync_editor(f"replies:{decision_id}", apply)
        scenario = state.get_scenario()
    all_outcomes = ui.outcomes(scenario)
    if all_outcomes is None:
        if scenario.session.decisions[index].written is not None:
            st.button(t("written.clear"), key="wp_clear", on_click=state.act,
                      args=(edits.set_written, decision_id),
                      kwargs={"replies": None, "member_replies": ()})
        return
    outcome = all_outcomes[index]
    if outcome.quorum is QuorumState.REDUCED:
        in_band(scenario, index, outcome)
    else:
        not_in_band(scenario, outcome)


main()
