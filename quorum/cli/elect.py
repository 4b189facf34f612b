"""``quorum elect``: count the elections of a scenario, ballot by ballot, and explain them.

``elect FILE --json`` prints ``{"elections": [...]}``: per election ``id``, ``status``
(``elected``, ``open`` or ``tie``), ``elected`` (ids in order of election), ``next_round``
(the candidates of the next ballot, or null), ``rounds`` (each with ``round``,
``candidates``, ``withdrawn``, ``votes``, ``cast``, ``blank``, ``invalid``,
``majority_required``, ``elected``, ``eliminated``) and ``trace`` (``{article, en, fr,
key}`` steps). The public contract of docs/elections.md; keys may be added, none removed.
``--committee`` adds ``committee``: the members elected checked against the Executive
Committee's seats per regional group (:mod:`quorum.elections.committee`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .base import AsJson, Lang, check_lang, command, echo, echo_title, friendly, print_json


@command("elect")
@friendly
def elect_command(
    file: Annotated[Path, typer.Argument(help="Scenario YAML with an 'elections:' block.")],
    as_json: AsJson = False,
    lang: Lang = "en",
    walkthrough: Annotated[bool, typer.Option(
        "--walkthrough", help="Walk through each election stage by stage, for teaching.")]
    = False,
    committee: Annotated[bool, typer.Option(
        "--committee", help="Check the members elected against the Executive Committee's "
        "seats per regional group (as quorum committee distributes them, Art. 23).")]
    = False,
) -> None:
    """Count the elections of a scenario: rounds, majorities, who is elected or goes out."""
    from ..elections import elect
    from ..elections.render import election_table
    from ..errors import ScenarioError
    from ..scenario import load_scenario

    check_lang(lang)
    scenario = load_scenario(file)
    if not scenario.elections:
        raise ScenarioError(scenario.source, "elections", key="el_scenario_has_no_elections")
    results = elect(scenario)
    if walkthrough:
        from ..elections.teaching import election_walkthrough, render_walkthrough

        stages = {e.id: election_walkthrough(scenario, e.id) for e in scenario.elections}
        if as_json:
            print_json({"source": scenario.source, "walkthroughs": {
                eid: [s.to_dict() for s in st] for eid, st in stages.items()}})
            return
        for eid, st in stages.items():
            echo(eid)
            for line in render_walkthrough(st, lang):
                echo(line)
        return
    check = None
    if committee:
        from ..elections.committee import committee_check

        check = committee_check(scenario, results)
    if as_json:
        out: dict[str, Any] = {"source": scenario.source,
                               "elections": [r.to_dict() for r in results]}
        if check is not None:
            out["committee"] = check.to_dict()
        print_json(out)
        return
    title = scenario.title or scenario.source
    echo_title(title)
    for election, result in zip(scenario.elections, results, strict=True):
        echo("")
        for line in election_table(election, result, lang):
            echo(line)
        for line in result.explanation(lang):
            echo(f"  - {line}")
    if check is not None:
        echo("")
        for line in check.explanation(lang):
            echo(f"  - {line}")
