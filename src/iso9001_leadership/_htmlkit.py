"""The leaf HTML kit every ``_repr_html_`` is built from: inline styles, escaping, badges, tables.

Each repr (of an organization, a gap list, an assessment) lives beside its subject and returns
one self-contained ``<div>``: no scripts, no style sheets, no fonts or images from elsewhere,
only small inline styles, so it reads the same in Jupyter, VS Code and a saved notebook on
GitHub. Every piece of text from the organization goes through :func:`escape`. A status is
always written in words beside its colour, so nothing depends on colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from iso9001_leadership.findings import Grade, Status, verdict

__all__ = [
    "BOX",
    "COLOURS",
    "FAULT",
    "MAX_ROWS",
    "MUTED",
    "badge",
    "code",
    "count",
    "escape",
    "heading",
    "ids",
    "line",
    "status_badge",
    "table",
]

#: Rows a table shows before it says how many more there are.
MAX_ROWS = 50

BOX = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;line-height:1.45;max-width:1100px"
)
H = "margin:0 0 4px;font-size:15px;font-weight:600"
MUTED = "opacity:0.75"
TABLE = "border-collapse:collapse;margin:6px 0 10px;font-size:12px"
TH = "text-align:left;padding:2px 6px;border-bottom:2px solid currentColor"
TH_NUM = "text-align:right;padding:2px 6px;border-bottom:2px solid currentColor"
TD = "text-align:left;vertical-align:top;padding:2px 6px;border-bottom:1px solid #8885"
NUM = "text-align:right;vertical-align:top;padding:2px 6px;border-bottom:1px solid #8885"
CODE = "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.95em"

#: Foreground and background per status, readable on light and dark notebook themes alike.
COLOURS = {
    Status.NONCONFORMITY: ("#ffffff", "#a61b1b"),
    Status.NEEDS_EVIDENCE: ("#4a2a00", "#ffd79a"),
    Status.OBSERVATION: ("#0f2f5c", "#c9defa"),
    Status.OPPORTUNITY: ("#34206b", "#ddd2f7"),
    Status.CONFORMS: ("#0d3d22", "#bfe8cf"),
    Status.NOT_APPLICABLE: ("#2b3038", "#dfe3e8"),
    Status.NOT_ASSESSED: ("#2b3038", "#eef0f3"),
}
FAULT = ("#ffffff", "#a61b1b")


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def code(text: str) -> str:
    return f'<code style="{CODE}">{escape(text)}</code>'


def ids(ids: Iterable[str]) -> str:
    return ", ".join(code(i) for i in ids) or "&mdash;"


def badge(text: str, colours: tuple[str, str]) -> str:
    fg, bg = colours
    style = f"display:inline-block;white-space:nowrap;padding:0 6px;border-radius:8px;color:{fg};background:{bg}"
    return f'<span style="{style}">{escape(text)}</span>'


def status_badge(status: Status, grade: Grade | None = None) -> str:
    text = verdict(status, grade)
    return badge(text, COLOURS[status])


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Iterable[int] = ()) -> str:
    """A table of cells that are already HTML; columns listed in ``numeric`` align right."""
    right = set(numeric)
    head = "".join(f'<th style="{TH_NUM if i in right else TH}">{escape(h)}</th>' for i, h in enumerate(headers))
    shown = rows[:MAX_ROWS]
    body = "".join(
        "<tr>" + "".join(f'<td style="{NUM if i in right else TD}">{cell}</td>' for i, cell in enumerate(row)) + "</tr>"
        for row in shown
    )
    more = ""
    if len(rows) > len(shown):
        more = f'<p style="{MUTED};margin:0 0 10px">&hellip; and {len(rows) - len(shown)} more</p>'
    return f'<table style="{TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def heading(text: str) -> str:
    return f'<p style="{H}">{text}</p>'


def line(label: str, text: str) -> str:
    return f'<p style="margin:2px 0"><b>{escape(label)}:</b> {text}</p>'
