"""What every ``quorum`` command shares: the Typer application, options, errors, output.

Command modules import this module and nothing of each other; ``quorum.cli`` imports the
command modules so that their ``@app.command`` decorators run. Heavy parts of the core are
imported inside the commands, so that ``quorum`` starts fast.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import ScenarioError

if TYPE_CHECKING:
    from ..scenario import Scenario

app = typer.Typer(
    name="quorum",
    help="Simulate how treaty assemblies decide: quorum, majorities, written procedure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def command(name: str) -> Callable[[F], F]:
    """Register a command on ``app`` (Typer's decorator, typed for ``mypy --strict``)."""
    return app.command(name)

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
    from ..explain import LANGUAGES

    if lang not in LANGUAGES:
        fail(f"--lang: unknown language {lang!r}. Fix: use {' or '.join(LANGUAGES)}")
    return lang


def open_scenario(file: Path | None) -> Scenario:
    from ..scenario import load_default_scenario, load_scenario

    return load_default_scenario() if file is None else load_scenario(file)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
