"""What an assessment says: a result per requirement, summaries, the score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from iso9001_leadership._names import did_you_mean
from iso9001_leadership.catalog import Requirement, Theme
from iso9001_leadership.clauses import top_clause
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding, Grade, Status, severity

from ._html import assessment_html

__all__ = ["POINTS", "Assessment", "RequirementResult", "Summary"]

#: Points a requirement earns towards the score, by status and grade (out of 1).
POINTS = {
    (Status.CONFORMS, None): 1.0,
    (Status.OPPORTUNITY, None): 1.0,
    (Status.OBSERVATION, None): 0.75,
    (Status.NEEDS_EVIDENCE, None): 0.5,
    (Status.NONCONFORMITY, Grade.MINOR): 0.25,
    (Status.NONCONFORMITY, Grade.MAJOR): 0.0,
}


@attrs.frozen
class RequirementResult:
    """The verdict on one requirement, with the findings behind it."""

    requirement: Requirement
    status: Status
    grade: Grade | None = None
    findings: tuple[Finding, ...] = ()
    evidence: tuple[str, ...] = ()
    note: str = ""

    @property
    def severity(self) -> int:
        """0 (harmless) to 5 (major nonconformity)."""
        return severity(self.status, self.grade)

    @property
    def points(self) -> float | None:
        """Points towards the score; ``None`` when not applicable or not assessed (left out of the score)."""
        if self.status in (Status.NOT_APPLICABLE, Status.NOT_ASSESSED):
            return None
        return POINTS[(self.status, self.grade if self.status is Status.NONCONFORMITY else None)]


@attrs.frozen
class Summary:
    """Counts of statuses for a group of requirements (a clause, a theme, or all)."""

    group: str
    total: int
    counts: Mapping[str, int]
    score: float | None

    @property
    def nonconformities(self) -> int:
        """How many requirements of the group are not met."""
        return self.counts.get(Status.NONCONFORMITY.value, 0)


@attrs.frozen
class Assessment:
    """The outcome of :func:`assess`: every requirement's status, the findings, summaries, a score."""

    organization: str
    edition: str
    edition_title: str
    as_of: dt.date
    results: tuple[RequirementResult, ...]
    element_paths: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    """Where each element named in a finding stands in the organization file (``processes[3]``)."""
    exclusions_outside_catalog: tuple[str, ...] = ()
    """Exclusions of clauses this catalog does not cover (``8.3``): recorded, not assessed."""
    warnings: tuple[str, ...] = ()
    """What the reader should know about the input: evidence citations that are ambiguous across editions."""
    element_positions: Mapping[str, tuple[int, int]] = attrs.field(factory=dict, eq=False)
    """Line and column (1-based) where each element named in a finding is defined in the file it
    was loaded from; empty for an organization built in Python or read from JSON. Where an
    element is written in the file is not part of what the assessment says, so it does not take
    part in equality."""
    element_names: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    """The name a reader knows each element by (a role's title, a process's name), for the
    elements the findings and results name (at fault or as evidence), where it differs from the
    id. Filled by :func:`assess` for the reports people read; empty for an assessment built by
    hand, where reports show ids alone. A presentation aid, not part of what the assessment
    says: it takes no part in equality, and the JSON report leaves it out."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, requirement by requirement in clause order."""
        return tuple(f for r in self.results for f in r.findings)

    def result(self, requirement: str) -> RequirementResult:
        """The result for a requirement id (or a clause id of the assessed edition)."""
        for r in self.results:
            if requirement in (r.requirement.id, r.requirement.clause):
                return r
        ids = [r.requirement.id for r in self.results]
        msg = f"no requirement {requirement!r} in this assessment" + did_you_mean(requirement, ids)
        raise AssessmentError(msg, requirement)

    @property
    def score(self) -> float:
        """0 to 100: points over the requirements examined (not those excluded or not assessed).

        ``100 * sum(points) / examined``; points by status: conforms and opportunity 1,
        observation 0.75, needs evidence 0.5, minor nonconformity 0.25, major 0.
        """
        return _score(self.results) or 0.0

    def summary(self) -> Summary:
        """Counts over all requirements."""
        return _summarize("all", self.results)

    def by_theme(self) -> tuple[Summary, ...]:
        """Counts and score per seed theme, in the themes' order."""
        return tuple(
            _summarize(theme.value, [r for r in self.results if r.requirement.theme is theme])
            for theme in Theme
            if any(r.requirement.theme is theme for r in self.results)
        )

    def by_clause(self) -> tuple[Summary, ...]:
        """Counts and score per top-level clause (4, 5, 6, 7, 9 ...), in clause order."""
        groups: dict[str, list[RequirementResult]] = {}
        for r in self.results:
            groups.setdefault(top_clause(r.requirement.clause), []).append(r)
        return tuple(_summarize(name, members) for name, members in groups.items())

    def _repr_html_(self) -> str:
        """A compact HTML report for Jupyter."""
        return assessment_html(self)

    @property
    def examined(self) -> int:
        """How many requirements the score counts: all but those excluded and those not assessed."""
        return sum(1 for r in self.results if r.points is not None)

    def worst(self) -> int:
        """The highest severity among the results (0 when everything conforms)."""
        return max((r.severity for r in self.results), default=0)

    def at_or_above(self, threshold: int) -> tuple[Finding, ...]:
        """Findings whose severity is at least ``threshold`` (see :func:`severity`)."""
        return tuple(f for f in self.findings if f.severity >= threshold)


def _score(results: Sequence[RequirementResult]) -> float | None:
    points = [p for p in (r.points for r in results) if p is not None]
    if not points:
        return None
    return round(100.0 * sum(points) / len(points), 1)


def _summarize(group: str, results: Sequence[RequirementResult]) -> Summary:
    counts = {status.value: 0 for status in Status}
    for r in results:
        counts[r.status.value] += 1
    return Summary(group=group, total=len(results), counts=counts, score=_score(results))
