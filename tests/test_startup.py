"""Start-up of the ``quorum`` command: what a command imports, and that the fast path (one
command built, not all of them) behaves exactly as the whole application.

Timings live in ``benchmarks/bench_startup.py``; these tests fail on the regressions that
make start-up slow: a heavy import at the top of the command line or of ``quorum``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quorum.cli import _only, app

from .conftest import ROOT, SCENARIOS

#: Never needed to start the command line, nor by evaluate and rules.
HEAVY = ("numpy", "pandas", "altair", "streamlit", "pyarrow", "quorum.power",
         "quorum.probability")
#: Needed only by scenarios with ``elections:``, ``joint:`` or a ``roster:``, and by the
#: treaty and teaching commands.
BY_INPUT = ("quorum.elections", "quorum.joint", "quorum.treaties", "quorum.walkthrough",
            "quorum.roster")
#: Needed by some commands only: not to be imported by ``import quorum.cli`` itself.
LAZY = (*HEAVY, *BY_INPUT, "pydantic", "yaml", "quorum.bodies", "quorum.scenario",
        "quorum.session", "quorum.rules", "quorum.members", "quorum.committee", "quorum.explain")

PROBE = """
import sys
sys.argv = ["quorum", *{argv!r}]
code = 0
{body}
print("\\n" + "MODULES " + " ".join(sorted(sys.modules)))
sys.stdout.flush()
sys.exit(code)
"""


def _modules_after(body: str, argv: list[str] | None = None,
                   env: dict[str, str] | None = None) -> tuple[set[str], str]:
    script = PROBE.format(argv=argv or [], body=body)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    out, _, tail = done.stdout.rpartition("\nMODULES ")
    assert tail, done.stderr
    return set(tail.split()), out


def _imported(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in names or m.split(".")[0] in names
                  or any(m.startswith(n + ".") for n in names))


def test_importing_the_command_line_imports_no_heavy_module() -> None:
    modules, _ = _modules_after("import quorum.cli")
    assert "typer" in modules and "quorum.cli.evaluate" in modules
    assert _imported(modules, LAZY) == []


def test_importing_quorum_imports_its_parts_only_when_used() -> None:
    modules, out = _modules_after(
        "import quorum\nbefore = set(sys.modules)\n"
        "print(quorum.get_body('berne-assembly').id, 'numpy' in sys.modules)\n"
        "print(sorted(m for m in before if m.startswith('quorum')))")
    first, second = out.strip().splitlines()[-2:]
    assert first == "berne-assembly False"
    assert second == "['quorum']"


def test_public_names_of_quorum_are_all_reachable() -> None:
    import quorum

    for name in quorum.__all__:
        assert getattr(quorum, name) is not None, name
    assert set(quorum.__all__) <= set(dir(quorum))
    with pytest.raises(AttributeError):
        quorum.no_such_name  # noqa: B018
    with pytest.raises(AttributeError):
        quorum._private  # noqa: B018


def test_submodules_are_reachable_as_attributes_of_quorum() -> None:
    _, out = _modules_after("import quorum\nprint(quorum.session.evaluate is quorum.evaluate,"
                            " quorum.rules.RuleSet.__name__)")
    assert out.strip().splitlines()[-1] == "True RuleSet"


@pytest.mark.parametrize("argv", [
    ["evaluate", str(SCENARIOS / "assembly-full-quorum.yaml"), "--json"],
    ["rules", "berne-assembly"],
])
def test_evaluate_and_rules_import_no_heavy_module(argv: list[str]) -> None:
    body = ("from quorum.cli import main\ntry:\n    main()\nexcept SystemExit as exc:\n"
            "    code = exc.code or 0")
    modules, out = _modules_after(body, argv)
    assert _imported(modules, HEAVY) == []
    assert _imported(modules, BY_INPUT) == []
    assert out.strip()


def test_rules_of_a_preset_read_its_compiled_data_without_yaml(tmp_path: Path) -> None:
    body = ("from quorum.cli import main\ntry:\n    main()\nexcept SystemExit as exc:\n"
            "    code = exc.code or 0")
    env = {**os.environ, "QUORUM_CACHE_DIR": str(tmp_path)}
    first, out = _modules_after(body, ["rules", "berne-assembly"], env)  # compiles
    assert "yaml" in first and "tomllib" in first
    again, out_again = _modules_after(body, ["rules", "berne-assembly"], env)
    assert out_again == out and "Art. 22" in out
    assert _imported(again, ("yaml", "tomllib", "quorum.yamlio")) == []


def test_a_scenario_with_elections_or_joint_still_loads_their_modules() -> None:
    body = ("from quorum.cli import main\ntry:\n    main()\nexcept SystemExit as exc:\n"
            "    code = exc.code or 0")
    for name, needed in (("election-berne-executive-committee.yaml", "quorum.elections"),
                         ("joint-assemblies.yaml", "quorum.joint")):
        modules, out = _modules_after(body, ["evaluate", str(SCENARIOS / name), "--json"])
        assert needed in modules, name
        json.loads(out)


ARGVS = [
    ["evaluate", str(SCENARIOS / "assembly-reduced-quorum-pending.yaml"), "--json"],
    ["evaluate", str(SCENARIOS / "assembly-full-quorum.yaml"), "--lang", "fr"],
    ["evaluate", "no-such-file.yaml"],
    ["rules", "berne-assembly", "--members", "20", "--json"],
    ["rules", "no-such-body"],
    ["rules", "berne-assembly", "--members", "0"],
    ["rules", "--help"],
    ["bodies", "--json"],
    ["evaluate", "--bogus-option"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=[" ".join(a[:2]) for a in ARGVS])
def test_one_command_built_alone_behaves_as_the_whole_application(argv: list[str]) -> None:
    one = _only(argv[0])
    assert one is not None
    runner = CliRunner()
    alone = runner.invoke(one, argv, prog_name="quorum")
    whole = runner.invoke(app, argv, prog_name="quorum")
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code, whole.stdout, whole.stderr)
    if "--json" in argv and whole.exit_code == 0:
        json.loads(alone.stdout)


def test_every_command_can_be_built_alone_and_unknown_names_fall_back() -> None:
    names = [info.name for info in app.registered_commands]
    assert len(names) == len(set(names)) >= 10
    assert all(_only(name) is not None for name in names)
    assert _only("no-such-command") is None


def test_the_script_runs_the_command_alone() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quorum", "evaluate",
         str(SCENARIOS / "assembly-full-quorum.yaml"), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    whole = CliRunner().invoke(app, ["evaluate", str(SCENARIOS / "assembly-full-quorum.yaml"),
                                     "--json"])
    assert json.loads(done.stdout) == json.loads(whole.stdout)
    unknown = subprocess.run([sys.executable, "-m", "quorum", "no-such-command"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and "no-such-command" in unknown.stderr
