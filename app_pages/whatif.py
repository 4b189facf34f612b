"""What-if: attendance and voting probabilities, exact chances of quorum, adoption and
executory status, a sweep over two parameters, and who swings the result."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.i18n import t


def main() -> None:
    ui.header("whatif.title", "whatif.intro")
    st.info(t("whatif.unavailable"))


main()
