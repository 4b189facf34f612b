"""What users take away: the explanation as a page in the chosen language, tables as CSV
(formulas neutralised) and Parquet, charts as pages with their export menu."""

from __future__ import annotations

import io

import pandas as pd

from dashboard import charts, export, frames, ui
from quorum import evaluate
from quorum.scenario import load_default_scenario

DEFAULT = load_default_scenario()
OUTCOME = evaluate(DEFAULT.session)[0]


def test_explanation_as_markdown_and_html_in_french():
    margin = ui.margin_lines(OUTCOME, DEFAULT.rules, "fr")
    text = export.explanation_markdown("Assemblée", "Programme et budget", OUTCOME, "fr",
                                       margin)
    assert text.startswith("# Décision Programme et budget : Exécutoire")
    assert "115 sur 172 votes exprimés" in text and "Art. 22(3)(d)" in text
    assert "Pourquoi" in text and "Why" not in text
    page = export.explanation_html("Assemblée", "Programme et budget", OUTCOME, "fr", margin)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "<strong>Majorité</strong>" in page and "@media print" in page
    assert len(page.split("<li>")) - 1 == len(OUTCOME.trace)


def test_html_escapes_what_it_quotes():
    page = export.explanation_html("<script>x</script>", "d", OUTCOME, "en")
    assert "<script>x" not in page and "&lt;script&gt;" in page


def test_csv_neutralises_formula_cells_and_parquet_keeps_values():
    table = pd.DataFrame({"name": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain", "\t=1"],
                          "value": [1.5, 2.0, 3.0, 4.0, 5.0, 6.0]})
    text = export.csv_bytes(table).decode("utf-8")
    rows = pd.read_csv(io.StringIO(text))
    assert list(rows["name"]) == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain", "'\t=1"]
    back = pd.read_parquet(io.BytesIO(export.parquet_bytes(table)))
    pd.testing.assert_frame_equal(back, table)


def test_a_chart_as_a_page_with_its_export_menu_in_french():
    votes, line = frames.tally_frames(OUTCOME, "fr")
    spec = charts.spec(charts.tally_bar, votes, line, "Voix")
    page = charts.html_page(spec, "Voix", "fr")
    assert '"export": true' in page and "<title>Voix</title>" in page
    assert '"decimal": ","' in page  # French number format on the axes
