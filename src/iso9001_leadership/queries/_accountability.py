"""Accountability: who answers for each process and responsibility (5.1.1 a, 5.3)."""

from __future__ import annotations

from iso9001_leadership._names import join_ids, quote
from iso9001_leadership.clauses import serves
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import Responsibility, Role

from ._gap import Gap, GapKind, sort_gaps

__all__ = [
    "DUTIES",
    "accountability_chain",
    "accountable_roles",
    "process_ownership_gaps",
    "raci_gaps",
    "top_management",
    "top_management_accountability_gaps",
    "unassigned_duties",
]

#: The duties of 5.3 a-e that top management must assign, in our own words.
DUTIES: tuple[tuple[str, str], ...] = (
    ("a", "making sure the QMS conforms to ISO 9001"),
    ("b", "making sure processes deliver their intended outputs"),
    ("c", "reporting QMS performance and improvement opportunities to top management"),
    ("d", "promoting customer focus throughout the organization"),
    ("e", "keeping the QMS intact when changes are planned and made"),
)


def top_management(graph: OrgGraph) -> tuple[str, ...]:
    """The ids of the top-management roles, in file order.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: ops, title: Operations Manager, reports_to: ceo}
    ... processes:
    ... - {id: make, name: Production}
    ... - {id: ship, name: Shipping, owner: ops}
    ... responsibilities:
    ... - {id: ship-outputs, title: Shipping delivers, clauses: [5.3 b], accountable: [qm], processes: [ship]}
    ... '''))
    >>> top_management(graph)
    ('ceo',)
    """
    organization = graph.organization
    return tuple(r for r in graph.ids(NodeKind.ROLE) if organization.get(r, Role).top_management)


def role_holders(graph: OrgGraph, role_id: str) -> tuple[str, ...]:
    """The people who hold a role (not its deputies), in edge order."""
    kinds = graph.kinds
    return tuple(p for p in graph.predecessors(role_id, Relation.HOLDS) if kinds[p] is NodeKind.PERSON)


def held_roles(graph: OrgGraph, person_id: str) -> tuple[str, ...]:
    """The roles a person holds, in edge order."""
    kinds = graph.kinds
    return tuple(r for r in graph.successors(person_id, Relation.HOLDS) if kinds[r] is NodeKind.ROLE)


def sole_role_holder(graph: OrgGraph) -> str | None:
    """The one person of a one-person organization: they hold every role that has a holder.

    ``None`` when nobody holds a role, when more than one person does, or when someone else
    deputises for a role (then the organization has a second person who can act). Roles nobody
    holds do not count against it.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> org = loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO, top_management: true}, {id: qm, title: QM}, {id: vacant, title: V}]
    ... people: [{id: ana, name: Ana, roles: [ceo, qm]}]
    ... ''')
    >>> sole_role_holder(OrgGraph.from_organization(org))
    'ana'
    >>> from iso9001_leadership import Person
    >>> sole_role_holder(OrgGraph.from_organization(org.with_elements(Person(id="ben", name="Ben", deputy_of=("qm",)))))
    """
    people = graph.ids(NodeKind.PERSON)
    holders = [person for person in people if held_roles(graph, person)]
    if len(holders) != 1:
        return None
    (sole,) = holders
    if any(person != sole and graph.successors(person, Relation.DEPUTY_OF) for person in people):
        return None
    return sole


def _check_process(graph: OrgGraph, process_id: str) -> None:
    kind = graph.kind_of(process_id)
    if kind is not NodeKind.PROCESS:
        msg = f"{process_id!r} is a {kind.value.replace('_', ' ')}, not a process"
        raise ValueError(msg)


def _owns_one_process(graph: OrgGraph, responsibility_id: str, memo: dict[str, bool]) -> bool:
    """Whether a responsibility covers 5.3 b and is part of exactly one process: it states who owns that process.

    It covers 5.3 b when it cites the item, a range holding it, or the whole of 5.3 (see :func:`serves`).
    """
    answer = memo.get(responsibility_id)
    if answer is None:
        clauses = graph.organization.get(responsibility_id, Responsibility).clauses
        answer = len(graph.successors(responsibility_id, Relation.PART_OF)) == 1 and serves(clauses, "5.3", "b")
        memo[responsibility_id] = answer
    return answer


def _accountable(graph: OrgGraph, process_id: str, memo: dict[str, bool]) -> tuple[str, ...]:
    roles = list(graph.predecessors(process_id, Relation.OWNS))
    for responsibility in graph.predecessors(process_id, Relation.PART_OF):
        if graph.kind_of(responsibility) is NodeKind.RESPONSIBILITY and _owns_one_process(graph, responsibility, memo):
            roles.extend(r for r in graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR) if r not in roles)
    return tuple(roles)


def accountable_roles(graph: OrgGraph, process_id: str) -> tuple[str, ...]:
    """The roles accountable for a process delivering its intended outputs (5.3 b).

    They are the process's owner, then the accountable roles of every responsibility that
    cites clause 5.3 b (the item, a range holding it such as ``"5.3 a-e"``, or the whole
    clause ``"5.3"``) and is part of this process alone: such a responsibility says who
    answers for the process. A responsibility citing 5.3 b across several processes is an
    oversight duty (a COO following up on every process owner) and does not count. A
    well-run process has exactly one accountable role.

    Raises
    ------
    UnknownIdError
        If the graph has no element with this id.
    ValueError
        If the element is not a process.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: ops, title: Operations Manager, reports_to: ceo}
    ... processes:
    ... - {id: make, name: Production}
    ... - {id: ship, name: Shipping, owner: ops}
    ... responsibilities:
    ... - {id: ship-outputs, title: Shipping delivers, clauses: [5.3 b], accountable: [qm], processes: [ship]}
    ... '''))
    >>> accountable_roles(graph, "ship"), accountable_roles(graph, "make")
    (('ops', 'qm'), ())
    """
    _check_process(graph, process_id)
    return _accountable(graph, process_id, {})


def process_ownership_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Processes with no accountable role, or with more than one (5.3 b).

    See :func:`accountable_roles` for who counts as accountable.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: ops, title: Operations Manager, reports_to: ceo}
    ... processes:
    ... - {id: make, name: Production}
    ... - {id: ship, name: Shipping, owner: ops}
    ... responsibilities:
    ... - {id: ship-outputs, title: Shipping delivers, clauses: [5.3 b], accountable: [qm], processes: [ship]}
    ... '''))
    >>> for gap in process_ownership_gaps(graph):
    ...     print(gap)
    process_without_owner (5.3 b): Process 'make' has no accountable owner
    process_with_several_owners (5.3 b): Process 'ship' has 2 accountable roles: 'ops' and 'qm'
    """
    memo: dict[str, bool] = {}
    gaps: list[Gap] = []
    for process in graph.ids(NodeKind.PROCESS):
        roles = _accountable(graph, process, memo)
        if not roles:
            gaps.append(
                Gap(
                    GapKind.PROCESS_WITHOUT_OWNER,
                    (process,),
                    ("5.3 b",),
                    f"Process {quote(process)} has no accountable owner",
                    f"Name one role as owner of {quote(process)}",
                )
            )
        elif len(roles) > 1:
            gaps.append(
                Gap(
                    GapKind.PROCESS_WITH_SEVERAL_OWNERS,
                    (process, *roles),
                    ("5.3 b",),
                    f"Process {quote(process)} has {len(roles)} accountable roles: {join_ids(roles)}",
                    f"Keep one accountable role for {quote(process)} and make the others responsible",
                )
            )
    return sort_gaps(graph, gaps)


def raci_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Responsibilities with no accountable role (A), more than one, or no responsible role (R) (5.3).

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO}, {id: qm, title: Quality Manager}]
    ... responsibilities:
    ... - {id: audit, title: Internal audits, accountable: [qm, ceo]}
    ... - {id: calibrate, title: Calibrate gauges, responsible: [qm]}
    ... '''))
    >>> for gap in raci_gaps(graph):
    ...     print(gap)
    responsibility_without_accountable (5.3): Nobody is accountable for responsibility 'calibrate'
    responsibility_with_several_accountable (5.3): Responsibility 'audit' has 2 accountable roles: 'qm' and 'ceo'
    responsibility_without_responsible (5.3): Nobody is responsible for carrying out 'audit'
    """
    gaps: list[Gap] = []
    for responsibility in graph.ids(NodeKind.RESPONSIBILITY):
        accountable = graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR)
        name = quote(responsibility)
        if not accountable:
            gaps.append(
                Gap(
                    GapKind.RESPONSIBILITY_WITHOUT_ACCOUNTABLE,
                    (responsibility,),
                    ("5.3",),
                    f"Nobody is accountable for responsibility {name}",
                    f"Name one accountable role (A) for {name}",
                )
            )
        elif len(accountable) > 1:
            gaps.append(
                Gap(
                    GapKind.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE,
                    (responsibility, *accountable),
                    ("5.3",),
                    f"Responsibility {name} has {len(accountable)} accountable roles: {join_ids(accountable)}",
                    f"Keep one accountable role (A) for {name} and make the others responsible (R)",
                )
            )
        if not graph.predecessors(responsibility, Relation.RESPONSIBLE_FOR):
            gaps.append(
                Gap(
                    GapKind.RESPONSIBILITY_WITHOUT_RESPONSIBLE,
                    (responsibility,),
                    ("5.3",),
                    f"Nobody is responsible for carrying out {name}",
                    f"Name at least one responsible role (R) for {name}",
                )
            )
    return sort_gaps(graph, gaps)


def top_management_accountability_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Top management not accountable for the effectiveness of the QMS (5.1.1 a).

    Top management is accountable when a top-management role is the accountable role (A) of a
    responsibility that cites 5.1.1 a (the item, a range holding it, or the whole clause
    ``"5.1.1"``). The gap's subjects are the responsibilities that cite
    5.1.1 a (none of them with top management accountable) or, when none does, the
    top-management roles. An organization without top management gets no gap here:
    :func:`reporting_gaps` reports that.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... responsibilities:
    ... - {id: effective-qms, title: QMS effectiveness, clauses: [5.1.1 a], accountable: [qm]}
    ... '''))
    >>> for gap in top_management_accountability_gaps(graph):
    ...     print(gap.subjects, gap.reason)
    ('effective-qms',) No top-management role is accountable for the effectiveness of the QMS
    """
    tops = top_management(graph)
    if not tops:
        return ()
    top_set = set(tops)
    organization = graph.organization
    citing: list[str] = []
    for responsibility in graph.ids(NodeKind.RESPONSIBILITY):
        if serves(organization.get(responsibility, Responsibility).clauses, "5.1.1", "a"):
            if any(r in top_set for r in graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR)):
                return ()
            citing.append(responsibility)
    subjects = tuple(citing) or tops
    gap = Gap(
        GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE,
        subjects,
        ("5.1.1 a",),
        "No top-management role is accountable for the effectiveness of the QMS",
        "Make a top-management role the accountable role (A) of a responsibility citing 5.1.1 a",
    )
    return (gap,)


def unassigned_duties(graph: OrgGraph) -> tuple[Gap, ...]:
    """The duties of 5.3 a-e that no role has been given.

    A duty is assigned when a responsibility citing its clause item (``"5.3 c"``, a range such
    as ``"5.3 a-e"``, or the whole clause ``"5.3"``, which covers every item) has an
    accountable or a responsible role. Duty 5.3 b also counts as
    assigned when any process has an owner (each process without one is reported by
    :func:`process_ownership_gaps`). The gap's subjects are the responsibilities that cite the
    item but name no role; there are none when nothing cites it.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: qm, title: Quality Manager}]
    ... processes: [{id: make, name: Production, owner: qm}]
    ... responsibilities:
    ... - {id: conformity, title: Keep the QMS conforming, clauses: [5.3 a], accountable: [qm]}
    ... - {id: changes, title: Control QMS changes, clauses: [5.3 e]}
    ... '''))
    >>> for gap in unassigned_duties(graph):
    ...     print(gap)
    duty_unassigned (5.3 c): Nobody is assigned to reporting QMS performance and improvement opportunities to top management
    duty_unassigned (5.3 d): Nobody is assigned to promoting customer focus throughout the organization
    duty_unassigned (5.3 e): Nobody is assigned to keeping the QMS intact when changes are planned and made
    >>> unassigned_duties(graph)[-1].subjects
    ('changes',)

    Citing the whole clause covers every item:

    >>> unassigned_duties(OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: qm, title: Quality Manager}]
    ... responsibilities: [{id: qmr, title: QMR duties, clauses: ['5.3'], responsible: [qm]}]
    ... ''')))
    ()
    """
    organization = graph.organization
    assigned = {item: False for item, _ in DUTIES}
    idle: dict[str, list[str]] = {item: [] for item, _ in DUTIES}
    for responsibility in graph.ids(NodeKind.RESPONSIBILITY):
        clauses = organization.get(responsibility, Responsibility).clauses
        staffed = bool(
            graph.predecessors(responsibility, Relation.ACCOUNTABLE_FOR)
            or graph.predecessors(responsibility, Relation.RESPONSIBLE_FOR)
        )
        for item, _ in DUTIES:
            if serves(clauses, "5.3", item):
                if staffed:
                    assigned[item] = True
                else:
                    idle[item].append(responsibility)
    if any(graph.predecessors(p, Relation.OWNS) for p in graph.ids(NodeKind.PROCESS)):
        assigned["b"] = True
    gaps = [
        Gap(
            GapKind.DUTY_UNASSIGNED,
            tuple(idle[item]),
            (f"5.3 {item}",),
            f"Nobody is assigned to {duty}",
            f"Give a role (accountable or responsible) a responsibility citing 5.3 {item}",
        )
        for item, duty in DUTIES
        if not assigned[item]
    ]
    return sort_gaps(graph, gaps)


def accountability_chain(graph: OrgGraph, process_id: str) -> tuple[str, ...]:
    """The line from a process to top management: the process, its accountable role, and up.

    The chain starts with the process, then its first accountable role (its owner, see
    :func:`accountable_roles`), then each role that role reports to, up to the role that
    reports to no one. It is just the process when nobody is accountable for it. Use it to
    explain who answers for a process; :func:`reporting_gaps` says whether the line reaches top
    management.

    Raises
    ------
    UnknownIdError
        If the graph has no element with this id.
    ValueError
        If the element is not a process.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... - {id: ops, title: Operations Manager, reports_to: ceo}
    ... processes:
    ... - {id: make, name: Production}
    ... - {id: ship, name: Shipping, owner: ops}
    ... responsibilities:
    ... - {id: ship-outputs, title: Shipping delivers, clauses: [5.3 b], accountable: [qm], processes: [ship]}
    ... '''))
    >>> accountability_chain(graph, "ship")
    ('ship', 'ops', 'ceo')
    >>> accountability_chain(graph, "make")
    ('make',)
    """
    _check_process(graph, process_id)
    roles = _accountable(graph, process_id, {})
    chain = [process_id]
    seen: set[str] = set()
    current = roles[0] if roles else None
    while current is not None and current not in seen:
        seen.add(current)
        chain.append(current)
        bosses = graph.successors(current, Relation.REPORTS_TO)
        current = bosses[0] if bosses else None
    return tuple(chain)
