"""Checks of customer focus (5.1.2)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    CommitmentKind,
    PartyKind,
    ReviewInput,
)

from ._helpers import G, from_gaps

__all__ = ["register"]


def _customer_requirements(ctx: CheckContext) -> Iterator[Finding]:
    if not any(p.kind is PartyKind.CUSTOMER for p in ctx.organization.interested_parties):
        yield ctx.nonconformity(
            "no_customers",
            "No customers are recorded among the interested parties",
            fix="Record the customers and their requirements",
            major=True,
        )
    yield from from_gaps(G.UNOWNED_REQUIREMENT, population=lambda o: len(o.party_requirements))(ctx)


def _customer_satisfaction(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    customer_commitments = {c.id for c in org.commitments if c.kind is CommitmentKind.CUSTOMER_FOCUS}
    tracked = any(set(o.supports) & customer_commitments for o in org.objectives)
    reviewed = any(ReviewInput.CUSTOMER_SATISFACTION in r.inputs for r in org.reviews)
    if not tracked and not reviewed:
        yield ctx.nonconformity(
            "customer_satisfaction_not_tracked",
            "No objective or review keeps customer satisfaction in view",
            fix="Set an objective under a customer-focus commitment, or review satisfaction in management reviews",
        )


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 5.1.2."""
    registry.register("customer-focus.requirements", _customer_requirements, name="builtin.customer_requirements")
    registry.register("customer-focus.risks", from_gaps(G.CUSTOMER_RISK_UNTREATED), name="builtin.customer_risks")
    registry.register("customer-focus.satisfaction", _customer_satisfaction, name="builtin.satisfaction")
