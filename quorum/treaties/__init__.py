"""Treaties from adoption to entry into force: rules as data, instruments in, dates out."""

from __future__ import annotations

from .engine import (
    Instrument,
    PartyDate,
    PartyType,
    TreatyCase,
    TreatyOutcome,
    counts_toward,
    evaluate_treaty,
)
from .rules import (
    Counts,
    DelayFrom,
    IgoRule,
    LaterRule,
    TreatyRule,
    get_treaty,
    needed_instruments,
    preset_names,
    treaty_from_mapping,
    treaty_to_mapping,
)
from .schema import case_from_mapping, case_to_mapping, dump_treaty, load_treaty_file, parse_treaty

__all__ = [
    "Counts", "DelayFrom", "IgoRule", "LaterRule", "TreatyRule", "Instrument", "PartyDate",
    "PartyType", "TreatyCase", "TreatyOutcome", "counts_toward", "evaluate_treaty",
    "get_treaty", "needed_instruments", "preset_names", "treaty_from_mapping",
    "treaty_to_mapping", "case_from_mapping", "case_to_mapping", "dump_treaty",
    "load_treaty_file", "parse_treaty",
]
