"""What-if of entry into force: the vectorised simulation against the readable engine."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quorum.cli import app
from quorum.errors import ScenarioError
from quorum.periods import add_months
from quorum.treaties import Instrument, PartyType, TreatyCase, evaluate_treaty, get_treaty
from quorum.treaties.whatif import (
    NEVER,
    Signatory,
    WhatIfModel,
    add_months_vec,
    draw_deposits,
    entry_dates,
    model_from_mapping,
    simulate_entry,
)

ROOT = Path(__file__).resolve().parent.parent
TREATIES = ROOT / "scenarios" / "treaties"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
                min_size=1, max_size=20), st.integers(0, 240))
def test_vectorised_month_arithmetic_equals_add_months(days: list[date], months: int) -> None:
    arr = np.array([d.isoformat() for d in days], dtype="datetime64[D]")
    got = [date.fromisoformat(str(x)) for x in add_months_vec(arr, months)]
    assert got == [add_months(d, months) for d in days]


def _case(n: int) -> TreatyCase:
    ins = tuple(Instrument(f"S{i}", "ratification", PartyType.STATE, date(2014, 1, 1 + i))
                for i in range(n))
    return TreatyCase(get_treaty("beijing-treaty"), ins)


def _model(sigs: int, p: float, samples: int = 4000, seed: int = 7) -> WhatIfModel:
    return WhatIfModel(tuple(Signatory(f"G{i}", PartyType.STATE, -math.log1p(-p))
                             for i in range(sigs)), date(2020, 1, 1), 10, samples, seed)


def test_each_run_matches_the_readable_engine() -> None:
    case, model = _case(25), _model(10, 0.3, samples=60)
    counting, drawn = draw_deposits(case, model)
    fast = entry_dates(case, model, drawn)
    for run in range(model.samples):
        extra = tuple(Instrument(s.party, "accession", s.type, date.fromordinal(int(d)))
                      for s, d in zip(counting, drawn[run], strict=True) if d != NEVER)
        slow = evaluate_treaty(TreatyCase(case.rule, case.instruments + extra))
        expected = slow.entry_into_force.toordinal() if slow.entry_into_force else NEVER
        assert int(fast[run]) == expected


def test_reproducible_by_seed_and_different_with_another_seed() -> None:
    case = _case(25)
    a = simulate_entry(case, _model(10, 0.3, seed=1))
    assert a == simulate_entry(case, _model(10, 0.3, seed=1))
    assert a != simulate_entry(case, _model(10, 0.3, seed=2))
    assert a.p10 is not None and a.median is not None and a.p90 is not None
    assert a.p10 <= a.median <= a.p90


def test_already_in_force_gives_the_entry_date_in_every_run() -> None:
    case = _case(30)
    result = simulate_entry(case, _model(5, 0.5))
    entry = evaluate_treaty(case).entry_into_force
    assert result.p10 == result.median == result.p90 == entry
    assert result.share_in_force == 1


def test_one_missing_instrument_share_within_a_year_matches_the_probability() -> None:
    """29 instruments, one signatory with p = 0.4 within a year: in force within a year of
    as_of plus three months in about 40 % of the runs (99.9 % binomial interval)."""
    case, model = _case(29), _model(1, 0.4, samples=20_000)
    _, drawn = draw_deposits(case, model)
    within = float(np.mean(drawn[:, 0] < date(2021, 1, 1).toordinal()))
    half_width = 3.3 * math.sqrt(0.4 * 0.6 / model.samples)
    assert abs(within - 0.4) < half_width


def test_signatories_that_do_not_count_change_nothing() -> None:
    """WCT Art. 20: an organization's instrument does not count toward the thirty."""
    ins = tuple(Instrument(f"S{i}", "ratification", PartyType.STATE, date(1998, 1, 1 + i))
                for i in range(29))
    case = TreatyCase(get_treaty("wipo-copyright-treaty"), ins)
    model = WhatIfModel((Signatory("EC", PartyType.IGO, 5.0),), date(2000, 1, 1), 10, 100, 0)
    assert simulate_entry(case, model).share_in_force == 0


@pytest.mark.parametrize("model,field", [
    ({"signatories": [{"party": "G", "probability": "1"}]}, "model.signatories[0].probability"),
    ({"signatories": [{"party": "G", "probability": "1e-9999999"}]},
     "model.signatories[0].probability"),
    ({"signatories": [{"party": "G", "probability": "0.3", "hazard": "1"}]},
     "model.signatories[0]"),
    ({"signatories": [{"party": "S0", "probability": "0.3"}]}, "model.signatories[0].party"),
    ({"signatories": [{"party": "G", "probability": "0.3"}], "samples": 10**9},
     "model.samples"),
    ({"signatories": [{"party": "G", "probability": "0.3"}], "samplez": 3}, "model.samplez"),
])
def test_bad_models_are_one_line(model: dict[str, object], field: str) -> None:
    with pytest.raises(ScenarioError) as info:
        model_from_mapping(model, _case(3), "m.yaml")
    assert info.value.field == field


def test_cli_simulate_json_has_the_band() -> None:
    out = CliRunner().invoke(app, ["treaty", str(TREATIES / "treaty-whatif.yaml"),
                                   "--json", "--simulate", "--samples", "2000"])
    assert out.exit_code == 0, out.output
    w = json.loads(out.output)["whatif"]
    assert w["samples"] == 2000 and w["p10"] <= w["median"] <= w["p90"]
    assert w["p10"] >= "2019-09-01"          # as_of + the three months of Art. 26


def test_cli_simulate_without_model_is_one_line() -> None:
    out = CliRunner().invoke(app, ["treaty", str(TREATIES / "treaty-beijing.yaml"),
                                   "--simulate"])
    assert out.exit_code == 2 and "model" in out.output
