"""The text report: the score and what it counts, warnings, verdicts of findings, requirements not assessed."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership._escape import printable
from iso9001_leadership.assessment import Assessment, Finding, Grade, RequirementResult, Status
from iso9001_leadership.catalog import Catalog
from iso9001_leadership.findings import verdict
from iso9001_leadership.report import render

CATALOG = Catalog.builtin("2015")


@pytest.fixture(scope="module")
def text(assessment: Assessment) -> str:
    return render(assessment, "text")


def _block(text: str, requirement_id: str) -> list[str]:
    """The lines of a requirement's block: its heading line and the lines under it, up to the blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"[{requirement_id}]: " in line)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def _assessment(*results: RequirementResult, warnings: tuple[str, ...] = ()) -> Assessment:
    return Assessment("Acme", "2015", CATALOG.title, dt.date(2026, 11, 24), results, warnings=warnings)


def _finding(requirement: str, status: Status, rule: str, grade: Grade | None = None) -> Finding:
    req = CATALOG[requirement]
    return Finding(req.id, req.clause, status, rule, f"reason of {rule}", fix=f"fix of {rule}", grade=grade)


def test_score_line_says_what_the_score_counts(text: str, assessment: Assessment) -> None:
    """The second line gives the score over the requirements examined, and how many were left out and why."""
    assert text.splitlines()[1] == (
        f"score {assessment.score:.1f} / 100 over 9 requirements examined; 1 not assessed, 1 not applicable"
    )


def test_no_score_when_nothing_is_examined() -> None:
    """With every requirement not applicable or not assessed, the report gives no score rather than 0.0."""
    left_out = _assessment(
        RequirementResult(CATALOG["review.planned"], Status.NOT_ASSESSED, note="outside what the file describes"),
        RequirementResult(CATALOG["customer-focus.satisfaction"], Status.NOT_APPLICABLE, note="excluded"),
    )
    line = render(left_out, "text").splitlines()[1]
    assert line == "no score: no requirement examined; 1 not assessed, 1 not applicable"


def test_summary_counts_requirements_not_assessed(text: str) -> None:
    """The line of counts by status names the requirements not assessed."""
    assert text.splitlines()[3].endswith(", 1 not applicable, 1 not assessed")


def test_warnings_come_in_a_block_after_the_summary(text: str, assessment: Assessment) -> None:
    """A 'warnings:' block follows the counts, one line per warning, before the findings."""
    lines = text.splitlines()
    assert lines[3].startswith("11 requirements: ")
    assert lines[4:7] == ["", "warnings:", f"  - {assessment.warnings[0]}"]
    assert lines[7] == ""
    assert text.index("warnings:") < text.index("[roles.assigned]")


def test_no_warnings_block_without_warnings(assessment: Assessment) -> None:
    """An assessment without warnings prints no warnings block."""
    assert "warnings:" not in render(attrs.evolve(assessment, warnings=()), "text")


def test_a_warning_stays_on_one_line() -> None:
    """A warning holding line breaks is printed on one line, so it cannot pass for a finding or a heading."""
    warned = _assessment(warnings=("evidence 'ev-1' cites '5.1.1 i'\n5.3 Roles [roles.assigned]: conforms",))
    lines = render(warned, "text").splitlines()
    block = lines[lines.index("warnings:") + 1 :]
    assert block[0] == "  - evidence 'ev-1' cites '5.1.1 i' 5.3 Roles [roles.assigned]: conforms"


def test_requirement_with_unconfirmed_wording_is_marked(text: str) -> None:
    """The heading line of a requirement whose wording is unconfirmed says so; others do not."""
    assert _block(text, "objective-plans.responsible")[0].endswith(": minor nonconformity (wording unconfirmed)")
    assert "unconfirmed" not in "\n".join(_block(text, "roles.process-outputs"))


def test_finding_beside_a_nonconformity_starts_with_its_own_verdict(text: str) -> None:
    """Under a nonconformity, an observation starts with [observation]; the nonconformity itself has no label."""
    block = _block(text, "roles.assigned")
    assert block[0].endswith(": minor nonconformity")
    findings = [line for line in block if line.startswith("  - ")]
    assert findings[0].startswith("  - Role 'service-lead' is accountable")
    assert findings[1].startswith("  - [observation] Nobody holds the role 'service-lead'")


def test_every_finding_that_differs_from_its_requirement_is_labelled() -> None:
    """Under a major nonconformity, a minor one, an observation and an opportunity each carry their own verdict."""
    req = "roles.process-outputs"
    findings = (
        _finding(req, Status.NONCONFORMITY, "major-one", Grade.MAJOR),
        _finding(req, Status.NONCONFORMITY, "minor-one", Grade.MINOR),
        _finding(req, Status.OBSERVATION, "seen"),
        _finding(req, Status.OPPORTUNITY, "better"),
    )
    result = RequirementResult(CATALOG[req], Status.NONCONFORMITY, Grade.MAJOR, findings)
    block = _block(render(_assessment(result), "text"), req)
    assert [line for line in block if line.startswith("  - ")] == [
        "  - reason of major-one",
        "  - [minor nonconformity] reason of minor-one",
        "  - [observation] reason of seen",
        "  - [opportunity for improvement] reason of better",
    ]
    assert "1 nonconformity" in render(_assessment(result), "text")
    assert "observation" not in render(_assessment(result), "text").splitlines()[3]


def test_requirements_not_assessed_are_one_line_per_reason(text: str) -> None:
    """Requirements not assessed are summed up by reason with their clause ids, never a block each."""
    assert "[review.planned]" not in text
    assert "1 requirement not assessed, outside what the file describes (covers: 5, 6, 7): 9.3.1" in text.splitlines()


def test_not_assessed_lines_group_clauses_by_reason() -> None:
    """Several requirements with the same reason share one line, in clause order; another reason has its own."""
    outside = "outside what the file describes (covers: roles)"
    nothing = "Nothing to examine: no objectives recorded"
    results = (
        RequirementResult(CATALOG["review.planned"], Status.NOT_ASSESSED, note=outside),
        RequirementResult(CATALOG["objective-plans.when"], Status.NOT_ASSESSED, note=nothing),
        RequirementResult(CATALOG["objective-plans.what"], Status.NOT_ASSESSED, note=nothing),
        RequirementResult(CATALOG["context.climate"], Status.NOT_ASSESSED, note=outside),
        RequirementResult(CATALOG["roles.assigned"], Status.CONFORMS),
    )
    lines = render(_assessment(*results), "text").splitlines()
    not_assessed = [line for line in lines if "requirements not assessed, " in line]
    assert not_assessed == [
        "2 requirements not assessed, outside what the file describes (covers: roles): 4.1, 9.3.1",
        "2 requirements not assessed, nothing to examine: no objectives recorded: 6.2.2 a, 6.2.2 d",
    ]
    assert lines[1] == "score 100.0 / 100 over 1 requirement examined; 4 not assessed, 0 not applicable"


def test_reasons_with_line_breaks_stay_on_their_line(text: str) -> None:
    """A reason holding a line break is printed on one line under its requirement."""
    block = _block(text, "kestrel.gemba-walks")
    assert block[1] == "  - Two walks were missed | March and <April> both during the audit season"


@given(data=st.data())
def test_no_finding_is_shown_under_another_verdict(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """Whatever the assessment, each finding whose verdict differs from its requirement's is printed with its own."""
    drawn = data.draw(assessments)
    lines = render(drawn, "text", verbose=True).splitlines()
    for result in drawn.results:
        for finding in result.findings:
            reason = printable(" ".join(finding.reason.split()))
            differs = (finding.status, finding.grade) != (result.status, result.grade)
            label = f"[{verdict(finding.status, finding.grade)}] " if differs else ""
            assert any(line.startswith(f"  - {label}{reason}") for line in lines), (label, reason)
