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

The graph is a view: it is derived from the organization, never edited. The queries read an
index of each node's neighbours by relation, built from the organization in one pass (and,
after a change, updated from the graph before it: :meth:`OrgGraph.updated`). The raw networkx
graph (:attr:`OrgGraph.nx`) is built from the same walk the first time it is read, then kept,
frozen; copy it (``graph.nx.copy()``) to experiment.

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

import bisect
import enum
import typing
from collections.abc import Callable, Hashable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from iso9001_leadership._gc import paused_gc
from iso9001_leadership._names import Suggester
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

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FIELD_RELATIONS", "NESTED_RELATION", "REVERSED_RELATIONS", "NodeKind", "OrgGraph", "Relation"]

T = TypeVar("T")

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
    repeats: bool  # whether one element can record the same edge twice (through two fields)


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
    repeats = False
    for field in attrs.fields(cls):
        if refs_of(field) is not None:
            relation, reverse = FIELD_RELATIONS.get((cls, field.name), (Relation.REFERS_TO, False))
            refs.append((field.name, relation, reverse))
            continue
        for inner in (c for c in classes_in(hints[field.name]) if attrs.has(c)):
            has_id = any(f.name == "id" for f in attrs.fields(inner))
            if has_id:
                children.append(field.name)
            else:
                nested.append(field.name)
                inner_plan = _plan(inner)
                repeats = repeats or bool(inner_plan.refs or inner_plan.nested)
            break
    directions = [(relation, reverse) for _, relation, reverse in refs]
    repeats = repeats or len(set(directions)) < len(directions)
    plan = _Plan(tuple(refs), tuple(nested), tuple(children), repeats)
    _PLANS[cls] = plan
    return plan


_Edge = tuple[str, str, Relation]


def _edges(source_id: str, element: Any, plan: _Plan, out: list[_Edge]) -> None:
    """Append the edges of every reference ``element`` records (``source_id`` is its node)."""
    for name, relation, reverse in plan.refs:
        value = getattr(element, name)
        if value is None:
            continue
        if type(value) is tuple:
            if reverse:
                out.extend([(target, source_id, relation) for target in value])
            else:
                out.extend([(source_id, target, relation) for target in value])
        else:
            out.append((value, source_id, relation) if reverse else (source_id, value, relation))
    for name in plan.nested:
        value = getattr(element, name)
        for child in value if isinstance(value, tuple) else (value,):
            if child is not None:
                _edges(source_id, child, _plan(type(child)), out)


def _element_edges(organization: Organization) -> Iterator[list[_Edge]]:
    """The edges each element records, element by element in file order, each edge once.

    Each list is reused for the next element: read it before asking for the next one.
    """
    parents: dict[str, str] = {}
    edges: list[_Edge] = []
    for _, element in organization.elements():
        source_id = element.id
        plan = _plan(type(element))
        parent = parents.get(source_id)
        if parent is not None:
            edges.append((source_id, parent, NESTED_RELATION))
        for name in plan.children:
            for child in getattr(element, name):
                parents[child.id] = source_id
        _edges(source_id, element, plan, edges)
        if plan.repeats and len(edges) > 1:
            # Only within one element can an edge come twice (a role both in ``roles`` and in a
            # holding): keep its first place, as networkx keeps one edge per key.
            edges[:] = dict.fromkeys(edges)
        yield edges
        edges.clear()


_Index = dict[Relation, dict[str, tuple[str, ...]]]


def _freeze(index: dict[Relation, dict[str, list[str]]]) -> _Index:
    """The index with every list of neighbours made a tuple."""
    return {relation: {node: tuple(others) for node, others in by_node.items()} for relation, by_node in index.items()}


#: The relations whose edges run from the element named to the element that names it (``ceo owns
#: sales`` is recorded by the process). Each relation runs one way only.
REVERSED_RELATIONS: frozenset[Relation] = frozenset(
    relation for relation, reverse in FIELD_RELATIONS.values() if reverse
)
_REVERSED = REVERSED_RELATIONS
if any(not reverse and relation in _REVERSED for relation, reverse in FIELD_RELATIONS.values()):  # pragma: no cover
    msg = "a relation of FIELD_RELATIONS runs both ways"
    raise AssertionError(msg)


def _index_from_model(organization: Organization) -> tuple[_Index, _Index, int]:
    """Neighbours by relation, both ways, read straight from the organization's elements.

    The content of :attr:`OrgGraph.nx`, without building it: each list in edge order. Returns
    the two indexes (successors, predecessors) and the number of edges.

    Each relation runs one way (see :data:`FIELD_RELATIONS`), so every list of neighbours is
    either recorded by one element (its successors through a relation it names, which is the
    tuple the field holds, kept as it is) or gathered from many (appended to, element by
    element, in file order). Only an element that can record one edge twice (a role both in
    ``roles`` and in a holding) goes through the general walk that removes repeats.
    """
    own_out: dict[Relation, dict[str, tuple[str, ...]]] = {relation: {} for relation in Relation}
    own_in: dict[Relation, dict[str, tuple[str, ...]]] = {relation: {} for relation in Relation}
    many_out: dict[Relation, dict[str, list[str]]] = {relation: {} for relation in Relation}
    many_in: dict[Relation, dict[str, list[str]]] = {relation: {} for relation in Relation}
    count = 0
    edges: list[_Edge] = []
    # Per class, each reference field with the two lists it fills: looked up once, not per edge.
    fields: dict[type, tuple[_Plan, list[tuple[str, dict[str, tuple[str, ...]], dict[str, list[str]]]]]] = {}
    for _, element in organization.elements():
        source_id = element.id
        cls = type(element)
        found_fields = fields.get(cls)
        if found_fields is None:
            plan = _plan(cls)
            found_fields = fields[cls] = (
                plan,
                [
                    (name, own_in[relation], many_out[relation])
                    if reverse
                    else (name, own_out[relation], many_in[relation])
                    for name, relation, reverse in plan.refs
                ],
            )
        plan, resolved = found_fields
        for name in plan.children:
            children = tuple(child.id for child in getattr(element, name))
            if children:
                own_in[NESTED_RELATION][source_id] = children
                out_nested = own_out[NESTED_RELATION]
                for child in children:
                    out_nested[child] = (source_id,)
                count += len(children)
        if plan.repeats:
            _edges(source_id, element, plan, edges)
            edges[:] = dict.fromkeys(edges)
            for u, v, relation in edges:
                if relation in _REVERSED:
                    own_in[relation][v] = (*own_in[relation].get(v, ()), u)
                    gathered = many_out[relation]
                    key, other = u, v
                else:
                    own_out[relation][u] = (*own_out[relation].get(u, ()), v)
                    gathered = many_in[relation]
                    key, other = v, u
                found = gathered.get(key)
                if found is None:
                    gathered[key] = [other]
                else:
                    found.append(other)
            count += len(edges)
            edges.clear()
            continue
        for name, own, gathered in resolved:
            value = getattr(element, name)
            if value is None or value == ():
                continue
            if type(value) is not tuple:
                value = (value,)
            count += len(value)
            own[source_id] = value
            for target in value:
                found = gathered.get(target)
                if found is None:
                    gathered[target] = [source_id]
                else:
                    found.append(source_id)
    out = {relation: {**own_out[relation], **_tuples(many_out[relation])} for relation in Relation}
    into = {relation: {**own_in[relation], **_tuples(many_in[relation])} for relation in Relation}
    return out, into, count


def _tuples(lists: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {node: tuple(others) for node, others in lists.items()}


def _index_from_nx(graph: Any) -> tuple[_Index, _Index, int]:
    """The same index as :func:`_index_from_model`, read from a networkx multigraph."""
    out: dict[Relation, dict[str, list[str]]] = {relation: {} for relation in Relation}
    into: dict[Relation, dict[str, list[str]]] = {relation: {} for relation in Relation}
    count = 0
    for u, v, key in graph.edges(keys=True):
        count += 1
        out.setdefault(key, {}).setdefault(u, []).append(v)
        into.setdefault(key, {}).setdefault(v, []).append(u)
    return _freeze(out), _freeze(into), count


@attrs.frozen(eq=False)
class OrgGraph:
    """An organization's accountability graph: the organization, its relation index and networkx view.

    Build one with :meth:`from_organization`. Nodes are element ids with attributes ``kind``
    (:class:`NodeKind`) and ``label``; edges carry ``relation`` (:class:`Relation`), which is
    also their key. Node order is the organization's file order; edge order follows the
    elements, their fields and the order of each list, so the same organization always gives
    the same graph.

    The queries read an index of each node's neighbours by relation, built straight from the
    organization in one pass. The :class:`networkx.MultiDiGraph` (:attr:`nx`) is built the
    first time it is asked for, then kept: assessing an organization never builds it, and
    exports, notebooks and your own networkx algorithms get the same graph as always.

    Parameters
    ----------
    organization
        The organization the graph was built from; queries read element fields (dates,
        flags, clause ids) from it.
    nx
        A :class:`networkx.MultiDiGraph` to use instead of the organization's own (a copy with
        edges added, to test a query against data no
        :class:`~iso9001_leadership.Organization` would accept). It is indexed when the
        ``OrgGraph`` is made, so it must not change afterwards. Leave it out (the default) to
        get the organization's graph, as :meth:`from_organization` does.

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
    _given: Any = attrs.field(default=None, alias="nx", repr=False)
    _nx: Any = attrs.field(init=False, default=None, repr=False)
    _kinds: Mapping[str, EntityKind] = attrs.field(init=False, repr=False)
    _labels: dict[str, str] = attrs.field(init=False, repr=False)
    _by_kind: dict[EntityKind, tuple[str, ...]] = attrs.field(init=False, repr=False)
    _position: dict[str, int] | None = attrs.field(init=False, default=None, repr=False)
    _out: _Index = attrs.field(init=False, repr=False)
    _in: _Index = attrs.field(init=False, repr=False)
    _edge_count: int = attrs.field(init=False, repr=False)
    _memos: dict[Any, Any] = attrs.field(init=False, factory=dict, repr=False)

    def __attrs_post_init__(self) -> None:
        if self._given is None:
            with paused_gc():
                kinds: Mapping[str, EntityKind] = self.organization.kinds
                out, into, count = _index_from_model(self.organization)
            object.__setattr__(self, "_labels", {})
        else:
            graph = self._given
            kinds = dict(graph.nodes(data="kind"))
            object.__setattr__(self, "_labels", dict(graph.nodes(data="label")))
            out, into, count = _index_from_nx(graph)
            object.__setattr__(self, "_nx", graph)
        self._set_index(kinds, out, into, count)

    def _set_index(
        self,
        kinds: Mapping[str, EntityKind],
        out: _Index,
        into: _Index,
        count: int,
        by_kind: dict[EntityKind, tuple[str, ...]] | None = None,
    ) -> None:
        if by_kind is None:
            lists: dict[EntityKind, list[str]] = {kind: [] for kind in EntityKind}
            for node, kind in kinds.items():
                if kind in lists:
                    lists[kind].append(node)
            by_kind = {kind: tuple(ids) for kind, ids in lists.items()}
        object.__setattr__(self, "_kinds", kinds)
        object.__setattr__(self, "_by_kind", by_kind)
        object.__setattr__(self, "_out", out)
        object.__setattr__(self, "_in", into)
        object.__setattr__(self, "_edge_count", count)

    @classmethod
    def _from_index(
        cls,
        organization: Organization,
        kinds: Mapping[str, EntityKind],
        out: _Index,
        into: _Index,
        count: int,
        by_kind: dict[EntityKind, tuple[str, ...]] | None = None,
    ) -> OrgGraph:
        """A graph of ``organization`` from an index already built (see :meth:`updated`)."""
        graph = cls.__new__(cls)
        for name, value in (
            ("organization", organization),
            ("_given", None),
            ("_nx", None),
            ("_labels", {}),
            ("_position", None),
            ("_memos", {}),
        ):
            object.__setattr__(graph, name, value)
        graph._set_index(kinds, out, into, count, by_kind)
        return graph

    @classmethod
    def from_organization(cls, organization: Organization) -> OrgGraph:
        """Build the accountability graph of an organization.

        One pass over the elements indexes every edge; the networkx view is built on first use
        of :attr:`nx`.

        Parameters
        ----------
        organization
            Any valid organization.

        Returns
        -------
        OrgGraph
            The graph.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
        >>> OrgGraph.from_organization(org).nx.number_of_nodes()
        1
        """
        return cls(organization)

    def updated(self, organization: Organization) -> OrgGraph:
        """The graph of ``organization``, a changed copy of this graph's organization, built from this graph.

        Only the elements that changed (see :meth:`Organization.changed_since`) are read again:
        their old edges are taken out of the index and their new ones put in, each where a full
        build would put it. The result equals :meth:`from_organization` of ``organization``
        (same nodes, same neighbours in the same order); it costs a copy of the index and work
        in proportion to what changed, instead of a walk over every element. A graph built from
        a networkx graph of your own, or a change of more than a quarter of the elements, is
        built afresh.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Process, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
        ...                    processes=(Process(id="sales", name="Sales"),))
        >>> graph = OrgGraph.from_organization(org)
        >>> later = graph.updated(org.with_elements(Process(id="sales", name="Sales", owner="ceo")))
        >>> later.successors("ceo", Relation.OWNS), graph.successors("ceo", Relation.OWNS)
        (('sales',), ())
        """
        if self._given is not None:
            return OrgGraph(organization)
        changed, gone = organization.changed_since(self.organization)
        if 4 * (len(changed) + len(gone)) > max(len(organization), 1):
            return OrgGraph(organization)
        return _updated(self, organization, changed, gone)

    @property
    def nx(self) -> nx.MultiDiGraph[str]:
        """The graph as a frozen :class:`networkx.MultiDiGraph`, built on first use and then kept.

        Copy it (``graph.nx.copy()``) to experiment.
        """
        graph = self._nx
        if graph is None:
            graph = _build_nx(self)
            object.__setattr__(self, "_nx", graph)
        return graph  # type: ignore[no-any-return]

    @property
    def built_from_model(self) -> bool:
        """Whether the graph holds exactly its organization's references (not a networkx graph passed in).

        Such a graph obeys every rule an :class:`~iso9001_leadership.Organization` enforces (no
        reporting cycle, no dangling reference), so queries may skip looking for what cannot be there.
        """
        return self._given is None

    @property
    def kinds(self) -> Mapping[str, NodeKind]:
        """The kind of every node, by id, in the organization's file order (read-only).

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
        >>> dict(OrgGraph.from_organization(org).kinds)
        {'ceo': <EntityKind.ROLE: 'role'>}
        """
        return MappingProxyType(self._kinds)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once for this graph and kept for every later call with ``key``.

        A graph never changes, so what is derived from it alone can be kept with it: the gap
        queries (:func:`~iso9001_leadership.queries.find_gaps`) keep their answers here, so that an
        assessment and a what-if on the same graph find the gaps once. Use a key of your own (a
        function of yours, or a tuple starting with one).

        Examples
        --------
        >>> from iso9001_leadership import Organization
        >>> graph = OrgGraph.from_organization(Organization(name="Acme"))
        >>> graph.memo("nodes", lambda: len(graph)), graph.memo("nodes", lambda: -1)
        (0, 0)
        """
        memos = self._memos
        if key in memos:
            return memos[key]  # type: ignore[no-any-return]
        value = memos[key] = compute()
        return value

    def number_of_edges(self) -> int:
        """The number of edges, counted without building the networkx view."""
        return self._edge_count

    # -- lookups ------------------------------------------------------------------------

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._kinds

    def __len__(self) -> int:
        """The number of nodes (elements with an id)."""
        return len(self._kinds)

    def ids(self, kind: NodeKind | None = None) -> tuple[str, ...]:
        """The ids of every node (of one kind), in the organization's file order."""
        if kind is None:
            return tuple(self._kinds)
        return self._by_kind.get(kind, ())

    def kind_of(self, element_id: str) -> NodeKind:
        """The kind of a node.

        Raises
        ------
        UnknownIdError
            If the graph has no node with this id.
        """
        kind = self._kinds.get(element_id)
        if kind is None:
            self._unknown(element_id)
        return kind

    def label_of(self, element_id: str) -> str:
        """The human-readable label of a node."""
        label = self._labels.get(element_id)
        if label is None:
            kind = self.kind_of(element_id)
            label = self._labels[element_id] = _label(kind, self.organization[element_id])
        return label

    def position(self, element_id: str) -> int:
        """Where a node stands in the organization's file order (0 for the first)."""
        found = self._positions().get(element_id)
        if found is None:
            self._unknown(element_id)
        return found

    def _positions(self) -> dict[str, int]:
        position = self._position
        if position is None:
            position = {node: index for index, node in enumerate(self._kinds)}
            object.__setattr__(self, "_position", position)
        return position

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
        found = self._out.get(relation, _NONE).get(element_id)
        if found is None:
            if element_id not in self._kinds:
                self._unknown(element_id)
            return ()
        return found

    def predecessors(self, element_id: str, relation: Relation) -> tuple[str, ...]:
        """The nodes that point at this one through ``relation``, in edge order."""
        found = self._in.get(relation, _NONE).get(element_id)
        if found is None:
            if element_id not in self._kinds:
                self._unknown(element_id)
            return ()
        return found

    def out_edges(self, element_id: str) -> list[tuple[str, Relation]]:
        """Every edge from this node, as ``(target, relation)``: relations in declared order, edges in order.

        One call instead of one :meth:`successors` call per relation; its cost is the node's
        edges plus the number of relations.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Person, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
        ...                    people=(Person(id="ana", name="Ana", roles=("ceo",)),))
        >>> OrgGraph.from_organization(org).out_edges("ana")
        [('ceo', <Relation.HOLDS: 'holds'>)]
        """
        if element_id not in self._kinds:
            self._unknown(element_id)
        return [(target, relation) for relation, table in self._out.items() for target in table.get(element_id, ())]

    def neighbours(self, element_id: str) -> list[str]:
        """Every node one edge away, whichever way the edge runs and whatever its relation.

        The nodes it points at come first, then those that point at it, each group by relation in
        declared order; a node linked twice is listed twice. Its cost is the node's edges plus the
        number of relations: a breadth-first walk over it is linear in what it reaches.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Person, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
        ...                    people=(Person(id="ana", name="Ana", roles=("ceo",)),))
        >>> OrgGraph.from_organization(org).neighbours("ceo")
        ['ana']
        """
        if element_id not in self._kinds:
            self._unknown(element_id)
        found: list[str] = []
        for tables in (self._out, self._in):
            for table in tables.values():
                others = table.get(element_id)
                if others:
                    found += others
        return found

    def _unknown(self, element_id: str) -> typing.NoReturn:
        raise UnknownIdError(element_id, Suggester(self._kinds)(element_id) if isinstance(element_id, str) else None)


_NONE: dict[str, tuple[str, ...]] = {}


def _recorded(element_id: str, element: Any) -> list[_Edge]:
    """The edges one element records: its references, and the ``belongs_to`` edges of its nested elements."""
    plan = _plan(type(element))
    edges: list[_Edge] = [
        (child.id, element_id, NESTED_RELATION) for name in plan.children for child in getattr(element, name)
    ]
    _edges(element_id, element, plan, edges)
    return list(dict.fromkeys(edges))


def _own_side(edge: _Edge) -> tuple[bool, str, str]:
    """Which list of the index the recording element owns: (in the predecessors?, the key, the other end)."""
    u, v, relation = edge
    if relation in _REVERSED:
        return True, v, u
    if relation is NESTED_RELATION:
        return True, v, u  # the parent records its nested elements
    return False, u, v


def _updated(graph: OrgGraph, organization: Organization, changed: tuple[str, ...], gone: tuple[str, ...]) -> OrgGraph:
    old_org = graph.organization
    out = {relation: dict(by_node) for relation, by_node in graph._out.items()}
    into = {relation: dict(by_node) for relation, by_node in graph._in.items()}
    count = graph._edge_count
    # Take out what the old versions of changed and removed elements recorded.
    for element_id in dict.fromkeys((*changed, *gone)):
        if element_id not in old_org:
            continue
        for edge in _recorded(element_id, old_org[element_id]):
            in_own, key, other = _own_side(edge)
            relation = edge[2]
            owned, gathered = (into, out) if in_own else (out, into)
            owned[relation].pop(key, None)
            if relation is NESTED_RELATION:
                out[relation].pop(other, None)
                count -= 1
                continue
            kept = tuple(node for node in gathered[relation].get(other, ()) if node != key)
            if kept:
                gathered[relation][other] = kept
            else:
                gathered[relation].pop(other, None)
            count -= 1
    # Put in what the new versions record, each gathered list kept in file order. When elements
    # were only replaced (no id came or went), the order of the nodes is the old one.
    replaced_only = not gone and all(element_id in graph._kinds for element_id in changed)
    position: dict[str, int] | None = graph._positions() if replaced_only else None
    for element_id in changed:
        element = organization[element_id]
        recorded = _recorded(element_id, element)
        count += len(recorded)
        owned_lists: dict[tuple[bool, Relation, str], list[str]] = {}
        for edge in recorded:
            in_own, key, other = _own_side(edge)
            relation = edge[2]
            owned_lists.setdefault((in_own, relation, key), []).append(other)
            if relation is NESTED_RELATION:
                out[relation][other] = (key,)
                continue
            if position is None:
                position = {e.id: index for index, (_, e) in enumerate(organization.elements())}
            lists = (out if in_own else into)[relation]
            current = list(lists.get(other, ()))
            current.insert(bisect.bisect(current, position[key], key=position.__getitem__), key)
            lists[other] = tuple(current)
        for (in_own, relation, key), others in owned_lists.items():
            (into if in_own else out)[relation][key] = tuple(others)
    kinds = graph._kinds if replaced_only else organization.kinds
    updated = OrgGraph._from_index(organization, kinds, out, into, count, graph._by_kind if replaced_only else None)
    if replaced_only:
        object.__setattr__(updated, "_position", position)
    return updated


def _build_nx(graph: OrgGraph) -> Any:
    """The networkx view of a graph built from its organization: every node, every edge, frozen."""
    import networkx as nx  # imported on first use: assessing never needs it

    organization = graph.organization
    view: Any = nx.MultiDiGraph(name=organization.name)
    with paused_gc():
        view.add_nodes_from(
            (element.id, {"kind": kind, "label": graph.label_of(element.id)})
            for kind, element in organization.elements()
        )
        view.add_edges_from(
            (u, v, relation, {"relation": relation})
            for edges in _element_edges(organization)
            for u, v, relation in edges
        )
    return nx.freeze(view)
