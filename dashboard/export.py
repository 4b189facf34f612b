"""What users take away: the explanation of a decision as a page (Markdown, and HTML to
print or save as PDF) in the chosen language, and tables as CSV and Parquet.

CSV cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are written with a leading apostrophe.
"""

from __future__ import annotations

import html
import io
from typing import Any

import pandas as pd

from quorum import Outcome

from .i18n import label

__all__ = ["explanation_markdown", "explanation_html", "csv_bytes", "parquet_bytes",
           "neutralise"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _lines(outcome: Outcome, lang: str) -> list[tuple[str, str]]:
    return [(step.article, step.render(lang)) for step in outcome.trace]


def _figures(outcome: Outcome, lang: str) -> list[tuple[str, str]]:
    rows = [
        (label("session.represented", lang),
         label("charts.represented_of", lang, represented=outcome.represented,
               members=outcome.members)),
        (label("vote.yes", lang), str(outcome.yes)),
        (label("vote.no", lang), str(outcome.no)),
        (label("vote.abstain", lang), str(outcome.abstain)),
        (label("session.votes_cast", lang), str(outcome.votes_cast)),
    ]
    for req in outcome.requirements:
        rows.append((label("outcome.majority", lang),
                     label(f"outcome.base_{req.base.value}", lang, needed=req.needed,
                           of=req.of)))
    return rows


def _heading(scenario_title: str, decision_title: str, outcome: Outcome, lang: str
             ) -> tuple[str, str]:
    status = label(f"status.{outcome.status.value}", lang)
    return (label("export.document_title", lang, decision=decision_title, status=status),
            f"{label('export.scenario', lang)}: {scenario_title}" if lang != "fr"
            else f"{label('export.scenario', lang)} : {scenario_title}")


def explanation_markdown(scenario_title: str, decision_title: str, outcome: Outcome,
                         lang: str, margin: list[str] | None = None) -> str:
    """The explanation of one decision as a Markdown page in ``lang``."""
    title, subtitle = _heading(scenario_title, decision_title, outcome, lang)
    out = [f"# {title}", "", subtitle, "", f"## {label('export.figures', lang)}", ""]
    out += [f"- {name}: {value}" if lang != "fr" else f"- {name} : {value}"
            for name, value in _figures(outcome, lang)]
    if margin:
        out += [""] + [f"{line}" for line in margin]
    out += ["", f"## {label('export.why', lang)}", ""]
    out += [f"{i}. " + (f"[{article}] " if article else "") + text
            for i, (article, text) in enumerate(_lines(outcome, lang), start=1)]
    out += ["", f"_{label('export.generated', lang)}_", ""]
    return "\n".join(out)


def explanation_html(scenario_title: str, decision_title: str, outcome: Outcome,
                     lang: str, margin: list[str] | None = None) -> str:
    """The same page as HTML, laid out for printing (or saving as PDF from the browser)."""
    title, subtitle = _heading(scenario_title, decision_title, outcome, lang)
    esc = html.escape
    figures = "".join(f"<tr><th>{esc(n)}</th><td>{esc(v)}</td></tr>"
                      for n, v in _figures(outcome, lang))
    extra = "".join(f"<p>{_bold(esc(line))}</p>" for line in margin or ())
    steps = "".join(
        f"<li>{f'<span class=art>{esc(a)}</span> ' if a else ''}{esc(text)}</li>"
        for a, text in _lines(outcome, lang))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }}
h1 {{ font-size: 1.5em; }} th {{ text-align: left; padding-right: 1em; font-weight: normal; }}
.art {{ font-family: sans-serif; font-size: .85em; background: #e3f2fd; padding: 0 .3em; }}
li {{ margin-bottom: .4em; }} footer {{ color: #555; font-size: .85em; margin-top: 2em; }}
@media print {{ body {{ margin: 0; }} }}
</style></head><body>
<h1>{esc(title)}</h1><p>{esc(subtitle)}</p>
<h2>{esc(label('export.figures', lang))}</h2><table>{figures}</table>{extra}
<h2>{esc(label('export.why', lang))}</h2><ol>{steps}</ol>
<footer>{esc(label('export.generated', lang))}</footer>
</body></html>
"""


def _bold(text: str) -> str:
    """``**x**`` (the page's Markdown emphasis) as HTML, once the text is escaped."""
    parts = text.split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet would take for a formula, made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if _texts(out[column]):
            out[column] = out[column].map(neutralise)
    if _texts(out.index):
        out.index = out.index.map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _texts(values: Any) -> bool:
    """Whether a column (or index) may hold text: object or string dtype."""
    return bool(values.dtype == object or pd.api.types.is_string_dtype(values.dtype))


def csv_bytes(frame: pd.DataFrame, index: bool = False) -> bytes:
    """A table as UTF-8 CSV, formula cells neutralised."""
    return _safe(frame).to_csv(index=index).encode("utf-8")


def parquet_bytes(frame: pd.DataFrame, index: bool = False) -> bytes:
    """A table as Parquet (the values as they are: Parquet is not read as formulas)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=index)
    return buffer.getvalue()
