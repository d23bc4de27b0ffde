"""Checks of management review: held, led by top management, its inputs and outputs (9.3)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    ManagementReview,
    ReviewInput,
    ReviewOutputKind,
)

from ._helpers import Body

__all__ = ["register"]


#: A management review older than this (in days) before the assessment date is overdue (9.3.1).
REVIEW_INTERVAL_DAYS = 15 * 31


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
    latest = max(org.reviews, key=lambda r: r.held_on)
    if (ctx.as_of - latest.held_on).days > REVIEW_INTERVAL_DAYS:
        yield ctx.nonconformity(
            "management_review_overdue",
            f"The last management review was on {latest.held_on.isoformat()}, more than 15 months ago",
            fix="Hold the next management review",
            subjects=(latest.id,),
        )
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
        elif not any(o.kind is kind for r in reviews for o in r.outputs):
            yield ctx.observation(
                f"no_review_output_{kind.value}",
                f"No management review recorded a decision on {label}",
                fix=f"Record review outputs of kind '{kind.value}', even when the decision is that none is needed",
            )

    return run


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
