"""Tests for the registry of report formats: built-in formats, text among them, and plug-ins."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from typing import Any

import attrs
import pytest

from iso9001_leadership import Organization, Process, Role, assess
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.exceptions import PluginError, ReportError, ReportPluginError
from iso9001_leadership.report import (
    BUILTIN_FORMATS,
    FORMATS,
    INTEROP_FORMATS,
    PLUGIN_GROUP,
    ReportFormat,
    ReportOptions,
    render,
    report_format,
    report_formats,
)

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    """A small real assessment: one process without an owner."""
    org = Organization(
        name="Acme",
        roles=(Role(id="ceo", title="CEO", top_management=True),),
        processes=(Process(id="make", name="Production"),),
    )
    return assess(org, as_of=AS_OF)


@attrs.frozen
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint."""

    name: str
    target: Any
    value: str = "acme_reports:FORMAT"

    def load(self) -> Any:
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


def _install(monkeypatch: pytest.MonkeyPatch, *entry_points: FakeEntryPoint) -> None:
    def fake(**params: Any) -> list[FakeEntryPoint]:
        return list(entry_points) if params == {"group": PLUGIN_GROUP} else []

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)


def _count(assessment: Assessment, options: ReportOptions) -> str:
    return f"{len(assessment.findings)} findings in {options.source}\n"


COUNT = ReportFormat("count", _count, suffix="txt", media_type="text/plain", description="how many findings")


def test_builtin_formats_are_the_document_formats_then_text() -> None:
    """The registry holds Markdown, HTML, JSON, SARIF, GitHub, JUnit, OSCAL, CISO Assistant and text; FORMATS keeps the reports."""
    assert list(report_formats(plugins=False)) == [
        "markdown",
        "html",
        "json",
        "sarif",
        "github",
        "junit",
        "oscal",
        "ciso-assistant",
        "text",
    ]
    assert tuple(f.name for f in BUILTIN_FORMATS if f.name not in ("text", *INTEROP_FORMATS)) == FORMATS
    assert INTEROP_FORMATS == ("oscal", "ciso-assistant")
    assert len({f.suffix for f in BUILTIN_FORMATS}) == len(BUILTIN_FORMATS)


def test_text_is_a_report_format(assessment: Assessment) -> None:
    """render(a, "text") gives the terminal report, colour and verbosity as options."""
    plain = render(assessment, "text")
    assert plain.startswith("Acme against ISO 9001:2015")
    assert "\033[" not in plain
    assert "\033[" in render(assessment, "text", color=True)
    verbose = render(assessment, "text", verbose=True)
    assert "need evidence the model cannot give" in plain
    assert "need evidence the model cannot give" not in verbose
    assert len(verbose.splitlines()) > len(plain.splitlines())


@pytest.mark.parametrize("name", ["markdown", "html", "json", "sarif", "text"])
def test_each_builtin_format_renders_through_its_registry_entry(assessment: Assessment, name: str) -> None:
    """render() is the registered renderer of the format, with the options it was given."""
    options = ReportOptions(source="org.yaml")
    assert render(assessment, name, source="org.yaml") == report_format(name).render(assessment, options)


def test_unknown_format_names_every_format_and_the_closest(assessment: Assessment) -> None:
    """An unknown name raises ReportError listing the formats, with a hint."""
    with pytest.raises(
        ReportError, match=r"'junit', 'oscal', 'ciso-assistant', 'text' \(did you mean 'text'\?\)"
    ) as info:
        render(assessment, "txet")
    assert info.value.format == "txet"


def test_plugin_format_is_registered_and_rendered(monkeypatch: pytest.MonkeyPatch, assessment: Assessment) -> None:
    """A ReportFormat from an entry point joins the registry after the built-in ones and renders."""
    _install(monkeypatch, FakeEntryPoint("count", COUNT))
    assert list(report_formats())[-1] == "count"
    assert render(assessment, "count", source="org.yaml") == f"{len(assessment.findings)} findings in org.yaml\n"
    assert "count" not in report_formats(plugins=False)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (ImportError("No module named 'acme_reports'"), "cannot be loaded: ImportError"),
        ("not a format", "loads str, not a ReportFormat"),
        (attrs.evolve(COUNT, name="html"), "adds the format 'html', which already exists"),
    ],
)
def test_bad_report_plugins_raise_naming_the_entry_point(
    monkeypatch: pytest.MonkeyPatch, target: Any, message: str
) -> None:
    """A report plug-in that cannot load, is not a ReportFormat or reuses a name raises ReportPluginError."""
    _install(monkeypatch, FakeEntryPoint("acme", target))
    with pytest.raises(ReportPluginError, match=message) as info:
        report_formats()
    error = info.value
    assert isinstance(error, PluginError)
    assert isinstance(error, ReportError)
    assert (error.group, error.plugin, error.target) == (PLUGIN_GROUP, "acme", "acme_reports:FORMAT")
    assert "the report plug-in 'acme' (acme_reports:FORMAT)" in str(error)
