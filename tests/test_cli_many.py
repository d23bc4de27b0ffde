"""``check`` of several files and directories: one document per run, each file's error its own, one exit code."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from iso9001_leadership.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main, starter_text
from iso9001_leadership.report import report_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = "2026-11-24"


def run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of sites (a clean file and the example), a bad file and a folder with no organization file.

    The working directory is the folder, so paths are relative, as a pre-commit hook passes them.
    """
    (tmp_path / "sites" / "north").mkdir(parents=True)
    (tmp_path / "sites" / "north" / "clean.yaml").write_text(starter_text(today=dt.date(2026, 11, 24)), "utf-8")
    shutil.copy(EXAMPLE, tmp_path / "sites" / "pumps.yaml")
    (tmp_path / "bad.yaml").write_text("name: Acme\nscop: x\nroles: [{id: ceo}]\n", "utf-8")
    (tmp_path / "notes.txt").write_text("name: Acme\n", "utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("nothing here\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CLEAN = "sites/north/clean.yaml"
PUMPS = "sites/pumps.yaml"


@pytest.mark.parametrize(
    ("paths", "fail_on", "expected"),
    [
        ([CLEAN], "minor", EXIT_OK),
        ([CLEAN, PUMPS], "major", EXIT_OK),
        ([CLEAN, PUMPS], "minor", EXIT_FINDINGS),
        (["sites"], "minor", EXIT_FINDINGS),
        (["sites"], "never", EXIT_OK),
        ([CLEAN, "bad.yaml"], "never", EXIT_USAGE),
        ([PUMPS, "bad.yaml"], "minor", EXIT_USAGE),
        ([CLEAN, "missing.yaml"], "minor", EXIT_USAGE),
        (["empty", CLEAN], "minor", EXIT_USAGE),
    ],
)
def test_exit_code_is_the_worst_of_the_files(tree: Path, paths: list[str], fail_on: str, expected: int) -> None:
    """2 if any file has an input error, else 1 if any fails --fail-on, else 0."""
    code, _, _ = run("check", *paths, "--as-of", AS_OF, "--fail-on", fail_on, "--format", "json")
    assert code == expected


def test_one_file_gives_the_report_of_one_file(tree: Path) -> None:
    """One file named alone prints its report as ever; a directory holding only it prints it under a heading."""
    code, single, _ = run("check", CLEAN, "--as-of", AS_OF)
    assert code == EXIT_OK
    assert not single.startswith("==>")
    code, folder, _ = run("check", "sites/north", "--as-of", AS_OF)
    assert code == EXIT_OK
    assert folder == f"==> {CLEAN} <==\n{single}"


def test_text_gives_each_report_under_a_heading_in_order(tree: Path) -> None:
    """Text: each file's own report, under a ``==> path <==`` heading, in the order given, a blank line between."""
    code, out, err = run("check", PUMPS, CLEAN, "--as-of", AS_OF, "--color", "never")
    assert code == EXIT_FINDINGS
    reports = [run("check", path, "--as-of", AS_OF, "--color", "never")[1] for path in (PUMPS, CLEAN)]
    assert out == f"==> {PUMPS} <==\n{reports[0]}\n==> {CLEAN} <==\n{reports[1]}"
    assert err == ""  # the text report on the terminal shows the findings already


def test_markdown_gives_each_report_separated_by_a_rule(tree: Path) -> None:
    """Markdown: each file's report (its heading names the organization, its first lines the file), then a rule."""
    code, out, _ = run("check", "sites", "--as-of", AS_OF, "--format", "markdown")
    assert code == EXIT_FINDINGS
    reports = [run("check", path, "--as-of", AS_OF, "--format", "markdown")[1] for path in (CLEAN, PUMPS)]
    assert out == "\n---\n\n".join(reports)
    assert out.count("\n# ISO 9001 leadership assessment: ") + out.startswith("# ") == 2


def test_json_is_one_document_of_reports_and_errors_by_path(tree: Path) -> None:
    """JSON: one document; each report, keyed by path, is the one-file report; each error lists its problems."""
    code, out, err = run("check", "bad.yaml", "sites", "--as-of", AS_OF, "--format", "json")
    assert code == EXIT_USAGE
    data = json.loads(out)
    assert list(data) == ["reports", "errors"]
    assert list(data["reports"]) == [CLEAN, PUMPS]
    for path, report in data["reports"].items():
        jsonschema.validate(report, report_schema())
        assert report == json.loads(run("check", path, "--as-of", AS_OF, "--format", "json")[1])
    error = data["errors"]["bad.yaml"]
    assert error["error"] == "LoadError"
    assert error["message"].startswith("bad.yaml: 2 problems:")
    assert [(p["path"], p["line"], p["suggestion"]) for p in error["problems"]] == [
        ("scop", 2, "scope"),
        ("roles[0].title", 3, None),
    ]
    assert f"{PUMPS}: 13 findings at or above 'minor'" in err


def _sarif_run(out: str) -> dict[str, Any]:
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1  # code scanning refuses several runs of one tool in one upload
    run: dict[str, Any] = log["runs"][0]
    return run


def test_sarif_is_one_run_whose_results_point_at_their_own_files(tree: Path) -> None:
    """SARIF: one run; every result points at its own file; rules once each, indexes right; errors as notifications."""
    code, out, _ = run("check", "sites", "bad.yaml", "--as-of", AS_OF, "--format", "sarif", "--fail-on", "never")
    assert code == EXIT_USAGE
    merged = _sarif_run(out)
    rules = merged["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    uris = set()
    for result in merged["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        uris.add(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert uris == {CLEAN, PUMPS}
    alone = _sarif_run(run("check", PUMPS, "--as-of", AS_OF, "--format", "sarif", "--fail-on", "never")[1])
    own = [r for r in merged["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == PUMPS]
    assert [{**r, "ruleIndex": 0} for r in own] == [{**r, "ruleIndex": 0} for r in alone["results"]]
    [error] = [n for n in merged["invocations"][0]["toolExecutionNotifications"] if n["level"] == "error"]
    assert error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.yaml"
    assert error["message"]["text"].startswith("bad.yaml: 2 problems:")
    assert merged["invocations"][0]["executionSuccessful"] is False
    assert [f["artifact"] for f in merged["properties"]["files"]] == [CLEAN, PUMPS]
    assert merged["properties"]["files"][1]["score"] == alone["properties"]["score"]


def test_each_error_is_printed_as_for_one_file_and_the_others_still_reported(tree: Path) -> None:
    """Each file's error goes to stderr as `check` of that file alone prints it; the other files are reported."""
    code, out, err = run("check", "bad.yaml", CLEAN, "missing.yaml", "notes.txt", "--as-of", AS_OF)
    assert code == EXIT_USAGE
    assert out.startswith(f"==> {CLEAN} <==\n")
    assert "==> bad.yaml" not in out
    alone = [run("check", path, "--as-of", AS_OF)[2] for path in ("bad.yaml", "missing.yaml")]
    assert err.startswith(alone[0] + alone[1])
    assert err.endswith(
        "notes.txt: cannot tell the format of 'notes.txt' from its suffix; pass format='yaml' or format='json'\n"
    )
    assert err.splitlines()[:2] == [
        "bad.yaml:2:1: scop: unknown field 'scop' for Organization; expected one of "
        + err.splitlines()[0].split("expected one of ", 1)[1],
        "bad.yaml:3:9: roles[0].title: required field 'title' is missing; expected text",
    ]
    assert "missing.yaml: No such file or directory\n" in err


def test_a_directory_without_organization_files_is_an_error(tree: Path) -> None:
    """A directory that holds no organization file gets an error naming it; nothing is skipped silently."""
    code, out, err = run("check", "empty", "--as-of", AS_OF, "--format", "json")
    assert code == EXIT_USAGE
    assert json.loads(out) == {"reports": {}, "errors": {"empty": json.loads(out)["errors"]["empty"]}}
    assert err.startswith("empty: the directory holds no organization file")


def test_jobs_run_across_processes_with_the_same_output(tree: Path) -> None:
    """--jobs 2 gives byte for byte the output of one process."""
    args = ("check", "sites", "bad.yaml", "--as-of", AS_OF, "--format", "json")
    assert run(*args, "--jobs", "2") == run(*args)


def test_output_file_holds_the_document_and_stderr_names_each_failing_file(tree: Path) -> None:
    """--output writes the one document; stderr says which files fail and by how much."""
    code, out, err = run("check", "sites", "--as-of", AS_OF, "--format", "sarif", "-o", "out.sarif")
    assert code == EXIT_FINDINGS
    assert out == ""
    assert err == f"{PUMPS}: 13 findings at or above 'minor'\n"
    assert _sarif_run((tree / "out.sarif").read_text("utf-8"))["properties"]["asOf"] == AS_OF


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "html"), "the html format reports on one file"),
        (("--jobs", "-1"), "not a number of processes"),
        (("--jobs", "many"), "not a number of processes"),
    ],
)
def test_usage_errors_exit_2_before_anything_is_read(
    tree: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format of one page per file, or a bad --jobs, is a usage error for several files."""
    code, out, err = run("check", "sites", "bad.yaml", "--as-of", AS_OF, *args)
    err += capsys.readouterr().err  # argparse writes usage errors to sys.stderr
    assert code == EXIT_USAGE
    assert out == ""
    assert message in err
    assert "bad.yaml" not in err


def test_as_of_is_required_in_ci_for_several_files(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With CI set, several files need --as-of as one does."""
    monkeypatch.setenv("CI", "true")
    code, out, err = run("check", "sites")
    assert (code, out) == (EXIT_USAGE, "")
    assert "--as-of is required when CI is set" in err


def test_what_files_hold_cannot_drive_a_terminal_or_make_a_sarif_link(tree: Path) -> None:
    """A file name with an escape sequence is shown escaped; an error echoing ``[x](target)`` makes no SARIF link."""
    hostile = "site-\x1b[31m.yaml"
    (tree / hostile).write_text(starter_text(today=dt.date(2026, 11, 24)), "utf-8")
    (tree / "link.yaml").write_text('name: Acme\n"[x](javascript:alert(1))": 1\n', "utf-8")
    code, out, _ = run("check", hostile, CLEAN, "--as-of", AS_OF, "--color", "never")
    assert code == EXIT_OK
    assert "\x1b" not in out
    assert out.startswith("==> site-\\x1b[31m.yaml <==\n")
    code, out, _ = run("check", "link.yaml", CLEAN, "--as-of", AS_OF, "--format", "sarif")
    assert code == EXIT_USAGE
    [error] = _sarif_run(out)["invocations"][0]["toolExecutionNotifications"]
    assert "[x\\](javascript:alert(1))" in error["message"]["text"]
    assert "x](" not in error["message"]["text"]


def test_github_annotates_every_file_and_every_problem(tree: Path) -> None:
    """GitHub format over several files: each file's annotations, then each problem of a bad file on its line."""
    code, out, err = run("check", "sites", "bad.yaml", "--as-of", AS_OF, "--format", "github")
    assert code == EXIT_USAGE
    lines = out.splitlines()
    headlines = [line for line in lines if not line.startswith("::")]
    assert [line.split(" (", 1)[1].split(")", 1)[0] for line in headlines] == [CLEAN, PUMPS]
    annotations = [line for line in lines if line.startswith("::")]
    assert sum(f"file={PUMPS}," in line for line in annotations) == 13
    assert [line.split("::")[1] for line in annotations if "file=bad.yaml" in line] == [
        "error file=bad.yaml,line=2,col=1,title=iso9001-leadership%3A cannot assess the file",
        "error file=bad.yaml,line=3,col=9,title=iso9001-leadership%3A cannot assess the file",
    ]
    assert err.startswith("bad.yaml:2:1: scop: unknown field")
    assert run("check", "sites", "bad.yaml", "--as-of", AS_OF, "--format", "github", "--jobs", "2")[1] == out


def test_junit_has_a_suite_per_file(tree: Path) -> None:
    """JUnit over several files: a suite per file in order, the bad one in error, the totals summed."""
    code, out, _ = run("check", "sites", "bad.yaml", "missing.yaml", "--as-of", AS_OF, "--format", "junit")
    assert code == EXIT_USAGE
    root = ET.fromstring(out.encode("utf-8"))
    assert [suite.get("name") for suite in root] == [CLEAN, PUMPS, "bad.yaml", "missing.yaml"]
    assert root.get("errors") == "2"
    assert root.get("failures") == str(sum(int(suite.get("failures", "0")) for suite in root))
    assert root[2].find("testcase/error") is not None
