"""Names on the ground floor: the id pattern, close-match suggestions, the one "did you mean".

Every stage that names things (ids, requirement ids, formats, gap kinds, settings) and every
message that offers a likely correction uses these helpers, so the pattern and the wording of a
suggestion are the same everywhere.

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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ID_PATTERN",
    "PLACEHOLDERS",
    "did_you_mean",
    "join_ids",
    "meaningful",
    "offer",
    "plural",
    "quote",
    "suggest",
    "to_tuple",
]

#: What an element id may look like: letters, digits and ``. _ : / -``, starting with a letter or
#: digit, at most 200 characters.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$")


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


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
    return f" (did you mean {hint!r}?)" if parenthesized else f"; did you mean {hint!r}?"


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
    if isinstance(values, str | bytes):
        msg = f"expected a list of ids or values, not the string {values!r}"
        raise TypeError(msg)
    return tuple(values)
