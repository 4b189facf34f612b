"""Altair chart builders: a DataFrame in, a chart out (tested as specifications).

Builders take already translated texts; they never compute a rule, they only draw the
figures the frames (:mod:`dashboard.frames`) took from the core. :func:`show` draws a chart
in the page.

Every encoding is written with Altair's explicit channel classes (``alt.X``, ``alt.YValue``,
...) and the rows are kept as named datasets at the chart's top level: Altair then has no
shorthand to resolve against the Vega-Lite schema and no rows to copy, which keeps building
and drawing a chart to a few milliseconds, so charts are rebuilt on every rerun.

Even so, building and writing an Altair chart costs some 20 ms, most of a rerun's budget on
the pages that change on every edit. The builders of those pages are *templated*: their
specification depends on their tables only through the rows of the named datasets and a
small structural key (e.g. the organ's size for the quorum bar), so :func:`draw` builds the
specification once per key and afterwards only puts the new rows into it. The tests check
that a templated specification equals the freshly built one.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode

__all__ = [
    "COLOURS",
    "quorum_bar",
    "tally_bar",
    "written_timeline",
    "replies_bar",
    "growth_lines",
    "distribution_bars",
    "heatmap",
    "ranked_bars",
    "grouped_bars",
    "show",
    "draw",
    "spec",
]

#: Colours by meaning, shared by every chart.
COLOURS = {
    "full": "#2e7d32",
    "reduced": "#ef6c00",
    "none": "#c62828",
    "yes": "#2e7d32",
    "no": "#c62828",
    "abstain": "#9e9e9e",
    "needed": "#546e7a",
    "enough": "#2e7d32",
    "short": "#ef6c00",
    "background": "#eceff1",
    "mark": "#263238",
}

_TOP, _BOTTOM = 34, 62  # where the single bars of the session charts lie, in pixels

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=alt.TopLevelMixin)


def _builder(func: F) -> F:
    """Build without validating each piece as it is made (``to_dict()`` still validates)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with debug_mode(False):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class _Tables:
    """The tables of one chart, kept at its top level as named datasets.

    Layers refer to a table by name, so Altair never copies the rows from layer to layer,
    and :func:`show` hands them to the page without walking them again.
    """

    def __init__(self) -> None:
        self.values: dict[str, list[dict[str, Any]]] = {}
        self.sources: list[tuple[str, int]] = []  # (dataset, id of the frame it came from)

    def __call__(self, frame: pd.DataFrame) -> alt.NamedData:
        name = f"table_{len(self.values)}"
        self.values[name] = _records(frame)
        self.sources.append((name, id(frame)))
        return alt.NamedData(name=name)

    def attach(self, chart: C) -> C:
        chart.datasets = self.values
        _LAST.sources = self.sources
        return chart


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as plain Python values (what a Vega-Lite dataset holds)."""
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


_LAST = threading.local()  # the datasets' sources of the chart last built in this thread


def _templated(structure: Callable[..., Hashable]) -> Callable[[F], F]:
    """Mark a builder whose specification depends on its tables only through their rows
    and ``structure(*args)``: :func:`spec` then reuses its specification."""

    def mark(func: F) -> F:
        func.structure = structure  # type: ignore[attr-defined]
        return func

    return mark


def _scale(codes: list[str]) -> alt.Scale:
    return alt.Scale(domain=codes, range=[COLOURS[c] for c in codes])


def _tooltip(field: str, title: str | None = None, kind: str = "nominal",
             fmt: str | None = None) -> alt.Tooltip:
    extra: dict[str, Any] = {}
    if title is not None:
        extra["title"] = title
    if fmt is not None:
        extra["format"] = fmt
    return alt.Tooltip(field=field, type=kind, **extra)


def _marks_text(marks: alt.NamedData, side: str, align: str, dx: int) -> alt.Chart:
    return alt.Chart(marks).transform_filter(alt.datum.side == side).mark_text(
        align=align, dx=dx, fontSize=12, color=COLOURS["mark"]).encode(
        x=alt.X(field="value", type="quantitative"), y=alt.YValue(_TOP - 12),
        text=alt.Text(field="text", type="nominal"))


@_templated(lambda bar, marks, axis_title: int(bar["members"].max()))
@_builder
def quorum_bar(bar: pd.DataFrame, marks: pd.DataFrame, axis_title: str) -> alt.LayerChart:
    """Members represented against the organ's size, with the thresholds marked.

    ``bar``: one row with ``represented``, ``members``, ``state`` (full, reduced, none) and
    ``text``. ``marks``: rows with ``value`` (a number of members), ``text`` (e.g.
    "quorum (1/2): 90") and ``side`` (``left`` puts the text left of the mark).
    """
    tables = _Tables()
    scale = alt.Scale(domain=[0, int(bar["members"].max())], nice=False)
    tip = [_tooltip("text", axis_title)]
    data = tables(bar)
    whole = alt.Chart(data).mark_bar(color=COLOURS["background"]).encode(
        x=alt.X(field="members", type="quantitative", title=axis_title, scale=scale),
        x2=alt.X2Value(0), y=alt.YValue(_TOP), y2=alt.Y2Value(_BOTTOM), tooltip=tip)
    represented = alt.Chart(data).mark_bar().encode(
        x=alt.X(field="represented", type="quantitative", scale=scale),
        x2=alt.X2Value(0), y=alt.YValue(_TOP), y2=alt.Y2Value(_BOTTOM),
        color=alt.Color(field="state", type="nominal",
                        scale=_scale(["full", "reduced", "none"]), legend=None),
        tooltip=tip)
    marks_data = tables(marks)
    rules = alt.Chart(marks_data).mark_rule(color=COLOURS["mark"], strokeWidth=2,
                                              strokeDash=[4, 2]).encode(
        x=alt.X(field="value", type="quantitative"), y=alt.YValue(_TOP - 12),
        y2=alt.Y2Value(_BOTTOM + 4), tooltip=tip)
    return tables.attach(alt.layer(
        whole, represented, rules, _marks_text(marks_data, "right", "left", 4),
        _marks_text(marks_data, "left", "right", -4)).properties(height=_BOTTOM + 4))


@_templated(lambda votes, line, axis_title: len(line) > 0)
@_builder
def tally_bar(votes: pd.DataFrame, line: pd.DataFrame, axis_title: str) -> alt.LayerChart:
    """Yes, no and abstentions end to end on one bar, with the yes votes the majority needs.

    ``votes``: rows with ``code`` (yes, no, abstain), ``start``, ``end`` (where the segment
    lies on the bar), ``mid``, ``text`` (its label) and ``wide`` (room for the label).
    ``line``: zero or one row with ``value`` (yes votes needed), ``text`` and ``side``
    (``left`` puts the text left of the mark).
    """
    tables = _Tables()
    data = tables(votes)
    segments = alt.Chart(data).mark_bar().encode(
        x=alt.X(field="start", type="quantitative", title=axis_title,
                scale=alt.Scale(domainMin=0)),
        x2=alt.X2(field="end"), y=alt.YValue(_TOP), y2=alt.Y2Value(_BOTTOM),
        color=alt.Color(field="code", type="nominal", scale=_scale(["yes", "no", "abstain"]),
                        legend=None),
        tooltip=[_tooltip("text", axis_title)])
    labels = alt.Chart(data).transform_filter(alt.datum.wide).mark_text(
        color="white", fontSize=12, fontWeight="bold").encode(
        x=alt.X(field="mid", type="quantitative"), y=alt.YValue((_TOP + _BOTTOM) // 2),
        text=alt.Text(field="text", type="nominal"))
    layers: list[Any] = [segments, labels]
    if len(line):
        needed = tables(line)
        layers.append(alt.Chart(needed).mark_rule(color=COLOURS["mark"], strokeWidth=2,
                                                  strokeDash=[4, 2]).encode(
            x=alt.X(field="value", type="quantitative"), y=alt.YValue(_TOP - 12),
            y2=alt.Y2Value(_BOTTOM + 4)))
        layers.append(_marks_text(needed, "right", "left", 4))
        layers.append(_marks_text(needed, "left", "right", -4))
    return tables.attach(alt.layer(*layers).properties(height=_BOTTOM + 4))


@_templated(lambda events, period, axis_title: len(period) > 0)
@_builder
def written_timeline(events: pd.DataFrame, period: pd.DataFrame, axis_title: str
                     ) -> alt.LayerChart:
    """The session, the communication and the deadline on a time axis.

    ``events``: rows with ``date`` (ISO text), ``text`` (its label) and ``above`` (whether
    the label goes above the line, so that events on the same day stay readable).
    ``period``: zero or one row with ``start``, ``end`` and ``text`` (the reply period).
    """
    tables = _Tables()
    middle = 40
    layers: list[Any] = []
    if len(period):
        layers.append(alt.Chart(tables(period)).mark_bar(color=COLOURS["reduced"],
                                                        opacity=0.25).encode(
            x=alt.X(field="start", type="temporal", title=axis_title),
            x2=alt.X2(field="end"), y=alt.YValue(middle - 10), y2=alt.Y2Value(middle + 10),
            tooltip=[_tooltip("text")]))
    data = tables(events)
    layers.append(alt.Chart(data).mark_point(filled=True, size=140, opacity=1,
                                             color=COLOURS["mark"]).encode(
        x=alt.X(field="date", type="temporal", title=axis_title,
                axis=alt.Axis(format="%d %b %Y")),
        y=alt.YValue(middle), tooltip=[_tooltip("text")]))
    for above, offset in ((True, -22), (False, 24)):
        layers.append(alt.Chart(data).transform_filter(
            alt.datum.above if above else ~alt.datum.above).mark_text(
            fontSize=12, color=COLOURS["mark"]).encode(
            x=alt.X(field="date", type="temporal"), y=alt.YValue(middle + offset),
            text=alt.Text(field="text", type="nominal")))
    return tables.attach(alt.layer(*layers).properties(height=2 * middle))


@_templated(lambda replies, axis_title: None)
@_builder
def replies_bar(replies: pd.DataFrame, axis_title: str) -> alt.Chart:
    """Written replies needed against replies received.

    ``replies``: rows with ``what`` (label), ``count`` and ``code`` (needed, enough, short).
    """
    tables = _Tables()
    return tables.attach(alt.Chart(tables(replies)).mark_bar(size=24).encode(
        x=alt.X(field="count", type="quantitative", title=axis_title),
        y=alt.Y(field="what", type="nominal", title=None, sort=None),
        color=alt.Color(field="code", type="nominal",
                        scale=_scale(["needed", "enough", "short"]), legend=None),
        tooltip=[_tooltip("what"), _tooltip("count", kind="quantitative")],
    ).properties(height=70))


@_templated(lambda table, current, x_title, y_title: None)
@_builder
def growth_lines(table: pd.DataFrame, current: pd.DataFrame, x_title: str, y_title: str
                 ) -> alt.LayerChart:
    """How thresholds grow with the number of members.

    ``table``: long form with ``members``, ``measure`` (label) and ``value``.
    ``current``: one row with ``members`` (the size chosen) and ``text``.
    """
    tables = _Tables()
    lines = alt.Chart(tables(table)).mark_line(interpolate="step-after").encode(
        x=alt.X(field="members", type="quantitative", title=x_title),
        y=alt.Y(field="value", type="quantitative", title=y_title),
        color=alt.Color(field="measure", type="nominal", title=None,
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[_tooltip("measure"), _tooltip("members", kind="quantitative"),
                 _tooltip("value", kind="quantitative")])
    rule = alt.Chart(tables(current)).mark_rule(color=COLOURS["mark"],
                                               strokeDash=[4, 2]).encode(
        x=alt.X(field="members", type="quantitative"), tooltip=[_tooltip("text")])
    return tables.attach(alt.layer(lines, rule).properties(height=320))


@_templated(lambda table, marks, x_title, y_title: None)
@_builder
def distribution_bars(table: pd.DataFrame, marks: pd.DataFrame, x_title: str, y_title: str
                      ) -> alt.LayerChart:
    """A probability distribution over counts (``count``, ``probability``), with the
    thresholds marked (``marks``: ``value``, ``text``, as for :func:`quorum_bar`)."""
    tables = _Tables()
    bars = alt.Chart(tables(table)).mark_bar(color=COLOURS["needed"]).encode(
        x=alt.X(field="count", type="quantitative", title=x_title),
        y=alt.Y(field="probability", type="quantitative", title=y_title),
        tooltip=[_tooltip("count", x_title, "quantitative"),
                 _tooltip("probability", y_title, "quantitative", ".4f")])
    marks_data = tables(marks)
    rules = alt.Chart(marks_data).mark_rule(color=COLOURS["mark"], strokeDash=[4, 2]).encode(
        x=alt.X(field="value", type="quantitative"), tooltip=[_tooltip("text")])
    texts = alt.Chart(marks_data).mark_text(align="left", dx=4, dy=-4, fontSize=12,
                                            color=COLOURS["mark"]).encode(
        x=alt.X(field="value", type="quantitative"), y=alt.YValue(8),
        text=alt.Text(field="text", type="nominal"))
    return tables.attach(alt.layer(bars, rules, texts).properties(height=220))


@_builder
def heatmap(table: pd.DataFrame, x_title: str, y_title: str, value_title: str
            ) -> alt.LayerChart:
    """A probability over two swept parameters: columns ``x``, ``y``, ``value`` (0 to 1)."""
    tables = _Tables()
    data = tables(table)
    x = alt.X(field="x", type="ordinal", title=x_title,
              axis=alt.Axis(format=".2f", labelAngle=0))
    y = alt.Y(field="y", type="ordinal", title=y_title, sort="descending",
              axis=alt.Axis(format=".2f"))
    cells = alt.Chart(data).mark_rect().encode(
        x=x, y=y,
        color=alt.Color(field="value", type="quantitative", title=value_title,
                        scale=alt.Scale(domain=[0, 1], scheme="redyellowgreen")),
        tooltip=[_tooltip("x", x_title, "quantitative", ".3f"),
                 _tooltip("y", y_title, "quantitative", ".3f"),
                 _tooltip("value", value_title, "quantitative", ".3f")])
    text = alt.Chart(data).mark_text(fontSize=10).encode(
        x=x, y=y, text=alt.Text(field="value", type="quantitative", format=".2f"))
    return tables.attach(alt.layer(cells, text).properties(height=360))


@_builder
def ranked_bars(table: pd.DataFrame, x_title: str, value_format: str = ".3f") -> alt.Chart:
    """Horizontal bars in the table's order (largest first): columns ``name`` and ``value``."""
    tables = _Tables()
    return tables.attach(alt.Chart(tables(table)).mark_bar(color=COLOURS["needed"]).encode(
        x=alt.X(field="value", type="quantitative", title=x_title),
        y=alt.Y(field="name", type="nominal", title=None, sort=None),
        tooltip=[_tooltip("name"), _tooltip("value", x_title, "quantitative", value_format)],
    ).properties(height=max(80, 22 * len(table))))


@_templated(lambda table, x_title, value_format=".3f": (
    tuple(dict.fromkeys(table["series"])), tuple(dict.fromkeys(table["name"]))))
@_builder
def grouped_bars(table: pd.DataFrame, x_title: str, value_format: str = ".3f") -> alt.Chart:
    """Horizontal bars, one group of bars per ``name`` (in the table's order) and one bar
    per ``series`` in it (in the order first seen): columns ``name``, ``series``, ``value``.
    Used for the power indices of each group and for power before and after a what-if."""
    tables = _Tables()
    series = list(dict.fromkeys(table["series"]))
    names = list(dict.fromkeys(table["name"]))
    palette = [COLOURS["needed"], COLOURS["reduced"], COLOURS["full"]]
    return tables.attach(alt.Chart(tables(table)).mark_bar().encode(
        x=alt.X(field="value", type="quantitative", title=x_title),
        y=alt.Y(field="name", type="nominal", title=None, sort=names,
                axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset(field="series", type="nominal", sort=series),
        color=alt.Color(field="series", type="nominal", title=None,
                        scale=alt.Scale(domain=series, range=palette[:len(series)]),
                        legend=alt.Legend(orient="top")),
        tooltip=[_tooltip("name"), _tooltip("series"),
                 _tooltip("value", x_title, "quantitative", value_format)],
    ).properties(height=max(80, 14 * len(series) * len(names) + 8 * len(names))))


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite specification, written without re-validating it against the
    schema (the tests validate each builder's output once)."""
    tables = getattr(chart, "datasets", alt.Undefined)
    bare = chart.copy(deep=False)
    bare["datasets"] = alt.Undefined  # the rows are added to the specification as they are
    out: dict[str, Any] = bare.to_dict(validate=False)
    if tables is not alt.Undefined:
        out["datasets"] = tables
    out.pop("config", None)
    out.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    return out


_TEMPLATES: OrderedDict[Hashable, tuple[dict[str, Any], tuple[tuple[str, int], ...]]] = \
    OrderedDict()
_TEMPLATES_LOCK = threading.Lock()
_MAX_TEMPLATES = 64


def spec(builder: Callable[..., alt.TopLevelMixin], *args: Any) -> dict[str, Any]:
    """The specification of ``builder(*args)``; for a templated builder, its template with
    the rows of these tables (the chart is built only for a structure not seen before)."""
    structure = getattr(builder, "structure", None)
    if structure is None:
        return _spec(builder(*args))
    key = (builder.__name__, structure(*args),
           tuple(tuple(a.columns) if isinstance(a, pd.DataFrame) else a for a in args))
    with _TEMPLATES_LOCK:
        hit = _TEMPLATES.get(key)
        if hit is not None:
            _TEMPLATES.move_to_end(key)
    if hit is not None:
        template, slots = hit
        out = dict(template)
        out["datasets"] = {name: _records(args[i]) for name, i in slots}
        return out
    _LAST.sources = []
    chart = builder(*args)
    out = _spec(chart)
    position = {id(a): i for i, a in enumerate(args) if isinstance(a, pd.DataFrame)}
    sources = getattr(_LAST, "sources", [])
    if sources and all(src in position for _, src in sources):
        template = {k: v for k, v in out.items() if k != "datasets"}
        slots = tuple((name, position[src]) for name, src in sources)
        with _TEMPLATES_LOCK:
            _TEMPLATES[key] = (template, slots)
            while len(_TEMPLATES) > _MAX_TEMPLATES:
                _TEMPLATES.popitem(last=False)
    return out


def localized(out: dict[str, Any], lang: str) -> dict[str, Any]:
    """The specification with the number and date formats of ``lang`` (Vega-Lite's
    ``config.locale``): axes read "1 234,5" and French month names on a French page."""
    from .i18n import CHART_LOCALES

    locale = CHART_LOCALES.get(lang)
    if not locale or lang == "en":
        return out
    done = dict(out)
    done["config"] = {**out.get("config", {}), "locale": locale}
    return done


def html_page(out: dict[str, Any], title: str, lang: str) -> str:
    """A chart as a page of its own, with Vega's export menu (⋯: save as PNG or SVG),
    which the dashboard's charts do not show; drawn by vega-embed from its CDN."""
    import html

    from altair.utils.html import spec_to_html
    from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    spec = localized({**out, "width": 720, "title": title}, lang)
    page = spec_to_html(spec, mode="vega-lite", vega_version=VEGA_VERSION,
                        vegaembed_version=VEGAEMBED_VERSION,
                        vegalite_version=VEGALITE_VERSION,
                        embed_options={"actions": {"export": True, "source": False,
                                                   "compiled": False, "editor": False}})
    return page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)


#: The last specification drawn under each chart key (for :func:`html_page` downloads).
LAST_SPECS = "chart_specs"


def _draw_spec(out: dict[str, Any], key: str | None) -> None:
    import streamlit as st

    from .i18n import current

    if key is not None:
        st.session_state.setdefault(LAST_SPECS, {})[key] = out
    st.vega_lite_chart(spec=localized(out, current()), width="stretch", key=key)


def show(chart: alt.TopLevelMixin, key: str | None = None) -> None:
    """Draw a chart across the page's width.

    The height given to a builder is its plot's, axes and legends being added around it.
    """
    _draw_spec(_spec(chart), key)


def draw(builder: Callable[..., alt.TopLevelMixin], *args: Any, key: str | None = None
         ) -> None:
    """Draw ``builder(*args)`` like :func:`show`, through its template when it has one."""
    _draw_spec(spec(builder, *args), key)
