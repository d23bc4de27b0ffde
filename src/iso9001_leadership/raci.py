"""The RACI matrix: responsibilities by roles, with who is Responsible, Accountable, Consulted, Informed.

Examples
--------
>>> from iso9001_leadership import loads
>>> from iso9001_leadership.raci import raci_matrix
>>> org = loads('''
... name: Acme
... roles:
... - {id: ceo, title: CEO, top_management: true}
... - {id: qm, title: Quality Manager, reports_to: ceo}
... responsibilities:
... - {id: qms-conformity, title: Keep the QMS conforming, accountable: [qm], responsible: [qm], informed: [ceo]}
... - {id: review, title: Run management reviews, accountable: [ceo], consulted: [qm]}
... ''')
>>> print(raci_matrix(org).to_text())
responsibility           CEO  Quality Manager
-----------------------  ---  ---------------
Keep the QMS conforming  I    A/R
Run management reviews   A    C
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

import attrs

from iso9001_leadership._escape import csv_cell, markdown_text, printable
from iso9001_leadership.exceptions import UnknownIdError
from iso9001_leadership.model import EntityKind, Organization

__all__ = ["CODES", "RaciMatrix", "raci_matrix"]

#: The RACI letters in the order a combined cell shows them (``A/R``).
CODES: tuple[str, ...] = ("A", "R", "C", "I")

_FIELDS = {"A": "accountable", "R": "responsible", "C": "consulted", "I": "informed"}


@attrs.frozen
class RaciMatrix:
    """Responsibilities (rows) by roles (columns); each cell holds the RACI letters of that pair.

    Parameters
    ----------
    responsibilities
        Row ids, in file order.
    roles
        Column ids, in file order.
    cells
        ``(responsibility id, role id) -> letters`` such as ``"A/R"``; pairs without a letter
        are absent.
    labels
        A readable name for every row and column id (titles).
    """

    responsibilities: tuple[str, ...]
    roles: tuple[str, ...]
    cells: Mapping[tuple[str, str], str] = attrs.field(hash=False)
    labels: Mapping[str, str] = attrs.field(hash=False)

    def code(self, responsibility: str, role: str) -> str:
        """The letters for one pair, ``""`` when the role has no part in it."""
        return self.cells.get((responsibility, role), "")

    def rows(self, *, ids: bool = False) -> list[list[str]]:
        """The matrix as rows of text, with a header row; names are titles unless ``ids``."""
        name = (lambda i: i) if ids else (lambda i: self.labels.get(i, i))
        header = ["responsibility", *(name(r) for r in self.roles)]
        body = [[name(resp), *(self.code(resp, role) for role in self.roles)] for resp in self.responsibilities]
        return [header, *body]

    def to_csv(self, *, ids: bool = False) -> str:
        """The matrix as CSV (RFC 4180, ``\\r\\n`` line ends as the csv module writes them).

        A cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
        ``@``, a tab or a carriage return) starts with a single quote instead, and control
        characters are written as visible escapes such as ``\\x1b``.
        """
        buffer = io.StringIO()
        csv.writer(buffer).writerows([csv_cell(cell) for cell in row] for row in self.rows(ids=ids))
        return buffer.getvalue()

    def to_markdown(self, *, ids: bool = False) -> str:
        """The matrix as a Markdown table: markup, pipes and line breaks in names are escaped."""
        rows = [[markdown_text(cell) for cell in row] for row in self.rows(ids=ids)]
        header, *body = rows
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join([" --- "] + [" :-: "] * (len(header) - 1)) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines) + "\n"

    def to_text(self, *, ids: bool = False) -> str:
        """The matrix as aligned plain text for a terminal (control characters as visible escapes)."""
        rows = [[printable(cell) for cell in row] for row in self.rows(ids=ids)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)


def raci_matrix(org: Organization, *, roles: Iterable[str] | None = None) -> RaciMatrix:
    """The RACI matrix of an organization's responsibilities.

    Parameters
    ----------
    org
        The organization.
    roles
        The columns to show, in this order. By default every role that has a part in some
        responsibility, in file order.

    Raises
    ------
    UnknownIdError
        If ``roles`` names an id that is not a role of the organization.
    """
    cells: dict[tuple[str, str], str] = {}
    for responsibility in org.responsibilities:
        letters: dict[str, list[str]] = {}
        for code in CODES:
            for role in getattr(responsibility, _FIELDS[code]):
                letters.setdefault(role, []).append(code)
        for role, codes in letters.items():
            cells[(responsibility.id, role)] = "/".join(codes)
    if roles is None:
        involved = {role for _, role in cells}
        columns = tuple(r.id for r in org.roles if r.id in involved)
    else:
        columns = tuple(roles)
        for role_id in columns:
            if role_id not in org or org.kind_of(role_id) is not EntityKind.ROLE:
                raise UnknownIdError(role_id, None)
    labels = {r.id: r.title for r in org.roles}
    labels.update({r.id: r.title for r in org.responsibilities})
    return RaciMatrix(
        responsibilities=tuple(r.id for r in org.responsibilities),
        roles=columns,
        cells=cells,
        labels=labels,
    )
