"""Checks of top management's leadership and commitment (5.1.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.clauses import serves
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import (
    CommitmentKind,
    CommunicationTopic,
    EntityKind,
    Organization,
    QualityObjective,
    Responsibility,
    ReviewOutputKind,
    TargetDirection,
)

from ._helpers import G, from_gaps, lacking_resources, report, summarise

__all__ = ["register"]


def _policy_approved(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    policy = org.policy
    if policy is None:
        yield ctx.nothing_to_examine("quality policy")  # 5.2.1 reports its absence
    elif policy.approved_by is None or not org.get(policy.approved_by).top_management:  # type: ignore[union-attr]
        yield ctx.nonconformity(
            "policy_not_approved_by_top_management",
            "The quality policy is not approved by top management",
            fix="Record the top-management role that approved it (approved_by)",
            subjects=(policy.id,),
        )


def _communicates_importance(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    top = {r.id for r in org.top_management}
    topics = {CommunicationTopic.QMS_IMPORTANCE, CommunicationTopic.CONFORMITY_IMPORTANCE}
    if not org.communications:
        yield ctx.nothing_to_examine("communications")  # 7.4 reports a missing communication plan
    elif not any(c.communicator in top and topics & set(c.topics) for c in org.communications):
        yield ctx.nonconformity(
            "importance_not_communicated",
            "No planned communication by top management says why quality management and conformity matter",
            fix="Plan a communication by a top-management role on the importance of the QMS (topics: qms_importance)",
        )


#: How many of the latest measurements the trend of an objective is read from.
TREND_POINTS = 6


def _worse(objective: QualityObjective, earlier: float, later: float) -> bool:
    return later < earlier if objective.direction is TargetDirection.AT_LEAST else later > earlier


def _misses(objective: QualityObjective, value: float) -> bool:
    assert objective.target is not None
    return value < objective.target if objective.direction is TargetDirection.AT_LEAST else value > objective.target


def _trend(objective: QualityObjective, as_of: dt.date) -> str | None:
    """Why the objective is heading for a miss, read from its measurements; ``None`` when it is not.

    Only an objective whose latest measurement misses its target is read: *worsening* when its
    last three measurements each moved away from the target; *on course to miss* when it is not
    yet due and the straight line through its latest measurements (up to six) does not reach
    the target by the due date.
    """
    latest = objective.latest
    if objective.target is None or latest is None or latest.on > as_of or not _misses(objective, latest.value):
        return None
    points = sorted((m for m in objective.measurements if m.on <= as_of), key=lambda m: m.on)[-TREND_POINTS:]
    if len(points) < 3:
        return None
    last3 = points[-3:]
    shown = ", ".join(f"{m.value:g}" for m in last3)
    if _worse(objective, last3[0].value, last3[1].value) and _worse(objective, last3[1].value, last3[2].value):
        return f"Objective {quote(objective.id)} is getting worse ({shown}) against a target of {objective.target:g}"
    due = objective.due
    if due is None or due <= as_of:
        return None
    origin = points[0].on
    xs = [(m.on - origin).days for m in points]
    ys = [m.value for m in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    projected = mean_y + slope * ((due - origin).days - mean_x)
    if not _misses(objective, projected):
        return None
    return (
        f"Objective {quote(objective.id)} is on course to miss its target: {shown} so far, heading for about "
        f"{projected:.3g} by {due.isoformat()} against a target of {objective.target:g}"
    )


def _intended_results(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    idle: list[str] = []
    heading: list[tuple[str, str]] = []
    for objective in org.objectives:
        if objective.due is not None and ctx.timing.overdue(objective.due, as_of=ctx.as_of):
            continue  # long past due: whether it was missed and left as it was is 6.2.1 g's to say
        if objective.on_target() is False and not objective.actions:
            idle.append(objective.id)
        elif (why := _trend(objective, ctx.as_of)) is not None:
            heading.append((objective.id, why))
    for objective_id in idle:
        yield ctx.observation(
            "objective_off_target_without_action",
            f"Objective {quote(objective_id)} misses its target and no action is planned",
            fix="Decide on actions to bring it back on track",
            subjects=(objective_id,),
        )
    yield from report(
        ctx,
        "objective_off_track",
        heading,
        population=len(org.objectives),
        nouns="quality objectives",
        fix="Have top management look at why, and decide whether the plan, the resources or the objective must change",
        status=Status.OBSERVATION,
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
            "Neither the policy nor a planned communication shows top management promoting a quality culture and ethical behaviour",
            fix="Commit to it in the policy (quality_culture, ethical_behaviour) and communicate it",
        )


def _resources_provided(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.organization.resources:
        yield ctx.nothing_to_examine("resources")  # 7.1.1 reports their absence
        return
    yield from lacking_resources(ctx)


def _citing_clauses(org: Organization) -> dict[str, list[Responsibility]]:
    """The responsibilities citing each clause number (``5.1.1`` for ``5.1.1 b``), in file order, each once."""
    citing: dict[str, list[Responsibility]] = {}
    for responsibility in org.responsibilities:
        for number in dict.fromkeys(clause.partition(" ")[0] for clause in responsibility.clauses):
            citing.setdefault(number, []).append(responsibility)
    return citing


def _top_management_duty(ctx: CheckContext) -> Iterator[Finding]:
    """5.1.1 b-k are top management's own: a responsibility citing one must be accountable to it."""
    org = ctx.organization
    requirement = ctx.requirement
    if requirement is None:
        return
    number, _, item = requirement.clause.partition(" ")
    tops = {r.id for r in org.top_management}
    top_people = {p for role in tops for p in ctx.holders(role)}
    citing = ctx.memo(_citing_clauses, lambda: _citing_clauses(org)).get(number, ())
    astray = [
        responsibility.id
        for responsibility in citing
        if item
        and serves(responsibility.clauses, number, item)
        and responsibility.accountable
        and not any(role in tops or ctx.holders(role) & top_people for role in responsibility.accountable)
    ]
    if astray:
        reasons = [
            f"Responsibility {quote(r)} for {requirement.clause} is accountable to "
            + ", ".join(quote(a) for a in org.get(r, Responsibility).accountable)
            + ", not to top management"
            for r in astray
        ]
        yield ctx.nonconformity(
            "leadership_duty_delegated",
            summarise(reasons, len(astray), len(astray), "responsibilities"),
            fix="Top management may delegate the work (R) but stays accountable (A) for it",
            subjects=astray,
        )


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
        from_gaps(
            G.NOT_IN_ANY_PROCESS,
            subjects=frozenset({EntityKind.RESPONSIBILITY}),
            nothing=(lambda o: not o.responsibilities, "responsibilities"),
        ),
        name="builtin.integration",
    )
    registry.register("leadership.resources", _resources_provided, name="builtin.resources")
    registry.register("leadership.communicate-importance", _communicates_importance, name="builtin.importance")
    registry.register("leadership.intended-results", _intended_results, name="builtin.results")
    registry.register("leadership.improvement", _improvement, name="builtin.improvement")
    registry.register("leadership.quality-culture", _quality_culture, name="builtin.quality_culture")
    for requirement in _TOP_MANAGEMENT_ITEMS:
        registry.register(requirement, _top_management_duty, name="builtin.top_management_duty")


#: The 5.1.1 items top management answers for itself (5.1.1 a is checked through the gap queries).
_TOP_MANAGEMENT_ITEMS: tuple[str, ...] = (
    "leadership.policy-and-objectives",
    "leadership.integration",
    "leadership.process-approach",
    "leadership.resources",
    "leadership.communicate-importance",
    "leadership.intended-results",
    "leadership.engage-people",
    "leadership.quality-culture",
    "leadership.improvement",
    "leadership.support-managers",
)
