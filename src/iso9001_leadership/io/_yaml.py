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

Reading is on libyaml's parser when PyYAML has it, else on PyYAML's own: the same nodes either
way. The data is built from the nodes in one walk that keeps the positions in a log, in the
order it reads them; the tables of :class:`Positions` by path are made from the log only when
asked for (a problem to place, a caller's look): a large file read without a problem only
needs where its elements start (:meth:`Positions.find`).

Writing (:func:`dump_yaml`) always gives the text of PyYAML's pure-Python emitter, the one the
files have always had. libyaml's emitter, when PyYAML has it, writes most documents more than
ten times faster, and the same text but for these differences, found by comparing the two:

- libyaml takes every character beyond the Basic Multilingual Plane (an emoji) for
  unprintable, and writes the text holding it escaped (``"\\U0001F680"``), in double quotes;
- both escape the other unprintable characters (a tab, a carriage return, a control
  character), in double quotes, but fold long double-quoted lines at different places
  (libyaml only at spaces, PyYAML also between other characters with a ``\\`` at the line's
  end); text with a space before a line break, or a line break and a space at its end, is
  double-quoted too;
- after text ending in two line breaks, or a lone line break (a ``|+`` block), libyaml ends the
  document with ``...`` even when more follows it;
- an empty key is a complex key (``? ''``) for PyYAML, a simple one for libyaml; so is a key
  of more than 122 characters, which PyYAML counts with its tag (``!!str``) and libyaml in bytes;
- a lone scalar is followed by ``...`` in PyYAML's document, not in libyaml's.

So each field of the document, and each item of a list that is the document or one of its
fields (each element of an organization, in effect), is written by libyaml when none of its
texts and keys is of these kinds, and by PyYAML's emitter otherwise; the pieces are joined into
one text (see :class:`_Pieces`). An organization whose texts hold only printable characters of
the Basic Multilingual Plane is written by libyaml alone; one emoji costs PyYAML's time for
the one element that holds it. Without libyaml, PyYAML's emitter writes everything. Both are
fed the events PyYAML's serializer would make of its representer's nodes (:class:`_Events`),
without the nodes; data of other types than plain ones (a date, a set) or a collection met
twice (an alias) goes to PyYAML's representer and emitter, as it always did.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iso9001_leadership._gc import paused_gc
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

#: The core resolvers by the first character of the scalars they may match.
_CORE_FIRST: dict[Any, list[tuple[str, re.Pattern[str]]]] = dict(_CoreLoader.yaml_implicit_resolvers)


def _resolve_core(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
    """:meth:`yaml.resolver.BaseResolver.resolve` for loaders without path resolvers, quicker for scalars.

    The composer asks it the tag of every scalar: a plain one takes the tag of the first core
    resolver that matches it, any other is text.
    """
    if kind is not ScalarNode:
        return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
    if implicit[0]:
        for tag, regexp in _CORE_FIRST.get(value[:1], ()):
            if regexp.match(value):
                return tag
    return _STR


_CoreLoader.resolve = _resolve_core  # type: ignore[method-assign]

try:
    from yaml._yaml import CEmitter, CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CEmitter: Any = None
    _LOADER: type[Any] = _CoreLoader
else:

    class _FastCoreLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """The same loader on libyaml's parser: the same nodes and marks, several times faster."""

        yaml_implicit_resolvers = _CoreLoader.yaml_implicit_resolvers
        yaml_constructors = _CoreLoader.yaml_constructors
        construct_core_int = _CoreLoader.construct_core_int
        resolve = _resolve_core

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADER = _FastCoreLoader
    _CEmitter = CEmitter


# -- writing ------------------------------------------------------------------------------------

#: One pattern for the four above: text any of them would read as another type is quoted.
_CORE_SCALAR = re.compile("|".join(regexp.pattern for _tag, regexp, _first in _CORE_RESOLVERS))

#: Line breaks other than ``\n``: YAML readers fold them unless they are escaped, in double quotes.
_ODD_BREAK = re.compile("[\r\x85\u2028\u2029]")

#: A character libyaml's emitter may write otherwise than PyYAML's: anything but ``\n``, printable
#: ASCII and the printable characters of the Basic Multilingual Plane but the byte order mark.
_NOT_FOR_LIBYAML = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")

#: What :func:`dump_yaml` writes: block style, keys in their order, Unicode as it is, 100 columns.
_DUMP_OPTIONS: dict[str, Any] = {"allow_unicode": True, "width": 100, "default_flow_style": False, "sort_keys": False}


def _str_style(data: str) -> str | None:
    """The style a string is written in: escaped, literal, quoted, or as the emitter sees fit (None)."""
    if _ODD_BREAK.search(data):
        # Line breaks other than \n are folded by YAML readers unless escaped: double quotes escape them.
        return '"'
    if "\n" in data:
        return "|"
    if _CORE_SCALAR.match(data):
        return "'"
    return None


class _Dumper(yaml.SafeDumper):
    """Quotes every string that either YAML 1.1 or our core resolver would read as non-text.

    PyYAML's own representer and pure-Python emitter: the text :func:`dump_yaml` writes is
    always the one this dumper writes.
    """

    def represent_str(self, data: str) -> yaml.ScalarNode:
        return self.represent_scalar(_STR, data, style=_str_style(data))


_Dumper.add_representer(str, _Dumper.represent_str)


def _dump_pure(data: Any) -> str:
    """Plain data as YAML, by :class:`_Dumper`: PyYAML's representer and pure-Python emitter."""
    text: str = yaml.dump(data, Dumper=_Dumper, **_DUMP_OPTIONS)
    return text


def _float_text(data: float) -> str:
    """A float as :meth:`yaml.representer.SafeRepresenter.represent_float` writes it."""
    if data != data:
        return ".nan"
    if data in (math.inf, -math.inf):
        return ".inf" if data > 0 else "-.inf"
    text = repr(data).lower()
    if "." not in text and "e" in text:  # 1e+17 is no YAML float: 1.0e+17 is
        text = text.replace("e", ".0e", 1)
    return text


class _Unsupported(Exception):  # noqa: N818 -- internal: ends the fast path, never leaves this module
    """Data :class:`_Events` leaves to PyYAML's representer: another type, or a collection met twice (an alias)."""


#: The longest key (in bytes) both emitters write as a simple key: PyYAML counts it with its tag.
_SIMPLE_KEY = 128 - len("!!str") - 1

_PLAIN = (True, True)  # the implicit flags of text no resolver reads as another type
_QUOTED = (False, True)  # ... and of text one does: it must be quoted
# Events are only read by the emitters, never changed: these are shared by every collection.
_MAPPING_START = MappingStartEvent(None, _MAP, True, flow_style=False)
_MAPPING_END = MappingEndEvent()
_SEQUENCE_START = SequenceStartEvent(None, _SEQ, True, flow_style=False)
_SEQUENCE_END = SequenceEndEvent()


class _Events:
    """Plain data as the events PyYAML's serializer makes of :class:`_Dumper`'s nodes, each text checked.

    The events are those of ``yaml.dump(data, Dumper=_Dumper)``, with the same tags, implicit
    flags (by :class:`_Dumper`'s resolvers) and styles, made without the nodes: a document of a
    million values would otherwise keep a million nodes alive, and the garbage collector busy
    walking them again and again. :meth:`collect` gives the events of one value, and whether
    libyaml's emitter writes them as PyYAML's does (see the module's documentation).
    """

    def __init__(self) -> None:
        table = _Dumper.yaml_implicit_resolvers
        self.wildcard: list[tuple[str, re.Pattern[str]]] = list(table.get(None, []))
        self.resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {
            first: [*found, *self.wildcard] for first, found in table.items() if first is not None
        }
        self.out: list[Any] = []
        self.odd = False  # whether a text libyaml writes otherwise was met
        self.seen: set[int] = set()  # the collections met, by id: one met again is an alias
        # Each key's event, and whether it is for libyaml; each text's, and whether libyaml writes it otherwise.
        self.keys: dict[str, tuple[ScalarEvent, bool]] = {}
        self.texts: dict[str, tuple[ScalarEvent, bool]] = {}

    def collect(self, data: Any, *, key: bool = False) -> tuple[list[Any], bool]:
        """The events of ``data`` (a value, or a key), and whether libyaml writes them as PyYAML does."""
        self.out = []
        self.odd = False
        if key:
            self.key(data)
        else:
            self.add(data)
        return self.out, not self.odd

    def enter(self, data: dict[Any, Any] | list[Any]) -> None:
        """Note a collection; one met before would be written as an alias: :func:`_dump_pure`'s."""
        if id(data) in self.seen:
            raise _Unsupported
        self.seen.add(id(data))

    def add(self, data: Any) -> None:
        kind = type(data)
        if kind is str:
            self.text(data)
        elif kind is dict:
            self.enter(data)
            self.out.append(_MAPPING_START)
            for key, value in data.items():
                self.key(key)
                self.add(value)
            self.out.append(_MAPPING_END)
        elif kind is list:
            self.enter(data)
            self.out.append(_SEQUENCE_START)
            for item in data:
                self.add(item)
            self.out.append(_SEQUENCE_END)
        elif kind is bool:
            self.scalar(_BOOL, "true" if data else "false")
        elif kind is int:
            self.scalar(_INT, str(data))
        elif kind is float:
            self.scalar(_FLOAT, _float_text(data))
        elif data is None:
            self.scalar(_NULL, "null")
        else:  # dates, sets, subclasses: PyYAML's representer writes them (or refuses them)
            raise _Unsupported

    def resolve(self, value: str) -> str:
        """The tag of ``value`` written plain, as :meth:`yaml.resolver.BaseResolver.resolve` finds it."""
        for tag, regexp in self.resolvers.get(value[:1], self.wildcard):
            if regexp.match(value):
                return tag
        return _STR

    def scalar(self, tag: str, value: str) -> None:
        self.out.append(ScalarEvent(None, tag, (self.resolve(value) == tag, tag == _STR), value))

    def text(self, data: str) -> None:
        known = self.texts.get(data)  # ids come back as references: each text is looked at once
        if known is None:
            known = self.texts[data] = self.look_at(data)
        self.out.append(known[0])
        if known[1]:
            self.odd = True

    def look_at(self, data: str) -> tuple[ScalarEvent, bool]:
        """The event of a text, and whether libyaml writes it otherwise than PyYAML."""
        odd = False
        if _NOT_FOR_LIBYAML.search(data) is None:
            if "\n" not in data:
                style = "'" if _CORE_SCALAR.match(data) else None
            else:
                style = "|"
                odd = data.endswith(("\n\n", " ")) or data == "\n" or " \n" in data  # a |+ block, or double quotes
        else:
            style = _str_style(data)
            odd = True
        implicit = _PLAIN if self.resolve(data) == _STR else _QUOTED
        return ScalarEvent(None, _STR, implicit, data, style=style), odd

    def key(self, data: Any) -> None:
        """The events of a mapping's key: it must stay a simple key (``key: value``) for both emitters, or neither.

        PyYAML writes a key as a simple key when it is not empty, has no line break and is, with
        its tag (``!!str``, five characters), shorter than 128 characters; libyaml when it has no
        line break and is at most 128 bytes long (without the tag, which it leaves out).
        """
        if type(data) is not str:
            self.add(data)
            last = self.out[-1]
            if type(last) is not ScalarEvent or len(last.value) > _SIMPLE_KEY:
                self.odd = True
            return
        known = self.keys.get(data)
        if known is None:
            event, odd = self.look_at(data)
            simple = data != "" and "\n" not in data and len(data.encode("utf-8")) <= _SIMPLE_KEY
            known = self.keys[data] = (event, simple and not odd)
        self.out.append(known[0])
        if not known[1]:
            self.odd = True


class _Pieces:
    """A document written in pieces, each a document of its own, by the emitter it is for.

    A piece is a mapping of consecutive fields of the document, or a run of consecutive items of
    one of its lists (the first run with its field's key). Written on their own, one after the
    other, the pieces make the text of the whole document, but for the ``...`` that PyYAML ends
    a document with after a ``|+`` block: in a piece that is not the last one, something follows.
    """

    def __init__(self, *, libyaml: bool) -> None:
        self.libyaml = libyaml
        self.texts: list[str] = []
        self.stream: io.StringIO | None = None
        self.emit: Any = None  # the open piece's emitter's emit()
        self.fit = False  # whether the open piece is for libyaml
        self.ends: list[Any] = []  # the end events of the open collections, the piece's own first

    def open(self, fit: bool, start: Any) -> None:
        """Start a piece, for libyaml or not, whose document is the collection ``start`` starts."""
        self.close()
        self.fit = fit
        self.stream = io.StringIO()
        emitter = _CEmitter if fit and self.libyaml else yaml.emitter.Emitter
        self.emit = emitter(self.stream, allow_unicode=True, width=_DUMP_OPTIONS["width"]).emit
        for event in (StreamStartEvent(encoding=None), DocumentStartEvent(explicit=None), start):
            self.emit(event)
        self.ends = [_MAPPING_END if start is _MAPPING_START else _SEQUENCE_END]

    def in_mapping(self, fit: bool) -> bool:
        """Whether a piece for the same emitter is open, a mapping, between two of its fields."""
        return self.stream is not None and self.fit == fit and self.ends == [_MAPPING_END]

    def feed(self, events: list[Any]) -> None:
        emit = self.emit
        for event in events:
            emit(event)

    def push(self, start: Any, end: Any) -> None:
        """Start a collection inside the piece."""
        self.emit(start)
        self.ends.append(end)

    def pop(self) -> None:
        """End the innermost open collection, and the piece with it if it is the piece's own."""
        if len(self.ends) > 1:
            self.emit(self.ends.pop())
        else:
            self.close()

    def close(self) -> None:
        if self.stream is None:
            return
        for event in (*reversed(self.ends), DocumentEndEvent(explicit=None), StreamEndEvent()):
            self.emit(event)
        self.texts.append(self.stream.getvalue())
        self.stream, self.ends = None, []

    def text(self) -> str:
        """The whole text, once every piece is written."""
        self.close()
        texts = self.texts
        for index in range(len(texts) - 1):
            if texts[index].endswith("\n...\n"):
                texts[index] = texts[index][: -len("...\n")]
        return "".join(texts)


def _dump_events(data: Any, *, libyaml: bool) -> str:
    """Plain data as YAML, in :class:`_Pieces` each written by the emitter it is for.

    Each field of the document, or each item of a list that is the document or one of its
    fields, goes to libyaml's emitter (``libyaml=False``: to none) if every text it holds is
    written the same by both, else to PyYAML's. A document that is not a non-empty mapping or
    list is :func:`_dump_pure`'s.

    Raises
    ------
    _Unsupported
        For data that is not plain (dates, sets, subclasses), or a collection met twice.
    """
    if type(data) not in (dict, list) or not data:
        return _dump_pure(data)
    events = _Events()
    pieces = _Pieces(libyaml=libyaml)
    if type(data) is list:
        _write_items(data, events, pieces, lambda fit: pieces.open(fit, _SEQUENCE_START))
        return pieces.text()
    events.enter(data)
    for key, value in data.items():
        key_events, key_fits = events.collect(key, key=True)
        if type(value) is list and value and key_fits:

            def start(fit: bool, key_events: list[Any] = key_events) -> None:
                if not pieces.in_mapping(fit):
                    pieces.open(fit, _MAPPING_START)
                pieces.feed(key_events)
                pieces.push(_SEQUENCE_START, _SEQUENCE_END)

            _write_items(value, events, pieces, start)
            continue
        value_events, fit = events.collect(value)
        fit = fit and key_fits
        if not pieces.in_mapping(fit):
            pieces.open(fit, _MAPPING_START)
        pieces.feed(key_events)
        pieces.feed(value_events)
    return pieces.text()


def _write_items(items: list[Any], events: _Events, pieces: _Pieces, start: Callable[[bool], None]) -> None:
    """Write the items of a list, each by the emitter it is for; ``start`` opens the list, for the first."""
    events.enter(items)
    for index, item in enumerate(items):
        item_events, fit = events.collect(item)
        if index == 0:
            start(fit)
        elif fit != pieces.fit:
            pieces.open(fit, _SEQUENCE_START)
        pieces.feed(item_events)
    pieces.pop()


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML that :func:`parse_yaml` reads back unchanged.

    The text is the one PyYAML's pure-Python emitter writes, written by libyaml's emitter
    wherever that writes the same (see the module's documentation).

    Examples
    --------
    >>> print(dump_yaml({"name": "Acme", "roles": [{"id": "ceo", "title": "yes"}]}), end="")
    name: Acme
    roles:
    - id: ceo
      title: 'yes'
    """
    try:
        with paused_gc():  # the events of each text, made once, stay alive to the end: see _gc
            return _dump_events(data, libyaml=_CEmitter is not None)
    except _Unsupported:
        return _dump_pure(data)


# -- positions ----------------------------------------------------------------------------------


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


@attrs.define(eq=False, repr=False)
class Positions:
    """Where each value and each key stood in the source, by path; 1-based lines and columns.

    Paths are written as :func:`join_path` writes them: ``""`` for the document,
    ``roles[3]`` for the fourth role's mapping, ``roles[3].reports_to`` for one of its values.
    The position of a mapping or a list is where it starts: the first key of a block mapping,
    the ``{`` or ``[`` of a flow one.

    :func:`parse_yaml` records the positions in the order it reads them, without a path, and
    the tables by path are made the first time :attr:`values` or :attr:`keys` is asked for:
    a large file read without a problem never needs them (:meth:`find` answers for a few
    paths without them).

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
    >>> positions.find(["roles[0]", "roles[1]", "name"])
    {'roles[0]': (3, 5), 'name': (1, 7)}
    """

    _values: dict[str, tuple[int, int]] = attrs.field(factory=dict, alias="values")
    _keys: dict[str, tuple[int, int]] = attrs.field(factory=dict, alias="keys")
    #: What the builder read, in order, not yet made into the tables (see :class:`_Builder`).
    _log: list[Any] | None = attrs.field(default=None, init=False)

    @property
    def values(self) -> dict[str, tuple[int, int]]:
        """The position of each value, by path."""
        self._settle()
        return self._values

    @property
    def keys(self) -> dict[str, tuple[int, int]]:
        """The position of each mapping key, by the path of its value."""
        self._settle()
        return self._keys

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return (self.values, self.keys) == (other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by content

    def __repr__(self) -> str:
        return f"Positions(values={self.values!r}, keys={self.keys!r})"

    def _settle(self) -> None:
        """Make the tables by path from the log, once."""
        log = self._log
        if log is None:
            return
        self._log = None
        values, keys = self._values, self._keys
        for path, key, entry in _walk(log):
            if key is not None:
                keys[path] = key
            if entry is not None:
                values.setdefault(path, entry)

    def find(self, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
        """The position of the value at each of ``paths`` that has one, in the order of ``paths``.

        The same positions as :attr:`values` gives, without making its table: only the
        collections that hold one of ``paths`` are walked.
        """
        wanted = dict.fromkeys(paths)
        if self._log is None:
            table = self._values
        else:
            within = {""}  # the paths of the collections that hold a wanted path
            for path in wanted:
                cut = len(path)
                while cut > 0:
                    cut = max(path.rfind(".", 0, cut), path.rfind("[", 0, cut))
                    holder = path[: max(cut, 0)]
                    if holder in within:  # and so are the collections that hold it
                        break
                    within.add(holder)
            table = {}
            for path, _, entry in _walk(self._log, within):
                if entry is not None and path in wanted:
                    table.setdefault(path, entry)
        return {path: table[path] for path in wanted if path in table}

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


def _walk(
    log: list[Any], within: set[str] | None = None
) -> Iterator[tuple[str, tuple[int, int] | None, tuple[int, int] | None]]:
    """The paths of a builder's log, in order: each with its key's position and its value's, where read.

    The log holds, in the order the builder read them, for each value its position: a tuple
    ``(line, column)`` for a scalar, a list ``[line, column, end, mapping]`` for a collection,
    where ``end`` is the index in the log after its last value (None while it is read: a build
    refused midway leaves it so); each value of a mapping comes after its key's
    ``(key, line, column)``. With ``within``, only the collections at those paths are walked
    into (the others are given, and skipped).
    """
    size = len(log)
    frames: list[list[Any]] = []  # the open collections: [path, mapping, end, index of the next item]
    index = 0
    while index < size:
        while frames and index >= frames[-1][2]:
            frames.pop()
        key = None
        if not frames:
            path = ""
        elif frames[-1][1]:
            frame = frames[-1]
            name, line, column = log[index]
            path = f"{frame[0]}.{name}" if frame[0] else name
            key = (line, column)
            index += 1
            if index >= frame[2]:  # a key whose value was never read
                yield path, key, None
                continue
        else:
            frame = frames[-1]
            path = f"{frame[0]}[{frame[3]}]"
            frame[3] += 1
        entry = log[index]
        index += 1
        if type(entry) is tuple:
            yield path, key, entry
            continue
        yield path, key, (entry[0], entry[1])
        end = size if entry[2] is None else entry[2]
        if within is None or path in within:
            frames.append([path, entry[3], end, 0])
        else:
            index = end


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

    Text, by far the most of the values, takes a short way: a scalar tagged as text that is not
    double-quoted is its own value (only an escape in double quotes can make a lone surrogate:
    :func:`parse_yaml` refuses one in the text itself). Positions go to a log, in the order
    they are read, as the line and column of marks the composer made anyway: no path is
    written for them, and no table by path made, until :class:`Positions` is asked (see
    :func:`_walk` for the log). Paths are made only for collections and for what has a problem.
    """

    def __init__(self, loader: Any, *, max_depth: int, max_alias_nodes: int, aliases: bool = True) -> None:
        self.loader = loader
        self.aliases = aliases  # whether the text may hold an alias at all (it has an "&" for an anchor)
        self.constructors: dict[str, Any] = loader.yaml_constructors
        self.positions = Positions()
        self.log: list[Any] = []
        self.positions._log = self.log
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
        self.log.append(_pos(node))
        return self.build_scalar(node, path)

    def build_collection(self, node: MappingNode | SequenceNode, path: str, depth: int) -> Any:
        key, alias = id(node), False
        if self.aliases:
            alias = key in self.seen
            if alias and key in self.active:
                raise self.refuse(
                    path,
                    "an alias inside the collection it names: the data would never end",
                    expected="aliases to values written before them, outside them",
                )
        if depth > self.max_depth:
            line, column = _pos(node)
            raise Refusal(depth_problem(self.max_depth, path=path, line=line, column=column))
        if self.aliases:
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
            self.active.add(key)
            self.expanding += alias
        mark = node.start_mark
        entry = [mark.line + 1, mark.column + 1, None, isinstance(node, MappingNode)]
        self.log.append(entry)
        # No need to clean up after a Refusal or a RecursionError: they end the build.
        if isinstance(node, MappingNode):
            result: Any = self.build_mapping(node, path, depth)
        elif node.tag != _SEQ:
            self.problem(node, path, f"YAML tag {echo(node.tag)} is not allowed", expected="plain YAML data")
            result = None
        else:
            result = self.build_sequence(node, path, depth)
        entry[2] = len(self.log)
        if self.aliases:
            self.active.discard(key)
            self.expanding -= alias
        return result

    def build_sequence(self, node: SequenceNode, path: str, depth: int) -> list[Any]:
        result: list[Any] = []
        append, log = result.append, self.log
        items = node.value
        release = not self.aliases  # each node is met once: an item's nodes can go once it is built
        depth += 1
        for index, child in enumerate(items):
            if child.__class__ is ScalarNode:
                mark = child.start_mark
                log.append((mark.line + 1, mark.column + 1))
                if child.tag == _STR and child.style != '"':
                    append(child.value)
                else:
                    append(self.build_scalar(child, f"{path}[{index}]"))
            else:
                append(self.build(child, f"{path}[{index}]", depth))
                if release:
                    items[index] = None  # the memory of a large document's nodes, freed element by element
        return result

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
        log = self.log
        prefix = f"{path}." if path else ""
        depth += 1
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode and key_node.tag == _STR and key_node.style != '"':
                key = key_node.value
            else:
                key = self.odd_key(key_node, path)
                if key is None:
                    continue
            if key in result:
                self.problem(
                    key_node,
                    prefix + key,
                    f"duplicate key {echo(key)} (first given on line {_first_line(node, key)})",
                    expected="each key once per mapping",
                )
                continue
            mark = key_node.start_mark
            log.append((key, mark.line + 1, mark.column + 1))
            if value_node.__class__ is ScalarNode:
                mark = value_node.start_mark
                log.append((mark.line + 1, mark.column + 1))
                if value_node.tag == _STR and value_node.style != '"':
                    result[key] = value_node.value
                else:
                    result[key] = self.build_scalar(value_node, prefix + key)
            else:
                result[key] = self.build(value_node, prefix + key, depth)
        return result

    def odd_key(self, node: Node, path: str) -> str | None:
        """A key that is not plain text: a merge key, a number, a tagged or escaped scalar; None if refused."""
        if node.tag == _MERGE:
            self.problem(node, path, "merge keys ('<<') are not supported", expected="the fields written out")
            return None
        before = len(self.problems)
        key = self.build_scalar(node, path) if isinstance(node, ScalarNode) else None
        if isinstance(key, str):
            return key
        if len(self.problems) == before:  # not refused already (an unreadable or forbidden key)
            self.problem(node, path, "a key must be text", found=echo(key), expected="a field name")
        return None

    def build_scalar(self, node: Node, path: str) -> Any:
        if not isinstance(node, ScalarNode):
            return None
        if node.tag not in {_STR, _INT, _FLOAT, _BOOL, _NULL}:
            self.problem(node, path, f"YAML tag {echo(node.tag)} is not allowed", expected="plain YAML data")
            return None
        if node.tag == _INT:
            digits = int_digits(node.value)
            if digits > MAX_INT_DIGITS:
                line, column = _pos(node)
                self.problems.append(int_too_large(digits, path=path, line=line, column=column))
                return None
        try:
            value = self.constructors[node.tag](self.loader, node)
        except (yaml.YAMLError, ValueError) as exc:
            self.problem(node, path, f"unreadable {_kind(node)}: {clip(str(exc))}", found=echo(node.value))
            return None
        except Exception:  # a constructor's KeyError or TypeError (`!!bool maybe`)
            self.problem(node, path, f"unreadable {_kind(node)}: {echo(node.value)}", found=echo(node.value))
            return None
        if isinstance(value, str) and has_lone_surrogate(value):
            line, column = _pos(node)
            self.problems.append(surrogate_problem(path, value, line=line, column=column))
            return None
        return value


def _kind(node: Node) -> str:
    """What a scalar's tag says it is: ``int``, ``bool``..."""
    return str(node.tag).rsplit(":", 1)[-1]


def _first_line(node: MappingNode, key: str) -> int:
    """The line of the first key of a mapping that reads as ``key`` (only text-tagged scalars read as text)."""
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode) and key_node.tag == _STR and key_node.value == key:
            return int(key_node.start_mark.line) + 1
    return 0  # pragma: no cover - the key was read from one of them


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
        aliases = not isinstance(text, str) or "&" in text  # no anchor, no alias: no collection met twice
        builder = _Builder(loader, max_depth=max_depth, max_alias_nodes=max_alias_nodes, aliases=aliases)
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
