"""One strategy per kind of element, drawing every element of that kind an organization has.

The ids come first (an :class:`Ids`, drawn by the organization strategy), so that every
reference an element makes is drawn from ids that exist and resolve to the right kind of
element. Each strategy here respects the rules :class:`~iso9001_leadership.Organization`
checks for its own kind: reporting lines run only to earlier roles, a policy is approved before
its next review, an action's effectiveness is evaluated no earlier than its completion, a person
leaves no earlier than they join and gives a role up no earlier than they take it up, and an
action follows up other actions only.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from iso9001_leadership.model import (
    Action,
    ActionStatus,
    Authority,
    AuthorityKind,
    AwarenessTopic,
    Commitment,
    CommitmentKind,
    Communication,
    CommunicationTopic,
    ContextIssue,
    Effectiveness,
    EffectivenessResult,
    Evidence,
    EvidenceKind,
    Exclusion,
    Holding,
    InterestedParty,
    IssueKind,
    ManagementReview,
    Measurement,
    Opportunity,
    PartyKind,
    PartyRequirement,
    Person,
    Process,
    ProcessCategory,
    QualityObjective,
    QualityPolicy,
    Resource,
    ResourceKind,
    ResourceStatus,
    Responsibility,
    ReviewInput,
    ReviewOutput,
    ReviewOutputKind,
    ReviewProgramme,
    Risk,
    RiskScale,
    Role,
    TargetDirection,
)

from ._values import CLAUSE_IDS, dates, numbers, periods, texts

__all__ = [
    "KINDS",
    "Ids",
    "actions",
    "authorities",
    "commitments",
    "communications",
    "context_issues",
    "effectiveness",
    "evidence",
    "exclusions",
    "interested_parties",
    "objectives",
    "opportunities",
    "party_requirements",
    "people",
    "policy",
    "processes",
    "resources",
    "responsibilities",
    "review_output",
    "review_programme",
    "reviews",
    "risk_scales",
    "risks",
    "roles",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: The kinds of element with ids of their own, in the order of the fields of :class:`Ids`.
KINDS: tuple[str, ...] = (
    "roles",
    "people",
    "authorities",
    "responsibilities",
    "processes",
    "commitments",
    "objectives",
    "issues",
    "parties",
    "requirements",
    "risks",
    "opportunities",
    "actions",
    "communications",
    "reviews",
    "resources",
    "evidence",
)


# The strategies every kind draws from, built once: building a strategy (and having hypothesis
# validate it) costs more than drawing from it, and an organization makes about a thousand draws.
# Nothing below builds a strategy per draw, and nothing filters: every value is valid as drawn.
_TEXT = texts()
_NAME = texts(min_size=1)
_DATE = dates()
_MAYBE_DATE = st.none() | dates()
_MAYBE_NUMBER = st.none() | numbers()
_AMOUNT = st.none() | st.floats(min_value=0, max_value=1e9)
_MEASUREMENTS = st.lists(st.builds(Measurement, dates(), numbers()), max_size=3)
_MAYBE_PERIOD = st.none() | periods()
_COIN = st.booleans()
_CURRENCY = st.sampled_from(("", "EUR", "USD"))
_EMAIL = st.sampled_from(("", "someone@example.org"))
_VERSION = st.sampled_from(("", "1.0", "3"))
_UNIT = st.sampled_from(("", "%", "days"))
_FREQUENCY = st.sampled_from(("", "monthly", "yearly"))


@functools.lru_cache(maxsize=256)
def _below(count: int) -> st.SearchStrategy[int]:
    """Indices from 0 to ``count - 1``, built once for each count."""
    return st.integers(0, count - 1)


@functools.lru_cache(maxsize=64)
def _member(enum_type: type[E]) -> st.SearchStrategy[E]:
    """One member of ``enum_type``, built once for each enum."""
    return st.sampled_from(enum_type)


@attrs.frozen
class Ids:
    """The ids of one organization's elements by kind, drawn before the elements themselves.

    There are commitments only when there is a policy to hold them, and party requirements
    only when there are parties to hold them.
    """

    roles: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    communications: tuple[str, ...] = ()
    reviews: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    policy: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.commitments and self.policy is None:
            msg = "commitments need a policy to hold them"
            raise ValueError(msg)
        if self.requirements and not self.parties:
            msg = "party requirements need parties to hold them"
            raise ValueError(msg)

    @property
    def sources(self) -> tuple[str, ...]:
        """What risks and opportunities may arise from: issues, party requirements and parties."""
        return (*self.issues, *self.requirements, *self.parties)

    @property
    def everything(self) -> tuple[str, ...]:
        """Every id, for what communications and evidence may be about."""
        policy = () if self.policy is None else (self.policy,)
        return (*(i for kind in KINDS for i in getattr(self, kind)), *policy)


def _subset(draw: st.DrawFn, pool: Sequence[T], max_size: int = 3) -> tuple[T, ...]:
    """Up to ``max_size`` distinct items of ``pool``, in any order; shrinks to none, then to the first.

    A count, then each item picked from those not yet picked: distinct by construction, where a
    list of sampled items would redraw duplicates.
    """
    if not pool:
        return ()
    left = list(pool)
    count = draw(_below(min(max_size, len(left)) + 1))
    return tuple(left.pop(draw(_below(len(left)))) for _ in range(count))


def _maybe(draw: st.DrawFn, pool: Sequence[T]) -> T | None:
    """No item, or one item of ``pool``; shrinks to none."""
    if not pool or not draw(_COIN):
        return None
    return pool[draw(_below(len(pool)))]


def _members(draw: st.DrawFn, enum_type: type[E], max_size: int = 3) -> tuple[E, ...]:
    return _subset(draw, tuple(enum_type), max_size)


def _names(draw: st.DrawFn) -> tuple[str, ...]:
    """Up to two distinct names; a name drawn twice is kept once, where a unique list would redraw it."""
    return tuple(dict.fromkeys(draw(_NAME) for _ in range(draw(_below(3)))))


def _span(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    """A start and an end, either or both missing; the end is never before the start."""
    start = draw(_MAYBE_DATE)
    end = draw(_MAYBE_DATE)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return start, end


def _rarely_text(draw: st.DrawFn) -> str:
    """Text in about one draw in four, else empty (and empty when shrunk)."""
    return draw(_NAME) if draw(_below(4)) == 3 else ""


def _holdings(draw: st.DrawFn, ids: Ids) -> tuple[Holding, ...]:
    """Dated holdings of up to two roles, each role once; a role may also be listed in ``roles``."""
    holdings = []
    for role_id in _subset(draw, ids.roles, 2):
        since, until = _span(draw)
        holdings.append(Holding(role=role_id, since=since, until=until))
    return tuple(holdings)


def risk_scales() -> st.SearchStrategy[RiskScale]:
    """Risk scales of 2 to 10 levels of likelihood and of impact."""
    return _RISK_SCALES


_RISK_SCALES = st.builds(RiskScale, st.integers(2, 10), st.integers(2, 10))


@st.composite
def roles(draw: st.DrawFn, ids: Ids) -> tuple[Role, ...]:
    """Roles; the first (one at least) are top management, and a role reports only to an earlier one.

    So there is no reporting cycle, and a top-management role reports only within top management.
    """
    tops = 1 + draw(_below(max(len(ids.roles), 1)))
    return tuple(
        Role(
            id=role_id,
            title=draw(_NAME),
            description=draw(_TEXT),
            reports_to=_maybe(draw, ids.roles[:i]),
            top_management=i < tops,
            authorities=_subset(draw, ids.authorities),
            audits=_subset(draw, ids.processes, 2),
            vacant_since=draw(_MAYBE_DATE),
        )
        for i, role_id in enumerate(ids.roles)
    )


@st.composite
def people(draw: st.DrawFn, ids: Ids) -> tuple[Person, ...]:
    """People holding and deputizing for roles, some over dated spans, some joining or leaving."""
    drawn = []
    for person_id in ids.people:
        person = Person(
            id=person_id,
            name=draw(_NAME),
            roles=_subset(draw, ids.roles),
            deputy_of=_subset(draw, ids.roles, 2),
            awareness=_members(draw, AwarenessTopic),
            email=draw(_EMAIL),
            holdings=_holdings(draw, ids),
        )
        joined, left = _span(draw)
        drawn.append(attrs.evolve(person, joined=joined, left=left))
    return tuple(drawn)


@st.composite
def authorities(draw: st.DrawFn, ids: Ids) -> tuple[Authority, ...]:
    """Authorities, some with a limit, some granted by a role."""
    return tuple(
        Authority(
            id=authority_id,
            title=draw(_NAME),
            kind=draw(_member(AuthorityKind)),
            scope=draw(_TEXT),
            limit=draw(_AMOUNT),
            currency=draw(_CURRENCY),
            granted_by=_maybe(draw, ids.roles),
        )
        for authority_id in ids.authorities
    )


@st.composite
def responsibilities(draw: st.DrawFn, ids: Ids) -> tuple[Responsibility, ...]:
    """Responsibilities citing clauses of :data:`CLAUSE_IDS`, with any RACI assignment (gaps included)."""
    return tuple(
        Responsibility(
            id=responsibility_id,
            title=draw(_NAME),
            clauses=_subset(draw, CLAUSE_IDS),
            accountable=_subset(draw, ids.roles, 2),
            responsible=_subset(draw, ids.roles),
            consulted=_subset(draw, ids.roles, 2),
            informed=_subset(draw, ids.roles, 2),
            processes=_subset(draw, ids.processes),
            authorities_needed=_subset(draw, ids.authorities, 2),
        )
        for responsibility_id in ids.responsibilities
    )


@st.composite
def processes(draw: st.DrawFn, ids: Ids) -> tuple[Process, ...]:
    """Processes, each interacting with other processes only."""
    return tuple(
        Process(
            id=process_id,
            name=draw(_NAME),
            category=draw(_member(ProcessCategory)),
            owner=_maybe(draw, ids.roles),
            inputs=_names(draw),
            outputs=_names(draw),
            interacts_with=_subset(draw, [p for p in ids.processes if p != process_id]),
            indicators=_names(draw),
            criteria=draw(_TEXT),
            resources=_subset(draw, ids.resources),
            outsourced=draw(_COIN),
        )
        for process_id in ids.processes
    )


@st.composite
def commitments(draw: st.DrawFn, ids: Ids) -> tuple[Commitment, ...]:
    """The commitments of the policy."""
    return tuple(
        Commitment(id=commitment_id, kind=draw(_member(CommitmentKind)), text=draw(_TEXT))
        for commitment_id in ids.commitments
    )


@st.composite
def policy(draw: st.DrawFn, ids: Ids) -> QualityPolicy | None:
    """The quality policy, when the ids have one; approved no later than its next review, maybe reviewed since."""
    if ids.policy is None:
        return None
    approved = draw(_MAYBE_DATE)
    review = draw(_MAYBE_DATE)
    if approved is not None and review is not None and review < approved:
        approved, review = review, approved
    return QualityPolicy(
        id=ids.policy,
        statement=draw(_NAME),
        version=draw(_VERSION),
        commitments=draw(commitments(ids)),
        approved_by=_maybe(draw, ids.roles),
        approved_on=approved,
        next_review=review,
        reviewed_on=draw(_MAYBE_DATE),
        communicated_to=_subset(draw, ids.roles),
        available_to=_subset(draw, ids.parties),
        strategic_direction=draw(_TEXT),
    )


@st.composite
def objectives(draw: st.DrawFn, ids: Ids) -> tuple[QualityObjective, ...]:
    """Quality objectives, complete or not, with their measurements and maybe how often they are measured."""
    return tuple(
        QualityObjective(
            id=objective_id,
            statement=draw(_NAME),
            supports=_subset(draw, ids.commitments),
            metric=draw(_TEXT),
            unit=draw(_UNIT),
            baseline=draw(_MAYBE_NUMBER),
            target=draw(_MAYBE_NUMBER),
            direction=draw(_member(TargetDirection)),
            due=draw(_MAYBE_DATE),
            owner=_maybe(draw, ids.roles),
            actions=_subset(draw, ids.actions),
            resources=_subset(draw, ids.resources),
            evaluation=draw(_TEXT),
            processes=_subset(draw, ids.processes),
            measurements=tuple(draw(_MEASUREMENTS)),
            communicated_to=_subset(draw, ids.roles),
            measured_every=draw(_MAYBE_PERIOD),
            revised_on=draw(_MAYBE_DATE),
        )
        for objective_id in ids.objectives
    )


@st.composite
def context_issues(draw: st.DrawFn, ids: Ids) -> tuple[ContextIssue, ...]:
    """Internal and external issues, a few saying why they lead to no risk."""
    return tuple(
        ContextIssue(
            id=issue_id,
            title=draw(_NAME),
            kind=draw(_member(IssueKind)),
            relevant=draw(_COIN),
            rationale=draw(_TEXT),
            climate=draw(_COIN),
            no_risk_reason=_rarely_text(draw),
        )
        for issue_id in ids.issues
    )


@st.composite
def party_requirements(draw: st.DrawFn, requirement_ids: Sequence[str], ids: Ids) -> tuple[PartyRequirement, ...]:
    """The requirements of one party, with these ids."""
    return tuple(
        PartyRequirement(
            id=requirement_id,
            text=draw(_NAME),
            owner=_maybe(draw, ids.roles),
            statutory=draw(_COIN),
            climate=draw(_COIN),
            processes=_subset(draw, ids.processes),
        )
        for requirement_id in requirement_ids
    )


@st.composite
def interested_parties(draw: st.DrawFn, ids: Ids) -> tuple[InterestedParty, ...]:
    """Interested parties; each party requirement belongs to one of them, drawn at random."""
    holder = {requirement_id: ids.parties[draw(_below(len(ids.parties)))] for requirement_id in ids.requirements}
    return tuple(
        InterestedParty(
            id=party_id,
            name=draw(_NAME),
            kind=draw(_member(PartyKind)),
            requirements=draw(party_requirements([r for r in ids.requirements if holder[r] == party_id], ids)),
        )
        for party_id in ids.parties
    )


def _level(draw: st.DrawFn, top: int) -> int | None:
    """No level, or one from 1 to ``top``; shrinks to none, then to 1."""
    return 1 + draw(_below(top)) if draw(_COIN) else None


@st.composite
def risks(draw: st.DrawFn, ids: Ids, scale: RiskScale) -> tuple[Risk, ...]:
    """Risks, rated (or not) within ``scale``."""
    return tuple(
        Risk(
            id=risk_id,
            title=draw(_NAME),
            sources=_subset(draw, ids.sources, 2),
            likelihood=_level(draw, scale.likelihood),
            impact=_level(draw, scale.impact),
            owner=_maybe(draw, ids.roles),
            processes=_subset(draw, ids.processes),
            actions=_subset(draw, ids.actions),
            accepted=draw(_COIN),
            rationale=draw(_TEXT),
            customer_impact=draw(_COIN),
            review_on=draw(_MAYBE_DATE),
        )
        for risk_id in ids.risks
    )


@st.composite
def opportunities(draw: st.DrawFn, ids: Ids, scale: RiskScale) -> tuple[Opportunity, ...]:
    """Opportunities, rated (or not) within ``scale``."""
    return tuple(
        Opportunity(
            id=opportunity_id,
            title=draw(_NAME),
            sources=_subset(draw, ids.sources, 2),
            likelihood=_level(draw, scale.likelihood),
            benefit=_level(draw, scale.impact),
            owner=_maybe(draw, ids.roles),
            processes=_subset(draw, ids.processes),
            actions=_subset(draw, ids.actions),
            customer_impact=draw(_COIN),
        )
        for opportunity_id in ids.opportunities
    )


@st.composite
def effectiveness(draw: st.DrawFn, completed_on: dt.date | None) -> Effectiveness:
    """How an action's effectiveness is judged; evaluated, if at all, no earlier than ``completed_on``."""
    evaluated = draw(_MAYBE_DATE)
    if evaluated is not None and completed_on is not None and evaluated < completed_on:
        evaluated = completed_on
    return Effectiveness(
        criterion=draw(_NAME),
        evaluate_by=draw(_MAYBE_DATE),
        evaluated_on=evaluated,
        result=draw(_member(EffectivenessResult)),
    )


@st.composite
def actions(draw: st.DrawFn, ids: Ids) -> tuple[Action, ...]:
    """Actions; only those done have a completion date, and an action follows up other actions only."""
    drawn = []
    for action_id in ids.actions:
        status = draw(_member(ActionStatus))
        completed = draw(_MAYBE_DATE) if status is ActionStatus.DONE else None
        drawn.append(
            Action(
                id=action_id,
                title=draw(_NAME),
                owner=_maybe(draw, ids.roles),
                due=draw(_MAYBE_DATE),
                status=status,
                completed_on=completed,
                processes=_subset(draw, ids.processes),
                effectiveness=draw(effectiveness(completed)) if draw(_COIN) else None,
                follows_up=_subset(draw, [a for a in ids.actions if a != action_id], 2),
            )
        )
    return tuple(drawn)


@st.composite
def communications(draw: st.DrawFn, ids: Ids) -> tuple[Communication, ...]:
    """Planned communications about any element, to roles and parties, some with a period."""
    everything = ids.everything
    return tuple(
        Communication(
            id=communication_id,
            subject=draw(_NAME),
            about=_subset(draw, everything),
            topics=_members(draw, CommunicationTopic),
            audience=_subset(draw, ids.roles + ids.parties),
            communicator=_maybe(draw, ids.roles),
            channel=draw(_TEXT),
            frequency=draw(_FREQUENCY),
            last_on=draw(_MAYBE_DATE),
            every=draw(_MAYBE_PERIOD),
        )
        for communication_id in ids.communications
    )


@st.composite
def review_output(draw: st.DrawFn, ids: Ids) -> ReviewOutput:
    """One decision of a management review, with the actions it calls for."""
    return ReviewOutput(
        kind=draw(_member(ReviewOutputKind)),
        decision=draw(_NAME),
        actions=_subset(draw, ids.actions),
    )


@st.composite
def reviews(draw: st.DrawFn, ids: Ids) -> tuple[ManagementReview, ...]:
    """Management reviews with their inputs and decisions."""
    return tuple(
        ManagementReview(
            id=review_id,
            held_on=draw(_DATE),
            chair=_maybe(draw, ids.roles),
            attendees=_subset(draw, ids.roles),
            inputs=_members(draw, ReviewInput, 12),
            outputs=tuple(draw(review_output(ids)) for _ in range(draw(_below(3)))),
        )
        for review_id in ids.reviews
    )


def review_programme() -> st.SearchStrategy[ReviewProgramme | None]:
    """No review programme, or one with any period, reviewing the policy or not."""
    return _REVIEW_PROGRAMME


@st.composite
def resources(draw: st.DrawFn, ids: Ids) -> tuple[Resource, ...]:
    """Resources of every kind and status, some saying since when they have it."""
    return tuple(
        Resource(
            id=resource_id,
            name=draw(_NAME),
            kind=draw(_member(ResourceKind)),
            status=draw(_member(ResourceStatus)),
            owner=_maybe(draw, ids.roles),
            amount=draw(_AMOUNT),
            status_since=draw(_MAYBE_DATE),
        )
        for resource_id in ids.resources
    )


@st.composite
def evidence(draw: st.DrawFn, ids: Ids) -> tuple[Evidence, ...]:
    """Documented information supporting any element."""
    everything = ids.everything
    return tuple(
        Evidence(
            id=evidence_id,
            title=draw(_NAME),
            kind=draw(_member(EvidenceKind)),
            location=draw(_TEXT),
            dated=draw(_MAYBE_DATE),
            supports=_subset(draw, everything),
            clauses=_subset(draw, CLAUSE_IDS, 2),
        )
        for evidence_id in ids.evidence
    )


_REVIEW_PROGRAMME = st.none() | st.builds(ReviewProgramme, periods(), _COIN, _TEXT)


#: Clauses an organization may determine not to apply (4.3 allows parts of 7.1.5 and of clause 8 only).
EXCLUDABLE: tuple[str, ...] = ("7.1.5.2", "8.3", "8.4.1", "8.5.1 f", "8.5.3")


@st.composite
def exclusions(draw: st.DrawFn) -> tuple[Exclusion, ...]:
    """Up to two clauses that 4.3 lets be excluded (:data:`EXCLUDABLE`), with a justification."""
    return tuple(
        Exclusion(requirement=requirement, justification=draw(_NAME)) for requirement in _subset(draw, EXCLUDABLE, 2)
    )
