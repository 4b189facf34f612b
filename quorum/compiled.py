"""Data files compiled once: what quorum reads from its own files, kept as JSON.

Parsing TOML and YAML in pure Python costs more than everything else a short command does
with the message catalogues and preset bodies it reads; :func:`compiled` keeps the result
as one JSON file under :func:`cache_dir`, named by a digest of the source files' names and
contents, so that an edited, added or removed file is another name and is compiled again
(with all the checks of compiling). Only data that JSON gives back exactly is kept; a cache
that cannot be read or written is skipped, and a damaged file is compiled again.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "compiled", "json_exact"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where compiled files are kept: ``$QUORUM_CACHE_DIR``, else ``quorum`` in
    ``$XDG_CACHE_HOME`` or ``~/.cache``; None (no cache) when ``QUORUM_CACHE_DIR`` is empty."""
    chosen = os.environ.get("QUORUM_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quorum"


def json_exact(value: Any) -> bool:
    """Whether JSON gives ``value`` back exactly: dicts with string keys, lists, strings,
    whole numbers, finite floats, booleans and None (no dates, tuples or other keys)."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(json_exact(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and json_exact(v) for k, v in value.items())
    return False


def compiled(label: str, files: Iterable[tuple[str, bytes]],
             build: Callable[[list[tuple[str, bytes]]], T],
             valid: Callable[[Any], bool] = json_exact) -> T:
    """``build(files)`` (a list of (name, bytes)), or what it gave for the same files before.

    ``label`` names the kind of data (one compiled file is kept per label). An error of
    ``build`` propagates and nothing is kept; a result that JSON cannot give back exactly
    (:func:`json_exact`) is returned and not kept. A kept result is used only if
    ``valid`` accepts it (else it is compiled again).
    """
    listed = list(files)
    digest = hashlib.blake2b(digest_size=16)
    for name, data in listed:
        digest.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    folder = cache_dir()
    path = folder / f"{label}@{digest.hexdigest()}.json" if folder else None
    if path is not None:
        try:
            text = path.read_text("utf-8")
            found = json.loads(text)
        except (OSError, ValueError):
            pass
        else:
            if isinstance(found, dict) and found.get("label") == label and valid(found.get("data")):
                return found["data"]  # type: ignore[no-any-return]
    result = build(listed)
    if path is not None and json_exact(result):
        _write(path, label, {"label": label, "data": result})
    return result


def _write(path: Path, label: str, content: dict[str, Any]) -> None:
    """Write atomically (a concurrent reader sees the whole file or none) and drop the
    compiled files of the label's older contents."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(json.dumps(content, ensure_ascii=False), "utf-8")
        os.replace(part, path)
        for old in path.parent.glob(f"{label}@*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
