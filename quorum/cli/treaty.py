"""``quorum treaty``: when a treaty enters into force and when it binds each party."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .base import AsJson, Lang, check_lang, command, echo, echo_title, friendly, print_json


@command("treaty")
@friendly
def treaty_command(
    file: Annotated[Path, typer.Argument(help="Treaty file (YAML: treaty, instruments).")],
    as_json: AsJson = False,
    lang: Lang = "en",
    simulate: Annotated[bool, typer.Option(
        "--simulate", help="Also simulate the entry-into-force date from the file's "
        "model: block (signatories' probabilities).")] = False,
    samples: Annotated[int | None, typer.Option(
        "--samples", help="Number of simulated runs (overrides model.samples).")] = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", help="Random seed (overrides model.seed).")] = None,
) -> None:
    """Entry into force, the instrument that triggered it, each party's date, and why."""
    from dataclasses import replace

    from ..errors import ScenarioError
    from ..explain import message
    from ..treaties import evaluate_treaty, load_treaty_file
    from ..treaties.engine import kind_label
    from ..treaties.whatif import MAX_SAMPLES, model_from_mapping, simulate_entry

    check_lang(lang)
    case, data = load_treaty_file(file)
    outcome = evaluate_treaty(case)
    whatif = None
    if simulate:
        if not isinstance(data, dict) or "model" not in data:
            raise ScenarioError(str(file), "model", key="tr_simulate_needs_model_block")
        model = model_from_mapping(data["model"], case, str(file))
        if samples is not None:
            if not 1 <= samples <= MAX_SAMPLES:
                raise ScenarioError(case.source, "--samples", key="option_range",
                                    params={"got": samples, "low": 1, "limit": MAX_SAMPLES})
            model = replace(model, samples=samples)
        if seed is not None:
            if not 0 <= seed < 2**32:
                raise ScenarioError(case.source, "--seed", key="option_range",
                                    params={"got": seed, "low": 0, "limit": 2**32 - 1})
            model = replace(model, seed=seed)
        whatif = simulate_entry(case, model)
    if as_json:
        out: dict[str, Any] = {
            "source": case.source,
            "treaty": case.rule.id,
            "entry_into_force": (outcome.entry_into_force.isoformat()
                                 if outcome.entry_into_force else None),
            "triggered_by": outcome.triggered_by,
            "count": outcome.count,
            "needed": outcome.needed,
            "missing": outcome.missing,
            "from_published": outcome.from_published,
            "parties": [p.to_dict() for p in outcome.parties],
            "trace": [s.to_dict() | {"params": _params(s.params)} for s in outcome.trace],
        }
        if whatif is not None:
            out["whatif"] = whatif.to_dict()
        print_json(out)
        return
    title = case.title or case.rule.name.get(lang)
    echo_title(title)
    if outcome.entry_into_force is None:
        echo(message("treaties.cli.not_in_force", lang, count=outcome.count,
                           needed=outcome.needed, missing=outcome.missing))
    elif outcome.from_published:
        echo(message("treaties.cli.in_force_published", lang,
                           entry=outcome.entry_into_force, count=outcome.count,
                           needed=outcome.needed))
    else:
        echo(message("treaties.cli.in_force", lang, entry=outcome.entry_into_force,
                           party=outcome.triggered_by or "", count=outcome.count,
                           needed=outcome.needed))
    echo("")
    echo(message("treaties.cli.parties", lang))
    not_yet = message("treaties.cli.not_yet", lang)
    for p in outcome.parties:
        echo("  " + message("treaties.cli.party_row", lang, party=p.party,
                                  kind=kind_label(p.kind, lang), deposited=p.deposited,
                                  effective=p.effective or not_yet))
    echo("")
    echo(message("treaties.cli.why", lang))
    for s in outcome.trace:
        echo(f"  - [{s.article}] {s.render(lang)}")
    if whatif is not None:
        echo("")
        share = f"{float(whatif.share_in_force):.1%}"
        if lang == "fr":
            share = share.replace(".", ",").replace("%", "\u202f%")
        if whatif.median is None:
            echo(message("treaties.cli.whatif_never", lang, samples=whatif.samples,
                               seed=str(whatif.seed), share=share))
        else:
            echo(message("treaties.cli.whatif", lang, samples=whatif.samples,
                               seed=str(whatif.seed), p10=whatif.p10, median=whatif.median,
                               p90=whatif.p90 or not_yet, share=share))


def _params(params: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params:
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "i18n":
            out[key] = {"en": value[1], "fr": value[2]}
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif value is None or isinstance(value, bool | int | str):
            out[key] = value
        else:
            out[key] = str(value)
    return out


@command("treaty-walkthrough")
@friendly
def treaty_walkthrough_command(as_json: AsJson = False, lang: Lang = "en") -> None:
    """The Beijing Treaty from the 2000 conference to entry into force, step by step."""
    from ..explain import message
    from ..treaties.story import beijing_walkthrough

    check_lang(lang)
    steps = beijing_walkthrough()
    if as_json:
        print_json({"steps": [s.to_dict() for s in steps]})
        return
    title = message("treaties.walk.title", lang)
    echo_title(title)
    for n, s in enumerate(steps, 1):
        echo(f"{n:>2}. [{s.article}] {s.render(lang)}")
