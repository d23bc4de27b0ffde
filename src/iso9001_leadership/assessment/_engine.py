"""Running the checks: :func:`assess` and the rules that turn findings into a status per requirement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from iso9001_leadership._gc import paused_gc
from iso9001_leadership._names import did_you_mean
from iso9001_leadership.catalog import Catalog, Decidability, Requirement
from iso9001_leadership.checks import CheckContext, CheckRegistry, Timing, default_registry
from iso9001_leadership.clauses import CLAUSE_PATTERN, clause_number, clause_within
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding, Status, severity
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization

from ._result import Assessment, RequirementResult
from ._rules import excludable, in_scope, merge_findings

__all__ = ["assess"]


def assess(
    org: Organization,
    *,
    edition: str = "2015",
    as_of: dt.date,
    catalog: Catalog | None = None,
    registry: CheckRegistry | None = None,
    graph: OrgGraph | None = None,
    timing: Timing | None = None,
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
    graph
        The organization's accountability graph, if the caller has built it already
        (``OrgGraph.from_organization(org)``); built here otherwise.
    timing
        The thresholds of the checks that read dates: grace periods, how long past a due date
        is overdue, how long a vacancy or a planned resource may last (see
        :class:`~iso9001_leadership.Timing` and the "Time" section of ``docs/assessment.md``).
        The defaults when not given.
    progress
        Called as ``progress(number, total)`` as each requirement is checked, for progress displays.

    Returns
    -------
    Assessment

    Raises
    ------
    AssessmentError
        If an exclusion names a requirement the catalog does not have, or one that clause 4.3
        does not allow to be excluded (anything of clauses 4 to 7.1.4, 7.2 to 7.5, 9 and 10).

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> result = assess(org, as_of=dt.date(2026, 11, 24))
    >>> result.result("5.2.1 a").status.value, result.result("5.2.1 a").grade.value
    ('nonconformity', 'major')
    >>> result.result("5.2.1 c").status.value, result.result("5.2.1 c").note
    ('not_assessed', 'Nothing to examine: no quality policy recorded')
    """
    catalog = catalog if catalog is not None else Catalog.builtin(edition, plugins=True)
    if catalog.edition != edition:
        msg = f"the catalog is of edition {catalog.edition!r}, not {edition!r}"
        raise AssessmentError(msg)
    registry = registry if registry is not None else default_registry()
    excluded, outside = _exclusions(org, catalog)
    with paused_gc():  # bulk work that leaves no cycles behind (see _gc)
        context = CheckContext.build(org, as_of=as_of, edition=edition, catalog=catalog, graph=graph, timing=timing)
        results = _results(catalog, registry, context, excluded, progress)
    subjects = sorted({s for r in results for f in r.findings for s in f.subjects if s in org})
    named = {s for r in results for f in r.findings for s in (*f.subjects, *f.evidence)}
    named.update(e for r in results for e in r.evidence)
    labels = {s: context.graph.label_of(s) for s in sorted(named) if s in org}
    return Assessment(
        organization=org.name,
        edition=edition,
        edition_title=catalog.title,
        as_of=as_of,
        results=tuple(results),
        element_paths={s: org.path_of(s) for s in subjects},
        element_positions={s: org.locations[s] for s in subjects if s in org.locations},
        element_names={s: label for s, label in labels.items() if label != s},
        exclusions_outside_catalog=outside,
        warnings=context.warnings,
    )


def _results(
    catalog: Catalog,
    registry: CheckRegistry,
    context: CheckContext,
    excluded: dict[str, str],
    progress: Callable[[int, int], None] | None,
) -> list[RequirementResult]:
    """The result of each requirement of the catalog, in catalog order."""
    org = context.organization
    results = []
    total = len(catalog)
    for done, requirement in enumerate(catalog, start=1):
        if progress is not None:
            progress(done, total)
        if requirement.id in excluded:
            note = f"excluded by the organization: {excluded[requirement.id]}"
            results.append(RequirementResult(requirement, Status.NOT_APPLICABLE, note=note))
        elif not in_scope(requirement, org.covers):
            note = f"outside what the file describes (covers: {', '.join(org.covers)})"
            results.append(RequirementResult(requirement, Status.NOT_ASSESSED, note=note))
        else:
            results.append(_judge(requirement, registry.run(requirement, context), context))
    return results


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
    numbers = {clause_number(req.clause) for req in catalog}
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
        elif CLAUSE_PATTERN.match(name) and clause_number(name) not in numbers:
            outside.append(name)
        else:
            unknown.append(name)
    refused = [
        exclusion.requirement
        for exclusion in org.exclusions
        if exclusion.requirement not in unknown and not excludable(exclusion.requirement, catalog)
    ]
    problems = []
    if unknown:
        names = list(catalog.ids) + list(catalog.clauses())
        hints = [f"{u!r}" + did_you_mean(u, names, parenthesized=True) for u in unknown]
        problems.append(f"exclusions name requirements the {catalog.edition} catalog does not have: {', '.join(hints)}")
    if refused:
        problems.append(
            "clause 4.3 allows excluding only requirements that cannot be applied (parts of 7.1.5 and of clause 8), "
            "never leadership, planning, support or review requirements; refused: "
            + ", ".join(repr(r) for r in refused)
        )
    if problems:
        raise AssessmentError("; ".join(problems), (unknown or refused)[0])
    return excluded, tuple(outside)


def _judge(requirement: Requirement, findings: Iterable[Finding], context: CheckContext) -> RequirementResult:
    merged = merge_findings(findings)
    found = [f for f in merged if f.status is not Status.NOT_ASSESSED]
    if not found and len(merged) > len(found):
        skipped = next(f for f in merged if f.status is Status.NOT_ASSESSED)
        return RequirementResult(requirement, Status.NOT_ASSESSED, note=skipped.reason)
    verdict = context.evidence_verdict(requirement)
    evidence = verdict.settled_by
    if evidence:
        found = [f for f in found if f.status is not Status.NEEDS_EVIDENCE]
    decided_by_model = requirement.decidable is Decidability.MODEL or requirement.informative
    if not evidence and not decided_by_model and all(f.severity < severity(Status.NEEDS_EVIDENCE) for f in found):
        found.append(_needs_evidence(requirement, bool(found)))
    ordered = tuple(sorted(found, key=lambda f: (-f.severity, f.rule, f.subjects, f.reason)))
    note = "; ".join(verdict.notes)
    if ordered:
        worst = ordered[0]
        grade = worst.grade if worst.status is Status.NONCONFORMITY else None
        return RequirementResult(requirement, worst.status, grade, ordered, evidence, note)
    if not decided_by_model:
        note = "; ".join(["on the documented information recorded", *verdict.notes])
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
