"""The Markdown report: for people, and for pull request comments (GitHub-flavoured tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from iso9001_leadership._escape import markdown_code, markdown_text
from iso9001_leadership._names import plural
from iso9001_leadership.assessment import Assessment, RequirementResult, Summary
from iso9001_leadership.findings import STATUS_ORDER, Finding, Grade, Status, status_text

from ._common import (
    SCORE_NOTE,
    TOOL_NAME,
    UNCONFIRMED,
    UNCONFIRMED_MEANING,
    clause_groups,
    clause_title,
    grade_counts,
    grade_split,
    icon,
    legend,
    ordered_results,
    score_line,
    sentence,
    short,
    theme_label,
    tool_version,
)

__all__ = ["escape_cell", "escape_text", "render_markdown"]


def escape_text(text: str) -> str:
    """Prose for a Markdown line: markup characters backslash-escaped, line breaks as ``<br>``.

    No raw HTML, link, image, emphasis or code span can start in it, and control characters
    (escape sequences, bidirectional overrides) are written as visible escapes such as ``\\x1b``.

    Examples
    --------
    >>> escape_text("a*b*\\nc <d>")
    'a\\\\*b\\\\*<br>c \\\\<d\\\\>'
    """
    return markdown_text(text)


def escape_cell(text: str) -> str:
    """Text for a table cell: as :func:`escape_text`, so ``|`` cannot end the cell early.

    Examples
    --------
    >>> escape_cell("yes | no")
    'yes \\\\| no'
    """
    return markdown_text(text)


def _code(text: str, *, cell: bool = False) -> str:
    """An id or path as inline code, fenced by more backticks than it holds (CommonMark's rule)."""
    return markdown_code(text, cell=cell)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    rule = {"left": "---", "right": "---:", "center": ":---:"}
    return [_row(header), _row(rule[a] for a in align), *(_row(r) for r in rows)]


def _status(status: Status, grade: Grade | None = None) -> str:
    return f"{icon(status)} {status_text(status, grade)}"


def _score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


def _summary_table(assessment: Assessment, results: Sequence[RequirementResult]) -> list[str]:
    summary = assessment.summary()
    grades = grade_counts(results)
    rows = []
    for status in STATUS_ORDER:
        count = summary.counts.get(status.value, 0)
        cell = str(count)
        if status is Status.NONCONFORMITY and grade_split(grades):
            cell += f" ({grade_split(grades)})"
        rows.append([_status(status), cell])
    rows.append(["**Total**", f"**{summary.total}**"])
    return _table(["Status", "Requirements"], ["left", "right"], rows)


def _group_table(title: str, groups: Sequence[Summary], label: dict[str, str]) -> list[str]:
    header = [title, "Score", *(f"{icon(s)} {short(s)}" for s in STATUS_ORDER), "Total"]
    rows = [
        [
            escape_cell(label.get(g.group, g.group)),
            _score(g.score),
            *(str(g.counts.get(s.value, 0)) for s in STATUS_ORDER),
            str(g.total),
        ]
        for g in groups
    ]
    return _table(header, ["left"] + ["right"] * (len(header) - 1), rows)


def _ids(ids: Sequence[str], paths: dict[str, str] | None = None) -> str:
    if not ids:
        return "none"
    parts = []
    for item in ids:
        where = (paths or {}).get(item)
        parts.append(f"{_code(item)} (at {_code(where)})" if where else _code(item))
    return ", ".join(parts)


def _finding(number: int, finding: Finding, result: RequirementResult, paths: dict[str, str]) -> list[str]:
    head = f"{number}. **{_status(finding.status, finding.grade)}**, rule {_code(finding.rule)}"
    if result.requirement.unconfirmed:
        head += f" · *{UNCONFIRMED}*"
    lines = [head]
    if finding.subjects:
        lines.append(f"   - Elements at fault: {_ids(finding.subjects, paths)}")
    lines.append(f"   - Reason: {escape_text(sentence(finding.reason))}")
    if finding.fix:
        lines.append(f"   - Suggested fix: {escape_text(sentence(finding.fix))}")
    lines.append(f"   - Evidence consulted: {_ids(finding.evidence)}")
    return lines


def _requirement_findings(result: RequirementResult, paths: dict[str, str]) -> list[str]:
    req = result.requirement
    unconfirmed = f" · *{UNCONFIRMED}*" if req.unconfirmed else ""
    lines = [
        f"### {escape_text(req.clause)} {escape_text(req.title)}",
        "",
        (
            f"**{_status(result.status, result.grade)}** · requirement {_code(req.id)} · "
            f"theme {escape_text(theme_label(req.theme))} · {plural(len(result.findings), 'finding')}{unconfirmed}"
        ),
        "",
        f"> {escape_text(' '.join(req.summary.split()))}",
        "",
    ]
    if result.note:
        lines += [f"Note: {escape_text(sentence(result.note))}", ""]
    if result.evidence:
        lines += [f"Evidence recorded for this clause: {_ids(result.evidence)}", ""]
    for number, finding in enumerate(result.findings, start=1):
        lines += _finding(number, finding, result, paths)
    lines.append("")
    return lines


def _note(result: RequirementResult) -> str:
    """The note column of a requirement: the wording mark, then the note."""
    parts = [f"*{UNCONFIRMED}*"] if result.requirement.unconfirmed else []
    if result.note.strip():
        parts.append(escape_cell(result.note))
    return "; ".join(parts)


def render_markdown(assessment: Assessment, *, source: str | None = None) -> str:
    """The Markdown report of ``assessment``; ``source`` names the organization file in the heading."""
    results = ordered_results(assessment)
    paths = dict(assessment.element_paths)
    lines = [
        f"# ISO 9001 leadership assessment: {escape_text(assessment.organization)}",
        "",
        f"- **Edition:** {escape_text(assessment.edition_title)} ({_code(assessment.edition)})",
        f"- **As of:** {assessment.as_of.isoformat()}",
        f"- **Score:** {escape_text(score_line(assessment, prefix=''))}",
    ]
    if source is not None:
        lines.append(f"- **Organization file:** {_code(source)}")
    lines += ["", "## Summary", "", *_summary_table(assessment, results), ""]
    warnings = [sentence(warning) for warning in assessment.warnings if warning.strip()]
    if warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {escape_text(warning)}" for warning in warnings]
        lines.append("")
    themes = {t.group: theme_label(t.group) for t in assessment.by_theme()}
    lines += ["## By theme", "", *_group_table("Theme", assessment.by_theme(), themes), ""]
    clauses = {c.group: clause_title(c.group) for c in clause_groups(assessment)}
    lines += ["## By clause", "", *_group_table("Clause", clause_groups(assessment), clauses), ""]
    lines += [f"{escape_text(legend())}. {escape_text(SCORE_NOTE)}", ""]
    if any(r.requirement.unconfirmed for r in results):
        lines += [f"*{UNCONFIRMED}*: {escape_text(UNCONFIRMED_MEANING)}.", ""]
    lines += ["## Findings", ""]
    with_findings = [r for r in results if r.findings]
    if not with_findings:
        lines += ["No findings: every requirement conforms, is not applicable or was not assessed.", ""]
    for result in with_findings:
        lines += _requirement_findings(result, paths)
    lines += ["## All requirements", ""]
    rows = [
        [
            escape_cell(r.requirement.clause),
            _code(r.requirement.id, cell=True),
            escape_cell(r.requirement.title),
            _status(r.status, r.grade),
            _note(r),
        ]
        for r in results
    ]
    lines += _table(["Clause", "Requirement", "Title", "Status", "Note"], ["left"] * 5, rows)
    lines += ["", f"*Generated by {TOOL_NAME} {escape_text(tool_version())}.*", ""]
    return "\n".join(lines)
