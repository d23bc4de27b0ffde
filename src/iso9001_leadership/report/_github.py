"""GitHub Actions annotations: each finding a workflow command on the line of the organization file.

A step that prints ``::error file=org.yaml,line=12,col=5,title=...::message`` makes GitHub
show the message on that line of the file, in the pull request's diff and in the run's summary.
The report writes one such command per finding to report (at or above the threshold, when
there is one): ``error`` for what fails the job (at or above ``--fail-on``) and for a major
nonconformity, ``warning`` for a minor one below the threshold (the levels of the SARIF report),
``notice`` for the rest. A finding points at the first of its elements at
fault whose place in the file is known; without one, at the file (no line); without a source
file, at nothing (GitHub lists it in the run's summary). Each of the assessment's warnings on
its input is a ``warning`` at the file. A first line of plain text (not a command) names the
tool, the organization and its score, for the log.

Text from the file cannot end a command early or start another: data is escaped as GitHub
documents (``%`` as ``%25``, carriage return ``%0D``, line feed ``%0A``), and so are ``:`` and
``,`` in properties (``%3A``, ``%2C``); other control characters are written as visible
escapes (``\\x1b``), and nothing from the file starts a line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePath

from iso9001_leadership._escape import printable
from iso9001_leadership._names import join_ids, plural
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.catalog import Requirement
from iso9001_leadership.findings import Finding, Grade, Status, status_text, verdict

from ._common import TOOL_NAME, score_line, sentence, tool_version
from ._diagnostics import diagnostics
from ._options import Source
from ._selection import anchor, left_out, reported, severity_threshold, threshold_name

__all__ = ["annotation_level", "escape_data", "escape_property", "render_github", "render_github_many"]


def annotation_level(finding: Finding, threshold: int | None = None) -> str:
    """The workflow command of a finding: ``error``, ``warning`` or ``notice``.

    With a threshold (``--fail-on``), a finding at or above it is an ``error``: it is what fails
    the job, and the annotation says so in red. Below the threshold, or with none, a major
    nonconformity is an ``error``, a minor one a ``warning`` (the levels of the SARIF report) and
    anything else a ``notice``. A nonconformity without a grade counts as minor.

    Examples
    --------
    >>> from iso9001_leadership.findings import Finding, Grade, Status
    >>> minor = Finding("r", "5.3", Status.NONCONFORMITY, "rule", "why", grade=Grade.MINOR)
    >>> annotation_level(minor), annotation_level(minor, threshold=minor.severity)
    ('warning', 'error')
    >>> annotation_level(Finding("r", "5.3", Status.OBSERVATION, "rule", "why"))
    'notice'
    """
    if threshold is not None and finding.severity >= threshold:
        return "error"
    if finding.status is Status.NONCONFORMITY:
        return "error" if finding.grade is Grade.MAJOR else "warning"
    return "notice"


def escape_data(text: str) -> str:
    r"""Text for the message of a workflow command (after the second ``::``).

    ``%``, carriage returns and line feeds are percent-encoded, as GitHub's runner decodes them
    (line feeds show as line breaks in the annotation); other control characters are written as
    visible escapes.

    Examples
    --------
    >>> escape_data("100% sure\nnext line\x1b[31m")
    '100%25 sure%0Anext line\\x1b[31m'
    """
    clean = printable(text, keep="\r\n")
    return clean.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Text for a property of a workflow command (``file``, ``title``): as data, with ``:`` and ``,`` encoded too.

    Examples
    --------
    >>> escape_property("ISO 9001 5.3 b: major, late")
    'ISO 9001 5.3 b%3A major%2C late'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(
    name: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    properties = []
    if file is not None:
        properties.append(f"file={escape_property(file)}")
        if line is not None:
            properties.append(f"line={line}")
            if column is not None:
                properties.append(f"col={column}")
    if title:
        properties.append(f"title={escape_property(title)}")
    head = f"::{name} {','.join(properties)}" if properties else f"::{name}"
    return f"{head}::{escape_data(message)}"


def _file(source: Source | None) -> str | None:
    """The path as GitHub matches it against the repository: POSIX separators, no leading ``./``."""
    return None if source is None else PurePath(os.fspath(source)).as_posix()


def _message(finding: Finding, requirement: Requirement) -> str:
    text = sentence(finding.reason) or sentence(f"{status_text(finding.status, finding.grade)} found by {finding.rule}")
    fix = sentence(finding.fix)
    if fix:
        text += f" Suggested fix: {fix}"
    lines = [text, f"{requirement.clause} {requirement.title} [{requirement.id}]"]
    if finding.subjects:
        lines.append(f"Elements at fault: {join_ids(finding.subjects)}")
    return "\n".join(lines)


def _headline(assessment: Assessment, file: str | None, threshold: int | None) -> str:
    """The plain first line, for people reading the log: tool, organization, file, score, what was left out."""
    where = f" ({file})" if file is not None else ""
    line = (
        f"{TOOL_NAME} {tool_version()}: {assessment.organization}{where}, {assessment.edition_title}, "
        f"as of {assessment.as_of.isoformat()}: {score_line(assessment)}"
    )
    if threshold is not None:
        shown = sum(len(findings) for _, findings in reported(assessment, threshold))
        line += (
            f"; {plural(shown, 'finding')} at or above {threshold_name(threshold)!r} annotated, "
            f"{left_out(assessment, threshold)} below it left out"
        )
    return printable(line)


def render_github(
    assessment: Assessment, *, source: Source | None = None, min_severity: int | str | None = None
) -> str:
    """The assessment as GitHub Actions workflow commands, one line each, ending with a newline.

    Parameters
    ----------
    assessment
        The assessment.
    source
        The organization file, as a path relative to the repository root (what GitHub matches
        annotations against). ``None`` gives annotations that name no file.
    min_severity
        Leave out findings less serious than this: a ``--fail-on`` name (``"minor"``) or a
        severity from 0 to 5. ``None``, the default, annotates every finding.

    Raises
    ------
    UsageError
        If ``min_severity`` is not a threshold there is.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import assess, loads
    >>> org = loads("name: Acme\\nroles: [{id: ceo, title: CEO, top_management: true}]\\n"
    ...             "processes: [{id: make, name: Production}]\\n")
    >>> text = render_github(assess(org, as_of=dt.date(2026, 11, 24)), source="org.yaml", min_severity="minor")
    >>> print(next(line for line in text.splitlines() if "owner of 'make'" in line).split("::")[1])
    error file=org.yaml,line=3,col=13,title=ISO 9001 5.3 b%3A minor nonconformity
    """
    threshold = severity_threshold(min_severity)
    file = _file(source)
    lines = [_headline(assessment, file, threshold)]
    lines += [
        _command("warning", sentence(w), file=file, title=f"{TOOL_NAME}: input warning")
        for w in assessment.warnings
        if w.strip()
    ]
    positions = assessment.element_positions
    for result, findings in reported(assessment, threshold):
        requirement = result.requirement
        for finding in findings:
            subject = anchor(finding.subjects, positions)
            line, column = positions.get(subject, (None, None)) if subject is not None else (None, None)
            lines.append(
                _command(
                    annotation_level(finding, threshold),
                    _message(finding, requirement),
                    file=file,
                    line=line,
                    column=column,
                    title=f"ISO 9001 {requirement.clause}: {verdict(finding.status, finding.grade)}",
                )
            )
    return "\n".join(lines) + "\n"


def render_github_many(
    files: Sequence[tuple[str, Assessment | None, BaseException | str | None]],
    *,
    min_severity: int | str | None = None,
) -> str:
    """The annotations of several files, one after the other; each file's error as ``error`` annotations.

    Parameters
    ----------
    files
        For each file, in order: its path (relative to the repository root), its assessment,
        and the error it met when it could not be assessed (the assessment is then ``None``):
        an exception, whose problems each become an annotation on their line, or a message.
    min_severity
        As for :func:`render_github`.

    Examples
    --------
    >>> print(render_github_many([("bad.yaml", None, "bad.yaml: not valid YAML")]), end="")
    ::error file=bad.yaml,title=iso9001-leadership%3A cannot assess the file::bad.yaml: not valid YAML
    """
    threshold = severity_threshold(min_severity)
    parts = []
    for path, assessment, error in files:
        if assessment is not None:
            parts.append(render_github(assessment, source=path, min_severity=threshold))
            continue
        file = _file(path) or path
        found = diagnostics(error if error is not None else "could not be assessed", path)
        parts.append(
            "".join(
                _command(
                    "error",
                    d.message,
                    file=file,
                    line=d.line,
                    column=d.column,
                    title=f"{TOOL_NAME}: cannot assess the file",
                )
                + "\n"
                for d in found
            )
        )
    return "".join(parts)
