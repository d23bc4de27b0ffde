"""Small deterministic edits of an organization, shared by the repairs and the injections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from iso9001_leadership.model import Commitment, CommitmentKind, Organization, QualityPolicy

__all__ = ["FAR_REVIEW", "anchor_role", "fresh_id", "new_policy", "policy_of", "top_roles", "with_changes"]

#: The next review date a repaired or added policy gets (or ``as_of``, if later).
FAR_REVIEW = dt.date(2099, 12, 31)


def fresh_id(org: Organization, stem: str, taken: Iterable[str] = ()) -> str:
    """An id starting with ``stem`` that neither the organization nor ``taken`` uses, in any letter case."""
    used = {t.lower() for t in taken}
    used.update(element_id.lower() for element_id in org.ids())
    candidate, number = stem, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def top_roles(org: Organization) -> list[str]:
    """The ids of the top-management roles."""
    return [role.id for role in org.roles if role.top_management]


def anchor_role(org: Organization) -> str:
    """The role that repairs and injections lean on: the first top-management role, else the first role."""
    top = top_roles(org)
    return top[0] if top else org.roles[0].id


def with_changes(org: Organization, element_id: str, **changes: Any) -> Organization:
    """The organization with one element's fields changed."""
    return org.with_elements(attrs.evolve(org[element_id], **changes))


def policy_of(org: Organization) -> QualityPolicy:
    """The organization's policy, which the caller has made sure exists."""
    assert org.policy is not None  # callers make sure there is one
    return org.policy


def new_policy(org: Organization, as_of: dt.date | None) -> QualityPolicy:
    """A policy that reaches every role, approved by top management, next reviewed after ``as_of``."""
    policy_id = fresh_id(org, "quality-policy")
    top = top_roles(org)
    return QualityPolicy(
        id=policy_id,
        statement="We deliver what our customers need and keep improving how we do it.",
        commitments=(
            Commitment(id=fresh_id(org, "commitment", [policy_id]), kind=CommitmentKind.SATISFY_REQUIREMENTS),
        ),
        approved_by=top[0] if top else None,
        next_review=max(FAR_REVIEW, as_of or FAR_REVIEW),
        communicated_to=tuple(role.id for role in org.roles),
    )
