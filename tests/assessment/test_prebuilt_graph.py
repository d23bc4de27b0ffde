"""Tests for assess() with a graph the caller built: same result, and the graph must be the organization's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iso9001_leadership as iso
from iso9001_leadership.exceptions import AssessmentError

AS_OF = dt.date(2026, 11, 24)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"


def test_a_prebuilt_graph_gives_the_same_assessment() -> None:
    """Passing the organization's own graph changes nothing in the result."""
    org = iso.load(EXAMPLE)
    graph = iso.OrgGraph.from_organization(org)
    assert iso.assess(org, as_of=AS_OF, graph=graph) == iso.assess(org, as_of=AS_OF)


def test_a_graph_of_another_organization_is_refused() -> None:
    """A graph built from a different organization object raises AssessmentError, not a wrong result."""
    org = iso.load(EXAMPLE)
    other = org.evolve(name="Other")
    with pytest.raises(AssessmentError, match="not built from the organization assessed"):
        iso.assess(org, as_of=AS_OF, graph=iso.OrgGraph.from_organization(other))


def test_loaded_positions_reach_the_assessment() -> None:
    """Elements named in findings carry the line where the loader found them, for SARIF."""
    org = iso.load(EXAMPLE)
    result = iso.assess(org, as_of=AS_OF)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert result.element_positions
    assert set(result.element_positions) <= set(result.element_paths)
    for element, (line, column) in result.element_positions.items():
        assert lines[line - 1][column - 1 :].startswith(f"id: {element}") or element in lines[line - 1]
