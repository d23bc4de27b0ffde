"""Positions in JSON text: found by a scan made only when a document has problems to place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import iso9001_leadership.io._files as files
from iso9001_leadership.exceptions import LoadError
from iso9001_leadership.io import join_path, load, loads, to_data
from iso9001_leadership.io._json import json_positions
from iso9001_leadership.model import Organization
from iso9001_leadership.strategies import organizations


def _walk(data: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, join_path(path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, join_path(path, index))


def _offset(text: str, where: tuple[int, int]) -> int:
    line, column = where
    return sum(len(line_text) + 1 for line_text in text.split("\n")[: line - 1]) + column - 1


@given(
    organizations(),
    st.sampled_from([None, 2, "\t"]),
    st.booleans(),
)
def test_each_value_and_key_is_placed_where_it_is_written(
    org: Organization, indent: int | str | None, ascii_only: bool
) -> None:
    """Every value's position starts that very value; every key's position starts that key; in any layout."""
    data = to_data(org)
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    positions = json_positions(text)
    decoder = json.JSONDecoder()
    for path, value in _walk(data):
        assert decoder.raw_decode(text, _offset(text, positions.values[path]))[0] == value, path
        if path:
            key = path.rsplit(".", 1)[-1]
            if not key.endswith("]"):
                assert decoder.raw_decode(text, _offset(text, positions.keys[path]))[0] == key, path


@pytest.mark.parametrize(
    ("text", "path", "value_at", "key_at"),
    [
        ('{"a": 1}', "a", (1, 7), (1, 2)),
        ('{"a": [10, {"b": "x,y]"}]}', "a[1].b", (1, 18), (1, 13)),
        ('{"a\\"b": {}}', 'a"b', (1, 10), (1, 2)),
        ('{\n  "a": [\n    [],\n    "z"\n  ]\n}', "a[1]", (4, 5), None),
        ('{"a": 1, "a": 2}', "a", (1, 7), (1, 10)),  # a repeated key is placed where it is repeated
    ],
    ids=["flat", "nested with punctuation in a string", "escaped key", "empty list before", "repeated key"],
)
def test_positions_table(text: str, path: str, value_at: tuple[int, int], key_at: tuple[int, int] | None) -> None:
    positions = json_positions(text)
    assert positions.values[path] == value_at
    if key_at is not None:
        assert positions.keys[path] == key_at


def test_text_that_is_not_json_gives_what_came_before() -> None:
    """A scan never raises: text cut short or broken gives the positions read until then."""
    positions = json_positions('{"a": 1, "b": ')
    assert positions.values["a"] == (1, 7)
    assert "b" not in positions.values


def test_a_valid_json_document_is_never_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan is for problems only: a document without one is read without it."""

    def refuse(text: str) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(files, "json_positions", refuse)
    path = tmp_path / "org.json"
    path.write_text('{"name": "Acme", "roles": [{"id": "ceo", "title": "CEO"}]}', "utf-8")
    assert load(path).name == "Acme"
    assert loads(path.read_text("utf-8"), format="json").name == "Acme"


@pytest.mark.parametrize("how", ["load", "loads text", "loads bytes"])
def test_problems_of_a_json_document_have_their_line_and_column(tmp_path: Path, how: str) -> None:
    """From a file (read again) or from text or bytes (kept by the caller), each problem is placed."""
    text = '{"name": "Acme",\n "roles": [\n  {"id": "ceo", "titel": "CEO", "reports_to": "nobody"}\n ]\n}\n'
    path = tmp_path / "org.json"
    path.write_text(text, "utf-8")
    read = {
        "load": lambda: load(path),
        "loads text": lambda: loads(text, format="json"),
        "loads bytes": lambda: loads(text.encode(), format="json"),
    }[how]
    with pytest.raises(LoadError) as caught:
        read()
    placed = {(p.path, p.line, p.column) for p in caught.value.problems}
    assert placed == {
        ("roles[0].title", 3, 3),  # missing: where its mapping starts
        ("roles[0].titel", 3, 17),  # unknown: at the key
        ("roles[0].reports_to", 3, 47),  # a dangling reference: at the value
    }


def test_a_file_that_changed_before_its_problems_were_placed_leaves_them_unplaced(tmp_path: Path) -> None:
    """Read again and no longer there: the problems keep their paths and messages, without lines."""
    path = tmp_path / "org.json"
    path.write_text('{"name": "Acme", "rolez": []}', "utf-8")
    original = files._read

    def read_then_remove(*args: Any) -> bytes:
        data = original(*args)
        path.unlink(missing_ok=True)
        return data

    files._read = read_then_remove  # type: ignore[assignment]
    try:
        with pytest.raises(LoadError) as caught:
            load(path)
    finally:
        files._read = original  # type: ignore[assignment]
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("rolez", None)
