"""Pieces of interface the pages share: header, decision picker, outcome, explanation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from quorum import Outcome
from quorum.scenario import Scenario

from . import cache, errors, examples, state
from .i18n import current, t

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


def id_name_columns(name: str | None = None, *, id_width: str | None = None,
                    name_width: str | None = None) -> dict[str, Any]:
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
