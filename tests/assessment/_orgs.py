"""Hand-built organizations for the assessment tests, and small helpers to change them.

:func:`complete` builds Kestrel Valves, a small but complete organization on which
``assess(org, as_of=AS_OF)`` finds every requirement of both editions conforming: every check
of the model passes, and documented information (``Evidence.clauses``) covers every
requirement the model decides only partly or not at all. The requirement tests violate it one
requirement at a time with the helpers below.

The organization, in short: three roles (a managing director who is top management, a quality
manager and an operations manager, each holding one authority), three people who hold a role
each and deputise for one another, three interacting processes, four responsibilities citing
5.1.1 a and every 5.3 duty, a controlled quality policy with six commitments, one quality
objective with a full plan, a climate decision and a market issue, one customer with one
requirement, two risks (one that can affect customers) and one opportunity, each with an
action, two complete communications, one management review covering every input and every
output, two resources and ten evidence records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from iso9001_leadership import (
    Action,
    Authority,
    AuthorityKind,
    AwarenessTopic,
    Commitment,
    CommitmentKind,
    Communication,
    CommunicationTopic,
    ContextIssue,
    Effectiveness,
    Evidence,
    EvidenceKind,
    InterestedParty,
    IssueKind,
    ManagementReview,
    Measurement,
    Opportunity,
    Organization,
    PartyKind,
    PartyRequirement,
    Person,
    Process,
    ProcessCategory,
    QualityObjective,
    QualityPolicy,
    Resource,
    ResourceKind,
    Responsibility,
    ReviewInput,
    ReviewOutput,
    ReviewOutputKind,
    Risk,
    Role,
)

__all__ = [
    "AS_OF",
    "change",
    "complete",
    "drop_clause_evidence",
    "drop_commitment",
    "without_review_inputs",
    "without_review_outputs",
]

#: The day every assessment in these tests is made on.
AS_OF = dt.date(2026, 11, 24)

_AWARE = (
    AwarenessTopic.POLICY,
    AwarenessTopic.OBJECTIVES,
    AwarenessTopic.CONTRIBUTION,
    AwarenessTopic.NONCONFORMITY_IMPLICATIONS,
    AwarenessTopic.QUALITY_CULTURE,
    AwarenessTopic.ETHICAL_BEHAVIOUR,
)


def _roles() -> tuple[Role, ...]:
    return (
        Role(id="md", title="Managing Director", top_management=True, authorities=("auth-approve-policy",)),
        Role(id="qm", title="Quality Manager", reports_to="md", authorities=("auth-release",), audits=("proc-make",)),
        Role(id="ops", title="Operations Manager", reports_to="md", authorities=("auth-stop-line",)),
    )


def _people() -> tuple[Person, ...]:
    return (
        Person(id="ana", name="Ana Berg", roles=("md",), awareness=_AWARE),
        Person(id="ben", name="Ben Falk", roles=("qm",), deputy_of=("ops",), awareness=_AWARE),
        Person(id="cai", name="Cai Lund", roles=("ops",), deputy_of=("qm",), awareness=_AWARE),
    )


def _authorities() -> tuple[Authority, ...]:
    return (
        Authority(id="auth-approve-policy", title="Approve the quality policy", kind=AuthorityKind.APPROVE),
        Authority(id="auth-release", title="Release product", kind=AuthorityKind.RELEASE, granted_by="md"),
        Authority(id="auth-stop-line", title="Stop production", kind=AuthorityKind.STOP, granted_by="md"),
    )


def _responsibilities() -> tuple[Responsibility, ...]:
    return (
        Responsibility(
            id="resp-qms-effectiveness",
            title="Answer for the effectiveness of the QMS",
            clauses=("5.1.1 a",),
            accountable=("md",),
            responsible=("qm",),
            processes=("proc-manage",),
            authorities_needed=(),
        ),
        Responsibility(
            id="resp-qms-conformity",
            title="Keep the QMS conforming, report on it, keep it intact through changes",
            clauses=("5.3 a", "5.3 c", "5.3 e"),
            accountable=("qm",),
            responsible=("qm",),
            informed=("md",),
            processes=("proc-manage",),
            authorities_needed=("auth-release",),
        ),
        Responsibility(
            id="resp-process-outputs",
            title="Follow up that operational processes deliver their outputs",
            clauses=("5.3 b",),
            accountable=("ops",),
            responsible=("ops",),
            processes=("proc-make", "proc-sell"),
            authorities_needed=("auth-stop-line",),
        ),
        Responsibility(
            id="resp-customer-focus",
            title="Promote customer focus",
            clauses=("5.3 d",),
            accountable=("md",),
            responsible=("ops",),
            processes=("proc-sell", "proc-manage"),
        ),
    )


def _processes() -> tuple[Process, ...]:
    return (
        Process(
            id="proc-manage",
            name="Management and planning",
            category=ProcessCategory.MANAGEMENT,
            owner="qm",
            inputs=("customer feedback", "process results"),
            outputs=("objectives", "review decisions"),
            interacts_with=("proc-make", "proc-sell"),
            indicators=("objectives on target",),
            criteria="Annual planning cycle and half-yearly management review",
            resources=("res-staff",),
        ),
        Process(
            id="proc-make",
            name="Valve assembly",
            owner="ops",
            inputs=("orders", "parts"),
            outputs=("tested valves",),
            interacts_with=("proc-sell",),
            indicators=("first-pass yield",),
            criteria="Work instructions WI-10 to WI-14",
            resources=("res-staff", "res-test-rig"),
        ),
        Process(
            id="proc-sell",
            name="Sales and order handling",
            owner="ops",
            inputs=("enquiries",),
            outputs=("confirmed orders",),
            indicators=("on-time delivery",),
            criteria="Contract review checklist",
            resources=("res-staff",),
        ),
    )


def _policy() -> QualityPolicy:
    return QualityPolicy(
        id="policy",
        statement="We build valves our customers can rely on, and keep getting better at it.",
        version="3.0",
        commitments=(
            Commitment(id="c-framework", kind=CommitmentKind.OBJECTIVES_FRAMEWORK),
            Commitment(id="c-requirements", kind=CommitmentKind.SATISFY_REQUIREMENTS),
            Commitment(id="c-improvement", kind=CommitmentKind.CONTINUAL_IMPROVEMENT),
            Commitment(id="c-customer", kind=CommitmentKind.CUSTOMER_FOCUS),
            Commitment(id="c-culture", kind=CommitmentKind.QUALITY_CULTURE),
            Commitment(id="c-ethics", kind=CommitmentKind.ETHICAL_BEHAVIOUR),
        ),
        approved_by="md",
        approved_on=dt.date(2026, 1, 20),
        next_review=dt.date(2027, 1, 20),
        communicated_to=("md", "qm", "ops"),
        available_to=("ip-customer",),
        context_issues=("ci-market",),
        strategic_direction="Grow in district heating by being the most reliable supplier",
        location="QMS portal, document QP-01",
    )


def _objectives() -> tuple[QualityObjective, ...]:
    return (
        QualityObjective(
            id="obj-otd",
            statement="Deliver on time",
            supports=("c-customer", "c-improvement"),
            metric="on-time delivery rate",
            unit="%",
            baseline=91.0,
            target=95.0,
            due=dt.date(2027, 6, 30),
            owner="ops",
            actions=("act-otd-plan",),
            resources=("res-staff",),
            evaluation="Monthly review of the delivery report by the Operations Manager",
            processes=("proc-make", "proc-sell"),
            measurements=(Measurement(dt.date(2026, 9, 30), 94.0), Measurement(dt.date(2026, 10, 31), 96.0)),
            communicated_to=("ops", "qm"),
        ),
    )


def _parties() -> tuple[InterestedParty, ...]:
    return (
        InterestedParty(
            id="ip-customer",
            name="Nordic district-heating utilities",
            kind=PartyKind.CUSTOMER,
            requirements=(
                PartyRequirement(
                    id="req-delivery",
                    text="Delivery within the confirmed week",
                    owner="ops",
                    processes=("proc-sell",),
                ),
            ),
        ),
    )


def _risks() -> tuple[Risk, ...]:
    return (
        Risk(
            id="risk-supplier",
            title="Sole supplier of valve bodies",
            sources=("ci-market",),
            likelihood=3,
            impact=3,
            owner="ops",
            processes=("proc-make",),
            actions=("act-dual-source",),
        ),
        Risk(
            id="risk-late-delivery",
            title="Late delivery in the heating season",
            sources=("req-delivery", "ci-climate"),
            likelihood=2,
            impact=4,
            owner="ops",
            processes=("proc-sell",),
            actions=("act-buffer",),
            customer_impact=True,
        ),
    )


def _opportunities() -> tuple[Opportunity, ...]:
    return (
        Opportunity(
            id="opp-export",
            title="Export to the Baltic states",
            sources=("ci-market",),
            likelihood=3,
            benefit=4,
            owner="md",
            processes=("proc-sell",),
            actions=("act-export",),
        ),
    )


def _effect(criterion: str) -> Effectiveness:
    return Effectiveness(criterion=criterion, evaluate_by=dt.date(2027, 6, 30))


def _actions() -> tuple[Action, ...]:
    return (
        Action(
            id="act-dual-source",
            title="Qualify a second supplier of valve bodies",
            owner="ops",
            due=dt.date(2027, 3, 31),
            processes=("proc-make",),
            effectiveness=_effect("Both suppliers deliver to specification for six months"),
        ),
        Action(
            id="act-buffer",
            title="Keep two weeks of finished stock before the heating season",
            owner="ops",
            due=dt.date(2027, 3, 31),
            processes=("proc-sell",),
            effectiveness=_effect("No late delivery in the next heating season"),
        ),
        Action(
            id="act-export",
            title="Visit three Baltic utilities",
            owner="md",
            due=dt.date(2027, 3, 31),
            processes=("proc-sell",),
            effectiveness=_effect("One framework agreement signed"),
        ),
        Action(
            id="act-otd-plan",
            title="Weekly delivery-planning meeting",
            owner="ops",
            due=dt.date(2027, 1, 31),
            processes=("proc-sell",),
        ),
    )


def _communications() -> tuple[Communication, ...]:
    return (
        Communication(
            id="comm-policy",
            subject="Why the quality policy matters",
            about=("policy",),
            topics=(
                CommunicationTopic.QMS_IMPORTANCE,
                CommunicationTopic.CONFORMITY_IMPORTANCE,
                CommunicationTopic.QUALITY_CULTURE,
            ),
            audience=("qm", "ops"),
            communicator="md",
            channel="staff meeting",
            frequency="twice a year",
        ),
        Communication(
            id="comm-objectives",
            subject="Quality objectives and results",
            about=("obj-otd",),
            topics=(CommunicationTopic.QMS_PERFORMANCE,),
            audience=("ops", "qm"),
            communicator="qm",
            channel="notice board and intranet",
            frequency="monthly",
        ),
    )


def _reviews() -> tuple[ManagementReview, ...]:
    return (
        ManagementReview(
            id="mr-2026-06",
            held_on=dt.date(2026, 6, 18),
            chair="md",
            attendees=("qm", "ops"),
            inputs=tuple(ReviewInput),
            outputs=(
                ReviewOutput(kind=ReviewOutputKind.IMPROVEMENT, decision="Start the Baltic export study"),
                ReviewOutput(kind=ReviewOutputKind.QMS_CHANGE, decision="No change to the QMS is needed"),
                ReviewOutput(kind=ReviewOutputKind.RESOURCE_NEED, decision="Second test rig in the 2027 budget"),
            ),
        ),
    )


def _resources() -> tuple[Resource, ...]:
    return (
        Resource(id="res-staff", name="Assembly and office staff", kind=ResourceKind.PEOPLE, owner="md"),
        Resource(id="res-test-rig", name="Pressure test rig", kind=ResourceKind.INFRASTRUCTURE, owner="ops"),
    )


def _evidence() -> tuple[Evidence, ...]:
    def record(id: str, title: str, kind: EvidenceKind, *clauses: str) -> Evidence:
        return Evidence(
            id=id, title=title, kind=kind, location="QMS portal", dated=dt.date(2026, 6, 30), clauses=clauses
        )

    return (
        record(
            "ev-process-map",
            "Process map and process descriptions",
            EvidenceKind.PROCEDURE,
            *("4.4.1 c", "4.4.1 d", "5.1.1 c", "5.1.1 d"),
        ),
        record(
            "ev-review-minutes",
            "Minutes of the June 2026 management review",
            EvidenceKind.MINUTES,
            *("5.1.1 a", "5.1.1 b", "5.1.1 e", "5.1.1 g", "6.2.1 g", "7.1.1", "9.3.1", "9.3.3"),
        ),
        record(
            "ev-policy",
            "Quality policy QP-01, version 3.0, and its publication",
            EvidenceKind.POLICY,
            "5.2.1 a",
        ),
        record(
            "ev-policy-briefings",
            "Attendance lists of the policy briefings and the policy's publication on the website",
            EvidenceKind.RECORD,
            *("leadership.communicate-importance", "policy.communicated", "policy.available-to-parties"),
        ),
        # 5.1.1 i to k are lettered differently in the two editions: the log cites requirement ids.
        record(
            "ev-leadership-log",
            "Leadership engagement log: floor walks, coaching of managers, improvement days",
            EvidenceKind.RECORD,
            *("5.1.1 h", "leadership.improvement", "leadership.support-managers", "leadership.quality-culture"),
        ),
        record(
            "ev-job-descriptions",
            "Job descriptions of every role",
            EvidenceKind.JOB_DESCRIPTION,
            *("5.3", "5.3 c"),
        ),
        record(
            "ev-customer-file",
            "Customer requirements register and 2026 satisfaction survey",
            EvidenceKind.REPORT,
            *("5.1.2 a", "5.1.2 b", "5.1.2 c", "6.2.1 c", "6.2.1 d"),
        ),
        record("ev-risk-register", "Risk and opportunity register", EvidenceKind.RECORD, "6.1.1"),
        record(
            "ev-process-reports",
            "Monthly process performance reports and their improvement actions",
            EvidenceKind.REPORT,
            *("4.4.1 g", "4.4.1 h"),
        ),
        record("ev-audit-programme", "Internal audit programme 2026 with its auditors", EvidenceKind.RECORD, "9.2.2 c"),
        record(
            "ev-training",
            "Induction and awareness training records",
            EvidenceKind.TRAINING,
            *("6.2.1 f", "7.3 a", "7.3 b", "7.3 c", "7.3 d", "7.3 e"),
        ),
    )


def complete() -> Organization:
    """Kestrel Valves: every requirement of both editions conforms on 2026-11-24."""
    return Organization(
        name="Kestrel Valves",
        scope="Design, assembly and sale of industrial valves",
        roles=_roles(),
        people=_people(),
        authorities=_authorities(),
        responsibilities=_responsibilities(),
        processes=_processes(),
        policy=_policy(),
        objectives=_objectives(),
        context_issues=(
            ContextIssue(
                id="ci-market",
                title="Consolidation among district-heating utilities",
                kind=IssueKind.EXTERNAL,
                rationale="Fewer, larger customers with stricter delivery terms",
            ),
            ContextIssue(
                id="ci-climate",
                title="Climate change",
                climate=True,
                relevant=True,
                rationale="Heating demand and customers' decarbonisation plans shape the order book",
            ),
        ),
        interested_parties=_parties(),
        risks=_risks(),
        opportunities=_opportunities(),
        actions=_actions(),
        communications=_communications(),
        reviews=_reviews(),
        resources=_resources(),
        evidence=_evidence(),
    )


# -- changing an organization -------------------------------------------------------------


def change(org: Organization, element_id: str, **changes: Any) -> Organization:
    """A copy of ``org`` with fields of one element (top-level or nested) replaced."""
    element = org[element_id]
    policy = org.policy
    if isinstance(element, Commitment):
        assert policy is not None
        commitment = attrs.evolve(element, **changes)
        commitments = tuple(commitment if c.id == element_id else c for c in policy.commitments)
        return org.with_elements(attrs.evolve(policy, commitments=commitments))
    if isinstance(element, PartyRequirement):
        requirement = attrs.evolve(element, **changes)
        party = next(p for p in org.interested_parties if element in p.requirements)
        requirements = tuple(requirement if r.id == element_id else r for r in party.requirements)
        return org.with_elements(attrs.evolve(party, requirements=requirements))
    return org.with_elements(attrs.evolve(element, **changes))


def drop_commitment(org: Organization, kinds: Iterable[CommitmentKind]) -> Organization:
    """A copy whose policy makes no commitment of these kinds; objectives stop citing them."""
    policy = org.policy
    assert policy is not None
    dropped = set(kinds)
    gone = {c.id for c in policy.commitments if c.kind in dropped}
    kept = tuple(c for c in policy.commitments if c.kind not in dropped)
    objectives = tuple(attrs.evolve(o, supports=tuple(s for s in o.supports if s not in gone)) for o in org.objectives)
    return org.evolve(policy=attrs.evolve(policy, commitments=kept), objectives=objectives)


def drop_clause_evidence(org: Organization, clause: str, requirement: str = "") -> Organization:
    """A copy in which no evidence record cites ``clause`` (or the requirement id ``requirement``) any more."""
    cited = {clause, requirement} - {""}
    evidence = tuple(attrs.evolve(e, clauses=tuple(c for c in e.clauses if c not in cited)) for e in org.evidence)
    return org.evolve(evidence=evidence)


def without_review_inputs(org: Organization, *inputs: ReviewInput) -> Organization:
    """A copy whose management reviews did not consider these inputs."""
    reviews = tuple(attrs.evolve(r, inputs=tuple(i for i in r.inputs if i not in inputs)) for r in org.reviews)
    return org.evolve(reviews=reviews)


def without_review_outputs(org: Organization, *kinds: ReviewOutputKind) -> Organization:
    """A copy whose management reviews recorded no decision of these kinds."""
    reviews = tuple(attrs.evolve(r, outputs=tuple(o for o in r.outputs if o.kind not in kinds)) for r in org.reviews)
    return org.evolve(reviews=reviews)
