"""The runnable how-to scripts under examples/scripts work and say what they should."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "examples" / "scripts"


def run(script: str, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args], capture_output=True, text=True, check=False, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


#: Each test runs an example script in a fresh Python process.
pytestmark = pytest.mark.slow


def test_assess_and_report_writes_every_format(tmp_path: Path) -> None:
    """The reporting script writes Markdown, HTML, JSON and SARIF reports of the example."""
    out = run("assess_and_report.py", str(tmp_path))
    assert "score 84.5, 13 nonconformities" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "assessment.html",
        "assessment.json",
        "assessment.md",
        "assessment.sarif",
    ]
    assert json.loads((tmp_path / "assessment.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_custom_requirement_is_assessed() -> None:
    """The custom requirement shows up in the assessment with its own clause and status."""
    assert run("custom_requirement.py").splitlines()[0] == "NPP 2.4 Deputies for core process owners: conforms"


def test_what_if_reports_impact_and_the_fix() -> None:
    """The what-if script ranks people by impact and shows that owning proc-calibration fixes a finding."""
    out = run("what_if.py")
    assert out.startswith("people whose absence breaks the most:")
    assert "giving proc-calibration an owner fixes 1 finding(s); score +" in out


def test_ci_guard_example_passes_and_catches_a_regression(tmp_path: Path) -> None:
    """examples/ci guards the example with the pytest plugin: it passes, and fails once the 5.3 a duty is dropped."""
    folder = SCRIPTS.parent / "ci"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout

    broken = tmp_path / "organization.yaml"
    text = (SCRIPTS.parent / "precision-pumps" / "organization.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace('clauses: ["5.3 a"]', "clauses: []", 1), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        (folder / "pytest.ini")
        .read_text(encoding="utf-8")
        .replace("../precision-pumps/organization.yaml", "organization.yaml"),
        encoding="utf-8",
    )
    (tmp_path / "test_organization.py").write_text(
        (folder / "test_organization.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "3 failed" in proc.stdout
    assert "Nobody is assigned to making sure the QMS conforms to ISO 9001" in proc.stdout
