"""Checks of roles, responsibilities and authorities (5.3), and of impartial internal audit (9.2.2 c)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from iso9001_leadership._names import join_ids
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.clauses import serves
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import Organization, Role

from ._helpers import G, from_gaps

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
    registry.register("roles.assigned", from_gaps(G.SPAN_OF_CONTROL, status=Status.OPPORTUNITY), name="builtin.span")
    registry.register(
        "roles.assigned", from_gaps(G.REPORTING_LINE_BROKEN, G.REPORTING_CYCLE), name="builtin.reporting_lines"
    )
    registry.register("audit.impartiality", from_gaps(G.SELF_AUDIT), name="builtin.segregation")
    registry.register(
        "roles.process-outputs",
        from_gaps(G.PROCESS_WITHOUT_OWNER, G.PROCESS_WITH_SEVERAL_OWNERS, population=process_count),
        name="builtin.owners",
    )
    for requirement, clause in _DUTIES:
        registry.register(requirement, from_gaps(G.DUTY_UNASSIGNED, clause=clause, major=True), name="builtin.duty")
    registry.register("roles.performance-reporting", _reporting_route, name="builtin.reporting_route")
