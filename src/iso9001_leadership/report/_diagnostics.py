"""Errors as diagnostics: one ``path:line:col: message`` per problem, the form editors and CI read.

A file that cannot be read or assessed meets an error: a
:class:`~iso9001_leadership.exceptions.LoadError` (or another
:class:`~iso9001_leadership.exceptions.InvalidOrganizationError`) listing every problem, each
with its field path and, for YAML, its line and column; another of the package's errors; or the
operating system's :class:`OSError`. :func:`diagnostics` turns each problem into one
:class:`Diagnostic`, which prints as compilers, linters, pre-commit, editors' problem matchers
and CI log parsers expect: ``path:line:col: message`` where the position is known,
``path:line: message`` where only the line is, ``path: message`` otherwise. The message keeps
everything the problem says: the field path, what was found, what was expected and the nearest
valid name.
"""

from __future__ import annotations

import attrs

from iso9001_leadership.exceptions import CatalogError, InvalidOrganizationError, Problem

__all__ = ["Diagnostic", "diagnostics"]


@attrs.frozen
class Diagnostic:
    """One problem of one file, where it is and what it says.

    Parameters
    ----------
    path
        The file, as the user named it.
    message
        What is wrong, with the field path first when there is one (``roles[0].title: ...``).
    line, column
        1-based position in the file, when known.

    Examples
    --------
    >>> print(Diagnostic("org.yaml", "roles[0].title: required field 'title' is missing", line=3, column=5))
    org.yaml:3:5: roles[0].title: required field 'title' is missing
    >>> print(Diagnostic("org.json", "name: required field 'name' is missing"))
    org.json: name: required field 'name' is missing
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        if self.column is None:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def _problem_message(problem: Problem) -> str:
    """What the problem says without its position: its field path (none for the whole document), then the rest."""
    text = str(attrs.evolve(problem, line=None, column=None))
    return text.removeprefix("<document>: ") if not problem.path else text


def diagnostics(error: BaseException | str, path: str) -> tuple[Diagnostic, ...]:
    """Each problem of ``error``, met reading or assessing the file ``path``, as a :class:`Diagnostic`.

    An error that lists problems (a :class:`~iso9001_leadership.exceptions.LoadError`, any
    :class:`~iso9001_leadership.exceptions.InvalidOrganizationError`, a
    :class:`~iso9001_leadership.exceptions.CatalogError`) gives one diagnostic per problem, in
    its order, with the line and column the problem carries. An :class:`OSError` gives its
    reason (``No such file or directory``); any other error, or a message given as text, one
    diagnostic of its message, at the file.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.exceptions import LoadError
    >>> try:
    ...     loads("name: Acme\\nscop: x\\n", source="org.yaml")
    ... except LoadError as exc:
    ...     for diagnostic in diagnostics(exc, "org.yaml"):
    ...         print(diagnostic)
    org.yaml:2:1: scop: unknown field 'scop' for Organization; expected one of ...; did you mean 'scope'?
    >>> print(*diagnostics(FileNotFoundError(2, "No such file or directory", "gone.yaml"), "gone.yaml"))
    gone.yaml: No such file or directory
    """
    if isinstance(error, InvalidOrganizationError | CatalogError) and error.problems:
        return tuple(Diagnostic(path, _problem_message(p), p.line, p.column) for p in error.problems)
    if isinstance(error, OSError):
        return (Diagnostic(path, str(error.strerror or error)),)
    return (Diagnostic(path, str(error)),)
