"""``quorum sweep``: probabilities over a grid of model parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .base import command, echo, echo_csv, friendly
from .whatif_options import File, Method, Samples, Seed, Workers, check_method, write_table


@command("sweep")
@friendly
def sweep_command(
    file: File,
    param: Annotated[list[str], typer.Option(
        "--param", help="name=start:stop:num (or name=v1,v2); repeat for a grid. Names: "
        "attendance, support, abstention, reply, written_support, cohesion, members, or "
        "a dotted path into the model such as groups.african.present.")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the table to .parquet, .csv or .json (default: CSV on "
        "standard output).")] = None,
    executor: Annotated[str, typer.Option("--executor", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="dask.distributed scheduler address (with --executor "
        "dask).")] = None,
    workers: Workers = None,
    samples: Samples = 200_000,
    seed: Seed = 0,
    method: Method = "auto",
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a progress bar (default: on a "
        "terminal).")] = None,
) -> None:
    """Probabilities over a grid of model parameters, one row per point and decision."""
    from ..probability.sweep import sweep
    from ..scenario import load_scenario

    scenario = load_scenario(file)
    check_method(method, scenario.source)
    frame = sweep(scenario, param, method=method, samples=samples, seed=seed,
                  executor=executor, scheduler=scheduler, workers=workers,
                  progress=progress)
    if out is None:
        echo_csv(frame)
        return
    write_table(frame, out, scenario.source)
    points = frame["point"].nunique()
    echo(f"wrote {len(frame)} rows ({points} points) to {out}", err=True)
