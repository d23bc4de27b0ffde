"""Hand-built assessments for the report tests, and a hypothesis strategy of assessments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import strategies as st

from iso9001_leadership import load
from iso9001_leadership.assessment import Assessment, Finding, Grade, RequirementResult, Status
from iso9001_leadership.catalog import Catalog, EvidenceGuide, Requirement, Theme

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"

#: The organization file of the hand-built assessment, as a user would name it from ``tests/report``.
SOURCE = "data/organization.yaml"

#: Where the elements named in the findings stand in ``data/organization.yaml``.
ELEMENT_PATHS = {
    "calibration": "processes[1]",
    "service-lead": "roles[2]",
    "resp-warranty": "responsibilities[0]",
    "auth-warranty": "authorities[0]",
    "risk-energy": "risks[0]",
    "obj-oee": "objectives[0]",
}

#: A requirement of the organization's own, with text that needs escaping in every format.
CUSTOM = Requirement(
    id="kestrel.gemba-walks",
    clause="KVF 1",
    title="Leadership on the floor | <monthly>",
    summary="Top management walks the shop floor every month & talks to the people there.",
    theme=Theme.ACCOUNTABILITY,
    evidence=EvidenceGuide(documents=["walk records"]),
    origin="kestrel.yaml",
)


#: What the hand-built assessment warns about its input (as the engine words an ambiguous citation).
WARNING = (
    "evidence 'ev-org-chart' cites '5.1.1 i', which names different requirements in each edition "
    "(2015: leadership.improvement; 2026: leadership.quality-culture); it settles nothing until it cites "
    "the requirement id or says its edition"
)


def build_assessment() -> Assessment:
    """An assessment with every status and grade, findings with subjects and evidence, notes, an N/A,
    a requirement not assessed, one whose wording is unconfirmed, and a warning."""
    catalog = Catalog.builtin("2015")

    def req(id: str) -> Requirement:
        return catalog[id]

    major = Finding(
        requirement="roles.process-outputs",
        clause="5.3 b",
        status=Status.NONCONFORMITY,
        grade=Grade.MAJOR,
        rule="process_without_owner",
        subjects=("calibration",),
        reason="Process 'calibration' has no accountable owner",
        fix="Name one role as owner of 'calibration'",
    )
    minor = Finding(
        requirement="roles.assigned",
        clause="5.3",
        status=Status.NONCONFORMITY,
        grade=Grade.MINOR,
        rule="missing_authority",
        subjects=("service-lead", "resp-warranty", "auth-warranty"),
        reason="Role 'service-lead' is accountable for 'resp-warranty' but does not hold the authority it needs: 'auth-warranty'",
        fix="Give 'auth-warranty' to 'service-lead', or assign 'resp-warranty' to a role that holds it",
        evidence=("ev-org-chart",),
    )
    aside = Finding(
        requirement="roles.assigned",
        clause="5.3",
        status=Status.OBSERVATION,
        rule="role_without_people",
        subjects=("service-lead",),
        reason="Nobody holds the role 'service-lead'",
        fix="Name the person who holds it",
        evidence=("ev-org-chart",),
    )
    observation = Finding(
        requirement="planning.actions-planned",
        clause="6.1.2 a",
        status=Status.OBSERVATION,
        rule="risk_review_due",
        subjects=("risk-energy",),
        reason="Risk 'risk-energy' has no owner to review it",
        fix="Name the role that owns 'risk-energy'",
    )
    opportunity = Finding(
        requirement="objectives.consistent-with-policy",
        clause="6.2.1 a",
        status=Status.OPPORTUNITY,
        rule="objective_wording",
        subjects=("obj-oee",),
        reason="Objective 'obj-oee' could name the policy commitment it serves",
        fix="",
    )
    needs = Finding(
        requirement="leadership.accountability",
        clause="5.1.1 a",
        status=Status.NEEDS_EVIDENCE,
        rule="needs-evidence",
        reason="the model cannot decide this on its own: record evidence for clause 5.1.1 a",
        fix="Record evidence (evidence.clauses: ['5.1.1 a']): review minutes",
    )
    plan = Finding(
        requirement="objective-plans.responsible",
        clause="6.2.2 c",
        status=Status.NONCONFORMITY,
        grade=Grade.MINOR,
        rule="objective_without_owner",
        subjects=("obj-oee",),
        reason="The plan for objective 'obj-oee' does not say who is responsible",
        fix="Name an owner",
    )
    assert req("objective-plans.responsible").unconfirmed, "the catalog no longer marks 6.2.2 c unconfirmed"
    custom = Finding(
        requirement=CUSTOM.id,
        clause=CUSTOM.clause,
        status=Status.OBSERVATION,
        rule="walks-missed",
        reason="Two walks were missed | March and <April>\nboth during the audit season",
        fix="Plan the walks *before* the audit season",
        evidence=("ev-org-chart", "ev-quality-policy"),
    )
    results = (
        RequirementResult(req("leadership.accountability"), Status.NEEDS_EVIDENCE, findings=(needs,)),
        RequirementResult(
            req("customer-focus.satisfaction"),
            Status.NOT_APPLICABLE,
            note="excluded by the organization: Kestrel sells only through one distributor, who owns the survey",
        ),
        RequirementResult(req("policy.documented"), Status.CONFORMS, evidence=("ev-quality-policy",)),
        RequirementResult(
            req("policy.communicated"),
            Status.CONFORMS,
            evidence=("ev-quality-policy",),
            note="on the documented information recorded",
        ),
        RequirementResult(
            req("roles.assigned"), Status.NONCONFORMITY, Grade.MINOR, (minor, aside), evidence=("ev-org-chart",)
        ),
        RequirementResult(req("roles.process-outputs"), Status.NONCONFORMITY, Grade.MAJOR, (major,)),
        RequirementResult(req("planning.actions-planned"), Status.OBSERVATION, findings=(observation,)),
        RequirementResult(req("objectives.consistent-with-policy"), Status.OPPORTUNITY, findings=(opportunity,)),
        RequirementResult(req("objective-plans.responsible"), Status.NONCONFORMITY, Grade.MINOR, (plan,)),
        RequirementResult(
            req("review.planned"), Status.NOT_ASSESSED, note="outside what the file describes (covers: 5, 6, 7)"
        ),
        RequirementResult(CUSTOM, Status.OBSERVATION, findings=(custom,), evidence=("ev-org-chart",)),
    )
    return Assessment(
        organization="Kestrel Valves & Fittings Ltd",
        edition="2015",
        edition_title=catalog.title,
        as_of=dt.date(2026, 11, 24),
        results=results,
        element_paths=ELEMENT_PATHS,
        warnings=(WARNING,),
    )


@pytest.fixture(scope="session")
def assessment() -> Assessment:
    """The hand-built assessment of ``data/organization.yaml``."""
    return build_assessment()


@pytest.fixture(scope="session")
def located_assessment(assessment: Assessment) -> Assessment:
    """The hand-built assessment with the positions the loader records for ``data/organization.yaml``."""
    org = load(HERE / SOURCE)
    return attrs.evolve(assessment, element_positions={s: org.locations[s] for s in assessment.element_paths})


# -- a strategy of assessments, for properties ---------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
_ID = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
_STATUSES = [Status.NONCONFORMITY, Status.OBSERVATION, Status.OPPORTUNITY, Status.NEEDS_EVIDENCE]


@st.composite
def _findings(draw: st.DrawFn, requirement: Requirement) -> Finding:
    status = draw(st.sampled_from(_STATUSES))
    return Finding(
        requirement=requirement.id,
        clause=requirement.clause,
        status=status,
        grade=draw(st.sampled_from(Grade)) if status is Status.NONCONFORMITY else None,
        rule=draw(_ID),
        reason=draw(_TEXT),
        fix=draw(_TEXT),
        subjects=tuple(draw(st.lists(_ID, max_size=3, unique=True))),
        evidence=tuple(draw(st.lists(_ID, max_size=2, unique=True))),
    )


@st.composite
def _assessments(draw: st.DrawFn) -> Assessment:
    catalog = Catalog.builtin("2015")
    chosen = draw(st.lists(st.sampled_from(catalog.requirements), max_size=6, unique_by=lambda r: r.id))
    results = []
    for requirement in chosen:
        findings = tuple(draw(st.lists(_findings(requirement), max_size=3)))
        if findings:
            worst = max(findings, key=lambda f: f.severity)
            result = RequirementResult(requirement, worst.status, worst.grade, findings, note=draw(_TEXT))
        else:
            status = draw(st.sampled_from([Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED]))
            result = RequirementResult(requirement, status, note=draw(_TEXT))
        results.append(result)
    subjects = sorted({s for r in results for f in r.findings for s in f.subjects})
    paths = {s: f"roles[{i}]" for i, s in enumerate(subjects) if draw(st.booleans())}
    return Assessment(
        organization=draw(_TEXT),
        edition="2015",
        edition_title=catalog.title,
        as_of=draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        results=tuple(results),
        element_paths=paths,
        warnings=tuple(draw(st.lists(_TEXT, max_size=2))),
    )


@pytest.fixture(scope="session")
def assessments() -> st.SearchStrategy[Assessment]:
    """Assessments of random requirements, statuses, findings, warnings and text (any Unicode, markup, line breaks)."""
    return _assessments()
