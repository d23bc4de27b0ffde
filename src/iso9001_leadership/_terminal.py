"""Terminal output: the plain-text assessment report, colour when a terminal is attached, progress."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from iso9001_leadership.assessment import Assessment, Grade, Status

__all__ = ["Progress", "Style", "text_report"]

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35"}


class Style:
    """ANSI styling that is on only for a terminal (``NO_COLOR`` turns it off, ``FORCE_COLOR`` on)."""

    def __init__(self, stream: object, *, color: bool | None = None) -> None:
        if color is None:
            if os.environ.get("NO_COLOR"):
                color = False
            elif os.environ.get("FORCE_COLOR"):
                color = True
            else:
                color = bool(getattr(stream, "isatty", lambda: False)())
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\033[{codes}m{text}\033[0m"


_STATUS_STYLE = {
    Status.CONFORMS: ("green",),
    Status.NOT_APPLICABLE: ("dim",),
    Status.OPPORTUNITY: ("blue",),
    Status.OBSERVATION: ("yellow",),
    Status.NEEDS_EVIDENCE: ("magenta",),
    Status.NONCONFORMITY: ("red", "bold"),
}


def _status_text(status: Status, grade: Grade | None) -> str:
    if status is Status.NONCONFORMITY and grade is not None:
        return f"{grade.value} nonconformity"
    return status.label


def text_report(assessment: Assessment, style: Style, *, verbose: bool = False) -> str:
    """The assessment as a readable plain-text report for a terminal."""
    a = assessment
    lines = [
        style(f"{a.organization}", "bold") + f" against {a.edition_title}, as of {a.as_of.isoformat()}",
        f"score {a.score:.1f} / 100",
        "",
    ]
    counts = a.summary().counts
    parts = []
    for status in (
        Status.NONCONFORMITY,
        Status.NEEDS_EVIDENCE,
        Status.OBSERVATION,
        Status.OPPORTUNITY,
        Status.CONFORMS,
        Status.NOT_APPLICABLE,
    ):
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
        verdict = style(_status_text(result.status, result.grade), *_STATUS_STYLE[result.status])
        lines.append(f"{style(req.clause, 'bold')} {req.title} [{req.id}]: {verdict}")
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


class Progress:
    """A one-line progress display on a terminal; silent when not a terminal or for quick jobs.

    It stays quiet for the first ``delay`` seconds, so small models show nothing.
    """

    def __init__(self, stream: TextIO | None = None, *, label: str = "checking", delay: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        self.shown = True
        self.stream.write(f"\r{self.label} {done}/{total} requirements")
        self.stream.flush()

    def close(self) -> None:
        """Clear the progress line, if one was shown."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
