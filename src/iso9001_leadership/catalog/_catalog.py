"""The catalog: the requirements of one edition, in clause order, open to additions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from iso9001_leadership._names import did_you_mean, suggest
from iso9001_leadership._plugins import CATALOGS, load_plugins
from iso9001_leadership.clauses import clause_key, clause_within
from iso9001_leadership.exceptions import Problem

from ._errors import CatalogError, UnknownRequirementError
from ._files import Located, builtin_requirements, read_file
from ._requirement import (
    DEFAULT_EDITION,
    EDITION_TITLES,
    EDITIONS,
    PROVISIONAL_EDITIONS,
    Decidability,
    Requirement,
    Theme,
    check_edition,
)

__all__ = ["PLUGIN_GROUP", "Catalog", "CatalogPlugin", "EditionDiff", "Renumbering"]

#: The entry point group whose entries add requirements to :meth:`Catalog.builtin` (``plugins=True``).
PLUGIN_GROUP = CATALOGS

#: What a catalog plug-in entry point loads: a callable that takes an edition (``"2015"``) and
#: returns the extra requirements for that edition.
CatalogPlugin = Callable[[str], Iterable[Requirement]]

#: Where a requirement being added came from, for error messages: (requirement, problem maker).
_Addition = tuple[Any, Callable[..., Problem]]


def _sorted(requirements: Iterable[Requirement]) -> tuple[Requirement, ...]:
    items = tuple(requirements)
    if all(isinstance(r, Requirement) for r in items):
        return tuple(sorted(items, key=lambda r: r.sort_key))
    return items  # __attrs_post_init__ reports the intruders


def _at_index(index: int) -> Callable[..., Problem]:
    def make(message: str, **extra: Any) -> Problem:
        return Problem(f"[{index}]", message, **extra)

    return make


def _located(item: Located) -> Callable[..., Problem]:
    return item.problem


def _describe(requirement: Requirement) -> str:
    origin = f"{requirement.origin}, " if requirement.origin else ""
    return f"{origin}clause {requirement.clause}"


def _addition_problems(edition: str, existing: dict[str, Requirement], additions: list[_Addition]) -> list[Problem]:
    problems: list[Problem] = []
    seen = dict(existing)
    for requirement, make in additions:
        if not isinstance(requirement, Requirement):
            problems.append(
                make("not a Requirement", found=type(requirement).__name__, expected="a Requirement instance")
            )
            continue
        if not requirement.applies_to(edition):
            problems.append(
                make(
                    f"requirement {requirement.id!r} does not apply to edition {edition!r}",
                    found=f"editions {', '.join(requirement.editions)}",
                    expected=f"a requirement whose editions include {edition!r}",
                )
            )
            continue
        first = seen.get(requirement.id)
        if first is not None:
            problems.append(
                make(
                    f"duplicate requirement id {requirement.id!r}: already in the catalog ({_describe(first)})",
                    expected="a new id for each requirement",
                )
            )
            continue
        seen[requirement.id] = requirement
    return problems


def _plugin_requirements(edition: str) -> list[_Addition]:
    additions: list[_Addition] = []
    for plugin in load_plugins(PLUGIN_GROUP, load_message=lambda exc: f"cannot be loaded: {type(exc).__name__}: {exc}"):
        if not callable(plugin.target):
            msg = f"loads {type(plugin.target).__name__}, not a callable taking the edition and returning requirements"
            raise plugin.error(msg)
        try:
            result = list(plugin.target(edition))
        except CatalogError:
            raise
        except Exception as exc:
            msg = f"failed for edition {edition!r}: {type(exc).__name__}: {exc}"
            raise plugin.error(msg) from exc
        for index, requirement in enumerate(result):
            item = requirement
            if isinstance(item, Requirement) and not item.origin:
                item = attrs.evolve(item, origin=f"plug-in {plugin.name}")
            additions.append((item, _plugin_problem(plugin.name, index)))
    return additions


def _plugin_problem(name: str, index: int) -> Callable[..., Problem]:
    def make(message: str, **extra: Any) -> Problem:
        return Problem(f"plug-in {name}[{index}]", message, **extra)

    return make


@attrs.frozen
class Renumbering:
    """A requirement that sits under another clause id in the newer edition."""

    id: str
    old_clause: str
    new_clause: str


@attrs.frozen
class EditionDiff:
    """What differs between the catalogs of two editions, matched by requirement id.

    Parameters
    ----------
    old, new
        The editions compared.
    added
        Requirements only in ``new``, in its clause order.
    removed
        Requirements only in ``old``, in its clause order.
    renumbered
        Requirements in both under different clause ids, in ``new``'s clause order.
    changed
        Requirements in both whose content changed in an edition between the two (see their
        :attr:`~Requirement.changed_in` and :attr:`~Requirement.changes`), in ``new``'s clause
        order; a requirement can be both renumbered and changed.
    """

    old: str
    new: str
    added: tuple[Requirement, ...] = ()
    removed: tuple[Requirement, ...] = ()
    renumbered: tuple[Renumbering, ...] = ()
    changed: tuple[Requirement, ...] = ()

    def describe(self) -> str:
        """The differences as plain text, one line each, in a stable order."""
        lines = [f"{self.old} -> {self.new}"]
        for req in self.added:
            takes_over = f" (takes over {', '.join(req.supersedes)})" if req.supersedes else ""
            lines.append(f"  added       {req.clause:<10} {req.id}{takes_over}")
        lines.extend(f"  removed     {req.clause:<10} {req.id}" for req in self.removed)
        lines.extend(f"  renumbered  {move.old_clause} -> {move.new_clause:<10} {move.id}" for move in self.renumbered)
        lines.extend(f"  changed     {req.clause:<10} {req.id}" for req in self.changed)
        return "\n".join(lines)


@attrs.frozen(repr=False)
class Catalog:
    """The requirements of one edition of ISO 9001, in clause order, open to additions.

    Build it with :meth:`builtin`; add internal or sector requirements with :meth:`extend`,
    :meth:`extend_from` or a plug-in. A catalog is immutable: additions return a new one.

    Parameters
    ----------
    edition
        ``"2015"`` (ISO 9001:2015 with Amendment 1:2024) or ``"2026"``.
    requirements
        The requirements; each must apply to ``edition`` and have an id of its own. They are
        kept in clause order (natural sort of the clause id, then id).

    Raises
    ------
    CatalogError
        For an unknown edition, a duplicate id, or a requirement of another edition.

    Examples
    --------
    >>> catalog = Catalog.builtin("2015")
    >>> catalog["leadership.accountability"].clause
    '5.1.1 a'
    >>> [r.clause for r in catalog.select(clause="5.2.2")]
    ['5.2.2 a', '5.2.2 b', '5.2.2 c']
    >>> Catalog.builtin("2026")["leadership.improvement"].clause
    '5.1.1 j'
    """

    edition: str = attrs.field(default=DEFAULT_EDITION, validator=lambda _, __, value: check_edition(value))
    requirements: tuple[Requirement, ...] = attrs.field(default=(), converter=_sorted)
    _by_id: dict[str, Requirement] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        additions: list[_Addition] = [(req, _at_index(i)) for i, req in enumerate(self.requirements)]
        problems = _addition_problems(self.edition, {}, additions)
        if problems:
            msg = f"the {self.edition} catalog cannot hold these requirements"
            raise CatalogError(msg, problems)
        object.__setattr__(self, "_by_id", {req.id: req for req in self.requirements})

    def __repr__(self) -> str:
        count = len(self.requirements)
        return f"<Catalog {self.edition}: {count} requirement{'s' if count != 1 else ''}>"

    @classmethod
    def builtin(cls, edition: str = DEFAULT_EDITION, *, plugins: bool = False) -> Catalog:
        """The shipped catalog of ``edition``, with the plug-ins' requirements if asked.

        Parameters
        ----------
        edition
            ``"2015"`` (default: ISO 9001:2015 with Amendment 1:2024) or ``"2026"``.
        plugins
            Whether to add the requirements of every entry point in the
            ``iso9001_leadership.catalogs`` group (see :data:`PLUGIN_GROUP`), in entry point
            name order.

        Raises
        ------
        CatalogError
            For an unknown edition, or a plug-in that fails, returns something other than
            requirements of this edition, or reuses an id.

        Examples
        --------
        >>> len(Catalog.builtin()) > 70
        True
        >>> Catalog.builtin("2016")
        Traceback (most recent call last):
        ...
        iso9001_leadership.exceptions.CatalogError: unknown edition '2016'; expected one of '2015', '2026'
        """
        edition = check_edition(edition)
        catalog = cls(edition, builtin_requirements(edition))
        if plugins:
            catalog = catalog._added(_plugin_requirements(edition), source="catalog plug-ins")
        return catalog

    @property
    def title(self) -> str:
        """What the edition stands for, such as ``ISO 9001:2015 with Amendment 1:2024``."""
        return EDITION_TITLES[self.edition]

    @property
    def provisional(self) -> bool:
        """Whether the edition's text was unpublished when the catalog was written."""
        return self.edition in PROVISIONAL_EDITIONS

    @property
    def ids(self) -> tuple[str, ...]:
        """The requirement ids, in clause order."""
        return tuple(req.id for req in self.requirements)

    def __len__(self) -> int:
        return len(self.requirements)

    def __iter__(self) -> Iterator[Requirement]:
        return iter(self.requirements)

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def __getitem__(self, id: str) -> Requirement:
        """The requirement with ``id``; :class:`UnknownRequirementError` if there is none."""
        try:
            return self._by_id[id]
        except KeyError:
            raise UnknownRequirementError(id, self.edition, suggest(id, self._by_id)) from None

    def get(self, id: str, default: Requirement | None = None) -> Requirement | None:
        """The requirement with ``id``, or ``default``."""
        return self._by_id.get(id, default)

    def clauses(self) -> tuple[str, ...]:
        """The distinct clause ids, in clause order."""
        return tuple(sorted({req.clause for req in self.requirements}, key=clause_key))

    def select(
        self,
        *,
        theme: Theme | str | None = None,
        clause: str | None = None,
        decidable: Decidability | str | None = None,
    ) -> Catalog:
        """The requirements that match every criterion given, as a catalog of the same edition.

        Parameters
        ----------
        theme
            A :class:`Theme` or its value (``"customer_focus"``).
        clause
            A clause id; matches it and everything under it: ``"5.1"`` selects ``5.1.1 a`` to
            ``5.1.2 c``, not ``5.10``.
        decidable
            A :class:`Decidability` or its value (``"model"``).

        Examples
        --------
        >>> [r.id for r in Catalog.builtin().select(theme="customer_focus", clause="5")]
        ['customer-focus.requirements', 'customer-focus.risks', 'customer-focus.satisfaction']
        """
        wanted_theme = _member(Theme, theme, "theme")
        wanted_decidable = _member(Decidability, decidable, "decidable")
        kept = [
            req
            for req in self.requirements
            if (wanted_theme is None or req.theme is wanted_theme)
            and (wanted_decidable is None or req.decidable is wanted_decidable)
            and (clause is None or clause_within(req.clause, clause))
        ]
        return Catalog(self.edition, kept)

    def extend(self, requirements: Iterable[Requirement]) -> Catalog:
        """A new catalog with ``requirements`` added.

        Raises
        ------
        CatalogError
            Listing every requirement that reuses an id (of the catalog or of an earlier one
            given), does not apply to the catalog's edition, or is not a :class:`Requirement`;
            each problem's path is the requirement's index in ``requirements``.

        Examples
        --------
        >>> from iso9001_leadership.catalog import EvidenceGuide, Requirement, Theme
        >>> extra = Requirement(id="acme.gemba-walks", clause="ACME 1", title="Leadership on the floor",
        ...                     summary="Top management walks the shop floor every month.",
        ...                     theme=Theme.ACCOUNTABILITY, evidence=EvidenceGuide(documents=["walk records"]))
        >>> catalog = Catalog.builtin().extend([extra])
        >>> catalog.ids[-1]
        'acme.gemba-walks'
        >>> catalog.extend([extra])
        Traceback (most recent call last):
        ...
        iso9001_leadership.exceptions.CatalogError: 1 problem adding requirements to the 2015 catalog:
          - [0]: duplicate requirement id 'acme.gemba-walks': already in the catalog (clause ACME 1); expected a new id for each requirement
        """
        additions: list[_Addition] = [(req, _at_index(i)) for i, req in enumerate(requirements)]
        return self._added(additions, source=None)

    def extend_from(self, path: str | os.PathLike[str]) -> Catalog:
        """A new catalog with the requirements of a catalog file added (those of this edition).

        The file has the format of the shipped catalog (see ``docs/catalog.md``); entries
        without a clause id for this catalog's edition are skipped.

        Raises
        ------
        CatalogError
            Listing every problem in the file, and every entry whose id the catalog already
            holds, each with its path, line and column.
        OSError
            If the file cannot be read.
        """
        located = read_file(path, edition=self.edition)
        return self._added([(item.requirement, _located(item)) for item in located], source=os.fspath(path))

    def _added(self, additions: list[_Addition], *, source: str | None) -> Catalog:
        problems = _addition_problems(self.edition, self._by_id, additions)
        if problems:
            count = len(problems)
            msg = f"{count} problem{'s' if count != 1 else ''} adding requirements to the {self.edition} catalog"
            raise CatalogError(msg, problems, source=source)
        return Catalog(self.edition, self.requirements + tuple(req for req, _ in additions))

    def diff(self, newer: Catalog) -> EditionDiff:
        """What differs from this catalog to ``newer``, matched by requirement id.

        See Also
        --------
        diff_editions
        """
        old, new = self._by_id, newer._by_id
        renumbered = tuple(
            Renumbering(req.id, old[req.id].clause, req.clause)
            for req in newer.requirements
            if req.id in old and old[req.id].clause != req.clause
        )
        low, high = sorted((EDITIONS.index(self.edition), EDITIONS.index(newer.edition)))
        between = EDITIONS[low + 1 : high + 1]
        changed = tuple(
            req
            for req in newer.requirements
            if req.id in old and any(e in between for e in (*req.changed_in, *old[req.id].changed_in))
        )
        return EditionDiff(
            old=self.edition,
            new=newer.edition,
            added=tuple(req for req in newer.requirements if req.id not in old),
            removed=tuple(req for req in self.requirements if req.id not in new),
            renumbered=renumbered,
            changed=changed,
        )

    @classmethod
    def diff_editions(cls, old: str = "2015", new: str = "2026", *, plugins: bool = False) -> EditionDiff:
        """What the shipped catalog adds, removes, re-letters and changes from ``old`` to ``new``.

        Examples
        --------
        >>> diff = Catalog.diff_editions("2015", "2026")
        >>> [r.id for r in diff.added]
        ['leadership.quality-culture', 'planning.risk-actions', 'planning.opportunity-actions', 'awareness.quality-culture']
        >>> [(m.id, m.old_clause, m.new_clause) for m in diff.renumbered]
        [('leadership.improvement', '5.1.1 i', '5.1.1 j'), ('leadership.support-managers', '5.1.1 j', '5.1.1 k')]
        """
        return cls.builtin(old, plugins=plugins).diff(cls.builtin(new, plugins=plugins))


def _member(enum_cls: Any, value: Any, name: str) -> Any:
    if value is None or isinstance(value, enum_cls):
        return value
    values = {member.value: member for member in enum_cls}
    if value in values:
        return values[value]
    msg = f"unknown {name} {value!r}; expected one of " + ", ".join(repr(v) for v in values)
    if isinstance(value, str):
        msg += did_you_mean(value, values)
    raise CatalogError(msg)
