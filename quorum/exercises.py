"""Exercises on the procedure, generated from a seed, with answers computed by the core.

Three levels: 1, the quorum (Art. 22(3)(b)-(c)); 2, majorities and abstentions
(Art. 22(3)(d)-(e), 23(8), 26(2)); 3, the written procedure (Art. 22(3)(c)) and the loss of
vote for arrears (Art. 25(4)(e)). :func:`generate` draws sessions with
``random.Random(seed)`` close to the thresholds, where the rules bite; the expected answer
of every exercise is read from the :class:`~quorum.session.Outcome` that the public
:func:`quorum.evaluate` returns, never written by hand, and the outcome's trace is the
explanation. The same seed gives the same exercises, so a lecturer can hand out a set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import IntEnum, StrEnum
from fractions import Fraction
from typing import Any

from .bodies import get_body
from .explain import LANGUAGES, described
from .finance import arrears_years
from .members import Member, arrears_threshold
from .rules import QuorumState, RuleSet
from .scenario import Scenario
from .session import Choice, Decision, Outcome, Session, Status, Votes, WrittenProcedure, evaluate
from .walkthrough import Label, body_forms, format_amount, text

__all__ = [
    "Exercise",
    "Level",
    "Question",
    "Score",
    "answer_for",
    "generate",
    "normalise_answer",
    "score",
]

MAX_COUNT = 100


class Level(IntEnum):
    QUORUM = 1
    MAJORITIES = 2
    WRITTEN_AND_ARREARS = 3


class Question(StrEnum):
    QUORUM_STATE = "quorum_state"
    QUORUM_REQUIRED = "quorum_required"
    ADOPTED = "adopted"
    MIN_YES = "min_yes"
    EXECUTORY = "executory"
    REPLIES_NEEDED = "replies_needed"
    VOTES_CAST = "votes_cast"


YES_NO = ("yes", "no")
_YES = {"yes", "y", "oui", "o", "true", "1"}
_NO = {"no", "n", "non", "false", "0"}


def answer_for(question: Question, outcome: Outcome) -> str:
    """The expected answer, read from the core's outcome."""
    if question is Question.QUORUM_STATE:
        return outcome.quorum.value
    if question is Question.QUORUM_REQUIRED:
        return str(outcome.quorum_required)
    if question is Question.ADOPTED:
        return "yes" if outcome.adopted else "no"
    if question is Question.MIN_YES:
        if outcome.min_yes is None:
            raise ValueError("no number of yes votes can carry this decision")
        return str(outcome.min_yes)
    if question is Question.EXECUTORY:
        return "yes" if outcome.status is Status.EXECUTORY else "no"
    if question is Question.REPLIES_NEEDED:
        return str(outcome.written_replies_needed)
    return str(outcome.votes_cast)


def _choices(question: Question, rules: RuleSet) -> tuple[str, ...]:
    if question is Question.QUORUM_STATE:
        states = [QuorumState.FULL, QuorumState.REDUCED, QuorumState.NONE]
        if rules.reduced_quorum is None:
            states.remove(QuorumState.REDUCED)
        return tuple(s.value for s in states)
    if question in (Question.ADOPTED, Question.EXECUTORY):
        return YES_NO
    return ()


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: a session, a question, its choices and the answer the core gives.

    ``choices`` is empty when a whole number is expected.
    """

    number: int
    level: Level
    question: Question
    session: Session
    choices: tuple[str, ...]
    answer: str
    outcome: Outcome

    @property
    def numeric(self) -> bool:
        return not self.choices

    def heading(self, lang: str = "en") -> str:
        return text("exercise.heading", lang, number=self.number, level=int(self.level))

    def prompt(self, lang: str = "en") -> list[str]:
        """The situation, one line each, in the learner's language."""
        s = self.session
        rules = s.rules
        decision = s.decisions[0]
        majority = rules.majority(decision.kind)
        body = body_forms(rules)
        rule = described(majority)
        if s.roster is None:
            votes = decision.votes
            lines = [text("exercise.aggregate", lang, members=s.members, present=s.present,
                          **body),
                     text("exercise.votes", lang, label=majority.label, rule=rule,
                          yes=votes.yes, no=votes.no, abstain=votes.abstain)]
        else:
            lines = [*self._roster_lines(lang),
                     text("exercise.rule", lang, label=majority.label, rule=rule)]
        written = decision.written
        if written is not None and written.replies is not None:
            replies = written.replies
            lines.append(text("exercise.written", lang, communicated=written.communicated,
                              yes=replies.yes, no=replies.no, abstain=replies.abstain))
        return lines

    def _roster_lines(self, lang: str) -> list[str]:
        s = self.session
        assert s.roster is not None and s.date is not None
        preceding = arrears_years(s.rules, s.date)
        years_list = ", ".join(str(year) for year in preceding)
        lines = [text("exercise.roster", lang, date=s.date, members=s.members,
                      years=len(preceding), years_list=years_list, **body_forms(s.rules))]
        votes = dict(s.decisions[0].member_votes)
        for m in s.roster:
            dues = ", ".join(text("exercise.due", lang, year=str(year),
                                  amount=format_amount(amount, lang)) for year, amount in m.dues)
            choice = votes.get(m.id)
            vote = text(f"exercise.vote.{choice}" if choice else "exercise.no_vote_recorded",
                        lang)
            lines.append(text(
                "exercise.roster_line_exception" if m.arrears_exception
                else "exercise.roster_line", lang, name=m.label(lang),
                presence=Label("exercise.present" if m.present else "exercise.absent"),
                arrears=format_amount(m.arrears, lang) if m.arrears else
                text("exercise.none", lang),
                dues=dues or text("exercise.none", lang), vote=vote))
        return lines

    def question_text(self, lang: str = "en") -> str:
        return text(f"question.{self.question}", lang)

    def choice_text(self, choice: str, lang: str = "en") -> str:
        return text(f"choice.{choice}", lang)

    def answer_text(self, lang: str = "en") -> str:
        return self.choice_text(self.answer, lang) if self.choices else self.answer

    def explanation(self, lang: str = "en") -> list[str]:
        """The core's trace: why the answer is what it is, article by article."""
        return self.outcome.explanation(lang)

    def check(self, answer: object) -> bool:
        return normalise_answer(self, answer) == self.answer

    def scenario(self) -> Scenario:
        """The exercise as a scenario, to open in the walkthrough or save as a file."""
        return Scenario(session=self.session, title=self.heading("en"),
                        body_ref=self.session.rules.id, aggregate=self.session.roster is None,
                        source=f"<exercise {self.number}>")

    def to_dict(self, with_answer: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "level": int(self.level),
            "question": self.question.value,
            "text": {lang: {"heading": self.heading(lang), "prompt": self.prompt(lang),
                            "question": self.question_text(lang)} for lang in LANGUAGES},
            "choices": [{"value": c, **{lang: self.choice_text(c, lang) for lang in LANGUAGES}}
                        for c in self.choices],
            "answer_type": "integer" if self.numeric else "choice",
        }
        if with_answer:
            out["answer"] = self.answer
            out["explanation"] = {lang: self.explanation(lang) for lang in LANGUAGES}
        return out


def normalise_answer(exercise: Exercise, answer: object) -> str | None:
    """An answer as the exercise states its own: ``yes``/``no``, a choice, or a number.

    Accepts booleans, ``oui``/``non``, and whole numbers written as text; anything it
    cannot read is None (and counts as wrong).
    """
    if answer is None:
        return None
    if exercise.choices == YES_NO:
        if isinstance(answer, bool):
            return "yes" if answer else "no"
        word = str(answer).strip().lower()
        return "yes" if word in _YES else "no" if word in _NO else None
    if exercise.numeric:
        if isinstance(answer, bool):
            return None
        try:
            return str(int(str(answer).strip()))
        except ValueError:
            return None
    word = str(answer).strip().lower()
    for choice in exercise.choices:
        if word == choice or word in (exercise.choice_text(choice, lang).lower()
                                      for lang in LANGUAGES):
            return choice
    return None


@dataclass(frozen=True, slots=True)
class Score:
    correct: int
    total: int
    results: tuple[bool, ...]

    def text(self, lang: str = "en") -> str:
        return text("exercise.score", lang, correct=self.correct, total=self.total)


def score(exercises: Sequence[Exercise],
          answers: Sequence[object] | Mapping[int, object]) -> Score:
    """Mark ``answers`` (in order, or keyed by exercise number); a missing answer is wrong."""
    if isinstance(answers, Mapping):
        given = [answers.get(e.number) for e in exercises]
    else:
        given = [answers[i] if i < len(answers) else None for i in range(len(exercises))]
    results = tuple(e.check(a) for e, a in zip(exercises, given, strict=True))
    return Score(sum(results), len(results), results)


# ---------------------------------------------------------------------------------------
# Generation


ASSEMBLY = "berne-assembly"
COMMITTEE = "berne-executive-committee"
LEVEL_QUESTIONS: dict[Level, tuple[Question, ...]] = {
    Level.QUORUM: (Question.QUORUM_STATE, Question.QUORUM_REQUIRED),
    Level.MAJORITIES: (Question.ADOPTED, Question.MIN_YES),
    Level.WRITTEN_AND_ARREARS: (Question.EXECUTORY, Question.REPLIES_NEEDED,
                                Question.VOTES_CAST, Question.ADOPTED),
}


def _near(rng: random.Random, anchor: int, spread: int, low: int, high: int) -> int:
    return max(low, min(high, anchor + rng.randint(-spread, spread)))


def _make(number: int, level: Level, question: Question, session: Session) -> Exercise:
    outcome = evaluate(session)[0]
    return Exercise(number, level, question, session, _choices(question, session.rules),
                    answer_for(question, outcome), outcome)


def _quorum_exercise(rng: random.Random, number: int) -> Exercise:
    rules = get_body(COMMITTEE if rng.random() < 0.2 else ASSEMBLY)
    members = rng.randint(8, 60) if rules.id == COMMITTEE else rng.randint(12, 200)
    card = rules.card(members)
    anchors = [card.quorum] + ([card.reduced_quorum] if card.reduced_quorum else [])
    present = _near(rng, rng.choice(anchors), 2, 0, members)
    no = rng.randint(0, present // 4)
    question = rng.choice(LEVEL_QUESTIONS[Level.QUORUM])
    decision = Decision(f"exercise-{number}", None, Votes(present - no, no, 0))
    return _make(number, Level.QUORUM, question, Session(rules, members, present, (decision,)))


def _majority_exercise(rng: random.Random, number: int) -> Exercise:
    rules = get_body(COMMITTEE if rng.random() < 0.2 else ASSEMBLY)
    members = rng.randint(12, 60) if rules.id == COMMITTEE else rng.randint(20, 200)
    present = rng.randint(rules.card(members).quorum, members)
    kinds = [k for k in rules.kinds if rules.majority(k).min_yes(0, present, members) is not None]
    kind = rules.default_kind if rng.random() < 0.6 else rng.choice(kinds)
    majority = rules.majority(kind)
    no = rng.randint(max(1, present // 8), max(1, present // 3))
    needed = majority.min_yes(no, present, members)
    assert needed is not None
    yes = _near(rng, needed, 2, 0, present - no)
    abstain = rng.randint(0, present - yes - no)
    question = rng.choice(LEVEL_QUESTIONS[Level.MAJORITIES])
    decision = Decision(f"exercise-{number}", kind, Votes(yes, no, abstain))
    return _make(number, Level.MAJORITIES, question,
                 Session(rules, members, present, (decision,)))


def _written_exercise(rng: random.Random, number: int) -> Exercise:
    rules = get_body(ASSEMBLY)
    members = rng.randint(30, 200)
    card = rules.card(members)
    assert card.reduced_quorum is not None
    present = rng.randint(card.reduced_quorum, card.quorum - 1)
    majority = rules.majority(rules.default_kind)
    no = rng.randint(max(1, present // 6), max(1, present // 3))
    needed = majority.min_yes(no, present, members)
    assert needed is not None
    yes = rng.randint(needed, max(needed, present - no))
    abstain = rng.randint(0, present - yes - no)
    replies_needed = rules.replies_needed(present, members)
    total = _near(rng, replies_needed, 3, 0, members - present)
    reply_no = rng.randint(0, total // 2)
    reply_yes = rng.randint(0, total - reply_no)
    communicated = date(rng.randint(2025, 2027), rng.randint(1, 12), rng.randint(1, 28))
    written = WrittenProcedure(communicated,
                               Votes(reply_yes, reply_no, total - reply_yes - reply_no))
    question = rng.choice((Question.EXECUTORY, Question.REPLIES_NEEDED))
    decision = Decision(f"exercise-{number}", None, Votes(yes, no, abstain), written=written)
    return _make(number, Level.WRITTEN_AND_ARREARS, question,
                 Session(rules, members, present, (decision,)))


_LETTERS = "ABCDEFGH"


def _arrears_exercise(rng: random.Random, number: int) -> Exercise:
    rules = get_body(ASSEMBLY)
    assert rules.arrears is not None
    years = rules.arrears.preceding_years
    on = date(rng.randint(2025, 2028), rng.randint(1, 12), rng.randint(1, 28))
    size = rng.randint(5, 8)
    members: list[Member] = []
    votes: list[tuple[str, Choice]] = []
    for letter in _LETTERS[:size]:
        due = Fraction(rng.choice((50, 100, 200, 400)))
        member = Member(id=letter, name=f"Country {letter}", name_fr=f"Pays {letter}",
                        present=rng.random() < 0.85,
                        dues=tuple((on.year - k, due) for k in range(years, 0, -1)))
        # Arrears around the threshold, where the vote is won or lost.
        threshold = arrears_threshold(member, rules.arrears, on)
        arrears = rng.choice((Fraction(0), Fraction(0), threshold - due / 2, threshold,
                              threshold + due))
        member = replace(member, arrears=arrears,
                         arrears_exception=bool(arrears) and rng.random() < 0.15)
        members.append(member)
        present = member.present
        if present:
            votes.append((letter, rng.choices((Choice.YES, Choice.NO, Choice.ABSTAIN),
                                              (5, 3, 2))[0]))
    decision = Decision(f"exercise-{number}", None, member_votes=tuple(votes))
    session = Session.from_roster(rules, tuple(members), (decision,), on)
    question = rng.choice((Question.VOTES_CAST, Question.ADOPTED))
    return _make(number, Level.WRITTEN_AND_ARREARS, question, session)


def _level3_exercise(rng: random.Random, number: int) -> Exercise:
    if rng.random() < 0.55:
        return _written_exercise(rng, number)
    return _arrears_exercise(rng, number)


_MAKERS: dict[Level, Callable[[random.Random, int], Exercise]] = {
    Level.QUORUM: _quorum_exercise,
    Level.MAJORITIES: _majority_exercise,
    Level.WRITTEN_AND_ARREARS: _level3_exercise,
}


def generate(seed: int, level: int, count: int = 5) -> tuple[Exercise, ...]:
    """``count`` exercises of ``level`` (1, 2 or 3) drawn with ``random.Random(seed)``."""
    try:
        chosen = Level(level)
    except ValueError:
        raise ValueError(f"--level: unknown level {level!r}. Fix: use 1, 2 or 3") from None
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"--count: {count} exercises. Fix: ask for 1 to {MAX_COUNT}")
    rng = random.Random(seed)
    return tuple(_MAKERS[chosen](rng, number) for number in range(1, count + 1))
