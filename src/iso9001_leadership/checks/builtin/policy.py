"""Checks of the quality policy: established, documented, communicated, available (5.2)."""

from __future__ import annotations

from collections.abc import Iterator

from iso9001_leadership._names import meaningful
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    CommitmentKind,
)

from ._helpers import Body, G, from_gaps

__all__ = ["register"]


def _no_policy(ctx: CheckContext) -> Finding:
    return ctx.nonconformity(
        "no_policy",
        "The organization has no quality policy",
        fix="Have top management set a quality policy",
        major=True,
    )


def _commitment(kind: CommitmentKind, what: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        policy = ctx.organization.policy
        if policy is None:
            yield ctx.nothing_to_examine("quality policy")
        elif not any(c.kind is kind for c in policy.commitments):
            yield ctx.nonconformity(
                f"policy_without_{kind.value}_commitment",
                f"The quality policy makes no commitment {what}",
                fix=f"Add a commitment of kind '{kind.value}' to the policy",
                subjects=(policy.id,),
            )

    return run


def _policy_appropriate(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield _no_policy(ctx)
        return
    if not policy.context_issues and not meaningful(policy.strategic_direction):
        yield ctx.observation(
            "policy_not_linked_to_context",
            "The quality policy records no link to the organization's context or strategy",
            fix="List the context issues it answers (context_issues) or say how it supports the strategy",
            subjects=(policy.id,),
        )


def _policy_documented(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield ctx.nothing_to_examine("quality policy")
        return
    missing = [name for name in ("version", "location") if not meaningful(getattr(policy, name))]
    if policy.approved_on is None:
        missing.append("approved_on")
    if missing:
        yield ctx.nonconformity(
            "policy_not_controlled",
            f"The quality policy is not controlled as documented information: no {', '.join(missing)}",
            fix="Record the policy's version, approval date and where the controlled copy is kept",
            subjects=(policy.id,),
        )


def _policy_reviewed(ctx: CheckContext) -> Iterator[Finding]:
    """The policy is reviewed at management review when the organization says it reviews it there.

    Clause 5.2 sets no review date of its own, so a passed ``next_review`` is no finding; the
    organization's own arrangement to review the policy in its management reviews is one.
    """
    org = ctx.organization
    policy = org.policy
    if policy is None:
        return  # the other checks of 5.2.2 a say there is nothing to examine
    programme = org.review_programme
    if programme is None or not programme.reviews_policy:
        return
    dates = [d for d in (policy.reviewed_on, policy.approved_on) if d is not None and d <= ctx.as_of]
    last = max(dates) if dates else None
    if last is None:
        if not any(r.held_on <= ctx.as_of for r in org.reviews):
            return  # no management review held yet, so none has reviewed the policy yet either
        reason = (
            "The quality policy is to be reviewed at management review, and reviews have been held, but no review "
            "or approval date of the policy is recorded"
        )
    elif ctx.as_of > ctx.timing.next_due(last, programme.every):
        ago = duration((ctx.as_of - last).days)
        reason = (
            f"The quality policy is to be reviewed at management review (every {programme.every}), but was last "
            f"reviewed on {last.isoformat()} ({ago} ago)"
        )
    else:
        return
    yield ctx.nonconformity(
        "policy_not_reviewed_as_planned",
        reason,
        fix="Review the policy's suitability at the next management review and record the date (reviewed_on)",
        subjects=(policy.id,),
    )


def _policy_communicated(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.organization.policy is None:
        yield ctx.nothing_to_examine("quality policy")
        return
    yield from from_gaps(G.POLICY_NOT_COMMUNICATED, population=lambda o: len(o.roles))(ctx)


def _policy_available(ctx: CheckContext) -> Iterator[Finding]:
    policy = ctx.organization.policy
    if policy is None:
        yield ctx.nothing_to_examine("quality policy")
    elif not policy.available_to:
        yield ctx.nonconformity(
            "policy_not_available_to_parties",
            "The quality policy is not made available to any interested party",
            fix="Record the interested parties it is published to (available_to)",
            subjects=(policy.id,),
        )


#: The commitments the policy must make (5.2.1 b-d), by requirement id.
_COMMITMENTS: tuple[tuple[str, CommitmentKind, str], ...] = (
    ("policy.objectives-framework", CommitmentKind.OBJECTIVES_FRAMEWORK, "to a framework for objectives"),
    ("policy.satisfy-requirements", CommitmentKind.SATISFY_REQUIREMENTS, "to satisfy applicable requirements"),
    ("policy.continual-improvement", CommitmentKind.CONTINUAL_IMPROVEMENT, "to continual improvement"),
)


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 5.2."""
    registry.register("policy.appropriate", _policy_appropriate, name="builtin.context_link")
    for requirement, kind, what in _COMMITMENTS:
        registry.register(requirement, _commitment(kind, what), name="builtin.commitment")
    registry.register("policy.documented", _policy_documented, name="builtin.controlled")
    registry.register("policy.documented", _policy_reviewed, name="builtin.reviewed")
    registry.register("policy.communicated", _policy_communicated, name="builtin.communicated")
    registry.register("policy.available-to-parties", _policy_available, name="builtin.available")
