"""Segregation-of-duties queries (9.2.2 c): nobody audits their own process, through one role or two."""

from __future__ import annotations

import pytest
from tests.queries._helpers import Query, found, graph_of

from iso9001_leadership.queries import GapKind, segregation_of_duties_gaps

#: Two people, an auditor and a buyer, kept apart: nobody audits their own work.
APART = (
    "roles: [{id: qm, title: QM, audits: [buy]}, {id: buyer, title: Buyer}]\n"
    "people: [{id: ana, name: Ana, roles: [qm]}, {id: ben, name: Ben, roles: [buyer]}]\n"
    "processes: [{id: buy, name: Purchasing, owner: buyer}]\n"
)

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- segregation of duties (9.2.2 c) --------------------------------------------------------
    (
        "auditing one's own process, directly or through a 5.3 b duty",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [p, s, t]}, {id: ops, title: Ops}]\n"
            "processes: [{id: p, name: P, owner: qm}, {id: s, name: S, owner: ops}, {id: t, name: T}]\n"
            "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [qm], processes: [t]}]"
        ),
        [("self_audit", ("qm", "p")), ("self_audit", ("qm", "t"))],
    ),
    ("auditor and buyer are different people", segregation_of_duties_gaps, APART, []),
    (
        "one person audits through one role what they answer for through another",
        segregation_of_duties_gaps,
        APART.replace("roles: [qm]}, {id: ben", "roles: [qm, buyer]}, {id: ben"),
        [("self_audit", ("ana", "buy", "qm", "buyer"))],
    ),
    (
        "accountable through a 5.3 b duty of the process alone counts as well",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [buy]}, {id: lead, title: Lead}, {id: buyer, title: Buyer}]\n"
            "people: [{id: ana, name: Ana, roles: [qm, lead]}, {id: ben, name: Ben, roles: [buyer]}]\n"
            "processes: [{id: buy, name: Purchasing}]\n"
            "responsibilities: [{id: r, title: R, clauses: ['5.3'], accountable: [lead], processes: [buy]}]"
        ),
        [("self_audit", ("ana", "buy", "qm", "lead"))],
    ),
    (
        "being responsible (R) or deputising is not being accountable",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [buy]}, {id: clerk, title: Clerk}, {id: buyer, title: Buyer}]\n"
            "people: [{id: ana, name: Ana, roles: [qm, clerk], deputy_of: [buyer]}, {id: ben, name: Ben, roles: [buyer]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: buyer}]\n"
            "responsibilities: [{id: r, title: R, accountable: [buyer], responsible: [clerk], processes: [buy]}]"
        ),
        [],
    ),
    (
        "the same role and process are reported once, as the role's own fault first",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [buy]}, {id: buyer, title: Buyer}]\n"
            "people: [{id: ana, name: Ana, roles: [qm, buyer]}, {id: ben, name: Ben, roles: [qm, buyer]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: qm}]\n"
            "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [buyer], processes: [buy]}]"
        ),
        [("self_audit", ("qm", "buy"))],
    ),
    (
        "two holders of both roles: one gap, naming the first of them",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [buy]}, {id: buyer, title: Buyer}]\n"
            "people: [{id: ana, name: Ana, roles: [buyer]}, {id: ben, name: Ben, roles: [buyer, qm]},"
            " {id: cy, name: Cy, roles: [qm, buyer]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: buyer}]"
        ),
        [("self_audit", ("ben", "buy", "qm", "buyer"))],
    ),
    (
        "two auditing roles of one person: one gap each",
        segregation_of_duties_gaps,
        (
            "roles: [{id: qm, title: QM, audits: [buy]}, {id: auditor, title: Auditor, audits: [buy]},"
            " {id: buyer, title: Buyer}]\n"
            "people: [{id: ana, name: Ana, roles: [buyer, qm, auditor]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: buyer}]"
        ),
        [("self_audit", ("ana", "buy", "qm", "buyer")), ("self_audit", ("ana", "buy", "auditor", "buyer"))],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


def test_person_level_gap_reads_as_a_plain_sentence() -> None:
    """A person auditing their own process through two roles is named with both roles, under 9.2.2 c."""
    body = APART.replace("roles: [qm]}, {id: ben", "roles: [qm, buyer]}, {id: ben")
    (gap,) = segregation_of_duties_gaps(graph_of(body))
    assert gap.kind is GapKind.SELF_AUDIT
    assert gap.clauses == ("9.2.2 c",)
    assert gap.reason == "Person 'ana' audits 'buy' through role 'qm' while accountable for it through role 'buyer'"
    assert gap.fix == "Have 'buy' audited by someone independent of it, not by 'ana'"


ONE_PERSON_FIX = (
    "Have 'buy' audited by someone independent of it: with one person in the organization, "
    "an external or second-party auditor"
)


@pytest.mark.parametrize(
    "body",
    [
        (
            "roles: [{id: boss, title: Owner, top_management: true, audits: [buy]}, {id: buyer, title: Buyer},"
            " {id: vacant, title: Vacant}]\n"
            "people: [{id: ana, name: Ana, roles: [boss, buyer]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: buyer}]"
        ),
        (
            "roles: [{id: boss, title: Owner, top_management: true, audits: [buy]}]\n"
            "people: [{id: ana, name: Ana, roles: [boss]}]\n"
            "processes: [{id: buy, name: Purchasing, owner: boss}]"
        ),
    ],
    ids=["through two roles", "through one role"],
)
def test_one_person_organization_is_told_to_get_an_external_auditor(body: str) -> None:
    """Where one person holds every held role, the fix names an external or second-party auditor."""
    (gap,) = segregation_of_duties_gaps(graph_of(body))
    assert gap.fix == ONE_PERSON_FIX


def test_a_deputy_is_a_second_person() -> None:
    """Someone else deputising for a role means the organization is not one person: the usual fix."""
    body = (
        "roles: [{id: boss, title: Owner, top_management: true, audits: [buy]}]\n"
        "people: [{id: ana, name: Ana, roles: [boss]}, {id: ben, name: Ben, deputy_of: [boss]}]\n"
        "processes: [{id: buy, name: Purchasing, owner: boss}]"
    )
    (gap,) = segregation_of_duties_gaps(graph_of(body))
    assert gap.fix == "Have 'buy' audited by a role independent of it"


def test_role_level_reason_is_unchanged() -> None:
    """A role auditing a process it is accountable for keeps its two subjects and its reason."""
    (gap,) = segregation_of_duties_gaps(
        graph_of("roles: [{id: qm, title: QM, audits: [p]}]\nprocesses: [{id: p, name: P, owner: qm}]")
    )
    assert gap.subjects == ("qm", "p")
    assert gap.reason == "Role 'qm' audits 'p', a process it is accountable for"
    assert gap.fix == "Have 'p' audited by a role independent of it"
