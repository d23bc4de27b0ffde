"""The thresholds of the checks that read dates: when a planned thing is late, and how late is serious."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from iso9001_leadership.exceptions import UsageError
from iso9001_leadership.model import Period, PeriodUnit

__all__ = ["Timing", "duration"]


def duration(days: int) -> str:
    """A number of days in the words an auditor would use.

    >>> duration(12), duration(45), duration(200), duration(800)
    ('12 days', '6 weeks', '7 months', '2 years')
    """
    if days < 28:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        weeks = round(days / 7)
        return f"{weeks} weeks"
    if days < 730:
        months = round(days / (365.25 / 12))
        return f"{months} months"
    years = round(days / 365.25)
    return f"{years} years"


_YEAR = Period(12, PeriodUnit.MONTH)


def _not_negative(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 100_000:
        msg = f"Timing.{attribute.name} must be a number from 0 to 99999, not {value!r}"
        raise UsageError(msg)


@attrs.frozen
class Timing:
    """When the assessment holds a date against the organization, and how late is serious.

    Every threshold has a default an auditor would accept; pass a ``Timing`` to
    :func:`~iso9001_leadership.assess` (``timing=``) or set one from the command line
    (``--timing overdue_days=60``) to judge otherwise. The organization's own plans (how often
    it reviews, measures and communicates) come from its file; these thresholds are how much
    slack the assessor allows around them.

    A thing planned to recur is late when it has not happened within one period after it last
    did, plus a grace of a quarter of the period, at least ``min_grace_days`` and at most
    ``max_grace_days``: a review planned every 6 months is late 6 months and 31 days after the
    last one, a monthly report after a month and 7 days, a weekly briefing after two weeks. A
    thing with a due date is *late* (an observation) ``late_days`` after it, and *overdue* (a
    nonconformity) ``overdue_days`` after it.

    Examples
    --------
    >>> import datetime as dt
    >>> timing = Timing()
    >>> timing.next_due(dt.date(2026, 1, 15), Period.parse("6 months"))
    datetime.date(2026, 8, 15)
    >>> due = dt.date(2026, 3, 31)
    >>> timing.late(due, as_of=dt.date(2026, 5, 30)), timing.late(due, as_of=dt.date(2026, 5, 31))
    (False, True)
    >>> timing.overdue(due, as_of=dt.date(2026, 7, 29)), timing.overdue(due, as_of=dt.date(2026, 7, 30))
    (False, True)
    """

    review_every: Period = attrs.field(
        default=_YEAR, metadata={"doc": "Planned interval of management reviews when the file gives no programme."}
    )
    measure_every: Period = attrs.field(
        default=_YEAR, metadata={"doc": "Planned interval of an objective's measurements when it gives none."}
    )
    grace_share: float = attrs.field(
        default=0.25,
        validator=_not_negative,
        metadata={"doc": "Grace after a recurring thing falls due, as a share of its period."},
    )
    max_grace_days: int = attrs.field(
        default=31,
        validator=_not_negative,
        metadata={"doc": "The longest grace a recurring thing gets, in days."},
    )
    min_grace_days: int = attrs.field(
        default=7,
        validator=_not_negative,
        metadata={"doc": "The shortest grace a recurring thing gets, in days."},
    )
    late_days: int = attrs.field(
        default=60,
        validator=_not_negative,
        metadata={
            "doc": "Days past a due date after which an open action, a pending effectiveness evaluation or a risk "
            "review is late: an observation."
        },
    )
    overdue_days: int = attrs.field(
        default=120,
        validator=_not_negative,
        metadata={
            "doc": "Days past a due date after which an open action, a pending effectiveness evaluation, a risk "
            "review or a missed objective left as it was is overdue: a nonconformity."
        },
    )
    follow_up_days: int = attrs.field(
        default=60,
        validator=_not_negative,
        metadata={"doc": "Days after an action is found not effective before a follow-up must be decided."},
    )
    resource_pending_days: int = attrs.field(
        default=180,
        validator=_not_negative,
        metadata={"doc": "Days a resource may stay planned (since 'status_since') before it is late."},
    )
    vacancy_days: int = attrs.field(
        default=30,
        validator=_not_negative,
        metadata={"doc": "Days a role with duties may stand vacant before it is a finding (a handover)."},
    )
    vacancy_major_days: int = attrs.field(
        default=90,
        validator=_not_negative,
        metadata={"doc": "Days after which a vacancy that leaves a 5.3 duty with nobody is a major nonconformity."},
    )

    def grace(self, period: Period) -> dt.timedelta:
        """The grace after a thing recurring every ``period`` falls due."""
        share = self.grace_share * period.days
        return dt.timedelta(days=max(float(self.min_grace_days), min(share, float(self.max_grace_days))))

    def next_due(self, last: dt.date, period: Period) -> dt.date:
        """The last day on which a thing done on ``last`` and planned every ``period`` is not yet late."""
        try:
            return period.after(last) + dt.timedelta(days=self.grace(period).days)
        except OverflowError:
            return dt.date.max

    def late(self, due: dt.date, *, as_of: dt.date) -> bool:
        """Whether something due on ``due`` is late on ``as_of`` (more than ``late_days`` past it)."""
        return (as_of - due).days > self.late_days

    def overdue(self, due: dt.date, *, as_of: dt.date) -> bool:
        """Whether something due on ``due`` is overdue on ``as_of`` (more than ``overdue_days`` past it)."""
        return (as_of - due).days > self.overdue_days

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The names of the thresholds, as ``--timing`` takes them."""
        return tuple(f.name for f in attrs.fields(cls))

    def with_setting(self, setting: str) -> Timing:
        """A copy with one threshold set from text ``name=value`` (a period for ``*_every``, else a number).

        >>> Timing().with_setting("review_every=6 months").review_every
        Period(count=6, unit=<PeriodUnit.MONTH: 'month'>)
        """
        name, sep, text = setting.partition("=")
        name, text = name.strip(), text.strip()
        if not sep or name not in self.names():
            msg = (
                f"unknown timing setting {setting!r}; expected name=value with a name among: {', '.join(self.names())}"
            )
            raise UsageError(msg)
        value: Any
        try:
            if name.endswith("_every"):
                value = Period.parse(text)
            elif name == "grace_share":
                value = float(text)
            else:
                value = int(text)
        except ValueError as exc:
            msg = (
                f"timing setting {name}: {exc}"
                if name.endswith("_every")
                else f"timing setting {name}: {text!r} is not a number"
            )
            raise UsageError(msg) from None
        changes: dict[str, Any] = {name: value}
        return attrs.evolve(self, **changes)
