"""Click-to-settled time of the dashboard's common interactions in a real browser, against
the same click on the smallest Streamlit app (``benchmarks/floor_app.py``).

Run from the repository root (Debian's chromium, headless; no browser is downloaded)::

    python benchmarks/bench_browser.py [--repeats 7] [--markdown]

Both apps are started with ``streamlit run`` on free localhost ports. For each interaction
the page is made ready, then the time runs from just before the click until the page has
settled: Streamlit reports the script as not running (``[data-testid='stApp']
[data-test-script-state='notRunning']``) after having run it (or, for a rerun too fast to
show a running state, after the page changed), and the page's DOM has not changed for
150 ms (charts drawn, tables filled). The figure is the time of the last DOM
change, so the quiet period itself is not counted. Each figure is the median of the
repeats at a 1280 x 800 window; the ratio is to the floor measured in the same run.

The machine is shared: the script prints the load average (``os.getloadavg``) before and
after, so a figure taken under load can be told apart.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
QUIET_MS = 150

# Installed in the page: the time of the last DOM change and the script's state changes.
WATCH = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__bench = {last: performance.now(), states: []};
  new MutationObserver(() => { window.__bench.last = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
  new MutationObserver(() => {
    window.__bench.states.push([performance.now(), app.getAttribute('data-test-script-state')]);
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
SETTLED = """([t0, quiet]) => {
  const b = window.__bench;
  const ran = b.states.some(([t, s]) => t >= t0 && s === 'running');
  const idle = document.querySelector("[data-testid='stApp']")
    .getAttribute('data-test-script-state') === 'notRunning';
  // A very fast rerun may show no "running" state at all (both changes drawn at once):
  // a change of the page after the click then stands for it.
  return (ran || b.last > t0) && idle && performance.now() - b.last > quiet;
}"""


# Installed before the page loads (``--profile``): the arrival time and size of each
# message from the server, so that a figure can be split into the server's share (the
# click to the last message) and the browser's (the last message to the page settled).
SOCKET_LOG = """(() => {
  const Native = window.WebSocket;
  window.__messages = [];
  class Logged extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data;
        const size = data.byteLength ?? data.size ?? data.length ?? 0;
        window.__messages.push([performance.now(), size]);
      });
    }
  }
  window.WebSocket = Logged;
})()"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(script: str) -> Iterator[str]:
    """``streamlit run script`` on a free port; yields its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit run {script} did not start")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def settle(page: Any) -> None:
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(400)
    page.wait_for_selector(IDLE, timeout=60_000)


def timed(page: Any, action: Callable[[], None], profile: list[str] | None = None) -> float:
    """Milliseconds from just before ``action`` to the page settled after it; with
    ``profile``, a line on the messages received after the click is added to it."""
    page.evaluate(WATCH)
    t0 = page.evaluate("performance.now()")
    action()
    try:
        page.wait_for_function(SETTLED, arg=[t0, QUIET_MS], timeout=30_000, polling=20)
    except Exception:
        print("not settled:", page.evaluate("window.__bench.states"), t0, page.url,
              file=sys.stderr)
        page.screenshot(path=str(ROOT / "tests" / "artifacts" / "bench-failed.png"))
        raise
    last = page.evaluate("window.__bench.last")
    if profile is not None:
        messages = [m for m in page.evaluate("window.__messages || []") if m[0] >= t0]
        if messages:
            served = messages[-1][0] - t0
            profile.append(f"{len(messages)} messages, {sum(m[1] for m in messages) / 1024:.1f}"
                           f" KiB, last at {served:.0f} ms, drawn {last - t0 - served:.0f} ms"
                           " after it")
    return float(last - t0)


def button(page: Any, key: str) -> Callable[[], None]:
    return lambda: page.locator(f".st-key-{key} button").first.click()


def nav(page: Any, title: str) -> Callable[[], None]:
    return lambda: page.locator("[data-testid='stSidebarNavLink']").filter(
        has_text=title).first.click()


def roster_present_cell(page: Any) -> Callable[[], None]:
    """A click on the first row's Present cell of the roster (a grid edit)."""
    def click() -> None:
        grid = page.locator("[class*='st-key-roster_editor'] [data-testid='stDataFrame']").first
        # Columns: id (44 px), member (180 px), present (70 px); rows of 35 px.
        grid.click(position={"x": 44 + 180 + 35, "y": 35 + 17})
    return click


# (page path, label, how to prepare, the action): the common interactions of every page.
def interactions(page: Any) -> list[tuple[str, str, Callable[[], None] | None,
                                          Callable[[], None]]]:
    def keyboard_up(selector: str) -> Callable[[], None]:
        def press() -> None:
            page.locator(selector).first.focus()
            page.keyboard.press("ArrowUp")
            page.keyboard.press("Enter")
        return press

    def slider_right(key: str) -> Callable[[], None]:
        def press() -> None:
            page.locator(f".st-key-{key} input").first.focus()
            page.keyboard.press("ArrowRight")
        return press

    def pick(key: str, index: int) -> Callable[[], None]:
        def choose() -> None:
            page.locator(f".st-key-{key} input").first.focus()
            for _ in range(index + 1):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
        return choose

    def abstain_first() -> None:  # the scenario is already edited: no sidebar change
        button(page, "qa_abstain")()
        settle(page)

    def show_grid() -> None:
        grid = page.locator("[class*='st-key-roster_editor'] [data-testid='stDataFrame']")
        grid.first.scroll_into_view_if_needed()
        page.wait_for_timeout(800)

    return [
        ("/", "Session: quick action (everyone abstains)", None, button(page, "qa_abstain")),
        ("/", "Session: grid edit (a member's presence)", show_grid, roster_present_cell(page)),
        ("/", "Session: a second quick action (all present)", abstain_first,
         button(page, "qa_all_present")),
        ("/", "Session: language switch", None,
         lambda: page.get_by_text("Français").first.click()),
        ("/written", "Page change (Written procedure to Session)", None, nav(page, "Session")),
        ("/", "Page change (Session to Power)", None, nav(page, "Power")),
        ("/written", "Written: reduced-quorum band", None, button(page, "wp_reduced_band")),
        ("/finances", "Finances: total contributions", None,
         keyboard_up(".st-key-fin_total input")),
        ("/what-if", "What-if: everyone's attendance", None, slider_right("wi_present")),
        ("/rules", "Rules card: number of members", None, keyboard_up(".st-key-rc_n input")),
        ("/power", "Power: a group stays away", None, pick("pw_away", 1)),
        ("/walkthrough", "Walkthrough: next step", None, button(page, "wt_next")),
        ("/exercises", "Exercises: check", None, button(page, "ex_check")),
        ("/elections", "Elections: open an example (2008 nomination)", None,
         button(page, "el_load_election-dg-2008")),
        ("/elections?s=" + _token("election-dg-2008.yaml"), "Elections: number of seats",
         None, keyboard_up("[class*='st-key-el_seats_'] input")),
        ("/treaty", "Treaty: another treaty", None, pick("tr_example", 1)),
        ("/?s=" + _token("joint-assemblies.yaml"), "Joint session: another decision", None,
         pick("joint_decision", 0)),
    ]


def _token(example: str) -> str:
    """The link parameter of a bundled example (the dashboard's own encoding)."""
    sys.path.insert(0, str(ROOT))
    from dashboard import state, urlstate
    from quorum.scenario import load_scenario

    token = urlstate.encode(load_scenario(ROOT / "scenarios" / example),
                            state.default_scenario())
    assert token is not None
    return token


def measure(url: str, floor_url: str, repeats: int, only: str = "", profile: bool = False
            ) -> list[tuple[str, float, float]]:
    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, float, float]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        if profile:
            page.add_init_script(SOCKET_LOG)

        def floor_once() -> float:
            page.goto(floor_url)
            settle(page)
            page.wait_for_timeout(700)
            return timed(page, lambda: page.get_by_text("Tick").first.click())

        for path, name, _prepare, _ in interactions(page):
            if only and not any(part.strip().lower() in name.lower()
                                for part in only.split(",")):
                continue
            times, floors, notes = [], [], []
            for i in range(repeats + 1):
                floor = floor_once()
                page.goto(url + path)
                settle(page)
                steps = {n: (p, a) for _, n, p, a in interactions(page)}
                prepare, action = steps[name]
                if prepare is not None:
                    prepare()
                page.wait_for_timeout(700)  # the page's widgets take clicks
                elapsed = timed(page, action, notes if profile and i else None)
                if i:  # the first is a warm-up
                    times.append(elapsed)
                    floors.append(floor)
            rows.append((name, statistics.median(times), statistics.median(floors)))
            print(f"{name:60s} {rows[-1][1]:7.0f} ms  floor {rows[-1][2]:5.0f} ms  "
                  f"x{rows[-1][1] / rows[-1][2]:.2f}", flush=True)
            for note in notes:
                print(f"    {note}", flush=True)
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", default="",
                        help="only the interactions naming this (or any of these, "
                             "comma-separated)")
    parser.add_argument("--profile", action="store_true",
                        help="print, for each repeat, the messages the server sent after the "
                             "click and how long the browser drew after the last one")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    with serve("app.py") as url, serve("benchmarks/floor_app.py") as floor_url:
        rows = measure(url, floor_url, args.repeats, args.only, args.profile)
    print(f"load average after: {os.getloadavg()}")
    if args.markdown:
        print("\n| Interaction | Median (ms) | Floor (ms) | Ratio |")
        print("|---|---:|---:|---:|")
        for name, median, floor in rows:
            print(f"| {name} | {median:.0f} | {floor:.0f} | {median / floor:.2f} |")


if __name__ == "__main__":
    main()
