"""Elections: candidates and rounds as editable tables, each round's count against the
majority, who goes on and why, the next ballot, and the chances under a model."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, examples, state, ui
from dashboard import elections as el
from dashboard import elections_cache as cache
from dashboard.i18n import current, number, t
from quorum.elections import get_procedure, procedure_names
from quorum.elections.teaching import generate_exercises
from quorum.errors import ScenarioError
from quorum.scenario import load_scenario

STATUS_KIND = {"elected": st.success, "open": st.warning, "tie": st.error}


def load_example(name: str) -> None:
    state.opened(load_scenario(state.SCENARIOS / name))  # opening an example is not an edit


def _bullets(lines: list[str]) -> None:
    """Lines as one bulleted list (one element)."""
    if lines:
        st.markdown("\n".join(f"- {line}" for line in lines))


def _procedure_edited(index: int, digest: str) -> None:
    """Apply a new preset or number of seats before the page is drawn (one run per edit);
    an edit the election refuses is left to the page, which says why."""
    scenario = state.get_scenario()
    election = scenario.elections[index]
    current_proc = election.procedure.preset or ""
    proc = st.session_state.get(f"el_procedure_{digest}") or current_proc
    seats = int(st.session_state.get(f"el_seats_{digest}") or election.seats)
    try:
        state.set_scenario(el.with_procedure(scenario, index, proc, seats))
    except ScenarioError:
        pass


def _tables_edited(index: int, digest: str, shown: pd.DataFrame) -> None:
    """Apply the edited candidates and rounds tables before the page is drawn (one run per
    edit); tables the election refuses are left to the page, which says why."""
    scenario = state.get_scenario()
    candidates = el.edited_frame(shown, st.session_state.get(f"el_candidates_{digest}"))
    rounds = el.edited_frame(el.rounds_frame(scenario.elections[index]),
                             st.session_state.get(f"el_rounds_{digest}"))
    try:
        state.set_scenario(el.apply_tables(scenario, index, candidates, rounds, shown))
    except ScenarioError:
        pass


def exercise_section(lang: str) -> None:
    """One seeded exercise on counting a ballot, with its check and explanation."""
    with st.expander(t("elections.exercise")):
        state.sticky("el_ex_seed", 1)
        seed = int(st.number_input(t("elections.exercise_seed"), min_value=0, step=1,
                                   key="el_ex_seed"))
        exercise = generate_exercises(seed, 3)[seed % 3]
        for line in exercise.prompt(lang):
            st.markdown(ui.escape(line))
        st.markdown(f"**{ui.escape(exercise.question(lang))}**")
        if exercise.choices():
            answer = st.radio(t("elections.exercise_answer"), exercise.choices(),
                              key=f"el_ex_choice_{seed}", horizontal=True, index=None)
        else:
            answer = st.number_input(t("elections.exercise_answer"), min_value=0, step=1,
                                     value=None, key=f"el_ex_number_{seed}")
        if st.button(t("elections.exercise_check"), key="el_ex_check") and answer is not None:
            if exercise.check(answer):
                st.success(t("elections.exercise_right"))
            else:
                st.error(t("elections.exercise_wrong", answer=exercise.answer))
            for line in exercise.explanation(lang):
                st.markdown(f"- {ui.escape(line)}")


def main() -> None:
    ui.header("elections.title", "elections.intro")
    scenario = state.get_scenario()
    lang = current()
    if not scenario.elections:
        st.info(t("elections.none"))
        cols = st.columns(len(el.EXAMPLES))
        for col, name in zip(cols, el.EXAMPLES, strict=True):
            col.button(t(f"elections.example.{name[:-5]}"), key=f"el_load_{name[:-5]}",
                       on_click=load_example, args=(name,), width="stretch")
        exercise_section(lang)
        return
    ids = [e.id for e in scenario.elections]
    index = 0
    if len(ids) > 1:
        state.sticky("el_pick", ids[0], options=ids)
        titles = {e.id: examples.election_title(scenario, e, lang)
                  for e in scenario.elections}
        index = ids.index(st.selectbox(t("elections.pick"), ids, key="el_pick",
                                       format_func=titles.__getitem__))
    election = scenario.elections[index]
    digest = state.get_digest()
    result = cache.results(digest, scenario)[index]
    names = examples.candidate_names(scenario, election, lang)
    groups = examples.candidate_groups(scenario, election, lang)
    if len(ids) == 1:
        st.subheader(examples.election_title(scenario, election, lang))

    # The procedure and the places.
    presets = list(procedure_names())
    current_proc = election.procedure.preset or ""
    options = presets if current_proc in presets else ["", *presets]
    preset_names = {p: get_procedure(p).label.get(lang) or p for p in presets}
    left, right = st.columns([3, 1])
    proc = left.selectbox(t("elections.procedure"), options, index=options.index(current_proc),
                          key=f"el_procedure_{digest}",
                          on_change=_procedure_edited, args=(index, digest),
                          format_func=lambda p: preset_names.get(p) or t("elections.custom"))
    seats = int(right.number_input(t("elections.seats"), min_value=1, max_value=50,
                                   value=election.seats, step=1, key=f"el_seats_{digest}",
                                   on_change=_procedure_edited, args=(index, digest)))
    st.caption(f"{election.procedure.label.get(lang)} — {election.procedure.article}")
    if (proc and proc != current_proc) or seats != election.seats:
        try:
            state.set_scenario(el.with_procedure(scenario, index, proc or current_proc, seats))
            st.rerun()
        except ScenarioError as exc:
            st.error(exc.render(lang))

    # The outcome and the next ballot.
    elected = ", ".join(names[c] for c in result.elected) or "-"
    banner = t(f"elections.status.{result.status}", elected=elected)
    STATUS_KIND[result.status](f"**{t(f'elections.state.{result.status}')}** — {banner}")
    if result.next_round is not None:
        st.info(t("elections.next", ids=", ".join(names[c] for c in result.next_round)
                  or "-"))

    # The tables.
    st.subheader(t("elections.candidates"))
    shown = el.candidates_frame(election, names, groups)
    candidates = st.data_editor(
        shown, key=f"el_candidates_{digest}", num_rows="dynamic",
        on_change=_tables_edited, args=(index, digest, shown),
        hide_index=True, width="stretch",
        column_config={"id": st.column_config.TextColumn(t("elections.col.id"), width=100),
                       "name": st.column_config.TextColumn(t("elections.col.name"),
                                                           width=310),
                       "group": st.column_config.TextColumn(t("elections.col.group"),
                                                            width=310)})
    st.subheader(t("elections.rounds"))
    roster_ballots = any(r.member_ballots for r in election.rounds)
    if roster_ballots:
        st.caption(t("elections.roster_ballots"))
    rounds = st.data_editor(
        el.rounds_frame(election), key=f"el_rounds_{digest}", num_rows="dynamic",
        on_change=_tables_edited, args=(index, digest, shown),
        hide_index=False, width="stretch", disabled=roster_ballots,
        column_config={
            # Widths that fit the page at 1280 x 800 with every label whole.
            "withdrawn": st.column_config.TextColumn(t("elections.col.withdrawn"), width=110),
            "votes": st.column_config.TextColumn(t("elections.col.votes"), width=330),
            "blank": st.column_config.NumberColumn(t("elections.col.blank"), min_value=0,
                                                   step=1, width=90),
            "invalid": st.column_config.NumberColumn(t("elections.col.invalid"), min_value=0,
                                                     step=1, width=90),
            "lot": st.column_config.TextColumn(t("elections.col.lot"), width=110)})
    st.caption(t("elections.rounds_help"))
    if not (candidates.equals(shown)
            and rounds.reset_index(drop=True).equals(
                el.rounds_frame(election).reset_index(drop=True))):
        try:
            state.set_scenario(el.apply_tables(scenario, index, candidates, rounds, shown))
            st.rerun()
        except ScenarioError as exc:
            st.error(exc.render(lang))

    # Each round: the count against the majority, who goes on and why.
    for r in result.rounds:
        st.subheader(t("elections.round", n=r.round))
        if r.votes is None:
            st.caption(t("elections.unpublished") if not r.published or r.eliminated
                       else t("elections.walkover"))
        else:
            bars, line = el.round_frame(election, result, r, names,
                                        t("elections.line", n=r.majority_required))
            charts.draw(el.round_chart, bars, line, t("elections.axis"),
                        key=f"el_chart_{r.round}")
            st.caption(t("elections.count", cast=r.cast, blank=r.blank, invalid=r.invalid,
                         required=r.majority_required))
        # One element per list (the browser takes in one message per element).
        _bullets([f"{ui.escape(s.render(lang))} *({ui.escape(s.article)})*"
                  for s in result.steps
                  if s.get("round") == r.round and s.key not in ("elections.round",)])
    with st.expander(t("elections.trace")):
        _bullets([f"{ui.escape(s.render(lang))} *({ui.escape(s.article)})*"
                  for s in result.steps])
    with st.expander(t("elections.walkthrough")):
        for k, (heading, lines) in enumerate(
                cache.walkthrough(digest, lang, election.id, scenario), start=1):
            st.markdown(f"**{k}. {ui.escape(heading)}**")
            _bullets([ui.escape(line) for line in lines])
    exercise_section(lang)

    # Chances under the election's model.
    st.subheader(t("elections.chances"))
    if election.model is None:
        st.caption(t("elections.no_model"))
        return
    found = cache.chances(digest, scenario)
    if isinstance(found, str):
        ui.error(found)
        return
    mine = next((c for c in found if c["id"] == election.id), None)
    if mine is None:
        return
    # Probabilities written as the page's language writes them (0,450 in French); the rows
    # come sorted by chance, so the text column loses no order that matters.
    table = pd.DataFrame([{t("elections.col.candidate"): names.get(cid, cid),
                           t("elections.col.p_elected"): float(p) if lang == "en"
                           else number(float(p), lang, 3)}
                          for cid, p in sorted(mine["p_elected"].items(),
                                               key=lambda kv: -float(kv[1]))])
    st.dataframe(table, hide_index=True, width="stretch", key="el_chances", column_config={
        t("elections.col.p_elected"): st.column_config.NumberColumn(format="%.3f")
        if lang == "en" else st.column_config.TextColumn()})
    st.caption(t("elections.chances_help", samples=number(mine["samples"], lang),
                 p_tie=number(float(mine["p_tie"]), lang, 3),
                 rounds=", ".join(f"{k}: {number(float(p), lang, 3)}"
                                  for k, p in mine["rounds"].items())))


main()
