"""Cells: what a spreadsheet cell holds as text, RACI codes, header names, ids made from titles, where cells are.

The pieces both directions share, so that what the writers put in a cell is exactly what the
reader takes out of it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Container, Mapping
from typing import Any

from iso9001_leadership._escape import CSV_FORMULA_START, printable
from iso9001_leadership.exceptions import Problem

__all__ = [
    "CODE_WORDS",
    "COLUMN_NAMES",
    "LIST_SEPARATOR",
    "Where",
    "cell_text",
    "column_letter",
    "csv_text",
    "derive_id",
    "folded",
    "parse_codes",
    "role_header_parts",
    "split_items",
    "undo_csv_quote",
    "unique_id",
]

#: The columns a RACI sheet may have besides its role columns, each with the header names it is
#: known by (compared ignoring case, spaces and underscores). The writers head each column with
#: the first name.
COLUMN_NAMES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "ref", "ref.", "reference", "no", "no.", "nr", "#", "number", "activity id", "responsibility id",
           "task id"),
    "title": ("responsibility", "responsibilities", "activity", "activities", "task", "tasks", "title", "duty",
              "duties", "deliverable", "deliverables"),
    "description": ("description", "details", "notes", "comments", "remarks"),
    "processes": ("processes", "process", "process id", "process ids", "process name", "process names"),
    "clauses": ("clauses", "clause", "iso clause", "iso clauses", "iso 9001 clause", "iso 9001 clauses", "iso 9001"),
    "authorities": ("authorities needed", "authority needed", "authorities", "authority"),
}  # fmt: skip

#: How the writers join the items of a list in one cell: ``proc-a; proc-b``.
LIST_SEPARATOR = "; "

#: The RACI letters and words a cell may hold, lower case, and the letter each stands for.
CODE_WORDS: Mapping[str, str] = {
    "r": "R",
    "a": "A",
    "c": "C",
    "i": "I",
    "responsible": "R",
    "accountable": "A",
    "consulted": "C",
    "informed": "I",
}

_CODE_SEPARATORS = re.compile(r"[\s/,;+&|]+")
_ITEM_SEPARATORS = re.compile(r"[;\n\r]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_WITH_ID = re.compile(r"\A(?P<title>.*?)\s*\((?P<id>[A-Za-z0-9][A-Za-z0-9._:/-]{0,199})\)\Z", re.DOTALL)
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOOKS_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}[0-9]+|[RrCc]([0-9]+)?")

#: The longest id :func:`derive_id` makes from a title (the model allows 200 characters).
_SLUG_LENGTH = 60


def column_letter(column: int) -> str:
    """The letters a spreadsheet heads a 1-based column with: ``A``, ``Z``, ``AA``.

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Where:
    """How problems name the places of one sheet: ``Sheet1!C7`` in a workbook; ``C7`` in CSV, with its line and column.

    ``locate`` gives, for CSV, the 1-based line and column in the file where a cell (by its
    1-based row and column) starts, so that a problem prints as ``raci.csv:7:12: C7: ...``, the
    form editors and CI logs jump to; a cell reference in a workbook says where it is itself.

    >>> Where("Sheet1").cell(7, 3), Where("My RACI").cell(7, 3), Where(None).cell(7, 3)
    ('Sheet1!C7', "'My RACI'!C7", 'C7')
    >>> Where("Sheet1").span(3, 1, 5, 1), Where("Sheet1").whole(), Where(None).whole()
    ('Sheet1!A3:A5', 'Sheet1', '')
    >>> print(Where(None, lambda row, column: (row + 1, 4 * column)).problem(7, 3, "not a RACI code"))
    line 8, column 12: C7: not a RACI code
    """

    def __init__(self, sheet: str | None, locate: Callable[[int, int], tuple[int, int] | None] | None = None) -> None:
        self.sheet = sheet
        self._locate = locate
        if sheet is None:
            self._prefix = ""
        elif _PLAIN_SHEET.fullmatch(sheet) and not _LOOKS_LIKE_A_CELL.fullmatch(sheet):
            self._prefix = f"{sheet}!"
        else:
            quoted = sheet.replace("'", "''")
            self._prefix = f"'{quoted}'!"

    def cell(self, row: int, column: int) -> str:
        """A cell, by its 1-based row and column."""
        return f"{self._prefix}{column_letter(column)}{row}"

    def span(self, first_row: int, first_column: int, last_row: int, last_column: int) -> str:
        """A range of cells, by its corners."""
        return f"{self._prefix}{column_letter(first_column)}{first_row}:{column_letter(last_column)}{last_row}"

    def whole(self) -> str:
        """The sheet as a whole (the document, for CSV)."""
        return self.sheet if self.sheet is not None else ""

    def problem(self, row: int, column: int, message: str, **details: Any) -> Problem:
        """A problem of one cell, with its line and column in the file where the format has them (CSV)."""
        position = self._locate(row, column) if self._locate is not None else None
        line, at = position if position is not None else (None, None)
        return Problem(self.cell(row, column), message, line=line, column=at, **details)


def cell_text(value: Any) -> str:
    """What a cell holds, as text: numbers as a spreadsheet shows them, dates as ISO dates; blank is ``""``.

    >>> [cell_text(v) for v in (None, " Review ", 3, 3.0, 5.3, True, dt.datetime(2026, 1, 2))]
    ['', ' Review ', '3', '3', '5.3', 'TRUE', '2026-01-02']
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def folded(text: str) -> str:
    """Text as names are compared: case, runs of white space and underscores ignored.

    >>> folded("  Quality_Manager\\n"), folded("Process ID")
    ('quality manager', 'process id')
    """
    return " ".join(text.replace("_", " ").split()).casefold()


def parse_codes(text: str) -> tuple[str, ...] | None:
    """The RACI letters a cell holds, in the order written, each once; ``None`` if it holds something else.

    Letters in either case, alone or run together (``AR``), or separated by ``/``, ``,``, ``;``,
    ``+``, ``&``, ``|`` or white space, and the words themselves (``Accountable``).

    >>> parse_codes("A/R"), parse_codes(" r, a "), parse_codes("ar"), parse_codes("Informed"), parse_codes("")
    (('A', 'R'), ('R', 'A'), ('A', 'R'), ('I',), ())
    >>> parse_codes("X"), parse_codes("S"), parse_codes("1")
    (None, None, None)
    """
    letters: list[str] = []
    for token in _CODE_SEPARATORS.split(text.strip()):
        if not token:
            continue
        word = token.casefold()
        if word in CODE_WORDS:
            letters.append(CODE_WORDS[word])
        elif len(word) <= len("raci") and set(word) <= set("raci"):
            letters.extend(CODE_WORDS[letter] for letter in word)
        else:
            return None
    return tuple(dict.fromkeys(letters))


def split_items(text: str) -> list[str]:
    """The items of a list cell: separated by semicolons or line breaks, blank ones dropped.

    >>> split_items("proc-a; proc-b\\nproc-c;;"), split_items("Design, development")
    (['proc-a', 'proc-b', 'proc-c'], ['Design, development'])
    """
    return [item.strip() for item in _ITEM_SEPARATORS.split(text) if item.strip()]


def role_header_parts(text: str) -> tuple[str, str] | None:
    """The title and id of a header written ``Title (id)``, or ``None``.

    >>> role_header_parts("Quality Manager (qm)"), role_header_parts("Quality Manager")
    (('Quality Manager', 'qm'), None)
    """
    match = _WITH_ID.match(text.strip())
    return None if match is None else (match["title"].strip(), match["id"])


def derive_id(text: str, fallback: str) -> str:
    """An id made from a title: ASCII letters and digits, lower case, joined by hyphens.

    >>> derive_id("Quality Manager", "role-c"), derive_id("Qualitäts-Manager & Co.", "role-c"), derive_id("—", "role-c")
    ('quality-manager', 'qualitats-manager-co', 'role-c')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_JUNK.sub("-", ascii_text.casefold()).strip("-")
    slug = slug[:_SLUG_LENGTH].rstrip("-")
    return slug or fallback


def unique_id(candidate: str, taken: Container[str]) -> str:
    """``candidate``, or ``candidate-2``, ``candidate-3``... the first whose case-folded form is not ``taken``.

    ``taken`` holds ids case-folded (``str.casefold``), since no two ids may differ only in case.

    >>> unique_id("review", {"review", "review-2"}), unique_id("Audit", {"audit"}), unique_id("new", set())
    ('review-3', 'Audit-2', 'new')
    """
    if candidate.casefold() not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}".casefold() in taken:
        number += 1
    return f"{candidate}-{number}"


def csv_text(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula (OWASP), and that :func:`undo_csv_quote` reads back.

    Control characters are written as visible escapes (line feeds are kept). A cell that would
    start a formula (``=``, ``+``, ``-``, ``@``) gets a single quote before it, and so does one
    whose leading single quotes are followed by a formula start, so that a quote the text
    itself begins with survives the reading back.

    >>> csv_text("=SUM(A1)"), csv_text("'=x"), csv_text("'quoted"), csv_text("Quality")
    ("'=SUM(A1)", "''=x", "'quoted", 'Quality')
    """
    text = printable(text, keep="\n")
    return "'" + text if text.lstrip("'").startswith(CSV_FORMULA_START) else text


def undo_csv_quote(text: str) -> str:
    """A CSV cell's text with the quote :func:`csv_text` put before a formula start taken off.

    >>> undo_csv_quote("'=SUM(A1)"), undo_csv_quote("''=x"), undo_csv_quote("'quoted"), undo_csv_quote("-")
    ('=SUM(A1)', "'=x", "'quoted", '-')
    """
    if text.startswith("'") and text.lstrip("'").startswith(CSV_FORMULA_START):
        return text[1:]
    return text
