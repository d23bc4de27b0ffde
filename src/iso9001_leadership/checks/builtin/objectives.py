"""Checks of quality objectives and the planning to achieve them (6.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    Organization,
)

from ._helpers import G, each, from_gaps, processes_touched, summarise, systemic

__all__ = ["register"]


#: A latest measurement older than this (in days) means an objective is not being followed (6.2.1 e):
#: 13 months, so that an objective measured once a year (an annual customer survey) is followed.
MEASUREMENT_STALE_DAYS = 396


def _objectives(org: Organization) -> Sequence[Any]:
    return org.objectives


_NO_OBJECTIVES = "No quality objectives are set"


def _measurable(objective: Any, _: CheckContext) -> str | None:
    missing = [n for n, v in (("metric", objective.metric.strip()), ("target", objective.target)) if v in ("", None)]
    return f"Objective {quote(objective.id)} has no {' or '.join(missing)}" if missing else None


def _monitored(objective: Any, ctx: CheckContext) -> str | None:
    latest = objective.latest
    if latest is None:
        return f"Objective {quote(objective.id)} has never been measured"
    if (ctx.as_of - latest.on).days > MEASUREMENT_STALE_DAYS:
        return f"Objective {quote(objective.id)} was last measured on {latest.on.isoformat()}"
    return None


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
            "Measure it and record the value",
            nouns="quality objectives",
        ),
        name="builtin.monitored",
    )
    registry.register("objectives.communicated", _objectives_communicated, name="builtin.communicated")
    for requirement, field, label, fix in _PLAN:
        registry.register(
            requirement,
            each("objective_plan_incomplete", _objectives, _plan_field(field, label), fix, nouns="quality objectives"),
            name="builtin.plan",
        )
