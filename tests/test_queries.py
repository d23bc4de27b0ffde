"""Gap queries on small hand-made organizations with known answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from iso9001_leadership import UnknownIdError, loads
from iso9001_leadership.graph import OrgGraph, Relation
from iso9001_leadership.queries import (
    DEFAULT_MAX_DIRECT_REPORTS,
    QUERIES,
    Gap,
    GapKind,
    accountability_chain,
    accountable_roles,
    customer_focus_gaps,
    find_gaps,
    impact_of_removing,
    isolated_processes,
    missing_authorities,
    objective_gaps,
    policy_gaps,
    process_ownership_gaps,
    raci_gaps,
    reporting_cycles,
    reporting_gaps,
    risk_gaps,
    segregation_of_duties_gaps,
    serves,
    single_points_of_failure,
    sort_gaps,
    span_of_control_outliers,
    top_management_accountability_gaps,
    unassigned_duties,
    unheld_authorities,
    unintegrated_elements,
    untreated,
    without_elements,
)

AS_OF = dt.date(2026, 11, 24)
Query = Callable[[OrgGraph], tuple[Gap, ...]]


def graph_of(body: str) -> OrgGraph:
    """The graph of an organization given as YAML (without its name)."""
    return OrgGraph.from_organization(loads("name: Acme\n" + body))


def found(gaps: tuple[Gap, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(gap.kind.value, gap.subjects) for gap in gaps]


ROLES = """
roles:
- {id: ceo, title: CEO, top_management: true}
- {id: qm, title: QM, reports_to: ceo}
- {id: ops, title: Ops, reports_to: ceo}
"""

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
        "a duty not citing 5.3 b does not make an owner",
        process_ownership_gaps,
        ROLES
        + "processes: [{id: p, name: P}]\n"
        + "responsibilities: [{id: r, title: R, clauses: ['5.3'], accountable: [qm], processes: [p]}]",
        [("process_without_owner", ("p",))],
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
        "nothing cites 5.1.1 a: the gap names top management",
        top_management_accountability_gaps,
        ROLES + "responsibilities: [{id: r, title: R, clauses: [5.1.1], accountable: [ceo]}]",
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
        "a process owner assigns 5.3 b; a duty without roles is named",
        unassigned_duties,
        ROLES
        + "processes: [{id: p, name: P, owner: qm}]\n"
        + "responsibilities:\n- {id: r, title: R, clauses: [5.3 a, 5.3 d, 5.3 e], accountable: [qm]}\n"
        + "- {id: idle, title: Idle, clauses: [5.3 c]}",
        [("duty_unassigned", ("idle",))],
    ),
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
        "accountable and responsible both lacking, one gap each",
        missing_authorities,
        (
            "roles: [{id: qm, title: QM}, {id: ops, title: Ops, authorities: [b]}]\n"
            "authorities: [{id: a, title: A}, {id: b, title: B}]\n"
            "responsibilities: [{id: r, title: R, accountable: [qm], responsible: [qm, ops], authorities_needed: [a, b]}]"
        ),
        [("missing_authority", ("qm", "r", "a", "b")), ("missing_authority", ("ops", "r", "a"))],
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
    # -- policy (5.2) ------------------------------------------------------------------------
    ("no policy", lambda g: policy_gaps(g, as_of=AS_OF), ROLES, [("no_policy", ())]),
    (
        "reached through a communication; the approver and consulted roles are exempt",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES
        + "policy: {id: pol, statement: S, approved_by: ceo, next_review: 2027-01-01}\n"
        + "responsibilities: [{id: r, title: R, accountable: [ceo], responsible: [qm], consulted: [ops]}]\n"
        + "communications: [{id: c, subject: Policy, about: [pol], audience: [qm]}]",
        [],
    ),
    (
        "a process owner holds responsibilities too",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES
        + "policy: {id: pol, statement: S, next_review: 2026-11-24, communicated_to: [qm]}\n"
        + "processes: [{id: p, name: P, owner: ops}]\n"
        + "communications: [{id: c, subject: Other, audience: [ops]}]",
        [("policy_not_communicated", ("pol", "ops"))],
    ),
    (
        "no review date",
        lambda g: policy_gaps(g, as_of=None),
        ROLES + "policy: {id: pol, statement: S}",
        [("policy_review_overdue", ("pol",))],
    ),
    (
        "no date comparison without as_of",
        lambda g: policy_gaps(g, as_of=None),
        ROLES + "policy: {id: pol, statement: S, next_review: 2020-01-01}",
        [],
    ),
    (
        "review overdue",
        lambda g: policy_gaps(g, as_of=AS_OF),
        ROLES + "policy: {id: pol, statement: S, next_review: 2026-11-23}",
        [("policy_review_overdue", ("pol",))],
    ),
    # -- objectives (6.2) ----------------------------------------------------------------------
    (
        "a complete objective",
        objective_gaps,
        ROLES
        + "policy: {id: pol, statement: S, commitments: [{id: c, kind: continual_improvement}]}\n"
        + "objectives: [{id: o, statement: O, supports: [c], metric: m, target: 0, owner: qm, due: 2027-01-01,"
        + " evaluation: e}]",
        [],
    ),
    (
        "an empty objective",
        objective_gaps,
        "objectives: [{id: o, statement: O, metric: ' '}]",
        [("objective_without_commitment", ("o",)), ("objective_incomplete", ("o",))],
    ),
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


@pytest.mark.parametrize(
    ("body", "query", "reason"),
    [
        (
            "objectives: [{id: o, statement: O, supports: [], metric: m, target: 1, due: 2027-01-01}]",
            objective_gaps,
            "Objective 'o' has no owner or evaluation method",
        ),
        ("risks: [{id: k, title: K, accepted: true}]", risk_gaps, "Risk 'k' is accepted, but no reason is recorded"),
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
        (
            "roles: [{id: ceo, title: C, top_management: true}, {id: lone, title: L}]",
            reporting_gaps,
            "Role 'lone' reports to no one and is not top management, so it has no reporting line to top management",
        ),
        (
            ROLES + "policy: {id: pol, statement: S, next_review: 2027-01-01}\nprocesses: "
            "[{id: p, name: P, owner: ops}, {id: s, name: S, owner: qm}]",
            lambda g: policy_gaps(g, as_of=AS_OF),
            "The quality policy has not been communicated to 2 roles that hold responsibilities: 'qm' and 'ops'",
        ),
    ],
)
def test_reasons_read_as_plain_sentences(body: str, query: Query, reason: str) -> None:
    """Reasons name the elements and say what is wrong in one plain line."""
    assert [gap.reason for gap in query(graph_of(body))][-1] == reason


def test_objective_incomplete_cites_the_clause_of_each_missing_item() -> None:
    """The clauses of an incomplete objective are those of its missing items, in order."""
    graph = graph_of("objectives: [{id: o, statement: O, metric: m, target: 1, due: 2027-01-01}]")
    (gap,) = [g for g in objective_gaps(graph) if g.kind is GapKind.OBJECTIVE_INCOMPLETE]
    assert gap.clauses == ("6.2.2 c", "6.2.2 e")
    assert gap.fix == "Record the owner and evaluation method of 'o'"


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


IMPACT = (
    ROLES
    + "people:\n- {id: ana, name: Ana, roles: [qm], deputy_of: [ops]}\n- {id: ben, name: Ben, roles: [ops], deputy_of: [qm]}\n"
    + "policy:\n  id: pol\n  statement: S\n  next_review: 2027-01-01\n  commitments: [{id: c, kind: continual_improvement}]\n"
    + "objectives: [{id: o, statement: O, supports: [c], metric: m, target: 1, owner: qm, due: 2027-01-01,"
    + " evaluation: e, processes: [p]}]\n"
    + "processes: [{id: p, name: P, owner: qm}]\n"
    + "interested_parties:\n- id: buyer\n  name: Buyer\n  requirements: [{id: q, text: T, owner: qm}]\n"
    + "risks: [{id: k, title: K, owner: qm, sources: [q], processes: [p], accepted: true, rationale: R}]\n"
)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["ben"], [("single_point_of_failure", ("ana", "qm"))]),
        (["ops"], []),
        (
            ["qm"],
            [
                ("process_without_owner", ("p",)),
                ("duty_unassigned", ()),
                ("objective_incomplete", ("o",)),
                ("unowned_risk", ("k",)),
                ("unowned_requirement", ("q", "buyer")),
            ],
        ),
        (["c"], [("objective_without_commitment", ("o",))]),
        (["pol"], [("no_policy", ()), ("objective_without_commitment", ("o",))]),
        (["q", "buyer"], []),
    ],
)
def test_impact_of_removing(ids: list[str], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Removing elements reports exactly the gaps their absence opens."""
    graph = graph_of(IMPACT)
    assert found(impact_of_removing(graph, ids, as_of=AS_OF)) == expected


def test_without_elements_drops_references_and_nested_elements() -> None:
    """without_elements removes nested elements and every reference to what it removes."""
    org = graph_of(IMPACT).organization
    smaller = without_elements(org, ["q", "qm"])
    assert "q" not in smaller
    assert "qm" not in smaller
    assert smaller.get("k").sources == ()  # type: ignore[union-attr]
    assert smaller.get("ana").roles == ()  # type: ignore[union-attr]
    assert smaller.get("ben").deputy_of == ()  # type: ignore[union-attr]
    assert without_elements(org, []) is org
    assert "c" not in without_elements(org, ["pol"])


def test_impact_of_removing_checks_its_ids() -> None:
    """Unknown ids raise UnknownIdError with a suggestion; a bare string is refused."""
    graph = graph_of(IMPACT)
    with pytest.raises(UnknownIdError, match="did you mean 'ana'"):
        impact_of_removing(graph, ["anna"])
    with pytest.raises(TypeError, match="list of ids"):
        impact_of_removing(graph, "ana")


def test_find_gaps_filters_by_kind_names_and_members() -> None:
    """kinds accepts GapKind members or their values; an unknown kind is refused."""
    graph = graph_of(ROLES + "processes: [{id: p, name: P}]")
    by_member = find_gaps(graph, as_of=AS_OF, kinds=[GapKind.PROCESS_WITHOUT_OWNER, GapKind.NO_POLICY])
    by_value = find_gaps(graph, as_of=AS_OF, kinds=["no_policy", "process_without_owner"])
    assert by_member == by_value
    assert found(by_member) == [("process_without_owner", ("p",)), ("no_policy", ())]
    assert find_gaps(graph, as_of=AS_OF, kinds=[]) == ()
    with pytest.raises(ValueError, match="not_a_kind"):
        find_gaps(graph, as_of=AS_OF, kinds=["not_a_kind"])


def test_every_gap_kind_belongs_to_exactly_one_query_in_kind_order() -> None:
    """The query table covers each gap kind once, in GapKind order, so find_gaps can skip and need not re-sort."""
    order = list(GapKind).index
    kinds = [sorted(produces, key=order) for _, produces in QUERIES]
    assert [kind for group in kinds for kind in group] == list(GapKind)


def test_gap_record() -> None:
    """A gap is frozen, hashable, turns lists into tuples and prints as one line."""
    gap = Gap(GapKind.SELF_AUDIT, ["qm", "p"], ["9.2.2 c"], "Role 'qm' audits 'p'", "Change the auditor")  # type: ignore[arg-type]
    assert gap.subjects == ("qm", "p")
    assert gap.clauses == ("9.2.2 c",)
    assert str(gap) == "self_audit (9.2.2 c): Role 'qm' audits 'p'"
    assert hash(gap) == hash(
        Gap(GapKind.SELF_AUDIT, ("qm", "p"), ("9.2.2 c",), "Role 'qm' audits 'p'", "Change the auditor")
    )
    with pytest.raises(AttributeError):
        gap.reason = "changed"  # type: ignore[misc]


def test_sort_gaps_orders_by_kind_then_file_position() -> None:
    """Kinds come in declaration order; within a kind, organization-wide gaps first, then by position."""
    graph = graph_of(ROLES)

    def gap(kind: GapKind, *subjects: str, clause: str = "5.3") -> Gap:
        return Gap(kind, subjects, (clause,), "r", "f")

    shuffled = [
        gap(GapKind.SELF_AUDIT, "ceo"),
        gap(GapKind.PROCESS_WITHOUT_OWNER, "ops"),
        gap(GapKind.PROCESS_WITHOUT_OWNER, "qm", "ops"),
        gap(GapKind.PROCESS_WITHOUT_OWNER, "qm"),
        gap(GapKind.DUTY_UNASSIGNED, clause="5.3 c"),
        gap(GapKind.DUTY_UNASSIGNED, clause="5.3 a"),
        gap(GapKind.PROCESS_WITHOUT_OWNER),
    ]
    ordered = sort_gaps(graph, shuffled)
    assert [(g.kind.value, g.subjects, g.clauses) for g in ordered] == [
        ("process_without_owner", (), ("5.3",)),
        ("process_without_owner", ("qm",), ("5.3",)),
        ("process_without_owner", ("qm", "ops"), ("5.3",)),
        ("process_without_owner", ("ops",), ("5.3",)),
        ("duty_unassigned", (), ("5.3 a",)),
        ("duty_unassigned", (), ("5.3 c",)),
        ("self_audit", ("ceo",), ("5.3",)),
    ]


@pytest.mark.parametrize(
    ("clauses", "number", "item", "expected"),
    [
        (["5.3 a"], "5.3", "a", True),
        (["5.3 a"], "5.3", "b", False),
        (["5.3 a-e"], "5.3", "e", True),
        (["5.3 b-d"], "5.3", "a", False),
        (["6.1.2 b 2"], "6.1.2", "b", True),
        (["5.3"], "5.3", "a", False),
        (["5.3.1 a"], "5.3", "a", False),
        ([], "5.3", "a", False),
        (["9.3.1", "5.1.1 a"], "5.1.1", "a", True),
    ],
)
def test_serves(clauses: list[str], number: str, item: str, expected: bool) -> None:
    """A clause list serves an item when it names it or a range holding it, never through the bare clause."""
    assert serves(clauses, number, item) is expected


def test_untreated_refuses_other_elements() -> None:
    """untreated only judges risks and opportunities."""
    with pytest.raises(TypeError, match="not a risk or an opportunity"):
        untreated(graph_of(ROLES), "qm")
