"""JUnit XML: the assessment as a test report that CI systems (GitLab, Jenkins, Azure Pipelines) show.

The de facto JUnit format that CI systems read: one ``<testsuites>`` document; a
``<testsuite>`` per organization file; a ``<testcase>`` per requirement of the assessment, in
clause order. A requirement with findings to report (at or above the threshold, when there is
one) fails: its ``<failure>`` names the worst of them (``type`` its verdict, ``message`` its
reason) and its text lists each, with the fix and the line of the file where its element at
fault is defined. A requirement not assessed or not applicable is ``<skipped>``, with the
reason. A requirement that needs evidence is ``<skipped>`` too when the threshold leaves it
out: nothing in the file decides it, so it neither passed nor failed (the message says what
would settle it). A requirement that conforms, or whose findings below the threshold are
observations or opportunities, passes.
A file that could not be assessed is a suite with one test case in ``<error>``, listing its
problems in ``path:line:col: message`` form. The assessment's warnings on its input are the
suite's ``<system-err>``; its organization, edition, date and score are the suite's
``<properties>``.

The document is well-formed XML 1.0 whatever the file holds: ``&``, ``<``, ``>`` and quotes are
escaped, line breaks in attributes are written as character references, and characters XML 1.0
cannot carry (most control characters, lone surrogates) are written as visible escapes
(``\\x1b``). Nothing in it depends on the clock: the same assessment gives the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePath

import attrs

from iso9001_leadership._escape import printable
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.findings import Finding, Status, status_text, verdict

from ._common import TOOL_NAME, ordered_results, score_line, sentence, tool_version
from ._diagnostics import diagnostics
from ._options import Source
from ._selection import anchor, left_out, reported, severity_threshold, threshold_name

__all__ = ["render_junit", "render_junit_many", "xml_attribute", "xml_text"]

#: The statuses of requirements that were not judged: their test cases are skipped.
_SKIPPED = frozenset({Status.NOT_ASSESSED, Status.NOT_APPLICABLE})

_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))


def xml_text(text: str) -> str:
    r"""Text for XML character data: markup escaped, characters XML 1.0 cannot carry made visible.

    Tabs and line feeds stay as they are; a carriage return (which a parser would turn into a
    line feed) and other control characters are written as visible escapes.

    Examples
    --------
    >>> xml_text("R&D <team>\x1b]]>")
    'R&amp;D &lt;team&gt;\\x1b]]&gt;'
    """
    clean = printable(text, keep="\t\n")
    for raw, escaped in _TEXT_ESCAPES:
        clean = clean.replace(raw, escaped)
    return clean


def xml_attribute(text: str) -> str:
    r"""Text for a double-quoted XML attribute: as :func:`xml_text`, with quotes, tabs and line feeds as references.

    A parser normalizes raw tabs and line feeds in attributes to spaces; written as ``&#9;`` and
    ``&#10;`` they come back as they were.

    Examples
    --------
    >>> xml_attribute('say "hi"\nthen go')
    'say &quot;hi&quot;&#10;then go'
    """
    clean = printable(text, keep="\t\n")
    for raw, escaped in _ATTRIBUTE_ESCAPES:
        clean = clean.replace(raw, escaped)
    return clean


def _element(name: str, attributes: dict[str, str | int], content: Sequence[str] = (), *, text: str = "") -> list[str]:
    """An element as lines: its start tag, its children's lines indented (or its text), its end tag."""
    attrs_text = "".join(f' {key}="{xml_attribute(str(value))}"' for key, value in attributes.items())
    if not content and not text:
        return [f"<{name}{attrs_text}/>"]
    if text:
        return [f"<{name}{attrs_text}>{xml_text(text)}</{name}>"]
    return [f"<{name}{attrs_text}>", *(f"  {line}" for line in content), f"</{name}>"]


@attrs.frozen
class _Suite:
    """One file's test suite: its lines and its counts."""

    lines: list[str]
    tests: int
    failures: int
    errors: int
    skipped: int


def _location(finding: Finding, assessment: Assessment, file: str | None) -> str:
    """Where a finding points, as ``  at path:line:col (element)``; empty when nowhere is known."""
    subject = anchor(finding.subjects, assessment.element_positions)
    where = assessment.element_positions.get(subject) if subject is not None else None
    if file is not None and where is not None:
        return f"  at {file}:{where[0]}:{where[1]} ({subject})"
    if subject is not None:
        return f"  at {subject}" + (f" in {file}" if file is not None else "")
    return ""


def _finding_text(finding: Finding, assessment: Assessment, file: str | None) -> str:
    reason = sentence(finding.reason) or sentence(
        f"{status_text(finding.status, finding.grade)} found by {finding.rule}"
    )
    lines = [f"{verdict(finding.status, finding.grade)} [{finding.rule}]: {reason}"]
    fix = sentence(finding.fix)
    if fix:
        lines.append(f"  fix: {fix}")
    location = _location(finding, assessment, file)
    if location:
        lines.append(location)
    if len(finding.subjects) > 1:
        lines.append(f"  elements at fault: {', '.join(finding.subjects)}")
    return "\n".join(lines)


def _testcase(
    result: RequirementResult,
    findings: Sequence[Finding],
    assessment: Assessment,
    file: str | None,
    classname: str,
) -> list[str]:
    requirement = result.requirement
    attributes: dict[str, str | int] = {
        "classname": classname,
        "name": f"{requirement.clause} {requirement.title} [{requirement.id}]",
    }
    if file is not None:
        attributes["file"] = file
    if result.status in _SKIPPED:
        message = result.status.label + (f": {result.note}" if result.note else "")
        return _element("testcase", attributes, _element("skipped", {"message": message}))
    if not findings:
        if _undecided(result):
            return _element("testcase", attributes, _element("skipped", {"message": _undecided_message(result)}))
        return _element("testcase", attributes)
    worst = max(findings, key=lambda f: f.severity)  # the first of the worst, in the result's order
    message = sentence(worst.reason) or verdict(worst.status, worst.grade)
    if len(findings) > 1:
        message = f"{len(findings)} findings; the worst: {message}"
    body = "\n".join(_finding_text(f, assessment, file) for f in findings)
    failure = _element("failure", {"type": verdict(worst.status, worst.grade), "message": message}, text=body)
    return _element("testcase", attributes, failure)


def _undecided(result: RequirementResult) -> bool:
    """Whether the requirement needs evidence: the model alone can neither pass nor fail it."""
    return result.status is Status.NEEDS_EVIDENCE


def _undecided_message(result: RequirementResult) -> str:
    wanted = next((f for f in result.findings if f.status is Status.NEEDS_EVIDENCE and f.reason), None)
    return Status.NEEDS_EVIDENCE.label + (f": {sentence(wanted.reason)}" if wanted is not None else "")


def _suite(assessment: Assessment, source: Source | None, threshold: int | None) -> _Suite:
    file = None if source is None else PurePath(os.fspath(source)).as_posix()
    name = file if file is not None else assessment.organization
    failing = {id(r): findings for r, findings in reported(assessment, threshold)}
    cases: list[str] = []
    results = ordered_results(assessment)
    for result in results:
        cases += _testcase(result, failing.get(id(result), ()), assessment, file, name)
    properties = [
        ("tool", f"{TOOL_NAME} {tool_version()}"),
        ("organization", assessment.organization),
        ("edition", assessment.edition),
        ("edition_title", assessment.edition_title),
        ("as_of", assessment.as_of.isoformat()),
        ("score", score_line(assessment)),
    ]
    if threshold is not None:
        properties += [
            ("min_severity", threshold_name(threshold)),
            ("findings_left_out", str(left_out(assessment, threshold))),
        ]
    content = _element(
        "properties",
        {},
        [line for key, value in properties for line in _element("property", {"name": key, "value": value})],
    )
    content += cases
    warnings = "\n".join(sentence(w) for w in assessment.warnings if w.strip())
    if warnings:
        content += _element("system-err", {}, text=warnings)
    skipped = sum(1 for r in results if r.status in _SKIPPED or (_undecided(r) and id(r) not in failing))
    failures = sum(1 for r in results if r.status not in _SKIPPED and id(r) in failing)
    counts = {"tests": len(results), "failures": failures, "errors": 0, "skipped": skipped}
    return _Suite(_element("testsuite", {"name": name, **counts}, content), **counts)


def _error_suite(path: str, error: BaseException | str | None) -> _Suite:
    file = PurePath(path).as_posix()
    found = diagnostics(error if error is not None else "could not be assessed", file)
    kind = type(error).__name__ if isinstance(error, BaseException) else "Error"
    message = found[0].message if len(found) == 1 else f"{len(found)} problems; the first: {found[0].message}"
    failure = _element("error", {"type": kind, "message": message}, text="\n".join(str(d) for d in found))
    case = _element("testcase", {"classname": file, "name": "read and assess the file", "file": file}, failure)
    counts = {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}
    return _Suite(_element("testsuite", {"name": file, **counts}, case), **counts)


def _document(suites: Sequence[_Suite]) -> str:
    totals: dict[str, str | int] = {
        "name": TOOL_NAME,
        "tests": sum(s.tests for s in suites),
        "failures": sum(s.failures for s in suites),
        "errors": sum(s.errors for s in suites),
        "skipped": sum(s.skipped for s in suites),
    }
    lines = _element("testsuites", totals, [line for s in suites for line in s.lines])
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def render_junit(assessment: Assessment, *, source: Source | None = None, min_severity: int | str | None = None) -> str:
    """The assessment as a JUnit XML document: one suite, a test case per requirement.

    Parameters
    ----------
    assessment
        The assessment.
    source
        The organization file: it names the suite, is every test case's ``classname`` and
        ``file``, and the failures give the lines in it. ``None``: the organization's name
        names the suite.
    min_severity
        Findings less serious than this do not fail their requirement: a ``--fail-on`` name
        (``"minor"``) or a severity from 0 to 5. ``None``, the default, fails every
        requirement with a finding.

    Raises
    ------
    UsageError
        If ``min_severity`` is not a threshold there is.

    Examples
    --------
    >>> import datetime as dt
    >>> import xml.etree.ElementTree as ET
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> suite = ET.fromstring(render_junit(assess(org, as_of=dt.date(2026, 11, 24)), source="org.yaml"))[0]
    >>> suite.get("name"), int(suite.get("tests")) > 0, int(suite.get("failures")) > 0
    ('org.yaml', True, True)
    """
    return _document([_suite(assessment, source, severity_threshold(min_severity))])


def render_junit_many(
    files: Sequence[tuple[str, Assessment | None, BaseException | str | None]],
    *,
    min_severity: int | str | None = None,
) -> str:
    """One JUnit XML document for several files: a suite per file, in order; a file's error as a suite in error.

    Parameters
    ----------
    files
        For each file, in order: its path, its assessment, and the error it met when it could
        not be assessed (the assessment is then ``None``): an exception, whose problems are
        listed one a line, or a message.
    min_severity
        As for :func:`render_junit`.

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(render_junit_many([("bad.yaml", None, "not valid YAML")]))
    >>> root.get("errors"), root[0][0][0].tag, root[0][0][0].text
    ('1', 'error', 'bad.yaml: not valid YAML')
    """
    threshold = severity_threshold(min_severity)
    suites = [
        _suite(assessment, path, threshold) if assessment is not None else _error_suite(path, error)
        for path, assessment, error in files
    ]
    return _document(suites)
