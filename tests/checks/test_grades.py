"""How the built-in checks grade their nonconformities: major when nothing is in place or the breakdown is systemic, minor otherwise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from tests.assessment._orgs import change, complete
from tests.assessment._practices import with_processes
from tests.checks._helpers import MAJOR, MINOR, _assess

import iso9001_leadership as iso
from iso9001_leadership import Organization, Role
from iso9001_leadership.assessment import Grade
from iso9001_leadership.catalog import EDITIONS

# -- grades: major when nothing is in place or the breakdown is systemic, minor otherwise ---------

_BARE = Organization(name="Bare", roles=(Role(id="md", title="Managing Director", top_management=True),))


#: What a bare organization lacks altogether, and the requirement that reports it as major.
NOTHING_IN_PLACE: tuple[tuple[str, str], ...] = (
    ("policy.appropriate", "no_policy"),
    ("objectives.measurable", "no_objectives"),
    ("planning.risks-determined", "no_risks"),
    ("resources.determined-provided", "no_resources"),
    ("customer-focus.requirements", "no_customers"),
    ("review.planned", "no_management_review"),
    ("processes.inputs-outputs", "no_processes"),
    ("communication.what", "no_communications"),
    ("roles.qms-conformity", "duty_unassigned"),
)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("requirement", "rule"), NOTHING_IN_PLACE)
def test_nothing_in_place_is_a_major_nonconformity(edition: str, requirement: str, rule: str) -> None:
    """A requirement not addressed at all (no policy, no review, no customers...) is one major nonconformity."""
    bare = _BARE.evolve(
        roles=(*_BARE.roles, Role(id="qm", title="Quality Manager", reports_to="md")),
        people=(iso.Person(id="ana", name="Ana", roles=("md",)), iso.Person(id="bo", name="Bo", roles=("qm",))),
    )
    findings = [f for f in _assess(bare, edition).result(requirement).findings if f.rule == rule]
    assert [f.grade for f in findings] == [MAJOR]


@pytest.mark.parametrize(
    ("requirement", "rule"),
    [
        ("context.climate", "no_climate_decision"),
        ("customer-focus.satisfaction", "customer_satisfaction_not_tracked"),
    ],
)
def test_a_lapse_that_leaves_the_system_working_is_minor(requirement: str, rule: str) -> None:
    """Missing pieces that cast no doubt on the QMS achieving its results are minor, even when absent altogether."""
    findings = [f for f in _assess(_BARE).result(requirement).findings if f.rule == rule]
    assert [f.grade for f in findings] == [MINOR]


def test_a_bare_organization_gets_one_major_per_missing_thing_not_one_per_requirement() -> None:
    """Requirements that only examine what is missing are not assessed, not piled up as majors."""
    assessment = _assess(_BARE)
    majors = [f for f in assessment.findings if f.grade is MAJOR]
    assert len({(f.requirement, f.rule) for f in majors}) == len(majors)
    assert assessment.result("objectives.monitored").status is iso.Status.NOT_ASSESSED
    assert assessment.result("review-inputs.performance").status is iso.Status.NOT_ASSESSED
    assert assessment.result("policy.documented").status is iso.Status.NOT_ASSESSED


@pytest.mark.parametrize(
    ("mutate", "requirement", "grade", "count"),
    [
        pytest.param(
            lambda o: change(o, "proc-sell", indicators=(), criteria=""),
            "processes.criteria-indicators",
            MINOR,
            1,
            id="1-of-3-processes-minor",
        ),
        pytest.param(
            lambda o: change(
                change(o, "proc-sell", indicators=(), criteria=""), "proc-make", indicators=(), criteria=""
            ),
            "processes.criteria-indicators",
            MINOR,
            2,
            id="2-of-3-processes-still-minor",
        ),
        pytest.param(
            lambda o: change(change(o, "proc-sell", owner=None), "proc-make", owner=None),
            "roles.process-outputs",
            MINOR,
            2,
            id="2-of-3-owners-still-minor",
        ),
        pytest.param(
            lambda o: change(change(o, "resp-customer-focus", responsible=()), "resp-qms-conformity", responsible=()),
            "roles.assigned",
            MINOR,
            2,
            id="2-of-4-responsibilities-still-minor",
        ),
        pytest.param(
            lambda o: _without_criteria(with_processes(7), 4),
            "processes.criteria-indicators",
            MAJOR,
            4,
            id="4-of-7-processes-across-4-major",
        ),
        pytest.param(
            lambda o: _without_criteria(with_processes(7), 3),
            "processes.criteria-indicators",
            MINOR,
            3,
            id="3-of-7-processes-below-half-minor",
        ),
    ],
)
def test_systemic_means_spread_not_half_of_a_small_population(
    mutate: Callable[[Organization], Organization], requirement: str, grade: Grade, count: int
) -> None:
    """Major needs at least 3 faults, half of at least 6 examined, across 3 processes; every instance is one finding."""
    result = _assess(mutate(complete())).result(requirement)
    assert [f.grade for f in result.findings] == [grade]
    assert result.grade is grade
    assert len(result.findings[0].subjects) >= count


def _without_criteria(org: Organization, count: int) -> Organization:
    for process in org.processes[:count]:
        org = change(org, process.id, indicators=(), criteria="")
    return org


def _with_previous_review(org: Organization, held_on: dt.date, *, covers_previous_actions: bool) -> Organization:
    review = org.get("mr-2026-06", iso.ManagementReview)
    inputs = review.inputs if covers_previous_actions else ()
    previous = attrs.evolve(review, id="mr-earlier", held_on=held_on, inputs=inputs, outputs=())
    late = attrs.evolve(review, inputs=tuple(i for i in review.inputs if i is not iso.ReviewInput.PREVIOUS_ACTIONS))
    return org.evolve(reviews=(previous, late))


@pytest.mark.parametrize(
    ("held_on", "covered", "expected"),
    [
        (dt.date(2025, 12, 10), True, []),
        (dt.date(2025, 12, 10), False, [("review_input_missing", ("mr-earlier", "mr-2026-06"), MINOR)]),
        (dt.date(2025, 6, 10), True, [("review_input_missing", ("mr-2026-06",), MINOR)]),
    ],
    ids=["covered-by-an-earlier-review-of-the-year", "missed-by-the-whole-programme", "covered-only-too-long-ago"],
)
def test_review_inputs_are_judged_across_the_programme_of_the_last_12_months(
    held_on: dt.date, covered: bool, expected: list[tuple[str, tuple[str, ...], Grade]]
) -> None:
    """An interim review with a partial agenda is fine; an input no review of the last 12 months considered is minor."""
    org = _with_previous_review(complete(), held_on, covers_previous_actions=covered)
    result = _assess(org).result("review-inputs.previous-actions")
    assert [(f.rule, f.subjects, f.grade) for f in result.findings] == expected
