"""Injections: each adds at least one gap of its kind to an organization.

Injections mostly add new elements, which cannot take an existing gap away; the few that change
existing elements run first or touch only what their own kind looks at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from hypothesis import strategies as st

from iso9001_leadership.clauses import serves
from iso9001_leadership.model import (
    Action,
    Authority,
    InterestedParty,
    Organization,
    PartyRequirement,
    Person,
    Process,
    QualityObjective,
    Resource,
    Responsibility,
    Risk,
    Role,
)
from iso9001_leadership.queries import DEFAULT_MAX_DIRECT_REPORTS, GapKind, without_elements

from ._edits import anchor_role, fresh_id, new_policy, policy_of, top_roles, with_changes

__all__ = ["inject"]

_Inject = Callable[[st.DrawFn, Organization], Organization]


def _other_role(org: Organization) -> tuple[Organization, str]:
    """A role other than the anchor, added (reporting to the anchor) when there is none."""
    anchor = anchor_role(org)
    for role in org.roles:
        if role.id != anchor:
            return org, role.id
    role = Role(id=fresh_id(org, "role"), title="Generated role", reports_to=anchor)
    return org.with_elements(role), role.id


def _new_role(org: Organization, stem: str) -> tuple[Organization, str]:
    role = Role(id=fresh_id(org, stem), title="Generated role", reports_to=anchor_role(org))
    return org.with_elements(role), role.id


def _drop_item(clauses: tuple[str, ...], number: str, item: str) -> tuple[str, ...]:
    """``clauses`` without any citation of one lettered item.

    A range loses just that item; a citation of the whole clause (which covers every item) is
    dropped whole.
    """
    kept: list[str] = []
    for clause in clauses:
        if not serves([clause], number, item):
            kept.append(clause)
            continue
        if clause == number:
            continue
        token = clause.split(" ")[1]
        low, _, high = token.partition("-")
        if high and len(low) == len(high) == 1:
            kept.extend(f"{number} {chr(c)}" for c in range(ord(low), ord(high) + 1) if chr(c) != item)
    return tuple(dict.fromkeys(kept))


def _add_process_without_owner(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Process(id=fresh_id(org, "unowned-process"), name="Unowned process"))


def _add_several_owners(draw: st.DrawFn, org: Organization) -> Organization:
    org, other = _other_role(org)
    process = Process(id=fresh_id(org, "shared-process"), name="Shared process", owner=anchor_role(org))
    org = org.with_elements(process)
    responsibility = Responsibility(
        id=fresh_id(org, "process-outputs"),
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
        id=fresh_id(org, "responsibility"),
        title="Generated responsibility",
        accountable=accountable,
        responsible=responsible,
        authorities_needed=authorities_needed,
    )
    return org.with_elements(responsibility)


def _add_without_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    return _add_responsibility(org, responsible=(anchor_role(org),))


def _add_several_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    org, other = _other_role(org)
    anchor = anchor_role(org)
    return _add_responsibility(org, accountable=(anchor, other), responsible=(anchor,))


def _add_without_responsible(draw: st.DrawFn, org: Organization) -> Organization:
    return _add_responsibility(org, accountable=(anchor_role(org),))


def _add_top_not_accountable(draw: st.DrawFn, org: Organization) -> Organization:
    tops = set(top_roles(org))
    for responsibility in org.responsibilities:
        if tops.intersection(responsibility.accountable) and serves(responsibility.clauses, "5.1.1", "a"):
            org = with_changes(org, responsibility.id, clauses=_drop_item(responsibility.clauses, "5.1.1", "a"))
    return org


def _add_duty_unassigned(draw: st.DrawFn, org: Organization) -> Organization:
    # Not item b: a process owner assigns it too, and owners come and go with other injections.
    item = draw(st.sampled_from("acde"))
    for responsibility in org.responsibilities:
        if serves(responsibility.clauses, "5.3", item):
            org = with_changes(org, responsibility.id, clauses=_drop_item(responsibility.clauses, "5.3", item))
    return org


def _add_missing_authority(draw: st.DrawFn, org: Organization) -> Organization:
    authority = Authority(id=fresh_id(org, "authority"), title="Generated authority")
    org = org.with_elements(authority)
    anchor = anchor_role(org)
    return _add_responsibility(org, accountable=(anchor,), responsible=(anchor,), authorities_needed=(authority.id,))


def _add_unheld_authority(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Authority(id=fresh_id(org, "authority"), title="Authority nobody holds"))


def _add_not_in_process(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Resource(id=fresh_id(org, "resource"), name="Resource no process needs"))


def _add_isolated_process(draw: st.DrawFn, org: Organization) -> Organization:
    org = org.with_elements(Process(id=fresh_id(org, "isolated-process"), name="Isolated process"))
    if len(org.processes) < 2:
        org = org.with_elements(Process(id=fresh_id(org, "isolated-process"), name="Isolated process"))
    return org


def _add_reporting_line_broken(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Role(id=fresh_id(org, "detached-role"), title="Role reporting to no one"))


def _add_span_of_control(draw: st.DrawFn, org: Organization) -> Organization:
    anchor = anchor_role(org)
    reports = sum(1 for role in org.roles if role.reports_to == anchor)
    for _ in range(DEFAULT_MAX_DIRECT_REPORTS + 1 - reports):
        org = org.with_elements(Role(id=fresh_id(org, "team-member"), title="Team member", reports_to=anchor))
    return org


def _add_unstaffed_role(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "vacant-role")
    return org.with_elements(Process(id=fresh_id(org, "process"), name="Process of a vacant role", owner=role))


def _add_single_point(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "sole-role")
    org = org.with_elements(Person(id=fresh_id(org, "person"), name="Only holder", roles=(role,)))
    return org.with_elements(Process(id=fresh_id(org, "process"), name="Process of a sole holder", owner=role))


def _add_policy_not_communicated(draw: st.DrawFn, org: Organization) -> Organization:
    org, role = _new_role(org, "uninformed-role")
    return _add_responsibility(org, accountable=(role,), responsible=(role,))


def _add_review_overdue(draw: st.DrawFn, org: Organization) -> Organization:
    return org.evolve(policy=attrs.evolve(policy_of(org), next_review=None))


def _add_objective(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(QualityObjective(id=fresh_id(org, "objective"), statement="Generated objective"))


def _add_risk(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Risk(id=fresh_id(org, "risk"), title="Untreated risk"))


def _add_unevaluated_action(draw: st.DrawFn, org: Organization) -> Organization:
    action = Action(id=fresh_id(org, "action"), title="Action nobody evaluates")
    org = org.with_elements(action)
    return org.with_elements(Risk(id=fresh_id(org, "risk"), title="Treated risk", actions=(action.id,)))


def _add_unowned_requirement(draw: st.DrawFn, org: Organization) -> Organization:
    party_id = fresh_id(org, "party")
    requirement = PartyRequirement(id=fresh_id(org, "requirement", [party_id]), text="A requirement nobody owns")
    return org.with_elements(InterestedParty(id=party_id, name="Generated party", requirements=(requirement,)))


def _add_customer_risk(draw: st.DrawFn, org: Organization) -> Organization:
    return org.with_elements(Risk(id=fresh_id(org, "risk"), title="Customer risk", customer_impact=True))


def _add_self_audit(draw: st.DrawFn, org: Organization) -> Organization:
    anchor = org.get(anchor_role(org), Role)
    process = Process(id=fresh_id(org, "process"), name="Self-audited process", owner=anchor.id)
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


def inject(draw: st.DrawFn, org: Organization, kinds: Sequence[GapKind]) -> Organization:
    """``org`` with at least one gap of each kind in ``kinds``, in the order :class:`~iso9001_leadership.GapKind` declares them."""
    if GapKind.NO_TOP_MANAGEMENT in kinds:
        org = org.evolve(roles=tuple(attrs.evolve(role, top_management=False) for role in org.roles))
    elif not top_roles(org) and {GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE, GapKind.REPORTING_LINE_BROKEN} & set(kinds):
        org = with_changes(org, org.roles[0].id, top_management=True, reports_to=None)
    if GapKind.NO_POLICY in kinds and org.policy is not None:
        org = without_elements(org, [org.policy.id])
    elif org.policy is None and {GapKind.POLICY_NOT_COMMUNICATED, GapKind.POLICY_REVIEW_OVERDUE} & set(kinds):
        org = org.evolve(policy=new_policy(org, None))
    for kind in kinds:
        if kind in _INJECTIONS:
            org = _INJECTIONS[kind](draw, org)
    return org
