"""The joint-session view in a real browser (Debian's chromium, 1280x800), in English and
French: the bundled ``joint-assemblies.yaml`` opened by its link and from the sidebar's
bundled examples, a quorum bar drawn for each body, and the table of every decision's
outcome per body and overall.

Uses the server and browser of :mod:`tests.test_browser` (``streamlit run app.py`` on a
free localhost port; the test fails, it is not skipped, when chromium is missing).
"""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import state, urlstate
from quorum.scenario import load_scenario

from . import test_browser as base
from .conftest import SCENARIOS

pytestmark = pytest.mark.browser

server = base.server
browser = base.browser

VIEWPORT = {"width": 1280, "height": 800}
EXAMPLE = "joint-assemblies.yaml"
BODIES = ("wipo-general-assembly", "paris-assembly", "berne-assembly")
WORDS = {
    "en": {"bodies": ("WIPO General Assembly", "Assembly of the Paris Union",
                      "Assembly of the Berne Union"),
           "status": "Executory", "overall": "Overall", "intro": "Joint session:",
           "examples": "Bundled examples"},
    "fr": {"bodies": ("Assemblée générale de l'OMPI", "Assemblée de l'Union de Paris",
                      "Assemblée de l'Union de Berne"),
           "status": "Exécutoire", "overall": "Au total", "intro": "Session commune :",
           "examples": "Exemples fournis"},
}
# The bundled scenario: all 193 present; the Director General carried in the three
# Assemblies (186 yes and 2 no in the General Assembly), the budget in the Berne Assembly.
TALLIES = ("186", "178", "179")


def link(lang: str) -> str:
    token = urlstate.encode(load_scenario(SCENARIOS / EXAMPLE), state.default_scenario())
    assert token
    return f"/?s={token}" + ("&lang=fr" if lang == "fr" else "")


def quorum_bars(page: Any) -> list[list[float]]:
    """The widths (pixels) of the bars drawn in each chart of the page, in order."""
    charts = page.locator("[data-testid='stVegaLiteChart']")
    widths = []
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        boxes = (p.bounding_box() for p in chart.locator("g.mark-rect path").all())
        widths.append([b["width"] for b in boxes if b])
    return widths


def outcome_cells(page: Any) -> list[str]:
    """Every header and cell of the outcomes table (the table that lists the decisions); the
    grid draws only the columns in view, so it is read, then scrolled to its right end."""
    grid = page.locator("[data-testid='stDataFrame']").filter(has_text="berne-budget").first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    read = "e => Array.from(e.querySelectorAll('th, td')).map(x => x.innerText.trim())"
    cells: list[str] = grid.evaluate(read)
    grid.evaluate("e => e.querySelectorAll('.dvn-scroller').forEach(s => s.scrollLeft = 1e5)")
    page.wait_for_timeout(500)
    return cells + grid.evaluate(read)


def check_joint_view(page: Any, lang: str) -> None:
    words = WORDS[lang]
    page.get_by_text(words["intro"], exact=False).first.wait_for(timeout=30_000)
    banner = page.locator("[data-testid='stAlertContentSuccess']").first
    assert banner.inner_text().startswith(words["status"])
    for name, tally in zip(words["bodies"], TALLIES, strict=True):
        line = page.get_by_text(f"{name} · {words['status']}", exact=False).first
        assert line.is_visible()
        assert tally in line.inner_text()
    bars = quorum_bars(page)
    assert len(bars) == len(BODIES), bars
    # Each body's bar spans the column (all members represented): the plot is wide, not
    # collapsed to its labels.
    for widths in bars:
        assert len(widths) >= 2 and min(widths) > 300, bars
    cells = outcome_cells(page)
    for name in (*words["bodies"], words["overall"]):
        assert name in cells, cells
    assert "appoint-director-general" in cells and "berne-budget" in cells
    assert cells.count(words["status"]) >= 3, cells


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_joint_session_by_its_link_in_the_browser(server, browser, lang):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + link(lang))
        base.settle(page)
        check_joint_view(page, lang)
        page.screenshot(path=str(base.ARTIFACTS / f"joint-session-{lang}.png"))
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_joint_session_from_the_sidebar_in_the_browser(server, browser, lang):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + ("/?lang=fr" if lang == "fr" else "/"))
        base.settle(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        picker = sidebar.locator("[data-testid='stSelectbox']").filter(
            has_text=WORDS[lang]["examples"])
        picker.scroll_into_view_if_needed()
        combobox = picker.get_by_role("combobox")
        combobox.click()
        # Examples are listed by title in the page's language; the list filters as one types.
        from dashboard import examples

        title = examples.title(EXAMPLE, lang)
        combobox.fill(title)
        page.get_by_role("option", name=title, exact=True).click()
        base.settle(page)
        check_joint_view(page, lang)
        assert "s=" in page.url  # the opened example is in the address bar
    finally:
        page.close()
