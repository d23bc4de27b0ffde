"""Actions over time: what each action serves, and which are overdue, unevaluated or not followed up.

An action is judged under the requirement of what it serves. It may serve several things (a
review decides to treat a risk); it is then judged once, under the first of: the risk or
opportunity it treats (6.1.2), the objective it pursues (6.2.2), the review decision it carries
out (9.3.3).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence

import attrs

from iso9001_leadership._names import quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding, Status
from iso9001_leadership.model import (
    Action,
    ActionStatus,
    EffectivenessResult,
    EntityKind,
    ManagementReview,
    Organization,
    ReviewOutputKind,
)

from ._helpers import report

__all__ = ["Served", "actions_serving", "late_actions", "late_evaluations", "not_followed_up", "served_by"]

_OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


@attrs.frozen
class Served:
    """What an action serves: the kind of element (risk, opportunity, objective, review) and its id."""

    kind: EntityKind
    id: str
    output: ReviewOutputKind | None = None  # for a review: the kind of decision the action carries out

    def label(self) -> str:
        """``risk 'late-parts'``, ``objective 'otd'``, ``review 'mr-2026-1'``."""
        return f"{self.kind.noun} {quote(self.id)}"


def served_by(org: Organization) -> dict[str, Served]:
    """What each action serves first (risk or opportunity, then objective, then review decision)."""
    served: dict[str, Served] = {}
    for kind, elements in ((EntityKind.RISK, org.risks), (EntityKind.OPPORTUNITY, org.opportunities)):
        for element in elements:
            for action in element.actions:
                served.setdefault(action, Served(kind, element.id))
    for objective in org.objectives:
        for action in objective.actions:
            served.setdefault(action, Served(EntityKind.OBJECTIVE, objective.id))
    for review in sorted(org.reviews, key=lambda r: r.held_on):
        for output in review.outputs:
            for action in output.actions:
                served.setdefault(action, Served(EntityKind.REVIEW, review.id, output.kind))
    return served


def _served(ctx: CheckContext) -> dict[str, Served]:
    """:func:`served_by` of the organization assessed, worked out once per assessment."""
    return ctx.memo(served_by, lambda: served_by(ctx.organization))


def actions_serving(
    ctx: CheckContext, kinds: frozenset[EntityKind], output: ReviewOutputKind | None = None
) -> list[Action]:
    """The actions judged under elements of ``kinds`` (and, for reviews, decisions of kind ``output``)."""
    served = _served(ctx)
    return [
        a
        for a in ctx.organization.actions
        if (s := served.get(a.id)) is not None and s.kind in kinds and (output is None or s.output is output)
    ]


def _later_review(held: Sequence[dt.date], after: dt.date, as_of: dt.date) -> dt.date | None:
    """The first review date in ``held`` (sorted) after ``after`` and on or before ``as_of``."""
    index = bisect.bisect_right(held, after)
    return held[index] if index < len(held) and held[index] <= as_of else None


def _lateness(action: Action, served: Served, ctx: CheckContext, held: Sequence[dt.date]) -> tuple[bool, str] | None:
    """Whether the action is overdue (else only late), and why; ``None`` when it is on time.

    Open past its due date by more than ``late_days`` is late, by more than ``overdue_days``
    overdue; a review decision still not started when the next review was held is overdue.
    """
    if action.status not in _OPEN:
        return None
    status = action.status.value.replace("_", " ")
    timing = ctx.timing
    if action.due is not None and timing.late(action.due, as_of=ctx.as_of):
        ago = duration((ctx.as_of - action.due).days)
        reason = (
            f"Action {quote(action.id)} on {served.label()} was due on {action.due.isoformat()} ({ago} ago) "
            f"and is still {status}"
        )
        return timing.overdue(action.due, as_of=ctx.as_of), reason
    if served.kind is EntityKind.REVIEW and action.status is ActionStatus.PLANNED:
        review = ctx.organization.get(served.id, ManagementReview)
        later = _later_review(held, review.held_on, ctx.as_of)
        if later is not None and (action.due is None or action.due < ctx.as_of):
            return True, (
                f"Action {quote(action.id)} decided at {served.label()} was not started by the next review "
                f"({later.isoformat()}) and is still planned"
            )
    return None


def _split(
    ctx: CheckContext, rule: str, faults: Sequence[tuple[str, bool, str]], population: int, fix: str
) -> Iterator[Finding]:
    """A nonconformity ``<rule>_overdue`` for the overdue faults, an observation ``<rule>_late`` for the late."""
    overdue = [(s, r) for s, is_overdue, r in faults if is_overdue]
    late = [(s, r) for s, is_overdue, r in faults if not is_overdue]
    yield from report(ctx, f"{rule}_overdue", overdue, population=population, nouns="actions", fix=fix)
    yield from report(
        ctx, f"{rule}_late", late, population=population, nouns="actions", fix=fix, status=Status.OBSERVATION
    )


def late_actions(ctx: CheckContext, actions: Sequence[Action]) -> Iterator[Finding]:
    """A finding for the actions open past their due date (or review decisions never started)."""
    served = _served(ctx)
    held = sorted(r.held_on for r in ctx.organization.reviews)
    faults = [(a.id, *found) for a in actions if (found := _lateness(a, served[a.id], ctx, held)) is not None]
    yield from _split(
        ctx,
        "action",
        faults,
        len(actions),
        "Carry the action out, or re-plan it with a new date and say why it slipped",
    )


def late_evaluations(ctx: CheckContext, actions: Sequence[Action]) -> Iterator[Finding]:
    """A finding for the actions whose effectiveness evaluation is past its date."""
    served = _served(ctx)
    faults: list[tuple[str, bool, str]] = []
    for action in actions:
        eff = action.effectiveness
        if eff is None or eff.evaluate_by is None or eff.evaluated_on is not None:
            continue
        if eff.result is not EffectivenessResult.PENDING or action.status is ActionStatus.CANCELLED:
            continue
        if ctx.timing.late(eff.evaluate_by, as_of=ctx.as_of):
            ago = duration((ctx.as_of - eff.evaluate_by).days)
            faults.append(
                (
                    action.id,
                    ctx.timing.overdue(eff.evaluate_by, as_of=ctx.as_of),
                    (
                        f"The effectiveness of action {quote(action.id)} on {served[action.id].label()} was to be "
                        f"evaluated by {eff.evaluate_by.isoformat()} ({ago} ago) and has not been"
                    ),
                )
            )
    yield from _split(
        ctx,
        "effectiveness_evaluation",
        faults,
        len(actions),
        "Evaluate whether the action worked against its criterion, and record the result and the date",
    )


_FollowUps = tuple[set[str], dict[Served, list[str]], dict[Served, list[tuple[dt.date, str]]]]


def _follow_ups(org: Organization, served: dict[str, Served]) -> _FollowUps:
    """The actions named as followed up; per risk, objective or decision, two of its open actions and its two
    latest completions (two, so that an action is never its own follow-up); in one pass."""
    followers = {earlier for a in org.actions for earlier in a.follows_up}
    open_on: dict[Served, list[str]] = {}
    done_on: dict[Served, list[tuple[dt.date, str]]] = {}
    for action in org.actions:
        parent = served.get(action.id)
        if parent is None:
            continue
        if action.status in _OPEN and len(opened := open_on.setdefault(parent, [])) < 2:
            opened.append(action.id)
        if action.completed_on is not None:
            done = done_on.setdefault(parent, [])
            done.append((action.completed_on, action.id))
            done.sort(reverse=True)
            del done[2:]
    return followers, open_on, done_on


def not_followed_up(ctx: CheckContext, actions: Sequence[Action]) -> Iterator[Finding]:
    """One finding for the actions found not effective with nothing done since."""
    served = _served(ctx)
    followers, open_on, done_on = ctx.memo(_follow_ups, lambda: _follow_ups(ctx.organization, served))
    faults: list[tuple[str, str]] = []
    for action in actions:
        eff = action.effectiveness
        if eff is None or eff.result is not EffectivenessResult.NOT_EFFECTIVE or action.id in followers:
            continue
        found_on = eff.evaluated_on
        if found_on is not None and (ctx.as_of - found_on).days <= ctx.timing.follow_up_days:
            continue  # still within the time allowed to decide what to do
        parent = served[action.id]
        if any(other != action.id for other in open_on.get(parent, ())) or (
            found_on is not None
            and any(other != action.id and day >= found_on for day, other in done_on.get(parent, ()))
        ):
            continue  # another action on the same risk, objective or decision is under way, or done since
        when = f" on {found_on.isoformat()}" if found_on is not None else ""
        faults.append(
            (
                action.id,
                (
                    f"Action {quote(action.id)} on {served[action.id].label()} was found not effective{when}, "
                    "and no action follows it up"
                ),
            )
        )
    yield from report(
        ctx,
        "not_effective_without_follow_up",
        faults,
        population=len(actions),
        nouns="actions",
        fix="Decide what to do instead, and record the new action with follows_up naming the one that did not work",
    )
