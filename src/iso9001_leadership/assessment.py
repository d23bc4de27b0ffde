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

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from iso9001_leadership._names import suggest
from iso9001_leadership.catalog import Catalog, Decidability, Requirement, Theme
from iso9001_leadership.clauses import CLAUSE_PATTERN, clause_within
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.model import Organization

__all__ = [
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
]


class Status(enum.Enum):
    """What an assessment says of one requirement, best to worst for tracking."""

    CONFORMS = "conforms"
    NOT_APPLICABLE = "not_applicable"
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
    Status.OPPORTUNITY: "opportunity for improvement",
    Status.OBSERVATION: "observation",
    Status.NEEDS_EVIDENCE: "needs evidence",
    Status.NONCONFORMITY: "nonconformity",
}


class Grade(enum.Enum):
    """How serious a nonconformity is."""

    MINOR = "minor"
    MAJOR = "major"


#: Order of severity, for the worst-of rule and for thresholds such as ``--fail-on``.
_RANK = {
    (Status.CONFORMS, None): 0,
    (Status.NOT_APPLICABLE, None): 0,
    (Status.OPPORTUNITY, None): 1,
    (Status.OBSERVATION, None): 2,
    (Status.NEEDS_EVIDENCE, None): 3,
    (Status.NONCONFORMITY, Grade.MINOR): 4,
    (Status.NONCONFORMITY, Grade.MAJOR): 5,
}

#: Points a requirement earns towards the score, by status and grade (out of 1).
POINTS = {
    (Status.CONFORMS, None): 1.0,
    (Status.OPPORTUNITY, None): 1.0,
    (Status.OBSERVATION, None): 0.75,
    (Status.NEEDS_EVIDENCE, None): 0.5,
    (Status.NONCONFORMITY, Grade.MINOR): 0.25,
    (Status.NONCONFORMITY, Grade.MAJOR): 0.0,
}


def severity(status: Status, grade: Grade | None = None) -> int:
    """A number that orders statuses from harmless (0) to a major nonconformity (5)."""
    return _RANK[(status, grade if status is Status.NONCONFORMITY else None)]


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        msg = f"expected a list of ids, not the string {values!r}"
        raise TypeError(msg)
    return tuple(values)


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
    subjects: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def severity(self) -> int:
        """0 (harmless) to 5 (major nonconformity)."""
        return severity(self.status, self.grade)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What identifies the finding between two assessments: requirement, rule, subjects."""
        return (self.requirement, self.rule, self.subjects)


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
        """Points towards the score; ``None`` when not applicable."""
        if self.status is Status.NOT_APPLICABLE:
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
        hint = suggest(requirement, ids)
        msg = f"no requirement {requirement!r} in this assessment" + (f"; did you mean {hint!r}?" if hint else "")
        raise AssessmentError(msg, requirement)

    @property
    def score(self) -> float:
        """0 to 100: the share of applicable requirements met, partial credit by status."""
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
            groups.setdefault(_top_clause(r.requirement.clause), []).append(r)
        return tuple(_summarize(name, members) for name, members in groups.items())

    def _repr_html_(self) -> str:
        """A compact HTML report for Jupyter."""
        from iso9001_leadership._html import assessment_html

        return assessment_html(self)

    def worst(self) -> int:
        """The highest severity among the results (0 when everything conforms)."""
        return max((r.severity for r in self.results), default=0)

    def at_or_above(self, threshold: int) -> tuple[Finding, ...]:
        """Findings whose severity is at least ``threshold`` (see :func:`severity`)."""
        return tuple(f for f in self.findings if f.severity >= threshold)


def _top_clause(clause: str) -> str:
    head = clause.split(" ", 1)[0].split(".", 1)[0]
    return head if head.isdigit() else clause.split(" ", 1)[0]


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


# -- running the checks -------------------------------------------------------------------


def assess(
    org: Organization,
    *,
    edition: str = "2015",
    as_of: dt.date,
    catalog: Catalog | None = None,
    registry: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> Assessment:
    """Check ``org`` against every requirement of ``edition`` and say, requirement by requirement, where it stands.

    Parameters
    ----------
    org
        The organization.
    edition
        ``"2015"`` (ISO 9001:2015 with Amendment 1:2024) or ``"2026"``.
    as_of
        The date the assessment is made on: overdue reviews and stale measurements are judged
        against it. Never read from the clock, so the same input gives the same assessment.
    catalog
        The requirements; by default the built-in catalog of ``edition`` with plug-ins.
    registry
        The checks; by default the built-in checks and those of plug-ins.
    progress
        Called as ``progress(number, total)`` as each requirement is checked, for progress displays.

    Returns
    -------
    Assessment

    Raises
    ------
    AssessmentError
        If an exclusion names a requirement the catalog does not have.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> result = assess(org, as_of=dt.date(2026, 11, 24))
    >>> result.result("5.2.1 c").status.value
    'nonconformity'
    """
    from iso9001_leadership.checks import CheckContext, default_registry

    catalog = catalog if catalog is not None else Catalog.builtin(edition, plugins=True)
    if catalog.edition != edition:
        msg = f"the catalog is of edition {catalog.edition!r}, not {edition!r}"
        raise AssessmentError(msg)
    registry = registry if registry is not None else default_registry()
    excluded, outside = _exclusions(org, catalog)
    context = CheckContext.build(org, as_of=as_of, edition=edition, catalog=catalog)
    results = []
    total = len(catalog)
    for done, requirement in enumerate(catalog, start=1):
        if progress is not None:
            progress(done, total)
        if requirement.id in excluded:
            results.append(
                RequirementResult(
                    requirement,
                    Status.NOT_APPLICABLE,
                    note=f"excluded by the organization: {excluded[requirement.id]}",
                )
            )
            continue
        results.append(_judge(requirement, registry.run(requirement, context), context))
    subjects = sorted({s for r in results for f in r.findings for s in f.subjects if s in org})
    return Assessment(
        organization=org.name,
        edition=edition,
        edition_title=catalog.title,
        as_of=as_of,
        results=tuple(results),
        element_paths={s: org.path_of(s) for s in subjects},
        exclusions_outside_catalog=outside,
    )


def _exclusions(org: Organization, catalog: Catalog) -> tuple[dict[str, str], tuple[str, ...]]:
    """The requirements excluded (id -> justification) and the exclusions outside the catalog.

    An exclusion names a requirement id, a clause id of the catalog, or a clause whose items it
    excludes all (``7.4`` excludes 7.4 a-e; ``9.3.3``, a requirement of its own, only itself). One that names a clause the catalog does not cover (``8.3``,
    ``7.1.5``) is kept aside: it does not bear on leadership. One that looks like a typo of
    something the catalog has (an unknown requirement id, or an unknown item of a clause the
    catalog lists) is an error.
    """
    excluded: dict[str, str] = {}
    outside: list[str] = []
    unknown: list[str] = []
    numbers = {req.clause.split(" ", 1)[0] for req in catalog}
    for exclusion in org.exclusions:
        name = exclusion.requirement
        if name in catalog:
            matched = [name]
        else:
            # A clause the catalog lists is excluded as such; one that only holds items excludes them all.
            matched = [req.id for req in catalog if req.clause == name] or [
                req.id for req in catalog if clause_within(req.clause, name)
            ]
        if matched:
            for req_id in matched:
                excluded.setdefault(req_id, exclusion.justification)
        elif CLAUSE_PATTERN.match(name) and name.split(" ", 1)[0] not in numbers:
            outside.append(name)
        else:
            unknown.append(name)
    if unknown:
        names = list(catalog.ids) + list(catalog.clauses())
        hints = [f"{u!r}" + (f" (did you mean {h!r}?)" if (h := suggest(u, names)) else "") for u in unknown]
        msg = f"exclusions name requirements the {catalog.edition} catalog does not have: {', '.join(hints)}"
        raise AssessmentError(msg, unknown[0])
    return excluded, tuple(outside)


def _judge(requirement: Requirement, findings: Iterable[Finding], context: Any) -> RequirementResult:
    evidence = context.evidence_for(requirement)
    found = [f for f in findings if not (evidence and f.status is Status.NEEDS_EVIDENCE)]
    decided_by_model = requirement.decidable is Decidability.MODEL or requirement.informative
    if not evidence and not decided_by_model and all(f.severity < severity(Status.NEEDS_EVIDENCE) for f in found):
        found.append(_needs_evidence(requirement, bool(found)))
    ordered = tuple(sorted(found, key=lambda f: (-f.severity, f.rule, f.subjects, f.reason)))
    if ordered:
        worst = ordered[0]
        grade = worst.grade if worst.status is Status.NONCONFORMITY else None
        return RequirementResult(requirement, worst.status, grade, ordered, evidence)
    note = "" if decided_by_model else "on the documented information recorded"
    return RequirementResult(requirement, Status.CONFORMS, None, (), evidence, note)


def _needs_evidence(requirement: Requirement, other_findings: bool) -> Finding:
    what = "; ".join(requirement.evidence.documents) or "documented information showing it is met"
    if other_findings:
        reason = "beyond the findings above, the model cannot decide this on its own"
    elif requirement.decidable is Decidability.PARTLY:
        reason = "the model shows no gap, but cannot decide this on its own"
    else:
        reason = "the model cannot decide this"
    return Finding(
        requirement=requirement.id,
        clause=requirement.clause,
        status=Status.NEEDS_EVIDENCE,
        rule="needs_evidence",
        reason=f"{reason}: record evidence for clause {requirement.clause}",
        fix=f"Record evidence (evidence.clauses: ['{requirement.clause}'] or ['{requirement.id}']): {what}.",
    )


# -- comparing two assessments --------------------------------------------------------------


@attrs.frozen
class AssessmentDiff:
    """What changed between two assessments of the same organization.

    ``fixed``: findings of the old assessment gone from the new one. ``new``: findings only in
    the new one. ``regressed`` / ``improved``: requirements whose status got worse / better.
    """

    fixed: tuple[Finding, ...]
    new: tuple[Finding, ...]
    regressed: tuple[tuple[str, Status, Status], ...]
    improved: tuple[tuple[str, Status, Status], ...]
    score_change: float

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return bool(self.fixed or self.new or self.regressed or self.improved)


def diff(old: Assessment, new: Assessment) -> AssessmentDiff:
    """What was fixed, what regressed and what is new between two assessments.

    Findings are matched by requirement, rule and the elements at fault, so a finding whose
    wording changed still counts as the same one.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, Process, assess, diff
    >>> ceo = Role(id="ceo", title="CEO", top_management=True)
    >>> before = Organization(name="Acme", roles=(ceo,), processes=(Process(id="sales", name="Sales"),))
    >>> after = before.with_elements(Process(id="sales", name="Sales", owner="ceo"))
    >>> day = dt.date(2026, 11, 24)
    >>> change = diff(assess(before, as_of=day), assess(after, as_of=day))
    >>> [(f.rule, f.subjects) for f in change.fixed if f.subjects == ("sales",)][:1]
    [('process_without_owner', ('sales',))]
    """
    old_keys = {f.key: f for f in old.findings}
    new_keys = {f.key: f for f in new.findings}
    fixed = tuple(f for k, f in old_keys.items() if k not in new_keys)
    added = tuple(f for k, f in new_keys.items() if k not in old_keys)
    old_results = {r.requirement.id: r for r in old.results}
    regressed = []
    improved = []
    for r in new.results:
        before = old_results.get(r.requirement.id)
        if before is None:
            continue
        if r.severity > before.severity:
            regressed.append((r.requirement.id, before.status, r.status))
        elif r.severity < before.severity:
            improved.append((r.requirement.id, before.status, r.status))
    return AssessmentDiff(
        fixed=fixed,
        new=added,
        regressed=tuple(regressed),
        improved=tuple(improved),
        score_change=round(new.score - old.score, 1),
    )
