"""The rule-set vocabulary: thresholds, quorums, majorities and the bodies built from them.

A body (the Berne Assembly, its Executive Committee, the UN General Assembly...) is a
:class:`RuleSet`: plain, immutable data assembled from the small units below, each carrying
the article it implements. Evaluation (:mod:`quorum.session`) only ever asks a rule set
questions through these units, so a new treaty body is a new rule set, never a new code path.

Every comparison is exact: a threshold ``fraction`` of a ``total`` is met when
``count * denominator >= numerator * total`` (or ``>`` when strict). The same expression
works element-wise on integer numpy arrays, which the probability engine relies on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

__all__ = [
    "Base",
    "QuorumState",
    "Text",
    "Threshold",
    "Condition",
    "Majority",
    "Ratification",
    "QuorumRule",
    "ReducedQuorum",
    "ArrearsRule",
    "OrdinarySessionRule",
    "SessionRequestRule",
    "CommitteeRule",
    "EntryIntoForceRule",
    "ContributionRule",
    "Interpretation",
    "Note",
    "ConcurrentMajority",
    "SpecialCount",
    "RuleSet",
    "RulesCard",
    "SWITCHES",
]

IntLike = TypeVar("IntLike")


class Base(StrEnum):
    """What a majority is counted against."""

    VOTES_CAST = "votes_cast"  # yes + no: abstentions and non-voters left out
    PRESENT = "present"  # members represented (with the right to vote), abstainers included
    MEMBERS = "members"  # every member of the organ, present or not


class QuorumState(StrEnum):
    """How far representation at a session reaches."""

    FULL = "full"
    REDUCED = "reduced"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Text:
    """A short text in the two working languages."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True, slots=True)
class Threshold:
    """``count`` reaches ``fraction`` of ``total``: ``>=`` by default, ``>`` when ``strict``."""

    fraction: Fraction
    strict: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.fraction <= 1:
            raise ValueError(f"a threshold fraction must lie between 0 and 1, not {self.fraction}")

    def met(self, count: Any, total: Any) -> Any:
        """Exact integer test; works on ints and element-wise on integer numpy arrays."""
        lhs = count * self.fraction.denominator
        rhs = self.fraction.numerator * total
        return lhs > rhs if self.strict else lhs >= rhs

    def minimum(self, total: int) -> int:
        """The smallest count that meets the threshold out of ``total``."""
        num, den = self.fraction.numerator, self.fraction.denominator
        if self.strict:
            return (num * total) // den + 1
        return -((-num * total) // den)

    def describe(self) -> str:
        return f"{'>' if self.strict else '>='} {self.fraction}"

    def words(self, lang: str = "en") -> str:
        """The share in words, as a message parameter: ``1/2``, or ``more than half`` when
        the threshold is strict (a majority of the members, e.g. UNGA RoP rule 67)."""
        fr = lang == "fr"
        share = f"{self.fraction.numerator}/{self.fraction.denominator}"
        if self.fraction.denominator == 1:
            share = str(self.fraction.numerator)
        if not self.strict:
            return share
        if self.fraction == Fraction(1, 2):
            return "plus de la moitié" if fr else "more than half"
        return f"plus de {share}" if fr else f"more than {share}"

    def share(self) -> tuple[str, str, str]:
        """:meth:`words` in both languages (a bilingual message parameter)."""
        return ("i18n", self.words("en"), self.words("fr"))


@dataclass(frozen=True, slots=True)
class Condition:
    """One requirement of a majority: yes votes against a base."""

    threshold: Threshold
    base: Base = Base.VOTES_CAST

    def base_count(self, yes: Any, no: Any, present: Any, members: Any) -> Any:
        if self.base is Base.VOTES_CAST:
            return yes + no
        if self.base is Base.PRESENT:
            return present
        return members

    def met(self, yes: Any, no: Any, present: Any, members: Any) -> Any:
        return self.threshold.met(yes, self.base_count(yes, no, present, members))


@dataclass(frozen=True, slots=True)
class Ratification:
    """What an adopted decision still needs before it enters into force: ratification by
    ``threshold`` of all the members, including ``including`` (e.g. UN Charter Art. 108:
    two-thirds of the Members including all permanent members of the Security Council).

    A decision of a kind with this rule is adopted by the vote but not executory: its
    status says it awaits ratification.
    """

    threshold: Threshold
    including: Text
    article: str


@dataclass(frozen=True, slots=True)
class Majority:
    """The majority one kind of decision needs; all conditions must hold.

    ``written_procedure`` is False for decisions that take effect at once even under the
    reduced quorum (the Berne Assembly's decisions on its own procedure, Art. 22(3)(c)).
    """

    kind: str
    conditions: tuple[Condition, ...]
    article: str
    label: Text
    written_procedure: bool = True
    ratification: Ratification | None = None

    def met(self, yes: Any, no: Any, present: Any, members: Any) -> Any:
        """Whether the yes votes satisfy every condition (no special case for zero votes)."""
        result: Any = True
        for condition in self.conditions:
            result = result & condition.met(yes, no, present, members)
        return result

    def quota(self, voters: int, members: int) -> int | None:
        """The fewest yes votes (at least one) that carry the decision when ``voters``
        members all vote yes or no: then both votes cast and members present are
        ``voters``. None when even ``voters`` yes votes are not enough."""
        need = max([1, *(c.threshold.minimum(c.base_count(0, voters, voters, members))
                         for c in self.conditions)])
        return need if need <= voters else None

    def min_yes(self, no: int, present: int, members: int) -> int | None:
        """The fewest yes votes that carry the decision given the other counts (None: none can).

        A condition on ``votes_cast`` involves yes on both sides, so it is solved exactly:
        ``yes * den >= num * (yes + no)`` gives ``yes >= num * no / (den - num)``.
        """
        need = 0
        for condition in self.conditions:
            t = condition.threshold
            num, den = t.fraction.numerator, t.fraction.denominator
            if condition.base is Base.VOTES_CAST:
                if num == den:
                    # unanimity of votes cast: no "no" vote may be cast at all
                    if no > 0 or t.strict:
                        return None
                    continue
                if t.strict:
                    need = max(need, (num * no) // (den - num) + 1)
                else:
                    need = max(need, -((-num * no) // (den - num)))
            else:
                need = max(need, t.minimum(present if condition.base is Base.PRESENT else members))
        return need

    def describe(self, lang: str = "en") -> str:
        bases = {
            "en": {"votes_cast": "of votes cast", "present": "of members present",
                   "members": "of all members"},
            "fr": {"votes_cast": "des votes exprimés", "present": "des membres présents",
                   "members": "de tous les membres"},
        }[lang if lang == "fr" else "en"]
        parts = [f"{c.threshold.describe()} {bases[c.base.value]}" for c in self.conditions]
        return (" et " if lang == "fr" else " and ").join(parts)


@dataclass(frozen=True, slots=True)
class QuorumRule:
    """The share of members that must be represented for the body to decide."""

    threshold: Threshold
    article: str


@dataclass(frozen=True, slots=True)
class ReducedQuorum:
    """A lower band in which decisions are taken but wait for a written procedure."""

    threshold: Threshold
    written_procedure_months: int
    article: str


@dataclass(frozen=True, slots=True)
class ArrearsRule:
    """Loss of vote when arrears reach the dues of the preceding full years."""

    preceding_years: int
    article: str


@dataclass(frozen=True, slots=True)
class OrdinarySessionRule:
    """How often the body meets in ordinary session, and who convenes it."""

    every_years: int
    convened_by: Text | None
    article: str


@dataclass(frozen=True, slots=True)
class SessionRequestRule:
    """The share of members whose request convenes an extraordinary session."""

    threshold: Threshold
    article: str


@dataclass(frozen=True, slots=True)
class CommitteeRule:
    """An executive organ elected from the body: seats, ex officio seats, re-election cap."""

    fraction: Fraction
    ex_officio: int
    article: str
    ex_officio_article: str
    reelection_cap: Fraction
    reelection_article: str
    distribution_article: str = ""  # the equitable geographical distribution of seats

    def seats(self, members: int) -> int:
        """Elected seats: the fraction of members, remainders disregarded."""
        return (self.fraction.numerator * members) // self.fraction.denominator

    def reelection_limit(self, seats: int) -> int:
        return (self.reelection_cap.numerator * seats) // self.reelection_cap.denominator


@dataclass(frozen=True, slots=True)
class EntryIntoForceRule:
    """Written acceptances an amendment needs before it enters into force."""

    threshold: Threshold
    delay_months: int
    article: str


@dataclass(frozen=True, slots=True)
class ContributionRule:
    """Contribution classes and their units (a table of exact fractions)."""

    classes: tuple[tuple[str, Fraction], ...]
    article: str
    table: str = ""

    def units(self, contribution_class: str) -> Fraction:
        for name, units in self.classes:
            if name == contribution_class:
                return units
        known = ", ".join(name for name, _ in self.classes)
        raise KeyError(f"unknown contribution class {contribution_class!r} (known: {known})")


@dataclass(frozen=True, slots=True)
class Switch:
    """A named interpretation choice, documented once and shown in explanations."""

    name: str
    default: bool
    text: Text


SWITCHES: dict[str, Switch] = {
    s.name: s
    for s in (
        Switch(
            "arrears_count_for_quorum",
            True,
            Text(
                "A represented member that has lost its vote for arrears still counts toward "
                "the quorum: its vote, not its membership, is suspended.",
                "Un membre représenté privé de vote pour arriérés compte pour le quorum : "
                "c'est son vote, non sa qualité de membre, qui est suspendu.",
            ),
        ),
        Switch(
            "written_replies_only_from_absent",
            True,
            Text(
                "Only members that were not represented at the session may reply in the "
                "written procedure.",
                "Seuls les membres non représentés à la session peuvent répondre dans la "
                "procédure écrite.",
            ),
        ),
        Switch(
            "adopt_with_no_votes_cast",
            False,
            Text(
                "A decision on which no vote at all is cast is adopted.",
                "Une décision sur laquelle aucun vote n'est exprimé est adoptée.",
            ),
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Interpretation:
    """The interpretation switches of a rule set (see :data:`SWITCHES`)."""

    arrears_count_for_quorum: bool = True
    written_replies_only_from_absent: bool = True
    adopt_with_no_votes_cast: bool = False

    def as_dict(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name in SWITCHES}


@dataclass(frozen=True, slots=True)
class Note:
    """A rule of the body that the vocabulary does not evaluate, shown to users as such."""

    article: str
    text: Text


@dataclass(frozen=True, slots=True)
class ConcurrentMajority:
    """Decisions of ``kinds`` that need, besides this body's majority, the majority of each
    body in ``bodies`` (e.g. WIPO Conv. Art. 6(3)(g)); a body in ``bodies`` that has no
    majority of that kind decides by its ``kind`` majority."""

    kinds: tuple[str, ...]
    bodies: tuple[str, ...]
    kind: str
    article: str


@dataclass(frozen=True, slots=True)
class SpecialCount:
    """A count on separate lists that a member may ask for after a vote (WIPO Conv. Art.
    8(6)(b)): the yes and no votes of the members of each body in ``lists`` are counted
    apart, and the proposal fails unless each list reaches ``majority``."""

    lists: tuple[str, ...]
    majority: Majority
    article: str


@dataclass(frozen=True, slots=True)
class RulesCard:
    """The thresholds of a body for a given membership size."""

    body: str
    members: int
    quorum: int
    reduced_quorum: int | None
    majorities: tuple[tuple[str, str, str], ...]  # (kind, description, article)
    extraordinary_session_requests: int | None
    executive_committee_seats: int | None
    executive_committee_ex_officio: int | None
    executive_committee_reelection_cap: int | None
    amendment_acceptances: int | None
    articles: tuple[tuple[str, str], ...]
    ordinary_session_every_years: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "members": self.members,
            "quorum": self.quorum,
            "reduced_quorum": self.reduced_quorum,
            "extraordinary_session_requests": self.extraordinary_session_requests,
            "executive_committee_seats": self.executive_committee_seats,
            "executive_committee_ex_officio": self.executive_committee_ex_officio,
            "executive_committee_reelection_cap": self.executive_committee_reelection_cap,
            "amendment_acceptances": self.amendment_acceptances,
            "ordinary_session_every_years": self.ordinary_session_every_years,
            "majorities": {
                kind: {"rule": text, "article": article} for kind, text, article in self.majorities
            },
            "articles": dict(self.articles),
        }


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A body's rules as data. Build one with :func:`quorum.bodies.rule_set_from_mapping`."""

    id: str
    name: Text
    instrument: Text
    members_article: str
    vote_article: str
    abstentions_article: str
    quorum: QuorumRule
    majorities: tuple[Majority, ...]
    default_kind: str
    reduced_quorum: ReducedQuorum | None = None
    arrears: ArrearsRule | None = None
    extraordinary_session: SessionRequestRule | None = None
    ordinary_session: OrdinarySessionRule | None = None
    executive_committee: CommitteeRule | None = None
    amendment_entry_into_force: EntryIntoForceRule | None = None
    contributions: ContributionRule | None = None
    interpretation: Interpretation = field(default_factory=Interpretation)
    notes: tuple[Note, ...] = ()
    sources: tuple[str, ...] = ()
    concurrent: tuple[ConcurrentMajority, ...] = ()
    special_count: SpecialCount | None = None

    def concurrent_for(self, kind: str | None) -> ConcurrentMajority | None:
        """The concurrent-majority rule that a decision of ``kind`` falls under, if any."""
        for rule in self.concurrent:
            if (kind or self.default_kind) in rule.kinds:
                return rule
        return None

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(m.kind for m in self.majorities)

    def majority(self, kind: str | None = None) -> Majority:
        wanted = kind or self.default_kind
        for majority in self.majorities:
            if majority.kind == wanted:
                return majority
        raise KeyError(
            f"body {self.id!r} has no decision kind {wanted!r}; "
            f"known kinds: {', '.join(self.kinds)}"
        )

    def quorum_state(self, represented: Any, members: Any) -> QuorumState:
        """Full quorum, the reduced-quorum band, or neither (scalar form)."""
        if self.quorum.threshold.met(represented, members):
            return QuorumState.FULL
        if self.reduced_quorum is not None and self.reduced_quorum.threshold.met(
            represented, members
        ):
            return QuorumState.REDUCED
        return QuorumState.NONE

    def quorum_minimum(self, members: int) -> int:
        return self.quorum.threshold.minimum(members)

    def reduced_minimum(self, members: int) -> int | None:
        if self.reduced_quorum is None:
            return None
        return self.reduced_quorum.threshold.minimum(members)

    def replies_needed(self, represented: int, members: int) -> int:
        """Written replies that make up for the members missing at the session."""
        return max(0, self.quorum_minimum(members) - represented)

    def with_interpretation(self, **switches: bool) -> RuleSet:
        unknown = set(switches) - set(SWITCHES)
        if unknown:
            raise KeyError(f"unknown interpretation switch(es): {', '.join(sorted(unknown))}")
        current = self.interpretation.as_dict()
        current.update(switches)
        return _replace(self, interpretation=Interpretation(**current))

    def card(self, members: int) -> RulesCard:
        """The rules card for ``members`` members (Art. 22(3), 22(4), 23(3), 23(5)(b), 26(3))."""
        if members < 1:
            raise ValueError("a body needs at least one member")
        committee = self.executive_committee
        seats = committee.seats(members) if committee else None
        articles: list[tuple[str, str]] = [("quorum", self.quorum.article)]
        if self.reduced_quorum:
            articles.append(("reduced_quorum", self.reduced_quorum.article))
        if self.ordinary_session:
            articles.append(("ordinary_session_every_years", self.ordinary_session.article))
        if self.extraordinary_session:
            articles.append(("extraordinary_session_requests", self.extraordinary_session.article))
        if committee:
            articles.append(("executive_committee_seats", committee.article))
            articles.append(("executive_committee_ex_officio", committee.ex_officio_article))
            articles.append(("executive_committee_reelection_cap", committee.reelection_article))
        if self.amendment_entry_into_force:
            articles.append(("amendment_acceptances", self.amendment_entry_into_force.article))
        return RulesCard(
            body=self.id,
            members=members,
            quorum=self.quorum_minimum(members),
            reduced_quorum=self.reduced_minimum(members),
            majorities=tuple((m.kind, m.describe(), m.article) for m in self.majorities),
            extraordinary_session_requests=(
                self.extraordinary_session.threshold.minimum(members)
                if self.extraordinary_session
                else None
            ),
            executive_committee_seats=seats,
            executive_committee_ex_officio=committee.ex_officio if committee else None,
            executive_committee_reelection_cap=(
                committee.reelection_limit(seats) if committee and seats is not None else None
            ),
            amendment_acceptances=(
                self.amendment_entry_into_force.threshold.minimum(members)
                if self.amendment_entry_into_force
                else None
            ),
            articles=tuple(articles),
            ordinary_session_every_years=(
                self.ordinary_session.every_years if self.ordinary_session else None
            ),
        )


def _replace(rule_set: RuleSet, **changes: Any) -> RuleSet:
    from dataclasses import replace

    return replace(rule_set, **changes)


def as_fraction(value: Any) -> Fraction:
    """Read an exact fraction from ``"2/3"``, ``"0.5"``, an int or a Fraction (never a float
    in arithmetic), through the bounded reader :func:`quorum.numbers.parse_fraction`."""
    from .numbers import parse_fraction

    return parse_fraction(value, negative=True)


def text_from(value: Any, default: str = "") -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, Mapping):
        en = str(value.get("en", default))
        return Text(en, str(value.get("fr", en)))
    if value is None:
        return Text(default, default)
    return Text(str(value), str(value))
