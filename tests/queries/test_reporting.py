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

#: A small organization whose lab has no line of its own: people decide whether it reaches the top.
LAB = ROLES + (
    "- {id: lab, title: Lab}\n"
    "- {id: tech, title: Tech, reports_to: lab}\n"
    "- {id: buyer, title: Buyer}\n"
    "- {id: store, title: Store}\n"
    "- {id: runner, title: Runner, reports_to: store}\n"
)

PEOPLE_CASES: list[tuple[str, str, list[tuple[str, tuple[str, ...]]]]] = [
    (
        "nobody holds the roles: every line without a boss is broken",
        LAB,
        [
            ("reporting_line_broken", ("lab", "tech")),
            ("reporting_line_broken", ("buyer",)),
            ("reporting_line_broken", ("store", "runner")),
        ],
    ),
    (
        "a top manager who also runs the lab takes it and the roles below it to the top",
        LAB + "people: [{id: ana, name: Ana, roles: [ceo, lab]}]",
        [("reporting_line_broken", ("buyer",)), ("reporting_line_broken", ("store", "runner"))],
    ),
    (
        "a role without a line, held with a role that reaches the top, reaches it",
        LAB + "people: [{id: ben, name: Ben, roles: [qm, buyer]}]",
        [("reporting_line_broken", ("lab", "tech")), ("reporting_line_broken", ("store", "runner"))],
    ),
    (
        "reaching through people chains across people and down reporting lines",
        LAB
        + "people:\n- {id: ben, name: Ben, roles: [qm, buyer]}\n- {id: cy, name: Cy, roles: [buyer, store]}\n"
        + "- {id: dee, name: Dee, roles: [runner, lab]}",
        [],
    ),
    (
        "holding only roles that do not reach the top reaches nothing",
        LAB + "people: [{id: dee, name: Dee, roles: [lab, tech, buyer]}]",
        [
            ("reporting_line_broken", ("lab", "tech")),
            ("reporting_line_broken", ("buyer",)),
            ("reporting_line_broken", ("store", "runner")),
        ],
    ),
    (
        "deputising for top management does not make a line",
        LAB + "people: [{id: ana, name: Ana, roles: [lab, buyer, store], deputy_of: [ceo]}]",
        [
            ("reporting_line_broken", ("lab", "tech")),
            ("reporting_line_broken", ("buyer",)),
            ("reporting_line_broken", ("store", "runner")),
        ],
    ),
    (
        "a drawn line to a broken boss stays broken, unless the holder is top management",
        LAB
        + "- {id: clerk, title: Clerk, reports_to: lab}\n- {id: aide, title: Aide, reports_to: lab}\n"
        + "people: [{id: ben, name: Ben, roles: [qm, clerk]}, {id: ana, name: Ana, roles: [ceo, aide]}]",
        [
            ("reporting_line_broken", ("lab", "tech", "clerk")),
            ("reporting_line_broken", ("buyer",)),
            ("reporting_line_broken", ("store", "runner")),
        ],
    ),
    (
        "one person holding every role, top management included, has no reporting gap",
        (
            "roles: [{id: boss, title: Owner, top_management: true}, {id: qm, title: QM}, {id: ops, title: Ops},"
            " {id: tech, title: Tech, reports_to: ops}]\n"
            "people: [{id: ana, name: Ana, roles: [boss, qm, ops, tech]}]"
        ),
        [],
    ),
    (
        "one person holding every role without top management: still no top management",
        "roles: [{id: qm, title: QM}, {id: ops, title: Ops}]\npeople: [{id: ana, name: Ana, roles: [qm, ops]}]",
        [("no_top_management", ())],
    ),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in PEOPLE_CASES], ids=[c[0] for c in PEOPLE_CASES])
def test_reporting_lines_are_judged_between_people(body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """A role reaches top management through its holders too: held with top management, or without a line of its own."""
    assert found(reporting_gaps(graph_of(body))) == expected


def test_a_gap_that_remains_keeps_its_reason_and_fix() -> None:
    """Where people do not close a line, the gap still names the head, counts the roles below it and says what to do."""
    gaps = reporting_gaps(graph_of(LAB + "people: [{id: ben, name: Ben, roles: [qm, buyer, tech]}]"))
    lab = next(gap for gap in gaps if gap.subjects[0] == "lab")
    assert lab.subjects == ("lab", "tech")
    assert lab.reason == (
        "Role 'lab' reports to no one and is not top management, "
        "so it and 1 role below it have no reporting line to top management"
    )
    assert lab.fix == "Make 'lab' report to a top-management role, or mark it as top management"


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
