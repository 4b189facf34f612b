"""Safe YAML reading with YAML 1.2 booleans.

PyYAML follows YAML 1.1, where ``yes``, ``no``, ``on`` and ``off`` are booleans: a vote
mapping such as ``{yes: 40, no: 20}`` would silently become ``{True: 40, False: 20}``. The
loader here is PyYAML's ``SafeLoader`` (no object construction, never ``yaml.load``) with
only ``true`` and ``false`` read as booleans, and dates left as text for the schema.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["safe_load", "QuorumSafeLoader"]


class QuorumSafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` whose booleans are only true/false (any case)."""


# Booleans are re-added below, narrower; dates stay text: the schema reads them, so
# "2026-02-30" is reported against its field.
_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
QuorumSafeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
QuorumSafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def safe_load(text: str) -> Any:
    """Parse YAML text safely with YAML 1.2 booleans."""
    loader = QuorumSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
