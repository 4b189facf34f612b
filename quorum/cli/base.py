"""What every ``quorum`` command shares: the Typer application, options, errors, output.

Command modules import this module and nothing of each other; ``quorum.cli`` imports the
command modules so that their ``@app.command`` decorators run. Heavy parts of the core are
imported inside the commands, so that ``quorum`` starts fast.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from ..errors import ScenarioError
from ..textsafe import formula_safe, one_line

if TYPE_CHECKING:
    from ..scenario import Scenario

class OneLineErrors(TyperGroup):
    """The ``quorum`` group: a bad option value or usage is one line on standard error and
    exit status 2, like bad input, instead of a multi-line usage box."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                  **extra)
        except typer.TyperException as exc:  # click's exceptions, as vendored by Typer
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `quorum`: the help
                exc.show()  # type: ignore[attr-defined]
                sys.exit(2)
            ctx = getattr(exc, "ctx", None)
            path = ctx.command_path if ctx is not None else "quorum"
            text = exc.format_message()
            text = one_line(text).rstrip(".")
            end = " " if text.endswith("?") else ". "
            typer.echo(f"quorum: {text}{end}Fix: see '{one_line(path)} --help'", err=True)
            sys.exit(2)
        except typer.Abort:
            typer.echo("quorum: aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="quorum",
    cls=OneLineErrors,
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
Seed = Annotated[int, typer.Option("--seed", help="The same seed gives the same exercises.")]
Count = Annotated[int, typer.Option("--count", help="How many exercises (1-100).")]
Answers = Annotated[bool, typer.Option(
    "--answers", help="Print the answers and their explanation (the lecturer's key).")]


def echo(text: str = "", err: bool = False) -> None:
    """Print one line of output; control characters of ids and names are escaped
    (:func:`quorum.textsafe.one_line`), so a file cannot drive the terminal. Every command
    prints through this (or :func:`print_json`, :func:`echo_csv`)."""
    typer.echo(one_line(text), err=err)


def echo_title(title: str) -> None:
    """A heading: the title, underlined."""
    echo(title)
    echo("=" * len(title))


def fail(text: str) -> None:
    echo(f"quorum: {text}", err=True)
    raise typer.Exit(2)


def friendly(func: F) -> F:
    """Turn bad input into one readable line and exit status 2, never a traceback.

    A :class:`ScenarioError` is printed in the command's ``--lang`` when it has one.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang")
        try:
            return func(*args, **kwargs)
        except ScenarioError as exc:
            fail(exc.render(lang if lang in ("en", "fr") else "en"))
        except KeyError as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
        except (ValueError, ArithmeticError) as exc:
            fail(_plain_error(str(exc)))
        except RecursionError:
            fail("the input is nested too deeply. Fix: simplify it")
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise
        except Exception as exc:  # a bug: still one line, and status 1 (not bad input)
            echo(f"quorum: internal error ({type(exc).__name__}: {str(exc)[:200]}). Fix: "
                 "please report it with the input that caused it", err=True)
            raise typer.Exit(1) from None
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


def _plain_error(text: str) -> str:
    """``problem | fix: fix`` (the core's ValueError convention) as ``problem. Fix: fix``."""
    text = text[:300]
    if " | fix: " in text:
        problem, fix = text.split(" | fix: ", 1)
        return f"{problem}. Fix: {fix}"
    return text


# JSON escapes C0 controls itself; DEL and the C1 controls (a CSI is \x9b) it leaves raw.
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def print_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    typer.echo(_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def safe_frame(frame: Any) -> Any:
    """A table for a CSV file: text cells that a spreadsheet would run as formulas
    (``=``, ``+``, ``-``, ``@``) prefixed with ``'``; numbers unchanged."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype.kind not in "biufcmM":  # text or objects, not numbers
            frame[column] = frame[column].map(formula_safe)
    return frame.rename(columns=lambda c: formula_safe(str(c)))


def echo_csv(frame: Any) -> None:
    """A table as CSV on standard output: formula-safe cells, escaped control characters."""
    for line in safe_frame(frame).to_csv(index=False).splitlines():
        echo(line)
