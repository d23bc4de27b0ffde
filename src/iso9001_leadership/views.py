"""Focused views of the accountability graph: small enough to draw, and to read.

The whole graph of a real organization is too big to draw: a few hundred elements and a
thousand edges make a poster nobody reads, and Mermaid refuses it outright. A :class:`View` is
a part of the graph picked for one question, with the elements it is about marked:

- :func:`around`: an element (any id: role, process, objective, risk...) and its neighbours to
  a given depth, in both directions: "what touches the calibration process?";
- :func:`gaps_only`: the elements named by the gaps :func:`~iso9001_leadership.queries.find_gaps`
  finds, each marked, with their neighbours for context: "what is wrong, and where?";
- :func:`org_chart`: a role and the roles below it, a given number of levels down (by default
  top management and the level below): "who reports to whom?".

A view holds every edge of the graph between two of its elements (it is an induced subgraph),
nodes in the organization's file order. :func:`~iso9001_leadership.export.export` writes a
view in every format it writes the whole graph in, with the same escaping, and marks its
elements (a Mermaid class, a DOT style, a ``mark`` attribute in GraphML, GEXF and JSON).

Views read the graph's index of neighbours (:meth:`OrgGraph.neighbours` and
:meth:`OrgGraph.out_edges`), never its networkx form: a view costs time in proportion to the
elements it visits and their edges, and the graph is never built whole in networkx for it.

Examples
--------
>>> from iso9001_leadership import OrgGraph, loads
>>> graph = OrgGraph.from_organization(loads('''
... name: Acme
... roles:
... - {id: ceo, title: CEO, top_management: true}
... - {id: qm, title: Quality Manager, reports_to: ceo}
... - {id: ops, title: Operations Manager, reports_to: ceo}
... - {id: tech, title: Technician, reports_to: ops}
... processes:
... - {id: make, name: Production, owner: ops, interacts_with: [test]}
... - {id: test, name: Testing}
... '''))
>>> view = around(graph, "make")
>>> view.nodes
('ops', 'make', 'test')
>>> [(u, v, relation.value) for u, v, relation in view.edges]
[('ops', 'make', 'owns'), ('make', 'test', 'interacts_with')]
>>> dict(view.marks)["make"]
<Mark.FOCUS: 'focus'>
>>> org_chart(graph).nodes
('ceo', 'qm', 'ops')
>>> org_chart(graph, "ops", levels=2).nodes
('ops', 'tech')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from iso9001_leadership._gc import paused_gc
from iso9001_leadership._names import did_you_mean, echo, plural, quote
from iso9001_leadership.exceptions import UsageError
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.queries import DEFAULT_MAX_DIRECT_REPORTS, GapKind, find_gaps, gap_kinds, top_management

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["DEFAULT_DEPTH", "DEFAULT_LEVELS", "Direction", "Mark", "View", "around", "gaps_only", "org_chart"]

#: How far :func:`around` and :func:`gaps_only` reach by default: the direct neighbours.
DEFAULT_DEPTH = 1

#: How many levels below its top :func:`org_chart` shows by default: the direct reports.
DEFAULT_LEVELS = 1

#: Which way a drawing of the view runs: ``"LR"`` left to right, ``"BT"`` bottom to top (an org
#: chart, whose ``reports_to`` edges run from a role up to its manager).
Direction = Literal["LR", "BT"]

_RELATIONS: tuple[Relation, ...] = tuple(Relation)


class Mark(str, enum.Enum):
    """What an element is doing in a view; each element of a view has exactly one mark.

    Members are strings equal to their values, which is what the exports write.
    """

    #: The element the view is about: the element :func:`around` starts from, the top of an
    #: :func:`org_chart`.
    FOCUS = "focus"
    #: An element named by a gap (:func:`gaps_only`).
    GAP = "gap"
    #: An element shown for context: a neighbour, a direct report.
    CONTEXT = "context"


@attrs.frozen(eq=False)
class View:
    """A part of the accountability graph, picked to be drawn: some elements, every edge between them, marks.

    Build one with :func:`around`, :func:`gaps_only`, :func:`org_chart`, or :meth:`of` for a
    set of elements of your own; export it with :func:`~iso9001_leadership.export.export`.

    Attributes
    ----------
    graph
        The graph the view was taken from.
    nodes
        The ids of the elements in the view, in the organization's file order.
    edges
        Every edge of the graph between two elements of the view, as ``(source, target,
        relation)``: by source, then by target, both in the order of :attr:`nodes`, then by
        relation in the order :class:`~iso9001_leadership.graph.Relation` declares them. Every
        export writes them in this order.
    marks
        The :class:`Mark` of every element of the view, by id (read-only).
    description
        What the view shows, in a few words (``around 'qm' (depth 1)``).
    direction
        Which way a drawing should run (:data:`Direction`).
    notes
        What the view leaves out that its reader should know, one line each: the gaps of the
        organization as a whole, which name no element to draw (:func:`gaps_only`).

    Examples
    --------
    >>> from iso9001_leadership import OrgGraph, loads
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO, top_management: true}, {id: qm, title: QM, reports_to: ceo}]
    ... '''))
    >>> view = View.of(graph, ["qm", "ceo"], marks={"qm": Mark.FOCUS}, description="the two of them")
    >>> view.nodes, view.edges, view.name
    (('ceo', 'qm'), (('qm', 'ceo', <Relation.REPORTS_TO: 'reports_to'>),), 'Acme: the two of them')
    >>> view.ids(Mark.CONTEXT), "qm" in view, len(view)
    (('ceo',), True, 2)
    """

    graph: OrgGraph
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str, Relation], ...]
    marks: Mapping[str, Mark]
    description: str
    direction: Direction = "LR"
    notes: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        graph: OrgGraph,
        ids: Iterable[str],
        *,
        marks: Mapping[str, Mark | str] | None = None,
        description: str = "a view",
        direction: Direction = "LR",
        notes: Iterable[str] = (),
    ) -> View:
        """The view of some elements of ``graph``: those elements, every edge between them, marks.

        Parameters
        ----------
        graph
            The accountability graph.
        ids
            The ids of the elements to show, in any order; each once is enough.
        marks
            The mark of some of them (members of :class:`Mark` or their values); every other
            element is :attr:`Mark.CONTEXT`. An id marked here is shown even if not in ``ids``.
        description
            What the view shows, in a few words.
        direction
            Which way a drawing should run.
        notes
            What the view leaves out that its reader should know, one line each.

        Raises
        ------
        UnknownIdError
            If an id is not an element of the graph (with the closest id offered).
        UsageError
            If a mark is not a :class:`Mark`.
        """
        chosen = dict.fromkeys(ids)
        given: dict[str, Mark] = {}
        for element_id, mark in (marks or {}).items():
            try:
                given[element_id] = Mark(mark)
            except ValueError:
                msg = f"{echo(mark)} is not a mark; expected one of {', '.join(m.value for m in Mark)}"
                raise UsageError(msg + did_you_mean(mark, [m.value for m in Mark])) from None
            chosen[element_id] = None
        for element_id in chosen:
            graph.kind_of(element_id)  # raises UnknownIdError, with the closest id, for an unknown one
        return _view(graph, chosen, given, description, direction, notes=tuple(notes))

    @property
    def name(self) -> str:
        """The organization's name and what the view shows: the title exports give the view."""
        return f"{self.graph.organization.name}: {self.description}"

    def __len__(self) -> int:
        """The number of elements in the view."""
        return len(self.nodes)

    def __contains__(self, element_id: object) -> bool:
        return element_id in self.marks

    def ids(self, mark: Mark | str) -> tuple[str, ...]:
        """The ids of the elements with one mark, in file order."""
        wanted = Mark(mark)
        return tuple(node for node in self.nodes if self.marks[node] is wanted)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The view as a new :class:`networkx.MultiDiGraph`, shaped like :attr:`OrgGraph.nx`.

        Nodes carry ``kind``, ``label`` and ``mark`` (a :class:`Mark`); edges carry
        ``relation``, which is also their key. The graph is yours to change.
        """
        import networkx as nx  # imported when asked for: views never need it

        graph = self.graph
        view: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=self.name)
        view.add_nodes_from(
            (node, {"kind": graph.kind_of(node), "label": graph.label_of(node), "mark": self.marks[node]})
            for node in self.nodes
        )
        for u, v, relation in self.edges:
            view.add_edge(u, v, key=relation, relation=relation)
        return view


def _view(
    graph: OrgGraph,
    chosen: Mapping[str, object],
    marks: Mapping[str, Mark],
    description: str,
    direction: Direction,
    relations: tuple[Relation, ...] = _RELATIONS,
    notes: tuple[str, ...] = (),
) -> View:
    """The view of ``chosen`` (ids known to be in the graph): file order, the edges of ``relations`` between them, every mark."""
    with paused_gc():  # a whole-graph view builds a list per node: the collector would walk them all
        nodes = tuple(sorted(chosen, key=graph.position))
        place = {node: index for index, node in enumerate(nodes)}
        edges: list[tuple[str, str, Relation]] = []
        out_edges = graph.out_edges
        wanted = None if relations == _RELATIONS else frozenset(relations)
        for u in nodes:
            out = [(v, r) for v, r in out_edges(u) if v in place and (wanted is None or r in wanted)]
            # Relations come in their declared order; a stable sort on the target keeps it within a pair.
            out.sort(key=lambda edge: place[edge[0]])
            edges.extend((u, v, relation) for v, relation in out)
        all_marks = MappingProxyType({node: marks.get(node, Mark.CONTEXT) for node in nodes})
    return View(graph, nodes, tuple(edges), all_marks, description, direction, notes)


def _count(value: object, name: str) -> int:
    """A depth or a number of levels, checked: a whole number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{name} must be a whole number, 0 or more, not {echo(value)}"
        raise UsageError(msg)
    return value


def _reach(graph: OrgGraph, start: Iterable[str], depth: int) -> dict[str, None]:
    """``start`` and every element within ``depth`` edges of it, either way, in the order found.

    A breadth-first walk over the graph's index: each element reached is expanded once, so the
    cost is the number of elements reached and their edges.
    """
    seen: dict[str, None] = dict.fromkeys(start)
    frontier = list(seen)
    neighbours = graph.neighbours
    with paused_gc():
        for _ in range(depth):
            found: list[str] = []
            for node in frontier:
                for other in neighbours(node):
                    if other not in seen:
                        seen[other] = None
                        found.append(other)
            if not found:
                break
            frontier = found
    return seen


def around(graph: OrgGraph, element_id: str, *, depth: int = DEFAULT_DEPTH) -> View:
    """An element and every element within ``depth`` edges of it, whichever way the edges run.

    Around a process at depth 1: its owner, the roles that audit it, the responsibilities that
    are part of it, the processes it interacts with, the risks that affect it, the objectives
    that measure it... Depth 2 adds their neighbours in turn (the owner's manager, the
    responsibility's accountable role), and so on.

    Parameters
    ----------
    graph
        The accountability graph.
    element_id
        Any element's id; it is marked :attr:`Mark.FOCUS`, the others :attr:`Mark.CONTEXT`.
    depth
        How many edges away to reach (default 1, the direct neighbours; 0 for the element
        alone).

    Returns
    -------
    View
        Never empty: the element is always in it.

    Raises
    ------
    UnknownIdError
        If the graph has no element with this id (with the closest id offered).
    UsageError
        If ``depth`` is not a whole number, 0 or more.

    Examples
    --------
    >>> from iso9001_leadership import OrgGraph, loads
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... people: [{id: ana, name: Ana, roles: [qm]}]
    ... '''))
    >>> around(graph, "qm").nodes, around(graph, "ana", depth=2).nodes, around(graph, "qm", depth=0).nodes
    (('ceo', 'qm', 'ana'), ('ceo', 'qm', 'ana'), ('qm',))
    >>> around(graph, "QM")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.UnknownIdError: no element with id 'QM'; did you mean 'qm'?
    """
    depth = _count(depth, "depth")
    graph.kind_of(element_id)  # raises UnknownIdError, with the closest id, for an unknown one
    reached = _reach(graph, (element_id,), depth)
    description = f"around {quote(element_id)} (depth {depth})"
    return _view(graph, reached, {element_id: Mark.FOCUS}, description, "LR")


def gaps_only(
    graph: OrgGraph,
    *,
    as_of: dt.date | None,
    kinds: Iterable[GapKind | str] | None = None,
    depth: int = DEFAULT_DEPTH,
    max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS,
) -> View:
    """The elements at fault in the organization's gaps, marked, with their neighbours for context.

    Every element a gap names (its subjects, from
    :func:`~iso9001_leadership.queries.find_gaps`) is marked :attr:`Mark.GAP`, and the elements
    within ``depth`` edges of one of them are shown as :attr:`Mark.CONTEXT`: the process without
    an owner and what it links to, the responsibility with two accountable roles and the
    processes it is part of. A role or a person named together with other elements (the two
    accountable roles, the auditor of its own process) is shown with its edges to them but is
    not a starting point for context: it is at fault through those edges, and everything else a
    manager does would bury the gap. A role that is the only subject of its gap (a broken
    reporting line) is. A gap of the organization as a whole (no quality policy, a duty nobody
    holds) names no element and adds nothing to the view; each is one line of the view's
    :attr:`~View.notes`.

    Parameters
    ----------
    graph
        The accountability graph.
    as_of
        The date to judge dates against, as for :func:`~iso9001_leadership.queries.find_gaps`
        (``None`` skips the date comparisons).
    kinds
        Only show gaps of these kinds (members of :class:`~iso9001_leadership.queries.GapKind`
        or their values); ``None`` shows every kind.
    depth
        How many edges away from an element at fault to reach for context (default 1; 0 for
        the elements at fault alone).
    max_direct_reports
        The span of control above which a role is at fault, as for ``find_gaps``.

    Returns
    -------
    View
        Empty when no gap names an element.

    Raises
    ------
    UsageError
        If ``depth`` is not a whole number, 0 or more.
    ValueError
        If a kind is not a gap kind, or ``max_direct_reports`` is below 1 (from ``find_gaps``).

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import OrgGraph, loads
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... processes:
    ... - {id: make, name: Production, owner: qm, interacts_with: [cal]}
    ... - {id: cal, name: Calibration}
    ... '''))
    >>> view = gaps_only(graph, as_of=dt.date(2026, 11, 24), kinds=["process_without_owner"])
    >>> view.nodes, view.ids("gap")
    (('make', 'cal'), ('cal',))
    >>> view.description
    'gaps on 2026-11-24: process_without_owner (depth 1)'
    """
    depth = _count(depth, "depth")
    wanted = None if kinds is None else gap_kinds(kinds)
    gaps = find_gaps(graph, as_of=as_of, kinds=wanted, max_direct_reports=max_direct_reports)
    at_fault = {subject: Mark.GAP for gap in gaps for subject in gap.subjects if subject in graph}
    # A role or a person named with other elements is at fault through its link to them, which
    # the view shows; all else it does (a quality manager touches a fifth of the graph) would
    # bury the gap, so the context is gathered around the other elements.
    hubs = (NodeKind.ROLE, NodeKind.PERSON)
    seeds = [
        subject
        for gap in gaps
        for subject in gap.subjects
        if subject in graph and (len(gap.subjects) == 1 or graph.kind_of(subject) not in hubs)
    ]
    reached = _reach(graph, seeds, depth)
    reached.update(dict.fromkeys(at_fault))
    when = "gaps" if as_of is None else f"gaps on {as_of.isoformat()}"
    chosen = "" if wanted is None else ": " + ", ".join(kind.value for kind in wanted)
    description = f"{when}{chosen} (depth {depth})"
    notes = tuple(f"not drawn (names no element): {gap}" for gap in gaps if not gap.subjects)
    return _view(graph, reached, at_fault, description, "LR", notes=notes)


def org_chart(graph: OrgGraph, role: str | None = None, *, levels: int = DEFAULT_LEVELS) -> View:
    """A piece of the org chart: a role and the roles reporting to it, ``levels`` levels down.

    Without ``role``, the chart starts from top management (every top-management role); an
    organization without top management starts from the roles that report to no one. Only roles
    and the ``reports_to`` edges between them are shown (whoever holds them: see :func:`around`
    a role for its people); the roles it starts from are marked
    :attr:`Mark.FOCUS`. The view's direction is ``"BT"``, so drawn, managers sit above their
    reports.

    Parameters
    ----------
    graph
        The accountability graph.
    role
        The id of the role at the top of the chart; ``None`` for top management.
    levels
        How many levels of reports to show below it (default 1, the direct reports; 0 for the
        top alone).

    Returns
    -------
    View
        Roles only; empty only for an organization without roles.

    Raises
    ------
    UnknownIdError
        If the graph has no element with the id ``role`` (with the closest id offered).
    UsageError
        If ``role`` is an element but not a role (with the closest role offered), or ``levels``
        is not a whole number, 0 or more.

    Examples
    --------
    >>> from iso9001_leadership import OrgGraph, loads
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: ops, title: Operations Manager, reports_to: ceo}
    ... - {id: lead, title: Shift Lead, reports_to: ops}
    ... - {id: tech, title: Technician, reports_to: lead}
    ... processes: [{id: make, name: Production, owner: ops}]
    ... '''))
    >>> org_chart(graph).nodes, org_chart(graph, levels=2).nodes
    (('ceo', 'ops'), ('ceo', 'ops', 'lead'))
    >>> view = org_chart(graph, "lead")
    >>> view.nodes, view.ids("focus"), view.direction
    (('lead', 'tech'), ('lead',), 'BT')
    >>> org_chart(graph, "make")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.UsageError: 'make' is a process, not a role: an org chart starts from a role
    """
    levels = _count(levels, "levels")
    if role is None:
        tops = top_management(graph) or tuple(
            r for r in graph.ids(NodeKind.ROLE) if not graph.successors(r, Relation.REPORTS_TO)
        )
        description = f"org chart from top management ({plural(levels, 'level')} down)"
    else:
        kind = graph.kind_of(role)  # raises UnknownIdError, with the closest id, for an unknown one
        if kind is not NodeKind.ROLE:
            msg = f"{quote(role)} is {_article(kind.value)}, not a role: an org chart starts from a role"
            raise UsageError(msg + did_you_mean(role, graph.ids(NodeKind.ROLE)))
        tops = (role,)
        description = f"org chart from {quote(role)} ({plural(levels, 'level')} down)"
    seen: dict[str, None] = dict.fromkeys(tops)
    frontier = list(seen)
    for _ in range(levels):
        found = [
            report
            for manager in frontier
            for report in graph.predecessors(manager, Relation.REPORTS_TO)
            if report not in seen and graph.kind_of(report) is NodeKind.ROLE
        ]
        seen.update(dict.fromkeys(found))
        if not found:
            break
        frontier = list(dict.fromkeys(found))
    return _view(graph, seen, dict.fromkeys(tops, Mark.FOCUS), description, "BT", (Relation.REPORTS_TO,))


def _article(kind: str) -> str:
    words = kind.replace("_", " ")
    return f"an {words}" if words[0] in "aeiou" else f"a {words}"
