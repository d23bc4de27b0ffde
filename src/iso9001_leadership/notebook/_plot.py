"""The accountability graph drawn with matplotlib: roles, responsibilities and processes, gaps in red.

The whole graph, or a focused view of it (:mod:`iso9001_leadership.views`): around an element,
the gaps only, a piece of the org chart. matplotlib is imported only when called (see
:mod:`._extras`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from iso9001_leadership import views
from iso9001_leadership.exceptions import UsageError
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import Gap
from iso9001_leadership.views import Mark, View

from ._extras import need, need_pyplot
from ._gaps import GapList, gaps

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["PLOT_KINDS", "PLOT_RELATIONS", "plot_accountability"]

#: The kinds of element :func:`plot_accountability` draws of the whole graph by default, top row first.
PLOT_KINDS: tuple[NodeKind, ...] = (NodeKind.ROLE, NodeKind.RESPONSIBILITY, NodeKind.PROCESS)

#: The relations :func:`plot_accountability` draws of the whole graph by default.
PLOT_RELATIONS: tuple[Relation, ...] = (
    Relation.REPORTS_TO,
    Relation.OWNS,
    Relation.ACCOUNTABLE_FOR,
    Relation.PART_OF,
)

_NODE_STYLE: dict[NodeKind, tuple[str, str, int]] = {  # shape, colour, size
    NodeKind.ROLE: ("o", "#4c78a8", 110),
    NodeKind.PERSON: ("o", "#9ecae9", 60),
    NodeKind.AUTHORITY: ("p", "#f28e2b", 70),
    NodeKind.RESPONSIBILITY: ("D", "#b07aa1", 55),
    NodeKind.PROCESS: ("s", "#59a14f", 110),
    NodeKind.POLICY: ("P", "#2f4b7c", 110),
    NodeKind.COMMITMENT: ("d", "#8c6bb1", 50),
    NodeKind.OBJECTIVE: ("*", "#edc948", 130),
    NodeKind.CONTEXT_ISSUE: ("<", "#bab0ac", 60),
    NodeKind.INTERESTED_PARTY: ("H", "#76b7b2", 90),
    NodeKind.PARTY_REQUIREMENT: (">", "#76b7b2", 60),
    NodeKind.RISK: ("^", "#ff9da7", 80),
    NodeKind.OPPORTUNITY: ("v", "#8cd17d", 80),
    NodeKind.ACTION: ("h", "#9c755f", 70),
    NodeKind.COMMUNICATION: ("8", "#e7ba52", 60),
    NodeKind.REVIEW: ("X", "#393b79", 80),
    NodeKind.RESOURCE: ("d", "#bcbd22", 60),
    NodeKind.EVIDENCE: ("s", "#c7c7c7", 40),
}
_OTHER_NODE = ("^", "#9d9d9d", 70)
_TOP_MANAGEMENT = "#1d3557"
_GAP_FACE = "#d62728"
_GAP_EDGE = "#6b0000"
_FOCUS_RING = "#f4a300"

_LineStyle = Literal["solid", "dashed", "dotted"]

_EDGE_STYLE: dict[Relation, tuple[str, _LineStyle, float]] = {  # colour, line style, width
    Relation.REPORTS_TO: ("#4d4d4d", "solid", 1.0),
    Relation.OWNS: ("#59a14f", "solid", 1.2),
    Relation.ACCOUNTABLE_FOR: ("#b07aa1", "dashed", 0.9),
    Relation.PART_OF: ("#b3b3b3", "dotted", 0.8),
}
_OTHER_EDGE: tuple[str, _LineStyle, float] = ("#9d9d9d", "solid", 0.7)
#: Colours for the relations without a style of their own, given in turn to those drawn.
_OTHER_EDGE_COLOURS = ("#f28e2b", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#4e79a7", "#bab0ac")


def _edge_styles(relations: Sequence[Relation]) -> dict[Relation, tuple[str, _LineStyle, float]]:
    """The style of each relation drawn: its own; else a colour of its own while there are few others, grey if many."""
    others = [relation for relation in relations if relation not in _EDGE_STYLE]
    few = len(others) <= len(_OTHER_EDGE_COLOURS)
    styles = {relation: _EDGE_STYLE[relation] for relation in relations if relation in _EDGE_STYLE}
    for index, relation in enumerate(others):
        styles[relation] = (_OTHER_EDGE_COLOURS[index], "solid", _OTHER_EDGE[2]) if few else _OTHER_EDGE
    return styles


def _shells(drawn: Any, centre: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Rings by distance from the centre elements (a view's focus or its gaps), the nearest inside.

    Distances count edges either way; elements the centre does not reach make the outer ring.
    """
    distance = dict.fromkeys(centre, 0)
    frontier = list(centre)
    while frontier:
        found = []
        for node in frontier:
            for other in (*drawn.successors(node), *drawn.predecessors(node)):
                if other not in distance:
                    distance[other] = distance[node] + 1
                    found.append(other)
        frontier = found
    outer = max(distance.values(), default=0) + 1
    rings: dict[int, list[str]] = {}
    for node in drawn.nodes:
        rings.setdefault(distance.get(node, outer), []).append(node)
    placed = nx.shell_layout(drawn, nlist=[rings[ring] for ring in sorted(rings)])
    return {node: (float(xy[0]), float(xy[1])) for node, xy in placed.items()}


def _view(graph: OrgGraph, kinds: Sequence[NodeKind], relations: Sequence[Relation], within: View | None = None) -> Any:
    """A simple directed graph of the chosen kinds and relations (within a view, if given); of two relations between the same pair, the first listed wins."""
    view: nx.DiGraph[str] = nx.DiGraph()
    wanted = set(kinds)
    view.add_nodes_from(n for n in (graph.ids() if within is None else within.nodes) if graph.kind_of(n) in wanted)
    rank = {relation: i for i, relation in enumerate(relations)}
    best: dict[tuple[str, str], Relation] = {}
    for u, v, relation in graph.nx.edges(keys=True) if within is None else within.edges:
        if relation in rank and u in view and v in view:
            current = best.get((u, v))
            if current is None or rank[relation] < rank[current]:
                best[(u, v)] = relation
    view.add_edges_from((u, v, {"relation": relation}) for (u, v), relation in best.items())
    return view


def _faults(gap_list: Sequence[Gap], view: Any) -> tuple[set[str], set[tuple[str, str]]]:
    """The drawn elements at fault, and the drawn edges whose two ends are at fault in the same gap."""
    nodes: set[str] = set()
    edges: set[tuple[str, str]] = set()
    for gap in gap_list:
        subjects = [s for s in gap.subjects if s in view]
        nodes.update(subjects)
        members = set(subjects)
        edges.update((u, v) for u in subjects for v in view.successors(u) if v in members)
    return nodes, edges


def _layers(org: Organization, view: Any, kinds: Sequence[NodeKind], graph: OrgGraph) -> dict[str, tuple[float, float]]:
    """Roles as a reporting tree (top management at the top), then one row per other kind.

    Each row beneath the tree orders its elements by the mean position of their neighbours
    already placed, so lines stay short; ties and unconnected elements follow file order.
    """
    roles = [r for r in org.roles if r.id in view] if NodeKind.ROLE in kinds else []
    role_ids = {r.id for r in roles}
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for role in roles:
        if role.reports_to in role_ids and role.reports_to is not None:
            children.setdefault(role.reports_to, []).append(role.id)
        else:
            roots.append(role.id)
    top = {r.id for r in roles if r.top_management}
    roots.sort(key=lambda i: i not in top)
    x: dict[str, float] = {}
    depth: dict[str, int] = {}
    leaves = 0
    stack: list[tuple[str, int, bool]] = [(root, 0, False) for root in reversed(roots)]
    while stack:
        node, level, done = stack.pop()
        kids = children.get(node, [])
        if done:
            x[node] = (x[kids[0]] + x[kids[-1]]) / 2
        elif kids:
            depth[node] = level
            stack.append((node, level, True))
            stack.extend((kid, level + 1, False) for kid in reversed(kids))
        else:
            depth[node] = level
            x[node] = float(leaves)
            leaves += 1
    rows = [[n for n in graph.ids(kind) if n in view] for kind in kinds if kind is not NodeKind.ROLE]
    width = float(max([leaves - 1, 1, *(len(row) - 1 for row in rows)]))
    scale = width / (leaves - 1) if leaves > 1 else 1.0
    pos = {n: (x[n] * scale if leaves > 1 else width / 2, -float(depth[n])) for n in x}
    y = -float(max(depth.values(), default=-1)) - 2.0
    for row in rows:
        if not row:
            continue

        def key(node: str) -> tuple[bool, float, int]:
            placed = [pos[m][0] for m in (*view.predecessors(node), *view.successors(node)) if m in pos]
            return (not placed, sum(placed) / len(placed) if placed else 0.0, graph.position(node))

        ordered = sorted(row, key=key)
        step = width / (len(ordered) - 1) if len(ordered) > 1 else 0.0
        for i, node in enumerate(ordered):
            pos[node] = (i * step if len(ordered) > 1 else width / 2, y)
        y -= 2.5
    return pos


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _chosen_view(
    graph: OrgGraph,
    as_of: dt.date | None,
    view: View | None,
    around: str | None,
    depth: int | None,
    gaps_only: bool,
    org_chart: str | bool,
    levels: int | None,
) -> View | None:
    """The view the options ask for (at most one), or None for the whole graph."""
    asked = [
        name
        for name, given in (
            ("view", view is not None),
            ("around", around is not None),
            ("gaps_only", bool(gaps_only)),
            ("org_chart", org_chart is not False and org_chart is not None),
        )
        if given
    ]
    misplaced = []
    if depth is not None and not {"around", "gaps_only"} & set(asked):
        misplaced.append("depth goes with around or gaps_only")
    if levels is not None and "org_chart" not in asked:
        misplaced.append("levels goes with org_chart")
    if len(asked) > 1:
        misplaced.insert(0, f"choose one view, not {' and '.join(asked)}")
    if misplaced:
        raise UsageError("plot_accountability(): " + "; ".join(misplaced))
    reach = views.DEFAULT_DEPTH if depth is None else depth
    if view is not None:
        return view
    if around is not None:
        return views.around(graph, around, depth=reach)
    if gaps_only:
        return views.gaps_only(graph, as_of=as_of, depth=reach)
    if org_chart is not False and org_chart is not None:
        role = None if org_chart is True else org_chart
        return views.org_chart(graph, role, levels=views.DEFAULT_LEVELS if levels is None else levels)
    return None


def _present(order: Sequence[Any], present: set[Any], first: Sequence[Any]) -> tuple[Any, ...]:
    """The members of ``present``: those of ``first`` in its order, then the rest in ``order``."""
    return tuple(dict.fromkeys([*(m for m in first if m in present), *(m for m in order if m in present)]))


def plot_accountability(
    org: Organization | OrgGraph,
    *,
    as_of: dt.date | None = None,
    ax: Axes | None = None,
    highlight_gaps: bool = True,
    kinds: Iterable[NodeKind | str] | None = None,
    relations: Iterable[Relation | str] | None = None,
    layout: str | None = None,
    labels: bool = True,
    seed: int = 7,
    around: str | None = None,
    depth: int | None = None,
    gaps_only: bool = False,
    org_chart: str | bool = False,
    levels: int | None = None,
    view: View | None = None,
) -> Axes:
    """Draw the accountability graph, or a focused view of it: who reports to whom, who owns which process, who answers for what.

    Roles are circles (top management darker), responsibilities diamonds, processes squares,
    other kinds of element their own markers. With ``highlight_gaps``, every drawn element named
    in a gap (:func:`gaps`) is filled red, and so is every drawn edge between two elements of
    the same gap (the two accountable roles of one responsibility, an auditor and the process
    it owns).

    The whole graph of a real organization is a poster nobody reads: draw a focused view
    (:mod:`iso9001_leadership.views`) with ``around``, ``gaps_only`` or ``org_chart`` (at most
    one of them), or pass a :class:`~iso9001_leadership.views.View` of your own. The element a
    view is about (its focus) gets an orange ring.

    Parameters
    ----------
    org
        The organization, or its graph (to reuse one already built).
    as_of
        The date the gaps are judged on (``None`` skips the date comparisons).
    ax
        The matplotlib Axes to draw on; a new figure's by default.
    highlight_gaps
        Show the elements at fault in red.
    kinds
        The kinds of element to draw; in the ``layers`` layout, the order of the rows below the
        reporting tree. By default :data:`PLOT_KINDS` for the whole graph, and every kind in
        the view for a view.
    relations
        The relations to draw as edges. Between two elements linked by several, the first in
        this order is drawn. By default :data:`PLOT_RELATIONS` for the whole graph, and every
        relation in the view for a view.
    layout
        ``"layers"``: roles as their reporting tree, top management at the top, then a row for
        each other kind. ``"shells"``: the view's focus (or its gaps) in the middle, and the
        other elements in rings around it by how many edges away they are. ``"spring"``: a
        force-directed layout, seeded by ``seed``. All are deterministic. By default ``layers``
        for the whole graph and an org chart, ``shells`` for the other views.
    labels
        Write each element's title or name (shortened) beside it.
    seed
        The seed of the ``spring`` layout.
    around
        Draw this element (any id) and its neighbours (:func:`~iso9001_leadership.views.around`).
    depth
        With ``around`` or ``gaps_only``: how many edges away to reach (default 1).
    gaps_only
        Draw the elements the gaps on ``as_of`` name, with their neighbours
        (:func:`~iso9001_leadership.views.gaps_only`).
    org_chart
        ``True`` to draw top management and the roles below it, or a role's id to start from
        that role (:func:`~iso9001_leadership.views.org_chart`).
    levels
        With ``org_chart``: how many levels of reports to draw (default 1).
    view
        A view of your own, of this organization's graph.

    Returns
    -------
    matplotlib.axes.Axes
        Node groups are ``PathCollection`` objects with gid ``nodes:<kind>`` or
        ``nodes:<kind>:gap``, and the ring around a view's focus ``focus``; edges are arrows
        with gid ``edge:<relation>`` or ``edge:<relation>:gap``.

    Raises
    ------
    ValueError
        For an unknown kind, relation or layout.
    UsageError
        For more than one view asked for, ``depth`` or ``levels`` without the view they go
        with, or a view option the view refuses (a negative depth, an org chart from a
        process).
    UnknownIdError
        For ``around`` or ``org_chart`` naming no element.
    MissingExtraError
        If matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from iso9001_leadership import loads
    >>> org = loads(\'\'\'
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... processes: [{id: make, name: Production, owner: qm}, {id: ship, name: Shipping}]
    ... risks: [{id: late, title: Late parts, owner: qm, processes: [make]}]
    ... \'\'\')
    >>> ax = plot_accountability(org, highlight_gaps=False)
    >>> [(c.get_gid(), len(c.get_offsets())) for c in ax.collections]
    [('nodes:role', 2), ('nodes:process', 2)]
    >>> [arrow.get_gid() for arrow in ax.patches]
    ['edge:reports_to', 'edge:owns']
    >>> plt.close(ax.figure)
    >>> ax = plot_accountability(org, around="make", highlight_gaps=False)
    >>> [(c.get_gid(), len(c.get_offsets())) for c in ax.collections]
    [('nodes:role', 1), ('nodes:process', 1), ('nodes:risk', 1), ('focus', 1)]
    >>> sorted(arrow.get_gid() for arrow in ax.patches)
    ['edge:affects', 'edge:owns', 'edge:owns']
    >>> print(ax.get_title())
    Acme
    around 'make' (depth 1)
    >>> plt.close(ax.figure)
    """
    graph = org if isinstance(org, OrgGraph) else OrgGraph.from_organization(org)
    organization = graph.organization
    if view is not None and view.graph is not graph and view.graph.organization is not organization:
        msg = "plot_accountability(): the view is of another organization's graph"
        raise UsageError(msg)
    if layout not in (None, "layers", "shells", "spring"):
        msg = f"layout must be 'layers', 'shells' or 'spring', not {layout!r}"
        raise ValueError(msg)
    chosen = _chosen_view(graph, as_of, view, around, depth, gaps_only, org_chart, levels)
    centre = () if chosen is None else chosen.ids(Mark.FOCUS) or chosen.ids(Mark.GAP)
    if layout is None:
        layout = "layers" if chosen is None or chosen.direction == "BT" else "shells"
    if kinds is None:
        if chosen is None:
            chosen_kinds = PLOT_KINDS
        else:
            chosen_kinds = _present(tuple(NodeKind), {graph.kind_of(n) for n in chosen.nodes}, PLOT_KINDS)
    else:
        chosen_kinds = tuple(dict.fromkeys(NodeKind(k) for k in kinds))
    if relations is None:
        if chosen is None:
            chosen_relations = PLOT_RELATIONS
        else:
            chosen_relations = _present(tuple(Relation), {r for _, _, r in chosen.edges}, PLOT_RELATIONS)
    else:
        chosen_relations = tuple(dict.fromkeys(Relation(r) for r in relations))
    plt = need_pyplot("plot_accountability()")
    line2d: Any = need("matplotlib.lines", "plot_accountability()").Line2D

    drawn = _view(graph, chosen_kinds, chosen_relations, chosen)
    gap_list = gaps(graph, as_of=as_of) if highlight_gaps else GapList()
    bad_nodes, bad_edges = _faults(gap_list, drawn)
    if layout == "layers":
        pos = _layers(organization, drawn, chosen_kinds, graph)
        rows = len({p[1] for p in pos.values()})
        span = max((p[0] for p in pos.values()), default=1.0)
        size = (min(26.0, max(9.0, 0.3 * span + 3.0)), min(20.0, max(5.0, 1.5 * rows + 2.0)))
    elif layout == "shells":
        pos = _shells(drawn, [n for n in centre if n in drawn])
        size = (12.0, 10.0)
    else:
        pos = {n: (float(p[0]), float(p[1])) for n, p in nx.spring_layout(drawn, seed=seed).items()}
        size = (10.0, 8.0)
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")

    nodes = list(drawn.nodes)
    top = {r.id for r in organization.top_management}
    styles = {n: _NODE_STYLE.get(graph.kind_of(n), _OTHER_NODE) for n in nodes}
    sizes = [styles[n][2] for n in nodes]
    edge_styles = _edge_styles(chosen_relations)
    for relation in chosen_relations:
        colour, style, width = edge_styles[relation]
        edges = [(u, v) for u, v, r in drawn.edges(data="relation") if r is relation]
        for fault in (False, True):
            edge_group = [e for e in edges if (e in bad_edges) is fault]
            if not edge_group:
                continue
            arrows = nx.draw_networkx_edges(
                drawn,
                pos,
                edgelist=edge_group,
                edge_color=_GAP_FACE if fault else colour,
                style=style,
                width=2.0 if fault else width,
                arrows=True,
                arrowsize=7,
                node_size=sizes,
                nodelist=nodes,
                ax=ax,
            )
            gid = f"edge:{relation.value}" + (":gap" if fault else "")
            for arrow in arrows:
                arrow.set_gid(gid)
    for kind in chosen_kinds:
        shape, colour, node_size = _NODE_STYLE.get(kind, _OTHER_NODE)
        members = [n for n in nodes if graph.kind_of(n) is kind]
        for fault in (False, True):
            group = [n for n in members if (n in bad_nodes) is fault]
            if not group:
                continue
            collection = nx.draw_networkx_nodes(
                drawn,
                pos,
                nodelist=group,
                node_shape=shape,
                node_size=node_size * (1.6 if fault else 1.0),
                node_color=[_GAP_FACE if fault else (_TOP_MANAGEMENT if n in top else colour) for n in group],
                edgecolors=_GAP_EDGE if fault else "white",
                linewidths=1.5 if fault else 0.5,
                ax=ax,
            )
            collection.set_gid(f"nodes:{kind.value}" + (":gap" if fault else ""))
            collection.set_zorder(3)
    focus = [] if chosen is None else [n for n in nodes if chosen.marks[n] is Mark.FOCUS]
    if focus:
        ring = nx.draw_networkx_nodes(
            drawn,
            pos,
            nodelist=focus,
            node_shape="o",
            node_size=[3.2 * styles[n][2] for n in focus],
            node_color="none",
            edgecolors=_FOCUS_RING,
            linewidths=2.5,
            ax=ax,
        )
        ring.set_gid("focus")
        ring.set_zorder(2)
    if labels:
        rotation = 35 if layout == "layers" else 0
        for n in nodes:
            x, y = pos[n]
            ax.text(
                x,
                y - 0.18,
                _short(graph.label_of(n)),
                fontsize=6,
                rotation=rotation,
                rotation_mode="anchor",
                ha="right" if rotation else "center",
                va="top",
                color=_GAP_FACE if n in bad_nodes else "#222222",
                gid="label",
                zorder=4,
            )

    handles = []
    for kind in chosen_kinds:
        shape, colour, _ = _NODE_STYLE.get(kind, _OTHER_NODE)
        handles.append(line2d([], [], marker=shape, linestyle="none", color=colour, label=kind.value.replace("_", " ")))
    if NodeKind.ROLE in chosen_kinds:
        handles.append(line2d([], [], marker="o", linestyle="none", color=_TOP_MANAGEMENT, label="top management"))
    if highlight_gaps:
        handles.append(line2d([], [], marker="o", linestyle="none", color=_GAP_FACE, label="at fault (gap)"))
    if focus:
        handles.append(
            line2d([], [], marker="o", linestyle="none", markerfacecolor="none", color=_FOCUS_RING, label="focus")
        )
    grey = [relation for relation in chosen_relations if edge_styles[relation] is _OTHER_EDGE]
    for relation in chosen_relations:
        colour, style, width = edge_styles[relation]
        if relation in grey[1:]:
            continue
        label = "other relations" if relation in grey else relation.value.replace("_", " ")
        handles.append(line2d([], [], color=colour, linestyle=style, linewidth=width, label=label))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="x-small", frameon=False)
    # A view's title takes two lines: the organization, then what the view shows.
    title = f"{organization.name}: accountability" if chosen is None else f"{organization.name}\n{chosen.description}"
    if highlight_gaps:
        title += f" ({len(bad_nodes)} of {len(nodes)} drawn elements at fault, {len(gap_list)} gaps)"
    ax.set_title(title, fontsize="medium")
    ax.set_axis_off()
    ax.margins(0.04, 0.12)
    return ax
