"""A session told step by step, for teaching, and what changes if one thing changes.

:func:`walkthrough` turns the :class:`~quorum.session.Outcome` of one decision into the
stages a session goes through, in the order they happen: convocation (Art. 22(4)), members
and observers (Art. 22(1), 22(3)(g)), representation and the quorum (Art. 22(3)(b)-(c)),
the vote and abstentions (Art. 22(3)(a), (e)), the result (Art. 22(3)(d)) and, under the
reduced quorum, the communication, the period, the replies and the final status of the
written procedure (Art. 22(3)(c)). Nothing is decided here: every figure comes from the
public :func:`quorum.evaluate`, from the rule set's units (:meth:`RuleSet.card`) or from
:func:`quorum.voting_right`.

:func:`what_if` applies one of three small changes to a session (one more member present,
one no turned into an abstention, one member in arrears), evaluates the changed session
with the same public :func:`quorum.evaluate` and says what the change did.

Sentences are data (:class:`Sentence`: a message key and its parameters), rendered in
English or French from ``quorum/locales/teaching_{en,fr}.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .explain import LANGUAGES, Step, bilingual, described, fmt, package_catalogue, template
from .members import Headcount, Member, arrears_threshold, headcount
from .rules import Base, Majority, QuorumState, RuleSet, Text
from .scenario import Scenario
from .session import Choice, Decision, Outcome, Session, Status, Votes, evaluate

__all__ = [
    "Change",
    "Convocation",
    "Label",
    "Sentence",
    "SessionKind",
    "Stage",
    "WalkStep",
    "body_forms",
    "format_amount",
    "format_date",
    "WhatIf",
    "render_walkthrough",
    "teaching_catalogue",
    "text",
    "walkthrough",
    "what_if",
]


# ---------------------------------------------------------------------------------------
# The teaching catalogue


@dataclass(frozen=True, slots=True)
class Label:
    """A parameter shown as a phrase of the teaching catalogue (a status, a vote...)."""

    key: str


def teaching_catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of ``quorum/locales/teaching_{lang}.toml``."""
    return package_catalogue("teaching_", lang)


_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}


def format_date(day: date, lang: str = "en") -> str:
    """``15 July 2026`` / ``15 juillet 2026`` (``1er`` for the first day in French)."""
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {_MONTHS['fr' if lang == 'fr' else 'en'][day.month - 1]} {day.year}"


def format_amount(value: Fraction, lang: str = "en") -> str:
    """An amount of money: whole numbers as such, others with two decimals."""
    if value.denominator == 1:
        return fmt(value.numerator, lang)
    cents = round(value * 100)
    whole = fmt(cents // 100, lang)
    return f"{whole}{',' if lang == 'fr' else '.'}{cents % 100:02d}"


def _fmt(value: Any, lang: str) -> str:
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Fraction) and value.denominator != 1 and value > 1:
        return format_amount(value, lang)
    if isinstance(value, Label):
        return text(value.key, lang)
    if isinstance(value, Text):
        return value.get(lang)
    if value is None:
        return "—"
    return fmt(value, lang)


def text(key: str, lang: str = "en", **params: Any) -> str:
    """A sentence of the teaching catalogue (English when the French one is missing)."""
    return template(teaching_catalogue, key, lang).format(
        **{k: _fmt(v, lang) for k, v in params.items()})


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as data: a catalogue key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = "en") -> str:
        return text(self.key, lang, **dict(self.params))

    def get(self, name: str) -> Any:
        return dict(self.params).get(name)


def sentence(key: str, **params: Any) -> Sentence:
    return Sentence(key, tuple(params.items()))


def _plain(value: Any) -> Any:
    """A JSON value for a figure: numbers stay numbers, texts become {en, fr}."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return {lang: _fmt(value, lang) for lang in LANGUAGES}


# ---------------------------------------------------------------------------------------
# The walkthrough


class Stage(StrEnum):
    """The stages of a session, in the order they happen."""

    CONVOCATION = "convocation"
    MEMBERSHIP = "membership"
    QUORUM = "quorum"
    VOTE = "vote"
    RESULT = "result"
    COMMUNICATION = "communication"
    PERIOD = "period"
    REPLIES = "replies"
    FINAL = "final"


class SessionKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"


@dataclass(frozen=True, slots=True)
class Convocation:
    """How the session was convened (Art. 22(4)): ordinary, or extraordinary on request.

    ``requests`` is the number of members that asked for an extraordinary session, when
    known; the walkthrough then says whether it reaches the share the rule set requires.
    """

    kind: SessionKind = SessionKind.ORDINARY
    requests: int | None = None


@dataclass(frozen=True, slots=True)
class WalkStep:
    """One stage of the session: its title, article, figures, sentences and core trace."""

    stage: Stage
    article: str
    title: Sentence
    sentences: tuple[Sentence, ...]
    figures: tuple[tuple[str, Any], ...] = ()
    trace: tuple[Step, ...] = ()

    def heading(self, lang: str = "en") -> str:
        return self.title.render(lang)

    def text(self, lang: str = "en") -> str:
        """The plain-language account of this stage."""
        return " ".join(s.render(lang) for s in self.sentences)

    def figure_rows(self, lang: str = "en") -> list[tuple[str, str]]:
        """``(label, value)`` pairs of this scenario's figures at this stage."""
        return [(text(f"figure.{name}", lang), _fmt(value, lang)) for name, value in self.figures]

    def figure(self, name: str) -> Any:
        return dict(self.figures).get(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage.value,
            "article": self.article,
            "title": {lang: self.heading(lang) for lang in LANGUAGES},
            "text": {lang: self.text(lang) for lang in LANGUAGES},
            "sentences": [{"key": s.key} for s in self.sentences],
            "figures": {name: _plain(value) for name, value in self.figures},
            "trace": [s.to_dict() for s in self.trace],
        }


_PARAGRAPH = re.compile(r"^(.*\(\d+\))\([a-z]+\)$")


def _paragraph(article: str) -> str:
    """``Art. 22(4)(b)`` -> ``Art. 22(4)``: the paragraph that holds both kinds of session."""
    match = _PARAGRAPH.match(article)
    return match.group(1) if match else article


_MASCULINE_FR = ("Comité", "Conseil", "Bureau")


def body_forms(rules: RuleSet) -> dict[str, tuple[str, str, str]]:
    """The body's name with its definite article, for use inside and at the start of sentences.

    French elides and contracts the article (l'Assemblée, le Comité, de la Conférence, du
    Comité), so the three forms are built once here rather than in every template.
    """
    en, fr = rules.name.en, rules.name.fr
    if fr[:1].lower() in "aeéèêiîoôuh":
        the_fr, of_fr = f"l'{fr}", f"de l'{fr}"
    elif fr.startswith(_MASCULINE_FR):
        the_fr, of_fr = f"le {fr}", f"du {fr}"
    else:
        the_fr, of_fr = f"la {fr}", f"de la {fr}"
    return {
        "the_body": bilingual(f"the {en}", the_fr),
        "The_body": bilingual(f"The {en}", the_fr[:1].upper() + the_fr[1:]),
        "of_the_body": bilingual(f"of the {en}", of_fr),
    }


def _names(members: Sequence[Member], limit: int = 12) -> tuple[str, str, str]:
    def join(lang: str) -> str:
        names = [m.label(lang) for m in members[:limit]]
        return ", ".join(names) + (" …" if len(members) > limit else "")

    return bilingual(join("en"), join("fr"))


def _session_of(scenario: Scenario | Session) -> Session:
    return scenario.session if isinstance(scenario, Scenario) else scenario


def _pick(session: Session, decision_id: str | None) -> int:
    if not session.decisions:
        raise ValueError(f"{session.source}: the scenario has no decision to walk through. "
                         "Fix: add one under 'decisions:'")
    if decision_id is None:
        return 0
    for index, decision in enumerate(session.decisions):
        if decision.id == decision_id:
            return index
    known = ", ".join(d.id for d in session.decisions)
    raise KeyError(f"{session.source}: no decision {decision_id!r}. Fix: use one of: {known}")


def _trace(outcome: Outcome, *prefixes: str, exclude: tuple[str, ...] = ()) -> tuple[Step, ...]:
    return tuple(s for s in outcome.trace
                 if s.key.startswith(prefixes) and not s.key.startswith(exclude))


def _trace_step(outcome: Outcome, *keys: str) -> Step | None:
    for s in outcome.trace:
        if s.key in keys:
            return s
    return None


def _join_articles(*articles: str) -> str:
    seen: list[str] = []
    for article in articles:
        if article and article not in seen:
            seen.append(article)
    return "; ".join(seen)


def walkthrough(
    scenario: Scenario | Session,
    decision_id: str | None = None,
    convocation: Convocation | None = None,
) -> tuple[WalkStep, ...]:
    """The session of ``scenario`` told stage by stage for one decision (the first by default).

    Raises :class:`KeyError` for an unknown ``decision_id`` and :class:`ValueError` (a
    :class:`~quorum.errors.ScenarioError` for bad scenario data) otherwise.
    """
    session = _session_of(scenario)
    index = _pick(session, decision_id)
    outcome = evaluate(session)[index]
    decision = session.decisions[index]
    rules = session.rules
    majority = rules.majority(decision.kind)
    body = body_forms(rules)
    steps = [
        _convocation(rules, session.members, convocation or Convocation(), body),
        _membership(session, outcome, body),
        _quorum(session, outcome, body),
        _vote(rules, majority, outcome),
        _result(rules, majority, outcome),
    ]
    if (outcome.quorum is QuorumState.REDUCED and outcome.adopted
            and majority.written_procedure):
        steps.extend(_written(session, decision, majority, outcome))
    return tuple(steps)


def _convocation(rules: RuleSet, members: int, convocation: Convocation,
                 body: dict[str, tuple[str, str, str]]) -> WalkStep:
    """Art. 22(4): how often the body meets (a), and the requests that convene it (b)."""
    ordinary, rule = rules.ordinary_session, rules.extraordinary_session
    title = sentence(f"stage.{Stage.CONVOCATION}")
    figures: list[tuple[str, Any]] = [("members", members)]
    sentences: list[Sentence] = []
    if ordinary is not None:
        figures.append(("every_years", ordinary.every_years))
    if convocation.kind is SessionKind.ORDINARY:
        if ordinary is None:
            sentences.append(sentence("walk.convocation.ordinary_plain", **body))
        else:
            key = "ordinary_yearly" if ordinary.every_years == 1 else "ordinary"
            sentences.append(sentence(f"walk.convocation.{key}", **body,
                                      years=ordinary.every_years))
            if ordinary.convened_by is not None:
                sentences.append(sentence("walk.convocation.convened_by",
                                          by=ordinary.convened_by))
    if rule is None:
        if convocation.kind is SessionKind.EXTRAORDINARY:
            raise ValueError(f"{rules.id} has no rule on extraordinary sessions. "
                             "Fix: walk through an ordinary session")
        article = ordinary.article if ordinary else ""
        return WalkStep(Stage.CONVOCATION, article, title, tuple(sentences), tuple(figures))
    requests = rules.card(members).extraordinary_session_requests
    params = dict(body, members=members, requests=requests, fraction=rule.threshold.fraction)
    figures.append(("requests", requests))
    if convocation.kind is SessionKind.ORDINARY:
        sentences.append(sentence("walk.convocation.extraordinary_option", **params))
        return WalkStep(Stage.CONVOCATION, _both(ordinary.article if ordinary else "",
                                                 rule.article),
                        title, tuple(sentences), tuple(figures))
    sentences.append(sentence("walk.convocation.extraordinary", **params))
    if convocation.requests is not None:
        if convocation.requests < 0:
            raise ValueError("the number of requests cannot be negative")
        enough = bool(rule.threshold.met(convocation.requests, members))
        sentences.append(sentence(
            "walk.convocation.extraordinary_enough" if enough
            else "walk.convocation.extraordinary_short",
            received=convocation.requests, requests=requests))
        figures.append(("received_requests", convocation.requests))
    return WalkStep(Stage.CONVOCATION, rule.article, title, tuple(sentences), tuple(figures))


def _both(first: str, second: str) -> str:
    """One citation for two rules: their common paragraph (``Art. 22(4)``) when they share
    one, else both."""
    if not first or first == second:
        return _paragraph(second) if not first else first
    if _paragraph(first) == _paragraph(second):
        return _paragraph(first)
    return f"{first}; {second}"


def _membership(session: Session, outcome: Outcome,
                body: dict[str, tuple[str, str, str]]) -> WalkStep:
    rules = session.rules
    title = sentence(f"stage.{Stage.MEMBERSHIP}")
    trace = _trace(outcome, "body.")
    if session.roster is None:
        return WalkStep(Stage.MEMBERSHIP, rules.members_article, title,
                        (sentence("walk.membership.aggregate", members=session.members,
                                  **body),),
                        (("members", session.members),), trace)
    observers = [m for m in session.roster if m.observer]
    sentences = [sentence("walk.membership.roster", members=session.members, **body)]
    if observers:
        sentences.append(sentence("walk.membership.observers", observers=len(observers),
                                  names=_names(observers)))
    else:
        sentences.append(sentence("walk.membership.no_observers"))
    return WalkStep(Stage.MEMBERSHIP, rules.members_article, title, tuple(sentences),
                    (("members", session.members), ("observers", len(observers))), trace)


def _without_vote(session: Session) -> list[Member]:
    """Represented members of the organ that have lost the vote (Art. 25(4)(e))."""
    if session.roster is None:
        return []
    return list(_headcount(session).suspended)


def _quorum(session: Session, outcome: Outcome,
            body: dict[str, tuple[str, str, str]]) -> WalkStep:
    rules = session.rules
    reduced = rules.reduced_quorum
    params: dict[str, Any] = dict(
        body, represented=outcome.represented, members=outcome.members,
        quorum=outcome.quorum_required, fraction=rules.quorum.threshold.share(),
        reduced=outcome.reduced_quorum_required,
        reduced_fraction=reduced.threshold.share() if reduced else None)
    article = rules.quorum.article
    if outcome.quorum is QuorumState.FULL:
        key = "walk.quorum.full"
    elif reduced is not None:
        key = "walk.quorum.reduced" if outcome.quorum is QuorumState.REDUCED else \
            "walk.quorum.none_reduced"
        article = _join_articles(rules.quorum.article, reduced.article)
    else:
        key = "walk.quorum.none"
    sentences = [sentence(key, **params)]
    figures: list[tuple[str, Any]] = [("represented", outcome.represented),
                                      ("members", outcome.members),
                                      ("quorum", outcome.quorum_required)]
    if reduced is not None:
        figures.append(("reduced", outcome.reduced_quorum_required))
    suspended = _without_vote(session)
    if suspended:
        counted = rules.interpretation.arrears_count_for_quorum
        sentences.append(sentence("walk.quorum.arrears_counted" if counted
                                  else "walk.quorum.arrears_not_counted",
                                  count=len(suspended), names=_names(suspended)))
        figures.append(("without_vote", len(suspended)))
        if rules.arrears:
            article = _join_articles(article, rules.arrears.article)
    figures.append(("state", Label(f"quorum_state.{outcome.quorum.value}")))
    return WalkStep(Stage.QUORUM, article, sentence(f"stage.{Stage.QUORUM}"),
                    tuple(sentences), tuple(figures), _trace(outcome, "arrears.", "quorum."))


def _vote(rules: RuleSet, majority: Majority, outcome: Outcome) -> WalkStep:
    counts = dict(yes=outcome.yes, no=outcome.no, abstain=outcome.abstain,
                  cast=outcome.votes_cast)
    figures = tuple(counts.items())
    title = sentence(f"stage.{Stage.VOTE}")
    if outcome.quorum is QuorumState.NONE:
        return WalkStep(Stage.VOTE, rules.vote_article, title,
                        (sentence("walk.vote.no_quorum", **counts),), figures)
    sentences = [sentence("walk.vote.counted", **counts)]
    lost = _trace_step(outcome, "votes.not_counted")
    if lost is not None:
        sentences.append(sentence("walk.vote.lost", count=lost.get("count"),
                                  names=lost.get("names")))
    if all(c.base is Base.VOTES_CAST for c in majority.conditions):
        sentences.append(sentence("walk.vote.abstentions" if outcome.abstain
                                  else "walk.vote.abstentions_none", **counts))
    else:
        sentences.append(sentence("walk.vote.abstentions_present_base"))
    return WalkStep(Stage.VOTE, _join_articles(rules.vote_article, rules.abstentions_article),
                    title, tuple(sentences), figures, _trace(outcome, "votes."))


def _status_figure(outcome: Outcome) -> tuple[str, Any]:
    return ("status", Label(f"status.{outcome.status.value}"))


def _result(rules: RuleSet, majority: Majority, outcome: Outcome) -> WalkStep:
    rule = described(majority)
    params = dict(label=majority.label, rule=rule, yes=outcome.yes, no=outcome.no,
                  cast=outcome.votes_cast, min_yes=outcome.min_yes)
    title = sentence(f"stage.{Stage.RESULT}")
    figures: list[tuple[str, Any]] = [("rule", rule)]
    trace = _trace(outcome, "majority.", "status.",
                   exclude=("status.executory_written", "status.lapsed", "status.pending"))
    if outcome.quorum is QuorumState.NONE:
        return WalkStep(Stage.RESULT, rules.quorum.article, title,
                        (sentence("walk.result.no_quorum"),), (_status_figure(outcome),), trace)
    article = majority.article
    if outcome.votes_cast == 0:
        key = "walk.result.no_votes_adopted" if outcome.majority_met else \
            "walk.result.no_votes_rejected"
    elif not outcome.majority_met:
        key = "walk.result.rejected"
    elif outcome.status is Status.AWAITING_RATIFICATION and majority.ratification:
        key = "walk.result.adopted_ratification"  # e.g. UN Charter Art. 108
        article = _join_articles(article, majority.ratification.article)
    elif outcome.quorum is QuorumState.FULL:
        key = "walk.result.adopted_executory"
    elif not majority.written_procedure:
        key = "walk.result.adopted_procedural"
        if rules.reduced_quorum:
            article = _join_articles(article, rules.reduced_quorum.article)
    else:
        key = "walk.result.adopted_waiting"
    if outcome.votes_cast:
        figures.append(("min_yes", outcome.min_yes))
    written_follows = key == "walk.result.adopted_waiting"
    if not written_follows:
        figures.append(_status_figure(outcome))
    return WalkStep(Stage.RESULT, article, title, (sentence(key, **params),), tuple(figures),
                    trace)


def _written(session: Session, decision: Decision, majority: Majority,
             outcome: Outcome) -> list[WalkStep]:
    rules = session.rules
    assert rules.reduced_quorum is not None
    article = rules.reduced_quorum.article
    months = rules.reduced_quorum.written_procedure_months
    absent = session.members - session.present
    communicated = decision.written.communicated if decision.written else None
    needed = outcome.written_replies_needed
    deadline = outcome.deadline

    communication = WalkStep(
        Stage.COMMUNICATION, article, sentence(f"stage.{Stage.COMMUNICATION}"),
        (sentence("walk.communication.dated" if communicated else "walk.communication.undated",
                  absent=absent, communicated=communicated),),
        (("absent", absent), ("communicated", communicated)),
        _trace(outcome, "written.needed"))
    period = WalkStep(
        Stage.PERIOD, article, sentence(f"stage.{Stage.PERIOD}", months=months),
        (sentence("walk.period.dated" if deadline else "walk.period.undated",
                  months=months, deadline=deadline),),
        (("months", months), ("deadline", deadline)))

    written = outcome.written
    counts = dict(needed=needed, quorum=outcome.quorum_required, represented=outcome.represented)
    rule = described(majority)
    if written is None or written.received is None:
        replies = WalkStep(Stage.REPLIES, article, sentence(f"stage.{Stage.REPLIES}"),
                           (sentence("walk.replies.waiting", **counts),
                            sentence("walk.replies.abstentions")),
                           (("needed", needed), ("received", None)))
    else:
        sentences = [sentence("walk.replies.enough" if written.received >= needed
                              else "walk.replies.short", received=written.received,
                              yes=written.yes, no=written.no, abstain=written.abstain, **counts),
                     sentence("walk.replies.abstentions")]
        combined = _trace_step(outcome, "written.majority_met", "written.majority_not_met")
        if combined is not None:
            sentences.append(sentence(
                "walk.replies.majority_holds" if written.majority_met
                else "walk.replies.majority_broken",
                yes=combined.get("yes"), no=combined.get("no"), rule=rule))
        replies = WalkStep(
            Stage.REPLIES, _join_articles(article, majority.article),
            sentence(f"stage.{Stage.REPLIES}"), tuple(sentences),
            (("needed", needed), ("received", written.received), ("reply_yes", written.yes),
             ("reply_no", written.no), ("reply_abstain", written.abstain)),
            _trace(outcome, "written.replies_", "written.not_counted", "written.majority_"))

    if outcome.status is Status.EXECUTORY:
        final_key = "walk.final.executory"
    elif outcome.status is Status.LAPSED:
        short = written is not None and (written.received or 0) < needed
        final_key = "walk.final.lapsed_replies" if short else "walk.final.lapsed_majority"
    else:
        final_key = "walk.final.pending"
    final = WalkStep(
        Stage.FINAL, article, sentence(f"stage.{Stage.FINAL}"),
        (sentence(final_key, needed=needed,
                  received=written.received if written else None,
                  deadline=deadline or Label("walk.final.deadline_unknown")),),
        (_status_figure(outcome),),
        _trace(outcome, "status.executory_written", "status.lapsed", "status.pending"))
    return [communication, period, replies, final]


def render_walkthrough(steps: Sequence[WalkStep], lang: str = "en") -> list[str]:
    """The walkthrough as lines of text for a person (the ``quorum walkthrough`` output)."""
    lines: list[str] = []
    for number, s in enumerate(steps, start=1):
        if lines:
            lines.append("")
        lines.append(text("cli.step", lang, number=number, title=s.heading(lang),
                          article=s.article or "—"))
        lines.append(f"   {s.text(lang)}")
        for label, value in s.figure_rows(lang):
            lines.append(f"   - {text('cli.figure', lang, label=label, value=value)}")
    return lines


# ---------------------------------------------------------------------------------------
# What changes if...


class Change(StrEnum):
    """The three "what changes if" controls."""

    ONE_MORE_PRESENT = "one_more_present"
    NO_TO_ABSTENTION = "no_to_abstention"
    MEMBER_IN_ARREARS = "member_in_arrears"


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The effect of one change on one decision.

    ``session`` is the changed session (holding only that decision) and ``after`` its
    outcome; both are None when the change cannot be made (say, everyone is already
    present). ``member`` names the member the change picked, in a roster.
    """

    change: Change
    before: Outcome
    after: Outcome | None
    session: Session | None
    sentences: tuple[Sentence, ...]
    member: str | None = None

    @property
    def applicable(self) -> bool:
        return self.after is not None

    @property
    def changed(self) -> bool:
        """Whether the change altered the final status of the decision."""
        return self.after is not None and self.after.status is not self.before.status

    def text(self, lang: str = "en") -> str:
        return " ".join(s.render(lang) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change.value,
            "applicable": self.applicable,
            "member": self.member,
            "status_before": self.before.status.value,
            "status_after": self.after.status.value if self.after else None,
            "changed": self.changed,
            "text": {lang: self.text(lang) for lang in LANGUAGES},
            "after": None if self.after is None else {
                key: value for key, value in self.after.to_dict().items() if key != "trace"},
        }


def what_if(scenario: Scenario | Session, change: Change | str,
            decision_id: str | None = None) -> WhatIf:
    """Apply ``change`` to one decision of ``scenario`` and evaluate the changed session.

    The changed session is built with :func:`dataclasses.replace` and decided by the same
    public :func:`quorum.evaluate` as the original: this module never decides anything.
    """
    change = Change(change)
    session = _session_of(scenario)
    index = _pick(session, decision_id)
    before = evaluate(session)[index]
    single = replace(session, decisions=(session.decisions[index],))
    if change is Change.ONE_MORE_PRESENT:
        changed, member, notes = _one_more_present(single)
    elif change is Change.NO_TO_ABSTENTION:
        changed, member, notes = _no_to_abstention(single)
    else:
        changed, member, notes = _member_in_arrears(single)
    if changed is None:
        return WhatIf(change, before, None, None, tuple(notes), member)
    after = evaluate(changed)[0]
    notes = [_fill(n, after) for n in notes]
    if after.status is before.status:
        notes.append(sentence("whatif.effect.same", status=Label(f"status.{after.status}")))
    else:
        notes.append(sentence("whatif.effect.changed", before=Label(f"status.{before.status}"),
                              after=Label(f"status.{after.status}")))
    return WhatIf(change, before, after, changed, tuple(notes), member)


_AFTER = "__after__"


def _fill(s: Sentence, after: Outcome) -> Sentence:
    """Fill the parameters marked ``_AFTER`` with the changed outcome's figures."""
    figures = {"after": after.represented, "represented": after.represented,
               "yes": after.yes, "no": after.no, "abstain": after.abstain,
               "cast": after.votes_cast, "quorum": after.quorum_required}
    return Sentence(s.key, tuple((k, figures[k] if v == _AFTER else v) for k, v in s.params))


def _member_text(member: Member) -> tuple[str, str, str]:
    return bilingual(member.label("en"), member.label("fr"))


def _headcount(session: Session) -> Headcount:
    assert session.roster is not None
    return headcount(session.rules, session.roster, session.date, session.currency_unit)


def _rights(session: Session) -> dict[str, bool]:
    return {mid: right.has_vote for mid, right in _headcount(session).rights.items()}


Made = tuple[Session | None, str | None, list[Sentence]]


def _one_more_present(session: Session) -> Made:
    key = "whatif.do.one_more_present"
    rules = session.rules
    decision = session.decisions[0]
    notes: list[Sentence] = []
    if session.roster is None:
        if session.present >= session.members:
            return None, None, [sentence(f"{key}.not_applicable")]
        present = session.present + 1
        written = decision.written
        if rules.quorum_state(present, session.members) is QuorumState.FULL:
            if written is not None:
                notes.append(sentence(f"{key}.written_dropped"))
            written = None
        elif written is not None and written.replies is not None and \
                written.replies.total > session.members - present:
            # Everyone absent had replied: the member that now attends withdraws its reply.
            written = replace(written, replies=_minus_one_reply(written.replies))
            notes.append(sentence(f"{key}.reply_withdrawn"))
        changed = replace(decision, votes=decision.votes + Votes(abstain=1), written=written)
        notes.insert(0, sentence(f"{key}.aggregate", before=session.present, after=_AFTER,
                                 quorum=_AFTER))
        return replace(session, present=present, decisions=(changed,)), None, notes

    rights = _rights(session)
    replied = {mid for mid, _ in decision.written.member_replies} if decision.written else set()
    absent = [m for m in session.roster if not m.present and not m.observer]
    if not absent:
        return None, None, [sentence(f"{key}.not_applicable")]
    # Prefer a member with the vote that has not replied in writing, in roster order.
    absent.sort(key=lambda m: (m.id in replied, not rights[m.id]))
    newcomer = absent[0]
    roster = tuple(replace(m, present=True) if m.id == newcomer.id else m
                   for m in session.roster)
    written = decision.written
    if newcomer.id in replied and written is not None:
        written = replace(written, member_replies=tuple(
            (mid, c) for mid, c in written.member_replies if mid != newcomer.id))
        notes.append(sentence(f"{key}.reply_withdrawn"))
    moved = session.with_roster(roster)
    changed = replace(decision, written=None,
                      member_votes=(*decision.member_votes, (newcomer.id, Choice.ABSTAIN)))
    # Ask the core whether the quorum is now met (who counts depends on the rule set).
    probe = evaluate(replace(moved, decisions=(changed,)))[0]
    if probe.quorum is QuorumState.FULL:
        if written is not None:
            notes.append(sentence(f"{key}.written_dropped"))
    else:
        changed = replace(changed, written=written)
    notes.insert(0, sentence(f"{key}.roster", member=_member_text(newcomer),
                             before=session.present, after=_AFTER, quorum=_AFTER))
    return replace(moved, decisions=(changed,)), newcomer.id, notes


def _minus_one_reply(replies: Votes) -> Votes:
    if replies.abstain:
        return replace(replies, abstain=replies.abstain - 1)
    if replies.no:
        return replace(replies, no=replies.no - 1)
    return replace(replies, yes=replies.yes - 1)


def _no_to_abstention(session: Session) -> Made:
    key = "whatif.do.no_to_abstention"
    decision = session.decisions[0]
    counts = dict(yes=_AFTER, no=_AFTER, abstain=_AFTER, cast=_AFTER)
    if session.roster is None:
        if decision.votes.no == 0:
            return None, None, [sentence(f"{key}.not_applicable")]
        changed = replace(decision, votes=decision.votes + Votes(no=-1, abstain=1))
        return (replace(session, decisions=(changed,)), None,
                [sentence(f"{key}.aggregate", **counts)])
    rights = _rights(session)
    by_id = {m.id: m for m in session.roster}
    for mid, choice in decision.member_votes:
        if choice is Choice.NO and rights.get(mid, False):
            votes = tuple((m, Choice.ABSTAIN if m == mid else c) for m, c in decision.member_votes)
            changed = replace(decision, member_votes=votes)
            return (replace(session, decisions=(changed,)), mid,
                    [sentence(f"{key}.roster", member=_member_text(by_id[mid]), **counts)])
    return None, None, [sentence(f"{key}.not_applicable")]


def _member_in_arrears(session: Session) -> Made:
    key = "whatif.do.member_in_arrears"
    rules = session.rules
    if rules.arrears is None:
        return None, None, [sentence(f"{key}.no_rule")]
    years = rules.arrears.preceding_years
    decision = session.decisions[0]
    counted = rules.interpretation.arrears_count_for_quorum
    quorum_note = (sentence(f"{key}.still_counted") if counted
                   else sentence(f"{key}.not_counted", represented=_AFTER))
    if session.roster is None:
        # Aggregate counts hold no arrears: the member's vote goes, its presence stays
        # (or goes too, under the other reading of Art. 25(4)(e)).
        votes = decision.votes
        if votes.yes:
            choice, lost = Choice.YES, Votes(yes=-1)
        elif votes.no:
            choice, lost = Choice.NO, Votes(no=-1)
        else:
            return None, None, [sentence(f"{key}.not_applicable")]
        changed_decision = replace(decision, votes=votes + lost)
        present = session.present if counted else session.present - 1
        changed = replace(session, present=present, decisions=(changed_decision,))
        return changed, None, [
            sentence(f"{key}.aggregate", choice=Label(f"choice_of_vote.{choice}"), years=years,
                     yes=_AFTER, no=_AFTER), quorum_note]

    by_id = {m.id: m for m in session.roster}
    choices = dict(decision.member_votes)
    voters = list(_headcount(session).voters)
    order = {Choice.YES: 0, Choice.NO: 1, Choice.ABSTAIN: 2}
    voters.sort(key=lambda m: order.get(choices[m.id], 3) if m.id in choices else 3)
    if not voters:
        return None, None, [sentence(f"{key}.not_applicable")]
    target = voters[0]
    on = session.date or _reference_date(decision)
    member = replace(target, arrears_exception=False)
    # Give it dues for the preceding years if it has none, then arrears equal to them.
    recorded = arrears_threshold(member, rules.arrears, on) > 0
    if not recorded:
        dues = dict(member.dues)
        for k in range(1, years + 1):
            dues[on.year - k] = session.currency_unit
        member = replace(member, dues=tuple(sorted(dues.items())))
    owed = max(member.arrears, arrears_threshold(member, rules.arrears, on))
    member = replace(member, arrears=owed)
    roster = tuple(member if m.id == target.id else m for m in session.roster)
    changed = replace(session.with_roster(roster), date=on)
    voted = choices.get(target.id)
    return changed, target.id, [
        sentence(f"{key}.roster" if recorded else f"{key}.roster_no_dues",
                 member=_member_text(by_id[target.id]), arrears=owed,
                 choice=Label(f"choice_of_vote.{voted}") if voted else "—", years=years,
                 yes=_AFTER, no=_AFTER), quorum_note]


def _reference_date(decision: Decision) -> date:
    """A date to count arrears on when the session has none: the communication, else today."""
    if decision.written and decision.written.communicated:
        return decision.written.communicated
    return date.today()
