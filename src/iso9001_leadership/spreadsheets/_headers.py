"""What a header cell names: a column of the responsibilities (id, title, processes...) or a role.

The reader resolves every header with :class:`Headers`; the writers ask the same object how a
role's column will be read back, and head it so that it is read as that role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from iso9001_leadership._escape import printable
from iso9001_leadership._names import Suggester
from iso9001_leadership.model import Role

from ._cells import COLUMN_NAMES, folded, role_header_parts

__all__ = ["FIELD_NAMES", "Headers", "Resolved", "role_header"]

#: Every header name of a column that is not a role, folded, to the column it names.
FIELD_NAMES: dict[str, str] = {folded(name): field for field, names in COLUMN_NAMES.items() for name in names}

ResolvedKind = Literal["field", "role", "new", "unknown", "ambiguous"]


@attrs.frozen
class Resolved:
    """What a header names.

    ``field``: a column of :data:`~._cells.COLUMN_NAMES` (``name`` is its key); ``role``: a
    role of the base organization (``name`` is its id); ``new``: a role to create (``name`` the
    id the header gives, or ``""`` to derive one from ``title``); ``unknown``: nothing
    (``candidates`` holds the nearest role id or title, if any is near); ``ambiguous``: several
    roles share the title (``candidates`` are their ids).
    """

    kind: ResolvedKind
    name: str = ""
    title: str = ""
    candidates: tuple[str, ...] = ()


class Headers:
    """Header resolution against the roles of a base organization, or (``roles=None``) without one.

    In this order: a header written ``Title (id)`` names the role with that id (a new role with
    that id and title, without a base); a column name such as ``Process`` names that column;
    then a role's id (exactly, then ignoring case) and a role's title (ignoring case and white
    space). Without a base, any other header names a new role of that title.

    Examples
    --------
    >>> from iso9001_leadership import Role
    >>> headers = Headers([Role(id="qm", title="Quality Manager"), Role(id="ceo", title="CEO")])
    >>> [headers.resolve(h).name for h in ("Quality  manager", "QM", "CEO (ceo)", "Processes")]
    ['qm', 'qm', 'ceo', 'processes']
    >>> headers.resolve("Qualty Manager")
    Resolved(kind='unknown', name='', title='', candidates=('Quality Manager',))
    >>> Headers(None).resolve("Plant Manager (pm)")
    Resolved(kind='new', name='pm', title='Plant Manager', candidates=())
    """

    def __init__(self, roles: Sequence[Role] | None) -> None:
        self._roles = roles
        self._by_id = {role.id: role.id for role in roles or ()}
        self._by_folded_id = {role.id.casefold(): role.id for role in roles or ()}
        self._by_title: dict[str, list[str]] = {}
        for role in roles or ():
            self._by_title.setdefault(folded(role.title), []).append(role.id)
        self._suggester: Suggester | None = None

    def _role(self, text: str) -> str | None:
        return self._by_id.get(text) or self._by_folded_id.get(text.casefold())

    def resolve(self, text: str) -> Resolved:
        """What the header ``text`` names."""
        parts = role_header_parts(text)
        if parts is not None:
            title, given = parts
            if self._roles is None:
                return Resolved("new", given, title or given)
            found = self._role(given)
            if found is not None:
                return Resolved("role", found)
        field = FIELD_NAMES.get(folded(text))
        if field is not None:
            return Resolved("field", field)
        if self._roles is None:
            return Resolved("new", "", " ".join(text.split()))
        found = self._role(text.strip())
        if found is not None:
            return Resolved("role", found)
        same_title = self._by_title.get(folded(text), [])
        if len(same_title) == 1:
            return Resolved("role", same_title[0])
        if same_title:
            return Resolved("ambiguous", candidates=tuple(same_title))
        if self._suggester is None:
            names = [name for role in self._roles for name in (role.id, role.title)]
            self._suggester = Suggester([*names, *(names[0] for names in COLUMN_NAMES.values())])
        hint = self._suggester(" ".join(text.split()))
        return Resolved("unknown", candidates=() if hint is None else (hint,))


def role_header(role: Role, headers: Headers, *, ids: bool = False) -> str:
    """The header of a role's column: its title (its id with ``ids``), or ``Title (id)`` where that would be misread.

    The plain title is used when :class:`Headers` built from the organization's roles reads it
    back as this role: not when another role has the same title, when the title is a column
    name such as ``Process``, or when it is another role's id.

    Examples
    --------
    >>> from iso9001_leadership import Role
    >>> roles = [Role(id="qm", title="Quality Manager"), Role(id="a", title="Lead"), Role(id="b", title="Lead"),
    ...          Role(id="n", title="Notes")]
    >>> headers = Headers(roles)
    >>> [role_header(role, headers) for role in roles]
    ['Quality Manager', 'Lead (a)', 'Lead (b)', 'Notes (n)']
    >>> role_header(roles[0], headers, ids=True)
    'qm'
    """
    text = printable(role.id if ids else role.title, keep="\n")
    if text.strip() and headers.resolve(text) == Resolved("role", role.id):
        return text
    title = printable(role.title, keep="\n").strip() or role.id
    return f"{title} ({role.id})"
