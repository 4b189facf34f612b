"""A joint session of the WIPO Assemblies: evaluation and rules card.

Run: python benchmarks/bench_joint.py
Prints the median time of loading ``scenarios/joint-assemblies.yaml`` (193 Member States,
three bodies), of evaluating its two decisions body by body, and of its rules card for a
Director General appointment (blocking figures of the three Assemblies), and of the Power
page's view of that decision (its card and the lines it shows, in English); then loading and
evaluating ``scenarios/joint-coordination-committee-2020.yaml`` (the 83 members of 2019-2021,
one decision with the special count).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _timing import median_seconds

from dashboard import joint as joint_view
from quorum.joint import evaluate_joint
from quorum.joint.card import joint_card
from quorum.scenario import load_scenario

FILE = Path(__file__).resolve().parent.parent / "scenarios" / "joint-assemblies.yaml"
FILE_2020 = FILE.parent / "joint-coordination-committee-2020.yaml"


def median_ms(func: Callable[[], object], repeats: int = 21) -> float:
    return 1000 * median_seconds(func, repeats)


def main() -> None:
    scenario = load_scenario(FILE)
    joint = scenario.joint
    assert joint is not None
    rows = [
        ("load joint-assemblies.yaml (193 members)", median_ms(lambda: load_scenario(FILE))),
        ("evaluate 2 decisions in 3 bodies", median_ms(lambda: evaluate_joint(joint))),
        ("rules card, director-general", median_ms(lambda: joint_card(joint,
                                                                      "director-general"))),
        ("Power page view, appoint-director-general", median_ms(lambda: joint_view.power_lines(
            joint, joint_view.decision_card(joint, "appoint-director-general"), "en"))),
    ]
    committee = load_scenario(FILE_2020).joint
    assert committee is not None
    rows += [
        ("load joint-coordination-committee-2020.yaml", median_ms(
            lambda: load_scenario(FILE_2020))),
        ("evaluate its special count (83 members)", median_ms(
            lambda: evaluate_joint(committee))),
    ]
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.2f} ms")


if __name__ == "__main__":
    main()
