"""``quorum simulate``, ``quorum sweep`` and ``quorum swings``: the what-if engine's commands.

``simulate FILE --json`` prints ``{"decisions": [...]}`` with, per decision, ``id``,
``p_quorum_full``, ``p_quorum_reduced``, ``p_no_quorum``, ``p_adopted``, ``p_executory``,
``method`` and ``stderr`` (the public contract of docs/whatif.md; further keys may be
added, none removed). Bad input exits with status 2 and one line naming the file, the
field and the fix. The engine is imported when a command runs, so ``quorum`` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register"]

File = Annotated[Path, typer.Argument(help="Scenario YAML with a 'model:' block.")]
Samples = Annotated[int, typer.Option("--samples", min=1,
                                      help="Monte Carlo sessions, when anything is sampled.")]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the random streams.")]
Method = Annotated[str, typer.Option("--method", help="auto, exact or monte-carlo.")]
Workers = Annotated[int | None, typer.Option("--workers", min=1,
                                             help="Cores to use (default: all).")]


def _check_method(method: str, source: str) -> None:
    from ..errors import ScenarioError
    from .engine import METHODS

    if method not in METHODS:
        raise ScenarioError(source, "--method", f"unknown method {method!r}",
                            f"use one of: {', '.join(METHODS)}")


def _fmt(value: float) -> str:
    return f"{value:.6f}"


def _write_table(frame: Any, out: Path, source: str) -> None:
    from ..errors import ScenarioError

    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv", ".json"):
        raise ScenarioError(source, "--out", f"cannot write {out.name!r}",
                            "end the file name with .parquet, .csv or .json")
    try:
        if suffix == ".parquet":
            frame.to_parquet(out, index=False)
        elif suffix == ".csv":
            frame.to_csv(out, index=False)
        else:
            frame.to_json(out, orient="records", indent=2)
    except OSError as exc:
        raise ScenarioError(source, "--out", f"cannot write {str(out)!r} ({exc.strerror})",
                            "check that the folder exists and is writable") from None


def register(app: typer.Typer) -> None:
    """Add the what-if commands to the ``quorum`` application."""
    from ..cli import friendly, print_json

    @app.command("simulate")
    @friendly
    def simulate_command(
        file: File,
        as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
        = False,
        samples: Samples = 200_000,
        seed: Seed = 0,
        method: Method = "auto",
        workers: Workers = None,
        distributions: Annotated[bool, typer.Option(
            "--distributions", help="Include the distributions of attendance and votes.")]
        = False,
    ) -> None:
        """Probabilities of quorum, adoption and executory status under the scenario's model."""
        from ..scenario import load_scenario
        from .engine import simulate

        scenario = load_scenario(file)
        _check_method(method, scenario.source)
        result = simulate(scenario, method=method, samples=samples, seed=seed,
                          workers=workers)
        if as_json:
            print_json(result.to_dict(distributions))
            return
        title = scenario.title or scenario.source
        typer.echo(title)
        typer.echo("=" * len(title))
        for d in result.decisions:
            typer.echo("")
            typer.echo(f"{d.id} ({d.kind}): {d.method}"
                       + (f", {d.samples:,} sessions sampled" if d.samples else ""))
            for label, name in (("full quorum", "p_quorum_full"),
                                ("reduced quorum", "p_quorum_reduced"),
                                ("no quorum", "p_no_quorum"),
                                ("adopted at the session", "p_adopted"),
                                ("executory in the end", "p_executory")):
                err = d.stderrs.get(name, 0.0)
                typer.echo(f"  {label:24} {_fmt(getattr(d, name))}"
                           + (f"  ± {_fmt(err)}" if err else ""))

    @app.command("sweep")
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
        from ..scenario import load_scenario
        from .sweep import sweep

        scenario = load_scenario(file)
        _check_method(method, scenario.source)
        frame = sweep(scenario, param, method=method, samples=samples, seed=seed,
                      executor=executor, scheduler=scheduler, workers=workers,
                      progress=progress)
        if out is None:
            typer.echo(frame.to_csv(index=False), nl=False)
            return
        _write_table(frame, out, scenario.source)
        points = frame["point"].nunique()
        typer.echo(f"wrote {len(frame)} rows ({points} points) to {out}", err=True)

    @app.command("swings")
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

        from ..scenario import load_scenario
        from .swing import swings

        scenario = load_scenario(file)
        frame = swings(scenario, decision)
        if out is not None:
            _write_table(frame, out, scenario.source)
        if as_json:
            print_json({"swings": json.loads(frame.to_json(orient="records"))})
        elif out is None:
            shown = frame.sort_values("vote_swing", ascending=False, na_position="last")
            typer.echo(shown.to_string(index=False, float_format=lambda x: f"{x:.4f}"))
