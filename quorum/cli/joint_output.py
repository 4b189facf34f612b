"""``quorum evaluate`` on a joint session: each decision per body and overall."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import echo, echo_title, print_json

if TYPE_CHECKING:
    from ..scenario import Scenario


def print_joint(scenario: Scenario, as_json: bool, lang: str) -> None:
    """Print a joint session's outcomes: JSON (the single-body keys plus ``decided_by``,
    ``bodies`` and ``special_count``) or text, one block per decision."""
    from ..explain import message
    from ..joint import evaluate_joint

    assert scenario.joint is not None
    outcomes = evaluate_joint(scenario.joint)
    if as_json:
        print_json({"source": scenario.source, "joint": list(scenario.joint.body_ids),
                    "decisions": [o.to_dict() for o in outcomes]})
        return
    title = scenario.title or scenario.source
    echo_title(title)
    for outcome in outcomes:
        echo("")
        echo(message("cli.decision", lang, id=outcome.id, kind=outcome.kind,
                           status=message(f"cli.status.{outcome.status.value}", lang)))
        if len(outcome.bodies) > 1:
            for line in outcome.explanation(lang):
                echo(f"  - {line}")
        for body in outcome.bodies:
            rules = scenario.joint.body(body.body)
            echo("  " + message("joint.cli.body", lang, body=rules.name.get(lang),
                                      status=message(f"cli.status.{body.status.value}", lang)))
            for line in body.explanation(lang):
                echo(f"    - {line}")
        for result in outcome.special_count:
            met = message("joint.cli.met" if result.met else "joint.cli.not_met", lang)
            echo("  " + message("joint.cli.special", lang, list=result.list,
                                      yes=result.yes, no=result.no, met=met))
