"""``quorum committee``: the Executive Committee a roster calls for (Art. 23)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..committee import HOST_COUNTRY, Method
from ..errors import ScenarioError
from .base import check_lang, command, echo, friendly, print_json


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
            raise ScenarioError(str(scenario), "members", "the scenario has no roster",
                                "use a scenario with a list of members or a roster")
        rules, roster = loaded.rules, loaded.session.roster
    plan = plan_committee(rules, roster, method, host or None)
    result = plan.to_dict()
    check = None
    if proposal is not None:
        data = read_yaml_file(proposal)
        if not isinstance(data, dict) or not isinstance(data.get("elected"), list):
            raise ScenarioError(str(proposal), "elected", "no list of elected members",
                                "write 'elected: [ID, ID, ...]'")
        previous = data.get("previous") or []
        check = check_proposal(plan, roster, [str(x) for x in data["elected"]],
                               [str(x) for x in previous], tolerance)
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
