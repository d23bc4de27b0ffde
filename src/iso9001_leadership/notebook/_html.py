"""The notebook view of a gap list (its ``_repr_html_``), built from the leaf HTML kit."""

from __future__ import annotations

from collections.abc import Sequence

from iso9001_leadership._htmlkit import BOX, COLOURS, badge, code, count, escape, heading, ids, table
from iso9001_leadership.findings import Status
from iso9001_leadership.queries import Gap

__all__ = ["gaps_html"]


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
    parts = [f'<div class="iso9001-gaps" style="{BOX}">']
    if not gaps:
        parts.append(heading(badge("No gaps found", COLOURS[Status.CONFORMS])))
    else:
        parts.append(heading(count(len(gaps), "gap", "gaps")))
        rows = [
            [
                str(number),
                code(gap.kind.value),
                escape(", ".join(gap.clauses)),
                ids(gap.subjects),
                escape(gap.reason),
                escape(gap.fix),
            ]
            for number, gap in enumerate(gaps, start=1)
        ]
        parts.append(table(["#", "kind", "clauses", "elements", "reason", "fix"], rows, numeric=(0,)))
    parts.append("</div>")
    return "".join(parts)
