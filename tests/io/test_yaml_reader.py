"""The YAML reader at scale: positions kept in a log and made into tables only when asked, limits first.

:func:`parse_yaml` keeps the position of every value and key in the order it reads them, and
makes the tables by path of :class:`Positions` only when they are asked for; these tests hold
those tables to the ones a plain walk of the composed nodes gives, and :meth:`Positions.find`
to the tables. A document over a limit is refused with that one problem, whatever else is
wrong with it, before the rest of it costs anything.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from yaml.nodes import MappingNode, Node, SequenceNode

from iso9001_leadership import Organization, dumps, loads
from iso9001_leadership.exceptions import LoadError
from iso9001_leadership.io import MAX_ALIAS_NODES, MAX_DEPTH, Positions, _files, _yaml, join_path, parse_yaml
from iso9001_leadership.strategies import organizations

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
GOLDEN = ROOT / "tests" / "corpus" / "golden"


def _reference(text: str) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """The positions of a document without problems, by a plain walk of its nodes (aliases followed)."""
    values: dict[str, tuple[int, int]] = {}
    keys: dict[str, tuple[int, int]] = {}

    def walk(node: Node, path: str) -> None:
        values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                child = join_path(path, key.value)
                keys[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, child)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, join_path(path, index))

    root = yaml.compose(text, Loader=_yaml._CoreLoader)
    assert root is not None
    walk(root, "")
    return values, keys


_ALIASES = """\
base: &base {id: x, list: [a, b]}
copies: [*base, *base]
more: {inner: *base}
"""


@pytest.mark.parametrize(
    "text",
    [
        EXAMPLE.read_text(encoding="utf-8"),
        (GOLDEN / "hard-strings.yaml").read_text(encoding="utf-8"),
        (GOLDEN / "strings.yaml").read_text(encoding="utf-8"),
        _ALIASES,
        "[a, [b, {c: d}], e]\n",
        "a: {}\nb: []\nc: [[], {}]\n",
    ],
    ids=["example", "hard-strings", "strings", "aliases", "flow", "empty collections"],
)
def test_the_position_tables_are_those_of_the_nodes(text: str) -> None:
    """The tables made from the log are what a walk of the nodes gives, and find() agrees with them."""
    _, positions, problems = parse_yaml(text)
    assert problems == []
    paths = list(_reference(text)[0])
    found = positions.find(paths)  # before the tables are made: from the log
    assert (positions.values, positions.keys) == _reference(text)
    assert found == positions.values
    assert positions.find(paths) == found  # after: from the tables


@given(organizations())
def test_the_position_tables_of_any_organization(org: Organization) -> None:
    """For any organization's file, the positions are those of its nodes."""
    text = dumps(org)
    _, positions, _ = parse_yaml(text)
    values, keys = _reference(text)
    assert positions.find(values) == values
    assert (positions.values, positions.keys) == (values, keys)


def test_the_tables_are_made_only_when_asked_for() -> None:
    """Reading keeps the log; find() answers from it; values makes the tables once."""
    _, positions, _ = parse_yaml(EXAMPLE.read_text(encoding="utf-8"))
    assert positions._log is not None
    assert positions.find(["roles[0]", "roles[999]", "policy.commitments[0]", "nowhere"]).keys() == {
        "roles[0]",
        "policy.commitments[0]",
    }
    assert positions._log is not None
    assert positions.values["roles[0]"] == positions.find(["roles[0]"])["roles[0]"]
    assert positions._log is None


def test_positions_made_by_hand_compare_by_content() -> None:
    """Positions(values=..., keys=...) still works, and compares with read ones by their tables."""
    made = Positions(values={"": (1, 1), "name": (1, 7)}, keys={"name": (1, 1)})
    _, read, _ = parse_yaml("name: Acme\n")
    assert read == made
    assert Positions() != made
    assert repr(made) == "Positions(values={'': (1, 1), 'name': (1, 7)}, keys={'name': (1, 1)})"
    assert made.find(["name", "scope"]) == {"name": (1, 7)}


def test_a_refused_build_keeps_the_positions_read_before() -> None:
    """An alias bomb ends the build midway: the positions read until then still place problems."""
    text = "name: Acme\nroles:\n  - {id: a}\n" + (
        ROOT / "tests" / "corpus" / "hostile" / "billion-laughs.yaml"
    ).read_text(encoding="utf-8")
    data, positions, problems = parse_yaml(text)
    assert data is None
    assert len(problems) == 1
    assert positions.values["roles[0]"] == (3, 5)
    assert positions.keys["name"] == (1, 1)


@pytest.mark.parametrize("text", ["name: R&D\nroles: [{id: a, title: A & B}]\n", "a: &x [1]\nb: *x\n"])
def test_an_ampersand_is_not_an_anchor(text: str) -> None:
    """Text with an ampersand (which may start an anchor) is read with aliases watched, the same data."""
    data, _, problems = parse_yaml(text)
    assert problems == []
    assert data == yaml.load(text, Loader=_yaml._CoreLoader)


# -- a document over a limit: that one problem, first and fast -----------------------------------

_MANY_PROBLEMS = "name: Acme\nname: Again\ntitel: typo\nscope: !!python/object x\nroles:\n" + "".join(
    f"  - {{id: r{i}, title: Role {i}, reports_to: nobody}}\n" for i in range(2000)
)
_BOMB = "\n".join(
    ["lol0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"lol{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
)


def _only_problem(call: Any) -> str:
    start = time.process_time()
    with pytest.raises(LoadError) as info:
        call()
    assert time.process_time() - start < 30  # not a timing test: a guard against an expansion
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0].message


def test_an_alias_bomb_is_the_one_problem_of_a_document_with_others() -> None:
    """Duplicate keys, unknown fields, forbidden tags and dangling references before it: only the bomb."""
    message = _only_problem(lambda: loads(_MANY_PROBLEMS + _BOMB + "\n"))
    assert message.startswith(f"the document expands to more than {MAX_ALIAS_NODES:,} values through its aliases")


def test_nesting_too_deep_is_the_one_problem_of_a_document_with_others() -> None:
    """A document nested too deep says so, and nothing else."""
    message = _only_problem(lambda: loads(_MANY_PROBLEMS + "deep: " + "[" * 200 + "]" * 200 + "\n"))
    assert message == f"the document is nested deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_text_over_max_bytes_is_refused_before_it_is_parsed(as_bytes: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Too large: the one problem, and the parser never sees the text (broken YAML and all)."""

    def never(*args: object, **kwargs: object) -> Any:
        raise AssertionError("parsed a text over the limit")

    monkeypatch.setattr(_files, "parse_yaml", never)
    text = _MANY_PROBLEMS + _BOMB + "\n: [unclosed\n"
    message = _only_problem(lambda: loads(text.encode() if as_bytes else text, max_bytes=1000))
    assert message.startswith("too large to read:")


def test_a_file_over_max_bytes_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same for a file, refused by its size on disk."""

    def never(*args: object, **kwargs: object) -> Any:
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(_files, "parse_yaml", never)
    path = tmp_path / "org.yaml"
    path.write_text(_MANY_PROBLEMS + _BOMB + "\n", encoding="utf-8")
    message = _only_problem(lambda: _files.load(path, max_bytes=1000))
    assert message.startswith(f"too large to read: {path.stat().st_size:,} bytes")
