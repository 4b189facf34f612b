"""One named test per class of bad input that once got through (docs/robustness.md).

Each test failed before its fix: a silently accepted input, a traceback, a hang, a valid
file refused, unsafe output or an unreadable message.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quorum import ScenarioError, evaluate, get_body
from quorum.cli import app
from quorum.limits import LIMITS, MAX_INPUT_BYTES, MAX_YAML_DEPTH
from quorum.numbers import NumberError, parse_count, parse_fraction
from quorum.periods import parse_iso_date
from quorum.scenario import parse_scenario, read_roster_csv
from quorum.textsafe import formula_safe, one_line
from quorum.yamlio import parse_yaml, read_yaml_file

ROOT = Path(__file__).resolve().parent.parent
BASE = "body: berne-assembly\nmembers: 181\npresent: 100\n"


def refused(text: str, source: str = "bad.yaml") -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario = parse_scenario(text, source)
        evaluate(scenario.session)
    assert "\n" not in info.value.message
    return info.value


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------------------
# 1. YAML: duplicate keys, depth, aliases, size


def test_duplicate_key_at_top_level_is_refused_with_its_name_and_lines():
    err = refused(BASE + "decisions:\n  - {id: a}\ndecisions:\n  - {id: b}\n")
    assert "'decisions'" in err.problem and "4, 6" in err.problem


def test_duplicate_key_deep_in_a_vote_mapping_is_refused():
    err = refused(BASE + "decisions:\n  - {id: a, votes: {yes: 40, yes: 5}}\n")
    assert "'yes'" in err.problem and "twice" in err.problem


def test_merge_keys_are_not_duplicates():
    assert parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n", "m.yaml") == {
        "base": {"x": 1}, "other": {"x": 2}}


def test_deep_nesting_is_an_error_not_a_recursion_error():
    err = refused(BASE + "title: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert str(MAX_YAML_DEPTH) in err.problem


def test_billion_laughs_is_refused_in_bounded_time():
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        text += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    start = time.perf_counter()
    err = refused(BASE + text)
    assert time.perf_counter() - start < 1
    assert "aliases" in err.problem


def test_input_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * MAX_INPUT_BYTES + "\n")
    with pytest.raises(ScenarioError) as info:
        read_yaml_file(path)
    assert "above the limit" in info.value.problem


def test_huge_integer_is_an_error_not_a_traceback():
    err = refused(BASE + "currency_unit: " + "9" * 5000 + "\n")
    assert err.source == "bad.yaml"


def test_dashboard_body_files_go_through_the_single_yaml_entry():
    from dashboard import bodyform

    with pytest.raises(ScenarioError) as info:
        bodyform.from_yaml("quorum: {fraction: 1/2}\nquorum: {fraction: 1/3}\n")
    assert "twice" in info.value.problem


# ---------------------------------------------------------------------------------------
# 2. Numbers


def test_huge_exponent_is_refused_before_any_conversion():
    start = time.perf_counter()
    with pytest.raises(NumberError) as info:
        parse_fraction("1e-999999999")
    assert time.perf_counter() - start < 0.01
    assert "exponent" in info.value.problem


def test_huge_exponent_in_a_body_fraction_names_the_field():
    err = refused("body:\n  quorum: {fraction: \"1e-999999999\"}\n  majorities: "
                  "{simple: {fraction: \"1/2\"}}\nmembers: 10\npresent: 10\n")
    assert err.field == "body.quorum.fraction"


def test_division_by_zero_in_a_contribution_class_is_a_clear_error():
    err = refused("body:\n  quorum: {fraction: \"1/2\"}\n  majorities: {simple: {fraction: "
                  "\"1/2\"}}\n  contributions: {classes: {I: \"1/0\"}}\nmembers: 10\npresent: 10\n")
    assert "divides by zero" in err.problem and "contributions" in err.field


def test_probability_in_exponent_form_is_refused():
    from quorum.probability.model import probability

    with pytest.raises(ValueError, match="not a probability"):
        probability("1e-999999999")


@pytest.mark.parametrize("value", [True, "40", 1.5])
def test_booleans_and_quoted_numbers_are_not_vote_counts(value):
    with pytest.raises(NumberError):
        parse_count(value)
    err = refused(BASE + f"decisions:\n  - {{id: a, votes: {{yes: {value!r}}}}}\n".replace(
        "True", "true"))
    assert err.field == "decisions[0].votes.yes"


# ---------------------------------------------------------------------------------------
# 3. Dates


@pytest.mark.parametrize("value", [0, 20261001, "20261001", "2026-W40-1", "2026-274"])
def test_only_iso_dates_are_dates(value):
    with pytest.raises(NumberError):
        parse_iso_date(value)


def test_integer_communication_date_is_refused_in_a_scenario():
    err = refused(BASE.replace("100", "70") + "decisions:\n  - {id: a, votes: {yes: 40}, "
                  "written: {communicated: 0}}\n")
    assert err.field == "decisions[0].written.communicated" and "YYYY-MM-DD" in err.fix


def test_a_date_near_year_9999_is_an_error_not_an_overflow():
    err = refused(BASE.replace("100", "70") + "decisions:\n  - {id: a, votes: {yes: 40}, "
                  "written: {communicated: 9999-12-01}}\n")
    assert "9989" in err.problem


def test_art_22_3_c_communication_before_the_session_is_refused_not_pending():
    err = refused("body: berne-assembly\ndate: 2026-10-01\nmembers: 181\npresent: 70\n"
                  "decisions:\n  - {id: a, votes: {yes: 40}, written: {communicated: "
                  "2020-01-15}}\n")
    assert err.field == "decisions[0].written.communicated" and "before the session" in \
        err.problem


# ---------------------------------------------------------------------------------------
# 4. Rosters


def test_excel_roster_with_bom_and_semicolons_is_read():
    members = read_roster_csv("\ufeffid;present;name\nA;true;Alpha\nB;false;Beta\n", "r.csv")
    assert [(m.id, m.present, m.name) for m in members] == [("A", True, "Alpha"),
                                                           ("B", False, "Beta")]


@pytest.mark.parametrize("text,problem", [
    ("id,presnt\nA,true\n", "unknown column 'presnt'"),
    ("id,present,id\nA,true,A\n", "appears twice"),
    ("id,present,name\nA,true,\"Alpha\nB,true,Beta\n", "never closed"),
    ("id,present\n,true\n", "no id"),
    ("id,present\nA,true,extra\n", "3 cells"),
    ("id,present,name\nA,true," + "x" * 200_000 + "\n", "longer than"),
    ("name\nA\n", "no 'id' column"),
])
def test_malformed_roster_csv_is_refused_by_name(text, problem):
    with pytest.raises(ScenarioError) as info:
        read_roster_csv(text, "r.csv")
    assert problem in info.value.problem


def test_non_utf8_roster_names_the_file_and_the_fix(tmp_path):
    (tmp_path / "r.csv").write_bytes("id,present,name\nA,true,Côte\n".encode("latin-1"))
    (tmp_path / "s.yaml").write_text("body: berne-assembly\nroster: r.csv\n")
    code, _, err = cli("evaluate", str(tmp_path / "s.yaml"))
    assert code == 2 and "r.csv" in err and "UTF-8" in err


def test_the_same_member_twice_in_a_roster_is_refused():
    err = refused("body: berne-assembly\nmembers: [{id: A, present: true}, {id: A}]\n")
    assert "two members" in err.problem


def test_the_same_member_twice_in_a_votes_mapping_is_refused():
    err = refused("body: berne-assembly\nmembers: [{id: A, present: true}]\ndecisions:\n"
                  "  - {id: a, votes: {A: yes, A: no}}\n")
    assert "twice" in err.problem


@pytest.mark.parametrize("entry,problem", [
    ("{present: true}", "no 'id'"),
    ("FR", "not a member entry"),
    ("{id: [FR]}", "not a text"),
    ("{id: FR, presnt: true}", "unknown field"),
    ("{id: FR, class_: I}", "unknown field"),
    ("{id: FR}\n  - {id: FR}", "given twice"),
])
def test_bad_roster_overrides_are_refused_not_dropped(entry, problem):
    err = refused(f"body: berne-assembly\nroster: berne-union\nmembers:\n  - {entry}\n")
    assert problem in err.problem and err.field.startswith("members[")


def test_members_count_beside_a_roster_is_refused_not_ignored():
    err = refused("body: berne-assembly\nroster: berne-union\nmembers: 181\n")
    assert err.field == "members"


def test_a_member_whose_id_is_a_vote_word_is_voted_by_id():
    scenario = parse_scenario(
        "body: berne-assembly\nmembers: [{id: 'no', present: true}, {id: A, present: true}]\n"
        "decisions:\n  - {id: a, votes: {'no': 'yes', A: 'yes'}}\n", "v.yaml")
    assert dict(scenario.session.decisions[0].member_votes) == {"no": "yes", "A": "yes"}
    listed = parse_scenario(
        "body: berne-assembly\nmembers: [{id: 'no', present: true}, {id: A, present: true}]\n"
        "decisions:\n  - {id: a, votes: {'yes': ['no', A]}}\n", "v.yaml")
    assert dict(listed.session.decisions[0].member_votes) == {"no": "yes", "A": "yes"}


# ---------------------------------------------------------------------------------------
# 5. Written replies the written procedure cannot use: said in the trace (Art. 22(3)(c))


@pytest.mark.parametrize("text,key", [
    (BASE.replace("100", "40") + "decisions:\n  - {id: a, votes: {yes: 30}, "
     "written: {replies: {yes: 3}}}\n", "written.ignored_no_quorum"),
    (BASE.replace("100", "70") + "decisions:\n  - {id: a, votes: {yes: 10, no: 40}, "
     "written: {replies: {yes: 3}}}\n", "written.ignored_rejected"),
    (BASE.replace("100", "70") + "decisions:\n  - {id: a, kind: procedural, votes: {yes: 40}, "
     "written: {replies: {yes: 3}}}\n", "written.ignored_procedural"),
])
def test_art_22_3_c_unusable_written_replies_are_said_to_be_ignored(text, key):
    (outcome,) = evaluate(parse_scenario(text, "w.yaml").session)
    assert outcome.trace[-1].key == key
    for lang in ("en", "fr"):
        assert outcome.trace[-1].render(lang).startswith("3 ")


def test_written_replies_as_counts_are_checked_against_the_absent_members():
    err = refused("body: berne-assembly\nmembers:\n  - {id: A, present: true}\n  - {id: B}\n"
                  "  - {id: C}\ndecisions:\n  - {id: a, votes: {A: yes}, "
                  "written: {replies: {yes: 5}}}\n")
    assert "only 2 members were absent" in err.problem


# ---------------------------------------------------------------------------------------
# 6. Bodies, committee and power files, options checked against the organ


def test_a_quorum_that_can_never_be_met_is_refused():
    err = refused("body:\n  quorum: {fraction: 1, strict: true}\n  majorities: "
                  "{simple: {fraction: \"1/2\"}}\nmembers: 10\npresent: 10\n")
    assert "never be met" in err.problem


def test_negative_contribution_units_are_refused():
    err = refused("body:\n  quorum: {fraction: \"1/2\"}\n  majorities: {simple: {fraction: "
                  "\"1/2\"}}\n  contributions: {classes: {I: -3}}\nmembers: 10\npresent: 10\n")
    assert "negative" in err.problem


def test_absurd_ex_officio_counts_are_refused():
    err = refused("body:\n  quorum: {fraction: \"1/2\"}\n  majorities: {simple: {fraction: "
                  "\"1/2\"}}\n  executive_committee: {fraction: \"1/4\", ex_officio: "
                  "1000000000000}\nmembers: 10\npresent: 10\n")
    assert "too large" in err.problem


@pytest.mark.parametrize("text,problem", [
    ("elected: [FR, DE]\nprevious: FRDE\n", "not a list"),
    ("elected: [FR, DE]\nprevious: 5\n", "not a list"),
    ("elected: FR\n", "not a list"),
    ("elected: [FR]\nelcted: [IT]\n", "unknown field"),
])
def test_committee_proposals_are_validated(tmp_path, text, problem):
    (tmp_path / "p.yaml").write_text(text)
    code, _, err = cli("committee", "--proposal", str(tmp_path / "p.yaml"))
    assert code == 2 and problem in err


def test_committee_host_must_be_a_roster_member():
    code, _, err = cli("committee", "--host", "XX")
    assert code == 2 and "'XX'" in err


def test_power_attendance_above_the_membership_is_an_error():
    code, _, err = cli("power", "--attendance", "100000")
    assert code == 2 and "--attendance" in err


def test_walkthrough_requests_above_the_members_is_an_error():
    code, _, err = cli("walkthrough", "--extraordinary", "--requests", "100000")
    assert code == 2 and "--requests" in err


def test_power_game_names_as_a_string_are_refused(tmp_path):
    (tmp_path / "g.yaml").write_text("game: {quota: 3, weights: [2, 1, 1], names: ABC}\n")
    code, _, err = cli("power", str(tmp_path / "g.yaml"))
    assert code == 2 and "game.names" in err


# ---------------------------------------------------------------------------------------
# 7. Sizes


def test_every_limit_is_listed_in_the_documentation():
    doc = (ROOT / "docs" / "robustness.md").read_text("utf-8")
    for name, value, _ in LIMITS:
        assert name in doc and f"{value:,}" in doc, name


@pytest.mark.parametrize("args,what", [
    (["simulate", "scenarios/whatif-everyone-alike.yaml", "--samples", str(10**12)],
     "samples"),
    (["sweep", "scenarios/whatif-everyone-alike.yaml", "--param",
      "support=0:1:100000000"], "sweep points"),
    (["sweep", "scenarios/whatif-everyone-alike.yaml", "--param", "support=0:1:1000",
      "--param", "attendance=0:1:1000"], "points of the sweep grid"),
])
def test_sizes_above_their_limit_are_refused(args, what, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = cli(*args)
    assert code == 2 and what in err


def test_model_members_above_the_limit_are_refused(tmp_path):
    (tmp_path / "m.yaml").write_text("body: berne-assembly\nmembers: 50000\nmodel: {present: "
                                     "0.5, vote: {yes: 1}}\ndecisions: [{id: a}]\n")
    code, _, err = cli("simulate", str(tmp_path / "m.yaml"))
    assert code == 2 and "what-if model" in err


def test_a_huge_group_size_in_a_model_is_refused_before_any_member_is_built(tmp_path):
    (tmp_path / "m.yaml").write_text("body: berne-assembly\nmembers: 12\nmodel: {present: 0.5, "
                                     "vote: {yes: 1}, groups: {african: {size: 1000000000000}}}"
                                     "\ndecisions: [{id: a}]\n")
    start = time.perf_counter()
    code, _, err = cli("simulate", str(tmp_path / "m.yaml"))
    assert code == 2 and "model.groups" in err and time.perf_counter() - start < 2


def test_game_weights_above_the_limit_are_refused(tmp_path):
    (tmp_path / "g.yaml").write_text("game: {quota: 6, weights: [1000000000000, 3, 2]}\n")
    code, _, err = cli("power", str(tmp_path / "g.yaml"))
    assert code == 2 and "sum of the weights" in err


# ---------------------------------------------------------------------------------------
# 8. Output safety


def test_control_characters_in_ids_and_names_are_escaped_on_the_terminal(tmp_path):
    (tmp_path / "s.yaml").write_text(
        'title: "\\e[2JPWNED\\nquorum: forged"\nbody: berne-assembly\nmembers:\n'
        '  - {id: "A\\e[31m", present: true}\ndecisions:\n'
        '  - {id: "d\\nforged", votes: {"A\\e[31m": yes}}\n')
    code, out, _ = cli("evaluate", str(tmp_path / "s.yaml"))
    assert code == 0
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert not any(line.startswith("quorum: forged") for line in out.splitlines())


def test_one_line_escapes_c1_controls_and_keeps_text():
    assert one_line("Côte d'Ivoire") == "Côte d'Ivoire"
    assert one_line("a\x9bb\nc") == "a\\x9bb\\nc"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_cells_that_would_be_formulas_are_neutralised(cell):
    assert formula_safe(cell) == "'" + cell
    assert formula_safe(-1) == -1 and formula_safe("Alpha") == "Alpha"


def test_sweep_csv_export_is_formula_safe(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    (tmp_path / "s.yaml").write_text(
        "body: berne-assembly\nmembers: 12\nmodel: {present: 0.5, vote: {yes: 0.6, no: 0.4}}\n"
        "decisions: [{id: \"=HYPERLINK(1)\"}]\n")
    out = tmp_path / "out.csv"
    code, _, err = cli("sweep", str(tmp_path / "s.yaml"), "--param", "support=0.5",
                       "--out", str(out), "--workers", "1", "--samples", "100")
    assert code == 0, err
    text = out.read_text()
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text


# ---------------------------------------------------------------------------------------
# 9. Messages


def test_a_missing_required_field_says_it_is_missing():
    err = refused("body: berne-assembly\npresent: 10\n")
    assert err.field == "members" and "missing" in err.problem and "None" not in err.message


@pytest.mark.parametrize("text", [
    "body:\n  quorum: {fraction: \"1/2\"}\n  majorities: {simple: {fraction: \"1/2\"}}\n"
    "  arrears: {preceding_years: x}\nmembers: 10\npresent: 10\n",
    "body:\n  quorum: {fraction: \"3/2\"}\n  majorities: {simple: {fraction: \"1/2\"}}\n"
    "members: 10\npresent: 10\n",
    BASE + "decisions: [{id: a, votes: {yes: -1}}]\n",
    BASE + "decisions: 5\n",
])
def test_messages_hold_no_internal_names(text):
    err = refused(text)
    for internal in ("ArrearsDef", "Fraction(", "(None)", "pydantic", "Input should"):
        assert internal not in err.message


def test_bad_option_value_is_one_line_not_a_usage_box(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = cli("simulate", "scenarios/whatif-everyone-alike.yaml", "--samples", "abc")
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("quorum: ")


def test_errors_render_in_french_with_their_key():
    err = refused("body: berne-assembly\npresent: 10\n")
    assert err.key == "missing"
    assert err.render("fr").startswith("bad.yaml : champ « members » : ce champ obligatoire "
                                       "manque. Correction : ")
    assert err.render("en").startswith("bad.yaml: field 'members': this required field is "
                                       "missing. Fix: ")
    code, _, text = cli("evaluate", "no-such-file.yaml", "--lang", "fr")
    assert code == 2 and "fichier introuvable" in text


# ---------------------------------------------------------------------------------------
# 10. Legal points found with real UN votes


def test_un_charter_art_108_amendment_awaits_ratification_not_executory():
    scenario = parse_scenario("body: un-general-assembly\nmembers: 193\npresent: 180\n"
                              "decisions:\n  - {id: a, kind: amendment, votes: {yes: 140}}\n",
                              "un.yaml")
    (outcome,) = evaluate(scenario.session)
    assert outcome.adopted and outcome.status.value == "awaiting-ratification"
    last = outcome.trace[-1]
    assert last.article == "UN Charter Art. 108" and last.get("required") == 129
    assert "permanent members of the Security Council" in last.render("en")
    assert "membres permanents du Conseil de sécurité" in last.render("fr")


def test_un_ga_rule_67_quorum_reads_more_than_half():
    scenario = parse_scenario("body: un-general-assembly\nmembers: 193\npresent: 100\n",
                              "un.yaml")
    assert scenario.rules == get_body("un-general-assembly")
    scenario = parse_scenario("body: un-general-assembly\nmembers: 193\npresent: 100\n"
                              "decisions: [{id: a, votes: {yes: 60}}]\n", "un.yaml")
    (outcome,) = evaluate(scenario.session)
    count = next(s for s in outcome.trace if s.key == "quorum.count")
    assert "more than half of the members, that is 97" in count.render("en")
    assert "plus de la moitié des membres" in count.render("fr")
    assert "1/2 of the members" not in count.render("en")


def test_art_23_5_b_reelection_cap_left_out_takes_its_documented_default(tmp_path):
    (tmp_path / "s.yaml").write_text(
        "body:\n  quorum: {fraction: \"1/2\"}\n  majorities: {simple: {fraction: \"1/2\"}}\n"
        "  executive_committee: {fraction: \"1/4\"}\nmembers:\n"
        + "".join(f"  - {{id: M{i}, present: true, group: african}}\n" for i in range(8)))
    code, out, err = cli("committee", "--scenario", str(tmp_path / "s.yaml"), "--host", "",
                         "--json")
    assert code == 0, err
    assert '"reelection_cap": 2' in out


# ---------------------------------------------------------------------------------------
# Properties of the shared readers


from fractions import Fraction  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=200)
@given(st.fractions(min_value=-10**9, max_value=10**9, max_denominator=10**6))
def test_parse_fraction_reads_back_every_fraction_it_is_given(value):
    assert parse_fraction(f"{value.numerator}/{value.denominator}", negative=True) == value
    assert parse_fraction(value, negative=True) == value


@settings(max_examples=300, deadline=200)
@given(st.text(alphabet="0123456789eE+-./ x", max_size=40))
def test_parse_fraction_either_reads_or_refuses_cheaply(text):
    try:
        result = parse_fraction(text, negative=True)
    except NumberError as exc:
        assert exc.problem and exc.fix and exc.key
    else:
        assert isinstance(result, Fraction)
        assert abs(result.numerator).bit_length() < 400 and result.denominator.bit_length() < 400


# Text without control or line-break characters (PyYAML's emitter mangles U+0085 itself).
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=5)


@settings(max_examples=200, deadline=500)
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), _TEXT),
                    lambda kids: st.one_of(st.lists(kids, max_size=4),
                                           st.dictionaries(_TEXT, kids, max_size=4)),
                    max_leaves=30))
def test_yaml_round_trips_what_safe_dump_writes(value):
    import yaml

    text = yaml.safe_dump({"v": value}, allow_unicode=True)
    assert parse_yaml(text, "p.yaml") == {"v": value}


def test_un_charter_art_108_walkthrough_does_not_call_the_amendment_executory(tmp_path):
    (tmp_path / "un.yaml").write_text("body: un-general-assembly\nmembers: 193\npresent: 180\n"
                                      "decisions:\n  - {id: a, kind: amendment, votes: "
                                      "{yes: 140, no: 10}}\n")
    for lang, executory in (("en", "adopted and executory"), ("fr", "adoptée et exécutoire")):
        code, out, err = cli("walkthrough", str(tmp_path / "un.yaml"), "--lang", lang)
        assert code == 0, err
        assert executory not in out and "ratifi" in out
