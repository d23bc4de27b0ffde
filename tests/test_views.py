"""Focused views of the accountability graph: their contents, their exports, Mermaid's limits, the CLI and the plot."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership import Organization, OrgGraph, UnknownIdError, load, loads
from iso9001_leadership.cli import EXIT_OK, EXIT_USAGE, main
from iso9001_leadership.exceptions import ExportError, UsageError
from iso9001_leadership.export import GRAPH_FORMATS, MERMAID_LIMITS, MermaidLimits, export
from iso9001_leadership.graph import NodeKind, Relation
from iso9001_leadership.queries import find_gaps
from iso9001_leadership.strategies import organizations
from iso9001_leadership.views import Mark, View, around, gaps_only, org_chart

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)

#: A small organization with a known answer for every view below.
ACME = loads(
    """
name: Acme Pumps
roles:
- {id: ceo, title: Chief Executive, top_management: true}
- {id: qm, title: Quality Manager, reports_to: ceo, audits: [testing]}
- {id: ops, title: Operations Manager, reports_to: ceo}
- {id: lead, title: Shift Lead, reports_to: ops}
- {id: tech, title: Technician, reports_to: lead}
- {id: lab, title: Lab Lead}
people:
- {id: ana, name: Ana Ruiz, roles: [ceo]}
- {id: ben, name: Ben Ode, roles: [qm, ops]}
- {id: dee, name: Dee Lund, roles: [lab]}
responsibilities:
- {id: evaluate, title: Evaluate suppliers, accountable: [qm, ops], responsible: [qm]}
processes:
- {id: sales, name: Sales, owner: ceo, interacts_with: [make]}
- {id: make, name: Production, owner: ops, interacts_with: [testing]}
- {id: testing, name: Testing, owner: qm, interacts_with: [calibration]}
- {id: calibration, name: Calibration}
"""
)


@pytest.fixture(scope="module")
def acme() -> OrgGraph:
    return OrgGraph.from_organization(ACME)


@pytest.fixture(scope="module")
def example() -> OrgGraph:
    return OrgGraph.from_organization(load(EXAMPLE))


def _induced(graph: OrgGraph, nodes: set[str]) -> set[tuple[str, str, Relation]]:
    """Every edge of the full networkx graph between two of ``nodes``."""
    return {(u, v, key) for u, v, key in graph.nx.edges(keys=True) if u in nodes and v in nodes}


def _assert_well_formed(view: View) -> None:
    """The invariants every view keeps, whatever it was built from."""
    graph = view.graph
    nodes = set(view.nodes)
    assert len(nodes) == len(view.nodes), "each node once"
    assert nodes <= set(graph.ids())
    assert list(view.nodes) == sorted(view.nodes, key=graph.position), "nodes in file order"
    assert set(view.marks) == nodes
    assert len(set(view.edges)) == len(view.edges), "each edge once"
    assert set(view.edges) <= _induced(graph, nodes), "a subgraph of the full graph"


# -- contents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("make", 0, {"make"}),
        ("make", 1, {"make", "ops", "sales", "testing"}),
        ("make", 2, {"make", "ops", "sales", "testing", "ceo", "lead", "ben", "evaluate", "qm", "calibration"}),
        ("tech", 1, {"tech", "lead"}),
        ("ben", 1, {"ben", "qm", "ops"}),
        ("calibration", 1, {"calibration", "testing"}),
        ("lab", 9, {"lab", "dee"}),
    ],
)
def test_around_reaches_depth_edges_either_way(acme: OrgGraph, focus: str, depth: int, expected: set[str]) -> None:
    """around(x, depth) holds x and every element within depth edges of it, in both directions, and nothing else."""
    view = around(acme, focus, depth=depth)
    assert set(view.nodes) == expected
    assert view.ids(Mark.FOCUS) == (focus,)
    assert set(view.ids(Mark.CONTEXT)) == expected - {focus}
    assert view.description == f"around '{focus}' (depth {depth})"
    _assert_well_formed(view)


def test_around_holds_every_edge_between_its_elements(acme: OrgGraph) -> None:
    """A view is the induced subgraph: edges between two neighbours are shown too, in a fixed order."""
    view = around(acme, "evaluate")
    assert view.nodes == ("qm", "ops", "evaluate")
    assert view.edges == (
        ("qm", "evaluate", Relation.ACCOUNTABLE_FOR),
        ("qm", "evaluate", Relation.RESPONSIBLE_FOR),
        ("ops", "evaluate", Relation.ACCOUNTABLE_FOR),
    )
    assert set(around(acme, "make").edges) == _induced(acme, {"make", "ops", "sales", "testing"})


@pytest.mark.parametrize(
    ("role", "levels", "expected", "tops"),
    [
        (None, 0, ("ceo",), ("ceo",)),
        (None, 1, ("ceo", "qm", "ops"), ("ceo",)),
        (None, 3, ("ceo", "qm", "ops", "lead", "tech"), ("ceo",)),
        ("ops", 1, ("ops", "lead"), ("ops",)),
        ("ops", 2, ("ops", "lead", "tech"), ("ops",)),
        ("lab", 5, ("lab",), ("lab",)),
    ],
)
def test_org_chart_goes_down_the_reporting_lines(
    acme: OrgGraph, role: str | None, levels: int, expected: tuple[str, ...], tops: tuple[str, ...]
) -> None:
    """org_chart starts from a role (or top management) and goes down levels of reports, roles only."""
    view = org_chart(acme, role, levels=levels)
    assert view.nodes == expected
    assert view.ids(Mark.FOCUS) == tops
    assert view.direction == "BT"
    assert {relation for _, _, relation in view.edges} <= {Relation.REPORTS_TO}
    assert len(view.edges) == len(expected) - len(tops), "every role below the top has its line"
    _assert_well_formed(view)


def test_org_chart_without_top_management_starts_from_the_heads_of_lines() -> None:
    """With no top-management role, the chart starts from every role that reports to no one."""
    graph = OrgGraph.from_organization(
        loads("name: X\nroles: [{id: a, title: A}, {id: b, title: B, reports_to: a}, {id: c, title: C}]")
    )
    view = org_chart(graph)
    assert view.nodes == ("a", "b", "c")
    assert view.ids(Mark.FOCUS) == ("a", "c")


@pytest.mark.parametrize(
    ("kind", "depth", "expected", "at_fault"),
    [
        ("process_without_owner", 0, {"calibration"}, {"calibration"}),
        ("process_without_owner", 1, {"calibration", "testing"}, {"calibration"}),
        # The two accountable roles are shown with their edges to the responsibility, not with
        # everything else they do (qm's process, ops's reports).
        ("responsibility_with_several_accountable", 1, {"evaluate", "qm", "ops"}, {"evaluate", "qm", "ops"}),
        # A role that is the only subject of its gap is a starting point for context.
        ("reporting_line_broken", 1, {"lab", "dee"}, {"lab"}),
    ],
)
def test_gaps_only_marks_the_elements_at_fault_with_their_context(
    acme: OrgGraph, kind: str, depth: int, expected: set[str], at_fault: set[str]
) -> None:
    """Elements named by the gaps are marked gap; their neighbours are context."""
    view = gaps_only(acme, as_of=AS_OF, kinds=[kind], depth=depth)
    assert set(view.nodes) == expected
    assert set(view.ids(Mark.GAP)) == at_fault
    assert view.ids(Mark.FOCUS) == ()
    assert view.description == f"gaps on 2026-11-24: {kind} (depth {depth})"
    _assert_well_formed(view)


def test_gaps_of_the_whole_organization_become_notes(acme: OrgGraph) -> None:
    """A gap that names no element (no quality policy) cannot be drawn: the view says so in its notes."""
    view = gaps_only(acme, as_of=AS_OF, kinds=["no_policy"])
    assert view.nodes == ()
    assert len(view.notes) == 1
    assert view.notes[0].startswith("not drawn (names no element): no_policy (5.2.1)")
    assert gaps_only(acme, as_of=AS_OF, kinds=["process_without_owner"]).notes == ()


def test_gaps_only_of_the_example_marks_every_subject(example: OrgGraph) -> None:
    """On the example, every element a gap names is in the view, marked, and the view is a fraction of the graph."""
    view = gaps_only(example, as_of=AS_OF)
    subjects = {s for gap in find_gaps(example, as_of=AS_OF) for s in gap.subjects}
    assert set(view.ids(Mark.GAP)) == subjects
    assert "proc-calibration" in subjects
    assert len(view) < len(example) / 3
    _assert_well_formed(view)


def test_org_chart_of_the_example_is_top_management_and_the_level_below(example: OrgGraph) -> None:
    """The default chart of the example: its four top-management roles and whoever reports to them."""
    view = org_chart(example)
    organization = example.organization
    tops = tuple(role.id for role in organization.top_management)
    assert view.ids(Mark.FOCUS) == tops == ("ceo", "cfo", "coo", "commercial-director")
    below = {role.id for role in organization.roles if role.reports_to in tops}
    assert set(view.nodes) == set(tops) | below


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda g: around(g, "mkae"), UnknownIdError, "no element with id 'mkae'; did you mean 'make'?"),
        (lambda g: org_chart(g, "ceo-"), UnknownIdError, "did you mean 'ceo'?"),
        (lambda g: org_chart(g, "make"), UsageError, "'make' is a process, not a role"),
        (lambda g: org_chart(g, "evaluate"), UsageError, "'evaluate' is a responsibility, not a role"),
        (lambda g: around(g, "make", depth=-1), UsageError, "depth must be a whole number, 0 or more, not -1"),
        (lambda g: around(g, "make", depth=True), UsageError, "not True"),
        (lambda g: around(g, "make", depth=1.5), UsageError, "not 1.5"),  # type: ignore[arg-type]
        (lambda g: org_chart(g, levels=-2), UsageError, "levels must be a whole number"),
        (lambda g: gaps_only(g, as_of=None, kinds=["self_audt"]), ValueError, "did you mean 'self_audit'?"),
        (lambda g: gaps_only(g, as_of=None, depth=-1), UsageError, "depth must be"),
        (lambda g: View.of(g, ["make"], marks={"make": "hot"}), UsageError, "'hot' is not a mark"),
        (lambda g: View.of(g, ["make", "nope"]), UnknownIdError, "no element with id 'nope'"),
    ],
)
def test_bad_requests_raise_our_errors(acme: OrgGraph, call: Any, error: type[Exception], message: str) -> None:
    """Unknown ids offer the closest one; bad depths, levels, kinds and marks say what was expected."""
    with pytest.raises(error, match=re.escape(message)):
        call(acme)


def test_view_of_any_elements(acme: OrgGraph) -> None:
    """View.of takes ids in any order, orders them as the file does, and marks the rest context."""
    view = View.of(acme, ["testing", "qm", "qm"], marks={"calibration": "gap"}, notes=["see also"])
    assert view.nodes == ("qm", "testing", "calibration")
    assert dict(view.marks) == {"qm": Mark.CONTEXT, "testing": Mark.CONTEXT, "calibration": Mark.GAP}
    assert set(view.edges) == {
        ("qm", "testing", Relation.AUDITS),
        ("qm", "testing", Relation.OWNS),
        ("testing", "calibration", Relation.INTERACTS_WITH),
    }
    assert view.notes == ("see also",)
    assert view.name == "Acme Pumps: a view"


def test_to_networkx_is_a_copy_shaped_like_the_graph(acme: OrgGraph) -> None:
    """The view's networkx graph carries kind, label and mark, and edges keyed by relation."""
    graph = around(acme, "make").to_networkx()
    assert graph.nodes["make"] == {"kind": NodeKind.PROCESS, "label": "Production", "mark": Mark.FOCUS}
    assert graph.has_edge("ops", "make", key=Relation.OWNS)
    assert graph.graph["name"] == "Acme Pumps: around 'make' (depth 1)"
    graph.add_node("mine")  # not frozen: the caller's to change


def test_views_read_the_index_not_networkx(example: OrgGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a view and exporting it never builds the whole networkx graph."""
    graph = OrgGraph.from_organization(example.organization)

    def refuse(self: OrgGraph) -> Any:
        pytest.fail("a view built the whole networkx graph")

    monkeypatch.setattr(OrgGraph, "nx", property(refuse))
    for view in (around(graph, "proc-calibration", depth=2), gaps_only(graph, as_of=AS_OF), org_chart(graph)):
        for fmt in GRAPH_FORMATS:
            assert export(view, fmt)  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------


@given(organizations(), st.data())
def test_around_is_a_growing_subgraph_holding_its_focus(org: Organization, data: st.DataObject) -> None:
    """around(x, d) is an induced subgraph holding x, within around(x, d + 1); far enough, x's whole component."""
    graph = OrgGraph.from_organization(org)
    if not len(graph):
        return
    focus = data.draw(st.sampled_from(graph.ids()), label="focus")
    depth = data.draw(st.integers(0, 3), label="depth")
    view, wider = around(graph, focus, depth=depth), around(graph, focus, depth=depth + 1)
    _assert_well_formed(view)
    assert set(view.edges) == _induced(graph, set(view.nodes))
    assert view.ids(Mark.FOCUS) == (focus,)
    assert set(view.nodes) <= set(wider.nodes)
    component = nx.node_connected_component(graph.nx.to_undirected(as_view=True), focus)
    assert set(around(graph, focus, depth=len(graph)).nodes) == component


@given(organizations(), st.integers(0, 2))
def test_gaps_only_holds_every_subject_and_grows_with_depth(org: Organization, depth: int) -> None:
    """Every subject of every gap is in the view, marked gap; everything else is context; depth only adds."""
    graph = OrgGraph.from_organization(org)
    view = gaps_only(graph, as_of=AS_OF, depth=depth)
    _assert_well_formed(view)
    gaps = find_gaps(graph, as_of=AS_OF)
    assert set(view.ids(Mark.GAP)) == {s for gap in gaps for s in gap.subjects}
    assert set(view.nodes) <= set(gaps_only(graph, as_of=AS_OF, depth=depth + 1).nodes)
    assert len(view.notes) == sum(1 for gap in gaps if not gap.subjects)


@given(organizations(), st.integers(0, 3))
def test_org_chart_is_roles_each_under_its_manager(org: Organization, levels: int) -> None:
    """An org chart holds roles only; every role in it but the tops has its manager in it; levels only add."""
    graph = OrgGraph.from_organization(org)
    view = org_chart(graph, levels=levels)
    _assert_well_formed(view)
    assert all(graph.kind_of(n) is NodeKind.ROLE for n in view.nodes)
    tops = set(view.ids(Mark.FOCUS))
    for node in set(view.nodes) - tops:
        assert org[node].reports_to in view  # type: ignore[union-attr]
    assert set(view.nodes) <= set(org_chart(graph, levels=levels + 1).nodes)


@given(organizations(), st.data())
def test_view_exports_are_deterministic_and_complete(org: Organization, data: st.DataObject) -> None:
    """Every format writes the same bytes twice; the JSON carries exactly the view's nodes, marks and edges."""
    graph = OrgGraph.from_organization(org)
    if not len(graph):
        return
    view = around(graph, data.draw(st.sampled_from(graph.ids())), depth=data.draw(st.integers(0, 2)))
    fmt = data.draw(st.sampled_from(GRAPH_FORMATS))
    assert export(view, fmt) == export(view, fmt)  # type: ignore[arg-type]
    parsed = json.loads(export(view, "json"))
    assert [(n["id"], n["mark"]) for n in parsed["nodes"]] == [(n, view.marks[n].value) for n in view.nodes]
    assert [(e["source"], e["target"], e["relation"]) for e in parsed["edges"]] == [
        (u, v, r.value) for u, v, r in view.edges
    ]


# -- exports of views -----------------------------------------------------------------------

#: A role whose title tries to break every format.
HOSTILE = loads(
    """
name: "Evil \\"Corp\\" \\u001b[2J"
roles:
- {id: ceo, title: "CEO \\" <b>x</b> `code` #quot; &amp; \\\\N \\u001b]0;pwned\\u0007 \\r\\n end", top_management: true}
- {id: qm, title: QM, reports_to: ceo}
processes: [{id: make, name: Make, owner: qm}]
"""
)

_MERMAID_VIEW_LINES = re.compile(
    r'flowchart (LR|BT)|  n\d+\["[^"`]*"\]|  n\d+ -->\|\w+\| n\d+'
    r"|  classDef (focus|gap) [\w:#,.-]+|  class n\d+(,n\d+)* (focus|gap)"
)
_DOT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_DOT_VIEW_LINES = re.compile(
    r"digraph S \{|  rankdir=(LR|BT);|  node \[fontname=Helvetica\];|  label=S; labelloc=t; fontname=Helvetica;"
    r"|  S \[label=S, shape=\w+, kind=S, mark=S(, style=S, fillcolor=S, color=S, penwidth=2)?\];"
    r"|  S -> S \[label=S\];|\}"
)


def _terminal_safe(text: str) -> bool:
    return re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text) is None


@pytest.mark.parametrize("make_view", [lambda g: around(g, "ceo"), lambda g: org_chart(g, levels=2)])
def test_mermaid_and_dot_views_keep_one_token_per_label(make_view: Any) -> None:
    """A view's Mermaid and DOT are line by line what they should be, whatever the titles hold, and terminal-safe."""
    view = make_view(OrgGraph.from_organization(HOSTILE))
    mermaid = export(view, "mermaid")
    assert _terminal_safe(mermaid)
    for line in mermaid.split("\n"):
        assert _MERMAID_VIEW_LINES.fullmatch(line), line
    assert "#35;quot;" in mermaid
    assert "#amp;amp;" in mermaid
    dot = export(view, "dot")
    assert _terminal_safe(dot)
    for line in dot.rstrip("\n").split("\n"):
        assert _DOT_VIEW_LINES.fullmatch(_DOT_STRING.sub("S", line)), line


def _marks_read_back(fmt: str, text: str) -> dict[str, str]:
    if fmt == "graphml":
        return dict(nx.read_graphml(io.BytesIO(text.encode())).nodes(data="mark"))
    if fmt == "gexf":
        return dict(nx.read_gexf(io.BytesIO(text.encode())).nodes(data="mark"))
    if fmt == "json":
        return {node["id"]: node["mark"] for node in json.loads(text)["nodes"]}
    if fmt == "dot":
        return dict(re.findall(r'^  "([^"]+)" \[.* mark="(\w+)"', text, re.MULTILINE))
    names = dict(re.findall(r'^  (n\d+)\[".*: ([\w.:/-]+)</small>"\]$', text, re.MULTILINE))
    marks = dict.fromkeys(names.values(), "context")
    for members, mark in re.findall(r"^  class ([\w,]+) (\w+)$", text, re.MULTILINE):
        marks.update(dict.fromkeys((names[m] for m in members.split(",")), mark))
    return marks


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_every_format_carries_the_marks(fmt: str) -> None:
    """Each format names each element of the view once, with its mark, and the hostile title survives parsing."""
    graph = OrgGraph.from_organization(HOSTILE)
    view = View.of(graph, graph.ids(), marks={"ceo": Mark.FOCUS, "make": Mark.GAP})
    text = export(view, fmt)  # type: ignore[arg-type]
    assert _marks_read_back(fmt, text) == {"ceo": "focus", "qm": "context", "make": "gap"}
    if fmt in ("graphml", "gexf"):
        ET.fromstring(text.encode())
        assert "<b>x</b>" in nx.read_graphml(io.BytesIO(export(view, "graphml").encode())).nodes["ceo"]["label"]


def test_full_exports_carry_no_marks(acme: OrgGraph) -> None:
    """The whole graph exports as before: no mark attribute, no class, no view title."""
    for fmt in GRAPH_FORMATS:
        text = export(acme, fmt)  # type: ignore[arg-type]
        assert "mark" not in text
        assert "classDef" not in text
        assert "labelloc" not in text


def test_org_chart_runs_bottom_to_top(acme: OrgGraph) -> None:
    """Reports point up to their managers, so an org chart is drawn bottom to top: managers on top."""
    assert export(org_chart(acme), "mermaid").startswith("flowchart BT\n")
    assert "  rankdir=BT;\n" in export(org_chart(acme), "dot")
    assert export(around(acme, "ceo"), "mermaid").startswith("flowchart LR\n")


# -- Mermaid's limits -----------------------------------------------------------------------


def test_mermaid_refuses_the_whole_example(example: OrgGraph) -> None:
    """The whole example is over both of Mermaid's limits: our error says by how much and what to draw instead."""
    with pytest.raises(ExportError, match="Mermaid would refuse") as caught:
        export(example, "mermaid")
    message = str(caught.value)
    assert re.search(r"it has [\d,]+ characters \(its limit, maxTextSize, is 50,000\)", message)
    assert re.search(r"and 937 edges \(its limit, maxEdges, is 500\)", message)
    for advice in ("--around ID", "--gaps-only", "--org-chart", "views.around(graph, ID)", "GraphML, GEXF or JSON"):
        assert advice in message
    assert caught.value.format == "mermaid"
    assert export(example, "mermaid", mermaid_limits=None).startswith("flowchart LR")
    assert export(example, "mermaid", mermaid_limits=MermaidLimits(max_text_size=10**6, max_edges=10**4))


def test_every_view_of_the_example_is_well_under_mermaids_limits(example: OrgGraph) -> None:
    """Around any element (depth 1), the gaps and the org chart of the example are at most half of each limit."""
    views = [around(example, element) for element in example.ids()]
    views += [gaps_only(example, as_of=AS_OF), org_chart(example), org_chart(example, levels=9)]
    for view in views:
        text = export(view, "mermaid")
        assert len(text) <= MERMAID_LIMITS.max_text_size / 2, view.description
        assert len(view.edges) <= MERMAID_LIMITS.max_edges / 2, view.description


def _mermaid_size(graph: OrgGraph) -> tuple[int, int]:
    text = export(graph, "mermaid", mermaid_limits=None)
    return len(text.encode("utf-16-le")) // 2, graph.number_of_edges()


@pytest.mark.parametrize("title", ["CEO", "CEO \U0001f680 rocket"])
def test_mermaid_limits_are_inclusive_and_count_as_javascript_does(title: str) -> None:
    """Exactly at a limit passes, one over fails; an emoji counts twice, as in JavaScript strings."""
    graph = OrgGraph.from_organization(
        loads(f"name: A\nroles: [{{id: ceo, title: '{title}'}}, {{id: qm, title: QM, reports_to: ceo}}]")
    )
    size, edges = _mermaid_size(graph)
    assert size == len(export(graph, "mermaid")) + title.count("\U0001f680")
    assert export(graph, "mermaid", mermaid_limits=MermaidLimits(max_text_size=size, max_edges=edges))
    with pytest.raises(ExportError, match=rf"{size} characters \(its limit, maxTextSize, is {size - 1}\)"):
        export(graph, "mermaid", mermaid_limits=MermaidLimits(max_text_size=size - 1))
    with pytest.raises(ExportError, match=r"1 edges \(its limit, maxEdges, is 0\)"):
        export(graph, "mermaid", mermaid_limits=MermaidLimits(max_edges=0))
    assert export(graph, "dot", mermaid_limits=MermaidLimits(max_edges=0)), "only Mermaid reads the limits"


def test_a_view_over_the_limits_is_told_to_shrink(example: OrgGraph) -> None:
    """A view too big for Mermaid gets advice to make the view smaller, not to draw one."""
    with pytest.raises(ExportError, match=r"Draw a smaller view: fewer edges away \(depth, --depth\)"):
        export(around(example, "policy-quality", depth=2), "mermaid")


@pytest.mark.parametrize("value", [-1, True, 2.5])
def test_mermaid_limits_must_be_whole_numbers(value: Any) -> None:
    """A negative, boolean or fractional limit is refused."""
    with pytest.raises(ExportError, match="must be a whole number"):
        MermaidLimits(max_edges=value)


# -- command line ---------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["graph", str(EXAMPLE), *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _mermaid_ids(text: str) -> set[str]:
    return set(re.findall(r": ([\w.:/-]+)</small>", text))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--around", "proc-calibration"], lambda g: around(g, "proc-calibration")),
        (["--around", "proc-calibration", "--depth", "2"], lambda g: around(g, "proc-calibration", depth=2)),
        (["--gaps-only", "--as-of", "2026-11-24"], lambda g: gaps_only(g, as_of=AS_OF)),
        (
            ["--gaps-only", "--as-of", "2026-11-24", "--gap-kind", "self_audit", "--gap-kind", "unaddressed_risk"],
            lambda g: gaps_only(g, as_of=AS_OF, kinds=["self_audit", "unaddressed_risk"]),
        ),
        (["--gaps-only", "--as-of", "2026-11-24", "--depth", "0"], lambda g: gaps_only(g, as_of=AS_OF, depth=0)),
        (["--org-chart"], org_chart),
        (["--org-chart", "--levels", "2"], lambda g: org_chart(g, levels=2)),
        (["--org-chart", "coo"], lambda g: org_chart(g, "coo")),
    ],
)
def test_cli_draws_each_view(example: OrgGraph, args: list[str], expected: Any) -> None:
    """Each view option draws exactly the view the Python API gives, in Mermaid and the other formats."""
    view = expected(example)
    code, out, err = _run("--format", "mermaid", *args)
    assert (code, err) == (EXIT_OK, "")
    assert out == export(view, "mermaid") + "\n"
    assert _mermaid_ids(out) == set(view.nodes)
    code, out, _ = _run("--format", "json", *args)
    assert code == EXIT_OK
    assert [node["id"] for node in json.loads(out)["nodes"]] == list(view.nodes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Mermaid would refuse to draw this diagram"),
        (["--around", "proc-calbration"], "no element with id 'proc-calbration'; did you mean 'proc-calibration'?"),
        (["--org-chart", "proc-calibration"], "'proc-calibration' is a process, not a role"),
        (["--around", "ceo", "--depth", "-1"], "depth must be a whole number, 0 or more, not -1"),
        (["--gaps-only", "--as-of", "2026-11-24", "--gap-kind", "self_audt"], "did you mean 'self_audit'?"),
        (["--depth", "2"], "--depth goes with --around or --gaps-only"),
        (["--around", "ceo", "--levels", "2", "--as-of", "2026-11-24"], "--levels goes with --org-chart; --as-of"),
        (["--org-chart", "--gap-kind", "self_audit"], "--gap-kind goes with --gaps-only"),
        (["--around", "ceo", "--depth", "3"], "Draw a smaller view"),
        (["--org-chart", "--mermaid-max-edges", "-1"], "max_edges must be a whole number"),
    ],
)
def test_cli_refuses_with_exit_2_and_one_line(args: list[str], message: str) -> None:
    """Bad requests exit 2 with our message on stderr and nothing on stdout."""
    code, out, err = _run("--format", "mermaid", *args)
    assert (code, out) == (EXIT_USAGE, "")
    assert message in err
    assert "Traceback" not in err


def test_cli_view_options_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    """Only one view at a time: argparse refuses two, with exit 2."""
    code, out, _ = _run("--format", "dot", "--around", "ceo", "--gaps-only")
    assert (code, out) == (EXIT_USAGE, "")
    assert "argument --gaps-only: not allowed with argument --around" in capsys.readouterr().err


def test_cli_mermaid_limits_can_be_raised_or_lifted() -> None:
    """The whole example draws in Mermaid when the limits given allow it; limits for other formats are refused."""
    code, out, _ = _run("--format", "mermaid", "--mermaid-max-text-size", "0", "--mermaid-max-edges", "0")
    assert code == EXIT_OK
    assert out.startswith("flowchart LR")
    assert _run("--format", "mermaid", "--mermaid-max-text-size", "60000", "--mermaid-max-edges", "1000")[0] == EXIT_OK
    code, _, err = _run("--format", "mermaid", "--mermaid-max-edges", "1000")
    assert code == EXIT_USAGE
    assert "maxTextSize" in err
    assert "maxEdges" not in err
    assert "--mermaid-max-edges goes with --format mermaid" in _run("--format", "dot", "--mermaid-max-edges", "9")[2]


def test_cli_gaps_only_needs_a_date_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """As for check, --gaps-only in CI without --as-of is refused, so the diagram does not depend on the day."""
    monkeypatch.setenv("CI", "true")
    code, out, err = _run("--format", "dot", "--gaps-only")
    assert (code, out) == (EXIT_USAGE, "")
    assert "--as-of is required when CI is set" in err


def test_cli_notes_what_a_gap_view_cannot_draw(tmp_path: Path) -> None:
    """Gaps of the organization as a whole are listed on stderr, and the diagram still goes out."""
    path = tmp_path / "org.yaml"
    path.write_text("name: Acme\nroles: [{id: ceo, title: CEO, top_management: true}]\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["graph", str(path), "--format", "mermaid", "--gaps-only", "--as-of", "2026-11-24", "-o", str(tmp_path / "g")],
        stdout=out,
        stderr=err,
    )
    assert code == EXIT_OK
    assert "note: not drawn (names no element): no_policy (5.2.1)" in err.getvalue()
    assert (tmp_path / "g").read_text(encoding="utf-8").startswith("flowchart LR")


# -- notebook -------------------------------------------------------------------------------


@pytest.fixture
def plt() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def _drawn(ax: Any) -> dict[str, int]:
    return {c.get_gid(): len(c.get_offsets()) for c in ax.collections}


def test_plot_draws_a_view(plt: Any) -> None:
    """plot_accountability draws the view asked for: its elements of every kind, a ring on the focus, its title."""
    from iso9001_leadership.notebook import plot_accountability

    ax = plot_accountability(ACME, around="make", highlight_gaps=False)
    assert _drawn(ax) == {"nodes:role": 1, "nodes:process": 3, "focus": 1}
    assert ax.get_title() == "Acme Pumps\naround 'make' (depth 1)"
    ax = plot_accountability(ACME, org_chart="ops", levels=2, highlight_gaps=False)
    assert _drawn(ax) == {"nodes:role": 3, "focus": 1}
    ax = plot_accountability(OrgGraph.from_organization(ACME), gaps_only=True, as_of=AS_OF, depth=0)
    view = gaps_only(OrgGraph.from_organization(ACME), as_of=AS_OF, depth=0)
    assert sum(count for gid, count in _drawn(ax).items() if gid.endswith(":gap")) == len(view.ids(Mark.GAP))


def test_plot_of_the_example_views_is_readable(plt: Any) -> None:
    """Each view of the example draws a picture of at most 40 labelled elements, the whole graph's 267."""
    from iso9001_leadership.notebook import plot_accountability

    organization = load(EXAMPLE)
    for options in ({"around": "proc-calibration"}, {"gaps_only": True, "depth": 0}, {"org_chart": True}):
        ax = plot_accountability(organization, as_of=AS_OF, **options)
        labels = [text for text in ax.texts if text.get_gid() == "label"]
        assert 1 <= len(labels) <= 40, options


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"around": "make", "gaps_only": True}, "choose one view, not around and gaps_only"),
        ({"depth": 2}, "depth goes with around or gaps_only"),
        ({"org_chart": True, "depth": 2}, "depth goes with around or gaps_only"),
        ({"levels": 2}, "levels goes with org_chart"),
        ({"around": "mkae"}, "did you mean 'make'?"),
        ({"layout": "circle"}, "layout must be 'layers', 'shells' or 'spring'"),
    ],
)
def test_plot_refuses_muddled_view_options(plt: Any, options: dict[str, Any], message: str) -> None:
    """Two views at once, options without their view, or an unknown id are refused before anything is drawn."""
    from iso9001_leadership.notebook import plot_accountability

    with pytest.raises((UsageError, UnknownIdError, ValueError), match=re.escape(message)):
        plot_accountability(ACME, **options)


HOW_TO = ROOT / "docs" / "how-to" / "diagrams.md"


def test_how_to_code_runs(plt: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Python block of docs/how-to/diagrams.md, the plain notebook one too, runs in order as written."""
    code = []
    for block in re.findall(r"^```python\n(.*?)^```$", HOW_TO.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL):
        lines = [line[4:] for line in block.splitlines() if line.startswith((">>> ", "... "))]
        code.append("\n".join(lines) if ">>>" in block else block)
    source = "\n".join(code).replace('"examples/', f'"{ROOT.as_posix()}/examples/')
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(source, str(HOW_TO), "exec"), namespace)
    assert (tmp_path / "org-chart.png").is_file()
    assert "\norg chart from top management (2 levels down) (" in namespace["ax"].get_title()
