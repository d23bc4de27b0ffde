"""The bundled example organization: it loads, it is big enough, it round-trips, and its planted gaps are the only ones.

The planted gaps are listed in ``examples/README.md``; ``PLANTED`` below mirrors that table and a
test keeps the two in step. ``_findings`` is a small, self-contained reading of the leadership
checks the gap queries will run (listed at the end of examples/README.md): it lets this test prove
that the example is clean apart from what was planted, before the graph and the queries exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import iso9001_leadership as iso
from iso9001_leadership import (
    Action,
    Communication,
    Effectiveness,
    EntityKind,
    InterestedParty,
    ManagementReview,
    Opportunity,
    Organization,
    PartyRequirement,
    Person,
    Process,
    QualityObjective,
    Responsibility,
    ReviewInput,
    Risk,
    Role,
)
from iso9001_leadership.io import Format, parse_yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "precision-pumps" / "organization.yaml"
README = EXAMPLES / "README.md"

#: The day the example is a snapshot of.
AS_OF = dt.date(2026, 11, 24)

#: Top-level duties that must each have an accountable role (5.3 a-e).
DUTIES_5_3 = ("5.3 a", "5.3 b", "5.3 c", "5.3 d", "5.3 e")

#: The most direct reports a role may have before it counts as a span-of-control outlier.
MAX_SPAN = 10

Finding = tuple[str, ...]


@pytest.fixture(scope="module")
def org() -> Organization:
    """The example organization, loaded once."""
    return iso.load(EXAMPLE)


# --------------------------------------------------------------------------------------------
# A compact reading of the gap checks, used only to prove the example holds no unplanned gap.
# --------------------------------------------------------------------------------------------


def _holders(org: Organization) -> dict[str, list[str]]:
    """Who holds each role on the day of the snapshot (people who left hold none)."""
    holders: dict[str, list[str]] = {role.id: [] for role in org.roles}
    for person in org.people:
        for role_id in person.roles_on(AS_OF):
            holders[role_id].append(person.id)
    return holders


def _structure_findings(org: Organization) -> set[Finding]:
    """Processes, RACI, authorities, integration into processes, reporting lines, deputies."""
    found: set[Finding] = set()
    role = {r.id: r for r in org.roles}
    interacting = {p.id for p in org.processes if p.interacts_with}
    interacting |= {target for p in org.processes for target in p.interacts_with}
    for process in org.processes:
        if process.owner is None:
            found.add(("process-no-owner", process.id))
        if process.id not in interacting:
            found.add(("process-isolated", process.id))

    for resp in org.responsibilities:
        if not resp.responsible:
            found.add(("no-responsible", resp.id))
        if len(resp.accountable) != 1:
            found.add(("accountable-count", resp.id))
        # The doer or the accountable role may hold a needed authority: one of them must.
        doers = (*resp.accountable, *resp.responsible)
        usable = {a for role_id in doers for a in role[role_id].authorities}
        for authority in resp.authorities_needed:
            if doers and authority not in usable:
                found.add(("missing-authority", resp.id, authority))
    top_accountable = any(
        "5.1.1 a" in resp.clauses and any(role[a].top_management for a in resp.accountable)
        for resp in org.responsibilities
    )
    if not top_accountable:
        found.add(("top-management-not-accountable", "5.1.1 a"))
    for duty in DUTIES_5_3:
        if not any(duty in resp.clauses and resp.accountable for resp in org.responsibilities):
            found.add(("duty-unassigned", duty))
    held = {a for r in org.roles for a in r.authorities}
    found |= {("authority-unheld", a.id) for a in org.authorities if a.id not in held}

    in_process = {res for p in org.processes for res in p.resources}
    tied: list[Responsibility | QualityObjective | Risk | Opportunity] = [
        *org.responsibilities,
        *org.objectives,
        *org.risks,
        *org.opportunities,
    ]
    found |= {("not-in-process", e.id) for e in tied if not e.processes}
    found |= {("not-in-process", r.id) for r in org.resources if r.id not in in_process}

    reports: dict[str, int] = {}
    for r in org.roles:
        seen: set[str] = set()
        current: Role | None = r
        while current is not None and not current.top_management and current.id not in seen:
            seen.add(current.id)
            current = role.get(current.reports_to) if current.reports_to else None
        if current is None or not current.top_management:
            found.add(("chain-broken", r.id))
        if r.reports_to:
            reports[r.reports_to] = reports.get(r.reports_to, 0) + 1
    found |= {("span", boss) for boss, count in reports.items() if count > MAX_SPAN}

    duty_holders = {x for resp in org.responsibilities for x in (*resp.accountable, *resp.responsible)}
    found |= {("role-without-authority", r.id) for r in org.roles if not r.authorities}
    found |= {("role-without-duty", r.id) for r in org.roles if r.id not in duty_holders}

    holders = _holders(org)
    found |= {("vacant", role_id) for role_id, people in holders.items() if not people}
    present = [p for p in org.people if p.present(AS_OF)]
    found |= {("no-role", p.id) for p in present if not p.roles_on(AS_OF)}
    critical = {p.owner for p in org.processes if p.owner} | {a for r in org.responsibilities for a in r.accountable}
    for role_id in critical:
        deputies = [p.id for p in present if role_id in p.deputy_of and role_id not in p.roles]
        if len(holders[role_id]) < 2 and not deputies:
            found.add(("no-deputy", role_id))
    for r in org.roles:
        accountable_for = {p.id for p in org.processes if p.owner == r.id}
        accountable_for |= {p for resp in org.responsibilities if r.id in resp.accountable for p in resp.processes}
        found |= {("self-audit", r.id, p) for p in r.audits if p in accountable_for}
    return found


def _planning_findings(org: Organization, as_of: dt.date) -> set[Finding]:
    """Policy, objectives, context, parties, risks and actions, reviews, and stale dates."""
    found: set[Finding] = set()
    policy = org.policy
    if policy is None:
        return {("no-policy",)}
    if policy.approved_by is None or not any(r.id == policy.approved_by and r.top_management for r in org.roles):
        found.add(("policy-not-approved-by-top-management", policy.id))
    if policy.next_review is None or policy.next_review <= as_of:
        found.add(("policy-review-overdue", policy.id))
    duty_holders = {x for r in org.responsibilities for x in (*r.accountable, *r.responsible)}
    found |= {("policy-not-communicated", x) for x in duty_holders if x not in policy.communicated_to}

    for objective in org.objectives:
        if not objective.supports:
            found.add(("objective-no-commitment", objective.id))
        for name in ("metric", "target", "owner", "due", "evaluation"):
            if getattr(objective, name) in (None, ""):
                found.add(("objective-incomplete", objective.id, name))
        if not objective.actions:
            found.add(("objective-no-action", objective.id))
        if objective.due is not None and objective.due < as_of and not objective.on_target():
            found.add(("objective-missed", objective.id))

    if not any(issue.climate and issue.rationale.strip() for issue in org.context_issues):
        found.add(("no-climate-decision",))
    found |= {("requirement-no-owner", req.id) for req in org.party_requirements if req.owner is None}

    on_register: set[str] = set()
    entries: list[Risk | Opportunity] = [*org.risks, *org.opportunities]
    for entry in entries:
        on_register.update(entry.actions)
        if entry.owner is None:
            found.add(("no-owner", entry.id))
        if not entry.actions and not (entry.accepted and entry.rationale.strip()):
            found.add(("untreated", entry.id))
        if entry.customer_impact and not entry.actions:
            found.add(("customer-impact-untreated", entry.id))
        if entry.review_on is not None and entry.review_on < as_of:
            found.add(("register-review-overdue", entry.id))
    actions = {a.id: a for a in org.actions}
    found |= {("no-effectiveness", a) for a in sorted(on_register) if actions[a].effectiveness is None}
    for action in org.actions:
        if action.status.value not in {"done", "cancelled"} and (action.due is None or action.due < as_of):
            found.add(("action-overdue", action.id))
        if not action.processes:
            found.add(("not-in-process", action.id))
        eff = action.effectiveness
        if eff is not None and eff.evaluated_on is None and (eff.evaluate_by is None or eff.evaluate_by < as_of):
            found.add(("evaluation-overdue", action.id))

    for communication in org.communications:
        period, last = communication.period, communication.last_on
        if period is not None and last is not None and period.after(last) + dt.timedelta(days=31) < as_of:
            found.add(("communication-overdue", communication.id))

    top = {r.id for r in org.top_management}
    for review in org.reviews:
        if review.chair not in top:
            found.add(("review-chair", review.id))
    # Inputs are judged across the reviews of the last twelve months (the latest always counts).
    reviews = sorted(org.reviews, key=lambda r: r.held_on)
    programme = [r for r in reviews if 0 <= (as_of - r.held_on).days <= 366] or reviews[-1:]
    covered = {i for review in programme for i in review.inputs}
    found |= {("review-input-missing", i.value) for i in ReviewInput if programme and i not in covered}
    return found


def _findings(org: Organization, as_of: dt.date = AS_OF) -> set[Finding]:
    """Every gap the leadership checks would report on ``org``."""
    return _structure_findings(org) | _planning_findings(org, as_of)


# --------------------------------------------------------------------------------------------
# The planted gaps: the fact that makes each one, the finding it causes, and its fix.
# --------------------------------------------------------------------------------------------


def _evolve(org: Organization, element_id: str, **changes: Any) -> Organization:
    """``org`` with one top-level element changed."""
    return org.with_elements(attrs.evolve(org[element_id], **changes))


def _fix_energy_risk(org: Organization) -> Organization:
    action = Action(
        id="act-energy-audit",
        title="Energy audit of test and paint, with a fixed-price contract for half the load",
        owner="cfo",
        due=dt.date(2027, 3, 31),
        status=iso.ActionStatus.PLANNED,
        processes=("proc-production",),
        effectiveness=Effectiveness(
            criterion="Energy cost per pump below 2026 level", evaluate_by=dt.date(2027, 9, 30)
        ),
    )
    return _evolve(org.with_elements(action), "risk-energy-price", actions=("act-energy-audit",))


def _fix_self_audit(org: Organization) -> Organization:
    auditor = org.get("internal-auditor", Role)
    org = _evolve(org, "internal-auditor", audits=(*auditor.audits, "proc-maintenance"))
    return _evolve(org, "maintenance-manager", audits=("proc-logistics",))


def _fix_review(org: Organization) -> Organization:
    review = org.get("mr-2026-06", ManagementReview)
    return _evolve(org, "mr-2026-06", inputs=(*review.inputs, ReviewInput.EXTERNAL_PROVIDERS))


def _fix_requirement(org: Organization) -> Organization:
    party = org.get("ip-oem-customers", InterestedParty)
    requirements = tuple(
        attrs.evolve(req, owner="purchasing-manager") if req.id == "req-oem-material-certs" else req
        for req in party.requirements
    )
    return _evolve(org, "ip-oem-customers", requirements=requirements)


@attrs.frozen
class Planted:
    """One planted gap: its number and ids as in examples/README.md, its fact, finding and fix."""

    number: int
    ids: tuple[str, ...]
    fact: Callable[[Organization], bool]
    finding: Finding
    fix: Callable[[Organization], Organization]


PLANTED: tuple[Planted, ...] = (
    Planted(
        1,
        ("proc-calibration",),
        lambda o: o.get("proc-calibration", Process).owner is None,
        ("process-no-owner", "proc-calibration"),
        lambda o: _evolve(o, "proc-calibration", owner="quality-manager"),
    ),
    Planted(
        2,
        ("resp-supplier-evaluation", "purchasing-manager", "quality-manager"),
        lambda o: (
            o.get("resp-supplier-evaluation", Responsibility).accountable == ("purchasing-manager", "quality-manager")
        ),
        ("accountable-count", "resp-supplier-evaluation"),
        lambda o: _evolve(o, "resp-supplier-evaluation", accountable=("purchasing-manager",)),
    ),
    Planted(
        3,
        ("resp-warranty", "service-manager", "service-technician-lead", "auth-warranty"),
        lambda o: (
            o.get("resp-warranty", Responsibility).accountable == ("service-manager",)
            and "auth-warranty" in o.get("resp-warranty", Responsibility).authorities_needed
            and "auth-warranty" not in o.get("service-manager", Role).authorities
            and "auth-warranty" not in o.get("service-technician-lead", Role).authorities
        ),
        ("missing-authority", "resp-warranty", "auth-warranty"),
        lambda o: _evolve(
            o, "service-manager", authorities=(*o.get("service-manager", Role).authorities, "auth-warranty")
        ),
    ),
    Planted(
        4,
        ("obj-oee-machining",),
        lambda o: o.get("obj-oee-machining", QualityObjective).supports == (),
        ("objective-no-commitment", "obj-oee-machining"),
        lambda o: _evolve(o, "obj-oee-machining", supports=("commit-improvement",)),
    ),
    Planted(
        5,
        ("risk-energy-price",),
        lambda o: (r := o.get("risk-energy-price", Risk)).actions == () and not r.accepted,
        ("untreated", "risk-energy-price"),
        _fix_energy_risk,
    ),
    Planted(
        6,
        ("act-casting-safety-stock", "risk-casting-supply"),
        lambda o: (
            o.get("act-casting-safety-stock", Action).effectiveness is None
            and "act-casting-safety-stock" in o.get("risk-casting-supply", Risk).actions
        ),
        ("no-effectiveness", "act-casting-safety-stock"),
        lambda o: _evolve(
            o,
            "act-casting-safety-stock",
            effectiveness=Effectiveness(
                criterion="No assembly stop for missing castings in six months", evaluate_by=dt.date(2027, 4, 30)
            ),
        ),
    ),
    Planted(
        7,
        ("sustainability-coordinator",),
        lambda o: (r := o.get("sustainability-coordinator", Role)).reports_to is None and not r.top_management,
        ("chain-broken", "sustainability-coordinator"),
        lambda o: _evolve(o, "sustainability-coordinator", reports_to="coo"),
    ),
    Planted(
        8,
        ("req-oem-material-certs", "ip-oem-customers"),
        lambda o: (
            o.get("req-oem-material-certs", PartyRequirement).owner is None
            and o.path_of("req-oem-material-certs").startswith(o.path_of("ip-oem-customers"))
        ),
        ("requirement-no-owner", "req-oem-material-certs"),
        _fix_requirement,
    ),
    Planted(
        9,
        ("maintenance-manager", "proc-maintenance"),
        lambda o: (
            "proc-maintenance" in o.get("maintenance-manager", Role).audits
            and o.get("proc-maintenance", Process).owner == "maintenance-manager"
        ),
        ("self-audit", "maintenance-manager", "proc-maintenance"),
        _fix_self_audit,
    ),
    Planted(
        10,
        ("mr-2025-12", "mr-2026-06"),
        lambda o: all(ReviewInput.EXTERNAL_PROVIDERS not in r.inputs for r in o.reviews),
        ("review-input-missing", "external_providers"),
        _fix_review,
    ),
    Planted(
        11,
        ("act-mfa",),
        lambda o: (a := o.get("act-mfa", Action)).due is not None and a.due < AS_OF and a.status.value == "in_progress",
        ("action-overdue", "act-mfa"),
        lambda o: _evolve(o, "act-mfa", due=dt.date(2027, 1, 29)),
    ),
    Planted(
        12,
        ("comm-qms-importance",),
        lambda o: o.get("comm-qms-importance", Communication).last_on == dt.date(2025, 9, 18),
        ("communication-overdue", "comm-qms-importance"),
        lambda o: _evolve(o, "comm-qms-importance", last_on=dt.date(2026, 10, 2)),
    ),
    Planted(
        13,
        ("ehs-manager",),
        lambda o: (
            o.get("p-ole-thygesen", Person).left == dt.date(2026, 8, 14)
            and not any("ehs-manager" in p.roles_on(AS_OF) for p in o.people)
        ),
        ("vacant", "ehs-manager"),
        lambda o: o.with_elements(
            Person(id="p-lene-vad", name="Lene Vad", roles=("ehs-manager",), joined=dt.date(2026, 11, 2))
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_example_loads_cleanly(org: Organization) -> None:
    """The example file loads without a single problem."""
    assert org.name == "Nordhavn Precision Pumps A/S"
    assert org.policy is not None


@pytest.mark.parametrize(
    ("kind", "minimum"),
    [
        (EntityKind.ROLE, 30),
        (EntityKind.PERSON, 30),
        (EntityKind.AUTHORITY, 10),
        (EntityKind.RESPONSIBILITY, 20),
        (EntityKind.PROCESS, 10),
        (EntityKind.POLICY, 1),
        (EntityKind.OBJECTIVE, 6),
        (EntityKind.REVIEW, 2),
        (EntityKind.INTERESTED_PARTY, 5),
        (EntityKind.RESOURCE, 5),
        (EntityKind.EVIDENCE, 5),
    ],
)
def test_example_meets_size_minimum(org: Organization, kind: EntityKind, minimum: int) -> None:
    """The example has at least the promised number of elements of each kind."""
    assert len(org.ids(kind)) >= minimum


def test_example_has_enough_risks_and_opportunities(org: Organization) -> None:
    """Risks and opportunities together number at least eight."""
    assert len(org.risks) + len(org.opportunities) >= 8


def test_example_top_management(org: Organization) -> None:
    """Top management is the CEO, CFO, COO and Commercial Director."""
    assert [r.id for r in org.top_management] == ["ceo", "cfo", "coo", "commercial-director"]


def test_example_file_validates_against_the_json_schema() -> None:
    """The example, as written, is valid under the shipped JSON Schema, so editors accept it."""
    jsonschema = pytest.importorskip("jsonschema")
    data, _, problems = parse_yaml(EXAMPLE.read_text(encoding="utf-8"))
    assert problems == []
    schema = iso.json_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [error.message for error in validator.iter_errors(data)] == []


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_example_round_trips(org: Organization, fmt: Format) -> None:
    """Dumping the example and loading it back gives an equal organization, in both formats."""
    text = iso.dumps(org, format=fmt)
    again = iso.loads(text, format=fmt)
    assert again == org
    assert iso.dumps(again, format=fmt) == text


@pytest.mark.parametrize("gap", PLANTED, ids=lambda g: f"gap-{g.number}")
def test_planted_gap_is_present(org: Organization, gap: Planted) -> None:
    """Each gap listed in examples/README.md is in the data."""
    for element_id in gap.ids:
        assert element_id in org
    assert gap.fact(org)
    assert gap.finding in _findings(org)


def test_only_the_planted_gaps_are_found(org: Organization) -> None:
    """The example is clean apart from the planted gaps: each check finds exactly those."""
    assert _findings(org) == {gap.finding for gap in PLANTED}


@pytest.mark.parametrize("gap", PLANTED, ids=lambda g: f"gap-{g.number}")
def test_fixing_a_gap_removes_exactly_its_finding(org: Organization, gap: Planted) -> None:
    """The fix given in the README closes that gap and opens no other: the gaps are isolated."""
    fixed = gap.fix(org)
    assert not gap.fact(fixed)
    assert _findings(fixed) == {g.finding for g in PLANTED} - {gap.finding}


def test_fixing_every_gap_leaves_a_clean_organization(org: Organization) -> None:
    """With every README fix applied, no check finds anything."""
    fixed = org
    for gap in PLANTED:
        fixed = gap.fix(fixed)
    assert _findings(fixed) == set()


def _readme_rows() -> list[tuple[int, tuple[str, ...]]]:
    section = README.read_text(encoding="utf-8").split("## Planted gaps", 1)[1]
    rows = []
    for line in section.splitlines():
        match = re.match(r"^\|\s*(\d+)\s*\|[^|]*\|([^|]*)\|", line)
        if match:
            rows.append((int(match[1]), tuple(re.findall(r"`([^`]+)`", match[2]))))
    return rows


#: The rows of the README's size table and the kinds of element each counts.
README_COUNTS: dict[str, tuple[EntityKind, ...]] = {
    "Roles": (EntityKind.ROLE,),
    "People": (EntityKind.PERSON,),
    "Authorities": (EntityKind.AUTHORITY,),
    "Responsibilities": (EntityKind.RESPONSIBILITY,),
    "Processes": (EntityKind.PROCESS,),
    "Quality policy": (EntityKind.POLICY,),
    "Quality objectives": (EntityKind.OBJECTIVE,),
    "Context issues": (EntityKind.CONTEXT_ISSUE,),
    "Interested parties": (EntityKind.INTERESTED_PARTY,),
    "Risks / opportunities": (EntityKind.RISK, EntityKind.OPPORTUNITY),
    "Actions": (EntityKind.ACTION,),
    "Communications": (EntityKind.COMMUNICATION,),
    "Management reviews": (EntityKind.REVIEW,),
    "Resources / evidence": (EntityKind.RESOURCE, EntityKind.EVIDENCE),
}


def test_readme_counts_match_the_example(org: Organization) -> None:
    """The size table in examples/README.md gives the example's real counts."""
    stated: dict[str, tuple[int, ...]] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*([A-Z][^|]*?)\s*\|\s*([\d /]+?)\s*\|", line)
        if match and match[1] in README_COUNTS:
            stated[match[1]] = tuple(int(n) for n in match[2].split("/"))
    actual = {label: tuple(len(org.ids(kind)) for kind in kinds) for label, kinds in README_COUNTS.items()}
    assert stated == actual


def test_readme_lists_exactly_the_planted_gaps() -> None:
    """The planted-gap table in examples/README.md names the same gaps and ids as this test."""
    assert _readme_rows() == [(gap.number, gap.ids) for gap in PLANTED]


def test_readme_marks_every_planted_gap_in_the_file() -> None:
    """Each planted gap carries a 'PLANTED GAP n' comment in the YAML, and no other number does."""
    marks = re.findall(r"PLANTED GAP (\d+)", EXAMPLE.read_text(encoding="utf-8"))
    assert sorted(int(m) for m in marks) == [gap.number for gap in PLANTED]
