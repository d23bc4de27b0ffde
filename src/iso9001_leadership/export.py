"""Export the accountability graph, or a view of it, for other tools: GraphML, GEXF, Graphviz DOT, Mermaid, JSON.

Every format carries each node's ``kind`` and ``label`` and each edge's ``relation``, as text.
The output is deterministic: the same organization gives the same bytes.

A :class:`~iso9001_leadership.views.View` (a focused part of the graph: around an element, the
gaps, a piece of the org chart) exports in every format too, with the same escaping. Each of its
nodes also carries its ``mark`` (``focus``, ``gap`` or ``context``): an attribute in GraphML,
GEXF and JSON, a style in DOT (filled, with a bold outline) and a Mermaid class (``focus``,
``gap``) that the diagram defines.

Names from the file are escaped for each format, so none can break it or reach a terminal raw:
GraphML and GEXF write control characters that XML 1.0 forbids as visible escapes (``\\x01``);
DOT escapes backslashes and quotes and shows every control character as a visible escape;
Mermaid writes quotes, angle brackets, backticks and what could read as an entity code as its
``#quot;``-style entity codes; JSON escapes control characters as ``\\uNNNN``.

Mermaid draws nothing past its limits (by default 50,000 characters of diagram text and 500
edges: its ``maxTextSize`` and ``maxEdges`` settings). A Mermaid export that would pass them
raises :class:`~iso9001_leadership.exceptions.ExportError`, which says by how much and which
focused view to draw instead, rather than write a diagram Mermaid would refuse to show. If
your Mermaid is set up with higher limits, say so with ``mermaid_limits``.

Examples
--------
>>> from iso9001_leadership import Organization, Role, OrgGraph
>>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),
...                                        Role(id="qm", title="Quality Manager", reports_to="ceo")))
>>> print(export(OrgGraph.from_organization(org), "mermaid"))
flowchart LR
  n0["CEO<br/><small>role: ceo</small>"]
  n1["Quality Manager<br/><small>role: qm</small>"]
  n1 -->|reports_to| n0
>>> from iso9001_leadership.views import org_chart
>>> print(export(org_chart(OrgGraph.from_organization(org)), "mermaid"))
flowchart BT
  n0["CEO<br/><small>role: ceo</small>"]
  n1["Quality Manager<br/><small>role: qm</small>"]
  n1 -->|reports_to| n0
  classDef focus fill:#dbe9f6,stroke:#1d3557,stroke-width:3px
  class n0 focus
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from iso9001_leadership._escape import json_text, printable
from iso9001_leadership._names import did_you_mean
from iso9001_leadership.exceptions import ExportError
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.views import View

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "MERMAID_LIMITS", "GraphFormat", "MermaidLimits", "export", "plain_graph"]

#: The export formats.
GraphFormat = Literal["graphml", "gexf", "dot", "mermaid", "json"]


def _at_least_zero(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{attribute.name} must be a whole number, 0 or more, not {value!r}"
        raise ExportError(msg, "mermaid")


@attrs.frozen
class MermaidLimits:
    """The largest diagram a Mermaid set-up draws: its ``maxTextSize`` and ``maxEdges`` settings.

    The defaults are Mermaid's own. Mermaid refuses a diagram whose text is longer than
    ``max_text_size`` (counted as JavaScript counts, in UTF-16 code units) or that has more than
    ``max_edges`` edges. Pass the limits your Mermaid is initialised with (``mermaid.initialize``)
    to :func:`export`.

    Examples
    --------
    >>> MermaidLimits()
    MermaidLimits(max_text_size=50000, max_edges=500)
    """

    max_text_size: int = attrs.field(default=50_000, validator=_at_least_zero)
    max_edges: int = attrs.field(default=500, validator=_at_least_zero)


#: Mermaid's default limits.
MERMAID_LIMITS = MermaidLimits()


@attrs.frozen
class _Drawing:
    """What every writer writes, in order: a name, nodes (id, kind, label, mark or None), edges."""

    name: str
    nodes: tuple[tuple[str, str, str, str | None], ...]
    edges: tuple[tuple[str, str, str], ...]
    direction: str
    is_view: bool


def _drawing(graph: OrgGraph | View) -> _Drawing:
    if isinstance(graph, View):
        whole = graph.graph
        return _Drawing(
            graph.name,
            tuple(
                (node, whole.kind_of(node).value, whole.label_of(node), graph.marks[node].value) for node in graph.nodes
            ),
            tuple((u, v, relation.value) for u, v, relation in graph.edges),
            graph.direction,
            is_view=True,
        )
    return _Drawing(
        graph.organization.name,
        tuple((node, data["kind"].value, str(data["label"]), None) for node, data in graph.nx.nodes(data=True)),
        tuple((u, v, data["relation"].value) for u, v, data in graph.nx.edges(data=True)),
        "LR",
        is_view=False,
    )


def plain_graph(graph: OrgGraph | View) -> nx.MultiDiGraph[str]:
    """A copy of the graph (or of a view) whose attributes are plain text (enum members become their values).

    A view's nodes also carry their ``mark``; the graph's ``name`` is the view's
    :attr:`~iso9001_leadership.views.View.name`.
    """
    return _plain(_drawing(graph))


def _plain(drawing: _Drawing) -> nx.MultiDiGraph[str]:
    import networkx as nx  # imported when a graph is exported, not when the CLI starts

    plain: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=drawing.name)
    for node, kind, label, mark in drawing.nodes:
        if mark is None:
            plain.add_node(node, kind=kind, label=label)
        else:
            plain.add_node(node, kind=kind, label=label, mark=mark)
    for u, v, relation in drawing.edges:
        plain.add_edge(u, v, key=relation, relation=relation)
    return plain


def _xml_graph(drawing: _Drawing) -> nx.MultiDiGraph[str]:
    """:func:`plain_graph` with every text XML 1.0 can hold: forbidden characters as visible escapes.

    Of the C0 controls, XML 1.0 allows only tab, line feed and carriage return. Every other
    control character is written as ``\\x01``-style text, and so are the carriage return (a
    parser would read it as a line feed), DEL, the C1 controls and the bidirectional controls
    (which a terminal or a reader may act on): the file parses with any XML parser and prints
    safely. Node ids need nothing: the model allows only letters, digits and ``. _ : / -``.
    """
    plain = _plain(drawing)
    plain.graph.update({key: _xml_value(value) for key, value in plain.graph.items()})
    for _, data in plain.nodes(data=True):
        data.update({key: _xml_value(value) for key, value in data.items()})
    return plain


def _xml_value(value: Any) -> Any:
    return printable(value, keep="\t\n") if isinstance(value, str) else value


def _graphml(drawing: _Drawing) -> str:
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_graphml(_xml_graph(drawing), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue().decode("utf-8")


def _gexf(drawing: _Drawing) -> str:
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_gexf(_xml_graph(drawing), buffer, encoding="utf-8", prettyprint=True)
    text = buffer.getvalue().decode("utf-8")
    # networkx stamps the day it ran into the file; drop it so the output is deterministic.
    return re.sub(r' lastmodifieddate="[^"]*"', "", text)


def _dot_quote(*lines: str) -> str:
    """Lines as one DOT quoted string joined by DOT's ``\\n`` line break.

    Control characters (line breaks within a line included) are written as visible escapes
    first; then backslashes are doubled, so that none can start a DOT escape such as ``\\N``,
    and quotes escaped, so that none can end the string.
    """
    return '"' + "\\n".join(printable(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines) + '"'


_SHAPES = {"role": "box", "process": "ellipse", "responsibility": "note", "authority": "diamond", "person": "oval"}

#: How DOT draws the marked nodes of a view (after their ``mark`` attribute).
_DOT_MARKS = {
    "focus": ', style="filled,bold", fillcolor="#dbe9f6", color="#1d3557", penwidth=2',
    "gap": ', style="filled,bold", fillcolor="#fde2e2", color="#b00020", penwidth=2',
    "context": "",
}


def _dot(drawing: _Drawing) -> str:
    lines = [
        f"digraph {_dot_quote(drawing.name)} {{",
        f"  rankdir={drawing.direction};",
        "  node [fontname=Helvetica];",
    ]
    if drawing.is_view:
        lines.append(f"  label={_dot_quote(drawing.name)}; labelloc=t; fontname=Helvetica;")
    for node, kind, label, mark in drawing.nodes:
        shape = _SHAPES.get(kind, "box")
        text = _dot_quote(label, f"({kind})")
        marked = "" if mark is None else f", mark={_dot_quote(mark)}{_DOT_MARKS[mark]}"
        lines.append(f"  {_dot_quote(node)} [label={text}, shape={shape}, kind={_dot_quote(kind)}{marked}];")
    for u, v, relation in drawing.edges:
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(relation)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: What Mermaid would decode as an entity code (``#quot;``, ``#35;``) or HTML as a character reference.
_MERMAID_ENTITY = re.compile(r"#(?=\w+;)")
_HTML_REFERENCE = re.compile(r"&(?=#?\w+;)")
_MERMAID_CODES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile('["<>`]')

#: The Mermaid classes of the marked nodes of a view (``context`` nodes keep the default look).
_MERMAID_CLASSES = {
    "focus": "fill:#dbe9f6,stroke:#1d3557,stroke-width:3px",
    "gap": "fill:#fde2e2,stroke:#b00020,stroke-width:3px",
}


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label, one line, that no quote, tag, backtick or entity code in it can break.

    Control characters (line breaks included) are visible escapes; quotes, angle brackets and
    backticks (which would start a Markdown string) are Mermaid entity codes; a ``#`` or ``&``
    that would start an entity code or a character reference is one itself.
    """
    text = _MERMAID_ENTITY.sub("#35;", printable(text))
    text = _HTML_REFERENCE.sub("#amp;", text)
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_CODES[m.group()], text)


def _mermaid(drawing: _Drawing) -> str:
    names = {node: f"n{index}" for index, (node, _, _, _) in enumerate(drawing.nodes)}
    lines = [f"flowchart {drawing.direction}"]
    marked: dict[str, list[str]] = {mark: [] for mark in _MERMAID_CLASSES}
    for node, kind, label, mark in drawing.nodes:
        lines.append(f'  {names[node]}["{_mermaid_text(label)}<br/><small>{kind}: {_mermaid_text(node)}</small>"]')
        if mark in marked:
            marked[mark].append(names[node])
    for u, v, relation in drawing.edges:
        lines.append(f"  {names[u]} -->|{relation}| {names[v]}")
    lines.extend(f"  classDef {mark} {_MERMAID_CLASSES[mark]}" for mark, members in marked.items() if members)
    lines.extend(f"  class {','.join(members)} {mark}" for mark, members in marked.items() if members)
    return "\n".join(lines)


def _mermaid_size(text: str) -> int:
    """The length of ``text`` as JavaScript counts it (UTF-16 code units), which is what Mermaid compares."""
    return len(text.encode("utf-16-le")) // 2


def _check_mermaid(drawing: _Drawing, text: str, limits: MermaidLimits) -> None:
    """Raise :class:`ExportError` if Mermaid, with these limits, would refuse to draw ``text``."""
    size, edges = _mermaid_size(text), len(drawing.edges)
    over = []
    if size > limits.max_text_size:
        over.append(f"{size:,} characters (its limit, maxTextSize, is {limits.max_text_size:,})")
    if edges > limits.max_edges:
        over.append(f"{edges:,} edges (its limit, maxEdges, is {limits.max_edges:,})")
    if not over:
        return
    msg = f"Mermaid would refuse to draw this diagram of {drawing.name!r}: it has {' and '.join(over)}. "
    if drawing.is_view:
        msg += (
            "Draw a smaller view: fewer edges away (depth, --depth), fewer levels (levels, --levels), "
            "fewer gap kinds (kinds, --gap-kind), or the view around one element (--around ID)"
        )
    else:
        msg += (
            "Draw a focused view instead: views.around(graph, ID), views.gaps_only(graph, as_of=...) or "
            "views.org_chart(graph), on the command line --around ID, --gaps-only or --org-chart; "
            "or export the whole graph as GraphML, GEXF or JSON for a tool made for large graphs "
            "(yEd, Gephi, Cytoscape)"
        )
    msg += (
        ". If your Mermaid is set up with higher limits, give them "
        "(mermaid_limits=MermaidLimits(...), --mermaid-max-text-size, --mermaid-max-edges)."
    )
    raise ExportError(msg, "mermaid")


def _json(drawing: _Drawing) -> str:
    # networkx's node-link shape, written here: ``node_link_data`` changed its keywords in
    # networkx 3.4 (``edges=`` replaced ``link=``), and we support networkx 3.1 and later.
    plain = _plain(drawing)
    data: dict[str, Any] = {
        "directed": True,
        "multigraph": True,
        "graph": dict(plain.graph),
        "nodes": [{**attributes, "id": node} for node, attributes in plain.nodes(data=True)],
        "edges": [
            {**attributes, "source": u, "target": v, "key": key}
            for u, v, key, attributes in plain.edges(keys=True, data=True)
        ],
    }
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


_WRITERS: dict[str, Callable[[_Drawing], str]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "dot": _dot,
    "mermaid": _mermaid,
    "json": _json,
}

#: The export formats, in the order the CLI offers them (the keys of the writer table).
GRAPH_FORMATS: tuple[str, ...] = tuple(_WRITERS)


def export(
    graph: OrgGraph | View, format: GraphFormat, *, mermaid_limits: MermaidLimits | None = MERMAID_LIMITS
) -> str:
    """The graph, or a view of it, as text in one of :data:`GRAPH_FORMATS`.

    ``graphml`` and ``gexf`` open in yEd and Gephi, ``dot`` in Graphviz, ``mermaid`` renders in
    Markdown pages (GitHub, GitLab, MkDocs), ``json`` is networkx's node-link form. The whole
    graph of a real organization is too big to read as a drawing: draw a
    :class:`~iso9001_leadership.views.View` in DOT or Mermaid, and keep the whole graph for the
    tools made for large graphs (GraphML, GEXF, JSON).

    Parameters
    ----------
    graph
        The accountability graph, or a view of it.
    format
        One of :data:`GRAPH_FORMATS`.
    mermaid_limits
        The limits of the Mermaid that will draw the diagram (default: Mermaid's own,
        :data:`MERMAID_LIMITS`); ``None`` to write the diagram whatever its size. Only the
        ``mermaid`` format reads it.

    Raises
    ------
    ExportError
        For an unknown format (a ``ValueError``), naming the formats there are and the closest
        one; for a Mermaid diagram over ``mermaid_limits``, saying its size, the limit and the
        focused views to draw instead.

    Examples
    --------
    >>> from iso9001_leadership import OrgGraph, loads
    >>> from iso9001_leadership.views import around
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO, top_management: true}]
    ... processes: [{id: sales, name: Sales, owner: ceo}, {id: make, name: Production, owner: ceo}]
    ... '''))
    >>> print(export(around(graph, "sales"), "dot"))
    digraph "Acme: around 'sales' (depth 1)" {
      rankdir=LR;
      node [fontname=Helvetica];
      label="Acme: around 'sales' (depth 1)"; labelloc=t; fontname=Helvetica;
      "ceo" [label="CEO\\n(role)", shape=box, kind="role", mark="context"];
      "sales" [label="Sales\\n(process)", shape=ellipse, kind="process", mark="focus", style="filled,bold", fillcolor="#dbe9f6", color="#1d3557", penwidth=2];
      "ceo" -> "sales" [label="owns"];
    }
    <BLANKLINE>
    >>> export(graph, "mermaid", mermaid_limits=MermaidLimits(max_edges=1))
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.ExportError: Mermaid would refuse to draw this diagram of 'Acme': it has 2 edges (its limit, maxEdges, is 1). Draw a focused view instead: ...
    """
    writer = _WRITERS.get(format)
    if writer is None:
        msg = f"unknown graph format {format!r}; expected one of {', '.join(GRAPH_FORMATS)}"
        msg += did_you_mean(format, GRAPH_FORMATS, parenthesized=True) if isinstance(format, str) else ""
        raise ExportError(msg, str(format))
    drawing = _drawing(graph)
    text = writer(drawing)
    if format == "mermaid" and mermaid_limits is not None:
        _check_mermaid(drawing, text, mermaid_limits)
    return text
