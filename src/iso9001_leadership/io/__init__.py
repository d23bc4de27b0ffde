"""Reading and writing organization files (YAML and JSON), and their JSON Schema.

The organization files:

- :func:`load`, :func:`loads`: read an organization, reporting every problem at once (each with
  its path, line and column: a JSON document is scanned for positions only when it has problems);
  the result keeps its source and, for YAML, where each element is defined (:attr:`~iso9001_leadership.model.Organization.locations`).
- :func:`dump`, :func:`dumps`: write one (atomically, for a file); :func:`to_data` gives the
  plain data the files hold. :data:`Format` names the formats.
- :func:`json_schema`: the JSON Schema shipped in the package, which editors use;
  :func:`build_schema` generates it from the model and :func:`schema_text` renders it as the
  shipped file's text.

The file kernel, for other strict formats of the package (such as requirement catalogs) and for
tools that read or write files of their own:

- :func:`parse_yaml`: strict, safe YAML (plain data only, YAML 1.2 scalars, duplicate keys, merge
  keys and tags refused) with the :class:`Positions` of every value and key, by path;
  :func:`join_path` writes those paths (``roles[3].reports_to``).
- :func:`make_converter`: a fresh strict cattrs converter (text must be text, no unknown keys,
  ISO dates, enums by value); structure hooks of one's own raise :class:`InvalidValueError`,
  and :func:`problems_from_exception` turns what the converter raises into
  :class:`~iso9001_leadership.exceptions.Problem` records. :func:`unknown_field` makes the
  problem of a key that is not a field; :func:`describe_type` words a type as the errors do.
- :func:`locate`: gives problems the line and column of their path, and orders them.
- :func:`write_atomically`: replaces a file in one step.

Limits
------
Every file and text given to :func:`load` and :func:`loads` is held to a few limits, so that
no input, however hostile, costs more than its size allows or ends in anything but a
:class:`~iso9001_leadership.exceptions.LoadError` (a file that does not exist or may not be
opened is the operating system's :class:`OSError`, as before). A document that breaks a limit
gets that one problem, not the many its effects would cause:

- **size**, :data:`MAX_BYTES` (50 MB): a larger file is refused before it is read (by its
  size on disk) and while it is read (no more than the limit plus one byte is read); text
  given to :func:`loads` counts in characters, bytes in bytes. Pass ``max_bytes=`` to
  :func:`load` or :func:`loads` to raise it (``None`` for no limit).
- **what is read**: only a regular file with a ``.yaml``, ``.yml`` or ``.json`` suffix (or a
  ``format=``) is read: a directory, a device (such as ``/dev/zero``), a named pipe or a
  socket, or a symbolic link to one, is refused before it is opened, and so is an unknown
  suffix. The bytes must be UTF-8 (a leading byte order mark is dropped; one of UTF-16 is
  refused), and no text may hold a lone surrogate (``"\\ud800"``), which could never be written
  back out; each refusal gives its line and column.
- **nesting**, :data:`MAX_DEPTH` (100 levels): mappings and lists nested deeper are refused
  before the parser would recurse into them (JSON is measured before it is parsed, YAML while
  it is built), far below the interpreter's recursion limit.
- **aliases**, :data:`MAX_ALIAS_NODES` (100,000 values): YAML aliases may repeat at most this
  many values in all, each alias counting every value it stands for, nested ones included.
  Values written out are never counted, so a large file without aliases is never refused for
  its size; an alias bomb of a few hundred bytes is measured without being expanded and
  refused at once. An alias inside the collection it names (``a: &x [*x]``) is refused too.
- **numbers**, :data:`MAX_INT_DIGITS` (100 digits): a longer whole number is refused where it
  is written (Python could not even print one of over 4,300 digits).

The limits other than the size are constants; :func:`parse_yaml` takes ``max_depth=`` and
``max_alias_nodes=`` for a format of one's own.
"""

from __future__ import annotations

from ._converter import InvalidValueError, describe_type, make_converter, problems_from_exception, unknown_field
from ._files import Format, dump, dumps, load, loads, to_data, write_atomically
from ._limits import MAX_ALIAS_NODES, MAX_BYTES, MAX_DEPTH, MAX_INT_DIGITS
from ._schema import SCHEMA_ID, build_schema, json_schema, schema_text
from ._yaml import Positions, join_path, locate, parse_yaml

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "SCHEMA_ID",
    "Format",
    "InvalidValueError",
    "Positions",
    "build_schema",
    "describe_type",
    "dump",
    "dumps",
    "join_path",
    "json_schema",
    "load",
    "loads",
    "locate",
    "make_converter",
    "parse_yaml",
    "problems_from_exception",
    "schema_text",
    "to_data",
    "unknown_field",
    "write_atomically",
]
