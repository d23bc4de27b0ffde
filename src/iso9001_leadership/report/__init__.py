"""Reports of an assessment: text, Markdown, HTML, JSON and SARIF 2.1.0, and plug-in formats.

:func:`render` turns an :class:`~iso9001_leadership.assessment.Assessment` into text in one of
the registered formats (:func:`report_formats`). Every format is deterministic: the same
assessment gives byte-identical text.

- ``markdown``: for people and pull request comments; summary, tables by theme and by clause,
  the findings requirement by requirement, and every requirement's status.
- ``html``: for management: an executive summary (verdict, findings by severity, what to do
  first, how the score is worked out), then the findings worst first, as one self-contained
  page (inline CSS, no scripts, nothing fetched) that prints cleanly; a title and a
  :class:`Logo` brand it.
- ``json``: a documented, versioned shape (:func:`to_data`) for tools that embed us, with its
  JSON Schema (:func:`report_schema`).
- ``sarif``: SARIF 2.1.0 for code-scanning tools, pointing at the line of the organization file
  where each element at fault is defined (:func:`to_sarif`).
- ``github``: GitHub Actions workflow commands, an annotation on the line of each finding.
- ``junit``: JUnit XML, a test case per requirement, for the test reports of CI systems.
- ``oscal``: NIST OSCAL assessment results (JSON) for GRC tools
  (:mod:`iso9001_leadership.interop.oscal`).
- ``ciso-assistant``: CSV for CISO Assistant's Data Wizard, filling an audit of the framework
  library of the catalog (:mod:`iso9001_leadership.interop.ciso_assistant`).
- ``text``: what the CLI prints on a terminal (colour and verbosity are options).

Formats are a registry: each is a :class:`ReportFormat` (a name, a renderer, a file suffix and
media type). A package adds its own through an entry point in the group
``iso9001_leadership.reports`` that loads a :class:`ReportFormat`; the CLI's ``--format``
choices come from the same registry. See ``docs/reports.md``.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership.assessment import Assessment
>>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
>>> print(render(empty, "markdown").splitlines()[0])
# ISO 9001 leadership assessment: Acme
>>> FORMATS
('markdown', 'html', 'json', 'sarif', 'github', 'junit')
>>> list(report_formats(plugins=False))
['markdown', 'html', 'json', 'sarif', 'github', 'junit', 'oscal', 'ciso-assistant', 'text']
"""

from __future__ import annotations

from iso9001_leadership.assessment import Assessment
from iso9001_leadership.exceptions import ReportError
from iso9001_leadership.model import Organization

from ._diagnostics import Diagnostic, diagnostics
from ._github import render_github_many
from ._json import SCHEMA_URI, SCHEMA_VERSION, report_schema, to_data
from ._junit import render_junit_many
from ._logo import MAX_LOGO_BYTES, Logo
from ._options import ReportOptions, Source
from ._registry import BUILTIN_FORMATS, PLUGIN_GROUP, Renderer, ReportFormat, report_format, report_formats
from ._sarif import to_sarif, to_sarif_many

__all__ = [
    "BUILTIN_FORMATS",
    "FORMATS",
    "INTEROP_FORMATS",
    "MAX_LOGO_BYTES",
    "PLUGIN_GROUP",
    "SCHEMA_URI",
    "SCHEMA_VERSION",
    "Diagnostic",
    "Logo",
    "Renderer",
    "ReportError",
    "ReportFormat",
    "ReportOptions",
    "diagnostics",
    "render",
    "render_github_many",
    "render_junit_many",
    "report_format",
    "report_formats",
    "report_schema",
    "to_data",
    "to_sarif",
    "to_sarif_many",
]

#: The built-in formats that hand an assessment to another tool in that tool's own schema (OSCAL
#: assessment results, a CISO Assistant audit import): they carry what that schema holds.
INTEROP_FORMATS: tuple[str, ...] = ("oscal", "ciso-assistant")

#: The built-in formats that write a report (all but ``text``, which is for terminals, and
#: :data:`INTEROP_FORMATS`); see :func:`report_formats` for every format, plug-ins included.
FORMATS: tuple[str, ...] = tuple(f.name for f in BUILTIN_FORMATS if f.name not in ("text", *INTEROP_FORMATS))


def render(
    assessment: Assessment,
    format: str,
    *,
    source: Source | None = None,
    color: bool = False,
    verbose: bool = False,
    title: str | None = None,
    logo: Logo | Source | None = None,
    min_severity: int | str | None = None,
    organization: Organization | None = None,
) -> str:
    """The report of ``assessment`` in ``format``, as text ending with a newline.

    Parameters
    ----------
    assessment
        The assessment to report.
    format
        The name of a registered format (:func:`report_formats`): ``"text"``, ``"markdown"``,
        ``"html"``, ``"json"``, ``"sarif"``, ``"github"``, ``"junit"`` or one a plug-in adds.
    source
        The organization file the assessment was made from, as the user would name it (a path
        relative to the repository root, for code scanning). SARIF reads it to point each
        result at the line where the element at fault is defined; Markdown and HTML name it in
        the heading; JSON ignores it.
    color, verbose
        For the text format: ANSI colours, and every needs-evidence finding listed.
    title, logo
        For the HTML format: the report's title (instead of ``ISO 9001 leadership
        assessment``), and a :class:`Logo` or the path of a PNG, JPEG or SVG file for the
        header (see :class:`ReportOptions`).
    min_severity
        For SARIF, GitHub and JUnit: leave out findings less serious than this, a
        ``--fail-on`` name (``"minor"``) or a severity from 0 to 5; ``None`` (the default)
        reports every finding.
    organization
        For OSCAL: the organization the assessment was made of, whose roles, people and role
        holders the document lists (see :func:`~iso9001_leadership.interop.oscal.to_oscal`).

    Returns
    -------
    str
        The report. The same assessment (and source file) always gives the same text.

    Raises
    ------
    ReportError
        If ``format`` is not a registered format, or the logo cannot be read or is not a small
        PNG, JPEG or SVG image.
    UsageError
        If ``min_severity`` is not a threshold there is.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from iso9001_leadership.assessment import Assessment
    >>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
    >>> json.loads(render(empty, "json"))["schema_version"]
    2
    >>> render(empty, "sarif").startswith('{\\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json"')
    True
    >>> render(empty, "pdf")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.ReportError: unknown report format 'pdf'; expected one of 'markdown', 'html', 'json', 'sarif', 'github', 'junit', 'oscal', 'ciso-assistant', 'text'
    """
    options = ReportOptions(
        source=source,
        color=color,
        verbose=verbose,
        title=title,
        logo=logo,
        min_severity=min_severity,
        organization=organization,
    )
    return report_format(format).render(assessment, options)
