"""The command line: commands, formats, exit codes and error messages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership import dumps, json_schema, load, loads
from iso9001_leadership.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _stdin_format, main, starter_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = "2026-11-24"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    """A starter organization file: no nonconformity, dated on the assessment day."""
    path = tmp_path / "org.yaml"
    path.write_text(starter_text(today=dt.date(2026, 11, 24)), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("major", EXIT_OK), ("minor", EXIT_FINDINGS), ("observation", EXIT_FINDINGS), ("never", EXIT_OK)],
)
def test_check_exit_code_follows_the_threshold(fail_on: str, expected: int) -> None:
    """The example has minor nonconformities only: it fails at 'minor' and below, passes at 'major'."""
    code, out, _ = run("check", str(EXAMPLE), "--as-of", AS_OF, "--fail-on", fail_on)
    assert code == expected
    assert "Nordhavn Precision Pumps" in out


def test_check_passes_a_clean_file(clean_file: Path) -> None:
    """A file with no nonconformity exits 0 at the default threshold (needs evidence is below minor)."""
    code, out, _ = run("check", str(clean_file), "--as-of", AS_OF)
    assert code == EXIT_OK
    assert "nonconformity" not in out


def test_check_fails_on_needs_evidence_when_asked(clean_file: Path) -> None:
    """--fail-on needs_evidence turns requirements the model cannot decide into a failure."""
    assert run("check", str(clean_file), "--as-of", AS_OF, "--fail-on", "needs_evidence")[0] == EXIT_FINDINGS


def test_text_report_names_every_planted_gap() -> None:
    """The text report lists the findings with the elements at fault and the fix."""
    _, out, _ = run("check", str(EXAMPLE), "--as-of", AS_OF, "--fail-on", "never", "--color", "never")
    for element in ("proc-calibration", "risk-energy-price", "mr-2026-06", "sustainability-coordinator"):
        assert element in out
    assert "fix: " in out
    assert "\033[" not in out


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    """--color always adds ANSI codes; output to a pipe (a StringIO here) has none by default."""
    assert "\033[" in run("check", str(EXAMPLE), "--as-of", AS_OF, "--color", "always")[1]
    assert "\033[" not in run("check", str(EXAMPLE), "--as-of", AS_OF)[1]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "sarif", "github", "junit"])
def test_report_formats(fmt: str, tmp_path: Path) -> None:
    """Each report format is written to --output, deterministically, and the exit code still applies."""
    target = tmp_path / f"report.{fmt}"
    args = ("check", str(EXAMPLE), "--as-of", AS_OF, "--format", fmt, "--output", str(target))
    code, out, err = run(*args)
    assert code == EXIT_FINDINGS
    assert out == ""
    assert "findings at or above 'minor'" in err
    first = target.read_text(encoding="utf-8")
    run(*args)
    assert target.read_text(encoding="utf-8") == first
    if fmt in {"json", "sarif"}:
        data = json.loads(first)
        assert data["version" if fmt == "sarif" else "edition"] == ("2.1.0" if fmt == "sarif" else "2015")
    if fmt == "junit":
        assert ET.fromstring(first.encode("utf-8")).get("failures") == "10"  # 13 findings under 10 requirements
    if fmt == "github":
        assert sum(line.startswith("::error file=") for line in first.splitlines()) == 13  # each fails the job


def test_check_edition_2026() -> None:
    """--edition 2026 assesses against the 2026 catalog (quality culture among its requirements)."""
    _, out, _ = run("check", str(EXAMPLE), "--as-of", AS_OF, "--edition", "2026", "--format", "json")
    data = json.loads(out)
    assert data["edition"] == "2026"
    assert any(r["id"] == "leadership.quality-culture" for r in data["requirements"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "missing.yaml"), "No such file or directory"),
        (("check", str(EXAMPLE), "--as-of", "24/11/2026"), "not a date"),
        (("check", str(EXAMPLE), "--fail-on", "sometimes"), "invalid choice"),
        (("check", str(EXAMPLE), "--edition", "2008"), "invalid choice"),
        (("graph", str(EXAMPLE), "--format", "png"), "invalid choice"),
        (("frobnicate",), "unknown command 'frobnicate'; expected one of check, graph, raci"),
        (("missing.yaml",), "missing.yaml: No such file or directory"),
    ],
)
def test_usage_and_input_errors_exit_2(args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Usage and input errors exit 2 with a message, never a traceback."""
    code, _, err = run(*args)
    err += capsys.readouterr().err  # argparse writes usage errors to sys.stderr
    assert code == EXIT_USAGE
    assert message in err
    assert "Traceback" not in err


def test_bad_file_exits_2_with_the_loader_message(tmp_path: Path) -> None:
    """A file with problems gets the loader's full list, one `path:line:col: message` a problem, and exit code 2."""
    path = tmp_path / "bad.yaml"
    path.write_text("name: Acme\nscop: x\nroles: [{id: ceo}]\n", encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == EXIT_USAGE
    assert out == ""
    first, second = err.splitlines()
    assert first.startswith(f"{path}:2:1: scop: unknown field 'scop' for Organization; expected one of name, scope, ")
    assert first.endswith("; did you mean 'scope'?")
    assert second == f"{path}:3:9: roles[0].title: required field 'title' is missing; expected text"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot", "mermaid", "json"])
def test_graph_export(fmt: str) -> None:
    """Every graph format carries every node of the accountability graph (Mermaid's size limits lifted: see test_views)."""
    lifted = ["--mermaid-max-text-size", "0", "--mermaid-max-edges", "0"] if fmt == "mermaid" else []
    code, out, _ = run("graph", str(EXAMPLE), "--format", fmt, *lifted)
    assert code == EXIT_OK
    org = load(EXAMPLE)
    if fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(out.encode())).number_of_nodes() == len(org)
    elif fmt == "gexf":
        xml.dom.minidom.parseString(out.encode())
        assert nx.read_gexf(io.BytesIO(out.encode())).number_of_nodes() == len(org)
    elif fmt == "json":
        assert len(json.loads(out)["nodes"]) == len(org)
    elif fmt == "dot":
        assert out.startswith('digraph "Nordhavn')
        assert out.count(" [label=") >= len(org)
    else:
        assert out.startswith("flowchart LR")
        assert sum(1 for line in out.splitlines() if line.startswith("  n") and "[" in line) == len(org)


def test_graph_export_is_deterministic() -> None:
    """Exporting twice gives the same bytes (no timestamps)."""
    assert run("graph", str(EXAMPLE), "--format", "gexf")[1] == run("graph", str(EXAMPLE), "--format", "gexf")[1]


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_raci(fmt: str) -> None:
    """The RACI matrix has a row per responsibility and marks the accountable role."""
    code, out, _ = run("raci", str(EXAMPLE), "--format", fmt, "--ids")
    assert code == EXIT_OK
    org = load(EXAMPLE)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) == len(org.responsibilities) + 1
        header = rows[0]
        first = org.responsibilities[0]
        row = next(r for r in rows if r[0] == first.id)
        assert "A" in row[header.index(first.accountable[0])]
    else:
        assert all(r.id in out for r in org.responsibilities)


def test_schema_prints_the_shipped_schema() -> None:
    """`schema` prints exactly the JSON Schema shipped in the package."""
    code, out, _ = run("schema")
    assert code == EXIT_OK
    assert json.loads(out) == json_schema()


def test_init_writes_a_starter_that_loads_and_refuses_to_overwrite(tmp_path: Path) -> None:
    """`init` writes a commented starter file that loads cleanly, and never overwrites without --force."""
    path = tmp_path / "org.yaml"
    assert run("init", str(path))[0] == EXIT_OK
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") > 10
    assert loads(text).name == "Example Ltd"
    code, _, err = run("init", str(path))
    assert code == EXIT_USAGE
    assert "use --force" in err
    assert run("init", str(path), "--force")[0] == EXIT_OK


def test_summary_and_validate() -> None:
    """`summary` (also the bare `FILE` form) and `validate` load the file and report on it."""
    code, out, _ = run(str(EXAMPLE))
    assert code == EXIT_OK
    assert out.startswith("Nordhavn Precision Pumps")
    assert "owner: NO OWNER" in out
    code, out, _ = run("validate", str(EXAMPLE))
    assert (code, out.strip()) == (EXIT_OK, f"{EXAMPLE}: valid ({len(load(EXAMPLE))} elements)")


def test_no_command_prints_help() -> None:
    """Without a command, the help is printed and the exit code is 2."""
    code, out, _ = run()
    assert code == EXIT_USAGE
    assert "check" in out


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m iso9001_leadership` is the same command line, exit code included."""
    proc = subprocess.run(
        [sys.executable, "-m", "iso9001_leadership", "check", str(EXAMPLE), "--as-of", AS_OF, "--fail-on", "minor"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == EXIT_FINDINGS
    assert "score" in proc.stdout


@pytest.mark.parametrize(("ci", "code"), [("true", EXIT_USAGE), ("1", EXIT_USAGE), ("", EXIT_OK), ("false", EXIT_OK)])
def test_check_needs_as_of_in_ci(monkeypatch: pytest.MonkeyPatch, clean_file: Path, ci: str, code: int) -> None:
    """With CI set, leaving out --as-of is a usage error: a CI run must not depend on the day it runs."""
    monkeypatch.setenv("CI", ci)
    result, _, err = run("check", str(clean_file), "--fail-on", "never")
    assert result == code
    assert ("--as-of is required when CI is set" in err) is (code == EXIT_USAGE)


def test_timing_changes_the_verdict(tmp_path: Path) -> None:
    """--timing sets a threshold: objectives with no plan of their own, last measured in October, are on time when
    measured yearly, late when measured weekly."""
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    base = ("check", str(path), "--as-of", "2026-11-24", "--format", "json", "--fail-on", "never")
    _, default, _ = run(*base)
    _, strict, _ = run(*base, "--timing", "measure_every=1 week", "--timing", "max_grace_days=3")
    rules = lambda report: {f["rule"] for f in json.loads(report)["findings"]}  # noqa: E731
    assert "objective_not_monitored" not in rules(default)
    assert "objective_not_monitored" in rules(strict)


@pytest.mark.parametrize("setting", ["overdue=3", "late_days=soon", "review_every=often"])
def test_bad_timing_is_a_usage_error(clean_file: Path, setting: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("check", str(clean_file), "--as-of", "2026-11-24", "--timing", setting)
    assert code == EXIT_USAGE
    assert "argument --timing:" in capsys.readouterr().err


@pytest.mark.parametrize(("limit", "code"), [("100", EXIT_USAGE), ("0", EXIT_OK), ("50_000_000", EXIT_OK)])
def test_max_bytes_bounds_what_is_read(clean_file: Path, limit: str, code: int) -> None:
    """--max-bytes refuses a larger file before reading it; 0 lifts the limit."""
    result, _, err = run("validate", str(clean_file), "--max-bytes", limit)
    assert result == code
    assert ("too large to read" in err) is (code == EXIT_USAGE)
    assert "Traceback" not in err


def test_max_bytes_must_be_a_size(clean_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", str(clean_file), "--max-bytes", "lots")[0] == EXIT_USAGE
    assert "not a size in bytes: 'lots'" in capsys.readouterr().err


# -- mistyped commands ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "closest"), [("chek", "check"), ("valdiate", "validate"), ("sumary", "summary"), ("grpah", "graph")]
)
def test_a_mistyped_command_offers_the_closest(word: str, closest: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`iso9001-leadership chek org.yaml` names the command it did not know and the one meant, and exits 2."""
    code, out, err = run(word, str(EXAMPLE))
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"iso9001-leadership: unknown command {word!r}; did you mean {closest!r}?\n"
    assert capsys.readouterr().err == ""  # no confusing argparse message besides


def test_a_file_given_options_of_check_offers_the_check_command(tmp_path: Path, clean_file: Path) -> None:
    """An existing file followed by what only `check` takes suggests the `check` command line."""
    code, out, err = run(str(clean_file), "--as-of", AS_OF)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        f"iso9001-leadership: unknown command {str(clean_file)!r}; it is a file: "
        f"did you mean 'iso9001-leadership check {clean_file} --as-of {AS_OF}'?\n"
    )
    other = tmp_path / "other.yaml"
    other.write_text(clean_file.read_text("utf-8"), "utf-8")
    assert f"check {clean_file} {other}'?" in run(str(clean_file), str(other))[2]


# -- problems one a line ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "validate", "summary", "graph", "raci"])
def test_every_command_prints_problems_as_path_line_col(command: str, tmp_path: Path) -> None:
    """Each problem is one `path:line:col: message` line, the form editors and CI parse, whatever the command."""
    path = tmp_path / "bad.yaml"
    path.write_text("name: Acme\nroles:\n  - {id: ceo, title: CEO, reports_to: cfo}\n  - {id: qm}\n", "utf-8")
    extra = ("--format", "dot") if command == "graph" else ()
    code, out, err = run(command, str(path), *extra)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.splitlines() == [
        f"{path}:3:39: roles[0].reports_to: unknown role id 'cfo'; expected the id of a role; did you mean 'ceo'?",
        f"{path}:4:5: roles[1].title: required field 'title' is missing; expected text",
    ]


def test_json_problems_are_placed_and_a_file_that_cannot_be_read_is_named_alone(tmp_path: Path) -> None:
    """JSON problems get their line and column too (the text is scanned again); a missing file says why, without one."""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"name": "Acme", "rolez": []}), "utf-8")
    code, _, err = run("validate", str(path), str(tmp_path / "gone.yaml"))
    assert code == EXIT_USAGE
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:1:18: rolez: unknown field 'rolez' for Organization; expected one of ")
    assert lines[0].endswith("did you mean 'roles'?")
    assert lines[1] == f"{tmp_path / 'gone.yaml'}: No such file or directory"


def test_validate_takes_several_files(tmp_path: Path, clean_file: Path) -> None:
    """`validate` reads each file (as pre-commit passes them): valid ones on stdout, problems on stderr, exit 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Acme\nscop: x\n", "utf-8")
    code, out, err = run("validate", str(clean_file), str(bad), str(EXAMPLE))
    assert code == EXIT_USAGE
    assert out.splitlines() == [
        f"{clean_file}: valid ({len(load(clean_file))} elements)",
        f"{EXAMPLE}: valid ({len(load(EXAMPLE))} elements)",
    ]
    assert err.startswith(f"{bad}:2:1: scop: unknown field")
    assert run("validate", str(clean_file), str(EXAMPLE))[0] == EXIT_OK


# -- standard input -----------------------------------------------------------------------------


def run_with_input(data: bytes, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err, stdin=io.BytesIO(data))
    return code, out.getvalue(), err.getvalue()


def test_stdin_gives_the_report_of_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check -` reads the file from standard input; with --stdin-name its report is that of the file itself."""
    monkeypatch.chdir(EXAMPLE.parent)
    data = EXAMPLE.read_bytes()
    for fmt in ("text", "sarif", "github", "junit"):
        args = ("--as-of", AS_OF, "--format", fmt, "--fail-on", "never")
        from_file = run("check", EXAMPLE.name, *args)
        assert run_with_input(data, "check", "-", "--stdin-name", EXAMPLE.name, *args) == from_file
    code, out, _ = run_with_input(data, "check", "-", "--as-of", AS_OF, "--format", "sarif")
    assert code == EXIT_FINDINGS
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris == {"%3Cstdin%3E"}


def test_stdin_in_json_is_told_from_its_content(tmp_path: Path) -> None:
    """JSON on standard input is read as JSON (strict): its problems are placed in the text read, as YAML's are."""
    org = loads(EXAMPLE.read_text("utf-8"))
    as_json = dumps(org, format="json").encode("utf-8")
    code, out, _ = run_with_input(as_json, "validate", "-")
    assert (code, out) == (EXIT_OK, f"<stdin>: valid ({len(org)} elements)\n")
    code, _, err = run_with_input(b'{"name": "Acme", "name": "Again"}', "validate", "-", "--stdin-name", "a.json")
    assert code == EXIT_USAGE
    assert err.startswith("a.json:1:18: name: duplicate key 'name'")  # where the key is given again
    code, _, err = run_with_input(b"name: Acme\nname: Again\n", "validate", "-")
    assert err.startswith("<stdin>:2:1: name: duplicate key 'name'")


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=4))
def test_stdin_format_tells_json_from_yaml(document: dict[str, object]) -> None:
    """Any JSON document is read as JSON, and the same data as block YAML as YAML."""
    assert _stdin_format(json.dumps(document).encode("utf-8")) == "json"
    assert _stdin_format(json.dumps(document, indent=2).encode("utf-8-sig")) == "json"
    if document:
        assert _stdin_format(yaml.safe_dump(document, default_flow_style=False).encode("utf-8")) == "yaml"


def test_stdin_among_several_files_keeps_its_place(tmp_path: Path, clean_file: Path) -> None:
    """`check a - b` reports standard input between a and b, under its name."""
    code, out, _ = run_with_input(
        EXAMPLE.read_bytes(), "check", str(clean_file), "-", str(EXAMPLE), "--as-of", AS_OF, "--format", "json"
    )
    assert code == EXIT_FINDINGS
    assert list(json.loads(out)["reports"]) == [str(clean_file), "<stdin>", str(EXAMPLE)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "-", "-"), "standard input (-) can be read only once"),
        (("validate", "org.yaml", "--stdin-name", "x.yaml"), "--stdin-name names standard input"),
    ],
)
def test_stdin_misuse_is_a_usage_error(args: tuple[str, ...], message: str) -> None:
    code, out, err = run_with_input(b"name: Acme\n", *args)
    assert (code, out) == (EXIT_USAGE, "")
    assert message in err


def test_stdin_respects_max_bytes(clean_file: Path) -> None:
    """More than --max-bytes on standard input is refused without reading it all."""
    stream = io.BytesIO(clean_file.read_bytes())
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "-", "--max-bytes", "100"], stdout=out, stderr=err, stdin=stream) == EXIT_USAGE
    assert err.getvalue().startswith("<stdin>: too large to read: more than 100 bytes, and the limit is 100 bytes")
    assert stream.tell() == 101


# -- --fail-on in the machine formats ------------------------------------------------------------


@pytest.mark.parametrize(("fail_on", "results"), [("major", 0), ("minor", 13), ("never", 21)])
def test_fail_on_is_what_the_machine_formats_report(fail_on: str, results: int) -> None:
    """SARIF, GitHub and JUnit report the findings at or above --fail-on (all of them for `never`)."""
    args = ("check", str(EXAMPLE), "--as-of", AS_OF, "--fail-on", fail_on)
    sarif = json.loads(run(*args, "--format", "sarif")[1])["runs"][0]
    assert len(sarif["results"]) == results
    assert sarif["properties"].get("minSeverity") == (None if fail_on == "never" else fail_on)
    annotations = [line for line in run(*args, "--format", "github")[1].splitlines() if line.startswith("::")]
    assert len(annotations) == results
    junit = ET.fromstring(run(*args, "--format", "junit")[1].encode("utf-8"))
    assert sum(len(case.findall("failure")) for case in junit.iter("testcase")) == len(
        {r["ruleId"] for r in sarif["results"]}
    )


def test_no_sarif_result_sits_on_a_line_it_does_not_belong_to() -> None:
    """Every region of the example's SARIF is the line where its element is defined; needs-evidence notes have none."""
    lines = EXAMPLE.read_text("utf-8").splitlines()
    sarif = json.loads(run("check", str(EXAMPLE), "--as-of", AS_OF, "--format", "sarif", "--fail-on", "never")[1])
    located = unlocated = 0
    for result in sarif["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"].get("region")
        if result["properties"]["status"] == "needs_evidence":
            assert region is None
            unlocated += 1
            continue
        name = result["locations"][0]["logicalLocations"][0]["name"]
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 :] == f"id: {name}"
        located += 1
    assert (located, unlocated) == (13, 8)


def test_github_and_junit_report_a_bad_file_in_the_report(tmp_path: Path) -> None:
    """One bad file in the github or junit format: its problems are in the report itself, and the exit code is 2."""
    path = tmp_path / "bad.yaml"
    path.write_text("name: Acme\nscop: x\n", "utf-8")
    code, out, err = run("check", str(path), "--as-of", AS_OF, "--format", "github")
    assert code == EXIT_USAGE
    assert out.startswith(
        f"::error file={path.as_posix()},line=2,col=1,title=iso9001-leadership%3A cannot assess the file::scop"
    )
    assert err.startswith(f"{path}:2:1: scop: unknown field")
    code, out, _ = run("check", str(path), "--as-of", AS_OF, "--format", "junit")
    assert code == EXIT_USAGE
    assert ET.fromstring(out.encode("utf-8")).get("errors") == "1"
