"""Reading a sheet into a grid of cell values: Excel workbooks through openpyxl, CSV through the csv module.

What comes out is the same for both: the rows of cell values, how to name a cell in a problem,
and what the workbook itself says is wrong with some cells (merged ranges, formulas without a
saved result, error values), which the values alone would hide.

Both readers hold the input to a size limit before reading it; a workbook is also held to the
same limit unpacked (so that a small zip cannot unpack into gigabytes), and every failure of
the libraries underneath becomes a :class:`~iso9001_leadership.exceptions.LoadError`.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import os
import posixpath
import re
import stat
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import attrs

from iso9001_leadership._names import did_you_mean, echo, suggest
from iso9001_leadership.exceptions import LoadError, MissingExtraError, Problem, UsageError

from ._cells import Where, undo_csv_quote

__all__ = ["SUFFIXES", "Grid", "SpreadsheetFormat", "format_of", "need_openpyxl", "read_grid"]

#: A spreadsheet format: an Excel workbook (``xlsx``) or comma-separated values (``csv``).
SpreadsheetFormat = Literal["xlsx", "csv"]

#: The file suffixes each format is known by.
SUFFIXES: Mapping[str, SpreadsheetFormat] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}

#: Formats we cannot read, and what to do instead.
_OTHER_FORMATS = {
    ".xls": "the old Excel format (.xls)",
    ".xlsb": "Excel's binary format (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "a Numbers spreadsheet (.numbers)",
}

_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")
_SNIFFED_RECORDS = 50
_SEP_LINE = re.compile(r"\A\s*sep=(?P<delimiter>.)\s*\Z", re.IGNORECASE)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL = re.compile(r"\A\$?(?P<column>[A-Z]{1,3})\$?(?P<row>[0-9]+)\Z")


@attrs.frozen
class Grid:
    """One sheet's cell values, and what the workbook says about some of its cells.

    Attributes
    ----------
    rows
        The rows, top first; each row's values left to right (``None`` for a blank cell), without
        the blank cells at its end.
    where
        How problems name this sheet's cells.
    source
        The file's name, for the error's heading.
    merged
        Each merged range as (first row, first column, last row, last column), 1-based.
    odd
        Problems of single cells, by 1-based (row, column): a formula whose result the file does
        not hold, an error value such as ``#REF!``.
    sheets
        The names of every sheet of a workbook, and whether the sheet was chosen (empty for CSV).
    """

    rows: tuple[tuple[Any, ...], ...]
    where: Where
    source: str
    merged: tuple[tuple[int, int, int, int], ...] = ()
    odd: Mapping[tuple[int, int], Problem] = attrs.field(factory=dict)
    sheets: tuple[str, ...] = ()
    chosen: bool = True


def need_openpyxl(needed_by: str) -> Any:
    """The ``openpyxl`` module (typed ``Any``: it has no type information).

    Raises
    ------
    MissingExtraError
        If openpyxl is not installed, saying to install the ``xlsx`` extra.
    """
    package = "openpyxl"
    try:
        return importlib.import_module(package)
    except ImportError as error:
        raise MissingExtraError(package, needed_by, extra="xlsx") from error


def format_of(name: str | None, given: str | None, head: bytes | None = None) -> SpreadsheetFormat:
    """The format to read or write: the one given, else the suffix's, else what the first bytes show.

    Raises
    ------
    UsageError
        For a format or suffix we do not know, saying which we do.
    """
    if given is not None:
        if given not in ("xlsx", "csv"):
            msg = f"unknown spreadsheet format {given!r}; expected 'xlsx' or 'csv'" + did_you_mean(
                given, ("xlsx", "csv")
            )
            raise UsageError(msg)
        return "xlsx" if given == "xlsx" else "csv"
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in _OTHER_FORMATS:
        msg = (
            f"{name}: {_OTHER_FORMATS[suffix]} cannot be read or written; "
            "save the sheet as an Excel workbook (.xlsx) or as CSV (.csv)"
        )
        raise UsageError(msg)
    if head is not None and name is None:
        return "xlsx" if head.startswith(_ZIP_MAGIC) else "csv"
    known = ", ".join(SUFFIXES)
    msg = f"cannot tell the format of {name or 'the file'!r} from its suffix (known: {known}); pass format='xlsx' or format='csv'"
    raise UsageError(msg)


def _too_large(size: int | None, limit: int, what: str = "the file") -> Problem:
    found = f"more than {limit:,} bytes" if size is None else f"{size:,} bytes"
    return Problem(
        "",
        f"{what} is too large to read: {found}, and the limit is {limit:,} bytes",
        expected=f"at most {limit:,} bytes (pass max_bytes= to raise the limit, or None for no limit)",
    )


def _obtain(source: object, limit: int | None) -> tuple[bytes | str, str | None, str]:
    """The content (at most ``limit`` bytes, else a LoadError), the file name if any, and the name for errors."""
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        if not isinstance(name, str):
            msg = f"read_raci() takes the path of a file as text, not {type(name).__name__}"
            raise UsageError(msg)
        info = os.stat(name)  # a missing file is the OSError it is
        if not stat.S_ISREG(info.st_mode):
            problem = Problem("", "not a file that can be read", expected="a spreadsheet file (.xlsx or .csv)")
            raise LoadError([problem], source=name)
        if limit is not None and info.st_size > limit:
            raise LoadError([_too_large(info.st_size, limit)], source=name)
        with open(name, "rb") as handle:
            data: bytes | str = handle.read() if limit is None else handle.read(limit + 1)
        shown = name
    elif hasattr(source, "read"):
        read: object = source.read() if limit is None else source.read(limit + 1)
        if not isinstance(read, bytes | str):
            msg = f"the file object's read() gave {type(read).__name__}, not bytes or text"
            raise UsageError(msg)
        data = read
        given_name = getattr(source, "name", None)
        name = given_name if isinstance(given_name, str) else None
        shown = name or "<file>"
    else:
        msg = f"read_raci() takes the path of a file or a file object, not {type(source).__name__}"
        raise UsageError(msg)
    if limit is not None and len(data) > limit:
        raise LoadError([_too_large(None, limit)], source=shown)
    return data, name, shown


def read_grid(
    source: object,
    *,
    format: str | None,
    sheet: str | None,
    delimiter: str | None,
    max_bytes: int | None,
) -> Grid:
    """Read one sheet of a workbook, or a CSV file, into a :class:`Grid`.

    Raises
    ------
    LoadError
        If the file cannot be read as a spreadsheet of its format.
    UsageError
        For an unknown format, or arguments that do not fit it.
    """
    data, name, shown = _obtain(source, max_bytes)
    head = data[:4] if isinstance(data, bytes) else None
    chosen = format_of(name, format, head)
    if chosen == "xlsx":
        if delimiter is not None:
            msg = "delimiter= is for CSV files; a workbook has no delimiter"
            raise UsageError(msg)
        if isinstance(data, str):
            msg = "a workbook (.xlsx) is binary: open the file in binary mode ('rb')"
            raise UsageError(msg)
        return _read_workbook(data, shown, sheet, max_bytes)
    if sheet is not None:
        msg = f"sheet= is for workbooks (.xlsx); a CSV file has one sheet (given {sheet!r})"
        raise UsageError(msg)
    if delimiter is not None and delimiter not in _DELIMITERS:
        msg = f"delimiter must be one of ',', ';' or a tab, not {delimiter!r}"
        raise UsageError(msg)
    return _read_csv(data, shown, delimiter)


# -- CSV ----------------------------------------------------------------------------------


def _decode(data: bytes, shown: str) -> str:
    """CSV bytes as text: UTF-8 (with or without a byte order mark) or UTF-16 with its byte order mark."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode Text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            problem = Problem("", "not UTF-16 text, although it starts with UTF-16's byte order mark")
            raise LoadError([problem], source=shown) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        problem = Problem(
            "",
            "not UTF-8 text",
            found=echo(data[exc.start : exc.start + 4]),
            expected="UTF-8 text (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')",
            line=line,
            column=column,
        )
        raise LoadError([problem], source=shown) from None


def _score(lines: list[str], delimiter: str) -> tuple[int, int]:
    """How well ``delimiter`` splits the first records: how many have as many cells as the first split one, and how many."""
    records: list[list[str]] = []
    try:
        for record in csv.reader(lines, delimiter=delimiter):
            if any(cell.strip() for cell in record):
                records.append(record)
            if len(records) == _SNIFFED_RECORDS:
                break
    except csv.Error:
        return (-1, 0)
    wide = [index for index, record in enumerate(records) if len(record) >= 2]
    if not wide:  # nothing is split: a title line and no header, or one column
        return (0, 0)
    width = len(records[wide[0]])  # the header's, past title lines of one cell
    return (sum(1 for record in records[wide[0] :] if len(record) == width), width)


def _sniff(lines: list[str]) -> str:
    """The delimiter that splits the first records into rows of one width, the widest (a comma on a tie).

    A delimiter that is not the file's gives rows of varying widths (a title with a comma in
    a semicolon file is one cell more than the others), so consistency comes first.
    """
    return max(_DELIMITERS, key=lambda delimiter: _score(lines, delimiter))


class _Positions:
    """Where each cell of a CSV file starts: the line and column of its first character (its opening quote)."""

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        self.records: list[tuple[int, str]] = []  # each record's first line, and its text

    def __call__(self, row: int, column: int) -> tuple[int, int] | None:
        if not 0 < row <= len(self.records):
            return None
        line, raw = self.records[row - 1]
        starts = _field_starts(raw, self.delimiter, line)
        return starts[column - 1] if 0 < column <= len(starts) else None


def _field_starts(raw: str, delimiter: str, line: int) -> list[tuple[int, int]]:
    """The line and column where each field of one record's text starts (quotes and line breaks in them followed)."""
    starts = [(line, 1)]
    column, quoted, at_start, index = 1, False, True, 0
    while index < len(raw):
        char = raw[index]
        if quoted:
            if char == '"' and raw[index + 1 : index + 2] == '"':  # a quote written twice
                index, column = index + 2, column + 2
                continue
            if char == '"':
                quoted = False
        elif char == '"' and at_start:
            quoted = True
        elif char == delimiter:
            index, column, at_start = index + 1, column + 1, True
            starts.append((line, column))
            continue
        at_start = False
        if char == "\r" and raw[index + 1 : index + 2] == "\n":
            index += 1
        if char in "\r\n":
            index, line, column = index + 1, line + 1, 1
            continue
        index, column = index + 1, column + 1
    return starts


#: The lines of a CSV text as the csv module reads them: ended by CR LF, LF or CR (and nothing else).
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _read_csv(data: bytes | str, shown: str, delimiter: str | None) -> Grid:
    text = _decode(data, shown) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    lines = _LINES.findall(text)
    skipped = 0
    hint = _SEP_LINE.match(lines[0].rstrip("\r\n")) if lines else None
    if hint is not None:  # Excel's "sep=;" line, which Excel itself does not show as a row
        lines, skipped = lines[1:], 1
        delimiter = delimiter or hint["delimiter"]
    chosen = delimiter or _sniff(lines[:1000])
    reader = csv.reader(lines, delimiter=chosen, strict=True)
    positions = _Positions(chosen)
    rows: list[tuple[Any, ...]] = []
    consumed = 0
    try:
        for record in reader:
            positions.records.append((consumed + 1 + skipped, "".join(lines[consumed : reader.line_num])))
            consumed = reader.line_num
            cells = [undo_csv_quote(cell) if cell else None for cell in record]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(tuple(cells))
    except csv.Error as exc:
        problem = Problem(
            "",
            f"not valid CSV: {exc}",
            expected="comma-, semicolon- or tab-separated values, with quotes around cells that hold them",
            line=consumed + 1 + skipped,
        )
        raise LoadError([problem], source=shown) from None
    return Grid(rows=tuple(rows), where=Where(None, positions), source=shown)


# -- Excel workbooks ----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _part(base: str, target: str) -> str:
    """The zip member a relationship's target names, relative to the part ``base``."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id to (type, member)."""
    folder, _, name = part.rpartition("/")
    member = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    found: dict[str, tuple[str, str]] = {}
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            if _local(element.tag) == "Relationship":
                found[element.get("Id", "")] = (element.get("Type", ""), _part(part, element.get("Target", "")))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """Each sheet of the workbook, in tab order: (name, state, zip member); charts sheets left out."""
    root_rels = _rels(archive, "")
    workbook = next(member for kind, member in root_rels.values() if kind.endswith("/officeDocument"))
    relations = _rels(archive, workbook)
    sheets: list[tuple[str, str, str]] = []
    with archive.open(workbook) as stream:
        for _, element in ElementTree.iterparse(stream):
            if _local(element.tag) == "sheet":
                kind, member = relations.get(element.get(f"{{{_RELATIONSHIPS}}}id", ""), ("", ""))
                if kind.endswith("/worksheet"):
                    sheets.append((element.get("name", ""), element.get("state", "visible"), member))
    return sheets


def _scan(archive: zipfile.ZipFile, member: str) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """A sheet's merged ranges, and its cells that hold a formula with no saved result or an error value."""
    merged: list[tuple[int, int, int, int]] = []
    odd: dict[tuple[int, int], str] = {}
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            tag = _local(element.tag)
            if tag == "c":
                where = _CELL.match(element.get("r", ""))
                if where is not None:
                    position = (int(where["row"]), _column_number(where["column"]))
                    value = next((child.text for child in element if _local(child.tag) == "v"), None)
                    has_formula = any(_local(child.tag) == "f" for child in element)
                    if element.get("t") == "e":
                        odd[position] = f"error:{value or '#N/A'}"
                    elif has_formula and not value and element.get("t") != "str":  # "str": a text result, maybe ""
                        odd[position] = "formula"
                element.clear()
            elif tag == "row":
                element.clear()
            elif tag == "mergeCell":
                corners = [_CELL.match(part) for part in element.get("ref", "").split(":")]
                first, last = [*corners, None, None][:2]
                if len(corners) == 2 and first is not None and last is not None:
                    merged.append(
                        (
                            int(first["row"]),
                            _column_number(first["column"]),
                            int(last["row"]),
                            _column_number(last["column"]),
                        )
                    )
    return merged, odd


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _odd_problem(where: str, kind: str) -> Problem:
    if kind == "formula":
        return Problem(
            where,
            "the cell holds a formula whose result the file does not keep",
            expected="a value: open the workbook in Excel or LibreOffice and save it, or type the value in",
        )
    return Problem(where, f"the cell holds the error value {kind.partition(':')[2]}", expected="a value")


def _choose(sheets: list[tuple[str, str, str]], sheet: str | None, shown: str) -> tuple[str, str, bool]:
    """The sheet to read: (name, member, whether it was asked for by name)."""
    names = [name for name, _, _ in sheets]
    if not sheets:
        raise LoadError([Problem("", "the workbook has no worksheet", expected="a worksheet")], source=shown)
    if sheet is None:
        visible = [(name, member) for name, state, member in sheets if state == "visible"] or [
            (name, member) for name, _, member in sheets
        ]
        return visible[0][0], visible[0][1], len(sheets) == 1
    for name, _, member in sheets:
        if name == sheet:
            return name, member, True
    for name, _, member in sheets:
        if name.casefold() == sheet.casefold():  # Excel's sheet names ignore case
            return name, member, True
    hint = suggest(sheet, names)
    problem = Problem(
        "",
        f"the workbook has no sheet named {echo(sheet)}",
        found=echo(sheet),
        expected="one of " + ", ".join(echo(n) for n in names),
        suggestion=hint,
    )
    raise LoadError([problem], source=shown)


def _read_workbook(data: bytes, shown: str, sheet: str | None, limit: int | None) -> Grid:
    openpyxl = need_openpyxl("read_raci() of an .xlsx workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        problem = Problem(
            "",
            f"not an Excel workbook (.xlsx): {exc}",
            expected="a workbook saved by Excel or LibreOffice, without a password (a password-protected workbook is "
            "encrypted, and cannot be read)",
        )
        raise LoadError([problem], source=shown) from None
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if limit is not None and unpacked > limit:
            raise LoadError([_too_large(unpacked, limit, "the workbook unpacked")], source=shown)
        try:
            sheets = _sheet_parts(archive)
        except (KeyError, StopIteration, ElementTree.ParseError, zipfile.BadZipFile, ValueError, OSError) as exc:
            problem = Problem("", f"not an Excel workbook (.xlsx) that can be read: {exc!r}", expected="a workbook")
            raise LoadError([problem], source=shown) from None
        name, member, asked = _choose(sheets, sheet, shown)
        where = Where(name)
        try:
            merged, kinds = _scan(archive, member)
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, ValueError, OSError) as exc:
            problem = Problem(where.whole(), f"the sheet cannot be read: {exc!r}", expected="a worksheet")
            raise LoadError([problem], source=shown) from None
    rows = _values(openpyxl, data, name, shown)
    odd = {position: _odd_problem(where.cell(*position), kind) for position, kind in sorted(kinds.items())}
    return Grid(
        rows=rows,
        where=where,
        source=shown,
        merged=tuple(sorted(merged)),
        odd=odd,
        sheets=tuple(n for n, _, _ in sheets),
        chosen=asked,
    )


def _values(openpyxl: Any, data: bytes, name: str, shown: str) -> tuple[tuple[Any, ...], ...]:
    """The sheet's values (formulas' saved results, not the formulas), row by row, through openpyxl."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns of what it leaves out (styles, extensions): nothing we read.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                worksheet = workbook[name]
                worksheet.reset_dimensions()  # some files claim a million rows: read the rows there are
                return tuple(_trimmed(worksheet.iter_rows(values_only=True)))
            finally:
                workbook.close()
    except Exception as exc:  # openpyxl raises anything on a damaged file: never let it through
        problem = Problem(
            "", f"the workbook cannot be read: {exc!r}", expected="a workbook saved by Excel or LibreOffice"
        )
        raise LoadError([problem], source=shown) from None


def _trimmed(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for row in rows:
        cells = list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        yield tuple(cells)
