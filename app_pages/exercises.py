"""Exercises: a set drawn from a seed at one of three levels, answered in the page and
marked with the rules engine's own explanation (the same sets as ``quorum exercises``)."""

from __future__ import annotations

import streamlit as st

from dashboard import state, ui
from dashboard.i18n import current, t
from quorum.exercises import MAX_COUNT, Exercise, generate, score
from quorum.walkthrough import text

LEVELS = (1, 2, 3)
PAGE_COUNT = 20  # at most this many in the page; the command line goes to MAX_COUNT
CHECKED = "ex_checked"
SHOWN = "ex_answers_shown"  # the set whose answers are all shown


@st.cache_data(max_entries=32, show_spinner=False)
def _exercises(seed: int, level: int, count: int) -> tuple[Exercise, ...]:
    return generate(seed, level, count)


def answer_key(seed: int, level: int, number: int) -> str:
    """The widget key of one answer: a new set starts with empty answers."""
    return f"ex_answer_{seed}_{level}_{number}"


def _clear(keys: list[str]) -> None:
    for key in keys:
        st.session_state[key] = None
    st.session_state[CHECKED] = None
    st.session_state[SHOWN] = None


def _toggle_answers(which: tuple[int, int, int]) -> None:
    st.session_state[SHOWN] = None if st.session_state.get(SHOWN) == which else which


def _open(exercise: Exercise, lang: str) -> None:
    state.set_scenario(exercise.scenario())
    state.notice("info", text("page.exercises.opened", lang, number=exercise.number))


def _answer_widget(exercise: Exercise, key: str, lang: str) -> None:
    label = text("page.exercises.answer", lang)
    # Answers survive a visit to another page; an unanswered exercise shows no choice.
    if exercise.choices:
        state.sticky(key, None, options=[*exercise.choices, None])
        st.radio(label, exercise.choices, key=key,
                 format_func=lambda c: exercise.choice_text(c, lang))
    else:
        state.sticky(key, None)
        st.number_input(label, min_value=0, step=1, key=key,
                        placeholder=text("page.exercises.number_help", lang))


def main() -> None:
    lang = current()
    ui.header("page.exercises.title", "page.exercises.intro",
              catalogue=lambda key: text(key, lang))
    exercise_set(lang)


@ui.fragment
def exercise_set(lang: str) -> None:
    """The set, the answers and the marks: their widgets change only them."""

    seed_col, level_col, count_col = st.columns([1, 2, 1], vertical_alignment="bottom")
    with seed_col:
        state.sticky("ex_seed", 2026)
        if int(st.session_state["ex_seed"]) < 0:  # e.g. from an edited link
            st.session_state["ex_seed"] = 2026
        seed = int(st.number_input(text("page.exercises.seed", lang), min_value=0, step=1,
                                   key="ex_seed"))
    with level_col:
        state.sticky("ex_level", 1, options=list(LEVELS))
        level = int(st.radio(text("page.exercises.level", lang), LEVELS, key="ex_level",
                             horizontal=True, format_func=lambda n: f"{n}. " + text(
                                 f"exercise.level.{n}", lang)))
    with count_col:
        state.sticky("ex_count", 5)
        if not 1 <= int(st.session_state["ex_count"]) <= PAGE_COUNT:
            st.session_state["ex_count"] = 5
        count = int(st.number_input(text("page.exercises.count", lang), min_value=1,
                                    max_value=min(PAGE_COUNT, MAX_COUNT), step=1,
                                    key="ex_count"))
    st.caption(text("page.exercises.command", lang) +
               f" `quorum exercises --seed {seed} --level {level} --count {count}"
               f"{' --lang fr' if lang == 'fr' else ''}`")

    exercises = _exercises(seed, level, count)
    keys = [answer_key(seed, level, e.number) for e in exercises]
    which = (seed, level, count)
    checked = st.session_state.get(CHECKED) == which
    shown = st.session_state.get(SHOWN) == which
    for exercise, key in zip(exercises, keys, strict=True):
        with st.container(border=True):
            st.markdown(f"**{ui.escape(exercise.heading(lang))}**")
            st.markdown("\n".join(f"- {ui.escape(line)}" for line in exercise.prompt(lang)))
            st.markdown(f"**{ui.escape(exercise.question_text(lang))}**")
            _answer_widget(exercise, key, lang)
            given = st.session_state.get(key)
            # "Check" marks only what was answered; the answers of the others wait for
            # "Show the answers".
            marked = checked and given is not None
            if marked and exercise.check(given):
                st.success(text("exercise.right", lang), icon=":material/check_circle:")
            elif marked:
                st.error(text("exercise.wrong", lang, answer=exercise.answer_text(lang)),
                         icon=":material/cancel:")
            elif shown:
                st.info(t("exercises_extra.answer", answer=exercise.answer_text(lang)),
                        icon=":material/lightbulb:")
            elif checked:
                st.info(t("exercises_extra.not_answered"), icon=":material/help:")
            if marked or shown:
                with st.expander(text("exercise.explanation", lang), expanded=False):
                    st.markdown("\n".join(f"1. {ui.escape(line)}"
                                          for line in exercise.explanation(lang)))
                st.button(text("page.exercises.open", lang), key=f"ex_open_{exercise.number}",
                          on_click=_open, args=(exercise, lang), icon=":material/footprint:")

    check, answers, clear = st.columns(3)
    check.button(text("page.exercises.check", lang), key="ex_check", type="primary",
                 on_click=lambda: st.session_state.__setitem__(CHECKED, (seed, level, count)),
                 width="stretch", icon=":material/grading:")
    answers.button(t("exercises_extra.hide_answers" if shown
                     else "exercises_extra.show_answers"),
                   key="ex_show_answers", on_click=_toggle_answers, args=(which,),
                   width="stretch", icon=":material/lightbulb:")
    clear.button(text("page.exercises.clear", lang), key="ex_clear", on_click=_clear,
                 args=(keys,), width="stretch", icon=":material/restart_alt:")
    if checked:
        result = score(exercises, [st.session_state.get(k) for k in keys])
        st.metric(text("page.exercises.title", lang), result.text(lang),
                  label_visibility="collapsed")


main()
