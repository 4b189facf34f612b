"""quorum: the reference simulator of how treaty assemblies decide.

The core computes with immutable values and does no I/O beyond reading its own package
data. Start with :func:`load_scenario` and :func:`evaluate`, or :func:`get_body` and
:meth:`RuleSet.card`.
"""

from .bodies import get_body, preset_names, rule_set_from_mapping
from .errors import ScenarioError
from .explain import Step
from .members import Member, VotingRight, voting_right
from .periods import add_months
from .rules import Base, Majority, QuorumState, RulesCard, RuleSet, Threshold
from .session import (
    Choice,
    Count,
    Decision,
    Outcome,
    Session,
    Status,
    Votes,
    WrittenProcedure,
    decide,
    evaluate,
    evaluate_decision,
)

__version__ = "0.1.0"

__all__ = [
    "Base",
    "Choice",
    "Count",
    "Decision",
    "Majority",
    "Member",
    "Outcome",
    "QuorumState",
    "RuleSet",
    "RulesCard",
    "ScenarioError",
    "Session",
    "Status",
    "Step",
    "Threshold",
    "Votes",
    "VotingRight",
    "WrittenProcedure",
    "add_months",
    "decide",
    "evaluate",
    "evaluate_decision",
    "get_body",
    "preset_names",
    "rule_set_from_mapping",
    "voting_right",
]
