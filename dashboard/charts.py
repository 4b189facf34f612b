"""Altair chart builders: a DataFrame in, a chart out (tested as specifications).

Builders take already translated texts; they never compute a rule, they only draw the
figures the frames (:mod:`dashboard.frames`) took from the core. :func:`show` draws a chart
in the page.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

__all__ = [
    "COLOURS",
    "quorum_bar",
    "tally_bar",
    "written_timeline",
    "replies_bar",
    "growth_lines",
    "heatmap",
    "ranked_bars",
    "show",
]

#: Colours by meaning, shared by every chart (and by the status badge).
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


def _scale(codes: list[str]) -> alt.Scale:
    return alt.Scale(domain=codes, range=[COLOURS[c] for c in codes])


def quorum_bar(bar: pd.DataFrame, marks: pd.DataFrame, axis_title: str) -> alt.LayerChart:
    """Members represented against the organ's size, with the thresholds marked.

    ``bar``: one row with ``represented``, ``members``, ``state`` (full, reduced, none) and
    ``text``. ``marks``: rows with ``value`` (a number of members), ``text`` (e.g.
    "quorum (1/2): 90") and ``side`` (``left`` puts the text left of the mark).
    """
    top, bottom = 34, 62
    scale = alt.Scale(domain=[0, int(bar["members"].max())], nice=False)
    whole = alt.Chart(bar).mark_bar(color=COLOURS["background"]).encode(
        x=alt.X("members:Q", title=axis_title, scale=scale), x2=alt.value(0),
        y=alt.value(top), y2=alt.value(bottom),
        tooltip=[alt.Tooltip("text:N", title=axis_title)],
    )
    represented = alt.Chart(bar).mark_bar().encode(
        x=alt.X("represented:Q", scale=scale), x2=alt.value(0),
        y=alt.value(top), y2=alt.value(bottom),
        color=alt.Color("state:N", scale=_scale(["full", "reduced", "none"]), legend=None),
        tooltip=[alt.Tooltip("text:N", title=axis_title)],
    )
    rules = alt.Chart(marks).mark_rule(color=COLOURS["mark"], strokeWidth=2,
                                       strokeDash=[4, 2]).encode(
        x="value:Q", y=alt.value(top - 12), y2=alt.value(bottom + 4),
        tooltip=[alt.Tooltip("text:N", title=axis_title)])
    layers: list[Any] = [whole, represented, rules]
    for side, align, dx in (("right", "left", 4), ("left", "right", -4)):
        layers.append(alt.Chart(marks).transform_filter(alt.datum.side == side).mark_text(
            align=align, dx=dx, fontSize=12, color=COLOURS["mark"]).encode(
            x="value:Q", y=alt.value(top - 12), text="text:N"))
    return alt.layer(*layers).properties(height=bottom + 4)


def tally_bar(votes: pd.DataFrame, line: pd.DataFrame, axis_title: str) -> alt.LayerChart:
    """Yes, no and abstentions side by side on one bar, with the yes votes the majority needs.

    ``votes``: rows with ``code`` (yes, no, abstain), ``start``, ``end`` (where the segment
    lies on the bar), ``mid`` and ``text`` (its label). ``line``: zero or one row with
    ``value`` (yes votes needed) and ``text``.
    """
    top, bottom = 34, 62
    segments = alt.Chart(votes).mark_bar().encode(
        x=alt.X("start:Q", title=axis_title, scale=alt.Scale(domainMin=0)), x2="end:Q",
        y=alt.value(top), y2=alt.value(bottom),
        color=alt.Color("code:N", scale=_scale(["yes", "no", "abstain"]), legend=None),
        tooltip=[alt.Tooltip("text:N", title=axis_title)],
    )
    labels = alt.Chart(votes).transform_filter(alt.datum.wide).mark_text(
        color="white", fontSize=12, fontWeight="bold").encode(
        x="mid:Q", y=alt.value((top + bottom) // 2), text="text:N")
    layers: list[Any] = [segments, labels]
    if len(line):
        layers.append(alt.Chart(line).mark_rule(color=COLOURS["mark"], strokeWidth=2,
                                                strokeDash=[4, 2]).encode(
            x="value:Q", y=alt.value(top - 12), y2=alt.value(bottom + 4)))
        layers.append(alt.Chart(line).mark_text(align="left", dx=4, fontSize=12,
                                                color=COLOURS["mark"]).encode(
            x="value:Q", y=alt.value(top - 12), text="text:N"))
    return alt.layer(*layers).properties(height=bottom + 4)


def written_timeline(events: pd.DataFrame, period: pd.DataFrame, axis_title: str
                     ) -> alt.LayerChart:
    """The session, the communication and the deadline on a time axis.

    ``events``: rows with ``date`` (ISO text), ``text`` (its label) and ``above`` (whether
    the label goes above the line, so that events on the same day stay readable).
    ``period``: zero or one row with ``start``, ``end`` and ``text`` (the reply period).
    """
    middle = 40
    layers: list[Any] = []
    if len(period):
        layers.append(alt.Chart(period).mark_bar(color=COLOURS["reduced"], opacity=0.25).encode(
            x=alt.X("start:T", title=axis_title), x2="end:T",
            y=alt.value(middle - 10), y2=alt.value(middle + 10), tooltip=["text:N"]))
    layers.append(alt.Chart(events).mark_point(filled=True, size=140, opacity=1,
                                               color=COLOURS["mark"]).encode(
        x=alt.X("date:T", title=axis_title, axis=alt.Axis(format="%d %b %Y")),
        y=alt.value(middle), tooltip=["text:N"]))
    for above, offset in ((True, -22), (False, 24)):
        layers.append(alt.Chart(events).transform_filter(
            alt.datum.above if above else ~alt.datum.above).mark_text(
            fontSize=12, color=COLOURS["mark"]).encode(
            x="date:T", y=alt.value(middle + offset), text="text:N"))
    return alt.layer(*layers).properties(height=2 * middle)


def replies_bar(replies: pd.DataFrame, axis_title: str) -> alt.Chart:
    """Written replies needed against replies received.

    ``replies``: rows with ``what`` (label), ``count`` and ``code`` (needed, enough, short).
    """
    return alt.Chart(replies).mark_bar(size=24).encode(
        x=alt.X("count:Q", title=axis_title),
        y=alt.Y("what:N", title=None, sort=None),
        color=alt.Color("code:N", scale=_scale(["needed", "enough", "short"]), legend=None),
        tooltip=["what:N", "count:Q"],
    ).properties(height=90)


def growth_lines(table: pd.DataFrame, current: pd.DataFrame, x_title: str, y_title: str
                 ) -> alt.LayerChart:
    """How thresholds grow with the number of members.

    ``table``: long form with ``members``, ``measure`` (label) and ``value``.
    ``current``: one row with ``members`` (the size chosen) and ``text``.
    """
    lines = alt.Chart(table).mark_line(interpolate="step-after").encode(
        x=alt.X("members:Q", title=x_title),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom",
                                                                   columns=2, labelLimit=320)),
        tooltip=["measure:N", "members:Q", "value:Q"],
    )
    rule = alt.Chart(current).mark_rule(color=COLOURS["mark"], strokeDash=[4, 2]).encode(
        x="members:Q", tooltip=["text:N"])
    return alt.layer(lines, rule).properties(height=360)


def heatmap(table: pd.DataFrame, x_title: str, y_title: str, value_title: str
            ) -> alt.LayerChart:
    """A value over two swept parameters: columns ``x``, ``y``, ``value`` (0 to 1)."""
    base = alt.Chart(table).encode(
        x=alt.X("x:O", title=x_title, axis=alt.Axis(format=".2f", labelAngle=0)),
        y=alt.Y("y:O", title=y_title, sort="descending", axis=alt.Axis(format=".2f")),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("value:Q", title=value_title,
                        scale=alt.Scale(domain=[0, 1], scheme="redyellowgreen")),
        tooltip=[alt.Tooltip("x:Q", title=x_title, format=".3f"),
                 alt.Tooltip("y:Q", title=y_title, format=".3f"),
                 alt.Tooltip("value:Q", title=value_title, format=".3f")],
    )
    text = base.mark_text(fontSize=10).encode(text=alt.Text("value:Q", format=".2f"))
    return alt.layer(cells, text).properties(height=360)


def ranked_bars(table: pd.DataFrame, x_title: str, value_format: str = ".3f") -> alt.Chart:
    """Horizontal bars, largest first: columns ``name`` and ``value``."""
    return alt.Chart(table).mark_bar(color=COLOURS["needed"]).encode(
        x=alt.X("value:Q", title=x_title),
        y=alt.Y("name:N", title=None, sort="-x"),
        tooltip=["name:N", alt.Tooltip("value:Q", format=value_format)],
    ).properties(height=max(80, 22 * len(table)))


def show(chart: alt.TopLevelMixin, key: str | None = None) -> None:
    """Draw a chart across the page's width.

    The specification is written without re-validating it against the Vega-Lite schema
    on every rerun (the tests validate each builder's output once).
    """
    import streamlit as st

    spec = chart.to_dict(validate=False)
    spec.pop("config", None)
    # The height given is the plot's; axes and legends are added around it.
    spec.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    st.vega_lite_chart(spec=spec, width="stretch", key=key)
