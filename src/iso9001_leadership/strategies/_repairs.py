"""Repairs: each removes every gap of its kind from an organization.

Repairs run in the order of ``_REPAIRS``, chosen so that a repair never creates a gap of a kind
repaired before it (it may create gaps of later kinds, which their own repair then removes); so
one pass over the wanted kinds leaves none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs

from iso9001_leadership._names import meaningful
from iso9001_leadership.clauses import serves
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import (
    Commitment,
    CommitmentKind,
    Effectiveness,
    EntityKind,
    InterestedParty,
    Opportunity,
    Organization,
    Person,
    Process,
    QualityObjective,
    Responsibility,
    Risk,
    Role,
)
from iso9001_leadership.queries import Gap, GapKind, accountable_roles, find_gaps

from ._edits import FAR_REVIEW, anchor_role, fresh_id, new_policy, policy_of, top_roles, with_changes

__all__ = ["repair"]

#: The due date a repaired objective gets.
_OBJECTIVE_DUE = dt.date(2030, 12, 31)


def _owns_one_process(responsibility: Responsibility) -> bool:
    return len(responsibility.processes) == 1 and serves(responsibility.clauses, "5.3", "b")


def _ensure_processes(org: Organization, count: int) -> Organization:
    """At least ``count`` processes; new ones are owned by the anchor role and interact with the first."""
    while len(org.processes) < count:
        first = org.processes[0].id if org.processes else None
        process = Process(
            id=fresh_id(org, "process"),
            name="Generated process",
            owner=anchor_role(org),
            interacts_with=(first,) if first else (),
        )
        org = org.with_elements(process)
    return org


_Repair = Callable[[Organization, tuple[Gap, ...], "dt.date | None"], Organization]


def _fix_no_top(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return with_changes(org, org.roles[0].id, top_management=True, reports_to=None)


def _fix_reporting_line(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    top = top_roles(org)[0]
    for gap in gaps:
        org = with_changes(org, gap.subjects[0], reports_to=top)
    return org


def _fix_span(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    # Rebuild the reporting lines as one chain under the first top-management role: every role
    # then has at most one direct report, and every line still reaches top management.
    tops = top_roles(org)
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
        org = with_changes(org, process, owner=keeper)
        for responsibility in org.responsibilities:
            if _owns_one_process(responsibility) and responsibility.processes == (process,):
                org = with_changes(org, responsibility.id, accountable=(keeper,))
    return org


def _fix_without_owner(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = anchor_role(org)
    for gap in gaps:
        org = with_changes(org, gap.subjects[0], owner=anchor)
    return org


def _fix_without_accountable(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    graph = OrgGraph.from_organization(org)
    anchor = anchor_role(org)
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        role = anchor
        if _owns_one_process(responsibility):
            # Agree with whoever already answers for the process, so it keeps one accountable role.
            answerable = accountable_roles(graph, responsibility.processes[0])
            role = answerable[0] if answerable else anchor
        org = with_changes(org, responsibility.id, accountable=(role,))
    return org


def _fix_several_accountable(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        candidates = gap.subjects[1:]
        keep = candidates[0]
        if _owns_one_process(responsibility):
            owner = org.get(responsibility.processes[0], Process).owner
            keep = owner if owner in candidates else keep
        org = with_changes(org, responsibility.id, accountable=(keep,))
    return org


def _fix_without_responsible(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = anchor_role(org)
    for gap in gaps:
        responsibility = org.get(gap.subjects[0], Responsibility)
        role = responsibility.accountable[0] if responsibility.accountable else anchor
        org = with_changes(org, responsibility.id, responsible=(role,))
    return org


def _fix_top_accountability(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    tops = set(top_roles(org))
    for responsibility in org.responsibilities:
        if tops.intersection(responsibility.accountable):
            # A clause citation changes nothing but this query's answer.
            return with_changes(org, responsibility.id, clauses=(*responsibility.clauses, "5.1.1 a"))
    top = top_roles(org)[0]
    responsibility = Responsibility(
        id=fresh_id(org, "qms-effectiveness"),
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
    anchor = anchor_role(org)
    responsibility = Responsibility(
        id=fresh_id(org, "leadership-duties"),
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
            org = with_changes(org, subject, processes=wanted)
        else:
            org = with_changes(org, subject, processes=(first,))
    return org


def _fix_isolated(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        process = org.get(gap.subjects[0], Process)
        other = next(p.id for p in org.processes if p.id != process.id)
        org = org.with_elements(attrs.evolve(process, interacts_with=(*process.interacts_with, other)))
    return org


def _fix_no_policy(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return org.evolve(policy=new_policy(org, as_of))


def _fix_review(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    policy = policy_of(org)
    dates = [d for d in (FAR_REVIEW, as_of, policy.approved_on) if d is not None]
    return org.evolve(policy=attrs.evolve(policy, next_review=max(dates)))


def _fix_objective_commitment(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    if org.policy is None:
        org = org.evolve(policy=new_policy(org, as_of))
    policy = policy_of(org)
    if not policy.commitments:
        commitment = Commitment(id=fresh_id(org, "commitment"), kind=CommitmentKind.SATISFY_REQUIREMENTS)
        org = org.evolve(policy=attrs.evolve(policy, commitments=(commitment,)))
    commitment_id = policy_of(org).commitments[0].id
    for gap in gaps:
        org = with_changes(org, gap.subjects[0], supports=(commitment_id,))
    return org


def _fix_objective_plan(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = anchor_role(org)
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
        # (first doer, responsibility, missing authorities..., other doers...): the first doer gets them.
        role = org.get(gap.subjects[0], Role)
        needed = org.get(gap.subjects[1], Responsibility).authorities_needed
        missing = [a for a in needed if a not in role.authorities]
        org = org.with_elements(attrs.evolve(role, authorities=(*role.authorities, *missing)))
    return org


def _fix_unheld_authority(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    role = org.get(anchor_role(org), Role)
    unheld = [gap.subjects[0] for gap in gaps]
    return org.with_elements(attrs.evolve(role, authorities=(*role.authorities, *unheld)))


def _fix_self_audit(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        # (role, process), or (person, process, auditing role, accountable role): the auditing
        # role stops auditing the process either way.
        process = gap.subjects[1]
        role = org.get(gap.subjects[2] if len(gap.subjects) == 4 else gap.subjects[0], Role)
        org = org.with_elements(attrs.evolve(role, audits=tuple(p for p in role.audits if p != process)))
    return org


def _fix_unstaffed(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        role = gap.subjects[0]
        holder = Person(id=fresh_id(org, "person"), name="Generated role holder", roles=(role,))
        org = org.with_elements(holder)
        deputy = Person(id=fresh_id(org, "person"), name="Generated deputy", deputy_of=(role,))
        org = org.with_elements(deputy)
    return org


def _fix_single_point(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        deputy = Person(id=fresh_id(org, "person"), name="Generated deputy", deputy_of=gap.subjects[1:])
        org = org.with_elements(deputy)
    return org


def _fix_policy_communication(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    policy = policy_of(org)
    missing = [role for gap in gaps for role in gap.subjects[1:] if role not in policy.communicated_to]
    return org.evolve(policy=attrs.evolve(policy, communicated_to=(*policy.communicated_to, *missing)))


def _fix_unowned_risk(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = anchor_role(org)
    for gap in gaps:
        org = with_changes(org, gap.subjects[0], owner=anchor)
    return org


def _fix_untreated(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        element = org[gap.subjects[0]]
        assert isinstance(element, Risk | Opportunity)
        rationale = (
            element.rationale if meaningful(element.rationale) else "Knowingly accepted: acting would cost more."
        )
        org = org.with_elements(attrs.evolve(element, accepted=True, rationale=rationale))
    return org


def _fix_unevaluated_action(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    for gap in gaps:
        org = with_changes(org, gap.subjects[0], effectiveness=Effectiveness(criterion="The risk did not occur."))
    return org


def _fix_unowned_requirement(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    anchor = anchor_role(org)
    for gap in gaps:
        requirement_id, party_id = gap.subjects[0], gap.subjects[1]
        party = org.get(party_id, InterestedParty)
        requirements = tuple(attrs.evolve(r, owner=anchor) if r.id == requirement_id else r for r in party.requirements)
        org = org.with_elements(attrs.evolve(party, requirements=requirements))
    return org


def _no_fix(org: Organization, gaps: tuple[Gap, ...], as_of: dt.date | None) -> Organization:
    return org  # an Organization cannot have this gap


#: Every kind's repair, in the order they run (see the module docstring).
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


def repair(org: Organization, kinds: Sequence[GapKind], as_of: dt.date | None) -> Organization:
    """``org`` without any gap of the kinds in ``kinds`` on the date ``as_of``.

    The gaps of every kind still to repair are found in one pass over one graph, and found
    again only after a repair has changed the organization: most kinds have no gap to repair,
    and a graph per kind would cost more than drawing the organization.
    """
    wanted = set(kinds)
    order = [(kind, fix) for kind, fix in _REPAIRS if kind in wanted]
    graph: OrgGraph | None = None
    found: dict[GapKind, list[Gap]] = {}
    for position, (kind, fix) in enumerate(order):
        if graph is None:
            graph = OrgGraph.from_organization(org)
            found = _by_kind(find_gaps(graph, as_of=as_of, kinds=[k for k, _ in order[position:]]))
        if kind in found:
            org = fix(org, tuple(found[kind]), as_of)
            graph = None
    left = find_gaps(graph if graph is not None else OrgGraph.from_organization(org), as_of=as_of, kinds=kinds)
    if left:  # pragma: no cover - the repairs are built so that this cannot happen
        msg = f"internal error: the repairs left gaps: {[str(gap) for gap in left]}"
        raise AssertionError(msg)
    return org


def _by_kind(gaps: Sequence[Gap]) -> dict[GapKind, list[Gap]]:
    """The gaps grouped by kind, each group in the order found."""
    grouped: dict[GapKind, list[Gap]] = {}
    for gap in gaps:
        grouped.setdefault(gap.kind, []).append(gap)
    return grouped
