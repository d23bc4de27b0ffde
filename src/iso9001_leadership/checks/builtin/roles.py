"""Checks of roles, responsibilities and authorities (5.3), and of impartial internal audit (9.2.2 c)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from iso9001_leadership._names import join_ids, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.clauses import serves
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import Organization, Role
from iso9001_leadership.queries import Gap

from ._helpers import G, from_gaps, report

__all__ = ["register"]


#: The 5.3 duties, by requirement id and clause item.
_DUTIES: tuple[tuple[str, str], ...] = (
    ("roles.qms-conformity", "5.3 a"),
    ("roles.process-outputs", "5.3 b"),
    ("roles.performance-reporting", "5.3 c"),
    ("roles.customer-focus", "5.3 d"),
    ("roles.change-integrity", "5.3 e"),
)


def _reporting_route(ctx: CheckContext) -> Iterator[Finding]:
    """The role that reports QMS performance (5.3 c) needs a route to top management."""
    org = ctx.organization
    holders = [
        role for r in org.responsibilities if serves(r.clauses, "5.3", "c") for role in (r.accountable or r.responsible)
    ]
    broken = {s for g in ctx.gaps(G.REPORTING_LINE_BROKEN, G.REPORTING_CYCLE) for s in g.subjects}
    attending = {role for review in org.reviews for role in (*review.attendees, review.chair) if role}
    cut_off = [
        role
        for role in dict.fromkeys(holders)
        if role in broken and role not in attending and not org.get(role, Role).top_management
    ]
    if cut_off:
        yield ctx.nonconformity(
            "performance_reporter_without_route",
            f"{join_ids(cut_off)} {'answers' if len(cut_off) == 1 else 'answer'} for reporting QMS performance "
            "but neither reports to top management nor attends a management review",
            fix="Give the role a reporting line to top management, or have it attend the management review",
            subjects=cut_off,
        )


def _duties(org: Organization) -> dict[str, tuple[list[str], list[str]]]:
    """What each role answers for that nobody else does when it is vacant, and the 5.3 items among it.

    Role id to (descriptions, 5.3 items): responsibilities it is accountable (A) or responsible
    (R) for, processes it owns, top management's own duties, and authorities it holds that a
    responsibility needs.
    """
    raci: dict[str, list[str]] = {}
    items: dict[str, set[str]] = {}
    needed = {a for r in org.responsibilities for a in r.authorities_needed}
    for responsibility in org.responsibilities:
        for role_id in dict.fromkeys((*responsibility.accountable, *responsibility.responsible)):
            raci.setdefault(role_id, []).append(responsibility.id)
            found = items.setdefault(role_id, set())
            if responsibility.clauses:
                found.update(f"5.3 {item}" for item in "abcde" if serves(responsibility.clauses, "5.3", item))
    owned: dict[str, int] = {}
    for process in org.processes:
        if process.owner is not None:
            owned[process.owner] = owned.get(process.owner, 0) + 1
    duties: dict[str, tuple[list[str], list[str]]] = {}
    for role in org.roles:
        said: list[str] = []
        if role.top_management:
            said.append("a top-management role")
        if role.id in raci:
            count = len(raci[role.id])
            said.append(f"accountable or responsible for {count} responsibilit{'y' if count == 1 else 'ies'}")
        if role.id in owned:
            said.append(f"owner of {owned[role.id]} process{'' if owned[role.id] == 1 else 'es'}")
        authorities = [a for a in role.authorities if a in needed]
        if authorities:
            said.append(f"holder of the authorit{'y' if len(authorities) == 1 else 'ies'} {join_ids(authorities)}")
        if said:
            duties[role.id] = (said, sorted(items.get(role.id, ())))
    return duties


def _ends(org: Organization, as_of: dt.date) -> dict[str, dt.date]:
    """For each role, the last day on or before ``as_of`` someone gave it up or left holding it."""
    ends: dict[str, dt.date] = {}

    def note(role: str, day: dt.date | None) -> None:
        if day is not None and day <= as_of and (role not in ends or ends[role] < day):
            ends[role] = day

    for person in org.people:
        dated = {h.role for h in person.holdings}
        for holding in person.holdings:
            note(holding.role, holding.until if holding.until is not None else person.left)
        for role in person.roles:
            if role not in dated:
                note(role, person.left)
    return ends


def _vacant_since(role: Role, ends: dict[str, dt.date], as_of: dt.date) -> dt.date | None:
    """When ``role`` became vacant: as the file says, else when its last holder gave it up or left."""
    if role.vacant_since is not None:
        return role.vacant_since if role.vacant_since <= as_of else None
    return ends.get(role.id)


def _vacancies(ctx: CheckContext) -> Iterator[Finding]:
    """5.3: a role with duties that nobody holds on the assessment date leaves them with nobody."""
    org = ctx.organization
    if not org.people:
        return  # who holds which role is not recorded at all: nothing to judge a vacancy by
    timing = ctx.timing
    ever_held = {role for person in org.people for role in person.all_roles}
    structural = {s for g in ctx.gaps(G.UNSTAFFED_ROLE) for s in g.subjects}
    uncovered: list[tuple[str, str]] = []
    covered: list[tuple[str, str]] = []
    major = False
    ends = _ends(org, ctx.as_of)
    for role, (said, items) in ctx.memo(_duties, lambda: _duties(org)).items():
        if ctx.holders(role):
            continue
        since = _vacant_since(org.get(role, Role), ends, ctx.as_of)
        if since is None and role in structural and role not in ever_held:
            continue  # never staffed and owning a process: the staffing gap reports it
        days = None if since is None else (ctx.as_of - since).days
        if days is not None and days <= timing.vacancy_days:
            continue  # a handover, not yet a gap
        duties = ", ".join(said) + (f" ({', '.join(items)})" if items else "")
        when = (
            "has nobody in it"
            if since is None
            else f"has been vacant since {since.isoformat()} ({duration(days or 0)})"
        )
        deputies = ctx.deputies(role)
        if deputies:
            stand_in = join_ids(sorted(deputies))
            covered.append((role, f"Role {quote(role)} {when}; {stand_in} deputises for its duties: {duties}"))
        else:
            uncovered.append(
                (role, f"Role {quote(role)} {when} and nobody deputises, so nobody carries its duties: {duties}")
            )
            major = major or (bool(items) and (days is None or days > timing.vacancy_major_days))
    yield from report(
        ctx,
        "role_vacant",
        uncovered,
        population=len(org.roles),
        nouns="roles",
        fix="Appoint someone to the role, or assign its duties and authorities to another role meanwhile",
        major=major,
    )
    yield from report(
        ctx,
        "role_vacant_covered",
        covered,
        population=len(org.roles),
        nouns="roles",
        fix="Fill the role; an interim cover is no permanent assignment of its duties",
        status=Status.OBSERVATION,
    )


def _audits_now(ctx: CheckContext, gap: Gap) -> bool:
    """A person auditing their own work through two roles must hold both on the assessment date."""
    if len(gap.subjects) != 4:
        return True  # a role auditing what it answers for: no date involved
    person, _, auditing, owning = gap.subjects
    return person in ctx.holders(auditing) and person in ctx.holders(owning)


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 5.3."""
    responsibility_count: Callable[[Organization], int] = lambda o: len(o.responsibilities)  # noqa: E731
    process_count: Callable[[Organization], int] = lambda o: len(o.processes)  # noqa: E731
    raci = from_gaps(
        G.RESPONSIBILITY_WITHOUT_ACCOUNTABLE,
        G.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE,
        G.RESPONSIBILITY_WITHOUT_RESPONSIBLE,
        population=responsibility_count,
    )
    registry.register("roles.assigned", raci, name="builtin.raci")
    registry.register("roles.assigned", from_gaps(G.MISSING_AUTHORITY), name="builtin.authority")
    registry.register(
        "roles.assigned", from_gaps(G.UNHELD_AUTHORITY, status=Status.OBSERVATION), name="builtin.unheld_authority"
    )
    registry.register("roles.assigned", from_gaps(G.UNSTAFFED_ROLE), name="builtin.staffing")
    registry.register("roles.assigned", _vacancies, name="builtin.vacancies")
    registry.register("roles.assigned", from_gaps(G.SPAN_OF_CONTROL, status=Status.OPPORTUNITY), name="builtin.span")
    registry.register(
        "roles.assigned", from_gaps(G.REPORTING_LINE_BROKEN, G.REPORTING_CYCLE), name="builtin.reporting_lines"
    )
    registry.register("audit.impartiality", from_gaps(G.SELF_AUDIT, keep=_audits_now), name="builtin.segregation")
    registry.register(
        "roles.process-outputs",
        from_gaps(G.PROCESS_WITHOUT_OWNER, G.PROCESS_WITH_SEVERAL_OWNERS, population=process_count),
        name="builtin.owners",
    )
    for requirement, clause in _DUTIES:
        registry.register(requirement, from_gaps(G.DUTY_UNASSIGNED, clause=clause, major=True), name="builtin.duty")
    registry.register("roles.performance-reporting", _reporting_route, name="builtin.reporting_route")
