"""``quorum walkthrough`` and ``quorum exercises``: the teaching material in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .exercises import Exercise, generate
from .walkthrough import (
    Change,
    Convocation,
    SessionKind,
    render_walkthrough,
    text,
    walkthrough,
    what_if,
)


def _exercise_lines(exercise: Exercise, lang: str, answers: bool) -> list[str]:
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


def register(app: typer.Typer) -> None:
    from .cli import check_lang, friendly, open_scenario, print_json

    @app.command("walkthrough")
    @friendly
    def walkthrough_command(
        file: Annotated[Path | None, typer.Argument(
            help="Scenario YAML (default: the bundled Berne Assembly session).")] = None,
        lang: Annotated[str, typer.Option("--lang", help="Language: en or fr.")] = "en",
        decision: Annotated[str | None, typer.Option(
            "--decision", help="Id of the decision to follow (default: the first).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")
                           ] = False,
        extraordinary: Annotated[bool, typer.Option(
            "--extraordinary", help="Tell the session as an extraordinary session convened "
            "on request (Art. 22(4)(b)).")] = False,
        requests: Annotated[int | None, typer.Option(
            "--requests", help="How many members asked for the extraordinary session.")
        ] = None,
    ) -> None:
        """Tell a session step by step, from convocation to final status, with the articles."""
        check_lang(lang)
        scenario = open_scenario(file)
        if requests is not None and not extraordinary:
            raise ValueError("--requests: only an extraordinary session is requested. "
                             "Fix: add --extraordinary")
        convocation = Convocation(
            SessionKind.EXTRAORDINARY if extraordinary else SessionKind.ORDINARY, requests)
        steps = walkthrough(scenario, decision, convocation)
        effects = [what_if(scenario, change, decision) for change in Change]
        chosen = decision or scenario.session.decisions[0].id
        if as_json:
            data: dict[str, Any] = {
                "source": scenario.source,
                "decision": chosen,
                "steps": [s.to_dict() for s in steps],
                "what_if": [w.to_dict() for w in effects],
            }
            print_json(data)
            return
        heading = text("cli.walkthrough", lang, title=scenario.title or scenario.source,
                       id=chosen)
        typer.echo(heading)
        typer.echo("=" * len(heading))
        typer.echo("")
        for line in render_walkthrough(steps, lang):
            typer.echo(line)
        typer.echo("")
        typer.echo(text("whatif.title", lang))
        for effect in effects:
            typer.echo("   - " + text("cli.whatif_line", lang,
                                      change=text(f"whatif.{effect.change}", lang),
                                      effect=effect.text(lang)))

    @app.command("exercises")
    @friendly
    def exercises_command(
        seed: Annotated[int, typer.Option(
            "--seed", help="The same seed gives the same exercises.")] = 1,
        level: Annotated[int, typer.Option(
            "--level", help="1: quorum; 2: majorities and abstentions; 3: written "
            "procedure and arrears.")] = 1,
        count: Annotated[int, typer.Option("--count", help="How many exercises (1-100).")] = 5,
        lang: Annotated[str, typer.Option("--lang", help="Language: en or fr.")] = "en",
        as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")
                           ] = False,
        answers: Annotated[bool, typer.Option(
            "--answers", help="Print the answers and their explanation (the lecturer's key).")
        ] = False,
    ) -> None:
        """Print exercises on the procedure, generated from a seed."""
        check_lang(lang)
        exercises = generate(seed, level, count)
        if as_json:
            print_json({"seed": seed, "level": level,
                        "exercises": [e.to_dict(with_answer=answers) for e in exercises]})
            return
        for index, exercise in enumerate(exercises):
            if index:
                typer.echo("")
            for line in _exercise_lines(exercise, lang, answers):
                typer.echo(line)
