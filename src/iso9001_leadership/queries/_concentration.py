"""Concentration: roles nobody can fill and people nobody can stand in for (5.3)."""

from __future__ import annotations

from iso9001_leadership._names import join_ids, plural, quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._gap import Gap, GapKind, sort_gaps

__all__ = ["single_points_of_failure"]


def single_points_of_failure(graph: OrgGraph) -> tuple[Gap, ...]:
    """Process-owning roles that nobody can fill, or only one person can (5.3).

    For each role that owns a process, the people who can act for it are those who hold it
    and those named as its deputy. With nobody, the role is *unstaffed*: its processes have no
    one to answer for them today. With exactly one person, that person is a *single point of
    failure*: if they are away, the processes have no accountable owner. A single-point gap
    names the person, then the roles only they can act for.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO}
    ... - {id: qm, title: Quality Manager}
    ... - {id: ops, title: Operations Manager}
    ... people:
    ... - {id: ana, name: Ana Ruiz, roles: [ceo, qm]}
    ... - {id: ben, name: Ben Ode, roles: [ops], deputy_of: [ceo]}
    ... - {id: cy, name: Cy Tan, deputy_of: [ops]}
    ... processes:
    ... - {id: sales, name: Sales, owner: ceo}
    ... - {id: audit, name: Internal audit, owner: qm}
    ... - {id: make, name: Production, owner: ops}
    ... - {id: buy, name: Purchasing, owner: ops}
    ... '''))
    >>> for gap in single_points_of_failure(graph):
    ...     print(gap.subjects)
    ...     print(gap.reason)
    ('ana', 'qm')
    'ana' is the only person who can act for 'qm', owner of 1 process; nobody deputises
    """
    kinds = graph.kinds
    gaps: list[Gap] = []
    sole: dict[str, list[str]] = {}
    owned_count: dict[str, int] = {}
    for role in graph.ids(NodeKind.ROLE):
        owned = sum(1 for p in graph.successors(role, Relation.OWNS) if kinds[p] is NodeKind.PROCESS)
        if not owned:
            continue
        able = dict.fromkeys((*graph.predecessors(role, Relation.HOLDS), *graph.predecessors(role, Relation.DEPUTY_OF)))
        if not able:
            gaps.append(
                Gap(
                    GapKind.UNSTAFFED_ROLE,
                    (role,),
                    ("5.3",),
                    f"Nobody holds role {quote(role)} or deputises for it, yet it owns {plural(owned, 'process', 'processes')}",
                    f"Appoint someone to {quote(role)} and name a deputy",
                )
            )
        elif len(able) == 1:
            (person,) = able
            sole.setdefault(person, []).append(role)
            owned_count[person] = owned_count.get(person, 0) + owned
    for person, roles in sole.items():
        owners = "owner" if len(roles) == 1 else "owners"
        gaps.append(
            Gap(
                GapKind.SINGLE_POINT_OF_FAILURE,
                (person, *roles),
                ("5.3",),
                f"{quote(person)} is the only person who can act for {join_ids(roles)}, "
                f"{owners} of {plural(owned_count[person], 'process', 'processes')}; nobody deputises",
                f"Name a deputy for {join_ids(roles)}",
            )
        )
    return sort_gaps(graph, gaps)
