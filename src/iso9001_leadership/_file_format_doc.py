"""The field reference of the organization file format, generated from the model's metadata.

Every table row comes from a model field: its name, its type in plain words (the same words
the loader uses in its errors), whether it is required or what it defaults to, its
documentation, the clause it serves and, for references, the kinds of element it may point
at. ``docs/file-format.md`` holds the output between two marker comments; regenerate it with::

    python -m iso9001_leadership._file_format_doc docs/file-format.md

and check that it is current with ``--check``.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from iso9001_leadership._names import ID_SCHEMA_PATTERN
from iso9001_leadership.io import describe_type, write_atomically
from iso9001_leadership.model import (
    COLLECTIONS,
    NESTED,
    EntityKind,
    Organization,
    Period,
    classes_in,
    clause_of,
    doc_of,
    refs_of,
)

__all__ = ["BEGIN_MARKER", "END_MARKER", "file_format_markdown", "generated_section", "main", "replace_generated"]

BEGIN_MARKER = "<!-- BEGIN GENERATED REFERENCE -->"
END_MARKER = "<!-- END GENERATED REFERENCE -->"

_REGENERATE = "python -m iso9001_leadership._file_format_doc docs/file-format.md"


def _classes() -> list[type]:
    """Organization and every class nested in it, depth first in field order."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.init:
                for inner in _classes_in(hints[field.name]):
                    visit(inner)

    visit(Organization)
    return found


def _classes_in(tp: Any) -> Iterator[type]:
    """The attrs classes a type hint names (the nested mappings of a field); a period is written as text."""
    return (cls for cls in classes_in(tp) if attrs.has(cls) and cls is not Period)


def _enums_in(tp: Any) -> Iterator[type[enum.Enum]]:
    """The enums a type hint names (the closed vocabularies of a field)."""
    return (cls for cls in classes_in(tp) if issubclass(cls, enum.Enum))


def _element_classes() -> dict[EntityKind, type]:
    """The class of each kind of element, read from the Organization's fields."""
    hints = typing.get_type_hints(Organization)
    classes: dict[EntityKind, type] = {}
    for name, kind in COLLECTIONS:
        classes[kind] = typing.get_args(hints[name])[0]
    classes[EntityKind.POLICY] = next(_classes_in(hints["policy"]))
    for parent, field_name, kind in NESTED:
        parent_hints = typing.get_type_hints(classes[parent])
        classes[kind] = typing.get_args(parent_hints[field_name])[0]
    return classes


def _anchor(name: str) -> str:
    return name.lower()


def _link(name: str) -> str:
    return f"[{name}](#{_anchor(name)})"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _summary(obj: type) -> str:
    """The first paragraph of a docstring, on one line."""
    return " ".join((obj.__doc__ or "").strip().split("\n\n")[0].split())


def _kind_name(kind: EntityKind) -> str:
    return kind.value.replace("_", " ")


def _type_text(tp: Any) -> str:
    """:func:`describe_type`, with enum value lists and nested classes turned into links."""
    text = describe_type(tp)
    for cls in _enums_in(tp):
        text = text.replace(describe_type(cls), f"one of the {_link(cls.__name__)} values")
    for cls in _classes_in(tp):
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        text = text.replace(describe_type(cls), f"{article} {_link(cls.__name__)} mapping")
    return text


def _field_type_text(field: attrs.Attribute[Any], tp: Any) -> str:
    """The type of a field in plain words; references read as ids rather than text."""
    if refs_of(field) is not None:
        return "a list of ids" if typing.get_origin(tp) is tuple else "an id (or nothing)"
    return _type_text(tp)


def _default_text(field: attrs.Attribute[Any]) -> str:
    default = field.default
    if default is attrs.NOTHING:
        return "**required**"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return "`[]`"
    return f"`{json.dumps(_plain(default), ensure_ascii=False)}`"


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Period):
        return str(value)
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


def _refers_text(field: attrs.Attribute[Any], classes: dict[EntityKind, type]) -> str:
    kinds = refs_of(field)
    if kinds is None:
        return ""
    if set(kinds) == set(EntityKind):
        return "any element"
    return ", ".join(f"[{_kind_name(k)}](#{_anchor(classes[k].__name__)})" for k in kinds)


def _class_section(cls: type, classes: dict[EntityKind, type], used_in: dict[type, list[str]]) -> list[str]:
    lines = [f"### {cls.__name__}", "", _summary(cls), ""]
    kinds = [kind for kind, element_class in classes.items() if element_class is cls]
    where = []
    if cls is Organization:
        where.append("The whole document.")
    if kinds:
        where.append(f"Element kind `{kinds[0].value}`: its id may be referenced from other elements.")
    if used_in.get(cls):
        where.append("Written under " + ", ".join(used_in[cls]) + ".")
    if where:
        lines += [" ".join(where), ""]
    lines += [
        "| Field | Type | Required / default | Meaning | Clause | Refers to |",
        "|---|---|---|---|---|---|",
    ]
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if not field.init:
            continue
        row = [
            f"`{field.name}`",
            _field_type_text(field, hints[field.name]),
            _default_text(field),
            doc_of(field),
            clause_of(field) or "",
            _refers_text(field, classes),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    lines.append("")
    return lines


def _usage() -> tuple[dict[type, list[str]], dict[type[enum.Enum], list[str]]]:
    """Where each class and each enum is used, as ``Class.field`` links."""
    class_use: dict[type, list[str]] = {}
    enum_use: dict[type[enum.Enum], list[str]] = {}
    for cls in _classes():
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if not field.init:
                continue
            where = f"{_link(cls.__name__)}`.{field.name}`"
            for inner in _classes_in(hints[field.name]):
                class_use.setdefault(inner, []).append(where)
            for inner_enum in _enums_in(hints[field.name]):
                enum_use.setdefault(inner_enum, []).append(where)
    return class_use, enum_use


def file_format_markdown() -> str:
    """The field reference of the file format, as Markdown, generated from the model.

    One table per class (the organization, then every class nested in it) with every field:
    its type, whether it is required or its default, what it means, the ISO 9001 clause it
    serves and, for references, the kinds of element it may point at; then the value list of
    every closed vocabulary (enum). The same model always gives the same text.

    Examples
    --------
    >>> text = file_format_markdown()
    >>> text.splitlines()[0]
    '## Field reference'
    >>> "| `reports_to` | an id (or nothing) | `null` |" in text
    True
    >>> file_format_markdown() == text
    True
    """
    classes = _element_classes()
    class_use, enum_use = _usage()
    lines = [
        "## Field reference",
        "",
        f"Generated from the model by `{_REGENERATE}`: do not edit this section by hand.",
        "",
        "Every field of every mapping in an organization file. *Type* is what the field accepts; a field",
        "marked **required** must be given, any other may be left out and then takes its default. *Clause*",
        "is the ISO 9001 clause the field serves. *Refers to* names the kinds of element a reference field",
        "may point at, by id; ids are written in the pattern",
        f"`{ID_SCHEMA_PATTERN}` and are unique across the whole organization.",
        "",
        "### Contents",
        "",
    ]
    ordered = _classes()
    lines += [f"- {_link(cls.__name__)}: {_summary(cls)}" for cls in ordered]
    lines += ["- [Value lists](#value-lists)", ""]
    for cls in ordered:
        lines += _class_section(cls, classes, class_use)
    lines += [
        "### Value lists",
        "",
        "The closed vocabularies. A field of one of these types takes exactly one of the values listed,",
        "written as shown (lower case, with underscores).",
        "",
    ]
    for enum_cls in sorted(enum_use, key=lambda e: e.__name__):
        values = ", ".join(f"`{member.value}`" for member in enum_cls)
        lines += [
            f"#### {enum_cls.__name__}",
            "",
            _summary(enum_cls),
            "",
            f"Values: {values}.",
            "",
            "Used by " + ", ".join(enum_use[enum_cls]) + ".",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _split(text: str) -> tuple[str, str, str]:
    """The text before the generated section, the section, and the text after it."""
    begin = text.find(BEGIN_MARKER)
    end = text.find(END_MARKER)
    if begin < 0 or end < 0 or end < begin or text.count(BEGIN_MARKER) != 1 or text.count(END_MARKER) != 1:
        msg = f"expected exactly one {BEGIN_MARKER!r} followed by exactly one {END_MARKER!r}"
        raise ValueError(msg)
    start = begin + len(BEGIN_MARKER)
    return text[:start], text[start:end], text[end:]


def generated_section(text: str) -> str:
    """The text between the markers of a document, without the newline after the begin marker.

    Raises
    ------
    ValueError
        If the document does not have exactly one begin marker followed by one end marker.

    Examples
    --------
    >>> generated_section(f"intro\\n{BEGIN_MARKER}\\n## Old\\n{END_MARKER}\\n")
    '## Old\\n'
    """
    return _split(text)[1].removeprefix("\n")


def replace_generated(text: str, generated: str) -> str:
    """The document with the text between its markers replaced by ``generated``.

    Raises
    ------
    ValueError
        If the document does not have exactly one begin marker followed by one end marker.

    Examples
    --------
    >>> replace_generated(f"intro\\n{BEGIN_MARKER}\\nold\\n{END_MARKER}\\nend\\n", "new\\n")
    'intro\\n<!-- BEGIN GENERATED REFERENCE -->\\nnew\\n<!-- END GENERATED REFERENCE -->\\nend\\n'
    """
    before, _, after = _split(text)
    return f"{before}\n{generated}{after}"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or with ``--check``, verify) the generated reference in a Markdown file."""
    parser = argparse.ArgumentParser(
        prog="python -m iso9001_leadership._file_format_doc",
        description="Regenerate the field reference between the marker comments of a Markdown file.",
    )
    parser.add_argument("path", type=Path, help="the Markdown file, such as docs/file-format.md")
    parser.add_argument("--check", action="store_true", help="only report whether the file is current")
    args = parser.parse_args(argv)
    path: Path = args.path
    try:
        text = path.read_text(encoding="utf-8")
        updated = replace_generated(text, file_format_markdown())
    except (OSError, ValueError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    if updated == text:
        print(f"{path}: the reference is current")
        return 0
    if args.check:
        print(f"{path}: the reference is out of date; run {_REGENERATE}", file=sys.stderr)
        return 1
    write_atomically(path, updated)
    print(f"{path}: reference regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
