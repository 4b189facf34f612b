"""Treaty: instruments in, dates out; the chart against the number needed, each party's
date, the what-if band, and the Beijing Treaty's walkthrough."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state
from dashboard import treaty as tr
from dashboard.i18n import current, t
from quorum import ScenarioError

TEXT, BASE, VERSION, LINK, ERROR = "tr_text", "tr_base", "tr_version", "tr_link", "tr_error"
DEFAULT = "treaty-beijing"


def _set_text(text: str) -> None:
    st.session_state[TEXT] = text
    st.session_state[BASE] = text
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.session_state.pop(ERROR, None)


def _init() -> None:
    if TEXT in st.session_state:
        return
    token = state.remembered(LINK)
    if token:
        try:
            _set_text(tr.decode(str(token)))
            return
        except ScenarioError as exc:
            st.session_state[ERROR] = exc.render(current())
    _set_text(tr.example_text(DEFAULT))


def _on_example() -> None:
    name = st.session_state.get("tr_example")
    if name:
        _set_text(tr.example_text(name))


def _on_upload() -> None:
    upload = st.session_state.get("tr_upload")
    if upload is None:
        return
    try:
        case, model = tr.read_document(upload.getvalue(), upload.name)
    except ScenarioError as exc:
        st.session_state[ERROR] = exc.render(current())
        return
    _set_text(tr.document_text(case, model))


@st.cache_data(max_entries=16, show_spinner=False)
def _simulated(text: str) -> Any:
    return tr.simulate(text)


def _controls() -> None:
    left, middle, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    left.selectbox(t("treaty.example"), ("", *tr.EXAMPLES), key="tr_example",
                   on_change=_on_example, format_func=lambda n: n or "—")
    middle.file_uploader(t("treaty.upload"), type=["yaml", "yml"], key="tr_upload",
                         on_change=_on_upload, max_upload_size=1)
    right.download_button(t("treaty.download"), data=st.session_state[TEXT],
                          file_name="quorum-treaty.yaml", mime="application/x-yaml",
                          key="tr_download", on_click="ignore", icon=":material/download:")


def _table() -> None:
    base_case, model = tr.read_document(st.session_state[BASE], "treaty")
    st.subheader(t("treaty.instruments"))
    st.caption(t("treaty.instruments_help") + " " + t("treaty.add_hint"))
    edited = st.data_editor(
        tr.instruments_table(base_case), key=f"tr_editor_{st.session_state[VERSION]}",
        num_rows="dynamic", width="stretch", height=320, column_config={
            "party": st.column_config.TextColumn(t("treaty.party"), max_chars=60),
            "kind": st.column_config.SelectboxColumn(
                t("treaty.kind"), options=list(base_case.rule.instrument_kinds)),
            "type": st.column_config.SelectboxColumn(t("treaty.type"),
                                                     options=["state", "igo"]),
            "deposited": st.column_config.DateColumn(t("treaty.deposited"),
                                                     format="YYYY-MM-DD"),
            "notified": st.column_config.DateColumn(t("treaty.notified"),
                                                    format="YYYY-MM-DD"),
            "source": st.column_config.TextColumn(t("treaty.source")),
        })
    try:
        case = tr.case_from_table(base_case, edited.to_dict("records"))
    except ScenarioError as exc:
        st.error(t("treaty.error", message=exc.render(current())), icon=":material/error:")
        return
    st.session_state[TEXT] = tr.document_text(case, model)


def _results(lang: str) -> None:
    case, outcome = tr.evaluate_text(st.session_state[TEXT])
    a, b, c = st.columns(3)
    if outcome.entry_into_force is None:
        a.metric(t("treaty.entry"), t("treaty.not_in_force"))
        b.metric(t("treaty.triggered_by"), "—")
        st.warning(t("treaty.missing", missing=outcome.missing), icon=":material/schedule:")
    else:
        a.metric(t("treaty.entry"), outcome.entry_into_force.isoformat())
        b.metric(t("treaty.triggered_by"), outcome.triggered_by or "—")
        if outcome.from_published:
            st.caption(t("treaty.entry") + ": " + t("treaty.published"))
    c.metric(t("treaty.count"), f"{outcome.count} / {outcome.needed}")
    st.markdown(f"**{t('treaty.chart_title')}**")
    texts = {k: t(f"treaty.{k}") for k in ("date", "count", "party", "needed", "entry")}
    st.altair_chart(tr.instruments_chart(
        tr.count_over_time(case), outcome.needed,
        outcome.entry_into_force.isoformat() if outcome.entry_into_force else None, texts),
        key="tr_chart", width="stretch")
    st.subheader(t("treaty.parties"))
    table = tr.parties_table(outcome, lang)
    st.dataframe(table, key="tr_parties", hide_index=True, width="stretch", column_config={
        "party": t("treaty.party"), "kind": t("treaty.kind"),
        "deposited": t("treaty.deposited"), "effective": t("treaty.effective"),
        "counted": t("treaty.counted"), "initial": t("treaty.initial")})
    with st.expander(t("treaty.why"), expanded=False):
        st.markdown("\n".join(f"- **{s.article}**: {s.render(lang)}" for s in outcome.trace))


def _whatif() -> None:
    st.subheader(t("treaty.whatif"))
    try:
        result = _simulated(st.session_state[TEXT])
    except ScenarioError as exc:
        st.error(exc.render(current()), icon=":material/error:")
        return
    if result is None:
        st.info(t("treaty.whatif_none"))
        return
    never = t("treaty.never")
    cols = st.columns(4)
    for col, name in zip(cols[:3], ("p10", "median", "p90"), strict=True):
        value = getattr(result, name)
        col.metric(t(f"treaty.{name}"), value.isoformat() if value else never)
    cols[3].metric(t("treaty.in_force_share"), f"{100 * float(result.share_in_force):.1f} %")
    st.altair_chart(tr.whatif_chart(result, {"year": t("treaty.year"),
                                             "share": t("treaty.share")}),
                    key="tr_whatif_chart", width="stretch")
    st.caption(t("treaty.whatif_caption", samples=result.samples, seed=str(result.seed)))


def _walkthrough(lang: str) -> None:
    from quorum.treaties.story import beijing_walkthrough

    with st.expander(t("treaty.walkthrough"), expanded=False):
        st.markdown("\n".join(f"{n}. {s.render(lang)} *({s.article})*"
                              for n, s in enumerate(beijing_walkthrough(), 1)))


def main() -> None:
    _init()
    lang = current()
    st.title(t("treaty.title"))
    st.caption(t("treaty.intro"))
    if st.session_state.get(ERROR):
        st.error(st.session_state[ERROR], icon=":material/error:")
    _controls()
    _table()
    _results(lang)
    _whatif()
    _walkthrough(lang)
    default = tr.example_text(DEFAULT)
    st.session_state[LINK] = "" if st.session_state[TEXT] == default else tr.encode(
        st.session_state[TEXT])


main()
