"""The ``quorum`` command: a thin shell over the public API.

Every command that takes ``--json`` prints a documented object (see the README); bad
input exits with status 2 and one line naming the file, the field and the fix.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .bodies import get_body, preset_names
from .errors import ScenarioError
from .explain import LANGUAGES, message
from .scenario import Scenario, load_default_scenario, load_scenario
from .session import evaluate

app = typer.Typer(
    name="quorum",
    help="Simulate how treaty assemblies decide: quorum, majorities, written procedure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])

Lang = Annotated[str, typer.Option("--lang", help="Language of the explanation: en or fr.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def fail(text: str) -> None:
    typer.echo(f"quorum: {text}", err=True)
    raise typer.Exit(2)


def friendly(func: F) -> F:
    """Turn bad input into one readable line and exit status 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ScenarioError as exc:
            fail(exc.message)
        except KeyError as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
        except ValueError as exc:
            fail(str(exc))
        return None

    return wrapper  # type: ignore[return-value]


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        fail(f"--lang: unknown language {lang!r}. Fix: use {' or '.join(LANGUAGES)}")
    return lang


def open_scenario(file: Path | None) -> Scenario:
    return load_default_scenario() if file is None else load_scenario(file)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("evaluate")
@friendly
def evaluate_command(
    file: Annotated[Path | None, typer.Argument(help="Scenario YAML (default: the bundled "
                                                "Berne Assembly session).")] = None,
    as_json: AsJson = False,
    lang: Lang = "en",
) -> None:
    """Decide every decision of a scenario and explain why, article by article."""
    check_lang(lang)
    scenario = open_scenario(file)
    outcomes = evaluate(scenario.session)
    if as_json:
        print_json({"source": scenario.source, "decisions": [o.to_dict() for o in outcomes]})
        return
    title = scenario.title or scenario.source
    typer.echo(title)
    typer.echo("=" * len(title))
    for outcome in outcomes:
        typer.echo("")
        typer.echo(message("cli.decision", lang, id=outcome.id, kind=outcome.kind,
                           status=message(f"cli.status.{outcome.status.value}", lang)))
        for line in outcome.explanation(lang):
            typer.echo(f"  - {line}")


@app.command("rules")
@friendly
def rules_command(
    body: Annotated[str, typer.Argument(help="A body: " + ", ".join(preset_names()))],
    members: Annotated[int, typer.Option("--members", "-n", min=1,
                                         help="Number of members of the organ.")] = 181,
    as_json: AsJson = False,
    lang: Lang = "en",
) -> None:
    """Print a body's rules card for a membership size."""
    check_lang(lang)
    rules = get_body(body)
    card = rules.card(members)
    if as_json:
        print_json(card.to_dict())
        return
    typer.echo(f"{rules.name.get(lang)} — {message('cli.members', lang, members=members)}")
    articles = dict(card.articles)
    for key, value in card.to_dict().items():
        if key in ("body", "members", "majorities", "articles") or value is None:
            continue
        typer.echo(f"  {message('card.' + key, lang)}: {value}  [{articles.get(key, '')}]")
    for m in rules.majorities:
        typer.echo(f"  {m.label.get(lang)}: {m.describe(lang)}  [{m.article}]")


@app.command("bodies")
def bodies_command(as_json: AsJson = False) -> None:
    """List the bodies shipped with quorum."""
    rows = [{"id": n, "name": get_body(n).name.en, "name_fr": get_body(n).name.fr}
            for n in preset_names()]
    if as_json:
        print_json({"bodies": rows})
    else:
        for row in rows:
            typer.echo(f"{row['id']:32} {row['name']}")


def _register_extensions() -> None:
    """Add the commands that live beside their subject (imported here: they use ``app``)."""
    from . import committee_cli, power_cli, teaching_cli
    from .probability import cli as probability_cli

    for module in (probability_cli, power_cli, committee_cli, teaching_cli):
        module.register(app)


_register_extensions()


def main() -> None:
    """Entry point of the ``quorum`` script."""
    try:
        app()
    except BrokenPipeError:  # e.g. `quorum evaluate | head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
