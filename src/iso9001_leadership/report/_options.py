"""What a renderer is told besides the assessment."""

from __future__ import annotations

import os

import attrs

__all__ = ["ReportOptions", "Source"]

#: A path to the organization file the assessment was made from, as the user gave it.
Source = str | os.PathLike[str]


def _source(value: Source | None) -> str | None:
    return None if value is None else os.fspath(value)


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
    """

    source: str | None = attrs.field(default=None, converter=_source)
    color: bool = False
    verbose: bool = False
