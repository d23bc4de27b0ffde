"""Segregation-of-duties queries (9.2.2 c): nobody audits their own process."""

from __future__ import annotations

import pytest
from tests.queries._helpers import Query, found, graph_of

from iso9001_leadership.queries import segregation_of_duties_gaps

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
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected
