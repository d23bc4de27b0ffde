"""The limits every organization file is held to, and the checks of raw bytes and text the readers share.

A file is refused, with one problem that says why, before it can cost much: when it is larger
than :data:`MAX_BYTES`, nested deeper than :data:`MAX_DEPTH`, repeats more than
:data:`MAX_ALIAS_NODES` values through YAML aliases, or writes a whole number of more than
:data:`MAX_INT_DIGITS` digits. Bytes must be UTF-8 (a leading UTF-8 byte order mark is
dropped), and no text may hold a lone surrogate (a code point that cannot be written back out).
"""

from __future__ import annotations

import codecs
import re

from iso9001_leadership.exceptions import Problem

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "Refusal",
    "check_text",
    "decode",
    "depth_problem",
    "has_lone_surrogate",
    "int_digits",
    "int_too_large",
    "position",
    "size_problem",
    "surrogate_problem",
]

#: The largest file (in bytes) or text (in characters) :func:`~iso9001_leadership.io.load` and
#: :func:`~iso9001_leadership.io.loads` read unless given ``max_bytes=``: 50 MB.
MAX_BYTES = 50_000_000

#: The deepest nesting of mappings and lists a document may have (the document itself is level 1).
MAX_DEPTH = 100

#: The most values YAML aliases may repeat in one document, summed over every alias (each alias
#: counts every value it stands for, nested ones included): a guard against alias bombs.
MAX_ALIAS_NODES = 100_000

#: The most digits a whole number may have.
MAX_INT_DIGITS = 100

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Refusal(Exception):  # noqa: N818 -- internal: never leaves the io package
    """One problem that ends the reading of a document at once (the readers turn it into a LoadError)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in ``text``.

    Examples
    --------
    >>> position("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column


def size_problem(size: int | None, limit: int, *, unit: str = "bytes") -> Problem:
    """The problem of a file or text larger than the limit (``size`` is None when only "more" is known)."""
    found = f"more than {limit:,} {unit}" if size is None else f"{size:,} {unit}"
    return Problem(
        "",
        f"too large to read: {found}, and the limit is {limit:,} {unit}",
        expected=f"at most {limit:,} {unit} (pass max_bytes= to load() or loads() to raise the limit)",
    )


def decode(data: bytes) -> str:
    """UTF-8 bytes as text, without a leading byte order mark; a :class:`Refusal` for anything else.

    Examples
    --------
    >>> decode(codecs.BOM_UTF8 + b"name: Acme")
    'name: Acme'
    >>> try:
    ...     decode(b"name: Acme\\nscope: \\xff\\n")
    ... except Refusal as exc:
    ...     print(exc.problem)
    line 2, column 8: <document>: the file is not UTF-8 text: invalid start byte (byte 0xff); expected UTF-8 text
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Refusal(
            Problem(
                "",
                "the file is not UTF-8 text: it starts with a UTF-16 (or UTF-32) byte order mark",
                expected="UTF-8 text (save the file as UTF-8)",
                line=1,
                column=1,
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = len(data[data.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", "replace")) + 1
        bad = " ".join(f"0x{byte:02x}" for byte in data[start : max(exc.end, start + 1)][:4])
        problem = Problem(
            "",
            f"the file is not UTF-8 text: {exc.reason} (byte {bad})",
            expected="UTF-8 text",
            line=line,
            column=column,
        )
        raise Refusal(problem) from None


_CHUNK = 1 << 20


def check_text(text: str) -> str:
    """The text without a leading byte order mark; a :class:`Refusal` if it holds a lone surrogate.

    A lone surrogate (``\\ud800``, from a Python string or a JSON escape) is not a character:
    it cannot be written to a UTF-8 file, so an organization holding one could never be saved.

    Examples
    --------
    >>> check_text("\\ufeffname: Acme")
    'name: Acme'
    >>> try:
    ...     check_text("name: Acme\\nscope: \\ud800\\n")
    ... except Refusal as exc:
    ...     print(exc.problem.message, exc.problem.line, exc.problem.column)
    text holds a lone surrogate (U+D800), which is not a character and cannot be written out 2 8
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    match = None
    if not text.isascii():  # known without a look: Python keeps whether a string is ASCII
        # The encoder fails at the first lone surrogate, the one thing UTF-8 cannot encode; a
        # megabyte at a time, so that a large document is never held twice.
        for start in range(0, len(text), _CHUNK):
            try:
                text[start : start + _CHUNK].encode("utf-8")
            except UnicodeEncodeError as exc:
                match = _LONE_SURROGATE.search(text, start + exc.start)
                break
    if match is not None:
        line, column = position(text, match.start())
        raise Refusal(surrogate_problem("", match.group(), line=line, column=column))
    return text


def surrogate_problem(path: str, text: str, *, line: int | None = None, column: int | None = None) -> Problem:
    """The problem of text holding a lone surrogate (the first one in ``text`` is named)."""
    match = _LONE_SURROGATE.search(text)
    code = f"U+{ord(match.group()):04X}" if match else "a surrogate"
    return Problem(
        path,
        f"text holds a lone surrogate ({code}), which is not a character and cannot be written out",
        expected="text of real characters (UTF-8)",
        line=line,
        column=column,
    )


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (a Python string never holds a valid pair)."""
    return _LONE_SURROGATE.search(text) is not None


def int_too_large(digits: int, *, path: str = "", line: int | None = None, column: int | None = None) -> Problem:
    """The problem of a whole number of more than :data:`MAX_INT_DIGITS` digits."""
    return Problem(
        path,
        f"a number too large: {digits:,} digits, and the limit is {MAX_INT_DIGITS}",
        expected=f"a whole number of at most {MAX_INT_DIGITS} digits (quote it if it is text)",
        line=line,
        column=column,
    )


def int_digits(literal: str) -> int:
    """The digits of an integer literal, without its sign and its ``0x``/``0o`` prefix.

    Examples
    --------
    >>> int_digits("-0x1F"), int_digits("+120")
    (2, 3)
    """
    body = literal.strip().lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        body = body[2:]
    return len(body)


def depth_problem(limit: int, *, path: str = "", line: int | None = None, column: int | None = None) -> Problem:
    """The problem of a document nested deeper than ``limit`` levels."""
    return Problem(
        path,
        f"the document is nested deeper than {limit} levels",
        expected=f"mappings and lists nested at most {limit} levels deep",
        line=line,
        column=column,
    )
