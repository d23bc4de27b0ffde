"""The JUnit XML format: a suite per file, a test case per requirement, failures at or above the threshold."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership import LoadError, loads
from iso9001_leadership._escape import printable
from iso9001_leadership.assessment import Assessment, Status
from iso9001_leadership.findings import FAIL_ON
from iso9001_leadership.report import render, render_junit_many
from iso9001_leadership.report._junit import render_junit, xml_attribute, xml_text

SOURCE = "data/organization.yaml"
SKIPPED = (Status.NOT_ASSESSED, Status.NOT_APPLICABLE)


def check_junit(text: str) -> ET.Element:
    """Parse the document and fail unless its structure and counts hold together; return the root."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in root:
        assert suite.tag == "testsuite"
        tags = [child.tag for child in suite]
        expected_order = sorted(tags, key=["properties", "testcase", "system-out", "system-err"].index)
        assert tags == expected_order, "children in the order of the JUnit schema"
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        assert {key: int(suite.get(key, "-1")) for key in counts} == counts
        for case in cases:
            assert len(case) <= 1, "a test case has at most one outcome"
            assert case.get("name")
            assert case.get("classname")
        for key, value in counts.items():
            totals[key] += value
    assert {key: int(root.get(key, "-1")) for key in totals} == totals
    return root


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    """The test cases of the only suite by requirement id (the bracketed end of their names)."""
    [suite] = root
    return {case.get("name", "").rsplit("[", 1)[1].rstrip("]"): case for case in suite.findall("testcase")}


def test_one_suite_with_a_case_per_requirement_in_clause_order(located_assessment: Assessment) -> None:
    """The suite is named by the file; its cases are the requirements, in clause order, with file and classname."""
    root = check_junit(render(located_assessment, "junit", source=SOURCE))
    [suite] = root
    assert suite.get("name") == SOURCE
    names = [case.get("name") for case in suite.findall("testcase")]
    in_order = sorted(located_assessment.results, key=lambda r: r.requirement.sort_key)
    assert names == [f"{r.requirement.clause} {r.requirement.title} [{r.requirement.id}]" for r in in_order]
    assert {(case.get("classname"), case.get("file")) for case in suite.findall("testcase")} == {(SOURCE, SOURCE)}


@pytest.mark.parametrize("threshold", [None, *FAIL_ON])
def test_requirements_fail_on_findings_at_or_above_the_threshold(
    located_assessment: Assessment, threshold: str | None
) -> None:
    """A requirement fails when it has a finding at or above the threshold; N/A, not assessed and (below it) needs evidence are skipped."""
    root = check_junit(render(located_assessment, "junit", source=SOURCE, min_severity=threshold))
    cases = _cases(root)
    least = 0 if threshold is None else FAIL_ON[threshold]
    for result in located_assessment.results:
        outcome = cases[result.requirement.id]
        child = outcome[0].tag if len(outcome) else "pass"
        if result.status in SKIPPED:
            assert child == "skipped"
            assert outcome[0].get("message", "").startswith(result.status.label + ": ")
        elif any(f.severity >= max(least, 1) for f in result.findings):
            assert child == "failure"
        elif result.status is Status.NEEDS_EVIDENCE:  # undecided: neither passed nor failed
            assert child == "skipped"
            assert outcome[0].get("message", "").startswith("needs evidence: ")
        else:
            assert child == "pass"
    skipped = sum(1 for outcome in cases.values() if len(outcome) and outcome[0].tag == "skipped")
    assert root[0].get("skipped") == str(skipped)


def test_a_failure_names_the_worst_finding_and_lists_each_with_its_line(located_assessment: Assessment) -> None:
    """The failure's type and message are the worst finding's; its text lists every finding with fix and line."""
    cases = _cases(check_junit(render(located_assessment, "junit", source=SOURCE)))
    failure = cases["roles.assigned"].find("failure")
    assert failure is not None
    assert failure.get("type") == "minor nonconformity"
    assert failure.get("message", "").startswith("2 findings; the worst: Role 'service-lead' is accountable")
    line, column = located_assessment.element_positions["service-lead"]
    assert failure.text is not None
    assert failure.text.splitlines() == [
        (
            "minor nonconformity [missing_authority]: Role 'service-lead' is accountable for 'resp-warranty' but does "
            "not hold the authority it needs: 'auth-warranty'."
        ),
        "  fix: Give 'auth-warranty' to 'service-lead', or assign 'resp-warranty' to a role that holds it.",
        f"  at {SOURCE}:{line}:{column} (service-lead)",
        "  elements at fault: service-lead, resp-warranty, auth-warranty",
        "observation [role_without_people]: Nobody holds the role 'service-lead'.",
        "  fix: Name the person who holds it.",
        f"  at {SOURCE}:{line}:{column} (service-lead)",
    ]
    missing = cases["leadership.accountability"].find("failure")
    assert missing is not None
    assert missing.text is not None
    assert " at " not in missing.text  # a finding about something missing has no line to give


def test_the_suite_carries_the_assessment_and_the_warnings(located_assessment: Assessment) -> None:
    """Properties name tool, organization, edition, date, score and threshold; warnings are the suite's system-err."""
    [suite] = check_junit(render(located_assessment, "junit", source=SOURCE, min_severity="minor"))
    properties = {p.get("name"): p.get("value") for p in suite.iterfind("properties/property")}
    assert properties["organization"] == "Kestrel Valves & Fittings Ltd"
    assert properties["edition"] == "2015"
    assert properties["as_of"] == "2026-11-24"
    assert properties["score"] == "score 61.1 / 100 over 9 requirements examined; 1 not assessed, 1 not applicable"
    assert properties["min_severity"] == "minor"
    assert properties["findings_left_out"] == "5"
    assert (properties["tool"] or "").startswith("iso9001-leadership ")
    system_err = suite.find("system-err")
    assert system_err is not None
    assert system_err.text is not None
    assert system_err.text.startswith("Evidence 'ev-org-chart' cites '5.1.1 i'")
    quiet = check_junit(render(attrs.evolve(located_assessment, warnings=()), "junit", source=SOURCE))
    assert quiet[0].find("system-err") is None


def test_without_a_source_the_organization_names_the_suite(assessment: Assessment) -> None:
    """Without a file, the suite and classnames are the organization's name and cases carry no file."""
    [suite] = check_junit(render_junit(assessment))
    assert suite.get("name") == "Kestrel Valves & Fittings Ltd"
    assert all(case.get("file") is None for case in suite.findall("testcase"))


@pytest.mark.parametrize(
    ("text", "as_text", "as_attribute"),
    [
        ("R&D <b>", "R&amp;D &lt;b&gt;", "R&amp;D &lt;b&gt;"),
        ('say "hi"', 'say "hi"', "say &quot;hi&quot;"),
        ("a\nb\tc\rd", "a\nb\tc\\rd", "a&#10;b&#9;c\\rd"),
        ("]]>", "]]&gt;", "]]&gt;"),
        ("nul\x00 esc\x1b bom\ufeff ffff\uffff", "nul\\x00 esc\\x1b bom\ufeff ffff\\uffff", None),
    ],
)
def test_escaping(text: str, as_text: str, as_attribute: str | None) -> None:
    """Markup is escaped; what XML 1.0 cannot hold is made visible; attributes keep line breaks and tabs as references."""
    assert xml_text(text) == as_text
    assert xml_attribute(text) == (as_attribute if as_attribute is not None else as_text)


@given(data=st.data())
def test_any_assessment_gives_well_formed_xml_that_keeps_its_text(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """Whatever the text in the assessment and the path, the document parses, its counts add up, and names come back."""
    drawn = data.draw(assessments)
    path = data.draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
    threshold = data.draw(st.none() | st.integers(0, 5))
    root = check_junit(render_junit(drawn, source=path, min_severity=threshold))
    [suite] = root
    properties = {p.get("name"): p.get("value") for p in suite.iterfind("properties/property")}
    assert properties["organization"] == printable(drawn.organization, keep="\t\n").replace("\r", "\\r")
    assert len(suite.findall("testcase")) == len(drawn.results)


def test_many_files_give_a_suite_each_and_a_suite_in_error_for_a_bad_file(located_assessment: Assessment) -> None:
    """Several files: one suite per file in order; a file's error is a suite with one case in error, its problems listed."""
    try:
        loads("name: Acme\nscop: x\nroles: [{id: ceo}]\n", source="bad.yaml")
    except LoadError as exc:
        error = exc
    root = check_junit(
        render_junit_many(
            [
                (SOURCE, located_assessment, None),
                ("bad.yaml", None, error),
                ("gone.yaml", None, FileNotFoundError(2, "No such file or directory", "gone.yaml")),
            ],
            min_severity="minor",
        )
    )
    assert [suite.get("name") for suite in root] == [SOURCE, "bad.yaml", "gone.yaml"]
    assert (root.get("errors"), root.get("tests")) == ("2", str(len(located_assessment.results) + 2))
    problem = root[1].find("testcase/error")
    assert problem is not None
    assert problem.text is not None
    assert problem.get("type") == "LoadError"
    assert problem.get("message", "").startswith("2 problems; the first: scop: unknown field 'scop'")
    lines = problem.text.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == ["bad.yaml:2:1", "bad.yaml:3:9"]
    missing = root[2].find("testcase/error")
    assert missing is not None
    assert (missing.get("type"), missing.text) == ("FileNotFoundError", "gone.yaml: No such file or directory")
    alone = check_junit(render_junit(located_assessment, source=SOURCE, min_severity="minor"))
    root[0].tail = alone[0].tail = None
    assert ET.tostring(root[0]) == ET.tostring(alone[0])
