"""The notebook view of an assessment (its ``_repr_html_``), built from the leaf HTML kit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from iso9001_leadership._htmlkit import BOX, COLOURS, MUTED, badge, code, count, escape, heading, status_badge, table
from iso9001_leadership.findings import STATUS_ORDER, Finding, Grade, Status

if TYPE_CHECKING:  # the assessment imports this module for its repr; only the types come back
    from ._result import Assessment, Summary

__all__ = ["assessment_html"]


def _summary_rows(summaries: Sequence[Summary], name: Iterable[str]) -> list[list[str]]:
    return [
        [
            escape(label),
            str(s.total),
            *(str(s.counts.get(status.value, 0)) for status in STATUS_ORDER),
            "&mdash;" if s.score is None else f"{s.score:.1f}",
        ]
        for label, s in zip(name, summaries, strict=True)
    ]


def _summary_table(first: str, summaries: Sequence[Summary], names: Iterable[str]) -> str:
    headers = [first, "requirements", *(status.label for status in STATUS_ORDER), "score"]
    return table(headers, _summary_rows(summaries, names), numeric=range(1, len(headers)))


def _finding_row(finding: Finding, paths: dict[str, str]) -> list[str]:
    subjects = ", ".join(
        code(s) + (f' <span style="{MUTED}">({escape(paths[s])})</span>' if s in paths else "")
        for s in finding.subjects
    )
    return [
        escape(finding.clause),
        status_badge(finding.status, finding.grade),
        code(finding.rule),
        subjects or "&mdash;",
        escape(finding.reason),
        escape(finding.fix),
    ]


def assessment_html(assessment: Assessment) -> str:
    """An assessment at a glance: score, counts, tables by clause and theme, the findings.

    Findings that only ask for evidence go into a folded section below the others.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> page = assessment_html(assess(org, as_of=dt.date(2026, 11, 24)))
    >>> page.startswith('<div class="iso9001-assessment"'), "nonconformity" in page
    (True, True)
    """
    a = assessment
    summary = a.summary()
    paths = dict(a.element_paths)
    parts = [
        f'<div class="iso9001-assessment" style="{BOX}">',
        heading(f"Assessment of {escape(a.organization)}"),
        (
            f'<p style="margin:2px 0">{escape(a.edition_title)} · as of {a.as_of.isoformat()} · '
            f"score <b>{a.score:.1f}</b> / 100 · {count(summary.total, 'requirement', 'requirements')}</p>"
        ),
    ]
    majors = sum(1 for r in a.results if r.status is Status.NONCONFORMITY and r.grade is Grade.MAJOR)
    badges = []
    for status in STATUS_ORDER:
        n = summary.counts.get(status.value, 0)
        if n:
            extra = f" ({majors} major)" if status is Status.NONCONFORMITY and majors else ""
            badges.append(badge(f"{status.label}: {n}{extra}", COLOURS[status]))
    parts.append(f'<p style="margin:4px 0">{" ".join(badges)}</p>')
    clauses = a.by_clause()
    parts.append(_summary_table("clause", clauses, (s.group for s in clauses)))
    themes = a.by_theme()
    parts.append(_summary_table("theme", themes, (s.group.replace("_", " ") for s in themes)))
    headers = ["clause", "status", "rule", "elements", "reason", "fix"]
    main = [f for f in a.findings if f.status is not Status.NEEDS_EVIDENCE]
    evidence = [f for f in a.findings if f.status is Status.NEEDS_EVIDENCE]
    parts.append(heading(count(len(main), "finding", "findings")))
    if main:
        parts.append(table(headers, [_finding_row(f, paths) for f in main]))
    if evidence:
        titles = {r.requirement.id: r.requirement.title for r in a.results}
        rows = [[escape(f.clause), escape(titles.get(f.requirement, f.requirement)), escape(f.fix)] for f in evidence]
        what = count(len(evidence), "requirement needs", "requirements need")
        parts.append(
            f'<details><summary style="cursor:pointer">{escape(what)} evidence</summary>'
            f"{table(['clause', 'requirement', 'what to record'], rows)}</details>"
        )
    parts.append("</div>")
    return "".join(parts)
