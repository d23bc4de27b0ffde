"""Checks of actions to address risks and opportunities (6.1)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    EntityKind,
    Opportunity,
    Risk,
)

from ._helpers import Body, G, from_gaps, risks_recorded

__all__ = ["register"]


def _actions_integrated(kinds: frozenset[EntityKind]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        org = ctx.organization
        elements: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
        treated = [(e.id, a) for e in elements if org.kind_of(e.id) in kinds for a in e.actions]
        for owner_id, action_id in treated:
            action = org.get(action_id)
            if not action.processes:  # type: ignore[union-attr]
                yield ctx.nonconformity(
                    "risk_action_not_in_process",
                    f"Action {quote(action_id)} on {quote(owner_id)} is not built into any process",
                    fix="Name the processes the action is built into",
                    subjects=(action_id, owner_id),
                )

    return run


def _risk_checks(kinds: frozenset[EntityKind]) -> list[tuple[str, Body]]:
    return [
        ("actions_planned", from_gaps(G.UNOWNED_RISK, G.UNADDRESSED_RISK, subjects=kinds)),
        ("actions_integrated", _actions_integrated(kinds)),
        ("actions_effective", from_gaps(G.UNEVALUATED_ACTION, subjects=kinds)),
    ]


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 6.1 (6.1.2 and, in the 2026 edition, 6.1.3)."""
    registry.register("planning.risks-determined", risks_recorded, name="builtin.risks_recorded")
    # 2015: 6.1.2 a / b 1 / b 2 cover risks and opportunities together.
    both = dict(_risk_checks(frozenset({EntityKind.RISK, EntityKind.OPPORTUNITY})))
    registry.register("planning.actions-planned", both["actions_planned"], name="builtin.actions")
    registry.register("planning.actions-integrated", both["actions_integrated"], name="builtin.actions")
    registry.register("planning.actions-effectiveness", both["actions_effective"], name="builtin.actions")
    # 2026: 6.1.2 for risks, 6.1.3 for opportunities.
    for requirement, kind in (
        ("planning.risk-actions", EntityKind.RISK),
        ("planning.opportunity-actions", EntityKind.OPPORTUNITY),
    ):
        for name, body in _risk_checks(frozenset({kind})):
            registry.register(requirement, body, name=f"builtin.{name}")
