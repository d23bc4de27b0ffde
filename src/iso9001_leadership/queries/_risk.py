"""Risks and opportunities: owned, acted on, and the actions checked for effect (6.1.2)."""

from __future__ import annotations

from iso9001_leadership._names import join_ids, meaningful, quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import Action, ActionStatus, InterestedParty, Opportunity, PartyKind, Risk

from ._gap import Gap, GapKind, sort_gaps

__all__ = ["customer_related", "risk_gaps", "untreated"]

_NOUN = {NodeKind.RISK: "Risk", NodeKind.OPPORTUNITY: "Opportunity"}


def _live_actions(graph: OrgGraph, element_id: str) -> tuple[str, ...]:
    organization = graph.organization
    return tuple(
        a
        for a in graph.successors(element_id, Relation.ADDRESSED_BY)
        if organization.get(a, Action).status is not ActionStatus.CANCELLED
    )


def untreated(graph: OrgGraph, element_id: str) -> str | None:
    """Why a risk or opportunity counts as not addressed (6.1.2 a), or ``None`` when it is addressed.

    It is addressed when an action that is not cancelled addresses it, or when it was
    knowingly accepted (``accepted``) with a recorded rationale.
    """
    if _live_actions(graph, element_id):
        return None
    element = graph.organization.get(element_id)
    if not isinstance(element, Risk | Opportunity):
        msg = f"{element_id!r} is not a risk or an opportunity"
        raise TypeError(msg)
    if element.accepted:
        return None if meaningful(element.rationale) else "is accepted, but no reason is recorded"
    return "has no action planned and was not knowingly accepted"


def customer_related(graph: OrgGraph, risk_id: str, customers: dict[str, bool] | None = None) -> bool:
    """Whether a risk can affect customers (5.1.2 b).

    It can when it is marked ``customer_impact`` or arises from a customer, or from a
    requirement of a customer. ``customers`` memoises which parties are customers.
    """
    organization = graph.organization
    if organization.get(risk_id, Risk).customer_impact:
        return True
    memo = {} if customers is None else customers
    kinds = graph.kinds
    for source in graph.successors(risk_id, Relation.ARISES_FROM):
        kind = kinds[source]
        parties: tuple[str, ...] = (source,) if kind is NodeKind.INTERESTED_PARTY else ()
        if kind is NodeKind.PARTY_REQUIREMENT:
            parties = graph.successors(source, Relation.BELONGS_TO)
        for party in parties:
            if party not in memo:
                memo[party] = organization.get(party, InterestedParty).kind is PartyKind.CUSTOMER
            if memo[party]:
                return True
    return False


def risk_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Risks and opportunities with no owner or no action, and actions never checked for effect (6.1.2).

    A risk or opportunity is addressed when an action that is not cancelled addresses it, or
    when it was knowingly accepted with a recorded rationale. Risks that can affect customers
    are left to :func:`customer_focus_gaps`, which reports them untreated under 5.1.2 b, so
    that one fault is not reported twice. Every action that addresses a risk or opportunity
    and is not cancelled needs an effectiveness evaluation (6.1.2 b 2); that gap names the
    action, then what it addresses.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: qm, title: Quality Manager}]
    ... risks:
    ... - {id: late-parts, title: Late parts, owner: qm, actions: [dual-source]}
    ... - {id: flood, title: Flooding, owner: qm, accepted: true}
    ... opportunities:
    ... - {id: export, title: Export to Chile}
    ... actions:
    ... - {id: dual-source, title: Qualify a second supplier, owner: qm}
    ... '''))
    >>> for gap in risk_gaps(graph):
    ...     print(gap)
    unowned_risk (6.1.2): Opportunity 'export' has no owner
    unaddressed_risk (6.1.2 a): Risk 'flood' is accepted, but no reason is recorded
    unaddressed_risk (6.1.2 a): Opportunity 'export' has no action planned and was not knowingly accepted
    unevaluated_action (6.1.2 b 2): Action 'dual-source' addresses 'late-parts' but nothing says how its effect will be evaluated
    """
    gaps: list[Gap] = []
    customers: dict[str, bool] = {}
    for kind in (NodeKind.RISK, NodeKind.OPPORTUNITY):
        noun = _NOUN[kind]
        for element in graph.ids(kind):
            name = quote(element)
            if not graph.predecessors(element, Relation.OWNS):
                gaps.append(
                    Gap(
                        GapKind.UNOWNED_RISK,
                        (element,),
                        ("6.1.2",),
                        f"{noun} {name} has no owner",
                        f"Name the role that owns {name}",
                    )
                )
            if kind is NodeKind.RISK and customer_related(graph, element, customers):
                continue
            why = untreated(graph, element)
            if why is not None:
                gaps.append(
                    Gap(
                        GapKind.UNADDRESSED_RISK,
                        (element,),
                        ("6.1.2 a",),
                        f"{noun} {name} {why}",
                        f"Plan an action on {name}, or accept it and record why",
                    )
                )
    organization = graph.organization
    for action in graph.ids(NodeKind.ACTION):
        addressed = graph.predecessors(action, Relation.ADDRESSED_BY)
        plan = organization.get(action, Action)
        if addressed and plan.effectiveness is None and plan.status is not ActionStatus.CANCELLED:
            gaps.append(
                Gap(
                    GapKind.UNEVALUATED_ACTION,
                    (action, *addressed),
                    ("6.1.2 b 2",),
                    f"Action {quote(action)} addresses {join_ids(addressed)} "
                    "but nothing says how its effect will be evaluated",
                    f"Record how, when and against what criterion the effect of {quote(action)} will be evaluated",
                )
            )
    return sort_gaps(graph, gaps)
