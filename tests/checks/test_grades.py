"""How the built-in checks grade their nonconformities: major when nothing is in place or the breakdown is systemic, minor otherwise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from tests.assessment._orgs import change, complete
from tests.checks._helpers import MAJOR, MINOR, NC, _assess

import iso9001_leadership as iso
from iso9001_leadership import Organization, Role
from iso9001_leadership.assessment import Grade
from iso9001_leadership.catalog import EDITIONS

# -- grades: major when nothing is in place or the breakdown is systemic, minor otherwise ---------

_BARE = Organization(name="Bare", roles=(Role(id="md", title="Managing Director", top_management=True),))


def _bare_nothing_in_place() -> list[object]:
    """Nonconformities of a bare organization that say something is missing altogether (no subjects)."""
    cases: list[object] = []
    for edition in EDITIONS:
        for f in _assess(_BARE, edition).findings:
            if f.status is not NC or f.subjects:
                continue
            cases.append(pytest.param(edition, f.requirement, f.rule, id=f"{edition}-{f.requirement}-{f.rule}"))
    return cases


@pytest.mark.parametrize(("edition", "requirement", "rule"), _bare_nothing_in_place())
def test_nothing_in_place_is_a_major_nonconformity(edition: str, requirement: str, rule: str) -> None:
    """A nonconformity about something missing altogether (no policy, no review, no customers...) is major."""
    findings = [f for f in _assess(_BARE, edition).result(requirement).findings if f.rule == rule]
    assert [f.grade for f in findings] == [MAJOR]


def test_bare_organization_reports_what_is_missing_altogether() -> None:
    """The bare organization's 'nothing in place' findings are the ones the rule is meant for."""
    rules = {f.rule for f in _assess(_BARE).findings if f.status is NC and not f.subjects}
    assert {
        "no_policy",
        "no_objectives",
        "no_risks",
        "no_resources",
        "no_customers",
        "no_management_review",
        "duty_unassigned",
    } <= rules


@pytest.mark.parametrize(
    ("mutate", "requirement", "grades"),
    [
        pytest.param(
            lambda o: change(o, "proc-sell", indicators=(), criteria=""),
            "processes.criteria-indicators",
            [MINOR],
            id="1-of-3-processes-minor",
        ),
        pytest.param(
            lambda o: change(
                change(o, "proc-sell", indicators=(), criteria=""), "proc-make", indicators=(), criteria=""
            ),
            "processes.criteria-indicators",
            [MAJOR, MAJOR],
            id="2-of-3-processes-major",
        ),
        pytest.param(
            lambda o: change(o, "proc-sell", owner=None),
            "roles.process-outputs",
            [MINOR],
            id="1-of-3-owners-minor",
        ),
        pytest.param(
            lambda o: change(change(o, "proc-sell", owner=None), "proc-make", owner=None),
            "roles.process-outputs",
            [MAJOR, MAJOR],
            id="2-of-3-owners-major",
        ),
        pytest.param(
            lambda o: change(o, "resp-customer-focus", responsible=()),
            "roles.assigned",
            [MINOR],
            id="1-of-4-responsibilities-minor",
        ),
        pytest.param(
            lambda o: change(change(o, "resp-customer-focus", responsible=()), "resp-qms-conformity", responsible=()),
            "roles.assigned",
            [MAJOR, MAJOR],
            id="2-of-4-responsibilities-major",
        ),
        pytest.param(
            lambda o: change(change(o, "risk-supplier", actions=()), "opp-export", actions=()),
            "planning.actions-planned",
            [MAJOR, MAJOR],
            id="2-of-2-risks-major",
        ),
    ],
)
def test_systemic_breakdown_is_major(
    mutate: Callable[[Organization], Organization], requirement: str, grades: list[Grade]
) -> None:
    """Findings of one check covering at least half (and at least two) of what it examined are all major."""
    result = _assess(mutate(complete())).result(requirement)
    assert [f.grade for f in result.findings] == grades
    assert result.grade is grades[0]


@pytest.mark.parametrize(("reviews", "grade"), [(1, MAJOR), (2, MINOR)])
def test_review_input_missing_is_major_only_when_the_only_review_missed_it(reviews: int, grade: Grade) -> None:
    """A review input missing from the only review is major; missing from one review out of two it is minor."""
    org = complete()
    review = org.get("mr-2026-06", iso.ManagementReview)
    previous = attrs.evolve(review, id="mr-2025-12", held_on=dt.date(2025, 12, 10))
    if reviews == 2:
        org = org.evolve(reviews=(previous, review))
    late = attrs.evolve(review, inputs=tuple(i for i in review.inputs if i is not iso.ReviewInput.PREVIOUS_ACTIONS))
    org = org.with_elements(late)
    result = _assess(org).result("review-inputs.previous-actions")
    assert [(f.rule, f.subjects, f.grade) for f in result.findings] == [
        ("review_input_missing", ("mr-2026-06",), grade)
    ]
