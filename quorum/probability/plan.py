"""What a rule set asks of a count, in the integer form the probability engines carry.

The engines never re-decide a rule: the quorum band of every possible number of represented
members is read from :meth:`RuleSet.quorum_state`, replies needed from
:meth:`RuleSet.replies_needed`, and each condition of a majority (Art. 22(3)(d), 26(2), or a
custom body's) becomes an integer *margin* ``a*yes + b*no + c*present >= bound`` derived
from the condition's exact fraction and base. That form is additive over members, which is
what lets the exact engine convolve members one at a time; :func:`plan_decision` checks it
against :meth:`Majority.met` on a lattice of counts before any engine uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

import numpy as np

from ..rules import Base, Condition, Majority, QuorumState, RuleSet

__all__ = ["Margin", "DecisionPlan", "margin_of", "plan_decision"]


@dataclass(frozen=True, slots=True)
class Margin:
    """One condition as ``yes*Y + no*N + present*P >= bound`` in whole numbers.

    ``Y`` and ``N`` are yes and no votes, ``P`` the represented members holding the vote
    (the base "present"). A votes-cast condition ``Y/(Y+N) >= num/den`` becomes
    ``(den-num)*Y - num*N >= 0``; a strict one ``>= 1``.
    """

    yes: int
    no: int
    present: int
    bound: int


def margin_of(condition: Condition, members: int) -> Margin:
    """The margin form of one condition of a majority (exact integers, never floats)."""
    t = condition.threshold
    num, den = t.fraction.numerator, t.fraction.denominator
    extra = 1 if t.strict else 0
    if condition.base is Base.VOTES_CAST:
        a, b, c, bound = den - num, -num, 0, extra
    elif condition.base is Base.PRESENT:
        a, b, c, bound = den, 0, -num, extra
    else:
        a, b, c, bound = den, 0, 0, num * members + extra
    g = gcd(gcd(abs(a), abs(b)), abs(c))
    if g > 1:
        a, b, c = a // g, b // g, c // g
        bound = -((-bound) // g)  # g*x >= bound  <=>  x >= ceil(bound / g)
    return Margin(a, b, c, bound)


@dataclass(frozen=True, slots=True)
class DecisionPlan:
    """One decision kind of one body for ``members`` members, as the engines need it.

    The quorum states of ``r`` members represented (Art. 22(3)(b)-(c)) form three intervals:
    none on ``[0, low)``, reduced on ``[band_lo, full_lo)``, full on ``[full_lo, N]``.
    ``needed[r]`` is the number of written replies needed with ``r`` members represented
    (:meth:`RuleSet.replies_needed`, ``r = 0..N``). ``written`` says whether a session vote
    under the reduced quorum waits for the written procedure (False for decisions on the
    Assembly's own procedure, Art. 22(3)(c)).
    """

    id: str
    kind: str
    rules: RuleSet
    majority: Majority
    members: int
    margins: tuple[Margin, ...]
    full_lo: int
    band_lo: int
    quorum_minimum: int
    needed: tuple[int, ...]
    written: bool
    adopt_with_no_votes_cast: bool
    counts_suspended: bool

    @property
    def low(self) -> int:
        """The fewest represented members with which the body can decide at all."""
        return min(self.band_lo, self.full_lo)

    @property
    def band(self) -> range:
        """Represented counts of the reduced-quorum band (empty without one)."""
        return range(self.band_lo, self.full_lo) if self.band_lo < self.full_lo else range(0)

    @property
    def max_replies_needed(self) -> int:
        """The most written replies needed over the reduced-quorum band (0 without one)."""
        return max(self.needed[self.band_lo:self.full_lo], default=0)


def plan_decision(rules: RuleSet, kind: str | None, members: int,
                  decision_id: str | None = None) -> DecisionPlan:
    """Read a decision kind of ``rules`` into a :class:`DecisionPlan` for ``members``."""
    majority = rules.majority(kind)
    margins: dict[tuple[int, int, int], int] = {}
    for condition in majority.conditions:
        m = margin_of(condition, members)
        key = (m.yes, m.no, m.present)
        margins[key] = max(margins.get(key, m.bound), m.bound)
    forms = tuple(Margin(a, b, c, bound) for (a, b, c), bound in margins.items())
    _check_margins(majority, forms, members)
    states = tuple(rules.quorum_state(r, members) for r in range(members + 1))
    full = [r for r, s in enumerate(states) if s is QuorumState.FULL]
    band = [r for r, s in enumerate(states) if s is QuorumState.REDUCED]
    full_lo = full[0] if full else members + 1
    band_lo = band[0] if band else full_lo
    expected = ([QuorumState.NONE] * min(band_lo, full_lo) + [QuorumState.REDUCED] * len(band)
                + [QuorumState.FULL] * len(full))
    if list(states) != expected or (full and full[-1] != members):
        raise ValueError(f"the quorum states of {rules.id} are not monotone in the number "
                         "represented; the probability engine needs them to be")
    return DecisionPlan(
        id=decision_id or majority.kind,
        kind=majority.kind,
        rules=rules,
        majority=majority,
        members=members,
        margins=forms,
        full_lo=full_lo,
        band_lo=band_lo,
        quorum_minimum=rules.quorum_minimum(members),
        needed=tuple(rules.replies_needed(r, members) for r in range(members + 1)),
        written=bool(band) and majority.written_procedure,
        adopt_with_no_votes_cast=rules.interpretation.adopt_with_no_votes_cast,
        counts_suspended=rules.interpretation.arrears_count_for_quorum,
    )


def _check_margins(majority: Majority, margins: tuple[Margin, ...], members: int) -> None:
    """Guard: the margin forms agree with :meth:`Majority.met` on a lattice of counts."""
    side = max(16, min(members, 64) + 1)
    yes, no, extra = np.meshgrid(np.arange(side), np.arange(side), np.arange(4), indexing="ij")
    present = yes + no + extra
    ours = np.ones(yes.shape, dtype=bool)
    for m in margins:
        ours &= (m.yes * yes + m.no * no + m.present * present) >= m.bound
    theirs = np.broadcast_to(majority.met(yes, no, present, members), yes.shape)
    if not np.array_equal(ours, theirs):
        raise AssertionError(f"margin forms disagree with the majority {majority.kind!r}")
