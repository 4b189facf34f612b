"""The Treaty page: logic by plain pytest, widgets by AppTest, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import treaty as tr
from dashboard.i18n import catalogue
from quorum import ScenarioError
from quorum.treaties import evaluate_treaty
from quorum.treaties.data import bundled_instruments

from .conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "app_pages/treaty.py"


def page(lang: str = "en", **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    if lang != "en":
        at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    return at


def parties(at: AppTest):  # noqa: ANN201  (a DataFrame)
    return next(d.value for d in at.dataframe if "effective" in d.value.columns)


def editor(at: AppTest) -> str:
    return f"tr_editor_{at.session_state['tr_version']}"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


# --- logic ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", tr.EXAMPLES)
def test_examples_round_trip_through_text_table_and_link(name: str) -> None:
    text = tr.example_text(name)
    case, model = tr.read_document(text, name)
    assert tr.document_text(case, model) == text
    rows = tr.instruments_table(case).to_dict("records")
    assert tr.case_from_table(case, rows, name) == case
    assert tr.decode(tr.encode(text)) == text


def test_table_edit_adds_an_instrument_and_changes_the_dates() -> None:
    case, _ = tr.read_document(tr.example_text("treaty-marrakesh"), "m")
    rows = tr.instruments_table(case).to_dict("records")
    assert "AT" not in {r["party"] for r in rows}      # Austria signed, no instrument listed
    rows.append({"party": "AT", "kind": "ratification", "type": "state",
                 "deposited": dt.date(2021, 11, 30), "notified": None})
    edited = tr.case_from_table(case, rows)
    assert evaluate_treaty(edited).effective("AT") == dt.date(2022, 2, 28)   # Art. 19(b)


def test_table_with_an_impossible_entry_is_one_line() -> None:
    case, _ = tr.read_document(tr.example_text("treaty-marrakesh"), "m")
    rows = tr.instruments_table(case).to_dict("records")
    rows[1]["party"] = rows[0]["party"]
    with pytest.raises(ScenarioError) as info:
        tr.case_from_table(case, rows)
    assert info.value.field == "instruments[1].party"


@pytest.mark.parametrize("token", ["", "2abc", "1!!!", "1" + "A" * 100_000])
def test_damaged_links_are_refused(token: str) -> None:
    with pytest.raises(ScenarioError):
        tr.decode(token)


def test_instruments_chart_specification() -> None:
    case, _ = tr.read_document(tr.example_text("treaty-beijing"), "b")
    frame = tr.count_over_time(case)
    texts = {k: k.upper() for k in ("date", "count", "party", "needed", "entry")}
    spec = tr.instruments_chart(frame, 30, "2020-04-28", texts).to_dict()
    steps, rule, entry = spec["layer"]
    assert steps["mark"]["interpolate"] == "step-after"
    assert steps["encoding"]["y"]["title"] == "COUNT"
    assert len(steps["data"]["values"]) == len(frame) == len(case.instruments) == 48
    assert rule["data"]["values"] == [{"needed": 30, "label": "NEEDED"}]
    assert entry["data"]["values"][0]["entry"] == "2020-04-28"
    assert len(tr.instruments_chart(frame, 30, None, texts).to_dict()["layer"]) == 2


def test_whatif_chart_specification() -> None:
    result = tr.simulate(tr.example_text("treaty-whatif"))
    assert result is not None
    spec = tr.whatif_chart(result, {"year": "Y", "share": "S"}).to_dict()
    shares = [row["share"] for row in spec["data"]["values"]]
    assert spec["mark"]["type"] == "bar" and abs(sum(shares) - float(
        result.share_in_force)) < 1e-9


def test_page_labels_exist_in_both_languages() -> None:
    en = {k for k in catalogue("en") if k.startswith("treaty.")}
    fr = {k for k in catalogue("fr") if k.startswith("treaty.")}
    assert en == fr and "treaty.nav" in en
    text = (ROOT / "app_pages" / "treaty.py").read_text("utf-8")
    import re
    used = set(re.findall(r'"(treaty\.[a-z_]+)"', text))
    assert used <= en, used - en


# --- AppTest --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,entry,title,when", [
    ("en", "Entry into force", "Treaty: from adoption to entry into force", "28 April 2020"),
    ("fr", "Entrée en vigueur", "Traité : de l'adoption à l'entrée en vigueur",
     "28 avril 2020")])
def test_page_opens_on_beijing_in_both_languages(lang: str, entry: str, title: str,
                                                  when: str) -> None:
    at = page(lang)
    assert not at.exception, at.exception
    assert at.title[0].value == title
    assert metrics(at)[entry] == when
    assert parties(at).shape[0] == len(bundled_instruments("beijing-treaty")) == 48
    assert "tr" not in at.query_params        # the default leaves the link clean


def test_picking_the_whatif_example_shows_the_band_and_goes_into_the_link() -> None:
    at = page()
    at.selectbox(key="tr_example").select("treaty-whatif").run()
    assert not at.exception, at.exception
    shown = metrics(at)
    assert shown["Entry into force"] == "Not in force"
    assert shown["Median"].split()[-1][:2] == "20"  # a day in words: "7 May 2021"
    token = at.query_params["tr"]
    token = token[0] if isinstance(token, list) else token
    again = page(tr=token)
    assert metrics(again)["Median"] == shown["Median"]


def test_editing_the_table_moves_a_later_party() -> None:
    at = page()
    at.selectbox(key="tr_example").select("treaty-marrakesh").run()
    editor_key = editor(at)
    eu = [i.party for i in bundled_instruments("marrakesh-treaty")].index("EU")
    at.session_state[editor_key] = {"edited_rows": {eu: {"deposited": "2019-11-30"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    table = parties(at)
    row = table[table["party"] == tr.party_name("EU", "en")].iloc[0]
    assert str(row["effective"]) == "2020-02-29"       # month end, leap year


def test_invalid_table_edit_shows_the_one_line_error_in_french() -> None:
    at = page("fr")
    editor_key = editor(at)
    at.session_state[editor_key] = {"edited_rows": {0: {"party": "JP"}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    assert not at.exception
    jp = [i.party for i in bundled_instruments("beijing-treaty")].index("JP")
    assert any(f"instruments[{jp}].party" in str(e.value) or "instruments[0].party"
               in str(e.value) for e in at.error)
    assert any("n'a pas été appliqué" in str(e.value) for e in at.error)


@pytest.mark.parametrize("name", tr.EXAMPLES)
def test_download_then_upload_gives_the_identical_file(name: str) -> None:
    text = tr.example_text(name)
    case, model = tr.read_document(text.encode("utf-8"), "upload.yaml")
    assert tr.document_text(case, model) == text


@pytest.mark.parametrize("data,problem", [
    (b"\xff\xfe treaty", "not UTF-8"),
    (b"x" * (tr.MAX_UPLOAD_BYTES + 1), "above the limit"),
    (b"treaty: beijing-treaty\ninstruments: [{party: CN, deposited: 2014-02-30}]\n",
     "not a day"),
    (b"treaty: beijing-treaty\nmodel: {signatories: [{party: KE, probability: '2'}]}\n",
     "between 0 and 1"),
])
def test_bad_uploads_are_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(ScenarioError) as info:
        tr.read_document(data, "upload.yaml")
    assert problem in info.value.message and "\n" not in info.value.message


def test_examples_are_listed_by_title_in_french_and_parties_by_their_french_name() -> None:
    at = page("fr")
    box = at.selectbox(key="tr_example")
    assert "Traité de Marrakech (2013)" in box.options
    assert not [o for o in box.options if o.startswith("treaty-")]
    box.select("treaty-marrakesh").run()
    assert not at.exception, at.exception
    _, outcome = tr.evaluate_text(tr.example_text("treaty-marrakesh"))
    assert outcome.triggered_by
    trigger = metrics(at)["Déclenchée par"]
    assert trigger == tr.party_name(outcome.triggered_by, "fr") != outcome.triggered_by
    names = set(parties(at)["party"])
    assert "Inde" in names and "IN" not in names and "India" not in names
    # Loading an example is not an edit: the page says which treaty is open, unedited.
    caption = " ".join(str(c.value) for c in at.caption)
    assert "Ouvert : Traité de Marrakech (2013)" in caption
    assert "modifié" not in caption


def test_a_damaged_treaty_link_is_told_in_french() -> None:
    at = page("fr", tr="1!!!")
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for e in at.error)
    assert shown.startswith("lien") and "link" not in shown, shown
    assert "Correction" in shown, shown
