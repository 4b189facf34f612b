"""Instruments in, dates out: when a treaty enters into force and when it binds each party.

Pure functions over immutable values. The explanation is a list of :class:`Step` values
(article, message key, figures), rendered in English and French from
``quorum/locales/treaties.*.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from ..explain import Step, bilingual, step
from ..periods import add_months
from .rules import Counts, DelayFrom, IgoRule, LaterRule, TreatyRule, needed_instruments

__all__ = [
    "PartyType",
    "Instrument",
    "TreatyCase",
    "PartyDate",
    "TreatyOutcome",
    "evaluate_treaty",
    "counts_toward",
]


class PartyType(StrEnum):
    STATE = "state"
    IGO = "igo"


@dataclass(frozen=True, slots=True)
class Instrument:
    """One instrument of ratification, accession, acceptance or approval."""

    party: str
    kind: str
    type: PartyType
    deposited: date
    notified: date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class TreatyCase:
    """A treaty and the instruments deposited so far."""

    rule: TreatyRule
    instruments: tuple[Instrument, ...]
    adopted: date | None = None
    members_at_adoption: tuple[str, ...] | None = None
    # The published date of entry into force, for a list known to be incomplete: used only
    # when the instruments listed are too few to compute it.
    published_entry_into_force: date | None = None
    title: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class PartyDate:
    party: str
    kind: str
    type: PartyType
    deposited: date
    notified: date | None
    effective: date | None
    counted: bool
    initial: bool

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "kind": self.kind, "type": self.type.value,
                "deposited": self.deposited.isoformat(),
                "notified": self.notified.isoformat() if self.notified else None,
                "effective": self.effective.isoformat() if self.effective else None,
                "counted": self.counted, "initial": self.initial}


@dataclass(frozen=True, slots=True)
class TreatyOutcome:
    entry_into_force: date | None
    triggered_by: str | None
    count: int
    needed: int
    parties: tuple[PartyDate, ...]
    trace: tuple[Step, ...] = field(default=())
    from_published: bool = False

    @property
    def missing(self) -> int:
        return 0 if self.entry_into_force is not None else max(0, self.needed - self.count)

    def effective(self, party: str) -> date | None:
        for p in self.parties:
            if p.party == party:
                return p.effective
        raise KeyError(f"no instrument of {party!r}")


def _t(en: str, fr: str) -> tuple[str, str, str]:
    return bilingual(en, fr)


_COUNTS = {
    Counts.STATES: _t("only States count", "seuls les États comptent"),
    Counts.ELIGIBLE_PARTIES: _t("every eligible party counts, intergovernmental "
                                "organizations included",
                                "toute partie admise compte, organisations "
                                "intergouvernementales comprises"),
    Counts.MEMBERS_AT_ADOPTION: _t("only the members at the date of adoption count",
                                   "seuls comptent les membres à la date de l'adoption"),
}
_FROM = {
    DelayFrom.DEPOSIT: _t("the deposit", "le dépôt"),
    DelayFrom.NOTIFICATION: _t("the depositary's notification", "la notification du dépositaire"),
}


_KIND_FR = {"ratification": "ratification", "accession": "adhésion",
            "acceptance": "acceptation", "approval": "approbation"}


def _kind(kind: str) -> tuple[str, str, str]:
    return _t(kind, _KIND_FR.get(kind, kind))


def kind_label(kind: str, lang: str) -> str:
    """The instrument's kind in the language asked."""
    return _KIND_FR.get(kind, kind) if lang == "fr" else kind


def counts_toward(rule: TreatyRule, instrument: Instrument,
                  members_at_adoption: frozenset[str] | None) -> bool:
    """Whether an instrument counts toward the number needed (the treaty's own article)."""
    if rule.counts is Counts.STATES:
        return instrument.type is PartyType.STATE
    if rule.counts is Counts.MEMBERS_AT_ADOPTION:
        return members_at_adoption is not None and instrument.party in members_at_adoption
    return True


def _ref(instrument: Instrument, frm: DelayFrom) -> date:
    if frm is DelayFrom.NOTIFICATION and instrument.notified is not None:
        return instrument.notified
    return instrument.deposited


def evaluate_treaty(case: TreatyCase) -> TreatyOutcome:
    """Entry into force, the instrument that triggered it and each party's date.

    The ``needed``-th counted instrument, in the order of the date the treaty's delay runs
    from (ties in the order of the file), triggers entry into force ``delay_months`` later
    (month arithmetic of :func:`quorum.periods.add_months`). The first ``needed`` counted
    parties are bound from that date; later ones under the treaty's later-party rule, never
    before entry into force.
    """
    rule = case.rule
    members = frozenset(case.members_at_adoption) if case.members_at_adoption is not None \
        else None
    needed = needed_instruments(rule, len(members) if members is not None else None)
    trace: list[Step] = [step(rule.entry_article, "treaties.rule", treaty=_t(rule.name.en,
                              rule.name.fr), needed=needed, delay=rule.delay_months,
                              start=_FROM[rule.delay_from])]
    if rule.needed_fraction is not None and members is not None:
        f = rule.needed_fraction
        trace.append(step(rule.counts_article, "treaties.needed_fraction",
                          fraction=f"{f.numerator}/{f.denominator}", members=len(members),
                          needed=needed, num=f.numerator, den=f.denominator))
    trace.append(step(rule.counts_article, "treaties.counts", who=_COUNTS[rule.counts]))

    order = sorted(range(len(case.instruments)),
                   key=lambda i: (_ref(case.instruments[i], rule.delay_from), i))
    counted = [i for i in order if counts_toward(rule, case.instruments[i], members)]
    count = len(counted)
    entry: date | None = None
    trigger: int | None = None
    from_published = False
    if count >= needed:
        trigger = counted[needed - 1]
        t = case.instruments[trigger]
        entry = add_months(_ref(t, rule.delay_from), rule.delay_months)
        trace.append(step(rule.entry_article, "treaties.trigger", party=t.party,
                          date=_ref(t, rule.delay_from), start=_FROM[rule.delay_from],
                          n=needed, delay=rule.delay_months, entry=entry))
        if case.published_entry_into_force is not None \
                and case.published_entry_into_force != entry:
            trace.append(step(rule.entry_article, "treaties.published_differs",
                              published=case.published_entry_into_force, entry=entry))
    elif case.published_entry_into_force is not None:
        entry = case.published_entry_into_force
        from_published = True
        trace.append(step(rule.entry_article, "treaties.published", count=count,
                          needed=needed, entry=entry))
    else:
        trace.append(step(rule.entry_article, "treaties.missing", count=count,
                          needed=needed, missing=needed - count))
    initial = frozenset(counted[:needed]) if trigger is not None else frozenset()

    parties: list[PartyDate] = []
    for i in order:
        ins = case.instruments[i]
        is_counted = counts_toward(rule, ins, members)
        effective, key, params = _effective(rule, ins, i in initial, entry)
        if (ins.notified is None and entry is not None and key == "treaties.party_later"
                and rule.later_from is DelayFrom.NOTIFICATION):
            trace.append(step(rule.later_article, "treaties.notified_default",
                              party=ins.party))
        article = rule.igo_article if key in ("treaties.party_igo_before",
                                                          "treaties.party_igo_after") else (
            rule.entry_article if key == "treaties.party_initial" else rule.later_article)
        trace.append(step(article, key, party=ins.party, kind=_kind(ins.kind),
                          deposited=ins.deposited, counted=is_counted, effective=effective,
                          **params))
        parties.append(PartyDate(ins.party, ins.kind, ins.type, ins.deposited, ins.notified,
                                 effective, is_counted, i in initial))
    return TreatyOutcome(entry, case.instruments[trigger].party if trigger is not None
                         else None, count, needed, tuple(parties), tuple(trace),
                         from_published)


def _effective(rule: TreatyRule, ins: Instrument, initial: bool, entry: date | None
               ) -> tuple[date | None, str, dict[str, Any]]:
    if entry is None:
        return None, "treaties.party_pending", {}
    if initial:
        return entry, "treaties.party_initial", {}
    if rule.later is LaterRule.AT_ENTRY:
        return entry, "treaties.party_at_entry", {}
    if ins.type is PartyType.IGO and rule.igo is IgoRule.AFTER_ENTRY_OR_DEPOSIT:
        months = rule.igo_delay_months
        if ins.deposited < entry:
            return add_months(entry, months), "treaties.party_igo_before", {"delay": months}
        return (add_months(ins.deposited, months), "treaties.party_igo_after",
                {"delay": months})
    own = add_months(_ref(ins, rule.later_from), rule.later_delay_months)
    if own <= entry:
        return entry, "treaties.party_before_entry", {"delay": rule.later_delay_months,
                                                      "start": _FROM[rule.later_from]}
    return own, "treaties.party_later", {"delay": rule.later_delay_months,
                                         "start": _FROM[rule.later_from]}


def parties_table(outcome: TreatyOutcome) -> Sequence[dict[str, Any]]:
    """The parties as plain rows (JSON, CSV, dashboard)."""
    return [p.to_dict() for p in outcome.parties]
