"""A readable plain-text summary of an organization."""

from __future__ import annotations

from iso9001_leadership.model import EntityKind, Organization

__all__ = ["summarize"]

_LABELS: tuple[tuple[EntityKind, str], ...] = (
    (EntityKind.ROLE, "roles"),
    (EntityKind.PERSON, "people"),
    (EntityKind.AUTHORITY, "authorities"),
    (EntityKind.RESPONSIBILITY, "responsibilities"),
    (EntityKind.PROCESS, "processes"),
    (EntityKind.OBJECTIVE, "quality objectives"),
    (EntityKind.CONTEXT_ISSUE, "context issues"),
    (EntityKind.INTERESTED_PARTY, "interested parties"),
    (EntityKind.PARTY_REQUIREMENT, "party requirements"),
    (EntityKind.RISK, "risks"),
    (EntityKind.OPPORTUNITY, "opportunities"),
    (EntityKind.ACTION, "actions"),
    (EntityKind.COMMUNICATION, "communications"),
    (EntityKind.REVIEW, "management reviews"),
    (EntityKind.RESOURCE, "resources"),
    (EntityKind.EVIDENCE, "evidence records"),
)


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
    counts = {kind: len(org.ids(kind)) for kind, _ in _LABELS}
    lines.extend(f"  {label}: {counts[kind]}" for kind, label in _LABELS if counts[kind])
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
