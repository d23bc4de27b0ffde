"""The pre-commit hooks (``.pre-commit-hooks.yaml``): a valid manifest, and the real ``pre-commit try-repo`` on them.

The slow tests run pre-commit as a user would: against a git repository holding this project's
working tree (tracked and new files, so what is tested is what is here, committed or not),
which pre-commit installs with pip into an environment of its own (that needs the package
index, and takes a while), on a repository holding a good and a bad organization file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from iso9001_leadership.cli import _parser, starter_text

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HOOKS = ("iso9001-leadership-validate", "iso9001-leadership-check")

GOOD = "sites/north/organization.yaml"
BAD = "sites/south/organization.yaml"


def _hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text("utf-8"))}


def test_manifest_is_valid_for_pre_commit() -> None:
    """pre-commit's own validator accepts the manifest."""
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hooks_run_commands_of_the_cli_on_the_files_passed() -> None:
    """Each hook is a python hook whose entry is a command of the CLI that takes several paths."""
    hooks = _hooks()
    assert set(hooks) == set(HOOKS)
    parser = _parser()
    for hook_id, hook in hooks.items():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        program, command = str(hook["entry"]).split()
        assert program == "iso9001-leadership"
        assert command in parser.get_default("all_commands")
        args = parser.parse_args([command, "a/organization.yaml", "b/organization.json"])
        assert args.files == ["a/organization.yaml", "b/organization.json"], hook_id


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("organization.yaml", True),
        ("sites/north/organization.yml", True),
        ("deep/er/organization.json", True),
        ("organization.yaml.bak", False),
        ("my-organization.yaml", False),
        (".github/workflows/ci.yml", False),
        ("mkdocs.yml", False),
    ],
)
def test_default_files_pattern_matches_organization_files_only(path: str, matched: bool) -> None:
    """The default pattern takes files named organization.yaml/.yml/.json in any folder, and nothing else."""
    for hook in _hooks().values():
        assert (re.search(str(hook["files"]), path) is not None) is matched


# -- the real pre-commit -------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def _working_tree_files() -> list[str]:
    """The project's files as git sees them: tracked, and new ones not ignored (deleted ones left out)."""
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of this project's working tree, committed: what `try-repo` clones and installs."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs git and the project's git repository")
    repo = tmp_path_factory.mktemp("hooks")
    for name in _working_tree_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git("init", "--quiet", cwd=repo)
    _git("add", "--all", cwd=repo)
    _git("commit", "--quiet", "--no-verify", "-m", "hooks under test", cwd=repo)
    return repo


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's repository with a good organization file (clean today) and a bad one."""
    repo = tmp_path / "project"
    (repo / GOOD).parent.mkdir(parents=True)
    (repo / BAD).parent.mkdir(parents=True)
    (repo / GOOD).write_text(starter_text(today=dt.date.today()), "utf-8")
    (repo / BAD).write_text("name: Acme\nscop: x\nroles: [{id: ceo}]\n", "utf-8")
    (repo / "notes.yaml").write_text("not: an organization\n", "utf-8")
    _git("init", "--quiet", cwd=repo)
    _git("add", "--all", cwd=repo)
    return repo


def try_repo(hook_repo: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` as a user runs it, with its cache in the test's folder and CI unset."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PRE_COMMIT_HOME"] = str(project.parent / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.slow
def test_validate_hook_fails_on_the_bad_file_with_its_problems_on_their_lines(hook_repo: Path, project: Path) -> None:
    """The validate hook, given both files (and a YAML file its pattern leaves out), fails on the bad one's problems."""
    proc = try_repo(hook_repo, project, HOOKS[0], "--files", GOOD, BAD, "notes.yaml")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"validate ISO 9001 organization files\.+Failed", output), output
    assert f"{GOOD}: valid (" in output
    assert f"{BAD}:2:1: scop: unknown field 'scop' for Organization;" in output
    assert f"{BAD}:3:9: roles[0].title: required field 'title' is missing; expected text" in output
    assert "notes.yaml" not in output  # the pattern keeps it from the hook


@pytest.mark.slow
def test_check_hook_fails_on_the_bad_file(hook_repo: Path, project: Path) -> None:
    """The check hook, given both files, reports the good one and fails on the bad one's problems."""
    proc = try_repo(hook_repo, project, HOOKS[1], "--files", GOOD, BAD)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"check organization files against ISO 9001 leadership requirements\.+Failed", output), output
    assert f"==> {GOOD} <==" in output
    assert f"{BAD}:2:1: scop: unknown field 'scop'" in output


@pytest.mark.slow
def test_both_hooks_pass_on_the_good_file(hook_repo: Path, project: Path) -> None:
    """Every hook of the manifest passes on a good file."""
    proc = try_repo(hook_repo, project, "--files", GOOD)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert len(re.findall(r"\.+Passed", output)) == len(HOOKS), output
