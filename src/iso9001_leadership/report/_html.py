"""The HTML report: one self-contained page for management, readable on screen and on paper.

The page opens with an executive summary (a verdict, the findings by severity, what to do
first, and how the score is worked out), then the findings worst first, then the tables and
every requirement. Elements are named as the organization knows them, with their ids beside.

No scripts, no fonts, images or style sheets from elsewhere: everything is inline (a logo is a
``data:`` URI), and a Content-Security-Policy forbids the page to fetch anything. Every status
is written in words beside its icon, so nothing depends on colour (and the print style drops
colour altogether).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from iso9001_leadership._names import plural
from iso9001_leadership.assessment import POINTS, Assessment, RequirementResult, Summary
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
from ._logo import Logo

__all__ = ["DEFAULT_TITLE", "TOP_ACTIONS", "render_html"]

#: The report's title when none is given.
DEFAULT_TITLE = "ISO 9001 leadership assessment"

#: How many actions the executive summary lists under "What to do first".
TOP_ACTIONS = 5

#: Names longer than this are cut (at a word) where the page shows them.
_NAME_LIMIT = 100

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
h1, h2, h3, h4 { line-height: 1.25; }
h1 { font-size: 1.75rem; margin: 0.1rem 0 0.8rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.6rem; }
h4 { font-size: 1.02rem; margin: 0; }
code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  background: var(--wash); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.25em; overflow-wrap: anywhere; }
a { color: var(--accent); }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; color: var(--muted); font-weight: 600; }
.logo { display: block; height: 56px; width: auto; max-width: 100%; object-fit: contain; object-position: left center; margin: 0 0 12px; }
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
.score-link { display: block; margin-top: 4px; font-size: 0.82rem; }
.score-label { display: block; font-size: 0.78rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.meter { height: 10px; border: 1px solid var(--ink); border-radius: 5px; margin-top: 8px; background: var(--paper); overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--ink); }
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
.executive h2 { margin-top: 1.6rem; }
.verdict { font-size: 1.08rem; font-weight: 600; margin: 0 0 14px; padding: 10px 14px; border-left: 6px solid var(--accent); background: var(--wash); }
.verdict.sev-major, .verdict.sev-minor { border-left-color: var(--nc); }
.verdict.sev-needs_evidence { border-left-color: var(--ne); }
.verdict.sev-ok { border-left-color: var(--ok); }
.severity { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; }
.severity li { border: 1px solid var(--line); border-top: 4px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.severity li.sev-major, .severity li.sev-minor { border-top-color: var(--nc); }
.severity li.sev-observation { border-top-color: var(--ob); }
.severity li.sev-opportunity { border-top-color: var(--op); }
.severity li.sev-needs_evidence { border-top-color: var(--ne); }
.severity li.none { color: var(--muted); }
.sev-count { display: block; font-size: 1.7rem; font-weight: 700; line-height: 1.1; }
.sev-label { display: block; font-weight: 600; font-size: 0.9rem; }
.sev-note { display: block; font-size: 0.8rem; color: var(--muted); }
ol.actions { margin: 0; padding-left: 1.6em; }
ol.actions li { margin: 0 0 8px; padding-left: 0.2em; }
.action-what { margin-left: 0.3em; }
.action-where { display: block; font-size: 0.86rem; color: var(--muted); }
.score-explained p { margin: 0 0 8px; max-width: 46em; }
.score-explained table { margin: 4px 0 10px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 0 0 22px; }
table.narrow, table.points { width: auto; min-width: 420px; }
table.points { min-width: 360px; }
caption { text-align: left; font-weight: 700; padding: 0 0 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero, tr.zero td { color: #a0a7b4; }
tfoot td, tfoot th { border-top: 2px solid var(--ink); border-bottom: 0; font-weight: 700; }
.groups td:first-child, .groups th:first-child { white-space: nowrap; }
h3.group { display: flex; align-items: baseline; gap: 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
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
.element-id { color: var(--muted); font-size: 0.9em; }
.note { background: var(--wash); border-radius: 4px; padding: 6px 10px; margin: 0 0 8px; }
.unconfirmed { font-style: italic; font-size: 0.86em; white-space: nowrap; color: var(--muted); border-bottom: 1px dotted currentColor; }
.warnings { border-left: 6px solid var(--ne); background: var(--ne-bg); border-radius: 6px; margin: 0; padding: 10px 18px 10px 36px; }
.warnings li { margin: 2px 0; }
.muted { color: var(--muted); }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.82rem; }
@media screen and (max-width: 760px) {
  body { padding: 16px; }
  .summary-card { grid-template-columns: 1fr; }
  .severity { grid-template-columns: repeat(2, 1fr); }
  table.narrow, table.points { min-width: 0; width: 100%; }
  .score { grid-row: auto; grid-column: auto; text-align: left; }
  .score-basis { margin-left: 0; }
  .finding dl { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 10pt; color: #000000; }
  nav.toc, .score-link { display: none; }
  a { color: inherit; text-decoration: none; }
  .card, article.requirement, .severity li { border-color: #000000; }
  .card { padding: 12px 16px; }
  h2 { margin-top: 1.2rem; }
  .verdict { font-size: 1rem; }
  .severity li { padding: 4px 8px; }
  .sev-count { font-size: 1.4rem; }
  .summary-card, .severity li { border-top-color: #000000 !important; }
  .verdict { background: transparent; border-left-color: #000000 !important; }
  .warnings { background: transparent; border-left-color: #000000; }
  .badge, .st-nonconformity.major { color: #000000 !important; background: transparent !important; border-color: #000000 !important; }
  .st-nonconformity.major { border-width: 2px; }
  .meter span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  article.requirement { border-left-color: #000000 !important; }
  .finding, tr, ol.actions li, .severity, table.points, .verdict { break-inside: avoid; }
  .req-lead { break-inside: avoid; }
  #findings { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
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


def _number(value: float) -> str:
    """A number of points as people write it: ``1``, ``0.75``, ``62.5``."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _anchor(result: RequirementResult) -> str:
    return "req-" + "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in result.requirement.id)


def _code(text: str) -> str:
    return f"<code>{_e(text)}</code>"


def _cut(name: str) -> str:
    """A name on one line, cut at a word near :data:`_NAME_LIMIT` characters."""
    name = " ".join(name.split())
    if len(name) <= _NAME_LIMIT:
        return name
    cut = name[:_NAME_LIMIT].rsplit(" ", 1)[0] or name[:_NAME_LIMIT]
    return cut.rstrip(" ,;:.") + "\u2026"


# -- what the findings are grouped by --------------------------------------------------------


@attrs.frozen
class _Group:
    """A group of the findings section, and of the counts of the executive summary."""

    key: str
    heading: str
    one: str
    many: str
    matches: Callable[[Status, Grade | None], bool]


#: The groups, in the order the report shows them: nonconformities (major, then minor), then
#: observations, opportunities for improvement, and what needs evidence.
_GROUPS: tuple[_Group, ...] = (
    _Group(
        "major",
        "Major nonconformities",
        "major nonconformity",
        "major nonconformities",
        lambda s, g: s is Status.NONCONFORMITY and g is Grade.MAJOR,
    ),
    _Group(
        "minor",
        "Minor nonconformities",
        "minor nonconformity",
        "minor nonconformities",
        lambda s, g: s is Status.NONCONFORMITY and g is Grade.MINOR,
    ),
    _Group(
        "ungraded",
        "Nonconformities not graded",
        "nonconformity not graded",
        "nonconformities not graded",
        lambda s, g: s is Status.NONCONFORMITY and g is None,
    ),
    _Group("observation", "Observations", "observation", "observations", lambda s, g: s is Status.OBSERVATION),
    _Group(
        "opportunity",
        "Opportunities for improvement",
        "opportunity for improvement",
        "opportunities for improvement",
        lambda s, g: s is Status.OPPORTUNITY,
    ),
    _Group(
        "needs_evidence",
        "Needs evidence",
        "request for evidence",
        "requests for evidence",
        lambda s, g: s is Status.NEEDS_EVIDENCE,
    ),
    _Group(
        "other",
        "Other requirements with findings",
        "other finding",
        "other findings",
        lambda s, g: True,
    ),
)

#: The groups the executive summary always counts, even at zero.
_COUNTED = ("major", "minor", "observation", "opportunity", "needs_evidence")


def _rank(status: Status, grade: Grade | None) -> int:
    """Where a status stands in the report's order: the index of its group."""
    return next(i for i, group in enumerate(_GROUPS) if group.matches(status, grade))


def _group_of(status: Status, grade: Grade | None) -> _Group:
    return _GROUPS[_rank(status, grade)]


@attrs.frozen
class _Numbered:
    """A finding with its number on the page and its requirement."""

    number: int
    finding: Finding
    result: RequirementResult


def _ordered(results: Sequence[RequirementResult]) -> list[tuple[_Group, list[RequirementResult]]]:
    """The requirements with findings, by group in the report's order, in clause order within each."""
    grouped: dict[str, list[RequirementResult]] = {}
    for result in results:
        if result.findings:
            grouped.setdefault(_group_of(result.status, result.grade).key, []).append(result)
    return [(group, grouped[group.key]) for group in _GROUPS if group.key in grouped]


def _findings_of(result: RequirementResult) -> list[Finding]:
    """A requirement's findings, worst first in the report's order (stable otherwise)."""
    return sorted(result.findings, key=lambda f: _rank(f.status, f.grade))


def _numbered(groups: Sequence[tuple[_Group, list[RequirementResult]]]) -> list[_Numbered]:
    """Every finding with its number, in the order the findings section shows them."""
    numbered: list[_Numbered] = []
    for _, members in groups:
        for result in members:
            for finding in _findings_of(result):
                numbered.append(_Numbered(len(numbered) + 1, finding, result))
    return numbered


# -- elements, by name ------------------------------------------------------------------------


class _Names:
    """How the page names the elements: by the name the organization knows, with the id beside."""

    def __init__(self, assessment: Assessment) -> None:
        self.names: Mapping[str, str] = assessment.element_names
        self.paths: Mapping[str, str] = assessment.element_paths

    def one(self, item: str) -> str:
        """``Calibration of gauges (proc-calibration)``; the id alone when there is no name.

        Where the element stands in the file (``processes[3]``) is for the curious: a tooltip.
        """
        where = self.paths.get(item)
        hint = f' title="{_e(f"{where} in the organization file")}"' if where else ""
        name = self.names.get(item, "").strip()
        if not name or name == item:
            return f'<code class="element"{hint}>{_e(item)}</code>'
        return f'<span class="element"{hint}>{_e(_cut(name))} <span class="element-id">({_e(item)})</span></span>'

    def many(self, items: Sequence[str], *, limit: int | None = None) -> str:
        if not items:
            return '<span class="muted">none</span>'
        shown = items if limit is None else items[:limit]
        text = ", ".join(self.one(item) for item in shown)
        if len(items) > len(shown):
            text += f' <span class="muted">and {len(items) - len(shown)} more</span>'
        return text


# -- the header --------------------------------------------------------------------------------


def _header(assessment: Assessment, source: str | None, title: str, logo: Logo | None) -> list[str]:
    score = assessment.score
    meta = [
        ("Edition", _e(assessment.edition_title)),
        ("As of", f'<time datetime="{assessment.as_of.isoformat()}">{assessment.as_of.isoformat()}</time>'),
        ("Requirements", str(assessment.summary().total)),
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
    brand = [f'    <img class="logo" src="{logo.data_uri}" alt="">'] if logo is not None else []
    return [
        '<header class="card summary-card" aria-labelledby="title">',
        "  <div>",
        *brand,
        f'    <p class="eyebrow">{_e(title)}</p>',
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
        '    <a class="score-link" href="#score">How the score is worked out</a>',
        "  </div>",
        "</header>",
    ]


# -- the executive summary ---------------------------------------------------------------------


def _count_findings(numbered: Sequence[_Numbered]) -> dict[str, tuple[int, int]]:
    """Per group: how many findings, under how many requirements."""
    findings: dict[str, int] = {}
    requirements: dict[str, set[str]] = {}
    for item in numbered:
        key = _group_of(item.finding.status, item.finding.grade).key
        findings[key] = findings.get(key, 0) + 1
        requirements.setdefault(key, set()).add(item.result.requirement.id)
    return {key: (findings[key], len(requirements[key])) for key in findings}


def _verdict(assessment: Assessment, counts: Mapping[str, tuple[int, int]]) -> tuple[str, str]:
    """The one-line conclusion an auditor would write, and the group it is about (for its colour)."""

    def n(key: str) -> int:
        return counts.get(key, (0, 0))[0]

    group = {g.key: g for g in _GROUPS}

    def say(key: str) -> str:
        return plural(n(key), group[key].one, group[key].many)

    status = assessment.summary().counts
    needs = int(status.get(Status.NEEDS_EVIDENCE.value, 0))
    not_assessed = int(status.get(Status.NOT_ASSESSED.value, 0))
    minors = n("minor") + n("ungraded")
    if not assessment.examined:
        text, key = (
            "No verdict: no requirement was examined (each is excluded or outside what the file describes).",
            "none",
        )
    elif n("major"):
        also = (
            f" {plural(minors, 'minor nonconformity', 'minor nonconformities')} also need corrective action."
            if minors
            else ""
        )
        text, key = (
            (
                f"Not ready for certification: {say('major')} (a requirement not addressed at all, or a fault "
                f"throughout the system) must be corrected, and the correction shown to work, before certification "
                f"can be recommended.{also}"
            ),
            "major",
        )
    elif minors:
        text, key = (
            (
                f"Largely in place, with {plural(minors, 'minor nonconformity', 'minor nonconformities')} to correct: "
                "no major nonconformity was found, and each minor one needs a corrective action plan "
                "(cause, correction, date, owner) that an auditor would accept."
            ),
            "minor",
        )
    elif needs:
        text, key = (
            (
                f"No nonconformity in what the file describes; {plural(needs, 'requirement')} still "
                f"{'needs' if needs == 1 else 'need'} documented evidence before an auditor can confirm "
                f"{'it' if needs == 1 else 'them'}."
            ),
            "needs_evidence",
        )
    elif n("observation") or n("opportunity"):
        parts = [say(key) for key in ("observation", "opportunity") if n(key)]
        text, key = (f"Conforms: no nonconformity; {' and '.join(parts)} to consider.", "ok")
    else:
        text, key = ("Conforms: every requirement examined is met.", "ok")
    if not_assessed and assessment.examined:
        text += (
            f" {plural(not_assessed, 'requirement was', 'requirements were')} not assessed "
            "(outside what the file describes, or nothing in it to examine)."
        )
    return text, key


def _severity_strip(counts: Mapping[str, tuple[int, int]]) -> list[str]:
    items = []
    for group in _GROUPS:
        if group.key not in _COUNTED and group.key not in counts:
            continue
        found, under = counts.get(group.key, (0, 0))
        words = group.one if found == 1 else group.many
        note = f"under {plural(under, 'requirement')}" if found else "none found"
        classes = f"sev-{group.key}" + ("" if found else " none")
        items.append(
            f'    <li class="{classes}"><span class="sev-count">{found}</span>'
            f'<span class="sev-label">{_e(words)}</span><span class="sev-note">{_e(note)}</span></li>'
        )
    return ['  <ul class="severity" aria-label="Findings by severity">', *items, "  </ul>"]


def _actions(numbered: Sequence[_Numbered], names: _Names) -> list[str]:
    if not numbered:
        return ['  <p class="muted">Nothing to do: there are no findings.</p>']
    ranked = sorted(
        numbered,
        key=lambda item: (
            _rank(item.finding.status, item.finding.grade),
            item.result.requirement.sort_key,
            item.number,
        ),
    )
    items = []
    for item in ranked[:TOP_ACTIONS]:
        finding, req = item.finding, item.result.requirement
        what = sentence(finding.fix) if finding.fix.strip() else sentence(finding.reason)
        where = f"{_e(req.clause)} {_e(req.title)}"
        if finding.subjects:
            where += f" · {names.many(finding.subjects, limit=3)}"
        items.append(
            f"    <li>{_badge(finding.status, finding.grade)} "
            f'<span class="action-what">{_e(what)}</span>'
            f'<span class="action-where">{where} · <a href="#finding-{item.number}">finding {item.number}</a></span></li>'
        )
    lines = ['  <ol class="actions">', *items, "  </ol>"]
    rest = len(numbered) - len(items)
    if rest:
        lines.append(f'  <p class="muted">{plural(rest, "more finding")} in <a href="#findings">Findings</a>.</p>')
    return lines


def _score_explained(assessment: Assessment) -> list[str]:
    """What the score is computed over, how each status weighs, and what is left out, with the sum."""
    examined = [r for r in assessment.results if r.points is not None]
    counts = assessment.summary().counts
    rows = []
    total = 0.0
    for (status, grade), points in POINTS.items():
        count = sum(
            1 for r in examined if r.status is status and (status is not Status.NONCONFORMITY or r.grade is grade)
        )
        earned = count * points
        total += earned
        zero = "" if count else ' class="zero"'
        rows.append(
            f'      <tr{zero}><th scope="row">{_badge(status, grade)}</th>'
            f'<td class="num">{_number(points)}</td><td class="num">{count}</td><td class="num">{_number(earned)}</td></tr>'
        )
    left_out = (
        f"{counts.get(Status.NOT_APPLICABLE.value, 0)} not applicable and "
        f"{counts.get(Status.NOT_ASSESSED.value, 0)} not assessed"
    )
    if assessment.examined:
        sum_line = (
            f"Here: 100 &times; {_number(total)} points &divide; {plural(assessment.examined, 'requirement')} examined "
            f"= <strong>{assessment.score:.1f}</strong> out of 100."
        )
    else:
        sum_line = "Here no requirement was examined, so there is no score."
    first = (
        "The score, out of 100, says how far the requirements examined are met. Each requirement examined "
        "earns the points of its status in the table below (a requirement has the status of its worst "
        "finding, however many findings it has). The score is 100 times the points earned, divided by the "
        "number of requirements examined, rounded to one decimal."
    )
    after = [
        sum_line,
        (
            "Left out, neither raising nor lowering it: requirements not applicable (excluded by the "
            "organization, as clause 4.3 allows) and those not assessed (outside what the file describes, or "
            f"with nothing in it to examine); here {left_out}. The scores by theme and by clause are worked "
            "out the same way over their own requirements."
        ),
        (
            "The score tracks progress from one assessment to the next; it is not a certification verdict: one "
            "major nonconformity stands in the way of certification whatever the score."
        ),
    ]
    return [
        '  <div class="score-explained">',
        f"    <p>{first}</p>",
        '    <table class="points">',
        "      <caption>Points by status</caption>",
        (
            '      <thead><tr><th scope="col">Status</th><th scope="col" class="num">Points each</th>'
            '<th scope="col" class="num">Requirements</th><th scope="col" class="num">Points</th></tr></thead>'
        ),
        "      <tbody>",
        *rows,
        "      </tbody>",
        (
            f'      <tfoot><tr><th scope="row">Examined</th><td></td><td class="num">{assessment.examined}</td>'
            f'<td class="num">{_number(total)}</td></tr></tfoot>'
        ),
        "    </table>",
        *(f"    <p>{p}</p>" for p in after),
        "  </div>",
    ]


def _executive(assessment: Assessment, numbered: Sequence[_Numbered], names: _Names) -> list[str]:
    counts = _count_findings(numbered)
    text, key = _verdict(assessment, counts)
    return [
        f'  <p class="verdict sev-{key}">{_e(text)}</p>',
        *_severity_strip(counts),
        '  <h3 id="actions">What to do first</h3>',
        *_actions(numbered, names),
        '  <h3 id="score">How the score is worked out</h3>',
        *_score_explained(assessment),
    ]


# -- tables ------------------------------------------------------------------------------------


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


# -- findings ----------------------------------------------------------------------------------


def _finding(item: _Numbered, names: _Names) -> list[str]:
    finding, result = item.finding, item.result
    rows = []
    if finding.subjects:
        rows.append(("Elements at fault", names.many(finding.subjects)))
    rows.append(("Reason", _e(sentence(finding.reason))))
    if finding.fix:
        rows.append(("Suggested fix", _e(sentence(finding.fix))))
    rows.append(("Evidence consulted", names.many(finding.evidence)))
    return [
        f'    <div class="finding" id="finding-{item.number}">',
        (
            '      <div class="finding-head">'
            f"<strong>Finding {item.number}</strong> {_badge(finding.status, finding.grade)} "
            f'<span class="muted">rule {_code(finding.rule)}</span>{_after(" ", _unconfirmed(result))}</div>'
        ),
        "      <dl>",
        *(f"        <dt>{name}</dt><dd>{value}</dd>" for name, value in rows),
        "      </dl>",
        "    </div>",
    ]


def _requirement(result: RequirementResult, items: Sequence[_Numbered], names: _Names) -> list[str]:
    req = result.requirement
    lines = [
        f'  <article class="requirement sev-{result.status.value}" id="{_anchor(result)}">',
        '    <div class="req-lead">',
        '    <div class="req-head">',
        f"      <h4>{_e(req.clause)} {_e(req.title)}</h4>",
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
        lines.append(f'    <p class="req-meta">Evidence recorded for this clause: {names.many(result.evidence)}</p>')
    for number, item in enumerate(items):
        lines += _finding(item, names)
        if number == 0:
            lines.append("    </div>")  # the heading stays on the page of the first finding
    if not items:
        lines.append("    </div>")
    lines.append("  </article>")
    return lines


def _findings(
    groups: Sequence[tuple[_Group, list[RequirementResult]]], numbered: Sequence[_Numbered], names: _Names
) -> list[str]:
    if not numbered:
        return [
            '  <p class="muted">No findings: every requirement conforms, is not applicable or was not assessed.</p>'
        ]
    requirements = sum(len(members) for _, members in groups)
    lines = [
        (
            f'  <p class="muted">{plural(len(numbered), "finding")} under {plural(requirements, "requirement")}: '
            "nonconformities first (major, then minor), then observations, opportunities for improvement and "
            "requests for evidence; in clause order within each.</p>"
        )
    ]
    by_result: dict[int, list[_Numbered]] = {}
    for item in numbered:
        by_result.setdefault(id(item.result), []).append(item)
    for group, members in groups:
        lines.append(
            f'  <h3 class="group" id="findings-{group.key}">{_e(group.heading)} '
            f'<span class="muted">{plural(len(members), "requirement")}</span></h3>'
        )
        for result in members:
            lines += _requirement(result, by_result[id(result)], names)
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


def _section(id: str, title: str, body: Iterable[str], *, css: str = "") -> list[str]:
    classes = f' class="{css}"' if css else ""
    return [
        f'<section id="{id}"{classes} aria-labelledby="{id}-title">',
        f'  <h2 id="{id}-title">{_e(title)}</h2>',
        *body,
        "</section>",
    ]


def render_html(
    assessment: Assessment,
    *,
    source: str | None = None,
    title: str | None = None,
    logo: Logo | None = None,
) -> str:
    """The HTML report of ``assessment``: one page, inline CSS, no scripts, nothing fetched.

    Parameters
    ----------
    assessment
        The assessment to report.
    source
        The organization file, named in the header.
    title
        The report's title, above the organization's name and in the browser's tab;
        :data:`DEFAULT_TITLE` when not given.
    logo
        A logo for the header, embedded as a ``data:`` URI (the page's
        Content-Security-Policy then allows ``data:`` images, and nothing else more).
    """
    results = ordered_results(assessment)
    names = _Names(assessment)
    heading = " ".join((title or "").split()) or DEFAULT_TITLE
    themes = {t.group: theme_label(t.group) for t in assessment.by_theme()}
    clauses = {c.group: clause_title(c.group) for c in clause_groups(assessment)}
    groups = _ordered(results)
    numbered = _numbered(groups)
    legends = [f'  <p class="legend">{_e(legend())}. {_e(SCORE_NOTE)}</p>']
    if any(r.requirement.unconfirmed for r in results):
        legends.append(
            f'  <p class="legend"><span class="unconfirmed">{_e(UNCONFIRMED)}</span>: {_e(UNCONFIRMED_MEANING)}.</p>'
        )
    warnings = [f"    <li>{_e(sentence(w))}</li>" for w in assessment.warnings if w.strip()]
    toc = ['<li><a href="#executive">Executive summary</a></li>']
    if warnings:
        toc.append('<li><a href="#warnings">Warnings</a></li>')
    toc += [
        '<li><a href="#findings">Findings</a></li>',
        '<li><a href="#summary">By status, theme and clause</a></li>',
        '<li><a href="#requirements">All requirements</a></li>',
    ]
    policy = "default-src 'none'; style-src 'unsafe-inline'" + ("; img-src data:" if logo is not None else "")
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        f'<meta name="generator" content="{_e(TOOL_NAME)} {_e(tool_version())}">',
        f"<title>{_e(heading)}: {_e(assessment.organization)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *_header(assessment, source, heading, logo),
        f'<nav class="toc" aria-label="Contents"><ol>{"".join(toc)}</ol></nav>',
        "<main>",
        *_section("executive", "Executive summary", _executive(assessment, numbered, names), css="executive"),
        *(_section("warnings", "Warnings", ['  <ul class="warnings">', *warnings, "  </ul>"]) if warnings else []),
        *_section("findings", "Findings", _findings(groups, numbered, names)),
        *_section(
            "summary",
            "By status, theme and clause",
            [
                *_status_table(assessment, results),
                *_group_table("By theme", "Theme", assessment.by_theme(), themes),
                *_group_table("By clause", "Clause", clause_groups(assessment), clauses),
                *legends,
            ],
        ),
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
