"""What every report format shares: status words and icons, orderings, labels, fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from iso9001_leadership import _version
from iso9001_leadership._names import plural
from iso9001_leadership.assessment import Assessment, RequirementResult, Summary
from iso9001_leadership.catalog import Theme
from iso9001_leadership.clauses import clause_key
from iso9001_leadership.findings import STATUS_ORDER, Finding, Grade, Status, verdict

__all__ = [
    "FINGERPRINT_KEY",
    "SCORE_NOTE",
    "TOOL_NAME",
    "TOOL_URI",
    "UNCONFIRMED",
    "UNCONFIRMED_MEANING",
    "clause_groups",
    "clause_title",
    "examined",
    "finding_label",
    "fingerprint",
    "grade_counts",
    "grade_split",
    "icon",
    "legend",
    "ordered_results",
    "score_basis",
    "score_line",
    "sentence",
    "short",
    "summary_counts",
    "theme_label",
    "tool_version",
]


#: The tool's name in every report.
TOOL_NAME = "iso9001-leadership"

#: Where the tool documents itself (the SARIF ``informationUri``).
TOOL_URI = _version.HOMEPAGE

#: The ``partialFingerprints`` key of a finding in SARIF, and how JSON names the same hash.
FINGERPRINT_KEY = "iso9001LeadershipFinding/v1"


#: How every report marks a requirement (and its findings) whose wording in the assessed edition
#: is not confirmed against the published standard (:attr:`Requirement.unconfirmed`).
UNCONFIRMED = "wording unconfirmed"

#: What :data:`UNCONFIRMED` means, for a legend.
UNCONFIRMED_MEANING = (
    "the clause's wording in this edition is not confirmed against the published standard, "
    "so the clause id and what it asks may still change"
)

#: What the scores of the tables count, after the legend of each report.
SCORE_NOTE = (
    "Scores are out of 100, over the requirements examined: those not applicable and those not assessed are left out."
)

#: Short column headings for counts by status (with a legend under each table).
_SHORT = {
    Status.NONCONFORMITY: "NC",
    Status.NEEDS_EVIDENCE: "NE",
    Status.OBSERVATION: "Obs",
    Status.OPPORTUNITY: "OFI",
    Status.CONFORMS: "OK",
    Status.NOT_APPLICABLE: "N/A",
    Status.NOT_ASSESSED: "Out",
}

#: A symbol per status so that no report signals a status by colour alone.
_ICONS = {
    Status.NONCONFORMITY: "\u2717",  # ✗
    Status.NEEDS_EVIDENCE: "?",
    Status.OBSERVATION: "\u25c6",  # ◆
    Status.OPPORTUNITY: "\u2197",  # ↗
    Status.CONFORMS: "\u2713",  # ✓
    Status.NOT_APPLICABLE: "\u2013",  # en dash
    Status.NOT_ASSESSED: "\u00b7",  # middle dot
}

#: Top-level clause titles of ISO 9001 (the high-level structure shared by ISO management system standards).
_CLAUSE_TITLES = {
    "4": "Context of the organization",
    "5": "Leadership",
    "6": "Planning",
    "7": "Support",
    "8": "Operation",
    "9": "Performance evaluation",
    "10": "Improvement",
}


def tool_version() -> str:
    """The package version, as reports name the tool (read when called, so tests can pin it)."""
    return _version.__version__


def icon(status: Status) -> str:
    """The symbol that stands for ``status`` beside its words."""
    return _ICONS[status]


def short(status: Status) -> str:
    """The status as a short column heading: ``NC``, ``NE``, ``Obs``, ``OFI``, ``OK``, ``N/A``, ``Out``."""
    return _SHORT[status]


def legend() -> str:
    """What the short headings stand for, in display order."""
    return "; ".join(f"{icon(s)} {short(s)}: {s.label}" for s in STATUS_ORDER)


def theme_label(theme: Theme | str) -> str:
    """A theme as a heading: ``policy_and_objectives`` reads ``Policy and objectives``."""
    value = theme.value if isinstance(theme, Theme) else theme
    words = value.replace("_", " ")
    return words[:1].upper() + words[1:]


def clause_title(group: str) -> str:
    """The top-level clause with its title (``5 Leadership``); other groups as they are."""
    title = _CLAUSE_TITLES.get(group)
    return f"{group} {title}" if title else group


def ordered_results(assessment: Assessment) -> tuple[RequirementResult, ...]:
    """The results in clause order (natural sort of the clause id, then the requirement id)."""
    return tuple(sorted(assessment.results, key=lambda r: r.requirement.sort_key))


def clause_groups(assessment: Assessment) -> tuple[Summary, ...]:
    """The summaries by top-level clause, in clause order whatever the order of the results."""
    return tuple(sorted(assessment.by_clause(), key=lambda s: clause_key(s.group)))


def examined(summary: Summary) -> int:
    """How many requirements of a group the score counts: all but those not applicable or not assessed."""
    left_out = (Status.NOT_APPLICABLE.value, Status.NOT_ASSESSED.value)
    return summary.total - sum(int(summary.counts.get(status, 0)) for status in left_out)


def score_basis(assessment: Assessment) -> str:
    """What the score counts, in words: ``over 61 requirements examined; 13 not assessed, 0 not applicable``.

    With no requirement examined: ``no requirement examined; ...`` (and there is no score).

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership.assessment import Assessment
    >>> score_basis(Assessment("Acme", "2015", "ISO 9001:2015", dt.date(2026, 11, 24), ()))
    'no requirement examined; 0 not assessed, 0 not applicable'
    """
    counts = assessment.summary().counts
    left_out = (
        f"{counts.get(Status.NOT_ASSESSED.value, 0)} not assessed, "
        f"{counts.get(Status.NOT_APPLICABLE.value, 0)} not applicable"
    )
    if not assessment.examined:
        return f"no requirement examined; {left_out}"
    return f"over {plural(assessment.examined, 'requirement')} examined; {left_out}"


def score_line(assessment: Assessment, *, prefix: str = "score ") -> str:
    """The score and what it counts: ``score 88.5 / 100 over 61 requirements examined; 13 not assessed, 0 not applicable``.

    With no requirement examined there is no score to give: ``no score: no requirement examined; ...``.
    ``prefix`` comes before the number (``score `` by default; empty where a label says it).
    """
    if not assessment.examined:
        return f"no score: {score_basis(assessment)}"
    return f"{prefix}{assessment.score:.1f} / 100 {score_basis(assessment)}"


def finding_label(finding: Finding, result: RequirementResult) -> str:
    """The finding's own verdict when it differs from its requirement's (``observation``), else empty.

    A requirement takes the verdict of its worst finding; the others under it keep their own, so
    that an observation beside a nonconformity never reads as one.
    """
    same = finding.status is result.status and (
        finding.status is not Status.NONCONFORMITY or finding.grade is result.grade
    )
    return "" if same else verdict(finding.status, finding.grade)


def grade_counts(results: Iterable[RequirementResult]) -> dict[str, int]:
    """How many nonconformities are major and how many minor, major first."""
    counts = {grade.value: 0 for grade in (Grade.MAJOR, Grade.MINOR)}
    for r in results:
        if r.status is Status.NONCONFORMITY and r.grade is not None:
            counts[r.grade.value] += 1
    return counts


def summary_counts(summary: Summary) -> dict[str, int]:
    """A summary's counts for every status, in the statuses' declared order (zeros included)."""
    return {status.value: int(summary.counts.get(status.value, 0)) for status in Status}


def fingerprint(finding: Finding) -> str:
    """A stable hash of what identifies a finding across runs: requirement, rule and subjects.

    Examples
    --------
    >>> from iso9001_leadership.assessment import Finding, Status
    >>> f = Finding(requirement="roles.process-outputs", clause="5.3 b", status=Status.OBSERVATION,
    ...             rule="process-without-owner", reason="...", subjects=("sales",))
    >>> fingerprint(f)[:12], len(fingerprint(f))
    ('9d26a169e1c3', 64)
    """
    requirement, rule, subjects = finding.key
    text = json.dumps([requirement, rule, list(subjects)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sentence(text: str) -> str:
    r"""``text`` as a sentence: spaces and line breaks collapsed, a capital first letter, a full stop.

    Examples
    --------
    >>> sentence("  the model cannot decide this\n on its own ")
    'The model cannot decide this on its own.'
    """
    text = " ".join(text.split())
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def grade_split(grades: dict[str, int]) -> str:
    """The grades of the nonconformities in words: ``2 major, 6 minor``; ``8 minor``; empty if none."""
    return ", ".join(f"{count} {grade}" for grade, count in grades.items() if count)
