"""The dashboard's logic without a browser: edits, links, labels, tables and charts."""

from __future__ import annotations

import base64
import copy
import json
import re
import zlib
from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard import bodyform, charts, edits, frames, i18n, state, urlstate
from quorum import (
    Choice,
    Decision,
    QuorumState,
    ScenarioError,
    Status,
    Votes,
    evaluate,
    get_body,
    preset_names,
    voting_right,
)
from quorum.bodies import body_to_mapping
from quorum.finance import contribution_shares
from quorum.members import arrears_threshold
from quorum.roster import GROUPS
from quorum.scenario import (
    MAX_UPLOAD_BYTES,
    load_default_scenario,
    load_scenario,
    scenario_to_mapping,
)
from quorum.yamlio import safe_load

from .conftest import ROOT, SCENARIOS

DEFAULT = load_default_scenario()
DECISION = DEFAULT.session.decisions[0].id


def outcome(scenario):
    return evaluate(scenario.session)[0]


def same(a, b) -> bool:
    """Identical scenarios, whatever file name they were read from."""
    return replace(a.session, source="x") == replace(b.session, source="x") and \
        scenario_to_mapping(a) == scenario_to_mapping(b)


# --- Labels -------------------------------------------------------------------------------

def test_both_catalogues_have_the_same_keys():
    assert set(i18n.catalogue("en")) == set(i18n.catalogue("fr"))


def test_every_label_the_code_asks_for_exists():
    keys = set()
    pattern = re.compile(r"""\b(?:t|label)\(\s*["']([a-z_.-]+)["']""")
    for path in [ROOT / "app.py", *(ROOT / "dashboard").glob("*.py"),
                 *(ROOT / "app_pages").glob("*.py")]:
        keys |= set(pattern.findall(path.read_text("utf-8")))
    # Keys built from values.
    keys |= {f"status.{s.value}" for s in Status} | {f"quorum.{q.value}" for q in QuorumState}
    keys |= {f"vote.{c.value}" for c in Choice}
    keys |= {f"written.mode_{m}" for m in ("running", "counts", "members")}
    keys |= {f"finances.vote_{v}" for v in ("keeps", "lost", "exception")}
    keys |= {f"card.{name}" for name in frames._CARD_FIELDS}
    keys |= {f"power.{name}" for name in frames.POWER_INDICES}
    keys |= {f"power.{when}" for when in ("before", "after")}
    keys |= {f"rules.base_{base}" for base in bodyform.BASES}
    keys |= {"nav.walkthrough", "nav.exercises"}
    dashboard_keys = {k for k in keys if k.split(".")[0] in {
        "nav", "sidebar", "common", "link", "status", "quorum", "vote", "roster", "charts",
        "session", "written", "finances", "whatif", "rules", "card", "power"}}
    missing = sorted(k for k in dashboard_keys
                     if not k.endswith(".") and k not in i18n.catalogue("en"))
    assert not missing


def test_labels_fill_their_parameters_in_each_language():
    assert i18n.label("charts.represented_of", "en", represented=1234, members=2000) == \
        "1,234 of 2,000 represented"
    assert i18n.label("charts.represented_of", "fr", represented=1234, members=2000) == \
        "1\u202f234 représentés sur 2\u202f000"
    assert i18n.group_name("grulac", "fr").startswith("Groupe des pays d'Amérique latine")
    assert i18n.money(Fraction(12345678, 100), "fr") == "123\u202f456,78"


# --- Edits --------------------------------------------------------------------------------

def test_absent_members_lose_their_votes():
    roster = tuple(replace(m, present=False) if m.id == "US" else m
                   for m in DEFAULT.session.roster)
    changed = edits.with_roster(DEFAULT, roster)
    assert "US" not in dict(changed.session.decisions[0].member_votes)
    assert outcome(changed).represented == 178


def test_roster_edits_vote_implies_presence_and_absence_drops_the_vote():
    absent = edits.group_absent(DEFAULT, "china")
    row_ids = tuple(m.id for m in edits.organ(absent))
    cn = row_ids.index("CN")
    scenario, rebuild = edits.apply_roster_edits(absent, {cn: {"vote_0": "no"}}, row_ids)
    assert rebuild and dict(scenario.session.decisions[0].member_votes)["CN"] is Choice.NO
    assert next(m for m in scenario.session.roster if m.id == "CN").present
    scenario, rebuild = edits.apply_roster_edits(
        absent, {cn: {"vote_0": "no", "present": False}}, row_ids)
    assert rebuild and "CN" not in dict(scenario.session.decisions[0].member_votes)
    us = row_ids.index("US")
    scenario, rebuild = edits.apply_roster_edits(
        DEFAULT, {us: {"vote_0": "yes", "arrears": 12.5, "exception": True}}, row_ids)
    member = next(m for m in scenario.session.roster if m.id == "US")
    assert not rebuild and member.arrears == Fraction(25, 2) and member.arrears_exception
    assert dict(scenario.session.decisions[0].member_votes)["US"] is Choice.YES


def test_quick_actions():
    abstain = edits.everyone_abstains(DEFAULT)
    assert outcome(abstain).status is Status.REJECTED and outcome(abstain).abstain == 179
    assert edits.all_present(edits.group_absent(DEFAULT, "african")).session.present == 179
    assert edits.random_attendance(DEFAULT, 3, 0.5) == edits.random_attendance(DEFAULT, 3, 0.5)
    assert edits.random_attendance(DEFAULT, 3, 0.0).session.present == 0
    group = edits.group_absent(DEFAULT, "group-b")
    assert all(not m.present for m in group.session.roster if m.group == "group-b")


@given(seed=st.integers(min_value=0, max_value=10_000))
@example(seed=0)
def test_art22_3_c_the_reduced_band_action_lands_in_the_band(seed):
    banded = edits.reduced_band(DEFAULT, seed)
    result = outcome(banded)
    assert result.quorum is QuorumState.REDUCED
    assert banded.session.decisions[0].written.communicated == DEFAULT.session.date
    assert result.status in (Status.PENDING, Status.REJECTED)


def test_reduced_band_without_a_band_changes_nothing():
    committee = load_scenario(SCENARIOS / "executive-committee-tie.yaml")
    assert edits.reduced_band(committee, 1) == committee


def test_aggregate_counts_are_scaled_to_fit_the_members_present():
    pending = load_scenario(SCENARIOS / "assembly-reduced-quorum-pending.yaml")
    fewer = edits.set_counts(pending, present=30)
    votes = fewer.session.decisions[0].votes
    assert votes.total <= 30
    decision = pending.session.decisions[0].id
    assert edits.set_counts(pending, votes={decision: Votes(1, 2, 3)}).session.decisions[0] \
        .votes == Votes(1, 2, 3)


def test_written_replies_edits():
    banded = edits.reduced_band(DEFAULT, 1)
    absent = tuple(m.id for m in edits.organ(banded) if not m.present)
    needed = outcome(banded).written_replies_needed
    rows = {i: {"reply": "yes"} for i in range(needed)}
    replied = edits.apply_reply_edits(banded, DECISION, rows, absent)
    assert outcome(replied).status is Status.EXECUTORY
    fewer = edits.apply_reply_edits(replied, DECISION, {0: {"reply": None}}, absent)
    assert outcome(fewer).status is Status.LAPSED
    counted = edits.set_written(banded, DECISION, replies=Votes(0, len(absent), 0))
    assert outcome(counted).status is Status.LAPSED  # the majority no longer holds
    # Back in session, the absent members' replies are dropped with them.
    assert edits.all_present(replied).session.decisions[0].written.member_replies == ()


def test_arrears_edits_and_dues():
    years = (2024, 2025, 2026)
    dues = {m.id: dict.fromkeys(years, Fraction(100)) for m in edits.organ(DEFAULT)}
    with_dues = edits.with_dues(DEFAULT, dues)
    row_ids = tuple(m.id for m in edits.organ(with_dues))
    us = row_ids.index("US")
    owing = edits.apply_arrears_edits(with_dues, {us: {"arrears": 200}}, row_ids, years)
    assert "votes.not_counted" in [s.key for s in outcome(owing).trace]
    paid = edits.apply_arrears_edits(owing, {us: {"dues_2025": 150}}, row_ids, years)
    assert "votes.not_counted" not in [s.key for s in outcome(paid).trace]
    group = edits.group_in_arrears(with_dues, "group-b", (2024, 2025))
    assert all(m.arrears == 200 for m in group.session.roster if m.group == "group-b")
    assert all(m.arrears == 0 for m in edits.without_arrears(group).session.roster)


def test_dues_from_shares_are_the_exact_shares_in_currency_units():
    years = (2024, 2025, 2026)
    total = 1_234_567
    scenario = edits.dues_from_shares(DEFAULT, total, years)
    shares = {s.member_id: s.amount
              for s in contribution_shares(DEFAULT.rules, edits.organ(DEFAULT), total)}
    roster = {m.id: m for m in scenario.session.roster}
    assert shares and set(shares) <= set(roster)
    for member_id, exact in shares.items():
        due = roster[member_id].due_in(2025)
        assert due.denominator == 1 and abs(due - exact) <= Fraction(1, 2)
        assert roster[member_id].dues == tuple((y, due) for y in years)
    assert sum(roster[m].due_in(2026) for m in shares) == pytest.approx(total, abs=len(shares))
    halves = replace(DEFAULT, session=replace(DEFAULT.session, currency_unit=Fraction(1, 2)))
    fine = edits.dues_from_shares(halves, 1000, (2026,))
    assert all((2 * m.due_in(2026)).denominator == 1 for m in fine.session.roster)


def test_a_group_in_arrears_owes_its_threshold_by_default():
    dues = {m.id: {2024: Fraction(100), 2025: Fraction(150), 2026: Fraction(7)}
            for m in edits.organ(DEFAULT)}
    with_dues = edits.with_dues(DEFAULT, dues)
    group = edits.group_in_arrears(with_dues, "group-b")
    assert group == edits.group_in_arrears(with_dues, "group-b", (2024, 2025))
    on = DEFAULT.session.date
    owing = [m for m in group.session.roster if m.group == "group-b"]
    assert owing and all(
        m.arrears == arrears_threshold(m, DEFAULT.rules.arrears, on) == 250 for m in owing)
    assert all(not voting_right(m, DEFAULT.rules.arrears, on).has_vote for m in owing)


@pytest.mark.parametrize("typed,exact", [(None, Fraction(0)), ("", Fraction(0)),
                                         (0.1, Fraction(1, 10)), (12, Fraction(12)),
                                         ("1250.50", Fraction(2501, 2))])
def test_amounts_typed_in_cells_are_exact(typed, exact):
    assert edits.amount(typed) == exact


@pytest.mark.parametrize("typed", [-1, "abc", True])
def test_bad_amounts_are_refused(typed):
    with pytest.raises(ValueError):
        edits.amount(typed)


# --- Uploads and downloads ----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in SCENARIOS.glob("*.yaml")))
def test_every_bundled_scenario_downloads_and_reads_back_identically(name):
    try:
        scenario = load_scenario(SCENARIOS / name)
    except ScenarioError:
        pytest.skip("not a loadable scenario")
    assert same(state.read_upload("copy.yaml", state.download_bytes(scenario)), scenario)


def test_edited_scenarios_download_and_read_back_identically():
    scenario = edits.apply_reply_edits(edits.reduced_band(DEFAULT, 4), DECISION,
                                       {0: {"reply": "no"}, 3: {"reply": "abstain"}},
                                       tuple(m.id for m in edits.organ(
                                           edits.reduced_band(DEFAULT, 4)) if not m.present))
    scenario = edits.group_in_arrears(edits.with_dues(scenario, {"FR": {2024: Fraction(5)}}),
                                      "group-b", (2024, 2025))
    assert same(state.read_upload("s.yaml", state.download_bytes(scenario)), scenario)


def test_uploads_are_limited_in_size_and_may_not_read_files():
    with pytest.raises(ScenarioError, match="above the limit"):
        state.read_upload("big.yaml", b"#" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        state.read_upload("bin.yaml", b"\xff\xfe\x00")
    for ref in ("roster: /etc/passwd.csv", "body: ../secret.yaml"):
        with pytest.raises(ScenarioError, match="not allowed here"):
            state.read_upload("x.yaml", f"{ref}\nmembers: 3\npresent: 2\n".encode())
    with pytest.raises(ScenarioError, match="not valid YAML"):
        state.read_upload("x.yaml", b"body: [unclosed")
    with pytest.raises(ScenarioError):
        state.read_upload("x.yaml", b"!!python/object/apply:os.system ['true']")


# --- Links --------------------------------------------------------------------------------

ACTIONS = st.sampled_from([
    ("abstain", lambda s, n: edits.everyone_abstains(s)),
    ("present", lambda s, n: edits.all_present(s)),
    ("random", lambda s, n: edits.random_attendance(s, n, 0.55)),
    ("group", lambda s, n: edits.group_absent(s, sorted(GROUPS)[n % len(GROUPS)])),
    ("band", lambda s, n: edits.reduced_band(s, n)),
    ("vote", lambda s, n: edits.set_votes(s, DECISION, {
        m.id: [Choice.YES, Choice.NO, Choice.ABSTAIN, None][n % 4]
        for m in edits.organ(s)[n % 50:n % 50 + 7] if m.present})),
    ("arrears", lambda s, n: edits.group_in_arrears(
        edits.with_dues(s, {m.id: {2025: Fraction(n)} for m in edits.organ(s)[:20]}),
        "african", (2025,))),
])


@given(steps=st.lists(st.tuples(ACTIONS, st.integers(0, 500)), max_size=4))
def test_a_link_restores_the_identical_scenario(steps):
    scenario = DEFAULT
    for (_name, action), n in steps:
        scenario = action(scenario, n)
    token = urlstate.encode(scenario, DEFAULT)
    if token is None:
        assert same(scenario, DEFAULT)
        return
    assert re.fullmatch(r"1[A-Za-z0-9_-]+", token)
    assert same(urlstate.decode(token, DEFAULT), scenario)


def test_a_link_for_one_vote_is_short():
    one = edits.set_votes(DEFAULT, DECISION, {"US": Choice.YES})
    assert len(urlstate.encode(one, DEFAULT)) < 120


def test_links_carry_other_scenarios_whole():
    for name in ("assembly-written-procedure-lapsed.yaml", "executive-committee-tie.yaml",
                 "assembly-arrears-roster.yaml"):
        scenario = load_scenario(SCENARIOS / name)
        assert same(urlstate.decode(urlstate.encode(scenario, DEFAULT), DEFAULT), scenario)


def test_dues_merge_with_the_years_already_recorded():
    member = edits.organ(DEFAULT)[0].id
    first = edits.with_dues(DEFAULT, {member: {2025: Fraction(3), 2023: Fraction(1)}})
    row = [m.id for m in edits.organ(first)].index(member)
    second = edits.apply_arrears_edits(first, {row: {"dues_2024": 2, "dues_2025": 4}},
                                       tuple(m.id for m in edits.organ(first)), (2024, 2025))
    dues = next(m.dues for m in second.session.roster if m.id == member)
    assert dues == ((2023, 1), (2024, 2), (2025, 4))


def test_one_canonical_default_serves_every_link_unchanged():
    form = urlstate.canonical(DEFAULT)
    before = copy.deepcopy(form)
    scenarios = [edits.everyone_abstains(DEFAULT), edits.group_absent(DEFAULT, "african"),
                 load_scenario(SCENARIOS / "assembly-arrears-roster.yaml"), DEFAULT]
    for scenario in scenarios:
        assert urlstate.encode_against(scenario, form) == urlstate.encode(scenario, DEFAULT)
    assert form == before


def _token(payload: bytes) -> str:
    return "1" + base64.urlsafe_b64encode(zlib.compress(payload)).decode().rstrip("=")


@pytest.mark.parametrize("token,reason", [
    ("", "unknown link format"),
    ("2abc", "unknown link format"),
    ("1!!!", "damaged"),
    ("1" + "A" * 10, "damaged"),
    (_token(b"not json"), "damaged"),
    (_token(b"\x00" * (urlstate.MAX_JSON_BYTES + 10)), "too much data"),
    (_token(json.dumps({"body": "nowhere"}).encode()), "unknown body"),
    (_token(json.dumps({"roster": "/etc/passwd.csv"}).encode()), "not allowed here"),
    (_token(json.dumps({"members": {"@ids": "x"}}).encode()), "malformed"),
    (_token(json.dumps({"@order": ["title"]}).encode()), "malformed"),
    (_token(json.dumps([1, 2]).encode()), "mapping"),
    ("1" + "A" * (urlstate.MAX_TOKEN_CHARS + 1), "too long"),
])
def test_malformed_links_are_refused_with_a_reason(token, reason):
    with pytest.raises(urlstate.LinkError, match=reason):
        urlstate.decode(token, DEFAULT)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(alphabet="abcxyz", min_size=1, max_size=3), children, max_size=4),
    max_leaves=20,
)


@given(base=JSON, current=JSON)
def test_patches_turn_one_value_into_another(base, current):
    if base == current:
        return
    assert urlstate.patch(base, urlstate.diff(base, current)) == current
    normalized = urlstate.normalize(current)
    assert urlstate.denormalize(normalized) == current


# --- Tables and charts --------------------------------------------------------------------

def test_roster_table():
    table = frames.roster_table(DEFAULT, "fr")
    assert table.shape == (179, 7) and table.index.name == "id"
    assert table.loc["DE", "name"] == "Allemagne" and table.loc["US", "vote_0"] == "no"
    assert table["present"].all()
    assert list(table.columns[:3]) == ["name", "present", "vote_0"]  # the vote in sight


def test_roster_table_marks_absent_members_and_votes_not_counted():
    scenario = load_scenario(SCENARIOS / "assembly-arrears-roster.yaml")
    table = frames.roster_table(scenario, "fr")
    assert table.loc["GE", "vote_0"] == edits.ABSENT  # absent, not "None"
    assert table.loc["RU", "right"] == i18n.label("roster_marks.not_counted", "fr")
    assert table.loc["FR", "right"] == i18n.label("roster_marks.exception", "fr")
    assert table.loc["SY", "right"] == ""


def test_absent_then_present_again_keeps_the_vote():
    rows = tuple(m.id for m in edits.organ(DEFAULT))
    us = rows.index("US")
    away, rebuild = edits.apply_roster_edits(DEFAULT, {us: {"present": False}}, rows)
    away, held = edits.hold_votes(DEFAULT, away, {})
    assert rebuild and "US" not in dict(away.session.decisions[0].member_votes)
    back, _ = edits.apply_roster_edits(away, {us: {"present": True}}, rows)
    back, held = edits.hold_votes(away, back, held)
    assert dict(back.session.decisions[0].member_votes)["US"].value == "no" and not held
    # Choosing "absent" in the vote cell marks the member absent.
    gone, _ = edits.apply_roster_edits(DEFAULT, {us: {"vote_0": edits.ABSENT}}, rows)
    assert not next(m for m in gone.session.roster if m.id == "US").present


def test_card_and_growth_tables():
    card = frames.card_table(get_body("berne-assembly"), 181, "en").set_index("article")
    assert card.loc["Art. 22(3)(b)", "value"] == "91"
    assert card.loc["Art. 23(3)", "value"] == "45"
    assert card.loc["Art. 22(4)(a)", "value"] == "2"  # an ordinary session every second year
    growth = frames.growth_table(get_body("berne-assembly"), range(1, 201), "en")
    assert i18n.label("card.ordinary_session_every_years", "en") not in set(growth["measure"])
    quorum = growth[growth["measure"] == i18n.label("card.quorum", "en")]
    assert quorum.set_index("members").loc[181, "value"] == 91  # 181 is odd: a step
    assert quorum["members"].max() == 200 and len(quorum) == 101


def test_shares_and_lost_votes_tables():
    shares = frames.shares_table(DEFAULT, Fraction(1_000_000), "en")
    assert len(shares) == 179 and shares["amount"].sum() == pytest.approx(1_000_000)
    assert shares["share"].sum() == pytest.approx(100)
    arrears = load_scenario(SCENARIOS / "assembly-arrears-roster.yaml")
    lost = frames.lost_votes_table(arrears, date(2026, 10, 1), "en")
    assert lost.loc["RU", "vote"] == "has lost its vote" and lost.loc["RU", "restore"] == 1
    assert lost.loc["FR", "vote"] == "votes by exception"
    assert lost.loc["SY", "vote"] == "keeps its vote"


def _layers(spec):
    return spec.get("layer", [spec])


def _values(spec, layer=None):
    part = spec if layer is None else spec["layer"][layer]
    return spec["datasets"][part["data"]["name"]]


def test_quorum_bar_marks_the_one_third_and_one_half():
    bar, marks = frames.quorum_frames(outcome(DEFAULT), DEFAULT.rules, "en")
    spec = charts.quorum_bar(bar, marks, "members").to_dict()
    values = {row["value"]: row["text"] for row in _values(spec, 2)}
    assert values == {90: "quorum (1/2): 90", 60: "reduced (1/3): 60"}
    assert _values(spec, 1)[0]["represented"] == 179
    assert [layer["mark"]["type"] for layer in _layers(spec)] == \
        ["bar", "bar", "rule", "text", "text"]


def test_quorum_marks_follow_the_body():
    result = outcome(DEFAULT)
    marks = frames.quorum_marks(result.quorum_required, result.reduced_quorum_required,
                                DEFAULT.rules, "fr")
    assert marks.equals(frames.quorum_frames(result, DEFAULT.rules, "fr")[1])
    assert list(marks["side"]) == ["right", "left"]
    no_band = replace(DEFAULT.rules, reduced_quorum=None)
    only = frames.quorum_marks(result.quorum_required, None, no_band, "en")
    assert only.to_dict("records") == [
        {"value": 90, "side": "right", "text": "quorum (1/2): 90"}]


def test_tally_bar_draws_the_majority_line():
    votes, line = frames.tally_frames(outcome(DEFAULT), "en")
    spec = charts.tally_bar(votes, line, "votes").to_dict()
    segments = {row["code"]: (row["start"], row["end"]) for row in _values(spec, 0)}
    assert segments == {"yes": (0, 143), "no": (143, 172), "abstain": (172, 179)}
    # The majority as the treaty states it: two-thirds of 172 votes cast, its text left of
    # the mark (in the right half of the bar), where it is not cut.
    assert _values(spec, 2) == [{"value": 115, "side": "left", "text": "115 of 172 votes cast"}]
    no_quorum = edits.random_attendance(DEFAULT, 1, 0.1)
    votes, line = frames.tally_frames(outcome(no_quorum), "en")
    assert len(_layers(charts.tally_bar(votes, line, "votes").to_dict())) == 2


def test_written_charts():
    banded = edits.reduced_band(DEFAULT, 2)
    result = outcome(banded)
    events, period = frames.timeline_frames(banded.session.date, result,
                                            banded.session.decisions[0].written.communicated,
                                            "en")
    spec = charts.written_timeline(events, period, "date").to_dict()
    assert _values(spec, 0) == [{"start": "2026-07-08", "end": "2026-10-08",
                                 "text": "Period for written replies"}]
    assert [row["code"] for row in _values(spec, 1)] == ["session", "communication", "deadline"]
    replies = charts.replies_bar(frames.replies_frame(result, "en"), "replies").to_dict()
    assert _values(replies) == [
        {"what": "Replies needed", "count": result.written_replies_needed, "code": "needed"}]
    assert result.written.replies_enough is None


@pytest.mark.parametrize("replying", [1, 30, 89])
def test_the_replies_received_are_enough_as_the_core_says(replying):
    banded = edits.reduced_band(DEFAULT, 2)
    absent = [m.id for m in edits.organ(banded) if not m.present]
    replied = edits.set_written(banded, DECISION, replies=None,
                                member_replies=[(mid, "yes") for mid in absent[:replying]])
    result = outcome(replied)
    written = result.written
    assert written.received == replying
    assert written.replies_enough == (replying >= result.written_replies_needed)
    assert (result.status is Status.EXECUTORY) == written.replies_enough
    rows = frames.replies_frame(result, "en").set_index("code")
    assert rows.loc["enough" if written.replies_enough else "short", "count"] == replying


@settings(max_examples=25, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10_000), share=st.floats(0.0, 1.0), other_seed=st.integers(0, 99))
def test_templated_charts_equal_freshly_built_ones(seed, share, other_seed):
    """A chart drawn through its template is exactly the chart built from scratch, whatever
    scenario built the template first (random attendance: every quorum state, with and
    without a majority line, with and without a written procedure)."""
    first = edits.random_attendance(DEFAULT, other_seed, 0.5)
    second = edits.random_attendance(DEFAULT, seed, share)
    for scenario in (first, second):
        result = outcome(scenario)
        bar, marks = frames.quorum_frames(result, scenario.rules, "en")
        votes, line = frames.tally_frames(result, "en")
        cases = [(charts.quorum_bar, (bar, marks, "members")),
                 (charts.tally_bar, (votes, line, "votes")),
                 (charts.replies_bar, (frames.replies_frame(result, "en"), "replies"))]
        for builder, args in cases:
            assert charts.spec(builder, *args) == charts._spec(builder(*args)), builder
    banded = edits.reduced_band(second, 2)
    result = outcome(banded)
    events, period = frames.timeline_frames(banded.session.date, result,
                                            banded.session.decisions[0].written.communicated,
                                            "en")
    assert charts.spec(charts.written_timeline, events, period, "date") == \
        charts._spec(charts.written_timeline(events, period, "date"))


def test_a_chart_is_templated_only_when_its_tables_come_from_its_arguments():
    import pandas as pd

    from dashboard.charts import _TEMPLATES

    growth = frames.growth_table(get_body("berne-assembly"), range(1, 30), "en")
    here = pd.DataFrame([{"members": 20, "text": "20"}])
    charts.spec(charts.growth_lines, growth, here, "N", "n")
    key = ("growth_lines", None, (tuple(growth.columns), tuple(here.columns), "N", "n"))
    assert key in _TEMPLATES
    again = pd.DataFrame([{"members": 25, "text": "25"}])
    out = charts.spec(charts.growth_lines, growth, again, "N", "n")
    assert out == charts._spec(charts.growth_lines(growth, again, "N", "n"))
    assert {"members": 25, "text": "25"} in [r for rows in out["datasets"].values()
                                             for r in rows]
    table = pd.DataFrame({"count": range(5), "probability": [0.1, 0.2, 0.4, 0.2, 0.1]})
    marks = pd.DataFrame([{"value": 3, "text": "quorum"}])
    charts.spec(charts.distribution_bars, table, marks, "members", "p")
    shifted = table.assign(probability=table["probability"][::-1].to_numpy())
    assert charts.spec(charts.distribution_bars, shifted, marks, "members", "p") == \
        charts._spec(charts.distribution_bars(shifted, marks, "members", "p"))
    bars = pd.DataFrame({"name": ["A", "A", "B", "B"], "series": ["x", "y", "x", "y"],
                         "value": [0.1, 0.2, 0.3, 0.4]})
    charts.spec(charts.grouped_bars, bars, "power")
    for other in (bars.assign(value=[0.4, 0.3, 0.2, 0.1]), bars.iloc[:2], bars.iloc[::-1]):
        assert charts.spec(charts.grouped_bars, other, "power") == \
            charts._spec(charts.grouped_bars(other, "power"))


def test_other_charts_are_valid_specifications():
    import pandas as pd

    growth = frames.growth_table(get_body("berne-executive-committee"), range(1, 60), "fr")
    here = pd.DataFrame([{"members": 44, "text": "44"}])
    assert charts.growth_lines(growth, here, "N", "n").to_dict()["layer"][0]["mark"] == \
        {"type": "line", "interpolate": "step-after"}
    grid = pd.DataFrame([{"x": x / 4, "y": y / 4, "value": x * y / 16}
                         for x in range(5) for y in range(5)])
    spec = charts.heatmap(grid, "p", "q", "P").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [0, 1]
    bars = pd.DataFrame([{"name": "A", "value": 0.2}, {"name": "B", "value": 0.5}])
    assert charts.ranked_bars(bars, "swing").to_dict()["encoding"]["y"]["sort"] is None


# --- The what-if model ------------------------------------------------------------------

@pytest.mark.parametrize("field", ["present", "yes", "no", "reply", "written_yes",
                                   "written_no"])
def test_everyone_values_read_back_what_was_set(field):
    from dashboard import whatif

    assert whatif.everyone_value(whatif.model_of(DEFAULT), field) == pytest.approx(
        {"present": 0.8, "yes": 0.65, "no": 0.25, "reply": 0.5, "written_yes": 0.65,
         "written_no": 0.25}[field])
    changed = whatif.set_everyone(DEFAULT, field, 0.3)
    assert whatif.everyone_value(whatif.model_of(changed), field) == 0.3
    assert whatif.everyone_value({}, field) == 0.0
    bare = whatif.set_everyone(replace(DEFAULT, model={"present": 0.5}), field, 0.3)
    if field.startswith("written_"):
        assert bare.model["written"]["reply"] == 0.0  # nobody replies until told
    with pytest.raises(KeyError):
        whatif.everyone_value({}, "abstain")


def test_the_model_is_edited_in_the_scenario_and_travels_with_it():
    from dashboard import whatif

    assert whatif.model_of(DEFAULT) == whatif.DEFAULT_MODEL and DEFAULT.model is None
    scenario = whatif.set_everyone(DEFAULT, "present", 0.55)
    scenario = whatif.set_everyone(scenario, "yes", 0.7)
    scenario = whatif.set_everyone(scenario, "written_no", 0.1)
    assert scenario.model == {"present": 0.55, "vote": {"yes": 0.7, "no": 0.25},
                              "written": {"reply": 0.5, "yes": 0.65, "no": 0.1}}
    ids = whatif.override_ids(scenario, "groups")
    assert ids == tuple(whatif.overrides_table(scenario, "groups", {}).index)
    assert whatif.override_ids(scenario, "members") == \
        tuple(whatif.overrides_table(scenario, "members", {}).index) == \
        tuple(m.id for m in edits.organ(scenario))
    africa = ids.index("african")
    scenario = whatif.apply_override_edits(
        scenario, "groups", {africa: {"present": 0.9, "yes": 0.8}}, ids)
    assert scenario.model["groups"] == {"african": {"present": 0.9,
                                                    "vote": {"yes": 0.8, "no": 0.0}}}
    table = whatif.overrides_table(scenario, "groups", {"african": "Africa"})
    assert table.loc["african", "name"] == "Africa" and table.loc["african", "present"] == 0.9
    cleared = whatif.apply_override_edits(
        scenario, "groups", {africa: {"present": None, "yes": None, "no": None}}, ids)
    assert "groups" not in cleared.model
    # The model is part of the scenario: downloads and links carry it.
    assert same(state.read_upload("m.yaml", state.download_bytes(scenario)), scenario)
    assert urlstate.decode(urlstate.encode(scenario, DEFAULT), DEFAULT).model == scenario.model
    assert whatif.without_model(scenario).model is None


def test_the_engine_answers_through_the_page_s_adapter():
    from dashboard import whatif

    scenario = whatif.with_model(DEFAULT, whatif.DEFAULT_MODEL)
    (decision,) = whatif.simulate(scenario).decisions
    assert decision.method == "exact"
    assert 0 < decision.p_executory <= decision.p_adopted <= 1
    attendance = whatif.distribution_frame(decision)
    assert attendance["probability"].sum() == pytest.approx(1)
    assert attendance["count"].between(0, 179).all()
    marks = frames.quorum_frames(outcome(DEFAULT), DEFAULT.rules, "en")[1]
    spec = charts.distribution_bars(attendance, marks, "members", "p").to_dict()
    assert _values(spec, 1)[0]["value"] == 90
    table = whatif.sweep_table(scenario, DECISION, "attendance", "support", 3, "p_adopted")
    assert table.shape == (9, 3) and set(table["x"]) == {0.0, 0.5, 1.0}
    everyone_no = table[(table["x"] == 1.0) & (table["y"] == 0.0)]["value"].iloc[0]
    assert everyone_no == pytest.approx(0)
    assert whatif.grid(5) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_swings_by_group_with_names_in_the_chosen_language():
    from dashboard import whatif

    scenario = whatif.with_model(DEFAULT, whatif.DEFAULT_MODEL)
    names = {code: i18n.group_name(code, "fr") for code in GROUPS}
    table = whatif.swing_table(scenario, DECISION, "group", "vote_swing", names)
    assert len(table) == 7 and "Chine" in set(table["name"])
    assert table["value"].is_monotonic_decreasing and (table["value"] >= 0).all()


# --- Voting power -----------------------------------------------------------------------

def test_power_snapshot_blocking_and_group_tables():
    snapshot = frames.power_snapshot(DEFAULT, "substantive")
    blocking = frames.blocking_frame(DEFAULT.rules, snapshot, "en").set_index("article")
    substance = blocking.iloc[0]
    # Two-thirds of 179 votes is 120 yes, so 60 no votes defeat a decision of substance
    # (Art. 22(3)(d)); below one-third present, 60 of 179, nothing is decided (Art. 22(3)(c)).
    assert substance["no_full"] == 60 and substance["no_now"] == 60
    assert substance["absent_full"] == 179 - 60 + 1
    assert substance["written_full"] == 179 - 90 + 1
    assert substance["groups_now"] == "African Group, Asia and the Pacific Group"
    groups = frames.group_power_frame(snapshot, "fr")
    assert groups["banzhaf"].sum() == pytest.approx(1)
    assert groups.loc["african", "voters"] == 46 and groups.loc["china", "name"] == "Chine"
    assert groups["banzhaf"].is_monotonic_decreasing
    members = frames.member_power_frame(DEFAULT, snapshot, "en")
    assert len(members) == 179 and members["power"].is_monotonic_decreasing
    assert members.loc["DZ", "power"] == pytest.approx(groups.loc["african", "member"])
    long = frames.power_long(groups, "en")
    assert len(long) == 3 * 7 and set(long["series"]) == {
        "Banzhaf", "Penrose-Banzhaf", "Shapley-Shubik"}


def test_power_what_if_a_group_away_and_a_member_without_vote():
    before = frames.power_tables(DEFAULT, "substantive", "en")
    after = frames.power_tables(DEFAULT, "substantive", "en", "african", ("US",))
    assert DEFAULT.session.roster == load_default_scenario().session.roster  # unchanged
    assert after.voters == 179 - 46 - 1 and after.left_out == 1
    assert "US" not in dict(after.voter_names) and "US" in dict(before.voter_names)
    change = frames.power_change_frame(before.groups, after.groups)
    assert change.loc["african", "after"] == 0 and change.loc["african", "change"] < 0
    assert change.loc["asia-pacific", "change"] > 0
    assert change.loc["african", "member_after"] == 0
    moved = frames.blocking_change_frame(before.blocking, after.blocking).iloc[0]
    # 132 voters: two-thirds is 88 yes, so 45 no votes block; 133 represented, so 74
    # further absences take the Assembly below one-third (Art. 22(3)(c)).
    assert (moved["no_before"], moved["no_after"]) == (60, 45)
    assert (moved["absent_before"], moved["absent_after"]) == (120, 133 - 60 + 1)
    assert "African" not in moved["groups_after"]
    full = after.blocking.iloc[0]
    assert full["no_full"] == 178 - 119 + 1  # everyone present but the member without vote
    bars = charts.grouped_bars(frames.change_long(change, "en"), "Banzhaf").to_dict()
    assert bars["encoding"]["yOffset"]["sort"] == ["Before", "After"]
    assert len(_values(bars)) == 2 * 7


def test_power_of_a_scenario_without_roster_is_that_of_equal_voters():
    counts = load_scenario(SCENARIOS / "assembly-abstentions.yaml")
    snapshot = frames.power_snapshot(counts, None)
    assert not snapshot.blocs and snapshot.power.group_game is None
    assert len(snapshot.power.voters) == counts.session.present
    assert len({p for _, _, p in snapshot.power.member_power}) == 1
    assert frames.group_power_frame(snapshot, "en").empty
    blocking = frames.blocking_frame(counts.rules, snapshot, "en")
    assert blocking["groups_now"].isna().all()


def test_grouped_bars_are_a_valid_specification():
    snapshot = frames.power_snapshot(DEFAULT, None)
    table = frames.power_long(frames.group_power_frame(snapshot, "en"), "en")
    spec = charts.grouped_bars(table, "power").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["sort"][0] == "African Group"
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Banzhaf", "Penrose-Banzhaf", "Shapley-Shubik"]


# --- The custom body editor -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(preset_names()))
def test_the_form_of_a_preset_rebuilds_the_identical_body(name):
    rules = get_body(name)
    values = bodyform.form_values(rules, "fr")
    mapping = bodyform.definition(rules, "fr", majorities=bodyform.majorities_table(rules),
                                  **values)
    assert mapping == body_to_mapping(rules)
    assert bodyform.build(mapping) == rules
    assert bodyform.from_yaml(bodyform.to_yaml(mapping)) == rules


def _edited(rules, **changes):
    values = {**bodyform.form_values(rules, "en"), **changes}
    table = changes.pop("majorities", None)
    values.pop("majorities", None)
    return bodyform.definition(
        rules, "en", majorities=bodyform.majorities_table(rules) if table is None else table,
        **values)


def test_a_custom_body_is_validated_by_the_core_and_round_trips_through_yaml():
    rules = get_body("berne-assembly")
    table = bodyform.majorities_table(rules)
    table.loc[0, ["fraction", "base", "strict"]] = ["1/2", "members", True]
    table.loc[len(table)] = ["budget", "3/5", "present", False]
    mapping = _edited(rules, name="Chamber", quorum="2/3", reduced=False, arrears=False,
                      majorities=table)
    custom = bodyform.build(mapping)
    assert custom.id == "custom" and custom.name.en == "Chamber"
    assert custom.reduced_quorum is None and custom.arrears is None
    assert custom.quorum_minimum(181) == 121
    assert custom.majority("substantive").describe("en") != \
        rules.majority("substantive").describe("en")
    assert custom.majority("substantive").article == ""  # the treaty no longer says this
    assert custom.majority("amendment").article == "Art. 26(2)"  # unchanged, still cited
    assert "budget" in custom.kinds and "instrument" not in mapping
    text = bodyform.to_yaml(mapping)
    assert safe_load(text)["quorum"]["fraction"] == "2/3"  # exact, never a float
    assert bodyform.from_yaml(text) == custom


@pytest.mark.parametrize("change,field", [
    ({"quorum": "3/2"}, "body.quorum.fraction"),
    ({"quorum": "0.4.1"}, "body.quorum.fraction"),
    ({"reduced_fraction": "2/3", "quorum": "1/2"}, "body"),
])
def test_a_bad_custom_body_gets_the_schema_s_one_line_error(change, field):
    rules = get_body("berne-assembly")
    with pytest.raises(ScenarioError) as error:
        bodyform.build(_edited(rules, **change))
    assert error.value.field.startswith(field) and "\n" not in error.value.message
    assert "Fix:" in error.value.message


def test_a_custom_body_refuses_a_kind_twice_and_a_row_without_fraction():
    rules = get_body("berne-assembly")
    table = bodyform.majorities_table(rules)
    table.loc[len(table)] = ["substantive", "1/2", "votes_cast", False]
    with pytest.raises(ScenarioError, match="defined twice"):
        _edited(rules, majorities=table)
    table = bodyform.majorities_table(rules)
    table.loc[0, "fraction"] = None
    with pytest.raises(ScenarioError, match="fraction"):
        bodyform.build(_edited(rules, majorities=table))


def test_using_a_custom_body_in_the_scenario_travels_with_its_file_and_link():
    rules = get_body("berne-assembly")
    table = bodyform.majorities_table(rules)
    table.loc[0, ["fraction", "base"]] = ["1/2", "present"]
    custom = bodyform.build(_edited(rules, name="Chamber", majorities=table))
    scenario = edits.with_body(DEFAULT, custom)
    assert scenario.rules == custom and scenario.body_ref is None
    assert scenario.session.roster == DEFAULT.session.roster
    assert outcome(scenario).adopted  # 143 yes of 179 present is more than half
    back = state.read_upload("s.yaml", state.download_bytes(scenario))
    assert same(back, scenario) and back.rules == custom
    assert urlstate.decode(urlstate.encode(scenario, DEFAULT), DEFAULT).rules == custom


# --- Links of every size ------------------------------------------------------------------

def _link(scenario):
    from dashboard import cache

    return cache.link_token.__wrapped__(state.digest(scenario), scenario)


@pytest.mark.parametrize("name", sorted(p.name for p in SCENARIOS.glob("*.yaml")))
def test_bundled_examples_and_a_typical_edit_make_short_links(name):
    from dashboard import examples

    scenario = load_scenario(SCENARIOS / name)
    token = _link(scenario) or ""
    assert len(token) < 100  # the example's name, nothing more
    back = urlstate.decode(token, DEFAULT, example=examples.by_stem) if token else DEFAULT
    assert scenario_to_mapping(back) == scenario_to_mapping(scenario)
    # A typical edit: everyone abstains on every decision.
    edited = edits.everyone_abstains(scenario)
    token = _link(edited) or ""
    assert len(token) < 2_000
    back = urlstate.decode(token, DEFAULT, example=examples.by_stem) if token else DEFAULT
    assert scenario_to_mapping(back) == scenario_to_mapping(edited)


def test_version_1_links_still_open():
    edited = edits.everyone_abstains(DEFAULT)
    old = urlstate.encode(edited, DEFAULT)
    assert old is not None and old.startswith("1")
    back = urlstate.decode(old, DEFAULT)
    assert scenario_to_mapping(back) == scenario_to_mapping(edited)


def test_a_link_naming_an_unknown_example_is_refused():
    from dashboard import examples

    for token in ("2nothing~", "2../etc/passwd~", "2whatif-groups", "2~abc"):
        with pytest.raises(urlstate.LinkError):
            urlstate.decode(token, DEFAULT, example=examples.by_stem)


def test_a_scenario_too_large_for_an_address_is_said_so_with_its_download():
    from streamlit.testing.v1 import AppTest

    from dashboard.state import DIGEST, SCENARIO

    roster = DEFAULT.session.roster or ()
    many = tuple(Decision(f"d{i}", None, member_votes=((roster[i % 100].id, Choice.YES),))
                 for i in range(3_000))
    big = replace(DEFAULT, session=replace(DEFAULT.session, decisions=many))
    assert len(_link(big)) > urlstate.LINK_LIMIT
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[SCENARIO] = big
    at.session_state[DIGEST] = state.digest(big)
    at.session_state["lang"] = "fr"
    at.run()
    assert not at.exception
    warning = [w.value for w in at.sidebar.warning]
    assert warning and "YAML" in warning[0] and "lien" in warning[0]
    assert "s" not in at.query_params  # no address that would open nothing
    assert at.sidebar.get("download_button")
