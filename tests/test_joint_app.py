"""The joint-session view of the Session page, in both languages (AppTest), and its pure
parts: membership table, outcomes table, presence edits, download and link round trips."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import examples, joint, state, urlstate
from dashboard.state import DIGEST, SCENARIO, digest
from quorum.scenario import load_scenario

from .conftest import ROOT, SCENARIOS

APP = str(ROOT / "app.py")
NAMES = {"en": ("WIPO General Assembly", "Assembly of the Berne Union", "Overall"),
         "fr": ("Assemblée générale de l'OMPI", "Assemblée de l'Union de Berne", "Au total")}


def assemblies():
    return load_scenario(SCENARIOS / "joint-assemblies.yaml")


def berne_absent(scenario):
    """Every Berne Assembly member absent except ten: the Berne Assembly (179) has no
    quorum, while the Paris Assembly keeps its members that are not Berne members."""
    assert scenario.joint is not None
    berne = [m.id for m in scenario.joint.roster if "berne-assembly" in m.bodies]
    return joint.with_presence(scenario, {mid: False for mid in berne[10:]})


def open_session(scenario, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang != "en":
        at.session_state["lang"] = lang
    at.session_state[SCENARIO] = scenario
    at.session_state[DIGEST] = digest(scenario)
    at.run()
    at.switch_page("app_pages/session.py").run()
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + \
        [s.value for s in at.success] + [e.value for e in at.error] + \
        [w.value for w in at.warning]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_session_page_shows_each_body_and_overall(lang):
    at = open_session(assemblies(), lang)
    assert not at.exception
    shown = texts(at)
    for name in NAMES[lang][:2]:
        assert name in shown
    frames = [d.value for d in at.dataframe]
    outcomes = [f for f in frames if NAMES[lang][2] in f.columns]
    assert outcomes and outcomes[0].loc["appoint-director-general", NAMES[lang][2]]
    assert any("berne-assembly" in f.columns and len(f) == 193 for f in frames)
    assert at.selectbox(key="joint_decision").value == "appoint-director-general"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_all_present_restores_the_berne_quorum(lang):
    at = open_session(berne_absent(assemblies()), lang)
    words = {"en": ("No quorum", "Executory"), "fr": ("Pas de quorum", "Exécutoire")}[lang]
    assert at.error and at.error[0].value.startswith(f"**{words[0]}**")
    at.button(key="joint_all_present").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith(f"**{words[1]}**")


def test_membership_frame_has_a_column_per_body():
    scenario = assemblies()
    assert scenario.joint is not None
    frame = joint.membership_frame(scenario.joint, "en")
    assert list(frame.columns) == ["name", "present", "wipo-general-assembly",
                                   "paris-assembly", "berne-assembly"]
    assert len(frame) == 193 and int(frame["berne-assembly"].sum()) == 179


def test_outcome_frame_per_body_and_overall():
    scenario = berne_absent(assemblies())
    assert scenario.joint is not None
    outcomes = joint.evaluate_joint(scenario.joint)
    frame = joint.outcome_frame(scenario.joint, outcomes, "fr")
    assert frame.loc["appoint-director-general", "Au total"] == "Pas de quorum"
    assert frame.loc["berne-budget", "Assemblée générale de l'OMPI"] == "—"


def test_presence_edits_change_the_roster_and_keep_it_one_list():
    scenario = assemblies()
    assert scenario.joint is not None
    edited, rebuild = joint.apply_roster_edits(scenario, {0: {"present": False}})
    assert edited.joint is not None and not rebuild
    first = edited.joint.roster[0]
    assert not first.present
    assert first.id not in {m.id for m in edited.session.roster or () if m.present}


def test_joint_scenario_downloads_and_links_round_trip():
    scenario = berne_absent(assemblies())
    again = state.read_upload("copy.yaml", state.download_bytes(scenario))
    assert again.joint is not None and scenario.joint is not None
    assert again.joint.roster == scenario.joint.roster
    assert again.joint.decisions == scenario.joint.decisions
    token = urlstate.encode(scenario, state.default_scenario())
    assert token is not None
    linked = urlstate.decode(token, state.default_scenario(), example=examples.by_stem)
    assert linked.joint is not None and linked.joint.roster == scenario.joint.roster


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_card_frame_who_can_stop_it(lang):
    scenario = assemblies()
    assert scenario.joint is not None
    table, card = joint.card_frame(scenario.joint, "director-general", lang)
    assert len(table) == 3 and card.weakest_quorum.body == "berne-assembly"
    blocking = {"en": "No votes that block", "fr": "Voix contre qui bloquent"}[lang]
    assert list(table[blocking]) == [63, 61, 60]
    at = open_session(scenario, lang)
    assert any(e.label in ("Who can stop it", "Qui peut l'arrêter") for e in at.expander)


PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_a_joint_scenario(page):
    # Pages other than the Session page show the first body of 'joint' on its own.
    at = AppTest.from_file(APP, default_timeout=60)
    scenario = assemblies()
    at.session_state[SCENARIO] = scenario
    at.session_state[DIGEST] = digest(scenario)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception


POWER = {"en": ("Several bodies: who must agree, who can stop it", "Must agree",
                "Smallest blocking minority across the bodies: 60 no votes",
                "on the list of the Executive Committee of the Berne Union"),
         "fr": ("Plusieurs organes : qui doit être d'accord, qui peut l'arrêter",
                "Doivent être d'accord",
                "Plus petite minorité de blocage entre les organes : 60 voix contre",
                "sur la liste de l'organe Comité exécutif de l'Union de Berne")}


def open_power(scenario, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang != "en":
        at.session_state["lang"] = lang
    at.session_state[SCENARIO] = scenario
    at.session_state[DIGEST] = digest(scenario)
    at.run()
    at.switch_page("app_pages/power.py").run()
    return at


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_power_page_says_who_must_agree_and_who_can_stop_it(lang):
    # WIPO Conv. Art. 6(3)(g): three Assemblies must agree; the Berne Assembly (179) is
    # the weakest link, 120 absences or 60 "no" votes (Berne Conv. Art. 22(3)).
    at = open_power(assemblies(), lang)
    assert not at.exception, at.exception
    title, must, blocking, _ = POWER[lang]
    assert title in [s.value for s in at.subheader]
    shown = texts(at)
    assert must in shown and blocking in shown and "120" in shown
    card = next(d.value for d in at.dataframe if len(d.value) == 3 and "Quorum" in d.value)
    assert list(card["Quorum"]) == [94, 90, 90]
    at.selectbox(key="joint_pw_decision").set_value("berne-budget").run()
    assert not at.exception
    card = next(d.value for d in at.dataframe if "Quorum" in d.value.columns
                and len(d.value) == 1)
    assert NAMES[lang][1] in card.index


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_power_page_special_count_lists_wipo_conv_art8_6_b(lang):
    at = open_power(load_scenario(SCENARIOS / "joint-special-count.yaml"), lang)
    assert not at.exception, at.exception
    shown = texts(at)
    assert POWER[lang][3] in shown and "Art. 8(6)(b)" in shown


def test_power_lines_shorten_the_example_of_absences():
    scenario = assemblies()
    assert scenario.joint is not None
    card = joint.decision_card(scenario.joint, "appoint-director-general")
    lines = joint.power_lines(scenario.joint, card, "en")
    example = next(line for line in lines if line.startswith("For example"))
    assert example.endswith(f"and {120 - joint.EXAMPLE_NAMES} more.")
    assert example.split(": ", 1)[1].count(",") == joint.EXAMPLE_NAMES - 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_joint_example_keeps_the_sidebar_and_the_link(lang):
    # The joint view must not stop the script: the sidebar (download) and the address
    # bar are drawn after the page.
    at = AppTest.from_file(APP, default_timeout=60)
    if lang != "en":
        at.session_state["lang"] = lang
    at.run()
    at.selectbox(key="example").set_value("joint-assemblies.yaml").run()
    assert not at.exception
    token = at.query_params["s"]
    token = token[0] if isinstance(token, list) else token
    linked = urlstate.decode(token, state.default_scenario(), example=examples.by_stem)
    assert linked.joint is not None and linked.joint.body_ids == (
        "wipo-general-assembly", "paris-assembly", "berne-assembly")
    assert at.button(key="reset") is not None
    assert at.get("download_button")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_session_page_2020_committee_83_members_and_the_special_count(lang):
    at = open_session(load_scenario(SCENARIOS / "joint-coordination-committee-2020.yaml"), lang)
    assert not at.exception, at.exception
    frames = [d.value for d in at.dataframe]
    roster = next(f for f in frames if "wipo-coordination-committee" in f.columns)
    assert len(roster) == 193 and int(roster["wipo-coordination-committee"].sum()) == 83
    shown = texts(at)
    assert "Art. 8(6)(b)" in shown
    assert ("derived" if lang == "en" else "dérivée") in shown
