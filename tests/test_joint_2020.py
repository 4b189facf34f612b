"""The Coordination Committee of 2019-2021 (roster ``wipo-members-2020``), checked against
WIPO document WO/CC/77/4 Prov. (16 March 2020), paragraph 2, and the bundled scenario of its
session of 4 March 2020."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from quorum.cli import app
from quorum.committee import HOST_COUNTRY, allocate_seats
from quorum.joint import evaluate_joint
from quorum.joint.memberships import (
    BERNE_ASSEMBLY,
    BERNE_EC,
    COORDINATION_COMMITTEE,
    ELECTED_2019,
    PARIS_ASSEMBLY,
    PARIS_EC,
    ad_hoc_members,
    body_counts,
    committee_seats,
    derive_split,
    derived_composition,
    member_rows,
    wipo_roster,
)
from quorum.roster import bundled_roster, bundled_roster_names, roster_rows
from quorum.scenario import load_scenario, scenario_from_mapping
from quorum.session import Status

from .conftest import SCENARIOS

runner = CliRunner()

#: WO/CC/77/4 Prov., para. 2: "The following Member States of the WIPO Coordination
#: Committee were represented at the meeting", as printed (83 names).
DOCUMENT = (
    "Algeria, Angola, Argentina, Australia, Austria, Bangladesh, Belarus, Belgium, "
    "Bolivia (Plurinational State of), Brazil, Burkina Faso, Cameroon, Canada, Chile, China, "
    "Colombia, Costa Rica, Côte d'Ivoire, Cuba, Democratic People's Republic of Korea, "
    "Denmark, Djibouti, Ecuador, Egypt, El Salvador, Ethiopia (ad hoc), Finland, France, "
    "Gabon, Georgia, Germany, Ghana, Guatemala, Hungary, Iceland, India, Indonesia, "
    "Iran (Islamic Republic of), Iraq, Ireland, Italy, Jamaica, Japan, Kazakhstan, Kenya, "
    "Kyrgyzstan, Latvia, Luxembourg, Malaysia, Mexico, Mongolia, Morocco, Namibia, "
    "Netherlands, New Zealand, Nigeria, Norway, Oman, Paraguay, Peru, Philippines, Poland, "
    "Portugal, Republic of Korea, Republic of Moldova, Romania, Russian Federation, Senegal, "
    "Singapore, South Africa, Spain, Sweden, Switzerland (ex officio), Thailand, "
    "Trinidad and Tobago, Tunisia, Turkey, Uganda, United Arab Emirates, United Kingdom, "
    "United States of America, Viet Nam, Zimbabwe"
)
PERIOD = "2019-2021"
SCENARIO = SCENARIOS / "joint-coordination-committee-2020.yaml"


def document_names() -> list[str]:
    # Split on ", " outside the parentheses of "Bolivia (Plurinational State of)" etc.
    return [n.strip() for n in DOCUMENT.split(", ")]


def shipped_rows() -> list[dict[str, str]]:
    text = resources.files("quorum").joinpath("data", "committees_2019_2021.csv").read_text(
        "utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def committee_ids() -> set[str]:
    return {m.id for m in wipo_roster(PERIOD) if COORDINATION_COMMITTEE in m.bodies}


# --- The membership against the document ------------------------------------------------

def test_wo_cc_77_4_para_2_lists_83_members():
    assert len(document_names()) == 83


def test_wipo_conv_art8_1_coordination_committee_2019_2021_is_the_83_of_the_document():
    names = {r["name_in_document"].replace("’", "'") for r in shipped_rows()}
    assert names == set(document_names())
    assert len(committee_ids()) == 83
    assert body_counts(wipo_roster(PERIOD))[COORDINATION_COMMITTEE] == 83


def test_every_shipped_row_cites_the_document():
    assert {r["source"] for r in shipped_rows()} == {"WO/CC/77/4 Prov., para. 2"}
    assert {r["period"] for r in shipped_rows()} == {PERIOD}
    assert all(s.source for s in committee_seats(PERIOD))


def test_wipo_conv_art8_1_a_switzerland_ex_officio_as_the_document_marks_it():
    ex_officio = {s.id for s in committee_seats(PERIOD) if s.basis == "ex-officio"}
    assert ex_officio == {HOST_COUNTRY} == {"CH"}
    marked = [r["id"] for r in shipped_rows() if "(ex officio)" in r["name_in_document"]]
    assert set(marked) == {"CH"}
    ch = next(m for m in wipo_roster(PERIOD) if m.id == "CH")
    assert PARIS_EC in ch.bodies and BERNE_EC in ch.bodies


def test_wipo_conv_art8_1_c_ethiopia_ad_hoc_party_to_neither_convention():
    assert ad_hoc_members(PERIOD) == ("ET",)
    marked = [r["id"] for r in shipped_rows() if "(ad hoc)" in r["name_in_document"]]
    assert marked == ["ET"]
    row = next(r for r in member_rows() if r.id == "ET")
    assert not row.paris_party and not row.berne_party
    et = next(m for m in wipo_roster(PERIOD) if m.id == "ET")
    assert COORDINATION_COMMITTEE in et.bodies
    assert PARIS_EC not in et.bodies and BERNE_EC not in et.bodies


def test_split_82_members_41_plus_40_elected_and_the_host_on_both():
    counts = body_counts(wipo_roster(PERIOD))
    assert (counts[PARIS_EC], counts[BERNE_EC]) == (42, 41)
    on_ec = {m.id for m in wipo_roster(PERIOD) if PARIS_EC in m.bodies or BERNE_EC in m.bodies}
    assert on_ec == committee_ids() - {"ET"}
    both = {m.id for m in wipo_roster(PERIOD) if PARIS_EC in m.bodies and BERNE_EC in m.bodies}
    assert both == {"CH"}


def test_paris_conv_art14_berne_conv_art23_each_seat_held_by_a_member_of_its_assembly():
    berne_in_2019 = {r.id for r in roster_rows("berne-union") if r.assembly_member
                     and r.in_force is not None and r.in_force.isoformat() <= ELECTED_2019}
    for m in wipo_roster(PERIOD):
        if PARIS_EC in m.bodies:
            assert PARIS_ASSEMBLY in m.bodies, m.id
        if BERNE_EC in m.bodies:
            assert BERNE_ASSEMBLY in m.bodies and m.id in berne_in_2019, m.id
    # Paris parties only (or Berne only after 2019) can only sit on the Paris Committee.
    paris_ec = {m.id for m in wipo_roster(PERIOD) if PARIS_EC in m.bodies}
    assert {"AO", "IR", "IQ", "UG"} <= paris_ec


def test_shipped_split_is_the_derivation_and_is_marked_derived():
    elected = sorted(committee_ids() - {"ET", "CH"})
    assert len(elected) == 81
    seats = allocate_seats({"paris": 45, "berne": 44}, len(elected))
    berne_ok = [r.id for r in roster_rows("berne-union") if r.assembly_member
                and r.in_force is not None and r.in_force.isoformat() <= ELECTED_2019]
    derived = derive_split(member_rows(), elected, seats["paris"], berne_ok)
    for body in (PARIS_EC, BERNE_EC):
        shipped = {s.id for s in committee_seats(PERIOD) if s.body == body}
        assert shipped == set(derived[body])
    bases = {s.basis for s in committee_seats(PERIOD)}
    assert bases == {"derived", "ex-officio", "ad-hoc"}


def test_roster_names_and_default_unchanged():
    assert {"wipo-members", "wipo-members-2020"} <= set(bundled_roster_names())
    assert bundled_roster("wipo-members-2020") == wipo_roster(PERIOD)
    assert bundled_roster("wipo-members") == wipo_roster()
    assert body_counts(wipo_roster())[COORDINATION_COMMITTEE] == 90
    assert ad_hoc_members() == ()
    assert derived_composition(wipo_roster()) == "2025-2027"
    assert derived_composition(wipo_roster(PERIOD)) == PERIOD


def test_unknown_period_is_refused():
    with pytest.raises(KeyError, match="unknown period"):
        committee_seats("1999-2001")


# --- The session of 4 March 2020 ---------------------------------------------------------

def test_wipo_conv_art8_5_b_scenario_4_march_2020_all_83_present_quorum_42():
    scenario = load_scenario(SCENARIO)
    assert scenario.joint is not None
    present = {m.id for m in scenario.joint.roster if m.present}
    assert present == committee_ids()
    (outcome,) = evaluate_joint(scenario.joint)
    (body,) = outcome.bodies
    assert (body.members, body.represented, body.quorum_required) == (83, 83, 42)
    assert outcome.status is Status.EXECUTORY
    assert [(r.list, r.yes, r.no) for r in outcome.special_count] == [
        (PARIS_EC, 42, 0), (BERNE_EC, 41, 0)]


def test_art8_6_b_trace_says_the_lists_rest_on_the_derived_split():
    (outcome,) = evaluate_joint(load_scenario(SCENARIO).joint)  # type: ignore[arg-type]
    keys = [s.key for s in outcome.bodies[0].trace]
    assert "joint.special_lists_derived" in keys
    assert keys.index("joint.special_lists_derived") < keys.index("joint.special_list_met")
    # An inline roster (not a shipped composition) carries no such note.
    (_, plain) = evaluate_joint(load_scenario(SCENARIOS / "joint-special-count.yaml").joint)  # type: ignore[arg-type,misc]
    assert "joint.special_lists_derived" not in [s.key for s in plain.trace]


def test_scenario_points_to_the_election_scenario_for_the_55_to_28():
    text = SCENARIO.read_text("utf-8")
    assert "election-dg-2020.yaml" in text and "55" in text and "28" in text


def test_art8_6_b_special_count_on_the_2020_roster_overturns_42_to_41():
    # Yes: the 41 elected Paris members and Ethiopia (ad hoc, in neither list) = 42.
    # No: the 40 elected Berne members and Switzerland = 41. Ordinary count 42 to 41:
    # carried. Paris list 41 to 1: holds. Berne list 0 to 41: fails, so rejected.
    roster = wipo_roster(PERIOD)
    paris = sorted(m.id for m in roster if PARIS_EC in m.bodies and m.id != "CH")
    berne = sorted(m.id for m in roster if BERNE_EC in m.bodies and m.id != "CH")
    data = {"joint": [COORDINATION_COMMITTEE], "roster": "wipo-members-2020",
            "date": "2020-03-04", "present": sorted(committee_ids()),
            "decisions": [{"id": "p", "decided_by": [COORDINATION_COMMITTEE],
                           "special_count": True,
                           "votes": {"yes": [*paris, "ET"], "no": [*berne, "CH"]}}]}
    scenario = scenario_from_mapping(data, "t.yaml")
    assert scenario.joint is not None
    (outcome,) = evaluate_joint(scenario.joint)
    (body,) = outcome.bodies
    assert (body.yes, body.no) == (42, 41)
    assert [(r.list, r.yes, r.no, r.met) for r in outcome.special_count] == [
        (PARIS_EC, 41, 1, True), (BERNE_EC, 0, 41, False)]
    assert outcome.status is Status.REJECTED


def test_cli_json_of_the_2020_scenario():
    result = runner.invoke(app, ["evaluate", str(SCENARIO), "--json"])
    assert result.exit_code == 0, result.output
    (decision,) = json.loads(result.stdout)["decisions"]
    assert decision["bodies"][0]["quorum_required"] == 42
    assert [x["list"] for x in decision["special_count"]] == [PARIS_EC, BERNE_EC]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cli_text_of_the_2020_scenario_says_derived(lang):
    result = runner.invoke(app, ["evaluate", str(SCENARIO), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert ("derived" if lang == "en" else "dérivée") in result.stdout
