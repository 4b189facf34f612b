"""The Treaty page's logic: the treaty file as text, its table, its link token, its chart.

The page keeps one small value in the session: the treaty file's YAML text (``treaty:``,
``instruments:`` and an optional ``model:``). Everything else is computed from it through
the public API of :mod:`quorum.treaties`, so what is downloaded, linked or uploaded is that
same text and reads back to the same case.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import yaml

from quorum import ScenarioError
from quorum.treaties import (
    TreatyCase,
    TreatyOutcome,
    case_from_mapping,
    case_to_mapping,
    evaluate_treaty,
)
from quorum.treaties.engine import counts_toward, kind_label
from quorum.treaties.whatif import WhatIfResult, model_from_mapping, simulate_entry
from quorum.yamlio import plain

__all__ = ["EXAMPLES", "example_text", "read_document", "document_text", "encode", "decode",
           "instruments_table", "case_from_table", "parties_table", "count_over_time",
           "instruments_chart", "whatif_chart", "simulate", "MAX_UPLOAD_BYTES",
           "example_title", "party_name"]

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "scenarios" / "treaties"
EXAMPLES = ("treaty-beijing", "treaty-marrakesh", "treaty-wct", "treaty-whatif")
MAX_UPLOAD_BYTES = 1_000_000
MAX_TOKEN_CHARS = 64_000
VERSION = "1"
COLUMNS = ["party", "kind", "type", "deposited", "notified", "source"]


@cache
def example_text(name: str) -> str:
    """A bundled treaty file, in the canonical form the page keeps."""
    if name not in EXAMPLES:
        raise KeyError(name)
    case, model = read_document((FOLDER / f"{name}.yaml").read_text("utf-8"), f"{name}.yaml")
    return document_text(case, model)


def example_title(name: str, lang: str) -> str:
    """A bundled treaty's title in ``lang`` (``dashboard/locales/language.<lang>.toml``)."""
    from .i18n import catalogue

    key = f"treaty_example.{name}"
    return catalogue(lang).get(key) or catalogue("en").get(key) or name


@cache
def _party_names() -> dict[str, tuple[str, str]]:
    from quorum.treaties.data import bundled_names, party_names

    found: dict[str, tuple[str, str]] = {}
    for name in bundled_names():
        for code, names in party_names(name).items():
            found.setdefault(code, names)
    return found


def party_name(code: str, lang: str) -> str:
    """A party's name in ``lang`` as the bundled lists give it (its code when unknown)."""
    names = _party_names().get(code)
    if names is None:
        return code
    return (names[1] if lang == "fr" else names[0]) or names[0] or code


def _load(text: str | bytes, source: str) -> Any:
    from quorum.scenario import _decode, _parse_yaml

    if isinstance(text, bytes):
        if len(text) > MAX_UPLOAD_BYTES:
            raise ScenarioError(source, "", key="tr_file_above_limit_max_bytes_bytes",
                                params={"max_bytes": MAX_UPLOAD_BYTES})
        text = _decode(text, source)
    return _parse_yaml(text, source)


def read_document(text: str | bytes, source: str) -> tuple[TreatyCase, dict[str, Any] | None]:
    """A treaty file's text to its case and its ``model:`` block (validated)."""
    data = _load(text, source)
    case = case_from_mapping(data, source)
    model = data.get("model") if isinstance(data, Mapping) else None
    if model is not None:
        model_from_mapping(model, case, source)
        model = dict(model)
    return case, model


def document_text(case: TreatyCase, model: Mapping[str, Any] | None) -> str:
    """The canonical YAML text of a case and its model (what the page keeps)."""
    data = case_to_mapping(case)
    if model:
        data["model"] = plain(model)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)



# --- the link -----------------------------------------------------------------------------

def encode(text: str) -> str:
    """The treaty file as a short token for the address bar."""
    packed = zlib.compress(text.encode("utf-8"), 9)
    return VERSION + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(token: str, source: str = "link") -> str:
    """The treaty file's text from a token (validated; a one-line error otherwise)."""
    if not token.startswith(VERSION) or len(token) > MAX_TOKEN_CHARS:
        raise ScenarioError(source, "tr", key="tr_link_version")
    body = token[1:]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        out = zlib.decompressobj()
        data = out.decompress(raw, MAX_UPLOAD_BYTES)
        if out.unconsumed_tail:
            raise ValueError("too large")
        text = data.decode("utf-8")
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError):
        raise ScenarioError(source, "tr", key="tr_link_damaged") from None
    case, model = read_document(text, source)
    return document_text(case, model)


# --- tables -------------------------------------------------------------------------------

def instruments_table(case: TreatyCase) -> pd.DataFrame:
    """The instruments as an editable table (dates as ``datetime.date``)."""
    rows = [{"party": i.party, "kind": i.kind, "type": i.type.value,
             "deposited": i.deposited, "notified": i.notified, "source": i.source}
            for i in case.instruments]
    return pd.DataFrame(rows, columns=COLUMNS)


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:   # NaN from an empty cell
        return None
    if value is pd.NaT:
        return None
    if hasattr(value, "date") and not isinstance(value, date):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def case_from_table(case: TreatyCase, rows: Sequence[Mapping[str, Any]],
                    source: str = "table") -> TreatyCase:
    """The case with the table's instruments (validated like a file)."""
    data = case_to_mapping(case)
    instruments = []
    for row in rows:
        item = {k: _cell(row.get(k)) for k in COLUMNS}
        if all(v is None for v in item.values()):
            continue
        instruments.append({k: v for k, v in item.items() if v is not None})
    data["instruments"] = instruments
    return case_from_mapping(data, source)


def parties_table(outcome: TreatyOutcome, lang: str) -> pd.DataFrame:
    rows = [{"party": party_name(p.party, lang), "kind": kind_label(p.kind, lang),
             "deposited": p.deposited,
             "effective": p.effective, "counted": p.counted, "initial": p.initial}
            for p in outcome.parties]
    return pd.DataFrame(rows, columns=["party", "kind", "deposited", "effective", "counted",
                                       "initial"])


def count_over_time(case: TreatyCase, lang: str = "en") -> pd.DataFrame:
    """Cumulative counted instruments by date of deposit (one row per counted instrument),
    each named in ``lang``."""
    members = frozenset(case.members_at_adoption) if case.members_at_adoption else None
    counted = sorted((i.deposited, i.party) for i in case.instruments
                     if counts_toward(case.rule, i, members))
    return pd.DataFrame([{"date": d.isoformat(), "count": n + 1, "party": party_name(p, lang)}
                         for n, (d, p) in enumerate(counted)],
                        columns=["date", "count", "party"])


# --- charts -------------------------------------------------------------------------------

def instruments_chart(frame: pd.DataFrame, needed: int, entry: str | None,
                      texts: Mapping[str, str]) -> alt.LayerChart:
    """Counted instruments over time, the number needed, and the entry-into-force date."""
    steps = alt.Chart(alt.Data(values=frame.to_dict("records"))).mark_line(
        interpolate="step-after", point=True, color="#1565c0").encode(
        x=alt.X("date:T", title=texts["date"]),
        y=alt.Y("count:Q", title=texts["count"],
                scale=alt.Scale(domain=[0, max(needed, int(frame["count"].max())
                                               if len(frame) else 0) + 2])),
        tooltip=[alt.Tooltip("party:N", title=texts["party"]),
                 alt.Tooltip("date:T", title=texts["date"]),
                 alt.Tooltip("count:Q", title=texts["count"])])
    rule = alt.Chart(alt.Data(values=[{"needed": needed, "label": texts["needed"]}])
                     ).mark_rule(color="#c62828", strokeDash=[6, 4]).encode(
        y=alt.Y("needed:Q"), tooltip=[alt.Tooltip("label:N", title=texts["needed"])])
    layers: list[alt.Chart] = [steps, rule]
    if entry is not None:
        layers.append(alt.Chart(alt.Data(values=[{"entry": entry, "label": texts["entry"]}])
                                ).mark_rule(color="#2e7d32").encode(
            x=alt.X("entry:T"), tooltip=[alt.Tooltip("entry:T", title=texts["entry"])]))
    return alt.layer(*layers).properties(height=320)


def whatif_chart(result: WhatIfResult, texts: Mapping[str, str]) -> alt.Chart:
    """Runs entering into force each year (the what-if band as a histogram)."""
    rows = [{"year": str(y), "share": n / result.samples} for y, n in result.histogram]
    return alt.Chart(alt.Data(values=rows)).mark_bar(color="#1565c0").encode(
        x=alt.X("year:O", title=texts["year"]),
        y=alt.Y("share:Q", title=texts["share"], axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("year:O", title=texts["year"]),
                 alt.Tooltip("share:Q", title=texts["share"], format=".1%")],
    ).properties(height=220)


def simulate(text: str) -> WhatIfResult | None:
    """The what-if of the page's treaty file, when it has a ``model:`` block."""
    case, model = read_document(text, "treaty")
    if not model:
        return None
    return simulate_entry(case, model_from_mapping(model, case, "treaty"))


def evaluate_text(text: str) -> tuple[TreatyCase, TreatyOutcome]:
    case, _ = read_document(text, "treaty")
    return case, evaluate_treaty(case)
