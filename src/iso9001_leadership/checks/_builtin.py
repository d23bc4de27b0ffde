"""The built-in checks: one or more per requirement of the catalog, keyed by requirement id.

Most rest on the gap queries (:mod:`iso9001_leadership.queries`); the rest read the model
directly. Requirements with no check here are decided by the assessment's default rule (a
requirement the model decides conforms; others need evidence).

Grading (see ``docs/assessment.md``): ``major`` when the requirement is not addressed at all
(no policy, no management review, no top-management accountability, a 5.3 duty given to
nobody), or when a check's findings cover at least half of the elements it examined (a
systemic breakdown); ``minor`` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from iso9001_leadership.assessment import Finding, Status
from iso9001_leadership.model import (
    AwarenessTopic,
    CommitmentKind,
    CommunicationTopic,
    EntityKind,
    Opportunity,
    Organization,
    PartyKind,
    ResourceStatus,
    ReviewInput,
    ReviewOutputKind,
    Risk,
)
from iso9001_leadership.queries import GapKind

from . import CheckContext, CheckRegistry

__all__ = ["register_builtin"]

G = GapKind
Body = Callable[[CheckContext], Iterable[Finding]]

#: A management review older than this (in days) before the assessment date is overdue (9.3.1).
REVIEW_INTERVAL_DAYS = 15 * 31
#: A latest measurement older than this (in days) means an objective is not being followed (6.2.1 e).
MEASUREMENT_STALE_DAYS = 190


def _systemic(count: int, population: int) -> bool:
    """Findings covering at least half of what was examined (and at least two) are systemic."""
    return population > 0 and count >= 2 and 2 * count >= population


def _kind_filter(ctx: CheckContext, kinds: frozenset[EntityKind] | None, subjects: Sequence[str]) -> bool:
    if kinds is None:
        return True
    org = ctx.organization
    return any(s in org and org.kind_of(s) in kinds for s in subjects)


def _from_gaps(
    *gap_kinds: GapKind,
    status: Status = Status.NONCONFORMITY,
    major: bool = False,
    subjects: frozenset[EntityKind] | None = None,
    population: Callable[[Organization], int] | None = None,
    clause: str | None = None,
) -> Body:
    """A check that turns the gaps of some kinds into findings."""

    def run(ctx: CheckContext) -> Iterator[Finding]:
        gaps = [
            g
            for g in ctx.gaps(*gap_kinds)
            if _kind_filter(ctx, subjects, g.subjects) and (clause is None or clause in g.clauses)
        ]
        examined = population(ctx.organization) if population is not None else _population_of(ctx.organization, gaps)
        faulty = len({g.subjects[0] if g.subjects else "" for g in gaps})
        grade_major = major or _systemic(faulty, examined)
        for gap in gaps:
            yield ctx.from_gap(gap, major=grade_major, status=status)

    return run


def _population_of(org: Organization, gaps: Sequence[Any]) -> int:
    """How many elements of the kind of the gaps' main subject the organization has."""
    for gap in gaps:
        if gap.subjects and gap.subjects[0] in org:
            return len(org.ids(org.kind_of(gap.subjects[0])))
    return 0


def _each(
    rule: str,
    items: Callable[[Organization], Sequence[Any]],
    fault: Callable[[Any, CheckContext], str | None],
    fix: str,
    *,
    status: Status = Status.NONCONFORMITY,
    none_is_major: str | None = None,
    none_rule: str = "",
) -> Body:
    """A check that examines each item and reports those at fault; ``fault`` returns the reason.

    With ``none_is_major``, an organization with no items at all gets one major finding with
    that reason (the requirement is not addressed).
    """

    def run(ctx: CheckContext) -> Iterator[Finding]:
        population = items(ctx.organization)
        if not population:
            if none_is_major:
                yield ctx.nonconformity(none_rule or f"no_{rule}", none_is_major, fix=fix, major=True)
            return
        faults = [(item, reason) for item in population if (reason := fault(item, ctx)) is not None]
        systemic = _systemic(len(faults), len(population))
        for item, reason in faults:
            subject = (item.id,)
            if status is Status.NONCONFORMITY:
                yield ctx.nonconformity(rule, reason, fix=fix, subjects=subject, major=systemic)
            elif status is Status.OBSERVATION:
                yield ctx.observation(rule, reason, fix=fix, subjects=subject)
            else:
                yield ctx.opportunity(rule, reason, fix=fix, subjects=subject)

    return run


def _q(element_id: str) -> str:
    return f"'{element_id}'"


# -- policy ---------------------------------------------------------------------------------


def _no_policy(ctx: CheckContext) -> Finding:
    return ctx.nonconformity(
        "no_policy",
        "The organization has no quality policy",
        fix="Have top management set a quality policy",
        major=True,
    )


def _commitment(kind: CommitmentKind, what: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        policy = ctx.organization.policy
        if policy is None:
            yield _no_policy(ctx)
        elif not any(c.kind is kind for c in policy.commitments):
            yield ctx.nonconformity(
                f"policy_without_{kind.value}_commitment",
                f"The quality policy makes no commitment {what}",
                fix=f"Add a commitment of kind '{kind.value}' to the policy",
                subjects=(policy.id,),
            )

    return run


def _policy_appropriate(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield _no_policy(ctx)
        return
    if not policy.context_issues and not policy.strategic_direction.strip():
        yield ctx.observation(
            "policy_not_linked_to_context",
            "The quality policy records no link to the organization's context or strategy",
            fix="List the context issues it answers (context_issues) or say how it supports the strategy",
            subjects=(policy.id,),
        )


def _policy_documented(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield _no_policy(ctx)
        return
    missing = [name for name in ("version", "location") if not getattr(policy, name).strip()]
    if policy.approved_on is None:
        missing.append("approved_on")
    if missing:
        yield ctx.nonconformity(
            "policy_not_controlled",
            f"The quality policy is not controlled as documented information: no {', '.join(missing)}",
            fix="Record the policy's version, approval date and where the controlled copy is kept",
            subjects=(policy.id,),
        )
    yield from _from_gaps(G.POLICY_REVIEW_OVERDUE)(ctx)


def _policy_approved(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    policy = org.policy
    if policy is None:
        yield _no_policy(ctx)
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


def _policy_communicated(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.organization.policy is None:
        yield _no_policy(ctx)
        return
    yield from _from_gaps(G.POLICY_NOT_COMMUNICATED, population=lambda o: len(o.roles))(ctx)


def _policy_available(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield _no_policy(ctx)
    elif not policy.available_to:
        yield ctx.nonconformity(
            "policy_not_available_to_parties",
            "The quality policy is not made available to any interested party",
            fix="Record the interested parties it is published to (available_to)",
            subjects=(policy.id,),
        )


# -- context, processes ---------------------------------------------------------------------


def _climate(ctx: CheckContext) -> Iterator[Finding]:
    climate = [i for i in ctx.organization.context_issues if i.climate]
    if not climate:
        yield ctx.nonconformity(
            "no_climate_decision",
            "No decision is recorded on whether climate change is a relevant issue",
            fix="Add a context issue with climate: true, the decision (relevant) and its rationale",
            major=True,
        )
        return
    for issue in climate:
        if not issue.rationale.strip():
            yield ctx.observation(
                "climate_decision_without_rationale",
                f"The climate-change decision {_q(issue.id)} gives no rationale",
                fix="Record why climate change is (or is not) relevant",
                subjects=(issue.id,),
            )


def _processes(org: Organization) -> Sequence[Any]:
    return org.processes


_NO_PROCESSES = "No processes of the QMS are recorded"


def _inputs_outputs(process: Any, _: CheckContext) -> str | None:
    missing = [name for name in ("inputs", "outputs") if not getattr(process, name)]
    return f"Process {_q(process.id)} has no recorded {' or '.join(missing)}" if missing else None


def _criteria(process: Any, _: CheckContext) -> str | None:
    if process.indicators or process.criteria.strip():
        return None
    return f"Process {_q(process.id)} has no performance indicators or control criteria"


def _process_resources(process: Any, _: CheckContext) -> str | None:
    return None if process.resources else f"Process {_q(process.id)} has no resources assigned"


def _lacking_resources(ctx: CheckContext) -> Iterator[Finding]:
    for resource in ctx.organization.resources:
        if resource.status is ResourceStatus.LACKING:
            yield ctx.nonconformity(
                "resource_lacking",
                f"Resource {_q(resource.id)} is needed but not provided",
                fix="Provide it, or plan it with an owner and a date",
                subjects=(resource.id,),
            )


def _process_responsibilities(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    covered = {p for r in org.responsibilities for p in r.processes}
    for process in org.processes:
        if process.id not in covered:
            yield ctx.observation(
                "process_without_responsibilities",
                f"Process {_q(process.id)} has an owner at most, but no responsibilities assigned within it",
                fix="Record the responsibilities (RACI) of the roles working in it",
                subjects=(process.id,),
            )


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
                f"{_q(element.id)} does not trace to a context issue or interested-party requirement",
                fix="Record where it comes from (sources)",
                subjects=(element.id,),
            )


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
                    f"Action {_q(action_id)} on {_q(owner_id)} is not built into any process",
                    fix="Name the processes the action is built into",
                    subjects=(action_id, owner_id),
                )

    return run


# -- leadership -----------------------------------------------------------------------------


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
                f"Objective {_q(objective.id)} misses its target and no action is planned",
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
    yield from _lacking_resources(ctx)


# -- customer focus -------------------------------------------------------------------------


def _customer_requirements(ctx: CheckContext) -> Iterator[Finding]:
    if not any(p.kind is PartyKind.CUSTOMER for p in ctx.organization.interested_parties):
        yield ctx.nonconformity(
            "no_customers",
            "No customers are recorded among the interested parties",
            fix="Record the customers and their requirements",
            major=True,
        )
    yield from _from_gaps(G.UNOWNED_REQUIREMENT, population=lambda o: len(o.party_requirements))(ctx)


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
            major=True,
        )


# -- objectives -----------------------------------------------------------------------------


def _objectives(org: Organization) -> Sequence[Any]:
    return org.objectives


_NO_OBJECTIVES = "No quality objectives are set"


def _measurable(objective: Any, _: CheckContext) -> str | None:
    missing = [n for n, v in (("metric", objective.metric.strip()), ("target", objective.target)) if v in ("", None)]
    return f"Objective {_q(objective.id)} has no {' or '.join(missing)}" if missing else None


def _monitored(objective: Any, ctx: CheckContext) -> str | None:
    latest = objective.latest
    if latest is None:
        return f"Objective {_q(objective.id)} has never been measured"
    if (ctx.as_of - latest.on).days > MEASUREMENT_STALE_DAYS:
        return f"Objective {_q(objective.id)} was last measured on {latest.on.isoformat()}"
    return None


def _objectives_communicated(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    mentioned = {element_id for c in org.communications for element_id in c.about}
    silent = [o for o in org.objectives if not o.communicated_to and o.id not in mentioned]
    systemic = _systemic(len(silent), len(org.objectives))
    for objective in silent:
        yield ctx.nonconformity(
            "objective_not_communicated",
            f"Objective {_q(objective.id)} is not communicated to anyone",
            fix="Communicate it to the roles that work towards it",
            subjects=(objective.id,),
            major=systemic,
        )


def _plan_field(field: str, label: str) -> Callable[[Any, CheckContext], str | None]:
    def fault(objective: Any, _: CheckContext) -> str | None:
        value = getattr(objective, field)
        empty = value is None or value == () or (isinstance(value, str) and not value.strip())
        return f"The plan for objective {_q(objective.id)} does not say {label}" if empty else None

    return fault


# -- communication --------------------------------------------------------------------------


def _communication_field(field: str, label: str) -> Callable[[Any, CheckContext], str | None]:
    def fault(communication: Any, _: CheckContext) -> str | None:
        value = getattr(communication, field)
        if field == "about":
            value = value or communication.topics
        empty = value is None or value == () or (isinstance(value, str) and not value.strip())
        return f"Communication {_q(communication.id)} does not say {label}" if empty else None

    return fault


# -- awareness ------------------------------------------------------------------------------


def _awareness(topic: Any, label: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        people = [p for p in ctx.organization.people if p.roles]
        unaware = [p for p in people if topic not in p.awareness]
        if not people or not unaware:
            return
        if len(unaware) == len(people):
            yield ctx.needs_evidence(
                f"awareness_of_{topic.value}_not_recorded",
                f"No one's awareness of {label} is recorded",
                fix=f"Record awareness ({topic.value}) per person, or keep training records as evidence",
            )
            return
        for person in unaware:
            yield ctx.observation(
                f"unaware_of_{topic.value}",
                f"{person.name} ({person.id}) has no recorded awareness of {label}",
                fix=f"Brief them and record it (awareness: {topic.value})",
                subjects=(person.id,),
            )

    return run


# -- management review ----------------------------------------------------------------------


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
                f"Management review {_q(review.id)} was not chaired by top management",
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


def _review_inputs(inputs: tuple[ReviewInput, ...]) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        reviews = ctx.organization.reviews
        for review in reviews:
            missing = [i.value for i in inputs if i not in review.inputs]
            if missing:
                yield ctx.nonconformity(
                    "review_input_missing",
                    f"Management review {_q(review.id)} did not consider: {', '.join(missing)}",
                    fix="Cover every required input in each management review",
                    subjects=(review.id,),
                    major=len(missing) == len(inputs) and len(reviews) == 1,
                )

    return run


def _review_output(kind: ReviewOutputKind, label: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        reviews = ctx.organization.reviews
        if reviews and not any(o.kind is kind for r in reviews for o in r.outputs):
            yield ctx.observation(
                f"no_review_output_{kind.value}",
                f"No management review recorded a decision on {label}",
                fix=f"Record review outputs of kind '{kind.value}', even when the decision is that none is needed",
            )

    return run


# -- the table --------------------------------------------------------------------------------

_RISKS = frozenset({EntityKind.RISK})
_OPPORTUNITIES = frozenset({EntityKind.OPPORTUNITY})
_BOTH = _RISKS | _OPPORTUNITIES


def _risk_checks(kinds: frozenset[EntityKind]) -> list[tuple[str, Body]]:
    return [
        ("actions_planned", _from_gaps(G.UNOWNED_RISK, G.UNADDRESSED_RISK, subjects=kinds)),
        ("actions_integrated", _actions_integrated(kinds)),
        ("actions_effective", _from_gaps(G.UNEVALUATED_ACTION, subjects=kinds)),
    ]


def _table() -> list[tuple[str, str, Body]]:
    process_count: Callable[[Organization], int] = lambda o: len(o.processes)  # noqa: E731
    responsibility_count: Callable[[Organization], int] = lambda o: len(o.responsibilities)  # noqa: E731
    rows: list[tuple[str, str, Body]] = [
        ("context.climate", "climate_decision", _climate),
        (
            "processes.inputs-outputs",
            "inputs_outputs",
            _each(
                "process_without_inputs_outputs",
                _processes,
                _inputs_outputs,
                "Record its inputs and outputs",
                none_is_major=_NO_PROCESSES,
                none_rule="no_processes",
            ),
        ),
        ("processes.sequence-interaction", "interaction", _from_gaps(G.ISOLATED_PROCESS, population=process_count)),
        (
            "processes.criteria-indicators",
            "criteria",
            _each("process_without_criteria", _processes, _criteria, "Set indicators and control criteria"),
        ),
        (
            "processes.resources",
            "process_resources",
            _each("process_without_resources", _processes, _process_resources, "Assign the resources it needs"),
        ),
        ("processes.responsibilities", "process_responsibilities", _process_responsibilities),
        ("processes.risks", "risks_in_processes", _from_gaps(G.NOT_IN_ANY_PROCESS, subjects=_BOTH)),
        (
            "leadership.accountability",
            "top_management",
            _from_gaps(G.NO_TOP_MANAGEMENT, G.TOP_MANAGEMENT_NOT_ACCOUNTABLE, major=True),
        ),
        ("leadership.policy-and-objectives", "policy_approved", _policy_approved),
        (
            "leadership.integration",
            "integration",
            _from_gaps(G.NOT_IN_ANY_PROCESS, subjects=frozenset({EntityKind.RESPONSIBILITY, EntityKind.OBJECTIVE})),
        ),
        ("leadership.process-approach", "risks_recorded", _risks_recorded),
        ("leadership.resources", "resources", _resources_provided),
        ("leadership.communicate-importance", "importance", _communicates_importance),
        ("leadership.intended-results", "results", _intended_results),
        ("leadership.improvement", "improvement", _improvement),
        ("leadership.quality-culture", "quality_culture", _quality_culture),
        ("customer-focus.requirements", "customer_requirements", _customer_requirements),
        ("customer-focus.risks", "customer_risks", _from_gaps(G.CUSTOMER_RISK_UNTREATED)),
        ("customer-focus.satisfaction", "satisfaction", _customer_satisfaction),
        ("policy.appropriate", "context_link", _policy_appropriate),
        (
            "policy.objectives-framework",
            "commitment",
            _commitment(CommitmentKind.OBJECTIVES_FRAMEWORK, "to a framework for objectives"),
        ),
        (
            "policy.satisfy-requirements",
            "commitment",
            _commitment(CommitmentKind.SATISFY_REQUIREMENTS, "to satisfy applicable requirements"),
        ),
        (
            "policy.continual-improvement",
            "commitment",
            _commitment(CommitmentKind.CONTINUAL_IMPROVEMENT, "to continual improvement"),
        ),
        ("policy.documented", "controlled", _policy_documented),
        ("policy.communicated", "communicated", _policy_communicated),
        ("policy.available-to-parties", "available", _policy_available),
        (
            "roles.assigned",
            "raci",
            _from_gaps(
                G.RESPONSIBILITY_WITHOUT_ACCOUNTABLE,
                G.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE,
                G.RESPONSIBILITY_WITHOUT_RESPONSIBLE,
                population=responsibility_count,
            ),
        ),
        ("roles.assigned", "authority", _from_gaps(G.MISSING_AUTHORITY)),
        ("roles.assigned", "unheld_authority", _from_gaps(G.UNHELD_AUTHORITY, status=Status.OBSERVATION)),
        ("roles.assigned", "staffing", _from_gaps(G.UNSTAFFED_ROLE)),
        ("roles.assigned", "single_points", _from_gaps(G.SINGLE_POINT_OF_FAILURE, status=Status.OBSERVATION)),
        ("roles.assigned", "span", _from_gaps(G.SPAN_OF_CONTROL, status=Status.OPPORTUNITY)),
        ("roles.assigned", "segregation", _from_gaps(G.SELF_AUDIT)),
        ("roles.qms-conformity", "duty", _from_gaps(G.DUTY_UNASSIGNED, clause="5.3 a", major=True)),
        (
            "roles.process-outputs",
            "owners",
            _from_gaps(G.PROCESS_WITHOUT_OWNER, G.PROCESS_WITH_SEVERAL_OWNERS, population=process_count),
        ),
        ("roles.process-outputs", "duty", _from_gaps(G.DUTY_UNASSIGNED, clause="5.3 b", major=True)),
        ("roles.performance-reporting", "duty", _from_gaps(G.DUTY_UNASSIGNED, clause="5.3 c", major=True)),
        ("roles.performance-reporting", "reporting_lines", _from_gaps(G.REPORTING_LINE_BROKEN, G.REPORTING_CYCLE)),
        ("roles.customer-focus", "duty", _from_gaps(G.DUTY_UNASSIGNED, clause="5.3 d", major=True)),
        ("roles.change-integrity", "duty", _from_gaps(G.DUTY_UNASSIGNED, clause="5.3 e", major=True)),
        ("planning.risks-determined", "risks_recorded", _risks_recorded),
        ("objectives.consistent-with-policy", "commitment", _from_gaps(G.OBJECTIVE_WITHOUT_COMMITMENT)),
        (
            "objectives.measurable",
            "measurable",
            _each(
                "objective_not_measurable",
                _objectives,
                _measurable,
                "Give it a metric and a target",
                none_is_major=_NO_OBJECTIVES,
                none_rule="no_objectives",
            ),
        ),
        (
            "objectives.monitored",
            "monitored",
            _each("objective_not_monitored", _objectives, _monitored, "Measure it and record the value"),
        ),
        ("objectives.communicated", "communicated", _objectives_communicated),
        (
            "objective-plans.what",
            "plan",
            _each(
                "objective_plan_incomplete",
                _objectives,
                _plan_field("actions", "what will be done"),
                "Link the actions that will achieve it",
            ),
        ),
        (
            "objective-plans.resources",
            "plan",
            _each(
                "objective_plan_incomplete",
                _objectives,
                _plan_field("resources", "which resources it needs"),
                "Link the resources it needs",
            ),
        ),
        (
            "objective-plans.responsible",
            "plan",
            _each(
                "objective_plan_incomplete", _objectives, _plan_field("owner", "who is responsible"), "Name an owner"
            ),
        ),
        (
            "objective-plans.when",
            "plan",
            _each(
                "objective_plan_incomplete", _objectives, _plan_field("due", "when it will be done"), "Set a due date"
            ),
        ),
        (
            "objective-plans.evaluation",
            "plan",
            _each(
                "objective_plan_incomplete",
                _objectives,
                _plan_field("evaluation", "how results will be evaluated"),
                "Say how results will be evaluated",
            ),
        ),
        ("resources.determined-provided", "provided", _lacking_resources),
        ("awareness.policy", "awareness", _awareness(AwarenessTopic.POLICY, "the quality policy")),
        (
            "communication.what",
            "what",
            _each(
                "communication_incomplete",
                lambda o: o.communications,
                _communication_field("about", "what it is about"),
                "Say what it communicates",
                none_is_major="No communication about the QMS is planned",
                none_rule="no_communications",
            ),
        ),
        (
            "communication.when",
            "when",
            _each(
                "communication_incomplete",
                lambda o: o.communications,
                _communication_field("frequency", "when it happens"),
                "Say when or how often",
            ),
        ),
        (
            "communication.with-whom",
            "audience",
            _each(
                "communication_incomplete",
                lambda o: o.communications,
                _communication_field("audience", "whom it reaches"),
                "Name the audience",
            ),
        ),
        (
            "communication.how",
            "channel",
            _each(
                "communication_incomplete",
                lambda o: o.communications,
                _communication_field("channel", "how it is communicated"),
                "Name the channel",
            ),
        ),
        (
            "communication.who",
            "communicator",
            _each(
                "communication_incomplete",
                lambda o: o.communications,
                _communication_field("communicator", "who communicates"),
                "Name the communicating role",
            ),
        ),
        ("review.planned", "reviews", _review_planned),
        ("review-outputs.improvement", "outputs", _review_output(ReviewOutputKind.IMPROVEMENT, "improvement")),
        ("review-outputs.qms-changes", "outputs", _review_output(ReviewOutputKind.QMS_CHANGE, "changes to the QMS")),
        ("review-outputs.resource-needs", "outputs", _review_output(ReviewOutputKind.RESOURCE_NEED, "resource needs")),
    ]
    A = AwarenessTopic  # noqa: N806
    rows += [
        ("awareness.objectives", "awareness", _awareness(A.OBJECTIVES, "the quality objectives")),
        ("awareness.contribution", "awareness", _awareness(A.CONTRIBUTION, "their contribution to the QMS")),
        (
            "awareness.nonconformity",
            "awareness",
            _awareness(A.NONCONFORMITY_IMPLICATIONS, "what not conforming implies"),
        ),
        (
            "awareness.quality-culture",
            "awareness",
            _awareness(A.QUALITY_CULTURE, "quality culture and ethical behaviour"),
        ),
    ]
    rows += [(req, "inputs", _review_inputs(inputs)) for req, inputs in _REVIEW_INPUTS.items()]
    # 2015: 6.1.2 a / b 1 / b 2 cover risks and opportunities together.
    both = dict(_risk_checks(_BOTH))
    rows += [
        ("planning.actions-planned", "actions", both["actions_planned"]),
        ("planning.actions-integrated", "actions", both["actions_integrated"]),
        ("planning.actions-effectiveness", "actions", both["actions_effective"]),
    ]
    # 2026: 6.1.2 for risks, 6.1.3 for opportunities.
    rows += [("planning.risk-actions", name, body) for name, body in _risk_checks(_RISKS)]
    rows += [("planning.opportunity-actions", name, body) for name, body in _risk_checks(_OPPORTUNITIES)]
    return rows


def register_builtin(registry: CheckRegistry) -> None:
    """Register every built-in check."""
    for requirement, name, body in _table():
        registry.register(requirement, body, name=f"builtin.{name}")
