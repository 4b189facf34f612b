"""Edits of a scenario as pure functions: a scenario in, a new scenario out.

Every edit builds new immutable values with :func:`dataclasses.replace`; none decides a
rule. Two bookkeeping habits keep the input coherent, so the core is never handed a
situation its schema rejects: only members present at the session vote, and (unless the
body's interpretation switch says otherwise) only members absent from it reply in writing.
Thresholds used to pick a demonstration (the reduced-quorum band) come from the rule set.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from quorum import Choice, Decision, Member, RuleSet, Votes, WrittenProcedure
from quorum.finance import arrears_years, contribution_shares
from quorum.scenario import Scenario

__all__ = [
    "KEEP",
    "organ",
    "is_roster",
    "amount",
    "with_roster",
    "set_votes",
    "all_present",
    "random_attendance",
    "everyone_abstains",
    "group_absent",
    "reduced_band",
    "apply_roster_edits",
    "apply_reply_edits",
    "apply_arrears_edits",
    "set_written",
    "set_counts",
    "with_dues",
    "dues_from_shares",
    "group_in_arrears",
    "without_arrears",
    "vote_column",
    "with_body",
]


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def vote_column(index: int) -> str:
    """The roster editor's column holding the votes on the ``index``-th decision."""
    return f"vote_{index}"


def is_roster(scenario: Scenario) -> bool:
    return scenario.session.roster is not None


def organ(scenario: Scenario) -> tuple[Member, ...]:
    """The members of the organ (observers left out), in roster order."""
    roster = scenario.session.roster or ()
    return tuple(m for m in roster if not m.observer)


def amount(value: Any) -> Fraction:
    """An amount typed in a table cell (a float, an int, a text or nothing) as an exact value."""
    if value is None or value == "":
        return Fraction(0)
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, bool):
        raise ValueError("an amount cannot be true or false")
    elif isinstance(value, int):
        result = Fraction(value)
    else:
        try:
            # repr() of a float is the shortest decimal that reads back to it: 0.1 -> "0.1"
            result = Fraction(Decimal(repr(value) if isinstance(value, float) else str(value)))
        except (InvalidOperation, ValueError):
            raise ValueError(f"{value!r} is not an amount") from None
    if result < 0:
        raise ValueError("an amount cannot be negative")
    return result


def _only_absent(scenario: Scenario) -> bool:
    return scenario.rules.interpretation.written_replies_only_from_absent


def with_roster(scenario: Scenario, members: tuple[Member, ...]) -> Scenario:
    """The scenario with a new roster; votes of members not present are dropped, and written
    replies of members represented at the session when only the absent may reply."""
    session = scenario.session
    present = {m.id for m in members if m.present and not m.observer}
    absent = {m.id for m in members if not m.present and not m.observer}
    may_reply = absent if _only_absent(scenario) else absent | present
    decisions = []
    for d in session.decisions:
        votes = tuple(pair for pair in d.member_votes if pair[0] in present)
        written = d.written
        if written is not None and written.member_replies:
            written = replace(written, member_replies=tuple(
                pair for pair in written.member_replies if pair[0] in may_reply))
        decisions.append(replace(d, member_votes=votes, written=written))
    new_session = replace(session.with_roster(members), decisions=tuple(decisions))
    return scenario.with_session(new_session)


def _merge(pairs: tuple[tuple[str, Choice], ...], changes: Mapping[str, Choice | None]
           ) -> tuple[tuple[str, Choice], ...]:
    """Update ``(id, choice)`` pairs in place, drop those set to None, append new ones."""
    out: dict[str, Choice] = dict(pairs)
    for member_id, choice in changes.items():
        if choice is None:
            out.pop(member_id, None)
        else:
            out[member_id] = Choice(choice)
    return tuple(out.items())


def _replace_decision(scenario: Scenario, decision_id: str, **changes: Any) -> Scenario:
    session = scenario.session
    decisions = tuple(replace(d, **changes) if d.id == decision_id else d
                      for d in session.decisions)
    return scenario.with_session(replace(session, decisions=decisions))


def _decision(scenario: Scenario, decision_id: str) -> Decision:
    for d in scenario.session.decisions:
        if d.id == decision_id:
            return d
    raise KeyError(f"no decision {decision_id!r}")


def set_votes(scenario: Scenario, decision_id: str, changes: Mapping[str, Choice | None]
              ) -> Scenario:
    """Set (or, with None, remove) members' votes on one decision."""
    d = _decision(scenario, decision_id)
    return _replace_decision(scenario, decision_id,
                             member_votes=_merge(d.member_votes, changes))


def _presence(scenario: Scenario, present: Mapping[str, bool]) -> Scenario:
    roster = scenario.session.roster or ()
    members = tuple(replace(m, present=present[m.id]) if m.id in present else m for m in roster)
    return with_roster(scenario, members)


def _fit(votes: Votes, present: int) -> Votes:
    """Aggregate votes scaled down (proportionally, rounding down) to fit ``present``."""
    if votes.total <= present:
        return votes
    yes = votes.yes * present // votes.total
    no = votes.no * present // votes.total
    abstain = min(votes.abstain * present // votes.total, present - yes - no)
    return Votes(yes, no, abstain)


def set_counts(scenario: Scenario, members: Any = KEEP, present: Any = KEEP,
               votes: Mapping[str, Votes] | None = None) -> Scenario:
    """Aggregate form: new numbers of members and present, new vote counts by decision.

    Votes that no longer fit the members present are scaled down.
    """
    session = scenario.session
    n = session.members if members is KEEP else int(members)
    p = session.present if present is KEEP else int(present)
    p = max(0, min(p, n))
    votes = votes or {}
    decisions = tuple(replace(d, votes=_fit(votes.get(d.id, d.votes), p))
                      for d in session.decisions)
    return scenario.with_session(replace(session, members=n, present=p, decisions=decisions))


def all_present(scenario: Scenario) -> Scenario:
    """Every member of the organ represented (their votes unchanged)."""
    if not is_roster(scenario):
        return set_counts(scenario, present=scenario.session.members)
    return _presence(scenario, {m.id: True for m in organ(scenario)})


def random_attendance(scenario: Scenario, seed: int, share: float) -> Scenario:
    """Each member present with probability ``share``, drawn from ``random.Random(seed)``."""
    rng = random.Random(seed)
    if not is_roster(scenario):
        n = scenario.session.members
        return set_counts(scenario, present=sum(rng.random() < share for _ in range(n)))
    return _presence(scenario, {m.id: rng.random() < share for m in organ(scenario)})


def everyone_abstains(scenario: Scenario) -> Scenario:
    """Every member present abstains on every decision."""
    session = scenario.session
    if not is_roster(scenario):
        return set_counts(scenario, votes={d.id: Votes(0, 0, session.present)
                                           for d in session.decisions})
    present = [m.id for m in organ(scenario) if m.present]
    for d in session.decisions:
        scenario = set_votes(scenario, d.id, dict.fromkeys(present, Choice.ABSTAIN))
    return scenario


def group_absent(scenario: Scenario, group: str) -> Scenario:
    """Every member of a regional group absent (their votes dropped)."""
    return _presence(scenario, {m.id: False for m in organ(scenario) if m.group == group})


def reduced_band(scenario: Scenario, seed: int = 0, communicated: date | None = None
                 ) -> Scenario:
    """Attendance in the middle of the reduced-quorum band (Art. 22(3)(c)), members drawn
    with ``random.Random(seed)``; decisions without a written procedure get one
    communicated on ``communicated`` (default: the session date). Unchanged when the body
    has no reduced quorum."""
    rules = scenario.rules
    n = scenario.session.members
    low = rules.reduced_minimum(n)
    if low is None:
        return scenario
    high = rules.quorum_minimum(n) - 1
    k = max(low, min(high, (low + high + 1) // 2))
    if is_roster(scenario):
        ids = [m.id for m in organ(scenario)]
        chosen = set(random.Random(seed).sample(ids, k))
        scenario = _presence(scenario, {mid: mid in chosen for mid in ids})
    else:
        scenario = set_counts(scenario, present=k)
    when = communicated or scenario.session.date
    session = scenario.session
    decisions = tuple(d if d.written is not None else replace(d, written=WrittenProcedure(when))
                      for d in session.decisions)
    return scenario.with_session(replace(session, decisions=decisions))


#: The roster's vote cell of a member not present (choosing it marks the member absent).
ABSENT = "absent"


def _choice(value: Any) -> Choice | None:
    if value is None or value == "" or value == ABSENT or (
            isinstance(value, float) and value != value):
        return None
    return Choice(str(value))


def apply_roster_edits(base: Scenario, edited_rows: Mapping[Any, Mapping[str, Any]],
                       row_ids: tuple[str, ...]) -> tuple[Scenario, bool]:
    """Apply the roster editor's cell edits to ``base``.

    Columns: ``present``, ``arrears``, ``exception`` and :func:`vote_column` ``(i)`` for the
    i-th decision. A vote given to an absent member marks it present, unless the same row
    also unticks ``present``. Returns the new scenario and whether it differs from what the
    editor shows (a vote dropped or a presence implied), in which case the editor should be
    rebuilt from the new scenario.
    """
    roster = base.session.roster or ()
    by_id = {m.id: m for m in roster}
    decisions = base.session.decisions
    member_changes: dict[str, dict[str, Any]] = {}
    vote_changes: list[dict[str, Choice | None]] = [{} for _ in decisions]
    adjusted = False
    for row, cells in edited_rows.items():
        member_id = row_ids[int(row)]
        member = by_id[member_id]
        changes: dict[str, Any] = {}
        if "present" in cells:
            changes["present"] = bool(cells["present"])
        if "arrears" in cells:
            changes["arrears"] = amount(cells["arrears"])
        if "exception" in cells:
            changes["arrears_exception"] = bool(cells["exception"])
        for i in range(len(decisions)):
            column = vote_column(i)
            if column not in cells:
                continue
            if cells[column] == ABSENT:
                if member.present and "present" not in cells:
                    changes["present"] = False
                continue
            choice = _choice(cells[column])
            vote_changes[i][member_id] = choice
            if choice is not None and "present" not in cells and not member.present:
                changes["present"] = True
                adjusted = True
        if "present" in changes and changes["present"] != member.present:
            adjusted = True  # the vote cells show "absent", or the votes kept, again
        if changes:
            member_changes[member_id] = changes
    members = tuple(replace(m, **member_changes[m.id]) if m.id in member_changes else m
                    for m in roster)
    scenario = with_roster(base, members)
    present = {m.id for m in members if m.present and not m.observer}
    for i, d in enumerate(decisions):
        changes_i = vote_changes[i]
        if not changes_i:
            continue
        kept = {mid: c for mid, c in changes_i.items() if mid in present or c is None}
        if len(kept) != len(changes_i):
            adjusted = True
        scenario = set_votes(scenario, d.id, kept)
    return scenario, adjusted


Held = dict[tuple[str, str], Choice]


def hold_votes(before: Scenario, after: Scenario, held: Mapping[tuple[str, str], Choice]
               ) -> tuple[Scenario, Held]:
    """Keep the votes of members marked absent, and give them back when they are marked
    present again (an absent member cannot vote, so the scenario cannot hold them).

    ``held`` maps (member id, decision id) to the vote kept; returns the scenario with the
    votes given back and the votes still kept.
    """
    was = {m.id: m.present for m in before.session.roster or ()}
    now = {m.id: m.present for m in after.session.roster or ()}
    kept: Held = dict(held)
    for d in before.session.decisions:
        for member_id, choice in d.member_votes:
            if was.get(member_id) and not now.get(member_id, False):
                kept[(member_id, d.id)] = choice
    back: dict[str, dict[str, Choice | None]] = {}
    for (member_id, decision_id), choice in list(kept.items()):
        if now.get(member_id) and not was.get(member_id, False):
            del kept[(member_id, decision_id)]
            current = next((dict(d.member_votes) for d in after.session.decisions
                            if d.id == decision_id), None)
            if current is not None and member_id not in current:
                back.setdefault(decision_id, {})[member_id] = choice
    for decision_id, votes in back.items():
        after = set_votes(after, decision_id, votes)
    return after, kept


def set_written(scenario: Scenario, decision_id: str, communicated: Any = KEEP,
                replies: Any = KEEP, member_replies: Any = KEEP) -> Scenario:
    """Change the written procedure of one decision (created if it has none)."""
    d = _decision(scenario, decision_id)
    written = d.written or WrittenProcedure()
    changes: dict[str, Any] = {}
    if communicated is not KEEP:
        changes["communicated"] = communicated
    if replies is not KEEP:
        changes["replies"] = replies
    if member_replies is not KEEP:
        changes["member_replies"] = tuple((mid, Choice(c)) for mid, c in member_replies)
    return _replace_decision(scenario, decision_id, written=replace(written, **changes))


def apply_reply_edits(base: Scenario, decision_id: str,
                      edited_rows: Mapping[Any, Mapping[str, Any]],
                      row_ids: tuple[str, ...]) -> Scenario:
    """Apply the replies editor's edits (column ``reply``) to one decision's written replies."""
    changes = {row_ids[int(row)]: _choice(cells.get("reply"))
               for row, cells in edited_rows.items() if "reply" in cells}
    d = _decision(base, decision_id)
    current = d.written.member_replies if d.written else ()
    return set_written(base, decision_id, replies=None, member_replies=_merge(current, changes))


def _merged_dues(member: Member, dues: Mapping[int, Fraction]
                 ) -> tuple[tuple[int, Fraction], ...]:
    """The member's dues by year with ``dues`` set (other years kept), in year order."""
    merged = dict(member.dues)
    merged.update(dues)
    return tuple(sorted(merged.items()))


def with_dues(scenario: Scenario, dues: Mapping[str, Mapping[int, Fraction]]) -> Scenario:
    """Set members' dues by year (other years kept)."""
    roster = scenario.session.roster or ()
    members = tuple(replace(m, dues=_merged_dues(m, dues[m.id])) if m.id in dues else m
                    for m in roster)
    return with_roster(scenario, members)


def dues_from_shares(scenario: Scenario, total: Fraction | int, years: Iterable[int]
                     ) -> Scenario:
    """Each member's dues for ``years``: its share of ``total``
    (:func:`quorum.finance.contribution_shares`, exact), rounded to the session's currency
    unit (amounts are kept in currency units). Members without a class are left as they are."""
    unit = scenario.session.currency_unit
    wanted = tuple(years)
    shares = contribution_shares(scenario.rules, organ(scenario), Fraction(total))
    return with_dues(scenario, {
        s.member_id: dict.fromkeys(wanted, Fraction(round(s.amount / unit)) * unit)
        for s in shares})


def apply_arrears_edits(base: Scenario, edited_rows: Mapping[Any, Mapping[str, Any]],
                        row_ids: tuple[str, ...], years: Iterable[int]) -> Scenario:
    """Apply the arrears editor's edits: ``arrears``, ``exception`` and ``dues_YYYY`` columns."""
    year_columns = {f"dues_{y}": y for y in years}
    roster = base.session.roster or ()
    changes: dict[str, dict[str, Any]] = {}
    for row, cells in edited_rows.items():
        member_id = row_ids[int(row)]
        member_changes: dict[str, Any] = {}
        if "arrears" in cells:
            member_changes["arrears"] = amount(cells["arrears"])
        if "exception" in cells:
            member_changes["arrears_exception"] = bool(cells["exception"])
        dues = {year_columns[c]: amount(v) for c, v in cells.items() if c in year_columns}
        if dues:
            member_changes["dues"] = dues
        changes[member_id] = member_changes
    members = []
    for m in roster:
        c = changes.get(m.id)
        if c:
            if "dues" in c:
                c = {**c, "dues": _merged_dues(m, c["dues"])}
            m = replace(m, **c)
        members.append(m)
    return with_roster(base, tuple(members))


def group_in_arrears(scenario: Scenario, group: str, years: Iterable[int] | None = None
                     ) -> Scenario:
    """Members of a group owe exactly their dues of ``years`` (for the arrears rule's demo).

    By default, the years the body's arrears rule looks at on the session date
    (:func:`quorum.finance.arrears_years`): each member then owes exactly its arrears
    threshold (:func:`quorum.members.arrears_threshold`), the smallest debt that costs the
    vote.
    """
    if years is None:
        on = scenario.session.date
        if on is None:
            raise ValueError("the session has no date: the arrears rule cannot be applied")
        years = arrears_years(scenario.rules, on)
    wanted = tuple(years)
    roster = scenario.session.roster or ()
    members = tuple(replace(m, arrears=m.dues_over(wanted))
                    if m.group == group and not m.observer else m for m in roster)
    return with_roster(scenario, members)


def without_arrears(scenario: Scenario) -> Scenario:
    """The same session with every arrear paid (to show what the arrears change)."""
    roster = scenario.session.roster or ()
    return with_roster(scenario, tuple(replace(m, arrears=Fraction(0)) for m in roster))


def with_body(scenario: Scenario, rules: RuleSet) -> Scenario:
    """The scenario with another body (a rule set, e.g. one defined in the custom body
    editor): members, attendance, votes and the model are kept. The scenario no longer
    names a preset, so its file carries the body's definition inline."""
    session = replace(scenario.session, rules=rules)
    return replace(scenario, session=session, body_ref=None)
