"""Customer-focus queries (5.1.2): owned party requirements, treated customer risks."""

from __future__ import annotations

import pytest
from tests.queries._helpers import ROLES, Query, found, graph_of

from iso9001_leadership.queries import customer_focus_gaps

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- customer focus (5.1.2) ----------------------------------------------------------------
    (
        "an unowned requirement, named with its party",
        customer_focus_gaps,
        ROLES
        + "interested_parties:\n- id: buyer\n  name: Buyer\n  requirements:\n"
        + "  - {id: q1, text: T, owner: qm}\n  - {id: q2, text: T}",
        [("unowned_requirement", ("q2", "buyer"))],
    ),
    (
        "risks from customers, their requirements, or flagged, must be treated",
        customer_focus_gaps,
        ROLES
        + "interested_parties:\n- id: buyer\n  name: Buyer\n  kind: customer\n  requirements: [{id: q, text: T, owner: qm}]\n"
        + "- {id: town, name: Town, kind: community}\n"
        + "risks:\n- {id: k1, title: K, sources: [buyer]}\n- {id: k2, title: K, sources: [q]}\n"
        + "- {id: k3, title: K, customer_impact: true, accepted: true, rationale: Insured}\n"
        + "- {id: k4, title: K, sources: [town]}\n- {id: k5, title: K, customer_impact: true, accepted: true}",
        [
            ("customer_risk_untreated", ("k1",)),
            ("customer_risk_untreated", ("k2",)),
            ("customer_risk_untreated", ("k5",)),
        ],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected
