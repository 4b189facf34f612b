"""``quorum election-exercises``: seeded exercises on counting a ballot, in the terminal."""

from __future__ import annotations

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


@command("election-exercises")
@friendly
def election_exercises_command(
    seed: Seed = 1,
    count: Count = 5,
    lang: Lang = "en",
    as_json: AsJson = False,
    answers: Answers = False,
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
