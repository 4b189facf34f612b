"""The Elections page in a real browser (Debian's chromium), through the shared harness."""

from __future__ import annotations

import pytest

from .test_browser import ARTIFACTS, browser, server, settle  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_the_elections_page_counts_the_2008_nomination_in_the_browser(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1500, "height": 1200})
    try:
        page.goto(server + "/elections")
        settle(page)
        page.get_by_role("heading", name="Elections").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="2008 nomination").click()
        banner = page.locator("[data-testid='stAlertContentSuccess']")
        banner.get_by_text("Francis Gurry (Australia)").wait_for(timeout=30_000)
        settle(page)
        assert page.get_by_role("heading", name="Round 4").is_visible()
        assert page.locator("[data-testid='stVegaLiteChart']").count() >= 4
        page.screenshot(path=str(ARTIFACTS / "elections.png"))
        chart = page.locator("[data-testid='stVegaLiteChart']").last
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(ARTIFACTS / "elections-round.png"))
        page.get_by_text("Français").click()
        page.get_by_role("heading", name="Tour 4").wait_for(timeout=30_000)
        settle(page)
        assert "lang=fr" in page.url and "s=" in page.url
    finally:
        page.close()
