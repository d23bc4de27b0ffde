"""Integration queries (4.4.1, 5.1.1 c): elements tied to no process, processes that interact with none."""

from __future__ import annotations

import pytest
from tests.queries._helpers import Query, found, graph_of

from iso9001_leadership.queries import isolated_processes, unintegrated_elements

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- integration (4.4.1, 5.1.1 c) -------------------------------------------------------
    (
        "everything tied to a process",
        unintegrated_elements,
        (
            "processes: [{id: p, name: P, resources: [res]}]\n"
            "responsibilities: [{id: r, title: R, processes: [p]}]\n"
            "objectives: [{id: o, statement: O, processes: [p]}]\n"
            "risks: [{id: k, title: K, processes: [p]}]\n"
            "opportunities: [{id: u, title: U, processes: [p]}]\n"
            "resources: [{id: res, name: Res}]"
        ),
        [],
    ),
    (
        "nothing tied; a resource needed only by an objective is not tied either",
        unintegrated_elements,
        (
            "responsibilities: [{id: r, title: R}]\n"
            "objectives: [{id: o, statement: O, resources: [res]}]\n"
            "risks: [{id: k, title: K}]\n"
            "opportunities: [{id: u, title: U}]\n"
            "resources: [{id: res, name: Res}]"
        ),
        [
            ("not_in_any_process", ("r",)),
            ("not_in_any_process", ("o",)),
            ("not_in_any_process", ("k",)),
            ("not_in_any_process", ("u",)),
            ("not_in_any_process", ("res",)),
        ],
    ),
    ("a single process interacts with nobody, rightly", isolated_processes, "processes: [{id: p, name: P}]", []),
    (
        "one interaction ties both ends; a third process is isolated",
        isolated_processes,
        "processes: [{id: p, name: P, interacts_with: [s]}, {id: s, name: S}, {id: t, name: T}]",
        [("isolated_process", ("t",))],
    ),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected
