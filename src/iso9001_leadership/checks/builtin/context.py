"""Checks of the context and the processes of the QMS (4.1, 4.4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    EntityKind,
    Organization,
)

from ._helpers import G, each, from_gaps

__all__ = ["register"]


def _climate(ctx: CheckContext) -> Iterator[Finding]:
    climate = [i for i in ctx.organization.context_issues if i.climate]
    if not climate:
        yield ctx.nonconformity(
            "no_climate_decision",
            "No decision is recorded on whether climate change is a relevant issue",
            fix="Add a context issue with climate: true, the decision (relevant) and its rationale",
        )
        return
    for issue in climate:
        if not meaningful(issue.rationale):
            yield ctx.observation(
                "climate_decision_without_rationale",
                f"The climate-change decision {quote(issue.id)} gives no rationale",
                fix="Record why climate change is (or is not) relevant",
                subjects=(issue.id,),
            )


def _processes(org: Organization) -> Sequence[Any]:
    return org.processes


_NO_PROCESSES = "No processes of the QMS are recorded"
_NO_PROCESS: tuple[Callable[[Organization], bool], str] = (lambda o: not o.processes, "processes")


def _inputs_outputs(process: Any, _: CheckContext) -> str | None:
    missing = [name for name in ("inputs", "outputs") if not getattr(process, name)]
    return f"Process {quote(process.id)} has no recorded {' or '.join(missing)}" if missing else None


def _criteria(process: Any, _: CheckContext) -> str | None:
    if process.indicators or process.criteria.strip():
        return None
    return f"Process {quote(process.id)} has no performance indicators or control criteria"


def _process_resources(process: Any, _: CheckContext) -> str | None:
    return None if process.resources else f"Process {quote(process.id)} has no resources assigned"


def _process_responsibilities(ctx: CheckContext) -> Iterator[Finding]:
    org = ctx.organization
    if not org.processes:
        yield ctx.nothing_to_examine("processes")
        return
    if ctx.sole_person is not None:
        return  # one person does the work of every process
    covered = {p for r in org.responsibilities for p in r.processes}
    for process in org.processes:
        if process.id not in covered:
            yield ctx.observation(
                "process_without_responsibilities",
                f"Process {quote(process.id)} has an owner at most, but no responsibilities assigned within it",
                fix="Record the responsibilities (RACI) of the roles working in it",
                subjects=(process.id,),
            )


def register(registry: CheckRegistry) -> None:
    """Register the checks of clauses 4.1 and 4.4."""
    process_count: Callable[[Organization], int] = lambda o: len(o.processes)  # noqa: E731
    registry.register("context.climate", _climate, name="builtin.climate_decision")
    registry.register(
        "processes.inputs-outputs",
        each(
            "process_without_inputs_outputs",
            _processes,
            _inputs_outputs,
            "Record its inputs and outputs",
            nouns="processes",
            none_is_major=_NO_PROCESSES,
            none_rule="no_processes",
        ),
        name="builtin.inputs_outputs",
    )
    registry.register(
        "processes.sequence-interaction",
        from_gaps(G.ISOLATED_PROCESS, population=process_count, nothing=_NO_PROCESS),
        name="builtin.interaction",
    )
    registry.register(
        "processes.criteria-indicators",
        each(
            "process_without_criteria", _processes, _criteria, "Set indicators and control criteria", nouns="processes"
        ),
        name="builtin.criteria",
    )
    registry.register(
        "processes.resources",
        each(
            "process_without_resources",
            _processes,
            _process_resources,
            "Assign the resources it needs",
            nouns="processes",
        ),
        name="builtin.process_resources",
    )
    registry.register("processes.responsibilities", _process_responsibilities, name="builtin.process_responsibilities")
    registry.register(
        "processes.risks",
        from_gaps(
            G.NOT_IN_ANY_PROCESS,
            subjects=frozenset({EntityKind.RISK, EntityKind.OPPORTUNITY}),
            nothing=(lambda o: not o.risks and not o.opportunities, "risks or opportunities"),
        ),
        name="builtin.risks_in_processes",
    )
