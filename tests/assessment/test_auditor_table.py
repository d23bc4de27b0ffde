"""The lead auditor's table: what an auditor would sign, written from the working spec (issue 9).

Two tables, both built as small changes of Kestrel Valves (``_orgs.complete``), on which every
requirement conforms, or of Kestrel run by one person (``_practices.one_person``):

``PRACTICES``
    Ordinary, conforming practice. Each must leave every requirement's verdict exactly as on
    Kestrel (``conforms``), apart from what the case lists: ``allowed`` verdicts (at most an
    opportunity where ISO 9001 asks nothing, such as named deputies) and, for a file that
    declares what it ``covers``, ``not_assessed`` outside it. The score stays 100.

``GAPS``
    Real gaps. Each must be caught under the right requirement with the right verdict (status,
    and grade for a nonconformity), as one finding per rule (its subjects are every element at
    fault), and must move no other requirement apart from the verdicts it lists: ``also`` (what
    must follow, such as ``not_assessed`` for what only examines a missing element) and
    ``allowed`` (side effects an auditor would accept).

Verdicts are words: ``conforms``, ``not_applicable``, ``not_assessed``, ``opportunity``,
``observation``, ``needs_evidence``, and ``minor`` or ``major`` for a nonconformity. They are
compared as strings so that the table loads even before ``not_assessed`` exists.

The table is the specification: the engine is being rewritten against it, so a case failing
today says where the engine still differs from what an auditor would write.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Collection, Mapping

import attrs
import pytest
from tests.assessment._orgs import _AWARE, AS_OF, change, complete
from tests.assessment._practices import (
    add_evidence,
    add_review,
    cite,
    drop_settling,
    md_is_also_qm,
    new_action,
    one_person,
    people_record_no_awareness,
    silence_objectives,
    with_nine_objectives,
    with_processes,
    without_inputs,
)

from iso9001_leadership import (
    ActionStatus,
    Authority,
    AuthorityKind,
    Communication,
    ContextIssue,
    Effectiveness,
    EffectivenessResult,
    EvidenceKind,
    Exclusion,
    IssueKind,
    Measurement,
    Organization,
    Person,
    QualityObjective,
    Resource,
    ResourceKind,
    ResourceStatus,
    Responsibility,
    ReviewInput,
    Risk,
    RiskScale,
    Role,
    TargetDirection,
)
from iso9001_leadership.assessment import Assessment, AssessmentError, RequirementResult, assess

# -- verdicts --------------------------------------------------------------------------------

OK = "conforms"
NA = "not_applicable"
NOT = "not_assessed"
OFI = "opportunity"
OBS = "observation"
NE = "needs_evidence"
MINOR = "minor"
MAJOR = "major"

EDITION = "2015"


def verdict(result: RequirementResult) -> str:
    """The verdict in one word: the status, or the grade of a nonconformity."""
    status = result.status.value
    if status == "nonconformity":
        return result.grade.value if result.grade is not None else "nonconformity (no grade)"
    return status


def verdicts(assessment: Assessment) -> dict[str, str]:
    """Requirement id -> verdict, for every requirement assessed."""
    return {r.requirement.id: verdict(r) for r in assessment.results}


def clauses_of(assessment: Assessment) -> dict[str, str]:
    """Requirement id -> clause id in the assessed edition."""
    return {r.requirement.id: r.requirement.clause for r in assessment.results}


def within(clause: str, parent: str) -> bool:
    """Whether ``clause`` is ``parent`` or one of its subclauses or items (``5.3 a`` within ``5.3``)."""
    return clause == parent or clause.startswith((parent + " ", parent + "."))


def compare(
    before: Mapping[str, str],
    after: Mapping[str, str],
    *,
    expected: Mapping[str, str] = {},
    allowed: Mapping[str, Collection[str]] = {},
    ignore: Collection[str] = (),
) -> list[str]:
    """Readable lines for every requirement whose verdict is not what the case allows (empty when all is well).

    A requirement in ``expected`` must have exactly that verdict; any other must keep its
    verdict from ``before``, take one of its ``allowed`` verdicts, or conform (on the spec's
    Kestrel everything conforms, so moving to ``conforms`` is never a side effect).
    """
    lines = []
    for req in sorted(set(before) | set(after) | set(expected)):
        if req in ignore:
            continue
        got = after.get(req, "(not in the assessment)")
        if req in expected:
            want = {expected[req]}
        else:
            want = {OK, *allowed.get(req, ())}
            if req in before:
                want.add(before[req])
        if got not in want:
            was = before.get(req, "(not in the baseline)")
            lines.append(f"  {req}: {was} -> {got}   (want {' or '.join(sorted(want)) or 'nothing'})")
    return lines


#: Points towards the score, by verdict (spec: conforms 1, opportunity 1, observation 0.75,
#: needs evidence 0.5, minor 0.25, major 0; not applicable and not assessed are left out).
POINTS = {OK: 1.0, OFI: 1.0, OBS: 0.75, NE: 0.5, MINOR: 0.25, MAJOR: 0.0}


def expected_score(found: Mapping[str, str]) -> float:
    """The score the spec gives these verdicts: 100 x points / requirements examined."""
    points = [POINTS[v] for v in found.values() if v not in (NA, NOT)]
    return round(100.0 * sum(points) / len(points), 1) if points else 0.0


def text_of(result: RequirementResult) -> str:
    """Everything the result says in words (its note, the findings' reasons and fixes), lower case."""
    parts = [result.note, *(f.reason for f in result.findings), *(f.fix for f in result.findings)]
    return " ".join(parts).lower()


# -- the tables ------------------------------------------------------------------------------

Build = Callable[[], Organization]
Check = Callable[[Assessment], None]


@attrs.frozen(eq=False)
class Practice:
    """An ordinary, conforming practice: it raises nothing (at most what ``allowed`` lists)."""

    id: str
    doc: str
    build: Build = attrs.field(repr=False)
    allowed: Mapping[str, Collection[str]] = attrs.field(factory=dict)
    """Verdicts a requirement may take besides its verdict on Kestrel (at most ``opportunity``)."""
    covers: tuple[str, ...] | None = None
    """Clause ids the file declares it covers: every requirement outside them is ``not_assessed``."""
    check: Check | None = attrs.field(default=None, repr=False)


@attrs.frozen(eq=False)
class Gap:
    """A real gap: the requirement that must carry it, its verdict, and what else may move."""

    id: str
    doc: str
    build: Build = attrs.field(repr=False)
    requirement: str = ""
    verdict: str = ""
    subjects: tuple[str, ...] = ()
    """Elements at fault that one finding of the requirement must name (the first is its main subject)."""
    exact: bool = False
    """The finding names exactly ``subjects``, no more."""
    reason: str = ""
    """Words the finding's reason must contain (its count: '4 of 9')."""
    mentions: tuple[str, ...] = ()
    """Words the requirement's note, reasons or fixes must contain."""
    also: Mapping[str, str] = attrs.field(factory=dict)
    """Other requirements whose verdict must be exactly this."""
    allowed: Mapping[str, Collection[str]] = attrs.field(factory=dict)
    """Other requirements that may take one of these verdicts instead of their verdict on Kestrel."""
    warning: str = ""
    """Words one of ``Assessment.warnings`` must contain."""
    raises: tuple[str, ...] = ()
    """``assess`` must raise AssessmentError whose message contains all of these."""
    check: Check | None = attrs.field(default=None, repr=False)


# -- builders of the practices ---------------------------------------------------------------


def _no_deputies() -> Organization:
    org = complete()
    return org.evolve(people=tuple(attrs.evolve(p, deputy_of=()) for p in org.people))


def _awareness_by_training_record() -> Organization:
    org = people_record_no_awareness(complete())
    return cite(
        org,
        "ev-training",
        "6.2.1 f",
        "awareness.policy",
        "awareness.objectives",
        "awareness.contribution",
        "awareness.nonconformity",
    )


def _survey_objective(**fields: object) -> QualityObjective:
    values: dict[str, object] = {
        "id": "obj-satisfaction",
        "statement": "Keep our customers satisfied",
        "supports": ("c-customer",),
        "metric": "customer satisfaction index",
        "unit": "points",
        "baseline": 78.0,
        "target": 80.0,
        "due": dt.date(2027, 12, 31),
        "owner": "md",
        "actions": ("act-survey",),
        "resources": ("res-staff",),
        "evaluation": "Annual customer survey every January; the Managing Director reviews the results",
        "processes": ("proc-sell",),
        "measurements": (Measurement(dt.date(2025, 1, 24), 78.0), Measurement(dt.date(2026, 1, 24), 81.0)),
        "communicated_to": ("ops", "qm"),
    }
    values.update(fields)
    return QualityObjective(**values)  # type: ignore[arg-type]


def _annual_customer_survey() -> Organization:
    action = new_action(
        "act-survey", "Run the annual customer survey and follow up every low score", "md", ("proc-sell",)
    )
    return complete().with_elements(action, _survey_objective())


def _interim_review() -> Organization:
    partial = (ReviewInput.CUSTOMER_SATISFACTION, ReviewInput.OBJECTIVES_ACHIEVEMENT, ReviewInput.PROCESS_PERFORMANCE)
    return add_review(complete(), "mr-2026-10", dt.date(2026, 10, 15), inputs=partial)


def _company_level_objective() -> Organization:
    action = new_action(
        "act-complaints", "Find the root cause of every complaint within ten days", "qm", ("proc-manage",)
    )
    objective = QualityObjective(
        id="obj-complaints",
        statement="Halve customer complaints across the company",
        supports=("c-customer", "c-improvement"),
        metric="complaints per 1,000 valves shipped",
        unit="complaints",
        baseline=2.4,
        target=1.2,
        direction=TargetDirection.AT_MOST,
        due=dt.date(2027, 12, 31),
        owner="md",
        actions=("act-complaints",),
        resources=("res-staff",),
        evaluation="Quarterly complaint statistics, reviewed by the Managing Director",
        measurements=(Measurement(dt.date(2026, 9, 30), 1.9), Measurement(dt.date(2026, 10, 31), 1.7)),
        communicated_to=("qm", "ops"),
    )
    return complete().with_elements(action, objective)


def _several_roles_one_person() -> Organization:
    org = complete().with_elements(
        Authority(
            id="auth-order",
            title="Place purchase orders up to EUR 20,000",
            kind=AuthorityKind.SPEND,
            limit=20000.0,
            currency="EUR",
            granted_by="md",
        ),
        Role(id="buyer", title="Purchasing Officer", reports_to="ops", authorities=("auth-order",)),
        Responsibility(
            id="resp-purchasing",
            title="Buy parts to specification from approved suppliers",
            accountable=("buyer",),
            responsible=("buyer",),
            processes=("proc-make",),
            authorities_needed=("auth-order",),
        ),
    )
    org = change(org, "cai", roles=("ops", "buyer"))
    return change(org, "policy", communicated_to=("md", "qm", "ops", "buyer"))


_FLOOD_SOURCE = ContextIssue(
    id="ci-site",
    title="Single assembly site on the river bank",
    kind=IssueKind.INTERNAL,
    rationale="All assembly and testing happen in one hall by the river",
)
_FLOOD_RATIONALE = (
    "The hall stands above the 200-year flood line, the site is insured for business interruption, "
    "and continuity plan BCP-02 moves testing to a partner within a week"
)


def _flood(**fields: object) -> Organization:
    values: dict[str, object] = {
        "id": "risk-flood",
        "title": "Flood stops assembly",
        "sources": ("ci-site",),
        "likelihood": 1,
        "impact": 5,
        "owner": "md",
        "processes": ("proc-make",),
        "accepted": True,
        "rationale": _FLOOD_RATIONALE,
    }
    values.update(fields)
    return complete().with_elements(_FLOOD_SOURCE, Risk(**values))  # type: ignore[arg-type]


def _accept_supplier_risk(org: Organization, rationale: str, **fields: object) -> Organization:
    org = change(org, "risk-supplier", actions=(), accepted=True, rationale=rationale, **fields)
    return org.without(["act-dual-source"])


_SUPPLIER_RATIONALE = (
    "The supplier holds two months of valve bodies for us under contract and must give six months' notice; "
    "a second source would cost more than the exposure"
)


def _one_person_no_lines() -> Organization:
    org = change(one_person(), "qm", reports_to=None)
    return change(org, "ops", reports_to=None)


def _one_person_duties_unwritten() -> Organization:
    org = change(one_person(), "resp-qms-conformity", accountable=())
    return org.without(["resp-customer-focus"])


def _exclude_design() -> Organization:
    return complete().evolve(
        scope="Assembly and sale of industrial valves built to customers' designs",
        exclusions=(
            Exclusion(
                requirement="8.3",
                justification="Kestrel builds valves to its customers' designs and does no design or development",
            ),
        ),
    )


def _covers_roles_only() -> Organization:
    return complete().evolve(
        policy=None,
        objectives=(),
        context_issues=(),
        interested_parties=(),
        risks=(),
        opportunities=(),
        actions=(),
        communications=(),
        reviews=(),
        covers=("5.3",),
    )


def _risk_action_done() -> Organization:
    effect = Effectiveness(
        criterion="Both suppliers deliver to specification for six months",
        evaluate_by=dt.date(2026, 11, 15),
        evaluated_on=dt.date(2026, 11, 10),
        result=EffectivenessResult.EFFECTIVE,
    )
    return change(
        complete(), "act-dual-source", status=ActionStatus.DONE, completed_on=dt.date(2026, 9, 30), effectiveness=effect
    )


def _opportunity_declined() -> Organization:
    org = change(
        complete(),
        "opp-export",
        actions=(),
        accepted=True,
        rationale="Baltic utilities buy through framework tenders that open again in 2028; revisit at the 2027 review",
    )
    return org.without(["act-export"])


def _planned_resource() -> Organization:
    rig = Resource(
        id="res-rig-2",
        name="Second pressure test rig",
        kind=ResourceKind.INFRASTRUCTURE,
        status=ResourceStatus.PLANNED,
        owner="md",
        description="Approved at the June 2026 management review, in the 2027 budget",
    )
    return complete().with_elements(rig)


def _evidence_by_requirement_id() -> Organization:
    return cite(
        complete(),
        "ev-policy",
        "leadership.communicate-importance",
        "policy.appropriate",
        "policy.communicated",
        "policy.available-to-parties",
    )


def _policy_by_briefing_only() -> Organization:
    return change(complete(), "policy", communicated_to=())


def _objective_by_communication_only() -> Organization:
    return change(complete(), "obj-otd", communicated_to=())


def _communicator_not_in_audience() -> Organization:
    org = change(complete(), "comm-objectives", audience=("ops",))
    return change(org, "obj-otd", communicated_to=("ops",))


def _integration_owned_by_md() -> Organization:
    return complete().with_elements(
        Responsibility(
            id="resp-integration",
            title="Build the QMS controls into how orders are sold and valves are made",
            clauses=("5.1.1 c",),
            accountable=("md",),
            responsible=("ops",),
            processes=("proc-make", "proc-sell"),
        )
    )


def _website_communication() -> Organization:
    return complete().with_elements(
        Communication(
            id="comm-website",
            subject="The quality policy on the company website",
            about=("policy",),
            audience=("ip-customer",),
            communicator="md",
            channel="company website",
            frequency="on every revision of the policy",
        )
    )


# -- the practices ---------------------------------------------------------------------------

_DEPUTIES = {"roles.assigned": frozenset({OFI})}
_DUTY_ITEMS = (
    "roles.qms-conformity",
    "roles.process-outputs",
    "roles.performance-reporting",
    "roles.customer-focus",
    "roles.change-integrity",
)


def _outside_catalog_8_3(assessment: Assessment) -> None:
    assert "8.3" in assessment.exclusions_outside_catalog


PRACTICES: tuple[Practice, ...] = (
    Practice(
        "no-named-deputies", "Nobody is named as a deputy: at most an opportunity under 5.3.", _no_deputies, _DEPUTIES
    ),
    Practice(
        "awareness-by-training-record",
        "Awareness is shown by a training record citing the 7.3 requirement ids, not per person.",
        _awareness_by_training_record,
    ),
    Practice(
        "doer-holds-the-authority",
        "The MD is accountable for process outputs; the operations manager who does the work holds the stop authority.",
        lambda: change(complete(), "resp-process-outputs", accountable=("md",), responsible=("ops",)),
    ),
    Practice(
        "annual-customer-survey",
        "A satisfaction objective measured once a year, last 10 months before the assessment.",
        _annual_customer_survey,
    ),
    Practice(
        "interim-review-partial-agenda",
        "An interim review on three inputs, besides the full June review within 12 months.",
        _interim_review,
    ),
    Practice(
        "company-level-objective",
        "An objective for the whole company, with no processes and no functions named.",
        _company_level_objective,
    ),
    Practice(
        "qmr-duties-cite-5.3",
        "The quality manager's duties are one responsibility citing '5.3': at most an opportunity to cite the items.",
        lambda: change(complete(), "resp-qms-conformity", clauses=("5.3",), title="Management representative duties"),
        dict.fromkeys(("roles.assigned", *_DUTY_ITEMS), frozenset({OFI})),
    ),
    Practice(
        "one-person-several-roles",
        "Cai is operations manager and purchasing officer at once.",
        _several_roles_one_person,
    ),
    Practice(
        "climate-not-relevant-reasoned",
        "Climate change was judged not relevant, with the reasons recorded.",
        lambda: change(
            complete(),
            "ci-climate",
            relevant=False,
            rationale=(
                "Reviewed in the 2026 context analysis: neither our processes nor our customers' or regulators' "
                "requirements of our valves depend on the climate; revisited at each management review"
            ),
        ),
    ),
    Practice(
        "risk-accepted-with-rationale",
        "A moderate supplier risk (3 x 3 of 5 x 5) is accepted without action, for stated reasons.",
        lambda: _accept_supplier_risk(complete(), _SUPPLIER_RATIONALE),
    ),
    Practice(
        "one-person-organization",
        "Ana holds every role, approved her own policy, reviews alone and has her audit made externally.",
        one_person,
        _DEPUTIES,
    ),
    Practice(
        "one-person-no-reporting-lines",
        "In the one-person organization no role records a reporting line: the same person holds them all.",
        _one_person_no_lines,
        _DEPUTIES,
    ),
    Practice(
        "one-person-duties-unwritten",
        "In the one-person organization a 5.3 duty and an accountable role are not written down: at most opportunities.",
        _one_person_duties_unwritten,
        {"roles.assigned": {OFI}, **dict.fromkeys(_DUTY_ITEMS, frozenset({OFI}))},
    ),
    Practice(
        "policy-without-next-review-date",
        "The policy sets no next review date: 5.2.2 a asks for none.",
        lambda: change(complete(), "policy", next_review=None),
    ),
    Practice(
        "policy-review-date-passed",
        "The policy's own review date has passed: 5.2.2 a sets no such date, so no finding.",
        lambda: change(complete(), "policy", next_review=dt.date(2026, 6, 30)),
    ),
    Practice(
        "evidence-valid-until-future",
        "Job descriptions are valid until 2027-12-31, after the assessment date.",
        lambda: change(complete(), "ev-job-descriptions", valid_until=dt.date(2027, 12, 31)),
    ),
    Practice(
        "old-evidence-without-expiry",
        "Job descriptions dated 2021, with no expiry: old is not stale.",
        lambda: change(complete(), "ev-job-descriptions", dated=dt.date(2021, 3, 1)),
    ),
    Practice(
        "exclusion-of-design-8.3",
        "8.3 is excluded with a justification (scope: built to customers' designs): recorded, not assessed.",
        _exclude_design,
        check=_outside_catalog_8_3,
    ),
    Practice(
        "covers-5.3-only",
        "A file modelling only roles, people, authorities, responsibilities and processes declares covers: ['5.3'].",
        _covers_roles_only,
        covers=("5.3",),
    ),
    Practice(
        "covers-policy-and-objectives",
        "The complete file declares covers: ['5.2', '6.2']: the rest is not assessed.",
        lambda: complete().evolve(covers=("5.2", "6.2")),
        covers=("5.2", "6.2"),
    ),
    Practice(
        "covers-empty-means-whole-qms",
        "covers: [] (the default) keeps today's meaning: the whole QMS is assessed.",
        lambda: complete().evolve(covers=()),
    ),
    Practice(
        "chair-also-holds-another-role",
        "The MD, who chairs the review, is also the quality manager; Ben deputises for quality.",
        md_is_also_qm,
    ),
    Practice(
        "qm-role-without-line-held-by-md",
        "The quality manager's role records no reporting line, but the MD holds it: it reaches top management.",
        lambda: change(md_is_also_qm(), "qm", reports_to=None),
    ),
    Practice(
        "high-impact-risk-accepted-by-top-management",
        "A flood risk of impact 5 of 5 is accepted by the MD, with insurance and a continuity plan as reasons.",
        _flood,
    ),
    Practice(
        "risk-accepted-below-top-fifth",
        "On a 5 x 6 scale a 4 x 4 risk (16 of 30) owned by operations is accepted with reasons: not high impact.",
        lambda: _accept_supplier_risk(
            complete().evolve(risk_scale=RiskScale(likelihood=5, impact=6)), _SUPPLIER_RATIONALE, likelihood=4, impact=4
        ),
    ),
    Practice(
        "opportunity-declined-with-rationale",
        "The export opportunity is knowingly not pursued, for stated reasons.",
        _opportunity_declined,
    ),
    Practice(
        "risk-action-done-and-effective",
        "The dual-sourcing action is done and was evaluated effective.",
        _risk_action_done,
    ),
    Practice(
        "planned-resource-with-owner",
        "A second test rig is planned for 2027, owned by the MD: planned is not lacking.",
        _planned_resource,
    ),
    Practice(
        "evidence-cites-requirement-ids",
        "The policy record cites requirement ids instead of clause ids.",
        _evidence_by_requirement_id,
    ),
    Practice(
        "evidence-edition-2015",
        "The leadership log declares edition 2015 and cites 5.1.1 h, i and j.",
        lambda: cite(complete(), "ev-leadership-log", "5.1.1 h", "5.1.1 i", "5.1.1 j", edition="2015"),
    ),
    Practice(
        "evidence-edition-2026-lettering",
        "The leadership log declares edition 2026 and cites 5.1.1 h, j and k: improvement and support of managers in 2015.",
        lambda: cite(complete(), "ev-leadership-log", "5.1.1 h", "5.1.1 j", "5.1.1 k", edition="2026"),
    ),
    Practice(
        "policy-communicated-by-briefing-only",
        "The policy lists nobody in communicated_to; the planned briefing about it reaches every role.",
        _policy_by_briefing_only,
    ),
    Practice(
        "objective-communicated-by-communication-only",
        "The objective lists nobody in communicated_to; the monthly communication about it reaches its roles.",
        _objective_by_communication_only,
    ),
    Practice(
        "communicator-not-in-own-audience",
        "The quality manager communicates the objectives and is not in their audience.",
        _communicator_not_in_audience,
    ),
    Practice(
        "cross-audits",
        "Quality audits assembly and operations audits management: nobody audits their own work.",
        lambda: change(complete(), "ops", audits=("proc-manage",)),
    ),
    Practice(
        "integration-accountable-to-md",
        "A 5.1.1 c responsibility is accountable to the MD and carried out by operations.",
        _integration_owned_by_md,
    ),
    Practice(
        "annual-management-review",
        "The last (full) management review was 11 months before the assessment.",
        lambda: change(complete(), "mr-2026-06", held_on=dt.date(2025, 12, 18)),
    ),
    Practice(
        "six-processes-all-owned",
        "Kestrel with six processes, each owned: the population the systemic cases change.",
        lambda: with_processes(6),
    ),
    Practice(
        "nine-objectives-all-communicated",
        "Kestrel with nine objectives, each planned, measured and communicated.",
        with_nine_objectives,
    ),
    Practice(
        "policy-on-the-website",
        "The policy is published to customers on the website, by the MD.",
        _website_communication,
    ),
    Practice(
        "md-owns-a-process",
        "The MD owns sales; nobody deputises for her: at most an opportunity under 5.3.",
        lambda: change(complete(), "proc-sell", owner="md"),
        _DEPUTIES,
    ),
)


# -- builders of the gaps ----------------------------------------------------------------------


def _owners_removed(org: Organization, *processes: str) -> Organization:
    for process in processes:
        org = change(org, process, owner=None)
    return org


def _no_policy() -> Organization:
    org = complete()
    briefing = attrs.evolve(
        org.get("comm-policy", Communication), about=(), subject="Why quality and conformity matter"
    )
    communications = tuple(briefing if c.id == briefing.id else c for c in org.communications)
    objectives = tuple(attrs.evolve(o, supports=()) for o in org.objectives)
    org = org.evolve(policy=None, objectives=objectives, communications=communications)
    return cite(org, "ev-policy", "5.1.1 f", kind=EvidenceKind.RECORD, title="Slides of the staff briefings on quality")


def _no_objectives() -> Organization:
    org = complete()
    results = attrs.evolve(org.get("comm-objectives", Communication), about=(), subject="Quality results")
    communications = tuple(results if c.id == results.id else c for c in org.communications)
    return org.evolve(objectives=(), communications=communications).without(["act-otd-plan"])


def _no_reviews() -> Organization:
    org = complete().evolve(reviews=())
    return cite(
        org,
        "ev-review-minutes",
        *("5.1.1 a", "5.1.1 b", "5.1.1 e", "5.1.1 g", "6.2.1 g", "7.1.1"),
        title="Minutes of the monthly management meetings",
    )


def _satisfaction_not_reviewed_this_year() -> Organization:
    org = without_inputs(complete(), "mr-2026-06", ReviewInput.CUSTOMER_SATISFACTION)
    org = add_review(org, "mr-2025-06", dt.date(2025, 6, 12))
    return add_review(
        org,
        "mr-2026-10",
        dt.date(2026, 10, 15),
        inputs=(ReviewInput.OBJECTIVES_ACHIEVEMENT, ReviewInput.PROCESS_PERFORMANCE),
    )


def _context_changes_only_14_months_ago() -> Organization:
    org = without_inputs(complete(), "mr-2026-06", ReviewInput.CONTEXT_CHANGES)
    return add_review(org, "mr-2025-09", dt.date(2025, 9, 20))


def _self_audit_through_two_roles() -> Organization:
    org = change(complete(), "ben", roles=("qm", "ops"), deputy_of=())
    return change(org, "cai", roles=("ops",), deputy_of=("qm",))


def _one_person_audits_itself() -> Organization:
    org = change(one_person(), "qm", audits=("proc-make",))
    return org.without(["ev-external-audit"])


def _qa_engineer(attends_review: bool) -> Organization:
    """The 5.3 c duty moves to a QA engineer (Dan) whose role reports to nobody."""
    dan = Person(id="dan", name="Dan Holm", roles=("qa",), awareness=_AWARE)
    org = complete().with_elements(
        Role(id="qa", title="QA Engineer"),
        dan,
        Responsibility(
            id="resp-reporting",
            title="Report QMS performance and improvement needs to top management",
            clauses=("5.3 c",),
            accountable=("qa",),
            responsible=("qa",),
            processes=("proc-manage",),
        ),
    )
    org = change(org, "resp-qms-conformity", clauses=("5.3 a", "5.3 e"))
    org = change(org, "policy", communicated_to=("md", "qm", "ops", "qa"))
    if attends_review:
        org = change(org, "mr-2026-06", attendees=("qm", "ops", "qa"))
    return org


def _awareness_procedure_only() -> Organization:
    org = cite(people_record_no_awareness(complete()), "ev-training", "6.2.1 f")
    return add_evidence(
        org,
        "ev-awareness-procedure",
        "Awareness procedure QP-07: induction and yearly briefing",
        EvidenceKind.PROCEDURE,
        *("7.3 a", "7.3 b", "7.3 c", "7.3 d"),
    )


def _satisfaction_procedure_only() -> Organization:
    org = drop_settling(complete(), "customer-focus.satisfaction")
    return add_evidence(
        org,
        "ev-satisfaction-procedure",
        "Customer satisfaction monitoring procedure QP-09",
        EvidenceKind.PROCEDURE,
        "5.1.2 c",
    )


def _improvement_board(**fields: object) -> Organization:
    org = drop_settling(complete(), "leadership.improvement")
    return add_evidence(
        org,
        "ev-improvement-board",
        "Improvement board: ideas raised, decided and carried out in 2026",
        EvidenceKind.RECORD,
        "5.1.1 i",
        **fields,
    )


def _exclude(*names: str) -> Callable[[], Organization]:
    def build() -> Organization:
        exclusions = tuple(
            Exclusion(requirement=n, justification="We are a small company and do not need it") for n in names
        )
        return complete().evolve(exclusions=exclusions)

    return build


def _no_nonconformity_anywhere(assessment: Assessment) -> None:
    ncs = [f"{f.requirement}: {f.rule}" for f in assessment.findings if f.status.value == "nonconformity"]
    assert ncs == [], "an observation must never be shown as a nonconformity"
    assert assessment.summary().nonconformities == 0


def _resources_lacking() -> Organization:
    return change(complete(), "res-test-rig", status=ResourceStatus.LACKING)


def _customer_risk_untreated() -> Organization:
    return change(complete(), "risk-late-delivery", actions=()).without(["act-buffer"])


_SILENT_4 = ("obj-yield", "obj-quote", "obj-review-actions", "obj-leak")
_SILENT_5_SPREAD = ("obj-yield", "obj-scrap", "obj-quote", "obj-contract", "obj-review-actions")
_SILENT_5_ASSEMBLY = ("obj-yield", "obj-scrap", "obj-rework", "obj-leak", "obj-test")

_NO_TOP_MANAGEMENT_ALLOWED = dict.fromkeys(
    (
        "leadership.policy-and-objectives",
        "leadership.communicate-importance",
        "leadership.improvement",
        "roles.assigned",
        "roles.performance-reporting",
        "review.planned",
    ),
    frozenset({MINOR, MAJOR}),
)

_REVIEW_EXAMINERS = (
    "review-inputs.previous-actions",
    "review-inputs.context-changes",
    "review-inputs.performance",
    "review-inputs.resources",
    "review-inputs.risk-actions",
    "review-inputs.improvement-opportunities",
    "review-outputs.records",
    "review-outputs.improvement",
    "review-outputs.qms-changes",
    "review-outputs.resource-needs",
)
_PLAN_EXAMINERS = (
    "objectives.monitored",
    "objective-plans.what",
    "objective-plans.resources",
    "objective-plans.responsible",
    "objective-plans.when",
    "objective-plans.evaluation",
)
_AWARENESS_ITEMS = ("awareness.objectives", "awareness.contribution", "awareness.nonconformity")


# -- the gaps --------------------------------------------------------------------------------

GAPS: tuple[Gap, ...] = (
    # -- 5.3 b: process owners, and when a breakdown is systemic --------------------------------
    Gap(
        "process-without-owner",
        "Sales has no owner: minor under 5.3 b.",
        lambda: change(complete(), "proc-sell", owner=None),
        "roles.process-outputs",
        MINOR,
        ("proc-sell",),
    ),
    Gap(
        "every-process-of-three-without-owner",
        "None of the 3 processes has an owner: one minor finding (a population of 3 is never systemic).",
        lambda: _owners_removed(complete(), "proc-manage", "proc-make", "proc-sell"),
        "roles.process-outputs",
        MINOR,
        ("proc-manage", "proc-make", "proc-sell"),
        exact=True,
        reason="3 of 3",
    ),
    Gap(
        "three-of-six-processes-without-owner",
        "3 of 6 processes, 3 different ones, have no owner: systemic, major.",
        lambda: _owners_removed(with_processes(6), "proc-make", "proc-buy", "proc-ship"),
        "roles.process-outputs",
        MAJOR,
        ("proc-make", "proc-buy", "proc-ship"),
        exact=True,
        reason="3 of 6",
    ),
    Gap(
        "two-of-six-processes-without-owner",
        "2 of 6 processes have no owner: fewer than 3 instances, minor.",
        lambda: _owners_removed(with_processes(6), "proc-make", "proc-buy"),
        "roles.process-outputs",
        MINOR,
        ("proc-make", "proc-buy"),
        exact=True,
    ),
    Gap(
        "three-of-seven-processes-without-owner",
        "3 of 7 processes have no owner: less than half, minor.",
        lambda: _owners_removed(with_processes(7), "proc-make", "proc-buy", "proc-ship"),
        "roles.process-outputs",
        MINOR,
        ("proc-make", "proc-buy", "proc-ship"),
        exact=True,
        reason="3 of 7",
    ),
    # -- not addressed at all: major, and what only examines the missing element is not assessed -
    Gap(
        "no-quality-policy",
        "No quality policy: major under 5.2.1; 5.2.2 and 6.2.1 a have nothing to examine.",
        _no_policy,
        "policy.appropriate",
        MAJOR,
        also={
            "policy.documented": NOT,
            "policy.communicated": NOT,
            "policy.available-to-parties": NOT,
            "objectives.consistent-with-policy": NOT,
        },
        # "major under 5.2.1 requirements": the commitments (5.2.1 b-d) may carry the major too,
        # or have nothing to examine; never conform by vacuity.
        allowed={
            "policy.objectives-framework": {MAJOR, NOT},
            "policy.satisfy-requirements": {MAJOR, NOT},
            "policy.continual-improvement": {MAJOR, NOT},
            "leadership.policy-and-objectives": {MAJOR, MINOR, NOT},
            "awareness.policy": {NOT},
        },
    ),
    Gap(
        "no-quality-objectives",
        "No objectives: major under 6.2.1 b; 6.2.1 e and 6.2.2 a-e are not assessed, never conform by vacuity.",
        _no_objectives,
        "objectives.measurable",
        MAJOR,
        also=dict.fromkeys(_PLAN_EXAMINERS, NOT),
        allowed={
            "objectives.consistent-with-policy": {NOT},
            "objectives.requirements": {NOT},
            "objectives.relevant": {NOT},
            "objectives.communicated": {NOT},
            "objectives.updated": {NOT},
            "awareness.objectives": {NOT},
            "leadership.intended-results": {NOT},
            "leadership.policy-and-objectives": {MAJOR, MINOR},
        },
    ),
    Gap(
        "no-management-review-ever",
        "No management review ever: major under 9.3.1; 9.3.2 and 9.3.3 are not assessed.",
        _no_reviews,
        "review.planned",
        MAJOR,
        also=dict.fromkeys(_REVIEW_EXAMINERS, NOT),
    ),
    Gap(
        "no-top-management",
        "No role is top management: major under 5.1.1 a (what names top management may follow).",
        lambda: change(complete(), "md", top_management=False),
        "leadership.accountability",
        MAJOR,
        allowed=_NO_TOP_MANAGEMENT_ALLOWED,
    ),
    Gap(
        "duty-5.3e-assigned-to-nobody",
        "Nobody keeps the QMS intact through changes, in an organization of three: major under 5.3 e.",
        lambda: change(complete(), "resp-qms-conformity", clauses=("5.3 a", "5.3 c")),
        "roles.change-integrity",
        MAJOR,
    ),
    # -- 9.3: reviews --------------------------------------------------------------------------
    Gap(
        "customer-satisfaction-not-reviewed-in-12-months",
        "Customer satisfaction is missing from both reviews of the last 12 months (only the one 17 months ago had it).",
        _satisfaction_not_reviewed_this_year,
        "review-inputs.performance",
        MINOR,
        mentions=("customer",),
    ),
    Gap(
        "context-changes-only-14-months-ago",
        "Context changes were last reviewed 14 months ago; the review within 12 months skipped them.",
        _context_changes_only_14_months_ago,
        "review-inputs.context-changes",
        MINOR,
    ),
    Gap(
        "management-review-overdue",
        "The latest management review was 17 months before the assessment.",
        lambda: change(complete(), "mr-2026-06", held_on=dt.date(2025, 6, 18)),
        "review.planned",
        MINOR,
    ),
    Gap(
        "review-without-top-management",
        "The quality manager chaired the review and no top-management role attended.",
        lambda: change(complete(), "mr-2026-06", chair="qm", attendees=("ops",)),
        "review.planned",
        MINOR,
        ("mr-2026-06",),
    ),
    # -- 9.2.2 c: impartiality of internal audit ---------------------------------------------------
    Gap(
        "self-audit-through-two-roles",
        "Ben is quality manager and operations manager; as quality manager he audits assembly, which he owns as operations manager.",
        _self_audit_through_two_roles,
        "audit.impartiality",
        MINOR,
        ("proc-make",),
    ),
    Gap(
        "self-audit-direct",
        "The quality manager audits management, the process it owns: 9.2.2 c, not 5.3.",
        lambda: change(complete(), "qm", audits=("proc-make", "proc-manage")),
        "audit.impartiality",
        MINOR,
        ("proc-manage",),
    ),
    Gap(
        "one-person-audits-itself",
        "Ana alone audits her own assembly process: minor, and the fix names an external auditor.",
        _one_person_audits_itself,
        "audit.impartiality",
        MINOR,
        ("proc-make",),
        mentions=("external",),
        allowed=_DEPUTIES,
    ),
    # -- 6.1.2: proportionate actions --------------------------------------------------------------
    Gap(
        "high-impact-risk-accepted-with-placeholder",
        "A flood risk of impact 5 of 5 is accepted with the rationale 'n/a'.",
        lambda: _flood(rationale="n/a"),
        "planning.actions-planned",
        MINOR,
        ("risk-flood",),
    ),
    Gap(
        "high-impact-risk-accepted-below-top-management",
        "A flood risk of impact 5 of 5 is accepted, with reasons, by the operations manager, not top management.",
        lambda: _flood(owner="ops"),
        "planning.actions-planned",
        MINOR,
        ("risk-flood",),
    ),
    Gap(
        "top-fifth-risk-accepted-below-top-management",
        "On a 5 x 6 scale a 5 x 5 risk (25 of 30: top fifth, impact not top level) is accepted by operations.",
        lambda: _accept_supplier_risk(
            complete().evolve(risk_scale=RiskScale(likelihood=5, impact=6)), _SUPPLIER_RATIONALE, likelihood=5, impact=5
        ),
        "planning.actions-planned",
        MINOR,
        ("risk-supplier",),
    ),
    Gap(
        "risk-accepted-with-dash",
        "A moderate risk is accepted without action; its rationale is '-'.",
        lambda: _accept_supplier_risk(complete(), "-"),
        "planning.actions-planned",
        MINOR,
        ("risk-supplier",),
    ),
    Gap(
        "customer-risk-untreated",
        "The late-delivery risk, which affects customers, has no action and is not accepted.",
        _customer_risk_untreated,
        "customer-focus.risks",
        MINOR,
        ("risk-late-delivery",),
        allowed={"planning.actions-planned": {MINOR}},
    ),
    # -- 5.2: policy -------------------------------------------------------------------------------
    Gap(
        "policy-version-x",
        "The policy's version is 'x'.",
        lambda: change(complete(), "policy", version="x"),
        "policy.documented",
        MINOR,
        ("policy",),
    ),
    Gap(
        "policy-location-question-mark",
        "Where the controlled policy is kept is '?'.",
        lambda: change(complete(), "policy", location="?"),
        "policy.documented",
        MINOR,
        ("policy",),
    ),
    Gap(
        "policy-not-communicated-to-operations",
        "Neither the policy nor the briefing about it reaches the operations manager.",
        lambda: change(change(complete(), "policy", communicated_to=("md", "qm")), "comm-policy", audience=("qm",)),
        "policy.communicated",
        MINOR,
        ("ops",),
    ),
    Gap(
        "observation-policy-not-linked",
        "The policy names no context issue and its strategic direction is 'n/a': an observation, never a nonconformity.",
        lambda: change(complete(), "policy", context_issues=(), strategic_direction="n/a"),
        "policy.appropriate",
        OBS,
        ("policy",),
        check=_no_nonconformity_anywhere,
    ),
    Gap(
        "observation-climate-rationale-dash",
        "The climate decision's rationale is '-': an observation, never a nonconformity.",
        lambda: change(complete(), "ci-climate", rationale="-"),
        "context.climate",
        OBS,
        ("ci-climate",),
        check=_no_nonconformity_anywhere,
    ),
    # -- 5.1.1 b-j belong to top management ------------------------------------------------------
    Gap(
        "integration-accountable-to-quality-manager",
        "A responsibility citing 5.1.1 c is accountable to the quality manager, not top management.",
        lambda: change(_integration_owned_by_md(), "resp-integration", accountable=("qm",), responsible=("qm",)),
        "leadership.integration",
        MINOR,
        ("resp-integration",),
    ),
    Gap(
        "resources-accountable-to-operations",
        "A responsibility citing 5.1.1 e is accountable to the operations manager, not top management.",
        lambda: complete().with_elements(
            Responsibility(
                id="resp-resources",
                title="Make sure the QMS has the people and equipment it needs",
                clauses=("5.1.1 e",),
                accountable=("ops",),
                responsible=("ops",),
                processes=("proc-make",),
            )
        ),
        "leadership.resources",
        MINOR,
        ("resp-resources",),
    ),
    # -- 5.3: reporting lines and RACI, on the right clause ------------------------------------------
    Gap(
        "5.3c-holder-without-route",
        "The QA engineer holds the 5.3 c duty, reports to nobody and attends no review: minor under 5.3 c (and 5.3 for the line).",
        lambda: _qa_engineer(attends_review=False),
        "roles.performance-reporting",
        MINOR,
        ("qa",),
        also={"roles.assigned": MINOR},
    ),
    Gap(
        "role-line-never-reaches-top-management",
        "The operations manager reports to nobody: minor under the 5.3 stem; 5.3 c (held by quality) is untouched.",
        lambda: change(complete(), "ops", reports_to=None),
        "roles.assigned",
        MINOR,
        ("ops",),
    ),
    Gap(
        "5.3c-holder-attends-review-without-line",
        "The QA engineer reports to nobody but attends the management review: 5.3 c has its route, the 5.3 stem does not.",
        lambda: _qa_engineer(attends_review=True),
        "roles.assigned",
        MINOR,
        ("qa",),
        also={"roles.performance-reporting": OK},
    ),
    Gap(
        "responsibility-without-accountable",
        "In an organization of three, nobody is accountable for promoting customer focus.",
        lambda: change(complete(), "resp-customer-focus", accountable=()),
        "roles.assigned",
        MINOR,
        ("resp-customer-focus",),
    ),
    # -- evidence ----------------------------------------------------------------------------------
    Gap(
        "awareness-by-procedure-only",
        "Only an awareness procedure cites 7.3 and nobody records awareness: a procedure is not a record.",
        _awareness_procedure_only,
        "awareness.policy",
        NE,
        mentions=("procedure",),
        also=dict.fromkeys(_AWARENESS_ITEMS, NE),
        allowed={"policy.communicated": {NE}},
    ),
    Gap(
        "satisfaction-monitoring-by-procedure-only",
        "Only a procedure cites 5.1.2 c: satisfaction monitoring needs a record.",
        _satisfaction_procedure_only,
        "customer-focus.satisfaction",
        NE,
        mentions=("procedure",),
    ),
    Gap(
        "evidence-past-valid-until",
        "The risk register, the only evidence for 6.1.1, was valid until 2026-09-30.",
        lambda: change(complete(), "ev-risk-register", valid_until=dt.date(2026, 9, 30)),
        "planning.risks-determined",
        NE,
        mentions=("ev-risk-register",),
    ),
    Gap(
        "evidence-cites-parent-clause-7",
        "The training record cites clause '7' instead of 7.3 a-d, and nobody records awareness.",
        lambda: cite(people_record_no_awareness(complete()), "ev-training", "6.2.1 f", "7"),
        "awareness.policy",
        NE,
        mentions=("ev-training", "7.3 a"),
        also=dict.fromkeys(_AWARENESS_ITEMS, NE),
        allowed={"policy.communicated": {NE}},
    ),
    Gap(
        "evidence-5.1.1-i-without-edition",
        "The only evidence for improvement cites '5.1.1 i' with no edition: ambiguous, settles nothing, warns.",
        _improvement_board,
        "leadership.improvement",
        NE,
        warning="5.1.1 i",
    ),
    Gap(
        "evidence-5.1.1-i-of-edition-2026",
        "The only evidence for improvement cites '5.1.1 i' of the 2026 edition (quality culture there).",
        lambda: _improvement_board(edition="2026"),
        "leadership.improvement",
        NE,
    ),
    # -- 4.3: exclusions of what can always be applied are refused ----------------------------------
    Gap(
        "exclusion-of-5.1.2c-refused",
        "Excluding 5.1.2 c (customer satisfaction) is refused, naming 4.3.",
        _exclude("5.1.2 c"),
        raises=("4.3", "5.1.2 c"),
    ),
    Gap(
        "exclusions-of-9.3.2-and-7.3a-refused",
        "Excluding 9.3.2 and 7.3 a is refused, naming 4.3 and both exclusions.",
        _exclude("9.3.2", "7.3 a"),
        raises=("4.3", "9.3.2", "7.3 a"),
    ),
    Gap(
        "exclusion-by-requirement-id-refused",
        "Excluding roles.customer-focus by its requirement id is refused, naming 4.3.",
        _exclude("roles.customer-focus"),
        raises=("4.3", "roles.customer-focus"),
    ),
    # -- 6.2: objectives, one finding per rule, systemic or not ------------------------------------
    Gap(
        "4-of-9-objectives-not-communicated",
        "4 of 9 objectives reach nobody: one minor finding naming all four.",
        lambda: silence_objectives(with_nine_objectives(), _SILENT_4),
        "objectives.communicated",
        MINOR,
        _SILENT_4,
        exact=True,
        reason="4 of 9",
    ),
    Gap(
        "5-of-9-objectives-not-communicated-across-3-processes",
        "5 of 9 objectives, in 3 processes, reach nobody: systemic, one major finding.",
        lambda: silence_objectives(with_nine_objectives(), _SILENT_5_SPREAD),
        "objectives.communicated",
        MAJOR,
        _SILENT_5_SPREAD,
        exact=True,
        reason="5 of 9",
    ),
    Gap(
        "5-of-9-objectives-not-communicated-in-one-process",
        "5 of 9 objectives reach nobody, all in assembly: not spread over 3 processes, minor.",
        lambda: silence_objectives(with_nine_objectives(), _SILENT_5_ASSEMBLY),
        "objectives.communicated",
        MINOR,
        _SILENT_5_ASSEMBLY,
        exact=True,
        reason="5 of 9",
    ),
    Gap(
        "objective-never-measured",
        "The delivery objective has never been measured.",
        lambda: change(complete(), "obj-otd", measurements=()),
        "objectives.monitored",
        MINOR,
        ("obj-otd",),
    ),
    Gap(
        "objective-evaluation-tbd",
        "How the delivery objective's results will be evaluated is 'tbd'.",
        lambda: change(complete(), "obj-otd", evaluation="tbd"),
        "objective-plans.evaluation",
        MINOR,
        ("obj-otd",),
    ),
    # -- 7.1, 7.4, 5.1.2 -------------------------------------------------------------------------
    Gap(
        "communication-frequency-question-mark",
        "When the objectives are communicated is '?'.",
        lambda: change(complete(), "comm-objectives", frequency="?"),
        "communication.when",
        MINOR,
        ("comm-objectives",),
    ),
    Gap(
        "resource-lacking",
        "The pressure test rig is lacking: minor under 7.1.1 (4.4.1 d and 5.1.1 e may say so too).",
        _resources_lacking,
        "resources.determined-provided",
        MINOR,
        ("res-test-rig",),
        allowed={"leadership.resources": {MINOR}, "processes.resources": {MINOR}},
    ),
    Gap(
        "customer-requirement-without-owner",
        "Nobody owns the customer's delivery requirement.",
        lambda: change(complete(), "req-delivery", owner=None),
        "customer-focus.requirements",
        MINOR,
        ("req-delivery",),
    ),
)


# -- running the tables ----------------------------------------------------------------------


@functools.cache
def _baseline() -> Assessment:
    return assess(complete(), edition=EDITION, as_of=AS_OF)


@functools.cache
def _assessed(case_id: str) -> Assessment:
    case = _BY_ID[case_id]
    return assess(case.build(), edition=EDITION, as_of=AS_OF)


_CASES: tuple[Practice | Gap, ...] = (*PRACTICES, *GAPS)
_BY_ID: dict[str, Practice | Gap] = {c.id: c for c in _CASES}


def _warnings(assessment: Assessment) -> set[str]:
    return set(getattr(assessment, "warnings", ()))


def _show(case: Practice | Gap, lines: list[str]) -> str:
    return f"{case.id}: {case.doc}\n" + "\n".join(lines)


def test_tables_are_big_enough_and_ids_unique() -> None:
    """At least 32 conforming practices and 32 gaps, every case named once."""
    assert len(PRACTICES) >= 32
    assert len(GAPS) >= 32
    assert len(_BY_ID) == len(PRACTICES) + len(GAPS)


def test_kestrel_conforms_everywhere_without_warnings() -> None:
    """The baseline: on Kestrel every requirement conforms, 9.2.2 c included, and nothing is warned about."""
    assessment = _baseline()
    found = verdicts(assessment)
    lines = [f"  {req}: {v}" for req, v in found.items() if v != OK]
    assert lines == [], "Kestrel must conform everywhere:\n" + "\n".join(lines)
    assert "audit.impartiality" in found
    assert _warnings(assessment) == set()
    assert assessment.score == 100.0


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_conforming_practice_raises_nothing(practice: Practice) -> None:
    """An ordinary practice leaves every verdict as on Kestrel, apart from what the case allows."""
    assessment = _assessed(practice.id)
    after = verdicts(assessment)
    expected: dict[str, str] = {}
    if practice.covers is not None:
        clauses = clauses_of(assessment)
        expected = {req: NOT for req, clause in clauses.items() if not any(within(clause, c) for c in practice.covers)}
    lines = compare(verdicts(_baseline()), after, expected=expected, allowed=practice.allowed)
    assert lines == [], _show(practice, lines)
    for req, allowed in practice.allowed.items():
        if req in after and after[req] != OK:
            statuses = {f.status.value for f in assessment.result(req).findings}
            assert statuses <= set(allowed) | {OK}, f"{practice.id}: {req} has findings {statuses}"
    assert _warnings(assessment) <= _warnings(_baseline()), _show(practice, sorted(_warnings(assessment)))
    score = expected_score(after)
    assert assessment.score == pytest.approx(score, abs=0.05), _show(
        practice, [f"  score {assessment.score}, want {score}"]
    )
    if practice.check is not None:
        practice.check(assessment)


@pytest.mark.parametrize("gap", GAPS, ids=lambda g: g.id)
def test_gap_is_caught_under_its_requirement(gap: Gap) -> None:
    """The gap gets its verdict under the right requirement, as one finding per rule naming the elements at fault."""
    if gap.raises:
        with pytest.raises(AssessmentError) as raised:
            assess(gap.build(), edition=EDITION, as_of=AS_OF)
        message = str(raised.value)
        missing = [word for word in gap.raises if word not in message]
        assert missing == [], f"{gap.id}: the error does not name {missing}: {message}"
        return
    assessment = _assessed(gap.id)
    result = assessment.result(gap.requirement)
    findings = [
        f"  {f.status.value} {f.grade.value if f.grade else ''} {f.rule} {f.subjects}: {f.reason}"
        for f in result.findings
    ]
    assert verdict(result) == gap.verdict, _show(
        gap, [f"  {gap.requirement}: {verdict(result)}, want {gap.verdict}", *findings]
    )
    assert result.status.value != "nonconformity" or result.grade is not None
    twice = [rule for rule, n in Counter(f.rule for f in result.findings).items() if n > 1]
    assert twice == [], _show(gap, ["  one finding per requirement and rule, not per instance:", *findings])
    main = [f for f in result.findings if f.status is result.status]
    if gap.subjects:
        named = [
            f
            for f in main
            if (set(f.subjects) == set(gap.subjects) if gap.exact else set(gap.subjects) <= set(f.subjects))
        ]
        assert named, _show(
            gap, [f"  no {gap.verdict} finding names {gap.subjects}{' exactly' if gap.exact else ''}", *findings]
        )
        if gap.reason:
            assert any(gap.reason in f.reason for f in named), _show(
                gap, [f"  no reason counts {gap.reason!r}", *findings]
            )
    for word in gap.mentions:
        assert word.lower() in text_of(result), _show(
            gap, [f"  nothing says {word!r}", f"  note: {result.note}", *findings]
        )
    if gap.warning:
        warnings = assessment.warnings  # a tuple of strings (spec: ambiguous clause citations)
        assert any(gap.warning in w for w in warnings), _show(gap, [f"  no warning names {gap.warning!r}: {warnings}"])
    if gap.check is not None:
        gap.check(assessment)


@pytest.mark.parametrize("gap", [g for g in GAPS if not g.raises], ids=lambda g: g.id)
def test_gap_moves_nothing_else(gap: Gap) -> None:
    """Apart from its requirement, the gap moves only what it lists (``also``, ``allowed``): no other nonconformity."""
    lines = compare(
        verdicts(_baseline()),
        verdicts(_assessed(gap.id)),
        expected=gap.also,
        allowed=gap.allowed,
        ignore={gap.requirement},
    )
    assert lines == [], _show(gap, lines)


@pytest.mark.parametrize("gap", [g for g in GAPS if g.verdict in (OBS, OFI, NE)], ids=lambda g: g.id)
def test_what_is_not_a_nonconformity_is_not_counted_as_one(gap: Gap) -> None:
    """Observations, opportunities and requests for evidence carry no grade and no nonconformity finding."""
    result = _assessed(gap.id).result(gap.requirement)
    assert result.grade is None
    assert all(f.status.value != "nonconformity" and f.grade is None for f in result.findings)


@pytest.mark.parametrize("gap", [g for g in GAPS if not g.raises], ids=lambda g: g.id)
def test_gap_score_follows_the_verdicts(gap: Gap) -> None:
    """The score counts each requirement once, by its verdict, whatever the number of instances behind it."""
    assessment = _assessed(gap.id)
    score = expected_score(verdicts(assessment))
    assert assessment.score == pytest.approx(score, abs=0.05), _show(gap, [f"  score {assessment.score}, want {score}"])
