"""Treaty: instruments in, dates out; the chart against the number needed, each party's
date, the what-if band, and the Beijing Treaty's walkthrough."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import errors, state, ui
from dashboard import treaty as tr
from dashboard.i18n import LANGUAGES, current, day, label, number, t
from quorum import ScenarioError
from quorum.treaties.engine import kind_label

TEXT, BASE, VERSION, LINK, ERROR = "tr_text", "tr_base", "tr_version", "tr_link", "tr_error"
OPENED = "tr_opened"  # the bundled treaty last opened (loading it is not an edit)
DEFAULT = "treaty-beijing"


def _set_text(text: str) -> None:
    st.session_state[TEXT] = text
    st.session_state[BASE] = text
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.session_state.pop(ERROR, None)


def _link_error(token: str) -> errors.Message:
    """A treaty link's error in every language, the link named as each language names it."""
    by_lang: dict[str, str] = {}
    for lang in LANGUAGES:
        try:
            tr.decode(token, label("treaty_page.link", lang))
        except ScenarioError as exc:
            by_lang[lang] = exc.render(lang)
    return errors.Message(by_lang)


def _init() -> None:
    if TEXT in st.session_state:
        return
    token = state.remembered(LINK)
    problem = None
    if token:
        try:
            _set_text(tr.decode(str(token)))
            return
        except ScenarioError:
            problem = _link_error(str(token))
    _set_text(tr.example_text(DEFAULT))
    st.session_state[OPENED] = DEFAULT
    if problem is not None:
        st.session_state[ERROR] = problem  # the link's error, in both languages


def _on_example() -> None:
    name = st.session_state.get("tr_example")
    if name:
        _set_text(tr.example_text(name))
        st.session_state[OPENED] = name


def _on_upload() -> None:
    upload = st.session_state.get("tr_upload")
    if upload is None:
        return
    try:
        case, model = tr.read_document(upload.getvalue(), upload.name)
    except ScenarioError as exc:
        st.session_state[ERROR] = errors.message(exc)
        return
    _set_text(tr.document_text(case, model))
    st.session_state.pop(OPENED, None)


@st.cache_data(max_entries=16, show_spinner=False)
def _simulated(text: str) -> Any:
    return tr.simulate(text)


def _controls(lang: str) -> None:
    left, middle, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    # Titles in the page's language; format functions must not read the session.
    titles = {name: tr.example_title(name, lang) for name in tr.EXAMPLES}
    left.selectbox(t("treaty.example"), tr.EXAMPLES, key="tr_example", index=None,
                   placeholder="—", on_change=_on_example, format_func=titles.__getitem__)
    middle.file_uploader(t("treaty.upload"), type=["yaml", "yml"], key="tr_upload",
                         on_change=_on_upload, max_upload_size=1)
    right.download_button(t("treaty.download"), data=st.session_state[TEXT],
                          file_name="quorum-treaty.yaml", mime="application/x-yaml",
                          key="tr_download", on_click="ignore", icon=":material/download:")
    opened = st.session_state.get(OPENED)
    if opened in tr.EXAMPLES:
        note = t("treaty_page.opened", title=tr.example_title(opened, lang))
        if st.session_state[TEXT] != tr.example_text(opened):
            note += " — " + t("treaty_page.edited")
        st.caption(note)


def _table(lang: str) -> None:
    base_case, model = tr.read_document(st.session_state[BASE], "treaty")
    st.subheader(t("treaty.instruments"))
    st.caption(t("treaty.instruments_help") + " " + t("treaty.add_hint"))
    edited = st.data_editor(
        tr.instruments_table(base_case), key=f"tr_editor_{st.session_state[VERSION]}",
        num_rows="dynamic", hide_index=True, width="stretch", height=320, column_config={
            # Widths that fit the page's column at 1280 x 800 with every label whole; the
            # long source wraps into its cell's tooltip.
            "party": st.column_config.TextColumn(t("treaty.party"), max_chars=60, width=70),
            "kind": st.column_config.SelectboxColumn(
                t("treaty.kind"), options=list(base_case.rule.instrument_kinds), width=120,
                format_func=lambda k: kind_label(str(k), lang)),
            "type": st.column_config.SelectboxColumn(
                t("treaty.type"), options=["state", "igo"], width=170,
                format_func=lambda k: t(f"treaty_page.type_{k}")),
            "deposited": st.column_config.DateColumn(t("treaty.deposited"),
                                                     format="YYYY-MM-DD", width=100),
            "notified": st.column_config.DateColumn(t("treaty.notified"),
                                                    format="YYYY-MM-DD", width=100),
            "source": st.column_config.TextColumn(t("treaty.source"), width=200),
        })
    try:
        case = tr.case_from_table(base_case, edited.to_dict("records"))
    except ScenarioError as exc:
        ui.error(t("treaty.error", message=exc.render(current())))
        return
    st.session_state[TEXT] = tr.document_text(case, model)


def _results(lang: str) -> None:
    case, outcome = tr.evaluate_text(st.session_state[TEXT])
    a, b, c = st.columns([3, 3, 2])  # a date written out ("30 septembre 2016") fits whole
    if outcome.entry_into_force is None:
        a.metric(t("treaty.entry"), t("treaty.not_in_force"))
        b.metric(t("treaty.triggered_by"), "—")
        st.warning(t("treaty.missing", missing=outcome.missing), icon=":material/schedule:")
    else:
        a.metric(t("treaty.entry"), day(outcome.entry_into_force, lang))
        b.metric(t("treaty.triggered_by"),
                 tr.party_name(outcome.triggered_by, lang) if outcome.triggered_by else "—")
        if outcome.from_published:
            st.caption(t("treaty.entry") + ": " + t("treaty.published"))
    c.metric(t("treaty.count"), f"{outcome.count} / {outcome.needed}")
    st.markdown(f"**{t('treaty.chart_title')}**")
    texts = {k: t(f"treaty.{k}") for k in ("date", "count", "party", "needed", "entry")}
    st.altair_chart(tr.instruments_chart(
        tr.count_over_time(case, lang), outcome.needed,
        outcome.entry_into_force.isoformat() if outcome.entry_into_force else None, texts),
        key="tr_chart", width="stretch")
    st.subheader(t("treaty.parties"))
    table = tr.parties_table(outcome, lang)
    st.dataframe(table, key="tr_parties", hide_index=True, width="stretch", column_config={
        "party": st.column_config.TextColumn(t("treaty.party"), width=220),
        "kind": st.column_config.TextColumn(t("treaty.kind"), width=110),
        "deposited": st.column_config.DateColumn(t("treaty.deposited"), width=100),
        "effective": st.column_config.DateColumn(t("treaty.effective"), width=110),
        "counted": st.column_config.CheckboxColumn(t("treaty.counted"), width=90),
        "initial": st.column_config.CheckboxColumn(t("treaty.initial"), width=130)})
    with st.expander(t("treaty.why"), expanded=False):
        st.markdown("\n".join(f"- **{s.article}**: {s.render(lang)}" for s in outcome.trace))


def _whatif(lang: str) -> None:
    st.subheader(t("treaty.whatif"))
    try:
        result = _simulated(st.session_state[TEXT])
    except ScenarioError as exc:
        ui.error(exc.render(lang))
        return
    if result is None:
        st.info(t("treaty.whatif_none"))
        return
    never = t("treaty.never")
    # Two by two: dates written out fit whole at 1280 x 800.
    cols = [*st.columns(2), *st.columns(2)]
    for col, name in zip(cols[:3], ("p10", "median", "p90"), strict=True):
        value = getattr(result, name)
        col.metric(t(f"treaty.{name}"), day(value, lang) if value else never)
    cols[3].metric(t("treaty.in_force_share"),
                   number(100 * float(result.share_in_force), lang, 1) + "\u202f%")
    st.altair_chart(tr.whatif_chart(result, {"year": t("treaty.year"),
                                             "share": t("treaty.share")}),
                    key="tr_whatif_chart", width="stretch")
    st.caption(t("treaty.whatif_caption", samples=number(result.samples, lang),
                 seed=str(result.seed)))


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
        ui.error(st.session_state[ERROR])  # kept in both languages: shown in the page's
    _controls(lang)
    _table(lang)
    _results(lang)
    _whatif(lang)
    _walkthrough(lang)
    default = tr.example_text(DEFAULT)
    st.session_state[LINK] = "" if st.session_state[TEXT] == default else tr.encode(
        st.session_state[TEXT])


main()
