"""Integration: QMS elements tied into the business processes (4.4.1, 5.1.1 c)."""

from __future__ import annotations

from iso9001_leadership._names import quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._gap import Gap, GapKind, sort_gaps

__all__ = ["INTEGRATING_RELATIONS", "isolated_processes", "unintegrated_elements"]

#: For each kind of element that must be tied into a process: the relation that ties it, whether
#: the process is the edge's source (``True``) or its target, and how the gap reads.
INTEGRATING_RELATIONS: tuple[tuple[NodeKind, Relation, bool, str], ...] = (
    (NodeKind.RESPONSIBILITY, Relation.PART_OF, False, "Responsibility {} is not part of any process"),
    (NodeKind.OBJECTIVE, Relation.MEASURES, False, "Objective {} applies to no process"),
    (NodeKind.RISK, Relation.AFFECTS, False, "Risk {} is not linked to any process it affects"),
    (NodeKind.OPPORTUNITY, Relation.AFFECTS, False, "Opportunity {} is not linked to any process"),
    (NodeKind.RESOURCE, Relation.NEEDS_RESOURCE, True, "Resource {} is needed by no process"),
)


def _tied(graph: OrgGraph, element_id: str, relation: Relation, from_process: bool) -> bool:
    kinds = graph.kinds
    others = graph.predecessors(element_id, relation) if from_process else graph.successors(element_id, relation)
    return any(kinds[other] is NodeKind.PROCESS for other in others)


def unintegrated_elements(graph: OrgGraph) -> tuple[Gap, ...]:
    """Responsibilities, objectives, risks, opportunities and resources tied to no process.

    ISO 9001 asks that QMS requirements live inside the business processes (5.1.1 c, 4.4.1):
    a responsibility must be part of a process, an objective must apply to one, a risk or
    opportunity must name the processes it bears on, and a resource must be needed by a
    process (through the process's ``resources``). :data:`INTEGRATING_RELATIONS` lists the
    relation checked for each kind.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... processes:
    ... - {id: sales, name: Sales, interacts_with: [make], resources: [crm]}
    ... - {id: make, name: Production}
    ... - {id: hr, name: Human resources}
    ... objectives:
    ... - {id: otd, statement: Ship on time, processes: [make]}
    ... - {id: nps, statement: Delight customers}
    ... risks: [{id: late-parts, title: Late parts}]
    ... resources: [{id: crm, name: CRM system}, {id: budget, name: Training budget}]
    ... '''))
    >>> for gap in unintegrated_elements(graph):
    ...     print(gap)
    not_in_any_process (5.1.1 c, 4.4.1): Objective 'nps' applies to no process
    not_in_any_process (5.1.1 c, 4.4.1): Risk 'late-parts' is not linked to any process it affects
    not_in_any_process (5.1.1 c, 4.4.1): Resource 'budget' is needed by no process
    """
    gaps = [
        Gap(
            GapKind.NOT_IN_ANY_PROCESS,
            (element,),
            ("5.1.1 c", "4.4.1"),
            text.format(quote(element)),
            f"Link {quote(element)} to the processes it belongs to",
        )
        for kind, relation, from_process, text in INTEGRATING_RELATIONS
        for element in graph.ids(kind)
        if not _tied(graph, element, relation, from_process)
    ]
    return sort_gaps(graph, gaps)


def isolated_processes(graph: OrgGraph) -> tuple[Gap, ...]:
    """Processes that interact with no other process (4.4.1 b).

    An organization with a single process has nothing to interact with and gets no gap.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... processes:
    ... - {id: sales, name: Sales, interacts_with: [make], resources: [crm]}
    ... - {id: make, name: Production}
    ... - {id: hr, name: Human resources}
    ... objectives:
    ... - {id: otd, statement: Ship on time, processes: [make]}
    ... - {id: nps, statement: Delight customers}
    ... risks: [{id: late-parts, title: Late parts}]
    ... resources: [{id: crm, name: CRM system}, {id: budget, name: Training budget}]
    ... '''))
    >>> for gap in isolated_processes(graph):
    ...     print(gap)
    isolated_process (4.4.1 b): Process 'hr' has no interaction with any other process
    """
    processes = graph.ids(NodeKind.PROCESS)
    if len(processes) < 2:
        return ()
    gaps = [
        Gap(
            GapKind.ISOLATED_PROCESS,
            (process,),
            ("4.4.1 b",),
            f"Process {quote(process)} has no interaction with any other process",
            f"Record which processes {quote(process)} takes inputs from or hands outputs to",
        )
        for process in processes
        if not graph.successors(process, Relation.INTERACTS_WITH)
        and not graph.predecessors(process, Relation.INTERACTS_WITH)
    ]
    return sort_gaps(graph, gaps)
