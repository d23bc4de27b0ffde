"""Which clause items a responsibility serves, read from its ``clauses`` list."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["serves"]


def serves(clauses: Iterable[str], number: str, item: str) -> bool:
    """Whether a list of clause ids covers one lettered item of a clause.

    A clause id covers the item when it names it (``"5.3 a"``, ``"5.3 a 1"``) or a range of
    items that includes it (``"5.3 a-e"``). Citing the whole clause (``"5.3"``) does not
    count: the items of a clause are separate duties, and each must be assigned on purpose.

    Examples
    --------
    >>> serves(["5.3 a", "9.3.1"], "5.3", "a")
    True
    >>> serves(["5.3 b-d"], "5.3", "c")
    True
    >>> serves(["5.3"], "5.3", "a"), serves(["5.3.1 a"], "5.3", "a")
    (False, False)
    """
    for clause in clauses:
        head, _, rest = clause.partition(" ")
        if head != number or not rest:
            continue
        token = rest.split(" ", 1)[0]
        low, dash, high = token.partition("-")
        if (dash and low <= item <= high) or (not dash and token == item):
            return True
    return False
