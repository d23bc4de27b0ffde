"""Properties of the gap queries: gap-free organizations, single faults, any valid organization."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.queries._helpers import AS_OF

from iso9001_leadership import (
    Action,
    ActionStatus,
    Authority,
    Commitment,
    CommitmentKind,
    Communication,
    Effectiveness,
    InterestedParty,
    Opportunity,
    Organization,
    PartyKind,
    PartyRequirement,
    Person,
    Process,
    QualityObjective,
    QualityPolicy,
    Resource,
    Responsibility,
    Risk,
    Role,
)
from iso9001_leadership.clauses import serves
from iso9001_leadership.graph import NodeKind, OrgGraph
from iso9001_leadership.queries import (
    Gap,
    GapKind,
    accountability_chain,
    accountable_roles,
    find_gaps,
    impact_of_removing,
    policy_gaps,
    reporting_gaps,
    segregation_of_duties_gaps,
    sort_gaps,
)
from iso9001_leadership.strategies import organizations

#: Clause ids the extra responsibilities of a gap-free organization may cite: none of them
#: covers 5.1.1 a or 5.3 b (as the whole clauses "5.1.1" and "5.3" would), whose
#: responsibilities the strategy places on purpose.
SAFE_CLAUSES = ("4.4.1", "5.1.1 c", "5.1.2 a", "5.2.2 b", "5.3 a", "5.3 c", "5.3 d", "5.3 e", "7.4", "9.3.1")


def _pick(draw: st.DrawFn, pool: list[str], min_size: int = 1, max_size: int = 3) -> tuple[str, ...]:
    return tuple(draw(st.lists(st.sampled_from(pool), unique=True, min_size=min_size, max_size=max_size)))


@st.composite
def gapfree_organizations(draw: st.DrawFn, *, max_size: int = 5) -> Organization:
    """Valid organizations in which :func:`find_gaps` (as of ``AS_OF``) finds nothing.

    Every process has one owner and interacts with the next; every role reaches top management
    and is held by one person and deputised by another; every responsibility has one
    accountable and some responsible roles that hold the authorities it needs; 5.1.1 a is held
    by top management and each of 5.3 a-e is assigned; every objective, risk, opportunity and
    resource is tied to a process; the policy reaches every role and is reviewed in time; risks
    and opportunities are owned and addressed, their actions checked for effect; party
    requirements are owned; nobody audits a process they own.
    """
    size = st.integers(1, max_size)
    n_roles = draw(st.integers(2, 8))
    n_top = draw(st.integers(1, n_roles - 1))
    role_ids = [f"role-{i}" for i in range(n_roles)]
    tops = role_ids[:n_top]
    process_ids = [f"proc-{i}" for i in range(draw(size))]
    authority_ids = [f"auth-{i}" for i in range(draw(st.integers(0, max_size)))]
    resource_ids = [f"res-{i}" for i in range(draw(st.integers(0, max_size)))]

    # Authorities: each held by at least one role.
    held: dict[str, list[str]] = {r: [] for r in role_ids}
    for authority in authority_ids:
        for role in _pick(draw, role_ids, 1, 2):
            held[role].append(authority)

    owner = {p: draw(st.sampled_from(role_ids)) for p in process_ids}
    roles = []
    for i, role_id in enumerate(role_ids):
        top = i < n_top
        bosses = role_ids[:i] if not top else tops[:i]
        reports_to = draw(st.sampled_from(bosses)) if bosses and (not top or draw(st.booleans())) else None
        owned = {p for p, o in owner.items() if o == role_id}
        auditable = [p for p in process_ids if p not in owned]
        roles.append(
            Role(
                id=role_id,
                title=f"Role {i}",
                top_management=top,
                reports_to=reports_to,
                authorities=tuple(held[role_id]),
                audits=_pick(draw, auditable, 0, 2) if auditable else (),
            )
        )
    # One holder and one other deputy for every role.
    people = [
        Person(id=f"person-{i}", name=f"Person {i}", roles=(role_id,), deputy_of=(role_ids[(i + 1) % n_roles],))
        for i, role_id in enumerate(role_ids)
    ]

    needs: dict[str, tuple[str, ...]] = {}

    def responsibility(rid: str, clauses: tuple[str, ...], accountable: str, processes: tuple[str, ...]) -> None:
        responsible = _pick(draw, role_ids, 1, 2)
        shared = set(held[accountable]).intersection(*(held[r] for r in responsible))
        needed = _pick(draw, sorted(shared), 0, 2) if shared else ()
        needs[rid] = needed
        responsibilities.append(
            Responsibility(
                id=rid,
                title=f"Duty {rid}",
                clauses=clauses,
                accountable=(accountable,),
                responsible=responsible,
                consulted=_pick(draw, role_ids, 0, 2),
                informed=_pick(draw, role_ids, 0, 2),
                processes=processes,
                authorities_needed=needed,
            )
        )

    responsibilities: list[Responsibility] = []
    responsibility("resp-effectiveness", ("5.1.1 a",), draw(st.sampled_from(tops)), _pick(draw, process_ids))
    first = process_ids[0]
    responsibility("resp-outputs", ("5.3 b",), owner[first], (first,))
    for item in "acde":
        responsibility(f"resp-5.3-{item}", (f"5.3 {item}",), draw(st.sampled_from(role_ids)), _pick(draw, process_ids))
    for i in range(draw(st.integers(0, max_size))):
        clauses = _pick(draw, list(SAFE_CLAUSES), 0, 3)
        responsibility(f"resp-{i}", clauses, draw(st.sampled_from(role_ids)), _pick(draw, process_ids))

    # Processes: a chain of interactions, resources spread over them.
    uses: dict[str, list[str]] = {p: [] for p in process_ids}
    for resource in resource_ids:
        uses[draw(st.sampled_from(process_ids))].append(resource)
    processes = [
        Process(
            id=p,
            name=f"Process {i}",
            owner=owner[p],
            interacts_with=(process_ids[(i + 1) % len(process_ids)],) if len(process_ids) > 1 else (),
            resources=tuple(uses[p]),
        )
        for i, p in enumerate(process_ids)
    ]
    resources = [Resource(id=r, name=f"Resource {r}", owner=draw(st.sampled_from(role_ids))) for r in resource_ids]

    commitments = tuple(
        Commitment(id=f"commit-{i}", kind=draw(st.sampled_from(list(CommitmentKind)))) for i in range(draw(size))
    )
    commitment_ids = [c.id for c in commitments]
    approved = draw(st.dates(dt.date(2020, 1, 1), AS_OF))
    via_communication = draw(st.booleans())
    policy = QualityPolicy(
        id="policy",
        statement="We make good pumps.",
        commitments=commitments,
        approved_by=draw(st.sampled_from(tops)),
        approved_on=approved,
        next_review=draw(st.dates(AS_OF, dt.date(2030, 12, 31))),
        communicated_to=() if via_communication else tuple(role_ids),
    )
    communications = (
        [Communication(id="comm-policy", subject="The policy", about=("policy",), audience=tuple(role_ids))]
        if via_communication
        else []
    )

    actions: list[Action] = []

    def new_action(prefix: str, evaluated: bool) -> str:
        action_id = f"act-{prefix}-{len(actions)}"
        status = draw(st.sampled_from([ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]))
        actions.append(
            Action(
                id=action_id,
                title=f"Action {action_id}",
                owner=draw(st.sampled_from(role_ids)),
                status=status,
                processes=_pick(draw, process_ids, 0, 2),
                effectiveness=Effectiveness(criterion="It worked") if evaluated else None,
            )
        )
        return action_id

    objectives = [
        QualityObjective(
            id=f"obj-{i}",
            statement=f"Objective {i}",
            supports=_pick(draw, commitment_ids),
            metric="rate",
            target=draw(st.floats(0, 100)),
            due=draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
            owner=draw(st.sampled_from(role_ids)),
            evaluation="monthly review",
            processes=_pick(draw, process_ids),
            actions=tuple(new_action("obj", draw(st.booleans())) for _ in range(draw(st.integers(0, 2)))),
        )
        for i in range(draw(st.integers(0, max_size)))
    ]

    parties = []
    requirement_ids: list[str] = []
    for i in range(draw(st.integers(0, 3))):
        requirements = []
        for j in range(draw(st.integers(0, 2))):
            requirement_ids.append(f"req-{i}-{j}")
            requirements.append(
                PartyRequirement(
                    id=f"req-{i}-{j}",
                    text="Deliver on time",
                    owner=draw(st.sampled_from(role_ids)),
                    processes=_pick(draw, process_ids, 0, 2),
                )
            )
        parties.append(
            InterestedParty(
                id=f"party-{i}",
                name=f"Party {i}",
                kind=draw(st.sampled_from(list(PartyKind))),
                requirements=tuple(requirements),
            )
        )
    sources = requirement_ids + [p.id for p in parties]

    def treatment(prefix: str) -> dict[str, object]:
        if draw(st.booleans()):
            return {"accepted": True, "rationale": "Cheaper to live with"}
        return {"actions": tuple(new_action(prefix, True) for _ in range(draw(st.integers(1, 2))))}

    risks = [
        Risk(
            id=f"risk-{i}",
            title=f"Risk {i}",
            owner=draw(st.sampled_from(role_ids)),
            processes=_pick(draw, process_ids),
            sources=_pick(draw, sources, 0, 2) if sources else (),
            customer_impact=draw(st.booleans()),
            **treatment("risk"),  # type: ignore[arg-type]
        )
        for i in range(draw(st.integers(0, max_size)))
    ]
    opportunities = [
        Opportunity(
            id=f"opp-{i}",
            title=f"Opportunity {i}",
            owner=draw(st.sampled_from(role_ids)),
            processes=_pick(draw, process_ids),
            **treatment("opp"),  # type: ignore[arg-type]
        )
        for i in range(draw(st.integers(0, max_size)))
    ]
    return Organization(
        name="Gap-free Ltd",
        roles=tuple(roles),
        people=tuple(people),
        authorities=tuple(Authority(id=a, title=f"Authority {a}") for a in authority_ids),
        responsibilities=tuple(responsibilities),
        processes=tuple(processes),
        policy=policy,
        objectives=tuple(objectives),
        interested_parties=tuple(parties),
        risks=tuple(risks),
        opportunities=tuple(opportunities),
        actions=tuple(actions),
        communications=tuple(communications),
        resources=tuple(resources),
    )


def _found(graph: OrgGraph) -> set[tuple[GapKind, tuple[str, ...]]]:
    return {(gap.kind, gap.subjects) for gap in find_gaps(graph, as_of=AS_OF)}


@given(gapfree_organizations())
def test_gap_free_organizations_have_no_gaps(org: Organization) -> None:
    """An organization with every gap closed has no gaps."""
    assert find_gaps(OrgGraph.from_organization(org), as_of=AS_OF) == ()


@given(gapfree_organizations(), st.data())
def test_removing_one_accountable_role_gives_exactly_that_gap(org: Organization, data: st.DataObject) -> None:
    """Dropping a responsibility's accountable role reports that responsibility, and 5.1.1 a if it held it."""
    target = data.draw(st.sampled_from(org.responsibilities))
    changed = org.with_elements(attrs.evolve(target, accountable=()))
    expected = {(GapKind.RESPONSIBILITY_WITHOUT_ACCOUNTABLE, (target.id,))}
    if serves(target.clauses, "5.1.1", "a"):
        expected.add((GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE, (target.id,)))
    assert _found(OrgGraph.from_organization(changed)) == expected


@given(gapfree_organizations(), st.data())
def test_removing_one_process_owner_gives_exactly_that_gap(org: Organization, data: st.DataObject) -> None:
    """Dropping a process's owner reports that process, unless a 5.3 b duty of that process alone names one."""
    target = data.draw(st.sampled_from(org.processes))
    changed = org.with_elements(attrs.evolve(target, owner=None))
    stated_elsewhere = any(
        r.processes == (target.id,) and r.accountable and serves(r.clauses, "5.3", "b") for r in org.responsibilities
    )
    expected = set() if stated_elsewhere else {(GapKind.PROCESS_WITHOUT_OWNER, (target.id,))}
    assert _found(OrgGraph.from_organization(changed)) == expected


@given(gapfree_organizations(), st.data())
def test_impact_of_removing_a_holder_matches_the_gaps_after(org: Organization, data: st.DataObject) -> None:
    """impact_of_removing a person on a gap-free organization equals the gaps of the organization without them."""
    person = data.draw(st.sampled_from(org.people))
    graph = OrgGraph.from_organization(org)
    after = OrgGraph.from_organization(org.without([person.id]))
    assert impact_of_removing(graph, [person.id], as_of=AS_OF) == find_gaps(after, as_of=AS_OF)


@given(organizations(), st.dates())
def test_queries_never_raise_and_gaps_are_well_formed(org: Organization, as_of: dt.date) -> None:
    """On any valid organization the queries return sorted gaps about existing elements, with clauses."""
    graph = OrgGraph.from_organization(org)
    gaps = find_gaps(graph, as_of=as_of)
    assert sort_gaps(graph, gaps) == gaps
    assert len(set(gaps)) == len(gaps)
    for gap in gaps:
        assert all(subject in graph for subject in gap.subjects)
        assert gap.clauses
        assert gap.reason.strip()
        assert "\n" not in gap.reason
        assert gap.fix.strip()
        assert "\n" not in gap.fix


@given(organizations())
def test_queries_are_deterministic(org: Organization) -> None:
    """The same organization gives the same gaps, whether the graph is built once or twice."""
    first = find_gaps(OrgGraph.from_organization(org), as_of=AS_OF)
    assert find_gaps(OrgGraph.from_organization(org), as_of=AS_OF) == first


@given(organizations(), st.sampled_from(list(GapKind)))
def test_kinds_filter_keeps_only_those_kinds(org: Organization, kind: GapKind) -> None:
    """find_gaps(kinds=[k]) reports exactly the gaps of kind k that the full run reports."""
    graph = OrgGraph.from_organization(org)
    everything = find_gaps(graph, as_of=AS_OF)
    assert find_gaps(graph, as_of=AS_OF, kinds=[kind]) == tuple(g for g in everything if g.kind is kind)


@given(organizations(), st.data())
def test_impact_of_removing_reports_only_new_gaps(org: Organization, data: st.DataObject) -> None:
    """impact_of_removing returns gaps absent before, about elements that remain."""
    graph = OrgGraph.from_organization(org)
    ids = data.draw(st.lists(st.sampled_from(org.ids()), unique=True, max_size=3))
    before = {(g.kind, g.subjects, g.clauses) for g in find_gaps(graph, as_of=AS_OF)}
    impact = impact_of_removing(graph, ids, as_of=AS_OF)
    for gap in impact:
        assert isinstance(gap, Gap)
        assert (gap.kind, gap.subjects, gap.clauses) not in before
        assert not set(gap.subjects) & set(ids)


@given(organizations())
def test_accountability_chain_starts_at_the_process_and_follows_reporting_lines(org: Organization) -> None:
    """Every process's chain is the process, then roles each reporting to the one after it."""
    graph = OrgGraph.from_organization(org)
    for process in graph.ids(NodeKind.PROCESS):
        chain = accountability_chain(graph, process)
        assert chain[0] == process
        assert len(set(chain)) == len(chain)
        for lower, upper in itertools.pairwise(chain[1:]):
            assert org.get(lower, Role).reports_to == upper
        if len(chain) > 1:
            assert org.get(chain[-1], Role).reports_to is None


@given(gapfree_organizations())
def test_one_person_holding_every_role(org: Organization) -> None:
    """One person holding every role needs no reporting lines nor policy briefings, and must audit from outside.

    Every role loses its reporting line and the policy its audience: there is still no reporting
    or policy gap. Every audit of a process is now the one person auditing their own work, each
    reported once with an external or second-party auditor as the fix.
    """
    assert org.policy is not None
    sole = Person(id="sole-trader", name="Sole Trader", roles=tuple(role.id for role in org.roles))
    changed = org.evolve(
        roles=tuple(attrs.evolve(role, reports_to=None) for role in org.roles),
        people=(sole,),
        policy=attrs.evolve(org.policy, communicated_to=()),
        communications=(),
    )
    graph = OrgGraph.from_organization(changed)
    assert reporting_gaps(graph) == ()
    assert policy_gaps(graph, as_of=AS_OF) == ()
    gaps = segregation_of_duties_gaps(graph)
    found = [(gap.subjects[0], gap.subjects[2], gap.subjects[1]) for gap in gaps]
    assert len(found) == len(set(found))
    assert set(found) == {("sole-trader", role.id, process) for role in org.roles for process in role.audits}
    assert all("an external or second-party auditor" in gap.fix for gap in gaps)


@given(organizations())
def test_every_self_audit_gap_is_someone_auditing_their_own_work(org: Organization) -> None:
    """Each self-audit gap is a role, or a person through two roles, auditing a process it answers for, once per role and process."""
    graph = OrgGraph.from_organization(org)
    pairs = []
    for gap in segregation_of_duties_gaps(graph):
        assert gap.kind is GapKind.SELF_AUDIT
        assert gap.clauses == ("9.2.2 c",)
        if len(gap.subjects) == 2:
            role, process = gap.subjects
            assert role in accountable_roles(graph, process)
        else:
            person, process, role, other = gap.subjects
            assert role != other
            assert {role, other} <= set(org.get(person, Person).all_roles)
            assert role not in accountable_roles(graph, process)
            assert other in accountable_roles(graph, process)
        assert process in org.get(role, Role).audits
        pairs.append((role, process))
    assert len(pairs) == len(set(pairs))
    for role in org.roles:
        for process in role.audits:
            answerable = accountable_roles(graph, process)
            holders = [p for p in org.people if role.id in p.all_roles]
            faulty = role.id in answerable or any(set(p.all_roles) & (set(answerable) - {role.id}) for p in holders)
            assert ((role.id, process) in pairs) is faulty
