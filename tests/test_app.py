"""The dashboard, driven through its widget keys with Streamlit's AppTest.

Every page opens without an exception in both languages; edits change the outcome; an
invalid upload shows the schema's one-line error; the language switch changes the
explanation; a downloaded scenario re-imports identically; the address bar round-trips.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import edits, state, urlstate
from dashboard.state import DIGEST, EDITOR_VERSION, SCENARIO, digest
from quorum import evaluate
from quorum.scenario import load_default_scenario, load_scenario, scenario_to_mapping

from .conftest import ROOT, SCENARIOS

APP = str(ROOT / "app.py")
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))
TITLES = {
    "app_pages/session.py": ("Session", "Session"),
    "app_pages/written.py": ("Written procedure", "Procédure écrite"),
    "app_pages/finances.py": ("Finances and arrears", "Finances et arriérés"),
    "app_pages/whatif.py": ("What-if", "Et si ?"),
    "app_pages/rules_card.py": ("Rules card", "Fiche des règles"),
    "app_pages/power.py": ("Power", "Pouvoir"),
}


def app(page: str | None = None, lang: str = "en", scenario: str | None = None,
        **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    if lang != "en":
        at.session_state["lang"] = lang
    if scenario is not None:
        loaded = load_scenario(SCENARIOS / scenario)
        at.session_state[SCENARIO] = loaded
        at.session_state[DIGEST] = digest(loaded)
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + \
        [w.value for w in at.warning] + [e.value for e in at.error] + \
        [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def status(at: AppTest) -> str:
    """The status banner's first words (the status, in bold)."""
    for element in (*at.success, *at.warning, *at.error):
        value = str(element.value)
        if value.startswith("**"):
            return value.split("**")[1]
    return ""


def param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def canonical(scenario):
    return scenario_to_mapping(scenario)


# --- Every page ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_an_exception(page, lang):
    at = app(page, lang)
    assert not at.exception, at.exception
    if page in TITLES:
        assert at.title[0].value == TITLES[page][lang == "fr"]
    # The shared sidebar is drawn on every page.
    assert at.radio(key="lang").value == lang
    assert at.button(key="reset")


@pytest.mark.parametrize("scenario", ["assembly-reduced-quorum-pending.yaml",
                                      "assembly-arrears-roster.yaml",
                                      "executive-committee-tie.yaml"])
@pytest.mark.parametrize("page", sorted(TITLES))
def test_pages_open_on_other_scenarios(page, scenario):
    at = app(page, scenario=scenario)
    assert not at.exception, at.exception


# --- Session ------------------------------------------------------------------------------

def test_session_opens_on_the_default_adopted_decision():
    at = app()
    assert status(at) == "Executory"
    assert at.data_editor[0].value.shape[0] == 179
    assert "Art. 22(3)(d)" in texts(at)


def test_session_quick_action_everyone_abstains_flips_the_outcome():
    at = app()
    at.button(key="qa_abstain").click().run()
    assert status(at) == "Rejected"
    assert "No vote was cast" in texts(at)
    at.button(key="reset").click().run()
    assert status(at) == "Executory"


def test_session_cell_edits_flip_the_outcome():
    at = app()
    table = at.data_editor[0].value
    # 143 yes against 29 no: 29 members switching from yes to no leave 114 against 58,
    # short of two-thirds of 172 votes cast (Art. 22(3)(d)).
    rows = [i for i, vote in enumerate(table["vote_0"]) if vote == "yes"][:29]
    key = f"roster_editor_{at.session_state[EDITOR_VERSION]}"
    at.session_state[key] = {"edited_rows": {i: {"vote_0": "no"} for i in rows},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert status(at) == "Rejected"
    assert "114 yes, 58 no" in texts(at)


def test_session_cell_edit_of_presence_drops_the_vote_and_rebuilds_the_table():
    at = app()
    version = at.session_state[EDITOR_VERSION]
    at.session_state[f"roster_editor_{version}"] = {
        "edited_rows": {0: {"present": False}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    scenario = at.session_state[SCENARIO]
    assert "AF" not in dict(scenario.session.decisions[0].member_votes)
    assert at.session_state[EDITOR_VERSION] > version  # the table shows the dropped vote
    assert "178 of 179" in texts(at)


def test_session_group_absent_and_random_attendance():
    at = app()
    at.selectbox(key="qa_group").set_value("african").run()
    at.button(key="qa_group_absent").click().run()
    scenario = at.session_state[SCENARIO]
    assert not any(m.present for m in scenario.session.roster if m.group == "african")
    at.number_input(key="qa_seed").set_value(7).run()
    at.slider(key="qa_share").set_value(0.2).run()
    at.button(key="qa_random").click().run()
    assert not at.exception
    assert at.session_state[SCENARIO] == edits.random_attendance(scenario, 7, 0.2)
    assert status(at) == "No quorum"


def test_session_counts_for_a_scenario_without_roster():
    at = app(scenario="assembly-reduced-quorum-pending.yaml")
    assert status(at) == "Pending the written procedure"
    at.number_input(key="agg_present").set_value(120).run()
    assert status(at) == "Executory"


# --- Sidebar: upload, download, language, reset -------------------------------------------

def test_invalid_upload_shows_the_one_line_error():
    at = app()
    at.file_uploader(key="upload").set_value(
        ("bad.yaml", b"body: nowhere\nmembers: 10\npresent: 5\n", "application/x-yaml")).run()
    assert not at.exception
    (error,) = at.error
    assert "bad.yaml: field 'body': unknown body 'nowhere'" in error.value
    assert "Traceback" not in error.value
    assert at.session_state[SCENARIO] == load_default_scenario()


def test_upload_may_not_name_server_files():
    at = app()
    text = b"body: berne-assembly\nroster: ../../etc/members.csv\ndecisions: []\n"
    at.file_uploader(key="upload").set_value(("sneaky.yaml", text, "application/x-yaml")).run()
    assert "not allowed here" in at.error[0].value


def test_download_then_upload_gives_the_identical_scenario():
    at = app()
    at.button(key="qa_abstain").click().run()
    before = at.session_state[SCENARIO]
    data = state.download_bytes(before)
    at.button(key="reset").click().run()
    at.file_uploader(key="upload").set_value(("s.yaml", data, "application/x-yaml")).run()
    after = at.session_state[SCENARIO]
    assert canonical(after) == canonical(before)
    assert replace(after.session, source=before.session.source) == before.session
    assert status(at) == "Rejected"


def test_language_switch_changes_the_explanation_to_french():
    at = app()
    assert "Quorum met" in texts(at)
    at.radio(key="lang").set_value("fr").run()
    assert "Quorum atteint : 179 représentés, 90 requis." in texts(at)
    assert at.title[0].value == "Session" and status(at) == "Exécutoire"


def test_bundled_example_opens_from_the_sidebar():
    at = app()
    at.selectbox(key="example").set_value("assembly-written-procedure-lapsed.yaml").run()
    assert at.session_state[SCENARIO].title == "Written procedure, too few replies"
    assert at.selectbox(key="example").value is None  # the picker shows its prompt again


# --- The address bar ----------------------------------------------------------------------

def test_address_bar_round_trips_the_state():
    at = app()
    at.button(key="qa_abstain").click().run()
    at.radio(key="lang").set_value("fr").run()
    token = param(at, "s")
    assert param(at, "lang") == "fr"
    other = AppTest.from_file(APP, default_timeout=30)
    other.query_params["s"] = token
    other.query_params["lang"] = "fr"
    other.run()
    assert canonical(other.session_state[SCENARIO]) == canonical(at.session_state[SCENARIO])
    assert other.session_state["lang"] == "fr" and status(other) == "Rejetée"


def test_default_state_leaves_the_address_bar_empty():
    at = app()
    assert "s" not in at.query_params and "lang" not in at.query_params


def test_malformed_link_is_ignored_with_a_notice():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["s"] = "1not-base64-at-all!!"
    at.query_params["total"] = "lots"
    at.run()
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    assert any("total=lots" in w.value for w in at.warning)
    assert at.session_state[SCENARIO] == load_default_scenario()


# --- Written procedure --------------------------------------------------------------------

def test_written_page_demonstrates_the_reduced_band_and_replies():
    at = app("app_pages/written.py")
    assert "The quorum is met" in texts(at)
    at.button(key="wp_reduced_band").click().run()
    assert status(at) == "Pending the written procedure"
    outcome = evaluate(at.session_state[SCENARIO].session)[0]
    needed = outcome.written_replies_needed
    assert needed > 0 and outcome.deadline is not None
    at.radio(key="wp_mode").set_value("counts").run()
    at.number_input(key="wp_yes").set_value(needed - 1).run()
    assert status(at) == "Lapsed"
    at.number_input(key="wp_abstain").set_value(1).run()
    assert status(at) == "Executory"
    at.radio(key="wp_mode").set_value("members").run()
    assert status(at) == "Pending the written procedure"
    at.selectbox(key="wp_fill").set_value("no").run()
    at.button(key="wp_fill_button").click().run()
    assert status(at) == "Lapsed" and "no longer holds" in texts(at)


@pytest.mark.parametrize("seed", [0, 5])
def test_written_page_draws_the_reduced_band_with_the_seed_of_the_link(seed):
    at = app("app_pages/written.py", seed=str(seed))
    at.button(key="wp_reduced_band").click().run()
    assert not at.exception
    assert at.session_state[SCENARIO] == edits.reduced_band(load_default_scenario(), seed)


def test_written_page_member_replies_through_the_table():
    at = app("app_pages/written.py", scenario="assembly-written-procedure-executory.yaml")
    assert not at.exception
    at = app("app_pages/written.py")
    at.button(key="wp_reduced_band").click().run()
    at.radio(key="wp_mode").set_value("members").run()
    decision = at.session_state[SCENARIO].session.decisions[0].id
    version = at.session_state[EDITOR_VERSION]
    rows = {i: {"reply": "yes"} for i in range(40)}
    at.session_state[f"replies:{decision}_editor_{version}"] = {
        "edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert status(at) == "Executory"
    assert "Written replies received: 40" in texts(at)


# --- Finances -----------------------------------------------------------------------------

def test_finances_page_arrears_cost_the_vote_and_show_the_restoring_payment():
    at = app("app_pages/finances.py")
    assert "No member has dues recorded yet" in texts(at)
    at.button(key="fin_set_dues").click().run()
    scenario = at.session_state[SCENARIO]
    assert all(dict(m.dues).keys() == {2024, 2025, 2026}
               for m in scenario.session.roster if m.contribution_class and not m.observer)
    at.selectbox(key="fin_group").set_value("group-b").run()
    at.button(key="fin_group_arrears").click().run()
    assert not at.exception
    lost = at.dataframe[-1].value
    assert len(lost) > 0 and (lost["restore"] > 0).all()
    outcome = evaluate(at.session_state[SCENARIO].session)[0]
    assert outcome.represented == 179  # still counted for the quorum (interpretation switch)
    assert "vote(s) not counted" in texts(at)
    paid = evaluate(edits.without_arrears(at.session_state[SCENARIO]).session)[0]
    assert paid.votes_cast > outcome.votes_cast
    assert [m.value for m in at.metric] == [str(v) for v in (
        outcome.represented, outcome.votes_cast, f"{outcome.yes} / {outcome.no}",
        paid.represented, paid.votes_cast, f"{paid.yes} / {paid.no}")]


def test_finances_page_arrears_editor_changes_the_result():
    at = app("app_pages/finances.py")
    version = at.session_state[EDITOR_VERSION]
    rows = {i: {"arrears": 10.5} for i in range(60)}
    at.session_state[f"arrears_editor_{version}"] = {
        "edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    roster = at.session_state[SCENARIO].session.roster
    assert sum(1 for m in roster if m.arrears) == 60
    assert len(at.dataframe[-1].value) == 60


# --- Rules card ---------------------------------------------------------------------------

def test_rules_card_for_any_body_and_size():
    at = app("app_pages/rules_card.py")
    card = at.dataframe[0].value.set_index("article")
    assert card.loc["Art. 22(3)(b)", "value"] == "90"
    at.selectbox(key="rc_body").set_value("berne-executive-committee").run()
    at.number_input(key="rc_n").set_value(45).run()
    table = at.dataframe[0].value
    assert table.loc[table["article"] == "Art. 23(8)(b)", "value"].iloc[0] == "23"
    assert param(at, "body") == "berne-executive-committee"


def test_links_restore_page_choices():
    token = urlstate.encode(edits.all_present(load_default_scenario()),
                            load_default_scenario())
    assert token is None  # everyone is already present in the default
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["body"] = "paris-assembly"
    at.query_params["n"] = "20"
    at.run()
    at.switch_page("app_pages/rules_card.py").run()
    assert at.selectbox(key="rc_body").value == "paris-assembly"
    assert at.number_input(key="rc_n").value == 20


def test_links_hand_out_the_same_exercise_set():
    """A lecturer shares the seed, level and count of a set; students open the same set."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("app_pages/exercises.py").run()
    at.number_input(key="ex_seed").set_value(77).run()
    at.radio(key="ex_level").set_value(3).run()
    assert (param(at, "xseed"), param(at, "level")) == ("77", "3")
    assert "count" not in at.query_params  # the default count is not written
    student = AppTest.from_file(APP, default_timeout=30)
    student.query_params.update({"xseed": "77", "level": "3", "count": "4"})
    student.run()
    student.switch_page("app_pages/exercises.py").run()
    assert student.number_input(key="ex_seed").value == 77
    assert student.radio(key="ex_level").value == 3
    assert student.number_input(key="ex_count").value == 4
    assert any("--seed 77 --level 3 --count 4" in c.value for c in student.caption)


def test_a_link_with_a_negative_exercise_seed_opens_the_default_set():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["xseed"] = "-3"
    at.run()
    at.switch_page("app_pages/exercises.py").run()
    assert not at.exception
    assert at.number_input(key="ex_seed").value == 2026


# --- What-if ----------------------------------------------------------------------------

def test_whatif_sliders_and_tables_store_the_model_in_the_scenario():
    at = app("app_pages/whatif.py")
    assert at.session_state[SCENARIO].model is None
    at.slider(key="wi_present").set_value(40).run()
    assert at.session_state[SCENARIO].model["present"] == 0.4
    version = at.session_state[EDITOR_VERSION]
    at.session_state[f"whatif_groups_editor_{version}"] = {
        "edited_rows": {0: {"present": 0.95}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    groups = at.session_state[SCENARIO].model["groups"]
    assert list(groups.values()) == [{"present": 0.95}]
    assert "s" in at.query_params  # the model is shared with the link
    at.button(key="wi_clear").click().run()
    assert at.session_state[SCENARIO].model is None


def test_whatif_shows_exact_probabilities_a_sweep_and_swings():
    at = app("app_pages/whatif.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Quorum met"].endswith("%") and metrics["Executory in the end"] != "0.0 %"
    assert "Exact probabilities" in "\n".join(c.value for c in at.caption)
    at.slider(key="wi_present").set_value(40).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reduced quorum"] != "0.0 %"
    at.toggle(key="wi_sweep_on").set_value(True).run()
    at.number_input(key="wi_sweep_steps").set_value(3).run()
    at.toggle(key="wi_swings_on").set_value(True).run()
    assert not at.exception and not at.error
    at.radio(key="wi_swing_measure").set_value("presence_swing").run()
    assert not at.exception and not at.error


# --- Power ------------------------------------------------------------------------------

def _frame_with(at: AppTest, column: str):
    """The first table (or table editor) on the page with ``column``."""
    for element in (*at.dataframe,):
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a column {column!r}")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_power_page_blocking_and_group_power_on_the_default(lang):
    at = app("app_pages/power.py", lang)
    assert not at.exception, at.exception
    assert at.title[0].value == ("Power", "Pouvoir")[lang == "fr"]
    blocking = _frame_with(at, "no_full")
    assert list(blocking["no_full"]) == [60, 60, 45, 36]  # 2/3, 2/3, 3/4, 4/5 of 179
    groups = _frame_with(at, "shapley_shubik")
    assert len(groups) == 7 and groups["banzhaf"].sum() == pytest.approx(1)
    assert ("Chine" if lang == "fr" else "China") in set(groups["name"])
    assert at.info[-1].value == t_label("power.moves_none", lang)


def t_label(key: str, lang: str, **params) -> str:
    from dashboard.i18n import label

    return label(key, lang, **params)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_power_page_group_away_and_member_without_vote_change_the_tables(lang):
    at = app("app_pages/power.py", lang)
    at.selectbox(key="pw_away").set_value("african").run()
    assert not at.exception, at.exception
    change = _frame_with(at, "change")
    africa = change[change["before"] == change["before"].max()]
    assert (africa["after"] == 0).all() and change["change"].sum() == pytest.approx(0)
    moved = _frame_with(at, "no_after")
    assert list(moved["no_before"]) == [60, 60, 45, 36]
    assert list(moved["no_after"]) == [45, 45, 34, 27]  # 133 voters left
    at.selectbox(key="pw_lost").set_value("US").run()
    assert list(_frame_with(at, "no_after")["no_after"]) == [45, 45, 34, 27]  # 132 voters
    assert t_label("power.voters", lang, voters=132, members=179, left_out=1) in \
        [c.value for c in at.caption]
    # The what-if leaves the scenario as it was.
    assert at.session_state[DIGEST] == state.default_digest()
    at.selectbox(key="pw_kind").set_value("amendment").run()
    assert not at.exception
    at.switch_page("app_pages/session.py").run()
    at.switch_page("app_pages/power.py").run()
    assert at.selectbox(key="pw_away").value == "african"  # kept across pages
    assert (param(at, "away"), param(at, "lost")) == ("african", "US")  # and in the link


def test_power_what_if_opens_from_a_link():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["away"] = "grulac"
    at.query_params["lost"] = "nowhere"  # not a voter: ignored
    at.run()
    at.switch_page("app_pages/power.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="pw_away").value == "grulac"
    assert at.selectbox(key="pw_lost").value == ""
    moved = _frame_with(at, "no_after")
    assert list(moved["no_after"]) == [49, 49, 37, 30]  # 146 voters left


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_power_page_without_roster_shows_equal_voters(lang):
    at = app("app_pages/power.py", lang, scenario="assembly-abstentions.yaml")
    assert not at.exception, at.exception
    assert t_label("power.no_roster", lang) in texts(at)
    assert not [s for s in at.selectbox if s.key == "pw_away"]
    blocking = _frame_with(at, "no_full")
    assert len(blocking) == 4


# --- Custom body on the rules card ------------------------------------------------------

def _majorities_key(at: AppTest) -> str:
    return f"rc_cb_majorities_{at.session_state['rc_cb_version']}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_custom_body_with_an_invalid_fraction_shows_the_one_line_error(lang):
    at = app("app_pages/rules_card.py", lang)
    assert at.text_input(key="rc_cb_quorum").value == "1/2"
    at.text_input(key="rc_cb_quorum").set_value("3/2").run()
    assert not at.exception, at.exception
    (error,) = [e.value for e in at.error]
    fix = "Fix:" if lang == "en" else "Correction :"
    assert "body.quorum.fraction" in error and "3/2" in error and fix in error
    assert "Traceback" not in error and "\n" not in error
    assert not [b for b in at.button if b.key == "rc_cb_use"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_custom_body_edit_changes_the_card_and_downloads_as_yaml(lang):
    from dashboard import bodyform
    from quorum import get_body

    at = app("app_pages/rules_card.py", lang)
    card = at.dataframe[-1].value.set_index("article")
    assert card.loc["Art. 22(3)(b)", "value"] == "90"
    at.session_state[_majorities_key(at)] = {
        "edited_rows": {0: {"fraction": "1/2", "base": "members", "strict": True}},
        "added_rows": [{"kind": "budget", "fraction": "3/5", "base": "present",
                        "strict": False}],
        "deleted_rows": []}
    at.text_input(key="rc_cb_quorum").set_value("2/3").run()
    at.text_input(key="rc_cb_name").set_value("Chamber").run()
    assert not at.exception, at.exception
    assert not at.error
    card = at.dataframe[-1].value
    assert "120" in set(card["value"])  # two-thirds of 179 members represented
    assert "Art. 22(3)(b)" not in set(card["article"])  # no longer the treaty's quorum
    text = at.code[0].value
    custom = bodyform.from_yaml(text)
    assert custom.name.en == "Chamber" and "budget" in custom.kinds
    assert custom.quorum_minimum(179) == 120 and custom != get_body("berne-assembly")
    assert at.get("download_button")  # the same text is offered for download
    # The scenario is not changed until asked.
    assert at.session_state[SCENARIO].rules == get_body("berne-assembly")
    at.button(key="rc_cb_use").click().run()
    scenario = at.session_state[SCENARIO]
    assert scenario.rules == custom and scenario.body_ref is None
    assert t_label("rules.custom_in_use", lang) in [c.value for c in at.caption]
    # The session page evaluates with it; the scenario's file carries it and reads back.
    back = state.read_upload("s.yaml", state.download_bytes(scenario))
    assert back.rules == custom and canonical(back) == canonical(scenario)
    at.switch_page("app_pages/session.py").run()
    assert not at.exception
    assert status(at) == t_label("status.executory", lang)  # 143 yes of 179: over one-half
    at.switch_page("app_pages/rules_card.py").run()
    assert at.text_input(key="rc_cb_name").value == "Chamber"  # kept across pages
    assert "budget" in set(_frame_with(at, "kind")["kind"])


def test_custom_body_starts_again_from_another_body():
    at = app("app_pages/rules_card.py")
    at.text_input(key="rc_cb_quorum").set_value("2/3").run()
    at.selectbox(key="rc_body").set_value("berne-executive-committee").run()
    assert not at.exception
    assert at.text_input(key="rc_cb_quorum").value == "1/2"
    assert list(_frame_with(at, "kind")["kind"]) == ["simple"]


def test_language_switch_on_the_rules_card_is_not_an_edit_of_the_body():
    at = app("app_pages/rules_card.py")
    assert [c.value for c in at.caption if c.value == t_label("rules.custom_in_use", "en")]
    at.sidebar.radio(key="lang").set_value("fr").run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "rc_cb_use"]
    assert t_label("rules.custom_in_use", "fr") in [c.value for c in at.caption]
    assert at.text_input(key="rc_cb_name").value == "Assemblée de l'Union de Berne"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not [b for b in at.button if b.key == "rc_cb_use"]


# --- Issue 15: numbers that read right, examples, French charts ----------------------------

def test_session_states_the_majority_on_its_base_and_what_would_change_it():
    at = app()
    lines = texts(at)
    assert "115 of 172 votes cast" in lines  # two-thirds of votes cast, Art. 22(3)(d)
    assert "29 yes vote(s) turning no" in lines
    at = app(lang="fr")
    assert "115 sur 172 votes exprimés" in texts(at)


def test_nobody_present_gives_a_sentence_not_an_empty_chart():
    at = app()
    scenario = at.session_state[SCENARIO]
    roster = tuple(replace(m, present=False) for m in scenario.session.roster)
    empty = replace(scenario, session=scenario.session.with_roster(roster))
    empty = edits.set_votes(empty, empty.session.decisions[0].id,
                            {m: None for m, _ in empty.session.decisions[0].member_votes})
    at.session_state[SCENARIO] = empty
    at.session_state[DIGEST] = digest(empty)
    at.run()
    assert not at.exception
    assert t_label("outcome.nobody", "en") in [i.value for i in at.info]
    keys = [c.key for c in at.get("vega_lite_chart")] if at.get(
        "arrow_vega_lite_chart") else []
    assert "chart_tally" not in str(keys)


def test_a_whatif_example_opens_on_the_whatif_page_and_is_not_an_edit():
    at = app()
    at.sidebar.selectbox(key="example").set_value("whatif-groups.yaml").run()
    assert not at.exception
    assert at.title[0].value == "What-if"
    assert t_label("sidebar.modified", "en") not in [c.value for c in at.sidebar.caption]
    assert t_label("examples.open_whatif", "en") in [i.value for i in at.info]


def test_charts_on_a_french_page_use_french_months_and_numbers():
    import json

    at = app("app_pages/written.py", "fr", "assembly-reduced-quorum-pending.yaml")
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert specs
    for spec in specs:
        locale = spec["config"]["locale"]
        assert "février" in locale["time"]["months"] and locale["number"]["decimal"] == ","
    en = app("app_pages/written.py", "en", "assembly-reduced-quorum-pending.yaml")
    assert all("locale" not in json.loads(c.proto.spec).get("config", {})
               for c in en.get("vega_lite_chart"))
