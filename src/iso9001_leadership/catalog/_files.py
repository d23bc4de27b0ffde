"""The catalog file format: reading requirement records from YAML, checked strictly.

One format serves the shipped catalog and users' own: a mapping with a ``requirements``
list, each entry giving a stable id, the clause id in each edition it applies to, and the
text and hints that :class:`~iso9001_leadership.catalog.Requirement` holds. Files are read
with the project's strict YAML (no duplicate keys, no tags, YAML 1.2 scalars, positions
kept) and structured with its strict converter, so every problem comes back at once, each
with its path and line.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

from iso9001_leadership._names import suggest
from iso9001_leadership.exceptions import Problem
from iso9001_leadership.io import (
    InvalidValueError,
    Positions,
    join_path,
    locate,
    make_converter,
    parse_yaml,
    problems_from_exception,
    unknown_field,
)

from ._errors import CatalogError
from ._requirement import (
    DEFAULT_EDITION,
    EDITIONS,
    Decidability,
    EvidenceGuide,
    Requirement,
    Theme,
    check_edition,
)

__all__ = ["Located", "builtin_requirements", "load_requirements", "loads_requirements", "read_located"]

#: The name of the shipped catalog file inside the package.
BUILTIN_FILE = "data/requirements.yaml"
BUILTIN_ORIGIN = "builtin"
_PACKAGE = "iso9001_leadership.catalog"


@attrs.frozen
class RequirementEntry:
    """One requirement as a catalog file writes it, for every edition at once."""

    id: str
    clauses: dict[str, str]
    title: str
    summary: str
    theme: Theme
    evidence: EvidenceGuide
    decidable: Decidability
    unconfirmed: tuple[str, ...] = ()
    changes: str = ""
    changed_in: tuple[str, ...] = ()
    informative: bool = False
    supersedes: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    record: bool = False


@attrs.frozen
class CatalogFile:
    """A catalog file: a list of requirement entries."""

    requirements: tuple[RequirementEntry, ...]


def _is_dict(tp: Any) -> bool:
    origin: Any = typing.get_origin(tp)
    return origin is dict


def _make_converter() -> Any:
    conv = make_converter()
    mapping_hook = conv.get_structure_hook(dict[str, str])

    def structure_mapping(value: Any, tp: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise InvalidValueError(
                message="not a mapping",
                found=value,
                expected="a mapping of edition to clause id, such as {'2015': '5.3 a'}",
            )
        result: dict[str, str] = mapping_hook(value, tp)
        return result

    conv.register_structure_hook_func(_is_dict, structure_mapping)
    return conv


_converter = _make_converter()


@attrs.frozen
class Located:
    """A requirement read from a file, with where its entry's id stands."""

    requirement: Requirement
    path: str
    line: int | None = None
    column: int | None = None

    def problem(self, message: str, **extra: Any) -> Problem:
        """A problem about this requirement's id, located in its file."""
        return Problem(join_path(self.path, "id"), message, line=self.line, column=self.column, **extra)


def _locate(problems: Iterable[Problem], positions: Positions) -> list[Problem]:
    """The problems located in the catalog text; an unknown edition is a key, placed as one."""
    return locate(problems, positions, key_messages=("unknown edition",))


def _edition_problems(clauses: dict[Any, Any], path: str) -> list[Problem]:
    return [
        Problem(
            join_path(path, edition),
            f"unknown edition {edition!r}",
            expected="one of " + ", ".join(repr(e) for e in EDITIONS),
            suggestion=suggest(edition, EDITIONS),
        )
        for edition in clauses
        if isinstance(edition, str) and edition not in EDITIONS
    ]


def _entry_problems(entry: RequirementEntry, path: str) -> list[Problem]:
    problems: list[Problem] = []
    clauses_path = join_path(path, "clauses")
    if not entry.clauses:
        problems.append(
            Problem(clauses_path, "must give the clause id in at least one edition", expected=f"keys among {EDITIONS}")
        )
    problems.extend(_edition_problems(entry.clauses, clauses_path))
    for field in ("unconfirmed", "changed_in"):
        for index, edition in enumerate(getattr(entry, field)):
            if edition not in entry.clauses:
                problems.append(
                    Problem(
                        join_path(join_path(path, field), index),
                        f"edition {edition!r} has no clause id in this entry",
                        expected="editions named under clauses",
                    )
                )
    editions = [e for e in EDITIONS if e in entry.clauses]
    for edition in editions or ["-"]:
        try:
            _view(entry, edition, origin=BUILTIN_ORIGIN)
        except CatalogError as exc:
            for problem in exc.problems:
                where = join_path(clauses_path, edition) if problem.path == "clause" else join_path(path, problem.path)
                if problem.path in ("editions", "changed_in"):
                    continue  # reported above, by key
                problems.append(attrs.evolve(problem, path=where))
    return list(dict.fromkeys(problems))


def _view(entry: RequirementEntry, edition: str, *, origin: str) -> Requirement:
    return Requirement(
        id=entry.id,
        clause=entry.clauses.get(edition, "-"),
        title=entry.title,
        summary=entry.summary,
        theme=entry.theme,
        evidence=entry.evidence,
        editions=tuple(e for e in entry.clauses if e in EDITIONS) or (edition,),
        decidable=entry.decidable,
        changes=entry.changes,
        changed_in=tuple(e for e in entry.changed_in if e in EDITIONS and e in entry.clauses),
        unconfirmed=edition in entry.unconfirmed,
        informative=entry.informative,
        supersedes=entry.supersedes,
        sections=entry.sections,
        record=entry.record,
        origin=origin,
    )


def _parse(text: str, source: str) -> tuple[tuple[RequirementEntry, ...], Positions]:
    data, positions, problems = parse_yaml(text)
    problems = [
        attrs.evolve(p, expected="a mapping with a 'requirements' list") if p.message == "the document is empty" else p
        for p in problems
    ]
    if data is None and problems:
        raise CatalogError(_count(problems), _locate(problems, positions), source=source)
    if not isinstance(data, dict):
        problems.append(
            Problem("", "not a mapping", found=repr(data)[:60], expected="a mapping with a 'requirements' list")
        )
        raise CatalogError(_count(problems), _locate(problems, positions), source=source)
    items = _items(data, problems)
    entries: list[RequirementEntry] = []
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        path = join_path("requirements", index)
        try:
            entry: RequirementEntry = _converter.structure(item, RequirementEntry)
        except Exception as exc:
            problems.extend(problems_from_exception(exc, path))
            clauses = item.get("clauses") if isinstance(item, dict) else None
            if isinstance(clauses, dict):
                problems.extend(_edition_problems(clauses, join_path(path, "clauses")))
            continue
        entries.append(entry)
        problems.extend(_entry_problems(entry, path))
        if entry.id in first:
            line = positions.locate(join_path(join_path("requirements", first[entry.id]), "id"))
            where = f" (first given on line {line[0]})" if line else ""
            problems.append(
                Problem(join_path(path, "id"), f"duplicate requirement id {entry.id!r}{where}", expected="each id once")
            )
        else:
            first[entry.id] = index
    if problems:
        raise CatalogError(_count(problems), _locate(problems, positions), source=source)
    return tuple(entries), positions


def _items(data: dict[str, Any], problems: list[Problem]) -> list[Any]:
    """The raw entries of a catalog document; problems with its top level go to ``problems``."""
    fields = [f.name for f in attrs.fields(CatalogFile)]
    problems.extend(unknown_field("", key, fields, owner="a catalog file") for key in sorted(data) if key not in fields)
    if "requirements" not in data:
        problems.append(Problem("requirements", "required field 'requirements' is missing", expected="a list"))
        return []
    items = data["requirements"]
    if not isinstance(items, list):
        problems.append(
            Problem("requirements", "not a list", found=repr(items)[:60], expected="a list of requirement entries")
        )
        return []
    return items


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


def read_located(text: str, *, edition: str, source: str, origin: str | None = None) -> list[Located]:
    """The requirements of ``edition`` in a catalog text, each with where its entry stands."""
    edition = check_edition(edition)
    entries, positions = _parse(text, source)
    located = []
    for index, entry in enumerate(entries):
        if edition not in entry.clauses:
            continue
        path = join_path("requirements", index)
        where = positions.locate(join_path(path, "id"))
        requirement = _view(entry, edition, origin=origin or source)
        located.append(Located(requirement, path, *(where or (None, None))))
    return located


def loads_requirements(
    text: str, *, edition: str = DEFAULT_EDITION, source: str = "<string>"
) -> tuple[Requirement, ...]:
    """Read the requirements of one edition from catalog text (YAML, or JSON).

    Entries that give no clause id for ``edition`` are left out; the rest come in file order.

    Parameters
    ----------
    text
        The catalog, in the format of the shipped ``requirements.yaml``.
    edition
        Which edition's clause ids to take.
    source
        A name for the text in error messages and in each requirement's ``origin``.

    Raises
    ------
    CatalogError
        Listing every problem in the text, each with its path, line and column.

    Examples
    --------
    >>> text = '''
    ... requirements:
    ...   - id: acme.supplier-code
    ...     clauses: {"2015": "ACME 4.2", "2026": "ACME 4.2"}
    ...     title: Supplier conduct
    ...     summary: Key suppliers sign the supplier code of conduct.
    ...     theme: customer_focus
    ...     evidence: {documents: [signed supplier codes]}
    ...     decidable: evidence
    ... '''
    >>> [(r.id, r.clause) for r in loads_requirements(text, edition="2026")]
    [('acme.supplier-code', 'ACME 4.2')]
    >>> loads_requirements(text.replace("2026", "2062"))
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.CatalogError: <string>: 1 problem:
      - line 4, column 35: requirements[0].clauses.2062: unknown edition '2062'; expected one of '2015', '2026'; did you mean '2026'?
    """
    return tuple(item.requirement for item in read_located(text, edition=edition, source=source))


def load_requirements(path: str | os.PathLike[str], *, edition: str = DEFAULT_EDITION) -> tuple[Requirement, ...]:
    """Read the requirements of one edition from a catalog file.

    Raises
    ------
    CatalogError
        Listing every problem in the file, each with its path, line and column.
    OSError
        If the file cannot be read.

    See Also
    --------
    loads_requirements
    """
    return tuple(item.requirement for item in read_file(path, edition=edition))


def read_file(path: str | os.PathLike[str], *, edition: str) -> list[Located]:
    """Like :func:`read_located`, for a file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        msg = f"the file is not UTF-8 text: {exc.reason}"
        raise CatalogError(msg, source=str(path)) from None
    return read_located(text, edition=edition, source=str(path))


@functools.cache
def _builtin_text() -> str:
    return importlib.resources.files(_PACKAGE).joinpath(BUILTIN_FILE).read_text(encoding="utf-8")


@functools.cache
def builtin_entries() -> tuple[RequirementEntry, ...]:
    """Every entry of the shipped catalog, read once per process.

    The shipped file is read with libyaml's plain loader (when PyYAML has it) and structured
    entry by entry, without the strict reader's positions: it is the library's own file, and the
    test suite holds it to the strict reader (same entries, no problem). Should it ever hold a
    problem, the strict reader reads it again to say what and where.
    """
    text = _builtin_text()
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        entries = tuple(_converter.structure(item, RequirementEntry) for item in data["requirements"])
    except Exception:  # the strict reader below says what is wrong
        entries = None
    if entries is None or len({e.id for e in entries}) != len(entries) or any(_entry_problems(e, "") for e in entries):
        entries = _parse(text, BUILTIN_FILE)[0]
    return entries


@functools.cache
def builtin_requirements(edition: str) -> tuple[Requirement, ...]:
    """The shipped requirements of ``edition``."""
    edition = check_edition(edition)
    return tuple(
        _view(entry, edition, origin=BUILTIN_ORIGIN) for entry in builtin_entries() if edition in entry.clauses
    )
