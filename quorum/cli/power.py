"""``quorum power``: exact a-priori voting power of a weighted game or of a body."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ScenarioError
from ..limits import MAX_GAME_PLAYERS, MAX_GAME_WEIGHT_TOTAL, MAX_GAME_WORK
from ..numbers import quoted
from .base import command, echo, friendly, print_json

if TYPE_CHECKING:
    from ..power import WeightedGame


def game_from_mapping(data: Any, source: str) -> WeightedGame:
    """``{quota: 6, weights: [4, 3, 2, 1], names: [...]}`` -> :class:`WeightedGame`."""
    if not isinstance(data, dict):
        raise ScenarioError(source, "game", key="game_shape", params={"got": quoted(data)})
    unknown = set(data) - {"quota", "weights", "names"}
    if unknown:
        raise ScenarioError(source, f"game.{str(sorted(map(str, unknown))[0])[:60]}",
                            key="unknown_field", fix="use quota, weights and names")
    for key in ("quota", "weights"):
        if key not in data:
            raise ScenarioError(source, f"game.{key}", key="missing")
    weights = data["weights"]
    if not isinstance(weights, list) or not all(
            isinstance(w, int) and not isinstance(w, bool) for w in weights):
        raise ScenarioError(source, "game.weights", key="game_weights",
                            params={"got": quoted(weights)})
    if len(weights) > MAX_GAME_PLAYERS:
        raise ScenarioError(source, "game.weights", key="too_many",
                            params={"what": ("i18n", "players", "joueurs"), "got": len(weights),
                                    "limit": MAX_GAME_PLAYERS})
    if any(w < 0 for w in weights):
        raise ScenarioError(source, "game.weights", key="number_negative",
                            params={"got": quoted(min(weights))})
    if sum(weights) > MAX_GAME_WEIGHT_TOTAL:
        raise ScenarioError(source, "game.weights", key="too_many",
                            params={"what": ("i18n", "the sum of the weights",
                                                       "la somme des poids"),
                                    "got": quoted(sum(weights)),
                                    "limit": MAX_GAME_WEIGHT_TOTAL},
                            fix="divide the weights by a common factor, or use at most "
                            f"{MAX_GAME_WEIGHT_TOTAL:,} in total")
    work = len(weights) ** 2 * sum(weights)
    if work > MAX_GAME_WORK:
        raise ScenarioError(source, "game.weights", key="too_many",
                            params={"what": ("i18n", "players squared times the total weight",
                                             "le carré des joueurs fois le poids total"),
                                    "got": quoted(work), "limit": MAX_GAME_WORK},
                            fix="use fewer players or smaller weights (divide them by a "
                            "common factor)")
    quota = data["quota"]
    if isinstance(quota, bool) or not isinstance(quota, int):
        raise ScenarioError(source, "game.quota", key="not_whole", params={"got": quoted(quota)})
    names = data.get("names")
    if names is None:
        names = ()
    elif not isinstance(names, list):
        raise ScenarioError(source, "game.names", key="not_list", params={"got": quoted(names)},
                            fix="write names: [A, B, C], one per weight")
    try:
        from ..power import WeightedGame

        return WeightedGame(quota, tuple(weights), tuple(str(n) for n in names))
    except (ValueError, TypeError) as exc:
        exc_key: str | None = getattr(exc, "key", None)
        if exc_key is not None:
            raise ScenarioError(source, "game", key=exc_key,
                                params=getattr(exc, "params", {})) from None
        raise ScenarioError(source, "game", key="game_invalid") from None



@command("power")
@friendly
def power_command(
    file: Annotated[Path | None, typer.Argument(
        help="A YAML file with 'game: {quota, weights, names}', or a scenario with a "
        "roster (default: the bundled Berne Assembly).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Decision kind.")] = None,
    blocs: Annotated[bool, typer.Option("--blocs/--no-blocs",
                                        help="Regional groups vote as blocs.")] = True,
    attendance: Annotated[int | None, typer.Option(
        "--attendance", min=0, help="Voters attending, for the blocking minority.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Banzhaf, Penrose-Banzhaf and Shapley-Shubik power, and blocking minorities."""
    from ..body_power import blocking_table, body_power, game_to_dict
    from ..scenario import load_default_scenario, read_yaml_file, scenario_from_mapping

    if file is None:
        scenario = load_default_scenario()
        data: Any = None
    else:
        data = read_yaml_file(file)
        scenario = None
    if isinstance(data, dict) and "game" in data:
        game = game_from_mapping(data["game"], str(file))
        result = game_to_dict(game)
        if as_json:
            print_json(result)
            return
        for i, name in enumerate(result["players"]):
            echo(f"{name:>12}  weight {result['weights'][i]:>4}  "
                       f"Banzhaf {result['exact']['banzhaf'][i]:>10}  "
                       f"Penrose-Banzhaf {result['exact']['penrose_banzhaf'][i]:>10}  "
                       f"Shapley-Shubik {result['exact']['shapley_shubik'][i]:>10}")
        return
    if scenario is None:
        assert file is not None  # data came from the file
        scenario = scenario_from_mapping(data, str(file), file.parent.resolve())
    session = scenario.session
    if session.roster is None:
        raise ScenarioError(scenario.source, "members", key="power_needs_roster")
    voters = sum(1 for m in session.roster if not m.observer)
    if attendance is not None and attendance > voters:
        raise ScenarioError(scenario.source, "--attendance", key="attendance_above_members",
                            params={"attendance": attendance, "members": voters})
    bp = body_power(session.rules, session.roster, kind, session.date, blocs)
    out = bp.to_dict()
    out["blocking"] = blocking_table(session.rules, session.roster, session.date,
                                     attendance)
    if as_json:
        print_json(out)
        return
    echo(f"{session.rules.name.en}: {out['voters']} voters, kind {bp.kind}, "
               f"quota {bp.quota} yes")
    if "groups" in out:
        g = out["groups"]
        for i, name in enumerate(g["players"]):
            echo(f"  {name:14} weight {g['weights'][i]:>4}  Banzhaf "
                       f"{g['banzhaf'][i]:.4f}  Shapley-Shubik {g['shapley_shubik'][i]:.4f}")
    for row in out["blocking"]:
        echo(f"  [{row['article']}] {row['kind']}: {row['blocking_by_votes']} no votes "
                   f"block; groups: {', '.join(row.get('blocking_groups', []))}; "
                   f"{row['blocking_by_absence']} absences deny any decision")
