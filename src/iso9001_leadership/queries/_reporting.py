"""Reporting lines: does every role's line reach top management? (5.1, 5.3)"""

from __future__ import annotations

from iso9001_leadership._names import join_ids, plural, quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._accountability import held_roles, role_holders, top_management
from ._gap import Gap, GapKind, sort_gaps

__all__ = [
    "DEFAULT_MAX_DIRECT_REPORTS",
    "check_max_direct_reports",
    "reporting_cycles",
    "reporting_gaps",
    "span_of_control_outliers",
]

#: The span of control above which :func:`span_of_control_outliers` reports a role. Management
#: guidance usually puts a workable span between about 5 and 15 direct reports, depending on
#: how alike and how routine the work is; 10 sits in the middle. Direct reports are counted as
#: roles, not people: a role held by several people counts once.
DEFAULT_MAX_DIRECT_REPORTS = 10


def _reaching(graph: OrgGraph, tops: tuple[str, ...]) -> set[str]:
    """The roles whose reporting line reaches top management, judged between people.

    One search from top management, down the reporting lines and across the people who hold
    the roles: each person's held roles are looked at most twice, each reporting line once.
    """
    reached = set(tops)
    queue = list(tops)

    def reach(role: str) -> None:
        if role not in reached:
            reached.add(role)
            queue.append(role)

    # Whatever a member of top management does reaches top management.
    top_people: set[str] = set()
    for top in tops:
        for person in role_holders(graph, top):
            if person not in top_people:
                top_people.add(person)
                for role in held_roles(graph, person):
                    reach(role)
    seen_people: set[str] = set()
    while queue:
        boss = queue.pop()
        for role in graph.predecessors(boss, Relation.REPORTS_TO):
            reach(role)
        for person in role_holders(graph, boss):
            if person in seen_people:
                continue
            seen_people.add(person)
            # A role with no line of its own, held by someone whose other role reaches the top:
            # it would report to its own holder, and needs no line.
            for role in held_roles(graph, person):
                if not graph.successors(role, Relation.REPORTS_TO):
                    reach(role)
    return reached


def reporting_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """No top management at all (5.1), or roles whose reporting line does not reach it (5.3).

    Reporting lines are judged between people. A role reaches top management when:

    - it is a top-management role;
    - someone who holds it also holds a top-management role (what they do in it reaches top
      management directly);
    - it reports to no one, and someone who holds it also holds a role that reaches top
      management (it would report to its own holder, and needs no line of its own);
    - some chain of ``reports_to`` leads from it to a role that reaches top management.

    So one person holding every role, top management included, has no reporting gap. The
    roles that do not reach top management are grouped by the *head* of their line (the role
    where the line stops: it reports to no one, or runs into a cycle), so that one gap names
    one fix; its subjects are the head and then the roles below it. When the organization has
    no top management, only :attr:`GapKind.NO_TOP_MANAGEMENT` is reported.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: lab, title: Lab Lead}
    ... - {id: tech, title: Lab Technician, reports_to: lab}
    ... - {id: intern, title: Lab Intern, reports_to: lab}
    ... - {id: buyer, title: Buyer}
    ... people:
    ... - {id: ben, name: Ben Ode, roles: [qm, buyer]}
    ... '''))
    >>> for gap in reporting_gaps(graph):
    ...     print(gap.subjects)
    ...     print(gap.reason)
    ('lab', 'tech', 'intern')
    Role 'lab' reports to no one and is not top management, so it and 2 roles below it have no reporting line to top management

    The buyer reports to no one, but Ben holds it with the Quality Manager role, whose line
    reaches the CEO. If the CEO also ran the lab, the lab's whole line would reach top
    management:

    >>> from iso9001_leadership import Person
    >>> ana = Person(id="ana", name="Ana Ruiz", roles=("ceo", "lab"))
    >>> reporting_gaps(OrgGraph.from_organization(graph.organization.with_elements(ana)))
    ()
    """
    tops = top_management(graph)
    if not tops:
        gap = Gap(
            GapKind.NO_TOP_MANAGEMENT,
            (),
            ("5.1",),
            "No role is marked as top management",
            "Mark the roles that direct and control the organization at the highest level as top management",
        )
        return (gap,)
    reached = _reaching(graph, tops)
    head_of: dict[str, str] = {}
    in_cycle: set[str] = set()
    groups: dict[str, list[str]] = {}
    for start in graph.ids(NodeKind.ROLE):
        if start in reached:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current not in head_of:
            if current in on_path:
                head = current
                in_cycle.add(head)
                break
            path.append(current)
            on_path.add(current)
            bosses = graph.successors(current, Relation.REPORTS_TO)
            if not bosses:
                head = current
                break
            current = bosses[0]
        else:
            head = head_of[current]
        for role in path:
            head_of[role] = head
        groups.setdefault(head, []).append(start)
    gaps = []
    for head, members in groups.items():
        below = [m for m in members if m != head]
        if head in in_cycle:
            start_text = f"The reporting line of {quote(head)} runs in a cycle"
        else:
            start_text = f"Role {quote(head)} reports to no one and is not top management"
        if below:
            end_text = f"so it and {plural(len(below), 'role')} below it have no reporting line to top management"
        else:
            end_text = "so it has no reporting line to top management"
        gaps.append(
            Gap(
                GapKind.REPORTING_LINE_BROKEN,
                (head, *below),
                ("5.3",),
                f"{start_text}, {end_text}",
                f"Make {quote(head)} report to a top-management role, or mark it as top management",
            )
        )
    return sort_gaps(graph, gaps)


def reporting_cycles(graph: OrgGraph) -> tuple[Gap, ...]:
    """Roles whose reporting lines run in a circle (5.3).

    :class:`~iso9001_leadership.Organization` refuses such cycles, so this finds them only in
    a graph whose networkx view was built or changed by other means (untrusted data).

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: lab, title: Lab Lead}
    ... - {id: tech, title: Lab Technician, reports_to: lab}
    ... - {id: intern, title: Lab Intern, reports_to: lab}
    ... '''))
    >>> reporting_cycles(graph)
    ()
    >>> tampered = graph.nx.copy()
    >>> _ = tampered.add_edge("lab", "tech", key=Relation.REPORTS_TO, relation=Relation.REPORTS_TO)
    >>> for gap in reporting_cycles(OrgGraph(graph.organization, tampered)):
    ...     print(gap)
    reporting_cycle (5.3): Roles 'lab' and 'tech' report to one another in a cycle
    """
    if graph.built_from_model:
        return ()  # an Organization refuses reporting cycles
    lines = {role: bosses for role in graph.ids() if (bosses := graph.successors(role, Relation.REPORTS_TO))}
    gaps = []
    for component in _cycles(lines):
        members = sorted(component, key=graph.position)
        if len(members) == 1:
            reason = f"Role {quote(members[0])} reports to itself"
        else:
            reason = f"Roles {join_ids(members)} report to one another in a cycle"
        gaps.append(
            Gap(
                GapKind.REPORTING_CYCLE,
                tuple(members),
                ("5.3",),
                reason,
                "Break the cycle so that each reporting line ends at top management",
            )
        )
    return sort_gaps(graph, gaps)


def _cycles(lines: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """The cycles of a directed graph given as successor lists: its strongly connected components
    of more than one node, and its nodes with an edge to themselves.

    Tarjan's algorithm, iterative (a reporting line may be longer than Python's recursion
    limit): each node and each edge is visited once.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in lines:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = lines.get(node, ())
            if next_edge < len(successors):
                work.append((node, next_edge + 1))
                other = successors[next_edge]
                if other not in index:
                    work.append((other, 0))
                elif other in on_stack:
                    low[node] = min(low[node], index[other])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in successors:
                    found.append(component)
    return found


def check_max_direct_reports(max_direct_reports: object) -> None:
    """Raise :class:`ValueError` unless ``max_direct_reports`` is a whole number of at least 1."""
    if isinstance(max_direct_reports, bool) or not isinstance(max_direct_reports, int) or max_direct_reports < 1:
        msg = f"max_direct_reports must be a whole number of at least 1, not {max_direct_reports!r}"
        raise ValueError(msg)


def span_of_control_outliers(
    graph: OrgGraph, *, max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS
) -> tuple[Gap, ...]:
    """Roles with more direct reports than ``max_direct_reports`` (5.3).

    Parameters
    ----------
    graph
        The accountability graph.
    max_direct_reports
        The largest span of control that is not reported; see
        :data:`DEFAULT_MAX_DIRECT_REPORTS` for the default and how reports are counted.

    Raises
    ------
    ValueError
        If ``max_direct_reports`` is not a whole number of at least 1.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: lab, title: Lab Lead}
    ... - {id: tech, title: Lab Technician, reports_to: lab}
    ... - {id: intern, title: Lab Intern, reports_to: lab}
    ... '''))
    >>> for gap in span_of_control_outliers(graph, max_direct_reports=1):
    ...     print(gap)
    span_of_control (5.3): Role 'lab' has 2 direct reports, more than 1
    """
    check_max_direct_reports(max_direct_reports)
    gaps = []
    for role in graph.ids(NodeKind.ROLE):
        count = len(graph.predecessors(role, Relation.REPORTS_TO))
        if count > max_direct_reports:
            gaps.append(
                Gap(
                    GapKind.SPAN_OF_CONTROL,
                    (role,),
                    ("5.3",),
                    f"Role {quote(role)} has {count} direct reports, more than {max_direct_reports}",
                    f"Split the team under {quote(role)} or add a management layer",
                )
            )
    return sort_gaps(graph, gaps)
