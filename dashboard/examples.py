"""The bundled example scenarios (``scenarios/*.yaml``): their titles, descriptions and
decision titles in the page's language, from ``dashboard/locales/bundled.<lang>.toml``.

A scenario is recognised as a bundled one by the file it was read from, or, when it came
back through a link, by its (English) title in the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from quorum.scenario import Scenario, load_scenario

from .i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
#: Examples that show a what-if model open on the What-if page.
WHATIF_PAGE = "app_pages/whatif.py"


@cache
def names() -> tuple[str, ...]:
    """The bundled example scenarios (file names in ``scenarios/``)."""
    if not SCENARIOS.is_dir():
        return ()
    return tuple(sorted(p.name for p in SCENARIOS.glob("*.yaml")))


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def title(name: str, lang: str) -> str:
    """An example's title in ``lang`` (its file name when the catalogue has none)."""
    key = f"bundled.{stem(name)}.title"
    return catalogue(lang).get(key) or catalogue("en").get(key) or name


def description(name: str, lang: str) -> str:
    key = f"bundled.{stem(name)}.description"
    return catalogue(lang).get(key) or catalogue("en").get(key) or ""


@cache
def _loaded(name: str) -> Scenario:
    return load_scenario(SCENARIOS / name)


@cache
def _by_title() -> dict[str, str]:
    """English title in the file -> file name, for scenarios that came back by a link."""
    found: dict[str, str] = {}
    for name in names():
        try:
            found.setdefault(_loaded(name).title, name)
        except Exception:  # noqa: BLE001 - a broken example is only not recognised
            continue
    found.pop("", None)
    return found


def which(scenario: Scenario) -> str | None:
    """The bundled file ``scenario`` comes from, if any."""
    source = Path(str(scenario.source)).name
    if source in names():
        return source
    return _by_title().get(scenario.title) if scenario.title else None


def scenario_title(scenario: Scenario, lang: str) -> str:
    """The title to show for ``scenario``: a bundled one's in ``lang``, else its own."""
    name = which(scenario)
    if name is not None:
        return title(name, lang)
    return scenario.title or str(scenario.source)


def decision_title(scenario: Scenario, decision: Any, lang: str) -> str:
    """A decision's title: a bundled scenario's in ``lang``, else the file's, else its id."""
    name = which(scenario)
    if name is not None:
        key = f"bundled.{stem(name)}.decision.{decision.id}"
        found = catalogue(lang).get(key)
        if found:
            return found
    return decision.title or decision.id


def opens_on_whatif(name: str) -> bool:
    """Whether an example is about the what-if model (it opens on the What-if page)."""
    return stem(name).startswith("whatif-")


def by_stem(name: str) -> Scenario | None:
    """The bundled example ``name`` (without ``.yaml``), or None."""
    file = f"{name}.yaml"
    if file not in names():
        return None
    try:
        return _loaded(file)
    except Exception:  # noqa: BLE001 - a broken example opens nothing
        return None


def _election_text(scenario: Scenario, election_id: str, tail: str, lang: str) -> str:
    name = which(scenario)
    if name is None:
        return ""
    key = f"bundled.{stem(name)}.election.{election_id}.{tail}"
    return catalogue(lang).get(key) or ""


def election_title(scenario: Scenario, election: Any, lang: str) -> str:
    """An election's title: a bundled scenario's in ``lang``, else the file's, else its id."""
    return (_election_text(scenario, election.id, "title", lang) or election.title
            or election.id)


@cache
def _country_names() -> dict[str, tuple[str, str]]:
    from quorum.roster import roster_rows

    found: dict[str, tuple[str, str]] = {}
    for row in roster_rows("berne-union"):
        found.setdefault(row.id, (row.name_en, row.name_fr or row.name_en))
    return found


def candidate_names(scenario: Scenario, election: Any, lang: str) -> dict[str, str]:
    """Each candidate's name in ``lang``: a bundled scenario's translation, else the name in
    the file, else (a candidate named by a country code) the country's name, else the id."""
    out: dict[str, str] = {}
    for c in election.candidates:
        country = _country_names().get(c.id)
        out[c.id] = (_election_text(scenario, election.id, f"candidates.{c.id}", lang)
                     or c.name or (country[1] if country and lang == "fr" else
                                   country[0] if country else "") or c.id)
    return out


def candidate_groups(scenario: Scenario, election: Any, lang: str) -> dict[str, str]:
    """Each candidate's group as written in ``lang`` (a bundled scenario's translation)."""
    return {c.id: _election_text(scenario, election.id, f"groups.{c.id}", lang)
            or (c.group or "") for c in election.candidates}


def shown_elections(scenario: Scenario, lang: str) -> Scenario:
    """``scenario`` with its elections' titles and candidates as ``lang`` writes them: for
    what the page only shows (the walkthrough); never stored, never counted."""
    from dataclasses import replace

    if not scenario.elections:
        return scenario
    out = []
    for e in scenario.elections:
        names = candidate_names(scenario, e, lang)
        groups = candidate_groups(scenario, e, lang)
        out.append(replace(e, title=election_title(scenario, e, lang), candidates=tuple(
            replace(c, name=names[c.id], group=groups[c.id] or c.group)
            for c in e.candidates)))
    return replace(scenario, elections=tuple(out))
