"""The YAML writer: libyaml's emitter where it writes what the pure-Python one writes, the same text always.

The golden files in ``tests/corpus/golden/`` were written by the pure-Python emitter, before
libyaml's was used at all; :func:`golden_documents` says how each is made, and running this
file as a script writes them again (``python tests/io/test_yaml_emitter.py``; only ever to
record a deliberate change of the file format's text).
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from iso9001_leadership import Organization, Person, Role, dumps, load, loads
from iso9001_leadership.cli import starter_text
from iso9001_leadership.io import _yaml
from iso9001_leadership.io._files import to_data
from iso9001_leadership.io._yaml import dump_yaml
from iso9001_leadership.strategies import organizations, texts

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "corpus" / "golden"
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"

#: For the tests that compare with libyaml's emitter: PyYAML may be built without it.
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is built without libyaml")

# -- the strings that are hard to write ----------------------------------------------------------

_WORDS = "the quality manager reviews each nonconformity and reports the trend to top management"

#: Text that YAML writes in every style: plain, quoted, folded, literal, escaped.
HARD_STRINGS: tuple[str, ...] = (
    # unicode, in and out of the Basic Multilingual Plane
    "Qualitätsmanagement — Größe ≥ 5 µm, naïve café",
    "品質管理責任者",
    "Ελληνικά και Кириллица",
    "مدير الجودة",
    "e\u0301 combining, a\u00a0no-break space, zero\u200bwidth, a\ufeffbyte order mark inside",
    "🚀 launch the 📈 plan",
    "👩\u200d🔬 scientist, 🇩🇰 flag",
    "\U0001f600",
    "\U0010fffd private use, \ue000 private use, \ufffd replacement",
    # long lines, folded or not
    (_WORDS + " ") * 3,
    "x" * 150,
    "a" + " " * 3 + _WORDS * 2,
    "'" + _WORDS * 2 + "' quoted on purpose",
    "- " + _WORDS * 2,
    "Größe " * 30,
    "品質 " * 60,
    "🚀 " * 60,
    "tab\tseparated\t" + _WORDS * 2,
    _WORDS + "\r" + _WORDS,
    # multi-line text
    "first line\nsecond line",
    "first line\n\nthird line",
    "ends with a newline\n",
    "ends with two newlines\n\n",
    "\n",
    "\n\n",
    "\nstarts with a newline",
    " starts with a space\nthen a line",
    "a space before the break \nnext line",
    "a line\n then an indented one",
    "a line\nthen one ending in a space ",
    "windows\r\nline ends",
    "old mac\rline ends",
    "next line\x85character",
    "line\u2028separator and paragraph\u2029separator",
    "\t tab then space\nsecond",
    ("a long line of the literal block: " + _WORDS * 2 + "\n") * 2,
    # text that reads as another type
    "123",
    "-1",
    "+1",
    "0o17",
    "0x1F",
    "017",
    "1.5",
    "1e5",
    ".inf",
    "-.inf",
    ".nan",
    "1_000",
    "12:30",
    "2024-01-01",
    "2024-02-30",
    "2024-01-01T10:00:00Z",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "TRUE",
    "null",
    "Null",
    "~",
    "=",
    "<<",
    # spaces and quotes
    " leading space",
    "trailing space ",
    "  ",
    "two  spaces  inside",
    "'single quoted'",
    '"double quoted"',
    "it's",
    'say "hi"',
    "`backticks`",
    # indicators
    "#not a comment",
    "a #comment?",
    "C# and F#",
    "key: value",
    "key:value",
    "ends with a colon:",
    ": starts with a colon",
    "- looks like an item",
    "-dash",
    "? looks like a key",
    "?question",
    "[a, b]",
    "{a: b}",
    "a, b, c",
    "*alias",
    "&anchor",
    "!tag",
    "!!str",
    "%directive",
    "@at",
    "|",
    ">",
    "---",
    "...",
    "--- a document",
    "... the end",
    # control characters a string may hold (written escaped)
    "bell\x07",
    "escape\x1b[0m",
    "nul\x00byte",
    "delete\x7f",
    "c1\x9f control",
    "non\ufffecharacter",
    # the empty string
    "",
)

#: The free-text fields of the file format (neither ids, references, dates nor enumerations).
FREE_TEXT = frozenset(
    {
        "criteria",
        "criterion",
        "channel",
        "currency",
        "decision",
        "description",
        "evaluation",
        "frequency",
        "location",
        "metric",
        "name",
        "notes",
        "rationale",
        "scope",
        "statement",
        "strategic_direction",
        "subject",
        "text",
        "title",
        "unit",
        "version",
    }
)

#: The free-text fields that must not be blank.
NOT_BLANK = frozenset({"criterion", "decision", "name", "statement", "subject", "text", "title", "version"})


def _with_hard_strings(data: Any) -> Any:
    """The example's data with every free-text value replaced by the next hard string, in turn.

    The strings go round twice as many times as there are fields for, so each is written at
    several depths of indentation; blank ones skip the fields that must not be blank.
    """
    strings = itertools.cycle(HARD_STRINGS)

    def replace(value: Any, key: str | None) -> Any:
        if isinstance(value, dict):
            return {k: replace(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [replace(v, key) for v in value]
        if isinstance(value, str) and key in FREE_TEXT:
            text = next(strings)
            while key in NOT_BLANK and not text.strip():
                text = next(strings)
            return text
        return value

    return replace(data, None)


def _hard_organization() -> Organization:
    """The bundled example with the hard strings in its free text."""
    return loads(dump_yaml(_with_hard_strings(to_data(load(EXAMPLE)))))


def _small_organization() -> Organization:
    """A small organization written from Python, its fields given out of the file's order."""
    return Organization(
        roles=(
            Role(id="ceo", title="Chief Executive 🚀", top_management=True, description="Größe\nund Qualität\n"),
            Role(id="1e5", title="yes", reports_to="ceo", vacant_since=dt.date(2026, 1, 31)),
            Role(id="A.b:c/d-e_f", title="~", reports_to="ceo", description="a: b # c"),
        ),
        people=(Person(id="null", name="'Quoted' Name", roles=("ceo",), email="someone@example.org"),),
        name="Acme: the company",
        scope=" ",
    )


def _strings_document() -> dict[str, Any]:
    """Every hard string, as a value at four depths, in a list and as a key; kept text last (an open end)."""
    return {
        "top": list(HARD_STRINGS),
        "nested": [{"value": text, "deeper": {"list": [text], "deepest": [{"value": text}]}} for text in HARD_STRINGS],
        "keys": {text: index for index, text in enumerate(HARD_STRINGS) if "\n" not in text},
        "last": "ends with two newlines\n\n",
    }


def golden_documents() -> dict[str, Callable[[], str]]:
    """How each golden file is made: its name, and the text it holds."""
    return {
        "precision-pumps.yaml": lambda: dumps(load(EXAMPLE)),
        "starter.yaml": lambda: dumps(loads(starter_text(today=dt.date(2026, 11, 24)))),
        "hard-strings.yaml": lambda: dumps(_hard_organization()),
        "small.yaml": lambda: dumps(_small_organization()),
        "strings.yaml": lambda: dump_yaml(_strings_document()),
    }


def write_golden_files() -> None:
    """Write the golden files again (a deliberate change of the text only)."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, make in golden_documents().items():
        (GOLDEN / name).write_bytes(make().encode("utf-8"))


# -- the same text as before ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(golden_documents()))
def test_dumps_writes_the_golden_text(name: str) -> None:
    """dumps() writes, byte for byte, what the pure-Python emitter wrote before libyaml's was used."""
    assert golden_documents()[name]().encode("utf-8") == (GOLDEN / name).read_bytes()


@pytest.mark.parametrize("name", sorted(golden_documents()))
def test_the_golden_text_without_libyaml(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml (PyYAML built without it), the pure-Python emitter writes the same text."""
    monkeypatch.setattr(_yaml, "_CEmitter", None)
    assert golden_documents()[name]().encode("utf-8") == (GOLDEN / name).read_bytes()


def test_every_golden_file_is_made_here() -> None:
    """No golden file is left over that golden_documents() does not make (and so no test checks)."""
    assert sorted(p.name for p in GOLDEN.glob("*.yaml")) == sorted(golden_documents())


@pytest.mark.parametrize("name", ["precision-pumps.yaml", "starter.yaml", "hard-strings.yaml", "small.yaml"])
def test_the_golden_organizations_read_back_equal(name: str) -> None:
    """Each golden organization reads back to the organization it was written from."""
    text = (GOLDEN / name).read_text(encoding="utf-8")
    assert dumps(loads(text)) == text


def _fits(data: Any, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each piece dump_yaml() writes ``data`` in, whether libyaml's emitter writes it."""
    fits: list[bool] = []
    real_open = _yaml._Pieces.open

    def spy(self: _yaml._Pieces, fit: bool, start: Any) -> None:
        fits.append(fit)
        real_open(self, fit, start)

    monkeypatch.setattr(_yaml._Pieces, "open", spy)
    dump_yaml(data)
    return fits


@needs_libyaml
def test_an_ordinary_organization_is_written_by_libyaml_in_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled example holds no text libyaml writes otherwise: one piece, libyaml's."""
    assert _fits(to_data(load(EXAMPLE)), monkeypatch) == [True]


@needs_libyaml
def test_only_the_elements_with_hard_text_go_to_the_pure_emitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """One role with an emoji costs one piece of the pure emitter, not the whole document."""
    roles = [{"id": f"r{i}", "title": f"Role {i}"} for i in range(10)]
    roles[4]["title"] = "Launch 🚀"
    data = {"name": "Acme", "roles": roles, "people": [{"id": "p", "name": "P"}]}
    assert _fits(data, monkeypatch) == [True, False, True, True]  # people: a mapping piece again
    assert dump_yaml(data) == _yaml._dump_pure(data)


# -- where libyaml writes otherwise ---------------------------------------------------------------


class _LibyamlDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter alone, with our representer: what it would write on its own."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        node: yaml.ScalarNode = self.represent_scalar(_yaml._STR, data, style=_yaml._str_style(data))
        return node


_LibyamlDumper.add_representer(str, _LibyamlDumper.represent_str)


def _libyaml_alone(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=_LibyamlDumper, **_yaml._DUMP_OPTIONS)
    return text


#: Each difference found between the two emitters: a document libyaml alone writes otherwise.
DIFFERENCES: dict[str, Any] = {
    # libyaml takes characters beyond the Basic Multilingual Plane for unprintable: "\U0001F680"
    "an emoji": {"title": "Launch 🚀"},
    "a character beyond the BMP, in a key": {"🚀": 1},
    # both escape in double quotes, but fold long lines at other places: libyaml only at spaces,
    # PyYAML also between other characters, with a "\" at the end of the line
    "a long line with a tab": {"description": "tab\t" + "word " * 30},
    "a long line with a carriage return": {"description": "one\r" + "word " * 30},
    "a long line with a control character": {"description": "bell\x07" + "word " * 30},
    "a long text with a space before a line break": {"description": "space \n" + "word " * 30},
    # after a |+ block (kept final breaks), libyaml ends the document with "..." even when more follows
    "a text ending in two line breaks, then more": {"description": "kept\n\n", "title": "T"},
    "a lone line break, then more": {"description": "\n", "title": "T"},
    # an empty key: PyYAML writes it as a complex key ("? ''"), libyaml as a simple one
    "an empty key": {"": 1},
    # PyYAML counts a key's tag (!!str) in its length, libyaml does not; and libyaml counts bytes
    "a key of 123 characters": {"k" * 123: 1},
    "a key of 65 characters, 130 bytes": {"é" * 65: 1},
    "a whole number of 123 digits as a key": {10**122: 1},
    # a lone scalar: PyYAML ends the document with "...", libyaml does not
    "a lone scalar": "text",
}


@needs_libyaml
@pytest.mark.parametrize("case", sorted(DIFFERENCES))
def test_each_difference_is_routed_to_the_pure_emitter(case: str) -> None:
    """libyaml alone writes each of these otherwise; dump_yaml() writes them as PyYAML does."""
    data = DIFFERENCES[case]
    assert _libyaml_alone(data) != _yaml._dump_pure(data)
    assert dump_yaml(data) == _yaml._dump_pure(data)


def _stable_repr(data: Any) -> str:
    """``repr`` with sets in sorted order, so every test process names the cases alike (pytest-xdist)."""
    if isinstance(data, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_stable_repr, data))) + "}"
    if isinstance(data, dict):
        return "{" + ", ".join(f"{_stable_repr(k)}: {_stable_repr(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(map(_stable_repr, data)) + "]"
    return repr(data)


@pytest.mark.parametrize(
    "data",
    [
        {"date": dt.date(2026, 1, 31)},
        {"set": {"a", "b"}},
        {"shared": (shared := ["a", "b"]), "again": shared},
        {},
        [],
        None,
        3,
        {"float": 1e17, "nan": float("nan"), "inf": float("-inf"), "small": 5e-324, "bool": True, "none": None},
        {2: "int key", None: "null key", 1.5: "float key", True: "bool key"},
        {"empty": [], "nested": [[], {}, [[]]], "list": [{"a": []}]},
    ],
    ids=lambda data: _stable_repr(data),
)
def test_data_of_every_kind_is_written_as_pyyaml_writes_it(data: Any) -> None:
    """Dates, sets, aliases, empty and lone values, numbers and keys that are not text: the same text."""
    assert dump_yaml(data) == _yaml._dump_pure(data)


def test_data_pyyaml_refuses_is_refused_the_same() -> None:
    """What PyYAML's safe representer cannot write is still its error."""
    with pytest.raises(yaml.representer.RepresenterError):
        dump_yaml({"a": object()})


# -- properties ------------------------------------------------------------------------------------

_HARD_CHARACTERS = st.sampled_from(
    [
        *"ab  ",
        *("\n", "\n", "\t", "\r", "\x85", "\u2028", "\ufeff", "\xa0", "é", "品", "🚀", "'", '"', "#", ":", "-"),
        *("\x00", "\x7f", "\ue000", "\ufffe", "\U0010fffd", "\u200b"),
    ]
)
_WORD = st.sampled_from(["a", "word", "Größe", "品質", "🚀", "-", "#", ":", "yes", "1e5", "'", "\t", "\n", ""])


def hard_texts() -> st.SearchStrategy[str]:
    """Text of every shape: short and odd, long and foldable, multi-line, or one of the hard strings."""
    return st.one_of(
        st.text(_HARD_CHARACTERS, max_size=12),
        st.lists(_WORD, max_size=60).map(" ".join),
        st.lists(st.text(_HARD_CHARACTERS, max_size=8), max_size=30).map(" ".join),
        st.sampled_from(HARD_STRINGS),
        texts(max_size=150),
    )


_KEYS = st.one_of(
    st.sampled_from(["id", "title", "description", *("k" * n for n in range(120, 131)), "é" * 61, "é" * 62]),
    st.integers(),
    hard_texts(),
)
_SCALARS = st.one_of(hard_texts(), st.integers(), st.floats(), st.booleans(), st.none())


def plain_data() -> st.SearchStrategy[Any]:
    """Nested mappings and lists of the scalars YAML files hold, their keys text."""
    return st.recursive(
        _SCALARS,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=4),
        max_leaves=24,
    )


_DOCUMENTS = st.one_of(
    st.dictionaries(_KEYS, plain_data(), max_size=5),
    st.dictionaries(_KEYS, st.lists(plain_data(), max_size=6), max_size=4),
    st.lists(plain_data(), max_size=6),
)


@given(organizations())
def test_libyaml_writes_organizations_as_the_pure_emitter_does(org: Organization) -> None:
    """dumps() is the pure-Python emitter's text, and reads back to the organization."""
    text = dumps(org)
    assert text == _yaml._dump_pure(to_data(org))
    assert loads(text) == org


@settings(max_examples=300)
@given(_DOCUMENTS)
def test_libyaml_writes_any_data_as_the_pure_emitter_does(data: Any) -> None:
    """dump_yaml() is the pure-Python emitter's text for any plain data, the hardest text included."""
    assert dump_yaml(data) == _yaml._dump_pure(data)


@given(_DOCUMENTS)
def test_the_pieces_make_the_whole(data: Any) -> None:
    """Written in pieces by the pure-Python emitter alone, a document is the same text as written whole."""
    assert _yaml._dump_events(data, libyaml=False) == _yaml._dump_pure(data)


@needs_libyaml
@settings(max_examples=300)
@given(hard_texts(), st.integers(0, 40))
def test_text_marked_for_libyaml_is_written_the_same_by_it(text: str, indent: int) -> None:
    """Any text (and key) the writer gives libyaml, libyaml alone writes as PyYAML does, at any indentation."""
    data = {"k" * (indent + 1): {"value": text, "list": [text], text: 1}}
    _, fits = _yaml._Events().collect(data)
    if fits:
        assert _libyaml_alone(data) == _yaml._dump_pure(data)


if __name__ == "__main__":  # pragma: no cover - a tool, not a test
    write_golden_files()
    sys.exit(0)
