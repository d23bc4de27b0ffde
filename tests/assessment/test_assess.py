"""The assessment engine: statuses, exclusions, the score, summaries, lookups, diff.

Most tests start from the complete organization of ``_orgs`` and change one thing; the rules
of the score and of the worst-of status are checked on a small catalog of our own with checks
that report exactly what a test asks for. The bundled example's planted gaps are checked
finding by finding at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import attrs
import pytest
from tests.assessment._orgs import AS_OF, change, complete, drop_clause_evidence
from tests.checks._helpers import MAJOR, MINOR, NA, NC, NE, OBS, OFI, OK, _assess

import iso9001_leadership as iso
from iso9001_leadership import Evidence, Exclusion, Organization
from iso9001_leadership.assessment import (
    Assessment,
    AssessmentError,
    Finding,
    Grade,
    Status,
    assess,
    diff,
    severity,
)
from iso9001_leadership.catalog import (
    EDITIONS,
    Catalog,
    Decidability,
    EvidenceGuide,
    Requirement,
    Theme,
)
from iso9001_leadership.checks import CheckContext, CheckRegistry
from iso9001_leadership.clauses import clause_within

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
README = ROOT / "examples" / "README.md"


# -- a small catalog whose checks report exactly what they are told -------------------------------

#: What each requirement of the toy catalog reports: (status, grade) per finding.
Plan = Mapping[str, Iterable[tuple[Status, Grade | None]]]


def _requirement(
    req_id: str, clause: str, theme: Theme = Theme.ACCOUNTABILITY, decidable: Decidability = Decidability.MODEL
) -> Requirement:
    return Requirement(
        id=req_id,
        clause=clause,
        title=f"Toy requirement {req_id}",
        summary="A requirement made up for a test.",
        theme=theme,
        evidence=EvidenceGuide(model=["whatever the test says"], documents=["a toy record"]),
        decidable=decidable,
    )


def _toy(plan: Plan) -> tuple[Catalog, CheckRegistry]:
    """A catalog with one requirement per entry of ``plan`` and checks that report what it says."""
    requirements = [_requirement(req_id, f"5.{n} a") for n, req_id in enumerate(plan, start=1)]
    registry = CheckRegistry()
    for req_id, findings in plan.items():

        def check(
            ctx: CheckContext, findings: Iterable[tuple[Status, Grade | None]] = tuple(findings)
        ) -> Iterator[Finding]:
            for n, (status, grade) in enumerate(findings):
                rule, reason = f"rule-{n}", f"finding {n}"
                if status is NC:
                    yield ctx.nonconformity(rule, reason, major=grade is MAJOR)
                elif status is OBS:
                    yield ctx.observation(rule, reason)
                elif status is OFI:
                    yield ctx.opportunity(rule, reason)
                else:
                    yield ctx.needs_evidence(rule, reason)

        registry.register(req_id, check, name="toy")
    return Catalog("2015", requirements), registry


def _toy_assess(plan: Plan, org: Organization | None = None) -> Assessment:
    catalog, registry = _toy(plan)
    return _assess(org if org is not None else Organization(name="Toy"), catalog=catalog, registry=registry)


# -- statuses: the worst finding decides ----------------------------------------------------------


@pytest.mark.parametrize(
    ("findings", "status", "grade"),
    [
        ([], OK, None),
        ([(OFI, None)], OFI, None),
        ([(OFI, None), (OBS, None)], OBS, None),
        ([(OBS, None), (NE, None), (OFI, None)], NE, None),
        ([(NE, None), (NC, MINOR), (OBS, None)], NC, MINOR),
        ([(NC, MINOR), (NC, MAJOR), (NC, MINOR)], NC, MAJOR),
    ],
    ids=["none", "opportunity", "observation", "needs-evidence", "minor", "major"],
)
def test_worst_finding_decides_the_status(
    findings: list[tuple[Status, Grade | None]], status: Status, grade: Grade | None
) -> None:
    """A requirement takes the status and grade of its worst finding, and lists its findings worst first."""
    result = _toy_assess({"toy.a": findings}).result("toy.a")
    assert (result.status, result.grade) == (status, grade)
    assert [f.severity for f in result.findings] == sorted((severity(*f) for f in findings), reverse=True)


def test_severity_orders_statuses_from_harmless_to_major() -> None:
    """Conforms and not applicable are harmless; then opportunity, observation, needs evidence, minor, major."""
    order = [(OK, None), (NA, None), (OFI, None), (OBS, None), (NE, None), (NC, MINOR), (NC, MAJOR)]
    assert [severity(s, g) for s, g in order] == [0, 0, 1, 2, 3, 4, 5]


def test_a_real_requirement_with_a_nonconformity_and_an_observation_is_a_nonconformity() -> None:
    """roles.assigned with an unheld authority (observation) and a responsibility without R (minor) is a minor NC."""
    org = change(change(complete(), "md", authorities=()), "resp-customer-focus", responsible=())
    result = _assess(org).result("roles.assigned")
    assert (result.status, result.grade) == (NC, MINOR)
    assert [(f.status, f.rule) for f in result.findings] == [
        (NC, "responsibility_without_responsible"),
        (OBS, "unheld_authority"),
    ]


# -- needs evidence ------------------------------------------------------------------------------


def test_undecidable_requirement_without_evidence_needs_evidence() -> None:
    """A requirement the model decides only partly, with no evidence for its clause, needs evidence and says which."""
    result = _assess(drop_clause_evidence(complete(), "9.3.3")).result("review-outputs.records")
    assert (result.status, result.grade, result.evidence) == (NE, None, ())
    (finding,) = result.findings
    assert finding.rule == "needs_evidence"
    assert "record evidence for clause 9.3.3" in finding.reason
    assert finding.fix.startswith("Record evidence (evidence.clauses: ['9.3.3'] or ['review-outputs.records']): ")
    assert all(doc in finding.fix for doc in result.requirement.evidence.documents)


def test_evidence_for_the_clause_settles_it() -> None:
    """With evidence citing the clause, the requirement conforms on it; the result names the records and says so."""
    result = _assess(complete()).result("review-outputs.records")
    assert (result.status, result.findings, result.evidence) == (OK, (), ("ev-review-minutes",))
    assert result.note == "on the documented information recorded"


def test_evidence_may_cite_the_requirement_clause_in_several_records() -> None:
    """Every record citing the clause is listed, in file order, once each."""
    extra = Evidence(id="ev-audit", title="Internal audit of the review process", clauses=("9.3.3", "9.3.3 a"))
    result = _assess(complete().with_elements(extra)).result("review-outputs.records")
    assert result.evidence == ("ev-review-minutes", "ev-audit")


def test_model_decided_requirement_needs_no_evidence() -> None:
    """A requirement the model decides conforms on the model alone; evidence citing its parent clause settles nothing."""
    result = _assess(complete()).result("roles.process-outputs")
    assert (result.requirement.decidable, result.status, result.evidence) == (Decidability.MODEL, OK, ())
    assert (
        result.note
        == "evidence 'ev-job-descriptions' cites a clause that holds 5.3 b; cite 'roles.process-outputs' if it shows this item"
    )


def test_training_records_settle_awareness_nobody_recorded() -> None:
    """With no awareness recorded per person, training records citing 7.3 a settle awareness of the policy."""
    org = complete()
    people = tuple(attrs.evolve(p, awareness=()) for p in org.people)
    result = _assess(org.evolve(people=people)).result("awareness.policy")
    assert result.evidence == ("ev-training",)
    assert result.status is OK


def test_awareness_nobody_recorded_without_training_records_needs_evidence() -> None:
    """With no awareness recorded and no training records, awareness of the policy needs evidence."""
    org = drop_clause_evidence(complete(), "7.3 a")
    people = tuple(attrs.evolve(p, awareness=()) for p in org.people)
    result = _assess(org.evolve(people=people)).result("awareness.policy")
    assert (result.status, [f.rule for f in result.findings]) == (NE, ["awareness_of_policy_not_recorded"])


# -- exclusions (4.3) ------------------------------------------------------------------------------


#: A sector requirement under a clause id of its own, which an organization may exclude (4.3).
SECTOR = Requirement(
    id="acme.export-licences",
    clause="ACME 4",
    title="Export licences",
    summary="Export licences are held for every destination country.",
    theme=Theme.CUSTOMER_FOCUS,
    evidence=EvidenceGuide(documents=["licence register"]),
    decidable=Decidability.EVIDENCE,
)


@pytest.mark.parametrize(
    "excluded",
    ["customer-focus.risks", "5.1.2 b", "9.3.3", "7.4", "5.3", "6.2.2 a", "7.1", "10.2 a", "9.2"],
)
def test_exclusion_of_a_leadership_requirement_is_refused_naming_4_3(excluded: str) -> None:
    """Clause 4.3 allows no exclusion of clauses 4 to 7.1.4, 7.2 to 7.5, 9 or 10: assess refuses it, never honours it."""
    org = complete().evolve(exclusions=(Exclusion(excluded, "We are small"),))
    with pytest.raises(AssessmentError, match=r"clause 4\.3 allows excluding only") as info:
        _assess(org)
    assert repr(excluded) in str(info.value)
    assert info.value.requirement == excluded


def test_every_refused_exclusion_is_named_at_once() -> None:
    """Several refused exclusions are named in one error, with the unknown ones."""
    org = complete().evolve(
        exclusions=(Exclusion("5.3", "small"), Exclusion("9.3", "small"), Exclusion("customer-focus.risk", "typo"))
    )
    with pytest.raises(AssessmentError) as info:
        _assess(org)
    message = str(info.value)
    assert "'5.3'" in message
    assert "'9.3'" in message
    assert "'customer-focus.risk'" in message


def test_exclusion_of_a_sector_requirement_makes_it_not_applicable() -> None:
    """A requirement under a clause id of its own may be excluded: not applicable, unchecked, justified."""
    why = "We export to no country that needs a licence"
    org = complete().evolve(exclusions=(Exclusion("acme.export-licences", why),))
    result = assess(org, as_of=AS_OF, catalog=Catalog.builtin().extend([SECTOR])).result("acme.export-licences")
    assert (result.status, result.grade, result.findings, result.points) == (NA, None, (), None)
    assert result.note == f"excluded by the organization: {why}"


def test_excluded_requirement_does_not_count_towards_the_score() -> None:
    """Excluding the only unsettled requirement brings the score back to 100."""
    catalog = Catalog.builtin().extend([SECTOR])
    assert assess(complete(), as_of=AS_OF, catalog=catalog).score < 100.0
    excluded = complete().evolve(exclusions=(Exclusion("acme.export-licences", "No exports"),))
    assert assess(excluded, as_of=AS_OF, catalog=catalog).score == 100.0


@pytest.mark.parametrize(
    ("edition", "excluded", "message"),
    [
        ("2015", "customer-focus.risk", "'customer-focus.risk' (did you mean 'customer-focus.risks'?)"),
        ("2015", "5.1.2 z", "'5.1.2 z' (did you mean '5.1.2 c'?)"),
        ("2015", "planning.risk-actions", "'planning.risk-actions' (did you mean 'planning.actions-planned'?)"),
        ("2026", "6.1.2 b 1", "'6.1.2 b 1' (did you mean '6.2.2 b'?)"),
    ],
    ids=["typo-id", "typo-clause", "2026-id-in-2015", "2015-clause-in-2026"],
)
def test_unknown_exclusion_raises_with_a_suggestion(edition: str, excluded: str, message: str) -> None:
    """An exclusion naming no requirement id or clause of the catalog is refused, naming it and the closest match."""
    org = complete().evolve(exclusions=(Exclusion(excluded, "Not relevant to us"),))
    with pytest.raises(AssessmentError, match=re.escape(message)) as info:
        _assess(org, edition)
    assert info.value.requirement == excluded
    assert f"the {edition} catalog does not have" in str(info.value)


# -- the score --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "score"),
    [
        ({"toy.a": []}, 100.0),
        ({"toy.a": [(NC, MAJOR)]}, 0.0),
        ({"toy.a": [], "toy.b": [(NC, MAJOR)]}, 50.0),
        # 1 + 1 + 0.75 + 0.5 + 0.25 + 0 = 3.5 points out of 6
        (
            {
                "toy.a": [],
                "toy.b": [(OFI, None)],
                "toy.c": [(OBS, None)],
                "toy.d": [(NE, None)],
                "toy.e": [(NC, MINOR)],
                "toy.f": [(NC, MAJOR)],
            },
            58.3,
        ),
        # 0.75 + 0.25 + 0.25 = 1.25 out of 3 = 41.666...
        ({"toy.a": [(OBS, None)], "toy.b": [(NC, MINOR), (OBS, None)], "toy.c": [(NC, MINOR)]}, 41.7),
    ],
    ids=["one-conforms", "one-major", "half", "one-of-each", "rounding"],
)
def test_score_is_the_mean_of_points_by_status(plan: Plan, score: float) -> None:
    """The score is 100 times the mean points of the applicable requirements, rounded to one decimal."""
    assert _toy_assess(plan).score == score


def test_score_leaves_out_not_applicable_requirements() -> None:
    """Not applicable requirements count neither as met nor as not met."""
    plan: Plan = {"toy.a": [(NC, MINOR)], "toy.b": [], "toy.c": [(NC, MAJOR)]}
    catalog, registry = _toy(plan)
    sector = attrs.evolve(catalog["toy.c"], clause="TOY 8")  # a clause 4.3 lets be excluded
    catalog = Catalog("2015", [*(r for r in catalog if r.id != "toy.c"), sector])
    org = Organization(name="Toy", exclusions=(Exclusion("toy.c", "Not in our scope"),))
    # (0.25 + 1) / 2
    assert _assess(org, catalog=catalog, registry=registry).score == 62.5


def test_score_leaves_out_requirements_not_assessed() -> None:
    """Requirements outside what the file covers count neither as met nor as not met, and are counted apart."""
    org = change(complete(), "proc-sell", owner=None).evolve(covers=("roles", "processes"))
    assessment = _assess(org)
    examined = [r for r in assessment.results if r.status is not iso.Status.NOT_ASSESSED]
    assert assessment.examined == len(examined) < len(assessment.results)
    assert assessment.result("review.planned").status is iso.Status.NOT_ASSESSED
    assert assessment.result("roles.process-outputs").status is NC
    points = [r.points for r in examined]
    assert assessment.score == round(100 * sum(p for p in points if p is not None) / len(points), 1)


def test_score_of_the_complete_organization_with_one_minor_nonconformity() -> None:
    """One minor nonconformity among the 74 requirements of 2015: (73 + 0.25) / 74 = 98.99 -> 99.0."""
    org = change(complete(), "proc-sell", owner=None)
    assessment = _assess(org)
    assert len(assessment.results) == assessment.examined == 74
    assert assessment.score == 99.0


def test_points_per_status() -> None:
    """Each status earns the documented points: 1, 1, 0.75, 0.5, 0.25, 0; not applicable earns none."""
    plan: Plan = {
        "toy.a": [],
        "toy.b": [(OFI, None)],
        "toy.c": [(OBS, None)],
        "toy.d": [(NE, None)],
        "toy.e": [(NC, MINOR)],
        "toy.f": [(NC, MAJOR)],
    }
    assessment = _toy_assess(plan)
    assert [r.points for r in assessment.results] == [1.0, 1.0, 0.75, 0.5, 0.25, 0.0]


# -- summaries by clause and theme ---------------------------------------------------------------------


def test_summary_counts_every_status() -> None:
    """The overall summary counts requirements by status, every status present, and carries the score."""
    plan: Plan = {"toy.a": [], "toy.b": [(OBS, None)], "toy.c": [(NC, MINOR)], "toy.d": [(NC, MAJOR)]}
    summary = _toy_assess(plan).summary()
    assert (summary.group, summary.total, summary.nonconformities, summary.score) == ("all", 4, 2, 50.0)
    assert summary.counts == {
        "conforms": 1,
        "not_applicable": 0,
        "not_assessed": 0,
        "opportunity": 0,
        "observation": 1,
        "needs_evidence": 0,
        "nonconformity": 2,
    }


def test_summary_by_clause_and_by_theme() -> None:
    """Summaries group by top-level clause in clause order and by theme in the themes' order, each with its score."""
    catalog = Catalog(
        "2015",
        [
            _requirement("toy.ctx", "4.1", Theme.INTEGRATION),
            _requirement("toy.lead", "5.1.1 a", Theme.ACCOUNTABILITY),
            _requirement("toy.roles", "5.3", Theme.COMMUNICATION_AND_ROLES),
            _requirement("toy.review", "9.3.1", Theme.ACCOUNTABILITY),
            _requirement("acme.rule", "ACME 1", Theme.INTEGRATION),
        ],
    )
    registry = CheckRegistry()

    @registry.check("toy.lead", "toy.review")
    def broken(ctx: CheckContext) -> Iterator[Finding]:
        yield ctx.nonconformity(
            "broken", "Broken", major=ctx.requirement is not None and ctx.requirement.id == "toy.review"
        )

    assessment = _assess(Organization(name="Toy"), catalog=catalog, registry=registry)
    by_clause = [(s.group, s.total, s.nonconformities, s.score) for s in assessment.by_clause()]
    assert by_clause == [("4", 1, 0, 100.0), ("5", 2, 1, 62.5), ("9", 1, 1, 0.0), ("ACME", 1, 0, 100.0)]
    by_theme = [(s.group, s.total, s.nonconformities, s.score) for s in assessment.by_theme()]
    assert by_theme == [
        ("accountability", 2, 2, 12.5),
        ("integration", 2, 0, 100.0),
        ("communication_and_roles", 1, 0, 100.0),
    ]


@pytest.mark.parametrize("edition", EDITIONS)
def test_summaries_of_the_builtin_catalog_partition_it(edition: str) -> None:
    """Clause and theme summaries of a real assessment each add up to every requirement once."""
    assessment = _assess(complete(), edition)
    assert [s.group for s in assessment.by_clause()] == ["4", "5", "6", "7", "9"]
    assert [s.group for s in assessment.by_theme()] == [t.value for t in Theme]
    total = len(Catalog.builtin(edition))
    assert sum(s.total for s in assessment.by_clause()) == sum(s.total for s in assessment.by_theme()) == total


# -- looking results up ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "clause", "requirement"),
    [
        ("2015", "5.3 b", "roles.process-outputs"),
        ("2015", "5.1.1 i", "leadership.improvement"),
        ("2026", "5.1.1 i", "leadership.quality-culture"),
        ("2026", "5.1.1 j", "leadership.improvement"),
        ("2026", "6.1.3", "planning.opportunity-actions"),
    ],
)
def test_result_by_id_or_by_clause_of_the_edition(edition: str, clause: str, requirement: str) -> None:
    """result() takes a requirement id or a clause id of the assessed edition, and both give the same result."""
    assessment = _assess(complete(), edition)
    assert assessment.result(clause) is assessment.result(requirement)
    assert assessment.result(requirement).requirement.clause == clause


def test_result_of_an_unknown_requirement_suggests_the_closest() -> None:
    """An unknown id raises AssessmentError naming it, with a did-you-mean."""
    with pytest.raises(
        AssessmentError,
        match=r"no requirement 'roles.proces-outputs' in this assessment; did you mean 'roles.process-outputs'\?",
    ) as info:
        _assess(complete()).result("roles.proces-outputs")
    assert info.value.requirement == "roles.proces-outputs"


def test_results_follow_the_catalog_order() -> None:
    """One result per requirement, in the catalog's clause order."""
    assert [r.requirement.id for r in _assess(complete(), "2026").results] == list(Catalog.builtin("2026").ids)


@pytest.mark.parametrize(
    ("threshold", "rules"),
    [
        (0, ["rule-0", "rule-1", "rule-2", "rule-3", "rule-4"]),
        (1, ["rule-0", "rule-1", "rule-2", "rule-3", "rule-4"]),
        (2, ["rule-0", "rule-1", "rule-2", "rule-3"]),
        (3, ["rule-0", "rule-1", "rule-2"]),
        (4, ["rule-0", "rule-1"]),
        (5, ["rule-0"]),
        (6, []),
    ],
)
def test_at_or_above_filters_findings_by_severity(threshold: int, rules: list[str]) -> None:
    """at_or_above(n) keeps the findings whose severity is at least n (5 major, 4 minor, 3 needs evidence...)."""
    plan: Plan = {"toy.a": [(NC, MAJOR), (NC, MINOR), (NE, None), (OBS, None), (OFI, None)]}
    assessment = _toy_assess(plan)
    assert [f.rule for f in assessment.at_or_above(threshold)] == rules
    assert assessment.worst() == 5


# -- diff ------------------------------------------------------------------------------------------------


def test_diff_of_an_assessment_with_itself_is_empty() -> None:
    """Nothing is fixed, new, regressed or improved between an assessment and itself."""
    assessment = _assess(change(complete(), "proc-sell", owner=None))
    change_ = diff(assessment, assessment)
    assert (change_.fixed, change_.new, change_.regressed, change_.improved, change_.score_change) == (
        (),
        (),
        (),
        (),
        0.0,
    )
    assert not change_.changed


def test_diff_reports_fixed_new_regressed_and_improved() -> None:
    """Fixing one gap and opening another shows one fixed, one new, one improved, one regressed requirement."""
    before = _assess(change(complete(), "proc-sell", owner=None))
    after = _assess(change(complete(), "obj-otd", due=None))
    change_ = diff(before, after)
    assert [(f.requirement, f.rule, f.subjects) for f in change_.fixed] == [
        ("roles.process-outputs", "process_without_owner", ("proc-sell",))
    ]
    assert [(f.requirement, f.rule, f.subjects) for f in change_.new] == [
        ("objective-plans.when", "objective_plan_incomplete", ("obj-otd",))
    ]
    assert change_.improved == (("roles.process-outputs", NC, OK),)
    assert change_.regressed == (("objective-plans.when", OK, NC),)
    assert change_.score_change == 0.0
    assert change_.changed


def test_diff_matches_findings_whose_wording_changed() -> None:
    """A finding is the same one when requirement, rule and subjects agree, whatever its reason says."""
    old = _assess(change(complete(), "proc-sell", owner=None))
    reworded = attrs.evolve(
        old,
        results=tuple(
            attrs.evolve(r, findings=tuple(attrs.evolve(f, reason="Reworded") for f in r.findings)) for r in old.results
        ),
    )
    assert not diff(old, reworded).changed


# -- determinism -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_same_input_same_assessment(edition: str) -> None:
    """Assessing the same organization twice gives equal assessments, findings in the same order."""
    org = change(change(complete(), "proc-sell", owner=None), "md", authorities=())
    first, second = _assess(org, edition), _assess(org, edition)
    assert first == second
    assert [f.key for f in first.findings] == [f.key for f in second.findings]


def test_as_of_decides_overdue_dates() -> None:
    """The assessment date, never the clock, decides what is overdue: the same review is fine in 2026, overdue in 2028."""
    org = complete()
    assert assess(org, as_of=AS_OF).result("review.planned").status is OK
    late = assess(org, as_of=dt.date(2028, 1, 1)).result("review.planned")
    assert [f.rule for f in late.findings] == ["management_review_overdue"]


def test_catalog_of_another_edition_is_refused() -> None:
    """Passing a 2026 catalog to a 2015 assessment raises AssessmentError naming both editions."""
    with pytest.raises(AssessmentError, match="the catalog is of edition '2026', not '2015'"):
        assess(complete(), as_of=AS_OF, catalog=Catalog.builtin("2026"))


# -- edition 2026 --------------------------------------------------------------------------------------------


def test_2026_adds_quality_culture_requirements() -> None:
    """Quality culture is assessed in 2026 only: 5.1.1 i for leadership, 7.3 e for awareness."""
    new = {"leadership.quality-culture": "5.1.1 i", "awareness.quality-culture": "7.3 e"}
    assessment = _assess(complete(), "2026")
    assert {req: assessment.result(req).requirement.clause for req in new} == new
    for req in new:
        assert req not in Catalog.builtin("2015")


@pytest.mark.parametrize(
    ("mutate", "combined", "target", "other"),
    [
        (
            lambda o: change(o, "risk-supplier", actions=()),
            "planning.actions-planned",
            "planning.risk-actions",
            "planning.opportunity-actions",
        ),
        (
            lambda o: change(o, "opp-export", actions=()),
            "planning.actions-planned",
            "planning.opportunity-actions",
            "planning.risk-actions",
        ),
        (
            lambda o: change(o, "act-dual-source", processes=()),
            "planning.actions-integrated",
            "planning.risk-actions",
            "planning.opportunity-actions",
        ),
        (
            lambda o: change(o, "act-export", processes=()),
            "planning.actions-integrated",
            "planning.opportunity-actions",
            "planning.risk-actions",
        ),
        (
            lambda o: change(o, "act-dual-source", effectiveness=None),
            "planning.actions-effectiveness",
            "planning.risk-actions",
            "planning.opportunity-actions",
        ),
        (
            lambda o: change(o, "act-export", effectiveness=None),
            "planning.actions-effectiveness",
            "planning.opportunity-actions",
            "planning.risk-actions",
        ),
    ],
    ids=[
        "risk-unaddressed",
        "opportunity-unaddressed",
        "risk-action-not-in-process",
        "opportunity-action-not-in-process",
        "risk-action-unevaluated",
        "opportunity-action-unevaluated",
    ],
)
def test_2026_routes_risk_findings_to_6_1_2_and_opportunity_findings_to_6_1_3(
    mutate: Callable[[Organization], Organization], combined: str, target: str, other: str
) -> None:
    """2015 reports risks and opportunities together under 6.1.2; 2026 reports risks under 6.1.2, opportunities under 6.1.3."""
    org = mutate(complete())
    old, new = _assess(org, "2015"), _assess(org, "2026")
    (finding_2015,) = old.result(combined).findings
    (finding_2026,) = new.result(target).findings
    assert (finding_2015.rule, finding_2015.subjects) == (finding_2026.rule, finding_2026.subjects)
    assert new.result(other).status is OK
    assert finding_2026.clause == {"planning.risk-actions": "6.1.2", "planning.opportunity-actions": "6.1.3"}[target]


# -- the bundled example --------------------------------------------------------------------------------------


@attrs.frozen
class Planted:
    """A planted gap of examples/README.md as the assessment reports it."""

    number: int
    requirement: Mapping[str, str]
    rule: str
    subjects: tuple[str, ...]


def _both(requirement: str) -> dict[str, str]:
    return dict.fromkeys(EDITIONS, requirement)


PLANTED = (
    Planted(1, _both("roles.process-outputs"), "process_without_owner", ("proc-calibration",)),
    Planted(
        2,
        _both("roles.assigned"),
        "responsibility_with_several_accountable",
        ("resp-supplier-evaluation", "purchasing-manager", "quality-manager"),
    ),
    Planted(
        3,
        _both("roles.assigned"),
        "missing_authority",
        ("service-manager", "resp-warranty", "auth-warranty", "service-technician-lead"),
    ),
    Planted(4, _both("objectives.consistent-with-policy"), "objective_without_commitment", ("obj-oee-machining",)),
    Planted(
        5,
        {"2015": "planning.actions-planned", "2026": "planning.risk-actions"},
        "unaddressed_risk",
        ("risk-energy-price",),
    ),
    Planted(
        6,
        {"2015": "planning.actions-effectiveness", "2026": "planning.risk-actions"},
        "unevaluated_action",
        ("act-casting-safety-stock", "risk-casting-supply"),
    ),
    Planted(7, _both("roles.assigned"), "reporting_line_broken", ("sustainability-coordinator",)),
    Planted(
        8,
        _both("customer-focus.requirements"),
        "unowned_requirement",
        ("req-oem-material-certs", "ip-oem-customers"),
    ),
    Planted(9, _both("audit.impartiality"), "self_audit", ("maintenance-manager", "proc-maintenance")),
    Planted(10, _both("review-inputs.performance"), "review_input_missing", ("mr-2025-12", "mr-2026-06")),
    Planted(
        11,
        {"2015": "planning.actions-integrated", "2026": "planning.risk-actions"},
        "action_overdue",
        ("act-mfa",),
    ),
    Planted(12, _both("communication.when"), "communication_overdue", ("comm-qms-importance",)),
    Planted(13, _both("roles.assigned"), "role_vacant", ("ehs-manager",)),
)


#: Planted gaps whose README clause has no requirement in the catalog: the clause the README gives instead.
#: Self-audit (9.2.2 c, impartial internal audits) is reported under 5.3, roles and authorities.
OUTSIDE_THE_CATALOG = {9: "9.2.2 c"}


def _readme_rows() -> dict[int, tuple[list[str], set[str]]]:
    """The planted-gap table of examples/README.md: number -> (clauses, element ids)."""
    rows: dict[int, tuple[list[str], set[str]]] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].isdigit():
            rows[int(cells[0])] = (cells[1].split(", "), set(re.findall(r"`([^`]+)`", cells[2])))
    return rows


@pytest.fixture(scope="module")
def example() -> Organization:
    """The bundled example organization."""
    return iso.load(EXAMPLE)


@pytest.fixture(scope="module")
def example_assessments(example: Organization) -> dict[str, Assessment]:
    """The example assessed in each edition on the day it is a snapshot of."""
    return {edition: _assess(example, edition) for edition in EDITIONS}


def test_planted_table_mirrors_the_readme() -> None:
    """Every planted gap of the README is in the table, with the same elements at fault."""
    rows = _readme_rows()
    assert sorted(rows) == [p.number for p in PLANTED]
    assert {n: ids for n, (_, ids) in rows.items()} == {p.number: set(p.subjects) for p in PLANTED}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("planted", PLANTED, ids=[f"gap-{p.number}" for p in PLANTED])
def test_planted_gap_is_a_minor_nonconformity_under_its_requirement(
    example_assessments: dict[str, Assessment], planted: Planted, edition: str
) -> None:
    """Each planted gap is a minor nonconformity under its requirement and clause, a clause the README gives for it."""
    result = example_assessments[edition].result(planted.requirement[edition])
    found = [f for f in result.findings if (f.rule, f.subjects) == (planted.rule, planted.subjects)]
    assert [(f.status, f.grade, f.clause) for f in found] == [(NC, MINOR, result.requirement.clause)]
    clauses, _ = _readme_rows()[planted.number]
    clause = OUTSIDE_THE_CATALOG.get(planted.number, found[0].clause)
    assert any(clause_within(readme_clause, clause) for readme_clause in clauses)


@pytest.mark.parametrize("edition", EDITIONS)
def test_example_has_no_finding_but_the_planted_ones_and_evidence_requests(
    example_assessments: dict[str, Assessment], edition: str
) -> None:
    """Apart from the planted gaps, every finding on the example asks for evidence; nothing else is found."""
    assessment = example_assessments[edition]
    planted = {(p.requirement[edition], p.rule, p.subjects) for p in PLANTED}
    others = [f for f in assessment.findings if f.key not in planted]
    assert {f.status for f in others} == {NE}
    assert {f.key for f in assessment.findings} >= planted
    statuses = {r.status for r in assessment.results if not any(f.key in planted for f in r.findings)}
    assert statuses == {OK, NE}


def test_fixing_a_planted_gap_closes_exactly_its_finding(example: Organization) -> None:
    """Giving proc-calibration its owner (the README's fix for gap 1) fixes that finding and opens none."""
    fixed = change(example, "proc-calibration", owner="quality-manager")
    change_ = diff(_assess(example), _assess(fixed))
    assert [(f.rule, f.subjects) for f in change_.fixed] == [("process_without_owner", ("proc-calibration",))]
    assert (change_.new, change_.regressed) == ((), ())
    assert change_.improved == (("roles.process-outputs", NC, OK),)
    assert change_.score_change > 0


def test_example_findings_point_at_the_elements_in_the_file(example_assessments: dict[str, Assessment]) -> None:
    """Every element named in a finding has its place in the organization file recorded."""
    assessment = example_assessments["2015"]
    named = {s for f in assessment.findings for s in f.subjects}
    assert set(assessment.element_paths) == named
    assert assessment.element_paths["proc-calibration"].startswith("processes[")


@pytest.mark.parametrize("clause", ["8.3", "7.1.5", "8.5.1 f"])
def test_exclusion_outside_the_catalog_is_recorded_not_assessed(clause: str) -> None:
    """Excluding a clause the leadership catalog does not cover (8.3 design) is kept aside, not an error."""
    org = complete().evolve(exclusions=(Exclusion(clause, "We do no design work"),))
    result = _assess(org)
    assert result.exclusions_outside_catalog == (clause,)
    assert result.score == 100.0
