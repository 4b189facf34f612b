"""``simulate``: the probabilities of every decision of a what-if scenario.

The method is chosen per scenario (``method="auto"``):

* members independent: exact (:mod:`.exact`);
* blocs: exact by conditioning on the bloc lines, weighting each combination of lines by
  its probability, while the combinations number at most ``max_lines`` (each bloc has up to
  three lines, so ``k`` blocs make up to 3**k combinations); beyond that, Monte Carlo
  (:mod:`.montecarlo`) for everything;
* the written procedure (Art. 22(3)(c)) of members that are not all alike needs a joint
  state too large to convolve for a full Assembly; its part is then estimated by Monte
  Carlo as the share of sessions adopted under the reduced quorum whose written procedure
  succeeds, times the exact probability of being adopted under the reduced quorum. Every
  other figure stays exact, and the result lists what was sampled.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..errors import ScenarioError
from ..rules import RuleSet
from ..scenario import Scenario
from ..session import Session
from .exact import WRITTEN_BUDGET, ExactResult, exact_decision, marginals
from .model import CompiledModel, compile_model
from .montecarlo import MonteCarloResult, run_monte_carlo
from .plan import DecisionPlan, plan_decision

__all__ = [
    "DecisionResult",
    "SimulationResult",
    "simulate",
    "simulate_model",
    "plans_for",
    "line_combinations",
    "combination_count",
    "condition_on_lines",
    "METHODS",
    "DEFAULT_SAMPLES",
    "DEFAULT_MAX_LINES",
]

METHODS = ("auto", "exact", "monte-carlo")
DEFAULT_SAMPLES = 200_000
DEFAULT_MAX_LINES = 243
PROBABILITIES = ("p_quorum_full", "p_quorum_reduced", "p_no_quorum", "p_adopted",
                 "p_executory")
DISTRIBUTIONS = ("attendance", "yes", "no", "abstain", "replies")
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class DecisionResult:
    """The probabilities of one decision (the ``simulate --json`` contract, per decision).

    ``p_adopted``: the session vote meets the majority with at least the reduced quorum;
    ``p_executory``: the decision ends executory, at once or through the written procedure
    (Art. 22(3)(c)). ``method`` is "exact" when every figure is exact, "monte-carlo" when
    any is sampled (``sampled`` names which); ``stderr`` is the largest standard error
    (0 when exact), ``stderrs`` gives each. ``distributions``: one row per count 0..N,
    columns attendance (represented members), yes, no, abstain, replies (written).
    """

    id: str
    kind: str
    body: str
    members: int
    p_quorum_full: float
    p_quorum_reduced: float
    p_no_quorum: float
    p_adopted: float
    p_executory: float
    method: str
    stderrs: Mapping[str, float]
    sampled: tuple[str, ...]
    samples: int
    distributions: pd.DataFrame
    quorum_required: int
    reduced_quorum_required: int | None
    written_procedure: bool
    line_combinations: int = 1
    seed: int | None = None

    @property
    def stderr(self) -> float:
        return max(self.stderrs.values(), default=0.0)

    # Short names for the three quorum probabilities.
    @property
    def p_full(self) -> float:
        return self.p_quorum_full

    @property
    def p_reduced(self) -> float:
        return self.p_quorum_reduced

    @property
    def p_none(self) -> float:
        return self.p_no_quorum

    @property
    def expected(self) -> dict[str, float]:
        index = self.distributions.index.to_numpy(dtype=np.float64)
        return {name: float(np.dot(index, self.distributions[name].to_numpy()))
                for name in DISTRIBUTIONS}

    def to_dict(self, distributions: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "body": self.body,
            "members": self.members,
            "p_quorum_full": self.p_quorum_full,
            "p_quorum_reduced": self.p_quorum_reduced,
            "p_no_quorum": self.p_no_quorum,
            "p_adopted": self.p_adopted,
            "p_executory": self.p_executory,
            "method": self.method,
            "stderr": self.stderr,
            "stderrs": dict(self.stderrs),
            "sampled": list(self.sampled),
            "samples": self.samples,
            "seed": self.seed if self.samples else None,
            "quorum_required": self.quorum_required,
            "reduced_quorum_required": self.reduced_quorum_required,
            "written_procedure": self.written_procedure,
            "line_combinations": self.line_combinations,
            "expected": self.expected,
        }
        if distributions:
            out["distributions"] = {name: [float(x) for x in self.distributions[name]]
                                    for name in DISTRIBUTIONS}
        return out


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Every decision of a scenario, in order."""

    decisions: tuple[DecisionResult, ...]
    source: str = "<scenario>"
    interpretation: Mapping[str, bool] = field(default_factory=dict)

    def __getitem__(self, decision_id: str) -> DecisionResult:
        for d in self.decisions:
            if d.id == decision_id:
                return d
        raise KeyError(f"no decision {decision_id!r}; known: "
                       f"{', '.join(d.id for d in self.decisions)}")

    def to_dict(self, distributions: bool = False) -> dict[str, Any]:
        return {"source": self.source, "interpretation": dict(self.interpretation),
                "decisions": [d.to_dict(distributions) for d in self.decisions]}

    def to_frame(self) -> pd.DataFrame:
        """One row per decision: the probabilities, method and standard errors."""
        rows = []
        for d in self.decisions:
            row: dict[str, Any] = {"decision": d.id, "kind": d.kind}
            row.update({name: getattr(d, name) for name in PROBABILITIES})
            row["method"] = d.method
            row["stderr"] = d.stderr
            row.update({f"stderr_{name}": d.stderrs.get(name, 0.0) for name in PROBABILITIES})
            rows.append(row)
        return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _plan(rules: RuleSet, kind: str | None, members: int, decision_id: str | None
          ) -> DecisionPlan:
    return plan_decision(rules, kind, members, decision_id)


def plans_for(session: Session, members: int, source: str) -> list[DecisionPlan]:
    """One plan per decision of the session (the default kind when it lists none)."""
    rules = session.rules
    decisions = session.decisions
    if not decisions:
        return [_plan(rules, None, members, rules.default_kind)]
    plans = []
    for i, d in enumerate(decisions):
        kind = d.kind or rules.default_kind
        if kind not in rules.kinds:
            raise ScenarioError(source, f"decisions[{i}].kind", key="unknown_kind",
                                params={"kind": repr(kind)[:60], "body": rules.id,
                                        "kinds": ", ".join(rules.kinds)})
        plans.append(_plan(rules, kind, members, d.id))
    return plans


def line_combinations(cm: CompiledModel) -> list[tuple[float, tuple[int, ...]]]:
    """Every combination of bloc lines with positive probability, with that probability."""
    used = sorted({int(b) for b in cm.bloc if b >= 0})
    choices = []
    for b in used:
        line = cm.blocs[b].line
        choices.append([(line[k], k) for k in range(3) if line[k] > 0])
    combos = []
    for combo in itertools.product(*choices):
        weight = float(np.prod([w for w, _ in combo])) if combo else 1.0
        lines = [-1] * len(cm.blocs)
        for b, (_, k) in zip(used, combo, strict=True):
            lines[b] = k
        combos.append((weight, tuple(lines)))
    return combos


def combination_count(cm: CompiledModel) -> int:
    """How many combinations of bloc lines have positive probability."""
    used = {int(b) for b in cm.bloc if b >= 0}
    count = 1
    for b in used:
        count *= sum(1 for x in cm.blocs[b].line if x > 0)
    return count


def condition_on_lines(cm: CompiledModel, lines: Sequence[int]) -> CompiledModel:
    """Independent members given each bloc's line: a member follows it with the bloc's
    cohesion, in the session vote and in a written reply, else chooses on its own."""
    rows = np.flatnonzero(cm.bloc >= 0)
    vote = cm.vote.copy()
    written = cm.written.copy()
    own_line = np.asarray(lines, dtype=np.int64)[cm.bloc[rows]]
    vote[rows], written[rows] = cm.following(rows, own_line)
    return cm.with_arrays(vote=vote, written=written, bloc=np.full(cm.members, -1))


@dataclass
class _Mix:
    """Weighted sums of exact results over bloc-line combinations."""

    p_full: float = 0.0
    p_reduced: float = 0.0
    adopted_full: float = 0.0
    adopted_reduced: float = 0.0
    written_ok: float | None = 0.0
    dist: FloatArray | None = None

    def add(self, weight: float, r: ExactResult) -> None:
        self.p_full += weight * r.p_full
        self.p_reduced += weight * r.p_reduced
        self.adopted_full += weight * r.p_adopted_full
        self.adopted_reduced += weight * r.p_adopted_reduced
        if self.written_ok is not None and r.p_written_ok is not None:
            self.written_ok += weight * r.p_written_ok
        else:
            self.written_ok = None
        stack = np.stack([r.attendance, r.yes, r.no, r.abstain, r.replies])
        self.dist = weight * stack if self.dist is None else self.dist + weight * stack


def _frame(dist: FloatArray) -> pd.DataFrame:
    frame = pd.DataFrame(dist.T, columns=list(DISTRIBUTIONS))
    frame.index.name = "count"
    return frame


def _clamp(x: float) -> float:
    return float(min(max(x, 0.0), 1.0))


def simulate_model(cm: CompiledModel, plans: Sequence[DecisionPlan], *, method: str = "auto",
                   samples: int = DEFAULT_SAMPLES, seed: int | np.random.SeedSequence | None = 0,
                   max_lines: int = DEFAULT_MAX_LINES, workers: int | None = None,
                   written_budget: float = WRITTEN_BUDGET) -> list[DecisionResult]:
    """The results of ``plans`` under the compiled model ``cm`` (see :func:`simulate`)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of: {', '.join(METHODS)}")
    combos = combination_count(cm)
    seed_value = seed if isinstance(seed, int) else None
    if method == "monte-carlo" or (method == "auto" and combos > max_lines):
        runs = run_monte_carlo(cm, plans, samples, seed, workers=workers)
        return [_from_monte_carlo(plan, run, combos, seed_value) for plan, run in
                zip(plans, runs, strict=True)]
    if combos > max_lines:
        raise ValueError(f"the blocs make {combos} combinations of lines, more than "
                         f"{max_lines}: use the method 'auto' or 'monte-carlo', or raise "
                         "max_lines")
    mixes = [_Mix() for _ in plans]
    for weight, lines in line_combinations(cm):
        conditioned = condition_on_lines(cm, lines) if len(cm.blocs) else cm
        # The marginals depend on the plan only through whether suspended members count.
        dists: dict[bool, FloatArray] = {}
        for mix, plan in zip(mixes, plans, strict=True):
            dist = dists.get(plan.counts_suspended)
            if dist is None:
                dist = dists[plan.counts_suspended] = marginals(conditioned, plan)
            mix.add(weight, exact_decision(conditioned, plan, written_budget=written_budget,
                                           dist=dist))
    missing = [k for k, (mix, plan) in enumerate(zip(mixes, plans, strict=True))
               if plan.written and mix.written_ok is None]
    sampled_runs: dict[int, MonteCarloResult] = {}
    if missing:
        if method == "exact":
            raise ValueError("the written procedure of members that differ is too large to "
                             "compute exactly here; use the method 'auto', which samples "
                             "that part alone")
        runs = run_monte_carlo(cm, [plans[k] for k in missing], samples, seed,
                               workers=workers, histograms=False)
        sampled_runs = dict(zip(missing, runs, strict=True))
    results = []
    for k, (mix, plan) in enumerate(zip(mixes, plans, strict=True)):
        stderrs = dict.fromkeys(PROBABILITIES, 0.0)
        sampled: tuple[str, ...] = ()
        if not plan.written:
            executory = mix.adopted_full + mix.adopted_reduced
        elif mix.written_ok is not None:
            executory = mix.adopted_full + mix.written_ok
        else:
            run = sampled_runs[k]
            part, err = _written_share(mix.adopted_reduced, run)
            executory = mix.adopted_full + part
            stderrs["p_executory"] = err
            sampled = ("p_executory",)
        assert mix.dist is not None
        results.append(DecisionResult(
            id=plan.id, kind=plan.kind, body=plan.rules.id, members=plan.members,
            p_quorum_full=_clamp(mix.p_full), p_quorum_reduced=_clamp(mix.p_reduced),
            p_no_quorum=_clamp(1.0 - _clamp(mix.p_full) - _clamp(mix.p_reduced)),
            p_adopted=_clamp(mix.adopted_full + mix.adopted_reduced),
            p_executory=_clamp(min(executory, mix.adopted_full + mix.adopted_reduced)),
            method="monte-carlo" if sampled else "exact",
            stderrs=stderrs, sampled=sampled,
            samples=sampled_runs[k].samples if sampled else 0,
            distributions=_frame(mix.dist),
            quorum_required=plan.quorum_minimum,
            reduced_quorum_required=plan.band_lo if plan.band else None,
            written_procedure=plan.written, line_combinations=combos, seed=seed_value,
        ))
    return results


def _written_share(adopted_reduced: float, run: MonteCarloResult) -> tuple[float, float]:
    """P(written procedure succeeds) = exact P(adopted under the reduced quorum) times the
    sampled share of those sessions whose written procedure succeeds (a ratio estimate,
    so it never exceeds the exact figure), with its standard error."""
    n = run.adopted_reduced
    if n >= 30:
        share = run.written_ok / n
        return adopted_reduced * share, adopted_reduced * float(
            np.sqrt(share * (1.0 - share) / n))
    # Too few sampled sessions in that situation for a ratio: estimate directly.
    p = run.p("written_ok")
    return min(p, adopted_reduced), max(run.stderr("written_ok"), 1.0 / run.samples)


def _from_monte_carlo(plan: DecisionPlan, run: MonteCarloResult, combos: int,
                      seed: int | None) -> DecisionResult:
    n = plan.members
    dist = np.zeros((len(DISTRIBUTIONS), n + 1))
    for k, name in enumerate(DISTRIBUTIONS):
        hist = run.histograms.get(name)
        if hist is not None:
            dist[k, :len(hist)] = hist[:n + 1] / run.samples
    none = run.samples - run.full - run.reduced
    stderrs = {
        "p_quorum_full": run.stderr("full"),
        "p_quorum_reduced": run.stderr("reduced"),
        "p_no_quorum": float(np.sqrt(none / run.samples * (1 - none / run.samples)
                                     / run.samples)),
        "p_adopted": run.stderr("adopted"),
        "p_executory": run.stderr("executory"),
    }
    return DecisionResult(
        id=plan.id, kind=plan.kind, body=plan.rules.id, members=n,
        p_quorum_full=run.p("full"), p_quorum_reduced=run.p("reduced"),
        p_no_quorum=none / run.samples, p_adopted=run.p("adopted"),
        p_executory=run.p("executory"), method="monte-carlo", stderrs=stderrs,
        sampled=PROBABILITIES, samples=run.samples, distributions=_frame(dist),
        quorum_required=plan.quorum_minimum,
        reduced_quorum_required=plan.band_lo if plan.band else None,
        written_procedure=plan.written, line_combinations=combos, seed=seed,
    )


def check_samples(samples: int, source: str) -> None:
    """``--samples`` within :data:`quorum.limits.MAX_SAMPLES`."""
    from ..limits import MAX_SAMPLES

    if samples > MAX_SAMPLES:
        raise ScenarioError(source, "--samples", key="too_many",
                            params={"what": ("i18n", "samples",
                                                       "tirages"),
                                    "got": samples, "limit": MAX_SAMPLES})


def simulate(scenario: Scenario, *, method: str = "auto", samples: int = DEFAULT_SAMPLES,
             seed: int | None = 0, max_lines: int = DEFAULT_MAX_LINES,
             workers: int | None = None, model: Mapping[str, Any] | None = None
             ) -> SimulationResult:
    """The probabilities of every decision of ``scenario`` under its ``model:``.

    ``method``: "auto" (exact where possible, see the module notes), "exact" (fail rather
    than sample) or "monte-carlo" (sample everything). ``samples`` and ``seed`` drive the
    sampling when there is any; ``workers`` threads share it (default: every core).
    ``model`` replaces the scenario's ``model:`` mapping (as sweeps do).
    """
    if samples < 1:
        raise ScenarioError(scenario.source, "--samples", key="samples_none")
    check_samples(samples, scenario.source)
    cm = compile_model(scenario, model)
    plans = plans_for(scenario.session, cm.members, scenario.source)
    results = simulate_model(cm, plans, method=method, samples=samples, seed=seed,
                             max_lines=max_lines, workers=workers)
    return SimulationResult(tuple(results), scenario.source,
                            scenario.rules.interpretation.as_dict())
