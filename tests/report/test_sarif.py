"""The SARIF report: structure, levels, rules, locations on the lines of the file, fingerprints."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership as iso
from iso9001_leadership.assessment import Assessment, Finding, Grade, Status
from iso9001_leadership.report import render, to_sarif, to_sarif_many
from iso9001_leadership.report._common import FINGERPRINT_KEY, fingerprint, sentence
from iso9001_leadership.report._sarif import artifact_uri, level

HERE = Path(__file__).resolve().parent
SOURCE = "data/organization.yaml"

_MESSAGE = {
    "type": "object",
    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
    "properties": {"text": {"type": "string", "minLength": 1}, "id": {"type": "string"}},
}
_LOCATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "minimum": -1},
        "physicalLocation": {
            "type": "object",
            "required": ["artifactLocation"],
            "properties": {
                "artifactLocation": {
                    "type": "object",
                    "required": ["uri"],
                    "properties": {"uri": {"type": "string", "format": "uri-reference", "minLength": 1}},
                },
                "region": {
                    "type": "object",
                    "required": ["startLine"],
                    "properties": {
                        "startLine": {"type": "integer", "minimum": 1},
                        "startColumn": {"type": "integer", "minimum": 1},
                    },
                },
            },
        },
        "logicalLocations": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "fullyQualifiedName": {"type": "string"},
                    "kind": {"type": "string"},
                },
            },
        },
        "message": _MESSAGE,
    },
}
_MULTIFORMAT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}
#: A SARIF notification (§3.58): a message is required, the level one of four, no other keys than the schema's.
_NOTIFICATION = {
    "type": "object",
    "required": ["message"],
    "additionalProperties": False,
    "properties": {
        "message": _MESSAGE,
        "level": {"enum": ["none", "note", "warning", "error"]},
        "locations": {"type": "array", "items": _LOCATION},
        "descriptor": {"type": "object"},
        "associatedRule": {"type": "object"},
        "properties": {"type": "object"},
    },
}
#: A SARIF invocation (§3.20): executionSuccessful is required.
_INVOCATION = {
    "type": "object",
    "required": ["executionSuccessful"],
    "properties": {
        "executionSuccessful": {"type": "boolean"},
        "toolExecutionNotifications": {"type": "array", "items": _NOTIFICATION},
        "toolConfigurationNotifications": {"type": "array", "items": _NOTIFICATION},
    },
}

#: The essential rules of the SARIF 2.1.0 schema for what we write (the full schema is not available offline).
SARIF_ESSENTIALS: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string", "minLength": 1},
                                                "name": {"type": "string"},
                                                "shortDescription": _MULTIFORMAT,
                                                "fullDescription": _MULTIFORMAT,
                                                "help": _MULTIFORMAT,
                                                "properties": {"type": "object"},
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "invocations": {"type": "array", "items": _INVOCATION},
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "locations": {"type": "array", "items": _LOCATION},
                                "relatedLocations": {"type": "array", "items": _LOCATION},
                                "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                                "properties": {"type": "object"},
                            },
                        },
                    },
                    "properties": {"type": "object"},
                },
            },
        },
    },
}


def check_sarif(log: dict[str, Any]) -> None:
    """Fail unless ``log`` keeps the essential SARIF rules and its results refer to its rules consistently."""
    validator = jsonschema.Draft202012Validator(
        SARIF_ESSENTIALS, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids must be unique"
        for result in run.get("results", []):
            if "ruleIndex" in result:
                assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            ids_seen = [loc["id"] for loc in result.get("relatedLocations", [])]
            assert len(ids_seen) == len(set(ids_seen)), "related location ids must be unique"


@pytest.fixture(scope="module")
def sarif(located_assessment: Assessment) -> dict[str, Any]:
    """The SARIF log of the hand-built assessment, with data/organization.yaml as source and its positions."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(HERE)
        return json.loads(render(located_assessment, "sarif", source=SOURCE))


def test_fixture_paths_are_those_of_the_organization_file(assessment: Assessment) -> None:
    """The hand-built element paths are where the loader puts those elements in data/organization.yaml."""
    org = iso.load(HERE / SOURCE)
    assert {s: org.path_of(s) for s in assessment.element_paths} == dict(assessment.element_paths)


def test_log_keeps_the_essential_sarif_rules(sarif: dict[str, Any]) -> None:
    """The log has the 2.1.0 schema and version, one run, a driver with rules, and valid results."""
    check_sarif(sarif)
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "iso9001-leadership"
    assert driver["version"] == iso.__version__
    assert driver["informationUri"].startswith("https://")
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_one_rule_per_requirement_with_findings(sarif: dict[str, Any], assessment: Assessment) -> None:
    """Rules are the requirements that have findings, in clause order, described from the catalog."""
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "leadership.accountability",
        "roles.assigned",
        "roles.process-outputs",
        "planning.actions-planned",
        "objectives.consistent-with-policy",
        "objective-plans.responsible",
        "kestrel.gemba-walks",
    ]
    rule = rules[2]
    requirement = assessment.result("roles.process-outputs").requirement
    assert rule["name"] == "RolesProcessOutputs"
    assert rule["shortDescription"] == {"text": requirement.title}
    assert rule["fullDescription"] == {"text": requirement.summary}
    assert rule["properties"] == {
        "clause": "5.3 b",
        "theme": "communication_and_roles",
        "edition": "2015",
        "unconfirmed": False,
        "tags": ["iso9001", "communication_and_roles"],
    }
    assert rule["help"]["text"].startswith("Clause 5.3 b of ISO 9001:2015 with Amendment 1:2024")


@pytest.mark.parametrize(
    ("status", "grade", "expected"),
    [
        (Status.NONCONFORMITY, Grade.MAJOR, "error"),
        (Status.NONCONFORMITY, Grade.MINOR, "warning"),
        (Status.NONCONFORMITY, None, "warning"),
        (Status.OBSERVATION, None, "note"),
        (Status.OPPORTUNITY, None, "note"),
        (Status.NEEDS_EVIDENCE, None, "note"),
        (Status.NOT_ASSESSED, None, "none"),
        (Status.CONFORMS, None, "none"),
        (Status.NOT_APPLICABLE, None, "none"),
    ],
)
def test_level_follows_status_and_grade(status: Status, grade: Grade | None, expected: str) -> None:
    """Major nonconformities are errors, minor ones warnings, other findings notes; nothing to report is none."""
    assert level(Finding("r", "5.3", status, "rule", "why", grade=grade)) == expected


def test_one_result_per_finding_with_message_reason_and_fix(sarif: dict[str, Any], assessment: Assessment) -> None:
    """Each finding is a result under its requirement's rule, its message the reason then the fix."""
    results = sarif["runs"][0]["results"]
    assert len(results) == len(assessment.findings)
    in_clause_order = sorted(assessment.results, key=lambda r: r.requirement.sort_key)
    assert [r["ruleId"] for r in results] == [f.requirement for r in in_clause_order for f in r.findings]
    major = next(r for r in results if r["ruleId"] == "roles.process-outputs")
    assert major["level"] == "error"
    assert major["message"]["text"] == (
        "Process 'calibration' has no accountable owner. Suggested fix: Name one role as owner of 'calibration'."
    )
    assert major["properties"] == {
        "status": "nonconformity",
        "grade": "major",
        "clause": "5.3 b",
        "check": "process_without_owner",
        "subjects": ["calibration"],
        "evidence": [],
    }
    no_fix = next(r for r in results if r["ruleId"] == "objectives.consistent-with-policy")
    assert "Suggested fix" not in no_fix["message"]["text"]


def test_results_point_at_the_line_where_the_element_is_defined(sarif: dict[str, Any]) -> None:
    """Each result's region is the line and column of the first element at fault's definition in the file."""
    lines = (HERE / SOURCE).read_text(encoding="utf-8").splitlines()
    checked = 0
    for result in sarif["runs"][0]["results"]:
        subjects = result["properties"]["subjects"]
        locations = [*result["locations"], *result.get("relatedLocations", [])]
        if not subjects:
            continue
        assert len(locations) == len(subjects)
        for subject, location in zip(subjects, locations, strict=True):
            physical = location["physicalLocation"]
            assert physical["artifactLocation"] == {"uri": "data/organization.yaml"}
            line = lines[physical["region"]["startLine"] - 1]
            column = physical["region"]["startColumn"]
            assert line[column - 1 :] == f"id: {subject}"
            assert location["logicalLocations"][0]["name"] == subject
            checked += 1
    assert checked == 8


def test_logical_locations_name_the_element_and_its_path(sarif: dict[str, Any]) -> None:
    """The primary location names the first element at fault; the others are related locations with ids."""
    result = next(r for r in sarif["runs"][0]["results"] if r["properties"]["check"] == "missing_authority")
    assert result["locations"][0]["logicalLocations"] == [
        {"name": "service-lead", "fullyQualifiedName": "roles[2]", "kind": "object"}
    ]
    related = result["relatedLocations"]
    assert [(r["id"], r["message"]["text"]) for r in related] == [(1, "resp-warranty"), (2, "auth-warranty")]
    assert related[1]["logicalLocations"][0]["fullyQualifiedName"] == "authorities[0]"


def test_finding_without_elements_points_at_the_file_with_no_region(sarif: dict[str, Any]) -> None:
    """A finding about something missing points at the file as a whole: no region, never a made-up line 1."""
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "leadership.accountability")
    assert result["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "data/organization.yaml"}}}]
    assert "relatedLocations" not in result


def test_no_result_is_put_on_a_line_it_does_not_belong_to(
    sarif: dict[str, Any], located_assessment: Assessment
) -> None:
    """Every region is the recorded position of the element its location names; locations without one have none."""
    positions = located_assessment.element_positions
    regions = 0
    for result in sarif["runs"][0]["results"]:
        for location in [*result["locations"], *result.get("relatedLocations", [])]:
            region = location["physicalLocation"].get("region")
            names = [logical["name"] for logical in location.get("logicalLocations", [])]
            if not names:
                assert region is None
                continue
            expected = positions.get(names[0])
            assert region == (None if expected is None else {"startLine": expected[0], "startColumn": expected[1]})
            regions += region is not None
    assert regions == 8


def test_without_source_results_have_logical_locations_only(assessment: Assessment) -> None:
    """With no source file, results name their elements but no file; findings without elements have no location."""
    log = to_sarif(assessment)
    check_sarif(log)
    for result in log["runs"][0]["results"]:
        for location in [*result.get("locations", []), *result.get("relatedLocations", [])]:
            assert "physicalLocation" not in location
            assert location["logicalLocations"]
        assert ("locations" in result) is bool(result["properties"]["subjects"])


def test_without_positions_results_point_at_the_file_with_no_region(assessment: Assessment) -> None:
    """With no recorded positions (JSON, or built in Python), results name the file and their elements, no line."""
    log = to_sarif(assessment, source="org.yaml")
    check_sarif(log)
    for result in log["runs"][0]["results"]:
        for location in [*result["locations"], *result.get("relatedLocations", [])]:
            assert location["physicalLocation"] == {"artifactLocation": {"uri": "org.yaml"}}
        assert [
            loc["logicalLocations"][0]["name"] for loc in result["locations"][0:1] if "logicalLocations" in loc
        ] == list(result["properties"]["subjects"][:1])


def test_primary_location_is_the_first_element_at_fault_with_a_position(located_assessment: Assessment) -> None:
    """When the first element at fault has no known position, the result points at the next one that has."""
    positions = {s: p for s, p in located_assessment.element_positions.items() if s != "service-lead"}
    log = to_sarif(attrs.evolve(located_assessment, element_positions=positions), source=SOURCE)
    result = next(r for r in log["runs"][0]["results"] if r["properties"]["check"] == "missing_authority")
    [primary] = result["locations"]
    assert primary["logicalLocations"][0]["name"] == "resp-warranty"
    line, column = positions["resp-warranty"]
    assert primary["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
    related = result["relatedLocations"]
    assert [(r["id"], r["message"]["text"]) for r in related] == [(1, "service-lead"), (2, "auth-warranty")]
    assert "region" not in related[0]["physicalLocation"]
    assert "region" in related[1]["physicalLocation"]
    assert result["properties"]["subjects"] == ["service-lead", "resp-warranty", "auth-warranty"]


@pytest.mark.parametrize(
    ("threshold", "severity"),
    [("major", 5), ("minor", 4), ("needs_evidence", 3), ("observation", 2), ("opportunity", 1), (0, 0), (4, 4)],
)
def test_min_severity_leaves_out_less_serious_findings(
    located_assessment: Assessment, threshold: str | int, severity: int
) -> None:
    """Only findings at or above the threshold are results, only their requirements rules; the run says what it left out."""
    log = to_sarif(located_assessment, source=SOURCE, min_severity=threshold)
    check_sarif(log)
    run = log["runs"][0]
    kept = [f for f in located_assessment.findings if f.severity >= severity]
    assert sorted(r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]) == sorted(
        fingerprint(f) for f in kept
    )
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {f.requirement for f in kept}
    assert run["properties"]["findingsLeftOut"] == len(located_assessment.findings) - len(kept)
    names = {5: "major", 4: "minor", 3: "needs_evidence", 2: "observation", 1: "opportunity", 0: "0"}
    assert run["properties"]["minSeverity"] == names[severity]


def test_no_threshold_reports_everything_and_says_nothing_of_it(sarif: dict[str, Any], assessment: Assessment) -> None:
    """Without min_severity every finding is a result and the run has no threshold properties."""
    run = sarif["runs"][0]
    assert len(run["results"]) == len(assessment.findings)
    assert "minSeverity" not in run["properties"]
    assert "findingsLeftOut" not in run["properties"]


@pytest.mark.parametrize("threshold", ["minro", "never", 6, -1, True, 2.5, "4"])
def test_min_severity_must_be_a_threshold(assessment: Assessment, threshold: object) -> None:
    """Anything but None, a --fail-on name or a severity from 0 to 5 is a UsageError naming what is accepted."""
    with pytest.raises(iso.UsageError, match="min_severity must be None, one of 'major'"):
        to_sarif(assessment, min_severity=threshold)  # type: ignore[arg-type]


def test_many_files_share_the_threshold(located_assessment: Assessment) -> None:
    """to_sarif_many leaves out the same findings as to_sarif of each file, and names its threshold."""
    log = to_sarif_many(
        [(SOURCE, located_assessment, None), ("other.yaml", located_assessment, None)],
        edition="2015",
        as_of=located_assessment.as_of,
        min_severity="minor",
    )
    check_sarif(log)
    run = log["runs"][0]
    alone = to_sarif(located_assessment, source=SOURCE, min_severity="minor")["runs"][0]["results"]
    assert len(run["results"]) == 2 * len(alone)
    assert run["properties"]["minSeverity"] == "minor"
    assert [f["findingsLeftOut"] for f in run["properties"]["files"]] == [5, 5]  # 3 observations, 1 OFI, 1 NE


@given(data=st.data())
def test_any_assessment_points_only_at_known_positions(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """Whatever the assessment, positions and threshold: results are the findings at or above it, and each region
    is the position of the element its location names."""
    drawn = data.draw(assessments)
    subjects = sorted({s for f in drawn.findings for s in f.subjects})
    chosen = data.draw(st.lists(st.sampled_from(subjects), unique=True) if subjects else st.just([]))
    positions = {s: (data.draw(st.integers(1, 10_000)), data.draw(st.integers(1, 200))) for s in chosen}
    threshold = data.draw(st.none() | st.integers(0, 5))
    log = to_sarif(attrs.evolve(drawn, element_positions=positions), source="org.yaml", min_severity=threshold)
    check_sarif(log)
    results = log["runs"][0]["results"]
    not_assessed = {r.requirement.id for r in drawn.results if r.status is Status.NOT_ASSESSED}
    expected = [
        f
        for f in drawn.findings
        if f.requirement not in not_assessed and (threshold is None or f.severity >= threshold)
    ]
    assert len(results) == len(expected)
    for result in results:
        for location in [*result.get("locations", []), *result.get("relatedLocations", [])]:
            names = [logical["name"] for logical in location.get("logicalLocations", [])]
            where = positions.get(names[0]) if names else None
            region = location["physicalLocation"].get("region")
            assert region == (None if where is None else {"startLine": where[0], "startColumn": where[1]})
        subjects_with_place = [s for s in result["properties"]["subjects"] if s in positions]
        if subjects_with_place:
            assert result["locations"][0]["logicalLocations"][0]["name"] == subjects_with_place[0]


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("examples/precision-pumps/organization.yaml", "examples/precision-pumps/organization.yaml"),
        ("./org.yaml", "org.yaml"),
        ("dir with space/org #1.yaml", "dir%20with%20space/org%20%231.yaml"),
        ("/srv/qms/org.yaml", "file:///srv/qms/org.yaml"),
        (Path("a") / "b.yml", "a/b.yml"),
    ],
)
def test_artifact_uri(source: str | Path, uri: str) -> None:
    """Relative paths stay relative POSIX URIs, percent-encoded; absolute paths become file URIs."""
    assert artifact_uri(source) == uri


def test_fingerprint_hashes_requirement_rule_and_subjects(sarif: dict[str, Any], assessment: Assessment) -> None:
    """partialFingerprints holds the sha256 of the finding's key, so wording changes keep the same alert."""
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "roles.process-outputs")
    key = json.dumps(["roles.process-outputs", "process_without_owner", ["calibration"]], separators=(",", ":"))
    assert result["partialFingerprints"] == {FINGERPRINT_KEY: hashlib.sha256(key.encode()).hexdigest()}
    finding = assessment.result("roles.process-outputs").findings[0]
    reworded = attrs.evolve(finding, reason="Nobody owns 'calibration'", fix="", grade=Grade.MINOR)
    assert fingerprint(reworded) == fingerprint(finding)
    assert fingerprint(attrs.evolve(finding, subjects=("sales",))) != fingerprint(finding)
    assert fingerprint(attrs.evolve(finding, rule="other")) != fingerprint(finding)


def test_fingerprints_are_unique_per_finding(sarif: dict[str, Any]) -> None:
    """No two results of the log share a fingerprint."""
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif["runs"][0]["results"]]
    assert len(prints) == len(set(prints))


def test_run_properties_summarise_the_assessment(sarif: dict[str, Any], assessment: Assessment) -> None:
    """The run's property bag names the organization, edition, date, score and what the score counts."""
    assert sarif["runs"][0]["properties"] == {
        "organization": "Kestrel Valves & Fittings Ltd",
        "edition": "2015",
        "editionTitle": "ISO 9001:2015 with Amendment 1:2024",
        "asOf": "2026-11-24",
        "score": assessment.score,
        "examined": 9,
        "notAssessed": 1,
        "notApplicable": 1,
        "scoreBasis": "over 9 requirements examined; 1 not assessed, 1 not applicable",
    }


@given(data=st.data())
def test_any_assessment_gives_a_valid_log(data: st.DataObject, assessments: st.SearchStrategy[Assessment]) -> None:
    """Whatever the assessment, the log keeps the essential SARIF rules and has one result per finding."""
    drawn = data.draw(assessments)
    log = json.loads(render(drawn, "sarif", source="organization.yaml"))
    check_sarif(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(drawn.findings)
    assert all(r["message"]["text"].strip() for r in results)


def test_not_assessed_requirements_give_no_rule_and_no_result(sarif: dict[str, Any], assessment: Assessment) -> None:
    """A requirement not assessed is neither a rule nor a result, even with a 'nothing to examine' finding on it."""
    run = sarif["runs"][0]
    assert "review.planned" not in [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "review.planned" not in [r["ruleId"] for r in run["results"]]
    result = assessment.result("review.planned")
    skipped = Finding(result.requirement.id, result.requirement.clause, Status.NOT_ASSESSED, "nothing_to_examine", "x")
    stray = Finding("policy.documented", "5.2.2 a", Status.NOT_ASSESSED, "nothing_to_examine", "no policy recorded")
    results = tuple(
        attrs.evolve(r, findings=(skipped,))
        if r is result
        else attrs.evolve(r, findings=(*r.findings, stray))
        if r.requirement.id == "policy.documented"
        else r
        for r in assessment.results
    )
    log = to_sarif(attrs.evolve(assessment, results=results))
    check_sarif(log)
    assert log["runs"][0]["results"] == to_sarif(assessment)["runs"][0]["results"]
    assert log["runs"][0]["tool"] == to_sarif(assessment)["runs"][0]["tool"]


def test_warnings_are_tool_execution_notifications(sarif: dict[str, Any], assessment: Assessment) -> None:
    """Each warning on the input is a notification of level warning in the run's one invocation."""
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation == {
        "executionSuccessful": True,
        "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": sentence(w)}} for w in assessment.warnings
        ],
    }
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("Evidence 'ev-org-chart' cites")
    quiet = to_sarif(attrs.evolve(assessment, warnings=()))
    assert quiet["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_essentials_refuse_an_invocation_without_its_required_fields() -> None:
    """The SARIF check fails on an invocation without executionSuccessful or a notification without a message."""
    for invocation in (
        {"toolExecutionNotifications": []},
        {"executionSuccessful": True, "toolExecutionNotifications": [{"level": "warning"}]},
    ):
        log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "invocations": [invocation]}]}
        with pytest.raises(AssertionError):
            check_sarif(log)


def test_rules_say_whether_the_wording_is_unconfirmed(sarif: dict[str, Any]) -> None:
    """A rule carries properties.unconfirmed, and the help of an unconfirmed one says so."""
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {rule_id: r["properties"]["unconfirmed"] for rule_id, r in rules.items()} == {
        rule_id: rule_id == "objective-plans.responsible" for rule_id in rules
    }
    assert "Wording unconfirmed: " in rules["objective-plans.responsible"]["help"]["text"]
    assert "unconfirmed" not in rules["roles.process-outputs"]["help"]["text"]
