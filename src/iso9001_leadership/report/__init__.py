"""Reports of an assessment: Markdown, HTML, JSON and SARIF 2.1.0.

:func:`render` turns an :class:`~iso9001_leadership.assessment.Assessment` into text in one of
:data:`FORMATS`. Every format is deterministic: the same assessment gives byte-identical text.

- ``markdown``: for people and pull request comments; summary, tables by theme and by clause,
  the findings requirement by requirement, and every requirement's status.
- ``html``: the same as one self-contained page (inline CSS, no scripts, nothing fetched),
  readable on paper.
- ``json``: a documented, versioned shape (:func:`to_data`) for tools that embed us, with its
  JSON Schema (:func:`report_schema`).
- ``sarif``: SARIF 2.1.0 for code-scanning tools, pointing at the line of the organization file
  where each element at fault is defined (:func:`to_sarif`).

See ``docs/reports.md``.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership.assessment import Assessment
>>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
>>> print(render(empty, "markdown").splitlines()[0])
# ISO 9001 leadership assessment: Acme
>>> FORMATS
('markdown', 'html', 'json', 'sarif')
"""

from __future__ import annotations

import os

from iso9001_leadership._names import suggest
from iso9001_leadership.assessment import Assessment

from ._common import ReportError, Source
from ._html import render_html
from ._json import SCHEMA_URI, SCHEMA_VERSION, render_json, report_schema, to_data
from ._markdown import render_markdown
from ._sarif import render_sarif, to_sarif

__all__ = [
    "FORMATS",
    "SCHEMA_URI",
    "SCHEMA_VERSION",
    "ReportError",
    "render",
    "report_schema",
    "to_data",
    "to_sarif",
]

#: The report formats :func:`render` writes.
FORMATS: tuple[str, ...] = ("markdown", "html", "json", "sarif")


def render(assessment: Assessment, format: str, *, source: Source | None = None) -> str:
    """The report of ``assessment`` in ``format``, as text ending with a newline.

    Parameters
    ----------
    assessment
        The assessment to report.
    format
        One of :data:`FORMATS`: ``"markdown"``, ``"html"``, ``"json"`` or ``"sarif"``.
    source
        The organization file the assessment was made from, as the user would name it (a path
        relative to the repository root, for code scanning). SARIF reads it to point each
        result at the line where the element at fault is defined; Markdown and HTML name it in
        the heading; JSON ignores it.

    Returns
    -------
    str
        The report. The same assessment (and source file) always gives the same text.

    Raises
    ------
    ReportError
        If ``format`` is not one of :data:`FORMATS`.

    Examples
    --------
    >>> import datetime as dt, json
    >>> from iso9001_leadership.assessment import Assessment
    >>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
    >>> json.loads(render(empty, "json"))["schema_version"]
    1
    >>> render(empty, "sarif").startswith('{\\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json"')
    True
    >>> render(empty, "pdf")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.ReportError: unknown report format 'pdf'; expected one of 'markdown', 'html', 'json', 'sarif'
    """
    shown = os.fspath(source) if source is not None else None
    if format == "markdown":
        return render_markdown(assessment, source=shown)
    if format == "html":
        return render_html(assessment, source=shown)
    if format == "json":
        return render_json(assessment)
    if format == "sarif":
        return render_sarif(assessment, source=source)
    known = ", ".join(repr(f) for f in FORMATS)
    hint = suggest(format, FORMATS) if isinstance(format, str) else None
    msg = f"unknown report format {format!r}; expected one of {known}" + (f" (did you mean {hint!r}?)" if hint else "")
    raise ReportError(msg, format)
