"""Treaties: entry into force and each party's date, hand-worked under the articles."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum.cli import app
from quorum.errors import ScenarioError
from quorum.explain import LANGUAGES, catalogue
from quorum.treaties import (
    Instrument,
    PartyType,
    TreatyCase,
    case_to_mapping,
    dump_treaty,
    evaluate_treaty,
    get_treaty,
    needed_instruments,
    parse_treaty,
    preset_names,
)
from quorum.treaties.data import (
    PUBLISHED_ENTRY,
    bundled_instruments,
    published_effective,
    published_notes,
)

ROOT = Path(__file__).resolve().parent.parent
TREATIES = ROOT / "scenarios" / "treaties"
runner = CliRunner()

PRESETS = {"berne-amendment-26", "berne-accession", "wipo-convention-amendment",
           "wipo-copyright-treaty", "wipo-performances-phonograms-treaty", "marrakesh-treaty",
           "beijing-treaty"}


def state(party: str, deposited: date, kind: str = "ratification") -> Instrument:
    return Instrument(party, kind, PartyType.STATE, deposited)


def igo(party: str, deposited: date) -> Instrument:
    return Instrument(party, "accession", PartyType.IGO, deposited)


def states(n: int, start: date, step_days: int = 10) -> list[Instrument]:
    return [state(f"S{i:03d}", start + timedelta(days=step_days * i)) for i in range(n)]


# --- presets --------------------------------------------------------------------------------

def test_every_named_preset_is_shipped_and_cites_its_articles() -> None:
    assert PRESETS <= set(preset_names())
    for name in PRESETS:
        rule = get_treaty(name)
        assert rule.entry_article and rule.later_article and rule.sources, name


def test_berne_art_26_3_three_fourths_of_181_members_is_136() -> None:
    rule = get_treaty("berne-amendment-26")
    assert needed_instruments(rule, 181) == 136
    assert needed_instruments(rule, 180) == 135
    assert needed_instruments(rule, 4) == 3


def test_berne_art_26_3_in_force_one_month_after_the_136th_acceptance() -> None:
    members = tuple(f"M{i:03d}" for i in range(181))
    acceptances = [Instrument(m, "acceptance", PartyType.STATE, date(2030, 1, 1)
                              + timedelta(days=i)) for i, m in enumerate(members[:136])]
    case = TreatyCase(get_treaty("berne-amendment-26"), tuple(acceptances), None, members)
    out = evaluate_treaty(case)
    assert out.needed == 136 and out.count == 136
    assert out.triggered_by == "M135"
    last = date(2030, 1, 1) + timedelta(days=135)
    assert last == date(2030, 5, 16)
    assert out.entry_into_force == date(2030, 6, 16)
    short = evaluate_treaty(TreatyCase(case.rule, case.instruments[:135], None, members))
    assert short.entry_into_force is None and short.missing == 1


def test_berne_art_26_3_a_non_member_at_adoption_does_not_count() -> None:
    members = ("A", "B", "C", "D")
    rule = get_treaty("berne-amendment-26")
    ins = (Instrument("A", "acceptance", PartyType.STATE, date(2031, 1, 31)),
           Instrument("B", "acceptance", PartyType.STATE, date(2031, 2, 1)),
           Instrument("Z", "acceptance", PartyType.STATE, date(2031, 2, 2)))
    out = evaluate_treaty(TreatyCase(rule, ins, None, members))
    assert (out.count, out.needed, out.entry_into_force) == (2, 3, None)
    ins2 = ins + (Instrument("C", "acceptance", PartyType.STATE, date(2031, 1, 31)),)
    out2 = evaluate_treaty(TreatyCase(rule, ins2, None, members))
    # third counted acceptance is B's (1 February): one month later, 1 March
    assert out2.triggered_by == "B" and out2.entry_into_force == date(2031, 3, 1)
    assert {p.party: p.effective for p in out2.parties}["Z"] == date(2031, 3, 1)


def test_beijing_art_26_thirtieth_instrument_28_january_2020_gives_28_april_2020() -> None:
    ins = states(29, date(2013, 1, 1), 60) + [state("ID", date(2020, 1, 28))]
    out = evaluate_treaty(TreatyCase(get_treaty("beijing-treaty"), tuple(ins)))
    assert out.triggered_by == "ID" and out.entry_into_force == date(2020, 4, 28)
    assert all(p.effective == date(2020, 4, 28) and p.initial for p in out.parties)


def test_beijing_art_26_an_organization_counts_as_an_eligible_party() -> None:
    ins = states(29, date(2013, 1, 1)) + [igo("EU", date(2019, 11, 30))]
    out = evaluate_treaty(TreatyCase(get_treaty("beijing-treaty"), tuple(ins)))
    # 30 November + 3 months = 29 February in a leap year (month-end arithmetic)
    assert out.triggered_by == "EU" and out.entry_into_force == date(2020, 2, 29)


def test_beijing_art_27_ii_later_party_three_months_after_its_own_deposit() -> None:
    ins = states(30, date(2013, 1, 1)) + [state("LATE", date(2021, 8, 31))]
    out = evaluate_treaty(TreatyCase(get_treaty("beijing-treaty"), tuple(ins)))
    assert out.effective("LATE") == date(2021, 11, 30)   # the month's last day


def test_wct_art_20_organizations_do_not_count_only_states() -> None:
    ins = states(29, date(1998, 1, 1)) + [igo("EC", date(1999, 1, 1))]
    out = evaluate_treaty(TreatyCase(get_treaty("wipo-copyright-treaty"), tuple(ins)))
    assert out.entry_into_force is None and out.count == 29 and out.missing == 1


def test_wct_art_21_iii_organization_before_entry_bound_three_months_after_entry() -> None:
    ins = states(30, date(1998, 1, 1)) + [igo("EC", date(1999, 1, 1)),
                                          igo("XO", date(2010, 5, 31))]
    out = evaluate_treaty(TreatyCase(get_treaty("wipo-copyright-treaty"), tuple(ins)))
    assert date(1998, 1, 1) + timedelta(days=290) == date(1998, 10, 18)   # 30th State
    assert out.entry_into_force == date(1999, 1, 18)
    assert out.effective("EC") == date(1999, 4, 18)     # deposited 1 January 1999, before
    assert out.effective("XO") == date(2010, 8, 31)


def test_berne_art_29_2_a_later_accession_runs_from_the_notification() -> None:
    rule = get_treaty("berne-accession")
    ins = [state(f"F{i}", date(1972, 1, 10 + i)) for i in range(5)]
    later = Instrument("NEW", "accession", PartyType.STATE, date(1980, 1, 15),
                       date(1980, 2, 29))
    out = evaluate_treaty(TreatyCase(rule, (*ins, later)))
    assert out.entry_into_force == date(1972, 4, 14)           # Art. 28: from the deposit
    assert out.effective("NEW") == date(1980, 5, 29)           # Art. 29(2)(a): notification


def test_wipo_convention_art_17_3_month_end_31_january_plus_one_month_is_28_february() -> None:
    members = ("A",)
    rule = get_treaty("wipo-convention-amendment")
    out = evaluate_treaty(TreatyCase(rule, (Instrument("A", "acceptance", PartyType.STATE,
                                                       date(2027, 1, 31)),), None, members))
    assert out.entry_into_force == date(2027, 2, 28)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5000))
def test_berne_art_26_3_needed_is_the_least_n_with_4n_at_least_3_members(members: int) -> None:
    n = needed_instruments(get_treaty("berne-amendment-26"), members)
    assert 4 * n >= 3 * members and 4 * (n - 1) < 3 * members


# --- real data ----------------------------------------------------------------------------

BUNDLED = [("beijing-treaty", "treaty-beijing"), ("marrakesh-treaty", "treaty-marrakesh"),
           ("wipo-copyright-treaty", "treaty-wct")]


@pytest.mark.parametrize("name,file", BUNDLED)
def test_bundled_treaties_give_the_published_dates(name: str, file: str) -> None:
    """Entry into force and every party's date computed from the instruments alone."""
    text = (TREATIES / f"{file}.yaml").read_text("utf-8")
    case = parse_treaty(text, file)
    assert case.instruments == bundled_instruments(name)
    assert case.published_entry_into_force is None and "entered_into_force" not in text
    out = evaluate_treaty(case)
    assert not out.from_published
    assert out.entry_into_force == PUBLISHED_ENTRY[name]
    published = published_effective(name)
    assert len(published) == len(case.instruments)       # WIPO gives a date for each
    differs = published_notes(name)
    for party, when in published.items():
        if party in differs:
            assert out.effective(party) != when, party   # a documented departure
        else:
            assert out.effective(party) == when, party


@pytest.mark.parametrize("name,trigger,deposited,needed", [
    ("beijing-treaty", "ID", date(2020, 1, 28), 30),       # Art. 26, the 30th instrument
    ("marrakesh-treaty", "CA", date(2016, 6, 30), 20),     # Art. 18, the 20th instrument
    ("wipo-copyright-treaty", "GA", date(2001, 12, 6), 30),  # Art. 20, the 30th State
])
def test_the_nth_bundled_instrument_triggers_entry_into_force(
        name: str, trigger: str, deposited: date, needed: int) -> None:
    ins = bundled_instruments(name)
    out = evaluate_treaty(TreatyCase(get_treaty(name), ins))
    assert out.triggered_by == trigger and out.needed == needed
    mine = next(i for i in ins if i.party == trigger)
    assert mine.deposited == deposited
    initial = [p for p in out.parties if p.initial]
    assert len(initial) == needed
    assert all(p.effective == PUBLISHED_ENTRY[name] for p in initial)
    assert max(p.deposited for p in initial) == deposited


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([("beijing-treaty", "CH", date(2020, 5, 11)),
                        ("marrakesh-treaty", "VC", date(2016, 12, 5)),
                        ("wipo-copyright-treaty", "ML", date(2002, 4, 24))]),
       st.integers(0, 29))
def test_without_any_one_of_the_first_instruments_the_next_one_triggers(
        pick: tuple[str, str, date], k: int) -> None:
    """Arts. 26 / 18 / 20: drop any one of the instruments that brought the treaty into
    force and the next instrument in the list becomes the n-th, later (Switzerland's,
    Saint Vincent and the Grenadines', Mali's)."""
    name, nxt, entry = pick
    rule = get_treaty(name)
    ins = bundled_instruments(name)
    initial = [p.party for p in evaluate_treaty(TreatyCase(rule, ins)).parties if p.initial]
    gone = initial[k % len(initial)]
    out = evaluate_treaty(TreatyCase(rule, tuple(i for i in ins if i.party != gone)))
    assert out.triggered_by == nxt and out.entry_into_force == entry
    assert entry > PUBLISHED_ENTRY[name]


def test_beijing_art_26_the_thirty_are_the_ones_wipo_counted() -> None:
    first = {p.party for p in evaluate_treaty(TreatyCase(
        get_treaty("beijing-treaty"), bundled_instruments("beijing-treaty"))).parties
             if p.initial}
    assert first == {"SY", "BW", "SK", "JP", "CN", "AE", "CL", "QA", "MD", "RU", "KP", "TN",
                     "VC", "GA", "SV", "WS", "DZ", "BF", "NG", "DO", "PE", "ML", "BZ", "MH",
                     "CK", "KH", "ZW", "TT", "KE", "ID"}


def test_beijing_art_27_ii_later_parties_computed_not_copied() -> None:
    """Art. 27(ii): a party that deposits after the 30th is bound three months after its own
    instrument, even when it deposited before entry into force (Switzerland, Korea)."""
    out = evaluate_treaty(parse_treaty((TREATIES / "treaty-beijing.yaml").read_text("utf-8"),
                                       "b"))
    later = [p for p in out.parties if not p.initial]
    assert len(later) == 18
    assert out.effective("CH") == date(2020, 5, 11)    # Beijing Notification No. 32
    assert out.effective("KR") == date(2020, 7, 22)
    for p in later:
        assert p.effective is not None and p.effective > date(2020, 4, 28)


def test_marrakesh_art_19_b_month_ends() -> None:
    """Art. 19(b) with the project's month arithmetic, as WIPO published it: 31 March 2022
    gives 30 June (Malaysia), 31 August 2021 gives 30 November (Norway)."""
    out = evaluate_treaty(TreatyCase(get_treaty("marrakesh-treaty"),
                                     bundled_instruments("marrakesh-treaty")))
    assert out.effective("MY") == date(2022, 6, 30)
    assert out.effective("NO") == date(2021, 11, 30)
    assert out.effective("TN") == date(2016, 12, 7)    # after the 20th, before entry into force


def test_wct_art_21_iii_the_eu_does_not_count_and_is_bound_three_months_later() -> None:
    out = evaluate_treaty(TreatyCase(get_treaty("wipo-copyright-treaty"),
                                     bundled_instruments("wipo-copyright-treaty")))
    eu = next(p for p in out.parties if p.party == "EU")
    assert not eu.counted and out.count == len(out.parties) - 1
    assert eu.effective == date(2010, 3, 14)
    assert out.effective("ML") == date(2002, 4, 24)    # Art. 21(ii), after the 30th


def test_wct_art_21_ii_switzerland_is_the_documented_departure() -> None:
    """WIPO publishes 1 July 2008 for Switzerland's instrument of 31 March 2008; the rule
    and the month arithmetic give 30 June 2008. The list says so in its note column."""
    out = evaluate_treaty(TreatyCase(get_treaty("wipo-copyright-treaty"),
                                     bundled_instruments("wipo-copyright-treaty")))
    assert out.effective("CH") == date(2008, 6, 30)
    assert published_effective("wipo-copyright-treaty")["CH"] == date(2008, 7, 1)
    assert set(published_notes("wipo-copyright-treaty")) == {"CH"}
    assert published_notes("beijing-treaty") == published_notes("marrakesh-treaty") == {}


# --- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def beijing_cases(draw: st.DrawFn) -> TreatyCase:
    n = draw(st.integers(0, 40))
    when = draw(st.lists(dates, min_size=n, max_size=n))
    kinds = draw(st.lists(st.sampled_from([PartyType.STATE, PartyType.IGO]), min_size=n,
                          max_size=n))
    name = draw(st.sampled_from(["beijing-treaty", "wipo-copyright-treaty",
                                 "marrakesh-treaty"]))
    ins = tuple(Instrument(f"P{i}", "ratification", k, d)
                for i, (d, k) in enumerate(zip(when, kinds, strict=True)))
    return TreatyCase(get_treaty(name), ins)


@settings(max_examples=150, deadline=None)
@given(beijing_cases())
def test_entry_never_precedes_the_triggering_instrument(case: TreatyCase) -> None:
    out = evaluate_treaty(case)
    if out.entry_into_force is not None:
        trigger = next(i for i in case.instruments if i.party == out.triggered_by)
        assert out.entry_into_force >= trigger.deposited
        for p in out.parties:
            assert p.effective is not None and p.effective >= out.entry_into_force
            if p.initial:
                assert p.effective == out.entry_into_force
                assert p.deposited <= trigger.deposited
    else:
        assert all(p.effective is None for p in out.parties)
        assert out.count < out.needed


@settings(max_examples=150, deadline=None)
@given(beijing_cases(), dates, st.sampled_from([PartyType.STATE, PartyType.IGO]))
def test_adding_an_instrument_never_delays_entry_into_force(
        case: TreatyCase, when: date, kind: PartyType) -> None:
    before = evaluate_treaty(case).entry_into_force
    more = TreatyCase(case.rule, (*case.instruments, Instrument("NEW", "accession", kind,
                                                               when)))
    after = evaluate_treaty(more).entry_into_force
    if before is not None:
        assert after is not None and after <= before


# --- files, JSON, errors --------------------------------------------------------------------

GOOD = """treaty: beijing-treaty
adopted: 2012-06-24
instruments:
  - {party: CN, kind: ratification, type: state, deposited: 2014-07-09}
  - {party: EU, kind: accession, type: igo, deposited: 2014-01-01, notified: 2014-01-10}
"""


def test_issue_example_reads_and_round_trips() -> None:
    case = parse_treaty(GOOD, "good.yaml")
    again = parse_treaty(dump_treaty(case), "good.yaml")
    assert again == case and case_to_mapping(again) == case_to_mapping(case)


@pytest.mark.parametrize("text,field", [
    (GOOD.replace("2014-07-09", "2014-02-30"), "instruments[0].deposited"),
    (GOOD.replace("2014-07-09", "2011-07-09"), "instruments[0].deposited"),
    (GOOD.replace("party: EU", "party: CN"), "instruments[1].party"),
    (GOOD.replace("beijing-treaty", "beijing-treatyy"), "treaty"),
    (GOOD.replace("type: state", "type: nation"), "instruments[0].type"),
    (GOOD.replace("deposited: 2014-07-09", "deposited: 20140709"), "instruments[0].deposited"),
    (GOOD.replace("kind: ratification", "kind: signature"), "instruments[0].kind"),
    (GOOD + "instrumentz: []\n", "instrumentz"),
    (GOOD.replace("notified: 2014-01-10", "notified: 2013-12-31"), "instruments[1].notified"),
    ("treaty: berne-amendment-26\ninstruments: []\n", "members_at_adoption"),
    ("treaty: {needed: 0}\n", "treaty.needed"),
    ("treaty: {needed: 3, needed_fraction: '3/4'}\n", "treaty"),
    ("treaty: berne-accession\ninstruments:\n  - {party: EU, type: igo, "
     "deposited: 2000-01-01}\n", "instruments[0].type"),
])
def test_bad_input_is_one_line_naming_the_field(text: str, field: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_treaty(text, "bad.yaml")
    assert info.value.field == field
    assert "\n" not in info.value.message and info.value.fix


def test_json_contract_keys(tmp_path: Path) -> None:
    result = runner.invoke(app, ["treaty", str(TREATIES / "treaty-beijing.yaml"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("entry_into_force", "triggered_by", "count", "needed", "parties", "trace"):
        assert key in data
    assert data["entry_into_force"] == "2020-04-28"
    assert set(data["parties"][0]) >= {"party", "deposited", "effective", "counted"}
    assert set(data["trace"][0]) >= {"article", "key", "params", "en", "fr"}


def test_cli_not_in_force_says_how_many_are_missing(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text(GOOD, "utf-8")
    data = json.loads(runner.invoke(app, ["treaty", str(f), "--json"]).output)
    assert data["entry_into_force"] is None and data["triggered_by"] is None
    assert (data["count"], data["needed"]) == (2, 30)
    for lang, word in (("en", "28 missing"), ("fr", "il en manque 28")):
        out = runner.invoke(app, ["treaty", str(f), "--lang", lang])
        assert out.exit_code == 0 and word in out.output


def test_cli_bad_file_exits_2_with_one_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(GOOD.replace("2014-07-09", "2014-02-30"), "utf-8")
    out = runner.invoke(app, ["treaty", str(f)])
    assert out.exit_code == 2
    assert "instruments[0].deposited" in out.output and "Traceback" not in out.output


def test_every_treaty_message_exists_in_both_languages() -> None:
    en = {k for k in catalogue("en") if k.startswith("treaties.")}
    for lang in LANGUAGES:
        assert en == {k for k in catalogue(lang) if k.startswith("treaties.")}


# --- golden explanations ------------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_treaty_explanation(lang: str) -> None:
    import os

    out = runner.invoke(app, ["treaty", str(TREATIES / "treaty-marrakesh.yaml"),
                              "--lang", lang])
    assert out.exit_code == 0
    path = GOLDEN / f"treaty-marrakesh.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out.output, "utf-8")
    assert out.output == path.read_text("utf-8")


def test_every_message_key_the_engine_emits_exists() -> None:
    import re

    text = (ROOT / "quorum" / "treaties" / "engine.py").read_text("utf-8")
    used = set(re.findall(r'"(treaties\.[a-z_.]+)"', text))
    assert used and used <= set(catalogue("en")), used - set(catalogue("en"))


# --- walkthrough --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_beijing_walkthrough_from_2000_to_2020(lang: str) -> None:
    from quorum.treaties.story import beijing_walkthrough

    steps = beijing_walkthrough()
    keys = [s.key for s in steps]
    assert keys[0] == "treaties.walk.conference_2000"
    assert "treaties.walk.entry" in keys            # computed date equals WIPO's
    assert "treaties.walk.listed" in keys           # complete list, nothing published used
    third = next(s for s in steps if s.key == "treaties.walk.thirtieth")
    assert third.get("date") == date(2020, 1, 28)
    entry = next(s for s in steps if s.key == "treaties.walk.entry")
    assert entry.get("entry") == date(2020, 4, 28)
    for s in steps:
        text = s.render(lang)
        assert "{" not in text and "treaties." not in text
    out = runner.invoke(app, ["treaty-walkthrough", "--lang", lang])
    assert out.exit_code == 0 and "2020-04-28" in out.output


# --- hostile input --------------------------------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=12),
                     st.sampled_from(["2014-07-09", "9999-12-31", "0001-01-01", "1e999",
                                      "3/4", "state", "igo", "accession", "beijing-treaty"]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["party", "kind", "type", "deposited", "notified", "needed", "counts",
                     "delay_months", "needed_fraction", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["treaty", "adopted", "instruments",
                                        "members_at_adoption", "entered_into_force", "title",
                                        "bogus"]), _values, max_size=5))
def test_any_input_is_a_case_or_a_one_line_error(data: dict[str, object]) -> None:
    from quorum.treaties import case_from_mapping

    try:
        case = case_from_mapping(data, "fuzz.yaml")
    except ScenarioError as exc:
        assert "\n" not in exc.message and len(exc.message) < 400
        return
    evaluate_treaty(case)


def test_dates_near_the_end_of_the_calendar_are_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_treaty(GOOD.replace("2014-07-09", "9999-12-31"), "late.yaml")
    assert info.value.field == "instruments[0].deposited"
