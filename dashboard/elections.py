"""The Elections page's logic: tables to edit, edits back into the scenario, the chart.

Pure functions of the scenario (no Streamlit here), so plain tests cover them: the
candidates and the rounds as tables (``candidates_frame``, ``rounds_frame``), edited tables
back into a scenario validated like an upload (``apply_tables``, which raises the schema's
one-line :class:`quorum.ScenarioError`), one round's bars with the majority line
(``round_frame`` and the Altair builder ``round_chart``).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from quorum.elections import Election, ElectionResult, RoundResult
from quorum.elections.schema import elections_to_mapping
from quorum.errors import ScenarioError
from quorum.scenario import Scenario, scenario_from_mapping, scenario_to_mapping

from .charts import COLOURS, _builder, _Tables, _templated

__all__ = ["CANDIDATE_COLUMNS", "ROUND_COLUMNS", "candidates_frame", "rounds_frame",
           "edited_frame", "apply_tables", "round_frame", "round_chart", "with_procedure",
           "EXAMPLES"]

CANDIDATE_COLUMNS = ("id", "name", "group")
ROUND_COLUMNS = ("withdrawn", "votes", "blank", "invalid", "lot")
EXAMPLES = ("election-dg-2020.yaml", "election-dg-2014.yaml", "election-dg-2008.yaml",
            "election-whatif-dg.yaml")
STATE_COLOURS = {"elected": COLOURS["yes"], "out": COLOURS["no"], "on": COLOURS["needed"],
                 "tie": COLOURS["reduced"]}


def candidates_frame(election: Election, names: dict[str, str] | None = None,
                     groups: dict[str, str] | None = None) -> pd.DataFrame:
    """The candidates as a table; ``names`` and ``groups`` (by id) show them in the page's
    language (:func:`apply_tables` reads a shown text back as the file's own)."""
    names, groups = names or {}, groups or {}
    return pd.DataFrame([{"id": c.id, "name": names.get(c.id, c.name),
                          "group": groups.get(c.id, c.group or "")}
                         for c in election.candidates], columns=list(CANDIDATE_COLUMNS))


def _pairs(items: Any) -> str:
    return ", ".join(f"{k}: {v}" for k, v in items)


def rounds_frame(election: Election) -> pd.DataFrame:
    """One row per round: withdrawals, votes as ``ID: count`` pairs, blank, invalid, lot."""
    rows = []
    for r in election.rounds:
        rows.append({"withdrawn": ", ".join(r.withdrawn),
                     "votes": _pairs(r.votes or ()) if r.votes is not None else "",
                     "blank": r.blank, "invalid": r.invalid,
                     "lot": ", ".join(r.lot or ())})
    return pd.DataFrame(rows, columns=list(ROUND_COLUMNS),
                        index=pd.RangeIndex(1, len(rows) + 1)).astype(
        {"blank": "int64", "invalid": "int64"})


def edited_frame(frame: pd.DataFrame, edits: Any) -> pd.DataFrame:
    """``frame`` with a table editor's pending edits (its ``edited_rows`` by position,
    ``added_rows`` and ``deleted_rows``), as the editor itself would return it."""
    if not isinstance(edits, dict):
        return frame
    out = frame.copy()
    for pos, cells in (edits.get("edited_rows") or {}).items():
        for col, value in cells.items():
            if col in out.columns:
                out[col] = out[col].astype(object)
                out.iloc[int(pos), out.columns.get_loc(col)] = value
    deleted = {int(p) for p in edits.get("deleted_rows") or ()}
    if deleted:
        out = out.iloc[[k for k in range(len(out)) if k not in deleted]]
    added = [{c: row.get(c) for c in out.columns} for row in edits.get("added_rows") or ()]
    if added:
        out = pd.concat([out.astype(object), pd.DataFrame(added, columns=out.columns)],
                        ignore_index=True)
    return out


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _votes(text: str, source: str, where: str) -> dict[str, int]:
    from quorum.numbers import quoted

    out: dict[str, int] = {}
    for part in _ids(text):
        key, sep, value = part.partition(":")
        value = value.strip()
        if not sep or not value.isdigit() or len(value) > _DIGITS:
            raise ScenarioError(source, where, key="el_table_votes",
                                params={"part": quoted(part)})
        if key.strip() in out:
            raise ScenarioError(source, f"{where}.{key.strip()[:60]}", key="el_table_vote_twice",
                                params={"cid": quoted(key.strip())})
        out[key.strip()] = int(value)
    return out


_DIGITS = 15  # a count of votes never needs more


def _count(value: Any) -> Any:
    """A blank or invalid count from a table cell: a whole number, or the cell as it was
    (text, a fraction), which the election reader then refuses by name; never truncated."""
    text = _cell(value)
    if not text:
        return 0
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 10**_DIGITS else text
    return int(text) if text.isdigit() and len(text) <= _DIGITS else text


def apply_tables(scenario: Scenario, index: int, candidates: pd.DataFrame,
                 rounds: pd.DataFrame, shown: pd.DataFrame | None = None) -> Scenario:
    """The scenario with election ``index`` rebuilt from the edited tables.

    Raises :class:`quorum.ScenarioError` (file, field, fix) when the tables do not make a
    consistent election; the scenario is then left as it was. ``shown`` is the candidates
    table as it was shown (:func:`candidates_frame` with names in the page's language): a
    cell left as shown keeps the file's own text, so a translation never becomes an edit.
    """
    own = {c.id: {"name": c.name, "group": c.group or ""}
           for c in scenario.elections[index].candidates}
    as_shown = ({str(r["id"]): {"name": r["name"], "group": r["group"]}
                 for _, r in shown.iterrows()} if shown is not None else {})
    mapping = scenario_to_mapping(scenario)
    data = elections_to_mapping(scenario.elections)
    e = data[index]
    source = "elections table"
    cands: dict[str, Any] = {}
    for _, row in candidates.iterrows():
        cid = _cell(row.get("id"))
        if not cid:
            continue
        entry = {}
        for k in ("name", "group"):
            value = _cell(row.get(k))
            if cid in own and cid in as_shown and value == _cell(as_shown[cid][k]):
                value = own[cid][k]
            if value:
                entry[k] = value
        cands[cid] = entry or None
    e["candidates"] = cands
    old = e.get("rounds", [])
    if not any(r.member_ballots for r in scenario.elections[index].rounds):
        new_rounds = []
        for k, (_, row) in enumerate(rounds.iterrows()):
            where = f"elections[{index}].rounds[{k}]"
            entry: dict[str, Any] = {}
            if _ids(_cell(row.get("withdrawn"))):
                entry["withdrawn"] = _ids(_cell(row.get("withdrawn")))
            votes = _cell(row.get("votes"))
            if votes:
                entry["votes"] = _votes(votes, source, f"{where}.votes")
            elif k < len(old) and "reported" in old[k]:
                entry["reported"] = old[k]["reported"]  # a published outcome, no figures
            for key in ("blank", "invalid"):
                if _count(row.get(key)):
                    entry[key] = _count(row.get(key))
            if _ids(_cell(row.get("lot"))):
                entry["lot"] = _ids(_cell(row.get("lot")))
            if entry:
                new_rounds.append(entry)
        e["rounds"] = new_rounds
    mapping["elections"] = data
    return scenario_from_mapping(mapping, scenario.source)


def with_procedure(scenario: Scenario, index: int, procedure: str, seats: int) -> Scenario:
    """The scenario with election ``index`` under another preset or number of seats."""
    mapping = scenario_to_mapping(scenario)
    data = elections_to_mapping(scenario.elections)
    data[index]["procedure"] = procedure
    data[index]["seats"] = seats
    mapping["elections"] = data
    return scenario_from_mapping(mapping, scenario.source)


def round_frame(election: Election, result: ElectionResult, r: RoundResult,
                names: dict[str, str], line_label: str = "{n}"
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One round's bars (``name``, ``votes``, ``state``: elected, out, on or tie) and its
    majority line (``value``, ``text``), empty when the figures were not published."""
    rows = []
    for cid in r.candidates:
        state = ("elected" if cid in r.elected else "out" if cid in r.eliminated
                 else "tie" if cid in r.tie else "on")
        rows.append({"name": names.get(cid, cid), "votes": r.votes_of(cid), "state": state})
    bars = pd.DataFrame(rows, columns=["name", "votes", "state"])
    line = pd.DataFrame(
        [{"value": r.majority_required, "text": line_label.format(n=r.majority_required)}]
        if r.majority_required is not None else [], columns=["value", "text"])
    return bars, line


@_templated(lambda bars, line, x_title: (len(bars), len(line) > 0))
@_builder
def round_chart(bars: pd.DataFrame, line: pd.DataFrame, x_title: str) -> alt.LayerChart:
    """Votes per candidate as horizontal bars, coloured by what the round did to each, with
    a dashed rule at the fewest votes that meet the majority.

    Templated (:func:`dashboard.charts.draw`): a round with as many candidates and a line
    (or none) reuses the specification already built, with this round's rows."""
    tables = _Tables()
    data = tables(bars)
    base = alt.Chart(data).mark_bar().encode(
        x=alt.X("votes:Q", title=x_title, scale=alt.Scale(domainMin=0)),
        y=alt.Y("name:N", sort=None, title=None),
        color=alt.Color("state:N", legend=None, scale=alt.Scale(
            domain=list(STATE_COLOURS), range=list(STATE_COLOURS.values()))),
        tooltip=["name:N", "votes:Q"])
    text = base.mark_text(align="left", dx=3).encode(text="votes:Q", color=alt.value("black"))
    layers: list[Any] = [base, text]
    if len(line):
        needed = tables(line)
        rule = alt.Chart(needed).mark_rule(color=COLOURS["mark"], strokeDash=[4, 2],
                                           strokeWidth=2).encode(x="value:Q")
        label = alt.Chart(needed).mark_text(align="left", dx=4, dy=-6, color=COLOURS["mark"],
                                            baseline="bottom").encode(
            x="value:Q", text="text:N", y=alt.value(0))
        layers += [rule, label]
    return tables.attach(alt.layer(*layers).properties(height=max(60, 24 * len(bars))))
