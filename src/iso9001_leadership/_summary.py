"""A readable plain-text summary of an organization."""

from __future__ import annotations

from iso9001_leadership._escape import printable
from iso9001_leadership.model import EntityKind, Organization

__all__ = ["summarize"]

#: The kinds counted, in file order (the policy and its commitments get a line of their own).
_COUNTED = tuple(k for k in EntityKind if k not in (EntityKind.POLICY, EntityKind.COMMITMENT))


def summarize(org: Organization) -> str:
    """A few lines on what the organization holds: counts, top management, the policy, processes.

    It is for a terminal: every text from the file has its control characters (escape
    sequences, bidirectional overrides, line breaks) written as visible escapes such as ``\\x1b``.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> print(summarize(Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))))
    Acme
      roles: 1
      top management: CEO (ceo)
      quality policy: none
    """
    p = printable
    lines = [p(org.name)]
    if org.scope:
        lines.append(f"  scope: {p(org.scope)}")
    counts = {kind: len(org.ids(kind)) for kind in _COUNTED}
    lines.extend(f"  {kind.nouns}: {counts[kind]}" for kind in _COUNTED if counts[kind])
    top = ", ".join(f"{p(r.title)} ({p(r.id)})" for r in org.top_management) or "none designated"
    lines.append(f"  top management: {top}")
    if org.policy is None:
        lines.append("  quality policy: none")
    else:
        policy = org.policy
        version = f" version {p(policy.version)}" if policy.version else ""
        approved = f", approved {policy.approved_on.isoformat()}" if policy.approved_on else ", not approved"
        lines.append(f"  quality policy: {p(policy.id)}{version}{approved}, {len(policy.commitments)} commitments")
    if org.processes:
        lines.append("  processes:")
        for process in org.processes:
            owner = p(process.owner) if process.owner else "NO OWNER"
            lines.append(f"    - {p(process.name)} ({p(process.id)}), {process.category.value}, owner: {owner}")
    return "\n".join(lines)
