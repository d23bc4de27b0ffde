"""What-if queries: the gaps that removing elements opens, and the organization without them."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from tests.queries._helpers import AS_OF, ROLES, found, graph_of

from iso9001_leadership import Holding, Organization, UnknownIdError
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.queries import impact_of_removing, without_elements

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


def test_without_elements_drops_the_holdings_of_a_removed_role() -> None:
    """A dated holding cannot outlive its role: it goes with it, and the other holdings stay."""
    org = graph_of(IMPACT).organization
    ana = org.get("ana")
    dated = (Holding("qm", since=dt.date(2024, 1, 1)), Holding("ops", until=dt.date(2025, 1, 1)))
    org = org.with_elements(attrs.evolve(ana, holdings=dated))
    assert without_elements(org, ["qm"]).get("ana").holdings == (dated[1],)  # type: ignore[union-attr]


def test_impact_of_removing_checks_its_ids() -> None:
    """Unknown ids raise UnknownIdError with a suggestion; a bare string is refused."""
    graph = graph_of(IMPACT)
    with pytest.raises(UnknownIdError, match="did you mean 'ana'"):
        impact_of_removing(graph, ["anna"])
    with pytest.raises(TypeError, match="list of ids"):
        impact_of_removing(graph, "ana")


def _example_org() -> Organization:
    from pathlib import Path

    from iso9001_leadership import load

    return load(Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml")


def test_removing_through_the_graph_touches_only_what_names_the_removed() -> None:
    """Exhaustive over the example: removing each element through its graph gives the very same organization
    as the full walk, and the impact is the one a graph built afresh gives."""
    import datetime as dt

    from iso9001_leadership.queries import find_gaps

    org = _example_org()
    graph = OrgGraph.from_organization(org)
    as_of = dt.date(2026, 11, 24)
    before = {(g.kind, g.subjects, g.clauses) for g in find_gaps(graph, as_of=as_of)}
    for element_id in org.ids():
        quick = without_elements(org, [element_id], graph=graph)
        full = without_elements(org, [element_id])
        assert quick == full, element_id
        unchanged, _ = quick.changed_since(org)
        assert len(unchanged) < len(org) // 4  # only what named it was copied
        fresh = [
            g
            for g in find_gaps(OrgGraph.from_organization(full), as_of=as_of)
            if (g.kind, g.subjects, g.clauses) not in before
        ]
        assert impact_of_removing(graph, [element_id], as_of=as_of) == tuple(fresh), element_id
