"""What the built-in checks share: check builders over gap queries and populations, grading, common findings.

Grading (see ``docs/assessment.md``, after ISO/IEC 17021-1 practice): ``major`` when the
requirement is not addressed at all (no policy, no management review, no top-management
accountability, a 5.3 duty given to nobody), or when the faults of one rule are a systemic
breakdown (:func:`systemic`: at least 3, at least half of a population of at least 6, across at
least 3 processes where they touch processes); ``minor`` otherwise. Each rule gives one finding
per requirement, with every element at fault as its subjects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import EntityKind, Organization, Period, ResourceStatus
from iso9001_leadership.queries import Gap, GapKind

__all__ = [
    "ONE_PERSON_DEFAULTS",
    "Body",
    "G",
    "each",
    "from_gaps",
    "lacking_resources",
    "processes_touched",
    "report",
    "review_interval",
    "summarise",
    "systemic",
]

G = GapKind


Body = Callable[[CheckContext], Iterable[Finding]]

#: Below this many elements examined, no share of faults is systemic: a lapse in a small
#: population is a lapse, not a breakdown of the system.
SYSTEMIC_POPULATION = 6
#: The fewest instances that make a systemic breakdown.
SYSTEMIC_COUNT = 3
#: The fewest different processes the instances must touch, where they touch processes at all.
SYSTEMIC_SPREAD = 3


#: Gaps of structure that one person running the whole organization cannot have: the duty, the
#: ownership or the authority is that person's by default, so they are not findings.
ONE_PERSON_DEFAULTS: frozenset[GapKind] = frozenset(
    {
        GapKind.DUTY_UNASSIGNED,
        GapKind.RESPONSIBILITY_WITHOUT_ACCOUNTABLE,
        GapKind.RESPONSIBILITY_WITHOUT_RESPONSIBLE,
        GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE,
        GapKind.PROCESS_WITHOUT_OWNER,
        GapKind.MISSING_AUTHORITY,
        GapKind.UNHELD_AUTHORITY,
        GapKind.SINGLE_POINT_OF_FAILURE,
        GapKind.REPORTING_LINE_BROKEN,
    }
)


def systemic(count: int, population: int, spread: int | None = None) -> bool:
    """Whether ``count`` faults among ``population`` elements are a systemic breakdown.

    Systemic means spread: at least 3 instances, at least half of a population of at least 6,
    and, where the elements belong to processes (``spread`` is the number of different
    processes the faults touch), at least 3 processes. Half of a small population is not systemic.

    >>> systemic(2, 3), systemic(3, 6), systemic(3, 6, spread=1), systemic(5, 20)
    (False, True, False, False)
    """
    if population < SYSTEMIC_POPULATION or count < SYSTEMIC_COUNT or 2 * count < population:
        return False
    return spread is None or spread >= SYSTEMIC_SPREAD


def processes_touched(org: Organization, element_ids: Iterable[str]) -> int | None:
    """How many different processes the elements are or belong to; None when none belongs to any."""
    found: set[str] = set()
    linked = False
    for element_id in element_ids:
        if element_id not in org:
            continue
        element = org[element_id]
        if org.kind_of(element_id) is EntityKind.PROCESS:
            found.add(element_id)
            linked = True
        elif processes := tuple(getattr(element, "processes", ())):
            found.update(processes)
            linked = True
    return len(found) if linked else None


def _kind_filter(ctx: CheckContext, kinds: frozenset[EntityKind] | None, subjects: Sequence[str]) -> bool:
    if kinds is None:
        return True
    org = ctx.organization
    return any(s in org and org.kind_of(s) in kinds for s in subjects)


def summarise(reasons: Sequence[str], count: int, population: int, nouns: str) -> str:
    """One reason for several instances: ``2 of 9 objectives: <first reason>; <second reason>``.

    >>> summarise(["Objective 'a' is late", "Objective 'b' is late"], 2, 9, "objectives")
    "2 of 9 objectives: Objective 'a' is late; Objective 'b' is late"
    """
    if count == 1:
        return reasons[0]
    if population < count:
        population = count
    shown = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
    return f"{count} of {population} {nouns}: {shown}"


def report(
    ctx: CheckContext,
    rule: str,
    faults: Sequence[tuple[str, str]],
    *,
    population: int,
    nouns: str,
    fix: str,
    status: Status = Status.NONCONFORMITY,
    major: bool | None = None,
) -> Iterator[Finding]:
    """One finding for the elements one rule finds at fault, given as (id, reason) pairs; none when none are.

    The reasons are summed up (:func:`summarise`); a nonconformity is major when ``major``
    says so, or by default when the faults are :func:`systemic` among ``population``.
    """
    if not faults:
        return
    subjects = [subject for subject, _ in faults]
    reason = summarise([r for _, r in faults], len(faults), population, nouns)
    if status is Status.OBSERVATION:
        yield ctx.observation(rule, reason, fix=fix, subjects=subjects)
    elif status is Status.OPPORTUNITY:
        yield ctx.opportunity(rule, reason, fix=fix, subjects=subjects)
    else:
        if major is None:
            major = systemic(len(faults), population, processes_touched(ctx.organization, subjects))
        yield ctx.nonconformity(rule, reason, fix=fix, subjects=subjects, major=major)


def from_gaps(
    *gap_kinds: GapKind,
    status: Status = Status.NONCONFORMITY,
    major: bool = False,
    subjects: frozenset[EntityKind] | None = None,
    population: Callable[[Organization], int] | None = None,
    clause: str | None = None,
    nothing: tuple[Callable[[Organization], bool], str] | None = None,
    keep: Callable[[CheckContext, Gap], bool] | None = None,
) -> Body:
    """A check that turns the gaps of some kinds into one finding per gap kind, graded for the whole.

    ``nothing``: a test for an organization with nothing to examine (and what is missing, in the
    plural), which makes the requirement *not assessed* rather than conforming by vacuity.
    ``keep``: which gaps still hold on the assessment date (the queries read no dates).
    """

    def run(ctx: CheckContext) -> Iterator[Finding]:
        org = ctx.organization
        if nothing is not None and nothing[0](org):
            yield ctx.nothing_to_examine(nothing[1])
            return
        gaps = [
            g
            for g in ctx.gaps(*gap_kinds)
            if _kind_filter(ctx, subjects, g.subjects)
            and (clause is None or clause in g.clauses)
            and (keep is None or keep(ctx, g))
        ]
        if not gaps:
            return
        examined = population(org) if population is not None else _population_of(org, gaps)
        faulty = {g.subjects[0] if g.subjects else "" for g in gaps}
        grade_major = major or systemic(len(faulty), examined, processes_touched(org, faulty))
        for kind in dict.fromkeys(g.kind for g in gaps):
            same = [g for g in gaps if g.kind is kind]
            reason = summarise([g.reason for g in same], len(same), examined, _nouns(org, same))
            found = tuple(dict.fromkeys(s for g in same for s in g.subjects))
            if ctx.sole_person is not None and kind in ONE_PERSON_DEFAULTS:
                continue  # one person runs the organization: the duty, ownership or authority is theirs
            if status is Status.NONCONFORMITY:
                yield ctx.nonconformity(kind.value, reason, fix=same[0].fix, subjects=found, major=grade_major)
            elif status is Status.OBSERVATION:
                yield ctx.observation(kind.value, reason, fix=same[0].fix, subjects=found)
            else:
                yield ctx.opportunity(kind.value, reason, fix=same[0].fix, subjects=found)

    return run


def _nouns(org: Organization, gaps: Sequence[Any]) -> str:
    """What the gaps' main subjects are, in the plural (``processes``), for a summary."""
    for gap in gaps:
        if gap.subjects and gap.subjects[0] in org:
            return org.kind_of(gap.subjects[0]).nouns
    return "elements"


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
    nouns: str,
    status: Status = Status.NONCONFORMITY,
    none_is_major: str | None = None,
    none_rule: str = "",
) -> Body:
    """A check that examines each item and reports those at fault in one finding; ``fault`` gives the reason.

    With ``none_is_major``, an organization with no items at all gets one major finding with
    that reason (the requirement is not addressed); otherwise no items means nothing to examine:
    the requirement is not assessed. ``nouns`` names the items in the plural.
    """

    def run(ctx: CheckContext) -> Iterator[Finding]:
        org = ctx.organization
        population = items(org)
        if not population:
            if none_is_major:
                yield ctx.nonconformity(none_rule or f"no_{rule}", none_is_major, fix=fix, major=True)
            else:
                yield ctx.nothing_to_examine(nouns)
            return
        faults = [(item.id, reason) for item in population if (reason := fault(item, ctx)) is not None]
        yield from report(ctx, rule, faults, population=len(population), nouns=nouns, fix=fix, status=status)

    return run


def review_interval(ctx: CheckContext) -> tuple[Period, str]:
    """The planned interval of management reviews, and where it comes from (the programme or the default)."""
    programme = ctx.organization.review_programme
    if programme is not None:
        return programme.every, f"the programme plans one every {programme.every}"
    return (
        ctx.timing.review_every,
        f"no programme is recorded, and at least one every {ctx.timing.review_every} is expected",
    )


def lacking_resources(ctx: CheckContext) -> Iterator[Finding]:
    """Resources needed but lacking, and resources planned for longer than ``Timing.resource_pending_days``."""
    resources = ctx.organization.resources
    lacking: list[tuple[str, str]] = []
    late: list[tuple[str, str]] = []
    for resource in resources:
        since = resource.status_since
        ago = f" ({duration((ctx.as_of - since).days)})" if since is not None and since <= ctx.as_of else ""
        if resource.status is ResourceStatus.LACKING:
            when = f", lacking since {since.isoformat()}{ago}" if since is not None else ""
            lacking.append((resource.id, f"Resource {quote(resource.id)} is needed but not provided{when}"))
        elif (
            resource.status is ResourceStatus.PLANNED
            and since is not None
            and (ctx.as_of - since).days > ctx.timing.resource_pending_days
        ):
            late.append(
                (
                    resource.id,
                    f"Resource {quote(resource.id)} has been planned since {since.isoformat()}{ago} and is still not provided",
                )
            )
    for rule, faults, fix in (
        ("resource_lacking", lacking, "Provide it, or plan it with an owner and a date"),
        ("resource_planned_too_long", late, "Provide it, or decide with top management how the need is met meanwhile"),
    ):
        yield from report(ctx, rule, faults, population=len(resources), nouns="resources", fix=fix)
