"""Reading and writing organization files (YAML and JSON)."""

from __future__ import annotations

import json
import os
import re
import stat
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import attrs

from iso9001_leadership._gc import paused_gc
from iso9001_leadership.exceptions import InvalidOrganizationError, Iso9001Error, LoadError, Problem, UsageError
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
from ._json import json_positions, parse_json
from ._limits import MAX_BYTES, Refusal, decode, size_problem
from ._write import write_atomically
from ._yaml import Positions, dump_yaml, join_path, locate, parse_yaml

__all__ = ["Format", "dump", "dumps", "load", "loads", "to_data", "write_atomically"]

#: The file formats: ``"yaml"`` or ``"json"``.
Format = Literal["yaml", "json"]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_ORG_FIELDS = {f.name: f for f in attrs.fields(Organization) if f.init}
_COLLECTION_KIND = dict(COLLECTIONS)


def _format_for(path: Path, format: Format | None) -> Format:
    if format is not None:
        _check_format(format)
        return format
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        msg = f"cannot tell the format of {str(path)!r} from its suffix; pass format='yaml' or format='json'"
        raise UsageError(msg) from None


def _limit(max_bytes: object) -> int | None:
    if max_bytes is None:
        return None
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        msg = f"max_bytes must be a whole number of bytes (0 or more) or None, not {max_bytes!r}"
        raise UsageError(msg)
    return max_bytes


def _path_text(path: object) -> str:
    try:
        name = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        name = None
    if not isinstance(name, str):
        msg = f"load() takes the path of a file (str or os.PathLike), not {type(path).__name__}"
        raise UsageError(msg)
    return name


#: What a path names, when it is not a regular file.
_FILE_KINDS: tuple[tuple[Any, str], ...] = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(mode: int, source: str) -> LoadError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    problem = Problem("", f"not a file that can be read: the path names {kind}", expected="an organization file")
    return LoadError([problem], source=source)


def _examine(path: Path, source: str) -> os.stat_result:
    """What the path names, through symbolic links; a LoadError unless it is a regular file.

    A file that does not exist, or a folder that may not be searched, is the :class:`OSError`
    of :func:`os.stat`.
    """
    try:
        info = path.stat()
    except (ValueError, UnicodeError):  # a name the file system cannot take (a lone surrogate)
        problem = Problem("", "the path cannot be a file name", found=ascii(str(path)), expected="a file name")
        raise LoadError([problem], source=source.encode("utf-8", "backslashreplace").decode("utf-8")) from None
    error = _not_a_file(info.st_mode, source)
    if error is not None:
        raise error
    return info


def _read(path: Path, info: os.stat_result, limit: int | None, source: str) -> bytes:
    """The bytes of the regular file :func:`_examine` saw, at most ``limit`` of them; a LoadError for more.

    The size on disk is checked before the file is opened; once open, the file is checked again
    (opened without blocking, in case a named pipe took its place), and at most ``limit + 1``
    bytes are read, so a file that grows, or lies about its size, is refused too.
    """
    if limit is not None and info.st_size > limit:
        raise LoadError([size_problem(info.st_size, limit)], source=source)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with open(fd, "rb") as handle:
        error = _not_a_file(os.fstat(handle.fileno()).st_mode, source)
        if error is not None:
            raise error
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise LoadError([size_problem(None, limit)], source=source)
    return data


def load(
    path: str | os.PathLike[str], *, format: Format | None = None, max_bytes: int | None = MAX_BYTES
) -> Organization:
    """Read an organization from a YAML or JSON file.

    The format follows the suffix (``.yaml``, ``.yml``, ``.json``) unless given.

    The organization's :attr:`~iso9001_leadership.model.Organization.source` is the path, and
    for YAML its :attr:`~iso9001_leadership.model.Organization.locations` give where each
    element is defined in the file.

    Only a regular file is read (not a directory, a device or a named pipe, which are refused
    before they are opened), with a known suffix (checked before the file is opened), and only
    one of at most ``max_bytes`` bytes (:data:`~iso9001_leadership.io.MAX_BYTES`, 50 MB, by default;
    ``None`` for no limit); the size is checked before reading and while reading. The file must
    be UTF-8 text (a leading byte order mark is allowed).

    Raises
    ------
    LoadError
        Listing every problem in the file, each with its path, line and column (a JSON file is
        read again to place its problems, since its parser keeps no positions);
        or the one reason the file cannot be read as text: not a regular file, too large, not
        UTF-8, nested too deep, an alias bomb (see :mod:`iso9001_leadership.io` for the limits).
    UsageError
        If the format cannot be told from the suffix, or an argument is of the wrong kind.
    OSError
        If the file cannot be opened (it does not exist, or may not be read).

    See Also
    --------
    loads, dump
    """
    name = _path_text(path)
    limit = _limit(max_bytes)
    if "\x00" in name:
        problem = Problem("", "the path holds a NUL character, which no file name can hold", expected="a file name")
        raise LoadError([problem], source=name.replace("\x00", "\\0"))
    file = Path(name)
    source = str(file)
    info = _examine(file, source)
    chosen = _format_for(file, format)  # before a byte is read
    if chosen == "json":
        # JSON keeps no positions: the file is read again only if a problem needs placing.
        def again() -> str:
            return _as_text(_read(file, _examine(file, source), limit, source), limit, source)

        return _loads_text(_read(file, info, limit, source), chosen, source, limit, again)
    return _loads_text(_read(file, info, limit, source), chosen, source, limit, None)


def loads(
    text: str | bytes, *, format: Format = "yaml", source: str = "<string>", max_bytes: int | None = MAX_BYTES
) -> Organization:
    """Read an organization from YAML or JSON text (or its UTF-8 bytes).

    ``source`` names the text in error messages and becomes the organization's
    :attr:`~iso9001_leadership.model.Organization.source`; read from YAML, its
    :attr:`~iso9001_leadership.model.Organization.locations` give the line and column where
    each element is defined.

    Text longer than ``max_bytes`` characters (bytes, for bytes) is refused before it is parsed
    (:data:`~iso9001_leadership.io.MAX_BYTES` by default; ``None`` for no limit), and so is a
    document nested too deep or one whose YAML aliases repeat too many values: see
    :mod:`iso9001_leadership.io` for the limits. Every problem is a :class:`LoadError`, never an
    exception of the parsers.

    Raises
    ------
    LoadError
        Listing every problem, each with its path, line and column (JSON text is scanned again
        to place them, since its parser keeps no positions).
    UsageError
        If ``text`` is neither text nor bytes, or ``format`` or ``max_bytes`` is not one there is.

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
    limit = _limit(max_bytes)
    if format == "json":
        # JSON keeps no positions: the text the caller gave is read again if a problem needs placing.
        return _loads_text(text, format, source, limit, lambda: _as_text(text, None, source))
    return _loads_text(text, format, source, limit, None)


def _loads_text(
    text: str | bytes, format: Format, source: str, limit: int | None, again: Callable[[], str] | None
) -> Organization:
    """:func:`loads` with ``again``, which gives the text once more to place the problems of JSON."""
    # The text goes into a box that _loads empties: once parsed, a large document is not kept
    # in memory beside what was read from it (unless the caller holds it).
    box = [_as_text(text, limit, source)]
    del text
    try:
        with paused_gc():  # reading builds many objects that all stay alive: see _gc
            return _loads(box, format, source, again)
    except (RecursionError, MemoryError) as exc:  # a last guard: the parsers hold the limits
        what = "nested too deep" if isinstance(exc, RecursionError) else "too large"
        raise LoadError([Problem("", f"the document is {what} to read")], source=source) from None


def _as_text(text: object, limit: int | None, source: str) -> str:
    """The text to parse: str as it is, bytes decoded from UTF-8; within the limit, or a LoadError."""
    if isinstance(text, bytes | bytearray | memoryview):
        data = bytes(text)
        if limit is not None and len(data) > limit:
            raise LoadError([size_problem(len(data), limit)], source=source)
        try:
            return decode(data)
        except Refusal as exc:
            raise LoadError([exc.problem], source=source) from None
    if not isinstance(text, str):
        msg = f"loads() takes the text of an organization file (str or bytes), not {type(text).__name__}"
        raise UsageError(msg)
    if limit is not None and len(text) > limit:
        raise LoadError([size_problem(len(text), limit, unit="characters")], source=source)
    return text


def _loads(box: list[str], format: Format, source: str, again: Callable[[], str] | None = None) -> Organization:
    """Read the text in ``box`` (taking it out, so that it is freed once parsed) into an organization.

    For JSON, ``again`` gives the text once more when problems need placing (a JSON document is
    parsed without positions, which only a document with problems needs).
    """
    if format == "yaml":
        data, positions, problems = parse_yaml(box.pop())
    else:
        data, problems = parse_json(box.pop())
        positions = _JsonPositions(again)
    if data is None and problems:
        raise LoadError(problems, source=source)
    parts, extra_ids, failed, kept, structure_problems = _structure(data)
    del data  # what could not be read is kept in ``failed``; the rest is in ``parts`` now
    # A value the YAML layer refused (a forbidden tag, a merge key) is not reported again.
    refused = {p.path for p in problems}
    problems.extend(p for p in structure_problems if not _refused(p.path, refused))
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
    if format != "yaml":
        return org.with_locations({}, source=source)  # JSON gives no positions
    return org.with_locations(_element_locations(org, positions), source=source)


class _JsonPositions(Positions):
    """The positions of a JSON document, found by scanning its text again the first time they are asked for."""

    def __init__(self, again: Callable[[], str] | None) -> None:
        super().__init__()
        self._again = again

    def _settle(self) -> None:
        again, self._again = self._again, None
        if again is not None:
            try:
                found = json_positions(again())
            except (Iso9001Error, OSError):  # the file went away or changed: the problems stay unplaced
                return
            self._values.update(found.values)
            self._keys.update(found.keys)
        super()._settle()


def _refused(path: str, refused: set[str]) -> bool:
    """Whether ``path`` or a path that holds it is among ``refused`` (in steps, not a scan of them all)."""
    current = path
    while current:
        if current in refused:
            return True
        current = current[: max(current.rfind("."), current.rfind("["), 0)]
    return path == "" and "" in refused


def _element_locations(org: Organization, positions: Positions) -> dict[str, tuple[int, int]]:
    """Where each element's mapping starts: the position of the value at its path.

    Asked of :meth:`Positions.find`, which walks only the lists that hold elements: the tables
    of every value and key are made only when a problem needs them.
    """
    paths = {element_id: org.path_of(element_id) for element_id in org.ids()}
    found = positions.find(paths.values())
    return {element_id: found[path] for element_id, path in paths.items() if path in found}


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
            structure = converter.get_structure_hook(element_type)  # looked up once, not per element
            items = []
            for index, item in enumerate(raw):
                try:
                    items.append(structure(item, element_type))
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
    with paused_gc():  # unstructuring builds many objects that all stay alive: see _gc
        data = to_data(org)
    if format == "yaml":
        return dump_yaml(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _check_format(format: object) -> None:
    if not isinstance(format, str) or format not in ("yaml", "json"):
        msg = f"unknown format {format!r}; expected 'yaml' or 'json'"
        raise UsageError(msg)


def dump(org: Organization, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write the organization to a file, atomically.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    replaces the target in one step, so a crash never leaves a half-written file behind.
    The format follows the suffix unless given.
    """
    path = Path(path)
    text = dumps(org, format=_format_for(path, format))
    write_atomically(path, text)
