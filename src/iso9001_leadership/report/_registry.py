"""The registry of report formats: the built-in ones and those of plug-ins."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from iso9001_leadership._names import did_you_mean
from iso9001_leadership._plugins import REPORTS, load_plugins
from iso9001_leadership.assessment import Assessment
from iso9001_leadership.exceptions import ReportError
from iso9001_leadership.interop import render_ciso_assessment, render_oscal

from ._github import render_github
from ._html import render_html
from ._json import render_json
from ._junit import render_junit
from ._markdown import render_markdown
from ._options import ReportOptions
from ._sarif import render_sarif
from ._text import render_text

__all__ = ["BUILTIN_FORMATS", "PLUGIN_GROUP", "Renderer", "ReportFormat", "report_format", "report_formats"]

#: The entry point group whose entries add report formats (each loads a :class:`ReportFormat`).
PLUGIN_GROUP = REPORTS


#: What renders a report: the assessment and the options in, the text out (ending with a newline).
Renderer = Callable[[Assessment, ReportOptions], str]


@attrs.frozen
class ReportFormat:
    """A report format: its name, its renderer, the file suffix and media type it writes.

    Examples
    --------
    >>> def count(assessment, options):
    ...     return f"{len(assessment.findings)} findings\\n"
    >>> ReportFormat("count", count, suffix="txt", media_type="text/plain", description="how many findings").name
    'count'
    """

    name: str
    render: Renderer = attrs.field(eq=False)
    suffix: str
    media_type: str
    description: str


def _markdown(assessment: Assessment, options: ReportOptions) -> str:
    return render_markdown(assessment, source=options.source)


def _html(assessment: Assessment, options: ReportOptions) -> str:
    return render_html(assessment, source=options.source, title=options.title, logo=options.logo)


def _json(assessment: Assessment, options: ReportOptions) -> str:
    return render_json(assessment)


def _sarif(assessment: Assessment, options: ReportOptions) -> str:
    return render_sarif(assessment, source=options.source, min_severity=options.min_severity)


def _github(assessment: Assessment, options: ReportOptions) -> str:
    return render_github(assessment, source=options.source, min_severity=options.min_severity)


def _junit(assessment: Assessment, options: ReportOptions) -> str:
    return render_junit(assessment, source=options.source, min_severity=options.min_severity)


def _oscal(assessment: Assessment, options: ReportOptions) -> str:
    return render_oscal(assessment, options.organization)


def _ciso_assistant(assessment: Assessment, options: ReportOptions) -> str:
    return render_ciso_assessment(assessment)


#: The formats the package ships: the document formats, then the terminal's text.
BUILTIN_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("markdown", _markdown, "md", "text/markdown", "Markdown for people and pull requests"),
    ReportFormat("html", _html, "html", "text/html", "one self-contained HTML page"),
    ReportFormat("json", _json, "json", "application/json", "versioned JSON for tools"),
    ReportFormat("sarif", _sarif, "sarif", "application/sarif+json", "SARIF 2.1.0 for code scanning"),
    ReportFormat("github", _github, "log", "text/plain", "GitHub Actions annotations on the file's lines"),
    ReportFormat("junit", _junit, "xml", "application/xml", "JUnit XML for CI test reports"),
    ReportFormat("oscal", _oscal, "oscal.json", "application/oscal+json", "OSCAL assessment results for GRC tools"),
    ReportFormat("ciso-assistant", _ciso_assistant, "csv", "text/csv", "CSV for CISO Assistant's audit import"),
    ReportFormat("text", render_text, "txt", "text/plain", "a plain-text report for a terminal"),
)


def report_formats(*, plugins: bool = True) -> Mapping[str, ReportFormat]:
    """Every report format by name: the built-in ones, then those of plug-ins in entry point order.

    Raises
    ------
    ReportError
        (a :class:`~iso9001_leadership.exceptions.ReportPluginError`) if a plug-in cannot be
        loaded, does not load a :class:`ReportFormat`, or reuses a format's name.

    Examples
    --------
    >>> list(report_formats(plugins=False))
    ['markdown', 'html', 'json', 'sarif', 'github', 'junit', 'oscal', 'ciso-assistant', 'text']
    """
    formats = {f.name: f for f in BUILTIN_FORMATS}
    if plugins:
        for plugin in load_plugins(PLUGIN_GROUP, load_message=lambda exc: f"cannot be loaded: {exc!r}"):
            found = plugin.target
            if not isinstance(found, ReportFormat):
                msg = f"loads {type(found).__name__}, not a ReportFormat"
                raise plugin.error(msg)
            if found.name in formats:
                msg = f"adds the format {found.name!r}, which already exists"
                raise plugin.error(msg)
            formats[found.name] = found
    return formats


def report_format(name: object, *, plugins: bool = True) -> ReportFormat:
    """The report format called ``name``.

    Raises
    ------
    ReportError
        If there is no such format (with the closest name offered).
    """
    formats = report_formats(plugins=plugins)
    if isinstance(name, str) and name in formats:
        return formats[name]
    known = ", ".join(repr(f) for f in formats)
    hint = did_you_mean(name, formats, parenthesized=True) if isinstance(name, str) else ""
    msg = f"unknown report format {name!r}; expected one of {known}{hint}"
    raise ReportError(msg, str(name))
