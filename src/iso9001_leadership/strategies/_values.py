"""The building blocks of generated elements: ids, free text, dates, periods, numbers and clause ids."""

from __future__ import annotations

import datetime as dt

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


def element_ids() -> st.SearchStrategy[str]:
    """Valid element ids, including the unusual characters the id pattern allows."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,15}", fullmatch=True)


def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode but surrogates, including newlines and YAML-looking words."""
    plain = st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size)
    text = st.one_of(plain, st.sampled_from(_TRICKY_WORDS))
    return text.filter(lambda s: bool(s.strip())) if min_size else text


def dates() -> st.SearchStrategy[dt.date]:
    """Dates in a plausible range."""
    return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


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
    return st.builds(Period, st.integers(min_value=1, max_value=24), st.sampled_from(PeriodUnit))


def numbers() -> st.SearchStrategy[float]:
    """Finite floats."""
    return st.floats(allow_nan=False, allow_infinity=False, width=64)
