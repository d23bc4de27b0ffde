"""What-if: what would break if some people, roles or other elements went away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from iso9001_leadership._gc import paused_gc
from iso9001_leadership.graph import NESTED_RELATION, REVERSED_RELATIONS, OrgGraph, Relation
from iso9001_leadership.model import COLLECTIONS, Organization, refs_of

from ._find import find_gaps
from ._gap import Gap
from ._reporting import DEFAULT_MAX_DIRECT_REPORTS

__all__ = ["impact_of_removing", "without_elements"]

T = TypeVar("T")


def _orphan(item: object, gone: frozenset[str]) -> bool:
    """Whether ``item`` (a nested mapping, such as a role holding) needs a reference to something ``gone``."""
    if not attrs.has(type(item)):
        return False
    return any(
        refs_of(field) is not None and field.default is attrs.NOTHING and getattr(item, field.name) in gone
        for field in attrs.fields(type(item))  # type: ignore[arg-type]  # item is an attrs instance
    )


def _prune(value: T, gone: frozenset[str]) -> T:
    """``value`` (an attrs instance) with every reference to, and every nested element of, ``gone`` removed."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # value is an attrs instance
        if not field.init:
            continue
        current = getattr(value, field.name)
        if refs_of(field) is not None:
            if isinstance(current, tuple):
                kept = tuple(target for target in current if target not in gone)
                if len(kept) != len(current):
                    changes[field.name] = kept
            elif current in gone:
                changes[field.name] = None
        elif isinstance(current, tuple):
            items = [item for item in current if getattr(item, "id", None) not in gone and not _orphan(item, gone)]
            pruned = tuple(_prune(item, gone) if attrs.has(type(item)) else item for item in items)
            if len(pruned) != len(current) or any(a is not b for a, b in zip(pruned, current, strict=True)):
                changes[field.name] = pruned
        elif attrs.has(type(current)):
            if getattr(current, "id", None) in gone:
                changes[field.name] = None
            else:
                pruned_value = _prune(current, gone)
                if pruned_value is not current:
                    changes[field.name] = pruned_value
    return attrs.evolve(value, **changes) if changes else value  # type: ignore[misc]


def without_elements(organization: Organization, ids: Iterable[str], *, graph: OrgGraph | None = None) -> Organization:
    """A copy of an organization with some elements removed, and every reference to them.

    Unlike :meth:`Organization.without`, references are removed too (an owner becomes empty,
    a list loses the id), so the result is always a valid organization. Nested elements (a
    policy commitment, a party requirement) and the quality policy can be removed as well;
    removing an element removes the elements nested in it.

    Raises
    ------
    UnknownIdError
        If an id is not in the organization.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Process, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
    ...                    processes=(Process(id="sales", name="Sales", owner="ceo"),))
    >>> without_elements(org, ["ceo"]).processes
    (Process(id='sales', name='Sales', ..., owner=None, ...),)
    """
    gone = _ids(organization, ids)
    if graph is None or graph.organization is not organization:
        return _prune(organization, gone)
    return _prune_named(organization, gone, _namers(graph, gone))


def _namers(graph: OrgGraph, gone: frozenset[str]) -> set[str]:
    """The top-level elements (not gone) that name one of ``gone``: the only ones a removal changes.

    Read from the graph's edges at the elements gone: an edge is recorded by its source, or by
    its target for a reversed relation and for ``belongs_to`` (the parent holds its nested
    elements). An element nested in another stands for its parent.
    """
    found: set[str] = set()
    for element_id in gone:
        for relation in Relation:
            by_target = relation in REVERSED_RELATIONS or relation is NESTED_RELATION
            for other in graph.predecessors(element_id, relation):
                found.add(element_id if by_target else other)
            for other in graph.successors(element_id, relation):
                found.add(other if by_target else element_id)
    top: set[str] = set()
    for element_id in found - gone:
        parents = graph.successors(element_id, NESTED_RELATION)
        top.add(parents[0] if parents else element_id)
    return top - gone


def _prune_named(organization: Organization, gone: frozenset[str], namers: set[str]) -> Organization:
    """``organization`` without ``gone``: only the collections holding one of them or of ``namers`` are rebuilt."""
    changes: dict[str, Any] = {}
    for name, _ in COLLECTIONS:
        current = getattr(organization, name)
        if any(e.id in gone or e.id in namers for e in current):
            changes[name] = tuple(_prune(e, gone) if e.id in namers else e for e in current if e.id not in gone)
    policy = organization.policy
    if policy is not None and policy.id in gone:
        changes["policy"] = None
    elif policy is not None and policy.id in namers:
        changes["policy"] = _prune(policy, gone)
    return organization.evolve(**changes)


def _ids(organization: Organization, ids: Iterable[str]) -> frozenset[str]:
    if isinstance(ids, str | bytes):
        msg = f"expected a list of ids, not the string {ids!r}"
        raise TypeError(msg)
    gone = set(ids)
    for element_id in sorted(gone):
        organization.kind_of(element_id)  # raises UnknownIdError, with the nearest id, for an unknown one
    # Elements nested in a removed one (a policy's commitments, a party's requirements) go too.
    for element_id in sorted(gone):
        element = organization[element_id]
        for field in attrs.fields(type(element)):
            value = getattr(element, field.name)
            if isinstance(value, tuple):
                gone.update(item.id for item in value if attrs.has(type(item)) and hasattr(item, "id"))
    return frozenset(gone)


def impact_of_removing(
    graph: OrgGraph,
    ids: Iterable[str],
    *,
    as_of: dt.date | None = None,
    max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS,
) -> tuple[Gap, ...]:
    """What would break if these elements (people, roles, anything) were removed: the new gaps.

    The elements and every reference to them are removed (see :func:`without_elements`), the
    gaps of the result are found with :func:`find_gaps`, and those that the organization does
    not already have (compared by kind, subjects and clauses) are returned, in :func:`sort_gaps` order.

    The cost is a fraction of an assessment: the gaps of the graph as it is are found once and
    kept with the graph (an assessment that used it has found them already); only the elements
    that name what is removed are copied and checked again; the graph of the result is
    :meth:`~iso9001_leadership.graph.OrgGraph.updated` from this one; and the gaps of the result
    are found once, in time linear in its size.

    Parameters
    ----------
    graph
        The accountability graph.
    ids
        The ids of the elements to remove.
    as_of, max_direct_reports
        As for :func:`find_gaps`.

    Raises
    ------
    UnknownIdError
        If an id is not in the organization.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO, top_management: true}, {id: ops, title: Operations, reports_to: ceo}]
    ... people:
    ... - {id: ana, name: Ana Ruiz, roles: [ceo], deputy_of: [ops]}
    ... - {id: ben, name: Ben Ode, roles: [ops], deputy_of: [ceo]}
    ... processes:
    ... - {id: sales, name: Sales, owner: ceo, interacts_with: [make]}
    ... - {id: make, name: Production, owner: ops}
    ... '''))
    >>> for gap in impact_of_removing(graph, ["ben"]):
    ...     print(gap)
    single_point_of_failure (5.3): 'ana' is the only person who can act for 'ceo' and 'ops', owners of 2 processes; nobody deputises
    >>> for gap in impact_of_removing(graph, ["ops"]):
    ...     print(gap)
    process_without_owner (5.3 b): Process 'make' has no accountable owner
    """
    organization = graph.organization
    gone = _ids(organization, ids)
    options: dict[str, Any] = {"as_of": as_of, "max_direct_reports": max_direct_reports}
    before = {(gap.kind, gap.subjects, gap.clauses) for gap in find_gaps(graph, **options)}
    with paused_gc():
        after_graph = graph.updated(_prune_named(organization, gone, _namers(graph, gone)))
        after = find_gaps(after_graph, **options)
    return tuple(gap for gap in after if (gap.kind, gap.subjects, gap.clauses) not in before)
