"""Reading and writing organization files (YAML and JSON), and their JSON Schema."""

from __future__ import annotations

from ._files import Format, dump, dumps, load, loads, to_data
from ._schema import build_schema, json_schema

__all__ = ["Format", "build_schema", "dump", "dumps", "json_schema", "load", "loads", "to_data"]
