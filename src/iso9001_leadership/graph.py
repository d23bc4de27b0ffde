"""The accountability graph: an organization as a networkx multigraph.

:class:`OrgGraph` turns an :class:`~iso9001_leadership.Organization` into a
:class:`networkx.MultiDiGraph`. Every element with an id is a node; every reference between
elements is an edge. Nodes carry their ``kind`` (an :class:`EntityKind`) and a ``label``; edges
carry their ``relation`` (a :class:`Relation`), which is also the edge key, so edges of
different relations between the same two elements coexist.

Edges are built generically from the model's field metadata: each reference field maps to one
relation in :data:`FIELD_RELATIONS`, the one table that says which way each edge runs. A role
named as an element's owner, approver, chair, attendee, communicator, granter or RACI party is
the *source* of the edge (the role does something to the element); every other reference runs
from the element that records it to the element it names. ``docs/graph.md`` documents the table.

The graph is a view: it is derived from the organization, never edited. The raw networkx graph
(:attr:`OrgGraph.nx`) is frozen; copy it (``graph.nx.copy()``) to experiment.

Examples
--------
>>> from iso9001_leadership import Organization, Person, Process, Role
>>> from iso9001_leadership.graph import OrgGraph, Relation
>>> org = Organization(
...     name="Acme",
...     roles=(Role(id="ceo", title="CEO", top_management=True),),
...     people=(Person(id="ana", name="Ana Ruiz", roles=("ceo",)),),
...     processes=(Process(id="sales", name="Sales", owner="ceo"),),
... )
>>> graph = OrgGraph.from_organization(org)
>>> list(graph.nx.nodes(data="label"))
[('ceo', 'CEO'), ('ana', 'Ana Ruiz'), ('sales', 'Sales')]
>>> [(u, v, r.value) for u, v, r in graph.nx.edges(keys=True)]
[('ceo', 'sales', 'owns'), ('ana', 'ceo', 'holds')]
>>> graph.predecessors("sales", Relation.OWNS)
('ceo',)
"""

from __future__ import annotations

import difflib
import enum
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import networkx as nx

from iso9001_leadership.exceptions import UnknownIdError
from iso9001_leadership.model import (
    Action,
    Authority,
    Communication,
    EntityKind,
    Evidence,
    Holding,
    ManagementReview,
    Opportunity,
    Organization,
    PartyRequirement,
    Person,
    Process,
    QualityObjective,
    QualityPolicy,
    Resource,
    Responsibility,
    ReviewOutput,
    Risk,
    Role,
    classes_in,
    refs_of,
)

__all__ = ["FIELD_RELATIONS", "NESTED_RELATION", "NodeKind", "OrgGraph", "Relation"]

#: The kinds of node: one per kind of element in the model (an alias of :class:`EntityKind`).
NodeKind = EntityKind


class Relation(str, enum.Enum):
    """The kinds of edge in the accountability graph; each edge's key and ``relation`` attribute.

    Read an edge ``u -> v`` as the sentence "u *relation* v": ``ana holds ceo``,
    ``ceo owns sales``, ``risk:late-parts affects purchasing``. Members are strings equal to
    their values, so plain networkx code may use either (``graph.nx.has_edge("qm", "ceo",
    "reports_to")``); write ``relation.value`` to print one.
    """

    REPORTS_TO = "reports_to"
    HOLDS = "holds"
    DEPUTY_OF = "deputy_of"
    AUDITS = "audits"
    GRANTS = "grants"
    ACCOUNTABLE_FOR = "accountable_for"
    RESPONSIBLE_FOR = "responsible_for"
    CONSULTED_ON = "consulted_on"
    INFORMED_OF = "informed_of"
    PART_OF = "part_of"
    NEEDS_AUTHORITY = "needs_authority"
    OWNS = "owns"
    INTERACTS_WITH = "interacts_with"
    NEEDS_RESOURCE = "needs_resource"
    APPROVES = "approves"
    COMMUNICATED_TO = "communicated_to"
    AVAILABLE_TO = "available_to"
    CONSIDERS = "considers"
    BELONGS_TO = "belongs_to"
    SUPPORTS_COMMITMENT = "supports_commitment"
    MEASURES = "measures"
    ACHIEVED_BY = "achieved_by"
    MET_THROUGH = "met_through"
    ARISES_FROM = "arises_from"
    AFFECTS = "affects"
    ADDRESSED_BY = "addressed_by"
    BUILT_INTO = "built_into"
    ABOUT = "about"
    COMMUNICATES = "communicates"
    CHAIRS = "chairs"
    ATTENDS = "attends"
    DECIDED = "decided"
    FOLLOWS_UP = "follows_up"
    EVIDENCES = "evidences"
    REFERS_TO = "refers_to"


R = Relation

#: Every reference field of the model, keyed by ``(class, field name)``, with the relation its
#: edges carry and whether the edge is reversed (runs from the referenced element to the one
#: that records the reference). A reference field missing here becomes a ``refers_to`` edge.
FIELD_RELATIONS: Mapping[tuple[type, str], tuple[Relation, bool]] = {
    (Role, "reports_to"): (R.REPORTS_TO, False),
    (Role, "authorities"): (R.HOLDS, False),
    (Role, "audits"): (R.AUDITS, False),
    (Person, "roles"): (R.HOLDS, False),
    (Person, "deputy_of"): (R.DEPUTY_OF, False),
    (Holding, "role"): (R.HOLDS, False),
    (Authority, "granted_by"): (R.GRANTS, True),
    (Responsibility, "accountable"): (R.ACCOUNTABLE_FOR, True),
    (Responsibility, "responsible"): (R.RESPONSIBLE_FOR, True),
    (Responsibility, "consulted"): (R.CONSULTED_ON, True),
    (Responsibility, "informed"): (R.INFORMED_OF, True),
    (Responsibility, "processes"): (R.PART_OF, False),
    (Responsibility, "authorities_needed"): (R.NEEDS_AUTHORITY, False),
    (Process, "owner"): (R.OWNS, True),
    (Process, "interacts_with"): (R.INTERACTS_WITH, False),
    (Process, "resources"): (R.NEEDS_RESOURCE, False),
    (QualityPolicy, "approved_by"): (R.APPROVES, True),
    (QualityPolicy, "communicated_to"): (R.COMMUNICATED_TO, False),
    (QualityPolicy, "available_to"): (R.AVAILABLE_TO, False),
    (QualityPolicy, "context_issues"): (R.CONSIDERS, False),
    (QualityObjective, "supports"): (R.SUPPORTS_COMMITMENT, False),
    (QualityObjective, "owner"): (R.OWNS, True),
    (QualityObjective, "actions"): (R.ACHIEVED_BY, False),
    (QualityObjective, "resources"): (R.NEEDS_RESOURCE, False),
    (QualityObjective, "processes"): (R.MEASURES, False),
    (QualityObjective, "communicated_to"): (R.COMMUNICATED_TO, False),
    (PartyRequirement, "owner"): (R.OWNS, True),
    (PartyRequirement, "processes"): (R.MET_THROUGH, False),
    (Risk, "sources"): (R.ARISES_FROM, False),
    (Risk, "owner"): (R.OWNS, True),
    (Risk, "processes"): (R.AFFECTS, False),
    (Risk, "actions"): (R.ADDRESSED_BY, False),
    (Opportunity, "sources"): (R.ARISES_FROM, False),
    (Opportunity, "owner"): (R.OWNS, True),
    (Opportunity, "processes"): (R.AFFECTS, False),
    (Opportunity, "actions"): (R.ADDRESSED_BY, False),
    (Action, "owner"): (R.OWNS, True),
    (Action, "processes"): (R.BUILT_INTO, False),
    (Action, "follows_up"): (R.FOLLOWS_UP, False),
    (Communication, "about"): (R.ABOUT, False),
    (Communication, "audience"): (R.COMMUNICATED_TO, False),
    (Communication, "communicator"): (R.COMMUNICATES, True),
    (ManagementReview, "chair"): (R.CHAIRS, True),
    (ManagementReview, "attendees"): (R.ATTENDS, True),
    (ReviewOutput, "actions"): (R.DECIDED, False),
    (Resource, "owner"): (R.OWNS, True),
    (Evidence, "supports"): (R.EVIDENCES, False),
}

#: The relation that ties an element nested in another (a policy commitment, a party
#: requirement) to its parent: ``commitment belongs_to policy``.
NESTED_RELATION = Relation.BELONGS_TO

#: Where each kind of element keeps its human-readable name.
_LABEL_FIELDS: tuple[str, ...] = ("title", "name", "subject", "statement", "text")


def _label(kind: EntityKind, element: Any) -> str:
    if kind is EntityKind.POLICY:
        version = element.version.strip()
        return f"Quality policy {version}" if version else "Quality policy"
    if kind is EntityKind.REVIEW:
        return f"Management review {element.held_on.isoformat()}"
    if kind is EntityKind.COMMITMENT and not element.text.strip():
        return str(element.kind.value).replace("_", " ").capitalize()
    for name in _LABEL_FIELDS:
        text = getattr(element, name, None)
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
    return str(element.id)


@attrs.frozen
class _Plan:
    """How the fields of one class contribute edges, worked out once per class."""

    refs: tuple[tuple[str, Relation, bool], ...]  # (field, relation, reversed)
    nested: tuple[str, ...]  # fields holding attrs values without an id: walked for references
    children: tuple[str, ...]  # fields holding elements with an id of their own: nodes


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """The reference and nested fields of ``cls``, memoised."""
    plan = _PLANS.get(cls)
    if plan is not None:
        return plan
    hints = typing.get_type_hints(cls)
    refs: list[tuple[str, Relation, bool]] = []
    nested: list[str] = []
    children: list[str] = []
    for field in attrs.fields(cls):
        if refs_of(field) is not None:
            relation, reverse = FIELD_RELATIONS.get((cls, field.name), (Relation.REFERS_TO, False))
            refs.append((field.name, relation, reverse))
            continue
        for inner in (c for c in classes_in(hints[field.name]) if attrs.has(c)):
            has_id = any(f.name == "id" for f in attrs.fields(inner))
            (children if has_id else nested).append(field.name)
            break
    plan = _Plan(tuple(refs), tuple(nested), tuple(children))
    _PLANS[cls] = plan
    return plan


_Edge = tuple[str, str, Relation, dict[str, Relation]]


def _edges(source_id: str, element: Any, out: list[_Edge]) -> None:
    """Append the edges of every reference ``element`` records (``source_id`` is its node)."""
    plan = _plan(type(element))
    for name, relation, reverse in plan.refs:
        value = getattr(element, name)
        if value is None:
            continue
        for target in value if isinstance(value, tuple) else (value,):
            u, v = (target, source_id) if reverse else (source_id, target)
            out.append((u, v, relation, {"relation": relation}))
    for name in plan.nested:
        value = getattr(element, name)
        for child in value if isinstance(value, tuple) else (value,):
            if child is not None:
                _edges(source_id, child, out)


def _children_with_id(element: Any) -> Iterator[Any]:
    """The nested elements that have ids of their own (policy commitments, party requirements)."""
    for name in _plan(type(element)).children:
        yield from getattr(element, name)


def _by_relation(adjacency: Iterator[tuple[str, Any]]) -> dict[str, dict[Relation, tuple[str, ...]]]:
    """For each node, its neighbours in ``adjacency`` grouped by relation, in edge order."""
    index: dict[str, dict[Relation, tuple[str, ...]]] = {}
    for node, neighbours in adjacency:
        grouped: dict[Relation, list[str]] = {}
        for other, keys in neighbours.items():
            for key in keys:
                grouped.setdefault(key, []).append(other)
        index[node] = {relation: tuple(others) for relation, others in grouped.items()}
    return index


@attrs.frozen(eq=False)
class OrgGraph:
    """An organization's accountability graph: the organization and its networkx view.

    Build one with :meth:`from_organization`. Nodes are element ids with attributes ``kind``
    (:class:`NodeKind`) and ``label``; edges carry ``relation`` (:class:`Relation`), which is
    also their key. Node order is the organization's file order; edge order follows the
    elements, their fields and the order of each list, so the same organization always gives
    the same graph.

    Parameters
    ----------
    organization
        The organization the graph was built from; queries read element fields (dates,
        flags, clause ids) from it.
    nx
        The :class:`networkx.MultiDiGraph`, frozen when built by :meth:`from_organization`.
        Passing another one (a copy with edges added, to test a query against data no
        :class:`~iso9001_leadership.Organization` would accept) is allowed; it is indexed when
        the ``OrgGraph`` is made, so it must not change afterwards.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),
    ...                                        Role(id="qm", title="Quality Manager", reports_to="ceo")))
    >>> graph = OrgGraph.from_organization(org)
    >>> graph.nx.nodes["qm"]
    {'kind': <EntityKind.ROLE: 'role'>, 'label': 'Quality Manager'}
    >>> graph.nx.edges["qm", "ceo", Relation.REPORTS_TO]
    {'relation': <Relation.REPORTS_TO: 'reports_to'>}
    >>> graph.ids(NodeKind.ROLE)
    ('ceo', 'qm')
    """

    organization: Organization
    nx: nx.MultiDiGraph[str] = attrs.field(repr=False)
    _by_kind: dict[EntityKind, tuple[str, ...]] = attrs.field(init=False, repr=False)
    _position: dict[str, int] = attrs.field(init=False, repr=False)
    _out: dict[str, dict[Relation, tuple[str, ...]]] = attrs.field(init=False, repr=False)
    _in: dict[str, dict[Relation, tuple[str, ...]]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_kind: dict[EntityKind, list[str]] = {kind: [] for kind in EntityKind}
        position: dict[str, int] = {}
        kinds: Any = self.nx.nodes(data="kind")
        for index, (node, kind) in enumerate(kinds):
            position[node] = index
            if kind in by_kind:
                by_kind[kind].append(node)
        object.__setattr__(self, "_by_kind", {kind: tuple(ids) for kind, ids in by_kind.items()})
        object.__setattr__(self, "_position", position)
        # Neighbours by relation, in edge order, indexed once so that queries look them up in O(1).
        object.__setattr__(self, "_out", _by_relation(self.nx.adjacency()))
        object.__setattr__(self, "_in", _by_relation(self.nx.reverse(copy=False).adjacency()))

    @classmethod
    def from_organization(cls, organization: Organization) -> OrgGraph:
        """Build the accountability graph of an organization.

        Parameters
        ----------
        organization
            Any valid organization.

        Returns
        -------
        OrgGraph
            The graph, with a frozen :class:`networkx.MultiDiGraph` as :attr:`nx`.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
        >>> OrgGraph.from_organization(org).nx.number_of_nodes()
        1
        """
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=organization.name)
        nodes: list[tuple[str, dict[str, Any]]] = []
        edges: list[_Edge] = []
        parents: dict[str, str] = {}
        for kind, element in organization.elements():
            nodes.append((element.id, {"kind": kind, "label": _label(kind, element)}))
            parent = parents.get(element.id)
            if parent is not None:
                edges.append((element.id, parent, NESTED_RELATION, {"relation": NESTED_RELATION}))
            for child in _children_with_id(element):
                parents[child.id] = element.id
            _edges(element.id, element, edges)
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)  # type: ignore[arg-type]  # (u, v, key, data) is valid for multigraphs
        return cls(organization, nx.freeze(graph))

    # -- lookups ------------------------------------------------------------------------

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._position

    def __len__(self) -> int:
        """The number of nodes (elements with an id)."""
        return len(self._position)

    def ids(self, kind: NodeKind | None = None) -> tuple[str, ...]:
        """The ids of every node (of one kind), in the organization's file order."""
        if kind is None:
            return tuple(self._position)
        return self._by_kind.get(kind, ())

    def kind_of(self, element_id: str) -> NodeKind:
        """The kind of a node.

        Raises
        ------
        UnknownIdError
            If the graph has no node with this id.
        """
        self._check(element_id)
        kind: NodeKind = self.nx.nodes[element_id]["kind"]
        return kind

    def label_of(self, element_id: str) -> str:
        """The human-readable label of a node."""
        self._check(element_id)
        label: str = self.nx.nodes[element_id]["label"]
        return label

    def position(self, element_id: str) -> int:
        """Where a node stands in the organization's file order (0 for the first)."""
        self._check(element_id)
        return self._position[element_id]

    def successors(self, element_id: str, relation: Relation) -> tuple[str, ...]:
        """The nodes this one points at through ``relation``, in edge order.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Person, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
        ...                    people=(Person(id="ana", name="Ana", roles=("ceo",)),))
        >>> OrgGraph.from_organization(org).successors("ana", Relation.HOLDS)
        ('ceo',)
        """
        self._check(element_id)
        return self._out[element_id].get(relation, ())

    def predecessors(self, element_id: str, relation: Relation) -> tuple[str, ...]:
        """The nodes that point at this one through ``relation``, in edge order."""
        self._check(element_id)
        return self._in[element_id].get(relation, ())

    def _check(self, element_id: str) -> None:
        if element_id not in self._position:
            close = difflib.get_close_matches(element_id, list(self._position), n=1, cutoff=0.6)
            raise UnknownIdError(element_id, close[0] if close else None)
