"""The bundled example organization: the gap queries find exactly its planted gaps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.queries._helpers import AS_OF

from iso9001_leadership import load
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.queries import GapKind, find_gaps

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

#: The kind of gap each planted gap of examples/README.md shows up as in the graph queries.
PLANTED_KINDS = {
    1: GapKind.PROCESS_WITHOUT_OWNER,
    2: GapKind.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE,
    3: GapKind.MISSING_AUTHORITY,
    4: GapKind.OBJECTIVE_WITHOUT_COMMITMENT,
    5: GapKind.UNADDRESSED_RISK,
    6: GapKind.UNEVALUATED_ACTION,
    7: GapKind.REPORTING_LINE_BROKEN,
    8: GapKind.UNOWNED_REQUIREMENT,
    9: GapKind.SELF_AUDIT,
}

#: Planted gaps that are not about the graph's structure, with the reason the queries skip them.
NOT_GRAPH_GAPS = {
    10: "a management review's inputs (9.3.2) are a property of one record, checked by the assessment",
    11: "an action past its due date is judged against the assessment's date and thresholds, not the structure",
    12: "a communication kept to its planned frequency is a matter of dates, judged by the assessment",
    13: "who holds a role on a date (someone left) is the assessment's to judge; the graph records every holding",
}


def planted() -> dict[int, frozenset[str]]:
    """The planted gaps of examples/README.md: number -> the element ids its table row names."""
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Planted gaps\n", 1)[1]
    rows = re.findall(r"^\| (\d+) \| [^|]+ \| ([^|]+) \|", section, flags=re.MULTILINE)
    return {int(number): frozenset(re.findall(r"`([^`]+)`", ids)) for number, ids in rows}


@pytest.fixture(scope="module")
def graph() -> OrgGraph:
    return OrgGraph.from_organization(load(EXAMPLES / "precision-pumps" / "organization.yaml"))


def test_every_planted_gap_is_accounted_for() -> None:
    """Each planted gap of the README is either a graph gap of a known kind or explained as not one."""
    numbers = set(planted())
    assert numbers
    assert numbers == set(PLANTED_KINDS) | set(NOT_GRAPH_GAPS)
    assert not set(PLANTED_KINDS) & set(NOT_GRAPH_GAPS)


def test_find_gaps_reports_exactly_the_planted_gaps(graph: OrgGraph) -> None:
    """find_gaps as of 2026-11-24 reports each planted gap, by kind and subject ids, and nothing else."""
    expected = sorted((PLANTED_KINDS[n].value, sorted(ids)) for n, ids in planted().items() if n in PLANTED_KINDS)
    got = sorted((gap.kind.value, sorted(gap.subjects)) for gap in find_gaps(graph, as_of=AS_OF))
    assert got == expected


def test_example_gaps_name_the_main_element_first(graph: OrgGraph) -> None:
    """Each reported gap leads with the element a manager would fix."""
    firsts = [gap.subjects[0] for gap in find_gaps(graph, as_of=AS_OF)]
    assert firsts == [
        "proc-calibration",
        "resp-supplier-evaluation",
        "service-manager",
        "sustainability-coordinator",
        "obj-oee-machining",
        "risk-energy-price",
        "act-casting-safety-stock",
        "req-oem-material-certs",
        "maintenance-manager",
    ]
