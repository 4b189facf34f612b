"""Several bodies at once: joint sessions, concurrent majorities and the special count.

One attendance list, several bodies sitting together, each counting only its own members
(:mod:`quorum.joint.session`); who belongs to which body comes from the members' ``bodies``
(:mod:`quorum.joint.memberships` for the bundled WIPO roster). Each body is evaluated by
:func:`quorum.session.evaluate_decision`, the same evaluation as a body sitting alone.
"""

from .session import (
    JointDecision,
    JointOutcome,
    JointSession,
    SpecialCountResult,
    evaluate_joint,
    sub_session,
)

__all__ = [
    "JointDecision",
    "JointOutcome",
    "JointSession",
    "SpecialCountResult",
    "evaluate_joint",
    "sub_session",
]
