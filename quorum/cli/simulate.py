"""``quorum simulate``: probabilities of quorum, adoption and executory status under a model.

``simulate FILE --json`` prints ``{"decisions": [...]}`` with, per decision, ``id``,
``p_quorum_full``, ``p_quorum_reduced``, ``p_no_quorum``, ``p_adopted``, ``p_executory``,
``method`` and ``stderr`` (the public contract of docs/whatif.md; further keys may be
added, none removed).
"""

from __future__ import annotations

from typing import Annotated

import typer

from .base import command, echo, echo_title, friendly, print_json
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
    from ..elections.model import simulate_elections
    from ..probability.engine import SimulationResult, simulate
    from ..scenario import load_scenario

    scenario = load_scenario(file)
    check_method(method, scenario.source)
    # An elections-only scenario has no decision model: its chances are the elections'.
    if scenario.model is None and scenario.elections:
        result = SimulationResult((), scenario.source,
                                  scenario.rules.interpretation.as_dict())
    else:
        result = simulate(scenario, method=method, samples=samples, seed=seed,
                          workers=workers)
    chances = simulate_elections(scenario, samples=samples, seed=seed, method=method)
    if scenario.elections and not chances and not result.decisions:
        from ..errors import ScenarioError

        raise ScenarioError(scenario.source, "elections[0].model", key="el_no_model_at_all")
    if as_json:
        data = result.to_dict(distributions)
        if scenario.elections:
            data["elections"] = [c.to_dict() for c in chances]
        print_json(data)
        return
    title = scenario.title or scenario.source
    echo_title(title)
    for c in chances:
        echo("")
        echo(f"{c.id}: {c.method}, {c.samples:,} elections sampled")
        for cid, p in zip(c.candidates, c.p_elected, strict=True):
            echo(f"  elected {cid:20} {fmt(p)}")
        echo(f"  {'nobody elected':28} {fmt(c.p_none)}")
        echo(f"  {'a lot needed':28} {fmt(c.p_tie)}")
        echo("  ballots: " + ", ".join(f"{k}: {fmt(p)}" for k, p in enumerate(c.rounds)
                                             if p > 0))
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
