"""The plain-text report: what ``iso9001-leadership check`` prints on a terminal."""

from __future__ import annotations

from iso9001_leadership._escape import printable
from iso9001_leadership._names import plural
from iso9001_leadership._terminal import Style
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.findings import STATUS_ORDER, Status, verdict

from ._common import UNCONFIRMED, finding_label, ordered_results, score_line
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


def _one_line(text: str) -> str:
    """Text from the checks or the file on one line, so that it cannot break the report's layout.

    White space runs (line breaks included) become one space; any other control character (an
    escape sequence, a bidirectional override) is written as a visible escape such as ``\\x1b``.
    """
    return printable(" ".join(text.split()))


def _not_assessed(results: list[RequirementResult]) -> list[str]:
    """One line per reason given, each naming the clauses not assessed for it, in clause order."""
    by_reason: dict[str, list[str]] = {}
    for result in results:
        reason = _one_line(result.note) or "no reason given"
        by_reason.setdefault(reason[:1].lower() + reason[1:], []).append(printable(result.requirement.clause))
    return [
        f"{plural(len(clauses), 'requirement')} not assessed, {reason}: {', '.join(clauses)}"
        for reason, clauses in by_reason.items()
    ]


def render_text(assessment: Assessment, options: ReportOptions) -> str:
    """The assessment as a readable plain-text report for a terminal.

    Needs-evidence findings are summed up in one line unless ``options.verbose``; requirements
    not assessed are summed up in one line per reason; ANSI colours only with ``options.color``.
    Text from the file or the catalog never reaches the terminal raw: its control characters
    are written as visible escapes.
    A finding whose verdict differs from its requirement's (an observation beside a
    nonconformity) starts with its own verdict in brackets.
    """
    a = assessment
    style = Style(None, color=options.color)
    verbose = options.verbose
    results = ordered_results(a)
    lines = [
        style(printable(a.organization), "bold")
        + f" against {printable(a.edition_title)}, as of {a.as_of.isoformat()}",
        score_line(a),
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
    warnings = [_one_line(warning) for warning in a.warnings if warning.strip()]
    if warnings:
        lines.append(style("warnings:", "yellow", "bold"))
        lines += [style(f"  - {warning}", "yellow") for warning in warnings]
        lines.append("")
    shown = 0
    for result in results:
        findings = [f for f in result.findings if verbose or f.status is not Status.NEEDS_EVIDENCE]
        if not findings or result.status is Status.NOT_ASSESSED:
            continue
        req = result.requirement
        said = style(verdict(result.status, result.grade), *_STATUS_STYLE[result.status])
        unconfirmed = style(f" ({UNCONFIRMED})", "dim") if req.unconfirmed else ""
        clause, title, req_id = printable(req.clause), printable(req.title), printable(req.id)
        lines.append(f"{style(clause, 'bold')} {title} [{req_id}]: {said}{unconfirmed}")
        for finding in findings:
            shown += 1
            own = finding_label(finding, result)
            label = style(f"[{own}] ", *_STATUS_STYLE[finding.status]) if own else ""
            subjects = f"  [at fault: {printable(', '.join(finding.subjects))}]" if finding.subjects else ""
            lines.append(f"  - {label}{_one_line(finding.reason) or '(no reason given)'}{subjects}")
            if finding.fix:
                lines.append(style(f"    fix: {_one_line(finding.fix)}", "dim"))
        lines.append("")
    needs = counts[Status.NEEDS_EVIDENCE.value]
    if needs and not verbose:
        clauses = printable(", ".join(r.requirement.clause for r in results if r.status is Status.NEEDS_EVIDENCE))
        need = "needs" if needs == 1 else "need"
        lines.append(
            style(f"{plural(needs, 'requirement')} {need} evidence the model cannot give: {clauses}", "magenta")
        )
        lines.append(style("  record Evidence with their clauses, or run with --verbose for details", "dim"))
    not_assessed = [r for r in results if r.status is Status.NOT_ASSESSED]
    if not_assessed:
        lines += [style(line, "dim") for line in _not_assessed(not_assessed)]
        lines.append(style("  left out of the score, like requirements not applicable", "dim"))
    if not shown and not needs:
        lines.append(style("no findings", "green"))
    return "\n".join(lines).rstrip() + "\n"
