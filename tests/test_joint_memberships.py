"""The bundled memberships: the counts documented in quorum/data/README.md."""

from __future__ import annotations

from collections import Counter

import pytest

from quorum.bodies import get_body
from quorum.committee import HOST_COUNTRY
from quorum.joint.memberships import (
    BERNE_ASSEMBLY,
    BERNE_EC,
    CONFERENCE,
    COORDINATION_COMMITTEE,
    GENERAL_ASSEMBLY,
    PARIS_ASSEMBLY,
    PARIS_EC,
    body_counts,
    committee_seats,
    derive_executive_committees,
    member_rows,
    wipo_roster,
)
from quorum.roster import bundled_roster, bundled_roster_names, roster_rows

#: The figures of quorum/data/README.md, "wipo_roster.csv" and "executive_committees.csv".
COUNTS = {
    CONFERENCE: 193,
    GENERAL_ASSEMBLY: 188,
    PARIS_ASSEMBLY: 180,
    BERNE_ASSEMBLY: 179,
    PARIS_EC: 46,
    BERNE_EC: 45,
    COORDINATION_COMMITTEE: 90,
}


def test_wipo_members_193_rows_unique_iso_codes():
    rows = member_rows()
    assert len(rows) == 193 and all(r.wipo_member for r in rows)
    assert len({r.id for r in rows}) == 193 and len({r.iso3 for r in rows}) == 193
    assert all(r.name_en and r.name_fr for r in rows)


@pytest.mark.parametrize(("body", "count"), sorted(COUNTS.items()))
def test_documented_body_counts(body, count):
    assert body_counts(wipo_roster())[body] == count


def test_wipo_conv_art6_1_a_general_assembly_is_parties_to_paris_or_berne():
    for row, member in zip(member_rows(), wipo_roster(), strict=True):
        assert (GENERAL_ASSEMBLY in member.bodies) == (row.paris_party or row.berne_party)


def test_berne_assembly_matches_the_berne_roster():
    berne = {r.id for r in roster_rows("berne-union") if r.assembly_member}
    assert {m.id for m in wipo_roster() if BERNE_ASSEMBLY in m.bodies} == berne


def test_art14_3_art23_3_committees_one_fourth_plus_the_host_country_ex_officio():
    for ec, assembly in ((PARIS_EC, PARIS_ASSEMBLY), (BERNE_EC, BERNE_ASSEMBLY)):
        assembly_size = COUNTS[assembly]
        rules = get_body(assembly)
        assert rules.executive_committee is not None
        assert COUNTS[ec] == rules.executive_committee.seats(assembly_size) + 1
        seated = [m for m in wipo_roster() if ec in m.bodies]
        assert all(assembly in m.bodies for m in seated)
        assert HOST_COUNTRY in {m.id for m in seated}


def test_wipo_conv_art8_1_a_coordination_committee_is_the_two_committees():
    for m in wipo_roster():
        on_ec = PARIS_EC in m.bodies or BERNE_EC in m.bodies
        assert (COORDINATION_COMMITTEE in m.bodies) == on_ec
    both = [m.id for m in wipo_roster() if PARIS_EC in m.bodies and BERNE_EC in m.bodies]
    assert both == [HOST_COUNTRY]


def test_shipped_composition_is_the_derivation_and_is_marked():
    seats = committee_seats()
    assert {s.basis for s in seats} == {"derived", "ex-officio"}
    assert {s.period for s in seats} == {"2025-2027"}
    derived = derive_executive_committees(member_rows())
    for body in (PARIS_EC, BERNE_EC):
        assert tuple(sorted(s.id for s in seats if s.body == body)) == tuple(
            sorted(derived[body]))


def test_derivation_shares_seats_among_groups():
    derived = derive_executive_committees(member_rows())
    groups = {r.id: r.group for r in member_rows()}
    per_group = Counter(groups[i] for i in derived[BERNE_EC] if i != HOST_COUNTRY)
    assert sum(per_group.values()) == 44
    assert per_group["african"] > per_group["cebs"] > 0


def test_bundled_roster_name():
    assert "wipo-members" in bundled_roster_names()
    assert bundled_roster("wipo-members") == wipo_roster()
