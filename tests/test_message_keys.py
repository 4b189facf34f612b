"""Every message key the code uses exists in the English AND the French catalogue.

The source is scanned for ``message(...)``, ``step(...)``, ``ScenarioError(key=...)`` (core
catalogue), ``text(...)``, ``sentence(...)``, ``Label(...)`` (teaching catalogue) and
``t(...)``, ``label(...)`` (dashboard catalogue) with a literal key, an f-string (its
literal prefix must start some key) or ``"prefix." + name``. ``quorum rules`` once printed
the raw key ``card.ordinary_session_every_years``: that class of bug fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import i18n
from quorum.explain import catalogue
from quorum.rules import RulesCard
from quorum.session import Status
from quorum.walkthrough import teaching_catalogue

ROOT = Path(__file__).resolve().parent.parent
_LIT = r'(f?)(["\'])([^"\'{]*)(\{?)[^"\']*\2(\s*\+)?'
PATTERNS = {
    "core": [rf'(?<![\w.])message\(\s*{_LIT}', rf'(?<![\w.])step\(\s*[^,()]+,\s*{_LIT}',
             rf'(?<![\w.])_ignored_replies\([^)]*?,\s*{_LIT}'],
    "teaching": [rf'(?<![\w.])(?:text|sentence|Label)\(\s*{_LIT}'],
    "dashboard": [rf'(?<![\w.])(?:t|label)\(\s*{_LIT}'],
}
ERROR_KEY = re.compile(r'\bkey="([a-z0-9_]+)"')
# A key given positionally before its parameters: NumberError(..., fix, "number_not", got=...)
POSITIONAL_KEY = re.compile(r'"([a-z][a-z0-9_]+)",\s*(?:got|limit|size|name)=')


def _catalogues(name: str) -> tuple[dict[str, str], dict[str, str]]:
    source = {"core": catalogue, "teaching": teaching_catalogue, "dashboard": i18n.catalogue}
    return source[name]("en"), source[name]("fr")


def _files(name: str) -> list[Path]:
    if name == "dashboard":
        return [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]
    if name == "teaching":
        return [ROOT / "quorum" / "walkthrough.py", ROOT / "quorum" / "exercises.py",
                *ROOT.glob("quorum/cli/*.py")]
    return [p for p in ROOT.glob("quorum/**/*.py")]


def used_keys(name: str) -> tuple[set[str], set[str]]:
    """(exact keys, prefixes of keys built at run time) used by the code of ``name``."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for path in _files(name):
        source = path.read_text("utf-8")
        for pattern in PATTERNS[name]:
            for match in re.finditer(pattern, source):
                is_f, _, literal, brace, plus = match.groups()
                if not literal or " " in literal or "." not in literal.rstrip("."):
                    if not (plus or (is_f and brace)) or not literal:
                        continue
                if (is_f and brace) or plus:
                    prefixes.add(literal)
                elif re.fullmatch(r"[a-z_][\w.-]*", literal):
                    exact.add(literal)
    return exact, prefixes


@pytest.mark.parametrize("name", ["core", "teaching", "dashboard"])
def test_every_literal_key_exists_in_both_catalogues(name):
    en, fr = _catalogues(name)
    exact, _ = used_keys(name)
    assert exact, "the scan found no key: the patterns are broken"
    missing = sorted(k for k in exact if k not in en or k not in fr)
    assert not missing


@pytest.mark.parametrize("name", ["core", "teaching", "dashboard"])
def test_every_built_key_prefix_starts_some_key_in_both_catalogues(name):
    en, fr = _catalogues(name)
    _, prefixes = used_keys(name)
    missing = sorted(p for p in prefixes
                     if not any(k.startswith(p) for k in en)
                     or not any(k.startswith(p) for k in fr))
    assert not missing


def test_every_error_key_has_a_problem_and_a_fix_in_both_languages():
    en, fr = catalogue("en"), catalogue("fr")
    keys = set()
    for path in ROOT.glob("quorum/**/*.py"):
        source = path.read_text("utf-8")
        keys |= set(ERROR_KEY.findall(source)) | set(POSITIONAL_KEY.findall(source))
    assert {"missing", "csv_no_id", "not_utf8", "duplicate_key", "number_exponent",
            "date_overflow"} <= keys
    missing = sorted(f"error.{k}.{part}" for k in keys for part in ("problem", "fix")
                     if f"error.{k}.{part}" not in en or f"error.{k}.{part}" not in fr)
    assert not missing


def test_rules_card_labels_exist_for_every_field():
    """`quorum rules` prints `card.<field>` for every field of the card."""
    en, fr = catalogue("en"), catalogue("fr")
    fields = set(RulesCard.__dataclass_fields__) - {"body", "members", "majorities", "articles"}
    missing = sorted(f"card.{f}" for f in fields if f"card.{f}" not in en or f"card.{f}" not in fr)
    assert not missing


def test_every_status_has_a_label_in_every_catalogue():
    core_en, core_fr = catalogue("en"), catalogue("fr")
    teach_en, teach_fr = teaching_catalogue("en"), teaching_catalogue("fr")
    dash_en, dash_fr = i18n.catalogue("en"), i18n.catalogue("fr")
    for status in Status:
        for cat in (core_en, core_fr):
            assert f"cli.status.{status.value}" in cat, status
        for cat in (teach_en, teach_fr, dash_en, dash_fr):
            assert f"status.{status.value}" in cat, status


def test_the_scan_catches_a_missing_key(tmp_path, monkeypatch):
    """The scanner itself can fail: a made-up key in a scanned file is reported."""
    fake = tmp_path / "fake.py"
    fake.write_text('message("card.no_such_label", lang)\nmessage(f"nope.{x}", lang)\n')
    monkeypatch.setattr(f"{__name__}._files", lambda name: [fake])
    exact, prefixes = used_keys("core")
    assert exact == {"card.no_such_label"} and prefixes == {"nope."}
    assert "card.no_such_label" not in catalogue("en")
