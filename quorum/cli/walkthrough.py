"""``quorum walkthrough``: a session told step by step in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .base import check_lang, command, echo, echo_title, friendly, open_scenario, print_json


@command("walkthrough")
@friendly
def walkthrough_command(
    file: Annotated[Path | None, typer.Argument(
        help="Scenario YAML (default: the bundled Berne Assembly session).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: en or fr.")] = "en",
    decision: Annotated[str | None, typer.Option(
        "--decision", help="Id of the decision to follow (default: the first).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")
                       ] = False,
    extraordinary: Annotated[bool, typer.Option(
        "--extraordinary", help="Tell the session as an extraordinary session convened "
        "on request (Art. 22(4)(b)).")] = False,
    requests: Annotated[int | None, typer.Option(
        "--requests", help="How many members asked for the extraordinary session.")
    ] = None,
) -> None:
    """Tell a session step by step, from convocation to final status, with the articles."""
    from ..errors import ScenarioError
    from ..walkthrough import (
        Change,
        Convocation,
        SessionKind,
        render_walkthrough,
        text,
        walkthrough,
        what_if,
    )

    check_lang(lang)
    scenario = open_scenario(file)
    if requests is not None and not extraordinary:
        raise ScenarioError(scenario.source, "--requests", key="requests_ordinary")
    members = scenario.session.members if scenario.session.roster is None else sum(
        1 for m in scenario.session.roster if not m.observer)
    if requests is not None and not 0 <= requests <= members:
        raise ScenarioError(scenario.source, "--requests", key="requests_range",
                            params={"got": requests, "limit": members})
    convocation = Convocation(
        SessionKind.EXTRAORDINARY if extraordinary else SessionKind.ORDINARY, requests)
    steps = walkthrough(scenario, decision, convocation)
    effects = [what_if(scenario, change, decision) for change in Change]
    chosen = decision or scenario.session.decisions[0].id
    if as_json:
        data: dict[str, Any] = {
            "source": scenario.source,
            "decision": chosen,
            "steps": [s.to_dict() for s in steps],
            "what_if": [w.to_dict() for w in effects],
        }
        print_json(data)
        return
    heading = text("cli.walkthrough", lang, title=scenario.title or scenario.source,
                   id=chosen)
    echo_title(heading)
    echo("")
    for line in render_walkthrough(steps, lang):
        echo(line)
    echo("")
    echo(text("whatif.title", lang))
    for effect in effects:
        echo("   - " + text("cli.whatif_line", lang,
                                  change=text(f"whatif.{effect.change}", lang),
                                  effect=effect.text(lang)))
