"""Exercises: a set drawn from a seed at one of three levels, answered in the page and
marked with the rules engine's own explanation (the same sets as ``quorum exercises``)."""

from __future__ import annotations

import streamlit as st

from dashboard import state, ui
from dashboard.i18n import current
from quorum.exercises import MAX_COUNT, Exercise, generate, score
from quorum.walkthrough import text

LEVELS = (1, 2, 3)
PAGE_COUNT = 20  # at most this many in the page; the command line goes to MAX_COUNT
CHECKED = "ex_checked"


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
    checked = st.session_state.get(CHECKED) == (seed, level, count)
    for exercise, key in zip(exercises, keys, strict=True):
        with st.container(border=True):
            st.markdown(f"**{ui.escape(exercise.heading(lang))}**")
            st.markdown("\n".join(f"- {ui.escape(line)}" for line in exercise.prompt(lang)))
            st.markdown(f"**{ui.escape(exercise.question_text(lang))}**")
            _answer_widget(exercise, key, lang)
            if checked:
                given = st.session_state.get(key)
                if given is None:
                    st.error(text("page.exercises.no_answer", lang,
                                  answer=exercise.answer_text(lang)), icon=":material/help:")
                elif exercise.check(given):
                    st.success(text("exercise.right", lang), icon=":material/check_circle:")
                else:
                    st.error(text("exercise.wrong", lang, answer=exercise.answer_text(lang)),
                             icon=":material/cancel:")
                with st.expander(text("exercise.explanation", lang), expanded=False):
                    st.markdown("\n".join(f"1. {ui.escape(line)}"
                                          for line in exercise.explanation(lang)))
                st.button(text("page.exercises.open", lang), key=f"ex_open_{exercise.number}",
                          on_click=_open, args=(exercise, lang), icon=":material/footprint:")

    check, clear = st.columns(2)
    check.button(text("page.exercises.check", lang), key="ex_check", type="primary",
                 on_click=lambda: st.session_state.__setitem__(CHECKED, (seed, level, count)),
                 width="stretch", icon=":material/grading:")
    clear.button(text("page.exercises.clear", lang), key="ex_clear", on_click=_clear,
                 args=(keys,), width="stretch", icon=":material/restart_alt:")
    if checked:
        result = score(exercises, [st.session_state.get(k) for k in keys])
        st.metric(text("page.exercises.title", lang), result.text(lang),
                  label_visibility="collapsed")


main()
