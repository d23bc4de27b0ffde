"""The GitHub Actions format: one workflow command per finding, escaped as the runner reads it, on the element's line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership import LoadError, loads
from iso9001_leadership._escape import printable
from iso9001_leadership.assessment import Assessment, Finding, Grade, Status
from iso9001_leadership.report import render, render_github_many
from iso9001_leadership.report._github import annotation_level, escape_data, escape_property, render_github

SOURCE = "data/organization.yaml"


@attrs.frozen
class Command:
    """A workflow command as the Actions runner parses it (actions/runner ``ActionCommand.TryParse``)."""

    name: str
    properties: dict[str, str]
    data: str


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse(line: str) -> Command:
    """Read one line as the runner does: ``::name k=v,k=v::data``, properties split on commas, then unescaped."""
    assert line.startswith("::"), line
    head, separator, data = line[2:].partition("::")
    assert separator, line
    name, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, equals, value = pair.partition("=")
        assert equals, pair
        properties[key] = _unescape_property(value)
    return Command(name, properties, _unescape_data(data))


def commands(text: str) -> list[Command]:
    """The commands of a report: every line but the first (the plain headline)."""
    lines = text.splitlines()
    assert not lines[0].startswith("::")
    return [parse(line) for line in lines[1:]]


@pytest.mark.parametrize(
    ("status", "grade", "expected"),
    [
        (Status.NONCONFORMITY, Grade.MAJOR, "error"),
        (Status.NONCONFORMITY, Grade.MINOR, "warning"),
        (Status.NONCONFORMITY, None, "warning"),
        (Status.NEEDS_EVIDENCE, None, "notice"),
        (Status.OBSERVATION, None, "notice"),
        (Status.OPPORTUNITY, None, "notice"),
    ],
)
def test_level_follows_status_and_grade(status: Status, grade: Grade | None, expected: str) -> None:
    """Major nonconformities are errors, minor ones warnings (as in SARIF), the rest notices."""
    assert annotation_level(Finding("r", "5.3", status, "rule", "why", grade=grade)) == expected


@pytest.mark.parametrize("threshold", range(6))
@pytest.mark.parametrize(
    ("status", "grade"),
    [(Status.NONCONFORMITY, Grade.MAJOR), (Status.NONCONFORMITY, Grade.MINOR), (Status.OBSERVATION, None)],
)
def test_what_fails_the_job_is_an_error(status: Status, grade: Grade | None, threshold: int) -> None:
    """At or above --fail-on, a finding fails the job, so its annotation is an error; below it, the usual level."""
    finding = Finding("r", "5.3", status, "rule", "why", grade=grade)
    level = annotation_level(finding, threshold)
    assert level == ("error" if finding.severity >= threshold else annotation_level(finding))


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("50%", "50%25", "50%25"),
        ("a%0Ab", "a%250Ab", "a%250Ab"),
        ("one\ntwo\r\n", "one%0Atwo%0D%0A", "one%0Atwo%0D%0A"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
        ("bell\x07 esc\x1b[2J", "bell\\x07 esc\\x1b[2J", "bell\\x07 esc\\x1b[2J"),
    ],
)
def test_escaping_follows_the_runner(text: str, data: str, prop: str) -> None:
    """Data escapes %, CR and LF; properties escape : and , too; other controls are made visible."""
    assert escape_data(text) == data
    assert escape_property(text) == prop


@given(st.text())
def test_any_text_comes_back_from_the_runner_as_written(text: str) -> None:
    """Whatever the text, an escaped property or message holds no line break and unescapes to the text
    (its control characters other than CR and LF shown visibly)."""
    shown = printable(text, keep="\r\n")
    for escaped, unescape in ((escape_data(text), _unescape_data), (escape_property(text), _unescape_property)):
        assert "\n" not in escaped
        assert "\r" not in escaped
        assert unescape(escaped) == shown
    assert "," not in escape_property(text)
    assert ":" not in escape_property(text)


def test_each_finding_is_an_annotation_on_the_line_of_its_element(located_assessment: Assessment) -> None:
    """One command per finding (and per warning), at the position of the first located element at fault."""
    found = commands(render(located_assessment, "github", source=SOURCE))
    warnings, annotations = found[: len(located_assessment.warnings)], found[len(located_assessment.warnings) :]
    assert [(c.name, c.properties) for c in warnings] == [
        ("warning", {"file": SOURCE, "title": "iso9001-leadership: input warning"})
    ]
    assert len(annotations) == len(located_assessment.findings)
    positions = located_assessment.element_positions
    for command in annotations:
        assert command.properties["file"] == SOURCE
        subjects = re.search(r"Elements at fault: (.*)$", command.data)
        if subjects is None:
            assert "line" not in command.properties
            assert "col" not in command.properties
            continue
        first = subjects.group(1).split("'")[1]
        line, column = positions[first]
        assert (command.properties["line"], command.properties["col"]) == (str(line), str(column))
    major = next(c for c in annotations if c.name == "error")
    assert major.properties["title"] == "ISO 9001 5.3 b: major nonconformity"
    assert major.data == (
        "Process 'calibration' has no accountable owner. Suggested fix: Name one role as owner of 'calibration'.\n"
        "5.3 b Roles, responsibilities and authorities [roles.process-outputs]\n"
        "Elements at fault: 'calibration'"
    )
    assert sorted(c.name for c in annotations) == sorted(annotation_level(f) for f in located_assessment.findings)


def test_the_headline_names_tool_organization_file_and_score(located_assessment: Assessment) -> None:
    """The first line is plain text for the log: tool, organization, file, edition, date and score."""
    headline = render(located_assessment, "github", source=SOURCE).splitlines()[0]
    assert headline.startswith("iso9001-leadership ")
    assert "Kestrel Valves & Fittings Ltd (data/organization.yaml)" in headline
    assert headline.endswith(
        "as of 2026-11-24: score 61.1 / 100 over 9 requirements examined; 1 not assessed, 1 not applicable"
    )


@pytest.mark.parametrize(
    ("threshold", "names"),
    [
        ("major", ["error"]),
        ("minor", ["error", "error", "error"]),  # each fails the job
        (None, ["notice", "warning", "notice", "error", "notice", "notice", "warning", "notice"]),
    ],
)
def test_threshold_leaves_out_less_serious_findings(
    located_assessment: Assessment, threshold: str | None, names: list[str]
) -> None:
    """With min_severity only findings at or above it are annotated, and the headline says how many were left out."""
    text = render(located_assessment, "github", source=SOURCE, min_severity=threshold)
    found = [c for c in commands(text) if c.properties.get("title") != "iso9001-leadership: input warning"]
    assert [c.name for c in found] == names
    headline = text.splitlines()[0]
    if threshold is None:
        assert "left out" not in headline
    else:
        kept = len(names)
        assert headline.endswith(f"at or above {threshold!r} annotated, {8 - kept} below it left out")


def test_without_a_source_annotations_name_no_file(assessment: Assessment) -> None:
    """Without a source file, commands carry no file, line or column (GitHub lists them in the run's summary)."""
    for command in commands(render_github(assessment)):
        assert not {"file", "line", "col"} & set(command.properties)


def test_text_from_the_file_cannot_forge_a_command(assessment: Assessment) -> None:
    """A reason, name or path with line breaks, '::' and commas stays inside its own command."""
    forged = "nothing\n::error file=.github/workflows/ci.yml,line=1::pwned\r\n%0A"
    results = tuple(
        attrs.evolve(r, findings=tuple(attrs.evolve(f, reason=forged, fix=forged) for f in r.findings))
        for r in assessment.results
    )
    hostile = attrs.evolve(assessment, organization=forged, results=results, warnings=(forged,))
    source = "sites/a,b:c%0A.yaml"
    text = render_github(hostile, source=source)
    lines = text.splitlines()
    assert len(lines) == 1 + len(hostile.warnings) + len(hostile.findings)
    assert "\r" not in text
    assert not any(line.startswith("::error file=.github") for line in lines)
    for command in commands(text):
        assert command.properties["file"] == source
        assert "::error file=.github/workflows/ci.yml,line=1::pwned" in command.data


def test_many_files_annotate_each_and_their_errors_on_their_lines(located_assessment: Assessment) -> None:
    """Several files: each file's annotations in turn; a file's error gives an error per problem, on its line."""
    try:
        loads("name: Acme\nscop: x\nroles: [{id: ceo}]\n", source="bad.yaml")
    except LoadError as exc:
        error = exc
    text = render_github_many(
        [
            (SOURCE, located_assessment, None),
            ("bad.yaml", None, error),
            ("gone.yaml", None, FileNotFoundError(2, "No such file or directory", "gone.yaml")),
            ("odd.yaml", None, "odd.yaml: something went wrong"),
        ],
        min_severity="major",
    )
    lines = text.splitlines()
    assert lines[0].startswith("iso9001-leadership ")
    errors = [parse(line) for line in lines[1:] if "cannot assess the file" in line]
    assert [(c.properties["file"], c.properties.get("line"), c.properties.get("col")) for c in errors] == [
        ("bad.yaml", "2", "1"),
        ("bad.yaml", "3", "9"),
        ("gone.yaml", None, None),
        ("odd.yaml", None, None),
    ]
    assert errors[0].data.startswith("scop: unknown field 'scop' for Organization; expected one of ")
    assert errors[0].data.endswith("did you mean 'scope'?")
    assert errors[2].data == "No such file or directory"
    assert all(c.name == "error" for c in errors)
    assert render_github_many([]) == ""


def test_one_file_of_many_reads_as_alone(located_assessment: Assessment) -> None:
    """The annotations of a file among several are those of the file alone."""
    alone = render_github(located_assessment, source=SOURCE, min_severity=4)
    many = render_github_many([(SOURCE, located_assessment, None), ("x.yaml", None, "x.yaml: broken")], min_severity=4)
    assert many.startswith(alone)


def test_windows_paths_are_written_with_forward_slashes(assessment: Assessment) -> None:
    """GitHub matches annotations against repository paths, which use '/' whatever the runner's system."""
    text = render_github(assessment, source=Path("sites") / "north" / "org.yaml")
    assert {c.properties["file"] for c in commands(text)} == {"sites/north/org.yaml"}


def test_an_empty_assessment_gives_only_the_headline() -> None:
    """Nothing found gives the headline alone."""
    empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
    text = render_github(empty, source="org.yaml")
    assert text.count("\n") == 1
    assert "no score: no requirement examined" in text
