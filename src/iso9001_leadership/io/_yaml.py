"""Strict, safe YAML: plain data only, positions kept, duplicate keys refused.

PyYAML's safe loader still does three things an organization file must not suffer: it keeps
the last of two equal keys without a word, it reads ``no`` as ``False`` and ``2024-02-30`` as a
crash deep inside ``datetime``, and it forgets where each value stood. This module composes the
YAML node tree with the safe loader and builds the Python data itself, so that it can refuse
duplicate keys, merge keys and object-constructing tags, resolve scalars by the YAML 1.2 core
schema (only ``true``/``false`` are booleans; dates stay text for the converter to check), and
record the line and column of every value and key by its path (``roles[3].reports_to``).

It also holds the document to the limits of :mod:`._limits`: nesting at most :data:`MAX_DEPTH`
levels deep, aliases that repeat at most :data:`MAX_ALIAS_NODES` values in all (counted by what
each alias stands for, so a large document without aliases is never refused for its size), no
alias inside the collection it names, whole numbers of at most :data:`MAX_INT_DIGITS` digits and
no lone surrogates. Whatever PyYAML raises (its own errors, or a ``KeyError`` or ``ValueError``
from a constructor) becomes a problem with a position: a caller gets problems, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iso9001_leadership._names import clip, echo
from iso9001_leadership.exceptions import Problem

from ._limits import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    Refusal,
    check_text,
    depth_problem,
    has_lone_surrogate,
    int_digits,
    int_too_large,
    position,
    surrogate_problem,
)

__all__ = ["Positions", "dump_yaml", "join_path", "locate", "parse_yaml"]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

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

    #: The deepest nesting the composer builds (the builder refuses one level less, with a path).
    max_depth = MAX_DEPTH + 1
    _depth = 0

    def construct_core_int(self, node: ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """PyYAML's composer recurses once per level: stop it well before the interpreter's limit.

        (libyaml's composer, used when it is installed, stops by itself at 1,000 levels.)
        """
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                line, column = _mark(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
                raise Refusal(depth_problem(self.max_depth - 1, line=line, column=column))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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


def _mark(mark: Any) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _children(node: Node) -> Iterable[Node]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, SequenceNode):
        yield from node.value


class _Builder:
    """Builds plain data from the composed nodes, with positions, problems and the limits held.

    The composer gives an alias as the very node its anchor names, so a collection met a second
    time is an alias: it costs the number of values it stands for (counted once, at the
    outermost alias), and one met again while it is still being built is an alias inside itself.
    """

    def __init__(self, loader: Any, *, max_depth: int, max_alias_nodes: int) -> None:
        self.loader = loader
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.max_depth = max_depth
        self.max_alias_nodes = max_alias_nodes
        self.alias_nodes = 0  # the values repeated by aliases so far
        self.seen: set[int] = set()  # the collections built at least once, by id
        self.active: set[int] = set()  # the collections being built (the path from the root)
        self.sizes: dict[int, int] = {}  # how many values a collection stands for, capped
        self.expanding = 0  # how many aliases are being built, one inside another

    def problem(self, node: Node, path: str, message: str, **extra: Any) -> None:
        line, column = _pos(node)
        self.problems.append(Problem(path, message, line=line, column=column, **extra))

    def refuse(self, path: str, message: str, **extra: Any) -> Refusal:
        """One problem that ends the build, placed where the alias or value at ``path`` is written."""
        where = self.positions.locate(path, key=True)
        line, column = where if where is not None else (None, None)
        return Refusal(Problem(path, message, line=line, column=column, **extra))

    def build(self, node: Node, path: str, depth: int = 1) -> Any:
        if isinstance(node, MappingNode | SequenceNode):
            return self.build_collection(node, path, depth)
        self.positions.values.setdefault(path, _pos(node))
        return self.build_scalar(node, path)

    def build_collection(self, node: MappingNode | SequenceNode, path: str, depth: int) -> Any:
        key = id(node)
        if key in self.active:
            raise self.refuse(
                path,
                "an alias inside the collection it names: the data would never end",
                expected="aliases to values written before them, outside them",
            )
        if depth > self.max_depth:
            line, column = _pos(node)
            raise Refusal(depth_problem(self.max_depth, path=path, line=line, column=column))
        alias = key in self.seen
        if alias and not self.expanding:
            self.alias_nodes += self.size(node)
            if self.alias_nodes > self.max_alias_nodes:
                raise self.refuse(
                    path,
                    f"the document expands to more than {self.max_alias_nodes:,} values through its aliases "
                    "(an alias bomb?)",
                    expected=f"aliases that repeat at most {self.max_alias_nodes:,} values in all",
                )
        self.seen.add(key)
        self.positions.values.setdefault(path, _pos(node))
        self.active.add(key)
        self.expanding += alias
        try:
            if isinstance(node, MappingNode):
                return self.build_mapping(node, path, depth)
            if node.tag != _SEQ:
                self.problem(node, path, f"YAML tag {echo(node.tag)} is not allowed", expected="plain YAML data")
                return None
            return [self.build(child, join_path(path, i), depth + 1) for i, child in enumerate(node.value)]
        finally:
            self.active.discard(key)
            self.expanding -= alias

    def size(self, root: Node) -> int:
        """How many values ``root`` stands for, itself and every nested one counted (capped past the limit).

        An iterative walk, memoised by node: an alias bomb of a few hundred bytes is measured in
        a few steps, without being expanded.
        """
        cap = self.max_alias_nodes + 1
        sizes = self.sizes
        if id(root) in sizes:
            return sizes[id(root)]
        stack: list[tuple[Node, bool]] = [(root, False)]
        open_: set[int] = set()
        while stack:
            node, done = stack.pop()
            key = id(node)
            if done:
                total = 1
                for child in _children(node):
                    total += sizes.get(id(child), 1)
                sizes[key] = min(total, cap)
                open_.discard(key)
                continue
            if key in sizes:
                continue
            open_.add(key)
            stack.append((node, True))
            for child in _children(node):
                if isinstance(child, MappingNode | SequenceNode) and id(child) not in sizes:
                    if id(child) in open_:  # an alias inside itself: endless
                        sizes[id(child)] = cap
                        continue
                    stack.append((child, False))
        return sizes[id(root)]

    def build_mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self.problem(node, path, f"YAML tag {echo(node.tag)} is not allowed", expected="plain YAML data")
            return None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(key_node, path, "merge keys ('<<') are not supported", expected="the fields written out")
                continue
            before = len(self.problems)
            key = self.build_scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                if len(self.problems) == before:  # not refused already (an unreadable or forbidden key)
                    self.problem(key_node, path, "a key must be text", found=echo(key), expected="a field name")
                continue
            child = join_path(path, key)
            if key in result or key in first_line:
                self.problem(
                    key_node,
                    child,
                    f"duplicate key {echo(key)} (first given on line {first_line[key]})",
                    expected="each key once per mapping",
                )
                continue
            first_line[key] = _pos(key_node)[0]
            self.positions.keys[child] = _pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def build_scalar(self, node: Node, path: str) -> Any:
        if not isinstance(node, ScalarNode):
            return None
        if node.tag not in {_STR, _INT, _FLOAT, _BOOL, _NULL}:
            self.problem(node, path, f"YAML tag {echo(node.tag)} is not allowed", expected="plain YAML data")
            return None
        kind = node.tag.rsplit(":", 1)[-1]
        if node.tag == _INT:
            digits = int_digits(node.value)
            if digits > MAX_INT_DIGITS:
                line, column = _pos(node)
                self.problems.append(int_too_large(digits, path=path, line=line, column=column))
                return None
        try:
            value = self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            self.problem(node, path, f"unreadable {kind}: {clip(str(exc))}", found=echo(node.value))
            return None
        except Exception:  # a constructor's KeyError or TypeError (`!!bool maybe`)
            self.problem(node, path, f"unreadable {kind}: {echo(node.value)}", found=echo(node.value))
            return None
        if isinstance(value, str) and has_lone_surrogate(value):
            line, column = _pos(node)
            self.problems.append(surrogate_problem(path, value, line=line, column=column))
            return None
        return value


def parse_yaml(
    text: str, *, max_depth: int = MAX_DEPTH, max_alias_nodes: int = MAX_ALIAS_NODES
) -> tuple[Any, Positions, list[Problem]]:
    """Parse one YAML document into plain data, with positions and every problem found.

    Only plain data comes back (mappings with text keys, lists, text, numbers, booleans and
    nulls, by the YAML 1.2 core schema); duplicate keys, merge keys and tags are problems,
    each with its line and column. The data is ``None`` when the text is not YAML at all, or
    breaks a limit: nested deeper than ``max_depth`` levels, repeating more than
    ``max_alias_nodes`` values through aliases, an alias inside the collection it names, or a
    lone surrogate in the text; such a document gets that one problem only.

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
    >>> print(parse_yaml("a: &x [*x]\\n")[2][0])
    line 1, column 4: a[0]: an alias inside the collection it names: the data would never end; expected ...
    """
    try:
        text = check_text(text) if isinstance(text, str) else text
    except Refusal as exc:
        return None, Positions(), [exc.problem]
    pure = issubclass(_LOADER, _CoreLoader)
    loader: Any = None
    try:
        try:
            loader = _LOADER(text)  # PyYAML's own reader checks the characters here already
            if pure:
                loader.max_depth = max_depth + 1
            node = loader.get_single_node()
        except Exception as exc:  # whatever PyYAML lets out: a problem, never a traceback
            return None, Positions(), [_compose_problem(exc, text, max_depth=max_depth, pure=pure)]
        if node is None:
            return None, Positions(), [Problem("", "the document is empty", expected="the organization's fields")]
        builder = _Builder(loader, max_depth=max_depth, max_alias_nodes=max_alias_nodes)
        try:
            data = builder.build(node, "")
        except Refusal as exc:
            return None, builder.positions, [exc.problem]
        except RecursionError:  # not expected below MAX_DEPTH, but never a traceback
            return None, builder.positions, [depth_problem(max_depth)]
        return data, builder.positions, builder.problems
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()


def _compose_problem(exc: Exception, text: str, *, max_depth: int, pure: bool) -> Problem:
    """The problem of a text PyYAML could not compose into nodes, with its position where known."""
    if isinstance(exc, Refusal):
        return exc.problem
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_problem(exc, text, in_bytes=not pure)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark(mark)
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        if "exceeded maximum nesting depth" in reason:  # libyaml's own limit, at 1,000 levels
            return depth_problem(max_depth, line=line, column=column)
        if "invalid Unicode character escape code" in reason and mark is not None:
            surrogate = _surrogate_escape(text, mark.line)
            if surrogate is not None:  # libyaml refuses "\\ud800" by itself: say why
                return surrogate_problem("", surrogate, line=line, column=column)
        return Problem("", f"not valid YAML: {reason}", line=line, column=column)
    if isinstance(exc, yaml.YAMLError):
        return Problem("", f"not valid YAML: {exc}")
    if isinstance(exc, RecursionError):
        return depth_problem(max_depth)
    return Problem("", f"not valid YAML: {type(exc).__name__}: {clip(str(exc))}")


_SURROGATE_ESCAPE = re.compile(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _surrogate_escape(text: str, line: int) -> str | None:
    """The surrogate a ``\\uD800``-style escape on the 0-based ``line`` of the text stands for, if any."""
    lines = text.splitlines()
    match = _SURROGATE_ESCAPE.search(lines[line]) if line < len(lines) else None
    return chr(int(match.group(1), 16)) if match else None


def _reader_problem(exc: yaml.reader.ReaderError, text: str, *, in_bytes: bool) -> Problem:
    """A character YAML does not allow (a control character), at its line and column.

    libyaml counts the offset in bytes of the UTF-8 text, PyYAML in characters.
    """
    offset = exc.position
    if in_bytes:
        offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "replace"))
    line, column = position(text, offset)
    character = exc.character
    code = (
        f"U+{character:04X}"
        if isinstance(character, int)
        else f"U+{ord(text[offset]):04X}"
        if offset < len(text)
        else "?"
    )
    return Problem("", f"not valid YAML: the character {code} is not allowed ({exc.reason})", line=line, column=column)


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
