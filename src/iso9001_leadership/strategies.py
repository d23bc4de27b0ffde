"""Hypothesis strategies that generate valid organizations, for property-based tests.

Requires the ``test`` extra (hypothesis). Every organization drawn passes every integrity
rule of :class:`~iso9001_leadership.Organization`; references are drawn from the ids that
exist, so the generated graphs are richly connected.

These strategies are public API, for property tests of your own tools and checks:

- :func:`organizations`: any valid organization;
- :func:`organizations_with_gaps`: with at least one gap of each chosen
  :class:`~iso9001_leadership.GapKind`;
- :func:`organizations_without_gaps`: with no gap of the chosen kinds;
- :func:`gap_free_organizations`: with no gap at all.

The last three draw an organization with :func:`organizations` and then change it
deterministically, so hypothesis shrinks them as well as the first.

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
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from iso9001_leadership._names import suggest
from iso9001_leadership.graph import OrgGraph
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
    EntityKind,
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
from iso9001_leadership.queries import (
    DEFAULT_MAX_DIRECT_REPORTS,
    Gap,
    GapKind,
    accountable_roles,
    find_gaps,
    serves,
    without_elements,
)

__all__ = [
    "CLAUSE_IDS",
    "EXCLUSIVE_GAPS",
    "IMPOSSIBLE_GAPS",
    "dates",
    "element_ids",
    "gap_free_organizations",
    "numbers",
    "organizations",
    "organizations_with_gaps",
    "organizations_without_gaps",
    "texts",
]

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


# -- organizations with and without chosen gaps ---------------------------------------------
#
# Both strategies start from an organization drawn by organizations() and change it
# deterministically: a *repair* removes every gap of one kind, an *injection* adds one gap of
# one kind. Repairs run in the order of _REPAIRS, chosen so that a repair never creates a gap
# of a kind repaired before it (it may create gaps of later kinds, which their own repair then
# removes); so one pass over the wanted kinds leaves none of them. Injections mostly add new
# elements, which cannot take an existing gap away; the few that change existing elements run
# first or touch only what their own kind looks at.


#: Kinds of gap that no valid organization can have: :class:`~iso9001_leadership.Organization`
#: refuses reporting-line cycles, so :func:`organizations_with_gaps` cannot produce them.
IMPOSSIBLE_GAPS: frozenset[GapKind] = frozenset({GapKind.REPORTING_CYCLE})

#: Pairs of gap kinds that exclude each other: without top management there is no top
#: management to be accountable or to report to; without a policy there is none to
#: communicate or review.
EXCLUSIVE_GAPS: tuple[tuple[GapKind, GapKind], ...] = (
    (GapKind.NO_TOP_MANAGEMENT, GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE),
    (GapKind.NO_TOP_MANAGEMENT, GapKind.REPORTING_LINE_BROKEN),
    (GapKind.NO_POLICY, GapKind.POLICY_NOT_COMMUNICATED),
    (GapKind.NO_POLICY, GapKind.POLICY_REVIEW_OVERDUE),
)

#: The next review date a repaired or added policy gets (or ``as_of``, if later).
_FAR_REVIEW = dt.date(2099, 12, 31)
#: The due date a repaired objective gets.
_OBJECTIVE_DUE = dt.date(2030, 12, 31)


def _gap_kinds(kinds: Iterable[GapKind | str]) -> tuple[GapKind, ...]:
    if isinstance(kinds, str | GapKind):
        msg = f"expected a list of gap kinds, not {kinds!r}"
        raise TypeError(msg)
    found: list[GapKind] = []
    for kind in kinds:
        try:
            member = GapKind(kind)
        except ValueError:
            hint = suggest(str(kind), [k.value for k in GapKind])
            msg = f"{kind!r} is not a gap kind" + (f"; did you mean {hint!r}?" if hint else "")
            raise ValueError(msg) from None
        if member not in found:
            found.append(member)
    return tuple(sorted(found, key=list(GapKind).index))


def _gaps(org: Organization, kind: GapKind, as_of: dt.date | None) -> tuple[Gap, ...]:
    return find_gaps(OrgGraph.from_organization(org), as_of=as_of, kinds=[kind])


def _fresh(org: Organization, stem: str, taken: Iterable[str] = ()) -> str:
    """An id starting with ``stem`` that neither the organization nor ``taken`` uses."""
    used = set(taken)
    candidate, number = stem, 1
    while candidate in org or candidate in used:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _tops(org: Organization) -> list[str]:
    return [role.id for role in org.roles if role.top_management]


def _anchor(org: Organization) -> str:
    """The role that repairs and injections lean on: the first top-management role, else the first role."""
    tops = _tops(org)
    return tops[0] if tops else org.roles[0].id


def _change(org: Organization, element_id: str, **changes: Any) -> Organization:
    return org.with_elements(attrs.evolve(org[element_id], **changes))


def _policy(org: Organization) -> QualityPolicy:
    assert org.policy is not None  # callers make sure there is one
    return org.policy


def _owns_one_process(responsibility: Responsibility) -> bool:
    return len(responsibility.processes) == 1 and serves(responsibility.clauses, "5.3", "b")


def _new_policy(org: Organization, as_of: dt.date | None) -> QualityPolicy:
    """A policy that reaches every role, approved by top management, next reviewed after ``as_of``."""
    policy_id = _fresh(org, "quality-policy")
    tops = _tops(org)
    return QualityPolicy(
        id=policy_id,
        statement="We deliver what our customers need and keep improving how we do it.",
        commitments=(Commitment(id=_fresh(org, "commitment", [policy_id]), kind=CommitmentKind.SATISFY_REQUIREMENTS),),
        approved_by=tops[0] if tops else None,
        next_review=max(_FAR_REVIEW, as_of or _FAR_REVIEW),
        communicated_to=tuple(role.id for role in org.roles),
    )


def _ensure_processes(org: Organization, count: int) -> Organization:
    """At least ``count`` processes; new ones are owned by the anchor role and interact with the first."""
    while len(org.processes) < count:
        first = org.processes[0].id if org.processes else None
        process = Process(
            id=_fresh(org, "process"),
            name="Generated process",
            owner=_anchor(org),
            interacts_with=(first,) if first else (),
        )
        org = org.with_elements(process)
    return org


# -- repairs: each removes every gap of its kind ------------------------------------------------

_Repair = Callable[[Organization, tuple[Gap, ...], "dt.date | None"], Organization]


def _fix_no_top(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return _change(org, org.roles[0].id, top_management=True, reports_to=None)


def _fix_reporting_line(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    top = _tops(org)[0]
    for gap in gaps:
        org = _change(org, gap.subjects[0], reports_to=top)
    return org


def _fix_span(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    # Rebuild the reporting lines as one chain under the first top-management role: every role
    # then has at most one direct report, and every line still reaches top management.
    tops = _tops(org)
    roles = []
    previous = tops[0] if tops else None
    for role in org.roles:
        if role.top_management:
            roles.append(attrs.evolve(role, reports_to=None))
        else:
            roles.append(attrs.evolve(role, reports_to=previous))
            previous = role.id
    return org.evolve(roles=tuple(roles))


def _fix_several_owners(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        process, keeper = gap.subjects[0], gap.subjects[1]
        org = _change(org, process, owner=keeper)
        for responsibility in org.responsibilities:
            if _owns_one_process(responsibility) and responsibility.processes == (process,):
                org = _change(org, responsibility.id, accountable=(keeper,))
    return org


def _fix_without_owner(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = _anchor(org)
    for gap in gaps:
        org = _change(org, gap.subjects[0], owner=anchor)
    return org


def _fix_without_accountable(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    graph = OrgGraph.from_organization(org)
    anchor = _anchor(org)
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        role = anchor
        if _owns_one_process(responsibility):
            # Agree with whoever already answers for the process, so it keeps one accountable role.
            answerable = accountable_roles(graph, responsibility.processes[0])
            role = answerable[0] if answerable else anchor
        org = _change(org, responsibility.id, accountable=(role,))
    return org


def _fix_several_accountable(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        candidates = gap.subjects[1:]
        keep = candidates[0]
        if _owns_one_process(responsibility):
            owner = org.get(responsibility.processes[0], Process).owner
            keep = owner if owner in candidates else keep
        org = _change(org, responsibility.id, accountable=(keep,))
    return org


def _fix_without_responsible(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = _anchor(org)
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        role = responsibility.accountable[0] if responsibility.accountable else anchor
        org = _change(org, responsibility.id, responsible=(role,))
    return org


def _fix_top_accountability(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    tops = set(_tops(org))
    for responsibility in org.responsibilities:
        if tops.intersection(responsibility.accountable):
            # A clause citation changes nothing but this query's answer.
            return _change(org, responsibility.id, clauses=(*responsibility.clauses, "5.1.1 a"))
    top = _tops(org)[0]
    responsibility = Responsibility(
        id=_fresh(org, "qms-effectiveness"),
        title="Effectiveness of the quality management system",
        clauses=("5.1.1 a",),
        accountable=(top,),
        responsible=(top,),
        processes=(org.processes[0].id,) if org.processes else (),
    )
    return org.with_elements(responsibility)


def _fix_duties(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    items = [gap.clauses[0].split(" ", 1)[1] for gap in gaps]
    processes = tuple(p.id for p in org.processes)
    if "b" not in items or len(processes) == 1:
        # With one process and duty b unassigned, nobody answers for that process yet, so
        # making this responsibility part of it gives the process one accountable role.
        processes = processes[:1]
    anchor = _anchor(org)
    responsibility = Responsibility(
        id=_fresh(org, "leadership-duties"),
        title="Leadership duties assigned by top management",
        clauses=tuple(f"5.3 {item}" for item in items),
        accountable=(anchor,),
        responsible=(anchor,),
        processes=processes,
    )
    return org.with_elements(responsibility)


def _fix_not_in_process(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    subjects = [gap.subjects[0] for gap in gaps]
    # A responsibility citing 5.3 b and part of one process would answer for that process:
    # tie such responsibilities to two processes, so they stay oversight duties.
    needs_two = any(
        org.kind_of(s) is EntityKind.RESPONSIBILITY and serves(org.get(s, Responsibility).clauses, "5.3", "b")
        for s in subjects
    )
    org = _ensure_processes(org, 2 if needs_two else 1)
    first = org.processes[0].id
    pair = (first, org.processes[1].id) if needs_two else (first,)
    for subject in subjects:
        kind = org.kind_of(subject)
        if kind is EntityKind.RESOURCE:
            process = org.get(first, Process)
            org = org.with_elements(attrs.evolve(process, resources=(*process.resources, subject)))
        elif kind is EntityKind.RESPONSIBILITY:
            wanted = pair if serves(org.get(subject, Responsibility).clauses, "5.3", "b") else (first,)
            org = _change(org, subject, processes=wanted)
        else:
            org = _change(org, subject, processes=(first,))
    return org


def _fix_isolated(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        process = org.get(gap.subjects[0], Process)
        other = next(p.id for p in org.processes if p.id != process.id)
        org = org.with_elements(attrs.evolve(process, interacts_with=(*process.interacts_with, other)))
    return org


def _fix_no_policy(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return org.evolve(policy=_new_policy(org, as_of))


def _fix_review(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    policy = _policy(org)
    dates = [d for d in (_FAR_REVIEW, as_of, policy.approved_on) if d is not None]
    return org.evolve(policy=attrs.evolve(policy, next_review=max(dates)))


def _fix_objective_commitment(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    if org.policy is None:
        org = org.evolve(policy=_new_policy(org, as_of))
    policy = _policy(org)
    if not policy.commitments:
        commitment = Commitment(id=_fresh(org, "commitment"), kind=CommitmentKind.SATISFY_REQUIREMENTS)
        org = org.evolve(policy=attrs.evolve(policy, commitments=(commitment,)))
    commitment_id = _policy(org).commitments[0].id
    for gap in gaps:
        org = _change(org, gap.subjects[0], supports=(commitment_id,))
    return org


def _fix_objective_plan(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = _anchor(org)
    for gap in gaps:
        objective = org.get(gap.subjects[0], QualityObjective)
        org = org.with_elements(
            attrs.evolve(
                objective,
                metric=objective.metric if objective.metric.strip() else "on-time delivery rate",
                target=95.0 if objective.target is None else objective.target,
                owner=objective.owner or anchor,
                due=objective.due or _OBJECTIVE_DUE,
                evaluation=objective.evaluation if objective.evaluation.strip() else "monthly management review",
            )
        )
    return org


def _fix_missing_authority(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        role = org.get(gap.subjects[0], Role)
        missing = [a for a in gap.subjects[2:] if a not in role.authorities]
        org = org.with_elements(attrs.evolve(role, authorities=(*role.authorities, *missing)))
    return org


def _fix_unheld_authority(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    role = org.get(_anchor(org), Role)
    unheld = [gap.subjects[0] for gap in gaps]
    return org.with_elements(attrs.evolve(role, authorities=(*role.authorities, *unheld)))


def _fix_self_audit(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        role = org.get(gap.subjects[0], Role)
        org = org.with_elements(attrs.evolve(role, audits=tuple(p for p in role.audits if p != gap.subjects[1])))
    return org


def _fix_unstaffed(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        role = gap.subjects[0]
        holder = Person(id=_fresh(org, "person"), name="Generated role holder", roles=(role,))
        org = org.with_elements(holder)
        deputy = Person(id=_fresh(org, "person"), name="Generated deputy", deputy_of=(role,))
        org = org.with_elements(deputy)
    return org


def _fix_single_point(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        deputy = Person(id=_fresh(org, "person"), name="Generated deputy", deputy_of=gap.subjects[1:])
        org = org.with_elements(deputy)
    return org


def _fix_policy_communication(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    policy = _policy(org)
    missing = [role for gap in gaps for role in gap.subjects[1:] if role not in policy.communicated_to]
    return org.evolve(policy=attrs.evolve(policy, communicated_to=(*policy.communicated_to, *missing)))


def _fix_unowned_risk(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = _anchor(org)
    for gap in gaps:
        org = _change(org, gap.subjects[0], owner=anchor)
    return org


def _fix_untreated(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        element = org[gap.subjects[0]]
        assert isinstance(element, Risk | Opportunity)
        rationale = element.rationale if element.rationale.strip() else "Knowingly accepted: acting would cost more."
        org = org.with_elements(attrs.evolve(element, accepted=True, rationale=rationale))
    return org


def _fix_unevaluated_action(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        org = _change(org, gap.subjects[0], effectiveness=Effectiveness(criterion="The risk did not occur."))
    return org


def _fix_unowned_requirement(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = _anchor(org)
    for gap in gaps:
        requirement_id, party_id = gap.subjects[0], gap.subjects[1]
        party = org.get(party_id, InterestedParty)
        requirements = tuple(attrs.evolve(r, owner=anchor) if r.id == requirement_id else r for r in party.requirements)
        org = org.with_elements(attrs.evolve(party, requirements=requirements))
    return org


def _no_fix(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return org  # an Organization cannot have this gap


#: Every kind's repair, in the order they run (see the comment at the top of this section).
_REPAIRS: tuple[tuple[GapKind, _Repair], ...] = (
    (GapKind.REPORTING_CYCLE, _no_fix),
    (GapKind.NO_TOP_MANAGEMENT, _fix_no_top),
    (GapKind.REPORTING_LINE_BROKEN, _fix_reporting_line),
    (GapKind.SPAN_OF_CONTROL, _fix_span),
    (GapKind.PROCESS_WITH_SEVERAL_OWNERS, _fix_several_owners),
    (GapKind.PROCESS_WITHOUT_OWNER, _fix_without_owner),
    (GapKind.RESPONSIBILITY_WITHOUT_ACCOUNTABLE, _fix_without_accountable),
    (GapKind.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE, _fix_several_accountable),
    (GapKind.RESPONSIBILITY_WITHOUT_RESPONSIBLE, _fix_without_responsible),
    (GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE, _fix_top_accountability),
    (GapKind.DUTY_UNASSIGNED, _fix_duties),
    (GapKind.NOT_IN_ANY_PROCESS, _fix_not_in_process),
    (GapKind.ISOLATED_PROCESS, _fix_isolated),
    (GapKind.NO_POLICY, _fix_no_policy),
    (GapKind.POLICY_REVIEW_OVERDUE, _fix_review),
    (GapKind.OBJECTIVE_WITHOUT_COMMITMENT, _fix_objective_commitment),
    (GapKind.OBJECTIVE_INCOMPLETE, _fix_objective_plan),
    (GapKind.MISSING_AUTHORITY, _fix_missing_authority),
    (GapKind.UNHELD_AUTHORITY, _fix_unheld_authority),
    (GapKind.SELF_AUDIT, _fix_self_audit),
    (GapKind.UNSTAFFED_ROLE, _fix_unstaffed),
    (GapKind.SINGLE_POINT_OF_FAILURE, _fix_single_point),
    (GapKind.POLICY_NOT_COMMUNICATED, _fix_policy_communication),
    (GapKind.UNOWNED_RISK, _fix_unowned_risk),
    (GapKind.UNADDRESSED_RISK, _fix_untreated),
    (GapKind.CUSTOMER_RISK_UNTREATED, _fix_untreated),
    (GapKind.UNEVALUATED_ACTION, _fix_unevaluated_action),
    (GapKind.UNOWNED_REQUIREMENT, _fix_unowned_requirement),
)


def _repair(org: Organization, kinds: Sequence[GapKind], as_of: dt.date | None) -> Organization:
    wanted = set(kinds)
    for kind, fix in _REPAIRS:
        if kind in wanted:
            gaps = _gaps(org, kind, as_of)
            if gaps:
                org = fix(org, gaps, as_of)
    left = find_gaps(OrgGraph.from_organization(org), as_of=as_of, kinds=kinds)
    if left:  # pragma: no cover - the repairs are built so that this cannot happen
        msg = f"internal error: the repairs left gaps: {[str(gap) for gap in left]}"
        raise AssertionError(msg)
    return org


# -- injections: each adds at least one gap of its kind ----------------------------------------

_Inject = Callable[[st.DrawFn, Organization], Organization]


def _other_role(org: Organization) -> tuple[Organization, str]:
    """A role other than the anchor, added (reporting to the anchor) when there is none."""
    anchor = _anchor(org)
    for role in org.roles:
        if role.id != anchor:
            return org, role.id
    role = Role(id=_fresh(org, "role"), title="Generated role", reports_to=anchor)
    return org.with_elements(role), role.id


def _new_role(org: Organization, stem: str) -> tuple[Organization, str]:
    role = Role(id=_fresh(org, stem), title="Generated role", reports_to=_anchor(org))
    return org.with_elements(role), role.id


def _drop_item(clauses: tuple[str, ...], number: str, item: str) -> tuple[str, ...]:
    """``clauses`` without any citation of one lettered item (a range loses just that item)."""
    kept: list[str] = []
    for clause in clauses:
        if not serves([clause], number, item):
            kept.append(clause)
            continue
        token = clause.split(" ")[1]
        low, _, high = token.partition("-")
        if high and len(low) == len(high) == 1:
            kept.extend(f"{number} {chr(c)}" for c in range(ord(low), ord(high) + 1) if chr(c) != item)
    return tuple(dict.fromkeys(kept))


def _add_process_without_owner(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Process(id=_fresh(org, "unowned-process"), name="Unowned process"))


def _add_several_owners(draw: st.DrawFn, org: Organization) -> Organization:
    org, other = _other_role(org)
    process = Process(id=_fresh(org, "shared-process"), name="Shared process", owner=_anchor(org))
    org = org.with_elements(process)
    responsibility = Responsibility(
        id=_fresh(org, "process-outputs"),
        title="Make sure the process delivers",
        clauses=("5.3 b",),
        accountable=(other,),
        responsible=(other,),
        processes=(process.id,),
    )
    return org.with_elements(responsibility)


def _add_responsibility(
    org: Organization,
    *,
    accountable: tuple[str, ...] = (),
    responsible: tuple[str, ...] = (),
    authorities_needed: tuple[str, ...] = (),
) -> Organization:
    responsibility = Responsibility(
        id=_fresh(org, "responsibility"),
        title="Generated responsibility",
        accountable=accountable,
        responsible=responsible,
        authorities_needed=authorities_needed,
    )
    return org.with_elements(responsibility)


def _add_without_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    return _add_responsibility(org, responsible=(_anchor(org),))


def _add_several_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    org, other = _other_role(org)
    anchor = _anchor(org)
    return _add_responsibility(org, accountable=(anchor, other), responsible=(anchor,))


def _add_without_responsible(draw: st.DrawFn, org: Organization) -> Organization:
    return _add_responsibility(org, accountable=(_anchor(org),))


def _add_top_not_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    tops = set(_tops(org))
    for responsibility in org.responsibilities:
        if tops.intersection(responsibility.accountable) and serves(responsibility.clauses, "5.1.1", "a"):
            org = _change(org, responsibility.id, clauses=_drop_item(responsibility.clauses, "5.1.1", "a"))
    return org


def _add_duty_unassigned(draw: st.DrawFn, org: Organization) -> Organization:
    # Not item b: a process owner assigns it too, and owners come and go with other injections.
    item = draw(st.sampled_from("acde"))
    for responsibility in org.responsibilities:
        if serves(responsibility.clauses, "5.3", item):
            org = _change(org, responsibility.id, clauses=_drop_item(responsibility.clauses, "5.3", item))
    return org


def _add_missing_authority(draw: st.DrawFn, org: Organization) -> Organization:
    authority = Authority(id=_fresh(org, "authority"), title="Generated authority")
    org = org.with_elements(authority)
    anchor = _anchor(org)
    return _add_responsibility(org, accountable=(anchor,), responsible=(anchor,), authorities_needed=(authority.id,))


def _add_unheld_authority(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Authority(id=_fresh(org, "authority"), title="Authority nobody holds"))


def _add_not_in_process(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Resource(id=_fresh(org, "resource"), name="Resource no process needs"))


def _add_isolated_process(draw: st.DrawFn, org: Organization) -> Organization:
    org = org.with_elements(Process(id=_fresh(org, "isolated-process"), name="Isolated process"))
    if len(org.processes) < 2:
        org = org.with_elements(Process(id=_fresh(org, "isolated-process"), name="Isolated process"))
    return org


def _add_reporting_line_broken(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Role(id=_fresh(org, "detached-role"), title="Role reporting to no one"))


def _add_span_of_control(draw: st.DrawFn, org: Organization) -> Organization:
    anchor = _anchor(org)
    reports = sum(1 for role in org.roles if role.reports_to == anchor)
    for _ in range(DEFAULT_MAX_DIRECT_REPORTS + 1 - reports):
        org = org.with_elements(Role(id=_fresh(org, "team-member"), title="Team member", reports_to=anchor))
    return org


def _add_unstaffed_role(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "vacant-role")
    return org.with_elements(Process(id=_fresh(org, "process"), name="Process of a vacant role", owner=role))


def _add_single_point(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "sole-role")
    org = org.with_elements(Person(id=_fresh(org, "person"), name="Only holder", roles=(role,)))
    return org.with_elements(Process(id=_fresh(org, "process"), name="Process of a sole holder", owner=role))


def _add_policy_not_communicated(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "uninformed-role")
    return _add_responsibility(org, accountable=(role,), responsible=(role,))


def _add_review_overdue(draw: st.DrawFn, org: Organization) -> Organization:
    return org.evolve(policy=attrs.evolve(_policy(org), next_review=None))


def _add_objective(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(QualityObjective(id=_fresh(org, "objective"), statement="Generated objective"))


def _add_risk(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Risk(id=_fresh(org, "risk"), title="Untreated risk"))


def _add_unevaluated_action(draw: st.DrawFn, org: Organization) -> Organization:
    action = Action(id=_fresh(org, "action"), title="Action nobody evaluates")
    org = org.with_elements(action)
    return org.with_elements(Risk(id=_fresh(org, "risk"), title="Treated risk", actions=(action.id,)))


def _add_unowned_requirement(draw: st.DrawFn, org: Organization) -> Organization:
    party_id = _fresh(org, "party")
    requirement = PartyRequirement(id=_fresh(org, "requirement", [party_id]), text="A requirement nobody owns")
    return org.with_elements(InterestedParty(id=party_id, name="Generated party", requirements=(requirement,)))


def _add_customer_risk(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Risk(id=_fresh(org, "risk"), title="Customer risk", customer_impact=True))


def _add_self_audit(draw: st.DrawFn, org: Organization) -> Organization:
    anchor = org.get(_anchor(org), Role)
    process = Process(id=_fresh(org, "process"), name="Self-audited process", owner=anchor.id)
    org = org.with_elements(process)
    return org.with_elements(attrs.evolve(anchor, audits=(*anchor.audits, process.id)))


#: Every possible kind's injection, in the order they run. NO_TOP_MANAGEMENT and NO_POLICY are
#: not here: they are prepared first, as they change what other injections lean on.
_INJECTIONS: dict[GapKind, _Inject] = {
    GapKind.PROCESS_WITHOUT_OWNER: _add_process_without_owner,
    GapKind.PROCESS_WITH_SEVERAL_OWNERS: _add_several_owners,
    GapKind.RESPONSIBILITY_WITHOUT_ACCOUNTABLE: _add_without_accountable,
    GapKind.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE: _add_several_accountable,
    GapKind.RESPONSIBILITY_WITHOUT_RESPONSIBLE: _add_without_responsible,
    GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE: _add_top_not_accountable,
    GapKind.DUTY_UNASSIGNED: _add_duty_unassigned,
    GapKind.MISSING_AUTHORITY: _add_missing_authority,
    GapKind.UNHELD_AUTHORITY: _add_unheld_authority,
    GapKind.NOT_IN_ANY_PROCESS: _add_not_in_process,
    GapKind.ISOLATED_PROCESS: _add_isolated_process,
    GapKind.REPORTING_LINE_BROKEN: _add_reporting_line_broken,
    GapKind.SPAN_OF_CONTROL: _add_span_of_control,
    GapKind.UNSTAFFED_ROLE: _add_unstaffed_role,
    GapKind.SINGLE_POINT_OF_FAILURE: _add_single_point,
    GapKind.POLICY_NOT_COMMUNICATED: _add_policy_not_communicated,
    GapKind.POLICY_REVIEW_OVERDUE: _add_review_overdue,
    GapKind.OBJECTIVE_WITHOUT_COMMITMENT: _add_objective,
    GapKind.OBJECTIVE_INCOMPLETE: _add_objective,
    GapKind.UNOWNED_RISK: _add_risk,
    GapKind.UNADDRESSED_RISK: _add_risk,
    GapKind.UNEVALUATED_ACTION: _add_unevaluated_action,
    GapKind.UNOWNED_REQUIREMENT: _add_unowned_requirement,
    GapKind.CUSTOMER_RISK_UNTREATED: _add_customer_risk,
    GapKind.SELF_AUDIT: _add_self_audit,
}


def _check_possible(kinds: Sequence[GapKind]) -> None:
    impossible = [k.value for k in kinds if k in IMPOSSIBLE_GAPS]
    if impossible:
        msg = f"no valid organization has these gaps: {', '.join(impossible)} (Organization refuses them)"
        raise ValueError(msg)
    for first, second in EXCLUSIVE_GAPS:
        if first in kinds and second in kinds:
            msg = f"gaps {first.value!r} and {second.value!r} exclude each other; ask for one of them"
            raise ValueError(msg)


def _inject(draw: st.DrawFn, org: Organization, kinds: Sequence[GapKind]) -> Organization:
    if GapKind.NO_TOP_MANAGEMENT in kinds:
        org = org.evolve(roles=tuple(attrs.evolve(role, top_management=False) for role in org.roles))
    elif not _tops(org) and {GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE, GapKind.REPORTING_LINE_BROKEN} & set(kinds):
        org = _change(org, org.roles[0].id, top_management=True, reports_to=None)
    if GapKind.NO_POLICY in kinds and org.policy is not None:
        org = without_elements(org, [org.policy.id])
    elif org.policy is None and {GapKind.POLICY_NOT_COMMUNICATED, GapKind.POLICY_REVIEW_OVERDUE} & set(kinds):
        org = org.evolve(policy=_new_policy(org, None))
    for kind in kinds:
        if kind in _INJECTIONS:
            org = _INJECTIONS[kind](draw, org)
    return org


# -- the public strategies -----------------------------------------------------------------------


@st.composite
def _with_gaps(draw: st.DrawFn, kinds: tuple[GapKind, ...], max_size: int) -> Organization:
    org = _inject(draw, draw(organizations(max_size=max_size)), kinds)
    graph = OrgGraph.from_organization(org)
    present = {gap.kind for gap in find_gaps(graph, as_of=None, kinds=kinds)}
    missing = [kind.value for kind in kinds if kind not in present]
    if missing:  # pragma: no cover - the injections are built so that this cannot happen
        msg = f"internal error: the injections did not produce {missing}"
        raise AssertionError(msg)
    return org


@st.composite
def _without_gaps(draw: st.DrawFn, kinds: tuple[GapKind, ...], as_of: dt.date | None, max_size: int) -> Organization:
    return _repair(draw(organizations(max_size=max_size)), kinds, as_of)


def organizations_with_gaps(kinds: Iterable[GapKind | str], *, max_size: int = 4) -> st.SearchStrategy[Organization]:
    """Valid organizations that have at least one gap of each kind in ``kinds``.

    An organization is drawn from :func:`organizations`, then for each kind something is
    added or changed so that :func:`~iso9001_leadership.find_gaps` reports a gap of it (for any
    ``as_of``, and with the default ``max_direct_reports``): a process without an owner, a
    resource no process needs, a role nobody holds owning a process, and so on. Other gaps may
    be present too.

    Parameters
    ----------
    kinds
        The gap kinds (members of :class:`~iso9001_leadership.GapKind` or their values).
    max_size
        As for :func:`organizations`; injected elements come on top.

    Returns
    -------
    SearchStrategy[Organization]

    Raises
    ------
    ValueError
        If a kind is unknown, no valid organization can have it (:data:`IMPOSSIBLE_GAPS`), or
        two kinds exclude each other (:data:`EXCLUSIVE_GAPS`, such as ``no_policy`` and
        ``policy_not_communicated``).

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import GapKind, find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> @settings(max_examples=5)
    ... @given(organizations_with_gaps([GapKind.PROCESS_WITHOUT_OWNER, "self_audit"]))
    ... def test_detected(org):
    ...     kinds = {gap.kind for gap in find_gaps(OrgGraph.from_organization(org), as_of=dt.date(2026, 11, 24))}
    ...     assert {GapKind.PROCESS_WITHOUT_OWNER, GapKind.SELF_AUDIT} <= kinds
    >>> test_detected()
    """
    wanted = _gap_kinds(kinds)
    _check_possible(wanted)
    return _with_gaps(wanted, max_size)


def organizations_without_gaps(
    kinds: Iterable[GapKind | str], *, as_of: dt.date | None = None, max_size: int = 4
) -> st.SearchStrategy[Organization]:
    """Valid organizations that have no gap of any kind in ``kinds``.

    An organization is drawn from :func:`organizations`, then the gaps of these kinds are
    repaired (an owner named, an authority granted, a deputy appointed, a policy communicated,
    elements added where something is missing). Gaps of other kinds may remain.

    Parameters
    ----------
    kinds
        The gap kinds (members of :class:`~iso9001_leadership.GapKind` or their values).
    as_of
        The date the guarantee is for: ``find_gaps(graph, as_of=as_of)`` finds no gap of these
        kinds. Only ``policy_review_overdue`` depends on the date; pass the date your test
        passes to the queries or the assessment.
    max_size
        As for :func:`organizations`; repairs may add a few elements.

    Returns
    -------
    SearchStrategy[Organization]

    Raises
    ------
    ValueError
        If a kind is unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> day = dt.date(2026, 11, 24)
    >>> @settings(max_examples=5)
    ... @given(organizations_without_gaps(["process_without_owner", "policy_review_overdue"], as_of=day))
    ... def test_not_reported(org):
    ...     graph = OrgGraph.from_organization(org)
    ...     assert not find_gaps(graph, as_of=day, kinds=["process_without_owner", "policy_review_overdue"])
    >>> test_not_reported()
    """
    return _without_gaps(_gap_kinds(kinds), as_of, max_size)


def gap_free_organizations(*, as_of: dt.date | None = None, max_size: int = 4) -> st.SearchStrategy[Organization]:
    """Valid organizations in which :func:`~iso9001_leadership.find_gaps` finds nothing.

    The same as :func:`organizations_without_gaps` with every :class:`~iso9001_leadership.GapKind`.
    Being gap-free is not the same as conforming: an assessment may still ask for evidence the
    model cannot give.

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> @settings(max_examples=5)
    ... @given(gap_free_organizations(as_of=dt.date(2026, 11, 24)))
    ... def test_gap_free(org):
    ...     assert find_gaps(OrgGraph.from_organization(org), as_of=dt.date(2026, 11, 24)) == ()
    >>> test_gap_free()
    """
    return _without_gaps(tuple(GapKind), as_of, max_size)
