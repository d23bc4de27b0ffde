"""What a renderer is told besides the assessment."""

from __future__ import annotations

import os

import attrs

from iso9001_leadership.model import Organization

from ._logo import Logo
from ._selection import severity_threshold

__all__ = ["ReportOptions", "Source"]

#: A path to the organization file the assessment was made from, as the user gave it.
Source = str | os.PathLike[str]


def _source(value: Source | None) -> str | None:
    return None if value is None else os.fspath(value)


def _title(value: str | None) -> str | None:
    """The title on one line; blank means none."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def _logo(value: Logo | Source | None) -> Logo | None:
    """A logo as given, or read and checked from a path."""
    return value if value is None or isinstance(value, Logo) else Logo.from_file(value)


@attrs.frozen
class ReportOptions:
    """Options every renderer receives; each reads those that concern it.

    Parameters
    ----------
    source
        The organization file the assessment was made from, as the user would name it (a path
        relative to the repository root, for code scanning). Markdown, HTML and text name it;
        SARIF points its results at it.
    color
        Text only: ANSI colours.
    verbose
        Text only: list every needs-evidence finding instead of one line for them all.
    title
        HTML: the report's title, above the organization's name and in the browser's tab (such
        as ``Management review input, Q4 2026``); by default ``ISO 9001 leadership
        assessment``. Line breaks and runs of spaces become one space; a blank title is none.
    logo
        HTML: a :class:`Logo`, or the path of a PNG, JPEG or SVG file (read and checked here,
        so a bad one raises :class:`~iso9001_leadership.exceptions.ReportError` before anything
        is rendered), embedded in the page as a ``data:`` URI.
    min_severity
        SARIF, GitHub and JUnit (the formats pipelines read): leave out findings less serious
        than this, a ``--fail-on`` name (``"minor"``) or a severity from 0 to 5 (see
        :func:`~iso9001_leadership.findings.severity`), kept as the number. ``None``, the
        default, reports every finding. The formats people read always show everything.
    organization
        OSCAL: the organization the assessment was made of, for the roles, the parties and who
        holds each role (see :func:`~iso9001_leadership.interop.oscal.to_oscal`). Not part of
        the options' equality.
    """

    source: str | None = attrs.field(default=None, converter=_source)
    color: bool = False
    verbose: bool = False
    title: str | None = attrs.field(default=None, converter=_title)
    logo: Logo | None = attrs.field(default=None, converter=_logo)
    min_severity: int | None = attrs.field(default=None, converter=severity_threshold)
    organization: Organization | None = attrs.field(default=None, eq=False)
