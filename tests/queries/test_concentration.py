"""Concentration queries (5.3): single points of failure and unstaffed roles."""

from __future__ import annotations

import pytest
from tests.queries._helpers import ROLES, Query, found, graph_of

from iso9001_leadership.queries import single_points_of_failure

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- concentration (5.3) -------------------------------------------------------------------
    (
        "a holder and a deputy",
        single_points_of_failure,
        ROLES
        + "people: [{id: ana, name: Ana, roles: [qm]}, {id: ben, name: Ben, deputy_of: [qm]}]\n"
        + "processes: [{id: p, name: P, owner: qm}]",
        [],
    ),
    (
        "a sole holder",
        single_points_of_failure,
        ROLES
        + "people: [{id: ana, name: Ana, roles: [qm], deputy_of: [qm]}]\nprocesses: [{id: p, name: P, owner: qm}]",
        [("single_point_of_failure", ("ana", "qm"))],
    ),
    (
        "a sole deputy of a vacant role",
        single_points_of_failure,
        ROLES + "people: [{id: ben, name: Ben, deputy_of: [qm]}]\nprocesses: [{id: p, name: P, owner: qm}]",
        [("single_point_of_failure", ("ben", "qm"))],
    ),
    (
        "nobody at all",
        single_points_of_failure,
        ROLES + "processes: [{id: p, name: P, owner: qm}]",
        [("unstaffed_role", ("qm",))],
    ),
    (
        "one person for two roles: one gap",
        single_points_of_failure,
        ROLES
        + "people: [{id: ana, name: Ana, roles: [qm, ops]}]\n"
        + "processes: [{id: p, name: P, owner: ops}, {id: s, name: S, owner: qm}]",
        [("single_point_of_failure", ("ana", "qm", "ops"))],
    ),
    (
        "roles that own no process do not count",
        single_points_of_failure,
        ROLES + "processes: [{id: p, name: P}]",
        [],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


@pytest.mark.parametrize(
    ("body", "query", "reason"),
    [
        (
            ROLES + "people: [{id: ana, name: Ana, roles: [qm]}]\nprocesses: [{id: p, name: P, owner: qm}]",
            single_points_of_failure,
            "'ana' is the only person who can act for 'qm', owner of 1 process; nobody deputises",
        ),
        (
            ROLES + "processes: [{id: p, name: P, owner: ops}, {id: s, name: S, owner: ops}]",
            single_points_of_failure,
            "Nobody holds role 'ops' or deputises for it, yet it owns 2 processes",
        ),
    ],
)
def test_reasons_read_as_plain_sentences(body: str, query: Query, reason: str) -> None:
    """Reasons name the elements and say what is wrong in one plain line."""
    assert [gap.reason for gap in query(graph_of(body))][-1] == reason
