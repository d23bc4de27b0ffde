"""The accountability graph: nodes, edges, their direction, lookups and invariants."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership.model as model
from iso9001_leadership import EntityKind, Organization, QualityPolicy, Role, UnknownIdError, loads
from iso9001_leadership.graph import FIELD_RELATIONS, NESTED_RELATION, NodeKind, OrgGraph, Relation
from iso9001_leadership.model import refs_of
from iso9001_leadership.queries import GapKind
from iso9001_leadership.strategies import organizations

DOCS = Path(__file__).resolve().parent.parent / "docs" / "graph.md"

#: An organization that uses every reference field of the model at least once.
RICH = """
name: Acme
roles:
- {id: ceo, title: CEO, top_management: true, authorities: [sign]}
- {id: qm, title: Quality Manager, reports_to: ceo, audits: [make]}
people:
- {id: ana, name: Ana Ruiz, roles: [ceo], deputy_of: [qm]}
- {id: bo, name: Bo Lind, holdings: [{role: qm, since: 2024-01-01}]}
authorities:
- {id: sign, title: Sign contracts, granted_by: ceo}
responsibilities:
- {id: conformity, title: Keep the QMS conforming, accountable: [ceo], responsible: [qm], consulted: [ceo],
   informed: [qm], processes: [make], authorities_needed: [sign]}
processes:
- {id: make, name: Production, owner: qm, interacts_with: [sell], resources: [crm]}
- {id: sell, name: Sales}
policy:
  id: policy
  version: '4.0'
  statement: We make good pumps.
  commitments: [{id: satisfy, kind: satisfy_requirements}]
  approved_by: ceo
  communicated_to: [qm]
  available_to: [buyer]
  context_issues: [energy]
objectives:
- {id: otd, statement: Ship on time, supports: [satisfy], owner: qm, actions: [expedite], resources: [crm],
   processes: [make], communicated_to: [ceo]}
context_issues:
- {id: energy, title: Energy prices}
interested_parties:
- id: buyer
  name: Big Buyer
  kind: customer
  requirements: [{id: ppap, text: Submit a PPAP, owner: qm, processes: [sell]}]
risks:
- {id: late, title: Late parts, sources: [ppap], owner: qm, processes: [make], actions: [expedite]}
opportunities:
- {id: export, title: Export, sources: [energy], owner: ceo, processes: [sell], actions: [expedite]}
actions:
- {id: expedite, title: Expedite, owner: qm, processes: [make]}
- {id: chase, title: Chase suppliers weekly, owner: qm, processes: [make], follows_up: [expedite]}
communications:
- {id: briefing, subject: Policy briefing, about: [policy, qm], audience: [qm, buyer], communicator: ceo}
reviews:
- id: mr-1
  held_on: 2026-06-30
  chair: ceo
  attendees: [ceo, qm]
  outputs: [{kind: improvement, decision: Expedite parts, actions: [expedite]}]
resources:
- {id: crm, name: CRM system, owner: ceo}
evidence:
- {id: minutes, title: Review minutes, supports: [mr-1, policy]}
"""


@pytest.fixture(scope="module")
def rich() -> OrgGraph:
    return OrgGraph.from_organization(loads(RICH))


def edges(graph: OrgGraph) -> list[tuple[str, str, Relation]]:
    return [(u, v, key) for u, v, key in graph.nx.edges(keys=True)]


@pytest.mark.parametrize(
    ("source", "target", "relation"),
    [
        ("qm", "ceo", Relation.REPORTS_TO),
        ("ceo", "sign", Relation.HOLDS),
        ("qm", "make", Relation.AUDITS),
        ("ana", "ceo", Relation.HOLDS),
        ("ana", "qm", Relation.DEPUTY_OF),
        ("ceo", "sign", Relation.GRANTS),
        ("ceo", "conformity", Relation.ACCOUNTABLE_FOR),
        ("qm", "conformity", Relation.RESPONSIBLE_FOR),
        ("ceo", "conformity", Relation.CONSULTED_ON),
        ("qm", "conformity", Relation.INFORMED_OF),
        ("conformity", "make", Relation.PART_OF),
        ("conformity", "sign", Relation.NEEDS_AUTHORITY),
        ("qm", "make", Relation.OWNS),
        ("make", "sell", Relation.INTERACTS_WITH),
        ("make", "crm", Relation.NEEDS_RESOURCE),
        ("ceo", "policy", Relation.APPROVES),
        ("policy", "qm", Relation.COMMUNICATED_TO),
        ("policy", "buyer", Relation.AVAILABLE_TO),
        ("policy", "energy", Relation.CONSIDERS),
        ("satisfy", "policy", Relation.BELONGS_TO),
        ("otd", "satisfy", Relation.SUPPORTS_COMMITMENT),
        ("qm", "otd", Relation.OWNS),
        ("otd", "expedite", Relation.ACHIEVED_BY),
        ("otd", "crm", Relation.NEEDS_RESOURCE),
        ("otd", "make", Relation.MEASURES),
        ("otd", "ceo", Relation.COMMUNICATED_TO),
        ("ppap", "buyer", Relation.BELONGS_TO),
        ("qm", "ppap", Relation.OWNS),
        ("ppap", "sell", Relation.MET_THROUGH),
        ("late", "ppap", Relation.ARISES_FROM),
        ("qm", "late", Relation.OWNS),
        ("late", "make", Relation.AFFECTS),
        ("late", "expedite", Relation.ADDRESSED_BY),
        ("export", "energy", Relation.ARISES_FROM),
        ("ceo", "export", Relation.OWNS),
        ("export", "sell", Relation.AFFECTS),
        ("export", "expedite", Relation.ADDRESSED_BY),
        ("qm", "expedite", Relation.OWNS),
        ("expedite", "make", Relation.BUILT_INTO),
        ("briefing", "policy", Relation.ABOUT),
        ("briefing", "qm", Relation.ABOUT),
        ("briefing", "qm", Relation.COMMUNICATED_TO),
        ("briefing", "buyer", Relation.COMMUNICATED_TO),
        ("ceo", "briefing", Relation.COMMUNICATES),
        ("ceo", "mr-1", Relation.CHAIRS),
        ("ceo", "mr-1", Relation.ATTENDS),
        ("qm", "mr-1", Relation.ATTENDS),
        ("mr-1", "expedite", Relation.DECIDED),
        ("ceo", "crm", Relation.OWNS),
        ("minutes", "mr-1", Relation.EVIDENCES),
        ("minutes", "policy", Relation.EVIDENCES),
    ],
)
def test_each_reference_is_an_edge_in_the_documented_direction(
    rich: OrgGraph, source: str, target: str, relation: Relation
) -> None:
    """Every reference becomes one edge u -> v keyed and labelled by its relation."""
    assert rich.nx.has_edge(source, target, key=relation)
    assert rich.nx.edges[source, target, relation] == {"relation": relation}


def test_rich_graph_has_exactly_the_expected_edges(rich: OrgGraph) -> None:
    """No edge is made up: the rich organization has 55 references and 55 edges."""
    assert rich.nx.number_of_edges() == 55
    assert {key for _, _, key in rich.nx.edges(keys=True)} == set(Relation) - {Relation.REFERS_TO}


def test_parallel_edges_of_different_relations_coexist(rich: OrgGraph) -> None:
    """Holding and granting the same authority, chairing and attending the same review are separate edges."""
    assert set(rich.nx["ceo"]["sign"]) == {Relation.HOLDS, Relation.GRANTS}
    assert set(rich.nx["ceo"]["mr-1"]) == {Relation.CHAIRS, Relation.ATTENDS}


def test_nodes_follow_file_order_with_kind_and_label(rich: OrgGraph) -> None:
    """Nodes are the organization's ids in file order, each with its kind and label."""
    org = rich.organization
    assert list(rich.nx.nodes) == org.ids()
    for node, data in rich.nx.nodes(data=True):
        assert data == {"kind": org.kind_of(node), "label": rich.label_of(node)}


@pytest.mark.parametrize(
    ("element_id", "label"),
    [
        ("ceo", "CEO"),
        ("ana", "Ana Ruiz"),
        ("policy", "Quality policy 4.0"),
        ("satisfy", "Satisfy requirements"),
        ("otd", "Ship on time"),
        ("ppap", "Submit a PPAP"),
        ("briefing", "Policy briefing"),
        ("mr-1", "Management review 2026-06-30"),
        ("crm", "CRM system"),
    ],
)
def test_labels_are_human_readable(rich: OrgGraph, element_id: str, label: str) -> None:
    """Each kind of node is labelled by its title, name, statement, text or subject."""
    assert rich.label_of(element_id) == label


def test_labels_collapse_whitespace_and_fall_back() -> None:
    """A multi-line title becomes one line; a policy without version is just 'Quality policy'."""
    org = Organization(
        name="A", roles=(Role(id="r", title="Head of\n  quality"),), policy=QualityPolicy(id="p", statement="S")
    )
    graph = OrgGraph.from_organization(org)
    assert graph.label_of("r") == "Head of quality"
    assert graph.label_of("p") == "Quality policy"


def test_field_relations_cover_every_reference_field() -> None:
    """Every reference field of every model class has a row in FIELD_RELATIONS, and nothing else does."""
    reference_fields = {
        (cls, field.name)
        for name in model.__all__
        if isinstance(cls := getattr(model, name), type) and attrs.has(cls)
        for field in attrs.fields(cls)
        if refs_of(field) is not None
    }
    assert set(FIELD_RELATIONS) == reference_fields


def test_reversed_edges_start_at_the_assigned_role() -> None:
    """Reversed fields are exactly those naming a role that is assigned to the element."""
    reversed_fields = {field for (_, field), (_, reverse) in FIELD_RELATIONS.items() if reverse}
    assert reversed_fields == {
        "owner",
        "accountable",
        "responsible",
        "consulted",
        "informed",
        "granted_by",
        "approved_by",
        "chair",
        "attendees",
        "communicator",
    }


def test_an_unmapped_reference_field_becomes_refers_to() -> None:
    """A reference field missing from the table still gives an edge, labelled refers_to."""
    from iso9001_leadership.graph import _edges, _plan
    from iso9001_leadership.model._fields import ref

    @attrs.frozen
    class Note:
        id: str
        about: str | None = ref(EntityKind.ROLE, "The role it is about.")

    out: list[Any] = []
    _edges("n1", Note(id="n1", about="ceo"), _plan(Note), out)
    assert out == [("n1", "ceo", Relation.REFERS_TO)]


def test_graph_is_frozen(rich: OrgGraph) -> None:
    """The networkx view cannot be edited; a copy can."""
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        rich.nx.add_node("intruder")
    copy = rich.nx.copy()
    copy.add_node("intruder")
    assert "intruder" not in rich


def test_lookups(rich: OrgGraph) -> None:
    """ids, kind_of, position, successors and predecessors answer from the graph."""
    assert rich.ids(NodeKind.PROCESS) == ("make", "sell")
    assert rich.ids(NodeKind.REVIEW) == ("mr-1",)
    assert rich.ids() == tuple(rich.organization.ids())
    assert len(rich) == len(rich.organization)
    assert rich.kind_of("satisfy") is NodeKind.COMMITMENT
    assert (rich.position("policy"), rich.position("satisfy"), rich.position("ceo")) == (0, 1, 2)
    assert rich.successors("briefing", Relation.COMMUNICATED_TO) == ("qm", "buyer")
    assert rich.predecessors("mr-1", Relation.ATTENDS) == ("ceo", "qm")
    assert rich.successors("sell", Relation.INTERACTS_WITH) == ()
    assert "ceo" in rich
    assert "nobody" not in rich


@pytest.mark.parametrize("method", ["kind_of", "label_of", "position"])
def test_unknown_ids_raise_with_a_suggestion(rich: OrgGraph, method: str) -> None:
    """Looking up an unknown id raises UnknownIdError naming the nearest id."""
    with pytest.raises(UnknownIdError, match="did you mean 'policy'"):
        getattr(rich, method)("polcy")


@pytest.mark.parametrize("method", ["successors", "predecessors"])
def test_unknown_ids_raise_in_neighbour_lookups(rich: OrgGraph, method: str) -> None:
    """successors and predecessors refuse an unknown id too."""
    with pytest.raises(UnknownIdError):
        getattr(rich, method)("nobody", Relation.OWNS)


def test_relations_are_strings_equal_to_their_values(rich: OrgGraph) -> None:
    """Plain networkx code may name a relation by its value."""
    assert Relation.REPORTS_TO == "reports_to"
    assert rich.nx.has_edge("qm", "ceo", key="reports_to")
    assert [r.value for r in Relation] == list(Relation)


def test_node_kind_is_the_model_entity_kind() -> None:
    """NodeKind is EntityKind: one vocabulary for elements and nodes."""
    assert NodeKind is EntityKind


def test_empty_organization_gives_an_empty_graph() -> None:
    """An organization with nothing in it has no nodes and no edges."""
    graph = OrgGraph.from_organization(Organization(name="Empty"))
    assert graph.nx.number_of_nodes() == 0
    assert graph.nx.number_of_edges() == 0
    assert graph.nx.graph == {"name": "Empty"}


def _references(org: Organization) -> set[tuple[str, str, Relation]]:
    """Every reference of the organization as an expected edge, found independently of graph.py."""
    expected: set[tuple[str, str, Relation]] = set()

    def walk(owner: str, value: Any) -> None:
        for field in attrs.fields(type(value)):
            current = getattr(value, field.name)
            if refs_of(field) is not None:
                relation, reverse = FIELD_RELATIONS[(type(value), field.name)]
                targets = current if isinstance(current, tuple) else (() if current is None else (current,))
                for target in targets:
                    expected.add((target, owner, relation) if reverse else (owner, target, relation))
                continue
            children = current if isinstance(current, tuple) else (current,)
            for child in children:
                if attrs.has(type(child)):
                    if hasattr(child, "id"):
                        expected.add((child.id, owner, NESTED_RELATION))
                    else:
                        walk(owner, child)

    for _, element in org.elements():
        walk(element.id, element)
    return expected


@given(organizations())
def test_every_element_is_a_node_and_every_reference_an_edge(org: Organization) -> None:
    """Nodes are exactly the elements (kinds agreeing); edges are exactly the references."""
    graph = OrgGraph.from_organization(org)
    assert list(graph.nx.nodes) == org.ids()
    assert graph.nx.number_of_nodes() == len(org)
    assert all(kind is org.kind_of(node) for node, kind in graph.nx.nodes(data="kind"))
    assert set(edges(graph)) == _references(org)


@given(organizations())
def test_building_is_deterministic(org: Organization) -> None:
    """Building twice, or from a dumped and reloaded copy, gives the same nodes and edges in the same order."""
    from iso9001_leadership import dumps

    first = OrgGraph.from_organization(org)
    for again in (OrgGraph.from_organization(org), OrgGraph.from_organization(loads(dumps(org)))):
        assert list(again.nx.nodes(data=True)) == list(first.nx.nodes(data=True))
        assert list(again.nx.edges(keys=True, data=True)) == list(first.nx.edges(keys=True, data=True))


def _table_column(heading: str) -> list[str]:
    """The first column (code spans) of the markdown table under a heading of docs/graph.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize(
    ("heading", "values"),
    [
        ("Node kinds", [k.value for k in NodeKind]),
        ("Relations", [r.value for r in Relation]),
        ("Gap kinds", [k.value for k in GapKind]),
    ],
)
def test_docs_tables_list_every_kind_once_in_order(heading: str, values: list[str]) -> None:
    """docs/graph.md has one table row per node kind, relation and gap kind, in declaration order."""
    assert _table_column(heading) == values


def test_docs_field_table_matches_field_relations() -> None:
    """The docs table of reference fields agrees with FIELD_RELATIONS row by row."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("\n## Reference fields\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)\.(\w+)` \| `(\w+)` \| (yes|no) \|", section, flags=re.MULTILINE)
    expected = [
        (cls.__name__, field, relation.value, "yes" if reverse else "no")
        for (cls, field), (relation, reverse) in FIELD_RELATIONS.items()
    ]
    assert rows == expected


def _edge_order_index(org: Organization) -> dict[tuple[str, Relation], list[str]]:
    """Successors by (node, relation) in the order the references are written, each edge once."""
    found: dict[tuple[str, Relation], list[str]] = {}

    def add(u: str, v: str, relation: Relation) -> None:
        targets = found.setdefault((u, relation), [])
        if v not in targets:
            targets.append(v)

    def walk(owner: str, value: Any) -> None:
        for field in attrs.fields(type(value)):
            current = getattr(value, field.name)
            if refs_of(field) is not None:
                relation, reverse = FIELD_RELATIONS[(type(value), field.name)]
                targets = current if isinstance(current, tuple) else (() if current is None else (current,))
                for target in targets:
                    add(target, owner, relation) if reverse else add(owner, target, relation)
                continue
            for child in current if isinstance(current, tuple) else (current,):
                if attrs.has(type(child)) and not hasattr(child, "id"):
                    walk(owner, child)

    parents = {
        child.id: element.id
        for _, element in org.elements()
        for field in attrs.fields(type(element))
        for child in (getattr(element, field.name) if isinstance(getattr(element, field.name), tuple) else ())
        if attrs.has(type(child)) and hasattr(child, "id")
    }
    for _, element in org.elements():
        if element.id in parents:
            add(element.id, parents[element.id], NESTED_RELATION)
        walk(element.id, element)
    return found


@given(organizations())
def test_the_index_is_the_networkx_view(org: Organization) -> None:
    """The relation index built from the model holds exactly the networkx view's edges, each list in edge order."""
    graph = OrgGraph.from_organization(org)
    assert graph._nx is None, "the networkx view is built only when asked for"
    expected = _edge_order_index(org)
    from_nx = OrgGraph(org, graph.nx)
    assert graph.number_of_edges() == graph.nx.number_of_edges() == sum(len(v) for v in expected.values())
    for node in graph.ids():
        assert graph.kind_of(node) is from_nx.kind_of(node) is org.kind_of(node)
        assert graph.label_of(node) == from_nx.label_of(node)
        for relation in Relation:
            assert list(graph.successors(node, relation)) == expected.get((node, relation), [])
            assert sorted(graph.successors(node, relation)) == sorted(from_nx.successors(node, relation))
            assert sorted(graph.predecessors(node, relation)) == sorted(from_nx.predecessors(node, relation))


def test_a_role_named_twice_by_one_person_is_one_edge() -> None:
    """A role in both ``roles`` and a holding is held once, as networkx keeps one edge per key."""
    org = loads(
        "name: Acme\nroles: [{id: ceo, title: CEO}, {id: qm, title: QM}]\n"
        "people: [{id: ana, name: Ana, roles: [ceo], holdings: [{role: qm}, {role: ceo}]}]\n"
    )
    graph = OrgGraph.from_organization(org)
    assert graph.successors("ana", Relation.HOLDS) == ("ceo", "qm")
    assert graph.predecessors("ceo", Relation.HOLDS) == ("ana",)
    assert graph.number_of_edges() == graph.nx.number_of_edges() == 2


def test_reporting_cycles_are_found_without_networkx_algorithms() -> None:
    """Cycles and self-loops in a tampered graph, found by the library's own linear search."""
    from iso9001_leadership.queries import reporting_cycles

    org = loads(
        "name: Acme\nroles:\n- {id: a, title: A, top_management: true}\n- {id: b, title: B, reports_to: a}\n"
        "- {id: c, title: C, reports_to: b}\n- {id: d, title: D, reports_to: c}\n- {id: e, title: E}\n"
    )
    raw = OrgGraph.from_organization(org).nx.copy()
    raw.add_edge("a", "d", key=Relation.REPORTS_TO, relation=Relation.REPORTS_TO)  # a -> d -> c -> b -> a
    raw.add_edge("e", "e", key=Relation.REPORTS_TO, relation=Relation.REPORTS_TO)
    gaps = reporting_cycles(OrgGraph(org, raw))
    assert [gap.subjects for gap in gaps] == [("a", "b", "c", "d"), ("e",)]
    expected = [
        sorted(c)
        for c in nx.simple_cycles(nx.DiGraph([(u, v) for u, v, k in raw.edges(keys=True) if k == "reports_to"]))
    ]
    assert sorted(sorted(gap.subjects) for gap in gaps) == sorted(expected)


def _index_of(graph: OrgGraph) -> tuple[list[str], dict[tuple[str, Relation], tuple[str, ...]], int]:
    """Everything the queries read: the nodes in order with their kinds, every list of neighbours, the edge count."""
    lists = {}
    for node in graph.ids():
        for relation in Relation:
            for way, found in (("out", graph.successors(node, relation)), ("in", graph.predecessors(node, relation))):
                if found:
                    lists[(node, relation, way)] = found
    return [f"{n}:{graph.kind_of(n).value}" for n in graph.ids()], lists, graph.number_of_edges()  # type: ignore[return-value]


def _example_org() -> Organization:
    from iso9001_leadership import load

    return load(Path(__file__).resolve().parents[1] / "examples" / "precision-pumps" / "organization.yaml")


def test_an_updated_graph_is_the_graph_built_afresh_after_each_removal() -> None:
    """Exhaustive over the example: remove each element (and every reference to it) in turn."""
    from iso9001_leadership.queries import without_elements

    org = _example_org()
    graph = OrgGraph.from_organization(org)
    for element_id in org.ids():
        changed = without_elements(org, [element_id])
        assert _index_of(graph.updated(changed)) == _index_of(OrgGraph.from_organization(changed)), element_id


@pytest.mark.slow  # exhaustive over the example: CI runs it
def test_an_updated_graph_is_the_graph_built_afresh_after_each_replacement() -> None:
    """Exhaustive over the example: each top-level element replaced by a copy naming one reference less, or renamed."""
    org = _example_org()
    graph = OrgGraph.from_organization(org)
    for _, element in org.elements():
        if type(element).__name__ in {"Commitment", "PartyRequirement"}:
            continue
        variants = [attrs.evolve(element)]  # equal, but another object: changed all the same
        for field in attrs.fields(type(element)):
            value = getattr(element, field.name)
            if refs_of(field) is not None and isinstance(value, tuple) and value:
                variants.append(attrs.evolve(element, **{field.name: value[1:]}))
                variants.append(attrs.evolve(element, **{field.name: value[::-1]}))
        for variant in variants:
            changed = org.with_elements(variant)
            assert _index_of(graph.updated(changed)) == _index_of(OrgGraph.from_organization(changed))


@given(organizations(), st.data())
def test_an_updated_graph_is_the_graph_built_afresh(org: Organization, data: st.DataObject) -> None:
    """Any valid removal from any organization: the graph updated equals the graph built afresh."""
    from iso9001_leadership.queries import without_elements

    if not len(org):
        return
    gone = data.draw(st.lists(st.sampled_from(org.ids()), max_size=3, unique=True))
    changed = without_elements(org, gone)
    graph = OrgGraph.from_organization(org)
    assert _index_of(graph.updated(changed)) == _index_of(OrgGraph.from_organization(changed))
    assert graph.updated(changed).nx.number_of_edges() == graph.updated(changed).number_of_edges()


@given(organizations())
def test_a_graph_of_an_organization_never_has_reporting_cycles(org: Organization) -> None:
    """What the shortcut for graphs built from an organization assumes: the full search finds no cycle either."""
    from iso9001_leadership.queries import reporting_cycles

    graph = OrgGraph.from_organization(org)
    assert graph.built_from_model
    given_graph = OrgGraph(org, graph.nx)
    assert not given_graph.built_from_model
    assert reporting_cycles(graph) == reporting_cycles(given_graph) == ()


@given(organizations(), st.data())
def test_neighbours_and_out_edges_are_every_relation_at_once(org: Organization, data: st.DataObject) -> None:
    """`neighbours` is the successors then the predecessors of every relation; `out_edges` the successors with their relation."""
    graph = OrgGraph.from_organization(org)
    for node in graph.kinds:
        assert graph.out_edges(node) == [(v, r) for r in Relation for v in graph.successors(node, r)]
        assert graph.neighbours(node) == [
            *(v for r in Relation for v in graph.successors(node, r)),
            *(u for r in Relation for u in graph.predecessors(node, r)),
        ]
        assert sorted(graph.neighbours(node)) == sorted(
            [v for _, v in graph.nx.out_edges(node)] + [u for u, _ in graph.nx.in_edges(node)]
        )
    missing = data.draw(st.text(min_size=1).filter(lambda text: text not in graph.kinds))
    for method in (graph.neighbours, graph.out_edges):
        with pytest.raises(UnknownIdError):
            method(missing)
