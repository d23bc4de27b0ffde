"""Checks of actions to address risks and opportunities (6.1)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    EntityKind,
    Opportunity,
    Risk,
    RiskScale,
)

from ._helpers import Body, G, from_gaps, summarise

__all__ = ["register"]


def _risks_recorded(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    if not org.risks and not org.opportunities:
        yield ctx.nonconformity(
            "no_risks",
            "No risks or opportunities are recorded",
            fix="Determine the risks and opportunities from the context and interested parties",
            major=True,
        )
        return
    elements: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
    for element in elements:
        if not element.sources:
            yield ctx.observation(
                "risk_without_source",
                f"{quote(element.id)} does not trace to a context issue or interested-party requirement",
                fix="Record where it comes from (sources)",
                subjects=(element.id,),
            )


def _actions_integrated(kinds: frozenset[EntityKind]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        org = ctx.organization
        if not org.risks and not org.opportunities:
            yield ctx.nothing_to_examine("risks or opportunities")
            return
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


def _high_impact(risk: Risk, scale: RiskScale) -> bool:
    """Impact in the top level of the scale, or likelihood x impact in the top fifth of its range."""
    if risk.impact is None:
        return False
    if risk.impact >= scale.impact:
        return True
    if risk.likelihood is None:
        return False
    return risk.likelihood * risk.impact >= 0.8 * scale.likelihood * scale.impact


def _proportionate(ctx: CheckContext) -> Iterator[Finding]:
    """6.1.2: a high-impact risk accepted without action needs a real rationale and top management's acceptance."""
    org = ctx.organization
    tops = {r.id for r in org.top_management}
    top_people = {p for role in tops for p in ctx.holders(role)}
    faults: list[tuple[str, str]] = []
    for risk in org.risks:
        if not risk.accepted or risk.actions or not _high_impact(risk, org.risk_scale):
            continue
        owner_is_top = risk.owner is not None and (risk.owner in tops or bool(ctx.holders(risk.owner) & top_people))
        if not meaningful(risk.rationale):
            continue  # an acceptance without a real reason is an unaddressed risk, reported once as such
        if not owner_is_top:
            faults.append((risk.id, f"High-impact risk {quote(risk.id)} is accepted without top management owning it"))
    if faults:
        yield ctx.nonconformity(
            "high_impact_risk_accepted",
            summarise([r for _, r in faults], len(faults), len(org.risks), "risks"),
            fix="Treat the risk, or have top management accept it with a rationale proportionate to its impact",
            subjects=[s for s, _ in faults],
        )


_NO_RISKS = (lambda o: not o.risks and not o.opportunities, "risks or opportunities")


def _risk_checks(kinds: frozenset[EntityKind]) -> list[tuple[str, Body]]:
    nothing = _NO_RISKS
    return [
        ("actions_planned", from_gaps(G.UNOWNED_RISK, G.UNADDRESSED_RISK, subjects=kinds, nothing=nothing)),
        ("actions_integrated", _actions_integrated(kinds)),
        ("actions_effective", from_gaps(G.UNEVALUATED_ACTION, subjects=kinds, nothing=nothing)),
    ]


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 6.1 (6.1.2 and, in the 2026 edition, 6.1.3)."""
    registry.register("planning.risks-determined", _risks_recorded, name="builtin.risks_recorded")
    # 2015: 6.1.2 a / b 1 / b 2 cover risks and opportunities together.
    both = dict(_risk_checks(frozenset({EntityKind.RISK, EntityKind.OPPORTUNITY})))
    registry.register("planning.actions-planned", both["actions_planned"], name="builtin.actions")
    registry.register("planning.actions-planned", _proportionate, name="builtin.proportionate")
    registry.register("planning.actions-integrated", both["actions_integrated"], name="builtin.actions")
    registry.register("planning.actions-effectiveness", both["actions_effective"], name="builtin.actions")
    # 2026: 6.1.2 for risks, 6.1.3 for opportunities.
    for requirement, kind in (
        ("planning.risk-actions", EntityKind.RISK),
        ("planning.opportunity-actions", EntityKind.OPPORTUNITY),
    ):
        for name, body in _risk_checks(frozenset({kind})):
            registry.register(requirement, body, name=f"builtin.{name}")
    registry.register("planning.risk-actions", _proportionate, name="builtin.proportionate")
