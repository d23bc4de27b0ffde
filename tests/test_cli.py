"""The command line: commands, formats, exit codes and error messages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import networkx as nx
import pytest

from iso9001_leadership import json_schema, load, loads
from iso9001_leadership.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main, starter_text

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


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "sarif"])
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
        (("frobnicate",), "No such file or directory"),
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
    """A file with problems gets the loader's full list, with lines, and exit code 2."""
    path = tmp_path / "bad.yaml"
    path.write_text("name: Acme\nscop: x\nroles: [{id: ceo}]\n", encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == EXIT_USAGE
    assert out == ""
    assert err.splitlines()[0] == f"{path}: 2 problems:"
    assert "did you mean 'scope'?" in err


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot", "mermaid", "json"])
def test_graph_export(fmt: str) -> None:
    """Every graph format carries every node of the accountability graph."""
    code, out, _ = run("graph", str(EXAMPLE), "--format", fmt)
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
