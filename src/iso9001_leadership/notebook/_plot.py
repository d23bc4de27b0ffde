"""The accountability graph drawn with matplotlib: roles, responsibilities and processes, gaps in red.

matplotlib is imported only when called (see :mod:`._extras`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import Gap

from ._extras import need, need_pyplot
from ._gaps import GapList, gaps

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["PLOT_KINDS", "PLOT_RELATIONS", "plot_accountability"]

#: The kinds of element :func:`plot_accountability` draws by default, top row first.
PLOT_KINDS: tuple[NodeKind, ...] = (NodeKind.ROLE, NodeKind.RESPONSIBILITY, NodeKind.PROCESS)

#: The relations :func:`plot_accountability` draws by default.
PLOT_RELATIONS: tuple[Relation, ...] = (
    Relation.REPORTS_TO,
    Relation.OWNS,
    Relation.ACCOUNTABLE_FOR,
    Relation.PART_OF,
)

_NODE_STYLE: dict[NodeKind, tuple[str, str, int]] = {  # shape, colour, size
    NodeKind.ROLE: ("o", "#4c78a8", 110),
    NodeKind.RESPONSIBILITY: ("D", "#b07aa1", 55),
    NodeKind.PROCESS: ("s", "#59a14f", 110),
}
_OTHER_NODE = ("^", "#9d9d9d", 70)
_TOP_MANAGEMENT = "#1d3557"
_GAP_FACE = "#d62728"
_GAP_EDGE = "#6b0000"

_LineStyle = Literal["solid", "dashed", "dotted"]

_EDGE_STYLE: dict[Relation, tuple[str, _LineStyle, float]] = {  # colour, line style, width
    Relation.REPORTS_TO: ("#4d4d4d", "solid", 1.0),
    Relation.OWNS: ("#59a14f", "solid", 1.2),
    Relation.ACCOUNTABLE_FOR: ("#b07aa1", "dashed", 0.9),
    Relation.PART_OF: ("#b3b3b3", "dotted", 0.8),
}
_OTHER_EDGE: tuple[str, _LineStyle, float] = ("#9d9d9d", "solid", 0.7)


def _view(graph: OrgGraph, kinds: Sequence[NodeKind], relations: Sequence[Relation]) -> Any:
    """A simple directed graph of the chosen kinds and relations; of two relations between the same pair, the first listed wins."""
    view: nx.DiGraph[str] = nx.DiGraph()
    wanted = set(kinds)
    view.add_nodes_from(n for n in graph.ids() if graph.kind_of(n) in wanted)
    rank = {relation: i for i, relation in enumerate(relations)}
    best: dict[tuple[str, str], Relation] = {}
    for u, v, relation in graph.nx.edges(keys=True):
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


def plot_accountability(
    org: Organization,
    *,
    as_of: dt.date | None = None,
    ax: Axes | None = None,
    highlight_gaps: bool = True,
    kinds: Iterable[NodeKind | str] = PLOT_KINDS,
    relations: Iterable[Relation | str] = PLOT_RELATIONS,
    layout: str = "layers",
    labels: bool = True,
    seed: int = 7,
) -> Axes:
    """Draw the accountability graph: who reports to whom, who owns which process, who answers for what.

    Roles are circles (top management darker), responsibilities diamonds, processes squares.
    With ``highlight_gaps``, every drawn element named in a gap (:func:`gaps`) is filled red,
    and so is every drawn edge between two elements of the same gap (the two accountable roles
    of one responsibility, an auditor and the process it owns).

    Parameters
    ----------
    org
        The organization.
    as_of
        The date the gaps are judged on (``None`` skips the date comparisons).
    ax
        The matplotlib Axes to draw on; a new figure's by default.
    highlight_gaps
        Show the elements at fault in red.
    kinds
        The kinds of element to draw (default :data:`PLOT_KINDS`); in the ``layers`` layout,
        the order of the rows below the reporting tree.
    relations
        The relations to draw as edges (default :data:`PLOT_RELATIONS`). Between two elements
        linked by several, the first in this order is drawn.
    layout
        ``"layers"`` (default): roles as their reporting tree, top management at the top, then
        a row for each other kind. ``"spring"``: a force-directed layout, seeded by ``seed``.
        Both are deterministic.
    labels
        Write each element's title or name (shortened) beside it.
    seed
        The seed of the ``spring`` layout.

    Returns
    -------
    matplotlib.axes.Axes
        Node groups are ``PathCollection`` objects with gid ``nodes:<kind>`` or
        ``nodes:<kind>:gap``; edges are arrows with gid ``edge:<relation>`` or
        ``edge:<relation>:gap``.

    Raises
    ------
    ValueError
        For an unknown kind, relation or layout.
    MissingExtraError
        If matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from iso9001_leadership import loads
    >>> org = loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... processes: [{id: make, name: Production, owner: qm}, {id: ship, name: Shipping}]
    ... ''')
    >>> ax = plot_accountability(org, highlight_gaps=False)
    >>> [(c.get_gid(), len(c.get_offsets())) for c in ax.collections]
    [('nodes:role', 2), ('nodes:process', 2)]
    >>> [arrow.get_gid() for arrow in ax.patches]
    ['edge:reports_to', 'edge:owns']
    >>> plt.close(ax.figure)
    """
    chosen_kinds = tuple(dict.fromkeys(NodeKind(k) for k in kinds))
    chosen_relations = tuple(dict.fromkeys(Relation(r) for r in relations))
    if layout not in ("layers", "spring"):
        msg = f"layout must be 'layers' or 'spring', not {layout!r}"
        raise ValueError(msg)
    plt = need_pyplot("plot_accountability()")
    line2d: Any = need("matplotlib.lines", "plot_accountability()").Line2D

    graph = OrgGraph.from_organization(org)
    view = _view(graph, chosen_kinds, chosen_relations)
    gap_list = gaps(graph, as_of=as_of) if highlight_gaps else GapList()
    bad_nodes, bad_edges = _faults(gap_list, view)
    if layout == "layers":
        pos = _layers(org, view, chosen_kinds, graph)
        rows = len({p[1] for p in pos.values()})
        span = max((p[0] for p in pos.values()), default=1.0)
        size = (min(26.0, max(9.0, 0.3 * span + 3.0)), min(20.0, max(5.0, 1.5 * rows + 2.0)))
    else:
        pos = {n: (float(p[0]), float(p[1])) for n, p in nx.spring_layout(view, seed=seed).items()}
        size = (10.0, 8.0)
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")

    nodes = list(view.nodes)
    top = {r.id for r in org.top_management}
    styles = {n: _NODE_STYLE.get(graph.kind_of(n), _OTHER_NODE) for n in nodes}
    sizes = [styles[n][2] for n in nodes]
    for relation in chosen_relations:
        colour, style, width = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        edges = [(u, v) for u, v, r in view.edges(data="relation") if r is relation]
        for fault in (False, True):
            edge_group = [e for e in edges if (e in bad_edges) is fault]
            if not edge_group:
                continue
            arrows = nx.draw_networkx_edges(
                view,
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
            drawn = nx.draw_networkx_nodes(
                view,
                pos,
                nodelist=group,
                node_shape=shape,
                node_size=node_size * (1.6 if fault else 1.0),
                node_color=[_GAP_FACE if fault else (_TOP_MANAGEMENT if n in top else colour) for n in group],
                edgecolors=_GAP_EDGE if fault else "white",
                linewidths=1.5 if fault else 0.5,
                ax=ax,
            )
            drawn.set_gid(f"nodes:{kind.value}" + (":gap" if fault else ""))
            drawn.set_zorder(3)
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
    for relation in chosen_relations:
        colour, style, width = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        handles.append(
            line2d([], [], color=colour, linestyle=style, linewidth=width, label=relation.value.replace("_", " "))
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="x-small", frameon=False)
    title = f"{org.name}: accountability"
    if highlight_gaps:
        title += f" ({len(bad_nodes)} of {len(nodes)} drawn elements at fault, {len(gap_list)} gaps)"
    ax.set_title(title, fontsize="medium")
    ax.set_axis_off()
    ax.margins(0.04, 0.12)
    return ax
