"""Policy and objective queries (5.2, 6.2): the policy, its communication and review, complete objectives."""

from __future__ import annotations

import pytest
from tests.queries._helpers import AS_OF, ROLES, Query, found, graph_of

from iso9001_leadership.queries import GapKind, objective_gaps, policy_gaps

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- policy (5.2) ------------------------------------------------------------------------
    ("no policy", lambda g: policy_gaps(g, as_of=AS_OF), ROLES, [("no_policy", ())]),
    (
        "reached through a communication; the approver and consulted roles are exempt",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES
        + "policy: {id: pol, statement: S, approved_by: ceo, next_review: 2027-01-01}\n"
        + "responsibilities: [{id: r, title: R, accountable: [ceo], responsible: [qm], consulted: [ops]}]\n"
        + "communications: [{id: c, subject: Policy, about: [pol], audience: [qm]}]",
        [],
    ),
    (
        "a process owner holds responsibilities too",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES
        + "policy: {id: pol, statement: S, next_review: 2026-11-24, communicated_to: [qm]}\n"
        + "processes: [{id: p, name: P, owner: ops}]\n"
        + "communications: [{id: c, subject: Other, audience: [ops]}]",
        [("policy_not_communicated", ("pol", "ops"))],
    ),
    (
        "no review date",
        lambda g: policy_gaps(g, as_of=None),
        ROLES + "policy: {id: pol, statement: S}",
        [("policy_review_overdue", ("pol",))],
    ),
    (
        "no date comparison without as_of",
        lambda g: policy_gaps(g, as_of=None),
        ROLES + "policy: {id: pol, statement: S, next_review: 2020-01-01}",
        [],
    ),
    (
        "review overdue",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES + "policy: {id: pol, statement: S, next_review: 2026-11-23}",
        [("policy_review_overdue", ("pol",))],
    ),
    # -- objectives (6.2) ----------------------------------------------------------------------
    (
        "a complete objective",
        objective_gaps,
        ROLES
        + "policy: {id: pol, statement: S, commitments: [{id: c, kind: continual_improvement}]}\n"
        + "objectives: [{id: o, statement: O, supports: [c], metric: m, target: 0, owner: qm, due: 2027-01-01,"
        + " evaluation: e}]",
        [],
    ),
    (
        "an empty objective",
        objective_gaps,
        "objectives: [{id: o, statement: O, metric: ' '}]",
        [("objective_without_commitment", ("o",)), ("objective_incomplete", ("o",))],
    ),
]


#: Roles with responsibilities and a policy approved by the CEO, communicated to nobody.
UNTOLD = ROLES + (
    "policy: {id: pol, statement: S, approved_by: ceo, next_review: 2027-01-01}\n"
    "processes: [{id: p, name: P, owner: ops}]\n"
    "responsibilities: [{id: r, title: R, accountable: [ceo], responsible: [qm]}]\n"
)

COMMUNICATION_CASES: list[tuple[str, str, list[tuple[str, tuple[str, ...]]]]] = [
    (
        "without people, every role with responsibilities but the approver needs telling",
        UNTOLD,
        [("policy_not_communicated", ("pol", "qm", "ops"))],
    ),
    (
        "a role held only by the approver's holders needs no telling",
        UNTOLD + "people: [{id: ana, name: Ana, roles: [ceo, ops]}, {id: ben, name: Ben, roles: [qm]}]",
        [("policy_not_communicated", ("pol", "qm"))],
    ),
    (
        "a role also held by someone else still needs telling",
        UNTOLD + "people: [{id: ana, name: Ana, roles: [ceo, ops]}, {id: ben, name: Ben, roles: [qm, ops]}]",
        [("policy_not_communicated", ("pol", "qm", "ops"))],
    ),
    (
        "deputising for the approver is not holding it",
        UNTOLD + "people: [{id: ana, name: Ana, roles: [ops], deputy_of: [ceo]}, {id: ben, name: Ben, roles: [ceo]}]",
        [("policy_not_communicated", ("pol", "qm", "ops"))],
    ),
    (
        "a one-person organization that approved its own policy: no gap",
        UNTOLD + "people: [{id: ana, name: Ana, roles: [ceo, qm, ops]}]",
        [],
    ),
    (
        "a one-person organization whose policy nobody approved still has to communicate it",
        UNTOLD.replace("approved_by: ceo, ", "") + "people: [{id: ana, name: Ana, roles: [ceo, qm, ops]}]",
        [("policy_not_communicated", ("pol", "ceo", "qm", "ops"))],
    ),
    (
        "whoever communicates the policy knows it, and so do the other roles only they hold",
        UNTOLD.replace("policy:", "- {id: hr, title: HR, reports_to: ceo}\npolicy:")
        + "people: [{id: cy, name: Cy, roles: [hr, ops]}]\n"
        + "communications: [{id: c, subject: Policy, about: [pol], communicator: hr, audience: [qm]}]",
        [],
    ),
    (
        "communicating something else is not communicating the policy",
        UNTOLD.replace("policy:", "- {id: hr, title: HR, reports_to: ceo}\npolicy:")
        + "people: [{id: cy, name: Cy, roles: [hr, ops]}]\n"
        + "communications: [{id: c, subject: Other, communicator: hr, audience: [qm]}]",
        [("policy_not_communicated", ("pol", "qm", "ops"))],
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [c[1:] for c in COMMUNICATION_CASES], ids=[c[0] for c in COMMUNICATION_CASES]
)
def test_policy_need_not_be_communicated_to_those_who_know_it(
    body: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    """The policy must reach every role with responsibilities, except roles whose holders approved or communicated it."""
    assert found(policy_gaps(graph_of(body), as_of=AS_OF)) == expected


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


@pytest.mark.parametrize(
    ("body", "query", "reason"),
    [
        (
            "objectives: [{id: o, statement: O, supports: [], metric: m, target: 1, due: 2027-01-01}]",
            objective_gaps,
            "Objective 'o' has no owner or evaluation method",
        ),
        (
            ROLES + "policy: {id: pol, statement: S, next_review: 2027-01-01}\nprocesses: "
            "[{id: p, name: P, owner: ops}, {id: s, name: S, owner: qm}]",
            lambda g: policy_gaps(g, as_of=AS_OF),
            "The quality policy has not been communicated to 2 roles that hold responsibilities: 'qm' and 'ops'",
        ),
    ],
)
def test_reasons_read_as_plain_sentences(body: str, query: Query, reason: str) -> None:
    """Reasons name the elements and say what is wrong in one plain line."""
    assert [gap.reason for gap in query(graph_of(body))][-1] == reason


def test_objective_incomplete_cites_the_clause_of_each_missing_item() -> None:
    """The clauses of an incomplete objective are those of its missing items, in order."""
    graph = graph_of("objectives: [{id: o, statement: O, metric: m, target: 1, due: 2027-01-01}]")
    (gap,) = [g for g in objective_gaps(graph) if g.kind is GapKind.OBJECTIVE_INCOMPLETE]
    assert gap.clauses == ("6.2.2 c", "6.2.2 e")
    assert gap.fix == "Record the owner and evaluation method of 'o'"
