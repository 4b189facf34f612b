"""The teaching pages of the dashboard, driven through their widget keys with AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.state import DIGEST, SCENARIO, digest
from quorum.exercises import generate
from quorum.scenario import load_scenario

from .conftest import ROOT, SCENARIOS

WALKTHROUGH = str(ROOT / "app_pages" / "walkthrough.py")
EXERCISES = str(ROOT / "app_pages" / "exercises.py")


def page(path: str, lang: str = "en", scenario: str | None = None) -> AppTest:
    at = AppTest.from_file(path, default_timeout=60)
    at.session_state["lang"] = lang
    if scenario is not None:
        loaded = load_scenario(SCENARIOS / scenario)
        at.session_state[SCENARIO] = loaded
        at.session_state[DIGEST] = digest(loaded)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + \
        [w.value for w in at.warning] + [e.value for e in at.error] + \
        [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


# --- Walkthrough ------------------------------------------------------------------------

@pytest.mark.parametrize("lang,title,first", [("en", "Walkthrough", "Convocation"),
                                              ("fr", "Déroulé pas à pas", "Convocation")])
def test_walkthrough_page_opens_on_the_convocation(lang, title, first):
    at = page(WALKTHROUGH, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert f"#### {first}" in texts(at) and "Art. 22(4)" in texts(at)


def test_walkthrough_page_moves_step_by_step():
    at = page(WALKTHROUGH, scenario="paradox-written-route.yaml")
    assert at.button(key="wt_prev").disabled
    at.button(key="wt_next").click().run()
    assert at.session_state["wt_step"] == 2 and "Members and observers" in texts(at)
    at.select_slider(key="wt_step").set_value(9).run()
    assert "Final status" in texts(at) and at.button(key="wt_next").disabled
    assert "Steps so far" in [e.label for e in at.expander]
    at.button(key="wt_prev").click().run()
    assert at.session_state["wt_step"] == 8 and "The written replies" in texts(at)


def test_art22_3_e_walkthrough_page_what_if_shows_the_abstention_paradox():
    at = page(WALKTHROUGH, scenario="paradox-abstention.yaml")
    at.select_slider(key="wt_step").set_value(5).run()
    at.radio(key="wt_whatif").set_value("no_to_abstention").run()
    assert not at.exception
    assert any("rejected becomes executory" in w.value for w in at.warning)
    shown = texts(at)
    assert "The decision is rejected" in shown and "The decision is adopted" in shown


def test_walkthrough_page_what_if_that_cannot_apply():
    at = page(WALKTHROUGH)  # the default session: every member is present
    at.radio(key="wt_whatif").set_value("one_more_present").run()
    assert not at.exception
    assert any("Every member is already represented" in i.value for i in at.info)


def test_art22_4_b_walkthrough_page_extraordinary_session_on_request():
    at = page(WALKTHROUGH)
    at.radio(key="wt_session").set_value("extraordinary").run()
    assert at.number_input(key="wt_requests").value == 45
    at.number_input(key="wt_requests").set_value(30).run()
    assert "Only 30 members asked for it and 45 were needed" in texts(at)


def test_art22_3_c_walkthrough_page_follows_the_chosen_decision():
    at = page(WALKTHROUGH, scenario="assembly-written-procedure-lapsed.yaml")
    at.selectbox(key="decision").set_value("programme").run()
    at.select_slider(key="wt_step").set_value(9).run()
    assert "broke the majority" in texts(at)


# --- Exercises --------------------------------------------------------------------------

def answer_all(at: AppTest, seed: int, level: int, count: int, wrong: int | None = None):
    for exercise in generate(seed, level, count):
        key = f"ex_answer_{seed}_{level}_{exercise.number}"
        if exercise.choices:
            value = exercise.answer
            if exercise.number == wrong:
                value = next(c for c in exercise.choices if c != exercise.answer)
            at.radio(key=key).set_value(value)
        else:
            value = int(exercise.answer) + (1 if exercise.number == wrong else 0)
            at.number_input(key=key).set_value(value)
    return at


@pytest.mark.parametrize("lang,title", [("en", "Exercises"), ("fr", "Exercices")])
def test_exercises_page_opens_with_the_default_set(lang, title):
    at = page(EXERCISES, lang)
    assert not at.exception
    assert at.title[0].value == title
    assert at.number_input(key="ex_seed").value == 2026
    assert "quorum exercises --seed 2026 --level 1 --count 5" in at.caption[-1].value


def test_exercises_page_scores_a_full_set():
    at = page(EXERCISES)
    answer_all(at, 2026, 1, 5).button(key="ex_check").click().run()
    assert not at.exception
    assert at.metric[0].value == "Score: 5 of 5."
    assert len(at.success) == 5


def test_exercises_page_marks_a_wrong_answer_with_the_right_one():
    at = page(EXERCISES)
    at.radio(key="ex_level").set_value(3).run()
    at.number_input(key="ex_seed").set_value(7).run()
    answer_all(at, 7, 3, 5, wrong=2).button(key="ex_check").click().run()
    assert at.metric[0].value == "Score: 4 of 5."
    (error,) = at.error
    assert error.value.startswith("Wrong: the answer is")


def test_exercises_page_unanswered_and_cleared():
    at = page(EXERCISES, "fr")
    at.button(key="ex_check").click().run()
    assert at.metric[0].value == "Score : 0 sur 5."
    at.button(key="ex_clear").click().run()
    assert not at.metric


def test_check_reveals_only_the_answered_questions_and_show_answers_the_rest():
    at = page(EXERCISES, "fr")
    exercises = generate(2026, 1, 5)
    first = exercises[0]
    key = f"ex_answer_2026_1_{first.number}"
    if first.choices:
        at.radio(key=key).set_value(first.answer)
    else:
        at.number_input(key=key).set_value(int(first.answer))
    at.button(key="ex_check").click().run()
    answers = [e.answer_text("fr") for e in exercises[1:]]
    shown = "\n".join(str(x.value) for x in (*at.info, *at.error, *at.success))
    assert len(at.success) == 1
    assert not any(f"Réponse : {a}" in shown for a in answers)
    assert not [b for b in at.button if b.key == f"ex_open_{exercises[1].number}"]
    at.button(key="ex_show_answers").click().run()
    shown = "\n".join(str(x.value) for x in at.info)
    assert all(f"Réponse : {a}" in shown for a in answers)
    at.button(key="ex_show_answers").click().run()  # hide them again
    assert not any("Réponse :" in str(x.value) for x in at.info)


def test_exercises_page_opens_an_exercise_in_the_walkthrough():
    at = page(EXERCISES)
    at.button(key="ex_show_answers").click().run()
    at.button(key="ex_open_2").click().run()
    assert at.session_state[SCENARIO].title == "Exercise 2 (level 1)"
    assert any("Exercise 2 is now the current scenario" in i.value for i in at.info)


def test_exercises_answers_survive_a_visit_to_another_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/exercises.py").run()
    (first,) = generate(2026, 1, 1)
    key = "ex_answer_2026_1_1"
    at.number_input(key=key).set_value(int(first.answer)).run()
    at.switch_page("app_pages/walkthrough.py").run()
    at.switch_page("app_pages/exercises.py").run()
    assert not at.exception
    assert at.number_input(key=key).value == int(first.answer)
