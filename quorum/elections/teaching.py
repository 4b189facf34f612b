"""Teaching elections: a walkthrough of a recorded election, and seeded exercises.

The walkthrough follows a nomination stage by stage (the organ and who votes; the
candidates and the procedure; each ballot with its arithmetic; the result) in sentences
from ``quorum/locales/teaching_elections.{en,fr}.toml``, with the count's own steps (the
same as ``quorum elect``). The exercises ask what the count decides (the fewest votes that
elect, who goes out, who is elected) and explain the answer with the engine's trace.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..explain import Step, bilingual, message, step
from .engine import Candidate, Election, ElectionResult, Round, run_election
from .procedure import get_procedure

if TYPE_CHECKING:
    from ..scenario import Scenario

__all__ = ["Stage", "election_walkthrough", "render_walkthrough", "ElectionExercise",
           "generate_exercises", "KINDS"]


@dataclass(frozen=True)
class Stage:
    """One stage of the walkthrough: a heading and its sentences (steps, rendered EN/FR)."""

    key: str
    params: tuple[tuple[str, Any], ...]
    steps: tuple[Step, ...]

    def heading(self, lang: str = "en") -> str:
        return message(self.key, lang, **dict(self.params))

    def lines(self, lang: str = "en") -> list[str]:
        return [s.render(lang) for s in self.steps]

    def to_dict(self) -> dict[str, Any]:
        return {"heading": {"en": self.heading("en"), "fr": self.heading("fr")},
                "steps": [s.to_dict() for s in self.steps]}


def _names(election: Election, ids: Sequence[str]) -> str:
    names = {c.id: c.name or c.id for c in election.candidates}
    return "; ".join(names[c] for c in ids) or "-"


def election_walkthrough(scenario: Scenario, election_id: str | None = None
                         ) -> tuple[Stage, ...]:
    """The stages of one election of ``scenario`` (the first when no id is given)."""
    from . import elect

    ids = [e.id for e in scenario.elections]
    if not ids:
        raise KeyError("the scenario has no elections; add an 'elections:' block")
    if election_id is None:
        election_id = ids[0]
    if election_id not in ids:
        raise KeyError(f"no election {election_id!r}; known: {', '.join(ids)}")
    index = ids.index(election_id)
    election = scenario.elections[index]
    result = elect(scenario)[index]
    rules = scenario.rules
    proc = election.procedure
    session = scenario.session
    stages = [Stage("teach_elections.stage.organ", (), (
        step(rules.members_article or "-", "teach_elections.organ",
             body=bilingual(rules.name.en, rules.name.fr), members=session.members,
             present=session.present),
        step(proc.majority.article or "-", "teach_elections.majority",
             majority=bilingual(proc.majority.describe("en"), proc.majority.describe("fr")),
             blank=True),
    ))]
    after = proc.after_failed_round
    rule_key = {"eliminate": "teach_elections.after.eliminate",
                "keep": "teach_elections.after.keep",
                "none": "teach_elections.after.none"}[after.mode]
    staged = after.mode == "eliminate" and after.floor is not None
    stages.append(Stage("teach_elections.stage.candidates", (), (
        step("-", "teach_elections.candidates", count=len(election.candidates),
             names=_names(election, election.ids), seats=election.seats),
        step(proc.article or "-", "teach_elections.procedure",
             label=bilingual(proc.label.en, proc.label.fr)),
        step(after.article or proc.article or "-",
             "teach_elections.after.staged" if staged else rule_key,
             count=after.count, floor=after.floor or 0, then=after.then or 1,
             keep="2 x" if after.per_place else after.count),
        *(step(proc.article or "-", "teach_elections.source", source=s) for s in proc.sources),
    )))
    for r in result.rounds:
        lines: list[Step] = []
        if r.withdrawn:
            lines.append(step("-", "teach_elections.withdrawn", names=_names(election,
                                                                              r.withdrawn)))
        lines.append(step("-", "teach_elections.running", count=len(r.candidates),
                          names=_names(election, r.candidates)))
        if r.votes is None and r.published is False:
            lines.append(step("-", "teach_elections.unpublished",
                              out=_names(election, r.eliminated)))
        elif r.votes is None:
            lines.append(step(proc.article or "-", "teach_elections.walkover",
                              names=_names(election, r.elected)))
        else:
            ranked = sorted(r.votes, key=lambda kv: -kv[1])
            lines.append(step("-", "teach_elections.votes", votes="; ".join(
                f"{_names(election, [c])} {v}" for c, v in ranked), cast=r.cast or 0))
            total = r.base_total or 0
            simple = proc.majority.threshold.fraction == Fraction(1, 2) and \
                proc.majority.threshold.strict
            lines.append(step(proc.majority.article or "-",
                              "teach_elections.arithmetic" if simple
                              else "teach_elections.arithmetic_general",
                              total=total, half=total // 2, required=r.majority_required or 0,
                              majority=bilingual(proc.majority.describe("en"),
                                                 proc.majority.describe("fr"))))
            for cid in r.elected:
                lines.append(step(proc.majority.article or "-", "teach_elections.elected",
                                  name=_names(election, [cid]), votes=r.votes_of(cid),
                                  required=r.majority_required or 0))
            # The count's own steps where the procedure did something worth naming.
            lines.extend(s for s in result.steps if s.get("round") == r.round and s.key in (
                "elections.deferred", "elections.no_majority", "elections.tie.found",
                "elections.tie.lot", "elections.tie.ballot", "elections.tie.withdrawn"))
            if r.eliminated:
                lines.append(step(after.article or "-", "teach_elections.out",
                                  names=_names(election, r.eliminated)))
        stages.append(Stage("teach_elections.stage.round", (("n", r.round),), tuple(lines)))
    final = [step(proc.article or "-", f"elections.status.{result.status}",
                  ids=_names(election, result.elected),
                  next=_names(election, result.next_round or ()), seats=election.seats)]
    if result.status == "elected" and rules.id == "wipo-coordination-committee":
        final.append(step("WIPO Conv. Art. 9(3)", "teach_elections.appointment"))
    stages.append(Stage("teach_elections.stage.result", (), tuple(final)))
    return tuple(stages)


def render_walkthrough(stages: Sequence[Stage], lang: str = "en") -> list[str]:
    out: list[str] = []
    for k, stage in enumerate(stages, start=1):
        out.append(f"{k}. {stage.heading(lang)}")
        out.extend(f"   - {line}" for line in stage.lines(lang))
    return out


# ---------------------------------------------------------------------------------------
# Exercises

KINDS = ("majority", "elected", "out")


@dataclass(frozen=True)
class ElectionExercise:
    """One question on one ballot; ``answer`` is a number (as text) or a candidate id
    (``nobody`` when no one is elected)."""

    number: int
    kind: str
    election: Election
    present: int
    answer: str
    result: ElectionResult

    @property
    def ballot(self) -> Round:
        return self.election.rounds[-1]

    def prompt(self, lang: str = "en") -> list[str]:
        p = self.election.procedure
        r = self.ballot
        votes = "; ".join(f"{c} {v}" for c, v in (r.votes or ()))
        return [message("teach_elections.ex.situation", lang, present=self.present,
                        label=bilingual(p.label.en, p.label.fr),
                        majority=bilingual(p.majority.describe("en"),
                                           p.majority.describe("fr"))),
                message("teach_elections.ex.ballot", lang, votes=votes, blank=r.blank,
                        invalid=r.invalid)]

    def question(self, lang: str = "en") -> str:
        return message(f"teach_elections.ex.q.{self.kind}", lang)

    def choices(self) -> tuple[str, ...]:
        if self.kind == "majority":
            return ()
        ids = self.election.ids
        return (*ids, "nobody") if self.kind == "elected" else ids

    def check(self, answer: object) -> bool:
        return str(answer).strip().upper() == self.answer.upper()

    def explanation(self, lang: str = "en") -> list[str]:
        return [s.render(lang) for s in self.result.steps
                if s.key not in ("elections.switch", "elections.procedure")]

    def to_dict(self, with_answer: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number, "kind": self.kind,
            "prompt": {lang: self.prompt(lang) for lang in ("en", "fr")},
            "question": {lang: self.question(lang) for lang in ("en", "fr")},
            "choices": list(self.choices())}
        if with_answer:
            out["answer"] = self.answer
            out["explanation"] = {lang: self.explanation(lang) for lang in ("en", "fr")}
        return out


_PRESETS = ("wipo-general-rules-single", "wipo-dg-2019", "un-ga-single")


def _exercise(rng: random.Random, number: int, kind: str) -> ElectionExercise:
    while True:
        proc = get_procedure(rng.choice(_PRESETS))
        n = rng.randint(3, 5)
        ids = tuple("ABCDE"[:n])
        present = rng.randint(15, 95)
        blank = rng.randint(0, 3)
        invalid = rng.randint(0, 2)
        cast = present - blank - invalid - rng.randint(0, 3)
        if cast < n:
            continue
        if kind == "elected" and rng.random() < 0.6:
            lead = rng.randint(cast // 2 - 1, cast // 2 + 3)
        else:
            lead = rng.randint(cast // n, cast // 2)
        lead = max(1, min(lead, cast - (n - 1)))
        rest = cast - lead
        cuts = sorted(rng.sample(range(1, rest), n - 2)) if rest > n - 1 else []
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, rest], strict=True)]
        if len(parts) != n - 1 or min(parts) < 0:
            continue
        counts = [lead, *parts]
        rng.shuffle(counts)
        election = Election("exercise", tuple(Candidate(c) for c in ids), proc, 1,
                            (Round((), tuple(zip(ids, counts, strict=True)), blank, invalid),))
        result = run_election(election, present, present)
        r = result.rounds[0]
        if result.status == "tie" and kind != "majority":
            continue
        if kind == "majority":
            answer = str(r.majority_required)
        elif kind == "elected":
            answer = r.elected[0] if r.elected else "nobody"
        else:
            if len(r.eliminated) != 1 or r.elected:
                continue
            answer = r.eliminated[0]
        return ElectionExercise(number, kind, election, present, answer, result)


def generate_exercises(seed: int, count: int = 5) -> tuple[ElectionExercise, ...]:
    """``count`` exercises (1-100), the same for the same seed, cycling through the kinds."""
    if not 1 <= count <= 100:
        raise ValueError("--count: choose between 1 and 100 exercises. Fix: e.g. --count 5")
    rng = random.Random(seed)
    return tuple(_exercise(rng, k + 1, KINDS[k % len(KINDS)]) for k in range(count))
