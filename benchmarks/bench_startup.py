"""Start-up of the ``quorum`` command against a bare interpreter, measured in the same run.

    python benchmarks/bench_startup.py            # 21 runs of each command
    python benchmarks/bench_startup.py --runs 5

Each command runs as a fresh process (``python -m quorum ...`` with this interpreter, from
the repository root), as a script calling the command line in a loop would; the figure is
the median wall time of the runs, interleaved so that a busy moment hits every command
alike, with bytecode cached as after any install (``PYTHONDONTWRITEBYTECODE`` is dropped).
Target: ``quorum evaluate FILE --json`` and ``quorum rules berne-assembly`` within 6 times
``python -c pass``. Two references show the floor: a one-command Typer program, and the
import of the dependencies alone; a third, the import of the core that ``evaluate`` needs
(schema, rules, session), shows quorum's own share. The last lines split each command's
time into the Typer floor and what quorum adds to it.

quorum's message catalogues and preset bodies are compiled to JSON on first use (see
``quorum.compiled``); the warm-up run below does that, as any first run would.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "scenarios/assembly-full-quorum.yaml"
TARGET = 6.0

#: The floor any Typer command line pays: a program with one command and two parameters.
#: Typer (0.29) coerces every parameter through a pydantic TypeAdapter, so this imports
#: pydantic too.
TYPER_FLOOR = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def hello(name: str, count: int = 1) -> None:
    print(name * count)
app(["world", "--count", "2"])
"""

#: What the dependencies alone cost: Typer (the command line), pydantic (the schema of
#: scenarios and bodies) and PyYAML, imported as quorum imports them.
DEPENDENCIES = ("import typer; import yaml; from pydantic import BaseModel, ConfigDict, Field, "
                "ValidationError, field_validator, model_validator")

#: The part of the core that ``quorum evaluate`` imports, with the dependencies it pulls.
CORE = "import quorum.scenario, quorum.session, quorum.explain"

FLOOR_LABEL = "a one-command Typer program (the floor)"
COMMANDS: list[tuple[str, list[str]]] = [
    ("bare python (python -c pass)", ["-c", "pass"]),
    (FLOOR_LABEL, ["-c", TYPER_FLOOR]),
    ("import typer, pydantic, yaml (dependencies)", ["-c", DEPENDENCIES]),
    ("import the core evaluate needs (pydantic, yaml, rules)", ["-c", CORE]),
    ("import quorum.cli", ["-c", "import quorum.cli"]),
    (f"quorum evaluate {SCENARIO} --json", ["-m", "quorum", "evaluate", SCENARIO, "--json"]),
    ("quorum rules berne-assembly", ["-m", "quorum", "rules", "berne-assembly"]),
]


#: As after any install: bytecode is cached (pip compiles what it installs; an editable
#: install or a clone writes ``__pycache__`` on the first run, the warm-up below).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    args = parser.parse_args()
    print(f"quorum start-up benchmark: Python {sys.version.split()[0]}, "
          f"median of {args.runs} runs per command (interleaved)")
    times: dict[str, list[float]] = {label: [] for label, _ in COMMANDS}
    cpu: dict[str, list[float]] = {label: [] for label, _ in COMMANDS}
    for _, command in COMMANDS:  # warm the file cache and write the bytecode
        run_once(command)
    for _ in range(args.runs):
        for label, command in COMMANDS:
            wall, used = run_once(command)
            times[label].append(wall)
            cpu[label].append(used)
    bare = statistics.median(times[COMMANDS[0][0]])
    bare_cpu = statistics.median(cpu[COMMANDS[0][0]])
    width = max(len(label) for label, _ in COMMANDS)
    print(f"| {'command'.ljust(width)} | median | x bare python | CPU time | x bare (CPU) |")
    print(f"| {'-' * width} | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for label, command in COMMANDS:
        median = statistics.median(times[label])
        ratio = median / bare
        used = statistics.median(cpu[label])
        if command[0] == "-m":
            worst = max(worst, ratio)
        print(f"| {label.ljust(width)} | {median * 1e3:.0f} ms | {ratio:.1f} | "
              f"{used * 1e3:.0f} ms | {used / bare_cpu:.1f} |")
    print("(the CPU time of a command, user + system, varies less than its wall time when "
          "other work shares the host)")
    floor = statistics.median(times[FLOOR_LABEL])
    for label, command in COMMANDS:
        if command[0] == "-m":
            own = statistics.median(times[label]) - floor
            print(f"{' '.join(command[1:3])}: Typer floor {floor / bare:.1f} x + quorum's own "
                  f"{own * 1e3:.0f} ms ({own / bare:.1f} x)")
    verdict = "within" if worst <= TARGET else "ABOVE"
    print(f"slowest command: {worst:.1f} x bare python ({verdict} the target of {TARGET:g} x)")
    if floor / bare > TARGET - 0.5:
        print(f"the floor alone (any Typer command line: Typer 0.29 builds a pydantic "
              f"TypeAdapter per parameter) is {floor / bare:.1f} x: {TARGET:g} x leaves "
              f"quorum {max(TARGET * bare - floor, 0) * 1e3:.0f} ms for reading and checking "
              f"its input (see docs/platform.md)")


if __name__ == "__main__":
    main()
