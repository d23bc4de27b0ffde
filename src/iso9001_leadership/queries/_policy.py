"""The quality policy and quality objectives (5.2, 6.2)."""

from __future__ import annotations

import datetime as dt

from iso9001_leadership._names import join_ids, plural, quote
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import QualityObjective, QualityPolicy

from ._accountability import role_holders
from ._gap import Gap, GapKind, sort_gaps

__all__ = ["OBJECTIVE_ITEMS", "objective_gaps", "policy_gaps"]

#: What an objective's plan must say (6.2.1 b, 6.2.2 c-e): the name of each item and its clause.
OBJECTIVE_ITEMS: tuple[tuple[str, str], ...] = (
    ("metric", "6.2.1 b"),
    ("target", "6.2.1 b"),
    ("owner", "6.2.2 c"),
    ("due date", "6.2.2 d"),
    ("evaluation method", "6.2.2 e"),
)


def _communicated(graph: OrgGraph, policy: str) -> set[str]:
    """Roles that know the policy: its approvers and communicators, and every role it was communicated to.

    The policy reached a role when the policy names it in ``communicated_to``, or when a
    communication about the policy has it in its audience.
    """
    kinds = graph.kinds
    reached = set(graph.successors(policy, Relation.COMMUNICATED_TO))
    reached.update(graph.predecessors(policy, Relation.APPROVES))
    for communication in graph.predecessors(policy, Relation.ABOUT):
        if kinds[communication] is NodeKind.COMMUNICATION:
            reached.update(graph.successors(communication, Relation.COMMUNICATED_TO))
            reached.update(graph.predecessors(communication, Relation.COMMUNICATES))
    return reached


def _knowing_people(graph: OrgGraph, policy: str) -> set[str]:
    """The people who hold a role that approved or communicated the policy: they know it first-hand."""
    kinds = graph.kinds
    sources = list(graph.predecessors(policy, Relation.APPROVES))
    for communication in graph.predecessors(policy, Relation.ABOUT):
        if kinds[communication] is NodeKind.COMMUNICATION:
            sources.extend(graph.predecessors(communication, Relation.COMMUNICATES))
    return {person for role in dict.fromkeys(sources) for person in role_holders(graph, role)}


def _holds_responsibilities(graph: OrgGraph, role: str) -> bool:
    if graph.successors(role, Relation.ACCOUNTABLE_FOR) or graph.successors(role, Relation.RESPONSIBLE_FOR):
        return True
    kinds = graph.kinds
    return any(kinds[p] is NodeKind.PROCESS for p in graph.successors(role, Relation.OWNS))


def _known_by_holders(graph: OrgGraph, role: str, knowing: set[str]) -> bool:
    """Whether the role has holders, all of whom know the policy first-hand."""
    holders = role_holders(graph, role)
    return bool(holders) and all(person in knowing for person in holders)


def policy_gaps(graph: OrgGraph, *, as_of: dt.date | None) -> tuple[Gap, ...]:
    """No quality policy (5.2.1), a policy not communicated (5.2.2 b), or its review overdue (5.2.2 a).

    The policy must reach every role that holds responsibilities: each role accountable or
    responsible for a responsibility, or owning a process. It reaches a role when the policy
    lists the role in ``communicated_to``, or when a communication about the policy has the
    role in its audience. Communication is not demanded towards those who know the policy
    first-hand: the role that approved it (``approved_by``), a role that communicates it, and
    a role whose holders all hold one of those roles (in a one-person organization that
    approved its own policy, nobody needs telling).

    The review is overdue when the policy has no next review date, or its next review date
    falls before ``as_of``.

    Parameters
    ----------
    graph
        The accountability graph.
    as_of
        The date to judge the review date against (pass it in: queries never read the clock).
        ``None`` skips that comparison; a missing review date is still reported.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO}
    ... - {id: qm, title: Quality Manager}
    ... - {id: ops, title: Operations Manager}
    ... policy: {id: policy, statement: We make good pumps., approved_by: ceo, next_review: 2026-06-30}
    ... processes: [{id: make, name: Production, owner: ops}]
    ... responsibilities:
    ... - {id: conformity, title: Keep the QMS conforming, accountable: [ceo], responsible: [qm]}
    ... communications:
    ... - {id: town-hall, subject: Policy briefing, about: [policy], audience: [qm]}
    ... '''))
    >>> for gap in policy_gaps(graph, as_of=dt.date(2026, 11, 24)):
    ...     print(gap)
    policy_not_communicated (5.2.2 b): The quality policy has not been communicated to 1 role that holds responsibilities: 'ops'
    policy_review_overdue (5.2.2 a): The quality policy was due for review on 2026-06-30, before 2026-11-24

    If the CEO who approved the policy also ran operations, nobody would need to tell them:

    >>> from iso9001_leadership import Person
    >>> ana = Person(id="ana", name="Ana Ruiz", roles=("ceo", "ops"))
    >>> policy_gaps(OrgGraph.from_organization(graph.organization.with_elements(ana)), as_of=dt.date(2026, 6, 1))
    ()
    """
    policies = graph.ids(NodeKind.POLICY)
    if not policies:
        gap = Gap(
            GapKind.NO_POLICY,
            (),
            ("5.2.1",),
            "The organization has no quality policy",
            "Write a quality policy and have top management approve it",
        )
        return (gap,)
    gaps: list[Gap] = []
    for policy in policies:
        reached = _communicated(graph, policy)
        knowing = _knowing_people(graph, policy)
        missing = tuple(
            role
            for role in graph.ids(NodeKind.ROLE)
            if role not in reached
            and _holds_responsibilities(graph, role)
            and not _known_by_holders(graph, role, knowing)
        )
        if missing:
            roles = plural(len(missing), "role")
            verb = "holds" if len(missing) == 1 else "hold"
            gaps.append(
                Gap(
                    GapKind.POLICY_NOT_COMMUNICATED,
                    (policy, *missing),
                    ("5.2.2 b",),
                    f"The quality policy has not been communicated to {roles} that {verb} responsibilities: "
                    f"{join_ids(missing)}",
                    f"Communicate the policy to {join_ids(missing)}",
                )
            )
        next_review = graph.organization.get(policy, QualityPolicy).next_review
        reason = None
        if next_review is None:
            reason = "The quality policy has no next review date"
        elif as_of is not None and next_review < as_of:
            reason = f"The quality policy was due for review on {next_review.isoformat()}, before {as_of.isoformat()}"
        if reason is not None:
            gaps.append(
                Gap(
                    GapKind.POLICY_REVIEW_OVERDUE,
                    (policy,),
                    ("5.2.2 a",),
                    reason,
                    "Review the policy with top management and set the date of the next review",
                )
            )
    return sort_gaps(graph, gaps)


def _words(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def objective_gaps(graph: OrgGraph) -> tuple[Gap, ...]:
    """Objectives that support no policy commitment, or whose plan is incomplete (5.2.1 b, 6.2).

    Every objective must put a policy commitment into practice (5.2.1 b, 6.2.1 a) and say
    what is measured, the target, who owns it, when it is due and how results are evaluated
    (6.2.1 b, 6.2.2 c-e). The gap's clauses are those of the missing items.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: qm, title: Quality Manager}]
    ... policy:
    ...   id: policy
    ...   statement: We make good pumps.
    ...   commitments: [{id: satisfy, kind: satisfy_requirements}]
    ... objectives:
    ... - {id: otd, statement: Ship on time, supports: [satisfy], metric: on-time rate, target: 95,
    ...    owner: qm, evaluation: monthly review}
    ... - {id: nps, statement: Delight customers}
    ... '''))
    >>> for gap in objective_gaps(graph):
    ...     print(gap)
    objective_without_commitment (5.2.1 b, 6.2.1 a): Objective 'nps' supports no commitment of the quality policy
    objective_incomplete (6.2.2 d): Objective 'otd' has no due date
    objective_incomplete (6.2.1 b, 6.2.2 c, 6.2.2 d, 6.2.2 e): Objective 'nps' has no metric, target, owner, due date or evaluation method
    """
    organization = graph.organization
    gaps: list[Gap] = []
    for objective in graph.ids(NodeKind.OBJECTIVE):
        name = quote(objective)
        if not graph.successors(objective, Relation.SUPPORTS_COMMITMENT):
            gaps.append(
                Gap(
                    GapKind.OBJECTIVE_WITHOUT_COMMITMENT,
                    (objective,),
                    ("5.2.1 b", "6.2.1 a"),
                    f"Objective {name} supports no commitment of the quality policy",
                    f"Link {name} to the policy commitment it puts into practice",
                )
            )
        element = organization.get(objective, QualityObjective)
        present = {
            "metric": bool(element.metric.strip()),
            "target": element.target is not None,
            "owner": bool(graph.predecessors(objective, Relation.OWNS)),
            "due date": element.due is not None,
            "evaluation method": bool(element.evaluation.strip()),
        }
        missing = [item for item, _ in OBJECTIVE_ITEMS if not present[item]]
        if missing:
            clauses = tuple(dict.fromkeys(clause for item, clause in OBJECTIVE_ITEMS if not present[item]))
            gaps.append(
                Gap(
                    GapKind.OBJECTIVE_INCOMPLETE,
                    (objective,),
                    clauses,
                    f"Objective {name} has no {_words(missing, 'or')}",
                    f"Record the {_words(missing, 'and')} of {name}",
                )
            )
    return sort_gaps(graph, gaps)
