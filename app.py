"""The quorum dashboard: ``streamlit run app.py``.

A router only: page set-up, the controls every page shares (language, the scenario's
upload, download and reset) and the navigation. Pages live in ``app_pages/``; session
state, cached calls, charts and labels in ``dashboard/`` (see docs/dashboard.md).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import examples, state, ui, urlstate
from dashboard.i18n import LANG_KEY, LANGUAGES, current, t

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

st.set_page_config(page_title="quorum", page_icon=":material/how_to_vote:", layout="wide")
state.init()
st.session_state[ui.FULL_RUN] = True
urlstate.restore()
KEEP_LANG = "lang_across_switch"
if KEEP_LANG in st.session_state:  # a page switch forgets the widgets' values
    st.session_state[LANG_KEY] = st.session_state.pop(KEEP_LANG)


def sidebar() -> None:
    scenario = state.get_scenario()
    with st.sidebar:
        st.radio(t("sidebar.language"), LANGUAGES, key=LANG_KEY, horizontal=True,
                 format_func=LANGUAGE_NAMES.__getitem__)
        lang = current()
        st.subheader(t("sidebar.scenario"))
        st.caption(examples.scenario_title(scenario, lang))
        bundled = examples.which(scenario)
        if bundled and examples.description(bundled, lang):
            st.caption(examples.description(bundled, lang))
        if state.is_edited():
            st.caption(t("sidebar.modified"))
        names = state.example_names()
        # Titles in the page's language; format functions must not read the session. No
        # option is chosen (the placeholder follows the language at once).
        titles = {name: examples.title(name, lang) for name in names}
        st.selectbox(t("sidebar.examples"), names, key=state.EXAMPLE, index=None,
                     placeholder=t("sidebar.examples_pick"), on_change=state.on_example,
                     format_func=titles.__getitem__)
        st.file_uploader(t("sidebar.upload"), type=["yaml", "yml"], key=state.UPLOAD,
                         on_change=state.on_upload, max_upload_size=1,
                         help=t("sidebar.upload_help"))
        st.download_button(t("sidebar.download"), data=lambda: state.download_bytes(scenario),
                           file_name="quorum-scenario.yaml", mime="application/x-yaml",
                           key="download", on_click="ignore", icon=":material/download:",
                           width="stretch")
        st.button(t("sidebar.reset"), key="reset", on_click=state.reset,
                  icon=":material/restart_alt:", width="stretch")
        length = urlstate.too_long()
        if length is None:
            st.caption(t("sidebar.share"))
        else:
            st.warning(t("linksize.too_long", chars=length, limit=urlstate.LINK_LIMIT),
                       icon=":material/link_off:")


def pages() -> list[st.Page]:
    found = [
        st.Page("app_pages/session.py", title=t("nav.session"), url_path="session",
                icon=":material/how_to_vote:", default=True),
        st.Page("app_pages/written.py", title=t("nav.written"), url_path="written",
                icon=":material/mail:"),
        st.Page("app_pages/finances.py", title=t("nav.finances"), url_path="finances",
                icon=":material/payments:"),
        st.Page("app_pages/whatif.py", title=t("nav.whatif"), url_path="what-if",
                icon=":material/casino:"),
        st.Page("app_pages/rules_card.py", title=t("nav.rules_card"), url_path="rules",
                icon=":material/gavel:"),
        st.Page("app_pages/power.py", title=t("nav.power"), url_path="power",
                icon=":material/balance:"),
        st.Page("app_pages/treaty.py", title=t("treaty.nav"), url_path="treaty",
                icon=":material/history_edu:"),
    ]
    found.append(st.Page("app_pages/elections.py", title=t("nav.elections"),
                         url_path="elections", icon=":material/ballot:"))
    # Teaching pages, added when present.
    for name, icon in (("walkthrough", ":material/school:"), ("exercises", ":material/quiz:")):
        if (HERE / "app_pages" / f"{name}.py").is_file():
            found.append(st.Page(f"app_pages/{name}.py", title=t(f"nav.{name}"),
                                 url_path=name, icon=icon))
    return found


page = st.navigation(pages())
goto = st.session_state.pop(state.GOTO, None)
if goto is None:
    page.run()
# After the page: it may have applied table edits, and the download must include them.
sidebar()
urlstate.publish()
st.session_state[ui.FULL_RUN] = False
st.session_state[ui.FULL_RUN_DIGEST] = state.get_digest()
if goto is not None:
    st.session_state[KEEP_LANG] = current()
    st.switch_page(goto)
