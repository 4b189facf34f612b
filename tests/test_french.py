"""French everywhere (and English everywhere): every page of the navigation, opened in each
language on several scenarios, shows no text of the other language's catalogues; every
message key has a text in both languages.

The walker reads everything a page sends to the browser (each element's message: labels,
options, help texts, table columns, chart specifications), so a text left in the wrong
language fails wherever it hides.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.state import DIGEST, SCENARIO, digest
from quorum.explain import catalogue as core_catalogue
from quorum.scenario import load_scenario
from quorum.walkthrough import teaching_catalogue

from .conftest import ROOT, SCENARIOS

APP = str(ROOT / "app.py")
# Every page module: the navigation lists the ones present (new pages included).
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py"))
CATALOGUES = {"dashboard": i18n.catalogue, "core": core_catalogue,
              "teaching": teaching_catalogue}


def _treaty_parties(lang: str) -> dict[str, str]:
    """The parties' names of the bundled treaty lists, as a catalogue of ``lang``: a
    country named in English on a French Treaty page is then found by the walker."""
    from quorum.treaties.data import bundled_names, party_names

    return {f"party.{code}": pair[1 if lang == "fr" else 0]
            for name in bundled_names() for code, pair in party_names(name).items()}


# What the walker also reads as words of one language (names that differ by language).
WORDS = {**CATALOGUES, "treaty parties": _treaty_parties}
# Texts both languages write alike, or that are names rather than words.
SAME = {"Session", "Articles", "Article", "Quorum", "Majorité", "Options", "Total", "Code",
        "Position", "Description", "Notes", "Observateurs"}


def _fragments(text: str) -> list[str]:
    """The literal parts of a message, between its placeholders and Markdown marks."""
    parts = re.split(r"\{[^}]*\}|\*\*|`|:material/[a-z_]+:|\n", text)
    return [p.strip(" .,:;()[]–—-·'\"") for p in parts]


@cache
def own_words(lang: str) -> frozenset[str]:
    """Fragments of ``lang``'s catalogues that the other language never writes: at least
    two words and twelve characters, so that a name or a shared word is never taken."""
    other = "fr" if lang == "en" else "en"
    mine: set[str] = set()
    theirs: set[str] = set()
    for catalogue in WORDS.values():
        for key, text in catalogue(lang).items():
            if catalogue(other).get(key) == text:
                continue
            mine.update(_fragments(text))
        for text in catalogue(other).values():
            theirs.update(_fragments(text))
    return frozenset(f for f in mine - theirs
                     if len(f) >= 12 and " " in f and f not in SAME)


def page_text(at: AppTest) -> str:
    """Everything the page sends to the browser, as readable text."""
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(text_format.MessageToString(proto, as_utf8=True))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    text = "\n".join(out).replace("\\'", "'").replace('\\"', '"')
    for source in _citations():  # sources are quoted as published, in their own language
        text = text.replace(source, "")
    return text


@cache
def _citations() -> tuple[str, ...]:
    from quorum.elections import get_procedure, procedure_names
    from quorum.treaties.data import bundled_instruments, bundled_names

    found = {i.source for name in bundled_names() for i in bundled_instruments(name)
             if i.source}
    found |= {s for name in procedure_names() for s in get_procedure(name).sources}
    return tuple(sorted(found, key=len, reverse=True))


def run_page(page: str, lang: str, scenario: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    if scenario is not None:
        loaded = load_scenario(SCENARIOS / scenario)
        at.session_state[SCENARIO] = loaded
        at.session_state[DIGEST] = digest(loaded)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def foreign(text: str, lang: str) -> list[str]:
    other = "fr" if lang == "en" else "en"
    # Whole words only: "s instrument" (of "{party}'s instrument") is inside "les instruments".
    return sorted(f for f in own_words(other)
                  if f in text and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))


SCENARIOS_SEEN = (None, "assembly-arrears-roster.yaml", "whatif-groups.yaml",
                  "assembly-reduced-quorum-pending.yaml", "assembly-amendment.yaml")
# Pages opened ON their own bundled examples too: every election scenario on the Elections
# page, the joint sessions on the Session page (the treaties: see below).
OWN_EXAMPLES = [
    *(("app_pages/elections.py", n) for n in sorted(
        p.name for p in SCENARIOS.glob("election-*.yaml"))),
    *(("app_pages/session.py", n) for n in sorted(
        p.name for p in SCENARIOS.glob("joint-*.yaml"))),
    ("app_pages/session.py", "wipo-diplomatic-conference-beijing-2012.yaml"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_text_of_the_other_language_on_any_page(page, lang):
    for scenario in SCENARIOS_SEEN:
        at = run_page(page, lang, scenario)
        text = page_text(at)
        assert not foreign(text, lang), (page, scenario, foreign(text, lang)[:5])


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page,scenario", OWN_EXAMPLES)
def test_no_text_of_the_other_language_on_a_page_opened_on_its_own_example(page, scenario,
                                                                         lang):
    at = run_page(page, lang, scenario)
    text = page_text(at)
    assert not foreign(text, lang), (page, scenario, foreign(text, lang)[:5])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_text_of_the_other_language_on_the_treaty_page_on_each_bundled_treaty(lang):
    from dashboard import treaty as tr

    at = run_page("app_pages/treaty.py", lang)
    for name in tr.EXAMPLES:
        at.selectbox(key="tr_example").select(name).run()
        assert not at.exception, at.exception
        text = page_text(at)
        assert tr.example_title(name, lang) in text
        assert not foreign(text, lang), (name, foreign(text, lang)[:5])


def test_the_walker_sees_an_english_party_name_on_a_french_treaty_page():
    assert foreign('body: "Syrian Arab Republic"', "fr")
    assert not foreign('body: "République arabe syrienne"', "fr")


def test_the_walker_sees_english_left_on_a_french_page():
    # The check can fail: an English sentence of the catalogue is found in a French page.
    sentence = i18n.label("sidebar.share", "en")
    assert foreign(f'body: "{sentence}"', "fr")
    assert not foreign(f'body: "{i18n.label("sidebar.share", "fr")}"', "fr")


def test_an_upload_error_is_written_in_french():
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "fr"
    at.run()
    from dashboard import state

    error = state.load_upload("bad.yaml", b"body: berne-assembly\nmembers: -3\n")
    assert error is not None
    state_text = error.by_lang["fr"]
    assert "champ" in state_text or "fichier" in state_text
    assert "field '" not in state_text and "Fix:" not in state_text


def test_explanations_name_members_in_the_page_language():
    at = run_page("app_pages/session.py", "fr")
    text = page_text(at)
    assert "Allemagne" in text and "Germany" not in text


def test_bundled_examples_are_listed_by_title_in_the_page_language():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.radio(key="lang").set_value("fr").run()
    picker = at.sidebar.selectbox(key="example")
    text = page_text(at)
    assert "Paradoxe : le membre qui reste absent" in text
    assert "Paradox: the member that stays away" not in text
    assert picker.label == i18n.label("sidebar.examples", "fr")


# --- Catalogues ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_message_key_has_a_text_in_both_languages(name):
    catalogue = CATALOGUES[name]
    en, fr = catalogue("en"), catalogue("fr")
    assert set(en) == set(fr), sorted(set(en) ^ set(fr))[:10]
    for key in en:
        assert en[key].strip() or key.endswith(".voting"), key
        assert fr[key].strip() or key.endswith(".voting"), key
        if name != "teaching":  # teaching texts word their placeholders per language
            assert set(re.findall(r"{(\w+)}", en[key])) == \
                set(re.findall(r"{(\w+)}", fr[key])), key


def test_every_dashboard_key_the_code_names_exists():
    sections = {k.split(".")[0] for k in i18n.catalogue("en")}
    pattern = re.compile(r"""\b(?:t|label)\(\s*["']([a-z_]+\.[a-z_.-]+)["']""")
    keys: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "dashboard").glob("*.py"),
                 *(ROOT / "app_pages").glob("*.py")]:
        keys |= set(pattern.findall(path.read_text("utf-8")))
    missing = sorted(k for k in keys if k.split(".")[0] in sections
                     and not k.endswith(".") and k not in i18n.catalogue("fr"))
    assert not missing


def test_every_rules_card_entry_the_command_line_prints_has_a_text():
    from quorum import get_body, preset_names

    for body in preset_names():
        card = get_body(body).card(181).to_dict()
        for key in card:
            if key in ("body", "members", "majorities", "articles"):
                continue
            for lang in ("en", "fr"):
                assert f"card.{key}" in core_catalogue(lang), (body, key, lang)


def test_the_whatif_sweep_and_swings_in_french():
    at = run_page("app_pages/whatif.py", "fr", "whatif-groups.yaml")
    at.toggle(key="wi_sweep_on").set_value(True).run()
    at.toggle(key="wi_swings_on").set_value(True).run()
    assert not at.exception
    assert not foreign(page_text(at), "fr")
    labels = [b.label for b in at.get("download_button")]
    assert labels.count(i18n.label("export.csv", "fr")) == 2
    assert labels.count(i18n.label("export.parquet", "fr")) == 2


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_bundled_example_has_a_title_and_a_description_in_each_language(lang):
    from dashboard import examples

    texts = i18n.catalogue(lang)
    for name in examples.names():
        stem = examples.stem(name)
        assert texts.get(f"bundled.{stem}.title"), (name, lang, "title")
        assert texts.get(f"bundled.{stem}.description"), (name, lang, "description")
        scenario = load_scenario(examples.SCENARIOS / name)
        # A decision titled in the file is titled in each language (an id alone is shown as is).
        decisions = ([d.decision for d in scenario.joint.decisions] if scenario.joint
                     else list(scenario.session.decisions))
        for decision in decisions:
            if decision.title:
                assert texts.get(f"bundled.{stem}.decision.{decision.id}"), (name, decision.id)
