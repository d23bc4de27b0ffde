"""find_gaps: the kinds filter, the query table and the order of the gaps."""

from __future__ import annotations

import pytest
from tests.queries._helpers import AS_OF, ROLES, found, graph_of

from iso9001_leadership.queries import QUERIES, Gap, GapKind, find_gaps, sort_gaps


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
