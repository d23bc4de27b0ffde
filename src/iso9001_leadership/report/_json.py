"""The JSON report: a documented, versioned shape for tools that embed us."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from iso9001_leadership._escape import json_text
from iso9001_leadership._version import SCHEMA_BASE
from iso9001_leadership.assessment import Assessment, RequirementResult, Summary
from iso9001_leadership.findings import Finding

from ._common import (
    TOOL_NAME,
    clause_groups,
    examined,
    fingerprint,
    grade_counts,
    ordered_results,
    summary_counts,
    tool_version,
)

__all__ = ["SCHEMA_URI", "SCHEMA_VERSION", "render_json", "report_schema", "to_data"]

#: The version of the JSON report's shape; it changes with any change to the shape (a field added,
#: removed or changing meaning, a new status). Version 2 added the status ``not_assessed``,
#: ``warnings``, ``examined`` in every summary and ``unconfirmed`` on every requirement.
SCHEMA_VERSION = 2

#: The ``$schema`` of every JSON report, and the ``$id`` of :func:`report_schema`.
SCHEMA_URI = f"{SCHEMA_BASE}/report/assessment.schema.json"

_RESOURCE = "assessment.schema.json"


def _summary(summary: Summary, key: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {key: summary.group} if key else {}
    data["total"] = summary.total
    data["examined"] = examined(summary)
    data["score"] = summary.score
    data["counts"] = summary_counts(summary)
    return data


def _requirement(result: RequirementResult) -> dict[str, Any]:
    req = result.requirement
    return {
        "id": req.id,
        "clause": req.clause,
        "title": req.title,
        "theme": req.theme.value,
        "unconfirmed": req.unconfirmed,
        "status": result.status.value,
        "grade": result.grade.value if result.grade is not None else None,
        "points": result.points,
        "note": result.note,
        "evidence": list(result.evidence),
        "finding_count": len(result.findings),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "requirement": finding.requirement,
        "clause": finding.clause,
        "status": finding.status.value,
        "grade": finding.grade.value if finding.grade is not None else None,
        "rule": finding.rule,
        "subjects": list(finding.subjects),
        "reason": finding.reason,
        "fix": finding.fix,
        "evidence": list(finding.evidence),
        "fingerprint": fingerprint(finding),
    }


def to_data(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data in the shape of the JSON report (see ``docs/reports.md``).

    Requirements and findings come in clause order; keys in a fixed order; so the same
    assessment always gives the same data.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership.assessment import Assessment
    >>> data = to_data(Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ()))
    >>> data["schema_version"], data["organization"], data["as_of"], data["summary"]["total"]
    (2, 'Acme', '2026-11-24', 0)
    """
    results = ordered_results(assessment)
    summary = assessment.summary()
    findings = [f for r in results for f in r.findings]
    subjects = sorted({s for f in findings for s in f.subjects})
    return {
        "$schema": SCHEMA_URI,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "organization": assessment.organization,
        "edition": assessment.edition,
        "edition_title": assessment.edition_title,
        "as_of": assessment.as_of.isoformat(),
        "score": assessment.score,
        "summary": {**_summary(summary, None), "grades": grade_counts(results)},
        "warnings": list(assessment.warnings),
        "themes": [_summary(s, "theme") for s in assessment.by_theme()],
        "clauses": [_summary(s, "clause") for s in clause_groups(assessment)],
        "requirements": [_requirement(r) for r in results],
        "findings": [_finding(f) for f in findings],
        "element_paths": {s: assessment.element_paths[s] for s in subjects if s in assessment.element_paths},
    }


def render_json(assessment: Assessment) -> str:
    """The JSON report: :func:`to_data` indented by two spaces, UTF-8 text, one final newline.

    Control characters, bidirectional controls and line separators in strings are written as
    ``\\uNNNN`` escapes (the same data), so the text is safe to print on a terminal.
    """
    return json_text(json.dumps(to_data(assessment), indent=2, ensure_ascii=False, sort_keys=False)) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON report, as shipped in the package.

    Examples
    --------
    >>> schema = report_schema()
    >>> schema["$id"]
    'https://raw.githubusercontent.com/iso9001-leadership/iso9001-leadership/main/src/iso9001_leadership/report/assessment.schema.json'
    >>> schema["properties"]["schema_version"]
    {'const': 2}
    """
    text = resources.files(__package__).joinpath(_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
