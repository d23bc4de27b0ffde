"""The shared vocabulary of judgement: statuses, grades, severity and the finding record.

Checks make :class:`Finding` records, the assessment turns them into a status per requirement,
and every report, the CLI and the pytest plugin read them: all import them from here, so the
order of statuses, their wording and the meaning of ``--fail-on`` are defined once.

Examples
--------
>>> severity(Status.NONCONFORMITY, Grade.MAJOR), severity(Status.OBSERVATION)
(5, 2)
>>> status_text(Status.NONCONFORMITY, Grade.MINOR)
'nonconformity (minor)'
>>> [status.value for status in STATUS_ORDER][:3]
['nonconformity', 'needs_evidence', 'observation']
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from iso9001_leadership._names import to_tuple

__all__ = [
    "FAIL_ON",
    "STATUS_ORDER",
    "Finding",
    "Grade",
    "Status",
    "severity",
    "status_text",
    "verdict",
]


class Status(enum.Enum):
    """What an assessment says of one requirement, best to worst for tracking."""

    CONFORMS = "conforms"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"
    OPPORTUNITY = "opportunity"
    OBSERVATION = "observation"
    NEEDS_EVIDENCE = "needs_evidence"
    NONCONFORMITY = "nonconformity"

    @property
    def label(self) -> str:
        """The status as a reader would say it."""
        return _LABELS[self]


_LABELS = {
    Status.CONFORMS: "conforms",
    Status.NOT_APPLICABLE: "not applicable",
    Status.NOT_ASSESSED: "not assessed",
    Status.OPPORTUNITY: "opportunity for improvement",
    Status.OBSERVATION: "observation",
    Status.NEEDS_EVIDENCE: "needs evidence",
    Status.NONCONFORMITY: "nonconformity",
}


class Grade(enum.Enum):
    """How serious a nonconformity is."""

    MINOR = "minor"
    MAJOR = "major"


#: Statuses worst first: the order of every summary table, count and badge row.
STATUS_ORDER: tuple[Status, ...] = (
    Status.NONCONFORMITY,
    Status.NEEDS_EVIDENCE,
    Status.OBSERVATION,
    Status.OPPORTUNITY,
    Status.CONFORMS,
    Status.NOT_APPLICABLE,
    Status.NOT_ASSESSED,
)

#: Order of severity, for the worst-of rule and for thresholds such as ``--fail-on``.
_RANK = {
    (Status.CONFORMS, None): 0,
    (Status.NOT_APPLICABLE, None): 0,
    (Status.NOT_ASSESSED, None): 0,
    (Status.OPPORTUNITY, None): 1,
    (Status.OBSERVATION, None): 2,
    (Status.NEEDS_EVIDENCE, None): 3,
    (Status.NONCONFORMITY, Grade.MINOR): 4,
    (Status.NONCONFORMITY, Grade.MAJOR): 5,
}


def severity(status: Status, grade: Grade | None = None) -> int:
    """A number that orders statuses from harmless (0) to a major nonconformity (5)."""
    return _RANK[(status, grade if status is Status.NONCONFORMITY else None)]


def status_text(status: Status, grade: Grade | None = None) -> str:
    """The status in words, with the grade of a nonconformity: ``nonconformity (major)``."""
    if status is Status.NONCONFORMITY and grade is not None:
        return f"{status.label} ({grade.value})"
    return status.label


def verdict(status: Status, grade: Grade | None = None) -> str:
    """The status as a sentence says it, grade first: ``major nonconformity``, ``observation``."""
    if status is Status.NONCONFORMITY and grade is not None:
        return f"{grade.value} {status.label}"
    return status.label


#: The thresholds ``--fail-on`` and ``fail_on`` accept, and the severity each stands for: a
#: finding fails when it is this serious or worse (see :func:`severity`).
FAIL_ON: Mapping[str, int] = {
    "major": severity(Status.NONCONFORMITY, Grade.MAJOR),
    "minor": severity(Status.NONCONFORMITY, Grade.MINOR),
    "needs_evidence": severity(Status.NEEDS_EVIDENCE),
    "observation": severity(Status.OBSERVATION),
    "opportunity": severity(Status.OPPORTUNITY),
}


@attrs.frozen
class Finding:
    """One thing an assessment found, under one requirement.

    Parameters
    ----------
    requirement
        The requirement id (stable across editions).
    clause
        The clause id in the assessed edition.
    status
        ``nonconformity``, ``observation``, ``opportunity`` or ``needs_evidence``.
    grade
        ``major`` or ``minor`` for a nonconformity, else ``None``.
    rule
        The name of the check rule that found it, stable for tracking (``process-without-owner``).
    subjects
        Ids of the elements at fault (empty when something is missing altogether).
    reason
        One line a manager understands.
    fix
        What would close it.
    evidence
        Ids of evidence records consulted.
    """

    requirement: str
    clause: str
    status: Status
    rule: str
    reason: str
    fix: str = ""
    grade: Grade | None = None
    subjects: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def severity(self) -> int:
        """0 (harmless) to 5 (major nonconformity)."""
        return severity(self.status, self.grade)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What identifies the finding between two assessments: requirement, rule, subjects."""
        return (self.requirement, self.rule, self.subjects)
