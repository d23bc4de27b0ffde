"""Hostile input: every file, path or text given to the loader ends in one of our errors, quickly.

The files in ``tests/corpus/hostile/`` each once ended in a traceback from PyYAML, json, the
codecs, the operating system or the interpreter (a ``KeyError``, a ``RecursionError``, a
``MemoryError``, a ``ValueError`` from printing a huge number) or in a hang. :data:`EXPECTED`
gives, for each, the error it must raise now and a fragment of the one problem it must report.
Paths that cannot be files in a repository (a device, a named pipe, a directory, a NUL byte)
are made in a temporary folder. A mutation fuzzer then checks that small changes to a valid
file never let anything else out.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iso9001_leadership import Organization
from iso9001_leadership.cli import EXIT_USAGE, main, starter_text
from iso9001_leadership.exceptions import Iso9001Error, LoadError, UsageError
from iso9001_leadership.io import MAX_ALIAS_NODES, MAX_BYTES, MAX_DEPTH, MAX_INT_DIGITS, _yaml, load, loads, parse_yaml

HOSTILE = Path(__file__).resolve().parent.parent / "corpus" / "hostile"

#: For each file of the corpus: the error it raises, a fragment of its one problem (or of the
#: message), and the line of the problem where the file can tell it (None: not checked).
EXPECTED: dict[str, tuple[type[Exception], str, int | None]] = {
    "bool-maybe.yaml": (LoadError, "unreadable bool: 'maybe'", 1),
    "alias-inside-itself.yaml": (LoadError, "an alias inside the collection it names", 1),
    "alias-inside-itself-mapping.yaml": (LoadError, "an alias inside the collection it names", 2),
    "nested-500-flow.yaml": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 1),
    "nested-999-flow.yaml": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 1),
    "nested-2000-flow.yaml": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 1),
    "nested-495-block.yaml": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 2),
    "nested-990.json": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 1),
    "nested-20000.json": (LoadError, f"nested deeper than {MAX_DEPTH} levels", 1),
    "big-int-3600.yaml": (LoadError, "a number too large: 3,600 digits", 3),
    "big-int-3600.json": (LoadError, "a number too large: 3,600 digits", 2),
    "big-int-5000.json": (LoadError, "a number too large: 5,000 digits", 1),
    "big-hex-4000.yaml": (LoadError, "a number too large: 4,000 digits", 2),
    "billion-laughs.yaml": (LoadError, f"expands to more than {MAX_ALIAS_NODES:,} values through its aliases", None),
    "nan.json": (LoadError, "not valid JSON: NaN is not a number JSON allows", 2),
    "infinity.json": (LoadError, "not valid JSON: -Infinity is not a number JSON allows", 1),
    "not-utf8.yaml": (LoadError, "not UTF-8 text: invalid continuation byte", 2),
    "utf16-bom.yaml": (LoadError, "UTF-16 (or UTF-32) byte order mark", 1),
    "encoded-surrogate.yaml": (LoadError, "not UTF-8 text", 1),
    "lone-surrogate-escape.json": (LoadError, "text holds a lone surrogate (U+D800)", 2),
    "lone-surrogate-key.json": (LoadError, "text holds a lone surrogate (U+DC00)", 1),
    "lone-surrogate-escape.yaml": (LoadError, "text holds a lone surrogate (U+D800)", 2),
    "control-character.yaml": (LoadError, "the character U+001B is not allowed", 2),
    "nul-byte.yaml": (LoadError, "the character U+0000 is not allowed", 1),
    "python-tag.yaml": (LoadError, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", 1),
    "int-tag-not-a-number.yaml": (LoadError, "unreadable int", 2),
    "empty.yaml": (LoadError, "the document is empty", None),
    "bom-only.json": (LoadError, "not valid JSON: Expecting value", 1),
    "two-documents.yaml": (LoadError, "not valid YAML", 2),
    "organization.txt": (UsageError, "cannot tell the format of", None),
}


def test_the_table_covers_the_corpus() -> None:
    """Every file of the hostile corpus has its expectation, and every expectation its file."""
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


def _fails_as_expected(
    call: Callable[[], object], error: type[Exception], fragment: str, line: int | None
) -> Exception:
    """Run ``call``, which must raise ``error`` with one problem holding ``fragment``, in a moment."""
    start = time.process_time()
    with pytest.raises(error) as info:
        call()
    # Not a timing assertion (that would be flaky); a guard against a hang turned into a slow pass.
    assert time.process_time() - start < 30
    exc = info.value
    if isinstance(exc, LoadError):
        assert len(exc.problems) == 1, exc.problems
        problem = exc.problems[0]
        assert fragment in problem.message, problem
        if line is not None:
            assert problem.line == line, problem
            assert problem.column is not None
    else:
        assert fragment in str(exc)
    return exc


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_refuses_the_file_with_one_clear_problem(name: str) -> None:
    """load() on each hostile file raises our error with the one problem expected, and its line."""
    error, fragment, line = EXPECTED[name]
    _fails_as_expected(lambda: load(HOSTILE / name), error, fragment, line)


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if not n.endswith(".txt")))
def test_loads_refuses_the_bytes_too(name: str) -> None:
    """loads() on the file's bytes says the same as load() on the file."""
    error, fragment, line = EXPECTED[name]
    fmt = "json" if name.endswith(".json") else "yaml"
    data = (HOSTILE / name).read_bytes()
    _fails_as_expected(lambda: loads(data, format=fmt), error, fragment, line)


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTED if n.endswith(".yaml") and "utf" not in n and "surrogate" not in n)
)
def test_the_pure_python_parser_refuses_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, PyYAML's own parser (which recurses once per level) is held to the same limits."""
    monkeypatch.setattr(_yaml, "_LOADER", _yaml._CoreLoader)
    error, fragment, _ = EXPECTED[name]
    if "deeper" in fragment or "expands" in fragment or "alias inside" in fragment:
        _fails_as_expected(lambda: load(HOSTILE / name), error, fragment, None)
    else:
        with pytest.raises(error):
            load(HOSTILE / name)


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_validate_exits_2_without_a_traceback(name: str) -> None:
    """`iso9001-leadership validate FILE` on each hostile file exits 2 with the problem, never a traceback."""
    code, out, err = _cli("validate", str(HOSTILE / name))
    assert code == EXIT_USAGE
    assert out == ""
    assert EXPECTED[name][1] in err
    assert "Traceback" not in err


# -- paths that are no files ---------------------------------------------------------------------


def _special_paths(folder: Path) -> dict[str, tuple[Path | str, str]]:
    """Paths of each kind that is not a regular file, with the fragment of the problem they give."""
    paths: dict[str, tuple[Path | str, str]] = {}
    directory = folder / "folder.yaml"
    directory.mkdir()
    paths["directory"] = (directory, "the path names a directory")
    link = folder / "link-to-folder.yaml"
    link.symlink_to(directory)
    paths["symlink to a directory"] = (link, "the path names a directory")
    if os.path.exists("/dev/zero"):
        zero = folder / "zero.yaml"
        zero.symlink_to("/dev/zero")
        paths["symlink to /dev/zero"] = (zero, "the path names a character device")
    if hasattr(os, "mkfifo"):
        fifo = folder / "pipe.yaml"
        os.mkfifo(fifo)
        paths["named pipe"] = (fifo, "the path names a named pipe (FIFO)")
    paths["NUL byte"] = (str(folder / "org\x00.yaml"), "the path holds a NUL character")
    if sys.platform != "win32":
        paths["lone surrogate"] = (str(folder / "org\ud800.yaml"), "the path cannot be a file name")
    return paths


@pytest.mark.skipif(sys.platform == "win32", reason="devices, pipes and symlinks are POSIX")
def test_paths_that_are_no_files_are_refused_before_they_are_opened(tmp_path: Path) -> None:
    """A directory, a device, a named pipe (which would block) or a NUL byte: one LoadError each."""
    for kind, (path, fragment) in _special_paths(tmp_path).items():
        exc = _fails_as_expected(lambda p=path: load(p), LoadError, fragment, None)
        assert isinstance(exc, LoadError), kind
        code, _, err = _cli("validate", str(path))
        assert code == EXIT_USAGE, kind
        assert fragment in err, kind
        assert "Traceback" not in err


def test_dev_zero_is_refused(tmp_path: Path) -> None:
    """`check /dev/zero` no longer reads until memory runs out: its suffix is refused, and so is the device."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    code, _, err = _cli("check", "/dev/zero", "--as-of", "2026-11-24")
    assert code == EXIT_USAGE
    assert "Traceback" not in err
    _fails_as_expected(lambda: load("/dev/zero", format="yaml"), LoadError, "a character device", None)


def test_missing_file_stays_the_os_error(tmp_path: Path) -> None:
    """A file that is not there is still the operating system's FileNotFoundError (the CLI says so, exit 2)."""
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.yaml")
    code, _, err = _cli("validate", str(tmp_path / "missing.yaml"))
    assert code == EXIT_USAGE
    assert "No such file or directory" in err


@pytest.mark.parametrize("value", [None, 3, ["name: Acme"], {"name": "Acme"}])
def test_loads_of_something_not_text_is_a_usage_error(value: object) -> None:
    """loads() of anything but str or bytes is a UsageError, not a TypeError from deep inside a parser."""
    with pytest.raises(UsageError, match="takes the text of an organization file"):
        loads(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, 3, b"org.yaml"])
def test_load_of_something_not_a_path_is_a_usage_error(value: object) -> None:
    """load() of anything but a str path or os.PathLike is a UsageError."""
    with pytest.raises(UsageError, match="takes the path of a file"):
        load(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [-1, 1.5, "10", True])
def test_max_bytes_must_be_a_number_of_bytes(value: object) -> None:
    """max_bytes is a whole number of bytes or None."""
    with pytest.raises(UsageError, match="max_bytes"):
        loads("name: Acme\n", max_bytes=value)  # type: ignore[arg-type]


# -- the size limit ------------------------------------------------------------------------------


def test_a_file_larger_than_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The size on disk is checked first; the message names the limit and how to raise it."""
    path = tmp_path / "org.yaml"
    path.write_text("name: Acme\n" + "# padding\n" * 100, encoding="utf-8")
    exc = _fails_as_expected(lambda: load(path, max_bytes=100), LoadError, "and the limit is 100 bytes", None)
    assert isinstance(exc, LoadError)
    assert "max_bytes=" in str(exc)
    assert load(path, max_bytes=None).name == "Acme"
    assert load(path, max_bytes=path.stat().st_size).name == "Acme"
    assert MAX_BYTES == 50_000_000


def test_a_file_growing_past_the_limit_is_refused_while_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose size on disk says less than it holds (it grew, or is a /proc file) is cut at the limit."""
    path = tmp_path / "org.yaml"
    path.write_text("name: Acme\n" + "# padding\n" * 100, encoding="utf-8")
    real_stat = Path.stat

    def small_stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(Path, "stat", small_stat)
    _fails_as_expected(lambda: load(path, max_bytes=100), LoadError, "more than 100 bytes", None)


def test_text_and_bytes_larger_than_max_bytes_are_refused() -> None:
    """loads() counts text in characters and bytes in bytes."""
    text = "name: Acme\n" + "# padding\n" * 10
    _fails_as_expected(lambda: loads(text, max_bytes=50), LoadError, "and the limit is 50 characters", None)
    _fails_as_expected(lambda: loads(text.encode(), max_bytes=50), LoadError, "and the limit is 50 bytes", None)
    assert loads(text, max_bytes=len(text)).name == "Acme"


# -- the limits, at their edge -------------------------------------------------------------------


def _nested(levels: int, fmt: str) -> str:
    """A document whose deepest list is ``levels`` deep (the document mapping is level 1)."""
    inner = "[" * (levels - 1) + "]" * (levels - 1)
    return f'{{"name": {inner}}}' if fmt == "json" else f"name: {inner}\n"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_up_to_the_limit_is_read(fmt: str) -> None:
    """MAX_DEPTH levels are read (and then found to be no text); one level more is refused."""
    with pytest.raises(LoadError) as info:
        loads(_nested(MAX_DEPTH, fmt), format=fmt)  # type: ignore[arg-type]
    assert "not text" in info.value.problems[0].message
    with pytest.raises(LoadError) as info:
        loads(_nested(MAX_DEPTH + 1, fmt), format=fmt)  # type: ignore[arg-type]
    assert [p.message for p in info.value.problems] == [f"the document is nested deeper than {MAX_DEPTH} levels"]


def test_json_nesting_is_measured_outside_strings() -> None:
    """Brackets inside JSON strings are text, not nesting."""
    org = loads('{"name": "' + "[" * 500 + '", "scope": "\\"{{{{"}', format="json")
    assert org.name == "[" * 500


def test_numbers_up_to_the_limit_are_read() -> None:
    """A whole number of MAX_INT_DIGITS digits is read (and judged by the model); one digit more is refused."""
    problems = parse_yaml("a: " + "9" * MAX_INT_DIGITS + "\n")[2]
    assert problems == []
    problems = parse_yaml("a: -" + "9" * (MAX_INT_DIGITS + 1) + "\n")[2]
    assert [p.message.split(":")[0] for p in problems] == ["a number too large"]


def test_a_large_file_without_aliases_is_not_an_alias_bomb() -> None:
    """The alias guard counts what aliases repeat, not the values written out."""
    roles = "".join(f"  - {{id: r{i}, title: Role {i}}}\n" for i in range(MAX_ALIAS_NODES // 2 + 10))
    data, _, problems = parse_yaml("name: Acme\nroles:\n" + roles)
    assert problems == []
    assert len(data["roles"]) == MAX_ALIAS_NODES // 2 + 10


def test_aliases_are_counted_by_what_they_stand_for() -> None:
    """Aliases within the limit are read; past it, one problem at the alias that crosses it."""
    item = "[" + ", ".join(["x"] * 99) + "]"  # a list of 100 values with itself
    under = MAX_ALIAS_NODES // 100
    text = f"a: &a {item}\nb: [" + ", ".join(["*a"] * under) + "]\n"
    data, _, problems = parse_yaml(text)
    assert problems == []
    assert len(data["b"]) == under
    text = f"a: &a {item}\nb: [" + ", ".join(["*a"] * (under + 1)) + "]\n"
    data, _, problems = parse_yaml(text)
    assert data is None
    assert len(problems) == 1
    assert problems[0].path == f"b[{under}]"
    assert problems[0].line == 2


def test_a_billion_laughs_is_measured_without_being_expanded() -> None:
    """A few hundred bytes that would expand to a billion values are refused after building few of them."""
    text = (HOSTILE / "billion-laughs.yaml").read_text(encoding="utf-8")
    assert len(text.encode()) < 600
    start = time.process_time()
    data, _, problems = parse_yaml(text)
    assert time.process_time() - start < 5
    assert data is None
    assert [p.message.split(" (")[0] for p in problems] == [
        f"the document expands to more than {MAX_ALIAS_NODES:,} values through its aliases"
    ]


def test_a_bom_is_dropped_and_positions_stay_right() -> None:
    """A leading UTF-8 byte order mark (Windows editors write one) is allowed in YAML and JSON, text or bytes."""
    assert loads(b"\xef\xbb\xbfname: Acme\n").name == "Acme"
    assert loads('\ufeff{"name": "Acme"}', format="json").name == "Acme"
    with pytest.raises(LoadError) as info:
        loads(b"\xef\xbb\xbfname: Acme\nscop: x\n")
    assert (info.value.problems[0].line, info.value.problems[0].column) == (2, 1)


def test_a_valid_surrogate_pair_is_a_character() -> None:
    """A JSON escape pair for one character outside the BMP is fine; only a lone half is refused."""
    assert loads('{"name": "Acme \\ud83d\\ude00"}', format="json").name == "Acme \U0001f600"
    assert loads('{"name": "C:\\\\ud800"}', format="json").name == "C:\\ud800"  # an escaped backslash


# -- a mutation fuzzer ---------------------------------------------------------------------------

VALID = starter_text(today=dt.date(2026, 11, 24))
SMALL = "name: Acme\nroles:\n  - {id: ceo, title: CEO, top_management: true}\n  - id: qm\n    title: QM\n    reports_to: ceo\n"

_PIECES = [
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!bool ",
    "!!int ",
    "!!python/object ",
    "<<: ",
    "- ",
    ": ",
    "\n",
    "  ",
    "\t",
    '"',
    "'",
    "\\ud800",
    "\\",
    "\x00",
    "\x1b",
    "\ufeff",
    "\ud800",
    "9" * 120,
    "0x",
    ".nan",
    "NaN",
    "Infinity",
    "1e999",
    "---",
    "#",
    "%YAML 1.1\n",
    "? ",
    "|",
    ">",
    ",",
]


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str | bytes, str]:
    """A valid file (as YAML or JSON) with a few random insertions, deletions, replacements and copies."""
    fmt = draw(st.sampled_from(["yaml", "json"]))
    base = draw(st.sampled_from([SMALL, VALID]))
    if fmt == "json":
        base = _as_json(base)
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate line", "nest"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(_PIECES) | st.text(max_size=3)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif action == "duplicate line":
            lines = text.splitlines(keepends=True) or [""]
            index = min(at, len(lines) - 1)
            lines.insert(index, lines[index])
            text = "".join(lines)
        else:
            depth = draw(st.integers(1, 400))
            text = text[:at] + "[" * depth + text[at:] + "]" * draw(st.integers(0, depth))
    if draw(st.booleans()):
        raw = text.encode("utf-8", "surrogatepass")
        if draw(st.booleans()) and raw:
            spot = draw(st.integers(0, len(raw) - 1))
            raw = raw[:spot] + bytes([draw(st.integers(0, 255))]) + raw[spot + 1 :]
        return raw, fmt
    return text, fmt


def _as_json(text: str) -> str:
    data, _, problems = parse_yaml(text)
    assert not problems
    return json.dumps(data, indent=1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_mutated_files_load_or_raise_our_errors(case: tuple[str | bytes, str]) -> None:
    """Whatever a few mutations make of a valid file, loads() returns an Organization or raises an Iso9001Error."""
    text, fmt = case
    try:
        result = loads(text, format=fmt)  # type: ignore[arg-type]
    except Iso9001Error as exc:
        str(exc)  # the message can be made, and
        str(exc).encode("utf-8")  # written out
    else:
        assert isinstance(result, Organization)
