"""``quorum evaluate``: decide every decision of a scenario and explain it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import (
    AsJson,
    Lang,
    check_lang,
    command,
    echo,
    echo_title,
    friendly,
    open_scenario,
    print_json,
)


@command("evaluate")
@friendly
def evaluate_command(
    file: Annotated[Path | None, typer.Argument(help="Scenario YAML (default: the bundled "
                                                "Berne Assembly session).")] = None,
    as_json: AsJson = False,
    lang: Lang = "en",
) -> None:
    """Decide every decision of a scenario and explain why, article by article."""
    from ..explain import message
    from ..session import evaluate

    check_lang(lang)
    scenario = open_scenario(file)
    if scenario.joint is not None:
        from .joint_output import print_joint

        print_joint(scenario, as_json, lang)
        return
    outcomes = evaluate(scenario.session)
    if as_json:
        print_json({"source": scenario.source, "decisions": [o.to_dict() for o in outcomes]})
        return
    title = scenario.title or scenario.source
    echo_title(title)
    for outcome in outcomes:
        echo("")
        echo(message("cli.decision", lang, id=outcome.id, kind=outcome.kind,
                           status=message(f"cli.status.{outcome.status.value}", lang)))
        for line in outcome.explanation(lang):
            echo(f"  - {line}")
