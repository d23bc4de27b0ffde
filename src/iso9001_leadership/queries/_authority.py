"""Authority: can the people who answer for something act on it? (5.3)"""

from __future__ import annotations

from iso9001_leadership._names import quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._gap import Gap, GapKind, join_ids, sort_gaps

__all__ = ["missing_authorities", "unheld_authorities"]


def missing_authorities(graph: OrgGraph) -> tuple[Gap, ...]:
    """Roles accountable or responsible for a responsibility whose needed authority they lack (5.3).

    Every role that is accountable (A) or responsible (R) for a responsibility must hold each
    authority the responsibility needs. One gap per role and responsibility; its subjects are
    the role, the responsibility and the missing authorities.

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
    ('ceo', 'release', 'stop-line')
    Role 'ceo' is accountable for 'release' but does not hold the authority it needs: 'stop-line'
    ('qm', 'release', 'sign', 'stop-line')
    Role 'qm' is responsible for 'release' but does not hold the authority it needs: 'sign' and 'stop-line'
    """
    held: dict[str, frozenset[str]] = {}
    gaps: list[Gap] = []
    for responsibility in graph.ids(NodeKind.RESPONSIBILITY):
        needed = graph.successors(responsibility, Relation.NEEDS_AUTHORITY)
        if not needed:
            continue
        accountable = graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR)
        responsible = graph.predecessors(responsibility, Relation.RESPONSIBLE_FOR)
        for role in dict.fromkeys((*accountable, *responsible)):
            if role not in held:
                held[role] = frozenset(graph.successors(role, Relation.HOLDS))
            missing = tuple(a for a in needed if a not in held[role])
            if not missing:
                continue
            duty = "accountable" if role in accountable else "responsible"
            gaps.append(
                Gap(
                    GapKind.MISSING_AUTHORITY,
                    (role, responsibility, *missing),
                    ("5.3",),
                    f"Role {quote(role)} is {duty} for {quote(responsibility)} "
                    f"but does not hold the authority it needs: {join_ids(missing)}",
                    f"Give {join_ids(missing)} to {quote(role)}, or assign {quote(responsibility)} "
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
