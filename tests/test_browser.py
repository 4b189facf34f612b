"""End to end in a real browser: ``streamlit run app.py`` driven by Debian's chromium.

The server runs on a free localhost port and is stopped after the module. The test fails
(it is not skipped) when chromium is missing: CI installs it (``make browser``). Setting
``QUORUM_DOCS_SCREENSHOT=1`` also rewrites ``docs/screenshot-session.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 800}  # the smallest screen the dashboard is laid out for
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    log = (ARTIFACTS / "streamlit.log")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://localhost:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                        if reply.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {log}")
                time.sleep(0.25)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: install it with 'apt-get install chromium' "
                    "(make browser); this test must run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait for the script to finish running and the page to draw its charts."""
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(600)
    page.wait_for_selector(IDLE, timeout=30_000)


def test_a_quick_action_flips_the_outcome_in_the_browser(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + "/")
        settle(page)
        banner = page.locator("[data-testid='stAlertContentSuccess']")
        banner.get_by_text("Executory").wait_for(timeout=30_000)
        assert page.get_by_text("Quorum met: 179 represented, 90 needed.").first.is_visible()
        if os.environ.get("QUORUM_DOCS_SCREENSHOT"):
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ROOT / "docs" / "screenshot-session.png"))

        page.get_by_role("button", name="Everyone abstains").click()
        rejected = page.locator("[data-testid='stAlertContentError']").get_by_text("Rejected")
        rejected.wait_for(timeout=30_000)
        settle(page)
        assert page.get_by_text("No vote was cast", exact=False).first.is_visible()
        assert "s=" in page.url  # the situation is in the address bar
        page.screenshot(path=str(ARTIFACTS / "session.png"))

        # The shared link reopens the same situation in a new tab.
        other = browser.new_page(viewport=VIEWPORT)
        try:
            other.goto(page.url)
            settle(other)
            other.locator("[data-testid='stAlertContentError']").get_by_text(
                "Rejected").wait_for(timeout=30_000)
        finally:
            other.close()
    finally:
        page.close()


def test_the_language_switch_in_the_browser(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + "/rules")
        settle(page)
        page.get_by_text("Français").click()
        page.get_by_role("heading", name="Fiche des règles").wait_for(timeout=30_000)
        settle(page)
        assert "lang=fr" in page.url
    finally:
        page.close()


def test_the_power_page_in_the_browser(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + "/power")
        settle(page)
        page.get_by_role("heading", name="Who can block what").wait_for(timeout=30_000)
        assert page.get_by_role("heading", name="Power", exact=True).is_visible()
        page.screenshot(path=str(ARTIFACTS / "power.png"))
    finally:
        page.close()


# --- Every page at 1280 x 800, in both languages ------------------------------------------

PAGE_PATHS = {  # url path of every page module of the navigation
    "session": "", "written": "written", "finances": "finances", "whatif": "what-if",
    "rules_card": "rules", "power": "power", "walkthrough": "walkthrough",
    "exercises": "exercises",
}
# What must fit: every table (its scrolling area is no wider than its frame), every metric
# value and every button label (no text cut with an ellipsis).
OVERFLOW = """() => {
  const bad = [];
  const visible = e => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
  for (const grid of document.querySelectorAll("[data-testid='stDataFrame']")) {
    if (!visible(grid)) continue;
    const scroller = grid.querySelector('.dvn-scroller');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
      bad.push('table: ' + scroller.scrollWidth + ' > ' + scroller.clientWidth + ' ' +
               grid.innerText.slice(0, 40));
  }
  const texts = "[data-testid='stMetricValue'] > div, [data-testid='stMetricLabel'] p, " +
                "button [data-testid='stMarkdownContainer'] p";
  for (const e of document.querySelectorAll(texts)) {
    if (visible(e) && e.scrollWidth > e.clientWidth + 1) bad.push('cut: ' + e.innerText);
  }
  return bad;
}"""


def page_paths() -> list[str]:
    from .test_french import PAGES

    names = [p.split("/")[-1][:-3] for p in PAGES]
    return [PAGE_PATHS.get(name, name.replace("_", "-")) for name in names]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_fits_1280_by_800_and_speaks_one_language(server, browser, lang):
    from .test_french import foreign

    page = browser.new_page(viewport=VIEWPORT)
    problems: dict[str, object] = {}
    try:
        for path in page_paths():
            page.goto(f"{server}/{path}?lang={lang}" if lang == "fr" else f"{server}/{path}")
            settle(page)
            for expander in page.locator("[data-testid='stExpander'] summary").all():
                expander.click()  # tables in expanders must fit too
            if page.locator("[data-testid='stExpander']").count():
                settle(page)
            bad = page.evaluate(OVERFLOW)
            words = foreign(page.locator("body").inner_text(), lang)
            if bad or words:
                problems[path or "session"] = (bad, words[:5])
                page.screenshot(path=str(ARTIFACTS / f"layout-{path or 'session'}-{lang}.png"),
                                full_page=True)
    finally:
        page.close()
    assert not problems, problems


def test_french_in_the_sidebar_at_once_and_a_whatif_example_on_its_page(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + "/rules")
        settle(page)
        page.get_by_text("Français").first.click()
        settle(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Exemples fournis").wait_for(timeout=30_000)
        sidebar.locator(".st-key-example input[placeholder='Ouvrir un exemple…']").wait_for(
            timeout=30_000)
        # The examples are listed by title, in French, without visiting another page.
        # The box holds some forty examples in a virtualised list, and a first click on its
        # input only focuses it: typing opens it, filtered by the French titles.
        page.locator(".st-key-example input").first.click()
        page.keyboard.type("abstentions")
        first = page.get_by_role("option", name="Les abstentions ne sont pas des votes")
        first.wait_for(timeout=30_000)
        shown = page.get_by_role("option").all_inner_texts()
        assert "Abstentions are not votes" not in shown
        assert not [s for s in shown if s.endswith(".yaml")], shown
        page.keyboard.press("Control+a")
        page.keyboard.type("par groupe")
        page.get_by_role("option", name="Et si : par groupe régional").click()
        page.get_by_role("heading", name="Et si ?").wait_for(timeout=30_000)
        settle(page)
        assert "/what-if" in page.url
        assert page.get_by_text("Modifié dans cette session").count() == 0
        # No custom body became an edit on the way.
        page.goto(server + "/rules?lang=fr")
        settle(page)
        assert page.locator(".st-key-rc_cb_use").count() == 0
    finally:
        page.close()


def test_a_roster_member_away_and_back_keeps_the_vote(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server + "/?lang=fr")
        settle(page)
        grid = page.locator("[class*='st-key-roster_editor'] [data-testid='stDataFrame']")
        grid.first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        present = {"x": 44 + 180 + 35, "y": 35 + 17}  # the first row's Present cell
        grid.first.click(position=present)
        settle(page)
        assert "s=" in page.url  # the member is away: the scenario is no longer the default
        grid.first.scroll_into_view_if_needed()
        grid.first.click(position=present)
        settle(page)
        # Back to the scenario as it was: the default, with the member's vote kept.
        assert "s=" not in page.url
    finally:
        page.close()


def test_parts_that_rerun_alone_keep_the_link_and_the_page_up_to_date(server, browser):
    page = browser.new_page(viewport=VIEWPORT)
    try:
        # The power page's what-if reruns alone: the link still follows it.
        page.goto(server + "/power")
        settle(page)
        # A first click on a select box's input may only focus it: open the list, then pick
        # the second option (the first group) from it.
        page.locator(".st-key-pw_away input").first.click()
        page.wait_for_timeout(300)
        if not page.get_by_role("option").count():
            page.locator(".st-key-pw_away input").first.click()
        page.get_by_role("option").nth(1).click()
        page.wait_for_url("**away=**", timeout=30_000)
        # The rules card reruns alone, but a body put into the scenario redraws the page:
        # the sidebar then says the scenario was edited.
        page.goto(server + "/rules")
        settle(page)
        quorum = page.locator(".st-key-rc_cb_quorum input").first
        quorum.fill("2/3")
        quorum.press("Enter")
        settle(page)
        page.locator(".st-key-rc_cb_use button").first.click()
        settle(page)
        page.get_by_text("Edited in this session.").wait_for(timeout=30_000)
        assert "s=" in page.url
    finally:
        page.close()
