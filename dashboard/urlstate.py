"""The current situation in the address bar, so a link reopens it exactly.

Query parameters:

``s``
    The scenario as a patch against the bundled default: both are written with
    :func:`quorum.scenario.scenario_to_mapping`, lists of things with an ``id`` (members,
    decisions) become mappings by id, and only what differs is kept (``@del`` lists removed
    keys, ``@order`` restores an order that changed, ``@ids`` the order of ids). The patch is
    JSON, compressed with zlib and written in base64url after a version digit: editing one
    vote of the default gives a parameter of about 60 characters. Reading a link applies the
    patch to the default and validates the result like an upload (no file references).
``lang``
    ``fr`` when the interface is in French.
``d``, ``total``, ``body``, ``n``, ``seed``
    The decision shown, the finances page's total, the rules card's body and size, the
    seed of the quick actions (each only when it differs from its default).
``tr``
    The Treaty page's treaty file, compressed (:func:`dashboard.treaty.encode`), when it
    is not the bundled Beijing Treaty.

A link that cannot be read is ignored: the page says so and shows the default.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Callable
from typing import Any

from quorum import ScenarioError
from quorum.scenario import Scenario, scenario_from_mapping, scenario_to_mapping

__all__ = ["LinkError", "encode", "encode_against", "decode", "diff", "patch", "VIEW_PARAMS",
           "restore", "publish"]

VERSION = "1"  # a patch against the bundled default
EXAMPLE_VERSION = "2"  # "2<example>~<patch>": a patch against a bundled example
MAX_TOKEN_CHARS = 64_000  # a browser address stays well below this
#: The longest scenario parameter written into the address bar. Browsers keep far longer
#: addresses, but servers and proxies commonly refuse request lines over 8 KB (a 65,000
#: character link opens nothing at all); past this the page offers the YAML file instead.
LINK_LIMIT = 7_500
MAX_JSON_BYTES = 4_000_000  # what a token may expand to (guards against zip bombs)
IDS, DELETED, ORDER = "@ids", "@del", "@order"

#: URL parameter -> (widget key, type, default). Only values that differ are written.
VIEW_PARAMS: dict[str, tuple[str, Callable[[str], Any], Any]] = {
    "d": ("decision", str, None),
    "total": ("fin_total", int, 1_000_000),
    "body": ("rc_body", str, "berne-assembly"),
    "n": ("rc_n", int, None),
    "seed": ("qa_seed", int, 1),
    "away": ("pw_away", str, ""),
    "lost": ("pw_lost", str, ""),
    "xseed": ("ex_seed", int, 2026),
    "level": ("ex_level", int, 1),
    "count": ("ex_count", int, 5),
    "tr": ("tr_link", str, ""),
}


class LinkError(ValueError):
    """A link whose scenario cannot be read: ``str()`` is the English reason; ``render(lang)``
    the reason in the page's language (``link_error.<key>`` of the catalogues, or the
    scenario's own error)."""

    def __init__(self, reason: str, key: str = "", error: Any = None, **params: Any) -> None:
        super().__init__(reason)
        self.key = key
        self.error = error
        self.params = params

    def render(self, lang: str) -> str:
        from . import errors, i18n

        if self.error is not None:
            return errors.text(self.error, lang)
        if self.key:
            return i18n.label(f"link_error.{self.key}", lang, **self.params)
        return str(self)


# ---------------------------------------------------------------------------------------
# A canonical, JSON-shaped form of a scenario


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def _by_id(items: list[Any]) -> bool:
    if not items or not all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in items):
        return False
    ids = [v["id"] for v in items]
    return len(set(ids)) == len(ids) and not any(i.startswith("@") for i in ids)


def normalize(value: Any) -> Any:
    """Lists of mappings with distinct ``id`` become mappings by id (order kept in ``@ids``)."""
    if isinstance(value, dict):
        return {str(k): normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        if _by_id(value):
            out: dict[str, Any] = {IDS: [v["id"] for v in value]}
            for v in value:
                out[v["id"]] = normalize({k: x for k, x in v.items() if k != "id"})
            return out
        return [normalize(v) for v in value]
    return value


def denormalize(value: Any) -> Any:
    if isinstance(value, dict):
        if IDS in value:
            ids = value[IDS]
            if not isinstance(ids, list):
                raise LinkError("a list of ids is malformed", "ids")
            return [{"id": i, **denormalize(value.get(i, {}))} for i in ids]
        return {k: denormalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [denormalize(v) for v in value]
    return value


def canonical(scenario: Scenario) -> Any:
    """The normalized JSON form of a scenario, which the patches are computed on."""
    return normalize(_json(scenario_to_mapping(scenario)))


# ---------------------------------------------------------------------------------------
# Patches


def diff(base: Any, current: Any) -> Any:
    """A patch that turns ``base`` into ``current`` (for two different values)."""
    if not (isinstance(base, dict) and isinstance(current, dict)):
        return current
    out: dict[str, Any] = {}
    removed = [k for k in base if k not in current]
    if removed:
        out[DELETED] = removed
    for key, value in current.items():
        if key not in base:
            out[key] = value
        elif base[key] != value:
            out[key] = diff(base[key], value)
    order_after = [k for k in base if k in current] + [k for k in current if k not in base]
    if order_after != list(current):
        out[ORDER] = list(current)
    return out


def patch(base: Any, change: Any) -> Any:
    """Apply a patch made by :func:`diff`."""
    if not (isinstance(base, dict) and isinstance(change, dict)):
        return change
    removed = change.get(DELETED, [])
    if not isinstance(removed, list):
        raise LinkError("a list of removed keys is malformed", "removed")
    out = {k: v for k, v in base.items() if k not in removed}
    for key, value in change.items():
        if key in (DELETED, ORDER):
            continue
        out[key] = patch(out[key], value) if key in out else value
    order = change.get(ORDER)
    if order is not None:
        if not isinstance(order, list) or sorted(order) != sorted(out):
            raise LinkError("a key order is malformed", "order")
        out = {k: out[k] for k in order}
    return out


# ---------------------------------------------------------------------------------------
# Tokens


def encode(scenario: Scenario, base: Scenario) -> str | None:
    """The ``s`` parameter of ``scenario`` (None when it is the default itself)."""
    return encode_against(scenario, canonical(base))


def encode_against(scenario: Scenario, base_form: Any) -> str | None:
    """:func:`encode` against a base already in :func:`canonical` form, which is only read
    (:func:`diff` builds new values), so one form can serve every call."""
    b = canonical(scenario)
    if base_form == b:
        return None
    return VERSION + _pack(diff(base_form, b))


def _pack(change: Any) -> str:
    text = json.dumps(change, separators=(",", ":"), ensure_ascii=False)
    packed = zlib.compress(text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def encode_example(scenario: Scenario, name: str, example_form: Any) -> str:
    """The ``s`` parameter of ``scenario`` as the bundled example ``name`` (its file name
    without ``.yaml``) with a patch, ``example_form`` being the example in
    :func:`canonical` form: a bundled example opens from some twenty characters."""
    b = canonical(scenario)
    return EXAMPLE_VERSION + name + "~" + ("" if example_form == b
                                           else _pack(diff(example_form, b)))


def decode(token: str, base: Scenario, source: str = "shared link",
           example: Callable[[str], Scenario | None] | None = None) -> Scenario:
    """The scenario a ``s`` parameter describes. Raises :class:`LinkError`.

    ``example(name)`` gives the bundled example a version-2 link names (None if unknown).
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise LinkError("the link is too long", "too_long")
    if token and token[0] == EXAMPLE_VERSION and example is not None:
        name, separator, body = token[1:].partition("~")
        found = example(name) if separator and name else None
        if found is None:
            raise LinkError("the link names no bundled example", "no_example")
        if not body:
            return found
        return _apply(body, found, source)
    if not token or token[0] != VERSION:
        raise LinkError("unknown link format", "unknown_format")
    return _apply(token[1:], base, source)


def _apply(body: str, base: Scenario, source: str) -> Scenario:
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise LinkError("the link expands to too much data", "too_much")
        change = json.loads(raw.decode("utf-8"))
    except LinkError:
        raise
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise LinkError(f"the link is damaged ({type(exc).__name__})", "damaged",
                        kind=type(exc).__name__) from None
    try:
        data = denormalize(patch(canonical(base), change))
    except (TypeError, AttributeError, KeyError) as exc:
        raise LinkError(f"the link is damaged ({type(exc).__name__})", "damaged",
                        kind=type(exc).__name__) from None
    try:
        return scenario_from_mapping(data, source, base_dir=None)
    except ScenarioError as exc:
        raise LinkError(exc.message, error=exc) from None


# ---------------------------------------------------------------------------------------
# The address bar (Streamlit)

_RESTORED = "url_restored"


def restore() -> None:
    """On a session's first run, read the link it was opened with (at most once)."""
    import streamlit as st

    from . import examples, i18n, state

    if st.session_state.get(_RESTORED):
        return
    st.session_state[_RESTORED] = True
    params = {k: st.query_params.get(k) for k in st.query_params}
    lang = params.get("lang")
    if lang in i18n.LANGUAGES:
        st.session_state[i18n.LANG_KEY] = lang
    elif lang is not None:
        state.notice("warning", i18n.t("link.bad_param", name="lang", value=lang))
    token = params.get("s")
    if token:
        try:
            state.opened(decode(token, state.default_scenario(),
                                example=examples.by_stem))
        except LinkError as exc:
            state.notice("warning", i18n.t("link.bad_scenario", reason=exc.render(i18n.current())))
    for name, (key, kind, _default) in VIEW_PARAMS.items():
        raw = params.get(name)
        if raw is None:
            continue
        try:
            state.remember(key, kind(raw))
        except ValueError:
            state.notice("warning", i18n.t("link.bad_param", name=name, value=raw))


def wanted_params() -> dict[str, str]:
    """The query parameters that describe the current state."""
    from . import cache, i18n, state

    out: dict[str, str] = {}
    token = cache.link_token(state.get_digest(), state.get_scenario())
    if token and len(token) <= LINK_LIMIT:
        out["s"] = token
    if i18n.current() != "en":
        out["lang"] = i18n.current()
    decisions = [d.id for d in state.get_scenario().session.decisions]
    for name, (key, _kind, default) in VIEW_PARAMS.items():
        value = state.remembered(key)
        if value is None:
            continue
        if name == "d" and (len(decisions) < 2 or value == decisions[0]):
            continue
        if name == "n" and value == state.get_scenario().session.members:
            continue
        if value != default:
            out[name] = str(value)
    return out


def too_long() -> int | None:
    """The length of the current scenario's link parameter when it is too long for an
    address (None when it fits)."""
    from . import cache, state

    token = cache.link_token(state.get_digest(), state.get_scenario())
    return len(token) if token and len(token) > LINK_LIMIT else None


def publish() -> None:
    """Write the current state into the address bar (only when it changed)."""
    import streamlit as st

    wanted = wanted_params()
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
