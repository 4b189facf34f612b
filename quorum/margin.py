"""How far a vote is from the other outcome: the majority as the treaty states it, and the
fewest votes that would change the result.

A majority is stated on its base ("two-thirds of the votes cast", Art. 22(3)(d) of the
Berne Convention): :func:`requirements` gives, for each of its conditions, the yes votes
that condition asks for out of the base as counted ("115 of 172 votes cast").

:func:`margin` answers the delegate's other question: how many more yes votes, or how many
fewer no votes, would carry a rejected decision; how many fewer yes votes, or more no
votes, would defeat an adopted one; and when no such change among the members present is
possible, that nothing could change it. Everything is counted in exact integers by the
majority's own test (:meth:`quorum.rules.Majority.met`), so this module decides nothing the
rules do not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .rules import Base, Majority

__all__ = ["Requirement", "Margin", "requirements", "margin"]


@dataclass(frozen=True, slots=True)
class Requirement:
    """One condition of a majority on its base as counted: ``needed`` yes of ``of``."""

    base: Base
    fraction: Fraction
    strict: bool
    needed: int
    of: int


@dataclass(frozen=True, slots=True)
class Margin:
    """The smallest changes of the vote that would change whether the majority is met.

    ``open_votes``: the members present with the vote who voted neither yes nor no
    (abstained, or recorded no choice): the only source of more yes or more no votes.
    For a majority not met, ``more_yes`` (no votes unchanged) and ``fewer_no`` (no votes
    withdrawn, yes unchanged); for a majority met, ``fewer_yes`` and ``more_no``. A field
    is None when no such change can reach the other outcome (or does not apply).
    ``switched``: the fewest voters who, changing sides (yes to no for a majority met, no
    to yes otherwise), change the outcome.
    """

    met: bool
    open_votes: int
    more_yes: int | None = None
    fewer_no: int | None = None
    fewer_yes: int | None = None
    more_no: int | None = None
    switched: int | None = None

    @property
    def settled(self) -> bool:
        """Whether no change of the votes of the members present changes the outcome."""
        return all(v is None for v in (self.more_yes, self.fewer_no, self.fewer_yes,
                                       self.more_no, self.switched))


def requirements(majority: Majority, yes: int, no: int, present: int, members: int
                 ) -> tuple[Requirement, ...]:
    """Each condition of ``majority`` as the yes votes it needs out of its base, with the
    base counted as it stands (votes cast ``yes + no``, members present with the vote
    ``present``, or all ``members``)."""
    out = []
    for condition in majority.conditions:
        of = condition.base_count(yes, no, present, members)
        out.append(Requirement(condition.base, condition.threshold.fraction,
                               condition.threshold.strict, condition.threshold.minimum(of), of))
    return tuple(out)


def _first(limit: int, flips: Callable[[int], bool]) -> int | None:
    """The smallest ``k`` in 1..limit for which ``flips(k)``; None if there is none.

    ``flips`` is monotone (more yes votes never defeat a majority, more no votes never
    carry one), so a bisection finds it in a logarithmic number of exact tests.
    """
    if limit < 1 or not flips(limit):
        return None
    low, high = 1, limit  # flips(high) holds
    while low < high:
        middle = (low + high) // 2
        if flips(middle):
            high = middle
        else:
            low = middle + 1
    return low


def margin(majority: Majority, yes: int, no: int, present: int, members: int,
           adopt_with_no_votes_cast: bool = False) -> Margin:
    """The smallest changes that would change the outcome of the vote.

    ``present`` is the number of members present holding the vote (the base "present");
    a vote with no yes and no no follows the interpretation switch
    ``adopt_with_no_votes_cast`` as :func:`quorum.session.decide` does.
    """
    open_votes = max(0, present - yes - no)

    def met(y: int, n: int) -> bool:
        if y + n == 0:
            return adopt_with_no_votes_cast
        return bool(majority.met(y, n, present, members))

    now = met(yes, no)
    if now:
        return Margin(True, open_votes,
                      fewer_yes=_first(yes, lambda k: not met(yes - k, no)),
                      more_no=_first(open_votes, lambda k: not met(yes, no + k)),
                      switched=_first(yes, lambda k: not met(yes - k, no + k)))
    return Margin(False, open_votes,
                  more_yes=_first(open_votes, lambda k: met(yes + k, no)),
                  fewer_no=_first(no, lambda k: met(yes, no - k)),
                  switched=_first(no, lambda k: met(yes + k, no - k)))
