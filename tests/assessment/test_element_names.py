"""Assessment.element_names: the names readers know the elements by, carried for the reports people read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from iso9001_leadership import Evidence, Organization, Process, Role, assess, load
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.report import render

AS_OF = dt.date(2026, 11, 24)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"


@pytest.fixture(scope="module")
def example() -> tuple[Organization, Assessment]:
    org = load(EXAMPLE)
    return org, assess(org, as_of=AS_OF)


def test_names_cover_the_elements_findings_and_results_name(example: tuple[Organization, Assessment]) -> None:
    """Every element at fault or cited as evidence that has a name other than its id gets it, from the graph's labels."""
    org, assessment = example
    names = assessment.element_names
    named = {s for f in assessment.findings for s in (*f.subjects, *f.evidence)}
    named |= {e for r in assessment.results for e in r.evidence}
    graph = OrgGraph.from_organization(org)
    expected = {s: graph.label_of(s) for s in sorted(named) if s in org and graph.label_of(s) != s}
    assert dict(names) == expected
    assert names["proc-calibration"] == "Calibration and control of measuring equipment"
    assert names["service-manager"] == "Service Manager"
    assert names["mr-2025-12"] == "Management review 2025-12-04"
    assert set(assessment.element_paths) <= set(names)


def test_an_element_without_a_name_of_its_own_is_left_out() -> None:
    """An element whose only label is its id is not in the mapping, so reports show the id once, not 'x (x)'."""
    org = Organization(
        name="Acme",
        roles=(Role(id="ceo", title="Managing Director", top_management=True),),
        processes=(Process(id="sales", name="Sales"), Process(id="calibration", name="calibration")),
        evidence=(
            Evidence(id="ev-minutes", title="Minutes of the leadership meeting", clauses=("5.1.1 a",), dated=AS_OF),
        ),
    )
    assessment = assess(org, as_of=AS_OF)
    subjects = {s for f in assessment.findings for s in f.subjects}
    assert {"sales", "calibration"} <= subjects
    assert assessment.element_names["sales"] == "Sales"
    assert "calibration" not in assessment.element_names
    assert assessment.result("5.1.1 a").evidence == ("ev-minutes",)
    assert assessment.element_names["ev-minutes"] == "Minutes of the leadership meeting"


def test_names_take_no_part_in_equality_nor_in_the_json_report(example: tuple[Organization, Assessment]) -> None:
    """Two assessments differing only in names are equal, hash alike, and give the same JSON report."""
    _, assessment = example
    bare = attrs.evolve(assessment, element_names={})
    assert bare == assessment
    assert hash(bare) == hash(assessment)
    assert render(bare, "json") == render(assessment, "json")
    assert "element_names" not in json.loads(render(assessment, "json"))
    assert "Calibration and control of measuring equipment" in render(assessment, "html")
    assert "Calibration and control of measuring equipment" not in render(bare, "html")
