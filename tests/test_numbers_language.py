"""Numbers written as the page's language writes them: tables to read, what-if sliders."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import numbers

from .test_french import run_page


def test_written_turns_a_french_table_into_french_numbers_and_leaves_english_alone():
    frame = pd.DataFrame({"name": ["A", "B"], "amount": [1234.5, None]})
    fr = numbers.written(frame, {"amount": 2}, "fr")
    assert fr["amount"].iloc[0] == "1\u202f234,50" and pd.isna(fr["amount"].iloc[1])
    assert numbers.written(frame, {"amount": 2}, "en") is frame


@pytest.mark.parametrize("lang,mark", [("fr", ","), ("en", ".")])
def test_the_lost_votes_table_reads_in_the_page_language(lang, mark):
    at = run_page("app_pages/finances.py", lang, "assembly-arrears-roster.yaml")
    tables = [d.value for d in at.dataframe if "arrears" in d.value.columns]
    assert tables, "the lost-votes table"
    cell = tables[-1]["arrears"].iloc[0]
    if lang == "fr":
        assert isinstance(cell, str) and mark in cell and "." not in cell
    else:
        assert isinstance(cell, float)


@pytest.mark.parametrize("lang,shown", [("fr", "%d %%"), ("en", "%d%%")])
def test_whatif_sliders_show_whole_percentages_in_the_page_language(lang, shown):
    at = run_page("app_pages/whatif.py", lang, "whatif-groups.yaml")
    slider = at.slider(key="wi_present")
    assert slider.proto.format == shown
    assert isinstance(slider.value, int) and 0 <= slider.value <= 100
