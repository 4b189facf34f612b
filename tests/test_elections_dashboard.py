"""The Elections page: its pure logic with plain pytest, its widgets with AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import elections as el
from dashboard import state, urlstate
from dashboard.state import DIGEST, SCENARIO, digest
from quorum.elections import elect
from quorum.errors import ScenarioError
from quorum.scenario import load_default_scenario, load_scenario

from .conftest import ROOT, SCENARIOS

PAGE = "app_pages/elections.py"
DG2020 = load_scenario(SCENARIOS / "election-dg-2020.yaml")


def app(lang: str = "en", scenario: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang != "en":
        at.session_state["lang"] = lang
    if scenario is not None:
        loaded = load_scenario(SCENARIOS / scenario)
        at.session_state[SCENARIO] = loaded
        at.session_state[DIGEST] = digest(loaded)
    at.run()
    at.switch_page(PAGE).run()
    return at


# --- Pure logic -----------------------------------------------------------------------------

def test_tables_show_the_recorded_election():
    election = DG2020.elections[0]
    rounds = el.rounds_frame(election)
    assert list(rounds.columns) == list(el.ROUND_COLUMNS)
    assert rounds.loc[2, "votes"] == "SG: 55, CN: 28" and rounds.loc[1, "withdrawn"] == "KZ"
    assert list(el.candidates_frame(election)["id"]) == ["SG", "CN", "CO", "GH", "PE", "KZ"]


def test_edited_rounds_change_who_is_elected():
    election = DG2020.elections[0]
    rounds = el.rounds_frame(election)
    rounds.loc[2, "votes"] = "SG: 40, CN: 43"
    changed = el.apply_tables(DG2020, 0, el.candidates_frame(election), rounds)
    assert elect(changed)[0].elected == ("CN",)
    assert changed.elections[0].rounds[0] == election.rounds[0]  # the unpublished round stays


def test_an_edit_with_votes_for_an_eliminated_candidate_is_refused_in_one_line():
    election = DG2020.elections[0]
    rounds = el.rounds_frame(election)
    rounds.loc[2, "votes"] = "SG: 40, PE: 43"
    with pytest.raises(ScenarioError) as info:
        el.apply_tables(DG2020, 0, el.candidates_frame(election), rounds)
    assert info.value.field == "elections[0].rounds[1].votes.PE"


def test_a_badly_written_votes_cell_names_the_fix():
    election = DG2020.elections[0]
    rounds = el.rounds_frame(election)
    rounds.loc[2, "votes"] = "SG 40"
    with pytest.raises(ScenarioError) as info:
        el.apply_tables(DG2020, 0, el.candidates_frame(election), rounds)
    assert "SG: 55" in info.value.fix


def test_another_preset_recounts_and_a_record_it_contradicts_is_refused():
    changed = el.with_procedure(DG2020, 0, "un-ga-single", 1)
    assert elect(changed)[0].elected == ("SG",)
    assert changed.elections[0].procedure.preset == "un-ga-single"
    # Under the General Assembly's rules 46 of 83 elects at once: the 2014 record's later
    # round then comes after the place is filled.
    with pytest.raises(ScenarioError) as info:
        el.with_procedure(load_scenario(SCENARIOS / "election-dg-2014.yaml"), 0,
                          "un-ga-single", 1)
    assert info.value.field == "elections[0].rounds[1]"


def test_round_chart_draws_the_majority_line():
    election = load_scenario(SCENARIOS / "election-dg-2008.yaml").elections[0]
    (result,) = elect(load_scenario(SCENARIOS / "election-dg-2008.yaml"))
    names = {c.id: c.name for c in election.candidates}
    bars, line = el.round_frame(election, result, result.rounds[3], names)
    assert list(bars["state"]) == ["elected", "on"] and line.loc[0, "value"] == 42
    spec = el.round_chart(bars, line, "Votes").to_dict()
    assert len(spec["layer"]) == 4
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]]
    assert marks == ["bar", "text", "rule", "text"]
    rule_data = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert rule_data == [{"value": 42, "text": "42"}]


def test_an_unpublished_round_has_no_majority_line():
    election = DG2020.elections[0]
    (result,) = elect(DG2020)
    _, line = el.round_frame(election, result, result.rounds[0], {})
    assert line.empty
    assert len(el.round_chart(*el.round_frame(election, result, result.rounds[0], {}),
                              "Votes").to_dict()["layer"]) == 2


def test_elections_stay_in_the_link_and_the_download():
    default = load_default_scenario()
    token = urlstate.encode(DG2020, default)
    assert token is not None
    assert urlstate.decode(token, default).elections == DG2020.elections
    assert state.read_upload("copy.yaml", state.download_bytes(DG2020)).elections == \
        DG2020.elections


# --- Widgets ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,title", [("en", "Elections"), ("fr", "Élections")])
def test_the_page_offers_the_real_nominations_when_the_scenario_has_none(lang, title):
    at = app(lang)
    assert not at.exception, at.exception
    assert at.title[0].value == title
    at.button(key="el_load_election-dg-2008").click().run()
    assert not at.exception, at.exception
    banner = at.success[0].value
    assert ("Francis Gurry (Australia)" if lang == "en" else "Francis Gurry (Australie)") \
        in banner
    assert any(s.value == ("Round 4" if lang == "en" else "Tour 4") for s in at.subheader)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_2020_nomination_explains_each_round(lang):
    at = app(lang, "election-dg-2020.yaml")
    assert not at.exception, at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert ("SG is elected with 55" if lang == "en" else "SG est élu avec 55") in text
    assert len(at.data_editor) == 2


def test_the_chances_appear_under_a_model():
    at = app("en", "election-whatif-dg.yaml")
    assert not at.exception, at.exception
    (table,) = [d.value for d in at.dataframe if "P(elected)" in d.value.columns]
    assert abs(table["P(elected)"].sum() - 1) < 1e-9


def test_switching_the_procedure_recounts():
    at = app("en", "election-dg-2020.yaml")
    key = next(s.key for s in at.selectbox if str(s.key).startswith("el_procedure_"))
    at.selectbox(key=key).select("un-ga-single").run()
    assert not at.exception, at.exception
    assert at.session_state[SCENARIO].elections[0].procedure.preset == "un-ga-single"


def test_a_french_page_shows_the_bundled_election_in_french_and_keeps_the_file_as_it_is():
    at = app("fr", "election-dg-2020.yaml")
    assert not at.exception, at.exception
    assert any(s.value == "Désignation au poste de Directeur général de l'OMPI"
               for s in at.subheader)
    proc = at.selectbox(key=next(k for k in at.session_state if str(k).startswith(
        "el_procedure_")))
    assert "Désignation du Directeur général de l'OMPI (procédure de 2019)" in proc.options
    assert not [o for o in proc.options if o.startswith("wipo-")]
    text = "\n".join(str(m.value) for m in at.markdown)
    assert "Singapore" not in text
    # The shown names are not an edit: the scenario keeps the file's names.
    kept = at.session_state[SCENARIO].elections[0]
    assert kept.candidates[0].name == "Daren Tang (Singapore)"


def test_a_translated_table_applied_unchanged_keeps_the_file_names():
    from dashboard import elections as el
    from dashboard import examples

    election = DG2020.elections[0]
    names = examples.candidate_names(DG2020, election, "fr")
    groups = examples.candidate_groups(DG2020, election, "fr")
    shown = el.candidates_frame(election, names, groups)
    assert shown["name"].iloc[0] == "Daren Tang (Singapour)"
    again = el.apply_tables(DG2020, 0, shown, el.rounds_frame(election), shown)
    assert again.elections == DG2020.elections
    edited = shown.copy()
    edited.loc[0, "name"] = "D. Tang"
    changed = el.apply_tables(DG2020, 0, edited, el.rounds_frame(election), shown)
    assert changed.elections[0].candidates[0].name == "D. Tang"
    assert changed.elections[0].candidates[1].name == "Wang Binying (China)"


def test_opening_an_election_example_is_not_an_edit():
    at = app("en")
    at.button(key="el_load_election-dg-2020").click().run()
    assert not at.exception, at.exception
    assert at.session_state[SCENARIO].elections
    captions = " ".join(str(c.value) for c in at.sidebar.caption)
    assert "Edited in this session" not in captions
    assert "WIPO Director General nomination, 4 March 2020" in captions


def test_an_editor_delta_rebuilds_the_table_the_editor_shows():
    # The 2020 nomination's single round; the edits as a table editor keeps them.
    election = DG2020.elections[0]
    frame = el.rounds_frame(election)
    assert el.edited_frame(frame, None).equals(frame)
    edits = {"edited_rows": {0: {"blank": 3}}, "added_rows": [{"votes": "SG: 40"}],
             "deleted_rows": []}
    out = el.edited_frame(frame, edits)
    assert len(out) == len(frame) + 1
    assert out.iloc[0]["blank"] == 3 and out.iloc[0]["votes"] == frame.iloc[0]["votes"]
    assert out.iloc[-1]["votes"] == "SG: 40" and el._cell(out.iloc[-1]["lot"]) == ""
    # A round after the seat is filled is refused by name; the blank count alone is taken.
    with pytest.raises(ScenarioError) as info:
        el.apply_tables(DG2020, 0, el.candidates_frame(election), out)
    assert info.value.field == f"elections[0].rounds[{len(frame)}]"
    blank = el.edited_frame(frame, {"edited_rows": {0: {"blank": 3}}})
    changed = el.apply_tables(DG2020, 0, el.candidates_frame(election), blank)
    assert changed.elections[0].rounds[0].blank == 3
    assert changed.elections[0].rounds[1:] == DG2020.elections[0].rounds[1:]
    dropped = el.edited_frame(frame, {"deleted_rows": [0]})
    assert list(dropped["votes"]) == list(frame["votes"])[1:]


def test_a_number_of_seats_is_applied_in_one_run(monkeypatch):
    import streamlit as st

    at = app("en", "election-dg-2020.yaml")
    reruns: list[int] = []
    monkeypatch.setattr(st, "rerun", lambda *a, **k: reruns.append(1))
    key = next(n.key for n in at.number_input if str(n.key).startswith("el_seats_"))
    at.number_input(key=key).set_value(2).run()
    assert not at.exception, at.exception
    assert at.session_state[SCENARIO].elections[0].seats == 2
    assert reruns == []
    assert any(str(n.key) == f"el_seats_{at.session_state[DIGEST]}" and n.value == 2
               for n in at.number_input)


@pytest.mark.parametrize("name", el.EXAMPLES)
def test_round_charts_drawn_from_their_template_equal_freshly_built_ones(name):
    from dashboard import charts

    scenario = load_scenario(SCENARIOS / name)
    for election, result in zip(scenario.elections, elect(scenario), strict=True):
        names = {c.id: c.name for c in election.candidates}
        for r in result.rounds:
            if r.votes is None:
                continue
            bars, line = el.round_frame(election, result, r, names)
            assert charts.spec(el.round_chart, bars, line, "Votes") == \
                charts._spec(el.round_chart(bars, line, "Votes")), (name, r.round)
