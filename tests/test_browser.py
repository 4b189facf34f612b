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
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(server + "/")
        settle(page)
        banner = page.locator("[data-testid='stAlertContentSuccess']")
        banner.get_by_text("Executory").wait_for(timeout=30_000)
        assert page.get_by_text("Quorum met: 179 represented, 90 needed.").is_visible()
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
        other = browser.new_page(viewport={"width": 1500, "height": 1000})
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
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
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
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(server + "/power")
        settle(page)
        page.get_by_role("heading", name="Who can block what").wait_for(timeout=30_000)
        assert page.get_by_role("heading", name="Power", exact=True).is_visible()
        page.screenshot(path=str(ARTIFACTS / "power.png"))
    finally:
        page.close()
