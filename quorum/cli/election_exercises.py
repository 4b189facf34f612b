"""``quorum election-exercises``: seeded exercises on counting a ballot, in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from .base import check_lang, command, echo, friendly, print_json


@command("election-exercises")
@friendly
def election_exercises_command(
    seed: Annotated[int, typer.Option(
        "--seed", help="The same seed gives the same exercises.")] = 1,
    count: Annotated[int, typer.Option("--count", help="How many exercises (1-100).")] = 5,
    lang: Annotated[str, typer.Option("--lang", help="Language: en or fr.")] = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")
                       ] = False,
    answers: Annotated[bool, typer.Option(
        "--answers", help="Print the answers and their explanation (the lecturer's key).")
    ] = False,
) -> None:
    """Print exercises on elections (the majority, who is elected, who goes out)."""
    from ..elections.teaching import generate_exercises

    check_lang(lang)
    if not 1 <= count <= 100:
        from ..errors import ScenarioError

        raise ScenarioError("quorum election-exercises", "--count", key="count_range",
                            params={"got": count, "limit": 100})
    exercises = generate_exercises(seed, count)
    if as_json:
        print_json({"seed": seed, "exercises": [e.to_dict(with_answer=answers)
                                                for e in exercises]})
        return
    for index, exercise in enumerate(exercises):
        if index:
            echo("")
        echo(f"{exercise.number}.")
        for line in exercise.prompt(lang):
            echo(f"   {line}")
        echo(f"   > {exercise.question(lang)}")
        if exercise.choices():
            echo(f"     ({', '.join(exercise.choices())})")
        if answers:
            echo(f"   = {exercise.answer}")
            for line in exercise.explanation(lang):
                echo(f"     - {line}")
