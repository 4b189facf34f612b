"""Bodies as data: the schema of a rule-set definition and the registry of presets.

The presets (``berne-assembly``, ``berne-executive-committee`` and the sister bodies) are
YAML files in ``quorum/data/bodies/`` written in exactly the vocabulary a user may write
inline in a scenario, so a preset and a user's definition can never drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .compiled import compiled
from .errors import ScenarioError, from_validation_error
from .explain import fmt
from .limits import MAX_EX_OFFICIO
from .numbers import NumberError, parse_fraction, quoted
from .packagedata import bundled_yaml
from .rules import (
    ArrearsRule,
    Base,
    CommitteeRule,
    ConcurrentMajority,
    Condition,
    ContributionRule,
    EntryIntoForceRule,
    Interpretation,
    Majority,
    Note,
    OrdinarySessionRule,
    QuorumRule,
    Ratification,
    ReducedQuorum,
    RuleSet,
    SessionRequestRule,
    SpecialCount,
    Text,
    Threshold,
    as_fraction,
)

__all__ = [
    "BodyDefinition",
    "rule_set_from_mapping",
    "preset_names",
    "get_body",
    "contribution_table",
]

_KIND = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _fraction(value: Any) -> Fraction:
    result = parse_fraction(value, negative=True, fix='write it like "2/3" or "1/2"')
    if not 0 < result <= 1:
        raise NumberError(f"the fraction {fmt(result, 'en')} must be above 0 and at most 1",
                          'use a value such as "2/3"', "fraction_range", got=fmt(result, "en"))
    return result


FractionField = Annotated[Fraction, Field()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class TextDef(_Model):
    en: str
    fr: str | None = None


class ThresholdDef(_Model):
    fraction: Any
    strict: bool = False
    article: str = ""

    @field_validator("fraction")
    @classmethod
    def _exact(cls, value: Any) -> Fraction:
        return _fraction(value)


class ConditionDef(_Model):
    fraction: Any
    base: Literal["votes_cast", "present", "members"] = "votes_cast"
    strict: bool = False

    @field_validator("fraction")
    @classmethod
    def _exact(cls, value: Any) -> Fraction:
        return _fraction(value)


class RatificationDef(_Model):
    """Ratification an adopted decision still needs (``Ratification`` in quorum.rules)."""

    fraction: Any
    strict: bool = False
    including: TextDef | str | None = None
    article: str = ""

    @field_validator("fraction")
    @classmethod
    def _exact(cls, value: Any) -> Fraction:
        return _fraction(value)


class MajorityDef(_Model):
    fraction: Any = None
    base: Literal["votes_cast", "present", "members"] = "votes_cast"
    strict: bool = False
    all_of: list[ConditionDef] | None = None
    article: str = ""
    label: TextDef | str | None = None
    written_procedure: bool = True
    ratification: RatificationDef | None = None

    @field_validator("fraction")
    @classmethod
    def _exact(cls, value: Any) -> Fraction | None:
        return None if value is None else _fraction(value)

    @model_validator(mode="after")
    def _one_form(self) -> MajorityDef:
        if (self.fraction is None) == (self.all_of is None):
            raise NumberError("a majority needs either 'fraction' (with 'base' and 'strict') or "
                              "'all_of'", 'write e.g. {fraction: "2/3", base: votes_cast}',
                              "majority_form")
        if self.all_of is not None and not self.all_of:
            raise NumberError("'all_of' is empty", "list at least one condition", "all_of_empty")
        return self


class ReducedQuorumDef(ThresholdDef):
    written_procedure_months: int = Field(default=3, ge=0, le=120)


class OrdinarySessionDef(_Model):
    every_years: int = Field(ge=1, le=10)
    convened_by: TextDef | str | None = None
    article: str = ""


class ArrearsDef(_Model):
    preceding_years: int = Field(default=2, ge=1, le=10)
    article: str = ""


class CommitteeDef(_Model):
    fraction: Any
    ex_officio: int = Field(default=0, ge=0, le=MAX_EX_OFFICIO)
    article: str = ""
    ex_officio_article: str = ""
    reelection_cap: Any = Field(default="1", validate_default=True)
    reelection_article: str = ""
    distribution_article: str = ""

    @field_validator("fraction", "reelection_cap")
    @classmethod
    def _exact(cls, value: Any) -> Fraction:
        return _fraction(value)


class EntryIntoForceDef(ThresholdDef):
    delay_months: int = Field(default=0, ge=0)


class ContributionsDef(_Model):
    classes: str | dict[str, Any] = "wipo-unitary"
    article: str = ""

    @field_validator("classes")
    @classmethod
    def _units(cls, value: str | dict[str, Any]) -> str | dict[str, Any]:
        if isinstance(value, str):
            return value
        if not value:
            raise NumberError("no contribution class is defined", "list class: units lines",
                              "no_classes")
        for name, units in value.items():
            number = parse_fraction(units, fix="write the class's units as a number > 0")
            if number <= 0:
                raise NumberError(f"class {quoted(str(name))} has {fmt(number, 'en')} units",
                                  "give every class a number of units above 0", "class_units",
                                  name=quoted(str(name)), got=fmt(number, "en"))
        return value


class NoteDef(_Model):
    article: str = ""
    en: str
    fr: str | None = None


class ConcurrentDef(_Model):
    kinds: list[str] = Field(min_length=1)
    bodies: list[str] = Field(min_length=1)
    kind: str = "substantive"
    article: str = ""


class SpecialCountDef(_Model):
    lists: list[str] = Field(min_length=1)
    majority: MajorityDef
    article: str = ""


class InterpretationDef(_Model):
    arrears_count_for_quorum: bool = True
    written_replies_only_from_absent: bool = True
    adopt_with_no_votes_cast: bool = False


class BodyDefinition(_Model):
    """The public vocabulary of a body (see the README, "Bodies")."""

    id: str = "custom"
    name: TextDef | str = "Custom body"
    instrument: TextDef | str | None = None
    members_article: str = ""
    vote_article: str = ""
    abstentions_article: str = ""
    quorum: ThresholdDef
    reduced_quorum: ReducedQuorumDef | None = None
    majorities: dict[str, MajorityDef]
    default_kind: str | None = None
    arrears: ArrearsDef | bool = False
    extraordinary_session: ThresholdDef | None = None
    ordinary_session: OrdinarySessionDef | None = None
    executive_committee: CommitteeDef | None = None
    amendment_entry_into_force: EntryIntoForceDef | None = None
    contributions: ContributionsDef | None = None
    interpretation: InterpretationDef = InterpretationDef()
    notes: list[NoteDef] = []
    sources: list[str] = []
    concurrent: list[ConcurrentDef] = []
    special_count: SpecialCountDef | None = None

    @field_validator("majorities")
    @classmethod
    def _kinds(cls, value: dict[str, MajorityDef]) -> dict[str, MajorityDef]:
        if not value:
            raise NumberError("no decision kind is defined", "define at least one majority",
                              "no_kinds")
        for kind in value:
            if not _KIND.match(kind):
                raise NumberError(f"{quoted(kind)} is not a valid kind name",
                                  "use lower-case letters, digits, '-' or '_'", "kind_name",
                                  got=quoted(kind))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> BodyDefinition:
        if self.default_kind is not None and self.default_kind not in self.majorities:
            raise NumberError(f"default_kind {quoted(self.default_kind)} is not one of the "
                              f"majorities", f"use one of {', '.join(self.majorities)}",
                              "default_kind", got=quoted(self.default_kind),
                              kinds=", ".join(self.majorities))
        thresholds: list[tuple[str, Any]] = [
            ("quorum", self.quorum), ("reduced_quorum", self.reduced_quorum),
            ("extraordinary_session", self.extraordinary_session),
            ("amendment_entry_into_force", self.amendment_entry_into_force)]
        for kind, majority in self.majorities.items():
            thresholds.append((f"majorities.{kind}", majority))
            thresholds.extend((f"majorities.{kind}.all_of", c) for c in majority.all_of or ())
        for name, threshold in thresholds:
            if threshold is not None and threshold.fraction == 1 and threshold.strict:
                raise NumberError(f"{name}: more than all (fraction 1, strict: true) can never "
                                  "be met", "use strict: false, or a fraction below 1",
                                  "quorum_unreachable", name=name)
        for rule in self.concurrent:
            unknown = [k for k in rule.kinds if k not in self.majorities]
            if unknown:
                raise NumberError(f"concurrent majority for unknown kind {quoted(unknown[0])}",
                                  f"use one of {', '.join(self.majorities)}",
                                  "concurrent_unknown_kind", got=quoted(unknown[0]),
                                  kinds=", ".join(self.majorities))
        if self.reduced_quorum is not None:
            q, r = self.quorum.fraction, self.reduced_quorum.fraction
            if r > q:
                raise NumberError(
                    f"the reduced quorum ({r}) is above the quorum ({q})", "make it lower",
                    "reduced_above_quorum", reduced=str(r), quorum=str(q)
                )
        return self


def _text(value: TextDef | str | None, default: str = "") -> Text:
    if value is None:
        return Text(default, default)
    if isinstance(value, str):
        return Text(value, value)
    return Text(value.en, value.fr or value.en)


def _majority(kind: str, spec: MajorityDef) -> Majority:
    if spec.all_of is not None:
        conditions = tuple(
            Condition(Threshold(c.fraction, c.strict), Base(c.base)) for c in spec.all_of
        )
    else:
        conditions = (Condition(Threshold(spec.fraction, spec.strict), Base(spec.base)),)
    return Majority(
        kind=kind,
        conditions=conditions,
        article=spec.article,
        label=_text(spec.label, kind),
        written_procedure=spec.written_procedure,
        ratification=None if spec.ratification is None else Ratification(
            Threshold(spec.ratification.fraction, spec.ratification.strict),
            _text(spec.ratification.including), spec.ratification.article),
    )


@cache
def contribution_table(name: str) -> tuple[tuple[str, Fraction], ...]:
    """A named class table shipped as data: ``wipo-unitary`` or ``berne-1971``."""
    files = {"wipo-unitary": "contribution_classes.csv", "berne-1971": "berne_classes.csv"}
    if name not in files:
        raise KeyError(f"unknown class table {name!r}; known: {', '.join(files)}")
    text = resources.files("quorum").joinpath("data", files[name]).read_text("utf-8")
    rows = [line.split(",") for line in text.splitlines()[1:] if line.strip()]
    return tuple((row[0].strip(), as_fraction(row[1].strip())) for row in rows)


def _build(spec: BodyDefinition) -> RuleSet:
    contributions = None
    if spec.contributions is not None:
        classes_spec = spec.contributions.classes
        if isinstance(classes_spec, str):
            classes = contribution_table(classes_spec)
            table = classes_spec
        else:
            classes = tuple((str(k), as_fraction(v)) for k, v in classes_spec.items())
            table = "custom"
        contributions = ContributionRule(classes, spec.contributions.article, table)
    arrears = ArrearsDef() if spec.arrears is True else spec.arrears  # true: the default rule
    return RuleSet(
        id=spec.id,
        name=_text(spec.name),
        instrument=_text(spec.instrument),
        members_article=spec.members_article,
        vote_article=spec.vote_article,
        abstentions_article=spec.abstentions_article,
        quorum=QuorumRule(Threshold(spec.quorum.fraction, spec.quorum.strict), spec.quorum.article),
        reduced_quorum=(
            ReducedQuorum(
                Threshold(spec.reduced_quorum.fraction, spec.reduced_quorum.strict),
                spec.reduced_quorum.written_procedure_months,
                spec.reduced_quorum.article,
            )
            if spec.reduced_quorum
            else None
        ),
        majorities=tuple(_majority(kind, m) for kind, m in spec.majorities.items()),
        default_kind=spec.default_kind or next(iter(spec.majorities)),
        arrears=(
            ArrearsRule(arrears.preceding_years, arrears.article)
            if isinstance(arrears, ArrearsDef) else None
        ),
        extraordinary_session=(
            SessionRequestRule(
                Threshold(spec.extraordinary_session.fraction, spec.extraordinary_session.strict),
                spec.extraordinary_session.article,
            )
            if spec.extraordinary_session
            else None
        ),
        ordinary_session=(
            OrdinarySessionRule(
                spec.ordinary_session.every_years,
                _text(spec.ordinary_session.convened_by)
                if spec.ordinary_session.convened_by is not None else None,
                spec.ordinary_session.article,
            )
            if spec.ordinary_session
            else None
        ),
        executive_committee=(
            CommitteeRule(
                spec.executive_committee.fraction,
                spec.executive_committee.ex_officio,
                spec.executive_committee.article,
                spec.executive_committee.ex_officio_article,
                spec.executive_committee.reelection_cap,
                spec.executive_committee.reelection_article,
                spec.executive_committee.distribution_article,
            )
            if spec.executive_committee
            else None
        ),
        amendment_entry_into_force=(
            EntryIntoForceRule(
                Threshold(
                    spec.amendment_entry_into_force.fraction,
                    spec.amendment_entry_into_force.strict,
                ),
                spec.amendment_entry_into_force.delay_months,
                spec.amendment_entry_into_force.article,
            )
            if spec.amendment_entry_into_force
            else None
        ),
        contributions=contributions,
        interpretation=Interpretation(**spec.interpretation.model_dump()),
        notes=tuple(Note(n.article, Text(n.en, n.fr or n.en)) for n in spec.notes),
        sources=tuple(spec.sources),
        concurrent=tuple(
            ConcurrentMajority(tuple(c.kinds), tuple(c.bodies), c.kind, c.article)
            for c in spec.concurrent
        ),
        special_count=(
            SpecialCount(tuple(spec.special_count.lists),
                         _majority("special-count", spec.special_count.majority),
                         spec.special_count.article)
            if spec.special_count else None
        ),
    )


def rule_set_from_mapping(
    data: Mapping[str, Any], source: str = "<body>", field_prefix: tuple[Any, ...] = ()
) -> RuleSet:
    """Validate a body definition and build its :class:`RuleSet`.

    Raises :class:`ScenarioError` naming the field and the fix.
    """
    if not isinstance(data, Mapping):
        raise ScenarioError(source, ".".join(map(str, field_prefix)), key="body_definition_shape",
                            params={"got": quoted(data)})
    try:
        spec = BodyDefinition.model_validate(dict(data))
        return _build(spec)
    except ValidationError as exc:
        raise from_validation_error(source, exc, field_prefix) from None
    except KeyError as exc:
        raise ScenarioError(source, ".".join(map(str, (*field_prefix, "contributions"))),
                            key="unknown_class_table", params={"detail": str(exc.args[0])[:120]}
                            ) from None


def body_to_mapping(rule_set: RuleSet) -> dict[str, Any]:
    """The inverse of :func:`rule_set_from_mapping`: a definition that rebuilds ``rule_set``."""

    def threshold(t: Threshold, article: str, **extra: Any) -> dict[str, Any]:
        return {"fraction": str(t.fraction), "strict": t.strict, "article": article, **extra}

    majorities: dict[str, Any] = {m.kind: _majority_mapping(m) for m in rule_set.majorities}
    out: dict[str, Any] = {
        "id": rule_set.id,
        "name": {"en": rule_set.name.en, "fr": rule_set.name.fr},
        "instrument": {"en": rule_set.instrument.en, "fr": rule_set.instrument.fr},
        "members_article": rule_set.members_article,
        "vote_article": rule_set.vote_article,
        "abstentions_article": rule_set.abstentions_article,
        "quorum": threshold(rule_set.quorum.threshold, rule_set.quorum.article),
        "majorities": majorities,
        "default_kind": rule_set.default_kind,
        "arrears": (
            {"preceding_years": rule_set.arrears.preceding_years,
             "article": rule_set.arrears.article}
            if rule_set.arrears else False
        ),
        "interpretation": rule_set.interpretation.as_dict(),
    }
    if rule_set.reduced_quorum:
        rq = rule_set.reduced_quorum
        out["reduced_quorum"] = threshold(
            rq.threshold, rq.article, written_procedure_months=rq.written_procedure_months
        )
    if rule_set.extraordinary_session:
        es = rule_set.extraordinary_session
        out["extraordinary_session"] = threshold(es.threshold, es.article)
    if rule_set.ordinary_session:
        os_ = rule_set.ordinary_session
        out["ordinary_session"] = {"every_years": os_.every_years, "article": os_.article}
        if os_.convened_by is not None:
            out["ordinary_session"]["convened_by"] = {"en": os_.convened_by.en,
                                                      "fr": os_.convened_by.fr}
    if rule_set.executive_committee:
        ec = rule_set.executive_committee
        out["executive_committee"] = {
            "fraction": str(ec.fraction), "ex_officio": ec.ex_officio, "article": ec.article,
            "ex_officio_article": ec.ex_officio_article,
            "reelection_cap": str(ec.reelection_cap), "reelection_article": ec.reelection_article,
            "distribution_article": ec.distribution_article,
        }
    if rule_set.amendment_entry_into_force:
        ef = rule_set.amendment_entry_into_force
        out["amendment_entry_into_force"] = threshold(
            ef.threshold, ef.article, delay_months=ef.delay_months
        )
    if rule_set.contributions:
        table = rule_set.contributions
        classes: Any = table.table if table.table and table.table != "custom" else {
            name: str(units) for name, units in table.classes}
        out["contributions"] = {"classes": classes, "article": table.article}
    if rule_set.notes:
        out["notes"] = [{"article": n.article, "en": n.text.en, "fr": n.text.fr}
                        for n in rule_set.notes]
    if rule_set.sources:
        out["sources"] = list(rule_set.sources)
    if rule_set.concurrent:
        out["concurrent"] = [{"kinds": list(c.kinds), "bodies": list(c.bodies), "kind": c.kind,
                              "article": c.article} for c in rule_set.concurrent]
    if rule_set.special_count:
        sc = rule_set.special_count
        out["special_count"] = {"lists": list(sc.lists), "majority": _majority_mapping(sc.majority),
                                "article": sc.article}
    return out


def _majority_mapping(m: Majority) -> dict[str, Any]:
    entry: dict[str, Any]
    if len(m.conditions) == 1:
        c = m.conditions[0]
        entry = {"fraction": str(c.threshold.fraction), "base": c.base.value,
                 "strict": c.threshold.strict}
    else:
        entry = {"all_of": [
            {"fraction": str(c.threshold.fraction), "base": c.base.value,
             "strict": c.threshold.strict} for c in m.conditions]}
    entry.update(article=m.article, label={"en": m.label.en, "fr": m.label.fr})
    if not m.written_procedure:
        entry["written_procedure"] = False
    if m.ratification is not None:
        r = m.ratification
        entry["ratification"] = {
            "fraction": str(r.threshold.fraction), "strict": r.threshold.strict,
            "including": {"en": r.including.en, "fr": r.including.fr},
            "article": r.article}
    return entry


def _preset_files() -> dict[str, str]:
    return bundled_yaml("bodies")


def preset_names() -> tuple[str, ...]:
    """The names of the bodies shipped with quorum."""
    return tuple(sorted(_preset_files()))


@cache
def get_body(name: str) -> RuleSet:
    """A preset body by name, e.g. ``get_body("berne-assembly")``."""
    files = _preset_files()
    if name not in files:
        raise KeyError(f"unknown body {name!r}; known bodies: {', '.join(preset_names())}")
    data = compiled(f"body-{name}", [(name, files[name].encode("utf-8"))], _preset_data)
    return rule_set_from_mapping(data, f"quorum/data/bodies/{name}.yaml")


def _preset_data(files: list[tuple[str, bytes]]) -> Any:
    """The data of a preset's YAML (kept as JSON by :func:`get_body`: PyYAML is then not
    even imported for a preset)."""
    from .yamlio import safe_load

    return safe_load(files[0][1].decode("utf-8"))
