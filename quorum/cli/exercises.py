"""``quorum exercises``: seeded exercises on the procedure, in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .base import (
    Answers,
    AsJson,
    Count,
    Lang,
    Seed,
    check_lang,
    command,
    echo,
    friendly,
    print_json,
)

if TYPE_CHECKING:
    from ..exercises import Exercise


def _exercise_lines(exercise: Exercise, lang: str, answers: bool) -> list[str]:
    from ..walkthrough import text

    level = text(f"exercise.level.{int(exercise.level)}", lang)
    lines = [text("cli.exercise", lang, heading=exercise.heading(lang), level=level)]
    lines.extend(f"   {line}" for line in exercise.prompt(lang))
    lines.append(f"   > {exercise.question_text(lang)}")
    for choice in exercise.choices:
        lines.append(f"     - {choice}: {exercise.choice_text(choice, lang)}")
    if answers:
        lines.append(f"   {text('exercise.answer', lang, answer=exercise.answer_text(lang))}")
        lines.append(f"   {text('exercise.explanation', lang)}")
        lines.extend(f"     - {line}" for line in exercise.explanation(lang))
    return lines



@command("exercises")
@friendly
def exercises_command(
    seed: Seed = 1,
    level: Annotated[int, typer.Option(
        "--level", help="1: quorum; 2: majorities and abstentions; 3: written "
        "procedure and arrears.")] = 1,
    count: Count = 5,
    lang: Lang = "en",
    as_json: AsJson = False,
    answers: Answers = False,
) -> None:
    """Print exercises on the procedure, generated from a seed."""
    from ..exercises import generate

    check_lang(lang)
    exercises = generate(seed, level, count)
    if as_json:
        print_json({"seed": seed, "level": level,
                    "exercises": [e.to_dict(with_answer=answers) for e in exercises]})
        return
    for index, exercise in enumerate(exercises):
        if index:
            echo("")
        for line in _exercise_lines(exercise, lang, answers):
            echo(line)
