"""Elections to the Executive Committee checked against its seat distribution (Berne Art. 23).

An Executive Committee is elected with its seats spread over the regional groups (Berne
Convention Art. 23(4), Paris Convention Art. 14(4)). A scenario can hold one election per
group (each with the group's places as ``seats``); :func:`committee_check` gathers whoever
those elections elected and checks the composition against the plan that
:func:`quorum.committee.plan_committee` derives from the scenario's roster (the seats, the
ex officio seat, the seats per group under the plan's apportionment assumption): the same
check as ``quorum committee --proposal``. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..committee import (
    HOST_COUNTRY,
    CommitteePlan,
    Method,
    ProposalCheck,
    check_proposal,
    plan_committee,
)
from ..errors import ScenarioError
from ..explain import Step, bilingual, render, step
from ..numbers import quoted
from ..roster import group_name
from .engine import ElectionResult

if TYPE_CHECKING:
    from ..scenario import Scenario

__all__ = ["CommitteeElection", "committee_check"]


@dataclass(frozen=True, slots=True)
class CommitteeElection:
    """The committee the elections fill, checked against the plan; explained step by step."""

    plan: CommitteePlan
    check: ProposalCheck
    elected: tuple[str, ...]
    steps: tuple[Step, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"elected": list(self.elected), "valid": self.check.valid,
                "plan": self.plan.to_dict(), "check": self.check.to_dict(),
                "trace": [s.to_dict() for s in self.steps]}

    def explanation(self, lang: str = "en") -> list[str]:
        return [render(s, lang) for s in self.steps]


def committee_check(scenario: Scenario, results: Sequence[ElectionResult],
                    method: Method | str = Method.LARGEST_REMAINDER,
                    host: str | None = HOST_COUNTRY,
                    previous: Iterable[str] = ()) -> CommitteeElection:
    """Check the members elected by ``results`` (the scenario's elections, counted) against
    the Executive Committee the scenario's roster calls for."""
    roster = scenario.session.roster
    if roster is None:
        raise ScenarioError(scenario.source, "roster", key="el_scenario_has_no_roster_so_committee")
    committee = scenario.rules.executive_committee
    if committee is None:
        raise ScenarioError(scenario.source, "body",
                            key="el_body_scenario_rules_id_elects_no", params={
                                "scenario_rules_id": quoted(scenario.rules.id)})
    plan = plan_committee(scenario.rules, roster, method, host)
    elected = tuple(cid for r in results for cid in r.elected)
    check = check_proposal(plan, roster, elected, previous)
    articles = dict(plan.articles)
    steps: list[Step] = [
        step(articles["elected_seats"], "elections.committee.seats",
             seats=plan.elected_seats, members=plan.assembly_members,
             ex_officio=", ".join(plan.ex_officio) or "-"),
        step(articles["groups"], "elections.committee.assumption", method=plan.method),
    ]
    for group, proposed, planned in check.seats_by_group:
        name = bilingual(group_name(group, "en"), group_name(group, "fr"))
        key = "group" if proposed == planned else "group_off"
        steps.append(step(articles["groups"], f"elections.committee.{key}", group=name,
                          elected=proposed, planned=planned))
    by_id = {m.id: m for m in roster}
    seen: set[str] = set()
    for cid in elected:
        member = by_id.get(cid)
        if cid in seen:
            steps.append(step(articles["elected_seats"], "elections.committee.twice", id=cid))
        elif member is None or member.observer:
            steps.append(step(articles["elected_seats"], "elections.committee.not_member",
                              id=cid))
        elif cid in plan.ex_officio:
            steps.append(step(articles["ex_officio"], "elections.committee.ex_officio", id=cid))
        seen.add(cid)
    if len(seen) != plan.elected_seats:
        steps.append(step(articles["elected_seats"], "elections.committee.count_off",
                          count=len(seen), seats=plan.elected_seats))
    key = "valid" if check.valid else "invalid"
    steps.append(step(articles["groups"], f"elections.committee.{key}", count=len(seen)))
    return CommitteeElection(plan, check, elected, tuple(steps))
