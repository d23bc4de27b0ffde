"""The building blocks of generated elements: ids, free text, dates, periods, numbers and clause ids."""

from __future__ import annotations

import datetime as dt
import functools
import string

from hypothesis import strategies as st

from iso9001_leadership.model import Period, PeriodUnit

__all__ = ["CLAUSE_IDS", "dates", "element_ids", "numbers", "periods", "texts"]

#: Clause ids the generated responsibilities cite.
CLAUSE_IDS: tuple[str, ...] = (
    "4.4.1",
    "5.1.1 a",
    "5.1.1 c",
    "5.1.2 a",
    "5.2.2 b",
    "5.3",
    "5.3 a",
    "5.3 b",
    "5.3 c",
    "5.3 d",
    "5.3 e",
    "6.1.2 b 1",
    "6.2.2",
    "7.4",
    "9.3.1",
)

#: Words a YAML reader would take for something other than text, unless they are quoted.
_TRICKY_WORDS = ("yes", "no", "null", "~", "true", "0o17", "1e5", "2024-01-01", "- item", "a: b", "#x")


#: What an id may start with, and what may follow (the id pattern, ``[A-Za-z0-9][A-Za-z0-9._:/-]*``).
_ID_START = string.ascii_letters + string.digits
_ID_REST = _ID_START + "._:/-"

# Built once: one character and one string per id, with no regex and no filter to satisfy.
_ID_HEADS = st.sampled_from(_ID_START)
_ID_TAILS = st.text(_ID_REST, max_size=15)
_ELEMENT_IDS = st.tuples(_ID_HEADS, _ID_TAILS).map("".join)
_CHARACTERS = st.characters(exclude_categories=["Cs"])


def element_ids() -> st.SearchStrategy[str]:
    """Valid element ids of 1 to 16 characters, including the unusual characters the id pattern allows.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(element_ids(), lambda i: ":" in i and "/" in i)
    'a:/'
    """
    return _ELEMENT_IDS


def _not_blank(text: str) -> str:
    """``text``, or, if it is all whitespace, the same with its last character made visible."""
    return text if text.strip() else f"{text[:-1]}x"


def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode but surrogates, including newlines and YAML-looking words.

    With ``min_size`` of 1 or more, every text has something besides whitespace (it is built so,
    not filtered). The YAML-looking words (``yes``, ``null``, ``1e5``...) are drawn only where they
    fit between ``min_size`` and ``max_size``.

    Examples
    --------
    >>> from hypothesis import find, given, settings
    >>> @settings(max_examples=20)
    ... @given(texts(min_size=1, max_size=5))
    ... def test_short_and_not_blank(text):
    ...     assert text.strip() and len(text) <= 5
    >>> test_short_and_not_blank()
    >>> find(texts(), lambda text: text == "yes")
    'yes'
    """
    return _texts(min_size, max_size)


@functools.lru_cache(maxsize=64)
def _texts(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    text = st.text(_CHARACTERS, min_size=min_size, max_size=max_size)
    if min_size:
        text = text.map(_not_blank)
    tricky = [word for word in _TRICKY_WORDS if min_size <= len(word) <= max_size]
    return st.one_of(text, st.sampled_from(tricky)) if tricky else text


def dates() -> st.SearchStrategy[dt.date]:
    """Dates in a plausible range, 2000 to 2040."""
    return _DATES


def periods() -> st.SearchStrategy[Period]:
    """Periods of 1 to 24 days, weeks, months or years, the counts plans state.

    Examples
    --------
    >>> from hypothesis import find
    >>> from iso9001_leadership.model import PeriodUnit
    >>> find(periods(), lambda period: period.unit is PeriodUnit.YEAR)
    Period(count=1, unit=<PeriodUnit.YEAR: 'year'>)
    >>> find(periods(), lambda period: period.count > 12).count
    13
    """
    return _PERIODS


def numbers() -> st.SearchStrategy[float]:
    """Finite floats."""
    return _NUMBERS


_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
_PERIODS = st.builds(Period, st.integers(min_value=1, max_value=24), st.sampled_from(PeriodUnit))
_NUMBERS = st.floats(allow_nan=False, allow_infinity=False, width=64)
