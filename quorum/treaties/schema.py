"""The treaty file: read, validate, write back (issue 14's format is a public contract).

```yaml
treaty: beijing-treaty          # a preset name, or a mapping in the treaty vocabulary
adopted: 2012-06-24             # optional
members_at_adoption: [AR, BE]   # for amendments counted against the members at adoption
entered_into_force: 2020-04-28  # optional: the published date, for an incomplete list
instruments:
  - {party: CN, kind: ratification, type: state, deposited: 2014-07-09}
```

Every error is one line naming the file, the field and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ScenarioError, from_number_error
from ..limits import MAX_TREATY_INSTRUMENTS
from ..numbers import NumberError, quoted
from ..periods import parse_iso_date
from .engine import Instrument, PartyType, TreatyCase
from .rules import Counts, IgoRule, get_treaty, preset_names, treaty_from_mapping, treaty_to_mapping

__all__ = ["case_from_mapping", "parse_treaty", "load_treaty_file", "case_to_mapping",
           "dump_treaty", "MAX_INSTRUMENTS"]

MAX_INSTRUMENTS = MAX_TREATY_INSTRUMENTS
_TOP = {"treaty", "title", "adopted", "members_at_adoption", "entered_into_force",
        "instruments", "model"}
_INSTRUMENT = {"party", "kind", "type", "deposited", "notified", "source"}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._()'-]{0,59}$")


def _cut(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_date(value: Any, source: str, field: str, required: bool = True) -> date | None:
    """A calendar date written ``YYYY-MM-DD`` (and only that)."""
    if value is None:
        if required:
            raise ScenarioError(source, field, key="tr_missing_date")
        return None
    if not isinstance(value, str | date) or isinstance(value, str) and not _DATE.match(value):
        raise ScenarioError(source, field, key="tr_cut_value_not_date", params={
                                "cut_value": _cut(value)})
    try:
        result = parse_iso_date(value)
    except NumberError as exc:
        if exc.key == "date_not_calendar":
            raise ScenarioError(source, field, key="tr_value_not_day_calendar", params={
                                    "value": quoted(value)}) from None
        raise from_number_error(source, field, exc) from None
    if not 1800 <= result.year <= 9000:   # periods of up to 100 years stay inside the calendar
        raise ScenarioError(source, field, key="tr_value_outside_years", params={"value": value})
    return result


def _party_id(value: Any, source: str, field: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ScenarioError(source, field, key="tr_cut_value_not_party_id", params={
                                "cut_value": _cut(value)})
    return value


def _treaty(value: Any, source: str) -> Any:
    if isinstance(value, str):
        try:
            return get_treaty(value)
        except KeyError:
            raise ScenarioError(source, "treaty", key="tr_unknown_treaty_cut_value", params={
                                    "cut_value": _cut(value),
                                    "join_preset_names": ', '.join(preset_names())}) from None
    if value is None:
        raise ScenarioError(source, "treaty", key="tr_missing", params={
                                "join_preset_names": ', '.join(preset_names())})
    return treaty_from_mapping(value, source)


def case_from_mapping(data: Any, source: str) -> TreatyCase:
    """A :class:`TreatyCase` from the file's data."""
    if not isinstance(data, Mapping):
        raise ScenarioError(source, "", key="tr_file_mapping_key_value_lines")
    unknown = sorted(str(k) for k in data if k not in _TOP)
    if unknown:
        raise ScenarioError(source, unknown[0][:40], key="tr_unknown_field", params={
                                "join_sorted__top": ', '.join(sorted(_TOP))})
    rule = _treaty(data.get("treaty"), source)
    title = data.get("title", "")
    if not isinstance(title, str):
        raise ScenarioError(source, "title", key="tr_not_text")
    adopted = parse_date(data.get("adopted"), source, "adopted", required=False)
    if adopted is None and rule.adopted:
        adopted = parse_date(rule.adopted, source, "treaty.adopted")
    published = parse_date(data.get("entered_into_force"), source, "entered_into_force",
                           required=False)
    members = data.get("members_at_adoption")
    members_t: tuple[str, ...] | None = None
    if members is not None:
        if not isinstance(members, list):
            raise ScenarioError(source, "members_at_adoption", key="tr_not_list_2")
        members_t = tuple(_party_id(m, source, f"members_at_adoption[{i}]")
                          for i, m in enumerate(members))
        if len(set(members_t)) != len(members_t):
            raise ScenarioError(source, "members_at_adoption", key="tr_member_listed_twice")
    if rule.counts is Counts.MEMBERS_AT_ADOPTION and not members_t:
        raise ScenarioError(source, "members_at_adoption",
                            key="tr_missing_this_treaty_counts_acceptances_against")
    raw = data.get("instruments", [])
    if not isinstance(raw, list):
        raise ScenarioError(source, "instruments", key="tr_not_list")
    if len(raw) > MAX_INSTRUMENTS:
        raise ScenarioError(source, "instruments",
                            key="tr_len_raw_instruments_above_limit_max", params={
                                "len_raw": len(raw), "max_instruments": MAX_INSTRUMENTS})
    instruments: list[Instrument] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"instruments[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(source, where, key="tr_not_mapping")
        extra = sorted(str(k) for k in item if k not in _INSTRUMENT)
        if extra:
            raise ScenarioError(source, f"{where}.{extra[0][:40]}",
                                key="tr_unknown_field_2", params={
                                    "join_sorted__instrument": ', '.join(sorted(_INSTRUMENT))})
        party = _party_id(item.get("party"), source, f"{where}.party")
        if party in seen:
            raise ScenarioError(source, f"{where}.party", key="tr_party_deposits_twice", params={
                                    "party": party})
        seen.add(party)
        kind = item.get("kind", "ratification")
        if kind not in rule.instrument_kinds:
            raise ScenarioError(source, f"{where}.kind",
                                key="tr_cut_kind_not_instrument_this_treaty", params={
                                    "cut_kind": _cut(kind), "p2": ', '.join(rule.instrument_kinds)})
        kind_type = item.get("type", "state")
        if kind_type not in ("state", "igo"):
            raise ScenarioError(source, f"{where}.type", key="tr_cut_kind_type_not_type", params={
                                    "cut_kind_type": _cut(kind_type)})
        ptype = PartyType(kind_type)
        if ptype is PartyType.IGO and rule.igo is IgoRule.NOT_ADMITTED:
            raise ScenarioError(source, f"{where}.type", key="tr_this_treaty_admits_only_states")
        deposited = parse_date(item.get("deposited"), source, f"{where}.deposited")
        assert deposited is not None
        notified = parse_date(item.get("notified"), source, f"{where}.notified",
                              required=False)
        if adopted is not None and deposited < adopted:
            raise ScenarioError(source, f"{where}.deposited",
 key="tr_deposited_before_adoption_adopted", params={"deposited": deposited, "adopted": adopted})
        if notified is not None and notified < deposited:
            raise ScenarioError(source, f"{where}.notified",
 key="tr_notified_before_deposit_deposited", params={"notified": notified, "deposited": deposited})
        src = item.get("source", "")
        if not isinstance(src, str):
            raise ScenarioError(source, f"{where}.source", key="tr_not_text_2")
        instruments.append(Instrument(party, str(kind), ptype, deposited, notified, src))
    return TreatyCase(rule, tuple(instruments), adopted, members_t, published, title, source)


def parse_treaty(text: str | bytes, source: str = "<treaty>",
                 max_bytes: int | None = None) -> TreatyCase:
    """A treaty file's text (an upload, a test) to a :class:`TreatyCase`."""
    from ..scenario import _decode, _parse_yaml

    if isinstance(text, bytes):
        if max_bytes is not None and len(text) > max_bytes:
            raise ScenarioError(source, "", key="tr_file_above_limit_max_bytes_bytes", params={
                                    "max_bytes": max_bytes})
        text = _decode(text, source)
    return case_from_mapping(_parse_yaml(text, source), source)


def load_treaty_file(path: str | Path) -> tuple[TreatyCase, Any]:
    """A treaty file from disk: the case and the file's raw data (for its ``model:``)."""
    from ..scenario import read_yaml_file

    data = read_yaml_file(path)
    return case_from_mapping(data, str(path)), data


def case_to_mapping(case: TreatyCase) -> dict[str, Any]:
    """The file's mapping (re-reads to an equal case)."""
    preset = case.rule.id if case.rule.id in preset_names() and get_treaty(
        case.rule.id) == case.rule else None
    out: dict[str, Any] = {}
    if case.title:
        out["title"] = case.title
    out["treaty"] = preset if preset else treaty_to_mapping(case.rule)
    if case.adopted is not None and not (preset and case.rule.adopted
                                         == case.adopted.isoformat()):
        out["adopted"] = case.adopted.isoformat()
    if case.members_at_adoption is not None:
        out["members_at_adoption"] = list(case.members_at_adoption)
    if case.published_entry_into_force is not None:
        out["entered_into_force"] = case.published_entry_into_force.isoformat()
    rows = []
    for ins in case.instruments:
        row: dict[str, Any] = {"party": ins.party, "kind": ins.kind, "type": ins.type.value,
                               "deposited": ins.deposited.isoformat()}
        if ins.notified is not None:
            row["notified"] = ins.notified.isoformat()
        if ins.source:
            row["source"] = ins.source
        rows.append(row)
    out["instruments"] = rows
    return out


def dump_treaty(case: TreatyCase) -> str:
    """The YAML text of a case (dates quoted so they stay text)."""
    import yaml

    return yaml.safe_dump(case_to_mapping(case), sort_keys=False, allow_unicode=True,
                          width=100)
