"""Segregation of duties: nobody audits what they answer for (9.2.2 c)."""

from __future__ import annotations

from iso9001_leadership._names import quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._accountability import accountable_roles, held_roles, role_holders, sole_role_holder
from ._gap import Gap, GapKind, sort_gaps

__all__ = ["segregation_of_duties_gaps"]


def _fix(process: str, alone: bool, person: str | None = None) -> str:
    if alone:
        return (
            f"Have {quote(process)} audited by someone independent of it: with one person in the organization, "
            "an external or second-party auditor"
        )
    if person is not None:
        return f"Have {quote(process)} audited by someone independent of it, not by {quote(person)}"
    return f"Have {quote(process)} audited by a role independent of it"


def segregation_of_duties_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Roles, or people through their roles, that audit a process they are accountable for (9.2.2 c).

    Auditors must be objective and impartial: nobody audits their own work. A process's
    accountable roles are its owner and the accountable role of a 5.3 b responsibility of the
    process alone (see :func:`accountable_roles`). Two faults are reported:

    - a role that audits a process it is accountable for; subjects ``(role, process)``;
    - a person who holds a role that audits a process and another role accountable for it;
      subjects ``(person, process, auditing role, accountable role)``.

    Each pair of auditing role and process is reported once: as the role's own fault when the
    role is accountable itself, else with the first of the process's accountable roles that a
    holder of the auditing role also holds, and the first such person in file order. When one
    person holds every role that has a holder (and nobody else deputises for one), nobody
    inside is independent: the fix names an external or second-party auditor.

    The query looks once at each audited process's accountable roles and, for each auditing
    role, once at the roles its holders hold.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: qm, title: Quality Manager, audits: [make, buy]}
    ... - {id: buyer, title: Buyer}
    ... people:
    ... - {id: ana, name: Ana Ruiz, roles: [qm, buyer]}
    ... processes:
    ... - {id: make, name: Production, owner: qm}
    ... - {id: buy, name: Purchasing, owner: buyer}
    ... '''))
    >>> for gap in segregation_of_duties_gaps(graph):
    ...     print(gap.subjects)
    ...     print(gap)
    ...     print("fix:", gap.fix)
    ('qm', 'make')
    self_audit (9.2.2 c): Role 'qm' audits 'make', a process it is accountable for
    fix: Have 'make' audited by someone independent of it: with one person in the organization, an external or second-party auditor
    ('ana', 'buy', 'qm', 'buyer')
    self_audit (9.2.2 c): Person 'ana' audits 'buy' through role 'qm' while accountable for it through role 'buyer'
    fix: Have 'buy' audited by someone independent of it: with one person in the organization, an external or second-party auditor
    """
    kinds = graph.kinds
    alone = sole_role_holder(graph) is not None
    memo: dict[str, tuple[str, ...]] = {}
    gaps: list[Gap] = []

    def audited(role: str) -> tuple[str, ...]:
        return tuple(p for p in graph.successors(role, Relation.AUDITS) if kinds[p] is NodeKind.PROCESS)

    def accountable(process: str) -> tuple[str, ...]:
        if process not in memo:
            memo[process] = accountable_roles(graph, process)
        return memo[process]

    for role in graph.ids(NodeKind.ROLE):
        processes = audited(role)
        if not processes:
            continue
        # The other roles the auditing role's holders hold, each with its first such holder.
        co_held: dict[str, str] = {}
        for person in role_holders(graph, role):
            for held in held_roles(graph, person):
                if held != role:
                    co_held.setdefault(held, person)
        for process in processes:
            answerable = accountable(process)
            if role in answerable:
                gaps.append(
                    Gap(
                        GapKind.SELF_AUDIT,
                        (role, process),
                        ("9.2.2 c",),
                        f"Role {quote(role)} audits {quote(process)}, a process it is accountable for",
                        _fix(process, alone),
                    )
                )
                continue
            other = next((r for r in answerable if r in co_held), None)
            if other is not None:
                person = co_held[other]
                gaps.append(
                    Gap(
                        GapKind.SELF_AUDIT,
                        (person, process, role, other),
                        ("9.2.2 c",),
                        f"Person {quote(person)} audits {quote(process)} through role {quote(role)} "
                        f"while accountable for it through role {quote(other)}",
                        _fix(process, alone, person),
                    )
                )
    return sort_gaps(graph, gaps)
