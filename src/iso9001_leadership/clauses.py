"""Clause-id arithmetic: the one home for what a clause id looks like, how ids sort, and how they nest.

A clause id is a clause number with an optional lettered item: ``"5.3"``, ``"5.1.1 a"``,
``"9.3.2 c 1"``, or a range of items, ``"5.3 a-e"``. Requirement ids (``roles.process-outputs``)
are something else: they stay the same across editions; clause ids do not.

Examples
--------
>>> sorted(["5.10", "5.3 a", "5.1.2", "5.3"], key=clause_key)
['5.1.2', '5.3', '5.3 a', '5.10']
>>> clause_within("5.1.1 a", "5.1"), clause_within("5.10", "5.1")
(True, False)
>>> serves(["5.3 a-c"], "5.3", "b"), serves(["5.3"], "5.3", "e")
(True, True)
>>> clause_number("9.3.2 c"), top_clause("9.3.2 c")
('9.3.2', '9')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = [
    "CLAUSE_PATTERN",
    "EDITIONS",
    "ClauseKey",
    "clause_key",
    "clause_number",
    "clause_within",
    "serves",
    "top_clause",
]

#: The editions of ISO 9001 whose clause ids the package knows, oldest first: "2015" is ISO
#: 9001:2015 with Amendment 1:2024, "2026" the 2026 revision.
EDITIONS: tuple[str, ...] = ("2015", "2026")

#: What a clause id looks like: a number, then optionally an item or a range of items.
CLAUSE_PATTERN = re.compile(r"^\d+(\.\d+)*( [a-z](( |-)[a-z0-9]+)?)?$")

_TOKEN = re.compile(r"[0-9]+|[^\W0-9_]+")

#: The sort key of a clause id: its numbers and words, then the text itself as the tie-break.
ClauseKey = tuple[tuple[tuple[int, int, str], ...], str]


@functools.lru_cache(maxsize=4096)
def clause_key(clause: str) -> ClauseKey:
    """The natural sort key of a clause id: numbers compare as numbers, words as words.

    Punctuation and spaces only separate parts, numbers sort before words, and a clause sorts
    before its own items. Two different ids never get equal keys, so the order is total.

    Examples
    --------
    >>> sorted(["5.10", "5.1.2", "5.1.1 b", "5.3", "4.4.1", "5.1.1 a", "5.3 a"], key=clause_key)
    ['4.4.1', '5.1.1 a', '5.1.1 b', '5.1.2', '5.3', '5.3 a', '5.10']
    """
    parts = tuple(
        (0, int(token), "") if "0" <= token[0] <= "9" else (1, 0, token.casefold()) for token in _TOKEN.findall(clause)
    )
    return parts, clause


def clause_within(clause: str, prefix: str) -> bool:
    """Whether ``clause`` is ``prefix`` or one of its sub-clauses or items (``5.1`` holds ``5.1.1 a``, not ``5.10``)."""
    head = clause_key(prefix)[0]
    return clause_key(clause)[0][: len(head)] == head


def clause_number(clause: str) -> str:
    """The clause number without its item: ``"5.3"`` of ``"5.3 b"``."""
    return clause.split(" ", 1)[0]


def top_clause(clause: str) -> str:
    """The top-level clause of a clause id (``"5"`` of ``"5.1.1 a"``); a non-numeric id's first word as it is."""
    number = clause_number(clause)
    head = number.split(".", 1)[0]
    return head if head.isdigit() else number


def serves(clauses: Iterable[str], number: str, item: str) -> bool:
    """Whether a list of clause ids covers one lettered item of a clause.

    A clause id covers the item when it names it (``"5.3 a"``, ``"5.3 a 1"``), a range of
    items that includes it (``"5.3 a-e"``), or the whole clause (``"5.3"`` covers each of
    5.3 a-e: a responsibility recording the duties of 5.3 as one covers them all). A
    sub-clause (``"5.3.1 a"``) or another clause's parent (``"5"`` for 5.3 a) does not count.

    Parameters
    ----------
    clauses
        The clause ids cited, such as a responsibility's ``clauses``.
    number
        The clause number, without item: ``"5.3"``.
    item
        The lettered item: ``"a"``.

    Examples
    --------
    >>> serves(["5.3 a", "9.3.1"], "5.3", "a")
    True
    >>> serves(["5.3 b-d"], "5.3", "c"), serves(["5.3 b-d"], "5.3", "a")
    (True, False)
    >>> serves(["5.3"], "5.3", "a"), serves(["5"], "5.3", "a"), serves(["5.3.1 a"], "5.3", "a")
    (True, False, False)
    """
    for clause in clauses:
        head, _, rest = clause.partition(" ")
        if head != number:
            continue
        if not rest:
            return True
        token = rest.split(" ", 1)[0]
        low, dash, high = token.partition("-")
        if (dash and low <= item <= high) or (not dash and token == item):
            return True
    return False
