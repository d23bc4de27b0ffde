"""Rich HTML for notebooks: the ``_repr_html_`` of an organization, an assessment and a gap list.

Each function returns one self-contained ``<div>``: no scripts, no style sheets, no fonts or
images from elsewhere, only small inline styles, so it reads the same in Jupyter, VS Code and a
saved notebook on GitHub. Every piece of text from the organization is escaped. A status is
always written in words beside its colour, so nothing depends on colour alone.

The public doors are :func:`iso9001_leadership.notebook.gaps` (a :class:`GapList` shows itself
with :func:`gaps_html`) and the ``_repr_html_`` methods of ``Organization`` and ``Assessment``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from iso9001_leadership.assessment import Assessment, Finding, Grade, Status, Summary
from iso9001_leadership.model import EntityKind, Organization
from iso9001_leadership.queries import Gap

__all__ = ["MAX_ROWS", "assessment_html", "gaps_html", "organization_html"]

#: Rows a table shows before it says how many more there are.
MAX_ROWS = 50

_BOX = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;line-height:1.45;max-width:1100px"
)
_H = "margin:0 0 4px;font-size:15px;font-weight:600"
_MUTED = "opacity:0.75"
_TABLE = "border-collapse:collapse;margin:6px 0 10px;font-size:12px"
_TH = "text-align:left;padding:2px 6px;border-bottom:2px solid currentColor"
_TH_NUM = "text-align:right;padding:2px 6px;border-bottom:2px solid currentColor"
_TD = "text-align:left;vertical-align:top;padding:2px 6px;border-bottom:1px solid #8885"
_NUM = "text-align:right;vertical-align:top;padding:2px 6px;border-bottom:1px solid #8885"
_CODE = "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.95em"

#: Foreground and background per status, readable on light and dark notebook themes alike.
_COLOURS = {
    Status.NONCONFORMITY: ("#ffffff", "#a61b1b"),
    Status.NEEDS_EVIDENCE: ("#4a2a00", "#ffd79a"),
    Status.OBSERVATION: ("#0f2f5c", "#c9defa"),
    Status.OPPORTUNITY: ("#34206b", "#ddd2f7"),
    Status.CONFORMS: ("#0d3d22", "#bfe8cf"),
    Status.NOT_APPLICABLE: ("#2b3038", "#dfe3e8"),
}
_FAULT = ("#ffffff", "#a61b1b")

#: Statuses worst first, the order of every count.
_ORDER = (
    Status.NONCONFORMITY,
    Status.NEEDS_EVIDENCE,
    Status.OBSERVATION,
    Status.OPPORTUNITY,
    Status.CONFORMS,
    Status.NOT_APPLICABLE,
)

#: How each kind of element is counted in an organization's summary, in file order.
_KIND_NAMES: tuple[tuple[EntityKind, str, str], ...] = (
    (EntityKind.ROLE, "role", "roles"),
    (EntityKind.PERSON, "person", "people"),
    (EntityKind.AUTHORITY, "authority", "authorities"),
    (EntityKind.RESPONSIBILITY, "responsibility", "responsibilities"),
    (EntityKind.PROCESS, "process", "processes"),
    (EntityKind.COMMITMENT, "policy commitment", "policy commitments"),
    (EntityKind.OBJECTIVE, "quality objective", "quality objectives"),
    (EntityKind.CONTEXT_ISSUE, "context issue", "context issues"),
    (EntityKind.INTERESTED_PARTY, "interested party", "interested parties"),
    (EntityKind.PARTY_REQUIREMENT, "party requirement", "party requirements"),
    (EntityKind.RISK, "risk", "risks"),
    (EntityKind.OPPORTUNITY, "opportunity", "opportunities"),
    (EntityKind.ACTION, "action", "actions"),
    (EntityKind.COMMUNICATION, "communication", "communications"),
    (EntityKind.REVIEW, "management review", "management reviews"),
    (EntityKind.RESOURCE, "resource", "resources"),
    (EntityKind.EVIDENCE, "evidence record", "evidence records"),
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _code(text: str) -> str:
    return f'<code style="{_CODE}">{_e(text)}</code>'


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(_code(i) for i in ids) or "&mdash;"


def _badge(text: str, colours: tuple[str, str]) -> str:
    fg, bg = colours
    style = f"display:inline-block;white-space:nowrap;padding:0 6px;border-radius:8px;color:{fg};background:{bg}"
    return f'<span style="{style}">{_e(text)}</span>'


def _status_badge(status: Status, grade: Grade | None = None) -> str:
    text = status.label if grade is None else f"{grade.value} {status.label}"
    return _badge(text, _COLOURS[status])


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Iterable[int] = ()) -> str:
    """A table of cells that are already HTML; columns listed in ``numeric`` align right."""
    right = set(numeric)
    head = "".join(f'<th style="{_TH_NUM if i in right else _TH}">{_e(h)}</th>' for i, h in enumerate(headers))
    shown = rows[:MAX_ROWS]
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{_NUM if i in right else _TD}">{cell}</td>' for i, cell in enumerate(row))
        + "</tr>"
        for row in shown
    )
    more = ""
    if len(rows) > len(shown):
        more = f'<p style="{_MUTED};margin:0 0 10px">&hellip; and {len(rows) - len(shown)} more</p>'
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def _heading(text: str) -> str:
    return f'<p style="{_H}">{text}</p>'


def _line(label: str, text: str) -> str:
    return f'<p style="margin:2px 0"><b>{_e(label)}:</b> {text}</p>'


# -- organization -----------------------------------------------------------------------------


def organization_html(org: Organization) -> str:
    """An organization at a glance: counts by kind, top management, the policy, the processes.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Process, Role
    >>> org = Organization(name="Acme <Pumps>", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="sales", name="Sales"),))
    >>> page = organization_html(org)
    >>> "Acme &lt;Pumps&gt;" in page, "no owner" in page
    (True, True)
    """
    parts = [f'<div class="iso9001-organization" style="{_BOX}">', _heading(f"Organization: {_e(org.name)}")]
    if org.scope:
        parts.append(f'<p style="margin:2px 0;{_MUTED}">{_e(org.scope)}</p>')
    counts = [_count(len(org.ids(kind)), one, many) for kind, one, many in _KIND_NAMES if org.ids(kind)]
    parts.append(_line("Elements", _e(" · ".join(counts)) if counts else "none"))
    tops = ", ".join(f"{_e(r.title)} ({_code(r.id)})" for r in org.top_management)
    parts.append(_line("Top management", tops or _badge("none designated", _FAULT)))
    policy = org.policy
    if policy is None:
        parts.append(_line("Quality policy", _badge("none", _FAULT)))
    else:
        version = f" version {_e(policy.version)}" if policy.version else ""
        approved = f", approved {policy.approved_on.isoformat()}" if policy.approved_on else ", not approved"
        commitments = _count(len(policy.commitments), "commitment", "commitments")
        parts.append(_line("Quality policy", f"{_code(policy.id)}{version}{approved}, {commitments}"))
    if org.processes:
        titles = {r.id: r.title for r in org.roles}
        rows = [
            [
                _code(p.id),
                _e(p.name),
                _e(p.category.value),
                f"{_e(titles[p.owner])} ({_code(p.owner)})" if p.owner else _badge("no owner", _FAULT),
            ]
            for p in org.processes
        ]
        parts.append(_table(["process", "name", "category", "owner"], rows))
    parts.append("</div>")
    return "".join(parts)


# -- assessment -------------------------------------------------------------------------------


def _summary_rows(summaries: Sequence[Summary], name: Iterable[str]) -> list[list[str]]:
    return [
        [
            _e(label),
            str(s.total),
            *(str(s.counts.get(status.value, 0)) for status in _ORDER),
            "&mdash;" if s.score is None else f"{s.score:.1f}",
        ]
        for label, s in zip(name, summaries, strict=True)
    ]


def _summary_table(first: str, summaries: Sequence[Summary], names: Iterable[str]) -> str:
    headers = [first, "requirements", *(status.label for status in _ORDER), "score"]
    return _table(headers, _summary_rows(summaries, names), numeric=range(1, len(headers)))


def _finding_row(finding: Finding, paths: dict[str, str]) -> list[str]:
    subjects = ", ".join(
        _code(s) + (f' <span style="{_MUTED}">({_e(paths[s])})</span>' if s in paths else "") for s in finding.subjects
    )
    return [
        _e(finding.clause),
        _status_badge(finding.status, finding.grade),
        _code(finding.rule),
        subjects or "&mdash;",
        _e(finding.reason),
        _e(finding.fix),
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
        f'<div class="iso9001-assessment" style="{_BOX}">',
        _heading(f"Assessment of {_e(a.organization)}"),
        (
            f'<p style="margin:2px 0">{_e(a.edition_title)} · as of {a.as_of.isoformat()} · '
            f"score <b>{a.score:.1f}</b> / 100 · {_count(summary.total, 'requirement', 'requirements')}</p>"
        ),
    ]
    majors = sum(1 for r in a.results if r.status is Status.NONCONFORMITY and r.grade is Grade.MAJOR)
    badges = []
    for status in _ORDER:
        n = summary.counts.get(status.value, 0)
        if n:
            extra = f" ({majors} major)" if status is Status.NONCONFORMITY and majors else ""
            badges.append(_badge(f"{status.label}: {n}{extra}", _COLOURS[status]))
    parts.append(f'<p style="margin:4px 0">{" ".join(badges)}</p>')
    clauses = a.by_clause()
    parts.append(_summary_table("clause", clauses, (s.group for s in clauses)))
    themes = a.by_theme()
    parts.append(_summary_table("theme", themes, (s.group.replace("_", " ") for s in themes)))
    headers = ["clause", "status", "rule", "elements", "reason", "fix"]
    main = [f for f in a.findings if f.status is not Status.NEEDS_EVIDENCE]
    evidence = [f for f in a.findings if f.status is Status.NEEDS_EVIDENCE]
    parts.append(_heading(_count(len(main), "finding", "findings")))
    if main:
        parts.append(_table(headers, [_finding_row(f, paths) for f in main]))
    if evidence:
        titles = {r.requirement.id: r.requirement.title for r in a.results}
        rows = [[_e(f.clause), _e(titles.get(f.requirement, f.requirement)), _e(f.fix)] for f in evidence]
        what = _count(len(evidence), "requirement needs", "requirements need")
        parts.append(
            f'<details><summary style="cursor:pointer">{_e(what)} evidence</summary>'
            f"{_table(['clause', 'requirement', 'what to record'], rows)}</details>"
        )
    parts.append("</div>")
    return "".join(parts)


# -- gaps -------------------------------------------------------------------------------------


def gaps_html(gaps: Sequence[Gap]) -> str:
    """A table of gaps: kind, clauses, the elements at fault, the reason and the fix.

    Examples
    --------
    >>> from iso9001_leadership.queries import Gap, GapKind
    >>> gap = Gap(GapKind.PROCESS_WITHOUT_OWNER, ("sales",), ("5.3 b",), "Process 'sales' has no owner", "Name one")
    >>> "Process &#x27;sales&#x27; has no owner" in gaps_html([gap])
    True
    >>> "No gaps found" in gaps_html([])
    True
    """
    parts = [f'<div class="iso9001-gaps" style="{_BOX}">']
    if not gaps:
        parts.append(_heading(_badge("No gaps found", _COLOURS[Status.CONFORMS])))
    else:
        parts.append(_heading(_count(len(gaps), "gap", "gaps")))
        rows = [
            [
                str(number),
                _code(gap.kind.value),
                _e(", ".join(gap.clauses)),
                _ids(gap.subjects),
                _e(gap.reason),
                _e(gap.fix),
            ]
            for number, gap in enumerate(gaps, start=1)
        ]
        parts.append(_table(["#", "kind", "clauses", "elements", "reason", "fix"], rows, numeric=(0,)))
    parts.append("</div>")
    return "".join(parts)
