"""Synthetic groups of companies that scale by the number of roles, for the scale benchmarks.

:func:`generate` builds a valid :class:`~iso9001_leadership.Organization` with exactly the number
of roles asked for, shaped like a group of companies: a small group top management, divisions
when there are many companies, companies of a few dozen to a few thousand roles, each with a
managing director, departments (quality, operations, sales, ...) and a reporting tree of three
to eight reports per manager. People hold the roles (a few hold two, a few roles are shared,
managers have deputies); every process has an owner, RACI responsibilities with the authorities
they need, risks and opportunities with actions, objectives with metrics, targets and
measurements, resources, evidence, communications, and two management reviews per company with
inputs, outputs and actions. The quality policy is the group's.

Shares are per role, so that a size in roles gives about the same shape at every scale: about
4.2 elements with an id (nodes of the accountability graph) and 11.6 graph edges per role, and
one process per five roles (100,000 roles: about 417,000 nodes, 1.16 million edges and 20,000
processes).

``gaps`` is the share of the elements that can carry a planted gap that get one: a process
without owner, a responsibility without accountable (or responsible) role, an authority that
nobody doing a duty holds, an objective without metric (or target, due date, evaluation, owner),
a risk or opportunity without action, an action overdue or never checked for effect, a role
whose reporting line stops short of top management, a vacant role, a process owner without a
deputy, a requirement without owner, a role the policy never reached, a process audited by its
own owner. Planting uses its own random stream, so the structure of an organization does not
depend on ``gaps``: a larger share removes more, it does not reshuffle.

Everything comes from one seed (no clock, no set iteration), so ``generate(n, seed=s)`` is the
same organization in every process. Dates are relative to :data:`AS_OF`.
"""

from __future__ import annotations

import collections
import datetime as dt
import math
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from iso9001_leadership import (
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
    InterestedParty,
    IssueKind,
    ManagementReview,
    Measurement,
    Opportunity,
    Organization,
    PartyKind,
    PartyRequirement,
    Period,
    Person,
    Process,
    ProcessCategory,
    QualityObjective,
    QualityPolicy,
    Resource,
    ResourceKind,
    Responsibility,
    ReviewInput,
    ReviewOutput,
    ReviewOutputKind,
    ReviewProgramme,
    Risk,
    Role,
    TargetDirection,
)

__all__ = ["AS_OF", "generate"]

#: The date every generated organization is a snapshot of.
AS_OF = dt.date(2026, 11, 24)

#: Group top-management roles, the chief executive first; a group has 4 to 9 of them.
_TOPS: tuple[tuple[str, str], ...] = (
    ("grp-ceo", "Group Chief Executive Officer"),
    ("grp-cfo", "Group Chief Financial Officer"),
    ("grp-coo", "Group Chief Operating Officer"),
    ("grp-cco", "Group Chief Commercial Officer"),
    ("grp-cqo", "Group Chief Quality Officer"),
    ("grp-hr", "Group HR Director"),
    ("grp-cto", "Group Chief Technology Officer"),
    ("grp-cio", "Group Chief Information Officer"),
    ("grp-legal", "Group General Counsel"),
)

#: Departments of a company: key, name, share of the company's roles, process category,
#: kind of authority their managers hold, and the job titles of their staff.
_DEPTS: tuple[tuple[str, str, float, ProcessCategory, AuthorityKind, tuple[str, ...]], ...] = (
    ("qa", "Quality", 0.07, ProcessCategory.SUPPORT, AuthorityKind.RELEASE, ("Quality Engineer", "Internal Auditor")),
    ("ops", "Operations", 0.34, ProcessCategory.CORE, AuthorityKind.STOP, ("Operator", "Technician", "Planner")),
    ("sales", "Sales", 0.10, ProcessCategory.CORE, AuthorityKind.SIGN, ("Account Manager", "Sales Engineer")),
    ("eng", "Engineering", 0.10, ProcessCategory.CORE, AuthorityKind.APPROVE, ("Design Engineer", "Test Engineer")),
    ("scm", "Supply Chain", 0.09, ProcessCategory.CORE, AuthorityKind.SIGN, ("Buyer", "Warehouse Operative")),
    ("svc", "Service", 0.12, ProcessCategory.CORE, AuthorityKind.RELEASE, ("Service Technician", "Coordinator")),
    ("fin", "Finance", 0.06, ProcessCategory.SUPPORT, AuthorityKind.SPEND, ("Accountant", "Controller")),
    ("hr", "People", 0.05, ProcessCategory.SUPPORT, AuthorityKind.HIRE, ("HR Partner", "Trainer")),
    ("it", "IT", 0.07, ProcessCategory.SUPPORT, AuthorityKind.CHANGE, ("Systems Engineer", "Support Analyst")),
)

_COMPANY_WORDS = (
    ("Nordhavn", "Vester", "Kappel", "Brandt", "Holm", "Lindqvist", "Aalto", "Moreau", "Ferreira", "Novak"),
    ("Pumps", "Valves", "Castings", "Service", "Motors", "Controls", "Seals", "Drives", "Filters", "Systems"),
)
_FIRST = (
    "Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Lars", "Mette",
    "Nils", "Olga", "Pedro", "Queenie", "Rasmus", "Sofie", "Tariq", "Ulla", "Viktor", "Wen", "Xenia", "Yusuf",
    "Zofia", "Ahmed", "Birgit", "Carlos", "Dagny",
)  # fmt: skip
_LAST = (
    "Andersen", "Brandt", "Costa", "Dahl", "Eriksen", "Frost", "García", "Holm", "Iversen", "Jensen", "Kowalski",
    "Larsen", "Møller", "Nielsen", "Olsen", "Petersen", "Quist", "Rossi", "Schmidt", "Thomsen", "Ueda", "Varga",
    "Weber", "Xu", "Yilmaz", "Zimmermann",
)  # fmt: skip
_CLAUSES = ("7.1.5", "7.2", "7.5.3", "8.2.2", "8.4.1", "8.5.1", "8.5.2", "8.6", "8.7", "9.1.1", "9.1.3", "10.2")
_METRICS = (
    ("On-time delivery", "%", 88.0, 95.0, TargetDirection.AT_LEAST),
    ("First-pass yield", "%", 93.0, 97.0, TargetDirection.AT_LEAST),
    ("Customer complaints per 1,000 orders", "complaints", 4.0, 2.5, TargetDirection.AT_MOST),
    ("Supplier on-time delivery", "%", 85.0, 92.0, TargetDirection.AT_LEAST),
    ("Scrap rate", "%", 3.1, 2.0, TargetDirection.AT_MOST),
    ("Training plan completion", "%", 80.0, 95.0, TargetDirection.AT_LEAST),
)
_COMMITMENTS = (
    CommitmentKind.OBJECTIVES_FRAMEWORK,
    CommitmentKind.SATISFY_REQUIREMENTS,
    CommitmentKind.CONTINUAL_IMPROVEMENT,
    CommitmentKind.CUSTOMER_FOCUS,
    CommitmentKind.QUALITY_CULTURE,
    CommitmentKind.ETHICAL_BEHAVIOUR,
)
_ALL_AWARE = tuple(AwarenessTopic)
_ALL_INPUTS = tuple(ReviewInput)


def _ascii(name: str) -> str:
    """A name in lower-case ASCII, for ids and e-mail addresses: ``"Møller"`` becomes ``"moller"``."""
    folded = unicodedata.normalize("NFKD", name.lower().replace("ø", "o").replace("æ", "ae"))
    return folded.encode("ascii", "ignore").decode("ascii")


def _day(offset: int) -> dt.date:
    """The date ``offset`` days after :data:`AS_OF` (before it when negative)."""
    return AS_OF + dt.timedelta(days=offset)


def _month_end(months_back: int) -> dt.date:
    """The last day of the month ``months_back`` whole months before the month of :data:`AS_OF`."""
    index = AS_OF.year * 12 + AS_OF.month - 1 - months_back
    first_of_next = dt.date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


@dataclass(slots=True)
class _RoleDraft:
    id: str
    title: str
    parent: str | None
    dept: str = ""
    top: bool = False
    authorities: list[str] = field(default_factory=list)
    audits: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Dept:
    key: str
    name: str
    head: str
    category: ProcessCategory
    authority_kind: AuthorityKind
    titles: tuple[str, ...]
    roles: list[str] = field(default_factory=list)  # head first, breadth first
    managers: list[str] = field(default_factory=list)  # roles with reports, head first
    leaves: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Company:
    index: int
    name: str
    md: str
    depts: list[_Dept] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # context issues, parties and requirements
    objectives: list[str] = field(default_factory=list)
    auditors: list[str] = field(default_factory=list)


class _Builder:
    """Builds one organization; every list here is in file order."""

    def __init__(self, roles: int, seed: int, gaps: float) -> None:
        self.size = roles
        self.rng = random.Random(seed)
        self.gap_rng = random.Random(f"gaps-{seed}")  # planting only: the structure does not depend on ``gaps``
        self.gaps = gaps
        self.roles: dict[str, _RoleDraft] = {}
        self.companies: list[_Company] = []
        self.tops: list[str] = []
        self.processes: list[dict[str, Any]] = []
        self.holders: dict[str, list[int]] = {}  # role -> indexes into people_roles
        self.people_roles: list[list[str]] = []
        self.people_deputy: list[list[str]] = []
        self.people_names: list[tuple[str, str, str]] = []  # id, name, email
        self.people_joined: list[dt.date] = []
        self.people_aware: list[tuple[AwarenessTopic, ...]] = []
        self.authorities: list[Authority] = []
        self.responsibilities: list[Responsibility] = []
        self.objectives: list[QualityObjective] = []
        self.issues: list[ContextIssue] = []
        self.parties: list[InterestedParty] = []
        self.risks: list[Risk] = []
        self.opportunities: list[Opportunity] = []
        self.actions: list[Action] = []
        self.communications: list[Communication] = []
        self.reviews: list[ManagementReview] = []
        self.resources: list[Resource] = []
        self.evidence: list[Evidence] = []
        self.commitments = tuple(
            Commitment(id=f"commit-{kind.value.replace('_', '-')}", kind=kind, text=f"We commit to {kind.value}.")
            for kind in _COMMITMENTS
        )
        self.policy_id = "policy-group-quality"
        self.index: dict[str, int] = {}  # process id -> position in ``processes``
        self.owners: set[str] = set()  # roles that own a process

    # -- helpers ------------------------------------------------------------------------

    def plant(self, share: float = 1.0) -> bool:
        """Whether to plant a gap here: true for about ``gaps * share`` of the calls."""
        return self.gap_rng.random() < self.gaps * share

    def some(self, pool: list[str], most: int, least: int = 0) -> list[str]:
        """Between ``least`` and ``most`` distinct items of ``pool``, in a random order."""
        count = min(len(pool), self.rng.randint(least, most))
        return self.rng.sample(pool, count) if count else []

    def add_role(self, role_id: str, title: str, parent: str | None, dept: str = "", top: bool = False) -> None:
        self.roles[role_id] = _RoleDraft(role_id, title, parent, dept, top)
        if parent is not None:
            self.roles[parent].children.append(role_id)

    # -- the organization chart ---------------------------------------------------------

    def chart(self) -> None:
        """Top management, divisions and companies, with exactly ``size`` roles in all."""
        rng = self.rng
        n_tops = min(len(_TOPS), 4 + self.size // 20_000)
        for index, (role_id, title) in enumerate(_TOPS[:n_tops]):
            self.add_role(role_id, title, None if index == 0 else "grp-ceo", "group", top=True)
            self.tops.append(role_id)
        remaining = self.size - n_tops
        estimate = remaining / 420
        n_divisions = 0 if estimate <= 8 else math.ceil(estimate / 6)
        remaining -= n_divisions
        sizes: list[int] = []
        while remaining > 0:
            size = max(40, min(2_500, int(rng.lognormvariate(math.log(380), 0.6))))
            if remaining - size < 40:
                size = remaining
            sizes.append(size)
            remaining -= size
        bosses = self.tops[1:]
        divisions = [f"div{d}-head" for d in range(n_divisions)]
        for d, head in enumerate(divisions):
            self.add_role(head, f"President, Division {d + 1}", bosses[d % len(bosses)], "group")
        for c, size in enumerate(sizes):
            boss = divisions[c * n_divisions // len(sizes)] if divisions else bosses[c % len(bosses)]
            self.company(c, size, boss)

    def company(self, c: int, size: int, boss: str) -> None:
        rng = self.rng
        name = f"{rng.choice(_COMPANY_WORDS[0])} {rng.choice(_COMPANY_WORDS[1])} {c + 1}"
        md = f"c{c}-md"
        self.add_role(md, f"Managing Director, {name}", boss, "md")
        company = _Company(c, name, md)
        staff = size - 1
        n_depts = max(1, min(len(_DEPTS), staff // 12))
        chosen = _DEPTS[:n_depts]
        staff -= n_depts
        total = sum(share for _, _, share, *_ in chosen)
        counts = [int(staff * share / total) for _, _, share, *_ in chosen]
        counts[1 % n_depts] += staff - sum(counts)  # operations (or the only department) takes the rest
        for (key, dept_name, _, category, kind, titles), count in zip(chosen, counts, strict=True):
            head = f"c{c}-{key}-head"
            self.add_role(head, f"{dept_name} Director, {name}", md, key)
            dept = _Dept(key, dept_name, head, category, kind, titles, roles=[head])
            open_managers = collections.deque([head])
            capacity = {head: rng.randint(3, 8)}
            for i in range(count):
                boss_id = open_managers[0]
                role_id = f"c{c}-{key}-{i + 1}"
                self.add_role(role_id, f"{rng.choice(titles)} {i + 1}", boss_id, key)
                dept.roles.append(role_id)
                capacity[boss_id] -= 1
                if capacity[boss_id] == 0:
                    open_managers.popleft()
                open_managers.append(role_id)
                capacity[role_id] = rng.randint(3, 8)
            for role_id in dept.roles:
                role = self.roles[role_id]
                if role.children:
                    dept.managers.append(role_id)
                    if role_id != head:
                        role.title = f"{dept_name} Manager {role_id.rsplit('-', 1)[1]}"
                else:
                    dept.leaves.append(role_id)
            company.depts.append(dept)
        self.companies.append(company)

    def broken_lines(self) -> None:
        """Planted: a share of the roles below the directors report to no one."""
        for role in self.roles.values():
            if role.parent is not None and not role.top and role.dept not in ("group", "md") and self.plant(0.1):
                role.parent = None

    # -- authorities ------------------------------------------------------------------------

    def authority(self, role_id: str, title: str, kind: AuthorityKind, granted_by: str | None, **extra: Any) -> str:
        authority_id = f"auth-{len(self.authorities)}"
        self.authorities.append(Authority(id=authority_id, title=title, kind=kind, granted_by=granted_by, **extra))
        self.roles[role_id].authorities.append(authority_id)
        return authority_id

    def grant(self) -> None:
        rng = self.rng
        accept = self.authority("grp-ceo", "Accept residual risks for the group", AuthorityKind.ACCEPT_RISK, None)
        for top in self.tops[1:]:
            self.roles[top].authorities.append(accept)
        self.authority("grp-ceo", "Approve the group quality policy", AuthorityKind.APPROVE, None)
        for company in self.companies:
            spend = self.authority(
                company.md, f"Spend up to 500k, {company.name}", AuthorityKind.SPEND, "grp-ceo", limit=500_000.0
            )
            self.roles[company.md].authorities.append(accept)
            for dept in company.depts:
                self.authority(
                    dept.head,
                    f"Spend up to 50k, {dept.name}, {company.name}",
                    AuthorityKind.SPEND,
                    company.md,
                    limit=50_000.0,
                    currency="EUR",
                )
                if dept.key == "fin":
                    self.roles[dept.head].authorities.append(spend)  # the finance director signs off spending
                for manager in dept.managers:
                    if manager != dept.head and rng.random() < 0.5:
                        continue
                    granted = self.authority(
                        manager,
                        f"{dept.authority_kind.value.replace('_', ' ').capitalize()} for {self.roles[manager].title}",
                        dept.authority_kind,
                        dept.head if manager != dept.head else company.md,
                        scope=company.name,
                    )
                    for child in self.roles[manager].children:
                        if not self.roles[child].children and rng.random() < 0.8:
                            self.roles[child].authorities.append(granted)

    # -- people -------------------------------------------------------------------------------

    def person(self, roles: list[str]) -> int:
        index = len(self.people_roles)
        first, last = self.rng.choice(_FIRST), self.rng.choice(_LAST)
        self.people_names.append(
            (f"p{index}-{_ascii(last)}", f"{first} {last}", f"{_ascii(first)}.{_ascii(last)}.{index}@group.example")
        )
        self.people_roles.append(roles)
        self.people_deputy.append([])
        self.people_joined.append(_day(-self.rng.randint(30, 7_000)))
        aware = _ALL_AWARE if not self.plant(0.2) else _ALL_AWARE[:3]
        self.people_aware.append(aware)
        for role in roles:
            self.holders.setdefault(role, []).append(index)
        return index

    def staff(self) -> None:
        """Holders for every role (a few vacant, shared or doubled up) and deputies for managers."""
        rng = self.rng
        previous_leaf: str | None = None
        previous_holder = -1
        for role in self.roles.values():
            if not role.top and self.plant(0.4):
                previous_leaf = None
                continue
            leaf = not role.children and role.dept not in ("group", "md")
            sibling = previous_leaf is not None and self.roles[previous_leaf].parent == role.parent
            if leaf and sibling and previous_holder >= 0 and rng.random() < 0.03:
                self.people_roles[previous_holder].append(role.id)  # one person holds two sibling roles
                self.holders.setdefault(role.id, []).append(previous_holder)
                previous_leaf = None
                continue
            holder = self.person([role.id])
            if leaf and rng.random() < 0.04:
                self.person([role.id])  # a shared (job-share, shift) role
            previous_leaf, previous_holder = (role.id, holder) if leaf else (None, -1)
        for role in self.roles.values():
            stand_in: str | None = None
            if role.top:
                tops = self.tops
                stand_in = tops[(tops.index(role.id) + 1) % len(tops)]
            elif role.children:
                stand_in = role.children[0]
            if stand_in is None:
                if not role.children and role.parent is not None and rng.random() < 0.1:
                    siblings = self.roles[role.parent].children
                    stand_in = siblings[0] if siblings[0] != role.id else None
                if stand_in is None:
                    continue
            if self.owns_process(role.id) and self.plant(0.5):
                continue  # planted: nobody deputises for a process owner
            deputies = self.holders.get(stand_in)
            if deputies:
                self.people_deputy[deputies[0]].append(role.id)

    def owns_process(self, role_id: str) -> bool:
        return role_id in self.owners

    # -- processes, responsibilities, audits -----------------------------------------------

    def departments_resources(self) -> None:
        kinds = (ResourceKind.PEOPLE, ResourceKind.INFRASTRUCTURE, ResourceKind.MONITORING, ResourceKind.KNOWLEDGE)
        for company in self.companies:
            for dept in company.depts:
                for k in range(max(1, round(len(dept.roles) * 0.1))):
                    resource_id = f"c{company.index}-{dept.key}-res{k}"
                    kind = kinds[k % len(kinds)]
                    owner = dept.head if k == 0 else self.rng.choice(dept.managers or [dept.head])
                    self.resources.append(
                        Resource(
                            id=resource_id,
                            name=f"{dept.name} {kind.value} {k + 1}, {company.name}",
                            kind=kind,
                            owner=owner,
                            amount=float(self.rng.randint(1, 40)) if kind is ResourceKind.PEOPLE else None,
                            unit="FTE" if kind is ResourceKind.PEOPLE else "",
                        )
                    )
                    dept.resources.append(resource_id)

    def plan_processes(self) -> None:
        """Process ids, owners and resources, before anyone is staffed (owners need deputies)."""
        rng = self.rng
        group_processes = ["grp-proc-strategy", "grp-proc-quality"]
        for k, process_id in enumerate(group_processes):
            owner = self.tops[min(k * 4, len(self.tops) - 1)]
            self.new_process(process_id, ("Group strategy and leadership", "Group quality management")[k], owner)
            self.processes[-1]["category"] = ProcessCategory.MANAGEMENT
        self.processes[1]["interacts_with"] = [group_processes[0]]
        for company in self.companies:
            total = max(len(company.depts) + 1, round(sum(len(d.roles) for d in company.depts) * 0.2))
            management = f"c{company.index}-proc-leadership"
            self.new_process(management, f"Leadership and management review, {company.name}", company.md)
            self.processes[-1]["category"] = ProcessCategory.MANAGEMENT
            company.processes.append(management)
            staff = sum(len(d.roles) for d in company.depts)
            for dept in company.depts:
                n = max(1, round((total - 1) * len(dept.roles) / staff))
                for k in range(n):
                    process_id = f"c{company.index}-{dept.key}-proc{k}"
                    owner = dept.head if k == 0 else rng.choice(dept.managers or [dept.head])
                    self.new_process(process_id, f"{dept.name} process {k + 1}, {company.name}", owner)
                    self.processes[-1]["category"] = dept.category
                    resources = [dept.resources[k % len(dept.resources)]]
                    if rng.random() < 0.3:
                        resources.append(rng.choice(dept.resources))
                    self.processes[-1]["resources"] = list(dict.fromkeys(resources))
                    dept.processes.append(process_id)
                    company.processes.append(process_id)
                leftover = dept.resources[n:]
                for k, resource in enumerate(leftover):  # every resource is needed by a process
                    self.processes[self.index[dept.processes[k % n]]]["resources"].append(resource)
            for k, process_id in enumerate(company.processes):
                others = company.processes
                partners = [others[k - 1]] if k else []
                partners += [p for p in self.some(others, 2) if p != process_id and p not in partners]
                self.processes[self.index[process_id]]["interacts_with"] = partners
        # Planted: processes without owner.
        for draft in self.processes:
            if self.plant():
                draft["owner"] = None
        self.owners = {d["owner"] for d in self.processes if d["owner"] is not None}

    def new_process(self, process_id: str, name: str, owner: str) -> None:
        self.index[process_id] = len(self.processes)
        self.processes.append(
            {
                "id": process_id,
                "name": name,
                "owner": owner,
                "inputs": ("Customer orders", "Plans and targets"),
                "outputs": ("Conforming output", "Performance data"),
                "indicators": ("Output on time (%)",),
                "criteria": f"Procedure {process_id.upper()}",
                "interacts_with": [],
                "resources": [],
            }
        )

    def responsibilities_and_audits(self) -> None:
        rng = self.rng
        # Group duties: top management accountable for the QMS (5.1.1 a) and the duties of 5.3.
        ceo = self.tops[0]
        quality_top = self.tops[min(4, len(self.tops) - 1)]
        self.duty(
            "grp-resp-qms",
            "Take accountability for the effectiveness of the QMS",
            ["5.1.1 a", "9.3.1"],
            [ceo],
            [quality_top],
            ["grp-proc-strategy"],
        )
        for item, text in (
            ("a", "Keep the QMS conforming"),
            ("c", "Report QMS performance to top management"),
            ("d", "Promote customer focus"),
            ("e", "Keep the QMS intact through change"),
        ):
            self.duty(f"grp-resp-53{item}", text, [f"5.3 {item}"], [quality_top], self.tops[1:3], ["grp-proc-quality"])
        for company in self.companies:
            qa = company.depts[0]
            self.duty(
                f"c{company.index}-resp-53c",
                f"Report QMS performance, {company.name}",
                ["5.3 c"],
                [qa.head],
                qa.managers[:2] or [qa.head],
                [company.processes[0]],
            )
            roles_of_company = [r for d in company.depts for r in d.roles]
            for dept in company.depts:
                for process_id in dept.processes:
                    draft = self.processes[self.index[process_id]]
                    owner = draft["owner"]
                    if owner is not None and rng.random() < 0.5:
                        self.duty(
                            f"{process_id}-outputs",
                            f"Deliver the intended outputs of {process_id}",
                            ["5.3 b"],
                            [owner],
                            self.roles[owner].children[:2] or [owner],
                            [process_id],
                        )
                    for k in range(rng.randint(2, 4)):
                        accountable = owner or dept.head
                        doers = self.roles[accountable].children or [accountable]
                        responsible = self.some(doers, 2, 1)
                        consulted = self.some(roles_of_company, 1)
                        informed = self.some(roles_of_company, 1)
                        processes = [process_id]
                        if rng.random() < 0.1:
                            other = rng.choice(company.processes)
                            if other != process_id:
                                processes.append(other)
                        usable = [a for r in (accountable, *responsible) for a in self.roles[r].authorities]
                        needed = [rng.choice(usable)] if usable and rng.random() < 0.35 else []
                        self.duty(
                            f"{process_id}-duty{k}",
                            f"{dept.name} duty {k + 1} in {process_id}",
                            self.some(list(_CLAUSES), 2, 1),
                            [accountable],
                            responsible,
                            processes,
                            consulted=consulted,
                            informed=informed,
                            authorities_needed=needed,
                        )
            # Internal audit: auditors from the quality department, one per process, never the owner.
            pool = [r for r in qa.leaves if len(self.holders.get(r, ())) == 1] or qa.leaves or [qa.head]
            company.auditors = pool[: max(1, len(company.processes) // 12)]
            for k, process_id in enumerate(company.processes):
                owner = self.processes[self.index[process_id]]["owner"]
                auditor = company.auditors[k % len(company.auditors)]
                if owner is not None and self.plant(0.2):
                    auditor = owner  # planted: the owner audits its own process
                if auditor == owner and not self.gaps:
                    continue
                self.roles[auditor].audits.append(process_id)

    def duty(
        self,
        duty_id: str,
        title: str,
        clauses: list[str],
        accountable: list[str],
        responsible: list[str],
        processes: list[str],
        *,
        consulted: list[str] | None = None,
        informed: list[str] | None = None,
        authorities_needed: list[str] | None = None,
    ) -> None:
        if self.plant():
            accountable = []
        if self.plant(0.3):
            responsible = []
        needed = authorities_needed or []
        if needed and self.plant(2.0):
            # Planted: an authority nobody doing the duty holds (another company's spending limit).
            needed = [self.authorities[self.gap_rng.randrange(len(self.authorities))].id]
        self.responsibilities.append(
            Responsibility(
                id=duty_id,
                title=title,
                clauses=tuple(clauses),
                accountable=tuple(accountable),
                responsible=tuple(r for r in responsible if r not in accountable),
                consulted=tuple(r for r in consulted or () if r not in accountable and r not in responsible),
                informed=tuple(r for r in informed or () if r not in accountable and r not in responsible),
                processes=tuple(processes),
                authorities_needed=tuple(needed),
            )
        )

    # -- policy, context, objectives, risks, actions ------------------------------------------

    def action(self, prefix: str, owner: str, processes: list[str], *, decided: bool = False) -> str:
        """A new action; done ones were checked for effect, open ones are due after :data:`AS_OF`."""
        rng = self.rng
        action_id = f"{prefix}-act{len(self.actions)}"
        roll = rng.random()
        completed: dt.date | None = None
        due: dt.date
        effectiveness: Effectiveness | None
        if roll < 0.4:
            status = ActionStatus.DONE
            completed = _day(-rng.randint(20, 300))
            due = completed + dt.timedelta(days=rng.randint(0, 20))
            check = completed + dt.timedelta(days=rng.randint(10, 120))
            effectiveness = Effectiveness(
                criterion="No recurrence in three months",
                evaluate_by=check,
                evaluated_on=check if check <= AS_OF else None,
                result=EffectivenessResult.EFFECTIVE if check <= AS_OF else EffectivenessResult.PENDING,
            )
        else:
            status = ActionStatus.IN_PROGRESS if roll < 0.75 else ActionStatus.PLANNED
            due = _day(rng.randint(20, 300))
            effectiveness = Effectiveness(criterion="Target met for three months", evaluate_by=due + dt.timedelta(90))
        if status is not ActionStatus.DONE and self.plant(0.5):
            due = _day(-self.gap_rng.randint(30, 200))  # planted: overdue
        if not decided and self.plant(0.5):
            effectiveness = None  # planted: nobody will check it worked
        self.actions.append(
            Action(
                id=action_id,
                title=f"Action {len(self.actions)} on {processes[0] if processes else prefix}",
                owner=owner,
                due=due,
                status=status,
                completed_on=completed,
                processes=tuple(processes),
                effectiveness=effectiveness,
            )
        )
        return action_id

    def context(self) -> None:
        rng = self.rng
        group_issues = [f"grp-ctx{k}" for k in range(6)]
        for k, issue_id in enumerate(group_issues):
            self.issues.append(
                ContextIssue(
                    id=issue_id,
                    title=f"Group context issue {k + 1}",
                    kind=IssueKind.EXTERNAL if k % 2 else IssueKind.INTERNAL,
                    climate=k == 0,
                    rationale="Affects our ability to deliver conforming products and services.",
                )
            )
        for company in self.companies:
            c = company.index
            depts = {d.key: d for d in company.depts}
            sales = depts.get("sales", company.depts[0])
            for k in range(3):
                issue_id = f"c{c}-ctx{k}"
                self.issues.append(
                    ContextIssue(
                        id=issue_id,
                        title=f"Context issue {k + 1}, {company.name}",
                        kind=IssueKind.EXTERNAL if k else IssueKind.INTERNAL,
                        rationale="Decided relevant at the last management review.",
                    )
                )
                company.sources.append(issue_id)
            for k, (kind, owner_dept) in enumerate(
                (
                    (PartyKind.CUSTOMER, sales),
                    (PartyKind.CUSTOMER, sales),
                    (PartyKind.SUPPLIER, depts.get("scm", sales)),
                    (PartyKind.REGULATOR, company.depts[0]),
                )
            ):
                party_id = f"c{c}-ip{k}"
                requirements = []
                for j in range(rng.randint(1, 3)):
                    requirement_id = f"{party_id}-req{j}"
                    owner = None if self.plant() else rng.choice(owner_dept.managers or [owner_dept.head])
                    requirements.append(
                        PartyRequirement(
                            id=requirement_id,
                            text=f"Requirement {j + 1} of party {k + 1}, {company.name}",
                            owner=owner,
                            statutory=kind is PartyKind.REGULATOR,
                            processes=tuple(self.some(owner_dept.processes or company.processes, 2, 1)),
                        )
                    )
                    company.sources.append(requirement_id)
                self.parties.append(
                    InterestedParty(
                        id=party_id,
                        name=f"{kind.value.capitalize()} {k + 1} of {company.name}",
                        kind=kind,
                        requirements=tuple(requirements),
                    )
                )

    def risks_and_opportunities(self) -> None:
        rng = self.rng
        for company in self.companies:
            for dept in company.depts:
                for process_id in dept.processes:
                    owner = self.processes[self.index[process_id]]["owner"] or dept.head
                    doers = self.roles[owner].children or [owner]
                    for _ in range(1 if rng.random() < 0.85 else 2):
                        risk_id = f"{process_id}-risk{len(self.risks)}"
                        sources = self.some(company.sources, 2)
                        processes = [process_id, *[p for p in self.some(dept.processes, 1) if p != process_id]]
                        accepted = rng.random() < 0.05
                        actions = [] if accepted else [self.action(risk_id, rng.choice(doers), [process_id])]
                        if actions and rng.random() < 0.3:
                            actions.append(self.action(risk_id, rng.choice(doers), [process_id]))
                        if self.plant():
                            actions, accepted = [], False  # planted: nothing done about it
                        self.risks.append(
                            Risk(
                                id=risk_id,
                                title=f"Risk to {process_id}",
                                sources=tuple(sources),
                                likelihood=rng.randint(1, 5),
                                impact=rng.randint(1, 5),
                                owner=None if self.plant(0.3) else owner,
                                processes=tuple(processes),
                                actions=tuple(actions),
                                accepted=accepted,
                                rationale="Low score; monitored at the management review." if accepted else "",
                                customer_impact=rng.random() < 0.25,
                                review_on=_day(rng.randint(30, 365)),
                            )
                        )
                    if rng.random() < 0.25:
                        opportunity_id = f"{process_id}-opp{len(self.opportunities)}"
                        actions = [self.action(opportunity_id, rng.choice(doers), [process_id])]
                        if self.plant():
                            actions = []
                        self.opportunities.append(
                            Opportunity(
                                id=opportunity_id,
                                title=f"Opportunity in {process_id}",
                                sources=tuple(self.some(company.sources, 1)),
                                likelihood=rng.randint(1, 5),
                                benefit=rng.randint(1, 5),
                                owner=owner,
                                processes=(process_id,),
                                actions=tuple(actions),
                                customer_impact=rng.random() < 0.3,
                            )
                        )

    def objectives_for(self, company: _Company, count: int) -> None:
        rng = self.rng
        commitments = [c.id for c in self.commitments]
        for k in range(count):
            dept = company.depts[k % len(company.depts)]
            owner = dept.head if rng.random() < 0.6 else rng.choice(dept.managers or [dept.head])
            objective_id = f"c{company.index}-obj{k}"
            metric, unit, baseline, target, direction = rng.choice(_METRICS)
            monthly = rng.random() < 0.6
            step = 1 if monthly else 3
            last = 1 if monthly else 2
            measurements = tuple(
                Measurement(
                    on=_month_end(last + step * back), value=round(baseline + (target - baseline) * (3 - back) / 4, 2)
                )
                for back in (2, 1, 0)
            )
            processes = self.some(dept.processes or company.processes, 2, 1)
            actions = [self.action(objective_id, rng.choice(self.roles[owner].children or [owner]), processes[:1])]
            fields: dict[str, Any] = {
                "metric": metric,
                "target": target,
                "due": _day(rng.randint(30, 400)),
                "evaluation": "Monthly KPI review; yearly at the management review",
                "owner": owner,
                "measurements": measurements,
            }
            if self.plant():
                missing = self.gap_rng.choice(("metric", "metric", "target", "due", "evaluation", "owner"))
                fields[missing] = "" if missing in ("metric", "evaluation") else None
                if missing == "metric":
                    fields["measurements"] = ()  # planted: an objective nobody measures
            self.objectives.append(
                QualityObjective(
                    id=objective_id,
                    statement=f"{metric}: {target:g} {unit} by the due date ({company.name})",
                    supports=() if self.plant(0.3) else tuple(self.some(commitments, 2, 1)),
                    unit=unit,
                    baseline=baseline,
                    direction=direction,
                    actions=tuple(actions),
                    resources=tuple(self.some(dept.resources, 1)),
                    processes=tuple(processes),
                    functions=(dept.name,),
                    communicated_to=tuple(self.some(dept.roles, 4, 2)),
                    measured_every=Period.parse("monthly" if monthly else "quarterly"),
                    **fields,
                )
            )
            company.objectives.append(objective_id)

    def communicate(self) -> None:
        for company in self.companies:
            qa = company.depts[0]
            for dept in company.depts:
                audience = tuple(r for r in dept.roles if not self.plant(0.2))
                self.communications.append(
                    Communication(
                        id=f"c{company.index}-{dept.key}-comm-policy",
                        subject=f"The group quality policy, {dept.name}, {company.name}",
                        about=(self.policy_id,),
                        topics=(CommunicationTopic.QMS_IMPORTANCE, CommunicationTopic.CONFORMITY_IMPORTANCE),
                        audience=audience,
                        communicator=dept.head,
                        channel="Team meeting and intranet",
                        frequency="yearly",
                        last_on=_day(-self.rng.randint(30, 300)),
                    )
                )
            self.communications.append(
                Communication(
                    id=f"c{company.index}-comm-kpi",
                    subject=f"Monthly quality performance report, {company.name}",
                    about=tuple(company.objectives),
                    topics=(CommunicationTopic.QMS_PERFORMANCE,),
                    audience=tuple(m for d in company.depts for m in d.managers),
                    communicator=qa.head,
                    channel="E-mail and dashboard",
                    frequency="monthly",
                    last_on=_day(-self.rng.randint(1, 25)),
                )
            )

    def review(self, prefix: str, chair: str, attendees: list[str], processes: list[str], owners: list[str]) -> None:
        rng = self.rng
        for held in (_day(-rng.randint(330, 360)), _day(-rng.randint(150, 180))):
            review_id = f"{prefix}-mr-{held.isoformat()}"
            outputs = tuple(
                ReviewOutput(
                    kind=kind,
                    decision=f"Decision on {kind.value.replace('_', ' ')}",
                    actions=(self.action(review_id, rng.choice(owners), processes[:1], decided=True),),
                )
                for kind in (ReviewOutputKind.IMPROVEMENT, ReviewOutputKind.QMS_CHANGE, ReviewOutputKind.RESOURCE_NEED)
            )
            inputs = _ALL_INPUTS if not self.plant() else _ALL_INPUTS[:-2]
            self.reviews.append(
                ManagementReview(
                    id=review_id,
                    held_on=held,
                    chair=chair,
                    attendees=tuple(attendees),
                    inputs=inputs,
                    outputs=outputs,
                    notes="Objectives for next year approved.",
                )
            )
            self.evidence.append(
                Evidence(
                    id=f"{review_id}-minutes",
                    title=f"Minutes of {review_id}",
                    kind=EvidenceKind.MINUTES,
                    dated=held,
                    supports=(review_id,),
                )
            )

    def document(self) -> None:
        rng = self.rng
        for draft in self.processes:
            process_id = draft["id"]
            if rng.random() < 0.5:
                continue  # the other half are described in their department's manual
            self.evidence.append(
                Evidence(
                    id=f"{process_id}-procedure",
                    title=f"Procedure for {draft['name']}",
                    kind=EvidenceKind.PROCEDURE,
                    location=f"QMS intranet > {process_id}",
                    dated=_day(-rng.randint(30, 900)),
                    supports=(process_id,),
                )
            )
        for responsibility in self.responsibilities:
            if rng.random() < 0.03:
                self.evidence.append(
                    Evidence(
                        id=f"{responsibility.id}-jd",
                        title=f"Job description covering {responsibility.id}",
                        kind=EvidenceKind.JOB_DESCRIPTION,
                        dated=_day(-rng.randint(30, 900)),
                        supports=(responsibility.id, *responsibility.accountable[:1]),
                    )
                )
        for objective in self.objectives:
            self.evidence.append(
                Evidence(
                    id=f"{objective.id}-kpi",
                    title=f"KPI report for {objective.id}",
                    kind=EvidenceKind.REPORT,
                    dated=_month_end(1),
                    supports=(objective.id,),
                )
            )

    # -- the whole ---------------------------------------------------------------------------

    def build(self) -> Organization:
        self.chart()
        self.broken_lines()
        self.departments_resources()
        self.plan_processes()
        self.grant()
        self.staff()
        self.responsibilities_and_audits()
        self.context()
        self.risks_and_opportunities()
        for company in self.companies:
            self.objectives_for(company, max(1, round(sum(len(d.roles) for d in company.depts) * 0.08)))
        self.communicate()
        self.review("grp", self.tops[0], self.tops, ["grp-proc-strategy"], self.tops)
        for company in self.companies:
            heads = [d.head for d in company.depts]
            self.review(f"c{company.index}", company.md, [company.md, *heads], company.processes, heads)
        self.document()
        people = [
            Person(
                id=person_id,
                name=name,
                roles=tuple(self.people_roles[i]),
                deputy_of=tuple(self.people_deputy[i]),
                awareness=self.people_aware[i],
                email=email,
                joined=self.people_joined[i],
            )
            for i, (person_id, name, email) in enumerate(self.people_names)
        ]
        roles = [
            Role(
                id=r.id,
                title=r.title,
                reports_to=r.parent,
                top_management=r.top,
                authorities=tuple(dict.fromkeys(r.authorities)),
                audits=tuple(r.audits),
            )
            for r in self.roles.values()
        ]
        processes = [Process(**draft) for draft in self.processes]
        top_reach = self.tops + [r.id for r in self.roles.values() if r.dept == "group" and not r.top]
        top_reach += [c.md for c in self.companies]
        policy = QualityPolicy(
            id=self.policy_id,
            statement="We deliver products and services our customers can rely on, and improve every year.",
            version="3.0",
            commitments=self.commitments,
            approved_by=self.tops[0],
            approved_on=_day(-260),
            reviewed_on=_day(-160),
            next_review=_day(100),
            communicated_to=tuple(top_reach),
            available_to=tuple(p.id for p in self.parties[:20]),
            context_issues=tuple(i.id for i in self.issues[:6]),
            strategic_direction="Supports the group strategy 2025-2030.",
            location="Group QMS intranet",
        )
        return Organization(
            name=f"Synthetic Group ({self.size:,} roles)",
            scope="Design, manufacture, sale and service of industrial equipment by the companies of the group.",
            roles=tuple(roles),
            people=tuple(people),
            authorities=tuple(self.authorities),
            responsibilities=tuple(self.responsibilities),
            processes=tuple(processes),
            policy=policy,
            objectives=tuple(self.objectives),
            context_issues=tuple(self.issues),
            interested_parties=tuple(self.parties),
            risks=tuple(self.risks),
            opportunities=tuple(self.opportunities),
            actions=tuple(self.actions),
            communications=tuple(self.communications),
            reviews=tuple(self.reviews),
            review_programme=ReviewProgramme(every=Period.parse("6 months"), reviews_policy=True),
            resources=tuple(self.resources),
            evidence=tuple(self.evidence),
        )


def generate(roles: int, *, seed: int = 9001, gaps: float = 0.05) -> Organization:
    """A valid synthetic group of companies with exactly ``roles`` roles.

    Parameters
    ----------
    roles
        The number of roles, at least 20. Everything else scales with it: about 4.2 elements
        and 11.6 graph edges per role, one process per five roles.
    seed
        The seed of every random choice: the same seed gives an equal organization.
    gaps
        The share, from 0 to 1, of the elements that can carry a planted gap that get one.

    Raises
    ------
    ValueError
        If ``roles`` is below 20 or ``gaps`` is outside 0 to 1.
    """
    if roles < 20:
        msg = f"roles must be at least 20, not {roles}"
        raise ValueError(msg)
    if not 0.0 <= gaps <= 1.0:
        msg = f"gaps must be between 0 and 1, not {gaps}"
        raise ValueError(msg)
    return _Builder(roles, seed, gaps).build()
