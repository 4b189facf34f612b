"""The what-if engine: probabilities of quorum, adoption and executory status.

A scenario's ``model:`` (:mod:`.model`) says how likely each member is to be represented,
how it votes, and how it replies in the written procedure of Art. 22(3)(c). From it:

* :func:`simulate` gives, for every decision, the probabilities of full quorum, reduced
  quorum and no quorum (Art. 22(3)(b)-(c)), of adoption at the session (Art. 22(3)(d)),
  of ending executory, and the distributions of attendance and votes; exact where members
  are independent or blocs few (:mod:`.exact`), sampled otherwise (:mod:`.montecarlo`);
* :func:`sweep` evaluates a grid of parameters into a tidy DataFrame, locally or on a
  dask.distributed cluster (:mod:`.sweep`);
* :func:`swings` measures how much each member's and group's presence or vote moves the
  probability of adoption (:mod:`.swing`).

The engines decide with the rule set's own units (:mod:`.plan`), so their answers are
those of :func:`quorum.session.decide` applied to every possible session.
"""

from .engine import (
    DEFAULT_MAX_LINES,
    DEFAULT_SAMPLES,
    METHODS,
    DecisionResult,
    SimulationResult,
    simulate,
    simulate_model,
)
from .model import CompiledModel, compile_model, parse_model
from .plan import DecisionPlan, plan_decision
from .sweep import PARAMETERS, parse_param, sweep
from .swing import swings

__all__ = [
    "CompiledModel",
    "DEFAULT_MAX_LINES",
    "DEFAULT_SAMPLES",
    "DecisionPlan",
    "DecisionResult",
    "METHODS",
    "PARAMETERS",
    "SimulationResult",
    "compile_model",
    "parse_model",
    "parse_param",
    "plan_decision",
    "simulate",
    "simulate_model",
    "sweep",
    "swings",
]
