"""The floor of the browser benchmark: the smallest Streamlit app, one checkbox and one
line of text. Whatever a click costs here (the round trip to the server, the rerun, the
browser's drawing) every interaction of the dashboard costs too.

    streamlit run benchmarks/floor_app.py
"""

import streamlit as st

ticked = st.checkbox("Tick", key="floor")
st.write("ticked" if ticked else "not ticked")
