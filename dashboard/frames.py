"""Tables for the pages and charts, built from what the core returns.

Each function takes core values (a scenario, an :class:`quorum.Outcome`, a rule set) and
a language, and returns a :class:`pandas.DataFrame`; none decides a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

import pandas as pd

from quorum import Choice, Member, Outcome, RuleSet
from quorum.body_power import (
    BodyPower,
    anonymous_roster,
    blocking_table,
    body_power,
)
from quorum.finance import arrears_report, contribution_shares
from quorum.members import VoteLoss, headcount
from quorum.power import power_indices
from quorum.scenario import Scenario

from .edits import ABSENT, group_absent, organ, vote_column
from .i18n import day as day_text
from .i18n import group_name, label

__all__ = [
    "roster_table",
    "replies_table",
    "arrears_table",
    "quorum_frames",
    "quorum_marks",
    "tally_frames",
    "timeline_frames",
    "replies_frame",
    "card_table",
    "growth_table",
    "shares_table",
    "class_table",
    "lost_votes_table",
    "PowerSnapshot",
    "power_snapshot",
    "blocking_frame",
    "group_power_frame",
    "power_long",
    "member_power_frame",
    "power_change_frame",
    "change_long",
    "blocking_change_frame",
    "PowerTables",
    "power_tables",
]


def _name(member: Member, lang: str) -> str:
    return member.label(lang)


def roster_table(scenario: Scenario, lang: str) -> pd.DataFrame:
    """The roster editor's table: one row per member of the organ, indexed by id.

    A member not present shows ``absent`` as its vote; ``right`` says when a member's yes
    or no is not counted (the vote lost for arrears) or counted by exception.
    """
    members = organ(scenario)
    session = scenario.session
    rights = headcount(session.rules, members, session.date, session.currency_unit).rights
    marks = {VoteLoss.ARREARS: label("roster_marks.not_counted", lang),
             VoteLoss.EXCEPTION: label("roster_marks.exception", lang)}
    data: dict[str, list[object]] = {
        "name": [_name(m, lang) for m in members],
        "present": [m.present for m in members],
    }
    for i, d in enumerate(session.decisions):
        votes = dict(d.member_votes)
        data[vote_column(i)] = [
            (votes[m.id].value if m.id in votes else None) if m.present else ABSENT
            for m in members]
    data["right"] = [marks.get(rights[m.id].reason, "") for m in members]
    data["group"] = [group_name(m.group, lang) for m in members]
    data["arrears"] = [float(m.arrears) for m in members]
    data["exception"] = [m.arrears_exception for m in members]
    frame = pd.DataFrame(data, index=pd.Index([m.id for m in members], name="id"))
    for i in range(len(scenario.session.decisions)):
        frame[vote_column(i)] = frame[vote_column(i)].astype("object")
    return frame


def replies_table(scenario: Scenario, decision_index: int, lang: str) -> pd.DataFrame:
    """The written replies editor: the members absent from the session, with their reply."""
    decision = scenario.session.decisions[decision_index]
    replies = dict(decision.written.member_replies) if decision.written else {}
    members = [m for m in organ(scenario) if not m.present]
    frame = pd.DataFrame({
        "name": [_name(m, lang) for m in members],
        "group": [group_name(m.group, lang) for m in members],
        "reply": [replies[m.id].value if m.id in replies else None for m in members],
    }, index=pd.Index([m.id for m in members], name="id"))
    frame["reply"] = frame["reply"].astype("object")
    return frame


def arrears_table(scenario: Scenario, years: tuple[int, ...], lang: str) -> pd.DataFrame:
    """The arrears editor: class, dues of the years that matter, arrears and exception."""
    members = organ(scenario)
    data: dict[str, list[object]] = {
        "name": [_name(m, lang) for m in members],
        "class": [m.contribution_class or "" for m in members],
    }
    for year in years:
        data[f"dues_{year}"] = [float(m.due_in(year)) for m in members]
    data["arrears"] = [float(m.arrears) for m in members]
    data["exception"] = [m.arrears_exception for m in members]
    return pd.DataFrame(data, index=pd.Index([m.id for m in members], name="id"))


def quorum_frames(outcome: Outcome, rules: RuleSet, lang: str
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The quorum bar: represented out of the members, and the marks of the thresholds."""
    text = label("charts.represented_of", lang, represented=outcome.represented,
                 members=outcome.members)
    bar = pd.DataFrame([{
        "represented": outcome.represented, "members": outcome.members,
        "state": outcome.quorum.value, "text": text,
    }])
    return bar, quorum_marks(outcome.quorum_required, outcome.reduced_quorum_required,
                             rules, lang)


def quorum_marks(quorum_required: int, reduced_required: int | None, rules: RuleSet,
                 lang: str) -> pd.DataFrame:
    """The marks of the quorum and of the reduced quorum (when the body has one), as the
    core computed them: ``value`` (members), ``side`` (where the text goes) and ``text``."""
    marks = [{"value": quorum_required, "side": "right",
              "text": label("charts.quorum_mark", lang, value=quorum_required,
                            fraction=rules.quorum.threshold.fraction)}]
    if reduced_required is not None and rules.reduced_quorum is not None:
        marks.append({"value": reduced_required, "side": "left",
                      "text": label("charts.reduced_mark", lang, value=reduced_required,
                                    fraction=rules.reduced_quorum.threshold.fraction)})
    return pd.DataFrame(marks)


def tally_frames(outcome: Outcome, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tally: yes, no, abstain laid end to end, and the yes votes the majority needs."""
    rows = []
    start = 0
    total = outcome.yes + outcome.no + outcome.abstain
    for code, count in (("yes", outcome.yes), ("no", outcome.no),
                        ("abstain", outcome.abstain)):
        rows.append({"code": code, "count": count, "start": start, "end": start + count,
                     "mid": start + count / 2,
                     "text": f"{count} {label(f'vote.{code}', lang).lower()}",
                     "wide": count >= max(1, total) * 0.08})
        start += count
    line = []
    # The majority as the treaty states it, on its base as counted ("115 of 172 votes
    # cast"): the yes segment reaches the mark when the decision carries.
    first = outcome.requirements[0] if outcome.requirements else None
    if first is not None and outcome.status.value != "no-quorum":
        # The text goes left of a mark in the right half, so that it is not cut.
        side = "left" if 2 * first.needed > max(total, first.needed) else "right"
        line.append({"value": first.needed, "side": side,
                     "text": label(f"outcome.base_{first.base.value}", lang,
                                   needed=first.needed, of=first.of)})
    return pd.DataFrame(rows), pd.DataFrame(line, columns=["value", "side", "text"])


def timeline_frames(session_date: date | None, outcome: Outcome, communicated: date | None,
                    lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The written procedure's dates: session, communication, deadline (those known)."""
    known = [("session", session_date), ("communication", communicated),
             ("deadline", outcome.deadline)]
    events = [{"code": code, "date": when.isoformat(),
               "text": f"{label(f'written.{code}', lang)} · {day_text(when, lang)}"}
              for code, when in known if when is not None]
    for i, event in enumerate(events):
        event["above"] = i % 2 == 0
    period = []
    if communicated and outcome.deadline:
        period.append({"start": communicated.isoformat(), "end": outcome.deadline.isoformat(),
                       "text": label("written.period", lang)})
    return (pd.DataFrame(events, columns=["code", "date", "text", "above"]),
            pd.DataFrame(period, columns=["start", "end", "text"]))


def replies_frame(outcome: Outcome, lang: str) -> pd.DataFrame:
    """Written replies needed against received (received only once there are replies)."""
    rows = [{"what": label("written.needed", lang), "count": outcome.written_replies_needed,
             "code": "needed"}]
    written = outcome.written
    if written is not None and written.received is not None:
        rows.append({"what": label("written.received", lang), "count": written.received,
                     "code": "enough" if written.replies_enough else "short"})
    return pd.DataFrame(rows)


_CARD_FIELDS = (
    "quorum",
    "reduced_quorum",
    "extraordinary_session_requests",
    "executive_committee_seats",
    "executive_committee_ex_officio",
    "executive_committee_reelection_cap",
    "amendment_acceptances",
    "ordinary_session_every_years",
)
#: Card entries that do not grow with the number of members (left out of the growth chart).
_CONSTANT_FIELDS = ("executive_committee_ex_officio", "ordinary_session_every_years")


def card_table(rules: RuleSet, members: int, lang: str) -> pd.DataFrame:
    """The rules card for ``members`` members: threshold, number, article."""
    card = rules.card(members)
    articles = dict(card.articles)
    rows = []
    for name in _CARD_FIELDS:
        value = getattr(card, name)
        if value is None:
            continue
        rows.append({"rule": label(f"card.{name}", lang), "value": value,
                     "article": articles.get(name, "")})
    for majority in rules.majorities:
        rows.append({
            "rule": label("card.majority", lang, label=majority.label.get(lang)),
            "value": majority.describe(lang), "article": majority.article,
        })
    frame = pd.DataFrame(rows, columns=["rule", "value", "article"])
    frame["value"] = frame["value"].astype(str)
    return frame


def growth_table(rules: RuleSet, sizes: range, lang: str) -> pd.DataFrame:
    """Long table of the card's numeric thresholds over ``sizes``: a row where a threshold
    changes (and at the last size), which is all a step chart needs."""
    rows = []
    last: dict[str, int] = {}
    for n in sizes:
        card = rules.card(n)
        for name in _CARD_FIELDS:
            value = getattr(card, name)
            if value is None or name in _CONSTANT_FIELDS:
                continue
            if last.get(name) != value or n == sizes[-1]:
                rows.append({"members": n, "measure": label(f"card.{name}", lang),
                             "value": value})
                last[name] = value
    return pd.DataFrame(rows, columns=["members", "measure", "value"])


def class_table(scenario: Scenario, lang: str) -> pd.DataFrame:
    """The contribution classes of the body and how many members chose each."""
    rules = scenario.rules
    if rules.contributions is None:
        return pd.DataFrame(columns=["class", "units", "members"])
    counts: dict[str, int] = {}
    for m in organ(scenario):
        if m.contribution_class:
            counts[m.contribution_class] = counts.get(m.contribution_class, 0) + 1
    return pd.DataFrame([
        {"class": name, "units": _fraction_text(units), "members": counts.get(name, 0)}
        for name, units in rules.contributions.classes
    ])


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def shares_table(scenario: Scenario, total: Fraction, lang: str) -> pd.DataFrame:
    """Each member's share of ``total`` (:func:`quorum.finance.contribution_shares`)."""
    members = organ(scenario)
    names = {m.id: _name(m, lang) for m in members}
    shares = contribution_shares(scenario.rules, members, total)
    frame = pd.DataFrame([{
        "id": s.member_id, "name": names[s.member_id], "class": s.contribution_class,
        "units": float(s.units), "share": float(s.share) * 100, "amount": float(s.amount),
        "two_years": float(s.arrears_threshold),
    } for s in shares], columns=["id", "name", "class", "units", "share", "amount", "two_years"])
    return frame.set_index("id")


def lost_votes_table(scenario: Scenario, on: date, lang: str) -> pd.DataFrame:
    """Members in arrears on ``on`` (:func:`quorum.finance.arrears_report`): whether they
    keep the vote, the threshold and the smallest payment that restores it."""
    members = organ(scenario)
    by_id = {m.id: m for m in members}
    report = arrears_report(scenario.rules, members, on, scenario.session.currency_unit)
    rows = []
    for right in report:
        if right.arrears <= 0:
            continue
        status = {VoteLoss.NONE: "keeps", VoteLoss.ARREARS: "lost",
                  VoteLoss.EXCEPTION: "exception"}.get(right.reason, "keeps")
        rows.append({
            "id": right.member_id, "name": _name(by_id[right.member_id], lang),
            "vote": label(f"finances.vote_{status}", lang), "arrears": float(right.arrears),
            "threshold": float(right.threshold), "restore": float(right.restore_payment),
        })
    frame = pd.DataFrame(rows, columns=["id", "name", "vote", "arrears", "threshold",
                                        "restore"])
    return frame.set_index("id")


def choices(lang: str, absent: bool = False) -> dict[str, str]:
    """The three choices and their labels, for table editors' ``format_func`` (with
    ``absent``, the roster's mark of a member not present as a fourth)."""
    out = {c.value: label(f"vote.{c.value}", lang) for c in Choice}
    if absent:
        out[ABSENT] = label("roster_marks.absent", lang)
    return out


# ---------------------------------------------------------------------------------------
# Voting power (quorum.body_power)


@dataclass(frozen=True)
class PowerSnapshot:
    """What :mod:`quorum.body_power` says of one situation: the power for one decision
    kind, who blocks each kind with everyone present (and at the situation's attendance),
    and who blocks at the situation's attendance."""

    power: BodyPower
    full: tuple[dict[str, Any], ...]
    now: tuple[dict[str, Any], ...]
    members: int
    blocs: bool


def power_snapshot(scenario: Scenario, kind: str | None, away_group: str | None = None,
                   without_vote: tuple[str, ...] = ()) -> PowerSnapshot:
    """Power and blocking in ``scenario``, or in the what-if where ``away_group`` stays
    away and the members ``without_vote`` have lost the vote (the scenario is unchanged).

    A session known only by its counts is seen as that many equal, unnamed members.
    """
    if away_group:
        scenario = group_absent(scenario, away_group)
    session = scenario.session
    rules = session.rules
    blocs = session.roster is not None
    roster = session.roster if session.roster is not None else anonymous_roster(
        session.members, session.present)
    everyone = tuple(m if m.observer else replace(m, present=True) for m in roster)
    power = body_power(rules, roster, kind, session.date, blocs=blocs,
                       without_vote=without_vote)
    now = blocking_table(rules, roster, session.date, without_vote=without_vote)
    full = blocking_table(rules, everyone, session.date, attendance=len(power.voters),
                          without_vote=without_vote)
    return PowerSnapshot(power, tuple(full), tuple(now), power.members, blocs)


def _group_label(code: str, lang: str) -> str:
    return label("power.unassigned", lang) if code == "unassigned" else group_name(code, lang)


def blocking_frame(rules: RuleSet, snapshot: PowerSnapshot, lang: str) -> pd.DataFrame:
    """Who can block each kind: no votes with everyone present and now, the groups that
    block together now, absences that stop any decision or force the written procedure
    (from the whole membership, and further from the attendance now)."""
    rows = []
    for full, now in zip(snapshot.full, snapshot.now, strict=True):
        groups = now.get("blocking_groups")
        rows.append({
            "kind": rules.majority(full["kind"]).label.get(lang),
            "article": full["article"],
            "no_full": full["blocking_by_votes"],
            "no_now": full.get("blocking_by_votes_at_attendance"),
            "groups_now": ", ".join(_group_label(g, lang) for g in groups)
            if groups and snapshot.blocs else None,
            "absent_full": full["blocking_by_absence"],
            "absent_now": now["blocking_by_absence_from_attendance"],
            "written_full": full["forcing_written_procedure_by_absence"],
            "written_now": now["forcing_written_procedure_from_attendance"],
        })
    return pd.DataFrame({
        column: pd.array([row[column] for row in rows],
                         dtype="object" if column in _TEXT_COLUMNS else "Int64")
        for column in _BLOCKING_COLUMNS})


_BLOCKING_COLUMNS = ("kind", "article", "no_full", "no_now", "groups_now", "absent_full",
                     "absent_now", "written_full", "written_now")
_TEXT_COLUMNS = ("kind", "article", "groups_now")


def group_power_frame(snapshot: PowerSnapshot, lang: str) -> pd.DataFrame:
    """Each regional group voting as a bloc: its voting members (its weight), normalised
    Banzhaf, Penrose-Banzhaf and Shapley-Shubik indices, and the composite power of one
    of its members (the probability that member decides the outcome). Indexed by group."""
    columns = ["name", "voters", "banzhaf", "penrose_banzhaf", "shapley_shubik", "member"]
    game = snapshot.power.group_game
    if game is None:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="group"))
    idx = power_indices(game)
    member = {group: float(p) for _, group, p in snapshot.power.member_power}
    frame = pd.DataFrame({
        "name": [_group_label(g, lang) for g in idx.names],
        "voters": list(idx.weights),
        "banzhaf": [float(x) for x in idx.banzhaf],
        "penrose_banzhaf": [float(x) for x in idx.penrose_banzhaf],
        "shapley_shubik": [float(x) for x in idx.shapley_shubik],
        "member": [member.get(g, 0.0) for g in idx.names],
    }, index=pd.Index(list(idx.names), name="group"))
    return frame


POWER_INDICES = ("banzhaf", "penrose_banzhaf", "shapley_shubik")


def power_long(groups: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The group table in long form for :func:`dashboard.charts.grouped_bars`."""
    rows = [{"name": row["name"], "series": label(f"power.{index}", lang),
             "value": float(row[index])}
            for _, row in groups.iterrows() for index in POWER_INDICES]
    return pd.DataFrame(rows, columns=["name", "series", "value"])


def member_power_frame(scenario: Scenario, snapshot: PowerSnapshot, lang: str
                       ) -> pd.DataFrame:
    """Each voting member's composite power, largest first, indexed by member id."""
    names = {m.id: _name(m, lang) for m in scenario.session.roster or ()}
    rows = [{"id": mid, "name": names.get(mid, mid), "group": _group_label(group, lang)
             if snapshot.blocs else "", "power": float(p)}
            for mid, group, p in snapshot.power.member_power]
    frame = pd.DataFrame(rows, columns=["id", "name", "group", "power"])
    return frame.sort_values("power", ascending=False, kind="stable").set_index("id")


def power_change_frame(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Group power (normalised Banzhaf) and one member's composite power, before and
    after the what-if, from two :func:`group_power_frame` tables; a group with no voter
    left has 0."""
    a = before[["name", "banzhaf", "member"]].to_dict("index")
    b = after[["name", "banzhaf", "member"]].to_dict("index")
    codes = list(a) + [g for g in b if g not in a]
    none = {"banzhaf": 0.0, "member": 0.0}
    rows = {g: (a.get(g, none), b.get(g, none)) for g in codes}
    return pd.DataFrame({
        "name": [(a.get(g) or b[g])["name"] for g in codes],
        "before": [x["banzhaf"] for x, _ in rows.values()],
        "after": [y["banzhaf"] for _, y in rows.values()],
        "change": [y["banzhaf"] - x["banzhaf"] for x, y in rows.values()],
        "member_before": [x["member"] for x, _ in rows.values()],
        "member_after": [y["member"] for _, y in rows.values()],
    }, index=pd.Index(codes, name="group"))


def change_long(change: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Before and after in long form for :func:`dashboard.charts.grouped_bars`."""
    rows = [{"name": name, "series": label(f"power.{when}", lang), "value": float(value)}
            for name, b, a in zip(change["name"], change["before"], change["after"],
                                  strict=True)
            for when, value in (("before", b), ("after", a))]
    return pd.DataFrame(rows, columns=["name", "series", "value"])


def blocking_change_frame(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """For each kind, the blocking figures at the attendance before and after the
    what-if, from two :func:`blocking_frame` tables."""
    return pd.DataFrame({
        "kind": before["kind"], "article": before["article"],
        "no_before": before["no_now"], "no_after": after["no_now"],
        "groups_before": before["groups_now"], "groups_after": after["groups_now"],
        "absent_before": before["absent_now"], "absent_after": after["absent_now"],
    })


@dataclass(frozen=True)
class PowerTables:
    """Everything the Power page shows of one situation (what the cache keeps)."""

    voters: int
    members: int
    left_out: int
    quota: int | None
    blocs: bool
    voter_names: tuple[tuple[str, str], ...]  # (id, name) of each voter
    blocking: pd.DataFrame
    groups: pd.DataFrame
    member_power: pd.DataFrame


def power_tables(scenario: Scenario, kind: str | None, lang: str,
                 away_group: str | None = None, without_vote: tuple[str, ...] = ()
                 ) -> PowerTables:
    """The tables of :func:`power_snapshot` in ``lang``."""
    snapshot = power_snapshot(scenario, kind, away_group, without_vote)
    power = snapshot.power
    return PowerTables(
        voters=len(power.voters), members=snapshot.members, left_out=len(power.left_out),
        quota=power.quota, blocs=snapshot.blocs,
        voter_names=tuple((m.id, _name(m, lang)) for m in power.voters),
        blocking=blocking_frame(scenario.rules, snapshot, lang),
        groups=group_power_frame(snapshot, lang),
        member_power=member_power_frame(scenario, snapshot, lang),
    )
