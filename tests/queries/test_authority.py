"""Authority queries (5.3): roles lacking the authority their duties need, authorities nobody holds."""

from __future__ import annotations

import pytest
from tests.queries._helpers import Query, found, graph_of

from iso9001_leadership.queries import missing_authorities, unheld_authorities

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- authority (5.3) ------------------------------------------------------------------
    (
        "the roles hold what they need",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM, authorities: [a]}]\nauthorities: [{id: a, title: A}]\n"
            "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [qm], authorities_needed: [a]}]"
        ),
        [],
    ),
    (
        "an authority nobody doing or answering for the duty holds, one gap per responsibility",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM}, {id: ops, title: Ops, authorities: [b]}]\n"
            "authorities: [{id: a, title: A}, {id: b, title: B}]\n"
            "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [qm, ops], authorities_needed: [a, b]}]"
        ),
        [("missing_authority", ("qm", "r", "a", "ops"))],
    ),
    (
        "the doer holds the operational authority, the accountable manager need not",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM}, {id: insp, title: Inspector, authorities: [release]}]\n"
            "authorities: [{id: release, title: Release product}]\n"
            "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [insp], authorities_needed: [release]}]"
        ),
        [],
    ),
    (
        "a person holds the authority through another of their roles",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM}, {id: md, title: MD, authorities: [a]}]\n"
            "people: [{id: ana, name: Ana, roles: [qm, md]}]\n"
            "authorities: [{id: a, title: A}]\n"
            "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [qm], authorities_needed: [a]}]"
        ),
        [],
    ),
    (
        "consulted roles need no authority",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM}]\nauthorities: [{id: a, title: A}]\n"
            "responsibilities: [{id: r, title: R, consulted: [qm], authorities_needed: [a]}]"
        ),
        [],
    ),
    (
        "a granted authority nobody holds",
        unheld_authorities,
        (
            "roles: [{id: ceo, title: CEO, authorities: [a]}]\n"
            "authorities: [{id: a, title: A}, {id: b, title: B, granted_by: ceo}]"
        ),
        [("unheld_authority", ("b",))],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected
