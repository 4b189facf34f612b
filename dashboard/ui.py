"""Pieces of interface the pages share: header, decision picker, outcome, explanation."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from quorum import Outcome, RuleSet
from quorum.scenario import Scenario

from . import cache, charts, errors, examples, export, state
from .i18n import current, label, t

F = TypeVar("F", bound=Callable[..., None])
FULL_RUN = "full_run"  # True while app.py runs, False once it has finished
FULL_RUN_DIGEST = "full_run_digest"  # the scenario the page was last fully drawn with


def fragment(func: F) -> F:
    """A part of a page whose widgets change only that part: it reruns alone (Streamlit's
    ``st.fragment``), which is what a click there costs in the browser. Should a widget in
    it change the scenario after all (a button that applies something), the whole app runs
    again, so that the rest of the page and the sidebar follow; the address bar is kept
    up to date either way."""

    @functools.wraps(func)
    def part(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)
        if st.session_state.get(FULL_RUN, True):
            return  # the app's own run publishes the link at its end
        if st.session_state.get(FULL_RUN_DIGEST) != state.get_digest():
            st.rerun(scope="app")
        from . import urlstate

        urlstate.publish()

    return st.fragment(part)  # type: ignore[return-value]


_STATUS_KIND = {
    "executory": "success",
    "pending": "warning",
    "lapsed": "error",
    "rejected": "error",
    "no-quorum": "error",
}
_STATUS_ICON = {
    "executory": ":material/check_circle:",
    "pending": ":material/hourglass_top:",
    "lapsed": ":material/event_busy:",
    "rejected": ":material/cancel:",
    "no-quorum": ":material/group_off:",
}
# Emphasis, code, links (brackets), HTML, formulas, strike-through and tables; parentheses
# are harmless once brackets are escaped.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|$~])")


def escape(text: str) -> str:
    """Text shown as it is in Markdown (no emphasis, no formula, no link)."""
    return _MARKDOWN.sub(r"\\\1", text)


def header(title_key: str, intro_key: str | None = None,
           catalogue: Callable[[str], str] | None = None) -> None:
    """The page title, the scenario it shows, and any pending notice.

    Title and introduction come from the dashboard's labels, or from ``catalogue`` (a
    function of a key, such as the teaching catalogue in the current language).
    """
    label = catalogue or t
    st.title(label(title_key))
    scenario = state.get_scenario()
    st.caption(t("common.scenario_caption",
                 title=examples.scenario_title(scenario, current())))
    lang = current()
    for kind, text in state.pop_notices():
        getattr(st, kind if kind in ("error", "warning", "info") else "info")(
            errors.pick(text, lang))
    if intro_key:
        st.markdown(label(intro_key))


def id_name_columns(name: str | None = None, *, id_width: str | int | None = None,
                    name_width: str | int | None = None) -> dict[str, Any]:
    """The column configs of a table indexed by member (or group) id with a ``name``
    column: the id's heading, and ``name`` (default: the roster's heading) for the name."""
    return {
        "_index": st.column_config.TextColumn(t("roster.id"), width=id_width),
        "name": st.column_config.TextColumn(name or t("roster.name"), width=name_width),
    }


def error(value: Any) -> None:
    """An error line in the page's language (a :class:`dashboard.errors.Message` or text)."""
    st.error(errors.pick(value, current()), icon=":material/error:")


def decision_picker(scenario: Scenario) -> int:
    """The decision the page shows (a picker when there are several); -1 if none."""
    decisions = scenario.session.decisions
    if not decisions:
        st.info(t("common.no_decision"))
        return -1
    ids = [d.id for d in decisions]
    state.sticky("decision", ids[0], options=ids)
    if len(ids) == 1:
        return 0
    lang = current()
    titles = {d.id: examples.decision_title(scenario, d, lang) for d in decisions}
    chosen = st.selectbox(t("common.decision"), ids, key="decision",
                          format_func=lambda i: titles.get(i, i))
    return ids.index(chosen)


def outcomes(scenario: Scenario) -> tuple[Outcome, ...] | None:
    """The outcomes of the current scenario, or None after showing why there are none."""
    result = cache.outcomes(state.get_digest(), scenario)
    if isinstance(result, str):
        error(result)
        return None
    return result


def status_banner(outcome: Outcome, quorum: bool = False) -> None:
    """Adopted or not, and the status (and the quorum), in the status's colour."""
    status = outcome.status.value
    adopted = t("status.adopted") if outcome.adopted else t("status.not_adopted")
    text = f"**{t('status.' + status)}** · {adopted}"
    if quorum:
        text += " · " + t("status.quorum", state=t(f"quorum.{outcome.quorum.value}").lower())
    getattr(st, _STATUS_KIND[status])(text, icon=_STATUS_ICON[status])


def explanation(outcome: Outcome) -> None:
    """The trace: one line per step, its article first, in the chosen language."""
    lang = current()
    lines = []
    for step in outcome.trace:
        badge = step.article.replace("[", "(").replace("]", ")")
        article = f":blue-badge[{badge}] " if step.article else ""
        lines.append(f"1. {article}{escape(step.render(lang))}")
    st.markdown("\n".join(lines))


def margin_lines(outcome: Outcome, rules: RuleSet, lang: str) -> list[str]:
    """The majority as the treaty states it and what would change the outcome, as
    Markdown lines (figures from the core: :mod:`quorum.margin`)."""
    if outcome.margin is None:
        floor = outcome.reduced_quorum_required or outcome.quorum_required
        return [label("outcome.no_quorum", lang, count=max(0, floor - outcome.represented))]
    majority = rules.majority(outcome.kind)
    joiner = " et " if lang == "fr" else " and "
    requirement = joiner.join(
        label(f"outcome.base_{r.base.value}", lang, needed=r.needed, of=r.of)
        for r in outcome.requirements)
    lines = [label("outcome.rule", lang, label=majority.label.get(lang),
                   rule=majority.describe(lang), article=majority.article,
                   requirement=requirement)]
    m = outcome.margin
    if m.settled:
        return [*lines, label("outcome.settled", lang)]
    if m.met:
        ways = [("defeat_switched", m.switched), ("defeat_fewer_yes", m.fewer_yes),
                ("defeat_more_no", m.more_no)]
        frame = "outcome.defeat"
    else:
        ways = [("carry_switched", m.switched), ("carry_more_yes", m.more_yes),
                ("carry_fewer_no", m.fewer_no)]
        frame = "outcome.carry"
    parts = [label(f"outcome.{key}", lang, count=count) for key, count in ways
             if count is not None]
    text = label(frame, lang, ways=label("outcome.or", lang).join(parts))
    return [*lines, label("outcome.to_change", lang, ways=text)]


def take_away(scenario: Scenario, outcome: Outcome, index: int) -> None:
    """Downloads of the decision's explanation in the page's language."""
    lang = current()
    title = examples.scenario_title(scenario, lang)
    decision = scenario.session.decisions[index]
    name = examples.decision_title(scenario, decision, lang)
    margin = margin_lines(outcome, scenario.rules, lang)
    a = b = st.container()  # one above the other: each label shows whole
    a.download_button(t("export.explanation_md"), key="dl_explanation_md",
                      data=lambda: export.explanation_markdown(title, name, outcome, lang,
                                                               margin),
                      file_name=f"quorum-{decision.id}-{lang}.md", mime="text/markdown",
                      on_click="ignore", icon=":material/description:", width="stretch")
    b.download_button(t("export.explanation_html"), key="dl_explanation_html",
                      data=lambda: export.explanation_html(title, name, outcome, lang,
                                                           margin),
                      file_name=f"quorum-{decision.id}-{lang}.html", mime="text/html",
                      on_click="ignore", icon=":material/print:", width="stretch",
                      help=t("export.print_hint"))
    chart_downloads({"chart_quorum": t("charts.members_axis"),
                     "chart_tally": t("charts.votes_axis")}, f"quorum-{decision.id}")


def chart_downloads(keys: dict[str, str], name: str) -> None:
    """Each chart drawn under ``keys`` (chart key -> title) as a page with its export menu
    (PNG, SVG), in the page's language."""
    lang = current()
    drawn = st.session_state.get(charts.LAST_SPECS, {})
    shown = [(key, title) for key, title in keys.items() if key in drawn]
    if not shown:
        return
    columns = st.columns(len(shown))
    for column, (key, title) in zip(columns, shown, strict=True):
        spec = drawn[key]
        column.download_button(
            t("export.chart", title=title), key=f"dl_{key}", file_name=f"{name}-{key}.html",
            data=lambda spec=spec, title=title: charts.html_page(spec, title, lang),
            mime="text/html", on_click="ignore", icon=":material/bar_chart:",
            width="stretch", help=t("export.charts_hint"))


def table_downloads(table: Any, name: str, key: str) -> None:
    """A table offered as CSV (formula cells neutralised) and as Parquet."""
    a, b = st.columns(2)
    a.download_button(t("export.csv"), key=f"{key}_csv", file_name=f"{name}.csv",
                      data=lambda: export.csv_bytes(table), mime="text/csv",
                      on_click="ignore", icon=":material/table:", width="stretch")
    b.download_button(t("export.parquet"), key=f"{key}_parquet", file_name=f"{name}.parquet",
                      data=lambda: export.parquet_bytes(table),
                      mime="application/vnd.apache.parquet", on_click="ignore",
                      icon=":material/dataset:", width="stretch")
