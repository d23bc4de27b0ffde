"""What the machine formats (SARIF, GitHub annotations, JUnit XML) report, and where each finding points.

The formats read by tools rather than people report the findings at or above a threshold (the
CLI's ``--fail-on``), so that what fails a build is what a pipeline shows, and each finding
points at the first element at fault whose place in the file is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iso9001_leadership._names import did_you_mean
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.exceptions import UsageError
from iso9001_leadership.findings import FAIL_ON, Finding, Status

from ._common import ordered_results

__all__ = ["SEVERITY_NAMES", "SILENT", "anchor", "left_out", "reported", "severity_threshold", "threshold_name"]

#: Statuses that say nothing is wrong or nothing was judged: no machine format reports them as findings.
SILENT = frozenset({Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED})

#: The name of each threshold severity (the ``--fail-on`` names), by severity.
SEVERITY_NAMES: Mapping[int, str] = {value: name for name, value in FAIL_ON.items()}


def severity_threshold(value: object) -> int | None:
    """A threshold as a severity: ``None`` (report everything), a ``--fail-on`` name, or a number 0 to 5.

    Raises
    ------
    UsageError
        For anything else, naming what is accepted.

    Examples
    --------
    >>> severity_threshold("minor"), severity_threshold(3), severity_threshold(None)
    (4, 3, None)
    >>> severity_threshold("minro")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.UsageError: min_severity must be None, one of 'major', 'minor', 'needs_evidence', 'observation', 'opportunity', or a severity from 0 to 5, not 'minro'; did you mean 'minor'?
    """
    if value is None:
        return None
    if isinstance(value, str) and value in FAIL_ON:
        return FAIL_ON[value]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= max(FAIL_ON.values()):
        return value
    names = ", ".join(repr(name) for name in FAIL_ON)
    hint = did_you_mean(value, FAIL_ON) if isinstance(value, str) else ""
    msg = f"min_severity must be None, one of {names}, or a severity from 0 to 5, not {value!r}{hint}"
    raise UsageError(msg)


def threshold_name(min_severity: int) -> str:
    """The ``--fail-on`` name of a threshold (``minor``), or its number when it has none (0)."""
    return SEVERITY_NAMES.get(min_severity, str(min_severity))


def reported(assessment: Assessment, min_severity: int | None) -> list[tuple[RequirementResult, tuple[Finding, ...]]]:
    """The requirements with findings to report, in clause order, each with those findings.

    A finding is reported when it says something is or may be wrong (not a conforming, not
    applicable or not assessed one) and is at least as serious as ``min_severity`` (any, for
    ``None``). Requirements not assessed report nothing, whatever findings they hold.
    """
    found = []
    for result in ordered_results(assessment):
        if result.status is Status.NOT_ASSESSED:
            continue
        findings = tuple(
            f
            for f in result.findings
            if f.status not in SILENT and (min_severity is None or f.severity >= min_severity)
        )
        if findings:
            found.append((result, findings))
    return found


def left_out(assessment: Assessment, min_severity: int | None) -> int:
    """How many findings that would be reported are below ``min_severity``."""
    if min_severity is None:
        return 0
    everything = sum(len(findings) for _, findings in reported(assessment, None))
    return everything - sum(len(findings) for _, findings in reported(assessment, min_severity))


def anchor(subjects: Sequence[str], positions: Mapping[str, tuple[int, int]]) -> str | None:
    """The element a finding points at: the first element at fault whose place in the file is known.

    When none is known, the first element at fault (located by name only); ``None`` for a
    finding about something missing altogether.

    Examples
    --------
    >>> anchor(("ghost", "ceo", "cfo"), {"ceo": (4, 5), "cfo": (7, 5)})
    'ceo'
    >>> anchor(("ghost",), {}), anchor((), {})
    ('ghost', None)
    """
    return next((s for s in subjects if s in positions), subjects[0] if subjects else None)
