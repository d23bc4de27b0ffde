"""Segregation of duties: nobody audits what they answer for (9.2.2 c)."""

from __future__ import annotations

from iso9001_leadership._names import quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._accountability import accountable_roles
from ._gap import Gap, GapKind, sort_gaps

__all__ = ["segregation_of_duties_gaps"]


def segregation_of_duties_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Roles that audit a process they are accountable for (9.2.2 c).

    Auditors must be objective and impartial: a role must not audit a process for which it is
    accountable (its owner, or the accountable role of a 5.3 b responsibility of the process;
    see :func:`accountable_roles`).

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: qm, title: Quality Manager, audits: [make, buy]}
    ... processes:
    ... - {id: make, name: Production}
    ... - {id: buy, name: Purchasing, owner: qm}
    ... '''))
    >>> for gap in segregation_of_duties_gaps(graph):
    ...     print(gap)
    self_audit (9.2.2 c): Role 'qm' audits 'buy', a process it is accountable for
    """
    memo: dict[str, tuple[str, ...]] = {}
    gaps: list[Gap] = []
    nodes = graph.nx.nodes
    for role in graph.ids(NodeKind.ROLE):
        for process in graph.successors(role, Relation.AUDITS):
            if nodes[process]["kind"] is not NodeKind.PROCESS:
                continue
            if process not in memo:
                memo[process] = accountable_roles(graph, process)
            if role in memo[process]:
                gaps.append(
                    Gap(
                        GapKind.SELF_AUDIT,
                        (role, process),
                        ("9.2.2 c",),
                        f"Role {quote(role)} audits {quote(process)}, a process it is accountable for",
                        f"Have {quote(process)} audited by a role independent of it",
                    )
                )
    return sort_gaps(graph, gaps)
