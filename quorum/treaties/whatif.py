"""What-if: the distribution of the entry-into-force date when signatories may still ratify.

Each signatory without an instrument deposits after a random time with a constant hazard:
either ``hazard`` per year, or ``probability`` of depositing within a year (hazard
``-ln(1 - p)``). Every run draws all signatories at once (vectorised numpy, seeded), takes
the ``needed``-th counted date (the instruments already deposited included) and adds the
treaty's delay with the project's month arithmetic, vectorised. Randomness and quantiles
are floats; the count needed stays exact (it comes from the rule).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ScenarioError, from_number_error, too_many
from ..limits import MAX_TREATY_SAMPLES, MAX_TREATY_SIGNATORIES, MAX_TREATY_WORK
from ..numbers import NumberError, parse_fraction
from .engine import Instrument, PartyType, TreatyCase, counts_toward
from .rules import DelayFrom, needed_instruments
from .schema import _party_id, parse_date

__all__ = ["Signatory", "WhatIfModel", "WhatIfResult", "simulate_entry", "model_from_mapping",
           "add_months_vec", "draw_deposits", "entry_dates", "NEVER", "MAX_SAMPLES",
           "MAX_SIGNATORIES"]

MAX_SAMPLES = MAX_TREATY_SAMPLES
MAX_SIGNATORIES = MAX_TREATY_SIGNATORIES
MAX_HORIZON_YEARS = 100
_NEVER = np.iinfo(np.int64).max
NEVER = _NEVER


@dataclass(frozen=True, slots=True)
class Signatory:
    party: str
    type: PartyType
    hazard: float          # per year

    @property
    def probability_within_a_year(self) -> float:
        return 1.0 - math.exp(-self.hazard)


@dataclass(frozen=True, slots=True)
class WhatIfModel:
    signatories: tuple[Signatory, ...]
    as_of: date
    horizon_years: int = 10
    samples: int = 10_000
    seed: int = 0


@dataclass(frozen=True, slots=True)
class WhatIfResult:
    samples: int
    seed: int
    p10: date | None
    median: date | None
    p90: date | None
    share_in_force: Fraction     # runs in force within the horizon, exactly counted
    histogram: tuple[tuple[int, int], ...]   # (year, runs entering into force that year)

    def to_dict(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {"samples": self.samples, "seed": self.seed, "p10": iso(self.p10),
                "median": iso(self.median), "p90": iso(self.p90),
                "share_in_force": float(self.share_in_force),
                "by_year": [{"year": y, "runs": n} for y, n in self.histogram]}


def add_months_vec(days: npt.NDArray[np.datetime64], months: int
                   ) -> npt.NDArray[np.datetime64]:
    """:func:`quorum.periods.add_months` on an array of ``datetime64[D]`` dates."""
    month_start = days.astype("datetime64[M]")
    day = (days - month_start.astype("datetime64[D]")).astype(np.int64)  # 0-based
    target = month_start + np.timedelta64(months, "M")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]")
              - target.astype("datetime64[D]")).astype(np.int64)
    result: npt.NDArray[np.datetime64] = (
        target.astype("datetime64[D]") + np.minimum(day, length - 1).astype("timedelta64[D]"))
    return result


def _number(value: Any, source: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ScenarioError(source, field, key="tr_not_number")
    try:
        exact = parse_fraction(value, fix='write e.g. "0.3" or "3/10"')
    except NumberError as exc:
        raise from_number_error(source, field, exc) from None
    return float(exact)


def model_from_mapping(data: Any, case: TreatyCase, source: str) -> WhatIfModel:
    """The ``model:`` block of a treaty file."""
    where = "model"
    if not isinstance(data, Mapping):
        raise ScenarioError(source, where, key="tr_not_mapping_2")
    allowed = {"signatories", "as_of", "horizon_years", "samples", "seed"}
    extra = sorted(str(k) for k in data if k not in allowed)
    if extra:
        raise ScenarioError(source, f"{where}.{extra[0][:40]}", key="tr_unknown_field_3", params={
                                "join_sorted_allowed": ', '.join(sorted(allowed))})
    raw = data.get("signatories", [])
    if not isinstance(raw, list) or not raw:
        raise ScenarioError(source, f"{where}.signatories", key="tr_not_non_empty_list")
    if len(raw) > MAX_SIGNATORIES:
        raise ScenarioError(source, f"{where}.signatories",
                            key="tr_above_limit_max_signatories", params={
                                "max_signatories": MAX_SIGNATORIES})
    done = {i.party for i in case.instruments}
    sigs: list[Signatory] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        f = f"{where}.signatories[{i}]"
        if not isinstance(item, Mapping) or "party" not in item:
            raise ScenarioError(source, f, key="tr_not_mapping_with_party")
        extra = sorted(str(k) for k in item if k not in {"party", "type", "probability",
                                                          "hazard"})
        if extra:
            raise ScenarioError(source, f"{f}.{extra[0][:40]}", key="tr_unknown_field_4")
        party = _party_id(item["party"], source, f"{f}.party")
        if party in done or party in seen:
            raise ScenarioError(source, f"{f}.party",
                                key="tr_party_already_has_instrument_or_listed", params={
                                    "party": party})
        seen.add(party)
        ptype = item.get("type", "state")
        if ptype not in ("state", "igo"):
            raise ScenarioError(source, f"{f}.type", key="tr_not_type")
        if ("probability" in item) == ("hazard" in item):
            raise ScenarioError(source, f, key="tr_give_either_probability_or_hazard")
        if "probability" in item:
            p = _number(item["probability"], source, f"{f}.probability")
            if not 0 <= p < 1:
                raise ScenarioError(source, f"{f}.probability", key="tr_not_between_and_excluded")
            hazard = -math.log1p(-p)
        else:
            hazard = _number(item["hazard"], source, f"{f}.hazard")
            if not 0 <= hazard <= 100:
                raise ScenarioError(source, f"{f}.hazard", key="tr_not_between_and_per_year")
        sigs.append(Signatory(party, PartyType(ptype), hazard))
    default_start = max([i.deposited for i in case.instruments]
                        + ([case.adopted] if case.adopted else []), default=date.today())
    as_of = parse_date(data.get("as_of"), source, f"{where}.as_of", required=False) \
        or default_start
    def whole(name: str, default: int, low: int, high: int) -> int:
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ScenarioError(source, f"{where}.{name}",
                                key="tr_not_whole_number_from_low_high", params={
                                    "low": low, "high": high, "default": default})
        return value
    return WhatIfModel(tuple(sigs), as_of, whole("horizon_years", 10, 1, MAX_HORIZON_YEARS),
                       whole("samples", 10_000, 1, MAX_SAMPLES),
                       whole("seed", 0, 0, 2**32 - 1))


def _quantile(sorted_days: npt.NDArray[np.int64], q: Fraction) -> date | None:
    n = len(sorted_days)
    index = max(0, -(-q.numerator * n // q.denominator) - 1)   # inverted CDF
    value = int(sorted_days[index])
    return None if value == _NEVER else date.fromordinal(value)


def draw_deposits(case: TreatyCase, model: WhatIfModel
                  ) -> tuple[tuple[Signatory, ...], npt.NDArray[np.int64]]:
    """The counted signatories and, per run, the day ordinal each deposits (or never)."""
    rule = case.rule
    members = frozenset(case.members_at_adoption) if case.members_at_adoption else None
    counting = tuple(s for s in model.signatories if counts_toward(
        rule, Instrument(s.party, "ratification", s.type, model.as_of), members))
    hazards = np.array([s.hazard for s in counting], dtype=np.float64)
    rng = np.random.default_rng(model.seed)
    horizon_days = int(model.horizon_years * 365.25)
    start = model.as_of.toordinal()
    n = model.samples
    if not counting:
        return counting, np.empty((n, 0), dtype=np.int64)
    u = rng.random((n, len(counting)))
    with np.errstate(divide="ignore"):
        days = np.floor(-np.log1p(-u) / hazards * 365.25)    # inf where the hazard is 0
    inside = days <= horizon_days
    drawn = np.full(days.shape, _NEVER, dtype=np.int64)
    drawn[inside] = start + days[inside].astype(np.int64)
    return counting, drawn


def entry_dates(case: TreatyCase, model: WhatIfModel,
                drawn: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Per run, the day ordinal of entry into force (``_NEVER`` if not in the horizon)."""
    rule = case.rule
    members = frozenset(case.members_at_adoption) if case.members_at_adoption else None
    needed = needed_instruments(rule, len(members) if members is not None else None)

    def ref(i: Instrument) -> date:
        if rule.delay_from is DelayFrom.NOTIFICATION and i.notified is not None:
            return i.notified
        return i.deposited

    fixed = np.array([ref(i).toordinal() for i in case.instruments
                      if counts_toward(rule, i, members)], dtype=np.int64)
    n = drawn.shape[0]
    allday = np.concatenate([np.broadcast_to(fixed, (n, len(fixed))), drawn], axis=1)
    entry = np.full(n, _NEVER, dtype=np.int64)
    if allday.shape[1] < needed:
        return entry
    trigger = np.partition(allday, needed - 1, axis=1)[:, needed - 1]
    ok = trigger != _NEVER
    if ok.any():
        epoch = date(1970, 1, 1).toordinal()
        moved = add_months_vec((trigger[ok] - epoch).astype("datetime64[D]"),
                               rule.delay_months)
        entry[ok] = moved.astype(np.int64) + epoch
    return entry


def simulate_entry(case: TreatyCase, model: WhatIfModel) -> WhatIfResult:
    """Entry-into-force dates over ``model.samples`` runs (reproducible by ``model.seed``)."""
    work = model.samples * (len(case.instruments) + len(model.signatories))
    if work > MAX_TREATY_WORK:
        raise too_many(case.source, "model.samples",
                       ("runs x (instruments + signatories) of a treaty what-if",
                        "tirages x (instruments + signataires) d'une simulation de traité"),
                       work, MAX_TREATY_WORK)
    _, drawn = draw_deposits(case, model)
    entry = entry_dates(case, model, drawn)
    entry.sort()
    n = model.samples
    in_force = int((entry != _NEVER).sum())
    epoch = date(1970, 1, 1).toordinal()
    years_of = (entry[:in_force] - epoch).astype("datetime64[D]").astype(
        "datetime64[Y]").astype(np.int64) + 1970
    values, runs = np.unique(years_of, return_counts=True)
    counts = {int(y): int(c) for y, c in zip(values, runs, strict=True)}
    return WhatIfResult(n, model.seed, _quantile(entry, Fraction(1, 10)),
                        _quantile(entry, Fraction(1, 2)), _quantile(entry, Fraction(9, 10)),
                        Fraction(in_force, n), tuple(sorted(counts.items())))
