"""Reporting queries (5.1, 5.3 c): lines to top management, cycles, span of control."""

from __future__ import annotations

import pytest
from tests.queries._helpers import AS_OF, ROLES, Query, found, graph_of

from iso9001_leadership.graph import OrgGraph, Relation
from iso9001_leadership.queries import (
    DEFAULT_MAX_DIRECT_REPORTS,
    find_gaps,
    reporting_cycles,
    reporting_gaps,
    span_of_control_outliers,
)

CASES: list[tuple[str, Query, str, list[tuple[str, tuple[str, ...]]]]] = [
    # -- reporting (5.1, 5.3 c) ---------------------------------------------------------------
    ("an empty organization has no top management", reporting_gaps, "", [("no_top_management", ())]),
    (
        "no top management: one gap, not one per role",
        reporting_gaps,
        "roles: [{id: a, title: A}, {id: b, title: B, reports_to: a}]",
        [("no_top_management", ())],
    ),
    ("every line reaches the top", reporting_gaps, ROLES, []),
    (
        "two broken lines, grouped under their heads",
        reporting_gaps,
        ROLES
        + "- {id: lab, title: Lab}\n- {id: tech, title: Tech, reports_to: lab}\n"
        + "- {id: site, title: Site}\n- {id: guard, title: Guard, reports_to: site}\n"
        + "- {id: intern, title: Intern, reports_to: tech}",
        [("reporting_line_broken", ("lab", "tech", "intern")), ("reporting_line_broken", ("site", "guard"))],
    ),
    ("valid organizations have no cycles", reporting_cycles, ROLES, []),
]


@pytest.mark.parametrize(("query", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_query_finds_the_known_gaps(query: Query, body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Each query reports exactly the known gaps of a small organization, in order."""
    assert found(query(graph_of(body))) == expected


@pytest.mark.parametrize(
    ("body", "query", "reason"),
    [
        (
            "roles: [{id: ceo, title: C, top_management: true}, {id: lone, title: L}]",
            reporting_gaps,
            "Role 'lone' reports to no one and is not top management, so it has no reporting line to top management",
        ),
    ],
)
def test_reasons_read_as_plain_sentences(body: str, query: Query, reason: str) -> None:
    """Reasons name the elements and say what is wrong in one plain line."""
    assert [gap.reason for gap in query(graph_of(body))][-1] == reason


@pytest.mark.parametrize(("count", "threshold", "reported"), [(3, 3, False), (4, 3, True), (11, 10, True)])
def test_span_of_control_threshold(count: int, threshold: int, reported: bool) -> None:
    """A role is reported when its direct reports exceed the threshold, not when they equal it."""
    reports = "".join(f"- {{id: r{i}, title: R, reports_to: boss}}\n" for i in range(count))
    graph = graph_of("roles:\n- {id: boss, title: Boss, top_management: true}\n" + reports)
    assert found(span_of_control_outliers(graph, max_direct_reports=threshold)) == (
        [("span_of_control", ("boss",))] if reported else []
    )


def test_span_of_control_default_is_ten() -> None:
    """The documented default threshold is 10 direct reports."""
    assert DEFAULT_MAX_DIRECT_REPORTS == 10


@pytest.mark.parametrize("bad", [0, -1, True, 2.5, "10"])
def test_span_of_control_threshold_must_be_a_positive_whole_number(bad: object) -> None:
    """A threshold that is not a whole number of at least 1 is refused, by find_gaps too."""
    graph = graph_of(ROLES)
    with pytest.raises(ValueError, match="max_direct_reports"):
        span_of_control_outliers(graph, max_direct_reports=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_direct_reports"):
        find_gaps(graph, as_of=AS_OF, kinds=["no_policy"], max_direct_reports=bad)  # type: ignore[arg-type]


def _tampered(edges: list[tuple[str, str]]) -> OrgGraph:
    graph = graph_of("roles: [{id: a, title: A, top_management: true}, {id: b, title: B}, {id: c, title: C}]")
    raw = graph.nx.copy()
    for u, v in edges:
        raw.add_edge(u, v, key=Relation.REPORTS_TO, relation=Relation.REPORTS_TO)
    return OrgGraph(graph.organization, raw)


@pytest.mark.parametrize(
    ("edges", "cycles", "broken"),
    [
        ([("b", "c"), ("c", "b")], [("b", "c")], [("b", "c")]),
        ([("b", "b")], [("b",)], [("b",), ("c",)]),
        ([("a", "b"), ("b", "a")], [("a", "b")], [("c",)]),
        ([("b", "c"), ("c", "b"), ("c", "a")], [("b", "c")], []),
    ],
)
def test_cycles_in_untrusted_graphs(
    edges: list[tuple[str, str]], cycles: list[tuple[str, ...]], broken: list[tuple[str, ...]]
) -> None:
    """Reporting cycles are found in tampered graphs, and the line check survives them."""
    graph = _tampered(edges)
    assert [gap.subjects for gap in reporting_cycles(graph)] == cycles
    assert [gap.subjects for gap in reporting_gaps(graph)] == broken


def test_reporting_line_running_into_a_cycle_says_so() -> None:
    """A broken line whose head sits in a cycle is explained as a cycle."""
    (gap,) = reporting_gaps(_tampered([("b", "c"), ("c", "b")]))
    assert gap.reason.startswith("The reporting line of 'b' runs in a cycle")


def test_self_loop_reads_as_reporting_to_itself() -> None:
    """A role reporting to itself is named plainly."""
    (gap,) = reporting_cycles(_tampered([("b", "b")]))
    assert gap.reason == "Role 'b' reports to itself"
