"""What the built-in checks share: check builders over gap queries and populations, grading, common findings.

Grading (see ``docs/assessment.md``): ``major`` when the requirement is not addressed at all
(no policy, no management review, no top-management accountability, a 5.3 duty given to
nobody), or when a check's findings cover at least half of the elements it examined (a
systemic breakdown); ``minor`` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import EntityKind, Opportunity, Organization, ResourceStatus, Risk
from iso9001_leadership.queries import GapKind

__all__ = ["Body", "G", "each", "from_gaps", "lacking_resources", "no_policy", "risks_recorded", "systemic"]

G = GapKind


Body = Callable[[CheckContext], Iterable[Finding]]


def systemic(count: int, population: int) -> bool:
    """Findings covering at least half of what was examined (and at least two) are systemic."""
    return population > 0 and count >= 2 and 2 * count >= population


def _kind_filter(ctx: CheckContext, kinds: frozenset[EntityKind] | None, subjects: Sequence[str]) -> bool:
    if kinds is None:
        return True
    org = ctx.organization
    return any(s in org and org.kind_of(s) in kinds for s in subjects)


def from_gaps(
    *gap_kinds: GapKind,
    status: Status = Status.NONCONFORMITY,
    major: bool = False,
    subjects: frozenset[EntityKind] | None = None,
    population: Callable[[Organization], int] | None = None,
    clause: str | None = None,
) -> Body:
    """A check that turns the gaps of some kinds into findings."""

    def run(ctx: CheckContext) -> Iterator[Finding]:
        gaps = [
            g
            for g in ctx.gaps(*gap_kinds)
            if _kind_filter(ctx, subjects, g.subjects) and (clause is None or clause in g.clauses)
        ]
        examined = population(ctx.organization) if population is not None else _population_of(ctx.organization, gaps)
        faulty = len({g.subjects[0] if g.subjects else "" for g in gaps})
        grade_major = major or systemic(faulty, examined)
        for gap in gaps:
            yield ctx.from_gap(gap, major=grade_major, status=status)

    return run


def _population_of(org: Organization, gaps: Sequence[Any]) -> int:
    """How many elements of the kind of the gaps' main subject the organization has."""
    for gap in gaps:
        if gap.subjects and gap.subjects[0] in org:
            return len(org.ids(org.kind_of(gap.subjects[0])))
    return 0


def each(
    rule: str,
    items: Callable[[Organization], Sequence[Any]],
    fault: Callable[[Any, CheckContext], str | None],
    fix: str,
    *,
    status: Status = Status.NONCONFORMITY,
    none_is_major: str | None = None,
    none_rule: str = "",
) -> Body:
    """A check that examines each item and reports those at fault; ``fault`` returns the reason.

    With ``none_is_major``, an organization with no items at all gets one major finding with
    that reason (the requirement is not addressed).
    """

    def run(ctx: CheckContext) -> Iterator[Finding]:
        population = items(ctx.organization)
        if not population:
            if none_is_major:
                yield ctx.nonconformity(none_rule or f"no_{rule}", none_is_major, fix=fix, major=True)
            return
        faults = [(item, reason) for item in population if (reason := fault(item, ctx)) is not None]
        widespread = systemic(len(faults), len(population))
        for item, reason in faults:
            subject = (item.id,)
            if status is Status.NONCONFORMITY:
                yield ctx.nonconformity(rule, reason, fix=fix, subjects=subject, major=widespread)
            elif status is Status.OBSERVATION:
                yield ctx.observation(rule, reason, fix=fix, subjects=subject)
            else:
                yield ctx.opportunity(rule, reason, fix=fix, subjects=subject)

    return run


def no_policy(ctx: CheckContext) -> Finding:
    return ctx.nonconformity(
        "no_policy",
        "The organization has no quality policy",
        fix="Have top management set a quality policy",
        major=True,
    )


def lacking_resources(ctx: CheckContext) -> Iterator[Finding]:
    for resource in ctx.organization.resources:
        if resource.status is ResourceStatus.LACKING:
            yield ctx.nonconformity(
                "resource_lacking",
                f"Resource {quote(resource.id)} is needed but not provided",
                fix="Provide it, or plan it with an owner and a date",
                subjects=(resource.id,),
            )


def risks_recorded(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    if not org.risks and not org.opportunities:
        yield ctx.nonconformity(
            "no_risks",
            "No risks or opportunities are recorded",
            fix="Determine the risks and opportunities from the context and interested parties",
            major=True,
        )
        return
    elements: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
    for element in elements:
        if not element.sources:
            yield ctx.observation(
                "risk_without_source",
                f"{quote(element.id)} does not trace to a context issue or interested-party requirement",
                fix="Record where it comes from (sources)",
                subjects=(element.id,),
            )
