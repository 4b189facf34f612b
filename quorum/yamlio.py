"""Safe, bounded YAML reading with YAML 1.2 booleans: the one YAML reader of quorum.

PyYAML follows YAML 1.1, where ``yes``, ``no``, ``on`` and ``off`` are booleans: a vote
mapping such as ``{yes: 40, no: 20}`` would silently become ``{True: 40, False: 20}``. The
loader here is PyYAML's ``SafeLoader`` (no object construction, never ``yaml.load``) with
only ``true`` and ``false`` read as booleans, and dates left as text for the schema.

Hostile input is bounded before it costs anything (limits in :mod:`quorum.limits`):

* the text's size (``MAX_INPUT_BYTES``);
* the nesting depth (``MAX_YAML_DEPTH``): no ``RecursionError``;
* the nodes once aliases are expanded (``MAX_YAML_NODES``): a "billion laughs" document,
  small as text but huge once each ``*alias`` is expanded, is refused while it is composed,
  in time proportional to its text;
* a key written twice in one mapping is an error naming the key and both lines (YAML
  requires keys to be unique; PyYAML would keep the last one without a word).

Every refusal is a :class:`YamlLimitError` (a ``yaml.YAMLError``) carrying the line and the
fix; :func:`quorum.scenario.read_yaml_file` and ``parse_scenario`` turn it into one line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .limits import MAX_INPUT_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from .numbers import quoted

__all__ = ["safe_load", "QuorumSafeLoader", "YamlLimitError", "parse_yaml", "decode_text",
           "read_text_file", "read_yaml_file"]


_MERGE = "tag:yaml.org,2002:merge"


class YamlLimitError(yaml.YAMLError):
    """Input refused before it is read: ``problem`` and ``fix``, with ``line`` (1-based)."""

    def __init__(self, problem: str, fix: str, at: int | None = None, key: str | None = None,
                 **params: Any) -> None:
        self.problem = problem
        self.fix = fix
        self.line = at
        self.key = key  # a message key of quorum/locales/errors.*.toml, with its params
        self.params = params
        super().__init__(problem)


class QuorumSafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with true/false booleans, unique keys and bounded documents."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlLimitError(
                    f"nested more than {MAX_YAML_DEPTH} levels deep",
                    "flatten the structure; no quorum format nests this deep",
                    mark.line + 1, "too_deep", limit=MAX_YAML_DEPTH, line=mark.line + 1)
            composed = super().compose_node(parent, index)
            assert composed is not None
            node: Node = composed
        finally:
            self._depth -= 1
        size = self._sizes.get(id(node))
        if size is None:  # a new node (an alias returns its anchor's node, already sized)
            size = 1
            if isinstance(node, SequenceNode):
                size += sum(self._sizes.get(id(child), 1) for child in node.value)
            elif isinstance(node, MappingNode):
                size += sum(self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1)
                            for k, v in node.value)
            self._sizes[id(node)] = size
            self._keep.append(node)  # ids stay unique while the node is alive
        if size > MAX_YAML_NODES:
            raise YamlLimitError(
                f"more than {MAX_YAML_NODES:,} values once its aliases (*name) are expanded",
                "write the values out instead of repeating aliases of aliases",
                node.start_mark.line + 1, "too_many_nodes", limit=MAX_YAML_NODES,
                line=node.start_mark.line + 1)
        return node

    def compose_document(self) -> Node | None:
        self._keep: list[Node] = []
        try:
            return super().compose_document()
        finally:
            self._sizes.clear()
            self._keep = []

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    continue
                line = key_node.start_mark.line + 1
                if first is not None:
                    raise YamlLimitError(
                        f"the key {quoted(key)} is written twice in one mapping (line "
                        f"{first}" + (f" and line {line})" if line != first else ")"),
                        "keep one of them (YAML keys are unique; the second would silently "
                        "replace the first)", line, "duplicate_key", name=quoted(key),
                        line=f"{first}" + (f", {line}" if line != first else ""))
                seen[key] = line
        return super().construct_mapping(node, deep)


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
    """Parse YAML text safely with YAML 1.2 booleans, within the limits above.

    Raises ``yaml.YAMLError`` (a :class:`YamlLimitError` for the limits) on bad input.
    """
    if len(text) > MAX_INPUT_BYTES:
        raise YamlLimitError(f"the text is {len(text):,} characters, above the limit of "
                             f"{MAX_INPUT_BYTES:,}", "use a smaller file", None, "too_big",
                             size=len(text), limit=MAX_INPUT_BYTES)
    loader = QuorumSafeLoader(text)
    try:
        return loader.get_single_data()
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise YamlLimitError(f"a value cannot be read ({str(exc)[:80]})",
                             "shorten the number") from None
    finally:
        loader.dispose()


def parse_yaml(text: str, source: str) -> Any:
    """The data of YAML ``text``, or a one-line :class:`~quorum.errors.ScenarioError`.

    The single entry for every YAML format (scenarios, bodies, models, games, proposals,
    uploads): bounded by the limits above, duplicate keys refused.
    """
    from .errors import ScenarioError

    try:
        return safe_load(text)
    except YamlLimitError as exc:
        if exc.key is not None:
            raise ScenarioError(source, "", key=exc.key, params=exc.params) from None
        where = f" (line {exc.line})" if exc.line else ""
        raise ScenarioError(source, "", key="yaml_limit",
                            params={"problem": exc.problem + where, "fix": exc.fix}) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        detail = str(getattr(exc, "problem", None) or exc)[:120]
        raise ScenarioError(source, "", key="not_yaml",
                            params={"where": where, "detail": detail}) from None
    except RecursionError:  # defensive: the depth limit comes first
        raise ScenarioError(source, "", key="too_deep",
                            params={"limit": MAX_YAML_DEPTH, "line": "?"}) from None


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a byte-order mark dropped), within ``MAX_INPUT_BYTES``."""
    from .errors import ScenarioError

    if len(data) > MAX_INPUT_BYTES:
        raise ScenarioError(source, "", key="too_big",
                            params={"size": len(data), "limit": MAX_INPUT_BYTES})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, "", key="not_utf8", params={"position": exc.start}) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text_file(path: Any) -> str:
    """The UTF-8 text of a file, with one-line errors (no such file, too big, not UTF-8)."""
    from pathlib import Path

    from .errors import ScenarioError

    p = Path(path)
    if not p.is_file():
        raise ScenarioError(str(path), "", key="no_file")
    if p.stat().st_size > MAX_INPUT_BYTES:
        raise ScenarioError(str(path), "", key="too_big",
                            params={"size": p.stat().st_size, "limit": MAX_INPUT_BYTES})
    return decode_text(p.read_bytes(), str(path))


def read_yaml_file(path: Any) -> Any:
    """The data of a YAML file, through :func:`parse_yaml`."""
    return parse_yaml(read_text_file(path), str(path))


def plain_number(value: Fraction) -> int | str:
    """A fraction as a file writes it: a whole number, an exact decimal string, or ``"p/q"``."""
    if value.denominator == 1:
        return value.numerator
    # Amounts are decimals (cents and the like); keep exactness with a string when needed.
    for digits in range(1, 12):
        scaled = value * 10**digits
        if scaled.denominator == 1:
            return f"{value.numerator / value.denominator:.{digits}f}"
    return str(value)


def plain(value: Any) -> Any:
    """``value`` as plain YAML data (the inverse of reading): mappings with text keys, lists,
    fractions by :func:`plain_number`, dates in ISO form; every exporter writes through it."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Fraction):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
