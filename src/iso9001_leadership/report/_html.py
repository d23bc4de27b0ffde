"""The HTML report: one self-contained page, readable on screen and on paper.

No scripts, no fonts, images or style sheets from elsewhere: everything is inline, and a
Content-Security-Policy forbids the page to fetch anything. Every status is written in words
beside its icon, so nothing depends on colour (and the print style drops colour altogether).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

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
    score_basis,
    sentence,
    short,
    theme_label,
    tool_version,
)

__all__ = ["render_html"]

_CSS = """
:root {
  --ink: #1d2433; --muted: #5b6474; --line: #d9dee7; --paper: #ffffff; --wash: #f5f7fa; --accent: #1f4e8c;
  --nc: #a61b1b; --nc-bg: #fdecec; --ne: #8a4b00; --ne-bg: #fff4e0; --ob: #1d4f91; --ob-bg: #e8f1fc;
  --op: #5b3a9e; --op-bg: #f1ecfb; --ok: #17663a; --ok-bg: #e6f5ec; --na: #4b5563; --na-bg: #eef0f3;
}
* { box-sizing: border-box; }
html { background: var(--wash); }
body {
  margin: 0 auto; max-width: 1100px; padding: 28px 32px 48px; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
}
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.75rem; margin: 0.1rem 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 0; }
code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  background: var(--wash); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.25em; overflow-wrap: anywhere; }
a { color: var(--accent); }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; color: var(--muted); font-weight: 600; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; background: var(--paper); }
.summary-card { display: grid; grid-template-columns: 1fr auto; gap: 8px 32px; border-top: 6px solid var(--accent); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; }
.meta div { min-width: 0; }
.meta dt { font-size: 0.78rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.meta dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.score { grid-row: 1; grid-column: 2; text-align: right; min-width: 180px; }
.score-value { font-size: 3rem; font-weight: 700; line-height: 1; }
.score-max { font-size: 1.1rem; color: var(--muted); }
.score-basis { display: block; max-width: 16em; margin-left: auto; font-size: 0.82rem; color: var(--muted); }
.score-label { display: block; font-size: 0.78rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.meter { height: 10px; border: 1px solid var(--ink); border-radius: 5px; margin-top: 8px; background: var(--paper); overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--ink); }
.tally { grid-column: 1 / -1; list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.badge { display: inline-block; white-space: nowrap; border: 1px solid currentColor; border-radius: 999px;
  padding: 0.05em 0.6em; font-size: 0.86em; font-weight: 600; }
.badge .icon { display: inline-block; width: 1.1em; text-align: center; }
.st-nonconformity { color: var(--nc); background: var(--nc-bg); }
.st-nonconformity.major { color: #ffffff; background: var(--nc); border-color: var(--nc); }
.st-needs_evidence { color: var(--ne); background: var(--ne-bg); }
.st-observation { color: var(--ob); background: var(--ob-bg); }
.st-opportunity { color: var(--op); background: var(--op-bg); }
.st-conforms { color: var(--ok); background: var(--ok-bg); }
.st-not_applicable { color: var(--na); background: var(--na-bg); border-style: dashed; }
.st-not_assessed { color: var(--na); background: transparent; border-style: dotted; }
nav.toc { margin: 16px 0 0; font-size: 0.92rem; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 0; padding: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 0 0 22px; }
table.narrow { width: auto; min-width: 420px; }
caption { text-align: left; font-weight: 700; padding: 0 0 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #a0a7b4; }
tfoot td, tfoot th { border-top: 2px solid var(--ink); border-bottom: 0; font-weight: 700; }
.groups td:first-child, .groups th:first-child { white-space: nowrap; }
article.requirement { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 0 0 14px; }
article.requirement.sev-nonconformity { border-left-color: var(--nc); }
article.requirement.sev-needs_evidence { border-left-color: var(--ne); }
article.requirement.sev-observation { border-left-color: var(--ob); }
article.requirement.sev-opportunity { border-left-color: var(--op); }
.req-head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.req-summary { margin: 6px 0 0; }
.legend { color: var(--muted); font-size: 0.84rem; margin: -10px 0 0; }
abbr { text-decoration: none; }
.req-meta { margin: 4px 0 10px; color: var(--muted); font-size: 0.88rem; }
.finding { border-top: 1px dashed var(--line); padding: 10px 0 2px; }
.finding-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; margin-bottom: 6px; }
.finding dl { display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; margin: 0; }
.finding dt { color: var(--muted); font-weight: 600; }
.finding dd { margin: 0; }
.note { background: var(--wash); border-radius: 4px; padding: 6px 10px; margin: 0 0 8px; }
.unconfirmed { font-style: italic; font-size: 0.86em; white-space: nowrap; color: var(--muted); border-bottom: 1px dotted currentColor; }
.warnings { border-left: 6px solid var(--ne); background: var(--ne-bg); border-radius: 6px; margin: 0; padding: 10px 18px 10px 36px; }
.warnings li { margin: 2px 0; }
.muted { color: var(--muted); }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.82rem; }
@media (max-width: 760px) {
  body { padding: 16px; }
  .summary-card { grid-template-columns: 1fr; }
  table.narrow { min-width: 0; width: 100%; }
  .score { grid-row: auto; grid-column: auto; text-align: left; }
  .score-basis { margin-left: 0; }
  .finding dl { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 10pt; color: #000000; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  .card, article.requirement { border-color: #000000; }
  .summary-card { border-top-color: #000000; }
  .warnings { background: transparent; border-left-color: #000000; }
  .badge, .st-nonconformity.major { color: #000000 !important; background: transparent !important; border-color: #000000 !important; }
  .st-nonconformity.major { border-width: 2px; }
  .meter span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  article.requirement { border-left-color: #000000 !important; break-inside: avoid; }
  .finding, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  code { background: transparent; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _badge(status: Status, grade: Grade | None = None, text: str | None = None) -> str:
    classes = f"badge st-{status.value}"
    if status is Status.NONCONFORMITY and grade is Grade.MAJOR:
        classes += " major"
    words = text if text is not None else status_text(status, grade)
    return f'<span class="{classes}"><span class="icon" aria-hidden="true">{_e(icon(status))}</span> {_e(words)}</span>'


def _unconfirmed(result: RequirementResult) -> str:
    """The mark of a requirement whose wording is not confirmed, with its meaning on hover; empty otherwise."""
    if not result.requirement.unconfirmed:
        return ""
    return f'<span class="unconfirmed" title="{_e(UNCONFIRMED_MEANING)}">{_e(UNCONFIRMED)}</span>'


def _after(separator: str, text: str) -> str:
    """``text`` after ``separator``, or nothing when there is no text."""
    return separator + text if text else ""


def _score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


def _anchor(result: RequirementResult) -> str:
    return "req-" + "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in result.requirement.id)


def _code(text: str) -> str:
    return f"<code>{_e(text)}</code>"


def _ids(ids: Sequence[str], paths: dict[str, str] | None = None) -> str:
    if not ids:
        return '<span class="muted">none</span>'
    parts = []
    for item in ids:
        where = (paths or {}).get(item)
        parts.append(f'{_code(item)} <span class="muted">at {_code(where)}</span>' if where else _code(item))
    return ", ".join(parts)


def _header(assessment: Assessment, results: Sequence[RequirementResult], source: str | None) -> list[str]:
    summary = assessment.summary()
    grades = grade_counts(results)
    score = assessment.score
    meta = [
        ("Edition", _e(assessment.edition_title)),
        ("As of", f'<time datetime="{assessment.as_of.isoformat()}">{assessment.as_of.isoformat()}</time>'),
        ("Requirements", str(summary.total)),
    ]
    if source is not None:
        meta.append(("Organization file", _code(source)))
    if assessment.examined:
        value = f'<span class="score-value">{score:.1f}</span> <span class="score-max">/ 100</span>'
        meter = (
            f'    <div class="meter" role="img" aria-label="Score {score:.1f} out of 100">'
            f'<span style="width: {max(0.0, min(score, 100.0)):.1f}%"></span></div>'
        )
    else:
        value = '<span class="score-value">n/a</span>'
        meter = '    <div class="meter" role="img" aria-label="No score: no requirement examined"><span style="width: 0.0%"></span></div>'
    tally = []
    for status in STATUS_ORDER:
        count = summary.counts.get(status.value, 0)
        words = f"{status.label}: {count}"
        if status is Status.NONCONFORMITY and grade_split(grades):
            words += f" ({grade_split(grades)})"
        grade = Grade.MAJOR if status is Status.NONCONFORMITY and grades["major"] else None
        tally.append(f"    <li>{_badge(status, grade, words)}</li>")
    return [
        '<header class="card summary-card" aria-labelledby="title">',
        "  <div>",
        '    <p class="eyebrow">ISO 9001 leadership assessment</p>',
        f'    <h1 id="title">{_e(assessment.organization)}</h1>',
        '    <dl class="meta">',
        *(f"      <div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in meta),
        "    </dl>",
        "  </div>",
        '  <div class="score">',
        '    <span class="score-label">Score</span>',
        f"    {value}",
        meter,
        f'    <span class="score-basis">{_e(score_basis(assessment))}</span>',
        "  </div>",
        '  <ul class="tally" aria-label="Requirements by status">',
        *tally,
        "  </ul>",
        "</header>",
    ]


def _status_table(assessment: Assessment, results: Sequence[RequirementResult]) -> list[str]:
    summary = assessment.summary()
    grades = grade_counts(results)
    rows = []
    for status in STATUS_ORDER:
        count = summary.counts.get(status.value, 0)
        detail = grade_split(grades) if status is Status.NONCONFORMITY else ""
        rows.append(
            f'      <tr><th scope="row">{_badge(status)}</th><td class="num">{count}</td>'
            f'<td class="muted">{_e(detail)}</td></tr>'
        )
    return [
        '  <table class="narrow">',
        "    <caption>Requirements by status</caption>",
        (
            '    <thead><tr><th scope="col">Status</th><th scope="col" class="num">Requirements</th>'
            '<th scope="col">Grades</th></tr></thead>'
        ),
        "    <tbody>",
        *rows,
        "    </tbody>",
        f'    <tfoot><tr><th scope="row">Total</th><td class="num">{summary.total}</td><td></td></tr></tfoot>',
        "  </table>",
    ]


def _group_table(caption: str, title: str, groups: Sequence[Summary], label: dict[str, str]) -> list[str]:
    heads = "".join(
        f'<th scope="col" class="num"><abbr title="{_e(s.label)}"><span aria-hidden="true">{_e(icon(s))}</span> '
        f"{_e(short(s))}</abbr></th>"
        for s in STATUS_ORDER
    )
    rows = []
    for g in groups:
        cells = "".join(
            f'<td class="num{" zero" if not g.counts.get(s.value, 0) else ""}">{g.counts.get(s.value, 0)}</td>'
            for s in STATUS_ORDER
        )
        rows.append(
            f'      <tr><th scope="row">{_e(label.get(g.group, g.group))}</th>'
            f'<td class="num">{_score(g.score)}</td>{cells}<td class="num">{g.total}</td></tr>'
        )
    return [
        '  <table class="groups">',
        f"    <caption>{_e(caption)}</caption>",
        (
            f'    <thead><tr><th scope="col">{_e(title)}</th><th scope="col" class="num">Score</th>{heads}'
            '<th scope="col" class="num">Total</th></tr></thead>'
        ),
        "    <tbody>",
        *rows,
        "    </tbody>",
        "  </table>",
    ]


def _finding(number: int, finding: Finding, result: RequirementResult, paths: dict[str, str]) -> list[str]:
    rows = []
    if finding.subjects:
        rows.append(("Elements at fault", _ids(finding.subjects, paths)))
    rows.append(("Reason", _e(sentence(finding.reason))))
    if finding.fix:
        rows.append(("Suggested fix", _e(sentence(finding.fix))))
    rows.append(("Evidence consulted", _ids(finding.evidence)))
    return [
        '    <div class="finding">',
        (
            '      <div class="finding-head">'
            f"<strong>Finding {number}</strong> {_badge(finding.status, finding.grade)} "
            f'<span class="muted">rule {_code(finding.rule)}</span>{_after(" ", _unconfirmed(result))}</div>'
        ),
        "      <dl>",
        *(f"        <dt>{name}</dt><dd>{value}</dd>" for name, value in rows),
        "      </dl>",
        "    </div>",
    ]


def _requirement(result: RequirementResult, paths: dict[str, str]) -> list[str]:
    req = result.requirement
    lines = [
        f'  <article class="requirement sev-{result.status.value}" id="{_anchor(result)}">',
        '    <div class="req-head">',
        f"      <h3>{_e(req.clause)} {_e(req.title)}</h3>",
        f"      {_badge(result.status, result.grade)}",
        "    </div>",
        f'    <p class="req-summary">{_e(" ".join(req.summary.split()))}</p>',
        (
            f'    <p class="req-meta">Requirement {_code(req.id)} · theme {_e(theme_label(req.theme))} · '
            f"{plural(len(result.findings), 'finding')}{_after(' · ', _unconfirmed(result))}</p>"
        ),
    ]
    if result.note:
        lines.append(f'    <p class="note"><strong>Note:</strong> {_e(sentence(result.note))}</p>')
    if result.evidence:
        lines.append(f'    <p class="req-meta">Evidence recorded for this clause: {_ids(result.evidence)}</p>')
    for number, finding in enumerate(result.findings, start=1):
        lines += _finding(number, finding, result, paths)
    lines.append("  </article>")
    return lines


def _all_requirements(results: Sequence[RequirementResult]) -> list[str]:
    rows = []
    for r in results:
        clause = _e(r.requirement.clause)
        if r.findings:
            clause = f'<a href="#{_anchor(r)}">{clause}</a>'
        note = "; ".join(part for part in (_unconfirmed(r), _e(r.note) if r.note else "") if part)
        rows.append(
            f'      <tr><th scope="row">{clause}</th><td>{_code(r.requirement.id)}</td>'
            f"<td>{_e(r.requirement.title)}</td><td>{_badge(r.status, r.grade)}</td><td>{note}</td></tr>"
        )
    return [
        "  <table>",
        "    <caption>Every requirement assessed, in clause order</caption>",
        (
            '    <thead><tr><th scope="col">Clause</th><th scope="col">Requirement</th><th scope="col">Title</th>'
            '<th scope="col">Status</th><th scope="col">Note</th></tr></thead>'
        ),
        "    <tbody>",
        *rows,
        "    </tbody>",
        "  </table>",
    ]


def _section(id: str, title: str, body: Iterable[str]) -> list[str]:
    return [
        f'<section id="{id}" aria-labelledby="{id}-title">',
        f'  <h2 id="{id}-title">{_e(title)}</h2>',
        *body,
        "</section>",
    ]


def render_html(assessment: Assessment, *, source: str | None = None) -> str:
    """The HTML report of ``assessment``: one page, inline CSS, no scripts, nothing fetched."""
    results = ordered_results(assessment)
    paths = dict(assessment.element_paths)
    title = f"ISO 9001 leadership assessment: {assessment.organization}"
    themes = {t.group: theme_label(t.group) for t in assessment.by_theme()}
    clauses = {c.group: clause_title(c.group) for c in clause_groups(assessment)}
    with_findings = [r for r in results if r.findings]
    findings: list[str] = []
    if not with_findings:
        findings.append(
            '  <p class="muted">No findings: every requirement conforms, is not applicable or was not assessed.</p>'
        )
    else:
        count = sum(len(r.findings) for r in with_findings)
        findings.append(
            f'  <p class="muted">{plural(count, "finding")} under {plural(len(with_findings), "requirement")}, '
            "in clause order.</p>"
        )
    for result in with_findings:
        findings += _requirement(result, paths)
    legends = [f'  <p class="legend">{_e(legend())}. {_e(SCORE_NOTE)}</p>']
    if any(r.requirement.unconfirmed for r in results):
        legends.append(
            f'  <p class="legend"><span class="unconfirmed">{_e(UNCONFIRMED)}</span>: {_e(UNCONFIRMED_MEANING)}.</p>'
        )
    warnings = [f"    <li>{_e(sentence(w))}</li>" for w in assessment.warnings if w.strip()]
    toc = ['<li><a href="#summary">Summary</a></li>']
    if warnings:
        toc.append('<li><a href="#warnings">Warnings</a></li>')
    toc += ['<li><a href="#findings">Findings</a></li>', '<li><a href="#requirements">All requirements</a></li>']
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="{_e(TOOL_NAME)} {_e(tool_version())}">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *_header(assessment, results, source),
        f'<nav class="toc" aria-label="Contents"><ol>{"".join(toc)}</ol></nav>',
        "<main>",
        *_section(
            "summary",
            "Summary",
            [
                *_status_table(assessment, results),
                *_group_table("By theme", "Theme", assessment.by_theme(), themes),
                *_group_table("By clause", "Clause", clause_groups(assessment), clauses),
                *legends,
            ],
        ),
        *(_section("warnings", "Warnings", ['  <ul class="warnings">', *warnings, "  </ul>"]) if warnings else []),
        *_section("findings", "Findings", findings),
        *_section("requirements", "All requirements", _all_requirements(results)),
        "</main>",
        (
            f"<footer>Generated by {_e(TOOL_NAME)} {_e(tool_version())} from the assessment of "
            f"{_e(assessment.organization)} as of {assessment.as_of.isoformat()}.</footer>"
        ),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)
