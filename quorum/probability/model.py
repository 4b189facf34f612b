"""The ``model:`` of a what-if scenario: who is likely to come, and how each member votes.

A model gives, for every member of the organ, the probability of being represented at the
session; if represented, of voting yes, no or abstaining; if not represented, of replying in
writing within the period of the written procedure (Art. 22(3)(c)) and what the reply is.
Probabilities are given for everyone, per regional group or per member, the most specific
level winning, field by field::

    model:
      present: 0.45
      vote: {yes: 0.55, no: 0.25, abstain: 0.20}
      written: {reply: 0.6, yes: 0.5, no: 0.3, abstain: 0.2}
      groups:
        african: {present: 0.6, vote: {yes: 0.7, no: 0.1}}   # abstain takes the rest
      members:
        FR: {present: 0.95}
      blocs:
        african: {cohesion: 0.8, line: {yes: 0.7, no: 0.1, abstain: 0.2}}

Members are independent, except within a bloc: the bloc draws one line per session and
each of its members follows it with probability ``cohesion``, otherwise votes (or replies)
on its own. A member without the right to vote on the session date (arrears, Art. 25(4)(e))
never votes; it still counts toward the quorum when the rule set says so.

Probabilities are read exactly (``0.55`` is 55/100, ``"1/3"`` is a third), so the shares of a
distribution must add up to exactly 1. :func:`compile_model` resolves the levels into one row
per member, in float64, for the engines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ScenarioError, from_validation_error
from ..limits import MAX_MODEL_MEMBERS
from ..members import voting_right
from ..numbers import NumberError, quoted
from ..rules import RuleSet, as_fraction
from ..scenario import Scenario
from ..session import Session

__all__ = [
    "Bloc",
    "CompiledModel",
    "ModelSpec",
    "compile_model",
    "parse_model",
    "CHOICES",
]

CHOICES = ("yes", "no", "abstain")
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


def probability(value: Any) -> Fraction:
    """An exact probability from ``0.45``, ``"0.45"``, ``"9/20"``, ``1`` (never a bool)."""
    from ..numbers import quoted

    if isinstance(value, bool) or value is None:
        raise NumberError(f"{quoted(value)} is not a probability",
                          "write a number between 0 and 1", "not_probability", got=quoted(value))
    try:
        # A float is read through its repr: the decimal the user wrote, not the binary float
        # (nan and infinities are not fractions).
        result = as_fraction(value)
    except (ValueError, ZeroDivisionError):
        raise NumberError(f"{quoted(value)} is not a probability",
                          'write a number between 0 and 1, such as 0.45 or "1/3"',
                          "not_probability", got=quoted(value)) from None
    if not 0 <= result <= 1:
        raise NumberError(f"{quoted(value)} is not between 0 and 1",
                          "write a probability between 0 and 1", "probability_range",
                          got=quoted(value))
    return result


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _shares(values: Mapping[str, Fraction | None], what: str) -> tuple[Fraction, ...]:
    """Complete a distribution over yes/no/abstain: omitted shares are 0 when the others
    already add up to 1; a single omitted share takes the remainder."""
    given = {k: v for k, v in values.items() if v is not None}
    total = sum(given.values(), Fraction(0))
    missing = [k for k in CHOICES if values.get(k) is None]
    if total > 1:
        raise NumberError(f"the shares of {what} add up to {_show(total)}, more than 1",
                          "lower them so that yes + no + abstain = 1", "shares_above_one",
                          total=_show(total))
    if total < 1:
        if len(missing) != 1:
            raise NumberError(f"the shares of {what} add up to {_show(total)}, not 1",
                              "make yes + no + abstain add up to 1 (one omitted share takes "
                              "the remainder)", "shares_not_one", total=_show(total))
        given[missing[0]] = 1 - total
    return tuple(given.get(k, Fraction(0)) for k in CHOICES)


def _show(value: Fraction) -> str:
    return str(float(value)) if (value * 10**12).denominator == 1 else str(value)


class VoteSpec(_Spec):
    """How a represented member votes: shares of yes, no and abstain (Art. 22(3)(d)-(e))."""

    yes: Fraction | None = None
    no: Fraction | None = None
    abstain: Fraction | None = None

    @field_validator("yes", "no", "abstain", mode="before")
    @classmethod
    def _p(cls, value: Any) -> Fraction | None:
        return None if value is None else probability(value)

    @model_validator(mode="after")
    def _complete(self) -> VoteSpec:
        _shares({"yes": self.yes, "no": self.no, "abstain": self.abstain}, "the vote")
        return self

    def shares(self) -> tuple[Fraction, Fraction, Fraction]:
        y, n, a = _shares({"yes": self.yes, "no": self.no, "abstain": self.abstain}, "the vote")
        return y, n, a


class WrittenSpec(_Spec):
    """A member not represented: replies in writing within the period with probability
    ``reply``, and how (Art. 22(3)(c))."""

    reply: Fraction
    yes: Fraction | None = None
    no: Fraction | None = None
    abstain: Fraction | None = None

    @field_validator("reply", "yes", "no", "abstain", mode="before")
    @classmethod
    def _p(cls, value: Any) -> Fraction | None:
        return None if value is None else probability(value)

    @model_validator(mode="after")
    def _complete(self) -> WrittenSpec:
        if self.reply > 0 or any(v is not None for v in (self.yes, self.no, self.abstain)):
            self.shares()
        return self

    def shares(self) -> tuple[Fraction, Fraction, Fraction]:
        values = {"yes": self.yes, "no": self.no, "abstain": self.abstain}
        if self.reply == 0 and all(v is None for v in values.values()):
            return Fraction(0), Fraction(0), Fraction(1)
        y, n, a = _shares(values, "the written replies")
        return y, n, a


class ProfileSpec(_Spec):
    """Probabilities for one member, one group or everyone; any field may be left out."""

    present: Fraction | None = None
    vote: VoteSpec | None = None
    written: WrittenSpec | None = None

    @field_validator("present", mode="before")
    @classmethod
    def _p(cls, value: Any) -> Fraction | None:
        return None if value is None else probability(value)


class GroupSpec(ProfileSpec):
    """A regional group. ``size`` counts its members when the scenario has no roster."""

    size: int | None = Field(default=None, ge=0)


class BlocSpec(_Spec):
    """Members that vote together: a line drawn once per session, followed with ``cohesion``.

    The bloc is the regional group of the same name unless ``group`` or ``members`` says
    otherwise.
    """

    cohesion: Fraction
    line: VoteSpec
    group: str | None = None
    members: list[str] | None = None

    @field_validator("cohesion", mode="before")
    @classmethod
    def _p(cls, value: Any) -> Fraction:
        return probability(value)

    @model_validator(mode="after")
    def _one_source(self) -> BlocSpec:
        if self.group is not None and self.members is not None:
            raise NumberError("a bloc is either a group or a list of members",
                              "keep 'group' or 'members', not both", "bloc_form")
        return self


class ModelSpec(ProfileSpec):
    """The whole ``model:`` block."""

    groups: dict[str, GroupSpec] = {}
    members: dict[str, ProfileSpec] = {}
    blocs: dict[str, BlocSpec] = {}


def parse_model(data: Any, source: str) -> ModelSpec:
    """Validate a raw ``model:`` mapping; errors name the file, the field and the fix."""
    if not isinstance(data, Mapping):
        raise ScenarioError(source, "model", key="model_shape", params={"got": quoted(data)})
    try:
        return ModelSpec.model_validate({str(k): v for k, v in data.items()})
    except ValidationError as exc:
        raise from_validation_error(source, exc, ("model",)) from None


@dataclass(frozen=True, slots=True)
class Bloc:
    """A bloc after compilation: its line probabilities and cohesion, as floats."""

    name: str
    cohesion: float
    line: tuple[float, float, float]


@dataclass(frozen=True, eq=False)
class CompiledModel:
    """One row per member of the organ (observers left out), ready for the engines.

    ``vote`` and ``written`` are the member's own choices (rows of yes/no/abstain shares);
    ``bloc`` is the index into ``blocs`` or -1. Arrays are read-only.
    """

    rules: RuleSet
    members: int
    ids: tuple[str, ...]
    names: tuple[str, ...]
    groups: tuple[str, ...]
    present: FloatArray
    vote: FloatArray
    reply: FloatArray
    written: FloatArray
    has_vote: BoolArray
    bloc: IntArray
    blocs: tuple[Bloc, ...] = ()
    source: str = "<model>"
    aggregate: bool = True

    def __post_init__(self) -> None:
        for name in ("present", "vote", "reply", "written", "has_vote", "bloc"):
            getattr(self, name).setflags(write=False)

    @property
    def counts_suspended(self) -> bool:
        """Whether members without the vote count toward the quorum (the rule set's switch)."""
        return self.rules.interpretation.arrears_count_for_quorum

    def with_arrays(self, **arrays: Any) -> CompiledModel:
        """A copy with some member arrays replaced (used to condition on blocs or outcomes)."""
        changes: dict[str, Any] = {k: np.array(v, copy=True) for k, v in arrays.items()}
        return replace(self, **changes)

    def rows(self) -> FloatArray:
        """One row per member of everything the engines read about it: present, vote (3),
        reply, written (3), has_vote, bloc. Members with equal rows are interchangeable."""
        return np.concatenate([
            self.present[:, None], self.vote, self.reply[:, None], self.written,
            self.has_vote[:, None].astype(np.float64), self.bloc[:, None].astype(np.float64),
        ], axis=1)

    def following(self, who: IntArray, lines: IntArray) -> tuple[FloatArray, FloatArray]:
        """The vote and written rows of the bloc members ``who`` when the bloc of each
        draws the line ``lines[k]``: the member follows it with the bloc's cohesion, else
        chooses on its own (``cohesion * line + (1 - cohesion) * own``)."""
        cohesion = np.array([self.blocs[int(b)].cohesion for b in self.bloc[who]],
                            dtype=np.float64)[:, None]
        follow = np.zeros((len(who), 3))
        follow[np.arange(len(who)), lines] = 1.0
        vote = cohesion * follow + (1.0 - cohesion) * self.vote[who]
        written = cohesion * follow + (1.0 - cohesion) * self.written[who]
        return vote, written


def _level(spec: ProfileSpec | None, name: str) -> Any:
    return None if spec is None else getattr(spec, name)


def _resolve(levels: Sequence[tuple[str, ProfileSpec | None]], name: str, who: str,
             source: str) -> Any:
    for _, spec in levels:
        value = _level(spec, name)
        if value is not None:
            return value
    if name == "written":
        return WrittenSpec(reply=Fraction(0))
    examples = {"present": "present: 0.5", "vote": "vote: {yes: 0.6, no: 0.3, abstain: 0.1}"}
    raise ScenarioError(source, f"model.{name}", key="model_missing",
                        params={"name": name, "who": who, "example": examples[name]})


def compile_model(scenario: Scenario, model: Mapping[str, Any] | None = None,
                  session: Session | None = None) -> CompiledModel:
    """Resolve a scenario's ``model:`` into one row per member of the organ.

    With a roster, groups are the members' regional groups and ``members:`` overrides name
    roster ids; the right to vote is the roster's on the session date (Art. 25(4)(e)). With
    only a number of members (``members: 181``), groups need a ``size`` and every member has
    the vote.
    """
    source = scenario.source
    raw = scenario.model if model is None else model
    if raw is None:
        raise ScenarioError(source, "model", key="no_model")
    spec = parse_model(raw, source)
    session = scenario.session if session is None else session
    rules = session.rules
    size = (session.members if session.roster is None
            else sum(1 for m in session.roster if not m.observer))
    if size > MAX_MODEL_MEMBERS:
        raise ScenarioError(source, "members", key="too_many",
                            params={"what": ("i18n", "members in a what-if model",
                                                       "membres d'un modèle de simulation"),
                                    "got": size,
                                    "limit": MAX_MODEL_MEMBERS})

    ids: list[str] = []
    names: list[str] = []
    groups: list[str] = []
    rights: list[bool] = []
    if session.roster is not None:
        organ = [m for m in session.roster if not m.observer]
        for m in organ:
            ids.append(m.id)
            names.append(m.name or m.id)
            groups.append(m.group or "")
            rights.append(voting_right(m, rules.arrears, session.date,
                                       session.currency_unit).has_vote)
        known_groups = sorted({g for g in groups if g})
        for gname, gspec in spec.groups.items():
            if gname not in known_groups:
                raise ScenarioError(source, f"model.groups.{gname}", key="model_group_empty",
                                    params={"group": quoted(gname),
                                            "groups": ", ".join(known_groups) or "-"})
            if gspec.size is not None:
                raise ScenarioError(source, f"model.groups.{gname}.size", key="model_size_roster")
        known_ids = set(ids)
        observers = {m.id for m in session.roster if m.observer}
        for mid in spec.members:
            if mid not in known_ids:
                raise ScenarioError(source, f"model.members.{mid}",
                                    key="observer_votes" if mid in observers else "unknown_member",
                                    params={"id": quoted(mid)},
                                    fix="use the id of a member of the organ")
    else:
        if spec.members:
            first = next(iter(spec.members))
            raise ScenarioError(source, f"model.members.{first}", key="model_members_roster")
        n = session.members
        placed = 0
        for gname, gspec in spec.groups.items():
            if gspec.size is None:
                raise ScenarioError(source, f"model.groups.{gname}.size", key="model_size_missing",
                                    params={"group": gname})
            if placed + gspec.size > n:  # checked before any member is built
                raise ScenarioError(source, "model.groups", key="model_sizes_above",
                                    params={"placed": placed + gspec.size, "members": n})
            for k in range(gspec.size):
                ids.append(f"{gname}-{k + 1}")
                names.append(f"{gname} #{k + 1}")
                groups.append(gname)
            placed += gspec.size
        if placed > n:
            raise ScenarioError(source, "model.groups", key="model_sizes_above",
                                params={"placed": placed, "members": n})
        for k in range(n - placed):
            ids.append(f"member-{k + 1}")
            names.append(f"member #{k + 1}")
            groups.append("")
        rights = [True] * n

    count = len(ids)
    present = np.empty(count)
    vote = np.empty((count, 3))
    reply = np.empty(count)
    written = np.empty((count, 3))
    resolved: dict[tuple[str | None, str | None], tuple[float, ...]] = {}
    for i, (mid, gname) in enumerate(zip(ids, groups, strict=True)):
        key = (mid if mid in spec.members else None, gname if gname in spec.groups else None)
        row = resolved.get(key)
        if row is None:
            # Members without their own entry share their group's (or everyone's) row.
            levels: list[tuple[str, ProfileSpec | None]] = [
                ("member", spec.members.get(mid)),
                ("group", spec.groups.get(gname) if gname else None),
                ("everyone", spec),
            ]
            who = mid if session.roster is not None else (gname or "the other members")
            w = _resolve(levels, "written", who, source)
            row = (float(_resolve(levels, "present", who, source)),
                   *(float(x) for x in _resolve(levels, "vote", who, source).shares()),
                   float(w.reply), *(float(x) for x in w.shares()))
            resolved[key] = row
        present[i] = row[0]
        vote[i] = row[1:4]
        reply[i] = row[4]
        written[i] = row[5:8]

    bloc = np.full(count, -1, dtype=np.int64)
    blocs: list[Bloc] = []
    for b, (bname, bspec) in enumerate(spec.blocs.items()):
        if bspec.members is not None:
            if session.roster is None:
                raise ScenarioError(source, f"model.blocs.{bname}.members",
                                    key="model_bloc_roster")
            wanted = [str(x) for x in bspec.members]
            unknown = [x for x in wanted if x not in ids]
            if unknown:
                raise ScenarioError(source, f"model.blocs.{bname}.members", key="unknown_member",
                                    params={"id": quoted(unknown[0])},
                                    fix="list ids of members of the organ")
            chosen = [ids.index(x) for x in wanted]
        else:
            gname = bspec.group or bname
            chosen = [i for i, g in enumerate(groups) if g == gname]
            if not chosen:
                raise ScenarioError(source, f"model.blocs.{bname}", key="model_bloc_empty",
                                    params={"group": quoted(gname)})
        for i in chosen:
            if bloc[i] >= 0:
                raise ScenarioError(source, f"model.blocs.{bname}", key="model_bloc_twice",
                                    params={"id": ids[i], "bloc": quoted(blocs[bloc[i]].name)})
            bloc[i] = b
        y, n_, a = bspec.line.shares()
        blocs.append(Bloc(bname, float(bspec.cohesion), (float(y), float(n_), float(a))))

    return CompiledModel(
        rules=rules,
        members=count,
        ids=tuple(ids),
        names=tuple(names),
        groups=tuple(groups),
        present=present,
        vote=vote,
        reply=reply,
        written=written,
        has_vote=np.array(rights, dtype=bool),
        bloc=bloc,
        blocs=tuple(blocs),
        source=source,
        aggregate=session.roster is None,
    )
