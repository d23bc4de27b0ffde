"""Strict JSON: duplicate keys, NaN and Infinity refused, the limits of :mod:`._limits` held.

:func:`json.loads` keeps the last of two equal keys, reads ``NaN`` and ``Infinity``, turns an
integer of thousands of digits into a number that cannot be printed, recurses once per level
of nesting and lets ``"\\ud800"`` through as a lone surrogate. :func:`parse_json` refuses each,
with the line and column where the text can tell it, and never lets an exception out.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

from iso9001_leadership._names import echo
from iso9001_leadership.exceptions import Problem

from ._limits import (
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
from ._yaml import Positions, join_path

__all__ = ["parse_json"]

# A string (to the end of the text if it is never closed, so a scan never starts over) or a bracket.
_STRING = r'"[^"\\]*(?:\\.?[^"\\]*)*"?'
_BRACKETS = re.compile(rf"{_STRING}|[\[\]{{}}]", re.DOTALL)
# A string, a constant JSON does not allow, or a number.
_VALUES = re.compile(
    rf"{_STRING}|(?P<constant>-?Infinity|NaN)|(?P<number>-?\d+(?P<fraction>\.\d+)?(?P<exponent>[eE][-+]?\d+)?)",
    re.DOTALL,
)
# Inside strings: a valid surrogate pair, a lone surrogate, or another escape.
_ESCAPES = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|(?P<lone>\\u[dD][89a-fA-F][0-9a-fA-F]{2})|\\.",
    re.DOTALL,
)
_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class _Pairs(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice."""

    __slots__ = ("duplicates",)

    duplicates: list[str]


class _RefusedTokenError(ValueError):
    """A token JSON must not hold (raised inside :func:`json.loads`, found again by :func:`_locate_value`)."""


def _pairs(items: list[tuple[str, Any]]) -> _Pairs:
    """An object with a key given twice, as a :class:`_Pairs` that says which (the first value wins)."""
    pairs = _Pairs()
    pairs.duplicates = []
    for key, val in items:
        if key in pairs:
            pairs.duplicates.append(key)
            continue
        pairs[key] = val
    return pairs


def _constant(name: str) -> Any:
    msg = f"{name} is not a number JSON allows"
    raise _RefusedTokenError(msg)


def _integer(text: str) -> int:
    if int_digits(text) > MAX_INT_DIGITS:
        raise _RefusedTokenError(text)
    return int(text)


#: Every byte but the five that shape a document once escapes are gone: the quote and the brackets.
_NOT_SHAPE = bytes(b for b in range(256) if b not in b'"[]{}')
_QUOTED = re.compile(rb'(?:"[^"]*")+')
_INNERMOST = re.compile(rb"[\[{][\]}]")


def _shallow(text: str, max_depth: int) -> bool:
    """Whether no bracket outside strings is opened deeper than ``max_depth`` levels: a quick test.

    Exact for valid JSON, and fast for text of any size. Escaped backslashes and quotes are
    dropped, then every byte but quotes and brackets; the strings are then pairs of quotes,
    empty unless a string holds a bracket. When each run of quotes is of even length, no string
    holds a bracket and the quotes simply go; otherwise a regular expression takes the strings
    out. Each pass of the regular expression engine then removes the innermost pairs of
    brackets: as many passes as the text is deep. ``False`` means "maybe deep":
    :func:`_too_deep` then looks closely. On text that is not JSON the answer may be wrong
    either way, and the parser refuses that text anyway.
    """
    shape = _shape(text)
    brackets = shape.replace(b'""', b"")
    if b'"' in brackets:
        brackets = _QUOTED.sub(b"", shape)
    for _ in range(max_depth):
        if not brackets:
            return True
        brackets, removed = _INNERMOST.subn(b"", brackets)
        if not removed:
            return False
    return not brackets


#: How much of the text :func:`_shape` encodes at a time: the quick test never holds a second
#: copy of a large document.
_CHUNK = 1 << 20


def _shape(text: str) -> bytes:
    """The quotes and brackets of ``text`` that are not escaped, in order, read a chunk at a time.

    A chunk never ends inside a run of backslashes, so that each escape is read whole.
    """
    parts = []
    start, end = 0, len(text)
    while start < end:
        stop = min(start + _CHUNK, end)
        while stop < end and text[stop - 1] == "\\":
            stop += 1
        chunk = text[start:stop].encode("utf-8", "surrogatepass")
        if b"\\" in chunk:
            chunk = chunk.replace(b"\\\\", b"").replace(b'\\"', b"")
        parts.append(chunk.translate(None, _NOT_SHAPE))
        start = stop
    return b"".join(parts)


def _too_deep(text: str, max_depth: int) -> int | None:
    """The offset of the first bracket opened deeper than ``max_depth`` levels, found without recursion."""
    if text.count("[") + text.count("{") <= max_depth or _shallow(text, max_depth):
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def _locate_value(text: str) -> tuple[int | None, int | None]:
    """Where the first NaN, Infinity or over-long integer outside strings stands."""
    for match in _VALUES.finditer(text):
        if match["constant"] or (
            match["number"]
            and not match["fraction"]
            and not match["exponent"]
            and int_digits(match["number"]) > MAX_INT_DIGITS
        ):
            return position(text, match.start())
    return None, None


def _locate_surrogate(text: str) -> tuple[int | None, int | None]:
    """Where the first ``\\ud800``-style escape of a lone surrogate stands."""
    for match in _ESCAPES.finditer(text):
        if match["lone"]:
            return position(text, match.start())
    return None, None


def parse_json(text: str, *, max_depth: int = MAX_DEPTH) -> tuple[Any, list[Problem]]:
    """Parse JSON text into plain data and the problems found (data ``None`` when it cannot be read).

    Examples
    --------
    >>> parse_json('{"name": "Acme", "name": "Other"}')[1][0].message
    "duplicate key 'name'"
    >>> print(parse_json('{"name": "Acme",\\n "scope": NaN}')[1][0])
    line 2, column 11: <document>: not valid JSON: NaN is not a number JSON allows
    """
    try:
        text = check_text(text)
    except Refusal as exc:
        return None, [exc.problem]
    deep = _too_deep(text, max_depth)
    if deep is not None:
        line, column = position(text, deep)
        return None, [depth_problem(max_depth, line=line, column=column)]
    duplicated: list[bool] = []

    def objects(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) == len(items):
            return result
        duplicated.append(True)
        return _pairs(items)

    try:
        data = json.loads(text, object_pairs_hook=objects, parse_constant=_constant, parse_int=_integer)
    except json.JSONDecodeError as exc:
        return None, [Problem("", f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)]
    except _RefusedTokenError as exc:
        at_line, at_column = _locate_value(text)
        if str(exc).endswith("JSON allows"):
            return None, [Problem("", f"not valid JSON: {exc}", line=at_line, column=at_column)]
        return None, [int_too_large(int_digits(str(exc)), line=at_line, column=at_column)]
    except RecursionError:
        return None, [depth_problem(max_depth)]
    except (ValueError, TypeError) as exc:
        return None, [Problem("", f"not valid JSON: {exc}")]
    problems: list[Problem] = []
    surrogates: list[Problem] = []
    # Raw surrogates were refused above: only an escape can make one, so most texts need no look.
    check_strings = _MAYBE_SURROGATE.search(text) is not None
    if not check_strings and not duplicated:
        return data, problems

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if isinstance(node, _Pairs):
                problems.extend(
                    Problem(join_path(path, key), f"duplicate key {echo(key)}", expected="each key once per object")
                    for key in node.duplicates
                )
            for key, val in node.items():
                if check_strings and has_lone_surrogate(key):
                    # The key goes into the path escaped: a path is printed, and must be text.
                    safe = key.encode("utf-8", "backslashreplace").decode("utf-8")
                    surrogates.append(surrogate_problem(join_path(path, safe), key))
                    continue
                walk(val, join_path(path, key))
        elif isinstance(node, list):
            for index, val in enumerate(node):
                walk(val, join_path(path, index))
        elif check_strings and isinstance(node, str) and has_lone_surrogate(node):
            surrogates.append(surrogate_problem(path, node))

    walk(data, "")
    if surrogates:
        at_line, at_column = _locate_surrogate(text)
        first = surrogates[0]
        return None, [Problem(first.path, first.message, expected=first.expected, line=at_line, column=at_column)]
    return data, problems


#: The tokens of JSON text: a string, a punctuation mark, or a literal or number.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def json_positions(text: str) -> Positions:
    """Where each value and each key of JSON text stands, by path, as :func:`parse_yaml` gives for YAML.

    The JSON parser keeps no positions, so a document read without a problem never pays for
    them: this scan is made only to place the problems of a document that has some. Paths are
    those of :func:`join_path`; a key given twice is placed where it is repeated. Text that is
    not JSON gives what could be placed before it went wrong.

    Examples
    --------
    >>> positions = json_positions('{"name": "Acme",\\n "roles": [\\n  {"id": "ceo", "titel": "CEO"}\\n ]\\n}')
    >>> positions.values["roles[0]"], positions.keys["roles[0].titel"], positions.values["name"]
    ((3, 3), (3, 17), (1, 10))
    """
    values: dict[str, tuple[int, int]] = {}
    keys: dict[str, tuple[int, int]] = {}
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))

    def where(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    # Each open container: [path, is_object, the path of the value to come (object) or its index (list)].
    stack: list[list[Any]] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == ",":
            if stack and not stack[-1][1]:
                stack[-1][2] += 1
            continue
        if first == ":":
            continue
        if first in "}]":
            if stack:
                stack.pop()
            continue
        top = stack[-1] if stack else None
        if top is not None and top[1] and top[2] is None:  # a key
            try:
                key = token[1:-1] if "\\" not in token else json.loads(token)
            except ValueError:
                break
            child = join_path(top[0], key)
            top[2] = child
            keys[child] = where(match.start())
            continue
        if top is None:
            path = ""
        elif top[1]:
            path, top[2] = top[2], None
        else:
            path = join_path(top[0], top[2])
        values.setdefault(path, where(match.start()))
        if first == "{":
            stack.append([path, True, None])
        elif first == "[":
            stack.append([path, False, 0])
    return Positions(values=values, keys=keys)
