"""Fuzzing every input format through the real command line.

The invariant (docs/robustness.md): whatever the input, a command exits with status 0 or
2, never shows a traceback, prints exactly one line on standard error when it refuses the
input, and finishes in bounded time and memory.

Inputs come from two sources:

* hypothesis strategies that take a valid document of each format and break one field
  (any field, at any depth) with a hostile value, add an unknown key, drop a key or
  duplicate a line;
* ``tests/fuzz_corpus/``: files that each broke a command once (billion laughs, deep
  nesting, huge exponents, Excel CSVs, ANSI escapes...).

A new format is one more :class:`Format` in ``FORMATS``: how to write a case to disk, the
command that reads it, and a valid document to break. The elections, treaty and joint
session formats are added the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum.bodies import body_to_mapping, get_body
from quorum.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
SECONDS = 2.0  # per case
PEAK_BYTES = 100_000_000  # per memory case, as traced by tracemalloc

# ---------------------------------------------------------------------------------------
# The invariant


def run_cli(args: list[str]) -> tuple[int, str, str, float]:
    """Run ``quorum ARGS`` in process; (exit status, stdout, stderr, seconds)."""
    runner = CliRunner()
    start = time.perf_counter()
    result = runner.invoke(app, args, catch_exceptions=True)
    elapsed = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"quorum {' '.join(args)[:200]} raised "
                             f"{type(result.exception).__name__}: {result.exception}"
                             ) from result.exception
    return result.exit_code, result.stdout, result.stderr, elapsed


def check_invariant(args: list[str]) -> tuple[int, str, str]:
    code, out, err, elapsed = run_cli(args)
    shown = " ".join(args)[:200]
    assert code in (0, 2), f"quorum {shown}: exit {code}: {err[:500]}"
    assert "Traceback" not in out + err, shown
    if code == 2:
        lines = err.splitlines()
        assert len(lines) == 1, f"quorum {shown}: {len(lines)} lines on stderr: {err[:500]}"
        assert lines[0].startswith("quorum: "), err
        assert "\x1b" not in lines[0]
    assert "\x1b" not in out, f"quorum {shown}: raw escape on stdout"
    assert elapsed < SECONDS, f"quorum {shown}: {elapsed:.2f} s"
    return code, out, err


# ---------------------------------------------------------------------------------------
# Formats: how a case is written and read


@dataclass(frozen=True)
class Format:
    """One input format: a valid document, how to write a case, the command reading it."""

    name: str
    base: Callable[[], Any]  # a valid document (a mapping, or CSV rows)
    write: Callable[[Path, Any], Path]  # writes a case into a folder; returns the file
    argv: Callable[[Path], list[str]]
    corpus_prefixes: tuple[str, ...] = field(default=())


def _yaml_text(doc: Any) -> str:
    if isinstance(doc, str):
        return doc
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def _write_yaml(name: str) -> Callable[[Path, Any], Path]:
    def write(folder: Path, doc: Any) -> Path:
        path = folder / name
        path.write_text(_yaml_text(doc), "utf-8")
        return path
    return write


def _write_body(folder: Path, doc: Any) -> Path:
    (folder / "body.yaml").write_text(_yaml_text(doc), "utf-8")
    path = folder / "scenario.yaml"
    path.write_text("body: body.yaml\nmembers: 20\npresent: 12\ndecisions:\n  - {id: a}\n",
                    "utf-8")
    return path


def _write_committee_body(folder: Path, doc: Any) -> Path:
    (folder / "body.yaml").write_text(_yaml_text(doc), "utf-8")
    path = folder / "scenario.yaml"
    members = "".join(f"  - {{id: M{i}, present: true, group: {g}}}\n"
                      for i, g in enumerate(["african", "grulac", "group-b", "cebs"] * 4))
    path.write_text(f"body: body.yaml\nmembers:\n{members}", "utf-8")
    return path


def _csv_text(doc: Any) -> str:
    if isinstance(doc, str):
        return doc
    if not isinstance(doc, list):
        return str(doc)
    return "\n".join(",".join(str(cell) for cell in row) if isinstance(row, list) else str(row)
                     for row in doc) + "\n"


def _write_roster(folder: Path, doc: Any) -> Path:
    (folder / "roster.csv").write_text(_csv_text(doc), "utf-8")
    path = folder / "scenario.yaml"
    path.write_text("body: berne-assembly\ndate: 2026-10-01\nroster: roster.csv\n"
                    "decisions:\n  - {id: a, votes: {others: yes}}\n", "utf-8")
    return path


def scenario_base() -> dict[str, Any]:
    return {"title": "T", "body": "berne-assembly", "date": "2026-10-01", "members": 181,
            "present": 70, "interpretation": {"adopt_with_no_votes_cast": False},
            "decisions": [{"id": "a", "kind": "substantive", "votes": {"yes": 40, "no": 5},
                           "written": {"communicated": "2026-10-20",
                                       "replies": {"yes": 30, "no": 2}}},
                          {"id": "b", "votes": {"yes": 1}}]}


def roster_scenario_base() -> dict[str, Any]:
    return {"body": "berne-assembly", "date": "2026-10-01",
            "members": [{"id": "A", "name": "Alpha", "present": True, "class": "I",
                         "arrears": 0, "dues": {2025: 10}},
                        {"id": "B", "present": False, "group": "african"},
                        {"id": "C", "present": True, "observer": False},
                        {"id": "D"}, {"id": "E", "name_fr": "Epsilon"}],
            "decisions": [{"id": "a", "votes": {"A": "yes", "C": "no"},
                           "written": {"replies": {"B": "yes"}}}]}


def body_base() -> dict[str, Any]:
    return body_to_mapping(get_body("un-general-assembly"))


def committee_body_base() -> dict[str, Any]:
    return body_to_mapping(get_body("berne-assembly"))


def roster_base() -> list[list[str]]:
    return [["id", "name", "present", "class", "arrears", "dues_2025", "observer", "group"],
            ["A", "Alpha", "true", "I", "0", "10", "false", "african"],
            ["B", "Beta", "false", "II", "5", "", "false", "grulac"],
            ["C", "Gamma", "true", "", "", "", "true", ""]]


def model_base() -> dict[str, Any]:
    return {"body": "berne-assembly", "members": 12,
            "model": {"present": 0.5, "vote": {"yes": 0.6, "no": 0.3, "abstain": 0.1},
                      "written": {"reply": 0.5, "yes": 0.5, "no": 0.5},
                      "groups": {"african": {"size": 4, "present": 0.7},
                                 "grulac": {"size": 3, "vote": {"yes": 1}}},
                      "blocs": {"african": {"cohesion": 0.8,
                                            "line": {"yes": 0.5, "no": 0.5}}}},
            "decisions": [{"id": "a", "kind": "substantive"}]}


def game_base() -> dict[str, Any]:
    return {"game": {"quota": 6, "weights": [4, 3, 2, 1], "names": ["A", "B", "C", "D"]}}


def proposal_base() -> dict[str, Any]:
    return {"elected": ["FR", "DE", "IT"], "previous": ["FR"]}


def election_base() -> dict[str, Any]:
    return {"title": "E", "body": "wipo-coordination-committee", "members": 83, "present": 83,
            "elections": [{"id": "dg", "title": "Director General", "seats": 1,
                           "candidates": {"A": {"name": "Alpha", "group": "g"}, "B": None,
                                          "C": "Gamma"},
                           "procedure": "wipo-dg-2019",
                           "rounds": [{"withdrawn": [], "votes": {"A": 40, "B": 30, "C": 13},
                                       "blank": 0, "invalid": 0},
                                      {"votes": {"A": 50, "B": 33}}]}]}


def election_model_base() -> dict[str, Any]:
    return {"body": "wipo-coordination-committee", "members": 83, "present": 83,
            "elections": [{"id": "dg", "candidates": ["A", "B", "C"],
                           "procedure": {"majority": {"fraction": "1/2", "base": "votes_cast",
                                                      "strict": True},
                                         "after_failed_round": {"eliminate": 1},
                                         "ties": "lot"},
                           "model": {"groups": [{"size": 40, "support": {"A": 0.6, "B": 0.4}},
                                                {"size": 43, "support": {"B": "1/2",
                                                                         "C": "1/2"}}],
                                     "withdraw": {"C": 0.5}, "blank": 0.01,
                                     "max_rounds": 10}}]}


def treaty_base() -> dict[str, Any]:
    return {"treaty": "beijing-treaty", "title": "T",
            "instruments": [{"party": "CN", "kind": "ratification", "type": "state",
                             "deposited": "2014-07-09", "source": "S"},
                            {"party": "JP", "kind": "accession", "type": "state",
                             "deposited": "2014-06-10", "notified": "2014-06-20"}],
            "model": {"signatories": [{"party": "FR", "probability": "0.3"},
                                      {"party": "DE", "type": "state", "hazard": 0.2}],
                      "as_of": "2019-06-01", "horizon_years": 5, "samples": 200, "seed": 1}}


def joint_base() -> dict[str, Any]:
    both = ["wipo-coordination-committee", "paris-executive-committee",
            "berne-executive-committee"]
    return {"title": "J", "joint": ["wipo-coordination-committee"], "date": "2026-07-08",
            "members": [{"id": "P1", "present": True,
                         "bodies": ["wipo-coordination-committee", "paris-executive-committee"]},
                        {"id": "B1", "present": True,
                         "bodies": ["wipo-coordination-committee", "berne-executive-committee"]},
                        {"id": "CH", "name": "Switzerland", "present": True, "bodies": both}],
            "decisions": [{"id": "d1", "title": "Nomination",
                           "decided_by": ["wipo-coordination-committee"], "special_count": True,
                           "votes": {"yes": ["P1", "B1"], "no": ["CH"]}}]}


FORMATS: list[Format] = [
    Format("scenario", scenario_base, _write_yaml("scenario.yaml"),
           lambda p: ["evaluate", str(p), "--json"], ("scenario-",)),
    Format("roster-scenario", roster_scenario_base, _write_yaml("scenario.yaml"),
           lambda p: ["evaluate", str(p), "--lang", "fr"]),
    Format("body", body_base, _write_body, lambda p: ["evaluate", str(p)]),
    Format("committee-body", committee_body_base, _write_committee_body,
           lambda p: ["committee", "--scenario", str(p), "--host", "M0"]),
    Format("roster-csv", roster_base, _write_roster, lambda p: ["evaluate", str(p)],
           ("roster-",)),
    Format("model", model_base, _write_yaml("model.yaml"),
           lambda p: ["simulate", str(p), "--samples", "300", "--workers", "1"],
           ("model-",)),
    Format("game", game_base, _write_yaml("game.yaml"), lambda p: ["power", str(p), "--json"],
           ("game-",)),
    Format("proposal", proposal_base, _write_yaml("proposal.yaml"),
           lambda p: ["committee", "--proposal", str(p), "--json"], ("proposal-",)),
    # "elections-model-" files before "elections-" ones: the first matching prefix wins.
    Format("election-model", election_model_base, _write_yaml("election-model.yaml"),
           lambda p: ["simulate", str(p), "--samples", "200", "--workers", "1"],
           ("elections-model-",)),
    Format("elections", election_base, _write_yaml("election.yaml"),
           lambda p: ["elect", str(p), "--lang", "fr"], ("elections-",)),
    Format("treaty", treaty_base, _write_yaml("treaty.yaml"),
           lambda p: ["treaty", str(p), "--simulate", "--lang", "fr"], ("treaty-",)),
    Format("joint", joint_base, _write_yaml("joint.yaml"),
           lambda p: ["evaluate", str(p), "--lang", "fr"], ("joint-",)),
]

# ---------------------------------------------------------------------------------------
# Strategies: break one field of a valid document

NASTY: list[Any] = [
    None, True, False, 0, -1, 1, 3, 2**64, 10**40, 0.5, -0.25, 1e300, float("nan"),
    "", " ", "yes", "no", "abstain", "others", "all", "40", "-3", "1e-999999999", "1e999",
    "1/0", "2/3", "-1/2", "3/2", "\x1b[31mX\x1b[0m", "a\nb", "\u202e", "2026-02-30",
    "20261001", "2026-W40", "9999-12-31", "0001-01-01", [], {}, [1, 2], ["a", "a"],
    {"x": 1}, {"yes": 1}, "x" * 3000, [[[[[[]]]]]], "=cmd|' /C calc'!A0", "berne-assembly",
    "../../etc/passwd.yaml", "members.csv",
]
nasty = st.sampled_from(NASTY)


@st.composite
def broken(draw: st.DrawFn, doc: Any) -> Any:
    """``doc`` with one node replaced, removed or given an unknown sibling."""
    if isinstance(doc, dict) and doc:
        key = draw(st.sampled_from(list(doc)))
        action = draw(st.sampled_from(["replace", "descend", "descend", "drop", "add"]))
        out = dict(doc)
        if action == "replace":
            out[key] = draw(nasty)
        elif action == "descend":
            out[key] = draw(broken(doc[key]))
        elif action == "drop":
            del out[key]
        else:
            out[draw(st.sampled_from(["extra", "yes", "id", "\x1bkey", "1"]))] = draw(nasty)
        return out
    if isinstance(doc, list) and doc:
        i = draw(st.integers(0, len(doc) - 1))
        action = draw(st.sampled_from(["replace", "descend", "descend", "append"]))
        out_list = list(doc)
        if action == "replace":
            out_list[i] = draw(nasty)
        elif action == "descend":
            out_list[i] = draw(broken(doc[i]))
        else:
            out_list.append(draw(st.one_of(nasty, st.just(doc[i]))))
        return out_list
    return draw(nasty)


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> str:
    """A line of ``text`` duplicated, dropped or cut (duplicate keys, truncation)."""
    lines = text.splitlines()
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    action = draw(st.sampled_from(["duplicate", "drop", "cut", "tab"]))
    if action == "duplicate":
        lines.insert(i, lines[i] if lines else "")
    elif action == "drop" and lines:
        del lines[i]
    elif action == "cut":
        return text[: draw(st.integers(0, len(text)))]
    else:
        lines[i:i + 1] = ["\t" + line for line in lines[i:i + 1]]
    return "\n".join(lines) + "\n"


def case_of(fmt: Format) -> st.SearchStrategy[Any]:
    base = fmt.base()
    as_text = _csv_text(base) if fmt.name == "roster-csv" else _yaml_text(base)
    return st.one_of(broken(base), text_mutation(as_text))


FUZZ = settings(max_examples=int(os.environ.get("QUORUM_FUZZ_EXAMPLES", "60")),
                deadline=SECONDS * 1000, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_valid_base_documents_are_accepted(fmt, tmp_path):
    """The strategies start from valid documents: a refusal here would hide the fuzzing."""
    code, out, err = check_invariant(fmt.argv(fmt.write(tmp_path, fmt.base())))
    assert code == 0, err


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_fuzzed_documents_keep_the_invariant(fmt, tmp_path_factory):
    @FUZZ
    @given(case=case_of(fmt))
    def run(case: Any) -> None:
        folder = tmp_path_factory.mktemp(fmt.name)
        check_invariant(fmt.argv(fmt.write(folder, case)))

    run()


# ---------------------------------------------------------------------------------------
# The corpus of nasty files


def _corpus_cases() -> list[tuple[str, Path]]:
    cases = []
    for path in sorted(CORPUS.iterdir()):
        for fmt in FORMATS:
            if fmt.corpus_prefixes and path.name.startswith(fmt.corpus_prefixes):
                cases.append((fmt.name, path))
                break
    return cases


def _corpus_argv(fmt_name: str, path: Path, folder: Path) -> list[str]:
    fmt = next(f for f in FORMATS if f.name == fmt_name)
    if fmt_name == "roster-csv":
        (folder / "roster.csv").write_bytes(path.read_bytes())
        return fmt.argv(_write_roster_scenario_only(folder))
    return fmt.argv(path)


def _write_roster_scenario_only(folder: Path) -> Path:
    path = folder / "scenario.yaml"
    path.write_text("body: berne-assembly\ndate: 2026-10-01\nroster: roster.csv\n"
                    "decisions:\n  - {id: a, votes: {others: yes}}\n", "utf-8")
    return path


CORPUS_CASES = _corpus_cases()


def test_the_corpus_covers_every_format_with_a_prefix():
    assert len(CORPUS_CASES) >= 40
    assert {name for name, _ in CORPUS_CASES} >= {"scenario", "roster-csv", "model", "game",
                                                  "proposal", "elections", "election-model",
                                                  "treaty", "joint"}


@pytest.mark.parametrize("fmt_name,path", CORPUS_CASES, ids=[p.name for _, p in CORPUS_CASES])
def test_corpus_file_keeps_the_invariant(fmt_name, path, tmp_path):
    check_invariant(_corpus_argv(fmt_name, path, tmp_path))


# Inputs built to exhaust memory: traced (tracemalloc slows a run down, so only these).
MEMORY = ["scenario-billion-laughs.yaml", "scenario-deep-nesting.yaml",
          "scenario-huge-exponent.yaml", "scenario-exponent-probability.yaml",
          "model-huge-members.yaml", "game-huge-weights.yaml", "scenario-huge-members.yaml",
          "elections-billion-laughs.yaml", "elections-model-huge-group.yaml",
          "elections-model-huge-voters.yaml", "treaty-huge-work.yaml",
          "treaty-huge-exponent.yaml", "joint-billion-laughs.yaml"]


@pytest.mark.parametrize("name", MEMORY)
def test_corpus_file_runs_in_bounded_memory(name, tmp_path):
    fmt_name = next(f for f, p in CORPUS_CASES if p.name == name)
    argv = _corpus_argv(fmt_name, CORPUS / name, tmp_path)
    if argv[0] == "evaluate" and name.startswith("model-"):
        argv[0] = "simulate"
    tracemalloc.start()
    try:
        code, _, _, _ = run_cli(argv)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code in (0, 2)
    assert peak < PEAK_BYTES, f"{name}: {peak / 1e6:.0f} MB"


# A few through a real process: the installed entry point, real stderr, real exit status.
SUBPROCESS = ["scenario-billion-laughs.yaml", "scenario-deep-nesting.yaml",
              "scenario-ansi-names.yaml", "scenario-huge-exponent.yaml"]


@pytest.mark.parametrize("name", SUBPROCESS)
def test_corpus_file_through_python_m_quorum(name):
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "quorum", "evaluate", str(CORPUS / name)],
                          capture_output=True, text=True, cwd=ROOT, timeout=30)
    elapsed = time.perf_counter() - start
    assert proc.returncode in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr
    if proc.returncode == 2:
        assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert elapsed < 10  # interpreter start included


# ---------------------------------------------------------------------------------------
# Command-line options: bad values are one line too

OPTIONS = [
    ["simulate", "scenarios/whatif-everyone-alike.yaml", "--samples", "abc"],
    ["simulate", "scenarios/whatif-everyone-alike.yaml", "--samples", str(10**12)],
    ["simulate", "scenarios/whatif-everyone-alike.yaml", "--samples", "0"],
    ["sweep", "scenarios/whatif-everyone-alike.yaml", "--param", "support=0:1:100000000"],
    ["sweep", "scenarios/whatif-everyone-alike.yaml", "--param", "members=1:10000000:2"],
    ["sweep", "scenarios/whatif-everyone-alike.yaml", "--param", "support=abc"],
    ["rules", "berne-assembly", "--members", "-5"],
    ["rules", "no-such-body"],
    ["rules", "berne-assembly", "--lang", "de"],
    ["power", "--attendance", "100000"],
    ["committee", "--host", "XX"],
    ["committee", "--method", "lottery"],
    ["walkthrough", "--extraordinary", "--requests", "100000"],
    ["evaluate", "no/such/file.yaml"],
    ["evalute"],
    ["elect", "scenarios/election-dg-2008.yaml", "--lang", "de"],
    ["elect", "scenarios/joint-assemblies.yaml", "--lang", "fr"],
    ["elect", "scenarios/election-dg-2008.yaml", "--committee", "--lang", "fr"],
    ["treaty", "scenarios/treaties/treaty-whatif.yaml", "--simulate", "--samples", "0"],
    ["treaty", "scenarios/treaties/treaty-whatif.yaml", "--simulate", "--seed", "-1"],
    ["treaty", "scenarios/election-dg-2008.yaml", "--lang", "fr"],
    ["treaty-walkthrough", "--lang", "xx"],
    ["joint", "scenarios/joint-assemblies.yaml", "--kind", "bogus", "--lang", "fr"],
    ["joint", "scenarios/treaties/treaty-whatif.yaml"],
    ["election-exercises", "--count", "1000", "--lang", "fr"],
]


@pytest.mark.parametrize("args", OPTIONS, ids=[" ".join(a[:1] + a[2:])[:40] for a in OPTIONS])
def test_bad_option_values_are_one_line_errors(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = check_invariant(args)
    assert code == 2, err


@FUZZ
@given(number=st.one_of(st.integers(-10**15, 10**15), st.sampled_from(["x", "", "1.5", "-"])))
def test_fuzzed_numeric_options_keep_the_invariant(number):
    for args in (["rules", "berne-assembly", "-n", str(number)],
                 ["walkthrough", "--extraordinary", "--requests", str(number)]):
        check_invariant(args)
