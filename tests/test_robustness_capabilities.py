"""Elections, treaties and joint sessions under the robustness regime (docs/robustness.md).

One named test per class, each of which failed before these formats were brought under
the shared readers: untranslated errors, numbers and dates read without bounds, sizes
without limits, raw control characters on the terminal, silently accepted input.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.explain import catalogue
from quorum.limits import (
    MAX_CANDIDATES,
    MAX_ELECTION_VOTERS,
    MAX_JOINT_BODIES,
    MAX_TREATY_WORK,
)
from quorum.textsafe import one_line

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"

ELECTION = """body: wipo-coordination-committee
members: 83
present: 83
elections:
  - id: dg
    candidates: [A, B, C]
    procedure: wipo-dg-2019
    rounds:
      - votes: {A: 40, B: 30, C: 13}
"""
MODEL = ELECTION.replace("    rounds:\n      - votes: {A: 40, B: 30, C: 13}\n", "    model:\n")
TREATY = """treaty: beijing-treaty
instruments:
  - {party: CN, kind: ratification, type: state, deposited: 2014-07-09}
  - {party: JP, kind: accession, type: state, deposited: 2014-06-10}
model:
  signatories:
    - {party: FR, probability: "0.3"}
  samples: 100
"""
JOINT = """joint: [wipo-coordination-committee]
date: 2026-07-08
members:
  - {id: P1, present: true, bodies: [wipo-coordination-committee, paris-executive-committee]}
  - {id: B1, present: true, bodies: [wipo-coordination-committee, berne-executive-committee]}
  - {id: CH, name: Switzerland, present: true,
     bodies: [wipo-coordination-committee, paris-executive-committee, berne-executive-committee]}
decisions:
  - id: d1
    decided_by: [wipo-coordination-committee]
    special_count: true
    votes: {yes: [P1, B1], no: [CH]}
"""


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


def run(tmp_path: Path, text: str, *args: str, name: str = "f.yaml") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return cli(args[0], str(path), *args[1:])


def refused(tmp_path: Path, text: str, *args: str) -> str:
    code, _, err = run(tmp_path, text, *args)
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("quorum: "), err
    return err


# ---------------------------------------------------------------------------------------
# 1. Every error of the new capabilities is a message key, in English and French

MODULES = [*ROOT.glob("quorum/elections/*.py"), *ROOT.glob("quorum/treaties/*.py"),
           *ROOT.glob("quorum/joint/*.py"),
           *(ROOT / "quorum" / "cli" / f"{n}.py" for n in (
               "elect", "election_exercises", "treaty", "joint", "joint_output", "power",
               "committee", "whatif_options", "walkthrough", "simulate")),
           ROOT / "quorum" / "probability" / "sweep.py",
           ROOT / "quorum" / "probability" / "swing.py"]


def _unkeyed_errors() -> list[str]:
    out = []
    for path in MODULES:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("ScenarioError", "ElectionError", "_err") and not any(
                    k.arg == "key" for k in node.keywords):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return out


def test_every_error_of_elections_treaties_joint_and_their_commands_has_a_key():
    assert not _unkeyed_errors()


def test_no_bare_value_error_reaches_the_user_from_the_new_commands():
    """`--requests`, `--count`, `--samples`, `--seed` used to be English ValueErrors."""
    for name in ("walkthrough", "election_exercises", "treaty"):
        source = (ROOT / "quorum" / "cli" / f"{name}.py").read_text("utf-8")
        assert "raise ValueError" not in source, name


@pytest.mark.parametrize("text,args", [
    (ELECTION.replace("[A, B, C]", "[A, B, A]"), ("elect", "--lang", "fr")),
    (ELECTION.replace("C: 13", "C: 13, Z: 1"), ("elect", "--lang", "fr")),
    (TREATY.replace("party: JP", "party: CN"), ("treaty", "--lang", "fr")),
    (TREATY.replace("samples: 100", "samples: 0"), ("treaty", "--simulate", "--lang", "fr")),
    (JOINT.replace("decided_by: [wipo-coordination-committee]",
                   "decided_by: [paris-assembly]"), ("evaluate", "--lang", "fr")),
    (ELECTION.replace("body: wipo-coordination-committee\n", "body: berne-assembly\n"),
     ("joint", "--lang", "fr")),
])
def test_errors_of_the_new_formats_are_printed_in_french(tmp_path, text, args):
    err = refused(tmp_path, text, *args)
    assert "Correction :" in err and "Fix:" not in err


def test_election_exercises_count_and_walkthrough_requests_are_translated():
    code, _, err = cli("election-exercises", "--count", "0", "--lang", "fr")
    assert code == 2 and "Correction" in err and "--count" in err
    code, _, err = cli("walkthrough", "--requests", "3", "--lang", "fr")
    assert code == 2 and "extraordinaire" in err


def test_every_new_error_key_has_both_languages():
    en, fr = catalogue("en"), catalogue("fr")
    keys = [k for k in en if k.startswith(("error.el_", "error.tr_", "error.jo_", "error.pw_"))]
    assert len(keys) > 150
    assert not [k for k in keys if k not in fr]


# ---------------------------------------------------------------------------------------
# 2. Numbers, dates and sizes through the shared readers and limits


@pytest.mark.parametrize("text,args", [
    (MODEL + "      support: {A: \"1e-999999999\", B: 0.5}\n", ("elect",)),
    (ELECTION.replace("procedure: wipo-dg-2019", "procedure:\n      majority: {fraction: "
                      "\"1e-999999999\", base: votes_cast, strict: true}\n      "
                      "after_failed_round: {eliminate: 1}\n      ties: lot"), ("elect",)),
    (TREATY.replace('"0.3"', '"1e-999999999"'), ("treaty", "--simulate")),
])
def test_exponent_bombs_in_elections_and_treaties_are_refused_at_once(tmp_path, text, args):
    start = time.perf_counter()
    err = refused(tmp_path, text, *args)
    assert time.perf_counter() - start < 2
    assert "exponent" in err


@pytest.mark.parametrize("text,args,word", [
    (MODEL + "      support: {A: \"1/0\", B: 0.5}\n", ("elect",), "divides by zero"),
    (TREATY.replace('"0.3"', '"1/0"'), ("treaty", "--simulate"), "divides by zero"),
    (ELECTION.replace("A: 40", "A: true"), ("elect",), "True"),
    (ELECTION.replace("A: 40", "A: '40'"), ("elect",), "'40'"),
    (TREATY.replace("samples: 100", "samples: true"), ("treaty", "--simulate"), "samples"),
    (TREATY.replace("2014-06-10", "20140610"), ("treaty",), "20140610"),
    (TREATY.replace("2014-06-10", "2014-W24-2"), ("treaty",), "2014-W24-2"),
    (TREATY.replace("2014-06-10", "9999-12-31"), ("treaty",), "9989"),
    (JOINT.replace("2026-07-08", "20260708"), ("evaluate",), "20260708"),
])
def test_numbers_and_dates_of_the_new_formats_go_through_the_shared_readers(
        tmp_path, text, args, word):
    assert word in refused(tmp_path, text, *args)


@pytest.mark.parametrize("text,args,limit", [
    (ELECTION.replace("[A, B, C]", "[" + ", ".join(f"C{i}" for i in range(60)) + "]"),
     ("elect",), MAX_CANDIDATES),
    (MODEL + "      groups: [{size: 1000000000, support: {A: 1}}]\n", ("elect",),
     MAX_ELECTION_VOTERS),
    (MODEL + "      support: {A: 0.5, B: 0.5}\n      voters: 100000000\n", ("elect",),
     MAX_ELECTION_VOTERS),
    (JOINT.replace("joint: [wipo-coordination-committee]",
                   "joint: [" + ", ".join(["wipo-coordination-committee"] * 40) + "]"),
     ("evaluate",), MAX_JOINT_BODIES),
])
def test_sizes_of_the_new_formats_are_bounded(tmp_path, text, args, limit):
    start = time.perf_counter()
    err = refused(tmp_path, text, *args)
    assert f"{limit:,}" in err and time.perf_counter() - start < 2


def test_a_treaty_what_if_too_large_to_sort_is_refused(tmp_path):
    err = refused(tmp_path, (CORPUS / "treaty-huge-work.yaml").read_text(), "treaty",
                  "--simulate")
    assert f"{MAX_TREATY_WORK:,}" in err


def test_election_what_if_samples_times_voters_is_bounded(tmp_path):
    text = MODEL + "      support: {A: 0.5, B: 0.3, C: 0.2}\n      voters: 2000\n"
    err = refused(tmp_path, text, "simulate", "--samples", "10000000", "--workers", "1")
    assert "samples x voters x candidates" in err


# ---------------------------------------------------------------------------------------
# 3. Terminal output


@pytest.mark.parametrize("name,args", [
    ("elections-ansi-candidate.yaml", ("elect",)),
    ("treaty-ansi-title.yaml", ("treaty", "--simulate")),
    ("joint-ansi-names.yaml", ("evaluate",)),
])
def test_control_characters_of_the_new_formats_never_reach_the_terminal(name, args):
    code, out, err = cli(args[0], str(CORPUS / name), *args[1:])
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out
    assert "\\x1b" in out


def test_the_new_commands_print_only_through_echo():
    for name in ("elect", "election_exercises", "treaty", "joint", "joint_output"):
        source = (ROOT / "quorum" / "cli" / f"{name}.py").read_text("utf-8")
        assert "typer.echo(" not in source and "print(" not in source, name


def test_french_digit_groups_are_printed_as_spaces_not_escapes():
    assert one_line("1\u202f000\u00a0%") == "1\u202f000\u00a0%"
    assert one_line("a\u2028b") == "a\\u2028b"


# ---------------------------------------------------------------------------------------
# 5. Silently accepted before


@pytest.mark.parametrize("text,args,word", [
    (ELECTION.replace("candidates: [A, B, C]", "seats: 5\n    candidates: [A, B, C]"),
     ("elect",), "5 seats but only 3 candidates"),
    (ELECTION.replace("- id: dg", "- id: dg\n    title: [a, b]"), ("elect",), "title"),
    (ELECTION.replace("candidates: [A, B, C]",
                      "candidates:\n      A: {name: [x]}\n      B: null\n      C: null"),
     ("elect",), "candidates.A.name"),
    (JOINT.replace("[wipo-coordination-committee, paris-executive-committee]}\n  - {id: B1",
                   "[wipo-coordination-committee, wipo-coordination-committee]}\n  - {id: B1"),
     ("evaluate",), "named twice"),
    (JOINT.replace("special_count: true", "special_count: 1"), ("evaluate",), "true or false"),
    (TREATY.replace("2014-06-10", "2001-01-01"), ("treaty",), "before the adoption"),
    (TREATY.replace("party: FR", "party: CN"), ("treaty", "--simulate"), "already has"),
])
def test_inputs_once_accepted_silently_are_refused_by_name(tmp_path, text, args, word):
    assert word in refused(tmp_path, text, *args)


def test_joint_card_of_a_decision_kind_no_body_has_is_refused():
    code, _, err = cli("joint", str(ROOT / "scenarios" / "joint-assemblies.yaml"), "--kind",
                       "bogus")
    assert code == 2 and "'bogus'" in err and "director-general" in err


# The dashboard's election tables: counts are read whole, never truncated or overwritten.

DG2020 = ROOT / "scenarios" / "election-dg-2020.yaml"


@pytest.mark.parametrize("column,value,word", [
    ("votes", "SG: 40, SG: 43", "twice"),
    ("votes", "SG: " + "9" * 40, "cannot read"),
    ("blank", 1.5, "1.5"),
    ("blank", float("inf"), "inf"),
])
def test_dashboard_election_tables_refuse_what_they_used_to_truncate(column, value, word):
    from dashboard import elections as el
    from quorum.errors import ScenarioError
    from quorum.scenario import load_scenario

    scenario = load_scenario(DG2020)
    election = scenario.elections[0]
    rounds = el.rounds_frame(election)
    if column == "blank":
        rounds = rounds.astype({"blank": "float64"})
    rounds.loc[2, column] = value
    with pytest.raises(ScenarioError) as info:
        el.apply_tables(scenario, 0, el.candidates_frame(election), rounds)
    assert word in info.value.message
    assert "Correction" in info.value.render("fr")
