"""Entry into force as data: the ``treaty:`` vocabulary and the registry of presets.

A treaty's final clauses say how many instruments bring it into force, who counts toward
that number, how long after the decisive instrument it enters into force, and when it
binds a party that joins later. Each preset in ``quorum/data/treaties/`` is written in the
same vocabulary a user may write inline, with the articles it implements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from ..errors import ScenarioError, from_validation_error
from ..numbers import NumberError, parse_fraction, quoted
from ..packagedata import bundled_yaml
from ..rules import Text
from ..yamlio import safe_load

__all__ = [
    "Counts",
    "DelayFrom",
    "LaterRule",
    "IgoRule",
    "TreatyRule",
    "treaty_from_mapping",
    "treaty_to_mapping",
    "preset_names",
    "get_treaty",
    "needed_instruments",
]


class Counts(StrEnum):
    """Whose instruments count toward the number needed."""

    STATES = "states"                          # WCT Art. 20, WPPT Art. 29
    ELIGIBLE_PARTIES = "eligible_parties"      # Beijing Art. 26, Marrakesh Art. 18 (IGOs too)
    MEMBERS_AT_ADOPTION = "members_at_adoption"  # Berne Art. 26(3), WIPO Conv. Art. 17(3)


class DelayFrom(StrEnum):
    """From which event a period of months runs."""

    DEPOSIT = "deposit"
    NOTIFICATION = "notification"    # the depositary's notification of the deposit


class LaterRule(StrEnum):
    """When the treaty binds a party whose instrument is not among the first ones."""

    OWN_DELAY = "own_delay"      # a period after its own instrument (WCT Art. 21(ii))
    AT_ENTRY = "at_entry"        # amendments bind every member from entry into force


class IgoRule(StrEnum):
    """How an intergovernmental organization is bound."""

    SAME = "same"                          # as any eligible party (Beijing Art. 27)
    AFTER_ENTRY_OR_DEPOSIT = "after_entry_or_deposit"  # WCT Art. 21(iii), WPPT Art. 30(iii)
    NOT_ADMITTED = "not_admitted"          # only States may join (Berne, WIPO Convention)


@dataclass(frozen=True, slots=True)
class TreatyRule:
    """The entry-into-force clauses of one treaty (or of one kind of amendment)."""

    id: str
    name: Text
    counts: Counts
    needed: int | None               # a fixed number of instruments ...
    needed_fraction: Fraction | None  # ... or a fraction of the members at adoption
    delay_months: int
    delay_from: DelayFrom
    later: LaterRule
    later_delay_months: int
    later_from: DelayFrom
    igo: IgoRule
    igo_delay_months: int
    entry_article: str
    counts_article: str
    later_article: str
    igo_article: str
    instrument_kinds: tuple[str, ...]
    adopted: str | None = None       # ISO date of adoption, for the presets of a treaty
    notes: tuple[tuple[str, Text], ...] = ()
    sources: tuple[str, ...] = ()

    def describe(self, lang: str = "en") -> str:
        return self.name.get(lang)


def needed_instruments(rule: TreatyRule, members_at_adoption: int | None) -> int:
    """The number of instruments needed, exactly.

    With a fraction of the members at adoption (Berne Art. 26(3), WIPO Conv. Art. 17(3)),
    the smallest whole ``n`` with ``n * den >= num * members``: three-fourths of 181 is 136.
    """
    if rule.needed is not None:
        return rule.needed
    if rule.needed_fraction is None or members_at_adoption is None:
        raise ValueError("the number needed depends on the members at adoption")
    f = rule.needed_fraction
    return -(-f.numerator * members_at_adoption // f.denominator)


# --- the file vocabulary ------------------------------------------------------------------

_KINDS = ("ratification", "accession", "acceptance", "approval")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _TextDef(_Model):
    en: str
    fr: str | None = None


class _NoteDef(_Model):
    article: str
    en: str
    fr: str | None = None


class TreatyDefinition(_Model):
    """The ``treaty:`` mapping (what a preset file holds, what a user may write inline)."""

    id: str = "custom"
    name: _TextDef | str = "Treaty"
    counts: Literal["states", "eligible_parties", "members_at_adoption"] = "states"
    needed: int | None = None
    needed_fraction: Any = None
    delay_months: int = 3
    delay_from: Literal["deposit", "notification"] = "deposit"
    later: Literal["own_delay", "at_entry"] = "own_delay"
    later_delay_months: int | None = None
    later_from: Literal["deposit", "notification"] | None = None
    igo: Literal["same", "after_entry_or_deposit", "not_admitted"] = "same"
    igo_delay_months: int | None = None
    articles: dict[str, str] = {}
    instrument_kinds: list[str] = list(_KINDS)
    adopted: str | None = None
    notes: list[_NoteDef] = []
    sources: list[str] = []

    @field_validator("needed")
    @classmethod
    def _needed(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 10_000:
            raise NumberError("the number of instruments needed must be between 1 and 10000",
                              "write a whole number such as 30", "tr_needed_range")
        return value

    @field_validator("delay_months", "later_delay_months", "igo_delay_months")
    @classmethod
    def _months(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= 1200:
            raise NumberError("a delay is between 0 and 1200 months", "write e.g. 3",
                              "tr_delay_range")
        return value

    @field_validator("needed_fraction")
    @classmethod
    def _fraction(cls, value: Any) -> Fraction | None:
        if value is None:
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise NumberError("not an exact fraction", 'write it like "3/4"', "tr_not_fraction",
                              got=quoted(value))
        result = parse_fraction(value, fix='write it like "3/4"')
        if not 0 < result <= 1:
            raise NumberError("the fraction must be above 0 and at most 1", 'write e.g. "3/4"',
                              "tr_fraction_range", got=quoted(value))
        return result

    @field_validator("articles")
    @classmethod
    def _articles(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - {"entry", "counts", "later", "igo"})
        if unknown:
            raise NumberError(f"unknown article key {quoted(unknown[0])}",
                              "use entry, counts, later or igo", "tr_article_key",
                              name=quoted(unknown[0]))
        return value

    @model_validator(mode="after")
    def _one_number(self) -> TreatyDefinition:
        if (self.needed is None) == (self.needed_fraction is None):
            raise NumberError("give either 'needed' (a number of instruments) or "
                              "'needed_fraction' (of the members at adoption)",
                              "write e.g. needed: 30", "tr_needed_one")
        if self.needed_fraction is not None and self.counts != "members_at_adoption":
            raise NumberError("'needed_fraction' counts the members at adoption",
                              "add counts: members_at_adoption", "tr_needed_fraction_counts")
        return self


def _text(value: _TextDef | str) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    return Text(value.en, value.fr or value.en)


def _build(spec: TreatyDefinition) -> TreatyRule:
    arts = spec.articles
    return TreatyRule(
        id=spec.id,
        name=_text(spec.name),
        counts=Counts(spec.counts),
        needed=spec.needed,
        needed_fraction=spec.needed_fraction,
        delay_months=spec.delay_months,
        delay_from=DelayFrom(spec.delay_from),
        later=LaterRule(spec.later),
        later_delay_months=(spec.delay_months if spec.later_delay_months is None
                            else spec.later_delay_months),
        later_from=DelayFrom(spec.later_from or spec.delay_from),
        igo=IgoRule(spec.igo),
        igo_delay_months=(spec.delay_months if spec.igo_delay_months is None
                          else spec.igo_delay_months),
        entry_article=arts.get("entry", ""),
        counts_article=arts.get("counts", arts.get("entry", "")),
        later_article=arts.get("later", arts.get("entry", "")),
        igo_article=arts.get("igo", arts.get("later", arts.get("entry", ""))),
        instrument_kinds=tuple(spec.instrument_kinds),
        adopted=spec.adopted,
        notes=tuple((n.article, Text(n.en, n.fr or n.en)) for n in spec.notes),
        sources=tuple(spec.sources),
    )


def treaty_from_mapping(data: Any, source: str, field: str = "treaty") -> TreatyRule:
    """A :class:`TreatyRule` from the ``treaty:`` mapping; one-line errors otherwise."""
    if not isinstance(data, Mapping):
        raise ScenarioError(source, field, key="tr_treaty_preset_name_or_mapping", params={
                                "join_preset_names": ', '.join(preset_names())})
    try:
        spec = TreatyDefinition.model_validate(dict(data))
    except ValidationError as exc:
        raise from_validation_error(source, exc, (field,)) from None
    return _build(spec)


def treaty_to_mapping(rule: TreatyRule) -> dict[str, Any]:
    """The ``treaty:`` mapping of a rule (re-reads to an equal rule)."""
    out: dict[str, Any] = {"id": rule.id, "name": {"en": rule.name.en, "fr": rule.name.fr},
                           "counts": rule.counts.value}
    if rule.needed is not None:
        out["needed"] = rule.needed
    else:
        out["needed_fraction"] = str(rule.needed_fraction)
    out |= {
        "delay_months": rule.delay_months, "delay_from": rule.delay_from.value,
        "later": rule.later.value, "later_delay_months": rule.later_delay_months,
        "later_from": rule.later_from.value, "igo": rule.igo.value,
        "igo_delay_months": rule.igo_delay_months,
        "articles": {"entry": rule.entry_article, "counts": rule.counts_article,
                     "later": rule.later_article, "igo": rule.igo_article},
        "instrument_kinds": list(rule.instrument_kinds),
    }
    if rule.adopted:
        out["adopted"] = rule.adopted
    if rule.notes:
        out["notes"] = [{"article": a, "en": t.en, "fr": t.fr} for a, t in rule.notes]
    if rule.sources:
        out["sources"] = list(rule.sources)
    return out


def _preset_files() -> dict[str, str]:
    return bundled_yaml("treaties")


def preset_names() -> tuple[str, ...]:
    """The treaties shipped with quorum."""
    return tuple(sorted(_preset_files()))


@cache
def get_treaty(name: str) -> TreatyRule:
    """A preset treaty by name, e.g. ``get_treaty("beijing-treaty")``."""
    files = _preset_files()
    if name not in files:
        raise KeyError(f"unknown treaty {name!r}; known treaties: {', '.join(preset_names())}")
    return treaty_from_mapping(safe_load(files[name]), f"quorum/data/treaties/{name}.yaml")
