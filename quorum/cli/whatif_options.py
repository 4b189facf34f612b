"""Options and helpers shared by the what-if commands (``simulate``, ``sweep``, ``swings``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["File", "Method", "Samples", "Seed", "Workers", "check_method", "fmt", "write_table"]

File = Annotated[Path, typer.Argument(help="Scenario YAML with a 'model:' block.")]
Samples = Annotated[int, typer.Option("--samples", min=1,
                                      help="Monte Carlo sessions, when anything is sampled.")]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the random streams.")]
Method = Annotated[str, typer.Option("--method", help="auto, exact or monte-carlo.")]
Workers = Annotated[int | None, typer.Option("--workers", min=1,
                                             help="Cores to use (default: all).")]


def check_method(method: str, source: str) -> None:
    from ..errors import ScenarioError
    from ..probability.engine import METHODS

    if method not in METHODS:
        raise ScenarioError(source, "--method", key="not_listed",
                            params={"got": repr(method)[:60], "expected": ", ".join(METHODS)})


def fmt(value: float) -> str:
    return f"{value:.6f}"


def write_table(frame: Any, out: Path, source: str) -> None:
    from ..errors import ScenarioError
    from .base import safe_frame

    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv", ".json"):
        raise ScenarioError(source, "--out", key="out_suffix", params={"name": repr(out.name)})
    try:
        if suffix == ".parquet":
            frame.to_parquet(out, index=False)
        elif suffix == ".csv":
            safe_frame(frame).to_csv(out, index=False)
        else:
            frame.to_json(out, orient="records", indent=2)
    except OSError as exc:
        raise ScenarioError(source, "--out", key="out_unwritable",
                            params={"path": repr(str(out)), "reason": exc.strerror}) from None


