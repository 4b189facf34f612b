"""The data files shipped inside the package (``quorum/data/``), read once.

No YAML parsing here: callers parse (or compile, :mod:`quorum.compiled`) what they read, so
a command that needs only compiled data imports no YAML library.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["bundled_yaml"]


@cache
def bundled_yaml(folder: str) -> dict[str, str]:
    """The YAML files of ``quorum/data/FOLDER`` (bodies, treaties, election procedures):
    ``{name without .yaml: text}``."""
    where = resources.files("quorum").joinpath("data", folder)
    return {entry.name.removesuffix(".yaml"): entry.read_text("utf-8")
            for entry in where.iterdir() if entry.name.endswith(".yaml")}
