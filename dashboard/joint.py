"""The joint-session view of the Session page: several bodies, one roster.

Shown instead of the single-body view when the scenario has ``joint:``. One roster (a
presence column and a column per body showing membership), a quorum bar per body, and each
decision's outcome per body and overall, from :func:`quorum.joint.evaluate_joint`. Presence
edits change the scenario itself, so the link and the YAML download keep them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from quorum import ScenarioError
from quorum.bodies import get_body, preset_names
from quorum.joint import JointOutcome, JointSession, evaluate_joint
from quorum.joint.card import JointCard, joint_card
from quorum.joint.schema import first_body_session
from quorum.scenario import Scenario

from . import charts, errors, examples, frames, state, ui
from .i18n import current, label, t

ROSTER_EDITOR = "joint_roster"
EXAMPLE_NAMES = 12  # members named in the example of absences on the Power page


# --- Pure parts (tested without Streamlit) ----------------------------------------------

def body_name(joint: JointSession, body_id: str, lang: str) -> str:
    return joint.body(body_id).name.get(lang)


def membership_frame(joint: JointSession, lang: str) -> pd.DataFrame:
    """One row per member: its name, whether present, and a column per body (member?)."""
    data: dict[str, list[Any]] = {
        "name": [m.label(lang) for m in joint.roster],
        "present": [m.present for m in joint.roster],
    }
    for rules in joint.bodies:
        data[rules.id] = [rules.id in m.bodies for m in joint.roster]
    return pd.DataFrame(data, index=pd.Index([m.id for m in joint.roster], name="id"))


def outcome_frame(joint: JointSession, outcomes: tuple[JointOutcome, ...], lang: str
                  ) -> pd.DataFrame:
    """One row per decision: its status in each body ("—" when the body does not take it)
    and overall."""
    rows = []
    for outcome in outcomes:
        by_body = {o.body: o for o in outcome.bodies}
        row: dict[str, str] = {"decision": outcome.id}
        for rules in joint.bodies:
            o = by_body.get(rules.id)
            row[rules.name.get(lang)] = "—" if o is None else t_status(o.status.value, lang)
        row[label_overall(lang)] = t_status(outcome.status.value, lang)
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("decision")
    frame.index.name = label("common.decision", lang)
    return frame


def t_status(status: str, lang: str) -> str:
    return label(f"status.{status}", lang)


def label_overall(lang: str) -> str:
    return label("joint.overall", lang)


def with_presence(scenario: Scenario, present: Mapping[str, bool]) -> Scenario:
    """The scenario with members marked present or absent (one roster for every body).

    As on the single-body view, the votes of members no longer present are dropped, and
    written replies of members now represented when only the absent may reply.
    """
    joint = scenario.joint
    assert joint is not None
    roster = tuple(replace(m, present=present.get(m.id, m.present)) for m in joint.roster)
    here = {m.id for m in roster if m.present and not m.observer}
    only_absent = all(r.interpretation.written_replies_only_from_absent for r in joint.bodies)
    decisions = []
    for jd in joint.decisions:
        d = jd.decision
        written = d.written
        if written is not None and written.member_replies and only_absent:
            written = replace(written, member_replies=tuple(
                pair for pair in written.member_replies if pair[0] not in here))
        decisions.append(replace(jd, decision=replace(
            d, member_votes=tuple(pair for pair in d.member_votes if pair[0] in here),
            written=written)))
    new = replace(joint, roster=roster, decisions=tuple(decisions))
    return replace(scenario, joint=new, session=first_body_session(new))


def apply_roster_edits(base: Scenario, rows: Mapping[Any, Any]) -> tuple[Scenario, bool]:
    """Edits of the roster table (row number -> changed cells): only ``present``."""
    assert base.joint is not None
    ids = [m.id for m in base.joint.roster]
    present = {ids[int(i)]: bool(cells["present"]) for i, cells in rows.items()
               if "present" in cells}
    return with_presence(base, present), False


def all_present(scenario: Scenario) -> Scenario:
    assert scenario.joint is not None
    return with_presence(scenario, {m.id: not m.observer for m in scenario.joint.roster})


def card_frame(joint: JointSession, kind: str | None, lang: str) -> tuple[pd.DataFrame,
                                                                      JointCard]:
    """Who can stop a decision of ``kind``, body by body (:func:`quorum.joint.card.joint_card`):
    members, represented, quorum, the further absences that deny it a quorum and the "no"
    votes that block the decision."""
    card = joint_card(joint, kind)
    rows = [{
        "body": joint.body(b.body).name.get(lang),
        label("joint.card_members", lang): b.members,
        label("joint.card_represented", lang): b.represented,
        label("joint.card_quorum", lang): b.quorum,
        label("joint.card_absences", lang): b.absences_from_attendance,
        label("joint.card_blocking", lang): b.blocking_by_votes,
    } for b in card.bodies]
    return pd.DataFrame(rows).set_index("body"), card


def decision_card(joint: JointSession, decision_id: str) -> JointCard:
    """The card of one decision: the bodies of its ``decided_by`` (who must agree), each
    with its quorum and blocking figures, and the weakest link across them."""
    jd = next(d for d in joint.decisions if d.decision.id == decision_id)
    return joint_card(joint, jd.decision.kind, bodies=jd.decided_by,
                      special_count=jd.special_count)


def power_frame(joint: JointSession, card: JointCard, lang: str) -> pd.DataFrame:
    """The Power page's table of ``card``: one row per body that must agree."""
    rows = [{
        "body": joint.body(b.body).name.get(lang),
        label("joint_power.kind", lang): b.kind,
        label("joint.card_members", lang): b.members,
        label("joint.card_represented", lang): b.represented,
        label("joint.card_quorum", lang): b.quorum,
        label("joint_power.reduced", lang): b.reduced_quorum,
        label("joint_power.absences_full", lang): b.absences_to_deny_quorum,
        label("joint.card_absences", lang): b.absences_from_attendance,
        label("joint_power.voters", lang): b.voters,
        label("joint.card_blocking", lang): b.blocking_by_votes,
        label("joint_power.article", lang): b.article,
    } for b in card.bodies]
    return pd.DataFrame(rows).set_index("body")


def power_lines(joint: JointSession, card: JointCard, lang: str) -> list[str]:
    """Who must agree, the smallest set of absences that leaves one body without quorum
    (with the members of an example set) and the smallest blocking minority."""
    names = ", ".join(joint.body(b).name.get(lang) for b in card.must_agree)
    lines = [label("joint.must_agree", lang).format(article=card.concurrent_article,
                                                    bodies=names)
             if card.concurrent_article and len(card.must_agree) > 1
             else label("joint_power.each_must_adopt", lang).format(bodies=names)]
    weakest = card.weakest_quorum
    members = {m.id: m.label(lang) for m in joint.roster}
    shown = [members.get(i, i) for i in weakest.absent_example[:EXAMPLE_NAMES]]
    more = len(weakest.absent_example) - len(shown)
    example = ", ".join(shown) or "—"
    if more > 0:
        example += " " + label("joint_power.and_more", lang).format(more=more)
    lines.append(label("joint.weakest_quorum", lang).format(
        absences=weakest.absences_from_attendance,
        body=joint.body(weakest.body).name.get(lang)))
    lines.append(label("joint_power.example", lang).format(members=example))
    vote = card.weakest_vote
    if vote is not None:
        lines.append(label("joint.weakest_vote", lang).format(
            votes=vote.blocking_by_votes, body=joint.body(vote.body).name.get(lang)))
    lines.extend(label("joint_power.cannot_carry", lang).format(
        body=joint.body(b.body).name.get(lang))
        for b in card.bodies if b.blocking_by_votes is None)
    for figures in card.special_lists:
        lines.append(label("joint_power.list_line", lang).format(
            article=figures.article, list=body_name_or_id(joint, figures.list, lang),
            voters=figures.voters, votes="—" if figures.blocking_by_votes is None
            else figures.blocking_by_votes))
    weakest_list = card.weakest_list
    if weakest_list is not None and (vote is None or weakest_list.blocking_by_votes is not None
                                     and weakest_list.blocking_by_votes
                                     < (vote.blocking_by_votes or 0)):
        lines.append(label("joint_power.weakest_list", lang).format(
            votes=weakest_list.blocking_by_votes,
            list=body_name_or_id(joint, weakest_list.list, lang)))
    return lines


@st.cache_data(max_entries=64, show_spinner=False)
def joint_outcomes(key: str, _scenario: Scenario) -> tuple[JointOutcome, ...] | str:
    """Every decision's joint outcome, or the one-line message of the error."""
    assert _scenario.joint is not None
    try:
        return evaluate_joint(_scenario.joint)
    except ScenarioError as exc:
        return errors.message(exc)


# --- The view ---------------------------------------------------------------------------

def _roster(scenario: Scenario, lang: str) -> None:
    base = state.editor_base(ROSTER_EDITOR)
    assert base.joint is not None
    table = membership_frame(base.joint, lang)
    config: dict[str, Any] = {
        **ui.id_name_columns(id_width="small", name_width="medium"),
        "present": st.column_config.CheckboxColumn(t("roster.present"), width="small"),
    }
    for rules in base.joint.bodies:
        config[rules.id] = st.column_config.CheckboxColumn(rules.name.get(lang),
                                                           width="small")
    st.button(t("session.all_present"), key="joint_all_present",
              on_click=state.act, args=(all_present,))
    st.data_editor(table, key=state.editor_key(ROSTER_EDITOR), column_config=config,
                   disabled=["name", *(r.id for r in base.joint.bodies)], num_rows="fixed",
                   height=420, width="stretch")
    st.caption(t("joint.roster_help"))


_KIND = {"executory": "success", "pending": "warning", "lapsed": "error",
         "rejected": "error", "no-quorum": "error"}


def _banner(outcome: JointOutcome) -> None:
    """Overall status, adopted or not, and by how many bodies (in the status's colour)."""
    status = outcome.status.value
    adopted = t("status.adopted") if outcome.adopted else t("status.not_adopted")
    text = f"**{t('status.' + status)}** · {adopted} · " + t("joint.decided_by",
                                                             count=len(outcome.bodies))
    getattr(st, _KIND[status])(text)


def _decision(joint: JointSession, outcome: JointOutcome, lang: str) -> None:
    _banner(outcome)
    # One body under the other: each quorum bar takes the column's width (side by side,
    # three bars leave too little room for the marks' labels at 1280 pixels).
    for body in outcome.bodies:
        rules = joint.body(body.body)
        st.markdown(f"**{rules.name.get(lang)}** · " + t(
            "joint.body_status", status=t(f"status.{body.status.value}"), yes=body.yes,
            no=body.no))
        bar, marks = frames.quorum_frames(body, rules, lang)
        charts.draw(charts.quorum_bar, bar, marks, t("charts.members_axis"),
                    key=f"joint_quorum_{body.body}")
    for result in outcome.special_count:
        st.markdown(t("joint.special_list", list=body_name_or_id(joint, result.list, lang),
                      yes=result.yes, no=result.no,
                      met=t("joint.met") if result.met else t("joint.not_met")))
    decision = next(d for d in joint.decisions if d.decision.id == outcome.id)
    with st.expander(t("joint.who_can_stop"), expanded=False):
        table, card = card_frame(joint, decision.decision.kind, lang)
        if card.concurrent_article:
            st.markdown(t("joint.must_agree", article=card.concurrent_article, bodies=", ".join(
                joint.body(b).name.get(lang) for b in card.must_agree)))
        st.dataframe(table, key=f"joint_card_{outcome.id}", width="stretch")
        weakest = card.weakest_quorum
        st.markdown(t("joint.weakest_quorum", absences=weakest.absences_from_attendance,
                      body=joint.body(weakest.body).name.get(lang)))
        vote = card.weakest_vote
        if vote is not None:
            st.markdown(t("joint.weakest_vote", votes=vote.blocking_by_votes,
                          body=joint.body(vote.body).name.get(lang)))
    with st.expander(t("session.explanation"), expanded=False):
        if len(outcome.bodies) > 1:
            ui.explanation(outcome)  # type: ignore[arg-type]
        for body in outcome.bodies:
            st.markdown(f"**{joint.body(body.body).name.get(lang)}**")
            ui.explanation(body)


def body_name_or_id(joint: JointSession, body_id: str, lang: str) -> str:
    """A body's name: from the session, else from its preset, else its id."""
    if body_id in joint.body_ids:
        return body_name(joint, body_id, lang)
    return get_body(body_id).name.get(lang) if body_id in preset_names() else body_id


def render() -> None:
    """The joint-session view (call from the Session page before drawing anything)."""
    state.sync_editor(ROSTER_EDITOR, apply_roster_edits)
    scenario = state.get_scenario()
    joint = scenario.joint
    assert joint is not None
    lang = current()
    st.caption(t("joint.intro", bodies=", ".join(r.name.get(lang) for r in joint.bodies)))
    result = joint_outcomes(state.get_digest(), scenario)
    left, right = st.columns([0.46, 0.54], gap="large")
    with right:
        if isinstance(result, str):
            ui.error(result)
        elif result:
            ids = [o.id for o in result]
            titles = {d.decision.id: examples.decision_title(scenario, d.decision, lang)
                      for d in joint.decisions}
            state.sticky("joint_decision", ids[0], options=ids)
            chosen = st.selectbox(t("common.decision"), ids, key="joint_decision",
                                  format_func=lambda i: titles.get(i, i))
            _decision(joint, result[ids.index(chosen)], lang)
            st.markdown(f"**{t('joint.all_decisions')}**")
            st.dataframe(outcome_frame(joint, result, lang), key="joint_outcomes",
                         width="stretch")
        else:
            st.info(t("common.no_decision"))
    with left:
        _roster(scenario, lang)


def render_power() -> None:
    """The Power page's view of several bodies (call from the Power page): for a decision
    of the scenario, who must agree, each body's quorum and blocking figures, the fewest
    absences that leave one of them without quorum and the smallest blocking minority."""
    scenario = state.get_scenario()
    joint = scenario.joint
    assert joint is not None
    lang = current()
    st.subheader(t("joint_power.title"))
    st.caption(t("joint_power.intro"))
    ids = [d.decision.id for d in joint.decisions]
    if not ids:
        st.info(t("common.no_decision"))
        return
    titles = {d.decision.id: examples.decision_title(scenario, d.decision, lang)
              for d in joint.decisions}
    state.sticky("joint_pw_decision", ids[0], options=ids)
    chosen: str = st.selectbox(t("common.decision"), ids, key="joint_pw_decision",
                               format_func=lambda i: titles.get(i, i))
    try:
        card = decision_card(joint, chosen)
    except ScenarioError as exc:
        st.error(exc.render(lang), icon=":material/error:")
        return
    for line in power_lines(joint, card, lang):
        st.markdown(line)
    st.dataframe(power_frame(joint, card, lang), key="joint_pw_card", width="stretch")
    st.caption(t("joint_power.caption"))
