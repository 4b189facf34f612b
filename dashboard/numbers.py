"""Numbers in tables as the page's language writes them.

Streamlit's number columns write a decimal point whatever the page's language (their
``format`` is printf-like; the "localized" preset follows the browser, not the page). A table
whose numbers are there to be read, and whose order does not depend on sorting by them, shows
them in French as text written the French way (``1 234,56``); a table an analyst sorts keeps
its number columns (see docs/dashboard.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .i18n import number

__all__ = ["written", "columns"]


def written(frame: pd.DataFrame, decimals: Mapping[str, int], lang: str) -> pd.DataFrame:
    """``frame`` with the ``decimals`` columns written as ``lang`` writes numbers (French
    only: an English page keeps the numbers, sortable); an empty cell stays empty."""
    if lang != "fr":
        return frame
    out = frame.copy()
    for name, places in decimals.items():
        if name in out.columns:
            out[name] = [None if v is None or (isinstance(v, float) and v != v)
                         else number(float(v), lang, places) for v in out[name]]
    return out


def columns(labels: Mapping[str, str], decimals: Mapping[str, int], lang: str,
            **widths: Any) -> dict[str, Any]:
    """Column settings matching :func:`written`: number columns in English, text (right
    aligned) in French."""
    import streamlit as st

    out: dict[str, Any] = {}
    for name, text in labels.items():
        width = widths.get(name)
        if lang == "fr":
            out[name] = st.column_config.TextColumn(text, width=width, alignment="right")
        else:
            out[name] = st.column_config.NumberColumn(text, width=width,
                                                      format=f"%.{decimals[name]}f")
    return out
