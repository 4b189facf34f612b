"""The session state of the dashboard: small, picklable values only.

``st.session_state`` holds the current scenario (a frozen :class:`quorum.scenario.Scenario`),
a short digest of it that keys every cache, the language, and bookkeeping for the table
editors. Pages read the scenario with :func:`get_scenario` and change it with
:func:`set_scenario` or :func:`act` (a pure edit from :mod:`dashboard.edits`); no page
keeps a scenario of its own.

Table editors (``st.data_editor``) keep their cell edits on the client, relative to the
table they were given. Each editor therefore remembers the scenario its table was built
from (its *base*); a page calls :func:`sync_editor` before drawing anything, which applies
the pending edits to the base. Any other change of the scenario (a quick action, an
upload, a link) bumps a version that is part of every editor's key, so editors restart
from the new scenario without stale edits.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from quorum import ScenarioError
from quorum.scenario import (
    MAX_UPLOAD_BYTES,
    Scenario,
    dump_scenario,
    load_default_scenario,
    load_scenario,
    parse_scenario,
)

SCENARIO = "scenario"
DIGEST = "scenario_digest"
EDITOR_VERSION = "editor_version"
NOTICES = "notices"
UPLOAD = "upload"
EXAMPLE = "example"
LOADED = "loaded_digest"  # the digest of the scenario as last opened (an example, a file)
GOTO = "goto_page"  # a page to open on the next run (set by a callback)
_BASE = "editor_base:"
_STICKY = "sticky:"

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@cache
def default_scenario() -> Scenario:
    """The bundled default: the Berne Assembly with its real roster (shared, immutable)."""
    return load_default_scenario()


def digest(scenario: Scenario) -> str:
    """A short fingerprint of a scenario: the key of every cached computation on it."""
    return hashlib.blake2b(pickle.dumps(scenario, protocol=5), digest_size=12).hexdigest()


def example_names() -> tuple[str, ...]:
    """The bundled example scenarios (file names in ``scenarios/``)."""
    from .examples import names

    return names()


def init() -> None:
    """Give a new browser session the default scenario (once)."""
    if SCENARIO not in st.session_state:
        scenario = default_scenario()
        st.session_state[SCENARIO] = scenario
        st.session_state[DIGEST] = digest(scenario)
    st.session_state.setdefault(EDITOR_VERSION, 0)
    st.session_state.setdefault(NOTICES, [])


def get_scenario() -> Scenario:
    init()
    scenario: Scenario = st.session_state[SCENARIO]
    return scenario


@cache
def default_digest() -> str:
    return digest(default_scenario())


def is_default() -> bool:
    """Whether the current scenario is the bundled default, unedited."""
    return get_digest() == default_digest()


def is_edited() -> bool:
    """Whether the scenario was edited since it was opened (the default, an example, an
    upload or a link): opening a file is not an edit."""
    return get_digest() not in (default_digest(), st.session_state.get(LOADED))


def opened(scenario: Scenario) -> None:
    """Make ``scenario`` current as a file just opened (not an edit)."""
    set_scenario(scenario)
    st.session_state[LOADED] = get_digest()


def get_digest() -> str:
    init()
    value: str = st.session_state[DIGEST]
    return value


def set_scenario(scenario: Scenario, rebase: bool = True) -> None:
    """Make ``scenario`` current. ``rebase`` restarts the table editors from it."""
    st.session_state[SCENARIO] = scenario
    st.session_state[DIGEST] = digest(scenario)
    if rebase:
        _bump()


def act(edit: Callable[..., Scenario], *args: Any, **kwargs: Any) -> None:
    """Apply a pure edit to the current scenario (a quick action; usable as ``on_click``)."""
    set_scenario(edit(get_scenario(), *args, **kwargs))


def reset() -> None:
    """Back to the bundled default scenario."""
    set_scenario(default_scenario())


def notice(kind: str, text: str) -> None:
    """A message shown once at the top of the next page drawn (kind: error, warning, info)."""
    init()
    st.session_state[NOTICES] = [*st.session_state[NOTICES], (kind, text)]


def pop_notices() -> list[tuple[str, str]]:
    init()
    notes: list[tuple[str, str]] = st.session_state[NOTICES]
    st.session_state[NOTICES] = []
    return notes


# ---------------------------------------------------------------------------------------
# Reading and writing scenario files


def read_upload(name: str, data: bytes) -> Scenario:
    """An uploaded scenario: size-limited, safe YAML, no reference to server files.

    Raises :class:`quorum.ScenarioError` (one line: file, field, fix).
    """
    return parse_scenario(data, name or "<upload>", base_dir=None, confine=True,
                          max_bytes=MAX_UPLOAD_BYTES)


def load_upload(name: str, data: bytes) -> str | None:
    """Read an upload and make it current; the error's one-line message if it fails."""
    try:
        scenario = read_upload(name, data)
    except ScenarioError as exc:
        from .errors import message

        return message(exc)
    opened(scenario)
    return None


def on_upload() -> None:
    """``file_uploader`` callback: load the new file or report why it cannot be."""
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return
    error = load_upload(uploaded.name, uploaded.getvalue())
    if error:
        notice("error", error)


def on_example() -> None:
    """Example picker callback: load a bundled scenario, and show the picker empty again."""
    from . import examples
    from .errors import message
    from .i18n import current, label

    name = st.session_state.get(EXAMPLE)
    st.session_state[EXAMPLE] = None
    if not name or name not in example_names():
        return
    try:
        opened(load_scenario(SCENARIOS / name))
    except ScenarioError as exc:
        notice("error", message(exc))
        return
    if examples.opens_on_whatif(name):
        st.session_state[GOTO] = examples.WHATIF_PAGE
        notice("info", label("examples.open_whatif", current()))


def download_bytes(scenario: Scenario) -> bytes:
    """The YAML file offered for download; :func:`read_upload` reads it back identically."""
    return dump_scenario(scenario).encode("utf-8")


# ---------------------------------------------------------------------------------------
# Table editors


def _bump() -> None:
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
    for key in [k for k in st.session_state if str(k).startswith(_BASE)]:
        del st.session_state[key]


def editor_key(name: str) -> str:
    """The current widget key of the table editor ``name``."""
    init()
    return f"{name}_editor_{st.session_state[EDITOR_VERSION]}"


def editor_base(name: str) -> Scenario:
    """The scenario the editor's table is built from."""
    base: Scenario | None = st.session_state.get(_BASE + name)
    return base if base is not None else get_scenario()


def sync_editor(name: str, apply: Callable[[Scenario, Mapping[Any, Any]], tuple[Scenario, bool]]
                ) -> None:
    """Apply the pending edits of editor ``name`` (call before drawing the page).

    ``apply(base, edited_rows)`` returns the new scenario and whether the editor must be
    rebuilt (its table no longer shows the scenario).
    """
    init()
    key = editor_key(name)
    base: Scenario | None = st.session_state.get(_BASE + name)
    edits = st.session_state.get(key)
    rows = edits.get("edited_rows") if isinstance(edits, Mapping) else None
    if base is not None and rows:
        try:
            scenario, rebuild = apply(base, rows)
        except (ValueError, KeyError, IndexError) as exc:
            # A cell the table should not have let through: drop the edits, say why.
            notice("error", str(exc.args[0]) if exc.args else str(exc))
            _bump()
            st.session_state[_BASE + name] = get_scenario()
            return
        if scenario != get_scenario():
            set_scenario(scenario, rebase=False)
        if rebuild:
            _bump()
            st.session_state[_BASE + name] = get_scenario()
        return
    if base is None or base is not get_scenario():
        # A new editor, or one whose widget was dropped while another page was shown.
        if base is not None:
            _bump()
        st.session_state[_BASE + name] = get_scenario()


# ---------------------------------------------------------------------------------------
# Widget values kept across pages


def sticky(key: str, default: Any, options: Sequence[Any] | None = None) -> None:
    """Give widget ``key`` the value it had when last shown (or ``default``).

    Streamlit forgets a widget's value when its page is not shown; call this just before
    creating the widget so choices survive a visit to another page.
    """
    store = _STICKY + key
    value = st.session_state.get(key, st.session_state.get(store, default))
    if options is not None and value not in options:
        value = default
    st.session_state[key] = value
    st.session_state[store] = value


def remembered(key: str, default: Any = None) -> Any:
    """The value of widget ``key`` now, or when it was last shown."""
    return st.session_state.get(key, st.session_state.get(_STICKY + key, default))


def remember(key: str, value: Any) -> None:
    """Preset the value of widget ``key`` (used when a link is opened)."""
    st.session_state[_STICKY + key] = value
