"""The Treaty page in a real browser (Debian's chromium), with the harness of test_browser."""

from __future__ import annotations

import pytest

from .test_browser import ARTIFACTS, browser, server, settle  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_the_treaty_page_in_the_browser(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    try:
        page.goto(server + "/treaty")
        settle(page)
        page.get_by_role("heading", name="Treaty: from adoption to entry into force").wait_for(
            timeout=30_000)
        metric = page.locator("[data-testid='stMetricValue']").first
        assert metric.inner_text().strip() == "28 April 2020"  # a date written out
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "treaty.png"))

        page.get_by_text("Français").click()
        page.get_by_role("heading", name="Traité : de l'adoption à l'entrée en vigueur"
                         ).wait_for(timeout=30_000)
        settle(page)
        assert "lang=fr" in page.url
        assert page.locator("[data-testid='stMetricValue']").first.inner_text().strip() == \
            "28 avril 2020"
    finally:
        page.close()
