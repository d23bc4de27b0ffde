"""Properties of the checks that read dates, for every valid organization.

- Moving ``as_of`` forward never puts a late plan back on time: once the organization's history
  is complete (no event dated after the first date), whatever is late stays late.
- An organization assessed before any of its dates has no time finding: nothing has fallen due.
- A role someone holds on the assessment date is never reported vacant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership import Organization, Period, assess
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.strategies import organizations

#: The rules of the time checks, by group: a plan that moves from late to overdue stays in its group.
GROUPS: dict[str, str] = {
    "management_review_overdue": "review",
    "objective_not_monitored": "measurement",
    "communication_overdue": "communication",
    "action_late": "action",
    "action_overdue": "action",
    "effectiveness_evaluation_late": "evaluation",
    "effectiveness_evaluation_overdue": "evaluation",
    "not_effective_without_follow_up": "follow-up",
    "objective_missed_not_updated": "objective",
    "resource_planned_too_long": "resource",
    "risk_review_late": "risk review",
    "risk_review_overdue": "risk review",
    "policy_not_reviewed_as_planned": "policy review",
    "role_vacant": "vacancy",
    "role_vacant_covered": "vacancy",
}


def _dates(value: object) -> Iterator[dt.date]:
    """Every date anywhere in an element (nested elements, lists of them, measurements)."""
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _dates(item)
    elif attrs.has(type(value)) and not isinstance(value, Period):
        for field in attrs.fields(type(value)):
            yield from _dates(getattr(value, field.name))


def _late(assessment: Assessment) -> set[tuple[str, str, str]]:
    """(requirement, group, subject) for every subject of a time finding."""
    return {
        (f.requirement, GROUPS[f.rule], subject)
        for f in assessment.findings
        if f.rule in GROUPS
        for subject in f.subjects
    }


@given(organizations(), st.integers(0, 400), st.integers(0, 3000), st.sampled_from(("2015", "2026")))
def test_moving_as_of_forward_never_puts_a_late_plan_back_on_time(
    org: Organization, after_history: int, days: int, edition: str
) -> None:
    org = org.evolve(exclusions=())
    history = max(_dates(org), default=dt.date(2026, 1, 1))
    first = min(history + dt.timedelta(days=after_history), dt.date(9000, 1, 1))
    later = first + dt.timedelta(days=days)
    then = _late(assess(org, as_of=first, edition=edition))
    now = _late(assess(org, as_of=later, edition=edition))
    assert then <= now, sorted(then - now)


def _no_time_findings_expected(org: Organization, assessment: Assessment) -> list[tuple[str, tuple[str, ...]]]:
    """Time findings that are not about something having fallen due.

    Left out: an objective never measured (no date involved), a result of 'not effective'
    recorded without a date, and vacancies (who is with the organization, not a plan).
    """
    unexpected = []
    for finding in assessment.findings:
        group = GROUPS.get(finding.rule)
        if group is None or group == "vacancy":
            continue
        subjects = finding.subjects
        if group == "measurement":
            subjects = tuple(s for s in subjects if org.get(s).measurements)  # type: ignore[union-attr]
        if group == "follow-up":
            subjects = tuple(s for s in subjects if org.get(s).effectiveness.evaluated_on is not None)  # type: ignore[union-attr]
        if subjects:
            unexpected.append((finding.rule, subjects))
    return unexpected


@given(organizations(), st.integers(1, 1000), st.sampled_from(("2015", "2026")))
def test_nothing_has_fallen_due_before_every_date(org: Organization, before: int, edition: str) -> None:
    """Assessed before every date in the file, an organization has no time finding."""
    org = org.evolve(exclusions=())
    earliest = min(_dates(org), default=dt.date(2026, 1, 1))
    as_of = max(earliest - dt.timedelta(days=before), dt.date(1, 1, 1))
    assessment = assess(org, as_of=as_of, edition=edition)
    assert _no_time_findings_expected(org, assessment) == []


@given(organizations(), st.integers(-2000, 2000))
def test_a_role_someone_holds_is_never_vacant(org: Organization, offset: int) -> None:
    as_of = dt.date(2026, 6, 1) + dt.timedelta(days=offset)
    held = {role for person in org.people for role in person.roles_on(as_of)}
    vacant = {
        s
        for f in assess(org.evolve(exclusions=()), as_of=as_of).findings
        if f.rule == "role_vacant"
        for s in f.subjects
    }
    assert not vacant & held
