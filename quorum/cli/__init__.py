"""The ``quorum`` command: a thin shell over the public API, one module per command.

Every command that takes ``--json`` prints a documented object (see the README); bad
input exits with status 2 and one line naming the file, the field and the fix.
"""

from __future__ import annotations

import sys

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
from .base import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``quorum`` script."""
    try:
        app()
    except BrokenPipeError:  # e.g. `quorum evaluate | head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
