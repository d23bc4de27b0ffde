"""Bridges to the spreadsheets quality teams keep: RACI matrices in and out, findings out.

Most organizations keep who is Responsible, Accountable, Consulted and Informed for what in an
Excel workbook or a CSV file: one row per activity, one column per role. This module reads such
a sheet into an :class:`~iso9001_leadership.Organization` and writes an organization's matrix
(and an assessment's findings) back out as workbooks and CSV files with one value in each cell.

- :func:`read_raci`: a sheet (``.xlsx`` or ``.csv``) into an organization, on its own or into
  a base organization whose roles, processes and authorities it names; every problem at once,
  each at its cell (``Sheet1!C7``).
- :func:`write_raci`: the matrix, in the layout :func:`read_raci` reads back.
- :func:`write_findings`: an assessment's findings (or several assessments'), one per row.
- :func:`raci_rows`, :func:`finding_rows`: the same tables as rows of plain values, for other
  tools (a DataFrame, a Google Sheets upload).

Excel workbooks need openpyxl (the ``xlsx`` extra; see docs/install.md); CSV needs nothing.

Examples
--------
>>> import io
>>> from iso9001_leadership import loads
>>> org = loads('''
... name: Acme
... roles: [{id: ceo, title: CEO, top_management: true}, {id: qm, title: Quality Manager}]
... ''')
>>> sheet = io.StringIO("Activity,CEO,Quality Manager\\nRun management reviews,A,R\\n")
>>> read_raci(sheet, format="csv", base=org).responsibilities[0].accountable
('ceo',)
"""

from __future__ import annotations

from ._cells import COLUMN_NAMES
from ._grid import SUFFIXES, SpreadsheetFormat
from ._read import read_raci
from ._write import FINDING_COLUMNS, Cell, finding_rows, raci_rows, write_findings, write_raci

__all__ = [
    "COLUMN_NAMES",
    "FINDING_COLUMNS",
    "SUFFIXES",
    "Cell",
    "SpreadsheetFormat",
    "finding_rows",
    "raci_rows",
    "read_raci",
    "write_findings",
    "write_raci",
]
