"""Hypothesis strategies that generate valid organizations, for property-based tests.

Requires the ``test`` extra (hypothesis). Every organization drawn passes every integrity
rule of :class:`~iso9001_leadership.Organization`; references are drawn from the ids that
exist, so the generated graphs are richly connected.

Examples
--------
>>> from hypothesis import given, settings
>>> from iso9001_leadership import dumps, loads
>>> from iso9001_leadership.strategies import organizations
>>> @settings(max_examples=5)
... @given(organizations())
... def test_round_trip(org):
...     assert loads(dumps(org)) == org
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

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
    InterestedParty,
    IssueKind,
    ManagementReview,
    Measurement,
    Opportunity,
    Organization,
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
    Risk,
    RiskScale,
    Role,
    TargetDirection,
)

__all__ = ["CLAUSE_IDS", "dates", "element_ids", "numbers", "organizations", "texts"]

T = TypeVar("T")

#: Clause ids the generated responsibilities cite.
CLAUSE_IDS: tuple[str, ...] = (
    "4.4.1",
    "5.1.1 a",
    "5.1.1 c",
    "5.1.2 a",
    "5.2.2 b",
    "5.3",
    "5.3 a",
    "5.3 b",
    "5.3 c",
    "5.3 d",
    "5.3 e",
    "6.1.2 b 1",
    "6.2.2",
    "7.4",
    "9.3.1",
)


def element_ids() -> st.SearchStrategy[str]:
    """Valid element ids, including the unusual characters the id pattern allows."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,15}", fullmatch=True)


def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode but surrogates, including newlines and YAML-looking words."""
    plain = st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size)
    tricky = st.sampled_from(["yes", "no", "null", "~", "true", "0o17", "1e5", "2024-01-01", "- item", "a: b", "#x"])
    text = st.one_of(plain, tricky)
    return text.filter(lambda s: bool(s.strip())) if min_size else text


def dates() -> st.SearchStrategy[dt.date]:
    """Dates in a plausible range."""
    return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def numbers() -> st.SearchStrategy[float]:
    """Finite floats."""
    return st.floats(allow_nan=False, allow_infinity=False, width=64)


def _subset(draw: st.DrawFn, pool: Sequence[T], max_size: int = 3) -> tuple[T, ...]:
    if not pool:
        return ()
    return tuple(draw(st.lists(st.sampled_from(list(pool)), unique=True, max_size=max_size)))


def _maybe(draw: st.DrawFn, pool: Sequence[T]) -> T | None:
    if not pool:
        return None
    return draw(st.none() | st.sampled_from(list(pool)))


def _enums(draw: st.DrawFn, enum_type: Any, max_size: int = 3) -> tuple[Any, ...]:
    return tuple(draw(st.lists(st.sampled_from(list(enum_type)), unique=True, max_size=max_size)))


@st.composite
def organizations(draw: st.DrawFn, *, max_size: int = 4) -> Organization:
    """Valid organizations with up to ``max_size`` elements in each collection.

    Parameters
    ----------
    max_size
        The most elements any one collection holds (roles, processes, risks...).

    Returns
    -------
    SearchStrategy[Organization]
    """
    size = st.integers(min_value=0, max_value=max_size)
    counts = {
        name: draw(size)
        for name in (
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
    }
    counts["roles"] = max(counts["roles"], 1)
    has_policy = draw(st.booleans())
    total = sum(counts.values()) + 1
    pool = draw(st.lists(element_ids(), min_size=total, max_size=total, unique=True))
    taken = iter(pool)
    ids = {name: [next(taken) for _ in range(count)] for name, count in counts.items()}
    policy_id = next(taken)

    role_ids = ids["roles"]
    process_ids = ids["processes"]
    resource_ids = ids["resources"]
    action_ids = ids["actions"]
    authority_ids = ids["authorities"]
    scale = RiskScale(draw(st.integers(2, 10)), draw(st.integers(2, 10)))

    tops = draw(st.integers(1, len(role_ids)))
    roles = []
    for i, role_id in enumerate(role_ids):
        top = i < tops
        bosses = role_ids[:i] if not top else role_ids[: min(i, tops)]
        roles.append(
            Role(
                id=role_id,
                title=draw(texts(min_size=1)),
                description=draw(texts()),
                reports_to=_maybe(draw, bosses),
                top_management=top,
                authorities=_subset(draw, authority_ids),
                audits=_subset(draw, process_ids, 2),
            )
        )

    people = [
        Person(
            id=person_id,
            name=draw(texts(min_size=1)),
            roles=_subset(draw, role_ids),
            deputy_of=_subset(draw, role_ids, 2),
            awareness=_enums(draw, AwarenessTopic),
            email=draw(st.sampled_from(["", "someone@example.org"])),
        )
        for person_id in ids["people"]
    ]
    authorities = [
        Authority(
            id=authority_id,
            title=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(list(AuthorityKind))),
            scope=draw(texts()),
            limit=draw(st.none() | st.floats(min_value=0, max_value=1e9)),
            currency=draw(st.sampled_from(["", "EUR", "USD"])),
            granted_by=_maybe(draw, role_ids),
        )
        for authority_id in authority_ids
    ]
    responsibilities = [
        Responsibility(
            id=responsibility_id,
            title=draw(texts(min_size=1)),
            clauses=_subset(draw, CLAUSE_IDS),
            accountable=_subset(draw, role_ids, 2),
            responsible=_subset(draw, role_ids),
            consulted=_subset(draw, role_ids, 2),
            informed=_subset(draw, role_ids, 2),
            processes=_subset(draw, process_ids),
            authorities_needed=_subset(draw, authority_ids, 2),
        )
        for responsibility_id in ids["responsibilities"]
    ]
    processes = [
        Process(
            id=process_id,
            name=draw(texts(min_size=1)),
            category=draw(st.sampled_from(list(ProcessCategory))),
            owner=_maybe(draw, role_ids),
            inputs=tuple(draw(st.lists(texts(min_size=1), unique=True, max_size=2))),
            outputs=tuple(draw(st.lists(texts(min_size=1), unique=True, max_size=2))),
            interacts_with=_subset(draw, [p for p in process_ids if p != process_id]),
            indicators=tuple(draw(st.lists(texts(min_size=1), unique=True, max_size=2))),
            criteria=draw(texts()),
            resources=_subset(draw, resource_ids),
            outsourced=draw(st.booleans()),
        )
        for process_id in process_ids
    ]
    party_ids = ids["parties"]
    requirement_ids = ids["requirements"]
    commitments = tuple(
        Commitment(id=commitment_id, kind=draw(st.sampled_from(list(CommitmentKind))), text=draw(texts()))
        for commitment_id in ids["commitments"]
    )
    policy = None
    if has_policy:
        approved = draw(st.none() | dates())
        review = draw(st.none() | dates())
        if approved is not None and review is not None and review < approved:
            approved, review = review, approved
        policy = QualityPolicy(
            id=policy_id,
            statement=draw(texts(min_size=1)),
            version=draw(st.sampled_from(["", "1.0", "3"])),
            commitments=commitments,
            approved_by=_maybe(draw, role_ids),
            approved_on=approved,
            next_review=review,
            communicated_to=_subset(draw, role_ids),
            available_to=_subset(draw, party_ids),
            strategic_direction=draw(texts()),
        )
    commitment_ids = [c.id for c in commitments] if has_policy else []
    objectives = [
        QualityObjective(
            id=objective_id,
            statement=draw(texts(min_size=1)),
            supports=_subset(draw, commitment_ids),
            metric=draw(texts()),
            unit=draw(st.sampled_from(["", "%", "days"])),
            baseline=draw(st.none() | numbers()),
            target=draw(st.none() | numbers()),
            direction=draw(st.sampled_from(list(TargetDirection))),
            due=draw(st.none() | dates()),
            owner=_maybe(draw, role_ids),
            actions=_subset(draw, action_ids),
            resources=_subset(draw, resource_ids),
            evaluation=draw(texts()),
            processes=_subset(draw, process_ids),
            measurements=tuple(draw(st.lists(st.builds(Measurement, dates(), numbers()), max_size=3))),
            communicated_to=_subset(draw, role_ids),
        )
        for objective_id in ids["objectives"]
    ]
    issue_ids = ids["issues"]
    issues = [
        ContextIssue(
            id=issue_id,
            title=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(list(IssueKind))),
            relevant=draw(st.booleans()),
            rationale=draw(texts()),
            climate=draw(st.booleans()),
        )
        for issue_id in issue_ids
    ]
    # Each party requirement belongs to one party, drawn at random (none without parties).
    owner_of = {r: draw(st.sampled_from(party_ids)) for r in requirement_ids} if party_ids else {}
    built_parties = [
        InterestedParty(
            id=party_id,
            name=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(list(PartyKind))),
            requirements=tuple(
                PartyRequirement(
                    id=requirement_id,
                    text=draw(texts(min_size=1)),
                    owner=_maybe(draw, role_ids),
                    statutory=draw(st.booleans()),
                    climate=draw(st.booleans()),
                    processes=_subset(draw, process_ids),
                )
                for requirement_id in requirement_ids
                if owner_of[requirement_id] == party_id
            ),
        )
        for party_id in party_ids
    ]
    placed_requirements = list(owner_of)
    sources = issue_ids + placed_requirements + party_ids

    def levels(top: int) -> int | None:
        return draw(st.none() | st.integers(1, top))

    risks = [
        Risk(
            id=risk_id,
            title=draw(texts(min_size=1)),
            sources=_subset(draw, sources, 2),
            likelihood=levels(scale.likelihood),
            impact=levels(scale.impact),
            owner=_maybe(draw, role_ids),
            processes=_subset(draw, process_ids),
            actions=_subset(draw, action_ids),
            accepted=draw(st.booleans()),
            rationale=draw(texts()),
            customer_impact=draw(st.booleans()),
            review_on=draw(st.none() | dates()),
        )
        for risk_id in ids["risks"]
    ]
    opportunities = [
        Opportunity(
            id=opportunity_id,
            title=draw(texts(min_size=1)),
            sources=_subset(draw, sources, 2),
            likelihood=levels(scale.likelihood),
            benefit=levels(scale.impact),
            owner=_maybe(draw, role_ids),
            processes=_subset(draw, process_ids),
            actions=_subset(draw, action_ids),
            customer_impact=draw(st.booleans()),
        )
        for opportunity_id in ids["opportunities"]
    ]
    actions = []
    for action_id in action_ids:
        status = draw(st.sampled_from(list(ActionStatus)))
        completed = draw(st.none() | dates()) if status is ActionStatus.DONE else None
        effectiveness = None
        if draw(st.booleans()):
            evaluated = draw(st.none() | dates())
            if evaluated is not None and completed is not None and evaluated < completed:
                evaluated = completed
            effectiveness = Effectiveness(
                criterion=draw(texts(min_size=1)),
                evaluate_by=draw(st.none() | dates()),
                evaluated_on=evaluated,
                result=draw(st.sampled_from(list(EffectivenessResult))),
            )
        actions.append(
            Action(
                id=action_id,
                title=draw(texts(min_size=1)),
                owner=_maybe(draw, role_ids),
                due=draw(st.none() | dates()),
                status=status,
                completed_on=completed,
                processes=_subset(draw, process_ids),
                effectiveness=effectiveness,
            )
        )
    everything = [i for name, group in ids.items() for i in group if name not in {"commitments", "requirements"}]
    everything += commitment_ids + placed_requirements + ([policy_id] if has_policy else [])
    communications = [
        Communication(
            id=communication_id,
            subject=draw(texts(min_size=1)),
            about=_subset(draw, everything),
            topics=_enums(draw, CommunicationTopic),
            audience=_subset(draw, role_ids + party_ids),
            communicator=_maybe(draw, role_ids),
            channel=draw(texts()),
            frequency=draw(st.sampled_from(["", "monthly", "yearly"])),
            last_on=draw(st.none() | dates()),
        )
        for communication_id in ids["communications"]
    ]
    reviews = [
        ManagementReview(
            id=review_id,
            held_on=draw(dates()),
            chair=_maybe(draw, role_ids),
            attendees=_subset(draw, role_ids),
            inputs=_enums(draw, ReviewInput, 12),
            outputs=tuple(
                draw(
                    st.lists(
                        st.builds(
                            ReviewOutput,
                            kind=st.sampled_from(list(ReviewOutputKind)),
                            decision=texts(min_size=1),
                            actions=st.just(_subset(draw, action_ids)),
                        ),
                        max_size=2,
                    )
                )
            ),
        )
        for review_id in ids["reviews"]
    ]
    resources = [
        Resource(
            id=resource_id,
            name=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(list(ResourceKind))),
            status=draw(st.sampled_from(list(ResourceStatus))),
            owner=_maybe(draw, role_ids),
            amount=draw(st.none() | st.floats(min_value=0, max_value=1e9)),
        )
        for resource_id in resource_ids
    ]
    evidence = [
        Evidence(
            id=evidence_id,
            title=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(list(EvidenceKind))),
            location=draw(texts()),
            dated=draw(st.none() | dates()),
            supports=_subset(draw, everything),
            clauses=_subset(draw, CLAUSE_IDS, 2),
        )
        for evidence_id in ids["evidence"]
    ]
    exclusions = [
        Exclusion(requirement=requirement, justification=draw(texts(min_size=1)))
        for requirement in _subset(draw, CLAUSE_IDS, 2)
    ]
    return Organization(
        name=draw(texts(min_size=1)),
        scope=draw(texts()),
        risk_scale=scale,
        roles=tuple(roles),
        people=tuple(people),
        authorities=tuple(authorities),
        responsibilities=tuple(responsibilities),
        processes=tuple(processes),
        policy=policy,
        objectives=tuple(objectives),
        context_issues=tuple(issues),
        interested_parties=tuple(built_parties),
        risks=tuple(risks),
        opportunities=tuple(opportunities),
        actions=tuple(actions),
        communications=tuple(communications),
        reviews=tuple(reviews),
        resources=tuple(resources),
        evidence=tuple(evidence),
        exclusions=tuple(exclusions),
    )
