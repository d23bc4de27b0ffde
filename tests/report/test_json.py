"""The JSON report: its versioned shape, its order, and its own JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership
from iso9001_leadership.assessment import Assessment, Grade, Status
from iso9001_leadership.catalog import Theme
from iso9001_leadership.report import SCHEMA_URI, SCHEMA_VERSION, render, report_schema, to_data
from iso9001_leadership.report._common import fingerprint

SHIPPED = Path(iso9001_leadership.__file__).parent / "report" / "assessment.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = report_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_schema_is_draft_2020_12_with_our_id() -> None:
    """The shipped schema is a valid draft 2020-12 schema whose $id is the reports' $schema URI."""
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (
        schema["$id"]
        == SCHEMA_URI
        == "https://raw.githubusercontent.com/iso9001-leadership/iso9001-leadership/main/src/iso9001_leadership/report/assessment.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_file_is_what_report_schema_returns() -> None:
    """report_schema() reads the file shipped in the package, and each call gives a fresh copy."""
    assert report_schema() == json.loads(SHIPPED.read_text(encoding="utf-8"))
    first = report_schema()
    first["title"] = "changed"
    assert report_schema()["title"] != "changed"


def test_schema_vocabularies_match_the_enums() -> None:
    """The schema lists exactly the statuses, grades and themes the library knows."""
    defs = report_schema()["$defs"]
    assert defs["status"]["enum"] == [s.value for s in Status]
    assert defs["counts"]["required"] == [s.value for s in Status]
    assert defs["requirement"]["properties"]["theme"]["enum"] == [t.value for t in Theme]
    assert defs["requirement"]["properties"]["grade"]["enum"] == [*(g.value for g in Grade), None]
    assert defs["finding"]["properties"]["status"]["enum"] == [
        s.value for s in Status if s not in (Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED)
    ]


def test_report_validates_against_its_schema(assessment: Assessment, validator: jsonschema.protocols.Validator) -> None:
    """The rendered JSON report of the hand-built assessment is valid against the shipped schema."""
    data = json.loads(render(assessment, "json"))
    assert list(validator.iter_errors(data)) == []


@given(data=st.data())
def test_any_report_validates_against_its_schema(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment], validator: jsonschema.protocols.Validator
) -> None:
    """Whatever the assessment, its JSON report is valid against the shipped schema."""
    report = json.loads(render(data.draw(assessments), "json"))
    assert [e.message for e in validator.iter_errors(report)] == []


def test_render_is_to_data_as_indented_json(assessment: Assessment) -> None:
    """The JSON report is to_data() dumped with two-space indent, non-ASCII kept, key order kept."""
    data = to_data(assessment)
    assert render(assessment, "json") == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(render(assessment, "json")) == data


def test_top_level_fields_come_in_documented_order(assessment: Assessment) -> None:
    """The top-level keys are the documented ones, in the documented order."""
    assert list(to_data(assessment)) == [
        "$schema",
        "schema_version",
        "tool",
        "organization",
        "edition",
        "edition_title",
        "as_of",
        "score",
        "summary",
        "warnings",
        "themes",
        "clauses",
        "requirements",
        "findings",
        "element_paths",
    ]


def test_header_fields(assessment: Assessment) -> None:
    """Schema version, tool, organization, edition, date and score are as in the assessment."""
    data = to_data(assessment)
    assert data["$schema"] == SCHEMA_URI
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["tool"] == {"name": "iso9001-leadership", "version": iso9001_leadership.__version__}
    assert data["organization"] == "Kestrel Valves & Fittings Ltd"
    assert (data["edition"], data["edition_title"]) == ("2015", "ISO 9001:2015 with Amendment 1:2024")
    assert data["as_of"] == "2026-11-24"
    assert data["score"] == assessment.score


def test_summary_counts_and_grades(assessment: Assessment) -> None:
    """The summary counts every status (zeros included) and splits nonconformities by grade."""
    summary = to_data(assessment)["summary"]
    assert summary["total"] == 11
    assert summary["examined"] == assessment.examined == 9
    assert summary["counts"] == {
        "conforms": 2,
        "not_applicable": 1,
        "not_assessed": 1,
        "opportunity": 1,
        "observation": 2,
        "needs_evidence": 1,
        "nonconformity": 3,
    }
    assert summary["grades"] == {"major": 1, "minor": 2}


def test_themes_and_clauses_summaries(assessment: Assessment) -> None:
    """Themes come in the themes' order and clauses in clause order, each with its score and counts."""
    data = to_data(assessment)
    assert [t["theme"] for t in data["themes"]] == [
        "accountability",
        "policy_and_objectives",
        "integration",
        "customer_focus",
        "communication_and_roles",
        "monitoring_and_improvement",
    ]
    assert [c["clause"] for c in data["clauses"]] == ["5", "6", "9", "KVF"]
    customer = next(t for t in data["themes"] if t["theme"] == "customer_focus")
    assert customer["score"] is None
    assert customer["counts"]["not_applicable"] == 1
    assert (customer["total"], customer["examined"]) == (1, 0)
    review = next(c for c in data["clauses"] if c["clause"] == "9")
    assert (review["score"], review["examined"], review["counts"]["not_assessed"]) == (None, 0, 1)


def test_requirements_in_clause_order_with_verdicts(assessment: Assessment) -> None:
    """Each requirement carries its status, grade, points, note, evidence and how many findings it has."""
    requirements = to_data(assessment)["requirements"]
    assert [r["clause"] for r in requirements] == [
        "5.1.1 a",
        "5.1.2 c",
        "5.2.2 a",
        "5.2.2 b",
        "5.3",
        "5.3 b",
        "6.1.2 a",
        "6.2.1 a",
        "6.2.2 c",
        "9.3.1",
        "KVF 1",
    ]
    by_id = {r["id"]: r for r in requirements}
    assert by_id["roles.process-outputs"] | {"title": "", "theme": ""} == {
        "id": "roles.process-outputs",
        "clause": "5.3 b",
        "title": "",
        "theme": "",
        "unconfirmed": False,
        "status": "nonconformity",
        "grade": "major",
        "points": 0.0,
        "note": "",
        "evidence": [],
        "finding_count": 1,
    }
    excluded = by_id["customer-focus.satisfaction"]
    assert (excluded["status"], excluded["points"]) == ("not_applicable", None)
    assert excluded["note"].startswith("excluded by the organization:")
    assert by_id["roles.assigned"]["evidence"] == ["ev-org-chart"]


def test_findings_carry_their_identity_and_fingerprint(assessment: Assessment) -> None:
    """Each finding has its requirement, rule, subjects, reason, fix, evidence and a sha256 fingerprint."""
    findings = to_data(assessment)["findings"]
    assert len(findings) == len(assessment.findings)
    first: dict[str, Any] = findings[1]
    assert first == {
        "requirement": "roles.assigned",
        "clause": "5.3",
        "status": "nonconformity",
        "grade": "minor",
        "rule": "missing_authority",
        "subjects": ["service-lead", "resp-warranty", "auth-warranty"],
        "reason": first["reason"],
        "fix": first["fix"],
        "evidence": ["ev-org-chart"],
        "fingerprint": fingerprint(assessment.result("roles.assigned").findings[0]),
    }


def test_element_paths_are_those_of_the_subjects_sorted(assessment: Assessment) -> None:
    """element_paths maps every subject that has a path, sorted by id."""
    paths = to_data(assessment)["element_paths"]
    assert list(paths) == sorted(paths)
    assert paths == dict(sorted(assessment.element_paths.items()))


def _by_id(data: dict[str, Any], requirement: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["requirements"] if r["id"] == requirement)
    return found


def test_not_assessed_requirement_has_no_points(assessment: Assessment) -> None:
    """A requirement not assessed keeps its status and reason, and adds no points to the score."""
    requirement = _by_id(to_data(assessment), "review.planned")
    assert (requirement["status"], requirement["points"], requirement["grade"]) == ("not_assessed", None, None)
    assert requirement["note"].startswith("outside what the file describes")


def test_every_summary_says_how_many_requirements_its_score_counts(assessment: Assessment) -> None:
    """Each summary's examined is its total less those not applicable or not assessed; no score when it is 0."""
    data = to_data(assessment)
    for group in [data["summary"], *data["themes"], *data["clauses"]]:
        counts = group["counts"]
        assert group["examined"] == group["total"] - counts["not_applicable"] - counts["not_assessed"]
        assert (group["score"] is None) is (group["examined"] == 0)


def test_requirements_carry_whether_their_wording_is_unconfirmed(assessment: Assessment) -> None:
    """Each requirement says whether its wording in the assessed edition is unconfirmed, as the catalog does."""
    requirements = to_data(assessment)["requirements"]
    assert {r["id"]: r["unconfirmed"] for r in requirements} == {
        r.requirement.id: r.requirement.unconfirmed for r in assessment.results
    }
    assert _by_id(to_data(assessment), "objective-plans.responsible")["unconfirmed"] is True


def test_warnings_are_listed_and_an_empty_list_when_none(assessment: Assessment) -> None:
    """The assessment's warnings are a top-level list, in their order; an assessment without any gives []."""
    assert to_data(assessment)["warnings"] == list(assessment.warnings) != []
    assert to_data(attrs.evolve(assessment, warnings=()))["warnings"] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(extra=1), "Additional properties"),
        (lambda d: d.update(schema_version=1), "2 was expected"),
        (lambda d: d["requirements"][0].update(status="passed"), "is not one of"),
        (lambda d: d["findings"][0].update(grade="major"), "None was expected"),
        (lambda d: d["findings"][0].update(fingerprint="abc"), "does not match"),
        (lambda d: d["summary"]["counts"].pop("conforms"), "'conforms' is a required property"),
        (lambda d: d.update(as_of="24.11.2026"), "does not match"),
        (lambda d: d.pop("warnings"), "'warnings' is a required property"),
        (lambda d: d["summary"]["counts"].pop("not_assessed"), "'not_assessed' is a required property"),
        (lambda d: d["summary"].pop("examined"), "'examined' is a required property"),
        (lambda d: d["requirements"][0].pop("unconfirmed"), "'unconfirmed' is a required property"),
        (lambda d: d["requirements"][0].update(unconfirmed="no"), "is not of type 'boolean'"),
        (lambda d: _by_id(d, "review.planned").update(points=1.0), "None was expected"),
        (lambda d: _by_id(d, "policy.documented").update(points=None), "is not of type 'number'"),
    ],
)
def test_schema_refuses_reports_of_another_shape(
    assessment: Assessment, validator: jsonschema.protocols.Validator, change: Any, message: str
) -> None:
    """The schema catches unknown fields, wrong versions, unknown statuses, grades off nonconformities, bad hashes."""
    data = to_data(assessment)
    change(data)
    errors = [e.message for e in validator.iter_errors(data)]
    assert any(message in e for e in errors), errors
