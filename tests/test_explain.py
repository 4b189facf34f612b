"""Explanations: golden English and French texts, and catalogues that cannot drift."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from quorum import evaluate
from quorum.explain import catalogue
from quorum.scenario import load_scenario

from .conftest import ROOT, SCENARIOS

GOLDEN = Path(__file__).parent / "golden"
CASES = ["assembly-written-procedure-executory", "assembly-written-procedure-lapsed",
         "assembly-no-votes-cast", "assembly-arrears-roster", "executive-committee-tie"]


def explanation(name: str, lang: str) -> str:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    lines = []
    for outcome in evaluate(scenario.session):
        lines.append(f"# {outcome.id}: {outcome.status.value}")
        lines.extend(outcome.explanation(lang))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", CASES)
def test_golden_explanations(name, lang):
    path = GOLDEN / f"{name}.{lang}.txt"
    text = explanation(name, lang)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


def test_catalogues_have_the_same_keys_and_placeholders():
    en, fr = catalogue("en"), catalogue("fr")
    assert set(en) == set(fr)
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", fr[key])), key


def test_every_message_key_used_by_the_core_exists():
    used = set()
    for path in [ROOT / "quorum" / "session.py"]:  # where evaluation emits its steps
        used |= set(re.findall(r'"((?:body|arrears|quorum|votes|majority|written|status)'
                               r'\.[a-z_]+)"', path.read_text("utf-8")))
    used -= {"written.replies"}  # a field path in error messages, not a message key
    assert used <= set(catalogue("en")), used - set(catalogue("en"))
