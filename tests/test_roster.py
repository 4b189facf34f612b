"""The bundled Berne roster: integrity, and counts as documented in quorum/data/README.md."""

from __future__ import annotations

import re
from collections import Counter

import pycountry

from quorum.roster import GROUPS, bundled_roster, roster_rows

from .conftest import ROOT

README = (ROOT / "quorum" / "data" / "README.md").read_text("utf-8")


def documented(label_pattern: str) -> int:
    match = re.search(r"^\| " + label_pattern + r" \| \**(\d+)\**", README, re.MULTILINE)
    assert match, f"README.md documents no count for {label_pattern}"
    return int(match.group(1))


def test_codes_are_unique_and_valid_iso_3166():
    rows = roster_rows()
    assert len({r.id for r in rows}) == len(rows)
    assert len({r.iso3 for r in rows}) == len(rows)
    for r in rows:
        country = pycountry.countries.get(alpha_2=r.id)
        assert country is not None, r.id
        assert country.alpha_3 == r.iso3, r.id


def test_every_member_in_exactly_one_known_group():
    assert all(r.group in GROUPS for r in roster_rows())


def test_counts_match_the_documented_source():
    rows = roster_rows()
    assert len(rows) == documented(r"rows \(contracting parties\)")
    members = sum(r.assembly_member for r in rows)
    assert members == documented(r"members of the Berne Assembly \(`assembly_member` = `true`\)")
    counts = Counter(r.group for r in rows)
    for group in GROUPS:
        assert counts[group] == documented(f"`{group}`"), group


def test_names_in_both_languages_and_dates():
    for r in roster_rows():
        assert r.name_en and r.name_fr and r.in_force is not None


def test_unconfirmed_values_name_real_columns():
    columns = {"group", "in_force", "assembly_member", "contribution_class", "name_en",
               "name_fr"}
    for r in roster_rows():
        assert set(r.unconfirmed) <= columns, r.id


def test_roster_members_observers_are_not_assembly_members():
    members = bundled_roster()
    assert sum(m.observer for m in members) == sum(not r.assembly_member for r in roster_rows())
    assert all(m.contribution_class for m in members)
