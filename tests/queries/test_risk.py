"""Risk queries (6.1.2): risks and opportunities owned, addressed, their actions evaluated."""

from __future__ import annotations

import pytest
from tests.queries._helpers import ROLES, Query, found, graph_of

from iso9001_leadership.queries import risk_gaps, untreated

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- risk (6.1.2) --------------------------------------------------------------------------
    (
        "owned, addressed, evaluated",
        risk_gaps,
        ROLES
        + "risks: [{id: k, title: K, owner: qm, actions: [a]}]\n"
        + "actions: [{id: a, title: A, effectiveness: {criterion: works}}]",
        [],
    ),
    (
        "only cancelled actions, which need no evaluation",
        risk_gaps,
        ROLES
        + "risks: [{id: k, title: K, owner: qm, actions: [a]}]\n"
        + "actions: [{id: a, title: A, status: cancelled}]",
        [("unaddressed_risk", ("k",))],
    ),
    (
        "accepted with and without a rationale",
        risk_gaps,
        ROLES
        + "risks:\n- {id: k, title: K, owner: qm, accepted: true, rationale: Cheap}\n"
        + "- {id: j, title: J, owner: qm, accepted: true}",
        [("unaddressed_risk", ("j",))],
    ),
    (
        "an unowned, unaddressed opportunity",
        risk_gaps,
        "opportunities: [{id: u, title: U}]",
        [("unowned_risk", ("u",)), ("unaddressed_risk", ("u",))],
    ),
    (
        "customer risks are left to customer focus",
        risk_gaps,
        ROLES + "risks: [{id: k, title: K, owner: qm, customer_impact: true}]",
        [],
    ),
    (
        "an objective's action needs no evaluation here; a risk's does",
        risk_gaps,
        ROLES
        + "objectives: [{id: o, statement: O, actions: [a]}]\n"
        + "risks: [{id: k, title: K, owner: qm, actions: [b]}]\n"
        + "actions: [{id: a, title: A}, {id: b, title: B}]",
        [("unevaluated_action", ("b", "k"))],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


@pytest.mark.parametrize(
    ("body", "query", "reason"),
    [
        ("risks: [{id: k, title: K, accepted: true}]", risk_gaps, "Risk 'k' is accepted, but no reason is recorded"),
    ],
)
def test_reasons_read_as_plain_sentences(body: str, query: Query, reason: str) -> None:
    """Reasons name the elements and say what is wrong in one plain line."""
    assert [gap.reason for gap in query(graph_of(body))][-1] == reason


def test_untreated_refuses_other_elements() -> None:
    """untreated only judges risks and opportunities."""
    with pytest.raises(TypeError, match="not a risk or an opportunity"):
        untreated(graph_of(ROLES), "qm")
