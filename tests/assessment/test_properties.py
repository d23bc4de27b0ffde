"""Properties of the assessment that hold for every valid organization, in both editions."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.assessment._orgs import AS_OF

from iso9001_leadership import Organization, dumps, loads
from iso9001_leadership.assessment import Assessment, AssessmentError, Status, assess, diff, severity
from iso9001_leadership.catalog import EDITIONS, Catalog
from iso9001_leadership.clauses import CLAUSE_PATTERN, clause_within
from iso9001_leadership.strategies import organizations

editions = st.sampled_from(EDITIONS)


@functools.cache
def _placeable(name: str, edition: str) -> bool:
    """Whether an exclusion can be placed: a requirement id, a clause of the catalog or holding its items,
    or a clause outside what the catalog covers."""
    catalog = Catalog.builtin(edition)
    if name in catalog or any(clause_within(r.clause, name) for r in catalog):
        return True
    numbers = {r.clause.split(" ", 1)[0] for r in catalog}
    return bool(CLAUSE_PATTERN.match(name)) and name.split(" ", 1)[0] not in numbers


def _applicable(org: Organization, edition: str) -> Organization:
    """The organization without exclusions the edition's catalog cannot place."""
    return org.evolve(exclusions=tuple(e for e in org.exclusions if _placeable(e.requirement, edition)))


def _assess(org: Organization, edition: str) -> Assessment:
    return assess(org, edition=edition, as_of=AS_OF)


@given(organizations(), editions)
def test_assess_never_raises_but_for_exclusions_outside_the_catalog(org: Organization, edition: str) -> None:
    """A valid organization is always assessed, unless an exclusion names nothing of the catalog: then that one is named."""
    unknown = [e.requirement for e in org.exclusions if not _placeable(e.requirement, edition)]
    if unknown:
        with pytest.raises(AssessmentError) as info:
            _assess(org, edition)
        assert info.value.requirement == unknown[0]
    else:
        assert len(_assess(org, edition).results) == len(Catalog.builtin(edition))


@given(organizations(), editions)
def test_assessment_is_deterministic(org: Organization, edition: str) -> None:
    """The same organization, assessed twice or after a round trip through YAML, gives equal assessments."""
    org = _applicable(org, edition)
    first = _assess(org, edition)
    assert _assess(org, edition) == first
    assert _assess(loads(dumps(org)), edition) == first


@given(organizations(), editions)
def test_findings_name_catalog_requirements_and_organization_elements(org: Organization, edition: str) -> None:
    """Every finding is under a requirement of the catalog, at its clause, and names only elements of the organization."""
    org = _applicable(org, edition)
    assessment = _assess(org, edition)
    catalog = Catalog.builtin(edition)
    for finding in assessment.findings:
        assert finding.requirement in catalog
        assert finding.clause == catalog[finding.requirement].clause
        assert all(subject in org for subject in finding.subjects)
    named = {s for f in assessment.findings for s in f.subjects}
    assert assessment.element_paths == {s: org.path_of(s) for s in named}


@given(organizations(), editions)
def test_status_is_the_worst_finding(org: Organization, edition: str) -> None:
    """A result with findings takes the worst one's status and grade; without, it conforms, is excluded or not assessed."""
    org = _applicable(org, edition)
    for result in _assess(org, edition).results:
        if result.findings:
            worst = result.findings[0]
            assert (result.status, result.grade) == (worst.status, worst.grade)
            assert result.severity == max(f.severity for f in result.findings)
        else:
            assert result.status in {Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED}
            assert result.status is not Status.NOT_ASSESSED or result.note
        assert (result.grade is not None) == (result.status is Status.NONCONFORMITY)


@given(organizations(), editions)
def test_score_is_within_0_and_100(org: Organization, edition: str) -> None:
    """The score, overall and per clause and theme, is between 0 and 100."""
    org = _applicable(org, edition)
    assessment = _assess(org, edition)
    assert 0.0 <= assessment.score <= 100.0
    for summary in (assessment.summary(), *assessment.by_clause(), *assessment.by_theme()):
        assert summary.score is None or 0.0 <= summary.score <= 100.0
        assert sum(summary.counts.values()) == summary.total


@given(organizations(), editions)
def test_diff_with_itself_has_no_changes(org: Organization, edition: str) -> None:
    """Nothing is fixed, new, regressed or improved between an assessment and itself."""
    assessment = _assess(_applicable(org, edition), edition)
    change = diff(assessment, assessment)
    assert not change.changed
    assert change.score_change == 0.0


@given(organizations(max_size=3), organizations(max_size=3), editions)
def test_diff_is_consistent_with_the_findings(old_org: Organization, new_org: Organization, edition: str) -> None:
    """Fixed findings are those only in the old assessment, new ones only in the new; status moves match severities."""
    old = _assess(_applicable(old_org, edition), edition)
    new = _assess(_applicable(new_org, edition), edition)
    change = diff(old, new)
    old_keys, new_keys = {f.key for f in old.findings}, {f.key for f in new.findings}
    fixed, added = {f.key for f in change.fixed}, {f.key for f in change.new}
    assert fixed == old_keys - new_keys
    assert added == new_keys - old_keys
    assert not fixed & added
    before = {r.requirement.id: r for r in old.results}
    after = {r.requirement.id: r for r in new.results}
    for req, was, now in change.regressed:
        assert (before[req].status, after[req].status) == (was, now)
        assert before[req].severity < after[req].severity
    for req, was, now in change.improved:
        assert (before[req].status, after[req].status) == (was, now)
        assert before[req].severity > after[req].severity
    moved = {req for req, _, _ in (*change.regressed, *change.improved)}
    assert moved == {req for req in after if severity(before[req].status, before[req].grade) != after[req].severity}
    assert change.score_change == round(new.score - old.score, 1)


@given(organizations(), editions)
def test_one_finding_per_requirement_and_rule(org: Organization, edition: str) -> None:
    """However many instances a rule finds under a requirement, they make one finding with all their subjects."""
    assessment = _assess(_applicable(org, edition), edition)
    keys = [(f.requirement, f.rule, f.status) for f in assessment.findings]
    assert len(keys) == len(set(keys))


@given(organizations(), editions, st.sampled_from(["roles", "processes", "objectives", "5.3", "9.3"]))
def test_what_the_file_does_not_cover_is_not_assessed_and_not_scored(
    org: Organization, edition: str, covered: str
) -> None:
    """With covers set, every requirement outside it is not assessed, has no finding and no points."""
    partial = _applicable(org, edition).evolve(covers=(covered,))
    for result in _assess(partial, edition).results:
        inside = covered in result.requirement.sections or clause_within(result.requirement.clause, covered)
        if not inside:
            assert (result.status, result.findings, result.points) == (Status.NOT_ASSESSED, (), None)


@given(organizations(), editions)
def test_assessment_is_idempotent_over_its_inputs(org: Organization, edition: str) -> None:
    """Assessing does not change the organization, and a second assessment equals the first."""
    org = _applicable(org, edition)
    snapshot = dumps(org)
    first = _assess(org, edition)
    assert dumps(org) == snapshot
    assert _assess(org, edition).results == first.results
