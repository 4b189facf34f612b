"""``python -m quorum``: the same as the ``quorum`` command."""

from .cli import main

main()
