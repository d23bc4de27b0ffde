"""The exceptions the catalog raises."""

from __future__ import annotations

from collections.abc import Iterable

from iso9001_leadership.exceptions import Iso9001Error, Problem

__all__ = ["CatalogError", "UnknownRequirementError"]


class CatalogError(Iso9001Error, ValueError):
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


class UnknownRequirementError(Iso9001Error, KeyError):
    """Raised when a requirement id is looked up that the catalog does not hold.

    The offending id is kept as :attr:`id`; :attr:`suggestion` is the nearest known id, if any.
    """

    id: str
    suggestion: str | None

    def __init__(self, id: str, edition: str, suggestion: str | None = None) -> None:
        self.id = id
        self.suggestion = suggestion
        msg = f"no requirement with id {id!r} in the {edition} catalog"
        if suggestion is not None:
            msg += f"; did you mean {suggestion!r}?"
        super().__init__(msg)

    def __str__(self) -> str:
        return str(self.args[0])
