"""A readable plain-text summary of an organization."""

from __future__ import annotations

from iso9001_leadership.model import EntityKind, Organization

__all__ = ["summarize"]

#: The kinds counted, in file order (the policy and its commitments get a line of their own).
_COUNTED = tuple(k for k in EntityKind if k not in (EntityKind.POLICY, EntityKind.COMMITMENT))


def summarize(org: Organization) -> str:
    """A few lines on what the organization holds: counts, top management, the policy, processes.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> print(summarize(Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))))
    Acme
      roles: 1
      top management: CEO (ceo)
      quality policy: none
    """
    lines = [org.name]
    if org.scope:
        lines.append(f"  scope: {org.scope}")
    counts = {kind: len(org.ids(kind)) for kind in _COUNTED}
    lines.extend(f"  {kind.nouns}: {counts[kind]}" for kind in _COUNTED if counts[kind])
    top = ", ".join(f"{r.title} ({r.id})" for r in org.top_management) or "none designated"
    lines.append(f"  top management: {top}")
    if org.policy is None:
        lines.append("  quality policy: none")
    else:
        policy = org.policy
        version = f" version {policy.version}" if policy.version else ""
        approved = f", approved {policy.approved_on.isoformat()}" if policy.approved_on else ", not approved"
        lines.append(f"  quality policy: {policy.id}{version}{approved}, {len(policy.commitments)} commitments")
    if org.processes:
        lines.append("  processes:")
        for process in org.processes:
            owner = process.owner or "NO OWNER"
            lines.append(f"    - {process.name} ({process.id}), {process.category.value}, owner: {owner}")
    return "\n".join(lines)
