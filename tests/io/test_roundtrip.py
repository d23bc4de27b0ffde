"""Nothing is lost between an organization and its files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given

from iso9001_leadership import ManagementReview, Organization, Role, dump, dumps, load, loads
from iso9001_leadership.io import _yaml, parse_yaml
from iso9001_leadership.io._yaml import dump_yaml
from iso9001_leadership.strategies import organizations, texts


@given(organizations())
def test_yaml_round_trip(org: Organization) -> None:
    """loads(dumps(org)) == org in YAML, for every valid organization."""
    assert loads(dumps(org)) == org


@given(organizations())
def test_json_round_trip(org: Organization) -> None:
    """loads(dumps(org)) == org in JSON, for every valid organization."""
    assert loads(dumps(org, format="json"), format="json") == org


@given(organizations())
def test_dump_is_deterministic_and_a_fixed_point(org: Organization) -> None:
    """Dumping twice gives the same text, and dumping what was loaded gives it again."""
    text = dumps(org)
    assert dumps(org) == text
    assert dumps(loads(text)) == text


@given(texts())
def test_any_text_survives_yaml(text: str) -> None:
    """Free text, including YAML-looking words and odd line breaks, comes back unchanged."""
    data, _, problems = parse_yaml(dump_yaml({"a": text}))
    assert problems == []
    assert data == {"a": text}


@pytest.mark.parametrize(
    "word", ["yes", "no", "on", "off", "null", "~", "true", "1e5", "0o17", "0x1F", "2026-01-01", ""]
)
def test_yaml_looking_strings_are_quoted(word: str) -> None:
    """Strings that some YAML reader would take for another type are written quoted."""
    org = Organization(name="Acme", scope=word, roles=(Role(id="ceo", title="CEO"),))
    assert loads(dumps(org)).scope == word


def test_core_schema_scalars() -> None:
    """Plain scalars follow YAML 1.2: yes/no stay text, 017 is seventeen, dates stay text."""
    data, _, problems = parse_yaml("a: yes\nb: 017\nc: 2026-01-01\nd: 0x10\ne: 1.5e3\nf: ~\ng: True\n")
    assert problems == []
    assert data == {"a": "yes", "b": 17, "c": "2026-01-01", "d": 16, "e": 1500.0, "f": None, "g": True}


def test_dump_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing leaves the old file intact and no temporary file behind."""
    path = tmp_path / "org.yaml"
    old = Organization(name="Old")
    dump(old, path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        dump(Organization(name="New"), path)
    assert load(path) == old
    assert [p.name for p in tmp_path.iterdir()] == ["org.yaml"]


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_dump_and_load_follow_the_suffix(tmp_path: Path, suffix: str) -> None:
    """dump() and load() choose YAML or JSON by the file's suffix."""
    org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    path = tmp_path / f"org{suffix}"
    dump(org, path)
    assert load(path) == org
    assert path.read_text(encoding="utf-8").startswith("{" if suffix == ".json" else "name: Acme")


def test_defaults_are_left_out_of_files() -> None:
    """Fields at their default are not written, so files stay short."""
    org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
    assert dumps(org) == "name: Acme\nroles:\n- id: ceo\n  title: CEO\n"


def test_dates_are_written_as_iso_text() -> None:
    """Dates are written YYYY-MM-DD in both formats."""
    org = Organization(name="Acme", reviews=(ManagementReview(id="mr", held_on=dt.date(2026, 3, 4)),))
    assert "held_on: '2026-03-04'" in dumps(org)
    assert '"held_on": "2026-03-04"' in dumps(org, format="json")


@pytest.mark.parametrize(
    "text",
    [
        "name: Acme\nroles:\n  - {id: ceo, title: CEO, top_management: true}\n",
        "a: yes\nb: 017\nc: 2026-01-01\nd: 0x10\ne: 1.5e3\nf: ~\ng: True\nh: ''\n",
        "name: a\nname: b\n",
        "scope: !!python/object/apply:os.system ['x']\n",
        "p:\n  - &x {id: a}\n  - {<<: *x, id: b}\n",
        "name: [unclosed\n",
        "\tname: Acme\n",
        "name: a\n---\nname: b\n",
        "text: |\n  two\n  lines\n",
    ],
)
def test_libyaml_and_pure_python_parsers_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast libyaml parser and the pure-Python fallback give the same data, positions and problems."""
    fast = _yaml.parse_yaml(text)
    monkeypatch.setattr(_yaml, "_LOADER", _yaml._CoreLoader)
    slow = _yaml.parse_yaml(text)
    assert (fast[0], fast[1], [(p.path, p.line, p.column) for p in fast[2]]) == (
        slow[0],
        slow[1],
        [(p.path, p.line, p.column) for p in slow[2]],
    )
