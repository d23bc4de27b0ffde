"""The plain-text report: what ``iso9001-leadership check`` prints on a terminal."""

from __future__ import annotations

from iso9001_leadership._terminal import Style
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.findings import STATUS_ORDER, Status, verdict

from ._options import ReportOptions

__all__ = ["render_text"]

_STATUS_STYLE = {
    Status.CONFORMS: ("green",),
    Status.NOT_APPLICABLE: ("dim",),
    Status.NOT_ASSESSED: ("dim",),
    Status.OPPORTUNITY: ("blue",),
    Status.OBSERVATION: ("yellow",),
    Status.NEEDS_EVIDENCE: ("magenta",),
    Status.NONCONFORMITY: ("red", "bold"),
}


def render_text(assessment: Assessment, options: ReportOptions) -> str:
    """The assessment as a readable plain-text report for a terminal.

    Needs-evidence findings are summed up in one line unless ``options.verbose``; ANSI colours
    only with ``options.color``.
    """
    a = assessment
    style = Style(None, color=options.color)
    verbose = options.verbose
    lines = [
        style(f"{a.organization}", "bold") + f" against {a.edition_title}, as of {a.as_of.isoformat()}",
        f"score {a.score:.1f} / 100",
        "",
    ]
    counts = a.summary().counts
    parts = []
    for status in STATUS_ORDER:
        n = counts[status.value]
        if n:
            parts.append(style(f"{n} {status.label}", *_STATUS_STYLE[status]))
    lines.append(f"{len(a.results)} requirements: " + ", ".join(parts))
    lines.append("")
    shown = 0
    for result in a.results:
        findings = [f for f in result.findings if verbose or f.status is not Status.NEEDS_EVIDENCE]
        if not findings:
            continue
        req = result.requirement
        said = style(verdict(result.status, result.grade), *_STATUS_STYLE[result.status])
        lines.append(f"{style(req.clause, 'bold')} {req.title} [{req.id}]: {said}")
        for finding in findings:
            shown += 1
            subjects = f"  [at fault: {', '.join(finding.subjects)}]" if finding.subjects else ""
            lines.append(f"  - {finding.reason}{subjects}")
            if finding.fix:
                lines.append(style(f"    fix: {finding.fix}", "dim"))
        lines.append("")
    needs = counts[Status.NEEDS_EVIDENCE.value]
    if needs and not verbose:
        clauses = ", ".join(r.requirement.clause for r in a.results if r.status is Status.NEEDS_EVIDENCE)
        lines.append(style(f"{needs} requirements need evidence the model cannot give: {clauses}", "magenta"))
        lines.append(style("  record Evidence with their clauses, or run with --verbose for details", "dim"))
    if not shown and not needs:
        lines.append(style("no findings", "green"))
    return "\n".join(lines).rstrip() + "\n"
