"""Every requirement of each edition's catalog: one organization violates it, the complete one satisfies it.

``CASES`` is the table: a requirement id, how the complete organization of ``_orgs`` is changed
to violate it, and what the assessment must then say of that requirement (status, grade, the
rule of the finding and the elements at fault). A change that necessarily breaks other
requirements too lists them in ``also`` with the status each gets, and nothing else may move.
Requirements with no built-in check are violated by removing the evidence that settles them:
they then need evidence. A test keeps the table covering every id of both catalogs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping

import attrs
import pytest
from tests.assessment._orgs import (
    AS_OF,
    change,
    complete,
    drop_clause_evidence,
    drop_commitment,
    without_review_inputs,
    without_review_outputs,
)

from iso9001_leadership import (
    AwarenessTopic,
    CommitmentKind,
    CommunicationTopic,
    Organization,
    ResourceStatus,
    ReviewInput,
    ReviewOutputKind,
    Role,
)
from iso9001_leadership.assessment import Assessment, Grade, Status, assess
from iso9001_leadership.catalog import EDITIONS, Catalog
from iso9001_leadership.checks import default_registry

NC, OBS, OFI, NE = Status.NONCONFORMITY, Status.OBSERVATION, Status.OPPORTUNITY, Status.NEEDS_EVIDENCE
MAJOR, MINOR = Grade.MAJOR, Grade.MINOR

Mutation = Callable[[Organization, str], Organization]


def model(mutate: Callable[[Organization], Organization]) -> Mutation:
    """A change of the organization model, the same in every edition."""
    return lambda org, edition: mutate(org)


def no_evidence(requirement: str) -> Mutation:
    """Remove the evidence citing the requirement's clause in the assessed edition."""
    return lambda org, edition: drop_clause_evidence(org, Catalog.builtin(edition)[requirement].clause, requirement)


@attrs.frozen(eq=False)
class Case:
    """One way to violate one requirement, and what the assessment must say about it."""

    requirement: str
    mutate: Mutation = attrs.field(repr=False)
    status: Status
    grade: Grade | None
    rule: str
    subjects: tuple[str, ...] = ()
    also: Mapping[str, Status] = attrs.field(factory=dict)
    """Other requirements the change necessarily breaks (ids of either edition) and their status."""
    label: str = ""
    evidence_asked: bool = False
    """The requirement also still needs evidence (the model shows a gap, and nothing documents the rest)."""

    @property
    def id(self) -> str:
        """The test id."""
        return f"{self.requirement}-{self.label}" if self.label else self.requirement


def _isolate_sell(org: Organization) -> Organization:
    org = change(org, "proc-manage", interacts_with=("proc-make",))
    return change(org, "proc-make", interacts_with=())


def _no_sell_responsibilities(org: Organization) -> Organization:
    org = change(org, "resp-process-outputs", processes=("proc-make",))
    return change(org, "resp-customer-focus", processes=("proc-manage",))


def _off_target_without_action(org: Organization) -> Organization:
    objective = org.get("obj-otd")
    measurements = (*objective.measurements[:-1], attrs.evolve(objective.measurements[-1], value=89.0))  # type: ignore[union-attr]
    return change(org, "obj-otd", measurements=measurements, actions=())


def _no_improvement_promoted(org: Organization) -> Organization:
    org = without_review_outputs(org, ReviewOutputKind.IMPROVEMENT)
    return change(org, "opp-export", actions=(), accepted=True, rationale="Waiting for the 2027 budget")


def _no_quality_culture(org: Organization) -> Organization:
    org = drop_commitment(org, [CommitmentKind.QUALITY_CULTURE, CommitmentKind.ETHICAL_BEHAVIOUR])
    topics = (CommunicationTopic.QMS_IMPORTANCE, CommunicationTopic.CONFORMITY_IMPORTANCE)
    return change(org, "comm-policy", topics=topics)


def _satisfaction_not_tracked(org: Organization) -> Organization:
    org = change(org, "obj-otd", supports=("c-improvement",))
    return without_review_inputs(org, ReviewInput.CUSTOMER_SATISFACTION)


def _policy_not_communicated_to_ops(org: Organization) -> Organization:
    org = change(org, "policy", communicated_to=("md", "qm"))
    return change(org, "comm-policy", audience=("qm",))


def _unaware(topic: AwarenessTopic, requirement: str) -> Mutation:
    """Cai has no recorded awareness, and no training record shows it for everyone."""

    def mutate(org: Organization, edition: str) -> Organization:
        person = org.get("cai")
        org = change(org, "cai", awareness=tuple(t for t in person.awareness if t is not topic))  # type: ignore[union-attr]
        return no_evidence(requirement)(org, edition)

    return mutate


def _drop_duty(responsibility: str, clause: str) -> Mutation:
    def mutate(org: Organization, edition: str) -> Organization:
        clauses = org.get(responsibility).clauses  # type: ignore[union-attr]
        return change(org, responsibility, clauses=tuple(c for c in clauses if c != clause))

    return mutate


def _cut_off_reporter(org: Organization) -> Organization:
    """The quality manager, who reports QMS performance (5.3 c), reports to no one and attends no review."""
    org = change(org, "qm", reports_to=None)
    review = org.get("mr-2026-06")
    attendees = tuple(a for a in review.attendees if a != "qm")  # type: ignore[union-attr]
    return change(org, "mr-2026-06", attendees=attendees)


def _span_of_control(org: Organization) -> Organization:
    clerks = [Role(id=f"clerk-{n}", title=f"Clerk {n}", reports_to="qm") for n in range(11)]
    return org.with_elements(*clerks)


CASES: tuple[Case, ...] = (
    # -- 4.1, 4.2 (Amendment 1:2024) ---------------------------------------------------------
    Case(
        "context.climate",
        model(lambda o: change(o, "risk-late-delivery", sources=("req-delivery",)).without(["ci-climate"])),
        NC,
        MINOR,
        "no_climate_decision",
    ),
    Case(
        "context.climate",
        model(lambda o: change(o, "ci-climate", rationale="")),
        OBS,
        None,
        "climate_decision_without_rationale",
        ("ci-climate",),
        label="no-rationale",
    ),
    # -- 4.4.1 ---------------------------------------------------------------------------------
    Case(
        "processes.inputs-outputs",
        model(lambda o: change(o, "proc-sell", outputs=())),
        NC,
        MINOR,
        "process_without_inputs_outputs",
        ("proc-sell",),
    ),
    Case("processes.sequence-interaction", model(_isolate_sell), NC, MINOR, "isolated_process", ("proc-sell",)),
    Case(
        "processes.criteria-indicators",
        model(lambda o: change(o, "proc-sell", indicators=(), criteria="")),
        NC,
        MINOR,
        "process_without_criteria",
        ("proc-sell",),
    ),
    Case(
        "processes.resources",
        model(lambda o: change(o, "proc-sell", resources=())),
        NC,
        MINOR,
        "process_without_resources",
        ("proc-sell",),
    ),
    Case(
        "processes.responsibilities",
        model(_no_sell_responsibilities),
        OBS,
        None,
        "process_without_responsibilities",
        ("proc-sell",),
    ),
    Case(
        "processes.risks",
        model(lambda o: change(o, "risk-supplier", processes=())),
        NC,
        MINOR,
        "not_in_any_process",
        ("risk-supplier",),
    ),
    Case("processes.evaluation", no_evidence("processes.evaluation"), NE, None, "needs_evidence"),
    Case("processes.improvement", no_evidence("processes.improvement"), NE, None, "needs_evidence"),
    # -- 5.1.1 ---------------------------------------------------------------------------------
    Case(
        "leadership.accountability",
        model(lambda o: change(o, "resp-qms-effectiveness", accountable=("qm",))),
        NC,
        MAJOR,
        "top_management_not_accountable",
        ("resp-qms-effectiveness",),
    ),
    Case(
        "leadership.policy-and-objectives",
        model(lambda o: change(o, "policy", approved_by="qm")),
        NC,
        MINOR,
        "policy_not_approved_by_top_management",
        ("policy",),
    ),
    Case(
        "leadership.integration",
        model(lambda o: change(o, "resp-customer-focus", processes=())),
        NC,
        MINOR,
        "not_in_any_process",
        ("resp-customer-focus",),
    ),
    Case(
        "leadership.integration",
        model(lambda o: change(o, "resp-process-outputs", clauses=("5.3 b", "5.1.1 c"))),
        NC,
        MINOR,
        "leadership_duty_delegated",
        ("resp-process-outputs",),
        label="accountable-outside-top-management",
    ),
    Case("leadership.process-approach", no_evidence("leadership.process-approach"), NE, None, "needs_evidence"),
    Case(
        "leadership.resources",
        model(lambda o: change(o, "res-test-rig", status=ResourceStatus.LACKING)),
        NC,
        MINOR,
        "resource_lacking",
        ("res-test-rig",),
        {"resources.determined-provided": NC},
    ),
    Case(
        "leadership.communicate-importance",
        model(lambda o: change(o, "comm-policy", topics=(CommunicationTopic.QUALITY_CULTURE,))),
        NC,
        MINOR,
        "importance_not_communicated",
    ),
    Case(
        "leadership.intended-results",
        model(_off_target_without_action),
        OBS,
        None,
        "objective_off_target_without_action",
        ("obj-otd",),
        {"objective-plans.what": NC},
    ),
    Case("leadership.engage-people", no_evidence("leadership.engage-people"), NE, None, "needs_evidence"),
    Case(
        "leadership.quality-culture",
        model(_no_quality_culture),
        NC,
        MINOR,
        "quality_culture_not_promoted",
    ),
    Case(
        "leadership.improvement",
        model(_no_improvement_promoted),
        OBS,
        None,
        "no_improvement_promoted",
        also={"review-outputs.improvement": OBS},
    ),
    Case("leadership.support-managers", no_evidence("leadership.support-managers"), NE, None, "needs_evidence"),
    # -- 5.1.2 ---------------------------------------------------------------------------------
    Case(
        "customer-focus.requirements",
        model(lambda o: change(o, "req-delivery", owner=None)),
        NC,
        MINOR,
        "unowned_requirement",
        ("req-delivery", "ip-customer"),
    ),
    Case(
        "customer-focus.risks",
        model(lambda o: change(o, "risk-late-delivery", actions=())),
        NC,
        MINOR,
        "customer_risk_untreated",
        ("risk-late-delivery",),
    ),
    Case(
        "customer-focus.satisfaction",
        model(_satisfaction_not_tracked),
        NC,
        MINOR,
        "customer_satisfaction_not_tracked",
        also={"review-inputs.performance": NC},
    ),
    # -- 5.2 -----------------------------------------------------------------------------------
    Case(
        "policy.appropriate",
        model(lambda o: change(o, "policy", context_issues=(), strategic_direction="")),
        OBS,
        None,
        "policy_not_linked_to_context",
        ("policy",),
    ),
    Case(
        "policy.objectives-framework",
        model(lambda o: drop_commitment(o, [CommitmentKind.OBJECTIVES_FRAMEWORK])),
        NC,
        MINOR,
        "policy_without_objectives_framework_commitment",
        ("policy",),
    ),
    Case(
        "policy.satisfy-requirements",
        model(lambda o: drop_commitment(o, [CommitmentKind.SATISFY_REQUIREMENTS])),
        NC,
        MINOR,
        "policy_without_satisfy_requirements_commitment",
        ("policy",),
    ),
    Case(
        "policy.continual-improvement",
        model(lambda o: drop_commitment(o, [CommitmentKind.CONTINUAL_IMPROVEMENT])),
        NC,
        MINOR,
        "policy_without_continual_improvement_commitment",
        ("policy",),
    ),
    Case(
        "policy.documented",
        model(lambda o: change(o, "policy", version="")),
        NC,
        MINOR,
        "policy_not_controlled",
        ("policy",),
    ),
    Case(
        "policy.documented",
        model(lambda o: change(o, "policy", location="n/a")),
        NC,
        MINOR,
        "policy_not_controlled",
        ("policy",),
        label="placeholder-location",
    ),
    Case(
        "policy.communicated",
        model(_policy_not_communicated_to_ops),
        NC,
        MINOR,
        "policy_not_communicated",
        ("policy", "ops"),
    ),
    Case(
        "policy.available-to-parties",
        model(lambda o: change(o, "policy", available_to=())),
        NC,
        MINOR,
        "policy_not_available_to_parties",
        ("policy",),
    ),
    # -- 5.3 -----------------------------------------------------------------------------------
    Case(
        "roles.assigned",
        model(lambda o: change(o, "resp-customer-focus", responsible=())),
        NC,
        MINOR,
        "responsibility_without_responsible",
        ("resp-customer-focus",),
    ),
    Case(
        "roles.assigned",
        model(lambda o: change(o, "resp-customer-focus", accountable=("md", "qm"))),
        NC,
        MINOR,
        "responsibility_with_several_accountable",
        ("resp-customer-focus", "md", "qm"),
        label="two-accountable",
    ),
    Case(
        "roles.assigned",
        model(lambda o: change(o, "resp-process-outputs", authorities_needed=("auth-stop-line", "auth-release"))),
        NC,
        MINOR,
        "missing_authority",
        ("ops", "resp-process-outputs", "auth-release"),
        label="missing-authority",
    ),
    Case(
        "roles.assigned",
        model(lambda o: change(o, "qm", reports_to=None)),
        NC,
        MINOR,
        "reporting_line_broken",
        ("qm",),
        label="reporting-line",
    ),
    Case(
        "roles.assigned",
        model(lambda o: change(o, "md", authorities=())),
        OBS,
        None,
        "unheld_authority",
        ("auth-approve-policy",),
        label="unheld-authority",
    ),
    Case(
        "roles.assigned",
        model(_span_of_control),
        OFI,
        None,
        "span_of_control",
        ("qm",),
        label="span",
    ),
    Case(
        "roles.qms-conformity",
        _drop_duty("resp-qms-conformity", "5.3 a"),
        NC,
        MAJOR,
        "duty_unassigned",
    ),
    Case(
        "roles.process-outputs",
        model(lambda o: change(o, "proc-sell", owner=None)),
        NC,
        MINOR,
        "process_without_owner",
        ("proc-sell",),
    ),
    Case(
        "roles.performance-reporting",
        model(_cut_off_reporter),
        NC,
        MINOR,
        "performance_reporter_without_route",
        ("qm",),
        {"roles.assigned": NC},
    ),
    Case(
        "audit.impartiality",
        model(lambda o: change(o, "qm", audits=("proc-manage",))),
        NC,
        MINOR,
        "self_audit",
        ("qm", "proc-manage"),
    ),
    Case(
        "roles.performance-reporting",
        _drop_duty("resp-qms-conformity", "5.3 c"),
        NC,
        MAJOR,
        "duty_unassigned",
        label="duty",
    ),
    Case(
        "roles.customer-focus",
        _drop_duty("resp-customer-focus", "5.3 d"),
        NC,
        MAJOR,
        "duty_unassigned",
    ),
    Case(
        "roles.change-integrity",
        _drop_duty("resp-qms-conformity", "5.3 e"),
        NC,
        MAJOR,
        "duty_unassigned",
    ),
    # -- 6.1 -----------------------------------------------------------------------------------
    Case(
        "planning.risks-determined",
        model(lambda o: o.evolve(risks=(), opportunities=())),
        NC,
        MAJOR,
        "no_risks",
        also={
            "processes.risks": Status.NOT_ASSESSED,
            "planning.actions-planned": Status.NOT_ASSESSED,
            "planning.actions-integrated": Status.NOT_ASSESSED,
            "planning.actions-effectiveness": Status.NOT_ASSESSED,
            "planning.risk-actions": Status.NOT_ASSESSED,
            "planning.opportunity-actions": Status.NOT_ASSESSED,
        },
    ),
    Case(
        "planning.actions-planned",
        model(lambda o: change(o, "risk-supplier", actions=())),
        NC,
        MINOR,
        "unaddressed_risk",
        ("risk-supplier",),
    ),
    Case(
        "planning.actions-integrated",
        model(lambda o: change(o, "act-dual-source", processes=())),
        NC,
        MINOR,
        "risk_action_not_in_process",
        ("act-dual-source", "risk-supplier"),
    ),
    Case(
        "planning.actions-effectiveness",
        model(lambda o: change(o, "act-dual-source", effectiveness=None)),
        NC,
        MINOR,
        "unevaluated_action",
        ("act-dual-source", "risk-supplier"),
    ),
    Case(
        "planning.risk-actions",
        model(lambda o: change(o, "risk-supplier", actions=())),
        NC,
        MINOR,
        "unaddressed_risk",
        ("risk-supplier",),
    ),
    Case(
        "planning.opportunity-actions",
        model(lambda o: change(o, "opp-export", actions=())),
        NC,
        MINOR,
        "unaddressed_risk",
        ("opp-export",),
    ),
    # -- 6.2 -----------------------------------------------------------------------------------
    Case(
        "objectives.consistent-with-policy",
        model(lambda o: change(o, "obj-otd", supports=())),
        NC,
        MINOR,
        "objective_without_commitment",
        ("obj-otd",),
    ),
    Case(
        "objectives.measurable",
        model(lambda o: change(o, "obj-otd", metric="")),
        NC,
        MINOR,
        "objective_not_measurable",
        ("obj-otd",),
    ),
    Case("objectives.requirements", no_evidence("objectives.requirements"), NE, None, "needs_evidence"),
    Case("objectives.relevant", no_evidence("objectives.relevant"), NE, None, "needs_evidence"),
    Case(
        "objectives.monitored",
        model(lambda o: change(o, "obj-otd", measurements=())),
        NC,
        MINOR,
        "objective_not_monitored",
        ("obj-otd",),
    ),
    Case(
        "objectives.communicated",
        model(lambda o: change(change(o, "obj-otd", communicated_to=()), "comm-objectives", about=())),
        NC,
        MINOR,
        "objective_not_communicated",
        ("obj-otd",),
    ),
    Case("objectives.updated", no_evidence("objectives.updated"), NE, None, "needs_evidence"),
    Case(
        "objective-plans.what",
        model(lambda o: change(o, "obj-otd", actions=())),
        NC,
        MINOR,
        "objective_plan_incomplete",
        ("obj-otd",),
    ),
    Case(
        "objective-plans.resources",
        model(lambda o: change(o, "obj-otd", resources=())),
        NC,
        MINOR,
        "objective_plan_incomplete",
        ("obj-otd",),
    ),
    Case(
        "objective-plans.responsible",
        model(lambda o: change(o, "obj-otd", owner=None)),
        NC,
        MINOR,
        "objective_plan_incomplete",
        ("obj-otd",),
    ),
    Case(
        "objective-plans.when",
        model(lambda o: change(o, "obj-otd", due=None)),
        NC,
        MINOR,
        "objective_plan_incomplete",
        ("obj-otd",),
    ),
    Case(
        "objective-plans.evaluation",
        model(lambda o: change(o, "obj-otd", evaluation="")),
        NC,
        MINOR,
        "objective_plan_incomplete",
        ("obj-otd",),
    ),
    # -- 7.1.1, 7.3, 7.4 -----------------------------------------------------------------------
    Case(
        "resources.determined-provided",
        model(lambda o: change(o, "res-test-rig", status=ResourceStatus.LACKING)),
        NC,
        MINOR,
        "resource_lacking",
        ("res-test-rig",),
        {"leadership.resources": NC},
    ),
    Case(
        "awareness.policy",
        _unaware(AwarenessTopic.POLICY, "awareness.policy"),
        OBS,
        None,
        "unaware_of_policy",
        ("cai",),
        evidence_asked=True,
    ),
    Case(
        "awareness.objectives",
        _unaware(AwarenessTopic.OBJECTIVES, "awareness.objectives"),
        OBS,
        None,
        "unaware_of_objectives",
        ("cai",),
        evidence_asked=True,
    ),
    Case(
        "awareness.contribution",
        _unaware(AwarenessTopic.CONTRIBUTION, "awareness.contribution"),
        OBS,
        None,
        "unaware_of_contribution",
        ("cai",),
        evidence_asked=True,
    ),
    Case(
        "awareness.nonconformity",
        _unaware(AwarenessTopic.NONCONFORMITY_IMPLICATIONS, "awareness.nonconformity"),
        OBS,
        None,
        "unaware_of_nonconformity_implications",
        ("cai",),
        evidence_asked=True,
    ),
    Case(
        "awareness.quality-culture",
        _unaware(AwarenessTopic.QUALITY_CULTURE, "awareness.quality-culture"),
        OBS,
        None,
        "unaware_of_quality_culture",
        ("cai",),
        evidence_asked=True,
    ),
    Case(
        "communication.what",
        model(lambda o: change(o, "comm-objectives", about=(), topics=())),
        NC,
        MINOR,
        "communication_incomplete",
        ("comm-objectives",),
    ),
    Case(
        "communication.when",
        model(lambda o: change(o, "comm-objectives", frequency="")),
        NC,
        MINOR,
        "communication_incomplete",
        ("comm-objectives",),
    ),
    Case(
        "communication.with-whom",
        model(lambda o: change(o, "comm-objectives", audience=())),
        NC,
        MINOR,
        "communication_incomplete",
        ("comm-objectives",),
    ),
    Case(
        "communication.how",
        model(lambda o: change(o, "comm-objectives", channel="")),
        NC,
        MINOR,
        "communication_incomplete",
        ("comm-objectives",),
    ),
    Case(
        "communication.who",
        model(lambda o: change(o, "comm-objectives", communicator=None)),
        NC,
        MINOR,
        "communication_incomplete",
        ("comm-objectives",),
    ),
    # -- 9.3 -----------------------------------------------------------------------------------
    Case(
        "review.planned",
        model(lambda o: change(o, "mr-2026-06", chair="qm")),
        NC,
        MINOR,
        "review_not_led_by_top_management",
        ("mr-2026-06",),
    ),
    Case(
        "review.planned",
        model(lambda o: change(o, "mr-2026-06", held_on=dt.date(2025, 6, 18))),
        NC,
        MINOR,
        "management_review_overdue",
        ("mr-2026-06",),
        label="overdue",
    ),
    Case(
        "review-inputs.previous-actions",
        model(lambda o: without_review_inputs(o, ReviewInput.PREVIOUS_ACTIONS)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case(
        "review-inputs.context-changes",
        model(lambda o: without_review_inputs(o, ReviewInput.CONTEXT_CHANGES)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case(
        "review-inputs.performance",
        model(lambda o: without_review_inputs(o, ReviewInput.EXTERNAL_PROVIDERS)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case(
        "review-inputs.resources",
        model(lambda o: without_review_inputs(o, ReviewInput.RESOURCE_ADEQUACY)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case(
        "review-inputs.risk-actions",
        model(lambda o: without_review_inputs(o, ReviewInput.RISK_ACTIONS_EFFECTIVENESS)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case(
        "review-inputs.improvement-opportunities",
        model(lambda o: without_review_inputs(o, ReviewInput.IMPROVEMENT_OPPORTUNITIES)),
        NC,
        MINOR,
        "review_input_missing",
        ("mr-2026-06",),
    ),
    Case("review-outputs.records", no_evidence("review-outputs.records"), NE, None, "needs_evidence"),
    Case(
        "review-outputs.improvement",
        model(lambda o: without_review_outputs(o, ReviewOutputKind.IMPROVEMENT)),
        OBS,
        None,
        "no_review_output_improvement",
    ),
    Case(
        "review-outputs.qms-changes",
        model(lambda o: without_review_outputs(o, ReviewOutputKind.QMS_CHANGE)),
        OBS,
        None,
        "no_review_output_qms_change",
    ),
    Case(
        "review-outputs.resource-needs",
        model(lambda o: without_review_outputs(o, ReviewOutputKind.RESOURCE_NEED)),
        OBS,
        None,
        "no_review_output_resource_need",
    ),
)


# -- the tests ------------------------------------------------------------------------------------


@functools.cache
def _assessed(edition: str, case: Case | None = None) -> Assessment:
    org = complete() if case is None else case.mutate(complete(), edition)
    return assess(org, edition=edition, as_of=AS_OF)


def _catalog_ids(edition: str) -> tuple[str, ...]:
    return Catalog.builtin(edition).ids


def _cases() -> list[object]:
    return [
        pytest.param(edition, case, id=f"{edition}-{case.id}")
        for edition in EDITIONS
        for case in CASES
        if case.requirement in Catalog.builtin(edition)
    ]


def _requirements() -> list[object]:
    return [pytest.param(edition, req, id=f"{edition}-{req}") for edition in EDITIONS for req in _catalog_ids(edition)]


#: Requirements that are guidance only (``informative``): never a nonconformity on their own.
INFORMATIVE = {req.id for edition in EDITIONS for req in Catalog.builtin(edition) if req.informative}


@pytest.mark.parametrize("edition", EDITIONS)
def test_table_covers_every_requirement_of_the_catalog(edition: str) -> None:
    """Every requirement id of the edition's catalog has a violating case, unless it is informative."""
    covered = {case.requirement for case in CASES}
    missing = [req for req in _catalog_ids(edition) if req not in covered and req not in INFORMATIVE]
    assert missing == []


def test_table_names_only_catalog_requirements() -> None:
    """Every requirement and every collateral id of the table is in one of the catalogs."""
    known = {req for edition in EDITIONS for req in _catalog_ids(edition)}
    named = {case.requirement for case in CASES} | {req for case in CASES for req in case.also}
    assert named - known == set()


def test_requirements_without_a_check_are_violated_by_removing_evidence() -> None:
    """Every requirement with no built-in check (and not informative) is violated through its evidence."""
    registry = default_registry(plugins=False)
    unchecked = {
        req.id
        for edition in EDITIONS
        for req in Catalog.builtin(edition)
        if not (registry.checks_for(req.id) or registry.checks_for(req.clause)) and not req.informative
    }
    by_evidence = {case.requirement for case in CASES if case.rule == "needs_evidence"}
    assert unchecked <= by_evidence


@pytest.mark.parametrize(("edition", "requirement"), _requirements())
def test_complete_organization_satisfies_requirement(edition: str, requirement: str) -> None:
    """The complete organization conforms to every requirement of both editions."""
    result = _assessed(edition).result(requirement)
    assert (result.status, result.grade, result.findings) == (Status.CONFORMS, None, ())


@pytest.mark.parametrize("edition", EDITIONS)
def test_complete_organization_scores_full_marks(edition: str) -> None:
    """With every requirement conforming the score is 100 and no finding is made."""
    assessment = _assessed(edition)
    assert (assessment.score, assessment.findings, assessment.worst()) == (100.0, (), 0)


@pytest.mark.parametrize(("edition", "case"), _cases())
def test_violation_is_found_under_its_requirement(edition: str, case: Case) -> None:
    """The violating organization gets the expected status, grade, rule and elements at fault under the requirement."""
    result = _assessed(edition, case).result(case.requirement)
    asked = [(NE, None, "needs_evidence", ())] if case.evidence_asked else []
    assert (result.status, result.grade) == (NE if asked else case.status, case.grade)
    assert [(f.status, f.grade, f.rule, f.subjects) for f in result.findings] == [
        *asked,
        (case.status, case.grade, case.rule, case.subjects),
    ]
    assert all(f.requirement == case.requirement and f.clause == result.requirement.clause for f in result.findings)


@pytest.mark.parametrize(("edition", "case"), _cases())
def test_violation_breaks_only_the_expected_requirements(edition: str, case: Case) -> None:
    """Apart from the targeted requirement, only the ones the change necessarily breaks move, to the expected status."""
    assessment = _assessed(edition, case)
    ids = set(_catalog_ids(edition))
    broken = {
        r.requirement.id: r.status
        for r in assessment.results
        if r.status is not Status.CONFORMS and r.requirement.id != case.requirement
    }
    assert broken == {req: status for req, status in case.also.items() if req in ids}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("requirement", sorted(INFORMATIVE))
def test_informative_requirement_conforms_even_on_an_empty_organization(edition: str, requirement: str) -> None:
    """An informative entry (guidance only) is never a finding, even where nothing is recorded."""
    result = assess(Organization(name="Empty"), edition=edition, as_of=AS_OF).result(requirement)
    assert (result.status, result.findings) == (Status.CONFORMS, ())
