"""``quorum swings``: how much each member's and group's presence or vote moves P(adopted)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import command, echo, friendly, print_json
from .whatif_options import File, write_table


@command("swings")
@friendly
def swings_command(
    file: File,
    decision: Annotated[str | None, typer.Option(
        "--decision", help="Decision id (default: the first).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
    = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the table to .parquet, .csv or .json.")] = None,
) -> None:
    """How much each member's and group's presence or vote moves P(adopted)."""
    import json

    from ..probability.swing import swings
    from ..scenario import load_scenario

    scenario = load_scenario(file)
    frame = swings(scenario, decision)
    if out is not None:
        write_table(frame, out, scenario.source)
    if as_json:
        print_json({"swings": json.loads(frame.to_json(orient="records"))})
    elif out is None:
        shown = frame.sort_values("vote_swing", ascending=False, na_position="last")
        echo(shown.to_string(index=False, float_format=lambda x: f"{x:.4f}"))
