"""Election procedures as data: the majority, what follows a failed ballot, ties, switches.

An election procedure is built from the same vocabulary as the rule sets of
:mod:`quorum.rules` (a :class:`~quorum.rules.Threshold` counted against a
:class:`~quorum.rules.Base`), plus what happens when a ballot fills no seat or not every
seat: the lowest candidates are eliminated (``{eliminate: n}``, optionally staged: two out
until nine remain, then one), or the next ballot is restricted to those with the most votes
(``{keep: n}``, or twice the places still to fill). Presets live in
``quorum/data/elections/*.yaml``, each with its citations; points the sources do not settle
are named interpretation switches (:data:`ELECTION_SWITCHES`), shown in every trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from functools import cache
from typing import Any

from ..errors import ScenarioError, from_number_error
from ..numbers import NumberError, parse_fraction, quoted
from ..packagedata import bundled_yaml
from ..rules import Base, Text, Threshold
from ..yamlio import safe_load

__all__ = [
    "AfterFailedRound",
    "ElectionMajority",
    "ElectionSwitch",
    "ELECTION_SWITCHES",
    "Procedure",
    "Ties",
    "get_procedure",
    "procedure_from_mapping",
    "procedure_names",
    "procedure_to_mapping",
]


class Ties(StrEnum):
    """How a tie that decides who goes on (or who is elected) is settled."""

    LOT = "lot"  # the chair draws lots
    BALLOT = "ballot"  # a special ballot among the tied candidates (its result is recorded)


@dataclass(frozen=True, slots=True)
class ElectionMajority:
    """The votes a candidate needs: ``threshold`` of ``base`` (exact integers)."""

    threshold: Threshold
    base: Base = Base.VOTES_CAST
    article: str = ""

    def required(self, total: int) -> int:
        """The fewest votes that meet the majority out of ``total`` (at least one)."""
        return max(1, self.threshold.minimum(total))

    def describe(self, lang: str = "en") -> str:
        base = {"votes_cast": ("of the votes cast", "des suffrages exprimés"),
                "present": ("of the members present and voting", "des membres présents"),
                "members": ("of the members", "des membres")}[self.base.value]
        op = (("more than", "plus de") if self.threshold.strict
              else ("at least", "au moins"))
        i = 1 if lang == "fr" else 0
        return f"{op[i]} {self.threshold.fraction} {base[i]}"


@dataclass(frozen=True, slots=True)
class AfterFailedRound:
    """What the next ballot is after a ballot that left seats to fill.

    ``eliminate``: the ``count`` lowest go out; staged when ``floor`` is set (``count`` go
    out while more than ``floor`` are in the running, then ``then``). ``keep``: the next
    ballot is restricted to the ``count`` candidates with the most votes, or to twice the
    places still to fill when ``per_place`` (Rule 34 / GA rule 94 pattern). ``none``: every
    candidate stays in the running.
    """

    mode: str = "eliminate"
    count: int = 1
    floor: int | None = None
    then: int | None = None
    per_place: bool = False
    article: str = ""

    def __post_init__(self) -> None:
        if self.mode not in ("eliminate", "keep", "none"):
            raise ValueError(f"unknown mode {self.mode!r}")

    def to_mapping(self) -> dict[str, Any]:
        if self.mode == "none":
            return {"none": True}
        if self.mode == "keep":
            return {"keep": "double" if self.per_place else self.count}
        out: dict[str, Any] = {"eliminate": self.count}
        if self.floor is not None:
            out["until"] = self.floor
            out["then"] = self.then if self.then is not None else 1
        return out


@dataclass(frozen=True, slots=True)
class ElectionSwitch:
    """A point of an election procedure the sources leave open, and its default reading."""

    name: str
    default: bool
    text: Text
    #: the modes of ``after_failed_round`` the switch bears on (empty: every procedure)
    modes: tuple[str, ...] = ()
    #: the switch bears only on a staged elimination ("two out until nine remain")
    staged_only: bool = False

    def bears_on(self, after: AfterFailedRound) -> bool:
        """Whether the switch can change anything under ``after`` (else it is not shown)."""
        if self.modes and after.mode not in self.modes:
            return False
        return not self.staged_only or after.floor is not None


ELECTION_SWITCHES: dict[str, ElectionSwitch] = {
    s.name: s for s in (
        ElectionSwitch(
            "elect_before_final_two", True,
            Text("A candidate who reaches the majority is elected in any ballot, however many "
                 "candidates are in the running. When off, ballots go on by elimination until "
                 "only one more candidate than places remains, and only then does the majority "
                 "elect (the reading that fits the 2014 nomination, where 46 of 83 votes in the "
                 "first ballot did not end the procedure).",
                 "Un candidat qui atteint la majorité est élu à tout tour, quel que soit le "
                 "nombre de candidats en lice. Désactivé : les tours se poursuivent par "
                 "élimination jusqu'à ce qu'il ne reste qu'un candidat de plus que de postes, "
                 "et la majorité n'élit qu'alors (lecture conforme à la désignation de 2014, où "
                 "46 voix sur 83 au premier tour n'ont pas clos la procédure).")),
        ElectionSwitch(
            "elimination_stops_at_floor", True,
            Text("Under a staged elimination (two out until nine remain), a ballot never "
                 "takes the field below the floor: with ten in the running only one goes out.",
                 "Sous une élimination par paliers (deux éliminés jusqu'à ce qu'il en reste "
                 "neuf), un tour ne fait jamais passer le nombre de candidats sous le palier : "
                 "à dix en lice, un seul est éliminé."), staged_only=True),
        ElectionSwitch(
            "unopposed_elected", True,
            Text("When withdrawals leave no more candidates than places, those left are "
                 "elected without a ballot (the 2014 nomination by consensus).",
                 "Lorsque les retraits ne laissent pas plus de candidats que de postes, les "
                 "candidats restants sont élus sans scrutin (la désignation par consensus de "
                 "2014).")),
        ElectionSwitch(
            "restricted_ballot_confirmed", False,
            Text("The restriction of the next ballot is confirmed from the rule's own text. "
                 "Off for the WIPO General Rules presets: only the titles of Rules 33 to 36 "
                 "(table of contents of publication 399 (FE) Rev.3) and the opening of the "
                 "current text (amended on 23 July 2022 and 15 July 2023) could be read, not "
                 "the rules themselves; the restriction and the lot follow the pattern of the "
                 "UN General Assembly's rules 93 and 94.",
                 "La restriction du tour suivant est confirmée par le texte même de la règle. "
                 "Désactivé pour les préréglages des Règles générales de l'OMPI : seuls les "
                 "titres des articles 33 à 36 (table des matières de la publication 399 (FE) "
                 "Rev.3) et le début du texte en vigueur (modifié les 23 juillet 2022 et "
                 "15 juillet 2023) ont pu être lus, non les articles eux-mêmes ; la "
                 "restriction et le tirage au sort suivent le modèle des articles 93 et 94 du "
                 "règlement de l'Assemblée générale des Nations Unies."), modes=("keep",)),
    )
}


@dataclass(frozen=True, slots=True)
class Procedure:
    """One election procedure: who is elected, what follows a failed ballot, ties."""

    id: str
    label: Text
    majority: ElectionMajority
    after_failed_round: AfterFailedRound
    ties: Ties = Ties.LOT
    ties_article: str = ""
    article: str = ""
    switches: tuple[tuple[str, bool], ...] = ()
    sources: tuple[str, ...] = ()
    preset: str | None = None

    def switch(self, name: str) -> bool:
        for key, value in self.switches:
            if key == name:
                return value
        return ELECTION_SWITCHES[name].default

    def with_switches(self, **values: bool) -> Procedure:
        merged = dict(self.switches)
        merged.update(values)
        return replace(self, switches=tuple(sorted(merged.items())))


def _fraction(value: Any, source: str, fieldname: str) -> Fraction:
    if isinstance(value, float):  # 0.67 is not 2/3: an exact fraction is written as one
        raise ScenarioError(source, fieldname, key="el_value_not_fraction", params={
                                "value": quoted(value)})
    try:
        result = parse_fraction(value, fix='write a fraction in quotes such as "1/2" or "2/3"')
    except NumberError as exc:
        raise from_number_error(source, fieldname, exc) from None
    if not 0 <= result <= 1:
        raise ScenarioError(source, fieldname, key="el_value_not_between_and_2", params={
                                "value": quoted(value)})
    return result


def _count(value: Any, source: str, fieldname: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ScenarioError(source, fieldname, key="el_value_not_whole_number_minimum", params={
                                "value": quoted(value), "minimum": minimum,
                                "max_minimum_1": max(minimum, 1)})
    return value


_PROCEDURE_KEYS = ("majority", "after_failed_round", "ties", "id", "label", "article",
                   "ties_article", "interpretation", "sources", "preset")


def procedure_from_mapping(data: Any, source: str, fieldname: str = "procedure") -> Procedure:
    """A procedure written as a mapping (or a preset name); errors name file, field, fix."""
    if isinstance(data, str):
        if data not in procedure_names():
            raise ScenarioError(source, fieldname, key="el_unknown_procedure_data", params={
                                    "data": quoted(data),
                                    "join_procedure_names": ', '.join(procedure_names())})
        return get_procedure(data)
    if not isinstance(data, Mapping):
        raise ScenarioError(source, fieldname, key="el_procedure_preset_name_or_mapping", params={
                                "fieldname": fieldname})
    base: Procedure | None = None
    if "preset" in data:
        base = procedure_from_mapping(data["preset"], source, f"{fieldname}.preset")
    for key in data:
        if key not in _PROCEDURE_KEYS:
            raise ScenarioError(source, f"{fieldname}.{key}", key="el_unknown_field_p_2", params={
                                    "p1": quoted(key),
                                    "join__procedure_keys": ', '.join(_PROCEDURE_KEYS)})
    if base is None and "majority" not in data:
        raise ScenarioError(source, f"{fieldname}.majority", key="el_procedure_has_no_majority")
    majority = base.majority if base else None
    if "majority" in data:
        m = data["majority"]
        where = f"{fieldname}.majority"
        if not isinstance(m, Mapping):
            raise ScenarioError(source, where, key="el_majority_mapping")
        unknown = sorted(set(m) - {"fraction", "base", "strict", "article"})
        if unknown:
            raise ScenarioError(source, f"{where}.{unknown[0]}",
                                key="el_unknown_field_unknown", params={
                                    "unknown_0": quoted(unknown[0])})
        try:
            base_value = Base(str(m.get("base", "votes_cast")))
        except ValueError:
            raise ScenarioError(source, f"{where}.base", key="el_unknown_base_m_get_base", params={
                                    "m_get_base": quoted(m.get('base'))}) from None
        strict = m.get("strict", False)
        if not isinstance(strict, bool):
            raise ScenarioError(source, f"{where}.strict",
                                key="el_strict_not_true_or_false", params={
                                    "strict": quoted(strict)})
        majority = ElectionMajority(
            Threshold(_fraction(m.get("fraction", "1/2"), source, f"{where}.fraction"), strict),
            base_value, str(m.get("article", "")))
    assert majority is not None
    after = base.after_failed_round if base else AfterFailedRound()
    if "after_failed_round" in data:
        after = _after(data["after_failed_round"], source, f"{fieldname}.after_failed_round")
    ties = base.ties if base else Ties.LOT
    if "ties" in data:
        try:
            ties = Ties(str(data["ties"]))
        except ValueError:
            raise ScenarioError(source, f"{fieldname}.ties",
                                key="el_unknown_tie_rule_data_ties", params={
                                    "data_ties": quoted(data['ties'])}) from None
    switches = dict(base.switches) if base else {}
    interp = data.get("interpretation", {}) or {}
    if not isinstance(interp, Mapping):
        raise ScenarioError(source, f"{fieldname}.interpretation", key="el_mapping")
    for key, value in interp.items():
        if key not in ELECTION_SWITCHES:
            raise ScenarioError(source, f"{fieldname}.interpretation.{key}",
 key="el_unknown_interpretation_switch_p", params={"p1": quoted(key),
 "join_election_switches": ', '.join(ELECTION_SWITCHES)})
        if not isinstance(value, bool):
            raise ScenarioError(source, f"{fieldname}.interpretation.{key}",
                                key="el_value_not_true_or_false", params={"value": quoted(value)})
        switches[str(key)] = value
    label = base.label if base else Text("Election", "Élection")
    if "label" in data:
        lab = data["label"]
        label = (Text(str(lab.get("en", "")), str(lab.get("fr", lab.get("en", ""))))
                 if isinstance(lab, Mapping) else Text(str(lab), str(lab)))
    raw_sources = data.get("sources", list(base.sources) if base else [])
    if isinstance(raw_sources, str):
        raw_sources = [raw_sources]
    if not isinstance(raw_sources, list) or not all(isinstance(x, str) for x in raw_sources):
        raise ScenarioError(source, f"{fieldname}.sources", key="el_sources_list_texts")
    sources = tuple(raw_sources)
    return Procedure(
        id=str(data.get("id", base.id if base else "custom")), label=label, majority=majority,
        after_failed_round=after, ties=ties,
        ties_article=str(data.get("ties_article", base.ties_article if base else "")),
        article=str(data.get("article", base.article if base else "")),
        switches=tuple(sorted(switches.items())), sources=sources,
        preset=base.preset if base and set(data) <= {"preset", "interpretation"} else None,
    )


def _after(value: Any, source: str, where: str) -> AfterFailedRound:
    if not isinstance(value, Mapping):
        raise ScenarioError(source, where, key="el_mapping_2")
    article = str(value.get("article", ""))
    keys = set(value) - {"article"}
    if keys == {"none"}:
        return AfterFailedRound("none", 0, article=article)
    if "keep" in keys and keys <= {"keep"}:
        k = value["keep"]
        if k == "double":
            return AfterFailedRound("keep", 2, per_place=True, article=article)
        return AfterFailedRound("keep", _count(k, source, f"{where}.keep"), article=article)
    if "eliminate" in keys and keys <= {"eliminate", "until", "then"}:
        n = _count(value["eliminate"], source, f"{where}.eliminate")
        floor = value.get("until")
        then = value.get("then")
        if floor is not None:
            floor = _count(floor, source, f"{where}.until")
            then = _count(then if then is not None else 1, source, f"{where}.then")
        elif then is not None:
            raise ScenarioError(source, f"{where}.then", key="el_then_needs_until")
        return AfterFailedRound("eliminate", n, floor, then, article=article)
    raise ScenarioError(source, where, key="el_cannot_read_dict_value", params={
                            "dict_value": quoted(dict(value))})


def procedure_to_mapping(p: Procedure) -> Any:
    """What :func:`procedure_from_mapping` reads back to ``p``."""
    if p.preset is not None:
        preset = get_procedure(p.preset)
        if p == preset:
            return p.preset
        diff = {k: v for k, v in p.switches if preset.switch(k) != v}
        if replace(preset.with_switches(**diff), switches=p.switches) == p:
            return {"preset": p.preset, "interpretation": diff}
    m = p.majority
    out: dict[str, Any] = {
        "id": p.id, "label": {"en": p.label.en, "fr": p.label.fr},
        "majority": {"fraction": str(m.threshold.fraction), "base": m.base.value,
                     "strict": m.threshold.strict},
        "after_failed_round": p.after_failed_round.to_mapping(),
        "ties": p.ties.value,
    }
    if m.article:
        out["majority"]["article"] = m.article
    if p.after_failed_round.article:
        out["after_failed_round"]["article"] = p.after_failed_round.article
    if p.article:
        out["article"] = p.article
    if p.ties_article:
        out["ties_article"] = p.ties_article
    if p.switches:
        out["interpretation"] = dict(p.switches)
    if p.sources:
        out["sources"] = list(p.sources)
    return out


def procedure_names() -> tuple[str, ...]:
    return tuple(sorted(bundled_yaml("elections")))


@cache
def get_procedure(name: str) -> Procedure:
    """A bundled procedure (``quorum/data/elections/NAME.yaml``)."""
    if name not in procedure_names():
        raise KeyError(f"unknown procedure {name!r}; use one of {', '.join(procedure_names())}")
    data = safe_load(bundled_yaml("elections")[name])
    proc = procedure_from_mapping({k: v for k, v in data.items()}, f"{name}.yaml")
    return replace(proc, id=name, preset=name)

