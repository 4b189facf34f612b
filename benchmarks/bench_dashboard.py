"""Rerun time of the dashboard on the default scenario (179 members of the Berne Assembly).

Run from the repository root::

    python benchmarks/bench_dashboard.py [--repeats 15]

Each figure is the median wall time of ``AppTest.run()`` (Streamlit's own test harness,
``streamlit.testing.v1``) over the repeats, after a warm-up. That wall time holds the whole
script run on the server plus the harness's own work (starting the script thread, reading
the elements back), so it is an upper bound of the server time of a rerun. Every repeat
produces a scenario not seen before, so no cached result is reused:

* a cell edit in the roster table (one more member switches its vote);
* a quick action (random attendance, with a new seed each time);
* a cell edit on the written procedure page (one more written reply counted);
* a change of the membership size on the rules card;
* a change of the what-if model (everyone's probability of attending), with the exact
  probabilities recomputed by ``quorum.probability`` (the sweep and the swings, computed
  on request, are left off);
* on the power page, with the African Group away, another member losing its vote each
  time: group and member power and the blocking minorities recomputed by
  ``quorum.body_power`` and compared with the scenario's;
* on the rules card, an edit of the custom body (its quorum), validated by the core's
  schema, with its card and YAML.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def median_ms(prepare: Callable[[int], None], at: AppTest, repeats: int) -> float:
    """Median milliseconds of ``at.run()`` after ``prepare(i)``, for i in 0..repeats."""
    prepare(0)
    at.run()
    times = []
    for i in range(1, repeats + 1):
        prepare(i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return 1000 * statistics.median(times)


def roster_edit(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    yes_rows = [i for i, v in enumerate(at.data_editor[0].value["vote_0"]) if v == "yes"]
    key = f"roster_editor_{at.session_state['editor_version']}"

    def prepare(i: int) -> None:
        rows = {row: {"vote_0": "no"} for row in yes_rows[: i + 1]}
        at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}

    return median_ms(prepare, at, repeats)


def quick_action(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()

    def prepare(i: int) -> None:
        at.session_state["qa_seed"] = 1000 + i
        at.session_state["qa_share"] = 0.6
        at.button(key="qa_random").click()

    return median_ms(prepare, at, repeats)


def written_reply(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/written.py").run()
    at.button(key="wp_reduced_band").click().run()
    at.radio(key="wp_mode").set_value("members").run()
    decision = at.session_state["scenario"].session.decisions[0].id
    key = f"replies:{decision}_editor_{at.session_state['editor_version']}"

    def prepare(i: int) -> None:
        rows = {row: {"reply": "yes"} for row in range(i + 1)}
        at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}

    return median_ms(prepare, at, repeats)


def rules_card(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/rules_card.py").run()

    def prepare(i: int) -> None:
        at.number_input(key="rc_n").set_value(100 + 7 * i)

    return median_ms(prepare, at, repeats)


def whatif_model(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/whatif.py").run()

    def prepare(i: int) -> None:
        at.slider(key="wi_present").set_value(30 + 2 * i)  # a whole percentage

    return median_ms(prepare, at, repeats)


def power_whatif(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/power.py").run()
    at.selectbox(key="pw_away").set_value("african").run()
    voters = [m.id for m in at.session_state["scenario"].session.roster
              if m.present and not m.observer and m.group != "african"]

    def prepare(i: int) -> None:
        at.selectbox(key="pw_lost").set_value(voters[i])

    return median_ms(prepare, at, repeats)


def custom_body(repeats: int) -> float:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/rules_card.py").run()

    def prepare(i: int) -> None:
        at.text_input(key="rc_cb_quorum").set_value(f"{i + 1}/{i + 30}")

    return median_ms(prepare, at, repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # AppTest's "no runtime" notices
    start = time.perf_counter()
    AppTest.from_file(APP, default_timeout=60).run()
    first = 1000 * (time.perf_counter() - start)
    print(f"dashboard rerun, default scenario (179 members), median of {args.repeats}:")
    print(f"  first run of a session (imports, default scenario):  {first:7.1f} ms")
    for name, case in (("cell edit in the roster table", roster_edit),
                       ("quick action (random attendance)", quick_action),
                       ("written reply edited, written procedure page", written_reply),
                       ("membership size changed, rules card page", rules_card),
                       ("what-if model changed (exact probabilities)", whatif_model),
                       ("member loses its vote, power page (group away)", power_whatif),
                       ("custom body quorum edited, rules card page", custom_body)):
        print(f"  {name:<52} {case(args.repeats):7.1f} ms")


if __name__ == "__main__":
    main()
