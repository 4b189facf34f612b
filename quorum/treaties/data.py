"""The bundled lists of instruments (``quorum/data/treaties/instruments/*.csv``).

Each row: party, name (English and French), kind, type, deposited, the effective date
published for that party (empty where the source read gives none), the source and a note
(empty, or why the published date is not the one the treaty's article gives). See the
folder's README for what each list covers and what is missing.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from importlib import resources

from .engine import Instrument, PartyType

__all__ = ["bundled_names", "bundled_instruments", "published_effective", "published_notes",
           "party_names", "PUBLISHED_ENTRY"]

# Published dates of entry into force (sources in the data README and the presets). The
# bundled lists are complete up to these dates: the engine computes them from the instruments.
PUBLISHED_ENTRY = {"beijing-treaty": date(2020, 4, 28), "marrakesh-treaty": date(2016, 9, 30),
                   "wipo-copyright-treaty": date(2002, 3, 6)}


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    folder = resources.files("quorum").joinpath("data", "treaties", "instruments")
    text = folder.joinpath(f"{name}.csv").read_text("utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def bundled_names() -> tuple[str, ...]:
    folder = resources.files("quorum").joinpath("data", "treaties", "instruments")
    return tuple(sorted(e.name.removesuffix(".csv") for e in folder.iterdir()
                        if e.name.endswith(".csv")))


def bundled_instruments(name: str) -> tuple[Instrument, ...]:
    """The instruments of a bundled list, in the order of the file."""
    return tuple(Instrument(r["party"], r["kind"], PartyType(r["type"]),
                            date.fromisoformat(r["deposited"]), None, r["source"])
                 for r in _rows(name))


def published_effective(name: str) -> dict[str, date]:
    """The effective date published for each party, where the source gives one."""
    return {r["party"]: date.fromisoformat(r["published_effective"]) for r in _rows(name)
            if r["published_effective"]}


def published_notes(name: str) -> dict[str, str]:
    """Parties whose published date departs from the treaty's rule, with the reason."""
    return {r["party"]: r["note"] for r in _rows(name) if r.get("note")}


def party_names(name: str) -> dict[str, tuple[str, str]]:
    """Each party's name in English and French, as the bundled list gives them."""
    return {r["party"]: (r["name"], r["name_fr"]) for r in _rows(name)}
