"""Export the accountability graph for other tools: GraphML, GEXF, Graphviz DOT, Mermaid, JSON.

Every format carries each node's ``kind`` and ``label`` and each edge's ``relation``, as text.
The output is deterministic: the same organization gives the same bytes.

Names from the file are escaped for each format, so none can break it or reach a terminal raw:
GraphML and GEXF write control characters that XML 1.0 forbids as visible escapes (``\\x01``);
DOT escapes backslashes and quotes and shows every control character as a visible escape;
Mermaid writes quotes, angle brackets, backticks and what could read as an entity code as its
``#quot;``-style entity codes; JSON escapes control characters as ``\\uNNNN``.

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
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from iso9001_leadership._escape import json_text, printable
from iso9001_leadership._names import did_you_mean
from iso9001_leadership.exceptions import ExportError
from iso9001_leadership.graph import OrgGraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "GraphFormat", "export", "plain_graph"]

#: The export formats.
GraphFormat = Literal["graphml", "gexf", "dot", "mermaid", "json"]


def plain_graph(graph: OrgGraph) -> nx.MultiDiGraph[str]:
    """A copy of the graph whose attributes are plain text (enum members become their values)."""
    import networkx as nx  # imported when a graph is exported, not when the CLI starts

    plain: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=graph.organization.name)
    for node, data in graph.nx.nodes(data=True):
        plain.add_node(node, kind=data["kind"].value, label=str(data["label"]))
    for u, v, data in graph.nx.edges(data=True):
        relation = data["relation"].value
        plain.add_edge(u, v, key=relation, relation=relation)
    return plain


def _xml_graph(graph: OrgGraph) -> nx.MultiDiGraph[str]:
    """:func:`plain_graph` with every text XML 1.0 can hold: forbidden characters as visible escapes.

    Of the C0 controls, XML 1.0 allows only tab, line feed and carriage return. Every other
    control character is written as ``\\x01``-style text, and so are the carriage return (a
    parser would read it as a line feed), DEL, the C1 controls and the bidirectional controls
    (which a terminal or a reader may act on): the file parses with any XML parser and prints
    safely. Node ids need nothing: the model allows only letters, digits and ``. _ : / -``.
    """
    plain = plain_graph(graph)
    plain.graph.update({key: _xml_value(value) for key, value in plain.graph.items()})
    for _, data in plain.nodes(data=True):
        data.update({key: _xml_value(value) for key, value in data.items()})
    return plain


def _xml_value(value: Any) -> Any:
    return printable(value, keep="\t\n") if isinstance(value, str) else value


def _graphml(graph: OrgGraph) -> str:
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_graphml(_xml_graph(graph), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue().decode("utf-8")


def _gexf(graph: OrgGraph) -> str:
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_gexf(_xml_graph(graph), buffer, encoding="utf-8", prettyprint=True)
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


def _dot(graph: OrgGraph) -> str:
    lines = [f"digraph {_dot_quote(graph.organization.name)} {{", "  rankdir=LR;", "  node [fontname=Helvetica];"]
    for node, data in graph.nx.nodes(data=True):
        kind = data["kind"].value
        shape = _SHAPES.get(kind, "box")
        label = _dot_quote(str(data["label"]), f"({kind})")
        lines.append(f"  {_dot_quote(node)} [label={label}, shape={shape}, kind={_dot_quote(kind)}];")
    for u, v, data in graph.nx.edges(data=True):
        relation = data["relation"].value
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(relation)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: What Mermaid would decode as an entity code (``#quot;``, ``#35;``) or HTML as a character reference.
_MERMAID_ENTITY = re.compile(r"#(?=\w+;)")
_HTML_REFERENCE = re.compile(r"&(?=#?\w+;)")
_MERMAID_CODES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile('["<>`]')


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label, one line, that no quote, tag, backtick or entity code in it can break.

    Control characters (line breaks included) are visible escapes; quotes, angle brackets and
    backticks (which would start a Markdown string) are Mermaid entity codes; a ``#`` or ``&``
    that would start an entity code or a character reference is one itself.
    """
    text = _MERMAID_ENTITY.sub("#35;", printable(text))
    text = _HTML_REFERENCE.sub("#amp;", text)
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_CODES[m.group()], text)


def _mermaid(graph: OrgGraph) -> str:
    names = {node: f"n{index}" for index, node in enumerate(graph.nx.nodes)}
    lines = ["flowchart LR"]
    for node, data in graph.nx.nodes(data=True):
        label = _mermaid_text(str(data["label"]))
        lines.append(f'  {names[node]}["{label}<br/><small>{data["kind"].value}: {_mermaid_text(node)}</small>"]')
    for u, v, data in graph.nx.edges(data=True):
        lines.append(f"  {names[u]} -->|{data['relation'].value}| {names[v]}")
    return "\n".join(lines)


def _json(graph: OrgGraph) -> str:
    # networkx's node-link shape, written here: ``node_link_data`` changed its keywords in
    # networkx 3.4 (``edges=`` replaced ``link=``), and we support networkx 3.1 and later.
    plain = plain_graph(graph)
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


_WRITERS: dict[str, Callable[[OrgGraph], str]] = {
    "graphml": _graphml,
    "gexf": _gexf,
    "dot": _dot,
    "mermaid": _mermaid,
    "json": _json,
}

#: The export formats, in the order the CLI offers them (the keys of the writer table).
GRAPH_FORMATS: tuple[str, ...] = tuple(_WRITERS)


def export(graph: OrgGraph, format: GraphFormat) -> str:
    """The graph as text in one of :data:`GRAPH_FORMATS`.

    ``graphml`` and ``gexf`` open in yEd and Gephi, ``dot`` in Graphviz, ``mermaid`` renders in
    Markdown pages (GitHub, GitLab, MkDocs), ``json`` is networkx's node-link form.

    Raises
    ------
    ExportError
        For an unknown format (a ``ValueError``), naming the formats there are and the closest one.
    """
    writer = _WRITERS.get(format)
    if writer is None:
        msg = f"unknown graph format {format!r}; expected one of {', '.join(GRAPH_FORMATS)}"
        msg += did_you_mean(format, GRAPH_FORMATS, parenthesized=True) if isinstance(format, str) else ""
        raise ExportError(msg, str(format))
    return writer(graph)
