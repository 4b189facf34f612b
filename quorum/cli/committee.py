"""``quorum committee``: the Executive Committee a roster calls for (Art. 23)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..committee_options import HOST_COUNTRY, Method
from ..errors import ScenarioError
from ..numbers import quoted
from .base import check_lang, command, echo, friendly, print_json


def proposal_lists(data: Any, source: str) -> tuple[list[str], list[str]]:
    """``elected:`` and ``previous:`` of a proposal: lists of ids, nothing else."""
    if not isinstance(data, dict):
        raise ScenarioError(source, "", key="proposal_shape", params={"got": quoted(data)})
    unknown = sorted(str(k) for k in data if k not in ("elected", "previous"))
    if unknown:
        raise ScenarioError(source, unknown[0][:60], key="unknown_field",
                            fix="use only elected and previous")
    lists: list[list[str]] = []
    for name in ("elected", "previous"):
        value = data.get(name, [] if name == "previous" else None)
        if value is None and name == "previous":
            value = []
        if not isinstance(value, list):  # a string would be read letter by letter
            raise ScenarioError(source, name, key="proposal_list",
                                params={"got": quoted(value), "name": name})
        for item in value:
            if not isinstance(item, str | int) or isinstance(item, bool):
                raise ScenarioError(source, name, key="not_member_id",
                                    params={"got": quoted(item)})
        lists.append([str(x) for x in value])
    return lists[0], lists[1]


@command("committee")
@friendly
def committee_command(
    scenario: Annotated[Path | None, typer.Option(
        "--scenario", help="Take the roster from this scenario (default: the bundled "
        "Berne roster).")] = None,
    method: Annotated[Method, typer.Option(
        "--method", help="How seats are shared among regional groups.")
    ] = Method.LARGEST_REMAINDER,
    host: Annotated[str, typer.Option("--host", help="Country holding the ex officio "
                                      "seat (Art. 23(2)(a)); '' for none.")] = HOST_COUNTRY,
    proposal: Annotated[Path | None, typer.Option(
        "--proposal", help="YAML with 'elected: [ids]' and optionally 'previous: [ids]' "
        "to check.")] = None,
    tolerance: Annotated[int, typer.Option(
        "--tolerance", min=0, help="Seats a group may deviate from the plan.")] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: Annotated[str, typer.Option("--lang")] = "en",
) -> None:
    """Derive the Executive Committee from the roster and check a proposed composition."""
    from ..bodies import get_body
    from ..committee import check_proposal, plan_committee
    from ..explain import message
    from ..roster import bundled_roster, group_name
    from ..scenario import load_scenario, read_yaml_file

    check_lang(lang)
    if scenario is None:
        rules, roster = get_body("berne-assembly"), bundled_roster()
    else:
        loaded = load_scenario(scenario)
        if loaded.session.roster is None:
            raise ScenarioError(str(scenario), "members", key="no_roster")
        rules, roster = loaded.rules, loaded.session.roster
    if host and host not in {m.id for m in roster}:
        raise ScenarioError(str(scenario or "--host"), "--host", key="unknown_host",
                            params={"id": quoted(host)})
    plan = plan_committee(rules, roster, method, host or None)
    result = plan.to_dict()
    check = None
    if proposal is not None:
        elected, previous = proposal_lists(read_yaml_file(proposal), str(proposal))
        check = check_proposal(plan, roster, elected, previous, tolerance)
        result["proposal"] = check.to_dict()
    if as_json:
        print_json(result)
        return
    echo(f"{rules.name.get(lang)}: "
               f"{message('cli.members', lang, members=plan.assembly_members)}")
    echo(f"  elected seats [{dict(plan.articles)['elected_seats']}]: "
               f"{plan.elected_seats}; ex officio: {', '.join(plan.ex_officio) or '-'}; "
               f"re-election cap [{dict(plan.articles)['reelection_cap']}]: "
               f"{plan.reelection_cap}")
    echo(f"  {plan.assumption(lang)}")
    for g in plan.groups:
        name = group_name(g.group, lang)
        echo(f"    {name:55} {g.members:4}  {float(g.quota):6.2f}  -> {g.seats}")
    if check is not None:
        echo("  proposal: " + ("valid" if check.valid else "invalid"))
        for article, problem in check.problems:
            echo(f"    [{article}] {problem}")
