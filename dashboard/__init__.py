"""The Streamlit dashboard's shell: session state, cached calls, charts, labels, links.

Nothing here computes a rule: every figure comes from the public API of :mod:`quorum`.
The modules that do not import Streamlit (``charts``, ``frames``, ``edits``, ``urlstate``'s
codec, ``i18n``'s catalogues) are tested with plain pytest.
"""
