"""Field helpers: every model field carries its documentation, clause and reference targets.

The metadata attached here is what makes the rest of the library data-driven: the
organization's integrity check finds every reference through it, the graph draws an edge for
each reference, and the JSON Schema and ``docs/file-format.md`` take their descriptions from it.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

import attrs

from iso9001_leadership._names import to_tuple

T = TypeVar("T")

DOC = "iso9001_leadership.doc"
CLAUSE = "iso9001_leadership.clause"
REFS = "iso9001_leadership.refs"


class EntityKind(enum.Enum):
    """The kinds of element an organization holds; every element has a unique id."""

    ROLE = "role"
    PERSON = "person"
    AUTHORITY = "authority"
    RESPONSIBILITY = "responsibility"
    PROCESS = "process"
    POLICY = "policy"
    COMMITMENT = "commitment"
    OBJECTIVE = "objective"
    CONTEXT_ISSUE = "context_issue"
    INTERESTED_PARTY = "interested_party"
    PARTY_REQUIREMENT = "party_requirement"
    RISK = "risk"
    OPPORTUNITY = "opportunity"
    ACTION = "action"
    COMMUNICATION = "communication"
    REVIEW = "review"
    RESOURCE = "resource"
    EVIDENCE = "evidence"

    @property
    def noun(self) -> str:
        """How a reader names one element of this kind: ``"management review"``."""
        return _NOUNS[self][0]

    @property
    def nouns(self) -> str:
        """How a reader names several: ``"management reviews"``, ``"people"``."""
        return _NOUNS[self][1]


_NOUNS: dict[EntityKind, tuple[str, str]] = {
    EntityKind.ROLE: ("role", "roles"),
    EntityKind.PERSON: ("person", "people"),
    EntityKind.AUTHORITY: ("authority", "authorities"),
    EntityKind.RESPONSIBILITY: ("responsibility", "responsibilities"),
    EntityKind.PROCESS: ("process", "processes"),
    EntityKind.POLICY: ("quality policy", "quality policies"),
    EntityKind.COMMITMENT: ("policy commitment", "policy commitments"),
    EntityKind.OBJECTIVE: ("quality objective", "quality objectives"),
    EntityKind.CONTEXT_ISSUE: ("context issue", "context issues"),
    EntityKind.INTERESTED_PARTY: ("interested party", "interested parties"),
    EntityKind.PARTY_REQUIREMENT: ("party requirement", "party requirements"),
    EntityKind.RISK: ("risk", "risks"),
    EntityKind.OPPORTUNITY: ("opportunity", "opportunities"),
    EntityKind.ACTION: ("action", "actions"),
    EntityKind.COMMUNICATION: ("communication", "communications"),
    EntityKind.REVIEW: ("management review", "management reviews"),
    EntityKind.RESOURCE: ("resource", "resources"),
    EntityKind.EVIDENCE: ("evidence record", "evidence records"),
}


#: Every kind, for references that may point at any element (evidence, communications).
ANY_KIND: tuple[EntityKind, ...] = tuple(EntityKind)


def _meta(doc: str, clause: str | None, refs: tuple[EntityKind, ...] | None) -> dict[str, Any]:
    meta: dict[str, Any] = {DOC: doc}
    if clause is not None:
        meta[CLAUSE] = clause
    if refs is not None:
        meta[REFS] = refs
    return meta


def required(doc: str, *, clause: str | None = None) -> Any:
    """A field that must be given."""
    return attrs.field(metadata=_meta(doc, clause, None))


def value(default: Any, doc: str, *, clause: str | None = None) -> Any:
    """A field with an immutable default (a string, number, bool, enum member or ``None``)."""
    return attrs.field(default=default, metadata=_meta(doc, clause, None))


def many(doc: str, *, clause: str | None = None) -> Any:
    """A list field (a tuple in Python), empty by default."""
    return attrs.field(factory=tuple, converter=to_tuple, metadata=_meta(doc, clause, None))


def ref(
    kinds: EntityKind | tuple[EntityKind, ...], doc: str, *, clause: str | None = None, needed: bool = False
) -> Any:
    """A reference to one element of the given kind(s), by id: optional, or ``needed`` (no default)."""
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if needed:
        return attrs.field(metadata=_meta(doc, clause, kinds))
    return attrs.field(default=None, metadata=_meta(doc, clause, kinds))


def refs(kinds: EntityKind | tuple[EntityKind, ...], doc: str, *, clause: str | None = None) -> Any:
    """A list of references to elements of the given kind(s), by id; empty by default."""
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    return attrs.field(factory=tuple, converter=to_tuple, metadata=_meta(doc, clause, kinds))


def doc_of(field: attrs.Attribute[Any]) -> str:
    """The documentation attached to a model field."""
    return str(field.metadata.get(DOC, ""))


def clause_of(field: attrs.Attribute[Any]) -> str | None:
    """The clause a model field serves, if one was recorded."""
    clause = field.metadata.get(CLAUSE)
    return None if clause is None else str(clause)


def refs_of(field: attrs.Attribute[Any]) -> tuple[EntityKind, ...] | None:
    """The kinds of element a reference field may point at, or ``None`` if it is no reference."""
    kinds = field.metadata.get(REFS)
    return None if kinds is None else tuple(kinds)
