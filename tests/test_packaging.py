"""Packaging: addresses that resolve to what we ship, slim extras, a licence, and `init`'s schema.

The slow test at the end installs the package into a fresh virtual environment with only the
extras a consumer project needs, and runs that project's tests with the plugin and strategies.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from iso9001_leadership import _version
from iso9001_leadership.cli import EXIT_OK, EXIT_USAGE, main
from iso9001_leadership.io import SCHEMA_ID, schema_text
from iso9001_leadership.report import SCHEMA_URI, report_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before Python 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("address", "shipped"),
    [
        (SCHEMA_ID, json.loads(schema_text())),
        (SCHEMA_URI, report_schema()),
    ],
    ids=["organization", "assessment report"],
)
def test_schema_ids_are_the_addresses_of_the_shipped_files(address: str, shipped: dict[str, object]) -> None:
    """Each `$id` names the file in the repository that holds that very schema."""
    assert address.startswith(_version.REPOSITORY + "/")
    path = ROOT / address.removeprefix(_version.REPOSITORY + "/")
    assert path.is_file(), f"{address} names {path}, which is not in the repository"
    assert json.loads(path.read_text(encoding="utf-8")) == shipped
    assert shipped["$id"] == address


def test_no_placeholder_address_is_left_in_what_we_ship() -> None:
    """No `.invalid` (or `example.com`) address in the package, its docs or its metadata."""
    places = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "mkdocs.yml"]
    for folder in ("src", "docs", "examples"):
        places += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix not in {".pyc", ".png", ".xlsx"}]
    offenders = [
        str(p.relative_to(ROOT))
        for p in places
        if re.search(r"\.invalid\b|//example\.(com|org)\b", p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_project_metadata_names_the_home_and_the_licence() -> None:
    """The URLs users click on PyPI and in the docs are the project's home; the licence ships."""
    project = PYPROJECT["project"]
    assert project["urls"]["Homepage"] == project["urls"]["Source"] == _version.HOMEPAGE
    assert all(url.startswith(_version.HOMEPAGE) for url in project["urls"].values())
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def _requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        ("pytest", {"pytest"}),
        ("hypothesis", {"hypothesis"}),
        ("notebook", {"pandas", "matplotlib"}),
        ("xlsx", {"openpyxl"}),
        ("oscal", {"compliance-trestle"}),
        ("dask", {"distributed"}),
    ],
)
def test_each_user_extra_holds_only_what_its_door_needs(extra: str, names: set[str]) -> None:
    """A plugin user gets pytest, not the project's 57-package development environment."""
    assert _requirement_names(PYPROJECT["project"]["optional-dependencies"][extra]) == names


def test_the_project_test_extra_holds_every_user_extra_and_the_parallel_runner() -> None:
    """The project's own suite exercises every door, in parallel."""
    test = PYPROJECT["project"]["optional-dependencies"]["test"]
    assert "iso9001-leadership[pytest,hypothesis,notebook,xlsx,oscal,dask]" in test
    assert "pytest-xdist" in _requirement_names(test)


def test_init_writes_the_schema_the_starter_points_at(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Editor completion works as written: the starter's `$schema` names a file `init` wrote beside it."""
    starter = tmp_path / "org.yaml"
    assert main(["init", str(starter)]) == EXIT_OK
    first_line = starter.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=organization.schema.json"
    schema = tmp_path / "organization.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert SCHEMA_ID in starter.read_text(encoding="utf-8")  # the published address, for other setups

    # A schema the user keeps (their own copy, or edited) is never overwritten without --force.
    schema.write_text("{}", encoding="utf-8")
    assert main(["init", str(tmp_path / "second.yaml")]) == EXIT_OK
    assert schema.read_text(encoding="utf-8") == "{}"
    assert main(["init", str(starter)]) == EXIT_USAGE
    assert main(["init", str(starter), "--force"]) == EXIT_OK
    assert schema.read_text(encoding="utf-8") == schema_text()
    capsys.readouterr()


#: What a consumer project that installs the `pytest` and `hypothesis` extras must not receive.
_DEVELOPMENT_ONLY = {
    "pandas",
    "matplotlib",
    "openpyxl",
    "compliance-trestle",
    "distributed",
    "jsonschema",
    "pytest-xdist",
    "nbclient",
    "ipykernel",
    "pre-commit",
    "mypy",
    "ruff",
    "mkdocs",
}

_CONSUMER_TESTS = """
import hypothesis.strategies as st
from hypothesis import given

from iso9001_leadership.strategies import organizations
from iso9001_leadership.testing import assert_conforms, assert_no_gaps


def test_example_has_no_major_finding(iso9001_organization):
    assert_conforms(iso9001_organization, fail_on="major")


def test_calibration_has_no_owner_in_the_example(iso9001_organization):
    try:
        assert_no_gaps(iso9001_organization, kinds=["process_without_owner"])
    except AssertionError as exc:
        assert "proc-calibration" in str(exc)
    else:
        raise AssertionError("the example has a process without owner")


@given(organizations())
def test_generated_organizations_load(org):
    assert org.name
"""


@pytest.mark.slow
def test_a_consumer_project_gets_only_what_its_extras_need(tmp_path: Path) -> None:
    """`pip install ".[pytest,hypothesis]"` in a fresh venv: the plugin and strategies work, nothing else comes."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[pytest,hypothesis]"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print('\\n'.join(d.metadata['Name'] for d in m.distributions()))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    installed = {name.lower() for name in listed.stdout.split()}
    assert {"iso9001-leadership", "pytest", "hypothesis", "attrs", "cattrs", "networkx", "pyyaml"} <= installed
    assert installed & _DEVELOPMENT_ONLY == set()

    project = tmp_path / "consumer"
    (project / "tests").mkdir(parents=True)
    (project / "pytest.ini").write_text(
        textwrap.dedent(
            f"""\
            [pytest]
            iso9001_file = {ROOT / "examples" / "precision-pumps" / "organization.yaml"}
            iso9001_as_of = 2026-11-24
            """
        ),
        encoding="utf-8",
    )
    (project / "tests" / "test_org.py").write_text(_CONSUMER_TESTS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "HYPOTHESIS_PROFILE", "PYTHONPATH"}}
    run = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "3 passed" in run.stdout


def test_the_docs_never_install_from_an_index_the_package_is_not_on() -> None:
    """Until it is published, every `pip install iso9001-leadership...` in the docs names where to get it from."""
    pattern = re.compile(r"""pip install\s+["']?iso9001-leadership(?:\[[^\]]*\])?(?![\[\w-])["']?(?!\s*@)""")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md"), *(ROOT / "src").rglob("*.py")]
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
