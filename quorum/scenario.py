"""Scenario files: the public YAML format, validated with errors that name file, field and fix.

A scenario is read with :func:`load_scenario` (a path) or :func:`parse_scenario` (text, as
uploaded) into a :class:`Scenario`, whose ``session`` is what :func:`quorum.evaluate`
takes. :func:`scenario_to_mapping` writes a scenario back; reading what it writes gives
an identical scenario. YAML is only ever read with a safe loader (:mod:`quorum.yamlio`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml  # for writing only: reading goes through quorum.yamlio
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from .bodies import body_to_mapping, get_body, preset_names, rule_set_from_mapping
from .errors import ScenarioError, from_validation_error
from .limits import MAX_CSV_FIELD_CHARS, MAX_INPUT_BYTES, MAX_MEMBERS, MAX_QUOTED_CHARS
from .members import Member
from .numbers import NumberError, parse_count, parse_fraction, quoted
from .periods import parse_iso_date
from .rules import SWITCHES, RuleSet
from .session import Choice, Decision, Session, Votes, WrittenProcedure
from .yamlio import decode_text, parse_yaml, plain, plain_number, read_text_file
from .yamlio import read_yaml_file as _read_yaml_file

if TYPE_CHECKING:  # imported where a scenario has ``elections:`` or ``joint:``
    from .elections.engine import Election
    from .joint.session import JointSession

__all__ = [
    "Scenario",
    "load_scenario",
    "parse_scenario",
    "scenario_from_mapping",
    "scenario_to_mapping",
    "dump_scenario",
    "default_scenario_path",
    "load_default_scenario",
    "MAX_UPLOAD_BYTES",
]

MAX_UPLOAD_BYTES = MAX_INPUT_BYTES
_AMOUNT = re.compile(r"^\d+(\.\d+)?$")
CHOICES = ("yes", "no", "abstain")


def _amount(value: Any) -> Fraction:
    """An amount of money: a number >= 0 (never true/false, never an exponent beyond bounds)."""
    if isinstance(value, str) and not _AMOUNT.match(value.strip()):
        raise NumberError(f"{quoted(value)} is not an amount",
                          "write a number >= 0 such as 1250.50")
    return parse_fraction(value, fix="write a number >= 0 such as 1250.50")


def _amount_error(source: str, fieldname: str, exc: NumberError) -> ScenarioError:
    """An amount's :class:`NumberError` as the one-line error of its field."""
    return ScenarioError(source, fieldname, exc.problem, exc.fix, key=exc.key, params=exc.params)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class VotesSpec(_Model):
    yes: int = Field(default=0, ge=0)
    no: int = Field(default=0, ge=0)
    abstain: int = Field(default=0, ge=0)

    @field_validator("yes", "no", "abstain", mode="before")
    @classmethod
    def _count(cls, value: Any) -> int:
        # Booleans and quoted numbers are not counts (``yes: true``, ``yes: '40'``).
        return parse_count(value)


class MemberSpec(_Model):
    id: str = Field(min_length=1)
    name: str = ""
    name_fr: str = ""
    present: bool = False
    class_: str | None = Field(default=None, alias="class")
    arrears: Any = 0
    dues: dict[int, Any] = {}
    arrears_exception: bool = False
    observer: bool = False
    group: str | None = None
    bodies: list[str] | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("arrears")
    @classmethod
    def _arrears(cls, value: Any) -> Fraction:
        return _amount(value)

    @field_validator("dues")
    @classmethod
    def _dues(cls, value: dict[int, Any]) -> dict[int, Fraction]:
        return {int(year): _amount(amount) for year, amount in value.items()}

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if value.strip() != value or not value:
            raise NumberError("an id cannot be empty or start/end with spaces", "trim it",
                              "id_spaces")
        return value


class WrittenSpec(_Model):
    communicated: Any = None
    replies: Any = None

    @field_validator("communicated")
    @classmethod
    def _date(cls, value: Any) -> date | None:
        return None if value is None else parse_iso_date(value)


class DecisionSpec(_Model):
    id: str = Field(min_length=1)
    title: str = ""
    kind: str | None = None
    votes: Any = None
    written: WrittenSpec | None = None
    decided_by: list[str] | None = None  # joint sessions (quorum.joint.schema)
    special_count: StrictBool = False  # true or false, never 1 or 'yes'


class ScenarioSpec(_Model):
    body: Any = "berne-assembly"
    title: str = ""
    description: str = ""
    date: Any = None
    members: Any = None
    present: Any = None
    roster: str | None = None
    currency_unit: Any = 1
    interpretation: dict[str, bool] = {}
    decisions: list[DecisionSpec] = []
    model: Any = None
    joint: Any = None  # the bodies sitting together (quorum.joint.schema)
    elections: Any = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: Any) -> date | None:
        return None if value is None else parse_iso_date(value)

    @field_validator("interpretation")
    @classmethod
    def _switches(cls, value: dict[str, bool]) -> dict[str, bool]:
        unknown = sorted(set(value) - set(SWITCHES))
        if unknown:
            raise NumberError(f"unknown interpretation switch {quoted(unknown[0])}",
                              f"use one of {', '.join(SWITCHES)}", "unknown_switch",
                              got=quoted(unknown[0]), switches=", ".join(SWITCHES))
        return value

    @model_validator(mode="after")
    def _unique_decisions(self) -> ScenarioSpec:
        seen: set[str] = set()
        for d in self.decisions:
            if d.id in seen:
                raise NumberError(
                    f"two decisions have the id {quoted(d.id)}", "give each decision its own id",
                    "two_decisions", id=quoted(d.id)
                )
            seen.add(d.id)
        return self


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: the session to evaluate and what the file said about itself."""

    session: Session
    title: str = ""
    description: str = ""
    body_ref: str | None = None  # the preset name or body file the body came from
    roster_ref: str | None = None  # the bundled roster or CSV the members came from
    model: Mapping[str, Any] | None = None
    source: str = "<scenario>"
    aggregate: bool = True
    extra: tuple[tuple[str, Any], ...] = field(default=())
    joint: JointSession | None = None  # several bodies at once; ``session`` is the first
    elections: tuple[Election, ...] = ()

    @property
    def rules(self) -> RuleSet:
        return self.session.rules

    def with_session(self, session: Session) -> Scenario:
        return replace(self, session=session)


# ---------------------------------------------------------------------------------------
# Reading


def _parse_yaml(text: str, source: str) -> Any:
    return parse_yaml(text, source)


def _resolve_path(ref: str, base_dir: Path | None, source: str, fieldname: str,
                  confine: bool) -> Path:
    if base_dir is None:
        from .roster import bundled_roster_names

        raise ScenarioError(source, fieldname, key="file_ref_not_allowed",
                            params={"ref": quoted(ref), "bundled": ", ".join(
                                (*preset_names(), *bundled_roster_names()))})
    path = (base_dir / ref).resolve()
    if confine and not path.is_relative_to(base_dir.resolve()):
        raise ScenarioError(source, fieldname, key="file_outside", params={"ref": quoted(ref)})
    if not path.is_file():
        raise ScenarioError(source, fieldname, key="file_missing",
                            params={"ref": quoted(ref), "path": str(path)})
    return path


def _body(value: Any, source: str, base_dir: Path | None, confine: bool
          ) -> tuple[RuleSet, str | None]:
    if isinstance(value, str):
        if value in preset_names():
            return get_body(value), value
        if value.endswith((".yaml", ".yml")):
            path = _resolve_path(value, base_dir, source, "body", confine)
            data = _parse_yaml(read_text_file(path), str(path))
            return rule_set_from_mapping(data or {}, str(path)), value
        raise ScenarioError(source, "body", key="unknown_body",
                            params={"got": quoted(value), "presets": ", ".join(preset_names())})
    if isinstance(value, Mapping):
        return rule_set_from_mapping(value, source, ("body",)), None
    raise ScenarioError(source, "body", key="body_shape", params={"got": quoted(value)})


def _members_from_specs(specs: list[MemberSpec]) -> tuple[Member, ...]:
    return tuple(
        Member(
            id=s.id, name=s.name, name_fr=s.name_fr, present=s.present,
            contribution_class=s.class_, arrears=s.arrears,
            dues=tuple(sorted(s.dues.items())), arrears_exception=s.arrears_exception,
            observer=s.observer, group=s.group, bodies=tuple(s.bodies or ()),
        )
        for s in specs
    )


def _truthy(text: str, source: str, fieldname: str) -> bool:
    t = text.strip().lower()
    if t in ("1", "true", "yes", "y", "x"):
        return True
    if t in ("", "0", "false", "no", "n"):
        return False
    raise ScenarioError(source, fieldname, key="not_bool", params={"got": quoted(text)})


#: The columns of a roster CSV (and ``dues_YYYY``); any other column is refused by name.
ROSTER_COLUMNS = ("id", "name", "name_fr", "present", "class", "arrears", "arrears_exception",
                  "observer", "group", "bodies")
_DUES_COLUMN = re.compile(r"^dues_\d{4}$")


def _csv_rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    """The rows of a CSV with their line numbers; ``,`` or ``;`` (as a spreadsheet saves
    it), a byte-order mark dropped, every malformation one line naming the row."""
    text = text[1:] if text.startswith("\ufeff") else text
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(len(cell) > MAX_CSV_FIELD_CHARS for cell in row):
                raise ScenarioError(source, f"line {line}", key="csv_field_too_long",
                                    params={"limit": MAX_CSV_FIELD_CHARS})
            rows.append((line, row))
            line = reader.line_num + 1
            if len(rows) > MAX_MEMBERS + 1:
                raise ScenarioError(source, "", key="too_many",
                                    params={"what": ("i18n", "rows", "lignes"), "got": "more",
                                            "limit": MAX_MEMBERS})
    except csv.Error as exc:
        detail = str(exc)
        if "field larger" in detail:
            raise ScenarioError(source, f"line {line}", key="csv_field_too_long",
                                params={"limit": MAX_CSV_FIELD_CHARS}) from None
        if "end of data" in detail or "EOF" in detail:
            raise ScenarioError(source, f"line {line}", key="csv_unclosed_quote") from None
        raise ScenarioError(source, f"line {line}", key="csv_bad",
                            params={"detail": detail[:80]}) from None
    return rows


def read_roster_csv(text: str, source: str) -> tuple[Member, ...]:
    """A roster CSV: ``id`` required; optional name, name_fr, present, class, arrears,
    arrears_exception, observer, group, bodies (ids separated by ``;``) and ``dues_YYYY``
    columns.

    Comma or semicolon separated, UTF-8 with or without a byte-order mark (as spreadsheets
    save it). Refused by name: unknown or repeated columns, rows with more cells than the
    header, rows without an id, an unclosed quote, cells over ``MAX_CSV_FIELD_CHARS``.
    Blank rows (every cell empty) are skipped.
    """
    rows = _csv_rows(text, source)
    if not rows:
        raise ScenarioError(source, "id", key="csv_no_id", params={"header": "(empty)"})
    header = [cell.strip() for cell in rows[0][1]]
    if "id" not in header:
        raise ScenarioError(source, "id", key="csv_no_id",
                            params={"header": quoted(",".join(header))})
    for column in header:
        if column not in ROSTER_COLUMNS and not _DUES_COLUMN.match(column):
            raise ScenarioError(source, "header", key="csv_unknown_column",
                                params={"column": quoted(column),
                                        "known": ", ".join(ROSTER_COLUMNS)})
        if header.count(column) > 1:
            raise ScenarioError(source, "header", key="csv_duplicate_column",
                                params={"column": quoted(column)})
    members = []
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"line {line}"
        if len(cells) > len(header):
            raise ScenarioError(source, where, key="csv_extra_cells",
                                params={"cells": len(cells), "columns": len(header)})
        row = dict(zip(header, cells, strict=False))
        if not (row.get("id") or "").strip():
            raise ScenarioError(source, f"{where}.id", key="csv_empty_id")
        dues = {}
        for key, value in row.items():
            if key.startswith("dues_") and (value or "").strip():
                try:
                    dues[int(key[5:])] = _amount(value)
                except NumberError as exc:
                    raise _amount_error(source, f"{where}.{key}", exc) from None
        try:
            arrears = _amount((row.get("arrears") or "0").strip() or "0")
        except NumberError as exc:
            raise _amount_error(source, f"{where}.arrears", exc) from None
        members.append(Member(
            id=(row.get("id") or "").strip(), name=(row.get("name") or "").strip(),
            name_fr=(row.get("name_fr") or "").strip(),
            present=_truthy(row.get("present") or "", source, f"{where}.present"),
            contribution_class=(row.get("class") or "").strip() or None, arrears=arrears,
            dues=tuple(sorted(dues.items())),
            arrears_exception=_truthy(row.get("arrears_exception") or "", source,
                                      f"{where}.arrears_exception"),
            observer=_truthy(row.get("observer") or "", source, f"{where}.observer"),
            group=(row.get("group") or "").strip() or None,
            bodies=tuple(b.strip() for b in (row.get("bodies") or "").split(";") if b.strip()),
        ))
    return tuple(members)


def _roster(spec: ScenarioSpec, source: str, base_dir: Path | None, confine: bool
            ) -> tuple[Member, ...]:
    from .roster import bundled_roster, bundled_roster_names

    ref = spec.roster
    assert ref is not None
    if ref in bundled_roster_names():
        members = bundled_roster(ref)
    elif ref.endswith(".csv"):
        path = _resolve_path(ref, base_dir, source, "roster", confine)
        members = read_roster_csv(read_text_file(path), str(path))
    else:
        raise ScenarioError(source, "roster", key="unknown_roster",
                            params={"got": quoted(ref), "rosters": ", ".join(
                                bundled_roster_names())})
    # `members:` entries then override the roster, field by field, by id.
    if spec.members is not None and not isinstance(spec.members, list):
        raise ScenarioError(source, "members", key="members_beside_roster")
    if isinstance(spec.members, list):
        overrides = _overrides(spec.members, source)
        known = {m.id for m in members}
        for mid in overrides:
            if mid not in known:
                raise ScenarioError(source, f"members.{_cut(mid)}", key="unknown_member",
                                    params={"id": quoted(mid)})
        members = tuple(_override(m, overrides.get(m.id), source) for m in members)
    present = spec.present
    if present is not None:
        members = _apply_presence(members, present, source)
    return members


_OVERRIDABLE = ("id", "name", "name_fr", "present", "class", "arrears", "dues",
                "arrears_exception", "observer", "group")


def _overrides(entries: list[Any], source: str) -> dict[str, Mapping[str, Any]]:
    """``members:`` beside a roster: mappings with the ``id`` of a roster member, each once."""
    out: dict[str, Mapping[str, Any]] = {}
    for i, entry in enumerate(entries):
        where = f"members[{i}]"
        if not isinstance(entry, Mapping):
            raise ScenarioError(source, where, key="override_shape",
                                params={"got": quoted(entry)})
        if "id" not in entry:
            raise ScenarioError(source, where, key="override_no_id")
        mid = entry["id"]
        if not isinstance(mid, str) or not mid.strip():
            raise ScenarioError(source, f"{where}.id", key="override_id",
                                params={"got": quoted(mid)})
        for name in entry:
            if name not in _OVERRIDABLE:
                raise ScenarioError(source, f"{where}.{_cut(name)}", key="unknown_field",
                                    fix=f"use one of {', '.join(_OVERRIDABLE)}")
        if mid in out:
            raise ScenarioError(source, f"{where}.id", key="duplicate_member",
                                params={"id": quoted(mid)})
        out[mid] = entry
    return out


def _override(member: Member, data: Mapping[str, Any] | None, source: str) -> Member:
    if not data:
        return member
    try:
        spec = MemberSpec.model_validate({"id": member.id, **dict(data)})
    except ValidationError as exc:
        raise from_validation_error(source, exc, ("members", member.id)) from None
    changes: dict[str, Any] = {}
    for key in data:
        if key == "class":
            changes["contribution_class"] = spec.class_
        elif key == "dues":
            changes["dues"] = tuple(sorted(spec.dues.items()))
        elif key == "bodies":
            changes["bodies"] = tuple(spec.bodies or ())
        elif key != "id":
            changes[key] = getattr(spec, key)
    return replace(member, **changes)


def _apply_presence(members: tuple[Member, ...], present: Any, source: str
                    ) -> tuple[Member, ...]:
    """``present: all`` or ``present: none`` or a list of ids, applied to a roster."""
    if present == "all":
        return tuple(replace(m, present=not m.observer) for m in members)
    if present == "none":
        return tuple(replace(m, present=False) for m in members)
    if isinstance(present, list):
        ids = {str(x) for x in present}
        unknown = ids - {m.id for m in members}
        if unknown:
            raise ScenarioError(source, "present", key="unknown_member",
                                params={"id": quoted(sorted(unknown)[0])})
        return tuple(replace(m, present=m.id in ids) for m in members)
    raise ScenarioError(source, "present", key="present_shape", params={"got": quoted(present)})


def _cut(value: Any) -> str:
    """A user's key as part of a field name: text, cut to ``MAX_QUOTED_CHARS``."""
    return str(value)[:MAX_QUOTED_CHARS]


def _choice(value: Any, source: str, fieldname: str) -> Choice:
    text = str(value).strip().lower() if value is not None else ""
    if text not in CHOICES:
        raise ScenarioError(source, fieldname, key="not_a_vote", params={"got": quoted(value)})
    return Choice(text)


def _member_choices(value: Any, roster: tuple[Member, ...], source: str, fieldname: str,
                    pool: list[str]) -> tuple[tuple[str, Choice], ...]:
    """Roster votes: ``{ID: yes, ...}`` or ``{yes: [IDs], no: [IDs], others: abstain}``.

    ``others`` gives the choice of every member of ``pool`` not listed. A member whose id
    is itself a vote word (``yes``, ``no``, ``abstain``, ``others``) is voted by id when its
    value is a vote word (``no: yes`` is member ``no`` voting yes); a vote word followed by
    a list is the list form.
    """
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise ScenarioError(source, fieldname, key="votes_shape", params={"got": quoted(value)})
    ids = {m.id for m in roster}

    def by_id(key: Any, choice: Any) -> bool:
        return (str(key) in ids and isinstance(choice, str)
                and choice.strip().lower() in CHOICES)

    by_list = any(k in (*CHOICES, "others") and not by_id(k, v) for k, v in value.items())
    out: dict[str, Choice] = {}
    if by_list:
        for key, listed in value.items():
            if key == "others":
                continue
            if key not in CHOICES:
                raise ScenarioError(source, f"{fieldname}.{_cut(key)}", key="vote_key",
                                    params={"got": quoted(key)})
            if not isinstance(listed, list):
                raise ScenarioError(source, f"{fieldname}.{key}", key="votes_counts_with_roster",
                                    params={"choice": key})
            for mid in listed:
                if isinstance(mid, list | Mapping | bool) or mid is None:
                    raise ScenarioError(source, f"{fieldname}.{key}", key="not_member_id",
                                        params={"got": quoted(mid)})
                if str(mid) in out:
                    raise ScenarioError(source, f"{fieldname}.{key}", key="duplicate_vote",
                                        params={"id": quoted(str(mid))})
                out[str(mid)] = Choice(key)
        if "others" in value:
            rest = _choice(value["others"], source, f"{fieldname}.others")
            for mid in pool:
                out.setdefault(mid, rest)
    else:
        for mid, choice in value.items():
            if str(mid) in out:  # e.g. 12 and '12'
                raise ScenarioError(source, f"{fieldname}.{_cut(mid)}",
                                    key="duplicate_vote", params={"id": quoted(str(mid))})
            out[str(mid)] = _choice(choice, source, f"{fieldname}.{_cut(mid)}")
    return tuple(out.items())


def scenario_from_mapping(
    data: Any,
    source: str = "<scenario>",
    base_dir: Path | None = None,
    confine: bool = False,
) -> Scenario:
    """Validate a parsed scenario. ``base_dir=None`` refuses file references (uploads)."""
    if not isinstance(data, Mapping):
        raise ScenarioError(source, "", key="scenario_shape", params={"got": quoted(data)})
    try:
        spec = ScenarioSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise from_validation_error(source, exc) from None
    if spec.joint is not None:  # several bodies sitting together
        from .joint import schema as joint_schema

        rules = joint_schema.first_body(spec.joint, "body" in data, source, spec.interpretation)
        body_ref: str | None = rules.id
    else:
        rules, body_ref = _body(spec.body, source, base_dir, confine)
    if spec.interpretation:
        rules = rules.with_interpretation(**spec.interpretation)
    try:
        currency_unit = _amount(spec.currency_unit)
    except NumberError as exc:
        raise _amount_error(source, "currency_unit", exc) from None
    if currency_unit <= 0:
        raise ScenarioError(source, "currency_unit", key="currency_not_positive")

    aggregate = spec.roster is None and not isinstance(spec.members, list)
    roster: tuple[Member, ...] | None = None
    if aggregate:
        n, present = spec.members, spec.present
        if spec.model is None or present is not None:
            for name, value in (("members", n), ("present", present)):
                if value is None:
                    raise ScenarioError(source, name, key="missing",
                                        fix=f"write the number of {name}, e.g. {name}: 91")
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ScenarioError(source, name, key="not_whole",
                                        params={"got": quoted(value)},
                                        fix=f"write the number of {name}, e.g. {name}: 91")
                if value < 0:
                    raise ScenarioError(source, name, key="number_negative",
                                        params={"got": quoted(value)})
        if n is None:
            raise ScenarioError(source, "members", key="missing",
                                fix="write the number of members, e.g. members: 91")
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ScenarioError(source, "members", key="members_shape", params={"got": quoted(n)})
        if n > MAX_MEMBERS:
            raise ScenarioError(source, "members", key="too_many",
                                params={"what": ("i18n", "members", "membres"), "got": quoted(n),
                                        "limit": MAX_MEMBERS})
        if isinstance(present, int) and present > n:
            raise ScenarioError(source, "present", key="present_above_members",
                                params={"present": present, "members": n})
    else:
        if spec.roster is not None:
            roster = _roster(spec, source, base_dir, confine)
        else:
            assert isinstance(spec.members, list)
            specs = []
            for i, item in enumerate(spec.members):
                try:
                    specs.append(MemberSpec.model_validate(item))
                except ValidationError as exc:
                    raise from_validation_error(source, exc, ("members", i)) from None
            roster = _members_from_specs(specs)
            if spec.present is not None:
                roster = _apply_presence(roster, spec.present, source)
        seen: set[str] = set()
        for m in roster:
            if m.id in seen:
                raise ScenarioError(source, "members", key="two_members",
                                    params={"id": quoted(m.id)})
            seen.add(m.id)
        if spec.joint is None and any(m.bodies for m in roster):
            from .joint.schema import members_of

            roster = members_of(roster, rules.id)  # one body alone: its own members
        if not any(not m.observer for m in roster):
            raise ScenarioError(source, "members", key="no_organ_member")
        if spec.date is None and any(m.arrears > 0 for m in roster):
            raise ScenarioError(source, "date", key="arrears_no_date")

    decisions = []
    for i, d in enumerate(spec.decisions):
        decisions.append(_decision(d, i, roster, source, aggregate))
        communicated = d.written.communicated if d.written else None
        if spec.date is not None and communicated is not None and communicated < spec.date:
            # Art. 22(3)(c): the decisions of a session are communicated after it.
            raise ScenarioError(source, f"decisions[{i}].written.communicated",
                                key="communicated_before_session",
                                params={"communicated": communicated, "date": spec.date})
    if spec.joint is not None:
        if spec.elections:
            raise ScenarioError(source, "elections", key="joint_elections")
        joint = joint_schema.build_joint(spec, roster, decisions, currency_unit, source)
        return Scenario(
            session=joint_schema.first_body_session(joint), title=spec.title,
            description=spec.description, body_ref=body_ref, roster_ref=spec.roster,
            model=spec.model, source=source, aggregate=False, joint=joint,
        )
    if any(d.decided_by is not None or d.special_count for d in spec.decisions):
        from .joint.schema import refuse_joint_fields

        refuse_joint_fields(spec.decisions, source)
    if roster is not None:
        session = Session.from_roster(rules, roster, tuple(decisions), spec.date, currency_unit,
                                      source)
    else:
        session = Session(rules, int(spec.members), int(spec.present or 0), tuple(decisions),
                          spec.date, None, currency_unit, source)
    elections: tuple[Election, ...] = ()
    if spec.elections is not None:
        from .elections.schema import parse_elections

        elections = parse_elections(spec.elections, source, session,
                                    present_known=not aggregate or spec.present is not None)
    return Scenario(
        session=session, title=spec.title, description=spec.description, body_ref=body_ref,
        roster_ref=spec.roster, model=spec.model, source=source, aggregate=aggregate,
        elections=elections,
    )


def _decision(d: DecisionSpec, i: int, roster: tuple[Member, ...] | None, source: str,
              aggregate: bool) -> Decision:
    path = f"decisions[{i}]"
    written = None
    if aggregate:
        votes = _counts(d.votes, source, f"{path}.votes")
        member_votes: tuple[tuple[str, Choice], ...] = ()
    else:
        assert roster is not None
        votes = Votes()
        pool = [m.id for m in roster if m.present and not m.observer]
        member_votes = _member_choices(d.votes, roster, source, f"{path}.votes", pool)
    if d.written is not None:
        replies = d.written.replies
        if aggregate:
            written = WrittenProcedure(
                d.written.communicated,
                None if replies is None else _counts(replies, source, f"{path}.written.replies"),
            )
        else:
            assert roster is not None
            pool = [m.id for m in roster if not m.present and not m.observer]
            if replies is not None and _looks_like_counts(replies):
                written = WrittenProcedure(
                    d.written.communicated, _counts(replies, source, f"{path}.written.replies"))
            else:
                written = WrittenProcedure(
                    d.written.communicated, None,
                    _member_choices(replies, roster, source, f"{path}.written.replies", pool))
    return Decision(id=d.id, kind=d.kind, votes=votes, member_votes=member_votes,
                    written=written, title=d.title)


def _looks_like_counts(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value) and all(
        k in CHOICES and isinstance(v, int) and not isinstance(v, bool) for k, v in value.items())


def _counts(value: Any, source: str, fieldname: str) -> Votes:
    if value is None:
        return Votes()
    try:
        spec = VotesSpec.model_validate(value)
    except ValidationError as exc:
        err = from_validation_error(source, exc)
        raise ScenarioError(source, f"{fieldname}.{err.field}" if err.field else fieldname,
                            err.problem, err.fix, key=err.key, params=err.params) from None
    return Votes(spec.yes, spec.no, spec.abstain)


def parse_scenario(
    text: str | bytes,
    source: str = "<upload>",
    base_dir: Path | None = None,
    confine: bool = True,
    max_bytes: int | None = None,
) -> Scenario:
    """Read a scenario from text. With no ``base_dir`` it may not reference files."""
    if isinstance(text, bytes):
        if max_bytes is not None and len(text) > max_bytes:
            raise ScenarioError(source, "", key="too_big",
                                params={"size": len(text), "limit": max_bytes})
        text = _decode(text, source)
    elif max_bytes is not None and len(text.encode("utf-8")) > max_bytes:
        raise ScenarioError(source, "", key="too_big",
                            params={"size": len(text.encode("utf-8")), "limit": max_bytes})
    data = _parse_yaml(text, source)
    return scenario_from_mapping(data, source, base_dir, confine)


def _decode(data: bytes, source: str) -> str:
    return decode_text(data, source)


def read_yaml_file(path: str | Path) -> Any:
    """The data of a YAML file, with the scenario reader's one-line errors (no such file,
    too big, not UTF-8, not valid YAML, duplicate keys, too deep); for every command that
    reads YAML files (see :func:`quorum.yamlio.read_yaml_file`)."""
    return _read_yaml_file(path)


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file; bodies and rosters it names are read relative to it."""
    p = Path(path)
    return scenario_from_mapping(read_yaml_file(p), str(path), p.parent.resolve(),
                                 confine=False)


def default_scenario_path() -> Path:
    """``scenarios/berne-assembly-default.yaml`` of the source tree."""
    return Path(__file__).resolve().parent.parent / "scenarios" / "berne-assembly-default.yaml"


def load_default_scenario() -> Scenario:
    path = default_scenario_path()
    if not path.is_file():
        raise ScenarioError(str(path), "", "the default scenario is missing",
                            "run quorum from a checkout installed with 'pip install -e .'")
    scenario = load_scenario(path)
    return replace(scenario, source="scenarios/berne-assembly-default.yaml",
                   session=replace(scenario.session,
                                   source="scenarios/berne-assembly-default.yaml"))


# ---------------------------------------------------------------------------------------
# Writing


def scenario_to_mapping(scenario: Scenario, explicit_roster: bool = True) -> dict[str, Any]:
    """A mapping that :func:`scenario_from_mapping` reads back to the identical scenario.

    A roster is written member by member (``explicit_roster``), so the file stands alone.
    """
    s = scenario.session
    out: dict[str, Any] = {}
    if scenario.title:
        out["title"] = scenario.title
    if scenario.description:
        out["description"] = scenario.description
    if scenario.joint is not None:
        from .joint.schema import joint_to_mapping

        out["joint"], diff = joint_to_mapping(scenario.joint)
        if diff:
            out["interpretation"] = diff
    elif scenario.body_ref in preset_names() and s.rules == _with_preset_interpretation(
        scenario.body_ref, s.rules
    ):
        out["body"] = scenario.body_ref
        preset = get_body(str(scenario.body_ref))
        diff = {k: v for k, v in s.rules.interpretation.as_dict().items()
                if preset.interpretation.as_dict()[k] != v}
        if diff:
            out["interpretation"] = diff
    else:
        out["body"] = body_to_mapping(s.rules)
    if s.date:
        out["date"] = s.date.isoformat()
    if s.currency_unit != 1:
        out["currency_unit"] = plain_number(s.currency_unit)
    if s.roster is None:
        out["members"] = s.members
        out["present"] = s.present
    else:
        out["members"] = [_member_mapping(m) for m in s.roster]
    if scenario.model is not None:
        out["model"] = plain(scenario.model)
    if scenario.joint is not None:
        out["members"] = [_member_mapping(m) for m in scenario.joint.roster]
        out["decisions"] = [{**_decision_mapping(jd.decision, False), **jd.fields()}
                            for jd in scenario.joint.decisions]
        return out
    out["decisions"] = [_decision_mapping(d, s.roster is None) for d in s.decisions]
    if scenario.elections:
        from .elections.schema import elections_to_mapping

        out["elections"] = elections_to_mapping(scenario.elections)
    return out


def _with_preset_interpretation(name: str | None, rules: RuleSet) -> RuleSet:
    if name is None:
        return rules
    return get_body(name).with_interpretation(**rules.interpretation.as_dict())


def _member_mapping(m: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id}
    if m.name:
        out["name"] = m.name
    if m.name_fr:
        out["name_fr"] = m.name_fr
    out["present"] = m.present
    if m.contribution_class:
        out["class"] = m.contribution_class
    if m.arrears:
        out["arrears"] = plain_number(m.arrears)
    if m.dues:
        out["dues"] = {year: plain_number(amount) for year, amount in m.dues}
    if m.arrears_exception:
        out["arrears_exception"] = True
    if m.observer:
        out["observer"] = True
    if m.group:
        out["group"] = m.group
    if m.bodies:
        out["bodies"] = list(m.bodies)
    return out


def _decision_mapping(d: Decision, aggregate: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id}
    if d.title:
        out["title"] = d.title
    if d.kind:
        out["kind"] = d.kind
    if aggregate:
        out["votes"] = d.votes.to_dict()
    else:
        out["votes"] = {mid: choice.value for mid, choice in d.member_votes}
    if d.written is not None:
        w: dict[str, Any] = {}
        if d.written.communicated:
            w["communicated"] = d.written.communicated.isoformat()
        if d.written.replies is not None:
            w["replies"] = d.written.replies.to_dict()
        elif d.written.member_replies:
            w["replies"] = {mid: c.value for mid, c in d.written.member_replies}
        out["written"] = w
    return out


def dump_scenario(scenario: Scenario) -> str:
    """The YAML text of a scenario (what the dashboard offers for download)."""
    header = "# Exported by quorum. Load it with: quorum evaluate FILE\n"
    return header + yaml.safe_dump(
        scenario_to_mapping(scenario), sort_keys=False, allow_unicode=True, width=100
    )


