"""quorum: the reference simulator of how treaty assemblies decide.

The core computes with immutable values and does no I/O beyond reading its own package
data. Start with :func:`load_scenario` and :func:`evaluate`, or :func:`get_body` and
:meth:`RuleSet.card`.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# The public names, each imported from its module on first use (PEP 562), so that importing
# one part of quorum (the command line, the errors) does not import the rest: the schema
# (pydantic), YAML and every rule module would otherwise load with any ``import quorum.x``.
_WHERE = {
    "get_body": "bodies", "preset_names": "bodies", "rule_set_from_mapping": "bodies",
    "ScenarioError": "errors",
    "Step": "explain",
    "Member": "members", "VotingRight": "members", "voting_right": "members",
    "add_months": "periods",
    "Base": "rules", "Majority": "rules", "QuorumState": "rules", "RulesCard": "rules",
    "RuleSet": "rules", "Threshold": "rules",
    "Choice": "session", "Count": "session", "Decision": "session", "Outcome": "session",
    "Session": "session", "Status": "session", "Votes": "session",
    "WrittenProcedure": "session", "decide": "session", "evaluate": "session",
    "evaluate_decision": "session",
}


def __getattr__(name: str) -> Any:
    from importlib import import_module

    module = _WHERE.get(name)
    if module is None:
        # ``import quorum`` then ``quorum.session.evaluate``: the submodule, imported now.
        if name.startswith("_"):
            raise AttributeError(f"module 'quorum' has no attribute {name!r}")
        try:
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'quorum' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
