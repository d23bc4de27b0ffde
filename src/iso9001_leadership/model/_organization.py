"""The organization: the aggregate that owns every element and keeps them consistent."""

from __future__ import annotations

import contextvars
import copy
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, overload

import attrs

from iso9001_leadership._gc import paused_gc
from iso9001_leadership._names import Suggester
from iso9001_leadership.exceptions import InvalidOrganizationError, UnknownIdError

from ._entities import (
    Action,
    Authority,
    Commitment,
    Communication,
    ContextIssue,
    Evidence,
    Exclusion,
    InterestedParty,
    ManagementReview,
    Opportunity,
    PartyRequirement,
    Person,
    Process,
    QualityObjective,
    QualityPolicy,
    Resource,
    Responsibility,
    ReviewProgramme,
    Risk,
    RiskScale,
    Role,
)
from ._fields import EntityKind, many, required, value
from ._html import organization_html
from ._integrity import COLLECTIONS, check_parts

__all__ = ["Element", "Organization"]

#: Any element of an organization that has an id.
Element = (
    Role
    | Person
    | Authority
    | Responsibility
    | Process
    | QualityPolicy
    | Commitment
    | QualityObjective
    | ContextIssue
    | InterestedParty
    | PartyRequirement
    | Risk
    | Opportunity
    | Action
    | Communication
    | ManagementReview
    | Resource
    | Evidence
)

E = TypeVar("E")

#: The elements of the organization being changed, by id, while :meth:`Organization.evolve`
#: builds the changed copy: the elements it keeps as they were need no second check.
_BASIS: contextvars.ContextVar[Mapping[str, Any] | None] = contextvars.ContextVar("_BASIS", default=None)

_TOP_LEVEL: dict[type[Any], str] = {
    Role: "roles",
    Person: "people",
    Authority: "authorities",
    Responsibility: "responsibilities",
    Process: "processes",
    QualityObjective: "objectives",
    ContextIssue: "context_issues",
    InterestedParty: "interested_parties",
    Risk: "risks",
    Opportunity: "opportunities",
    Action: "actions",
    Communication: "communications",
    ManagementReview: "reviews",
    Resource: "resources",
    Evidence: "evidence",
}


#: The collections :meth:`Organization.__repr__` counts, in the order of the fields.
_COUNTED: tuple[str, ...] = (*(name for name, _ in COLLECTIONS), "exclusions")


@attrs.frozen
class _Entry:
    kind: EntityKind
    element: Any
    path: str


@attrs.frozen
class Organization:
    """An organization's quality management system as far as leadership is concerned.

    Building one checks every rule at once (unique, well-formed ids; references that resolve
    to the right kind of element; no reporting-line cycles; top management reporting only
    within top management; levels within the risk scale; dates that agree) and raises
    :class:`~iso9001_leadership.InvalidOrganizationError` listing every problem found.

    The rules hold against hostile input too, and the check stays about linear in the size of
    the organization:

    - an id is letters, digits and ``. _ : / -``, starting with a letter or digit, at most 200
      characters and nothing after them (no trailing newline); ids are unique, and two ids
      that differ only in case (``CEO`` beside ``ceo``) are refused like a duplicate, naming
      where the first one is;
    - text holding a lone surrogate (such as U+D800), which could not be written as UTF-8, is
      refused with the path of its field;
    - a number must be finite, and a whole number must have at most 100 digits ("a number too
      large", the file readers' limit too); no number, however large, makes the check raise
      instead of reporting a problem;
    - values are echoed in problems cut to about 80 characters, followed by their length;
    - the first 50 unknown references get a "did you mean" suggestion (the nearest id of the
      kinds the field accepts), later ones none, and each suggestion looks at a bounded number
      of candidates however many ids there are.

    An organization never changes: :meth:`evolve` and :meth:`with_elements` return a new one.

    An organization read from a file also knows where it came from: :attr:`source` names the
    file and :attr:`locations` gives where each element is defined in it. Neither takes part in
    equality, hashing or ``repr``, and neither is written to files.

    Attributes
    ----------
    locations : Mapping[str, tuple[int, int]]
        Where each element is defined in the source: element id to the 1-based line and column
        where its mapping starts (the first key of a block mapping, the ``{`` of a flow one).
        Filled by :func:`~iso9001_leadership.io.load` and :func:`~iso9001_leadership.io.loads`
        for YAML; empty for JSON and for organizations built in Python. Changes keep the
        locations of the elements they leave as they were (see :meth:`evolve`).
    source : str or None
        The name of the file or text the organization was read from, as ``load`` (its path) or
        ``loads`` (its ``source`` argument, ``"<string>"`` by default) was given it; ``None``
        for organizations built in Python. Changes keep it.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role, Process
    >>> org = Organization(
    ...     name="Acme",
    ...     roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...     processes=(Process(id="sales", name="Sales", owner="ceo"),),
    ... )
    >>> org["sales"].owner
    'ceo'
    >>> org.kind_of("ceo")
    <EntityKind.ROLE: 'role'>
    >>> Organization(name="Acme", processes=(Process(id="sales", name="Sales", owner="cfo"),))
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.InvalidOrganizationError: the organization has 1 problem:
      - processes[0].owner: unknown role id 'cfo'; expected the id of a role
    """

    name: str = required("The organization's name.")
    scope: str = value("", "The scope of the quality management system.", clause="4.3")
    risk_scale: RiskScale = value(
        RiskScale(), "The scale for likelihood and impact of risks and opportunities.", clause="6.1"
    )
    roles: tuple[Role, ...] = many("Roles, top management among them.", clause="5.3")
    people: tuple[Person, ...] = many("People and the roles they hold.", clause="5.3")
    authorities: tuple[Authority, ...] = many("Authorities that roles hold.", clause="5.3")
    responsibilities: tuple[Responsibility, ...] = many("Responsibilities with their RACI assignments.", clause="5.3")
    processes: tuple[Process, ...] = many("The processes of the QMS.", clause="4.4")
    policy: QualityPolicy | None = value(None, "The quality policy.", clause="5.2")
    objectives: tuple[QualityObjective, ...] = many("Quality objectives.", clause="6.2")
    context_issues: tuple[ContextIssue, ...] = many("Internal and external issues.", clause="4.1")
    interested_parties: tuple[InterestedParty, ...] = many("Interested parties and their requirements.", clause="4.2")
    risks: tuple[Risk, ...] = many("Risks.", clause="6.1")
    opportunities: tuple[Opportunity, ...] = many("Opportunities.", clause="6.1")
    actions: tuple[Action, ...] = many(
        "Actions on risks, opportunities, objectives and review decisions.", clause="6.1.2"
    )
    communications: tuple[Communication, ...] = many("Planned communications.", clause="7.4")
    reviews: tuple[ManagementReview, ...] = many("Management reviews.", clause="9.3")
    review_programme: ReviewProgramme | None = value(
        None,
        "How often management reviews are planned, and whether the policy is reviewed there; none: at least "
        "every 12 months.",
        clause="9.3.1",
    )
    resources: tuple[Resource, ...] = many("Resources.", clause="7.1")
    evidence: tuple[Evidence, ...] = many("Documented information.", clause="7.5")
    exclusions: tuple[Exclusion, ...] = many("Requirements determined not to apply, with justification.", clause="4.3")
    covers: tuple[str, ...] = many(
        "What this file describes, when it models only part of the QMS: sections of the file ('roles', 'processes', "
        "'policy', ...) or clause ids ('5.3', '6.2'). Requirements outside it are not assessed. Empty (the "
        "default): the whole QMS."
    )
    _index: dict[str, _Entry] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _suggester: Suggester | None = attrs.field(init=False, default=None, repr=False, eq=False, hash=False)
    _kinds: dict[str, EntityKind] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _by_kind: dict[EntityKind, list[str]] | None = attrs.field(
        init=False, default=None, repr=False, eq=False, hash=False
    )
    locations: Mapping[str, tuple[int, int]] = attrs.field(init=False, factory=dict, repr=False, eq=False, hash=False)
    source: str | None = attrs.field(init=False, default=None, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        parts = {f.name: getattr(self, f.name) for f in attrs.fields(Organization) if f.init}
        with paused_gc():  # bulk work that leaves no cycles behind (see _gc)
            problems, located, kinds = check_parts(parts, basis=_BASIS.get())
            if problems:
                raise InvalidOrganizationError(problems)
            index = {item.element.id: _Entry(item.kind, item.element, item.path) for item in located}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_kinds", kinds)

    # -- lookup -------------------------------------------------------------------------

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._index

    def __getitem__(self, element_id: str) -> Element:
        return self._entry(element_id).element  # type: ignore[no-any-return]

    def _entry(self, element_id: str) -> _Entry:
        try:
            return self._index[element_id]
        except KeyError:
            raise UnknownIdError(element_id, self._suggest(element_id)) from None

    def _suggest(self, element_id: str) -> str | None:
        """The nearest id to ``element_id``: the ids are indexed on the first miss, then reused."""
        suggester = self._suggester
        if suggester is None:
            suggester = Suggester(self._index)
            object.__setattr__(self, "_suggester", suggester)
        return suggester(element_id)

    @overload
    def get(self, element_id: str) -> Element: ...
    @overload
    def get(self, element_id: str, cls: type[E]) -> E: ...
    def get(self, element_id: str, cls: type[Any] | None = None) -> Any:
        """The element with this id, optionally checked to be of class ``cls``.

        Raises
        ------
        UnknownIdError
            If no element has this id, or it is not a ``cls``.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
        >>> org.get("ceo", Role).title
        'CEO'
        """
        element = self[element_id]
        if cls is not None and not isinstance(element, cls):
            raise UnknownIdError(element_id, None)
        return element

    @property
    def kinds(self) -> Mapping[str, EntityKind]:
        """The kind of every element, by id, in file order (read-only).

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> dict(Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),)).kinds)
        {'ceo': <EntityKind.ROLE: 'role'>}
        """
        return MappingProxyType(self._kinds)

    def kind_of(self, element_id: str) -> EntityKind:
        """The kind of the element with this id."""
        return self._entry(element_id).kind

    def path_of(self, element_id: str) -> str:
        """Where the element stands in the file format, such as ``roles[3]``."""
        return self._entry(element_id).path

    def ids(self, kind: EntityKind | None = None) -> list[str]:
        """Ids of every element (of one kind), in file order."""
        if kind is None:
            return list(self._index)
        by_kind = self._by_kind
        if by_kind is None:
            by_kind = {k: [] for k in EntityKind}
            for element_id, entry in self._index.items():
                by_kind[entry.kind].append(element_id)
            object.__setattr__(self, "_by_kind", by_kind)
        return list(by_kind[kind])

    def elements(self, kind: EntityKind | None = None) -> Iterator[tuple[EntityKind, Element]]:
        """Every element (of one kind) with its kind, in file order."""
        for entry in self._index.values():
            if kind is None or entry.kind is kind:
                yield entry.kind, entry.element

    def __len__(self) -> int:
        """The number of elements with an id."""
        return len(self._index)

    def __repr__(self) -> str:
        """A one-line summary: the name, the policy's id, how many elements each non-empty collection holds.

        The full contents of a real organization run to hundreds of kilobytes; compare
        organizations with ``==`` and read their elements by id instead. Collections left empty
        are not listed; ``covers`` is shown as it is, since it says what the file describes.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Process, Role
        >>> Organization(
        ...     name="Acme",
        ...     roles=(Role(id="ceo", title="CEO", top_management=True), Role(id="qm", title="QM")),
        ...     processes=(Process(id="sales", name="Sales", owner="ceo"),),
        ...     covers=("5.3",),
        ... )
        Organization(name='Acme', roles=2, processes=1, covers=('5.3',))
        >>> Organization(name="Empty")
        Organization(name='Empty')
        """
        parts = [f"name={self.name!r}"]
        if self.policy is not None:
            parts.append(f"policy={self.policy.id!r}")
        parts += [f"{name}={len(getattr(self, name))}" for name in _COUNTED if getattr(self, name)]
        if self.covers:
            parts.append(f"covers={self.covers!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """A compact HTML summary for Jupyter."""
        return organization_html(self)

    # -- convenience views --------------------------------------------------------------

    @property
    def top_management(self) -> tuple[Role, ...]:
        """The roles that make up top management."""
        return tuple(r for r in self.roles if r.top_management)

    @property
    def commitments(self) -> tuple[Commitment, ...]:
        """The quality policy's commitments (empty without a policy)."""
        return () if self.policy is None else self.policy.commitments

    @property
    def party_requirements(self) -> tuple[PartyRequirement, ...]:
        """Every interested party's requirements, party by party."""
        return tuple(req for party in self.interested_parties for req in party.requirements)

    # -- changes ------------------------------------------------------------------------

    def evolve(self, **changes: Any) -> Organization:
        """A copy with some fields replaced; the result is checked like any organization.

        The copy keeps the :attr:`source` and the :attr:`locations` of the elements it leaves
        as they were; an element added or changed has no location.

        Examples
        --------
        >>> from iso9001_leadership import Organization
        >>> Organization(name="Acme").evolve(scope="Design and build of pumps").scope
        'Design and build of pumps'
        """
        # The elements left as they were obeyed every rule here: only the others are checked in full.
        token = _BASIS.set(self._index)
        try:
            changed = attrs.evolve(self, **changes)
        finally:
            _BASIS.reset(token)
        if self.source is not None or self.locations:
            kept = {
                element_id: where
                for element_id, where in self.locations.items()
                if _unchanged(self._index.get(element_id), changed._index.get(element_id))
            }
            object.__setattr__(changed, "locations", kept)
            object.__setattr__(changed, "source", self.source)
        return changed

    def with_locations(self, locations: Mapping[str, tuple[int, int]], *, source: str | None = None) -> Organization:
        """The same organization, recording where its elements are defined in a source.

        The elements are not checked again: nothing but :attr:`locations` and :attr:`source`
        differs, and the result is equal to this organization. The loader calls this for YAML.

        Parameters
        ----------
        locations
            Element id to the 1-based line and column where the element is defined.
        source
            The name of the file or text the locations refer to.

        Raises
        ------
        UnknownIdError
            If a location is given for an id that is not an element of the organization.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),))
        >>> located = org.with_locations({"ceo": (3, 5)}, source="org.yaml")
        >>> located.locations["ceo"], located.source, located == org
        ((3, 5), 'org.yaml', True)
        """
        kept: dict[str, tuple[int, int]] = {}
        for element_id, (line, column) in locations.items():
            if element_id not in self._index:
                raise UnknownIdError(element_id, self._suggest(element_id))
            kept[element_id] = (line, column)
        located = copy.copy(self)
        object.__setattr__(located, "locations", kept)
        object.__setattr__(located, "source", source)
        return located

    def with_elements(self, *elements: Any) -> Organization:
        """A copy with elements added, or replaced where one with the same id exists.

        Elements go to the collection of their class; a :class:`QualityPolicy` replaces the
        policy. Nested elements (commitments, party requirements) change with their parent.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme").with_elements(Role(id="ceo", title="CEO"))
        >>> org.with_elements(Role(id="ceo", title="Managing Director"))["ceo"].title
        'Managing Director'
        """
        changes: dict[str, Any] = {}
        for element in elements:
            if isinstance(element, QualityPolicy):
                changes["policy"] = element
                continue
            name = _TOP_LEVEL.get(type(element))
            if name is None:
                msg = f"cannot add a {type(element).__name__} to an organization directly"
                raise TypeError(msg)
            current: list[Any] = list(changes.get(name, getattr(self, name)))
            for i, existing in enumerate(current):
                if existing.id == element.id:
                    current[i] = element
                    break
            else:
                current.append(element)
            changes[name] = tuple(current)
        return self.evolve(**changes)

    def changed_since(self, other: Organization) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What differs from ``other``: the ids of elements added or changed here, and of those gone.

        An element counts as changed unless it is the very object ``other`` holds under its id
        (with the same kind): the copies :meth:`evolve`, :meth:`with_elements` and :meth:`without`
        make keep the objects they do not change, so this is quick to tell and never misses a
        change. An id whose element changed kind is both changed and gone.

        Examples
        --------
        >>> from iso9001_leadership import Organization, Role
        >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"), Role(id="qm", title="QM")))
        >>> org.with_elements(Role(id="ceo", title="Managing Director")).without(["qm"]).changed_since(org)
        (('ceo',), ('qm',))
        """
        before = other._index
        changed = []
        for element_id, entry in self._index.items():
            old = before.get(element_id)
            if old is None or old.element is not entry.element or old.kind is not entry.kind:
                changed.append(element_id)
        now = self._index
        gone = [
            element_id
            for element_id, entry in before.items()
            if (found := now.get(element_id)) is None or found.kind is not entry.kind
        ]
        return tuple(changed), tuple(gone)

    def without(self, ids: Iterable[str]) -> Organization:
        """A copy with the top-level elements of these ids removed.

        References to them must be removed too, or the result fails its checks; use the
        graph's ``impact_of_removing`` to see what a removal would break without building one.
        """
        gone = set(ids)
        changes = {name: tuple(e for e in getattr(self, name) if e.id not in gone) for name, _ in COLLECTIONS}
        if self.policy is not None and self.policy.id in gone:
            changes["policy"] = None  # type: ignore[assignment]
        return self.evolve(**changes)


def _unchanged(before: _Entry | None, after: _Entry | None) -> bool:
    """Whether an element is the same before and after a change (so its location still holds)."""
    if before is None or after is None:
        return False
    return before.element is after.element or (before.kind is after.kind and before.element == after.element)
