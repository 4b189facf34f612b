"""``quorum bodies``: the bodies shipped with quorum."""

from __future__ import annotations

from .base import AsJson, command, echo, print_json


@command("bodies")
def bodies_command(as_json: AsJson = False) -> None:
    """List the bodies shipped with quorum."""
    from ..bodies import get_body, preset_names

    rows = [{"id": n, "name": get_body(n).name.en, "name_fr": get_body(n).name.fr}
            for n in preset_names()]
    if as_json:
        print_json({"bodies": rows})
    else:
        for row in rows:
            echo(f"{row['id']:32} {row['name']}")
