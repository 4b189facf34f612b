"""Elections: candidates, ballots in rounds, eliminations, ties, and their chances.

The procedures are data (:mod:`.procedure`, presets in ``quorum/data/elections``), the
count is a pure function (:func:`run_election`), the scenario block is read and written by
:mod:`.schema`, and the chances under a model are simulated by :mod:`.model`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .engine import (
    STATUSES,
    Candidate,
    Election,
    ElectionError,
    ElectionResult,
    Round,
    RoundResult,
    run_election,
)
from .procedure import (
    ELECTION_SWITCHES,
    AfterFailedRound,
    ElectionMajority,
    Procedure,
    Ties,
    get_procedure,
    procedure_names,
)

if TYPE_CHECKING:
    from ..scenario import Scenario

__all__ = [
    "STATUSES",
    "Candidate",
    "Election",
    "ElectionError",
    "ElectionResult",
    "Round",
    "RoundResult",
    "run_election",
    "ELECTION_SWITCHES",
    "AfterFailedRound",
    "ElectionMajority",
    "Procedure",
    "Ties",
    "get_procedure",
    "procedure_names",
    "elect",
]


def elect(scenario: Scenario) -> list[ElectionResult]:
    """Count every election of a loaded :class:`~quorum.scenario.Scenario`."""
    from .schema import election_context

    session = scenario.session
    known = session.roster is not None or session.present > 0
    members, present, _, _ = election_context(session, known)
    return [run_election(e, members, present) for e in scenario.elections]
