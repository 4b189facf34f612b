"""``quorum simulate``: probabilities of quorum, adoption and executory status under a model.

``simulate FILE --json`` prints ``{"decisions": [...]}`` with, per decision, ``id``,
``p_quorum_full``, ``p_quorum_reduced``, ``p_no_quorum``, ``p_adopted``, ``p_executory``,
``method`` and ``stderr`` (the public contract of docs/whatif.md; further keys may be
added, none removed).
"""

from __future__ import annotations

from typing import Annotated

import typer

from .base import command, echo, friendly, print_json
from .whatif_options import File, Method, Samples, Seed, Workers, check_method, fmt


@command("simulate")
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
    from ..probability.engine import simulate
    from ..scenario import load_scenario

    scenario = load_scenario(file)
    check_method(method, scenario.source)
    result = simulate(scenario, method=method, samples=samples, seed=seed,
                      workers=workers)
    if as_json:
        print_json(result.to_dict(distributions))
        return
    title = scenario.title or scenario.source
    echo(title)
    echo("=" * len(title))
    for d in result.decisions:
        echo("")
        echo(f"{d.id} ({d.kind}): {d.method}"
                   + (f", {d.samples:,} sessions sampled" if d.samples else ""))
        for label, name in (("full quorum", "p_quorum_full"),
                            ("reduced quorum", "p_quorum_reduced"),
                            ("no quorum", "p_no_quorum"),
                            ("adopted at the session", "p_adopted"),
                            ("executory in the end", "p_executory")):
            err = d.stderrs.get(name, 0.0)
            echo(f"  {label:24} {fmt(getattr(d, name))}"
                       + (f"  ± {fmt(err)}" if err else ""))
