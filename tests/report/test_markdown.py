"""The Markdown report: its sections, its tables, and escaping in table cells and prose."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership.assessment import Assessment
from iso9001_leadership.report import render
from iso9001_leadership.report._common import sentence
from iso9001_leadership.report._markdown import escape_cell, escape_text


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(r"^#{1,2} ", text[start:], re.MULTILINE)
    return text[start : start + following.start()] if following else text[start:]


def _table_rows(section: str) -> list[list[str]]:
    """The cells of each table row, split on unescaped pipes."""
    rows = []
    for line in section.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([c.strip() for c in cells])
    return rows


@pytest.fixture(scope="module")
def markdown(assessment: Assessment) -> str:
    return render(assessment, "markdown", source="data/organization.yaml")


def test_heading_names_organization_edition_date_and_score(markdown: str, assessment: Assessment) -> None:
    """The report opens with the organization, the edition's title, the as-of date and the score."""
    head = markdown.split("## Summary")[0]
    assert head.startswith("# ISO 9001 leadership assessment: Kestrel Valves \\& Fittings Ltd\n")
    assert "ISO 9001:2015 with Amendment 1:2024" in head
    assert "**As of:** 2026-11-24" in head
    assert f"**Score:** {assessment.score:.1f} / 100" in head
    assert "**Organization file:** `data/organization.yaml`" in head


def test_sections_come_in_the_documented_order(markdown: str) -> None:
    """Summary, warnings (when there are any), by theme, by clause, findings, then every requirement."""
    headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert headings == ["Summary", "Warnings", "By theme", "By clause", "Findings", "All requirements"]


def test_summary_table_counts_every_status(markdown: str, assessment: Assessment) -> None:
    """The summary has one row per status, worst first, with the counts and the grades of nonconformities."""
    rows = _table_rows(_section(markdown, "## Summary"))
    counts = assessment.summary().counts
    body = rows[2:-1]
    assert [r[0].split(" ", 1)[1] for r in body] == [
        "nonconformity",
        "needs evidence",
        "observation",
        "opportunity for improvement",
        "conforms",
        "not applicable",
        "not assessed",
    ]
    assert body[0][1] == "3 (1 major, 2 minor)"
    assert [int(r[1].split(" ")[0]) for r in body[1:]] == [
        counts[s]
        for s in ("needs_evidence", "observation", "opportunity", "conforms", "not_applicable", "not_assessed")
    ]
    assert rows[-1] == ["**Total**", f"**{len(assessment.results)}**"]


@pytest.mark.parametrize(
    ("heading", "first_column"),
    [
        (
            "## By theme",
            [
                "Accountability",
                "Policy and objectives",
                "Integration",
                "Customer focus",
                "Communication and roles",
                "Monitoring and improvement",
            ],
        ),
        ("## By clause", ["5 Leadership", "6 Planning", "9 Performance evaluation", "KVF"]),
    ],
)
def test_group_tables_have_a_row_per_group_with_score(markdown: str, heading: str, first_column: list[str]) -> None:
    """The theme and clause tables list each group in order with its score and counts adding up to its total."""
    rows = _table_rows(_section(markdown, heading))
    assert rows[0][:2] == [heading.split()[-1].capitalize(), "Score"]
    body = rows[2:]
    assert [r[0] for r in body] == first_column
    for row in body:
        assert sum(int(c) for c in row[2:-1]) == int(row[-1])
        assert row[1] == "n/a" or re.fullmatch(r"\d+\.\d", row[1])


def test_findings_are_grouped_by_requirement_in_clause_order(markdown: str) -> None:
    """Each requirement with findings has a heading, in clause order; the others have none."""
    findings = _section(markdown, "## Findings")
    headings = re.findall(r"^### (\S+(?: [a-z0-9])*) ", findings, re.MULTILINE)
    assert headings == ["5.1.1 a", "5.3", "5.3 b", "6.1.2 a", "6.2.1 a", "6.2.2 c", "KVF 1"]


def test_a_finding_lists_status_elements_reason_fix_and_evidence(markdown: str) -> None:
    """A finding shows its status and grade, the elements at fault with their paths, reason, fix and evidence."""
    findings = _section(markdown, "## Findings")
    block = findings[findings.index("### 5.3 Roles") : findings.index("### 5.3 b")]
    assert "**✗ nonconformity (minor)** · requirement `roles.assigned`" in block
    assert "1. **✗ nonconformity (minor)**, rule `missing_authority`" in block
    assert "Elements at fault: `service-lead` (at `roles[2]`), `resp-warranty` (at `responsibilities[0]`)" in block
    assert "Reason: Role 'service-lead' is accountable for 'resp-warranty'" in block
    assert "Suggested fix: Give 'auth-warranty' to 'service-lead'" in block
    assert "Evidence consulted: `ev-org-chart`" in block
    assert "2. **◆ observation**, rule `role_without_people`" in block
    assert "Evidence recorded for this clause: `ev-org-chart`" in block


def test_finding_without_elements_or_fix_leaves_those_lines_out(markdown: str) -> None:
    """A finding about something missing has no 'Elements at fault' line; one without a fix no 'Suggested fix'."""
    findings = _section(markdown, "## Findings")
    needs = findings[findings.index("### 5.1.1 a") : findings.index("### 5.3 Roles")]
    assert "Elements at fault" not in needs
    opportunity = findings[findings.index("### 6.2.1 a") : findings.index("### 6.2.2 c")]
    assert "Suggested fix" not in opportunity
    assert "Evidence consulted: none" in opportunity


def test_all_requirements_table_shows_status_and_justification(markdown: str, assessment: Assessment) -> None:
    """The closing table has every requirement with its status, and the N/A justification as its note."""
    rows = _table_rows(_section(markdown, "## All requirements"))
    body = rows[2:]
    assert len(body) == len(assessment.results)
    assert all(len(r) == 5 for r in body)
    by_id = {r[1].strip("`"): r for r in body}
    assert by_id["customer-focus.satisfaction"][3] == "\u2013 not applicable"
    assert by_id["customer-focus.satisfaction"][4].startswith("excluded by the organization: Kestrel sells")
    assert by_id["roles.process-outputs"][3] == "✗ nonconformity (major)"
    assert by_id["kestrel.gemba-walks"][2] == "Leadership on the floor \\| \\<monthly\\>"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two<br>lines"),
        ("windows\r\nline", "windows<br>line"),
        ("old mac\rline", "old mac<br>line"),
        ("unicode\u2028separator", "unicode<br>separator"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("back\\slash", "back\\\\slash"),
        ("R&D", "R\\&D"),
        ("  padded  ", "padded"),
    ],
)
def test_escape_cell(text: str, escaped: str) -> None:
    """Pipes, line breaks and markup characters are escaped so a cell stays one cell of plain text."""
    assert escape_cell(text) == escaped


@given(st.text())
def test_escaped_text_is_one_line_without_bare_pipes(text: str) -> None:
    """Whatever the text, escaping leaves one line in which every pipe is escaped."""
    escaped = escape_text(text)
    assert len(escaped.splitlines()) <= 1
    assert re.search(r"(?<!\\)\|", escaped.replace("\\\\", "")) is None


@given(data=st.data())
def test_tables_keep_their_shape_whatever_the_text(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """Every table row has as many cells as its header, whatever notes, names and reasons hold."""
    text = render(data.draw(assessments), "markdown")
    lines = text.splitlines()
    widths = []
    for line in lines:
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.replace("\\\\", ""))
            widths.append(len(cells))
        elif widths:
            assert len(set(widths)) == 1, widths
            widths = []
    assert not widths or len(set(widths)) == 1


@given(data=st.data())
def test_every_finding_appears_once(data: st.DataObject, assessments: st.SearchStrategy[Assessment]) -> None:
    """The findings section numbers each requirement's findings from 1, one item per finding."""
    drawn = data.draw(assessments)
    text = render(drawn, "markdown")
    findings = _section(text, "## Findings")
    items = re.findall(r"^\d+\. \*\*", findings, re.MULTILINE)
    assert len(items) == len(drawn.findings)
    assert ("No findings" in findings) is (not drawn.findings)


def test_score_says_what_it_counts(markdown: str, assessment: Assessment) -> None:
    """The score in the heading names how many requirements it counts and how many were left out."""
    assert (
        f"- **Score:** {assessment.score:.1f} / 100 over 9 requirements examined; 1 not assessed, 1 not applicable\n"
    ) in markdown
    assert "Scores are out of 100, over the requirements examined: those not applicable and those not assessed" in (
        markdown
    )


def test_no_score_when_nothing_is_examined(assessment: Assessment) -> None:
    """With nothing examined the heading gives no score rather than 0.0."""
    left_out = attrs.evolve(assessment, results=(assessment.result("review.planned"),))
    assert "- **Score:** no score: no requirement examined; 1 not assessed, 0 not applicable\n" in render(
        left_out, "markdown"
    )


def test_not_assessed_is_counted_in_every_table(markdown: str) -> None:
    """The summary, theme and clause tables have a column or row for not assessed, and the legend names it."""
    assert "| · not assessed | 1 |" in _section(markdown, "## Summary")
    for heading in ("## By theme", "## By clause"):
        assert _table_rows(_section(markdown, heading))[0][-2] == "· Out"
    assert "· Out: not assessed" in markdown
    rows = {r[1].strip("`"): r for r in _table_rows(_section(markdown, "## All requirements"))[2:]}
    assert rows["review.planned"][3:] == ["· not assessed", "outside what the file describes (covers: 5, 6, 7)"]


def test_warnings_section_lists_each_warning(markdown: str, assessment: Assessment) -> None:
    """A Warnings section lists each warning as a sentence; without warnings there is no such section."""
    warnings = _section(markdown, "## Warnings")
    assert warnings.strip().splitlines() == [f"- {escape_text(sentence(w))}" for w in assessment.warnings]
    assert "## Warnings" not in render(attrs.evolve(assessment, warnings=()), "markdown")


def test_unconfirmed_wording_is_marked_on_requirement_findings_and_row(markdown: str) -> None:
    """A requirement whose wording is unconfirmed is marked in its heading line, on each finding and in its row."""
    findings = _section(markdown, "## Findings")
    block = findings[findings.index("### 6.2.2 c") : findings.index("### KVF 1")]
    assert "· 1 finding · *wording unconfirmed*" in block
    assert "1. **✗ nonconformity (minor)**, rule `objective_without_owner` · *wording unconfirmed*" in block
    assert findings.count("wording unconfirmed") == 2
    rows = {r[1].strip("`"): r for r in _table_rows(_section(markdown, "## All requirements"))[2:]}
    assert rows["objective-plans.responsible"][4] == "*wording unconfirmed*"
    assert [r for r, row in rows.items() if "unconfirmed" in row[4]] == ["objective-plans.responsible"]
    assert "*wording unconfirmed*: the clause's wording in this edition is not confirmed" in markdown


def test_observations_beside_a_nonconformity_are_never_counted_as_one(assessment: Assessment) -> None:
    """A requirement with one nonconformity and two observations counts once, as a nonconformity; each finding keeps its status."""
    result = assessment.result("roles.assigned")
    extra = attrs.evolve(result.findings[1], rule="second_observation", subjects=("resp-warranty",))
    single = attrs.evolve(assessment, results=(attrs.evolve(result, findings=(*result.findings, extra)),), warnings=())
    text = render(single, "markdown")
    rows = {r[0].split(" ", 1)[1]: r[1] for r in _table_rows(_section(text, "## Summary"))[2:-1]}
    assert (rows["nonconformity"], rows["observation"]) == ("1 (1 minor)", "0")
    items = re.findall(r"^\d+\. \*\*(.+?)\*\*", _section(text, "## Findings"), re.MULTILINE)
    assert items == ["✗ nonconformity (minor)", "◆ observation", "◆ observation"]
