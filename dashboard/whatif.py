"""The what-if page's model: the scenario's ``model:`` block, edited as plain values.

A model says, for everyone, per regional group or per member, the probability of being
represented, how a represented member votes and how an absent one replies in writing
(``quorum/probability/model.py`` and docs/whatif.md). The page edits it through these pure
functions and stores it in the scenario (``Scenario.model``), so it is downloaded and
shared with the rest; the engine (:mod:`quorum.probability`) reads it from there.
Probabilities are written as short decimals (``0.55``), which the engine reads exactly;
an omitted abstention share takes the remainder.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import replace
from types import ModuleType
from typing import Any

import pandas as pd

from quorum.scenario import Scenario
from quorum.yamlio import plain

from .edits import organ

__all__ = [
    "DEFAULT_MODEL",
    "model_of",
    "with_model",
    "set_everyone",
    "everyone_value",
    "override_ids",
    "overrides_table",
    "apply_override_edits",
    "without_model",
    "engine",
    "simulate",
    "distribution_frame",
    "grid",
    "sweep_table",
    "swing_table",
    "MEASURES",
    "SWEEPABLE",
    "SWINGS",
]

#: The model shown before any is set: most members come, two-thirds of votes are yes.
DEFAULT_MODEL: dict[str, Any] = {
    "present": 0.8,
    "vote": {"yes": 0.65, "no": 0.25},
    "written": {"reply": 0.5, "yes": 0.65, "no": 0.25},
}
LEVELS = ("groups", "members")


def _p(value: Any) -> float | None:
    """A probability typed in a widget or a cell, as a short decimal (None: not given)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    return round(min(1.0, max(0.0, float(value))), 4)


def model_of(scenario: Scenario) -> dict[str, Any]:
    """The scenario's model as a plain mapping (the default one when it has none)."""
    raw = scenario.model if scenario.model is not None else DEFAULT_MODEL
    return plain(raw)



def with_model(scenario: Scenario, model: Mapping[str, Any]) -> Scenario:
    return replace(scenario, model=plain(model))


def without_model(scenario: Scenario) -> Scenario:
    return replace(scenario, model=None)


def _vote(yes: Any, no: Any) -> dict[str, float] | None:
    y, n = _p(yes), _p(no)
    if y is None and n is None:
        return None
    return {"yes": y or 0.0, "no": n or 0.0}


#: The probabilities for everyone the page edits: field -> (section of the model, key).
_EVERYONE: dict[str, tuple[str | None, str]] = {
    "present": (None, "present"),
    "yes": ("vote", "yes"),
    "no": ("vote", "no"),
    "reply": ("written", "reply"),
    "written_yes": ("written", "yes"),
    "written_no": ("written", "no"),
}


def _where(field: str) -> tuple[str | None, str]:
    try:
        return _EVERYONE[field]
    except KeyError:
        raise KeyError(f"unknown model field {field!r}") from None


def everyone_value(model: Mapping[str, Any], field: str) -> float:
    """One probability for everyone in ``model`` (a field of :func:`set_everyone`); 0 when
    the model does not give it."""
    section, key = _where(field)
    holder = model if section is None else model.get(section) or {}
    value = holder.get(key)
    return float(value) if value is not None else 0.0


def set_everyone(scenario: Scenario, field: str, value: Any) -> Scenario:
    """Change one probability for everyone: ``present``, ``yes``, ``no``, ``reply``,
    ``written_yes`` or ``written_no``."""
    section, key = _where(field)
    model = model_of(scenario)
    p = _p(value)
    if section is None:
        model[key] = p
        return with_model(scenario, model)
    # A written yes or no share without a model of the replies: nobody replies yet.
    start = {"reply": 0.0} if section == "written" and key != "reply" else {}
    part = dict(model.get(section) or start)
    part[key] = p
    if key != "reply":
        part.pop("abstain", None)  # it takes the remainder
    model[section] = part
    return with_model(scenario, model)


def override_ids(scenario: Scenario, level: str) -> tuple[str, ...]:
    """The rows of the groups' (or members') table: the regional groups of the organ in
    roster order, or its members' ids."""
    if level == "groups":
        return tuple(dict.fromkeys(m.group for m in organ(scenario) if m.group))
    return tuple(m.id for m in organ(scenario))


def overrides_table(scenario: Scenario, level: str, names: Mapping[str, str]
                    ) -> pd.DataFrame:
    """Rows of groups (or members) with their own ``present``, ``yes`` and ``no`` (blank:
    as for everyone, or as for the member's group)."""
    model = model_of(scenario)
    given = model.get(level) or {}
    rows = []
    for key in override_ids(scenario, level):
        spec = given.get(key) or {}
        vote = spec.get("vote") or {}
        rows.append({"id": key, "name": names.get(key, key), "present": spec.get("present"),
                     "yes": vote.get("yes"), "no": vote.get("no")})
    frame = pd.DataFrame(rows, columns=["id", "name", "present", "yes", "no"]).set_index("id")
    return frame.astype({"present": "float64", "yes": "float64", "no": "float64"})


def apply_override_edits(base: Scenario, level: str,
                         edited_rows: Mapping[Any, Mapping[str, Any]],
                         row_ids: tuple[str, ...]) -> Scenario:
    """Apply edits of the groups' (or members') table to the model."""
    model = model_of(base)
    given = {k: dict(v) for k, v in (model.get(level) or {}).items()}
    for row, cells in edited_rows.items():
        key = row_ids[int(row)]
        spec = given.get(key, {})
        vote = dict(spec.get("vote") or {})
        if "present" in cells:
            spec["present"] = _p(cells["present"])
        for choice in ("yes", "no"):
            if choice in cells:
                vote[choice] = _p(cells[choice])
        merged = _vote(vote.get("yes"), vote.get("no"))
        spec["vote"] = merged
        spec = {k: v for k, v in spec.items() if v is not None}
        if spec:
            given[key] = spec
        else:
            given.pop(key, None)
    if given:
        model[level] = given
    else:
        model.pop(level, None)
    return with_model(base, model)


def engine() -> ModuleType | None:
    """The what-if engine (:mod:`quorum.probability`), or None where it is not installed."""
    try:
        module = importlib.import_module("quorum.probability")
    except ImportError:
        return None
    return module if hasattr(module, "simulate") else None


#: The probabilities of a decision the page shows, in this order (engine's names).
MEASURES = ("p_quorum_full", "p_quorum_reduced", "p_no_quorum", "p_adopted", "p_executory")
#: Parameters the page offers to sweep (the engine's named parameters that act on everyone).
SWEEPABLE = ("attendance", "support", "abstention", "reply", "written_support")
SWINGS = ("vote_swing", "presence_swing")


class EngineError(RuntimeError):
    """The what-if engine is missing (message shown to the user)."""


def _engine() -> ModuleType:
    module = engine()
    if module is None:
        raise EngineError("quorum.probability is not available")
    return module


def simulate(scenario: Scenario) -> Any:
    """``quorum.probability.simulate``: a ``SimulationResult``, one entry per decision."""
    return _engine().simulate(scenario)


def distribution_frame(decision: Any, column: str = "attendance") -> pd.DataFrame:
    """One decision's distribution of a count (``attendance``: members represented) as
    columns ``count`` and ``probability``, leaving out the counts that cannot happen."""
    dist = decision.distributions[column]
    frame = pd.DataFrame({"count": dist.index.astype(int), "probability": dist.to_numpy()})
    return frame[frame["probability"] > 1e-9].reset_index(drop=True)


def grid(steps: int) -> list[float]:
    """``steps`` evenly spaced probabilities from 0 to 1, as short decimals."""
    return [round(i / (steps - 1), 4) for i in range(steps)]


def sweep_table(scenario: Scenario, decision_id: str, x: str, y: str, steps: int,
                measure: str) -> pd.DataFrame:
    """``quorum.probability.sweep`` over two parameters from 0 to 1, as columns ``x``,
    ``y`` and ``value`` (the probability ``measure`` of the decision)."""
    values = grid(steps)
    frame = _engine().sweep(scenario, {x: values, y: values}, workers=1, progress=False)
    frame = frame[frame["decision"] == decision_id]
    out = frame[[x, y, measure]].rename(columns={x: "x", y: "y", measure: "value"})
    return out.astype(float).reset_index(drop=True)


def swing_table(scenario: Scenario, decision_id: str, level: str, measure: str,
                names: Mapping[str, str]) -> pd.DataFrame:
    """``quorum.probability.swings`` for members or groups (``level``), as columns ``name``
    and ``value`` (``vote_swing`` or ``presence_swing``), largest first."""
    frame = _engine().swings(scenario, decision_id)
    frame = frame[(frame["level"] == level) & frame[measure].notna()]
    out = pd.DataFrame({"name": [names.get(str(k), str(n))
                                 for k, n in zip(frame["id"], frame["name"], strict=True)],
                        "value": frame[measure].astype(float)})
    return out.sort_values("value", ascending=False, key=abs).reset_index(drop=True)
