"""Reading and writing organization files (YAML and JSON)."""

from __future__ import annotations

import json
import os
import re
import tempfile
import typing
from pathlib import Path
from typing import Any, Literal

import attrs

from iso9001_leadership.exceptions import InvalidOrganizationError, LoadError, Problem
from iso9001_leadership.model import (
    COLLECTIONS,
    NESTED,
    EntityKind,
    Organization,
    check_raw_references,
    find_problems,
    known_kinds,
)

from ._converter import converter, problems_from_exception, unknown_field
from ._yaml import Positions, dump_yaml, join_path, locate, parse_yaml

__all__ = ["Format", "dump", "dumps", "load", "loads", "to_data", "write_atomically"]

#: The file formats: ``"yaml"`` or ``"json"``.
Format = Literal["yaml", "json"]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_ORG_FIELDS = {f.name: f for f in attrs.fields(Organization) if f.init}
_COLLECTION_KIND = dict(COLLECTIONS)


def _format_for(path: Path, format: Format | None) -> Format:
    if format is not None:
        return format
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        msg = f"cannot tell the format of {str(path)!r} from its suffix; pass format='yaml' or format='json'"
        raise ValueError(msg) from None


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Organization:
    """Read an organization from a YAML or JSON file.

    The format follows the suffix (``.yaml``, ``.yml``, ``.json``) unless given.

    The organization's :attr:`~iso9001_leadership.model.Organization.source` is the path, and
    for YAML its :attr:`~iso9001_leadership.model.Organization.locations` give where each
    element is defined in the file.

    Raises
    ------
    LoadError
        Listing every problem in the file, each with its path and, for YAML, line and column.
    OSError
        If the file cannot be read.

    See Also
    --------
    loads, dump
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError([Problem("", f"the file is not UTF-8 text: {exc.reason}")], source=str(path)) from None
    return loads(text, format=_format_for(path, format), source=str(path))


def loads(text: str, *, format: Format = "yaml", source: str = "<string>") -> Organization:
    """Read an organization from YAML or JSON text.

    ``source`` names the text in error messages and becomes the organization's
    :attr:`~iso9001_leadership.model.Organization.source`; read from YAML, its
    :attr:`~iso9001_leadership.model.Organization.locations` give the line and column where
    each element is defined.

    Examples
    --------
    >>> org = loads('''
    ... name: Acme
    ... roles:
    ...   - {id: ceo, title: Chief Executive, top_management: true}
    ... ''')
    >>> org.top_management[0].title
    'Chief Executive'
    >>> org.locations["ceo"]
    (4, 5)
    >>> loads('name: Acme\\nroles:\\n  - {id: ceo, titel: CEO}\\n')
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.LoadError: <string>: 2 problems:
      - line 3, column 5: roles[0].title: required field 'title' is missing; expected text
      - line 3, column 15: roles[0].titel: unknown field 'titel' for Role; expected one of ...; did you mean 'title'?
    """
    _check_format(format)
    if format == "yaml":
        data, positions, problems = parse_yaml(text)
    else:
        data, problems = _parse_json(text)
        positions = Positions()
    if data is None and problems:
        raise LoadError(problems, source=source)
    parts, extra_ids, failed, kept, structure_problems = _structure(data)
    # A value the YAML layer refused (a forbidden tag, a merge key) is not reported again.
    refused = [p.path for p in problems]
    problems.extend(p for p in structure_problems if not any(_within(p.path, r) for r in refused))
    if problems:
        problems.extend(_renumber(p, kept) for p in find_problems(parts, extra_ids=extra_ids))
        kinds = known_kinds(parts, extra_ids)
        for raw, cls, path in failed:
            problems.extend(check_raw_references(raw, cls, path, kinds))
        raise LoadError(locate(problems, positions), source=source)
    try:
        org = Organization(**parts)
    except InvalidOrganizationError as exc:
        raise LoadError(locate(exc.problems, positions), source=source) from None
    return org.with_locations(_element_locations(org, positions), source=source)


def _element_locations(org: Organization, positions: Positions) -> dict[str, tuple[int, int]]:
    """Where each element's mapping starts: the position of the value at its path."""
    values = positions.values
    if not values:
        return {}
    found: dict[str, tuple[int, int]] = {}
    for element_id in org.ids():
        where = values.get(org.path_of(element_id))
        if where is not None:
            found[element_id] = where
    return found


def _within(path: str, outer: str) -> bool:
    return path == outer or path.startswith((outer + ".", outer + "["))


class _Pairs(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice."""

    duplicates: list[str]


def _parse_json(text: str) -> tuple[Any, list[Problem]]:
    def pairs(items: list[tuple[str, Any]]) -> _Pairs:
        result = _Pairs()
        result.duplicates = []
        for key, val in items:
            if key in result:
                result.duplicates.append(key)
                continue
            result[key] = val
        return result

    def constant(name: str) -> Any:
        msg = f"{name} is not a number JSON allows"
        raise ValueError(msg)

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        return None, [Problem("", f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)]
    except ValueError as exc:
        return None, [Problem("", f"not valid JSON: {exc}")]
    problems: list[Problem] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, _Pairs):
            problems.extend(
                Problem(join_path(path, key), f"duplicate key {key!r}", expected="each key once per object")
                for key in node.duplicates
            )
            for key, val in node.items():
                walk(val, join_path(path, key))
        elif isinstance(node, list):
            for index, val in enumerate(node):
                walk(val, join_path(path, index))

    walk(data, "")
    return data, problems


def _structure(
    data: Any,
) -> tuple[dict[str, Any], dict[str, EntityKind], list[tuple[Any, type, str]], dict[str, list[int]], list[Problem]]:
    """Structure the document field by field and element by element, collecting every problem.

    Elements that cannot be read are left out of the result, but their ids (where readable)
    are returned so the integrity check does not report references to them as dangling.
    """
    parts: dict[str, Any] = {}
    extra_ids: dict[str, EntityKind] = {}
    failed: list[tuple[Any, type, str]] = []
    kept: dict[str, list[int]] = {}  # per collection, the file index of each element read
    problems: list[Problem] = []
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        problems.append(
            Problem(
                "",
                "the document must be a mapping of the organization's fields",
                found=found,
                expected="a mapping with at least 'name'",
            )
        )
        return parts, extra_ids, failed, kept, problems
    problems.extend(unknown_field("", key, _ORG_FIELDS, owner="Organization") for key in data if key not in _ORG_FIELDS)
    hints = typing.get_type_hints(Organization)
    for name in _ORG_FIELDS:
        if name not in data:
            if name == "name":
                problems.append(Problem("name", "required field 'name' is missing", expected="text"))
            continue
        raw = data[name]
        if name in _COLLECTION_KIND and isinstance(raw, list):
            element_type = typing.get_args(hints[name])[0]
            items = []
            for index, item in enumerate(raw):
                try:
                    items.append(converter.structure(item, element_type))
                    kept.setdefault(name, []).append(index)
                except Exception as exc:  # cattrs raises exception groups of anything
                    problems.extend(problems_from_exception(exc, join_path(name, index)))
                    _remember_ids(item, _COLLECTION_KIND[name], extra_ids)
                    failed.append((item, element_type, join_path(name, index)))
            parts[name] = tuple(items)
            continue
        try:
            parts[name] = converter.structure(raw, hints[name])
        except Exception as exc:
            problems.extend(problems_from_exception(exc, name))
            if name == "policy":
                _remember_ids(raw, EntityKind.POLICY, extra_ids)
            failed.append((raw, hints[name], name))
    return parts, extra_ids, failed, kept, problems


def _renumber(problem: Problem, kept: dict[str, list[int]]) -> Problem:
    """Give a problem found among the elements that were read the index it has in the file."""
    match = _INDEXED.match(problem.path)
    if match is None or match["name"] not in kept:
        return problem
    index = kept[match["name"]][int(match["index"])]
    return attrs.evolve(problem, path=f"{match['name']}[{index}]{match['rest']}")


_INDEXED = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\](?P<rest>.*)$", re.DOTALL)


def _remember_ids(raw: Any, kind: EntityKind, extra_ids: dict[str, EntityKind]) -> None:
    if not isinstance(raw, dict):
        return
    if isinstance(raw.get("id"), str):
        extra_ids.setdefault(raw["id"], kind)
    for parent, field_name, child_kind in NESTED:
        if parent is kind and isinstance(raw.get(field_name), list):
            for child in raw[field_name]:
                _remember_ids(child, child_kind, extra_ids)


def to_data(org: Organization) -> dict[str, Any]:
    """The organization as plain data (what the files hold); fields at their defaults left out.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> to_data(Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),)))
    {'name': 'Acme', 'roles': [{'id': 'ceo', 'title': 'CEO'}]}
    """
    data: dict[str, Any] = converter.unstructure(org)
    return data


def dumps(org: Organization, *, format: Format = "yaml") -> str:
    """The organization as YAML or JSON text; :func:`loads` reads it back equal.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> print(dumps(Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))), end="")
    name: Acme
    roles:
    - id: ceo
      title: CEO
    >>> loads(dumps(Organization(name="Acme"), format="json"), format="json") == Organization(name="Acme")
    True
    """
    _check_format(format)
    data = to_data(org)
    if format == "yaml":
        return dump_yaml(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _check_format(format: object) -> None:
    if format not in ("yaml", "json"):
        msg = f"unknown format {format!r}; expected 'yaml' or 'json'"
        raise ValueError(msg)


def dump(org: Organization, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write the organization to a file, atomically.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    replaces the target in one step, so a crash never leaves a half-written file behind.
    The format follows the suffix unless given.
    """
    path = Path(path)
    text = dumps(org, format=_format_for(path, format))
    write_atomically(path, text)


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file at ``path`` with ``text`` in one step.

    The text (UTF-8, ``\\n`` line ends) goes to a temporary file in the same folder, is flushed
    to disk, and then replaces the target by a rename, so a reader sees the old file or the new
    one and a crash never leaves a half-written file behind. On failure the temporary file is
    removed and the old file stays as it was.

    Raises
    ------
    OSError
        If the folder cannot be written to.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notes.txt"
    ...     write_atomically(target, "first\\n")
    ...     write_atomically(target, "second\\n")
    ...     print(target.read_text(encoding="utf-8"), end="")
    second
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
