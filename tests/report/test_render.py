"""render(): the formats, the errors, and determinism."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership
from iso9001_leadership import Iso9001Error
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.report import FORMATS, ReportError, render

HERE = Path(__file__).resolve().parent


def test_formats_are_the_six_documented_ones() -> None:
    """FORMATS lists Markdown, HTML, JSON, SARIF, GitHub annotations and JUnit XML, in that order."""
    assert FORMATS == ("markdown", "html", "json", "sarif", "github", "junit")


@pytest.mark.parametrize(
    ("format", "hint"),
    [
        ("pdf", None),
        ("markdwn", "markdown"),
        ("Sarif", "sarif"),
        ("", None),
    ],
)
def test_unknown_format_is_refused_with_a_hint(format: str, hint: str | None, assessment: Assessment) -> None:
    """An unknown format raises ReportError naming the known formats and the closest one."""
    with pytest.raises(ReportError, match="expected one of 'markdown', 'html', 'json', 'sarif'") as info:
        render(assessment, format)
    assert info.value.format == format
    assert isinstance(info.value, Iso9001Error)
    assert isinstance(info.value, ValueError)
    assert ("did you mean" in str(info.value)) is (hint is not None)
    if hint:
        assert f"did you mean {hint!r}" in str(info.value)


@pytest.mark.parametrize("format", FORMATS)
def test_same_assessment_gives_identical_text(
    format: str, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering twice, and rendering an equal assessment built afresh, give the same text."""
    monkeypatch.chdir(HERE)
    first = render(assessment, format, source="data/organization.yaml")
    again = render(assessment, format, source="data/organization.yaml")
    rebuilt = Assessment(
        assessment.organization,
        assessment.edition,
        assessment.edition_title,
        assessment.as_of,
        assessment.results,
        dict(reversed(list(assessment.element_paths.items()))),
        warnings=assessment.warnings,
    )
    assert first == again == render(rebuilt, format, source="data/organization.yaml")


@pytest.mark.parametrize("format", FORMATS)
def test_result_order_does_not_matter(format: str, assessment: Assessment) -> None:
    """Results given in any order are reported in clause order, so the text is the same."""
    shuffled = Assessment(
        assessment.organization,
        assessment.edition,
        assessment.edition_title,
        assessment.as_of,
        tuple(reversed(assessment.results)),
        assessment.element_paths,
        warnings=assessment.warnings,
    )
    assert render(shuffled, format) == render(assessment, format)


@pytest.mark.parametrize("format", FORMATS)
def test_every_report_ends_with_one_newline(format: str, assessment: Assessment) -> None:
    """Each report is text ending with exactly one newline."""
    text = render(assessment, format)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


@pytest.mark.parametrize("format", FORMATS)
def test_reports_name_the_tool_version(format: str, assessment: Assessment) -> None:
    """Every report names the package version it was made with."""
    assert iso9001_leadership.__version__ in render(assessment, format)


@pytest.mark.parametrize("format", ["markdown", "html", "sarif"])
def test_source_may_be_a_path_object(format: str, assessment: Assessment, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pathlib.Path as source gives the same report as the same path as text."""
    monkeypatch.chdir(HERE)
    as_text = render(assessment, format, source="data/organization.yaml")
    assert render(assessment, format, source=Path("data") / "organization.yaml") == as_text
    assert "data/organization.yaml" in as_text


def test_empty_assessment_renders_in_every_format() -> None:
    """An assessment with no results still gives a report in each format, with no findings."""
    empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 1, 5), ())
    texts = {f: render(empty, f) for f in FORMATS}
    assert "No findings" in texts["markdown"]
    assert "No findings" in texts["html"]
    assert '"findings": []' in texts["json"]
    assert '"results": []' in texts["sarif"]


@given(data=st.data())
def test_any_assessment_renders_identically_twice(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """For any assessment, every format renders to the same text twice."""
    drawn = data.draw(assessments)
    for format in FORMATS:
        assert render(drawn, format) == render(drawn, format)


#: What the hand-built assessment's score counts, as every format words it.
BASIS = "over 9 requirements examined; 1 not assessed, 1 not applicable"


@pytest.mark.parametrize("format", [*FORMATS, "text"])
def test_every_format_that_shows_the_score_says_what_it_counts(format: str, assessment: Assessment) -> None:
    """Beside the score, each format says how many requirements it counts and how many were left out."""
    text = render(assessment, format)
    if format == "json":
        summary = json.loads(text)["summary"]
        assert (summary["examined"], summary["counts"]["not_assessed"], summary["counts"]["not_applicable"]) == (
            9,
            1,
            1,
        )
    else:
        assert BASIS in text


@pytest.mark.parametrize("format", [*FORMATS, "text"])
def test_every_format_carries_the_warnings(format: str, assessment: Assessment) -> None:
    """The assessment's warning reaches every format, and none of it shows when there is no warning."""
    marker = "names different requirements in each edition"
    assert marker in render(assessment, format)
    assert marker not in render(attrs.evolve(assessment, warnings=()), format)


@pytest.mark.parametrize("format", ["markdown", "html", "text"])
def test_every_readable_format_marks_unconfirmed_wording(format: str, assessment: Assessment) -> None:
    """Markdown, HTML and text say 'wording unconfirmed' where a requirement's wording is; not without one."""
    assert "wording unconfirmed" in render(assessment, format)
    confirmed = tuple(r for r in assessment.results if not r.requirement.unconfirmed)
    assert "wording unconfirmed" not in render(attrs.evolve(assessment, results=confirmed), format)
