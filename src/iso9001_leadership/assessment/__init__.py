"""Assess an organization against the requirement catalog, finding by finding.

:func:`assess` runs every check registered for every requirement of the chosen edition and
returns an :class:`Assessment`: per requirement a status an auditor would write down, the
findings behind it (the elements at fault, why, and how to fix it), summaries by clause and by
theme, and a score a manager can track. :func:`diff` compares two assessments.

How a requirement's status is decided (see ``docs/assessment.md``):

1. An exclusion that clause 4.3 allows (a requirement under a clause id of its own; parts of
   7.1.5 and clause 8 lie outside the catalog and are only recorded) makes it
   ``not_applicable``. An exclusion of anything else is refused with an :class:`AssessmentError`.
2. A requirement outside what the file says it describes (``Organization.covers``) is
   ``not_assessed`` and left out of the score.
3. Otherwise its checks run, and the findings of each rule are merged into one finding with
   all its instances. The worst finding decides: nonconformity, then needs evidence, then
   observation, then opportunity for improvement. A requirement with nothing to examine (no
   objectives for 6.2.2) is ``not_assessed``, never conforming by vacuity.
4. With no finding: a requirement the model decides (``Decidability.MODEL``) conforms. One the
   model decides only partly, or not at all, conforms only where an evidence record settles it
   (cites its id or exact clause, is not stale, and is a record of something done where the
   requirement needs one); otherwise it ``needs_evidence``.

Grades, after ISO/IEC 17021-1 practice: a nonconformity is ``major`` when the requirement is not
addressed at all, or when its faults are a systemic breakdown (spread: at least 3, half of a
population of at least 6, across at least 3 processes); otherwise it is ``minor``. The score
counts only the requirements examined.
"""

from __future__ import annotations

from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding, Grade, Status, severity

from ._diff import AssessmentDiff, diff
from ._engine import assess
from ._result import POINTS, Assessment, RequirementResult, Summary

__all__ = [
    "POINTS",
    "Assessment",
    "AssessmentDiff",
    "AssessmentError",
    "Finding",
    "Grade",
    "RequirementResult",
    "Status",
    "Summary",
    "assess",
    "diff",
    "severity",
]
