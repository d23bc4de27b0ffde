"""Checks of actions to address risks and opportunities (6.1)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import (
    EntityKind,
    Opportunity,
    Risk,
    RiskScale,
)

from ._actions import actions_serving, late_actions, late_evaluations, not_followed_up
from ._helpers import Body, G, from_gaps, report

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


def _risks_current(ctx: CheckContext) -> Iterator[Finding]:
    """Risks and opportunities past their planned review date: late (observation), overdue (nonconformity)."""
    org = ctx.organization
    elements: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
    overdue: list[tuple[str, str]] = []
    late: list[tuple[str, str]] = []
    for element in elements:
        due = element.review_on
        if due is None or not ctx.timing.late(due, as_of=ctx.as_of):
            continue
        reason = f"{quote(element.id)} was due for review on {due.isoformat()} ({duration((ctx.as_of - due).days)} ago)"
        (overdue if ctx.timing.overdue(due, as_of=ctx.as_of) else late).append((element.id, reason))
    fix = "Review them as planned (likelihood, impact, treatment) and set the next review date"
    nouns = "risks and opportunities"
    yield from report(ctx, "risk_review_overdue", overdue, population=len(elements), nouns=nouns, fix=fix)
    yield from report(
        ctx, "risk_review_late", late, population=len(elements), nouns=nouns, fix=fix, status=Status.OBSERVATION
    )


def _context_feeds_planning(ctx: CheckContext) -> Iterator[Finding]:
    """6.1.1: each relevant context issue leads to a risk or opportunity, or to a recorded reason why not."""
    org = ctx.organization
    if not org.risks and not org.opportunities:
        return  # no risks at all is one major finding of its own (no_risks)
    relevant = [i for i in org.context_issues if i.relevant]
    elements: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
    sourced = {s for e in elements for s in e.sources}
    faults = [
        (i.id, f"Relevant context issue {quote(i.id)} ({i.title}) leads to no risk or opportunity")
        for i in relevant
        if i.id not in sourced and not meaningful(i.no_risk_reason)
    ]
    yield from report(
        ctx,
        "context_issue_not_planned_for",
        faults,
        population=len(relevant),
        nouns="relevant context issues",
        fix="Derive the risks or opportunities it raises (sources), or record why it raises none (no_risk_reason)",
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
    yield from report(
        ctx,
        "high_impact_risk_accepted",
        faults,
        population=len(org.risks),
        nouns="risks",
        fix="Treat the risk, or have top management accept it with a rationale proportionate to its impact",
        major=False,
    )


_NO_RISKS = (lambda o: not o.risks and not o.opportunities, "risks or opportunities")


def _on_time(kinds: frozenset[EntityKind]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        yield from late_actions(ctx, actions_serving(ctx, kinds))

    return run


def _evaluated_on_time(kinds: frozenset[EntityKind]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        actions = actions_serving(ctx, kinds)
        yield from late_evaluations(ctx, actions)
        yield from not_followed_up(ctx, actions)

    return run


def _risk_checks(kinds: frozenset[EntityKind]) -> list[tuple[str, Body]]:
    nothing = _NO_RISKS
    return [
        ("actions_planned", from_gaps(G.UNOWNED_RISK, G.UNADDRESSED_RISK, subjects=kinds, nothing=nothing)),
        ("actions_integrated", _actions_integrated(kinds)),
        ("actions_on_time", _on_time(kinds)),
        ("actions_effective", from_gaps(G.UNEVALUATED_ACTION, subjects=kinds, nothing=nothing)),
        ("evaluated_on_time", _evaluated_on_time(kinds)),
    ]


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 6.1 (6.1.2 and, in the 2026 edition, 6.1.3)."""
    registry.register("planning.risks-determined", _risks_recorded, name="builtin.risks_recorded")
    registry.register("planning.risks-determined", _context_feeds_planning, name="builtin.context_feeds_planning")
    registry.register("planning.risks-determined", _risks_current, name="builtin.risks_current")
    # 2015: 6.1.2 a / b 1 / b 2 cover risks and opportunities together.
    both = dict(_risk_checks(frozenset({EntityKind.RISK, EntityKind.OPPORTUNITY})))
    registry.register("planning.actions-planned", both["actions_planned"], name="builtin.actions")
    registry.register("planning.actions-planned", _proportionate, name="builtin.proportionate")
    registry.register("planning.actions-integrated", both["actions_integrated"], name="builtin.actions")
    registry.register("planning.actions-integrated", both["actions_on_time"], name="builtin.actions_on_time")
    registry.register("planning.actions-effectiveness", both["actions_effective"], name="builtin.actions")
    registry.register("planning.actions-effectiveness", both["evaluated_on_time"], name="builtin.evaluated_on_time")
    # 2026: 6.1.2 for risks, 6.1.3 for opportunities.
    for requirement, kind in (
        ("planning.risk-actions", EntityKind.RISK),
        ("planning.opportunity-actions", EntityKind.OPPORTUNITY),
    ):
        for name, body in _risk_checks(frozenset({kind})):
            registry.register(requirement, body, name=f"builtin.{name}")
    registry.register("planning.risk-actions", _proportionate, name="builtin.proportionate")
