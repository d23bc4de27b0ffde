"""Checks of quality objectives and the planning to achieve them (6.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    Action,
    ActionStatus,
    EntityKind,
    Organization,
)

from ._actions import actions_serving, late_actions, late_evaluations, not_followed_up
from ._helpers import G, each, from_gaps, processes_touched, summarise, systemic

__all__ = ["register"]


def _objectives(org: Organization) -> Sequence[Any]:
    return org.objectives


_NO_OBJECTIVES = "No quality objectives are set"


def _measurable(objective: Any, _: CheckContext) -> str | None:
    missing = [n for n, v in (("metric", objective.metric.strip()), ("target", objective.target)) if v in ("", None)]
    return f"Objective {quote(objective.id)} has no {' or '.join(missing)}" if missing else None


def _monitored(objective: Any, ctx: CheckContext) -> str | None:
    """Never measured, or not measured within its planned interval (yearly by default) and grace."""
    latest = objective.latest
    if latest is None:
        return f"Objective {quote(objective.id)} has never been measured"
    if objective.due is not None and latest.on >= objective.due:
        return None  # measured at or after its due date: the objective is closed
    planned = objective.measured_every
    period = planned or ctx.timing.measure_every
    if ctx.as_of <= ctx.timing.next_due(latest.on, period):
        return None
    plan = f"planned every {period}" if planned is not None else f"not measured in over {period}"
    ago = duration((ctx.as_of - latest.on).days)
    return f"Objective {quote(objective.id)} was last measured on {latest.on.isoformat()} ({ago} ago; {plan})"


def _updated(objective: Any, ctx: CheckContext) -> str | None:
    """6.2.1 g: past its due date, its target missed, and neither revised nor given a new action since."""
    due = objective.due
    if due is None or not ctx.timing.overdue(due, as_of=ctx.as_of) or objective.on_target() is not False:
        return None  # not yet due, met, or not measured (6.2.1 e reports that)
    if objective.revised_on is not None and objective.revised_on >= due:
        return None
    org = ctx.organization
    for action_id in objective.actions:
        action = org.get(action_id, Action)
        if action.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) and (
            action.due is None or action.due > due
        ):
            return None
        if action.completed_on is not None and action.completed_on > due:
            return None
    latest = objective.latest
    return (
        f"Objective {quote(objective.id)} was due on {due.isoformat()} ({duration((ctx.as_of - due).days)} ago) and "
        f"missed its target ({latest.value:g} against {objective.target:g} on {latest.on.isoformat()}); it has been "
        "neither revised nor given a new action since"
    )


def _objectives_communicated(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    if not org.objectives:
        yield ctx.nothing_to_examine("quality objectives")
        return
    if ctx.sole_person is not None:
        return  # one person sets, pursues and knows every objective: there is nobody to tell
    mentioned = {element_id for c in org.communications for element_id in c.about}
    silent = [o.id for o in org.objectives if not o.communicated_to and o.id not in mentioned]
    if silent:
        reasons = [f"Objective {quote(o)} is not communicated to anyone" for o in silent]
        yield ctx.nonconformity(
            "objective_not_communicated",
            summarise(reasons, len(silent), len(org.objectives), "quality objectives"),
            fix="Communicate each to the roles that work towards it",
            subjects=silent,
            major=systemic(len(silent), len(org.objectives), processes_touched(org, silent)),
        )


_OBJECTIVE = frozenset({EntityKind.OBJECTIVE})


def _objective_actions_on_time(ctx: CheckContext) -> Iterator[Finding]:
    yield from late_actions(ctx, actions_serving(ctx, _OBJECTIVE))


def _objective_actions_evaluated(ctx: CheckContext) -> Iterator[Finding]:
    actions = actions_serving(ctx, _OBJECTIVE)
    yield from late_evaluations(ctx, actions)
    yield from not_followed_up(ctx, actions)


def _plan_field(field: str, label: str) -> Callable[[Any, CheckContext], str | None]:
    def fault(objective: Any, _: CheckContext) -> str | None:
        value = getattr(objective, field)
        empty = value is None or value == () or (isinstance(value, str) and not meaningful(value))
        return f"The plan for objective {quote(objective.id)} does not say {label}" if empty else None

    return fault


#: What the plan for each objective must say (6.2.2 a-e): requirement id, field, what it says, the fix.
_PLAN: tuple[tuple[str, str, str, str], ...] = (
    ("objective-plans.what", "actions", "what will be done", "Link the actions that will achieve it"),
    ("objective-plans.resources", "resources", "which resources it needs", "Link the resources it needs"),
    ("objective-plans.responsible", "owner", "who is responsible", "Name an owner"),
    ("objective-plans.when", "due", "when it will be done", "Set a due date"),
    ("objective-plans.evaluation", "evaluation", "how results will be evaluated", "Say how results will be evaluated"),
)


def register(registry: CheckRegistry) -> None:
    """Register the checks of clause 6.2."""
    registry.register(
        "objectives.consistent-with-policy",
        from_gaps(
            G.OBJECTIVE_WITHOUT_COMMITMENT,
            nothing=(lambda o: not o.objectives or o.policy is None, "quality objectives, or no quality policy"),
        ),
        name="builtin.commitment",
    )
    registry.register(
        "objectives.measurable",
        each(
            "objective_not_measurable",
            _objectives,
            _measurable,
            "Give it a metric and a target",
            nouns="quality objectives",
            none_is_major=_NO_OBJECTIVES,
            none_rule="no_objectives",
        ),
        name="builtin.measurable",
    )
    registry.register(
        "objectives.monitored",
        each(
            "objective_not_monitored",
            _objectives,
            _monitored,
            "Measure it as often as planned (measured_every; yearly at least) and record the value",
            nouns="quality objectives",
        ),
        name="builtin.monitored",
    )
    registry.register(
        "objectives.updated",
        each(
            "objective_missed_not_updated",
            _objectives,
            _updated,
            "Review why it was missed: revise it (target, date, plan; record revised_on) or plan new actions",
            nouns="quality objectives",
        ),
        name="builtin.updated",
    )
    registry.register("objective-plans.when", _objective_actions_on_time, name="builtin.actions_on_time")
    registry.register("objective-plans.evaluation", _objective_actions_evaluated, name="builtin.actions_evaluated")
    registry.register("objectives.communicated", _objectives_communicated, name="builtin.communicated")
    for requirement, field, label, fix in _PLAN:
        registry.register(
            requirement,
            each("objective_plan_incomplete", _objectives, _plan_field(field, label), fix, nouns="quality objectives"),
            name="builtin.plan",
        )
