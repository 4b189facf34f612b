"""The ``quorum`` command: a thin shell over the public API, one module per command.

Every command that takes ``--json`` prints a documented object (see the README); bad
input exits with status 2 and one line naming the file, the field and the fix.
"""

from __future__ import annotations

import sys

import typer

from . import (  # noqa: F401  (each module registers its command on ``app``)
    bodies,
    committee,
    elect,
    election_exercises,
    evaluate,
    exercises,
    joint,
    power,
    rules,
    simulate,
    sweep,
    swings,
    treaty,
    walkthrough,
)
from .base import OneLineErrors, app

__all__ = ["app", "main"]


def _only(name: str) -> typer.Typer | None:
    """The application with just the command ``name``, or None if there is no such command.

    Typer turns every registered command into a click command (reading each signature and
    its annotations) before it runs any; a script calling ``quorum evaluate`` in a loop
    should pay for one command, not all of them. The group stays a group, so ``quorum NAME
    ARGS`` parses exactly as with the whole application (``quorum --help`` lists them all).
    """
    for info in app.registered_commands:
        if info.name == name:
            one = typer.Typer(name=app.info.name, cls=OneLineErrors, help=app.info.help,
                              add_completion=False, pretty_exceptions_enable=False)
            one.registered_commands = [info]
            one.callback()(_group)
            return one
    return None


def _group() -> None:
    """Simulate how treaty assemblies decide: quorum, majorities, written procedure."""


def main() -> None:
    """Entry point of the ``quorum`` script."""
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    runner = _only(command) if command and not command.startswith("-") else None
    try:
        (runner or app)(prog_name="quorum")
    except BrokenPipeError:  # e.g. `quorum evaluate | head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
