"""The exceptions raised by iso9001-leadership.

Every exception the library raises on purpose derives from :class:`Iso9001Error`, so one
``except Iso9001Error`` catches them all. Each also subclasses the built-in exception that fits
(``ValueError`` for bad data, ``KeyError`` for an unknown id), so code that already catches the
built-ins keeps working. Between the root and the leaves sit four categories::

    Iso9001Error
    ├── InputError (ValueError)          what the user gave is not valid
    │   ├── InvalidOrganizationError
    │   │   └── LoadError
    │   └── CatalogError
    │       └── CatalogPluginError       (also a PluginError)
    ├── NotFoundError (LookupError)      a name that is not there
    │   ├── UnknownIdError (KeyError)
    │   └── UnknownRequirementError (KeyError)
    ├── UsageError (ValueError)          asked for something that cannot be done
    │   ├── AssessmentError
    │   │   └── CheckPluginError         (also a PluginError)
    │   ├── ReportError
    │   │   └── ReportPluginError        (also a PluginError)
    │   ├── ExportError
    │   └── MissingExtraError (ImportError)
    └── PluginError                      a plug-in could not be loaded or failed

Problems with an organization (in a file or built in Python) are reported *all at once*: the
error carries a tuple of :class:`Problem` records, each naming the path of the offending field
(``roles[3].reports_to``), what was found, what was expected and, where we can tell, the line
in the source file and the nearest valid name. Values the user gave are echoed cut to a readable
length (about 80 characters, then "… (N characters)"), however long they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from iso9001_leadership._names import ECHO_LIMIT, clip, echo, offer

__all__ = [
    "AssessmentError",
    "CatalogError",
    "CatalogPluginError",
    "CheckPluginError",
    "ExportError",
    "InputError",
    "InvalidOrganizationError",
    "Iso9001Error",
    "LoadError",
    "MissingExtraError",
    "NotFoundError",
    "PluginError",
    "Problem",
    "ReportError",
    "ReportPluginError",
    "UnknownIdError",
    "UnknownRequirementError",
    "UsageError",
]


def _cut(rendering: str | None) -> str | None:
    """A rendering of a value cut to a readable length (one :func:`echo` made is left as it is)."""
    if isinstance(rendering, str) and len(rendering) > 2 * ECHO_LIMIT:
        return clip(rendering)
    return rendering


@attrs.frozen
class Problem:
    """One thing wrong with an organization or its file.

    Parameters
    ----------
    path
        Where the problem is, in the shape of the file format: ``roles[3].reports_to``.
        An empty string means the document as a whole.
    message
        A plain sentence saying what is wrong.
    found
        A short rendering of the offending value, if there is one. A rendering longer than
        160 characters is cut to 80, followed by the length of the whole; problems render
        values with ``echo`` (in ``iso9001_leadership._names``), which cuts them before they
        are rendered.
    expected
        What would have been accepted.
    suggestion
        The nearest valid name for an unknown key or id ("did you mean ...").
    line, column
        1-based position in the source file, when the problem came from a file whose format
        records positions (YAML). ``None`` otherwise.
    """

    path: str
    message: str
    found: str | None = attrs.field(default=None, converter=_cut)
    expected: str | None = None
    suggestion: str | None = attrs.field(default=None, converter=_cut)
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path or "<document>"
        if self.line is not None:
            where = f"line {self.line}, column {self.column or 1}: {where}"
        text = f"{where}: {self.message}"
        if self.found is not None and self.found not in self.message:
            text += f" (found {self.found})"
        if self.expected is not None:
            text += f"; expected {self.expected}"
        text += offer(self.suggestion)
        return text


class Iso9001Error(Exception):
    """The root of every exception this library raises on purpose.

    Every one pickles and unpickles to an equal error (same type, message and attributes), so
    that errors travel from worker processes and cluster workers
    (:func:`~iso9001_leadership.batch.assess_files`).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles the message alone and calls __init__ with it, which our errors do
        # not take: rebuild the error without __init__ (its args, then its attributes) instead.
        state = dict(self.__dict__)
        if isinstance(self, ImportError):  # name and path are not kept in __dict__
            state.update(name=self.name, path=self.path)
        return (_unpickle, (type(self), self.args), state)


def _unpickle(cls: type[Iso9001Error], args: tuple[Any, ...]) -> Iso9001Error:
    """An error of ``cls`` with ``args``, made without calling its ``__init__`` (pickle then restores its attributes)."""
    return cls.__new__(cls, *args)


class InputError(Iso9001Error, ValueError):
    """The category of errors in what the user gave: an organization, a file, a catalog."""


class NotFoundError(Iso9001Error, LookupError):
    """The category of errors for a name looked up that is not there (an element id, a requirement id)."""


class UsageError(Iso9001Error, ValueError):
    """The category of errors for a call that asks for something that cannot be done.

    An unknown report or graph format, an assessment that cannot run as asked, a helper whose
    optional dependency is not installed.
    """


class PluginError(Iso9001Error):
    """The category of errors raised when a plug-in cannot be loaded or fails.

    Plug-ins are found through entry points (see :mod:`iso9001_leadership.typing`). The entry
    point's group, name and value are kept as :attr:`group`, :attr:`plugin` and :attr:`target`.
    Each leaf also belongs to the category of the stage the plug-in extends
    (:class:`CatalogPluginError` is a :class:`CatalogError`, :class:`CheckPluginError` an
    :class:`AssessmentError`), so code catching those keeps working.
    """

    group: str
    plugin: str
    target: str


class InvalidOrganizationError(InputError):
    """Raised when an organization breaks the model's rules.

    Raised by :class:`~iso9001_leadership.Organization` when it is built with unknown or
    duplicate ids, reporting-line cycles, values out of range or dates that cannot be. Every
    problem found is in :attr:`problems`, not only the first.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, summary: str | None = None) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = summary or f"the organization has {count} problem{'s' if count != 1 else ''}"
        lines = [head + ":"] + [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class LoadError(InvalidOrganizationError):
    """Raised when an organization file cannot be read into an organization.

    Raised by :func:`~iso9001_leadership.load` and :func:`~iso9001_leadership.loads` for
    malformed YAML or JSON, unknown or duplicate keys, wrong types, bad dates, forbidden YAML
    tags, and every rule that :class:`InvalidOrganizationError` covers. :attr:`source` names
    the file (or ``"<string>"``).
    """

    source: str

    def __init__(self, problems: Iterable[Problem], *, source: str = "<string>") -> None:
        self.source = source
        problems = tuple(problems)
        count = len(problems)
        summary = f"{source}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(problems, summary=summary)


class UnknownIdError(NotFoundError, KeyError):
    """Raised when an id is looked up that the organization does not have.

    The offending id is kept whole as :attr:`id`; the message echoes it cut to about 80
    characters. :attr:`suggestion` is the nearest known id, if any.

    >>> print(UnknownIdError("x" * 1000, "ceo"))
    no element with id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000 characters); did you mean 'ceo'?
    """

    id: str
    suggestion: str | None

    def __init__(self, id: str, suggestion: str | None = None) -> None:
        self.id = id
        self.suggestion = suggestion
        msg = f"no element with id {echo(id)}"
        msg += offer(suggestion)
        super().__init__(msg)

    def __str__(self) -> str:
        return str(self.args[0])


class CatalogError(InputError):
    """Raised when a requirement catalog cannot be built as asked.

    Raised for a catalog file that is not valid (malformed YAML, unknown or missing fields,
    wrong types, unknown editions), for requirement ids given twice, for requirements that do
    not apply to the catalog's edition, for an unknown edition, and for a plug-in that cannot be
    loaded or returns something other than requirements. Every problem found is in
    :attr:`problems`, each with its path and, for files, its line; :attr:`source` names the file,
    the plug-in or ``None``.
    """

    problems: tuple[Problem, ...]
    source: str | None

    def __init__(self, message: str, problems: Iterable[Problem] = (), *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        head = f"{source}: {message}" if source else message
        lines = [head + (":" if self.problems else "")] + [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class UnknownRequirementError(NotFoundError, KeyError):
    """Raised when a requirement id is looked up that the catalog does not hold.

    The offending id is kept as :attr:`id`; :attr:`suggestion` is the nearest known id, if any.
    """

    id: str
    suggestion: str | None

    def __init__(self, id: str, edition: str, suggestion: str | None = None) -> None:
        self.id = id
        self.suggestion = suggestion
        msg = f"no requirement with id {id!r} in the {edition} catalog"
        msg += offer(suggestion)
        super().__init__(msg)

    def __str__(self) -> str:
        return str(self.args[0])


class AssessmentError(UsageError):
    """Raised when an assessment cannot be run as asked.

    Raised when an exclusion names no requirement of the catalog, when the catalog's edition is
    not the one asked for, or when a check fails or cannot be registered. The offending
    requirement id, where there is one, is kept as :attr:`requirement`.
    """

    requirement: str | None

    def __init__(self, message: str, requirement: str | None = None) -> None:
        super().__init__(message)
        self.requirement = requirement


class ReportError(UsageError):
    """Raised when a report is asked for in a format that does not exist; the name is kept as :attr:`format`."""

    format: str

    def __init__(self, message: str, format: str) -> None:
        super().__init__(message)
        self.format = format


class ExportError(UsageError):
    """Raised when a graph is asked for in a format that does not exist, or too big for the tool the format is for.

    The format's name is kept as :attr:`format`. A Mermaid diagram over Mermaid's size limits
    is refused with this error rather than written for Mermaid to refuse.
    """

    format: str

    def __init__(self, message: str, format: str) -> None:
        super().__init__(message)
        self.format = format


class MissingExtraError(UsageError, ImportError):
    """Raised when a helper needs an optional package (pandas, matplotlib) that is not installed.

    The message says what to install; the missing package's name is kept as :attr:`package`
    (and as ``ImportError``'s :attr:`name`).

    Examples
    --------
    >>> error = MissingExtraError("pandas", "to_frame()")
    >>> print(error)
    to_frame() needs pandas, which is not installed; install it with: pip install pandas (or the package's "notebook" extra)
    >>> isinstance(error, ImportError), error.package
    (True, 'pandas')
    """

    package: str

    def __init__(self, package: str, needed_by: str, *, extra: str = "notebook") -> None:
        # The package itself, which works wherever iso9001-leadership came from (it is not on PyPI yet).
        install = f'pip install {package} (or the package\'s "{extra}" extra)'
        super().__init__(f"{needed_by} needs {package}, which is not installed; install it with: {install}")
        self.package = package
        self.name = package


class CatalogPluginError(PluginError, CatalogError):
    """Raised when a catalog plug-in (group ``iso9001_leadership.catalogs``) cannot be loaded or fails."""

    def __init__(self, message: str, *, group: str, plugin: str, target: str) -> None:
        self.group, self.plugin, self.target = group, plugin, target
        super().__init__(message, source=f"catalog plug-in {plugin!r} ({target})")


class CheckPluginError(PluginError, AssessmentError):
    """Raised when a check plug-in (group ``iso9001_leadership.checks``) cannot be loaded or fails."""

    def __init__(self, message: str, *, group: str, plugin: str, target: str) -> None:
        self.group, self.plugin, self.target = group, plugin, target
        super().__init__(f"the check plug-in {plugin!r} ({target}) {message}")


class ReportPluginError(PluginError, ReportError):
    """Raised when a report plug-in (group ``iso9001_leadership.reports``) cannot be loaded or is not a report format."""

    def __init__(self, message: str, *, group: str, plugin: str, target: str) -> None:
        self.group, self.plugin, self.target = group, plugin, target
        super().__init__(f"the report plug-in {plugin!r} ({target}) {message}", plugin)
