"""Customer focus: requirements owned, customer risks treated (5.1.2)."""

from __future__ import annotations

from iso9001_leadership._names import quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation

from ._gap import Gap, GapKind, sort_gaps
from ._risk import customer_related, untreated

__all__ = ["customer_focus_gaps"]


def customer_focus_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Interested-party requirements with no owner (5.1.2 a) and untreated customer risks (5.1.2 b).

    An unowned requirement's gap names the requirement, then its party. A risk is
    customer-related when it is marked ``customer_impact`` or arises from a customer
    or a customer's requirement; it is untreated when no action that is not cancelled
    addresses it and it was not knowingly accepted with a rationale.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: sales-lead, title: Sales Lead}]
    ... interested_parties:
    ... - id: acme-auto
    ...   name: Acme Automotive
    ...   kind: customer
    ...   requirements:
    ...   - {id: ppap, text: Submit a PPAP before first delivery, owner: sales-lead}
    ...   - {id: edi, text: Send shipping notices by EDI}
    ... risks:
    ... - {id: recall, title: Field recall, owner: sales-lead, sources: [ppap]}
    ... '''))
    >>> for gap in customer_focus_gaps(graph):
    ...     print(gap)
    unowned_requirement (5.1.2 a): Requirement 'edi' of 'acme-auto' has no owner
    customer_risk_untreated (5.1.2 b, 6.1.2 a): Risk 'recall' can affect customers but has no action planned and was not knowingly accepted
    """
    gaps: list[Gap] = []
    for requirement in graph.ids(NodeKind.PARTY_REQUIREMENT):
        if not graph.predecessors(requirement, Relation.OWNS):
            parties = graph.successors(requirement, Relation.BELONGS_TO)
            of = f" of {quote(parties[0])}" if parties else ""
            gaps.append(
                Gap(
                    GapKind.UNOWNED_REQUIREMENT,
                    (requirement, *parties),
                    ("5.1.2 a",),
                    f"Requirement {quote(requirement)}{of} has no owner",
                    f"Name the role that makes sure {quote(requirement)} is met",
                )
            )
    customers: dict[str, bool] = {}
    for risk in graph.ids(NodeKind.RISK):
        if not customer_related(graph, risk, customers):
            continue
        why = untreated(graph, risk)
        if why is not None:
            gaps.append(
                Gap(
                    GapKind.CUSTOMER_RISK_UNTREATED,
                    (risk,),
                    ("5.1.2 b", "6.1.2 a"),
                    f"Risk {quote(risk)} can affect customers but {why}",
                    f"Plan an action on {quote(risk)}, or accept it and record why",
                )
            )
    return sort_gaps(graph, gaps)
