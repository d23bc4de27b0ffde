"""The SARIF 2.1.0 report: findings as code-scanning results on the lines of the organization file.

One run; one rule per requirement that has findings to report (the rule id is the requirement
id); one result per finding (requirements that conform, are not applicable or were not assessed
give none; with a threshold, findings less serious than it give none either). Each result points
at the line and column where an element at fault is defined in the organization file: the
first of them whose position the loader kept (the positions travel with the assessment: the
file is never read again). A finding whose elements have no known position, or that is about
something missing altogether, points at the file as a whole, with no region: never at a line
it has nothing to do with. Every element at fault is named as a logical location, and each
result carries a fingerprint of the finding's identity (requirement, rule, elements) so that
code-scanning tools follow it from run to run however the file's lines move. The assessment's
warnings on its input are the run's tool execution notifications, at level ``warning``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from iso9001_leadership._escape import json_text
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.catalog import Requirement
from iso9001_leadership.findings import Finding, Grade, Status, status_text

from ._common import (
    FINGERPRINT_KEY,
    TOOL_NAME,
    TOOL_URI,
    UNCONFIRMED,
    UNCONFIRMED_MEANING,
    fingerprint,
    score_basis,
    sentence,
    tool_version,
)
from ._options import Source
from ._selection import SILENT, anchor, left_out, reported, severity_threshold, threshold_name

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "artifact_uri", "level", "render_sarif", "to_sarif"]

#: The ``$schema`` of every SARIF report.
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: The SARIF version written.
SARIF_VERSION = "2.1.0"

_WORD = re.compile(r"[A-Za-z0-9]+")


def level(finding: Finding) -> str:
    """The SARIF level of a finding: ``error`` for a major nonconformity, ``warning`` for a minor one, else ``note``.

    A nonconformity without a grade counts as minor. A finding that conforms, is not applicable
    or was not assessed is ``none`` (the report writes no result for it).

    Examples
    --------
    >>> from iso9001_leadership.assessment import Finding, Grade, Status
    >>> level(Finding("r", "5.3", Status.NONCONFORMITY, "rule", "why", grade=Grade.MAJOR))
    'error'
    >>> level(Finding("r", "5.3", Status.NEEDS_EVIDENCE, "rule", "why"))
    'note'
    >>> level(Finding("r", "6.2.2 a", Status.NOT_ASSESSED, "nothing_to_examine", "no objectives recorded"))
    'none'
    """
    if finding.status is Status.NONCONFORMITY:
        return "error" if finding.grade is Grade.MAJOR else "warning"
    if finding.status in SILENT:
        return "none"
    return "note"


def _rule_name(requirement_id: str) -> str:
    """A requirement id as an identifier in PascalCase: ``roles.process-outputs`` reads ``RolesProcessOutputs``."""
    return "".join(word[:1].upper() + word[1:] for word in _WORD.findall(requirement_id)) or requirement_id


def _help(requirement: Requirement, edition_title: str) -> str:
    lines = [f"Clause {requirement.clause} of {edition_title}: {requirement.title}.", "", requirement.summary]
    if requirement.unconfirmed:
        lines += ["", f"{UNCONFIRMED[:1].upper()}{UNCONFIRMED[1:]}: {UNCONFIRMED_MEANING}."]
    if requirement.evidence.model:
        lines += ["", "What in the organization model shows it is met:"]
        lines += [f"- {item}" for item in requirement.evidence.model]
    if requirement.evidence.documents:
        lines += ["", "Documented information that would settle it:"]
        lines += [f"- {item}" for item in requirement.evidence.documents]
    return "\n".join(lines)


def _rule(requirement: Requirement, assessment: Assessment) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "name": _rule_name(requirement.id),
        "shortDescription": {"text": requirement.title},
        "fullDescription": {"text": requirement.summary},
        "help": {"text": _help(requirement, assessment.edition_title)},
        "properties": {
            "clause": requirement.clause,
            "theme": requirement.theme.value,
            "edition": assessment.edition,
            "unconfirmed": requirement.unconfirmed,
            "tags": ["iso9001", requirement.theme.value],
        },
    }


def artifact_uri(source: Source) -> str:
    """The SARIF ``artifactLocation.uri`` of ``source``: a relative POSIX path as given, or a ``file:`` URI.

    Examples
    --------
    >>> artifact_uri("examples/precision-pumps/organization.yaml")
    'examples/precision-pumps/organization.yaml'
    >>> artifact_uri("./my org.yaml")
    'my%20org.yaml'
    """
    path = PurePath(os.fspath(source))
    if path.is_absolute():
        return Path(path).as_uri()
    return urllib.parse.quote(path.as_posix(), safe="/")


class _Locator:
    def __init__(self, assessment: Assessment, source: Source | None) -> None:
        self.paths = assessment.element_paths
        self.uri = artifact_uri(source) if source is not None else None
        self.positions = assessment.element_positions

    def region(self, subject: str | None) -> dict[str, int] | None:
        """The start of the element's definition; ``None`` when the loader did not record it."""
        where = self.positions.get(subject) if subject is not None else None
        if where is None:
            return None
        line, column = where
        return {"startLine": line, "startColumn": column}

    def location(self, subject: str | None) -> dict[str, Any]:
        """The file (with the element's region when known) and the element's logical location."""
        location: dict[str, Any] = {}
        if self.uri is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": self.uri}}
            region = self.region(subject)
            if region is not None:
                physical["region"] = region
            location["physicalLocation"] = physical
        if subject is not None:
            logical = {"name": subject, "fullyQualifiedName": self.paths.get(subject, subject), "kind": "object"}
            location["logicalLocations"] = [logical]
        return location


#: A ``]`` that closes the text of a SARIF embedded link (``[text](target)``), with the
#: backslashes before it.
_LINK_CLOSE = re.compile(r"(\\*)\]\(")


def _message_text(text: str) -> str:
    """Text for a SARIF plain-text message, in which no embedded link can start.

    SARIF viewers turn ``[text](target)`` in a message into a link (SARIF 2.1.0, 3.11.6), and a
    target may be any URI; a ``]`` right before ``(`` is escaped as ``\\]`` (with the
    backslashes before it escaped too), so text from the file never makes one. Other text is
    unchanged.

    Examples
    --------
    >>> _message_text("see [x](javascript:alert(1)) and [y] (z)")
    'see [x\\\\](javascript:alert(1)) and [y] (z)'
    """
    return _LINK_CLOSE.sub(lambda m: m.group(1) * 2 + "\\](", text)


def _message(finding: Finding) -> str:
    """The reason, then the suggested fix; the status and check when a check gave no reason."""
    text = sentence(finding.reason) or sentence(f"{status_text(finding.status, finding.grade)} found by {finding.rule}")
    fix = sentence(finding.fix)
    if fix:
        text += f" Suggested fix: {fix}"
    return _message_text(text)


def _result(finding: Finding, rule_id: str, rule_index: int, locator: _Locator) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": level(finding),
        "message": {"text": _message(finding)},
    }
    primary_subject = anchor(finding.subjects, locator.positions)
    primary = locator.location(primary_subject)
    if primary:
        result["locations"] = [primary]
    others = [s for s in finding.subjects if s != primary_subject]
    related = [
        {"id": number, **locator.location(subject), "message": {"text": _message_text(subject)}}
        for number, subject in enumerate(others, start=1)
    ]
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding)}
    result["properties"] = {
        "status": finding.status.value,
        "grade": finding.grade.value if finding.grade is not None else None,
        "clause": finding.clause,
        "check": finding.rule,
        "subjects": list(finding.subjects),
        "evidence": list(finding.evidence),
    }
    return result


def to_sarif(
    assessment: Assessment, *, source: Source | None = None, min_severity: int | str | None = None
) -> dict[str, Any]:
    """The SARIF 2.1.0 log of ``assessment`` as plain data.

    Parameters
    ----------
    assessment
        The assessment.
    source
        The organization file the assessment was made from, as a path relative to the
        repository root (what code scanning expects). Each result points at the line where
        the first of its elements at fault with a known position is defined, or at the file as
        a whole (no region) when none has one; when ``source`` is ``None``, results carry
        logical locations (element ids) only.
    min_severity
        Leave out findings less serious than this: a ``--fail-on`` name (``"minor"``) or a
        severity from 0 to 5 (see :func:`~iso9001_leadership.findings.severity`). ``None``, the
        default, reports every finding. With a threshold, the run's properties say which
        (``minSeverity``) and how many findings it left out (``findingsLeftOut``).

    Raises
    ------
    UsageError
        If ``min_severity`` is not a threshold there is.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> assessment = assess(org, as_of=dt.date(2026, 11, 24))
    >>> everything = to_sarif(assessment, source="org.yaml")["runs"][0]
    >>> failing = to_sarif(assessment, source="org.yaml", min_severity="major")["runs"][0]
    >>> len(failing["results"]) < len(everything["results"]), {r["level"] for r in failing["results"]}
    (True, {'error'})
    >>> failing["results"][0]["locations"][0]["physicalLocation"]
    {'artifactLocation': {'uri': 'org.yaml'}}
    """
    threshold = severity_threshold(min_severity)
    locator = _Locator(assessment, source)
    chosen = reported(assessment, threshold)
    rules = [_rule(r.requirement, assessment) for r, _ in chosen]
    sarif_results = [
        _result(finding, r.requirement.id, index, locator)
        for index, (r, findings) in enumerate(chosen)
        for finding in findings
    ]
    notifications = [
        {"level": "warning", "message": {"text": _message_text(sentence(w))}} for w in assessment.warnings if w.strip()
    ]
    counts = assessment.summary().counts
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": tool_version(),
                "informationUri": TOOL_URI,
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "properties": {
            "organization": assessment.organization,
            "edition": assessment.edition,
            "editionTitle": assessment.edition_title,
            "asOf": assessment.as_of.isoformat(),
            "score": assessment.score,
            "examined": assessment.examined,
            "notAssessed": counts.get(Status.NOT_ASSESSED.value, 0),
            "notApplicable": counts.get(Status.NOT_APPLICABLE.value, 0),
            "scoreBasis": score_basis(assessment),
        },
    }
    if threshold is not None:
        run["properties"]["minSeverity"] = threshold_name(threshold)
        run["properties"]["findingsLeftOut"] = left_out(assessment, threshold)
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(assessment: Assessment, *, source: Source | None = None, min_severity: int | str | None = None) -> str:
    """The SARIF 2.1.0 report (:func:`to_sarif`) as JSON text, indented by two spaces, with one final newline.

    Control characters, bidirectional controls and line separators in strings are written as
    ``\\uNNNN`` escapes (the same data), so the text is safe to print on a terminal.
    """
    log = to_sarif(assessment, source=source, min_severity=min_severity)
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def to_sarif_many(
    files: Sequence[tuple[str, Assessment | None, str | None]],
    *,
    edition: str,
    as_of: dt.date,
    min_severity: int | str | None = None,
) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run for several files: each result points at its own file.

    Code scanning refuses several runs of one tool in one upload, so the runs of the files are
    merged: the rules of all of them (each once), every result (its rule index renumbered), the
    warnings on each file and each file's error as tool execution notifications located at the
    file, and the properties of each file's assessment under ``files``.

    Parameters
    ----------
    files
        For each file, in order: its path (relative to the repository root, as for
        :func:`to_sarif`), its assessment, and the message of its error when it could not be
        assessed (the assessment is then ``None``).
    edition, as_of
        The edition and date every file was assessed against.
    min_severity
        Leave out findings less serious than this, as :func:`to_sarif` does; the run's
        properties then say which (``minSeverity``), and each file's how many it left out.

    Examples
    --------
    >>> import datetime as dt
    >>> log = to_sarif_many([("bad.yaml", None, "bad.yaml: not valid YAML")], edition="2015",
    ...                     as_of=dt.date(2026, 11, 24))
    >>> run = log["runs"][0]
    >>> run["invocations"][0]["executionSuccessful"], run["invocations"][0]["toolExecutionNotifications"][0]["level"]
    (False, 'error')
    """
    threshold = severity_threshold(min_severity)
    empty = Assessment(organization="", edition=edition, edition_title="", as_of=as_of, results=())
    log = to_sarif(empty)
    run = log["runs"][0]
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    merged: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    properties: list[dict[str, Any]] = []
    for path, assessment, error in files:
        where = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}]
        if assessment is None:
            text = _message_text(error if error is not None else path)
            notifications.append({"level": "error", "message": {"text": text}, "locations": where})
            continue
        own = to_sarif(assessment, source=path, min_severity=threshold)["runs"][0]
        own_rules = own["tool"]["driver"]["rules"]
        for found in own["results"]:
            rule = own_rules[found["ruleIndex"]]
            if rule["id"] not in rule_index:
                rule_index[rule["id"]] = len(rules)
                rules.append(rule)
            merged.append({**found, "ruleIndex": rule_index[rule["id"]]})
        notifications.extend({**n, "locations": where} for n in own["invocations"][0]["toolExecutionNotifications"])
        properties.append({"artifact": artifact_uri(path), **own["properties"]})
    run["tool"]["driver"]["rules"] = rules
    run["results"] = merged
    run["invocations"] = [
        {
            "executionSuccessful": all(assessment is not None for _, assessment, _ in files),
            "toolExecutionNotifications": notifications,
        }
    ]
    run["properties"] = {"edition": edition, "asOf": as_of.isoformat(), "files": properties}
    if threshold is not None:
        run["properties"]["minSeverity"] = threshold_name(threshold)
    return log
