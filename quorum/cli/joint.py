"""``quorum joint``: the rules card of several bodies sitting together."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import AsJson, Lang, check_lang, command, echo, friendly, print_json


@command("joint")
@friendly
def joint_command(
    file: Annotated[Path, typer.Argument(help="A joint-session scenario (with 'joint:').")],
    kind: Annotated[str | None, typer.Option("--kind", help="Decision kind, e.g. "
                                             "director-general.")] = None,
    as_json: AsJson = False,
    lang: Lang = "en",
) -> None:
    """Who must agree, the fewest absences that leave a body without quorum, and the
    smallest blocking minority across the bodies."""
    from ..errors import ScenarioError
    from ..explain import message
    from ..joint.card import concurrent_rules, joint_card
    from ..numbers import quoted
    from ..scenario import load_scenario

    check_lang(lang)
    scenario = load_scenario(file)
    if scenario.joint is None:
        raise ScenarioError(scenario.source, "joint", key="jo_scenario_not_joint_session")
    known = sorted({k for b in scenario.joint.bodies for k in b.kinds}
                   | {k for b in scenario.joint.bodies for c in b.concurrent for k in c.kinds})
    if kind is not None and kind not in known:
        raise ScenarioError(scenario.source, "--kind", key="jo_unknown_kind",
                            params={"kind": quoted(kind), "known": ", ".join(known)})
    card = joint_card(scenario.joint, kind)
    if as_json:
        data = card.to_dict()
        data["concurrent"] = concurrent_rules(scenario.joint.bodies)
        print_json(data)
        return
    names = {b.id: b.name.get(lang) for b in scenario.joint.bodies}
    echo(message("joint.card.must_agree", lang,
                       bodies=", ".join(names[b] for b in card.must_agree),
                       article=card.concurrent_article or "—"))
    for b in card.bodies:
        echo("  " + message("joint.card.body", lang, body=names[b.body], kind=b.kind,
                                  members=b.members, represented=b.represented,
                                  quorum=b.quorum, absences=b.absences_from_attendance,
                                  blocking="—" if b.blocking_by_votes is None
                                  else b.blocking_by_votes))
    weakest = card.weakest_quorum
    echo(message("joint.card.weakest_quorum", lang, body=names[weakest.body],
                       absences=weakest.absences_from_attendance,
                       example=", ".join(weakest.absent_example[:12])
                       + (" …" if len(weakest.absent_example) > 12 else "")))
    vote = card.weakest_vote
    if vote is not None:
        echo(message("joint.card.weakest_vote", lang, body=names[vote.body],
                           votes=vote.blocking_by_votes))
