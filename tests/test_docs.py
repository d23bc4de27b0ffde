"""The reference documentation and the shipped JSON Schema stay in step with the model."""

from __future__ import annotations

import enum
import re
import typing
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import iso9001_leadership as iso
from iso9001_leadership._file_format_doc import (
    BEGIN_MARKER,
    END_MARKER,
    _classes,
    file_format_markdown,
    generated_section,
    main,
    replace_generated,
)
from iso9001_leadership.io import build_schema, parse_yaml, schema_text, to_data

ROOT = Path(__file__).resolve().parent.parent
FILE_FORMAT = ROOT / "docs" / "file-format.md"
MODEL = ROOT / "docs" / "model.md"
SHIPPED_SCHEMA = ROOT / "src" / "iso9001_leadership" / "io" / "organization.schema.json"

REGENERATE_DOCS = "python -m iso9001_leadership._file_format_doc docs/file-format.md"
REGENERATE_SCHEMA = "python -m iso9001_leadership schema --write"

_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines(keepends=True)
    start = lines.index(heading + "\n") + 1
    in_fence = False
    for end in range(start, len(lines)):
        line = lines[end]
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and re.match(rf"#{{1,{level}}} ", line):
            return "".join(lines[start:end])
    return "".join(lines[start:])


def _blocks(text: str, lang: str) -> list[str]:
    return [m["body"] for m in _FENCE.finditer(text) if m["lang"] == lang]


def _validator() -> jsonschema.protocols.Validator:
    schema = iso.json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def file_format() -> str:
    return FILE_FORMAT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reference() -> str:
    return file_format_markdown()


def _fields(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls) if f.init]


def _enums() -> list[type[enum.Enum]]:
    found: list[type[enum.Enum]] = []

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, enum.Enum) and tp not in found:
            found.append(tp)
        for arg in typing.get_args(tp):
            walk(arg)

    for cls in _classes():
        hints = typing.get_type_hints(cls)
        for name in _fields(cls):  # what the file holds, not the caches an instance keeps
            walk(hints[name])
    return found


# -- the generated reference ---------------------------------------------------------------


def test_generated_reference_is_current(file_format: str, reference: str) -> None:
    """The section between the markers of docs/file-format.md is exactly what the model generates."""
    assert generated_section(file_format) == reference, (
        f"docs/file-format.md is out of date with the model; regenerate it with `{REGENERATE_DOCS}`"
    )


def test_reference_is_deterministic(reference: str) -> None:
    """Generating the reference twice gives the same text."""
    assert file_format_markdown() == reference


def test_reference_covers_every_class_nested_in_the_organization() -> None:
    """Every attrs class reachable from Organization gets a section, Organization first."""
    classes = _classes()
    assert classes[0] is iso.Organization
    for name in ("RiskScale", "Commitment", "Measurement", "PartyRequirement", "Effectiveness", "ReviewOutput"):
        assert getattr(iso, name) in classes


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_field_appears_in_its_class_table(reference: str, cls: type) -> None:
    """Each class's section has one table row per field, in field order."""
    section = _section(reference, f"### {cls.__name__}")
    rows = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    assert rows == _fields(cls)


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_row_carries_doc_clause_and_targets(reference: str, cls: type) -> None:
    """A row shows the field's documentation, its clause and, for references, what it refers to."""
    section = _section(reference, f"### {cls.__name__}")
    for field in attrs.fields(cls):
        if not field.init:
            continue
        row = next(line for line in section.splitlines() if line.startswith(f"| `{field.name}` |"))
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[3] == iso.model.doc_of(field)
        assert cells[4] == (iso.model.clause_of(field) or "")
        kinds = iso.model.refs_of(field)
        if kinds is None:
            assert cells[5] == ""
        elif set(kinds) == set(iso.EntityKind):
            assert cells[5] == "any element"
        else:
            assert [k.replace(" ", "_") for k in re.findall(r"\[([a-z ]+)\]", cells[5])] == [k.value for k in kinds]


@pytest.mark.parametrize(
    ("cls", "field", "type_text", "default"),
    [
        (iso.Role, "id", "text", "**required**"),
        (iso.Role, "reports_to", "an id (or nothing)", "`null`"),
        (iso.Role, "top_management", "true or false", "`false`"),
        (iso.Role, "authorities", "a list of ids", "`[]`"),
        (iso.Authority, "kind", "one of the [AuthorityKind](#authoritykind) values", '`"other"`'),
        (iso.Authority, "limit", "a number (or nothing)", "`null`"),
        (iso.QualityPolicy, "approved_on", "a date written YYYY-MM-DD (or nothing)", "`null`"),
        (iso.Organization, "risk_scale", "a [RiskScale](#riskscale) mapping", '`{"likelihood": 5, "impact": 5}`'),
        (iso.Organization, "evidence", "a list of an [Evidence](#evidence) mapping", "`[]`"),
        (iso.ManagementReview, "held_on", "a date written YYYY-MM-DD", "**required**"),
        (iso.Risk, "likelihood", "a whole number (or nothing)", "`null`"),
    ],
)
def test_type_and_default_columns(reference: str, cls: type, field: str, type_text: str, default: str) -> None:
    """Types read in plain words and defaults as they would be written in a file."""
    section = _section(reference, f"### {cls.__name__}")
    assert f"| `{field}` | {type_text} | {default} |" in section


@pytest.mark.parametrize("enum_cls", _enums(), ids=lambda e: e.__name__)
def test_every_enum_value_is_listed(reference: str, enum_cls: type[enum.Enum]) -> None:
    """Each closed vocabulary used by the model has its complete value list in the reference."""
    section = _section(reference, f"#### {enum_cls.__name__}")
    values = ", ".join(f"`{member.value}`" for member in enum_cls)
    assert f"Values: {values}." in section


def test_reference_links_resolve(reference: str) -> None:
    """Every in-page link of the reference points at one of its headings."""
    anchors = {h.strip().lower().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", reference, re.MULTILINE)}
    targets = set(re.findall(r"\]\(#([a-z0-9-]+)\)", reference))
    assert targets - anchors == set()


# -- regenerating -----------------------------------------------------------------------------


def test_replace_generated_keeps_the_text_around_the_markers() -> None:
    """Only the text between the markers changes."""
    doc = f"intro\n{BEGIN_MARKER}\nstale\n{END_MARKER}\noutro\n"
    assert replace_generated(doc, "fresh\n") == f"intro\n{BEGIN_MARKER}\nfresh\n{END_MARKER}\noutro\n"


@pytest.mark.parametrize(
    "doc",
    [
        "no markers at all\n",
        f"{END_MARKER}\n{BEGIN_MARKER}\n",
        f"{BEGIN_MARKER}\n{BEGIN_MARKER}\n{END_MARKER}\n",
        f"{BEGIN_MARKER}\n",
    ],
    ids=["none", "reversed", "twice", "unclosed"],
)
def test_markers_must_be_one_well_ordered_pair(doc: str) -> None:
    """A document without exactly one begin marker followed by one end marker is refused."""
    with pytest.raises(ValueError, match="exactly one"):
        replace_generated(doc, "x\n")


def test_main_rewrites_a_stale_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command fills the section between the markers and leaves the rest alone."""
    doc = tmp_path / "file-format.md"
    doc.write_text(f"# Intro\n\n{BEGIN_MARKER}\nstale\n{END_MARKER}\n\nAfter.\n", encoding="utf-8")
    assert main([str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert text.startswith(f"# Intro\n\n{BEGIN_MARKER}\n")
    assert text.endswith(f"{END_MARKER}\n\nAfter.\n")
    assert generated_section(text) == file_format_markdown()
    assert main([str(doc), "--check"]) == 0
    assert "current" in capsys.readouterr().out


def test_main_check_reports_a_stale_section_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --check a stale file is reported (exit 1) and left unchanged."""
    doc = tmp_path / "file-format.md"
    stale = f"{BEGIN_MARKER}\nstale\n{END_MARKER}\n"
    doc.write_text(stale, encoding="utf-8")
    assert main([str(doc), "--check"]) == 1
    assert doc.read_text(encoding="utf-8") == stale
    assert REGENERATE_DOCS in capsys.readouterr().err


def test_main_refuses_a_file_without_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file without the markers is an input error (exit 2), not silently rewritten."""
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n", encoding="utf-8")
    assert main([str(doc)]) == 2
    assert doc.read_text(encoding="utf-8") == "# Notes\n"
    assert "exactly one" in capsys.readouterr().err


# -- the JSON Schema --------------------------------------------------------------------------


def test_shipped_schema_matches_the_model() -> None:
    """The schema file shipped in the package is exactly what build_schema() generates."""
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        f"src/iso9001_leadership/io/organization.schema.json is out of date with the model; "
        f"regenerate it with `{REGENERATE_SCHEMA}`"
    )
    assert iso.json_schema() == build_schema()


def test_shipped_schema_is_a_valid_schema() -> None:
    """The shipped schema is itself valid under its declared JSON Schema dialect."""
    schema = iso.json_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)


# -- the examples in docs/file-format.md ------------------------------------------------------


def test_complete_example_loads_and_validates(file_format: str) -> None:
    """The complete example is a valid organization and valid against the JSON Schema."""
    (example,) = _blocks(_section(file_format, "## A complete example"), "yaml")
    org = iso.loads(example, source="docs/file-format.md")
    data, _, problems = parse_yaml(example)
    assert problems == []
    validator = _validator()
    assert [e.message for e in validator.iter_errors(data)] == []
    assert [e.message for e in validator.iter_errors(to_data(org))] == []


def test_complete_example_uses_every_top_level_field(file_format: str) -> None:
    """The complete example shows every field of the organization."""
    (example,) = _blocks(_section(file_format, "## A complete example"), "yaml")
    data, _, _ = parse_yaml(example)
    assert set(data) == set(_fields(iso.Organization))


def test_error_example_is_what_the_loader_says(file_format: str) -> None:
    """The error shown in the docs is exactly the message the loader gives for the bad file shown."""
    section = _section(file_format, "## What an error looks like")
    (bad,) = _blocks(section, "yaml")
    (message,) = _blocks(section, "text")
    with pytest.raises(iso.LoadError) as info:
        iso.loads(bad, source="organization.yaml")
    assert str(info.value) == message.rstrip("\n"), "update the error example in docs/file-format.md"


def test_bad_example_is_also_refused_by_the_schema(file_format: str) -> None:
    """The schema catches the shape errors of the bad example, so an editor flags them too."""
    (bad,) = _blocks(_section(file_format, "## What an error looks like"), "yaml")
    data, _, _ = parse_yaml(bad)
    paths = {"/".join(str(p) for p in error.absolute_path) for error in _validator().iter_errors(data)}
    assert {"roles/0/top_management", "processes/1", "objectives/0/due"} <= paths


def test_docs_name_the_marker_comments_once(file_format: str) -> None:
    """docs/file-format.md has exactly one generated section."""
    assert file_format.count(BEGIN_MARKER) == 1
    assert file_format.count(END_MARKER) == 1


def test_model_doc_cites_every_clause_the_brief_lists() -> None:
    """docs/model.md explains each clause the model maps to."""
    text = MODEL.read_text(encoding="utf-8")
    for clause in ("4.1", "4.2", "4.4", "5.1", "5.2", "5.3", "6.1", "6.2", "7.1", "7.3", "7.4", "7.5", "9.3"):
        assert re.search(rf"\b{re.escape(clause)}\b", text), clause
