"""The JSON Schema of the organization file format, generated from the model.

The schema shipped in the package (``organization.schema.json``) is what editors use to
validate and complete organization files; a test keeps it equal to what :func:`build_schema`
makes from the model classes. Regenerate it with ``python -m iso9001_leadership schema
--write``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from importlib import resources
from typing import Any

import attrs

from iso9001_leadership._names import ID_SCHEMA_PATTERN
from iso9001_leadership._version import SCHEMA_BASE
from iso9001_leadership.model import Organization, Period, clause_of, doc_of, refs_of

__all__ = ["SCHEMA_ID", "build_schema", "json_schema", "schema_text"]

#: The ``$id`` of the organization file format's JSON Schema: the address of the file in the repository.
SCHEMA_ID = f"{SCHEMA_BASE}/io/organization.schema.json"
_RESOURCE = "organization.schema.json"


def _describe(field: attrs.Attribute[Any]) -> str:
    text = doc_of(field)
    kinds = refs_of(field)
    if kinds is not None:
        names = "any element" if len(kinds) > 5 else " or ".join(k.value.replace("_", " ") for k in kinds)
        text += f" Id(s) of: {names}."
    clause = clause_of(field)
    if clause is not None:
        text += f" (ISO 9001 {clause})"
    return text


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [*(_type_schema(a, defs) for a in inner), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is Period:
        return {"type": "string", "minLength": 1, "examples": ["6 months", "every 2 weeks", "quarterly", "P1Y"]}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    msg = f"no JSON Schema for type {tp!r}"
    raise TypeError(msg)


def _class_schema(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        prop = _type_schema(hints[field.name], defs)
        if field.name == "id" or refs_of(field) is not None:
            _add_id_pattern(prop)
        prop = {"description": _describe(field), **prop}
        properties[field.name] = prop
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    defs[cls.__name__] = schema


def _add_id_pattern(prop: dict[str, Any]) -> None:
    if prop.get("type") == "string":
        prop["pattern"] = ID_SCHEMA_PATTERN
    elif prop.get("type") == "array":
        _add_id_pattern(prop["items"])
    for option in prop.get("anyOf", ()):
        _add_id_pattern(option)


def build_schema() -> dict[str, Any]:
    """Generate the JSON Schema (draft 2020-12) of the file format from the model classes."""
    defs: dict[str, Any] = {}
    _class_schema(Organization, defs)
    root = defs.pop("Organization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ISO 9001 leadership: organization file",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the organization file format (YAML or JSON), as shipped.

    Examples
    --------
    >>> from iso9001_leadership import json_schema
    >>> schema = json_schema()
    >>> schema["required"]
    ['name']
    >>> sorted(schema["$defs"]["Role"]["required"])
    ['id', 'title']
    """
    text = resources.files(__package__).joinpath(_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_text() -> str:
    """The generated schema (:func:`build_schema`) as the text of the file shipped in the package.

    Two-space indented JSON with a final newline; ``python -m iso9001_leadership schema --write``
    writes it to the package, and a test keeps the shipped file equal to it.

    Examples
    --------
    >>> import json
    >>> json.loads(schema_text()) == json_schema()
    True
    """
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
