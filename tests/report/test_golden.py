"""Every report format matches its golden file byte for byte (``UPDATE_GOLDEN=1`` rewrites them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import iso9001_leadership
from iso9001_leadership.assessment import Assessment, Grade, Status
from iso9001_leadership.report import FORMATS, render

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SOURCE = "data/organization.yaml"
SUFFIX = {
    "markdown": "md",
    "html": "html",
    "json": "json",
    "sarif": "sarif",
    "github": "github.txt",
    "junit": "junit.xml",
}

#: The tool version written into the golden files, so that a release does not change them.
GOLDEN_VERSION = "0.0.0+golden"


@pytest.mark.parametrize("format", FORMATS)
def test_report_matches_golden_file(
    format: str, located_assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report of the hand-built assessment is exactly the golden file of its format."""
    assessment = located_assessment
    monkeypatch.chdir(HERE)
    monkeypatch.setattr(iso9001_leadership._version, "__version__", GOLDEN_VERSION)
    text = render(assessment, format, source=SOURCE)
    golden = GOLDEN / f"assessment.{SUFFIX[format]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(text.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 pytest tests/report"
    assert text == golden.read_bytes().decode("utf-8")


def test_every_format_has_a_golden_file() -> None:
    """Each format in FORMATS has a golden file, and no golden file is left over."""
    expected = {f"assessment.{SUFFIX[f]}" for f in FORMATS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


def test_golden_assessment_has_every_status_and_grade(assessment: Assessment) -> None:
    """The golden assessment shows every status, both grades, subjects, evidence, notes and an N/A with its reason."""
    assert {r.status for r in assessment.results} == set(Status)
    assert {f.grade for f in assessment.findings if f.grade is not None} == set(Grade)
    assert any(f.subjects for f in assessment.findings)
    assert any(not f.subjects for f in assessment.findings)
    assert any(f.evidence for f in assessment.findings)
    assert any(r.evidence for r in assessment.results)
    not_applicable = [r for r in assessment.results if r.status is Status.NOT_APPLICABLE]
    assert not_applicable
    assert all(r.note for r in not_applicable)


def test_golden_assessment_shows_what_version_2_added(assessment: Assessment) -> None:
    """The golden assessment has a requirement not assessed with its reason, an unconfirmed one with a finding, a warning."""
    not_assessed = [r for r in assessment.results if r.status is Status.NOT_ASSESSED]
    assert not_assessed
    assert all(r.note and not r.findings for r in not_assessed)
    assert any(r.requirement.unconfirmed and r.findings for r in assessment.results)
    assert any(not r.requirement.unconfirmed for r in assessment.results)
    assert assessment.warnings


@pytest.mark.parametrize("format", FORMATS)
def test_golden_files_carry_the_pinned_version(format: str) -> None:
    """Golden files name the pinned tool version, never the real one, so releases leave them alone."""
    text = (GOLDEN / f"assessment.{SUFFIX[format]}").read_text(encoding="utf-8")
    assert GOLDEN_VERSION in text
