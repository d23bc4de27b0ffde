"""Reading and writing organization files (YAML and JSON), and their JSON Schema.

The organization files:

- :func:`load`, :func:`loads`: read an organization, reporting every problem at once (each with
  its path and, for YAML, line and column); the result keeps its source and where each element
  is defined (:attr:`~iso9001_leadership.model.Organization.locations`).
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
"""

from __future__ import annotations

from ._converter import InvalidValueError, describe_type, make_converter, problems_from_exception, unknown_field
from ._files import Format, dump, dumps, load, loads, to_data, write_atomically
from ._schema import build_schema, json_schema, schema_text
from ._yaml import Positions, join_path, locate, parse_yaml

__all__ = [
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
