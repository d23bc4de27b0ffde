"""docs/reports.md shows the reports exactly as the library writes them."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import pytest

import iso9001_leadership
from iso9001_leadership.report import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "reports.md"
_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)

#: The library version the examples in the docs were written with (pinned so releases leave them alone).
DOCS_VERSION = "0.1.0"


def _blocks(lang: str) -> list[str]:
    return [m["body"] for m in _FENCE.finditer(DOC.read_text(encoding="utf-8")) if m["lang"] == lang]


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """The namespace of the first Python example in the docs (where the example assessment is built)."""
    namespace: dict[str, Any] = {}
    for item in doctest.DocTestParser().get_examples(_blocks("python")[0]):
        if item.exc_msg is None:
            exec(compile(item.source, str(DOC), "exec"), namespace)
    return namespace


@pytest.fixture
def in_docs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A working directory holding the docs' organization.yaml, and the docs' library version."""
    (tmp_path / "organization.yaml").write_text(_blocks("yaml")[0], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(iso9001_leadership, "__version__", DOCS_VERSION)


@pytest.mark.parametrize(
    ("format", "lang", "index"), [("markdown", "markdown", 0), ("json", "json", 0), ("sarif", "json", 1)]
)
@pytest.mark.usefixtures("in_docs_dir")
def test_docs_show_the_report_as_rendered(example: dict[str, Any], format: str, lang: str, index: int) -> None:
    """Each example report in docs/reports.md is exactly what render() writes for the example assessment."""
    shown = _blocks(lang)[index]
    assert render(example["assessment"], format, source="organization.yaml") == shown, (
        f"update the {format} example in docs/reports.md"
    )


def test_docs_organization_file_loads_with_the_example_paths(example: dict[str, Any], tmp_path: Path) -> None:
    """The organization file shown in the docs loads, and its elements stand where the example says."""
    path = tmp_path / "organization.yaml"
    path.write_text(_blocks("yaml")[0], encoding="utf-8")
    org = iso9001_leadership.load(path)
    assessment = example["assessment"]
    assert {s: org.path_of(s) for s in assessment.element_paths} == dict(assessment.element_paths)
    assert {s: org.locations[s] for s in assessment.element_positions} == dict(assessment.element_positions)
