"""How often something is planned to happen: a count of days, weeks, months or years.

A :class:`Period` is written in files as text: ``6 months``, ``every 2 weeks``, ``quarterly``,
``annually`` or an ISO 8601 duration with one part (``P6M``, ``P1Y``, ``P2W``, ``P30D``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from typing import ClassVar

import attrs

__all__ = ["Period", "PeriodUnit"]


class PeriodUnit(enum.Enum):
    """The unit a :class:`Period` counts in."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


#: Approximate days in one unit, for grace periods and comparisons (never for calendar arithmetic).
_DAYS = {PeriodUnit.DAY: 1.0, PeriodUnit.WEEK: 7.0, PeriodUnit.MONTH: 365.25 / 12, PeriodUnit.YEAR: 365.25}

_WORDS: dict[str, tuple[int, PeriodUnit]] = {
    "daily": (1, PeriodUnit.DAY),
    "weekly": (1, PeriodUnit.WEEK),
    "fortnightly": (2, PeriodUnit.WEEK),
    "monthly": (1, PeriodUnit.MONTH),
    "quarterly": (3, PeriodUnit.MONTH),
    "half-yearly": (6, PeriodUnit.MONTH),
    "half yearly": (6, PeriodUnit.MONTH),
    "semi-annually": (6, PeriodUnit.MONTH),
    "semi-annual": (6, PeriodUnit.MONTH),
    "semiannually": (6, PeriodUnit.MONTH),
    "biannually": (6, PeriodUnit.MONTH),
    "twice a year": (6, PeriodUnit.MONTH),
    "twice yearly": (6, PeriodUnit.MONTH),
    "annually": (1, PeriodUnit.YEAR),
    "annual": (1, PeriodUnit.YEAR),
    "yearly": (1, PeriodUnit.YEAR),
    "biennially": (2, PeriodUnit.YEAR),
}

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_UNITS = {
    "day": PeriodUnit.DAY,
    "week": PeriodUnit.WEEK,
    "month": PeriodUnit.MONTH,
    "year": PeriodUnit.YEAR,
}

_COUNTED = re.compile(r"^(?:every|each|once (?:a|per|every))?\s*(?:(\d{1,4}|[a-z]+)\s+)?(day|week|month|year)s?$")
_TIMES_A_YEAR = re.compile(r"^(\d{1,2}|[a-z]+) times (?:a|per) year$")
_ISO = re.compile(r"^P(\d{1,4})([DWMY])$")
_ISO_UNITS = {"D": PeriodUnit.DAY, "W": PeriodUnit.WEEK, "M": PeriodUnit.MONTH, "Y": PeriodUnit.YEAR}
#: A remark may follow a period after one of these: "Monthly, in the first week".
_REMARK = re.compile(r"[,;(]")

#: What :meth:`Period.parse` accepts, in the words of its error messages.
FORMS = "a period such as '6 months', 'every 2 weeks', 'quarterly', 'annually' or an ISO 8601 duration such as 'P6M'"


def _count(word: str | None) -> int | None:
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


@attrs.frozen(order=False)
class Period:
    """A planned interval: ``count`` units of days, weeks, months or years.

    Examples
    --------
    >>> Period.parse("quarterly")
    Period(count=3, unit=<PeriodUnit.MONTH: 'month'>)
    >>> str(Period.parse("every 2 weeks")), str(Period.parse("P1Y"))
    ('2 weeks', '1 year')
    >>> import datetime as dt
    >>> Period(6, PeriodUnit.MONTH).after(dt.date(2026, 8, 31))
    datetime.date(2027, 2, 28)
    >>> Period.read("Monthly, in the first week"), Period.read("At each new version")
    (Period(count=1, unit=<PeriodUnit.MONTH: 'month'>), None)
    """

    #: What :meth:`parse` accepts, in the words of error messages.
    FORMS: ClassVar[str] = FORMS

    count: int = attrs.field()
    unit: PeriodUnit = attrs.field(converter=PeriodUnit)

    @count.validator
    def _positive(self, _: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"a period counts at least 1 unit, not {value!r}"
            raise ValueError(msg)

    def __str__(self) -> str:
        unit = self.unit.value
        return f"{self.count} {unit}" if self.count == 1 else f"{self.count} {unit}s"

    @property
    def days(self) -> float:
        """The period's approximate length in days (a month is 365.25 / 12 days)."""
        return self.count * _DAYS[self.unit]

    def after(self, date: dt.date) -> dt.date:
        """The date one period after ``date`` (months and years keep the day, clamped to the month's end)."""
        if self.unit is PeriodUnit.DAY:
            return date + dt.timedelta(days=self.count)
        if self.unit is PeriodUnit.WEEK:
            return date + dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit is PeriodUnit.YEAR else 1)
        year, month = divmod(date.month - 1 + months, 12)
        year += date.year
        month += 1
        if year > dt.MAXYEAR:
            return dt.date.max
        return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period written as text; raise :class:`ValueError` (naming the forms accepted) if it is none."""
        found = cls._read_exact(text)
        if found is None:
            msg = f"{text!r} is not a period; expected {FORMS}"
            raise ValueError(msg)
        return found

    @classmethod
    def read(cls, text: str) -> Period | None:
        """The period a free-text frequency states, or ``None`` when it states none.

        The text is read as a period when it is one (``quarterly``, ``every 3 months``), or
        starts with one followed by a comma, semicolon or parenthesis and a remark
        (``Monthly, in the first week``). Anything else (``At each new version``, ``Twice a
        year at each site``) states no period a check could hold the organization to.
        """
        found = cls._read_exact(text)
        if found is not None:
            return found
        head = _REMARK.split(text, maxsplit=1)[0]
        return cls._read_exact(head) if head != text else None

    @classmethod
    def _read_exact(cls, text: str) -> Period | None:
        stripped = text.strip()
        iso = _ISO.match(stripped.upper())
        if iso is not None:
            number = int(iso.group(1))
            return cls(number, _ISO_UNITS[iso.group(2)]) if number >= 1 else None
        words = " ".join(stripped.lower().replace(".", " ").split())
        if words in _WORDS:
            return cls(*_WORDS[words])
        counted = _COUNTED.match(words)
        if counted is not None:
            units = _count(counted.group(1))
            if units is not None and units >= 1:
                return cls(units, _UNITS[counted.group(2)])
            return None
        times = _TIMES_A_YEAR.match(words)
        if times is not None:
            times_a_year = _count(times.group(1))
            if times_a_year is not None and times_a_year >= 1 and 12 % times_a_year == 0:
                return cls(12 // times_a_year, PeriodUnit.MONTH)
        return None
