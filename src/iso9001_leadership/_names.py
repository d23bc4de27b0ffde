"""Names on the ground floor: the id pattern, close-match suggestions, the one "did you mean".

Every stage that names things (ids, requirement ids, formats, gap kinds, settings) and every
message that offers a likely correction uses these helpers, so the pattern, the wording of a
suggestion and the way a user's value is echoed are the same everywhere.

Examples
--------
>>> suggest("titel", ["title", "name"])
'title'
>>> "unknown field 'titel'" + did_you_mean("titel", ["title", "name"])
"unknown field 'titel'; did you mean 'title'?"
>>> "unknown format 'mdown'" + did_you_mean("mdown", ["markdown"], parenthesized=True)
"unknown format 'mdown' (did you mean 'markdown'?)"
>>> plural(1, "process", "processes"), plural(3, "role")
('1 process', '3 roles')
>>> echo("x" * 1_000_000, limit=20)
"'xxxxxxxxxxxxxxxxxxxx… (1000000 characters)"
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ECHO_LIMIT",
    "ID_PATTERN",
    "ID_SCHEMA_PATTERN",
    "PLACEHOLDERS",
    "SUGGEST_CUTOFF",
    "SUGGEST_REACH",
    "Suggester",
    "clip",
    "did_you_mean",
    "digits",
    "echo",
    "join_ids",
    "meaningful",
    "offer",
    "plural",
    "quote",
    "suggest",
    "to_tuple",
]

#: What an element id may look like: letters, digits and ``. _ : / -``, starting with a letter or
#: digit, at most 200 characters, and nothing after them (``\Z``: not even a newline, which
#: ``$`` would let through). Within one organization ids are unique, and two ids may not differ
#: only in case either (``CEO`` beside ``ceo`` is refused like a duplicate), so that no two
#: elements are told apart by case alone.
ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}\Z")

#: :data:`ID_PATTERN` as JSON Schema and the documentation write it: ECMA-262 regular expressions
#: know no ``\A`` or ``\Z``, and their ``$`` (without the multiline flag) matches only at the
#: very end, so this is the same rule for a JSON Schema validator. Not for Python's :mod:`re`,
#: whose ``$`` also matches before a final newline: match ids with :data:`ID_PATTERN`.
ID_SCHEMA_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"

#: How many characters of a user's value a message echoes (see :func:`echo`).
ECHO_LIMIT = 80

#: How close a candidate must be to be offered (:func:`difflib.get_close_matches`'s cutoff).
SUGGEST_CUTOFF = 0.6

#: How many neighbours on each side, in sorted and in reverse-sorted order, a :class:`Suggester`
#: compares with the word when it has too many candidates to compare them all.
SUGGEST_REACH = 32

#: Up to this many candidates a :class:`Suggester` compares the word with every one of them.
_FULL_SCAN = 4 * SUGGEST_REACH


def clip(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, saying how long the whole was.

    >>> clip("short"), clip("abcdef", 3)
    ('short', 'abc… (6 characters)')
    """
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A user's value as messages show it: its ``repr``, cut to about ``limit`` characters.

    The one way problems and errors echo what they were given, so a megabyte of bad id gives a
    line of message, not a megabyte. A long string shows its beginning and says how many
    characters it has; an integer too long to write out (Python refuses more than 4,300 digits)
    says how many digits it has. The result is never much longer than ``limit`` (the note on
    the length aside), and echoing never raises.

    >>> echo("ceo"), echo(3), echo(float("nan"))
    ("'ceo'", '3', 'nan')
    >>> echo("ab" * 50, 6)
    "'ababab… (100 characters)"
    >>> echo(10**5000)
    'an integer of 5001 digits'
    """
    if isinstance(value, str):
        text = repr(value[: limit + 1])
        if len(value) <= limit and len(text) <= limit + 2:
            return text
        return f"{text[: limit + 1]}… ({len(value)} characters)"
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            text = repr(value)
        except ValueError:  # more digits than int's string conversion allows
            return f"an integer of {digits(value)} digits"
        return text if len(text) <= limit else f"{text[:limit]}… ({digits(value)} digits)"
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the problem being reported
        return f"<{type(value).__name__}>"
    return clip(text, limit)


def digits(value: int) -> int:
    """The number of decimal digits of an integer, without writing it out (Python refuses past 4,300).

    >>> digits(0), digits(-999), digits(10**5000)
    (1, 3, 5001)
    """
    magnitude = abs(value)
    if magnitude == 0:
        return 1
    # An estimate from the bits, exact or one off, then set right (a power of ten costs far less
    # than writing the number out).
    count = int((magnitude.bit_length() - 1) * math.log10(2)) + 1
    if magnitude >= 10**count:
        return count + 1
    return count if magnitude >= 10 ** (count - 1) else count - 1


class Suggester:
    """Close-match suggestions among a fixed set of candidates, each in bounded time.

    Build one for many look-ups among the same candidates (the ids of one kind in an
    organization): building sorts the candidates once, and each suggestion then costs about
    the same however many candidates there are. A suggestion is, in this order:

    1. the word itself, when it is a candidate;
    2. the first candidate equal to it ignoring case (``CEO`` for ``ceo``);
    3. the closest candidate by :func:`difflib.get_close_matches` (cutoff
       :data:`SUGGEST_CUTOFF`). With up to ``4 * SUGGEST_REACH`` candidates every one is
       compared; with more, only the :data:`SUGGEST_REACH` neighbours on each side of the word
       in sorted order (candidates sharing its beginning) and in the order of the reversed
       strings (candidates sharing its end), and only those whose length leaves them a chance
       to reach the cutoff. A typo is rarely at both ends of a word, so the right candidate is
       almost always among them.

    Examples
    --------
    >>> roles = Suggester(f"role-{i:05d}" for i in range(100_000))
    >>> roles("rle-00042"), roles("role-00042x"), roles("ROLE-00042"), roles("sales")
    ('role-00042', 'role-00042', 'role-00042', None)
    """

    def __init__(self, candidates: Iterable[str], *, cutoff: float = SUGGEST_CUTOFF) -> None:
        unique = list(dict.fromkeys(c for c in candidates if isinstance(c, str)))
        self._cutoff = cutoff
        self._all = frozenset(unique)
        self._folded: dict[str, str] = {}
        for candidate in unique:
            self._folded.setdefault(candidate.casefold(), candidate)
        self._scan = unique if len(unique) <= _FULL_SCAN else None
        self._forward = sorted(unique)
        self._backward = sorted(c[::-1] for c in unique)
        self._longest = max(map(len, unique), default=0)

    def __len__(self) -> int:
        return len(self._all)

    def __call__(self, word: object) -> str | None:
        """The candidate closest to ``word``, if any is close enough to be a likely typo."""
        if not isinstance(word, str) or not self._all:
            return None
        if word in self._all:
            return word
        # No candidate is long enough to reach the cutoff: 2·len(c) / (len(c) + len(word)) < cutoff.
        if self._longest * (2 - self._cutoff) < self._cutoff * len(word):
            return None
        same = self._folded.get(word.casefold())
        if same is not None:
            return same
        pool = self._scan if self._scan is not None else self._neighbours(word)
        matches = difflib.get_close_matches(word, pool, n=1, cutoff=self._cutoff)
        return matches[0] if matches else None

    def _neighbours(self, word: str) -> list[str]:
        low = self._cutoff * len(word) / (2 - self._cutoff)
        high = (2 - self._cutoff) * len(word) / self._cutoff
        found: dict[str, None] = {}
        for ordered, key, turn in ((self._forward, word, False), (self._backward, word[::-1], True)):
            at = bisect.bisect_left(ordered, key)
            for candidate in ordered[max(0, at - SUGGEST_REACH) : at + SUGGEST_REACH]:
                if low <= len(candidate) <= high:
                    found[candidate[::-1] if turn else candidate] = None
        return list(found)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough to be a likely typo.

    One look-up: for many among the same candidates, build a :class:`Suggester` once.

    >>> suggest("ceo", ["CEO", "cfo"]), suggest("x" * 10_000, ["ceo"])
    ('CEO', None)
    """
    return Suggester(candidates)(word)


def did_you_mean(word: object, candidates: Iterable[str], *, parenthesized: bool = False) -> str:
    """The suffix that offers the closest candidate to ``word``, or ``""`` when none is close.

    ``"; did you mean 'x'?"`` by default, ``" (did you mean 'x'?)"`` with ``parenthesized``
    (for messages that go on after the suggestion). A candidate equal to ``word`` is not offered.
    """
    text = str(word)
    hint = suggest(text, candidates)
    return offer(None if hint == text else hint, parenthesized=parenthesized)


def offer(hint: str | None, *, parenthesized: bool = False) -> str:
    """The "did you mean" suffix for a suggestion already found (``""`` for none).

    >>> offer("title"), offer(None)
    ("; did you mean 'title'?", '')
    """
    if hint is None:
        return ""
    return f" (did you mean {echo(hint)}?)" if parenthesized else f"; did you mean {echo(hint)}?"


#: Values that stand in for an answer without giving one.
PLACEHOLDERS: frozenset[str] = frozenset(
    {"-", "--", "x", "xx", "xxx", "n/a", "na", "n.a.", "none", "tbd", "tba", "todo", "to do", "?", "...", "\u2026"}
)


def meaningful(text: str | None) -> bool:
    """Whether a text field says something: not empty, not a placeholder, not a lone letter or sign.

    A lone digit is a real answer (version ``3``).

    >>> [meaningful(t) for t in ("", "x", "N/A", "tbd", "-", "3", "v1", "Rev. 3")]
    [False, False, False, False, False, True, True, True]
    """
    if text is None:
        return False
    stripped = text.strip()
    if len(stripped) == 1:
        return stripped.isdigit()
    return bool(stripped) and stripped.casefold() not in PLACEHOLDERS


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 process``, ``2 processes``: the count with the noun in the right number."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def quote(element_id: str) -> str:
    """An id as it appears in reasons and fixes: ``'sales'``."""
    return f"'{element_id}'"


def join_ids(ids: Iterable[str]) -> str:
    """Quoted ids joined the way a sentence lists them: ``'a', 'b' and 'c'``."""
    quoted = [quote(i) for i in ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable (a list from Python code) as a tuple; a lone string is refused, not split into letters.

    The converter of every tuple field of the package: model fields, findings, gaps, requirements.

    >>> to_tuple(["a", "b"])
    ('a', 'b')
    >>> to_tuple("ab")
    Traceback (most recent call last):
    ...
    TypeError: expected a list of ids or values, not the string 'ab'
    """
    if type(values) is tuple:  # what the readers give: kept as it is
        return values
    if isinstance(values, str | bytes):
        msg = f"expected a list of ids or values, not the string {values!r}"
        raise TypeError(msg)
    return tuple(values)
