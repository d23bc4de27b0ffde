"""Accountability queries (5.1.1 a, 5.3): process owners, RACI, top management, 5.3 duties, accountability chains."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.queries._helpers import ROLES, Query, found, graph_of

from iso9001_leadership import UnknownIdError
from iso9001_leadership.clauses import serves
from iso9001_leadership.graph import OrgGraph, Relation
from iso9001_leadership.queries import (
    accountability_chain,
    accountable_roles,
    process_ownership_gaps,
    raci_gaps,
    top_management_accountability_gaps,
    unassigned_duties,
)

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- process ownership (5.3 b) ------------------------------------------------------
    ("owned process", process_ownership_gaps, ROLES + "processes: [{id: p, name: P, owner: qm}]", []),
    (
        "process without owner",
        process_ownership_gaps,
        ROLES + "processes: [{id: p, name: P}]",
        [("process_without_owner", ("p",))],
    ),
    (
        "owner and a 5.3 b duty of that process alone disagree",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P, owner: qm}]\n"
        + "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [ops], processes: [p]}]",
        [("process_with_several_owners", ("p", "qm", "ops"))],
    ),
    (
        "owner and a 5.3 b duty agree",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P, owner: qm}]\n"
        + "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [qm], processes: [p]}]",
        [],
    ),
    (
        "a 5.3 b duty of one process stands in for its owner",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P}]\n"
        + "responsibilities: [{id: r, title: R, clauses: [5.3 a-e], accountable: [qm], processes: [p]}]",
        [],
    ),
    (
        "a 5.3 b duty over several processes is oversight, not ownership",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P, owner: qm}, {id: s, name: S}]\n"
        + "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [ops], processes: [p, s]}]",
        [("process_without_owner", ("s",))],
    ),
    (
        "citing the whole of 5.3 covers 5.3 b: a duty of one process citing '5.3' names its owner",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P}]\n"
        + "responsibilities: [{id: r, title: R, clauses: ['5.3'], accountable: [qm], processes: [p]}]",
        [],
    ),
    (
        "a duty citing neither 5.3 b nor the whole of 5.3 does not make an owner",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P}]\n"
        + "responsibilities: [{id: r, title: R, clauses: [5.3 a, '5', '5.3.1'], accountable: [qm], processes: [p]}]",
        [("process_without_owner", ("p",))],
    ),
    (
        "a duty citing '5.3' whose accountable role differs from the owner is a second owner",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P, owner: ops}]\n"
        + "responsibilities: [{id: r, title: R, clauses: ['5.3'], accountable: [qm], processes: [p]}]",
        [("process_with_several_owners", ("p", "ops", "qm"))],
    ),
    # -- RACI (5.3) ---------------------------------------------------------------------
    (
        "complete RACI",
        raci_gaps,
        ROLES + "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [ops]}]",
        [],
    ),
    (
        "nobody assigned",
        raci_gaps,
        ROLES + "responsibilities: [{id: r, title: R, consulted: [qm], informed: [ops]}]",
        [("responsibility_without_accountable", ("r",)), ("responsibility_without_responsible", ("r",))],
    ),
    (
        "two accountable roles",
        raci_gaps,
        ROLES + "responsibilities: [{id: r, title: R, accountable: [qm, ops], responsible: [ops]}]",
        [("responsibility_with_several_accountable", ("r", "qm", "ops"))],
    ),
    (
        "the accountable role may also be responsible",
        raci_gaps,
        ROLES + "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [qm]}]",
        [],
    ),
    # -- top management accountable for the QMS (5.1.1 a) -------------------------------
    (
        "top management accountable",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.1.1 a], accountable: [ceo]}]",
        [],
    ),
    (
        "a range of items counts",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.1.1 a-j], accountable: [ceo]}]",
        [],
    ),
    (
        "5.1.1 a held below top management",
        top_management_accountability_gaps,
        ROLES
        + "responsibilities:\n- {id: r, title: R, clauses: [5.1.1 a], accountable: [qm]}\n"
        + "- {id: s, title: S, clauses: [5.1.1 a]}",
        [("top_management_not_accountable", ("r", "s"))],
    ),
    (
        "citing the whole of 5.1.1 covers 5.1.1 a",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.1.1], accountable: [ceo]}]",
        [],
    ),
    (
        "citing the whole of 5.1.1 below top management is the gap",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.1.1], accountable: [qm]}]",
        [("top_management_not_accountable", ("r",))],
    ),
    (
        "nothing cites 5.1.1 a: the gap names top management",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: ['5.1.2', '5.1', 5.1.1 b], accountable: [ceo]}]",
        [("top_management_not_accountable", ("ceo",))],
    ),
    (
        "without top management there is nobody to blame here",
        top_management_accountability_gaps,
        "roles: [{id: qm, title: QM}]",
        [],
    ),
    # -- duties of 5.3 a-e ----------------------------------------------------------------
    (
        "every duty assigned through a range, by a responsible role",
        unassigned_duties,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.3 a-e], responsible: [qm]}]",
        [],
    ),
    (
        "nothing assigned",
        unassigned_duties,
        ROLES,
        [("duty_unassigned", ())] * 5,
    ),
    (
        "every duty assigned through one responsibility citing the whole of 5.3",
        unassigned_duties,
        ROLES + "responsibilities: [{id: qmr, title: QMR, clauses: ['5.3'], accountable: [qm]}]",
        [],
    ),
    (
        "a responsibility citing the whole of 5.3 without roles is named under every item",
        unassigned_duties,
        ROLES + "responsibilities: [{id: idle, title: Idle, clauses: ['5.3']}]",
        [("duty_unassigned", ("idle",))] * 5,
    ),
    (
        "a process owner assigns 5.3 b; a duty without roles is named",
        unassigned_duties,
        ROLES
        + "processes: [{id: p, name: P, owner: qm}]\n"
        + "responsibilities:\n- {id: r, title: R, clauses: [5.3 a, 5.3 d, 5.3 e], accountable: [qm]}\n"
        + "- {id: idle, title: Idle, clauses: [5.3 c]}",
        [("duty_unassigned", ("idle",))],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


CHAIN = (
    ROLES
    + "- {id: tech, title: Tech, reports_to: qm}\n"
    + "processes: [{id: p, name: P, owner: tech}, {id: s, name: S}, {id: t, name: T}]\n"
    + "responsibilities: [{id: r, title: R, clauses: [5.3 b], accountable: [ops], processes: [t]}]"
)


@pytest.mark.parametrize(
    ("process", "chain", "accountable"),
    [("p", ("p", "tech", "qm", "ceo"), ("tech",)), ("s", ("s",), ()), ("t", ("t", "ops", "ceo"), ("ops",))],
)
def test_accountability_chain(process: str, chain: tuple[str, ...], accountable: tuple[str, ...]) -> None:
    """The chain runs from the process through its accountable role up the reporting line."""
    graph = graph_of(CHAIN)
    assert accountability_chain(graph, process) == chain
    assert accountable_roles(graph, process) == accountable


@pytest.mark.parametrize("query", [accountability_chain, accountable_roles])
def test_chain_needs_a_known_process(query: Callable[[OrgGraph, str], tuple[str, ...]]) -> None:
    """An unknown id raises UnknownIdError; an id of another kind raises ValueError."""
    graph = graph_of(CHAIN)
    with pytest.raises(UnknownIdError, match="did you mean 'tech'"):
        query(graph, "tec")
    with pytest.raises(ValueError, match="'qm' is a role, not a process"):
        query(graph, "qm")


def test_chain_stops_at_a_cycle_in_an_untrusted_graph() -> None:
    """A tampered reporting cycle ends the chain instead of looping for ever."""
    graph = graph_of(
        "roles: [{id: a, title: A}, {id: b, title: B, reports_to: a}]\nprocesses: [{id: p, name: P, owner: b}]"
    )
    raw = graph.nx.copy()
    raw.add_edge("a", "b", key=Relation.REPORTS_TO, relation=Relation.REPORTS_TO)
    assert accountability_chain(OrgGraph(graph.organization, raw), "p") == ("p", "b", "a")


@pytest.mark.parametrize(
    ("clauses", "number", "item", "expected"),
    [
        (["5.3 a"], "5.3", "a", True),
        (["5.3 a"], "5.3", "b", False),
        (["5.3 a-e"], "5.3", "e", True),
        (["5.3 b-d"], "5.3", "a", False),
        (["6.1.2 b 2"], "6.1.2", "b", True),
        (["5.3"], "5.3", "a", True),
        (["5.3"], "5.3", "e", True),
        (["5"], "5.3", "a", False),
        (["5.3.1"], "5.3", "a", False),
        (["5.3.1 a"], "5.3", "a", False),
        ([], "5.3", "a", False),
        (["9.3.1", "5.1.1 a"], "5.1.1", "a", True),
    ],
)
def test_serves(clauses: list[str], number: str, item: str, expected: bool) -> None:
    """A clause list serves an item when it names it, a range holding it, or the whole clause (not a sub-clause)."""
    assert serves(clauses, number, item) is expected
