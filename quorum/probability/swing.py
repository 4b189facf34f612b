"""Swings: how much one member's, or one group's, presence or vote moves P(adopted).

For a member ``i`` and a decision:

* ``presence_swing`` = P(adopted | i represented, voting as it would) - P(adopted | i
  absent): positive when its attendance helps (it helps reach the quorum of Art. 22(3)(b)
  or (c), or brings a vote the majority needs), negative when staying away would help (an
  absence that denies the quorum, or spares a "no" vote);
* ``vote_swing`` = P(adopted | i votes yes) - P(adopted | i votes no), both while
  represented: how often its vote decides (never negative: a yes never lowers the
  chances, Art. 22(3)(d)); empty for a member without the vote (Art. 25(4)(e)).

A group's swings force all its members at once: all represented against all absent, all
voting yes against all voting no. A member forced to a vote no longer follows its bloc.
Everything here is exact (P(adopted) is computed by :mod:`.exact`, conditioning on bloc
lines); members with identical probabilities share one computation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import ScenarioError
from ..scenario import Scenario
from .engine import (
    DEFAULT_MAX_LINES,
    combination_count,
    condition_on_lines,
    line_combinations,
    plans_for,
)
from .exact import adoption_probability
from .model import CompiledModel, compile_model
from .plan import DecisionPlan

__all__ = ["swings", "member_swings", "p_adopted"]

IntArray = npt.NDArray[np.int64]


def p_adopted(cm: CompiledModel, plan: DecisionPlan) -> float:
    """Exact P(adopted at the session), conditioning on bloc lines when there are blocs."""
    if not bool(np.any(cm.bloc >= 0)):
        return adoption_probability(cm, plan)
    total = 0.0
    for weight, lines in line_combinations(cm):
        total += weight * adoption_probability(condition_on_lines(cm, lines), plan)
    return total


def _forced(cm: CompiledModel, who: IntArray, present: float | None = None,
            vote: tuple[float, float, float] | None = None) -> CompiledModel:
    changes: dict[str, Any] = {}
    if present is not None:
        arr = cm.present.copy()
        arr[who] = present
        changes["present"] = arr
    if vote is not None:
        arr = cm.vote.copy()
        arr[who] = vote
        changes["vote"] = arr
        bloc = cm.bloc.copy()
        bloc[who] = -1
        changes["bloc"] = bloc
    return cm.with_arrays(**changes)


def _swing_row(cm: CompiledModel, plan: DecisionPlan, who: IntArray) -> dict[str, float]:
    voters = who[cm.has_vote[who]]
    present = _forced(cm, who, present=1.0)
    row: dict[str, float] = {
        "p_if_present": p_adopted(present, plan),
        "p_if_absent": p_adopted(_forced(cm, who, present=0.0), plan),
    }
    row["presence_swing"] = row["p_if_present"] - row["p_if_absent"]
    if len(voters):
        row["p_if_yes"] = p_adopted(_forced(present, voters, vote=(1.0, 0.0, 0.0)), plan)
        row["p_if_no"] = p_adopted(_forced(present, voters, vote=(0.0, 1.0, 0.0)), plan)
        row["p_if_abstain"] = p_adopted(_forced(present, voters, vote=(0.0, 0.0, 1.0)), plan)
        row["vote_swing"] = row["p_if_yes"] - row["p_if_no"]
    else:
        for key in ("p_if_yes", "p_if_no", "p_if_abstain", "vote_swing"):
            row[key] = float("nan")
    return row


def member_swings(cm: CompiledModel, plan: DecisionPlan) -> pd.DataFrame:
    """One row per member (per kind of member when the scenario has no roster)."""
    _, first, inverse = np.unique(cm.rows(), axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    computed = {k: _swing_row(cm, plan, np.array([int(i)])) for k, i in enumerate(first)}
    rows = []
    if cm.aggregate:
        seen: dict[tuple[int, str], dict[str, Any]] = {}
        for i in range(cm.members):
            key = (int(inverse[i]), cm.groups[i])
            if key in seen:
                seen[key]["members"] += 1
                continue
            seen[key] = {"level": "member", "id": cm.groups[i] or "member",
                         "name": f"a member of {cm.groups[i]}" if cm.groups[i]
                         else "a member", "group": cm.groups[i], "members": 1,
                         "has_vote": bool(cm.has_vote[i]), **computed[int(inverse[i])]}
        rows = list(seen.values())
    else:
        for i in range(cm.members):
            rows.append({"level": "member", "id": cm.ids[i], "name": cm.names[i],
                         "group": cm.groups[i], "members": 1,
                         "has_vote": bool(cm.has_vote[i]), **computed[int(inverse[i])]})
    return pd.DataFrame(rows)


def swings(scenario: Scenario, decision: str | None = None, *,
           max_lines: int = DEFAULT_MAX_LINES) -> pd.DataFrame:
    """Swings of every member and every group for one decision (default: the first).

    Columns: level (member or group), id, name, group, members, has_vote, p_adopted (the
    baseline), p_if_present, p_if_absent, presence_swing, p_if_yes, p_if_no, p_if_abstain,
    vote_swing.
    """
    cm = compile_model(scenario)
    plans = plans_for(scenario.session, cm.members, scenario.source)
    if decision is None:
        plan = plans[0]
    else:
        matching = [p for p in plans if p.id == decision]
        if not matching:
            raise ScenarioError(scenario.source, "--decision", key="no_decision",
                                params={"got": repr(decision)[:60],
                                        "ids": ", ".join(p.id for p in plans)})
        plan = matching[0]
    combos = combination_count(cm)
    if combos > max_lines:
        raise ScenarioError(scenario.source, "model.blocs", key="swing_combinations",
                            params={"got": combos, "limit": max_lines})
    base = p_adopted(cm, plan)
    frame = member_swings(cm, plan)
    group_rows = []
    for g in dict.fromkeys(x for x in cm.groups if x):
        who = np.flatnonzero(np.array(cm.groups) == g)
        group_rows.append({"level": "group", "id": g, "name": g, "group": g,
                           "members": len(who), "has_vote": bool(cm.has_vote[who].all()),
                           **_swing_row(cm, plan, who)})
    if group_rows:
        frame = pd.concat([frame, pd.DataFrame(group_rows)], ignore_index=True)
    frame.insert(6, "p_adopted", base)
    frame.insert(0, "decision", plan.id)
    return frame
