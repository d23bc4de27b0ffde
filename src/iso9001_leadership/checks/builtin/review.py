"""Checks of management review: held, led by top management, its inputs and outputs (9.3)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    EntityKind,
    ManagementReview,
    Period,
    PeriodUnit,
    ReviewInput,
    ReviewOutputKind,
)

from ._actions import actions_serving, late_actions, late_evaluations, not_followed_up
from ._helpers import Body, review_interval

__all__ = ["register"]


def _review_overdue(ctx: CheckContext, latest: ManagementReview) -> Finding | None:
    """The last review is older than the planned interval and its grace; major when no review within a year either."""
    period, plan = review_interval(ctx)
    due = ctx.timing.next_due(latest.held_on, period)
    if ctx.as_of <= due:
        return None
    # Missing two planned reviews, or a whole year without one, is no lapse: the review is not being done.
    twice = ctx.timing.next_due(latest.held_on, Period(period.count * 2, period.unit))
    year = ctx.timing.next_due(latest.held_on, Period(12, PeriodUnit.MONTH))
    ago = duration((ctx.as_of - latest.held_on).days)
    return ctx.nonconformity(
        "management_review_overdue",
        f"The last management review was on {latest.held_on.isoformat()} ({ago} ago); {plan}, so the next was "
        f"due by {due.isoformat()}",
        fix="Hold the next management review, and plan the programme so that it keeps to its interval",
        subjects=(latest.id,),
        major=ctx.as_of > max(twice, year),
    )


def _review_planned(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    if not org.reviews:
        yield ctx.nonconformity(
            "no_management_review",
            "Top management has held no management review",
            fix="Hold and record a management review",
            major=True,
        )
        return
    top = {r.id for r in org.top_management}
    held = [r for r in org.reviews if r.held_on <= ctx.as_of] or list(org.reviews)
    overdue = _review_overdue(ctx, max(held, key=lambda r: r.held_on))
    if overdue is not None:
        yield overdue
    for review in org.reviews:
        if review.chair not in top:
            yield ctx.nonconformity(
                "review_not_led_by_top_management",
                f"Management review {quote(review.id)} was not chaired by top management",
                fix="Have a top-management role chair management reviews",
                subjects=(review.id,),
            )


_REVIEW_INPUTS: dict[str, tuple[ReviewInput, ...]] = {
    "review-inputs.previous-actions": (ReviewInput.PREVIOUS_ACTIONS,),
    "review-inputs.context-changes": (ReviewInput.CONTEXT_CHANGES,),
    "review-inputs.performance": (
        ReviewInput.CUSTOMER_SATISFACTION,
        ReviewInput.OBJECTIVES_ACHIEVEMENT,
        ReviewInput.PROCESS_PERFORMANCE,
        ReviewInput.NONCONFORMITIES,
        ReviewInput.MONITORING_RESULTS,
        ReviewInput.AUDIT_RESULTS,
        ReviewInput.EXTERNAL_PROVIDERS,
    ),
    "review-inputs.resources": (ReviewInput.RESOURCE_ADEQUACY,),
    "review-inputs.risk-actions": (ReviewInput.RISK_ACTIONS_EFFECTIVENESS,),
    "review-inputs.improvement-opportunities": (ReviewInput.IMPROVEMENT_OPPORTUNITIES,),
}


#: Inputs are judged across the reviews held within this many days before the assessment date
#: (the latest review always counts): the review programme, not every meeting, must cover them.
INPUT_WINDOW_DAYS = 366


def _programme(ctx: CheckContext) -> list[ManagementReview]:
    """The reviews of the programme judged for inputs: those within the window, and the latest."""
    reviews = sorted(ctx.organization.reviews, key=lambda r: r.held_on)
    recent = [r for r in reviews if 0 <= (ctx.as_of - r.held_on).days <= INPUT_WINDOW_DAYS]
    return recent or reviews[-1:]


def _review_inputs(inputs: tuple[ReviewInput, ...]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.organization.reviews:
            yield ctx.nothing_to_examine("management reviews")
            return
        programme = _programme(ctx)
        covered = {i for review in programme for i in review.inputs}
        missing = [i.value for i in inputs if i not in covered]
        if missing:
            held = ", ".join(quote(r.id) for r in programme)
            yield ctx.nonconformity(
                "review_input_missing",
                f"No management review of the last 12 months ({held}) considered: {', '.join(missing)}",
                fix="Cover every required input within the review programme (one review or several)",
                subjects=[r.id for r in programme],
            )

    return run


def _review_output(kind: ReviewOutputKind, label: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        reviews = ctx.organization.reviews
        if not reviews:
            yield ctx.nothing_to_examine("management reviews")
            return
        if not any(o.kind is kind for r in reviews for o in r.outputs):
            yield ctx.observation(
                f"no_review_output_{kind.value}",
                f"No management review recorded a decision on {label}",
                fix=f"Record review outputs of kind '{kind.value}', even when the decision is that none is needed",
            )
        # The decisions are carried out: their actions on time, evaluated, followed up (9.3.3, 9.3.2 a).
        actions = actions_serving(ctx, _REVIEW, kind)
        yield from late_actions(ctx, actions)
        yield from late_evaluations(ctx, actions)
        yield from not_followed_up(ctx, actions)

    return run


_REVIEW = frozenset({EntityKind.REVIEW})


#: The decisions a review programme must record (9.3.3): requirement id, output kind, what about.
_OUTPUTS: tuple[tuple[str, ReviewOutputKind, str], ...] = (
    ("review-outputs.improvement", ReviewOutputKind.IMPROVEMENT, "improvement"),
    ("review-outputs.qms-changes", ReviewOutputKind.QMS_CHANGE, "changes to the QMS"),
    ("review-outputs.resource-needs", ReviewOutputKind.RESOURCE_NEED, "resource needs"),
)


def _review_records(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.organization.reviews:
        yield ctx.nothing_to_examine("management reviews")


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 9.3."""
    registry.register("review.planned", _review_planned, name="builtin.reviews")
    registry.register("review-outputs.records", _review_records, name="builtin.records")
    for requirement, inputs in _REVIEW_INPUTS.items():
        registry.register(requirement, _review_inputs(inputs), name="builtin.inputs")
    for requirement, kind, label in _OUTPUTS:
        registry.register(requirement, _review_output(kind, label), name="builtin.outputs")
