"""The composite GitHub Action (``action.yml``): inputs and outputs that fit its steps, and its steps run in bash.

The steps' scripts are run as the runner runs them (``bash --noprofile --norc -eo pipefail``),
with the ``${{ ... }}`` expressions of their ``env`` and ``working-directory`` replaced by test
values, ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` pointing at files, and ``CI`` set. The
quick tests stand this Python (with the package) in for the install step; the slow one runs the
install step too, installing the project into a fresh virtual environment with pip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = "2026-11-24"

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_BASH = shutil.which("bash")

pytestmark = pytest.mark.skipif(_BASH is None, reason="the action's steps run in bash")


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text("utf-8"))
    return data


def _expressions(value: object) -> list[str]:
    """Every ``${{ ... }}`` expression in a value of the action (strings, lists and mappings, at any depth)."""
    if isinstance(value, str):
        return _EXPRESSION.findall(value)
    if isinstance(value, dict):
        return [e for v in value.values() for e in _expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in _expressions(v)]
    return []


def _inputs_named(expression: str) -> set[str]:
    return set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expression))


def test_the_action_is_a_composite_with_described_inputs_and_outputs(action: dict[str, Any]) -> None:
    """Name, description, branding; every input and output described; steps in bash with ids where read."""
    assert action["runs"]["using"] == "composite"
    assert action["name"]
    assert action["description"]
    assert {"icon", "color"} <= set(action["branding"])
    for name, spec in {**action["inputs"], **action["outputs"]}.items():
        assert spec.get("description"), name
    for step in action["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step)
        if "run" in step:
            assert step["shell"] == "bash"


def test_every_input_is_used_and_every_one_used_exists(action: dict[str, Any]) -> None:
    """The steps read exactly the declared inputs."""
    used = {name for e in _expressions(action["runs"]) for name in _inputs_named(e)}
    used |= {name for step in action["runs"]["steps"] for name in _inputs_named(str(step.get("if", "")))}
    assert used == set(action["inputs"])


def test_scripts_take_inputs_from_the_environment_only(action: dict[str, Any]) -> None:
    """No expression is pasted into a script, so no input can inject shell code; each env variable is read."""
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        assert "${{" not in step["run"], step["name"]
        for variable in step.get("env", {}):
            assert f"${variable}" in step["run"] or f"${{{variable}}}" in step["run"], variable


def test_outputs_come_from_what_the_steps_write(action: dict[str, Any]) -> None:
    """Each output is a step's output, and that step writes it to GITHUB_OUTPUT; step outputs read are written."""
    steps = {step["id"]: step for step in action["runs"]["steps"] if "id" in step}
    references = [
        re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", e) for e in _expressions(action["outputs"])
    ]
    references += [
        re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", e)
        for e in _expressions(action["runs"])
        if e.startswith("steps.")
    ]
    assert references
    for match in references:
        assert match is not None
        step_id, name = match.groups()
        assert step_id in steps, step_id
        assert re.search(rf'echo "{re.escape(name)}=.*>> "\$GITHUB_OUTPUT"', steps[step_id]["run"]), name


@attrs.frozen
class Run:
    """What running the action's steps gave."""

    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    @property
    def annotations(self) -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith("::")]


def _evaluate(expression: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]], action_path: Path) -> str:
    """The value of one of the expressions the action uses (the few forms it needs; anything else fails the test)."""
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    if expression == "github.action_path":
        return str(action_path)
    match = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expression)
    if match is not None:
        return outputs.get(match[1], {}).get(match[2], "")
    pytest.fail(f"the test does not know the expression {expression!r}")


def run_action(
    action: dict[str, Any],
    workspace: Path,
    *,
    install: bool = False,
    action_path: Path = ROOT,
    **given: str,
) -> Run:
    """Run the action's bash steps in ``workspace`` with the inputs given (the others at their defaults).

    Without ``install``, the install step is left out and this Python, which has the package,
    stands in for the one it would install.
    """
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({name.replace("_", "-"): value for name, value in given.items()})
    temp = workspace.parent / f"{workspace.name}-runner"
    temp.mkdir(exist_ok=True)
    summary_file = temp / "summary.md"
    summary_file.write_text("", "utf-8")
    outputs: dict[str, dict[str, str]] = {}
    if not install:
        outputs["install"] = {"python": sys.executable}
    code, stdout, stderr = 0, "", ""
    for step in action["runs"]["steps"]:
        if "run" not in step or (step.get("id") == "install" and not install):
            continue
        output_file = temp / f"output-{step.get('id', 'step')}"
        output_file.write_text("", "utf-8")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))},
            "CI": "true",
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary_file),
            "RUNNER_TEMP": str(temp),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
        for name, value in step.get("env", {}).items():
            env[name] = _EXPRESSION.sub(lambda m: _evaluate(m[1], inputs, outputs, action_path), str(value))
        where = _EXPRESSION.sub(
            lambda m: _evaluate(m[1], inputs, outputs, action_path), str(step.get("working-directory", "."))
        )
        script = temp / f"{step.get('id', 'step')}.sh"
        script.write_text(step["run"], "utf-8")
        proc = subprocess.run(
            [str(_BASH), "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace / where,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        code, stdout, stderr = proc.returncode, stdout + proc.stdout, stderr + proc.stderr
        written = dict(line.split("=", 1) for line in output_file.read_text("utf-8").splitlines() if "=" in line)
        outputs[step.get("id", "step")] = written
        if code:
            break
    values = {
        name: _EXPRESSION.sub(lambda m: _evaluate(m[1], inputs, outputs, action_path), str(spec["value"]))
        for name, spec in action["outputs"].items()
    }
    return Run(code, stdout, stderr, values, summary_file.read_text("utf-8"))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository's workspace: the example under org/, a bad file under broken/."""
    space = tmp_path / "workspace"
    (space / "org").mkdir(parents=True)
    shutil.copy(EXAMPLE, space / "org" / "organization.yaml")
    (space / "broken").mkdir()
    (space / "broken" / "organization.yaml").write_text("name: Acme\nscop: x\nroles: [{id: ceo}]\n", "utf-8")
    return space


def test_the_example_fails_at_minor_with_an_annotation_per_finding(action: dict[str, Any], workspace: Path) -> None:
    """On the example: exit 1, one error annotation on its line per minor nonconformity (they fail the job), SARIF and summary written."""
    run = run_action(action, workspace, paths="org", as_of=AS_OF, sarif_file="results.sarif")
    assert run.code == 1, run.stderr
    assert run.outputs == {"exit-code": "1", "sarif-file": str(workspace / "results.sarif")}
    assert len(run.annotations) == 13
    assert all(re.match(r"::error file=org/organization\.yaml,line=\d+,col=\d+,title=", a) for a in run.annotations)
    sarif = json.loads((workspace / "results.sarif").read_text("utf-8"))
    assert len(sarif["runs"][0]["results"]) == 13
    assert sarif["runs"][0]["properties"]["asOf"] == AS_OF
    assert run.summary.startswith("# ISO 9001 leadership assessment: Nordhavn Precision Pumps")


def test_fail_on_major_passes_the_example_quietly(action: dict[str, Any], workspace: Path) -> None:
    """With fail-on major the example (minor findings only) passes, with no annotation and no SARIF asked."""
    run = run_action(action, workspace, paths="org/organization.yaml", as_of=AS_OF, fail_on="major", summary="false")
    assert run.code == 0, run.stderr
    assert run.outputs == {"exit-code": "0", "sarif-file": ""}
    assert run.annotations == []
    assert run.summary == ""


def test_a_bad_file_is_annotated_on_its_lines_and_exits_2(action: dict[str, Any], workspace: Path) -> None:
    """A file that cannot be read: an error annotation per problem, on its line; exit code 2."""
    run = run_action(action, workspace, paths="org\nbroken", as_of=AS_OF, sarif_file="out/results.sarif")
    assert run.code == 2
    assert run.outputs["exit-code"] == "2"
    errors = [a for a in run.annotations if a.startswith("::error file=broken/")]
    assert [a.split("::")[1] for a in errors] == [
        "error file=broken/organization.yaml,line=2,col=1,title=iso9001-leadership%3A cannot assess the file",
        "error file=broken/organization.yaml,line=3,col=9,title=iso9001-leadership%3A cannot assess the file",
    ]
    assert sum(a.startswith("::error file=org/") for a in run.annotations) == 13
    assert "broken/organization.yaml:2:1: scop: unknown field" in run.stderr
    sarif = json.loads((workspace / "out" / "results.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_as_of_defaults_to_the_date_of_the_commit(action: dict[str, Any], workspace: Path) -> None:
    """Without as-of, the commit checked out dates the check; with no commit to read, the step says so and fails."""
    run = run_action(action, workspace, paths="org")
    assert run.code == 2
    assert run.annotations == [
        (
            "::error title=iso9001-leadership::as-of is empty and no commit date can be read here; "
            "set the as-of input (YYYY-MM-DD)"
        )
    ]
    assert run.outputs["exit-code"] == "2"
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env |= {"GIT_AUTHOR_DATE": f"{AS_OF}T12:00:00Z", "GIT_COMMITTER_DATE": f"{AS_OF}T12:00:00Z"}
    for args in (["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "-m", "org"]):
        subprocess.run(["git", *args], cwd=workspace, env=env, check=True, capture_output=True)
    run = run_action(action, workspace, paths="org", sarif_file="r.sarif")
    assert run.code == 1, run.stderr
    assert json.loads((workspace / "r.sarif").read_text("utf-8"))["runs"][0]["properties"]["asOf"] == AS_OF


def test_inputs_cannot_inject_shell_code(action: dict[str, Any], workspace: Path) -> None:
    """An input holding shell syntax is a value, never run."""
    marker = workspace.parent / "pwned"
    run = run_action(action, workspace, paths=f"org $(touch {marker}) `touch {marker}`", as_of=AS_OF)
    assert not marker.exists()
    assert run.code == 2  # the odd words are paths that do not exist


def test_working_directory_makes_paths_relative_to_it(action: dict[str, Any], workspace: Path) -> None:
    """With working-directory, paths and annotations are relative to it."""
    run = run_action(action, workspace, working_directory="org", paths="organization.yaml", as_of=AS_OF)
    assert run.code == 1
    assert all(a.startswith("::error file=organization.yaml,") for a in run.annotations)


def _copy_project(target: Path) -> Path:
    """The project as the action's checkout holds it: its files as git lists them, tracked and new."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
def test_the_install_step_installs_the_action_and_the_check_runs_it(
    action: dict[str, Any], workspace: Path, tmp_path: Path
) -> None:
    """The install step puts the action's own package in a fresh environment, which the check step then runs."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs git and the project's git repository")
    action_path = _copy_project(tmp_path / "action")
    run = run_action(action, workspace, install=True, action_path=action_path, paths="org", as_of=AS_OF)
    assert run.code == 1, run.stdout + run.stderr
    assert len(run.annotations) == 13
    python = Path(tmp_path / "workspace-runner" / "iso9001-leadership-venv" / "bin" / "python")
    assert python.exists()
    version = subprocess.run(
        [str(python), "-m", "iso9001_leadership", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("iso9001-leadership ")
