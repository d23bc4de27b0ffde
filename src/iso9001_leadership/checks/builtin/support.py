"""Checks of support: resources, awareness and communication (7.1, 7.3, 7.4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from iso9001_leadership._names import meaningful, quote
from iso9001_leadership.checks._context import CheckContext
from iso9001_leadership.checks._registry import CheckRegistry
from iso9001_leadership.checks._timing import duration
from iso9001_leadership.findings import Finding
from iso9001_leadership.model import (
    AwarenessTopic,
    Organization,
    Person,
)

from ._helpers import Body, each, lacking_resources, report, summarise

__all__ = ["register"]


def _communication_field(field: str, label: str) -> Callable[[Any, CheckContext], str | None]:
    def fault(communication: Any, _: CheckContext) -> str | None:
        value = getattr(communication, field)
        if field == "about":
            value = value or communication.topics
        empty = value is None or value == () or (isinstance(value, str) and not meaningful(value))
        return f"Communication {quote(communication.id)} does not say {label}" if empty else None

    return fault


def _holding_roles(ctx: CheckContext) -> list[Person]:
    """The people who hold a role on the date of the assessment."""
    return [p for p in ctx.organization.people if p.roles_on(ctx.as_of)]


def _awareness(topic: Any, label: str) -> Body:
    def run(ctx: CheckContext) -> Iterator[Finding]:
        people = ctx.memo(_holding_roles, lambda: _holding_roles(ctx))
        unaware = [p for p in people if topic not in p.awareness]
        if not people:
            yield ctx.nothing_to_examine("people holding roles")
            return
        if not unaware or ctx.sole_person is not None:
            return  # one person who set the policy and objectives knows them
        if ctx.requirement is not None and ctx.evidence_for(ctx.requirement):
            return  # a training record (a training matrix) shows it for everyone
        if len(unaware) == len(people):
            yield ctx.needs_evidence(
                f"awareness_of_{topic.value}_not_recorded",
                f"No one's awareness of {label} is recorded",
                fix=f"Record awareness ({topic.value}) per person, or keep training records as evidence",
            )
            return
        reasons = [f"{person.name} ({person.id}) has no recorded awareness of {label}" for person in unaware]
        yield ctx.observation(
            f"unaware_of_{topic.value}",
            summarise(reasons, len(unaware), len(people), "people"),
            fix=f"Brief them and record it (awareness: {topic.value}), or keep training records as evidence",
            subjects=[person.id for person in unaware],
        )

    return run


#: What each person should be aware of (7.3), by requirement id.
_AWARENESS: tuple[tuple[str, AwarenessTopic, str], ...] = (
    ("awareness.policy", AwarenessTopic.POLICY, "the quality policy"),
    ("awareness.objectives", AwarenessTopic.OBJECTIVES, "the quality objectives"),
    ("awareness.contribution", AwarenessTopic.CONTRIBUTION, "their contribution to the QMS"),
    ("awareness.nonconformity", AwarenessTopic.NONCONFORMITY_IMPLICATIONS, "what not conforming implies"),
    ("awareness.quality-culture", AwarenessTopic.QUALITY_CULTURE, "quality culture and ethical behaviour"),
)

#: What each planned communication must say (7.4 a-e): requirement id, check name, field, what, fix.
_COMMUNICATION: tuple[tuple[str, str, str, str, str], ...] = (
    ("communication.when", "when", "frequency", "when it happens", "Say when or how often"),
    ("communication.with-whom", "audience", "audience", "whom it reaches", "Name the audience"),
    ("communication.how", "channel", "channel", "how it is communicated", "Name the channel"),
    ("communication.who", "communicator", "communicator", "who communicates", "Name the communicating role"),
)


def _communications_on_time(ctx: CheckContext) -> Iterator[Finding]:
    """7.4 b: a communication planned to recur (``every``, or a period its ``frequency`` states) keeps to it."""
    communications = ctx.organization.communications
    faults: list[tuple[str, str]] = []
    for communication in communications:
        period = communication.period
        last = communication.last_on
        if period is None or last is None or ctx.as_of <= ctx.timing.next_due(last, period):
            continue
        ago = duration((ctx.as_of - last).days)
        faults.append(
            (
                communication.id,
                (
                    f"Communication {quote(communication.id)} is planned every {period} but last took place on "
                    f"{last.isoformat()} ({ago} ago)"
                ),
            )
        )
    yield from report(
        ctx,
        "communication_overdue",
        faults,
        population=len(communications),
        nouns="communications",
        fix="Hold it as planned and record when (last_on), or change the plan if the need changed",
    )


def _resources_determined(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.organization.resources:
        yield ctx.nonconformity(
            "no_resources",
            "No resources of the QMS are recorded",
            fix="Determine and record the resources the QMS needs",
            major=True,
        )
        return
    yield from lacking_resources(ctx)


def _communications(org: Organization) -> Sequence[Any]:
    return org.communications


def register(registry: CheckRegistry) -> None:
    """Register the checks of clauses 7.1, 7.3 and 7.4."""
    registry.register("resources.determined-provided", _resources_determined, name="builtin.provided")
    for requirement, topic, label in _AWARENESS:
        registry.register(requirement, _awareness(topic, label), name="builtin.awareness")
    registry.register(
        "communication.what",
        each(
            "communication_incomplete",
            _communications,
            _communication_field("about", "what it is about"),
            "Say what it communicates",
            nouns="communications",
            none_is_major="No communication about the QMS is planned",
            none_rule="no_communications",
        ),
        name="builtin.what",
    )
    registry.register("communication.when", _communications_on_time, name="builtin.on_time")
    for requirement, name, field, label, fix in _COMMUNICATION:
        registry.register(
            requirement,
            each(
                "communication_incomplete",
                _communications,
                _communication_field(field, label),
                fix,
                nouns="communications",
            ),
            name=f"builtin.{name}",
        )
