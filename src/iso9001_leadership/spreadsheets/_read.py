"""Reading a RACI matrix from a sheet into an organization, every problem located at its cell."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from iso9001_leadership._names import ID_PATTERN, Suggester, echo, plural
from iso9001_leadership.clauses import CLAUSE_PATTERN
from iso9001_leadership.exceptions import InvalidOrganizationError, LoadError, Problem, UsageError
from iso9001_leadership.io import MAX_BYTES
from iso9001_leadership.model import Authority, Organization, Process, Responsibility, Role

from ._cells import COLUMN_NAMES, cell_text, column_letter, derive_id, folded, parse_codes, split_items, unique_id
from ._grid import Grid, read_grid
from ._headers import Headers

__all__ = ["read_raci"]

#: The RACI letters and the responsibility field each fills.
_FIELDS = {"A": "accountable", "R": "responsible", "C": "consulted", "I": "informed"}

_EXPECTED_ID = "letters, digits and . _ : / - (starting with a letter or digit, at most 200 characters)"
_EXPECTED_CODE = "R, A, C or I, or several of them such as A/R; or nothing"
_EXPECTED_CLAUSE = "a clause number with an optional item letter, such as '5.3 a' or '9.3.2'"
_COLUMN_LIST = ", ".join(names[0] for names in COLUMN_NAMES.values())
_CLAUSE_SEPARATORS = re.compile(r"[;,\n\r]+")
_CLAUSE_PREFIX = re.compile(r"\A(?:iso\s*9001\s*)?(?:clause|cl\.|§)\s*", re.IGNORECASE)
_CLAUSE_LOOSE = re.compile(r"\A(?P<number>\d+(?:\.\d+)*)\s*\(?(?P<item>[a-z])\)?\Z")

#: Where a problem sorts: (row, column, order found); whole-sheet problems first, the base's last.
_Key = tuple[float, float, int]


@attrs.define
class _Column:
    index: int  # 0-based
    kind: str  # a key of COLUMN_NAMES, or "role"
    role: str = ""


@attrs.define
class _Row:
    number: int  # 1-based
    id: str | None = None
    title: str = ""
    description: str | None = None
    processes: tuple[str, ...] | None = None
    clauses: tuple[str, ...] | None = None
    authorities: tuple[str, ...] | None = None
    letters: dict[str, list[str]] = attrs.field(factory=dict)  # role id -> codes
    dropped: bool = False  # reported already: made into no responsibility


class _Named:
    """Processes or authorities named in cells: matched against the base's, or created without a base."""

    def __init__(self, kind: str, elements: Sequence[Process] | Sequence[Authority] | None) -> None:
        self.kind = kind
        self.base = elements
        self.created: dict[str, tuple[str, tuple[int, int]]] = {}  # id -> (name, first cell)
        self._by_id: dict[str, str] = {}
        self._by_folded_id: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        self._suggester: Suggester | None = None
        for element in elements or ():
            name = element.name if isinstance(element, Process) else element.title
            self._by_id[element.id] = element.id
            self._by_folded_id[element.id.casefold()] = element.id
            self._by_name.setdefault(folded(name), []).append(element.id)

    def find(self, text: str) -> str | None:
        found = self._by_id.get(text) or self._by_folded_id.get(text.casefold())
        if found is not None:
            return found
        same = self._by_name.get(folded(text), [])
        return same[0] if len(same) == 1 else None

    def ambiguous(self, text: str) -> tuple[str, ...]:
        same = self._by_name.get(folded(text), [])
        return tuple(same) if len(same) > 1 else ()

    def suggest(self, text: str) -> str | None:
        if self._suggester is None:
            names = []
            for element in self.base or ():
                names += [element.id, element.name if isinstance(element, Process) else element.title]
            self._suggester = Suggester(names)
        return self._suggester(text)

    def create(self, text: str, cell: tuple[int, int], taken: set[str]) -> str:
        found = self.find(text)
        if found is not None:
            return found
        new_id = unique_id(derive_id(text, f"{self.kind}-{len(self.created) + 1}"), taken)
        taken.add(new_id.casefold())
        self.created[new_id] = (" ".join(text.split()), cell)
        self._by_id[new_id] = new_id
        self._by_folded_id[new_id.casefold()] = new_id
        self._by_name.setdefault(folded(text), []).append(new_id)
        return new_id


def _keep_order(chosen: Sequence[str], before: Sequence[str]) -> tuple[str, ...]:
    """``chosen``, in the order of ``before`` when both hold the same ids (so nothing unchanged is reordered)."""
    return tuple(before) if set(chosen) == set(before) and len(chosen) == len(before) else tuple(chosen)


class _Reader:
    """One reading of a grid into an organization: every problem found is kept, then raised together."""

    def __init__(self, grid: Grid, base: Organization | None, name: str | None, keep_others: bool) -> None:
        self.grid = grid
        self.where = grid.where
        self.base = base
        self.name = name
        self.keep_others = keep_others
        self.problems: list[tuple[_Key, Problem]] = []
        self.headers = Headers(None if base is None else base.roles)
        self.processes = _Named("process", None if base is None else base.processes)
        self.authorities = _Named("authority", None if base is None else base.authorities)
        self.created_roles: dict[str, tuple[str, int]] = {}  # id -> (title, column)
        self.columns: list[_Column] = []
        self.header_row = 0
        self.bad: set[tuple[int, int]] = set()
        self.taken: set[str] = set() if base is None else {i.casefold() for i in base.ids()}

    # -- problems ------------------------------------------------------------------------

    def problem(self, row: float, column: float, problem: Problem) -> None:
        self.problems.append(((row, column, len(self.problems)), problem))

    def at(self, row: int, column: int, message: str, **details: Any) -> None:
        self.problem(row, column, self.where.problem(row, column, message, **details))

    def fail(self, *, shape: bool = False) -> LoadError:
        """The error listing every problem; ``shape``: the sheet is not a RACI matrix at all (maybe the wrong one)."""
        ordered = [problem for _, problem in sorted(self.problems, key=lambda item: item[0])]
        grid = self.grid
        if shape and len(grid.sheets) > 1 and not grid.chosen:
            ordered.append(
                Problem(
                    self.where.whole(),
                    f"the workbook has {len(grid.sheets)} sheets and the first, {echo(self.where.sheet)}, was read",
                    expected="sheet= naming the sheet that holds the RACI matrix (--sheet on the command line), "
                    "one of " + ", ".join(echo(n) for n in grid.sheets),
                )
            )
        return LoadError(ordered, source=grid.source)

    # -- cells ---------------------------------------------------------------------------

    def value(self, row: int, column: int) -> Any:
        """The value of a 1-based cell; ``None`` for a blank cell or one already reported as odd."""
        if (row, column) in self.bad:
            return None
        cells = self.grid.rows[row - 1] if row <= len(self.grid.rows) else ()
        return cells[column - 1] if column <= len(cells) else None

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column)).strip()

    def filled(self, row: int) -> list[int]:
        """The 1-based columns of a row's non-blank cells."""
        cells = self.grid.rows[row - 1]
        return [index + 1 for index, value in enumerate(cells) if cell_text(value).strip()]

    # -- the header ----------------------------------------------------------------------

    def find_header(self) -> bool:
        """Find the header row: the first with two or more cells (single-cell rows above it are titles)."""
        for index, _ in enumerate(self.grid.rows):
            if len(self.filled(index + 1)) >= 2:
                self.header_row = index + 1
                return True
        first = next((i + 1 for i in range(len(self.grid.rows)) if self.filled(i + 1)), None)
        expected = (
            "a header row with a column for the responsibilities and a column per role, then a row per responsibility"
        )
        if first is None:
            self.problem(0, 0, Problem(self.where.whole(), "the sheet is empty", expected=expected))
        else:
            self.at(first, self.filled(first)[0], "no header row: no row has more than one cell", expected=expected)
        return False

    def mark_odd_cells(self) -> None:
        """Report the cells the workbook itself says are wrong, and merged ranges that hide values."""
        for (row, column), problem in self.grid.odd.items():
            if row >= self.header_row:
                self.bad.add((row, column))
                self.problem(row, column, problem)
        for first_row, first_column, last_row, last_column in self.grid.merged:
            if last_row < self.header_row:
                continue  # a title above the header
            shown = cell_text(self.value(first_row, first_column)).strip()
            if not shown:
                continue  # nothing is hidden
            span = self.where.span(first_row, first_column, last_row, last_column)
            first = f"{column_letter(first_column)}{first_row}"
            self.problem(
                first_row,
                first_column,
                Problem(
                    span,
                    f"merged cells: only {first} holds the value {echo(shown)}; every other cell of the range reads "
                    "as empty",
                    expected="one value in each cell: unmerge the cells and fill each of them in",
                ),
            )

    def body_rows(self) -> range:
        return range(self.header_row + 1, len(self.grid.rows) + 1)

    def contents(self, column: int) -> list[int]:
        """The body rows that hold something in a 1-based column."""
        return [row for row in self.body_rows() if cell_text(self.value(row, column)).strip()]

    def cells_text(self, column: int, rows: list[int]) -> str:
        shown = [f"{column_letter(column)}{row}" for row in rows[:3]]
        more = f" and {plural(len(rows) - 3, 'more cell')}" if len(rows) > 3 else ""
        return ", ".join(shown) + more

    def read_header(self) -> None:
        row = self.header_row
        width = max(len(cells) for cells in self.grid.rows[row - 1 :])
        first_of: dict[str, int] = {}  # column kind or role id -> first 1-based column
        titles: dict[str, int] = {}  # folded title of a new role -> its column
        for column in range(1, width + 1):
            header = self.text(row, column)
            if not header:
                rows = self.contents(column)
                if rows:
                    self.at(
                        row,
                        column,
                        f"column {column_letter(column)} holds values ({self.cells_text(column, rows)}) but has no header",
                        expected=f"a header: a role's id or title, or a column name ({_COLUMN_LIST})",
                    )
                continue
            resolved = self.headers.resolve(header)
            key: str | None = None
            if resolved.kind == "field":
                key = resolved.name
            elif resolved.kind == "role":
                key = "role:" + resolved.name
            elif resolved.kind == "new":
                key = self.new_role(resolved.name, resolved.title, column, titles)
            else:
                rows = self.contents(column)
                if resolved.kind == "ambiguous":
                    self.at(
                        row,
                        column,
                        f"the header {echo(header)} is the title of several roles: "
                        + ", ".join(echo(c) for c in resolved.candidates),
                        expected="the role's id, or 'Title (id)'",
                    )
                elif rows:  # a column with nothing in it loses nothing: it is left out
                    self.at(
                        row,
                        column,
                        f"unknown column {echo(header)}: no role of the base organization has this id or title, and "
                        f"it is no column name; it holds values in {self.cells_text(column, rows)}",
                        expected=f"the id or title of a role, or a column name ({_COLUMN_LIST})",
                        suggestion=resolved.candidates[0] if resolved.candidates else None,
                    )
                continue
            if key is None:
                continue
            if key in first_of:
                what = f"the role {echo(key[5:])}" if key.startswith("role:") else f"the {COLUMN_NAMES[key][0]} column"
                first = f"{column_letter(first_of[key])}{row}"
                self.at(
                    row,
                    column,
                    f"the header {echo(header)} names {what} again (its column is {first})",
                    expected="one column each",
                )
                continue
            first_of[key] = column
            if key.startswith("role:"):
                self.columns.append(_Column(column - 1, "role", key[5:]))
            else:
                self.columns.append(_Column(column - 1, key))
        kinds = {c.kind for c in self.columns}
        if "title" not in kinds and "description" in kinds:
            for c in self.columns:  # a lone description column names the responsibilities
                if c.kind == "description":
                    c.kind = "title"
        if not kinds & {"title", "id", "description"}:
            self.at(
                row,
                1,
                "the header row has no column for the responsibilities",
                expected="a column headed " + ", ".join(repr(n) for n in COLUMN_NAMES["title"][:4]) + " or 'title' "
                "(or 'id', with a base organization that has the responsibilities)",
            )

    def new_role(self, given: str, title: str, column: int, titles: dict[str, int]) -> str | None:
        """A role made from a header (no base organization): its column key, or None if it repeats another."""
        row = self.header_row
        fold = folded(title)
        first = next(
            (at for existing, (_, at) in self.created_roles.items() if existing.casefold() == given.casefold()), None
        )
        if not given and fold in titles:
            first = titles[fold]
        if first is not None:
            self.at(
                row,
                column,
                f"the header {echo(self.text(row, column))} names the role {echo(given or title)} again (its column "
                f"is {column_letter(first)}{row})",
                expected="one column each",
            )
            return None
        role_id = given or unique_id(derive_id(title, f"role-{column_letter(column).lower()}"), self.taken)
        titles.setdefault(fold, column)
        self.taken.add(role_id.casefold())
        self.created_roles[role_id] = (title, column)
        return "role:" + role_id

    # -- the body ------------------------------------------------------------------------

    def read_rows(self) -> list[_Row]:
        rows: list[_Row] = []
        for number in self.body_rows():
            if not any(self.text(number, c.index + 1) for c in self.columns):
                continue  # a blank row (what else it holds was reported with its column)
            rows.append(self.read_row(number))
        return rows

    def read_row(self, number: int) -> _Row:
        row = _Row(number)
        for column in self.columns:
            at = column.index + 1
            text = self.text(number, at)
            if column.kind == "role":
                self.read_codes(row, column.role, at, text)
            elif column.kind == "id":
                self.read_id(row, at)
            elif column.kind == "title":
                row.title = text
            elif column.kind == "description":
                row.description = text
            elif column.kind == "processes":
                row.processes = self.read_named(self.processes, number, at, text)
            elif column.kind == "authorities":
                row.authorities = self.read_named(self.authorities, number, at, text)
            elif column.kind == "clauses":
                row.clauses = self.read_clauses(number, at, text)
        return row

    def read_codes(self, row: _Row, role: str, column: int, text: str) -> None:
        if not text:
            return
        codes = parse_codes(text)
        if codes is None:
            self.at(
                row.number,
                column,
                f"{echo(text)} is not a RACI code",
                expected=f"{_EXPECTED_CODE} (column {column_letter(column)} is the role {echo(role)})",
            )
            return
        row.letters[role] = list(codes)

    def read_id(self, row: _Row, column: int) -> None:
        value = self.value(row.number, column)
        text = cell_text(value).strip()
        if not text:
            return
        if not ID_PATTERN.match(text) or isinstance(value, bool | dt.date | dt.time | dt.timedelta):
            self.at(row.number, column, "malformed id", found=echo(text), expected=_EXPECTED_ID)
            return
        row.id = text

    def read_named(self, named: _Named, number: int, column: int, text: str) -> tuple[str, ...]:
        found: list[str] = []
        for item in split_items(text):
            element: str | None
            if named.base is None:
                element = named.create(item, (number, column), self.taken)
            else:
                element = named.find(item)
                if element is None:
                    self.unknown_named(named, number, column, item)
                    continue
            if element not in found:
                found.append(element)
        return tuple(found)

    def unknown_named(self, named: _Named, number: int, column: int, item: str) -> None:
        several = named.ambiguous(item)
        if several:
            message = f"{echo(item)} is the name of several {named.kind} elements: " + ", ".join(map(echo, several))
            self.at(number, column, message, expected=f"the {named.kind}'s id")
            return
        self.at(
            number,
            column,
            f"unknown {named.kind} {echo(item)}",
            found=echo(item),
            expected=f"the id or name of a {named.kind} of the base organization; several separated by semicolons",
            suggestion=named.suggest(item),
        )

    def read_clauses(self, number: int, column: int, text: str) -> tuple[str, ...]:
        found: list[str] = []
        for item in _CLAUSE_SEPARATORS.split(text):
            clause = " ".join(_CLAUSE_PREFIX.sub("", item.strip()).split())
            if not clause:
                continue
            loose = _CLAUSE_LOOSE.match(clause.lower())
            if not CLAUSE_PATTERN.match(clause) and loose is not None:
                clause = f"{loose['number']} {loose['item']}" if loose["item"] else loose["number"]
            if not CLAUSE_PATTERN.match(clause):
                self.at(number, column, "not a clause id", found=echo(item.strip()), expected=_EXPECTED_CLAUSE)
                continue
            if clause not in found:
                found.append(clause)
        return tuple(found)

    # -- the responsibilities ------------------------------------------------------------

    def cell_of(self, row: _Row, *kinds: str) -> int:
        """The 1-based column of the first of ``kinds`` the sheet has (the row's first column otherwise)."""
        for kind in kinds:
            for column in self.columns:
                if column.kind == kind:
                    return column.index + 1
        return 1

    def assign_ids(self, rows: list[_Row]) -> None:
        """Ids for every row: given, found by title among the base's responsibilities, or made from the title."""
        seen: dict[str, int] = {}
        for row in rows:
            if row.id is None:
                continue
            first = seen.setdefault(row.id.casefold(), row.number)
            if first != row.number:
                column = self.cell_of(row, "id")
                self.at(
                    row.number,
                    column,
                    f"duplicate id {echo(row.id)}, already used in row {first} ({column_letter(column)}{first})",
                    found=echo(row.id),
                    expected="an id used by no other row",
                )
                row.dropped = True  # reported: not made into a second responsibility
            else:
                self.taken.add(row.id.casefold())
        base = self.base.responsibilities if self.base is not None else ()
        by_title: dict[str, list[str]] = {}
        for responsibility in base:
            by_title.setdefault(folded(responsibility.title), []).append(responsibility.id)
        listed = {row.id for row in rows if row.id is not None and not row.dropped}
        titled: dict[str, int] = {}
        for row in rows:
            if row.id is not None or not row.title or row.dropped:
                continue
            fold = folded(row.title)
            if fold in titled:
                column = self.cell_of(row, "title")
                self.at(
                    row.number,
                    column,
                    f"the responsibility {echo(row.title)} is listed twice (rows {titled[fold]} and {row.number}), and "
                    "no id tells the rows apart",
                    expected="a different title, or an id column",
                )
                row.dropped = True
                continue
            titled[fold] = row.number
            matches = [i for i in by_title.get(fold, []) if i not in listed]
            if len(matches) == 1:
                row.id = matches[0]
                listed.add(row.id)
        self.taken |= {i.casefold() for i in listed}
        for row in rows:  # an id made from a title differs from every id of the base and of the sheet
            if row.id is None and row.title and not row.dropped:
                row.id = unique_id(derive_id(row.title, f"responsibility-{row.number}"), self.taken)
                self.taken.add(row.id.casefold())

    def build(self, row: _Row, roles: Sequence[str], columns: set[str]) -> Responsibility | None:
        """The responsibility of a row, merged with the base's of the same id; None (reported) without a title."""
        assert row.id is not None
        before = None
        if self.base is not None and row.id in self.base:
            found = self.base[row.id]
            before = found if isinstance(found, Responsibility) else None
        title = row.title or (before.title if before is not None else "")
        if not title:
            column = self.cell_of(row, "title")
            self.at(
                row.number,
                column,
                f"no responsibility is named in row {row.number}",
                expected="what must be done, in a few words",
            )
            return None
        fields: dict[str, Any] = {"id": row.id, "title": title}
        given: dict[str, str | tuple[str, ...] | None] = {
            "description": row.description,
            "clauses": row.clauses,
            "processes": row.processes,
            "authorities_needed": row.authorities,
        }
        for name, value in given.items():
            if value is None:  # the sheet has no such column: the base's stays
                if before is not None:
                    fields[name] = getattr(before, name)
            elif before is not None and isinstance(value, tuple):
                fields[name] = _keep_order(value, getattr(before, name))
            else:
                fields[name] = value
        for code, name in _FIELDS.items():
            chosen = [role for role in roles if code in row.letters.get(role, ())]
            if before is None:
                fields[name] = tuple(chosen)
                continue
            kept = [role for role in getattr(before, name) if role not in columns]  # no column: the sheet says nothing
            fields[name] = _keep_order([*chosen, *kept], getattr(before, name))
        return Responsibility(**fields)

    def organization(self, source: str) -> Organization:
        if not self.find_header():
            raise self.fail(shape=True)
        self.mark_odd_cells()
        self.read_header()
        kinds = {c.kind for c in self.columns}
        if not kinds & {"title", "id"}:
            raise self.fail(shape=True)  # no column says which responsibility a row is: the rows cannot be read
        rows = self.read_rows()
        self.assign_ids(rows)
        role_columns = [c.role for c in self.columns if c.kind == "role"]
        with_columns = set(role_columns)
        built: list[tuple[Responsibility, _Row]] = []
        for row in rows:
            if row.dropped:
                continue
            if row.id is None:  # the row holds something, but names no responsibility
                self.at(
                    row.number,
                    self.cell_of(row, "title"),
                    f"no responsibility is named in row {row.number}",
                    expected="what must be done, in a few words",
                )
                continue
            responsibility = self.build(row, role_columns, with_columns)
            if responsibility is not None:
                built.append((responsibility, row))
        if self.problems:
            raise self.fail(shape="role" not in kinds)
        return self.assemble(built, source)

    def assemble(self, built: list[tuple[Responsibility, _Row]], source: str) -> Organization:
        responsibilities = [r for r, _ in built]
        listed = {r.id for r in responsibilities}
        kept: list[Responsibility] = []
        if self.base is not None and self.keep_others:
            kept = [r for r in self.base.responsibilities if r.id not in listed]
        locations: dict[str, tuple[int, int]] = {
            r.id: (row.number, self.cell_of(row, "title", "id")) for r, row in built
        }
        for role_id, (_, column) in self.created_roles.items():
            locations[role_id] = (self.header_row, column)
        for named in (self.processes, self.authorities):
            for element_id, (_, cell) in named.created.items():
                locations[element_id] = cell
        try:
            if self.base is None:
                org = Organization(
                    name=self.name or "RACI",
                    roles=tuple(Role(id=i, title=t) for i, (t, _) in self.created_roles.items()),
                    processes=tuple(Process(id=i, name=n) for i, (n, _) in self.processes.created.items()),
                    authorities=tuple(Authority(id=i, title=n) for i, (n, _) in self.authorities.created.items()),
                    responsibilities=tuple(responsibilities),
                )
            else:
                changes: dict[str, Any] = {"responsibilities": (*responsibilities, *kept)}
                if self.name is not None:
                    changes["name"] = self.name
                org = self.base.evolve(**changes)
        except InvalidOrganizationError as exc:
            for problem in exc.problems:
                self.locate_model_problem(problem, built)
            raise self.fail() from None
        return org.with_locations(locations, source=source)

    def locate_model_problem(self, problem: Problem, built: list[tuple[Responsibility, _Row]]) -> None:
        """A rule of the model the sheet breaks, at the cell it comes from (or named in the base)."""
        match = _PATH.match(problem.path)
        if match is not None and match["collection"] == "responsibilities" and int(match["index"]) < len(built):
            responsibility, row = built[int(match["index"])]
            field = match["field"] or "title"
            column = self.field_column(row, field, responsibility, match["item"])
            details = {"found": problem.found, "expected": problem.expected, "suggestion": problem.suggestion}
            self.at(row.number, column, problem.message, **details)
            return
        if self.base is None and match is not None:
            element = self.created_element(match["collection"], int(match["index"]))
            if element is not None:
                self.at(*element, problem.message, found=problem.found, expected=problem.expected)
                return
        base_name = self.base.source if self.base is not None and self.base.source else "the base organization"
        dropped = {r.id for r in self.base.responsibilities} if self.base is not None else set()
        message = problem.message
        if any(echo(i) in message for i in dropped):
            message += " (a responsibility of the base that the sheet does not list)"
        self.problem(math.inf, 0, attrs.evolve(problem, path=f"{base_name}: {problem.path}", message=message))

    def field_column(self, row: _Row, field: str, responsibility: Responsibility, item: str | None) -> int:
        kinds = {
            "id": ("id", "title"),
            "title": ("title", "id"),
            "description": ("description", "title"),
            "clauses": ("clauses", "title"),
            "processes": ("processes", "title"),
            "authorities_needed": ("authorities", "title"),
        }
        if field in _FIELDS.values() and item is not None:
            role = getattr(responsibility, field)[int(item)]
            for column in self.columns:
                if column.kind == "role" and column.role == role:
                    return column.index + 1
        return self.cell_of(row, *kinds.get(field, ("title", "id")))

    def created_element(self, collection: str, index: int) -> tuple[int, int] | None:
        if collection == "roles" and index < len(self.created_roles):
            return self.header_row, list(self.created_roles.values())[index][1]
        named = {"processes": self.processes, "authorities": self.authorities}.get(collection)
        if named is not None and index < len(named.created):
            return list(named.created.values())[index][1]
        return None


_PATH = re.compile(r"\A(?P<collection>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<field>[a-z_]+)(?:\[(?P<item>\d+)\])?)?")


def read_raci(
    source: str | os.PathLike[str] | Any,
    *,
    sheet: str | None = None,
    base: Organization | None = None,
    name: str | None = None,
    keep_others: bool = False,
    format: str | None = None,
    delimiter: str | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> Organization:
    """Read a RACI matrix from an Excel workbook or a CSV file into an organization.

    The sheet holds one row per responsibility and one column per role; each cell holds the
    role's part in the responsibility: ``R`` (responsible), ``A`` (accountable), ``C``
    (consulted), ``I`` (informed), several of them (``A/R``, ``R, A``, ``AR``), in either case,
    or nothing. The header row is the first row with two or more cells (single-cell rows above
    it, such as a title, are skipped). Besides the role columns the sheet may have these, their
    headers compared ignoring case (see :data:`COLUMN_NAMES` for every name each is known by):

    - ``id``: the responsibility's id; without one, an id is made from the title (or, with a
      ``base`` that has a responsibility of that title, that responsibility's id is taken);
    - ``responsibility`` (or ``activity``, ``task``, ``title``): what must be done;
    - ``description``: details (a sheet with a description column and no title column takes
      the descriptions as titles);
    - ``processes``, ``clauses``, ``authorities needed``: lists, items separated by semicolons
      or line breaks (clauses also by commas). Processes and authorities are matched by id or
      name; clause ids may be written loosely (``5.3a``, ``Clause 5.3 (a)``).

    With a ``base`` organization, role columns are matched to its roles by id or title (a
    header ``Title (id)`` names the role by id), processes and authorities to its own, and the
    result is the base with the sheet's responsibilities: a responsibility whose id the base
    has keeps what the sheet does not say (its description, say, when the sheet has no
    description column, and its parts for roles that have no column). The base's
    responsibilities that the sheet does not list are left out, unless ``keep_others``.
    Without a base, every header that is not a column name makes a role, with an id made from
    its title (``Quality Manager`` gives ``quality-manager``; ``Quality Manager (qm)`` gives
    ``qm``), and every process or authority named makes one.

    The model's rules hold as for any organization: a responsibility with no accountable role,
    or several, is read (the assessment finds it), but an unknown role or process is not.

    Parameters
    ----------
    source
        The path of a ``.xlsx`` (``.xlsm``) or ``.csv`` (``.tsv``, ``.txt``) file, or a file
        object (binary; text for CSV).
    sheet
        The workbook's sheet to read, by name (ignoring case); by default the first visible one.
    base
        The organization whose roles, processes and authorities the sheet names.
    name
        The organization's name (by default the base's, or the file's name without suffix).
    keep_others
        Keep the base's responsibilities that the sheet does not list.
    format
        ``"xlsx"`` or ``"csv"``; by default from the suffix (or, for a file object without a
        name, from its first bytes).
    delimiter
        For CSV: ``","``, ``";"`` or a tab; by default the one that splits the header row into
        the most cells (an Excel ``sep=;`` first line is honoured). The file is UTF-8, with or
        without a byte order mark, or UTF-16 with one (Excel's "Unicode Text").
    max_bytes
        The largest file read (for a workbook, also the most it may unpack to); ``None`` for no
        limit.

    Returns
    -------
    Organization
        Its :attr:`~iso9001_leadership.Organization.source` is the file, and its
        :attr:`~iso9001_leadership.Organization.locations` give the row and column where each
        responsibility (and each role, process and authority made from the sheet) is.

    Raises
    ------
    LoadError
        Listing every problem of the sheet, each at its cell (``Sheet1!C7`` in a workbook;
        ``C7`` in CSV, with the line and column in the file where the cell starts): what was
        found, what was expected and the nearest name for an unknown role, process or authority. Columns with values but no known
        header, repeated columns and ids, merged cells that hide values, formulas whose result
        the file does not keep and error values are all reported, never dropped.
    MissingExtraError
        For a workbook, if openpyxl is not installed (the ``xlsx`` extra; see docs/install.md).
    UsageError
        For an unknown format, or an argument that does not fit the format.
    OSError
        If the file cannot be opened.

    Examples
    --------
    >>> import io
    >>> sheet = io.StringIO(
    ...     "Activity;Quality Manager;CEO\\n"
    ...     "Keep the QMS conforming;A/R;I\\n"
    ...     "Run management reviews;c;a\\n"
    ... )
    >>> org = read_raci(sheet, format="csv", name="Acme")
    >>> [(r.id, r.accountable, r.responsible) for r in org.responsibilities]
    [('keep-the-qms-conforming', ('quality-manager',), ('quality-manager',)), ('run-management-reviews', ('ceo',), ())]
    >>> read_raci(io.StringIO("Activity,CEO\\nReview,X\\n"), format="csv")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.LoadError: <file>: 1 problem:
      - line 2, column 8: B2: 'X' is not a RACI code; expected R, A, C or I, or several of them such as A/R; or nothing (column B is the role 'ceo')
    """
    base = _organization_or_none(base)
    grid = read_grid(source, format=format, sheet=sheet, delimiter=delimiter, max_bytes=max_bytes)
    chosen_name = name if name is not None else (None if base is not None else _stem(grid.source))
    return _Reader(grid, base, chosen_name, keep_others).organization(grid.source)


def _organization_or_none(base: object) -> Organization | None:
    if base is not None and not isinstance(base, Organization):
        msg = f"base must be an Organization, not {type(base).__name__}"
        raise UsageError(msg)
    return base


def _stem(shown: str) -> str | None:
    stem = Path(shown).stem if shown != "<file>" else ""
    return stem or None
