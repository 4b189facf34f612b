"""The custom body editor of the rules card: form values to a body definition and back.

The form holds the vocabulary of a body file (name; quorum; reduced quorum and its written
procedure; one majority per decision kind with its fraction, base and strictness; the
arrears rule on or off). It starts from a body's own definition
(:func:`quorum.bodies.body_to_mapping`), so every field the form does not show (articles,
labels, the Executive Committee, contributions, ...) is kept; the edited definition is
validated by the core's schema (:func:`quorum.bodies.rule_set_from_mapping`), whose
one-line error is what the page shows. Fractions stay exact strings such as ``"2/3"``.
No Streamlit here.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import yaml

from quorum import RuleSet, ScenarioError
from quorum.bodies import body_to_mapping, rule_set_from_mapping
from quorum.yamlio import parse_yaml

__all__ = [
    "SOURCE",
    "BASES",
    "fingerprint",
    "form_values",
    "majorities_table",
    "compound_kinds",
    "definition",
    "build",
    "to_yaml",
    "from_yaml",
]

#: The name errors of the custom body carry in place of a file name.
SOURCE = "custom body"
BASES = ("votes_cast", "present", "members")
_COLUMNS = ["kind", "fraction", "base", "strict"]


def fingerprint(rules: RuleSet) -> str:
    """A short key of a rule set: the form restarts when the body it starts from changes."""
    return hashlib.blake2b(pickle.dumps(rules, protocol=5), digest_size=8).hexdigest()


def _name(mapping: Mapping[str, Any], lang: str) -> str:
    name = mapping.get("name", "")
    if isinstance(name, Mapping):
        return str(name.get(lang) or name.get("en") or "")
    return str(name)


def form_values(rules: RuleSet, lang: str) -> dict[str, Any]:
    """The form's fields for ``rules`` (the majorities are :func:`majorities_table`)."""
    mapping = body_to_mapping(rules)
    reduced = mapping.get("reduced_quorum")
    return {
        "name": _name(mapping, lang),
        "quorum": mapping["quorum"]["fraction"],
        "quorum_strict": bool(mapping["quorum"]["strict"]),
        "reduced": reduced is not None,
        "reduced_fraction": reduced["fraction"] if reduced else "1/3",
        "months": int(reduced["written_procedure_months"]) if reduced else 3,
        "arrears": mapping.get("arrears") is not False,
    }


def majorities_table(rules: RuleSet) -> pd.DataFrame:
    """One row per decision kind defined by a single condition (fraction, base, strict)."""
    rows = [{"kind": kind, "fraction": spec["fraction"], "base": spec["base"],
             "strict": bool(spec["strict"])}
            for kind, spec in body_to_mapping(rules)["majorities"].items() if "fraction" in spec]
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    frame["strict"] = frame["strict"].astype(bool)
    return frame


def compound_kinds(rules: RuleSet) -> tuple[str, ...]:
    """Kinds whose majority joins several conditions (``all_of``): kept as defined."""
    return tuple(m.kind for m in rules.majorities if len(m.conditions) > 1)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _rows(majorities: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(majorities, pd.DataFrame):
        return [dict(row) for row in majorities.to_dict("records")]
    return [dict(row) for row in majorities]


def definition(rules: RuleSet, lang: str, *, name: str, quorum: str, quorum_strict: bool,
               reduced: bool, reduced_fraction: str, months: int, arrears: bool,
               majorities: pd.DataFrame | Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The body definition of the form, starting from ``rules``'s own.

    Raises :class:`quorum.ScenarioError` for a kind given twice (the only thing a mapping
    cannot say); everything else is left to the schema (:func:`build`).
    """
    base = body_to_mapping(rules)
    out = copy.deepcopy(base)
    if name.strip() != _name(base, lang):
        out["name"] = name.strip()
    out["quorum"] = _cited(base["quorum"], fraction=_text(quorum), strict=bool(quorum_strict))
    if reduced:
        previous = base.get("reduced_quorum") or {"strict": False, "article": ""}
        out["reduced_quorum"] = _cited(previous, fraction=_text(reduced_fraction),
                                       written_procedure_months=int(months))
    else:
        out.pop("reduced_quorum", None)
    kept = {kind: spec for kind, spec in base["majorities"].items() if "all_of" in spec}
    chosen: dict[str, Any] = dict(kept)
    for i, row in enumerate(_rows(majorities)):
        kind = _text(row.get("kind")) or ""
        if kind in chosen:
            raise ScenarioError(SOURCE, f"body.majorities[{i}].kind",
                                f"the kind {kind!r} is defined twice",
                                "give each decision kind one row")
        previous = base["majorities"].get(kind)
        entry = _cited(previous if previous is not None and "all_of" not in previous else {},
                       fraction=_text(row.get("fraction")),
                       base=_text(row.get("base")) or "votes_cast",
                       strict=bool(row.get("strict")) if row.get("strict") is not None
                       else False)
        if entry["fraction"] is None:
            del entry["fraction"]  # the schema then says what is missing
        chosen[kind] = entry
    out["majorities"] = chosen
    if out.get("default_kind") not in chosen:
        out.pop("default_kind", None)
    if arrears:
        out["arrears"] = base["arrears"] if base.get("arrears") else True
    else:
        out["arrears"] = False
    if out != base:
        # No longer the treaty's body: its name and sources would claim otherwise.
        out["id"] = "custom"
        out.pop("instrument", None)
        out.pop("sources", None)
    return out


def _cited(previous: Mapping[str, Any], **values: Any) -> dict[str, Any]:
    """``previous`` with ``values``; the article it cited and its label are dropped when a
    value changes, because they no longer say what the edited rule says."""
    entry = {**previous, **values}
    if any(previous.get(key) != value for key, value in values.items()):
        if "article" in entry:
            entry["article"] = ""
        entry.pop("label", None)
    return entry


def build(mapping: Mapping[str, Any]) -> RuleSet:
    """The rule set of a definition, through the core's schema.

    Raises :class:`quorum.ScenarioError`, whose ``message`` is one line naming the field
    and the fix.
    """
    return rule_set_from_mapping(mapping, SOURCE, ("body",))


def to_yaml(mapping: Mapping[str, Any]) -> str:
    """The definition as a body file (``body: FILE`` in a scenario, or inline)."""
    header = ("# A body defined in quorum's rules card. Use it in a scenario with\n"
              "# 'body: THIS_FILE.yaml', or paste it under 'body:'.\n")
    return header + yaml.safe_dump(dict(mapping), sort_keys=False, allow_unicode=True,
                                   width=100)


def from_yaml(text: str) -> RuleSet:
    """Read a body file written by :func:`to_yaml` back (safe YAML, the core's schema)."""
    return build(parse_yaml(text, SOURCE))
