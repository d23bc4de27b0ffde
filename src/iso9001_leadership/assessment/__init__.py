"""Assess an organization against the requirement catalog, finding by finding.

:func:`assess` runs every check registered for every requirement of the chosen edition and
returns an :class:`Assessment`: per requirement a status an auditor would write down, the
findings behind it (the elements at fault, why, and how to fix it), summaries by clause and by
theme, and a score a manager can track. :func:`diff` compares two assessments.

How a requirement's status is decided (see ``docs/assessment.md``):

1. An exclusion recorded in the organization (with its justification) makes it
   ``not_applicable``; it is not checked.
2. Otherwise its checks run. The worst finding decides: nonconformity, then needs evidence,
   then observation, then opportunity for improvement.
3. With no finding: a requirement the model decides (``Decidability.MODEL``) conforms. One the
   model decides only partly, or not at all, conforms only where documented information in the
   organization (``Evidence.clauses``) covers its clause; otherwise it ``needs_evidence``, and
   the result lists the evidence that would settle it.

Grades: a nonconformity is ``major`` when the requirement is not addressed at all, or when
findings of a check cover at least half of the elements the check examined (a systemic
breakdown); otherwise it is ``minor``.
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
