"""Rerun time of the Session page's joint-session view (193 WIPO Member States, three
Assemblies sitting together, ``scenarios/joint-assemblies.yaml``).

Run from the repository root::

    python benchmarks/bench_joint_dashboard.py [--repeats 15]

Each figure is the median wall time of ``AppTest.run()`` after a warm-up, as in
``bench_dashboard.py`` (an upper bound of the server time of a rerun). Every repeat gives a
scenario not seen before (one more member marked absent in the roster table), so the joint
evaluation, the quorum bars of the three bodies and the "who can stop it" card are
recomputed each time.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.state import DIGEST, SCENARIO, digest  # noqa: E402
from quorum.scenario import load_scenario  # noqa: E402

APP = str(ROOT / "app.py")


def presence_edit(repeats: int) -> float:
    scenario = load_scenario(ROOT / "scenarios" / "joint-assemblies.yaml")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[SCENARIO] = scenario
    at.session_state[DIGEST] = digest(scenario)
    at.run()
    at.switch_page("app_pages/session.py").run()
    key = f"joint_roster_editor_{at.session_state['editor_version']}"
    times = []
    for i in range(repeats + 1):
        rows = {row: {"present": False} for row in range(i + 1)}
        at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
        start = time.perf_counter()
        at.run()
        if i:
            times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    absent = sum(not m.present for m in at.session_state[SCENARIO].joint.roster)
    assert absent == repeats + 1, absent  # every edit reached the scenario
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    print(f"joint view, presence edit (193 members, 3 bodies)  "
          f"{presence_edit(args.repeats):8.1f} ms")


if __name__ == "__main__":
    main()
