"""Sweeps: the probabilities over a grid of model parameters, as a tidy DataFrame.

A parameter is either one of the named parameters below, which act on every member, or a
dotted path into the ``model:`` mapping (``groups.african.present``,
``blocs.african.cohesion``) that sets that one value:

* ``attendance``: the probability that a member is represented; sets every ``present`` of
  the model (everyone, groups, members) to the value.
* ``support``: the share of yes among yes and no for a represented member; every ``vote``
  distribution keeps its abstention share ``a`` and becomes ``yes = s (1 - a)``,
  ``no = (1 - s) (1 - a)``.
* ``abstention``: the share of abstentions of a represented member; every ``vote`` keeps
  its ratio of yes to no (an even split when both are 0).
* ``reply``: the probability that a member not represented replies in writing in time;
  sets every ``written.reply``.
* ``written_support``: like ``support``, for written replies (keeping their abstention
  share).
* ``cohesion``: sets every bloc's cohesion.
* ``members``: the number of members of the organ (scenarios without a roster only).

Values are written ``name=start:stop:num`` (``num`` evenly spaced values, both ends
included), ``name=v1,v2,...`` or ``name=v``. The grid is the Cartesian product, the first
parameter varying slowest. Each point gets its own random stream (spawned from ``seed``
by its index), so a sweep gives the same numbers whatever the executor.

Executors: ``local`` (the default) runs chunks of points on the local cores in separate
processes; ``dask`` sends the same chunks to a ``dask.distributed`` scheduler (an optional
dependency: ``pip install 'quorum[dask]'``).
"""

from __future__ import annotations

import copy
import itertools
import multiprocessing
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..errors import ScenarioError
from ..limits import MAX_MODEL_MEMBERS, MAX_SWEEP_POINTS
from ..numbers import quoted
from ..rules import as_fraction
from ..scenario import Scenario
from .engine import (
    DEFAULT_MAX_LINES,
    DEFAULT_SAMPLES,
    PROBABILITIES,
    check_samples,
    plans_for,
    simulate_model,
)
from .model import VoteSpec, compile_model, probability

__all__ = ["PARAMETERS", "Param", "parse_param", "apply_params", "sweep", "EXECUTORS"]

PARAMETERS: dict[str, str] = {
    "attendance": "probability that a member is represented (every 'present')",
    "support": "share of yes among yes + no at the session, abstention share kept",
    "abstention": "share of abstentions at the session, ratio of yes to no kept",
    "reply": "probability that a member not represented replies in writing in time",
    "written_support": "share of yes among yes + no in written replies, abstentions kept",
    "cohesion": "cohesion of every bloc",
    "members": "number of members of the organ (scenarios without a roster)",
}
EXECUTORS = ("local", "dask")
#: Seconds of remaining work below which starting worker processes does not pay.
_POOL_WORTH_IT = 3.0
_TOP_KEYS = ("present", "vote", "written", "groups", "members", "blocs")


@dataclass(frozen=True, slots=True)
class Param:
    """One swept parameter and its values."""

    name: str
    values: tuple[float, ...]


def _number(text: str, spec: str, source: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ScenarioError(source, "--param", key="param_number",
                            params={"got": quoted(text), "spec": quoted(spec)}) from None
    if not np.isfinite(value):
        raise ScenarioError(source, "--param", key="param_number",
                            params={"got": quoted(text), "spec": quoted(spec)})
    return value


def parse_param(spec: str, source: str = "<sweep>") -> Param:
    """``attendance=0.3:0.9:25`` -> ``Param('attendance', (0.3, 0.325, ..., 0.9))``."""
    if "=" not in spec:
        raise ScenarioError(source, "--param", key="param_form", params={"spec": quoted(spec)})
    name, _, text = spec.partition("=")
    name = name.strip()
    if name not in PARAMETERS and name.split(".")[0] not in _TOP_KEYS:
        raise ScenarioError(source, "--param", key="param_unknown",
                            params={"got": quoted(name), "names": ", ".join(PARAMETERS)})
    text = text.strip()
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise ScenarioError(source, "--param", key="param_form",
                                params={"spec": quoted(spec)})
        start, stop = _number(parts[0], spec, source), _number(parts[1], spec, source)
        try:
            num = int(parts[2])
        except ValueError:
            num = 0
        if num < 1:
            raise ScenarioError(source, "--param", key="param_points",
                                params={"got": quoted(parts[2]), "spec": quoted(spec)})
        if num > MAX_SWEEP_POINTS:
            raise ScenarioError(source, "--param", key="too_many",
                                params={"what": ("i18n", "sweep points",
                                                           "points du balayage"),
                                        "got": num,
                                        "limit": MAX_SWEEP_POINTS})
        values = tuple(float(x) for x in np.round(np.linspace(start, stop, num), 12))
    else:
        values = tuple(_number(x, spec, source) for x in text.split(",") if x.strip())
        if not values:
            raise ScenarioError(source, "--param", key="param_form",
                                params={"spec": quoted(spec)})
    if name == "members" and any(v != int(v) or v < 1 for v in values):
        raise ScenarioError(source, "--param", key="param_members")
    if name == "members" and max(values) > MAX_MODEL_MEMBERS:
        raise ScenarioError(source, "--param", key="too_many",
                            params={"what": ("i18n", "members in a what-if model",
                                                       "membres d'un modèle de simulation"),
                                    "got": max(values),
                                    "limit": MAX_MODEL_MEMBERS})
    return Param(name, values)


def _profiles(model: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The model itself, then every group and member entry (mutable, in place)."""
    yield model
    for key in ("groups", "members"):
        entries = model.get(key)
        if isinstance(entries, dict):
            for entry in entries.values():
                if isinstance(entry, dict):
                    yield entry


def _set_support(dist: Any, share: Fraction, abstain_key: str = "abstain") -> dict[str, Any]:
    y, n, a = VoteSpec.model_validate(_choices(dist)).shares()
    rest = 1 - a
    return {**dist, "yes": share * rest, "no": (1 - share) * rest, abstain_key: a}


def _set_abstention(dist: Any, share: Fraction) -> dict[str, Any]:
    y, n, _ = VoteSpec.model_validate(_choices(dist)).shares()
    rest = 1 - share
    if y + n == 0:
        yes = no = rest / 2
    else:
        yes, no = rest * y / (y + n), rest * n / (y + n)
    return {**dist, "yes": yes, "no": no, "abstain": share}


def _choices(dist: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(dist).items() if k in ("yes", "no", "abstain")}


def apply_params(model: Mapping[str, Any], values: Mapping[str, float], source: str = "<sweep>"
                 ) -> dict[str, Any]:
    """A copy of the raw ``model:`` mapping with the parameters set (exact fractions)."""
    out: dict[str, Any] = copy.deepcopy(dict(model))
    try:
        for name, raw in values.items():
            if name == "members":
                continue
            value = as_fraction(float(raw))
            probability(value)
            if name == "attendance":
                for entry in _profiles(out):
                    if entry is out or "present" in entry:
                        entry["present"] = value
            elif name in ("support", "abstention"):
                for entry in _profiles(out):
                    if isinstance(entry.get("vote"), dict):
                        entry["vote"] = (_set_support(entry["vote"], value) if name == "support"
                                         else _set_abstention(entry["vote"], value))
            elif name == "reply":
                for entry in _profiles(out):
                    if entry is out or isinstance(entry.get("written"), dict):
                        entry["written"] = {**dict(entry.get("written") or {}), "reply": value}
            elif name == "written_support":
                for entry in _profiles(out):
                    w = entry.get("written")
                    if isinstance(w, dict) and any(k in w for k in ("yes", "no", "abstain")):
                        entry["written"] = {**w, **_set_support(_choices(w), value)}
            elif name == "cohesion":
                for bloc in (out.get("blocs") or {}).values():
                    if isinstance(bloc, dict):
                        bloc["cohesion"] = value
            else:
                _set_path(out, name, value)
    except ValueError as exc:
        raise ScenarioError(source, "--param", key="param_range",
                            params={"detail": quoted(str(exc).split(" | ")[0], 120)}) from None
    return out


def _set_path(model: dict[str, Any], path: str, value: Fraction) -> None:
    keys = path.split(".")
    node = model
    for key in keys[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[keys[-1]] = value


def _seed_root(seed: int | None) -> int:
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    return seed


def _evaluate_points(payload: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Evaluate a chunk of points (a top-level function, so executors can ship it)."""
    scenario, names, points, options = payload
    rows: list[dict[str, Any]] = []
    for index, values in points:
        settings = dict(zip(names, values, strict=True))
        model = apply_params(scenario.model or {}, settings, scenario.source)
        session = scenario.session
        if "members" in settings:
            session = replace(session, members=int(settings["members"]))
        current = replace(scenario, session=session)
        cm = compile_model(current, model)
        plans = plans_for(session, cm.members, scenario.source)
        stream = np.random.SeedSequence(options["seed"], spawn_key=(index,))
        results = simulate_model(cm, plans, method=options["method"],
                                 samples=options["samples"], seed=stream,
                                 max_lines=options["max_lines"], workers=options["workers"])
        for r in results:
            row: dict[str, Any] = dict(settings)
            row["point"] = index
            row["decision"] = r.id
            row["kind"] = r.kind
            row.update({name: getattr(r, name) for name in PROBABILITIES})
            row["method"] = r.method
            row["stderr"] = r.stderr
            row.update({f"stderr_{name}": r.stderrs.get(name, 0.0) for name in PROBABILITIES})
            rows.append(row)
    return rows


def _chunks(points: list[tuple[int, tuple[float, ...]]], parts: int
            ) -> list[list[tuple[int, tuple[float, ...]]]]:
    size = max(1, -(-len(points) // parts))
    return [points[k:k + size] for k in range(0, len(points), size)]


def sweep(scenario: Scenario, params: Sequence[Param | str] | Mapping[str, Sequence[float]],
          *, method: str = "auto", samples: int = DEFAULT_SAMPLES, seed: int | None = 0,
          executor: str = "local", scheduler: Any = None, workers: int | None = None,
          max_lines: int = DEFAULT_MAX_LINES, progress: bool | None = None) -> pd.DataFrame:
    """Evaluate the scenario at every point of the grid; one row per point and decision.

    Columns: the parameters, ``point`` (index in the grid), ``decision``, ``kind``, the five
    probabilities, ``method``, ``stderr`` and ``stderr_<probability>``. ``scheduler`` is a
    dask.distributed address or ``Client`` (``executor="dask"``). ``progress`` shows a tqdm
    bar (default: when writing to a terminal).
    """
    source = scenario.source
    if isinstance(params, Mapping):
        grid = [Param(k, tuple(float(v) for v in vals)) for k, vals in params.items()]
    else:
        grid = [p if isinstance(p, Param) else parse_param(p, source) for p in params]
    if not grid:
        raise ScenarioError(source, "--param", key="param_none")
    names = [p.name for p in grid]
    if len(set(names)) != len(names):
        raise ScenarioError(source, "--param", key="param_twice")
    if "members" in names and not scenario.aggregate:
        raise ScenarioError(source, "--param", key="param_members_roster")
    if executor not in EXECUTORS:
        raise ScenarioError(source, "--executor", key="not_listed",
                            params={"got": quoted(executor), "expected": "local, dask"})
    if samples < 1:
        raise ScenarioError(source, "--samples", key="samples_none")
    check_samples(samples, source)
    total = 1
    for p in grid:
        total *= len(p.values)
        if total > MAX_SWEEP_POINTS:
            raise ScenarioError(source, "--param", key="too_many",
                                params={"what": ("i18n", "points of the sweep grid",
                                                           "points de la grille du balayage"),
                                        "got": "more",
                                        "limit": MAX_SWEEP_POINTS})
    # Check the model and the first point before shipping work anywhere.
    first = {p.name: p.values[0] for p in grid}
    compile_model(scenario, apply_params(scenario.model or {}, first, source))
    points = list(enumerate(itertools.product(*(p.values for p in grid))))
    cores = os.cpu_count() or 1
    workers = max(1, workers or cores)
    options = {"method": method, "samples": samples, "seed": _seed_root(seed),
               "max_lines": max_lines, "workers": 1}
    rows: list[dict[str, Any]] = []
    bar = tqdm(total=len(points), desc="sweep", unit="point",
               disable=(not progress) if progress is not None else None, leave=False)
    try:
        if executor == "dask":
            rows = _run_dask(scenario, names, points, options, scheduler, workers, bar)
        else:
            rows = _run_local(scenario, names, points, options, workers, bar)
    finally:
        bar.close()
    frame = pd.DataFrame(rows)
    order = {d: k for k, d in enumerate(dict.fromkeys(frame["decision"]))}
    frame["_order"] = frame["decision"].map(order)
    frame = frame.sort_values(["point", "_order"]).drop(columns="_order")
    return frame.reset_index(drop=True)


def _run_local(scenario: Scenario, names: list[str], points: list[tuple[int, tuple[float, ...]]],
               options: dict[str, Any], workers: int, bar: Any) -> list[dict[str, Any]]:
    """Evaluate a first slice in this process; if the rest would take long, spread it over
    ``workers`` processes (started with ``forkserver``, which is safe beside threads; as
    with any multiprocessing code, a script calling this needs an
    ``if __name__ == "__main__":`` guard)."""
    rows: list[dict[str, Any]] = []
    inline = dict(options, workers=workers)
    head = max(1, min(len(points), -(-len(points) // (8 * workers))))
    start = time.perf_counter()
    rows.extend(_evaluate_points((scenario, names, points[:head], inline)))
    bar.update(head)
    rest = points[head:]
    per_point = (time.perf_counter() - start) / head
    if workers == 1 or per_point * len(rest) < _POOL_WORTH_IT:
        for chunk in _chunks(rest, max(1, len(rest) // 16)):
            rows.extend(_evaluate_points((scenario, names, chunk, inline)))
            bar.update(len(chunk))
        return rows
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["quorum.probability"])
    chunks = _chunks(rest, workers * 4)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_evaluate_points, (scenario, names, chunk, options)): len(chunk)
                   for chunk in chunks}
        for future in as_completed(futures):
            rows.extend(future.result())
            bar.update(futures[future])
    return rows


def _run_dask(scenario: Scenario, names: list[str], points: list[tuple[int, tuple[float, ...]]],
              options: dict[str, Any], scheduler: Any, workers: int, bar: Any
              ) -> list[dict[str, Any]]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise ScenarioError(scenario.source, "--executor", key="dask_missing") from None
    if scheduler is None:
        raise ScenarioError(scenario.source, "--scheduler", key="dask_no_scheduler")
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler) if own else scheduler  # type: ignore[no-untyped-call, unused-ignore]
    except (OSError, ValueError, TimeoutError) as exc:
        raise ScenarioError(scenario.source, "--scheduler", key="dask_unreachable",
                            params={"name": quoted(scheduler),
                                    "detail": quoted(str(exc), 120)}) from None
    try:
        parts = max(workers, len(client.scheduler_info().get("workers", {})) or 1) * 4
        payloads = [(scenario, names, chunk, options) for chunk in _chunks(points, parts)]
        futures = client.map(_evaluate_points, payloads, pure=False)
        sizes = {f.key: len(p[2]) for f, p in zip(futures, payloads, strict=True)}
        rows: list[dict[str, Any]] = []
        for future in dask_completed(futures):  # type: ignore[no-untyped-call, unused-ignore]
            rows.extend(future.result())
            bar.update(sizes[future.key])
        return rows
    finally:
        if own:
            client.close()
