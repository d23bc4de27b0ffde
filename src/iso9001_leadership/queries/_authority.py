"""Authority: can the people who answer for something act on it? (5.3)"""

from __future__ import annotations

from iso9001_leadership._names import join_ids, quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._gap import Gap, GapKind, sort_gaps

__all__ = ["missing_authorities", "unheld_authorities"]


def missing_authorities(graph: OrgGraph) -> tuple[Gap, ...]:
    """Responsibilities whose needed authority nobody doing or answering for them holds (5.3).

    A responsibility can be carried out when each authority it needs is held by one of the roles
    accountable (A) or responsible (R) for it, or by the people who hold those roles through
    another role. The doer rather than the accountable manager may hold an operational authority:
    that is not a gap. One gap per responsibility; its subjects are the first accountable (else
    responsible) role, the responsibility, the authorities nobody holds, then the other roles.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, authorities: [sign]}
    ... - {id: qm, title: Quality Manager}
    ... authorities: [{id: sign, title: Sign contracts}, {id: stop-line, title: Stop production}]
    ... responsibilities:
    ... - {id: release, title: Release product, accountable: [ceo], responsible: [qm],
    ...    authorities_needed: [sign, stop-line]}
    ... '''))
    >>> for gap in missing_authorities(graph):
    ...     print(gap.subjects)
    ...     print(gap.reason)
    ('ceo', 'release', 'stop-line', 'qm')
    Nobody accountable or responsible for 'release' holds the authority it needs: 'stop-line'
    """
    held: dict[str, frozenset[str]] = {}

    def reach(role: str) -> frozenset[str]:
        """The authorities a role's holders can use: the role's own and those of their other roles."""
        if role not in held:
            roles = {role}
            for person in graph.predecessors(role, Relation.HOLDS):
                if graph.kinds[person] is NodeKind.PERSON:
                    roles.update(graph.successors(person, Relation.HOLDS))
            held[role] = frozenset(a for r in roles for a in graph.successors(r, Relation.HOLDS))
        return held[role]

    gaps: list[Gap] = []
    for responsibility in graph.ids(NodeKind.RESPONSIBILITY):
        needed = graph.successors(responsibility, Relation.NEEDS_AUTHORITY)
        doers = tuple(
            dict.fromkeys(
                (
                    *graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR),
                    *graph.predecessors(responsibility, Relation.RESPONSIBLE_FOR),
                )
            )
        )
        if not needed or not doers:
            continue
        usable = frozenset().union(*(reach(role) for role in doers))
        missing = tuple(a for a in needed if a not in usable)
        if not missing:
            continue
        gaps.append(
            Gap(
                GapKind.MISSING_AUTHORITY,
                (doers[0], responsibility, *missing, *doers[1:]),
                ("5.3",),
                f"Nobody accountable or responsible for {quote(responsibility)} holds the authority it needs: "
                f"{join_ids(missing)}",
                f"Give {join_ids(missing)} to {quote(doers[0])}, or assign {quote(responsibility)} "
                "to a role that holds it",
            )
        )
    return sort_gaps(graph, gaps)


def unheld_authorities(graph: OrgGraph) -> tuple[Gap, ...]:
    """Authorities that no role holds (5.3).

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, authorities: [sign]}
    ... - {id: qm, title: Quality Manager}
    ... authorities: [{id: sign, title: Sign contracts}, {id: stop-line, title: Stop production}]
    ... responsibilities:
    ... - {id: release, title: Release product, accountable: [ceo], responsible: [qm],
    ...    authorities_needed: [sign, stop-line]}
    ... '''))
    >>> for gap in unheld_authorities(graph):
    ...     print(gap)
    unheld_authority (5.3): No role holds the authority 'stop-line'
    """
    gaps = [
        Gap(
            GapKind.UNHELD_AUTHORITY,
            (authority,),
            ("5.3",),
            f"No role holds the authority {quote(authority)}",
            f"Give {quote(authority)} to the role that needs it, or retire it",
        )
        for authority in graph.ids(NodeKind.AUTHORITY)
        if not graph.predecessors(authority, Relation.HOLDS)
    ]
    return sort_gaps(graph, gaps)
