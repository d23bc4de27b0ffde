"""Writing the RACI matrix and the findings as tables: Excel workbooks and CSV, one value a cell.

Lists are joined as text (``proc-a; proc-b``), dates are dates, numbers numbers; no cell holds
a Python representation. Text from the organization is neutralised for spreadsheets: in CSV a
cell that would start a formula gets a single quote first (OWASP's advice, and the reader takes
it off again); in a workbook such a cell is a text cell marked with Excel's quote prefix, so it
shows as written and is never evaluated, not even when edited. Control characters are written
as visible escapes (``\\x1b``); line feeds stay. The same input gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import os
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from iso9001_leadership._escape import CSV_FORMULA_START, printable
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.exceptions import UnknownIdError, UsageError
from iso9001_leadership.io import write_atomically
from iso9001_leadership.model import EntityKind, Organization, Role
from iso9001_leadership.raci import raci_matrix

from ._cells import COLUMN_NAMES, LIST_SEPARATOR, csv_text
from ._grid import format_of, need_openpyxl
from ._headers import Headers, role_header

__all__ = ["FINDING_COLUMNS", "Cell", "finding_rows", "raci_rows", "write_findings", "write_raci"]

#: What one cell of a written table holds.
Cell = str | int | float | dt.date | None

#: The columns of :func:`finding_rows` (after ``file``, when several files' findings are written):
#: ``requirement`` (id), ``clause`` (in the assessed edition), ``theme``, ``status`` (such as
#: ``nonconformity``), ``grade`` (``major``, ``minor`` or blank), ``severity`` (0-5), ``rule``,
#: ``subjects`` (ids at fault), ``names`` (what a reader knows them by), ``paths`` (where each
#: stands in the organization file), ``reason``, ``fix``, ``evidence`` (ids consulted), ``as_of``
#: (the date the assessment judged against). Lists are joined with ``"; "``.
FINDING_COLUMNS: tuple[str, ...] = (
    "requirement",
    "clause",
    "theme",
    "status",
    "grade",
    "severity",
    "rule",
    "subjects",
    "names",
    "paths",
    "reason",
    "fix",
    "evidence",
    "as_of",
)

#: The date stamped on every workbook written (its created and modified properties, and each
#: member of the zip): the zip format's first day, so that the same input gives the same bytes.
_EPOCH = dt.datetime(1980, 1, 1)

_HEADER_FILL = "FFD9E1F2"
_WIDE = 60
_NARROW = 6


@attrs.frozen
class _Table:
    """A table to write, and how a workbook shows it."""

    sheet: str
    rows: list[list[Cell]]
    codes: frozenset[int] = frozenset()  # 0-based columns of RACI letters (narrow, centred)
    wrap: frozenset[int] = frozenset()  # 0-based columns of long text (wrapped)
    frozen_columns: int = 0  # columns kept in view when scrolling right


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


# -- the tables ---------------------------------------------------------------------------


def _raci_table(org: Organization, roles: Iterable[str] | None, ids: bool) -> _Table:
    if roles is None:
        columns = tuple(role.id for role in org.roles)
    else:
        columns = tuple(roles)
        for role_id in columns:
            if role_id not in org or org.kind_of(role_id) is not EntityKind.ROLE:
                raise UnknownIdError(role_id, None)
    matrix = raci_matrix(org, roles=columns)
    headers = Headers(org.roles)
    responsibilities = org.responsibilities
    described = any(r.description for r in responsibilities)
    authorised = any(r.authorities_needed for r in responsibilities)
    fixed: list[str] = ["id", "title"] + (["description"] if described else []) + ["processes", "clauses"]
    fixed += ["authorities"] if authorised else []
    header: list[Cell] = [COLUMN_NAMES[name][0] for name in fixed]
    header += [role_header(org.get(role_id, Role), headers, ids=ids) for role_id in columns]
    rows: list[list[Cell]] = [header]
    for responsibility in responsibilities:
        values: dict[str, Cell] = {
            "id": responsibility.id,
            "title": responsibility.title,
            "description": responsibility.description,
            "processes": _join(responsibility.processes),
            "clauses": _join(responsibility.clauses),
            "authorities": _join(responsibility.authorities_needed),
        }
        row = [values[name] for name in fixed]
        row += [matrix.code(responsibility.id, role_id) or None for role_id in columns]
        rows.append(row)
    wrap = {fixed.index("title")} | ({fixed.index("description")} if described else set())
    return _Table(
        "RACI",
        rows,
        codes=frozenset(range(len(fixed), len(header))),
        wrap=frozenset(wrap),
        frozen_columns=2,
    )


def raci_rows(org: Organization, *, roles: Iterable[str] | None = None, ids: bool = False) -> list[list[Cell]]:
    """The RACI matrix as the rows :func:`write_raci` writes: a header row, then one row per responsibility.

    The columns are ``id``, ``responsibility`` (the title), ``description`` (only when some
    responsibility has one), ``processes`` and ``clauses`` (ids joined with ``"; "``),
    ``authorities needed`` (only when some responsibility needs one), then one column per role
    with its letters (``A/R``; ``None`` where the role has no part). A role's column is headed
    with its title (its id with ``ids``), or ``Title (id)`` where the title alone would not be
    read back as that role (two roles with one title, a title such as ``Process``).

    Parameters
    ----------
    org
        The organization.
    roles
        The role columns, in this order; by default every role of the organization, in file
        order, so that letters can be given to any of them.
    ids
        Head role columns with ids instead of titles.

    Raises
    ------
    UnknownIdError
        If ``roles`` names an id that is not a role of the organization.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> org = loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO}, {id: qm, title: Quality Manager}]
    ... processes: [{id: leadership, name: Leadership}]
    ... responsibilities:
    ... - {id: review, title: Run management reviews, clauses: [9.3.1], processes: [leadership],
    ...    accountable: [ceo], responsible: [ceo, qm], consulted: [qm]}
    ... ''')
    >>> for row in raci_rows(org):
    ...     print(row)
    ['id', 'responsibility', 'processes', 'clauses', 'CEO', 'Quality Manager']
    ['review', 'Run management reviews', 'leadership', '9.3.1', 'A/R', 'R/C']
    """
    return _raci_table(org, roles, ids).rows


def _named(assessment: Assessment, ids: Sequence[str]) -> str:
    return _join(assessment.element_names.get(i, i) for i in ids)


def _items(assessments: object) -> list[tuple[str | None, Assessment]]:
    """The assessments to write, each with its name (``None`` for one given alone)."""
    if isinstance(assessments, Assessment):
        return [(None, assessments)]
    pairs = list(assessments.items()) if isinstance(assessments, Mapping) else [(None, assessments)]
    items: list[tuple[str | None, Assessment]] = []
    for name, assessment in pairs:
        if not isinstance(assessment, Assessment) or not isinstance(name, str | None):
            msg = (
                f"write_findings() takes an Assessment, or a mapping of names to them, not {type(assessment).__name__}"
            )
            raise UsageError(msg)
        items.append((name, assessment))
    return items


def _finding_table(assessments: Assessment | Mapping[str, Assessment]) -> _Table:
    many = not isinstance(assessments, Assessment)
    items = _items(assessments)
    header: list[Cell] = [*(["file"] if many else []), *FINDING_COLUMNS]
    rows: list[list[Cell]] = [header]
    for name, assessment in items:
        paths = assessment.element_paths
        for result in assessment.results:
            for finding in result.findings:
                subject_paths = [paths.get(s, "") for s in finding.subjects]
                row: list[Cell] = [
                    finding.requirement,
                    finding.clause,
                    result.requirement.theme.value,
                    finding.status.value,
                    None if finding.grade is None else finding.grade.value,
                    finding.severity,
                    finding.rule,
                    _join(finding.subjects),
                    _named(assessment, finding.subjects),
                    _join(subject_paths) if any(subject_paths) else "",
                    finding.reason,
                    finding.fix,
                    _join(finding.evidence),
                    assessment.as_of,
                ]
                rows.append([name, *row] if many else row)
    offset = 1 if many else 0
    wrap = {offset + FINDING_COLUMNS.index(c) for c in ("reason", "fix")}
    return _Table("Findings", rows, wrap=frozenset(wrap), frozen_columns=offset + 1)


def finding_rows(assessments: Assessment | Mapping[str, Assessment]) -> list[list[Cell]]:
    """The findings as the rows :func:`write_findings` writes: a header row, then one row per finding.

    The columns are :data:`FINDING_COLUMNS`, in the assessment's order (requirement by
    requirement in clause order); given several assessments by name (a file's path, say), a
    first column ``file`` names each finding's.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Process, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="sales", name="Sales"),))
    >>> header, *rows = finding_rows(assess(org, as_of=dt.date(2026, 11, 24)))
    >>> row = dict(zip(header, next(r for r in rows if r[header.index("rule")] == "process_without_owner")))
    >>> row["clause"], row["grade"], row["subjects"], row["names"], row["paths"], row["as_of"]
    ('5.3 b', 'minor', 'sales', 'Sales', 'processes[0]', datetime.date(2026, 11, 24))
    """
    return _finding_table(assessments).rows


# -- CSV ----------------------------------------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv(table: _Table, delimiter: str) -> str:
    if delimiter not in (",", ";", "\t"):
        msg = f"delimiter must be one of ',', ';' or a tab, not {delimiter!r}"
        raise UsageError(msg)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([_csv_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


# -- Excel workbooks ----------------------------------------------------------------------


class _SteadyZip(zipfile.ZipFile):
    """A zip whose members all carry the same date, so that the same workbook gives the same bytes."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_EPOCH.timetuple()[:6])
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each sheet to a temporary file first: take its bytes, not its date.
        with open(filename, "rb") as handle:
            data = handle.read()
        self.writestr(arcname or os.path.basename(filename), data, compress_type, compresslevel)


def _width(value: Cell) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return max((len(line) for line in text.split("\n")), default=0)


def _xlsx(table: _Table, stamp: dt.datetime = _EPOCH) -> bytes:
    openpyxl = need_openpyxl("writing an .xlsx workbook")
    styles: Any = importlib.import_module("openpyxl.styles")
    utils: Any = importlib.import_module("openpyxl.utils")
    # The writer itself, not openpyxl's save_workbook(), which stamps today's date on the file.
    excel: Any = importlib.import_module("openpyxl.writer.excel")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = table.sheet
    header_font = styles.Font(bold=True)
    header_fill = styles.PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    header_alignment = styles.Alignment(wrap_text=True, vertical="top")
    code_alignment = styles.Alignment(horizontal="center", vertical="top")
    wrap_alignment = styles.Alignment(wrap_text=True, vertical="top")
    top_alignment = styles.Alignment(vertical="top")
    for row_number, row in enumerate(table.rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column_number)
            if isinstance(value, str):
                text = printable(value, keep="\n")
                cell.value = text
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if text.startswith(CSV_FORMULA_START):
                    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = value
            if row_number == 1:
                cell.font, cell.fill, cell.alignment = header_font, header_fill, header_alignment
            elif column_number - 1 in table.codes:
                cell.alignment = code_alignment
            elif column_number - 1 in table.wrap:
                cell.alignment = wrap_alignment
            else:
                cell.alignment = top_alignment
    width = max((len(row) for row in table.rows), default=0)
    for index in range(width):
        letter = utils.get_column_letter(index + 1)
        if index in table.codes:
            header = table.rows[0][index]
            longest_word = max((len(w) for w in str(header or "").split()), default=0)
            sheet.column_dimensions[letter].width = min(max(longest_word, _NARROW), 18) + 2
        else:
            longest = max((_width(row[index]) for row in table.rows if index < len(row)), default=0)
            sheet.column_dimensions[letter].width = min(max(longest, 8), _WIDE) + 2
    sheet.freeze_panes = sheet.cell(row=2, column=table.frozen_columns + 1).coordinate
    if len(table.rows) > 1 and width:
        sheet.auto_filter.ref = f"A1:{utils.get_column_letter(width)}{len(table.rows)}"
    workbook.properties.creator = "iso9001-leadership"
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with _SteadyZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        excel.ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


# -- delivery -----------------------------------------------------------------------------


def _write(table: _Table, target: object, format: str | None, delimiter: str, stamp: dt.datetime, what: str) -> None:
    if isinstance(target, str | os.PathLike):
        path = os.fspath(target)
        if not isinstance(path, str):
            msg = f"{what}() takes the path of a file as text, not {type(path).__name__}"
            raise UsageError(msg)
        chosen = format_of(path, format)
        data: bytes = _xlsx(table, stamp) if chosen == "xlsx" else ("\ufeff" + _csv(table, delimiter)).encode("utf-8")
        write_atomically(path, data)
        return
    if not hasattr(target, "write"):
        msg = f"{what}() takes the path of a file or a file object, not {type(target).__name__}"
        raise UsageError(msg)
    given_name = getattr(target, "name", None)
    if format is None and not isinstance(given_name, str):
        msg = f"{what}() of a file object needs format='xlsx' or format='csv'"
        raise UsageError(msg)
    chosen = format_of(given_name if isinstance(given_name, str) else None, format)
    if not isinstance(target, io.RawIOBase | io.BufferedIOBase) and "b" not in str(getattr(target, "mode", "")):
        if chosen == "xlsx":
            msg = "an .xlsx workbook is binary: give a path, or a file object opened in binary mode ('wb')"
            raise UsageError(msg)
        target.write(_csv(table, delimiter))  # text: the stream's encoding, no byte order mark
        return
    target.write(_xlsx(table, stamp) if chosen == "xlsx" else ("\ufeff" + _csv(table, delimiter)).encode("utf-8"))


def write_raci(
    org: Organization,
    target: str | os.PathLike[str] | Any,
    *,
    format: str | None = None,
    roles: Iterable[str] | None = None,
    ids: bool = False,
    delimiter: str = ",",
) -> None:
    """Write the RACI matrix to an Excel workbook or a CSV file that :func:`read_raci` reads back.

    The rows are those of :func:`raci_rows`. A workbook has one sheet, ``RACI``: the header row
    in bold on a tinted background, the header row and the id and responsibility columns frozen
    in view, a filter on every column, columns as wide as their contents (within reason), the
    letters centred. A CSV file is UTF-8 with a byte order mark (so that Excel reads it as
    UTF-8), lines ending ``\\r\\n``; written to a text stream, it has no byte order mark.

    Read back with ``base=org``, the sheet gives the same responsibilities (text without
    control characters, and without white space at either end, comes back as it was).

    Parameters
    ----------
    org
        The organization.
    target
        A path (the file is replaced in one step), or a file object: binary, or text for CSV.
    format
        ``"xlsx"`` or ``"csv"``; by default from the path's suffix (``.xlsx``, ``.csv``).
    roles, ids
        As for :func:`raci_rows`.
    delimiter
        For CSV: ``","`` (the default), ``";"`` (what Excel expects where the decimal
        separator is a comma) or a tab.

    Raises
    ------
    UnknownIdError
        If ``roles`` names an id that is not a role.
    MissingExtraError
        For a workbook, if openpyxl is not installed.
    UsageError
        For an unknown format or suffix, or a workbook asked of a text stream.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import io
    >>> from iso9001_leadership import loads
    >>> org = loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO}, {id: qm, title: Quality Manager}]
    ... responsibilities:
    ... - {id: review, title: Run management reviews, accountable: [ceo], consulted: [qm]}
    ... ''')
    >>> out = io.StringIO()
    >>> write_raci(org, out, format="csv")
    >>> print(out.getvalue().replace("\\r\\n", "\\n"), end="")
    id,responsibility,processes,clauses,CEO,Quality Manager
    review,Run management reviews,,,A,C
    """
    _write(_raci_table(org, roles, ids), target, format, delimiter, _EPOCH, "write_raci")


def write_findings(
    assessment: Assessment | Mapping[str, Assessment],
    target: str | os.PathLike[str] | Any,
    *,
    format: str | None = None,
    delimiter: str = ",",
) -> None:
    """Write the findings to an Excel workbook or a CSV file, one row per finding.

    The rows are those of :func:`finding_rows`: lists joined as text (``proc-a; proc-b``),
    the severity a number, ``as_of`` a date (a date cell in a workbook, ``YYYY-MM-DD`` in CSV).
    A workbook has one sheet, ``Findings``, styled as :func:`write_raci`'s, the reason and fix
    wrapped; it is stamped with the assessment's date, so the same assessment gives the same
    bytes. Pass several assessments by name (``{path: assessment}``) for one table of all their
    findings, with a first column ``file``.

    Parameters
    ----------
    assessment
        The assessment, or several by name.
    target, format, delimiter
        As for :func:`write_raci`.

    Raises
    ------
    MissingExtraError
        For a workbook, if openpyxl is not installed.
    UsageError
        For an unknown format or suffix, a workbook asked of a text stream, or something other
        than assessments.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import csv, datetime as dt, io
    >>> from iso9001_leadership import Organization, Process, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="sales", name="Sales"),))
    >>> out = io.StringIO()
    >>> write_findings(assess(org, as_of=dt.date(2026, 11, 24)), out, format="csv")
    >>> rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    >>> row = next(r for r in rows if r["rule"] == "process_without_owner")
    >>> row["subjects"], row["severity"], row["as_of"]
    ('sales', '4', '2026-11-24')
    """
    table = _finding_table(assessment)
    dates = [assessment.as_of] if isinstance(assessment, Assessment) else [a.as_of for a in assessment.values()]
    stamp = dt.datetime.combine(max(dates), dt.time()) if dates else _EPOCH
    _write(table, target, format, delimiter, max(stamp, _EPOCH), "write_findings")
