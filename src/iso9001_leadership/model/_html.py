"""The notebook view of an organization (its ``_repr_html_``), built from the leaf HTML kit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iso9001_leadership._htmlkit import BOX, FAULT, MUTED, badge, code, count, escape, heading, line, table

from ._fields import EntityKind

if TYPE_CHECKING:  # the organization imports this module for its repr; only the type comes back
    from ._organization import Organization

__all__ = ["organization_html"]

#: The kinds counted, in file order (the policy gets a line of its own).
_COUNTED = tuple(k for k in EntityKind if k is not EntityKind.POLICY)


def organization_html(org: Organization) -> str:
    """An organization at a glance: counts by kind, top management, the policy, the processes.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Process, Role
    >>> org = Organization(name="Acme <Pumps>", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="sales", name="Sales"),))
    >>> page = organization_html(org)
    >>> "Acme &lt;Pumps&gt;" in page, "no owner" in page
    (True, True)
    """
    parts = [f'<div class="iso9001-organization" style="{BOX}">', heading(f"Organization: {escape(org.name)}")]
    if org.scope:
        parts.append(f'<p style="margin:2px 0;{MUTED}">{escape(org.scope)}</p>')
    counts = [count(len(org.ids(kind)), kind.noun, kind.nouns) for kind in _COUNTED if org.ids(kind)]
    parts.append(line("Elements", escape(" · ".join(counts)) if counts else "none"))
    tops = ", ".join(f"{escape(r.title)} ({code(r.id)})" for r in org.top_management)
    parts.append(line("Top management", tops or badge("none designated", FAULT)))
    policy = org.policy
    if policy is None:
        parts.append(line("Quality policy", badge("none", FAULT)))
    else:
        version = f" version {escape(policy.version)}" if policy.version else ""
        approved = f", approved {policy.approved_on.isoformat()}" if policy.approved_on else ", not approved"
        commitments = count(len(policy.commitments), "commitment", "commitments")
        parts.append(line("Quality policy", f"{code(policy.id)}{version}{approved}, {commitments}"))
    if org.processes:
        titles = {r.id: r.title for r in org.roles}
        rows = [
            [
                code(p.id),
                escape(p.name),
                escape(p.category.value),
                f"{escape(titles[p.owner])} ({code(p.owner)})" if p.owner else badge("no owner", FAULT),
            ]
            for p in org.processes
        ]
        parts.append(table(["process", "name", "category", "owner"], rows))
    parts.append("</div>")
    return "".join(parts)
