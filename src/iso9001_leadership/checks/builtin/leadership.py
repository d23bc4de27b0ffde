"""Checks of top management's leadership and commitment (5.1.1)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    CommitmentKind,
    CommunicationTopic,
    EntityKind,
    ReviewOutputKind,
)

from ._helpers import G, from_gaps, lacking_resources, no_policy, risks_recorded

__all__ = ["register"]


def _policy_approved(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    policy = org.policy
    if policy is None:
        yield no_policy(ctx)
    elif policy.approved_by is None or not org.get(policy.approved_by).top_management:  # type: ignore[union-attr]
        yield ctx.nonconformity(
            "policy_not_approved_by_top_management",
            "The quality policy is not approved by top management",
            fix="Record the top-management role that approved it (approved_by)",
            subjects=(policy.id,),
        )
    if not org.objectives:
        yield ctx.nonconformity(
            "no_objectives", "No quality objectives are set", fix="Set measurable quality objectives", major=True
        )


def _communicates_importance(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    top = {r.id for r in org.top_management}
    topics = {CommunicationTopic.QMS_IMPORTANCE, CommunicationTopic.CONFORMITY_IMPORTANCE}
    if not any(c.communicator in top and topics & set(c.topics) for c in org.communications):
        yield ctx.nonconformity(
            "importance_not_communicated",
            "Top management does not communicate why quality management and conformity matter",
            fix="Plan a communication by a top-management role on the importance of the QMS (topics: qms_importance)",
            major=True,
        )


def _intended_results(ctx: CheckContext) -> Iterator[Finding]:
    for objective in ctx.organization.objectives:
        if objective.on_target() is False and not objective.actions:
            yield ctx.observation(
                "objective_off_target_without_action",
                f"Objective {quote(objective.id)} misses its target and no action is planned",
                fix="Decide on actions to bring it back on track",
                subjects=(objective.id,),
            )


def _improvement(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    decided = any(o.kind is ReviewOutputKind.IMPROVEMENT for r in org.reviews for o in r.outputs)
    pursued = any(o.actions for o in org.opportunities)
    if not decided and not pursued:
        yield ctx.observation(
            "no_improvement_promoted",
            "No improvement decisions or pursued opportunities are recorded",
            fix="Record improvement decisions of management reviews, or actions on opportunities",
        )


def _quality_culture(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    kinds = {CommitmentKind.QUALITY_CULTURE, CommitmentKind.ETHICAL_BEHAVIOUR}
    committed = any(c.kind in kinds for c in org.commitments)
    promoted = any(CommunicationTopic.QUALITY_CULTURE in c.topics for c in org.communications)
    if not committed and not promoted:
        yield ctx.nonconformity(
            "quality_culture_not_promoted",
            "Nothing shows top management promoting a quality culture and ethical behaviour",
            fix="Commit to it in the policy (quality_culture, ethical_behaviour) and communicate it",
            major=True,
        )


def _resources_provided(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.organization.resources:
        yield ctx.nonconformity(
            "no_resources", "No resources of the QMS are recorded", fix="Record the resources the QMS needs", major=True
        )
    yield from lacking_resources(ctx)


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 5.1.1."""
    registry.register(
        "leadership.accountability",
        from_gaps(G.NO_TOP_MANAGEMENT, G.TOP_MANAGEMENT_NOT_ACCOUNTABLE, major=True),
        name="builtin.top_management",
    )
    registry.register("leadership.policy-and-objectives", _policy_approved, name="builtin.policy_approved")
    registry.register(
        "leadership.integration",
        from_gaps(G.NOT_IN_ANY_PROCESS, subjects=frozenset({EntityKind.RESPONSIBILITY, EntityKind.OBJECTIVE})),
        name="builtin.integration",
    )
    registry.register("leadership.process-approach", risks_recorded, name="builtin.risks_recorded")
    registry.register("leadership.resources", _resources_provided, name="builtin.resources")
    registry.register("leadership.communicate-importance", _communicates_importance, name="builtin.importance")
    registry.register("leadership.intended-results", _intended_results, name="builtin.results")
    registry.register("leadership.improvement", _improvement, name="builtin.improvement")
    registry.register("leadership.quality-culture", _quality_culture, name="builtin.quality_culture")
