"""``quorum rules``: a body's rules card for a membership size."""

from __future__ import annotations

from typing import Annotated

import typer

from .base import AsJson, Lang, check_lang, command, echo, friendly, print_json


@command("rules")
@friendly
def rules_command(
    body: Annotated[str, typer.Argument(help="A body preset (see quorum bodies).")],
    members: Annotated[int, typer.Option("--members", "-n", min=1,
                                         help="Number of members of the organ.")] = 181,
    as_json: AsJson = False,
    lang: Lang = "en",
) -> None:
    """Print a body's rules card for a membership size."""
    from ..bodies import get_body
    from ..explain import message

    check_lang(lang)
    rules = get_body(body)
    card = rules.card(members)
    if as_json:
        data = card.to_dict()
        if rules.concurrent:  # several bodies must agree (quorum.joint)
            data["concurrent"] = [{"kinds": list(c.kinds), "must_agree": [rules.id, *c.bodies],
                                   "article": c.article} for c in rules.concurrent]
        if rules.special_count:
            data["special_count"] = {"lists": list(rules.special_count.lists),
                                     "article": rules.special_count.article}
        print_json(data)
        return
    echo(f"{rules.name.get(lang)} — {message('cli.members', lang, members=members)}")
    articles = dict(card.articles)
    for key, value in card.to_dict().items():
        if key in ("body", "members", "majorities", "articles") or value is None:
            continue
        echo(f"  {message('card.' + key, lang)}: {value}  [{articles.get(key, '')}]")
    for m in rules.majorities:
        echo(f"  {m.label.get(lang)}: {m.describe(lang)}  [{m.article}]")
    for c in rules.concurrent:
        echo("  " + message("joint.card.concurrent", lang, kinds=", ".join(c.kinds),
                                  bodies=", ".join((rules.id, *c.bodies)), article=c.article))
    if rules.special_count:
        sc = rules.special_count
        echo("  " + message("joint.card.special_count", lang, lists=", ".join(sc.lists),
                                  rule=sc.majority.describe(lang), article=sc.article))
