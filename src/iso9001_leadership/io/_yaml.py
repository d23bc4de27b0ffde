"""Strict, safe YAML: plain data only, positions kept, duplicate keys refused.

PyYAML's safe loader still does three things an organization file must not suffer: it keeps
the last of two equal keys without a word, it reads ``no`` as ``False`` and ``2024-02-30`` as a
crash deep inside ``datetime``, and it forgets where each value stood. This module composes the
YAML node tree with the safe loader and builds the Python data itself, so that it can refuse
duplicate keys, merge keys and object-constructing tags, resolve scalars by the YAML 1.2 core
schema (only ``true``/``false`` are booleans; dates stay text for the converter to check), and
record the line and column of every value and key by its path (``roles[3].reports_to``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iso9001_leadership.exceptions import Problem

__all__ = ["Positions", "dump_yaml", "join_path", "locate", "parse_yaml"]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

#: The most nodes a document may expand to (aliases repeat nodes): a guard against alias bombs.
MAX_NODES = 2_000_000

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
]


class _CoreLoader(yaml.SafeLoader):
    """The safe loader with YAML 1.2 core-schema scalars and plain ints."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 -- PyYAML's class-level registry

    def construct_core_int(self, node: ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)


for _tag, _regexp, _first in _CORE_RESOLVERS:
    _CoreLoader.add_implicit_resolver(_tag, _regexp, list(_first))
_CoreLoader.add_implicit_resolver(_NULL, re.compile(r"^$"), [""])  # the empty scalar
_CoreLoader.add_implicit_resolver(_MERGE, re.compile(r"^<<$"), ["<"])  # recognised only to be refused
_CoreLoader.add_constructor(_INT, _CoreLoader.construct_core_int)

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _LOADER: type[Any] = _CoreLoader
else:

    class _FastCoreLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """The same loader on libyaml's parser: the same nodes and marks, several times faster."""

        yaml_implicit_resolvers = _CoreLoader.yaml_implicit_resolvers
        yaml_constructors = _CoreLoader.yaml_constructors
        construct_core_int = _CoreLoader.construct_core_int

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADER = _FastCoreLoader


class _Dumper(yaml.SafeDumper):
    """Quotes every string that either YAML 1.1 or our core resolver would read as non-text."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if any(ch in data for ch in "\r\x85\u2028\u2029"):
            # Line breaks other than \n are folded by YAML readers unless escaped: double quotes escape them.
            return self.represent_scalar(_STR, data, style='"')
        if "\n" in data:
            return self.represent_scalar(_STR, data, style="|")
        for _tag, regexp, _first in _CORE_RESOLVERS:
            if regexp.match(data):
                return self.represent_scalar(_STR, data, style="'")
        return super().represent_str(data)


_Dumper.add_representer(str, _Dumper.represent_str)


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML that :func:`parse_yaml` reads back unchanged."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def join_path(path: str, key: str | int) -> str:
    """Extend a path by a key or a list index, in the shape :class:`Positions` and problems use.

    Examples
    --------
    >>> join_path("roles", 3)
    'roles[3]'
    >>> join_path(join_path("roles", 3), "id")
    'roles[3].id'
    >>> join_path("", "name")
    'name'
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


@attrs.define
class Positions:
    """Where each value and each key stood in the source, by path; 1-based lines and columns.

    Paths are written as :func:`join_path` writes them: ``""`` for the document,
    ``roles[3]`` for the fourth role's mapping, ``roles[3].reports_to`` for one of its values.
    The position of a mapping or a list is where it starts: the first key of a block mapping,
    the ``{`` or ``[`` of a flow one.

    Attributes
    ----------
    values
        The position of each value, by path.
    keys
        The position of each mapping key, by the path of its value.

    Examples
    --------
    >>> _, positions, _ = parse_yaml("name: Acme\\nroles:\\n  - id: ceo\\n    title: CEO\\n")
    >>> positions.values["roles[0]"], positions.keys["roles[0].title"]
    ((3, 5), (4, 5))
    >>> positions.locate("roles[0].reports_to")  # not in the file: where its mapping starts
    (3, 5)
    """

    values: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    keys: dict[str, tuple[int, int]] = attrs.field(factory=dict)

    def locate(self, path: str, *, key: bool = False) -> tuple[int, int] | None:
        """The position of ``path`` (of its key, with ``key``), or of its nearest enclosing value that has one.

        ``None`` only when not even the document has a position (nothing was parsed).
        """
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        current = path
        while current:
            cut = max(current.rfind("."), current.rfind("["))
            current = current[:cut] if cut > 0 else ""
            if current in self.values:
                return self.values[current]
        return self.values.get("")


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.budget = MAX_NODES

    def problem(self, node: Node, path: str, message: str, **extra: Any) -> None:
        line, column = _pos(node)
        self.problems.append(Problem(path, message, line=line, column=column, **extra))

    def build(self, node: Node, path: str) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.problem(node, path, f"the document expands to more than {MAX_NODES} values (aliases?)")
            return None
        self.positions.values.setdefault(path, _pos(node))
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(node, path, f"YAML tag {node.tag!r} is not allowed", expected="plain YAML data")
                return None
            return [self.build(child, join_path(path, i)) for i, child in enumerate(node.value)]
        return self.build_scalar(node, path)

    def build_mapping(self, node: MappingNode, path: str) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self.problem(node, path, f"YAML tag {node.tag!r} is not allowed", expected="plain YAML data")
            return None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(key_node, path, "merge keys ('<<') are not supported", expected="the fields written out")
                continue
            key = self.build_scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, path, "a key must be text", found=repr(key), expected="a field name")
                continue
            child = join_path(path, key)
            if key in result or key in first_line:
                self.problem(
                    key_node,
                    child,
                    f"duplicate key {key!r} (first given on line {first_line[key]})",
                    expected="each key once per mapping",
                )
                continue
            first_line[key] = _pos(key_node)[0]
            self.positions.keys[child] = _pos(key_node)
            result[key] = self.build(value_node, child)
        return result

    def build_scalar(self, node: Node, path: str) -> Any:
        if not isinstance(node, ScalarNode):
            return None
        if node.tag not in {_STR, _INT, _FLOAT, _BOOL, _NULL}:
            self.problem(node, path, f"YAML tag {node.tag!r} is not allowed", expected="plain YAML data")
            return None
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.problem(node, path, f"unreadable {node.tag.rsplit(':', 1)[-1]}: {exc}", found=repr(node.value))
            return None


def parse_yaml(text: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse one YAML document into plain data, with positions and every problem found.

    Only plain data comes back (mappings with text keys, lists, text, numbers, booleans and
    nulls, by the YAML 1.2 core schema); duplicate keys, merge keys and tags are problems,
    each with its line and column. The data is ``None`` when the text is not YAML at all.

    Returns
    -------
    tuple
        The data, the :class:`Positions` of its values and keys, and the list of problems.

    Examples
    --------
    >>> data, positions, problems = parse_yaml("name: Acme\\nactive: yes\\n")
    >>> data, positions.values["active"], problems
    ({'name': 'Acme', 'active': 'yes'}, (2, 9), [])
    >>> parse_yaml("a: 1\\na: 2\\n")[2][0].message
    "duplicate key 'a' (first given on line 1)"
    """
    loader = _LOADER(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            column = mark.column + 1 if mark else None
            reason = " ".join(part for part in (exc.context, exc.problem) if part)
            return None, Positions(), [Problem("", f"not valid YAML: {reason}", line=line, column=column)]
        except yaml.YAMLError as exc:
            return None, Positions(), [Problem("", f"not valid YAML: {exc}")]
        if node is None:
            return None, Positions(), [Problem("", "the document is empty", expected="the organization's fields")]
        builder = _Builder(loader)
        data = builder.build(node, "")
        return data, builder.positions, builder.problems
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()


#: The beginnings of the messages of problems about a key rather than its value (those of
#: ``unknown_field`` and of duplicate keys).
_KEY_MESSAGES: tuple[str, ...] = ("unknown field", "duplicate key")


def locate(problems: Iterable[Problem], positions: Positions, *, key_messages: Iterable[str] = ()) -> list[Problem]:
    """The problems with a line and column where they had none, ordered by position.

    Each problem without a line takes the position of its path, or of the nearest enclosing
    value that has one (a missing field is reported where its mapping starts). A problem about
    a key rather than its value, one whose message begins with ``unknown field``, ``duplicate
    key`` or one of ``key_messages``, takes the position of the key. Problems without any position come last.

    Parameters
    ----------
    problems
        The problems, with paths in the shape of :func:`join_path`.
    positions
        Where each value and key stands, from :func:`parse_yaml`.
    key_messages
        More message beginnings that mark a problem about a key, for a format of one's own.

    Examples
    --------
    >>> from iso9001_leadership.exceptions import Problem
    >>> _, positions, _ = parse_yaml("name: Acme\\nroles:\\n  - {id: ceo, titel: CEO}\\n")
    >>> for problem in locate(
    ...     [
    ...         Problem("roles[0].titel", "unknown field 'titel' for Role"),
    ...         Problem("roles[0].title", "required field 'title' is missing"),
    ...     ],
    ...     positions,
    ... ):
    ...     print(problem)
    line 3, column 5: roles[0].title: required field 'title' is missing
    line 3, column 15: roles[0].titel: unknown field 'titel' for Role
    """
    at_key = (*_KEY_MESSAGES, *key_messages)
    located = []
    for problem in problems:
        if problem.line is None:
            where = positions.locate(problem.path, key=problem.message.startswith(at_key))
            if where is not None:
                problem = attrs.evolve(problem, line=where[0], column=where[1])
        located.append(problem)
    located.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    return located
