"""The elements of an organization's quality management system, one class per concept.

Every class is an immutable, slotted attrs class. Elements refer to each other by id only;
:class:`~iso9001_leadership.Organization` checks that every id resolves. Clause numbers in the
field documentation refer to ISO 9001:2015 unless said otherwise.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._enums import (
    ActionStatus,
    AuthorityKind,
    AwarenessTopic,
    CommitmentKind,
    CommunicationTopic,
    EffectivenessResult,
    EvidenceKind,
    IssueKind,
    PartyKind,
    ProcessCategory,
    ResourceKind,
    ResourceStatus,
    ReviewInput,
    ReviewOutputKind,
    TargetDirection,
)
from ._fields import ANY_KIND, EntityKind, many, ref, refs, required, value
from ._period import Period, PeriodUnit

K = EntityKind

__all__ = [
    "Action",
    "Authority",
    "Commitment",
    "Communication",
    "ContextIssue",
    "Effectiveness",
    "Evidence",
    "Exclusion",
    "Holding",
    "InterestedParty",
    "ManagementReview",
    "Measurement",
    "Opportunity",
    "PartyRequirement",
    "Person",
    "Process",
    "QualityObjective",
    "QualityPolicy",
    "Resource",
    "Responsibility",
    "ReviewOutput",
    "ReviewProgramme",
    "Risk",
    "RiskScale",
    "Role",
]


@attrs.frozen
class Role:
    """A position in the organization, with the authorities it holds (5.3).

    Examples
    --------
    >>> Role(id="ceo", title="Chief Executive", top_management=True)
    Role(id='ceo', title='Chief Executive', description='', reports_to=None, top_management=True, authorities=(), audits=(), vacant_since=None)
    """

    id: str = required("Unique id of the role.")
    title: str = required("The role's title, as on the organization chart.")
    description: str = value("", "What the role is for.")
    reports_to: str | None = ref(K.ROLE, "The role this role reports to.", clause="5.3 c")
    top_management: bool = value(
        False,
        "Whether the role belongs to top management, who direct and control the organization at the highest level.",
        clause="5.1",
    )
    authorities: tuple[str, ...] = refs(K.AUTHORITY, "Authorities the role holds.", clause="5.3")
    audits: tuple[str, ...] = refs(
        K.PROCESS, "Processes the role audits internally (checked against what it is accountable for).", clause="9.2"
    )
    vacant_since: dt.date | None = value(
        None,
        "Since when the role has had nobody in it, when the file says so; otherwise the assessment works it out "
        "from when its last holder left.",
        clause="5.3",
    )


@attrs.frozen
class Holding:
    """A role someone holds, or held, over a span of time."""

    role: str = ref(K.ROLE, "The role held.", clause="5.3", needed=True)
    since: dt.date | None = value(None, "When the person took the role up.")
    until: dt.date | None = value(None, "When the person gave the role up (none: they still hold it).")

    def current(self, on: dt.date) -> bool:
        """Whether the role is held on the date ``on``."""
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)


@attrs.frozen
class Person:
    """Someone who holds roles, or stands in for them.

    Examples
    --------
    >>> Person(id="ana", name="Ana Ruiz", roles=("ceo",)).roles
    ('ceo',)
    """

    id: str = required("Unique id of the person.")
    name: str = required("The person's name.")
    roles: tuple[str, ...] = refs(K.ROLE, "Roles the person holds.", clause="5.3")
    deputy_of: tuple[str, ...] = refs(
        K.ROLE, "Roles the person stands in for when their holder is absent.", clause="5.3"
    )
    awareness: tuple[AwarenessTopic, ...] = many(
        "What the person has been made aware of: policy, objectives, their contribution, the implications of not conforming.",
        clause="7.3",
    )
    email: str = value("", "Contact address.")
    holdings: tuple[Holding, ...] = many(
        "Roles held with the dates they were taken up and given up. A role listed here follows these dates; "
        "one listed only in 'roles' is held for as long as the person is with the organization.",
        clause="5.3",
    )
    joined: dt.date | None = value(None, "When the person joined the organization.")
    left: dt.date | None = value(
        None, "When the person left the organization; from that day they hold no role and deputise for none."
    )

    def present(self, on: dt.date) -> bool:
        """Whether the person is with the organization on the date ``on``."""
        return (self.joined is None or self.joined <= on) and (self.left is None or on < self.left)

    def roles_on(self, on: dt.date) -> tuple[str, ...]:
        """The roles the person holds on the date ``on``.

        Examples
        --------
        >>> import datetime as dt
        >>> ben = Person(id="ben", name="Ben Ode", roles=("qm",), left=dt.date(2026, 5, 31))
        >>> ben.roles_on(dt.date(2026, 5, 30)), ben.roles_on(dt.date(2026, 5, 31))
        (('qm',), ())
        """
        if not self.present(on):
            return ()
        dated = {h.role for h in self.holdings}
        held = [r for r in self.roles if r not in dated]
        held.extend(h.role for h in self.holdings if h.current(on) and h.role not in held)
        return tuple(held)

    @property
    def all_roles(self) -> tuple[str, ...]:
        """Every role the person holds or has held: ``roles`` then ``holdings``."""
        return tuple(dict.fromkeys((*self.roles, *(h.role for h in self.holdings))))


@attrs.frozen
class Authority:
    """A power to decide or act: approve, release, stop, spend up to a limit (5.3)."""

    id: str = required("Unique id of the authority.")
    title: str = required("What the authority allows, in a few words.")
    kind: AuthorityKind = value(AuthorityKind.OTHER, "What kind of power it is.")
    scope: str = value("", "Where the authority applies (a site, a product line, a process).")
    limit: float | None = value(None, "An upper limit, for spending or approval authorities.")
    currency: str = value("", "Unit of the limit, such as EUR.")
    granted_by: str | None = ref(K.ROLE, "The role that delegated this authority.", clause="5.3")
    description: str = value("", "Details of the authority.")


@attrs.frozen
class Responsibility:
    """Something that must be done, with who is responsible, accountable, consulted, informed.

    Examples
    --------
    >>> r = Responsibility(id="qms-conformity", title="Keep the QMS conforming",
    ...                    clauses=("5.3 a",), accountable=("quality-manager",))
    >>> r.accountable
    ('quality-manager',)
    """

    id: str = required("Unique id of the responsibility.")
    title: str = required("What must be done, in a few words.")
    description: str = value("", "Details of the duty.")
    clauses: tuple[str, ...] = many("ISO 9001 clause ids the responsibility serves, such as '5.3 a' or '9.3.1'.")
    accountable: tuple[str, ...] = refs(
        K.ROLE, "Roles answerable for the outcome (A). There should be exactly one.", clause="5.3"
    )
    responsible: tuple[str, ...] = refs(K.ROLE, "Roles that do the work (R).", clause="5.3")
    consulted: tuple[str, ...] = refs(K.ROLE, "Roles asked for input before decisions (C).", clause="5.3")
    informed: tuple[str, ...] = refs(K.ROLE, "Roles kept informed of progress (I).", clause="5.3")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes the responsibility is part of.", clause="5.1.1 c")
    authorities_needed: tuple[str, ...] = refs(
        K.AUTHORITY, "Authorities whoever is accountable or responsible must hold.", clause="5.3"
    )


@attrs.frozen
class Process:
    """A process of the quality management system and what it needs (4.4.1)."""

    id: str = required("Unique id of the process.")
    name: str = required("The process's name.")
    description: str = value("", "What the process does.")
    category: ProcessCategory = value(
        ProcessCategory.CORE, "Management, core (operational) or support process.", clause="4.4.1"
    )
    owner: str | None = ref(
        K.ROLE, "The role accountable for the process delivering its intended outputs.", clause="5.3 b"
    )
    inputs: tuple[str, ...] = many("Inputs the process needs.", clause="4.4.1 a")
    outputs: tuple[str, ...] = many("Outputs the process is expected to deliver.", clause="4.4.1 a")
    interacts_with: tuple[str, ...] = refs(
        K.PROCESS, "Processes this one hands outputs to or takes inputs from.", clause="4.4.1 b"
    )
    indicators: tuple[str, ...] = many("Performance indicators that show the process is effective.", clause="4.4.1 c")
    criteria: str = value("", "Criteria and methods for operating and controlling the process.", clause="4.4.1 c")
    resources: tuple[str, ...] = refs(K.RESOURCE, "Resources the process needs.", clause="4.4.1 d")
    outsourced: bool = value(False, "Whether an external provider runs the process.", clause="8.4")


@attrs.frozen
class Commitment:
    """One commitment made by the quality policy (5.2.1 b-d)."""

    id: str = required("Unique id of the commitment, so objectives can trace to it.")
    kind: CommitmentKind = required("What is committed to.", clause="5.2.1")
    text: str = value("", "The commitment in the policy's own words.")


@attrs.frozen
class QualityPolicy:
    """The quality policy set by top management (5.2)."""

    id: str = required("Unique id of the policy.")
    statement: str = required("The policy text.", clause="5.2.1")
    version: str = value("", "Version or revision of the policy document.", clause="5.2.2 a")
    commitments: tuple[Commitment, ...] = many("The commitments the policy makes.", clause="5.2.1 b-d")
    approved_by: str | None = ref(K.ROLE, "The top-management role that approved the policy.", clause="5.1.1 b")
    approved_on: dt.date | None = value(None, "When it was approved.", clause="5.2.2 a")
    next_review: dt.date | None = value(None, "When it is next due for review.", clause="5.2.2 a")
    reviewed_on: dt.date | None = value(
        None, "When it was last reviewed for continuing suitability (approval counts as a review).", clause="5.2.2 a"
    )
    communicated_to: tuple[str, ...] = refs(K.ROLE, "Roles the policy has been communicated to.", clause="5.2.2 b")
    available_to: tuple[str, ...] = refs(
        K.INTERESTED_PARTY, "Interested parties the policy is made available to.", clause="5.2.2 c"
    )
    context_issues: tuple[str, ...] = refs(
        K.CONTEXT_ISSUE, "Context issues the policy takes into account.", clause="5.2.1 a"
    )
    strategic_direction: str = value("", "How the policy supports the organization's strategy.", clause="5.2.1 a")
    location: str = value("", "Where the controlled copy is kept.", clause="5.2.2 a")


@attrs.frozen
class Measurement:
    """One measured value of a quality objective's metric."""

    on: dt.date = required("When the value was measured.")
    value: float = required("The measured value.")


@attrs.frozen
class QualityObjective:
    """A measurable quality objective and the plan to reach it (6.2)."""

    id: str = required("Unique id of the objective.")
    statement: str = required("The objective in words.", clause="6.2.1")
    supports: tuple[str, ...] = refs(
        K.COMMITMENT, "Policy commitments the objective puts into practice.", clause="6.2.1 a"
    )
    metric: str = value("", "What is measured.", clause="6.2.1 b")
    unit: str = value("", "Unit of the metric.", clause="6.2.1 b")
    baseline: float | None = value(None, "The metric's value when the objective was set.", clause="6.2.1 b")
    target: float | None = value(None, "The value to reach.", clause="6.2.1 b")
    direction: TargetDirection = value(
        TargetDirection.AT_LEAST, "Whether the target is a floor (at_least) or a ceiling (at_most).", clause="6.2.1 b"
    )
    due: dt.date | None = value(None, "When the target is to be met.", clause="6.2.2 d")
    owner: str | None = ref(K.ROLE, "The role responsible for the objective.", clause="6.2.2 c")
    actions: tuple[str, ...] = refs(K.ACTION, "What will be done to reach it.", clause="6.2.2 a")
    resources: tuple[str, ...] = refs(K.RESOURCE, "Resources it needs.", clause="6.2.2 b")
    evaluation: str = value("", "How results will be evaluated.", clause="6.2.2 e")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes the objective applies to.", clause="6.2.1")
    functions: tuple[str, ...] = many("Functions and levels the objective applies to.", clause="6.2.1")
    measurements: tuple[Measurement, ...] = many("Measured values, oldest first.", clause="6.2.1 e")
    communicated_to: tuple[str, ...] = refs(K.ROLE, "Roles the objective was communicated to.", clause="6.2.1 f")
    measured_every: Period | None = value(
        None,
        "How often the objective is planned to be measured, such as 'monthly' or '1 year'; none: at least yearly.",
        clause="6.2.1 e",
    )
    revised_on: dt.date | None = value(
        None, "When the objective (its target, due date or plan) was last revised.", clause="6.2.1 g"
    )

    @property
    def latest(self) -> Measurement | None:
        """The most recent measurement, or ``None``."""
        if not self.measurements:
            return None
        return max(self.measurements, key=lambda m: m.on)

    def on_target(self) -> bool | None:
        """Whether the latest measurement meets the target; ``None`` when it cannot be told.

        Examples
        --------
        >>> import datetime as dt
        >>> o = QualityObjective(id="otd", statement="Deliver on time", target=95.0,
        ...                      measurements=(Measurement(dt.date(2026, 1, 31), 96.5),))
        >>> o.on_target()
        True
        """
        latest = self.latest
        if latest is None or self.target is None:
            return None
        if self.direction is TargetDirection.AT_LEAST:
            return latest.value >= self.target
        return latest.value <= self.target


@attrs.frozen
class ContextIssue:
    """An internal or external issue relevant to the organization's purpose (4.1)."""

    id: str = required("Unique id of the issue.")
    title: str = required("The issue in a few words.")
    kind: IssueKind = value(IssueKind.EXTERNAL, "Internal or external.", clause="4.1")
    description: str = value("", "Details of the issue.")
    relevant: bool = value(True, "Whether the organization decided the issue is relevant to its QMS.", clause="4.1")
    rationale: str = value("", "Why it was decided relevant or not.", clause="4.1")
    climate: bool = value(False, "Whether this is the climate-change consideration.", clause="4.1 (Amd 1:2024)")
    no_risk_reason: str = value(
        "", "Why no risk or opportunity is derived from this relevant issue, when none is.", clause="6.1.1"
    )


@attrs.frozen
class PartyRequirement:
    """A requirement an interested party has of the organization (4.2, 5.1.2 a)."""

    id: str = required("Unique id of the requirement.")
    text: str = required("The requirement in words.")
    owner: str | None = ref(K.ROLE, "The role that makes sure it is met.", clause="5.1.2 a")
    statutory: bool = value(False, "Whether it is a statutory or regulatory requirement.", clause="5.1.2 a")
    climate: bool = value(False, "Whether it is a climate-related requirement.", clause="4.2 (Amd 1:2024)")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes through which it is met.", clause="5.1.2 a")


@attrs.frozen
class InterestedParty:
    """A party whose requirements bear on the QMS; customers among them (4.2)."""

    id: str = required("Unique id of the party.")
    name: str = required("The party's name.")
    kind: PartyKind = value(PartyKind.OTHER, "What kind of party it is.", clause="4.2")
    requirements: tuple[PartyRequirement, ...] = many("The party's requirements relevant to the QMS.", clause="4.2")


@attrs.frozen
class Effectiveness:
    """How, when and with what result an action's effectiveness is evaluated (6.1.2 b 2)."""

    criterion: str = required("What shows the action worked.")
    evaluate_by: dt.date | None = value(None, "When the evaluation is due.")
    evaluated_on: dt.date | None = value(None, "When it was evaluated.")
    result: EffectivenessResult = value(EffectivenessResult.PENDING, "The verdict.")


@attrs.frozen
class Action:
    """A planned action: risk treatment, objective plan or review decision (6.1.2, 6.2.2, 9.3.3)."""

    id: str = required("Unique id of the action.")
    title: str = required("What will be done.")
    description: str = value("", "Details of the action.")
    owner: str | None = ref(K.ROLE, "The role that carries the action out.", clause="6.2.2 c")
    due: dt.date | None = value(None, "When it is due.", clause="6.2.2 d")
    status: ActionStatus = value(ActionStatus.PLANNED, "Where it stands.")
    completed_on: dt.date | None = value(None, "When it was completed (status done).")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes the action is built into.", clause="6.1.2 b 1")
    effectiveness: Effectiveness | None = value(None, "How its effectiveness is evaluated.", clause="6.1.2 b 2")
    follows_up: tuple[str, ...] = refs(
        K.ACTION, "Earlier actions this one follows up, such as one evaluated as not effective.", clause="6.1.2 b 2"
    )


@attrs.frozen
class Risk:
    """A risk to conformity or to customer satisfaction, and its treatment (6.1)."""

    id: str = required("Unique id of the risk.")
    title: str = required("The risk in a few words.")
    description: str = value("", "Cause, event and consequence.")
    sources: tuple[str, ...] = refs(
        (K.CONTEXT_ISSUE, K.PARTY_REQUIREMENT, K.INTERESTED_PARTY),
        "Context issues or party requirements the risk arises from.",
        clause="6.1.1",
    )
    likelihood: int | None = value(None, "Likelihood on the organization's risk scale.", clause="6.1.1")
    impact: int | None = value(None, "Impact on the organization's risk scale.", clause="6.1.1")
    owner: str | None = ref(K.ROLE, "The role that owns the risk.", clause="6.1.2")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes the risk affects.", clause="5.1.1 d")
    actions: tuple[str, ...] = refs(K.ACTION, "Actions that treat the risk.", clause="6.1.2 a")
    accepted: bool = value(False, "Whether the risk is knowingly accepted without action.", clause="6.1.2 a")
    rationale: str = value("", "Why it was accepted, when it was.", clause="6.1.2 a")
    customer_impact: bool = value(
        False, "Whether it can affect product conformity or customer satisfaction.", clause="5.1.2 b"
    )
    review_on: dt.date | None = value(None, "When the risk is next reviewed.")

    @property
    def score(self) -> int | None:
        """Likelihood times impact, or ``None`` when either is missing."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact


@attrs.frozen
class Opportunity:
    """An opportunity to improve or to enhance customer satisfaction, and its pursuit (6.1)."""

    id: str = required("Unique id of the opportunity.")
    title: str = required("The opportunity in a few words.")
    description: str = value("", "What could be gained and how.")
    sources: tuple[str, ...] = refs(
        (K.CONTEXT_ISSUE, K.PARTY_REQUIREMENT, K.INTERESTED_PARTY),
        "Context issues or party requirements the opportunity arises from.",
        clause="6.1.1",
    )
    likelihood: int | None = value(None, "Likelihood on the organization's risk scale.", clause="6.1.1")
    benefit: int | None = value(None, "Benefit on the organization's impact scale.", clause="6.1.1")
    owner: str | None = ref(K.ROLE, "The role that owns the opportunity.", clause="6.1.2")
    processes: tuple[str, ...] = refs(K.PROCESS, "Processes the opportunity concerns.", clause="5.1.1 d")
    actions: tuple[str, ...] = refs(K.ACTION, "Actions that pursue the opportunity.", clause="6.1.2 a")
    accepted: bool = value(False, "Whether it was knowingly decided not to pursue it.", clause="6.1.2 a")
    rationale: str = value("", "Why it is not pursued, when it is not.", clause="6.1.2 a")
    customer_impact: bool = value(False, "Whether it can enhance customer satisfaction.", clause="5.1.2 b")
    review_on: dt.date | None = value(None, "When the opportunity is next reviewed.")


@attrs.frozen
class Communication:
    """A planned internal or external communication: what, when, with whom, how, by whom (7.4)."""

    id: str = required("Unique id of the communication.")
    subject: str = required("What is communicated.", clause="7.4 a")
    about: tuple[str, ...] = refs(
        ANY_KIND, "Elements it communicates: the policy, objectives, responsibilities.", clause="7.4 a"
    )
    topics: tuple[CommunicationTopic, ...] = many(
        "Subjects it covers that are not elements of the model.", clause="5.1.1 f"
    )
    audience: tuple[str, ...] = refs(
        (K.ROLE, K.INTERESTED_PARTY), "Roles or interested parties it reaches.", clause="7.4 c"
    )
    communicator: str | None = ref(K.ROLE, "The role that communicates.", clause="7.4 e")
    channel: str = value("", "How it is communicated.", clause="7.4 d")
    frequency: str = value(
        "",
        "When or how often, in words. Checks hold the organization to it when it states a period ('quarterly', "
        "'every 2 weeks', 'Monthly, in the first week') and 'every' is not given.",
        clause="7.4 b",
    )
    last_on: dt.date | None = value(None, "When it last took place.")
    every: Period | None = value(
        None, "How often it takes place, as a period ('3 months', 'quarterly'); overrides 'frequency'.", clause="7.4 b"
    )

    @property
    def period(self) -> Period | None:
        """How often it is planned: ``every``, else the period ``frequency`` states, else ``None``."""
        return self.every if self.every is not None else Period.read(self.frequency)


@attrs.frozen
class ReviewOutput:
    """A decision taken at a management review (9.3.3)."""

    kind: ReviewOutputKind = required("Improvement, change to the QMS, or resource need.", clause="9.3.3")
    decision: str = required("What was decided.")
    actions: tuple[str, ...] = refs(K.ACTION, "Actions that carry the decision out.", clause="9.3.3")


@attrs.frozen
class ReviewProgramme:
    """How often top management plans to review the QMS, and what it reviews there (9.3.1)."""

    every: Period = value(
        Period(12, PeriodUnit.MONTH),
        "The planned interval between management reviews, such as '6 months'.",
        clause="9.3.1",
    )
    reviews_policy: bool = value(
        False, "Whether the quality policy is reviewed for continuing suitability at management review.", clause="5.2"
    )
    description: str = value("", "Anything else about the programme: timing, who attends, how it is prepared.")


@attrs.frozen
class ManagementReview:
    """A management review of the QMS by top management (9.3)."""

    id: str = required("Unique id of the review.")
    held_on: dt.date = required("When the review took place.", clause="9.3.1")
    chair: str | None = ref(K.ROLE, "The role that chaired it.", clause="9.3.1")
    attendees: tuple[str, ...] = refs(K.ROLE, "Roles that attended.", clause="9.3.1")
    inputs: tuple[ReviewInput, ...] = many("Inputs the review covered.", clause="9.3.2")
    outputs: tuple[ReviewOutput, ...] = many("Decisions and actions it produced.", clause="9.3.3")
    notes: str = value("", "Anything else worth keeping.")


@attrs.frozen
class Resource:
    """A resource the QMS needs: people, infrastructure, budget, knowledge (7.1)."""

    id: str = required("Unique id of the resource.")
    name: str = required("The resource's name.")
    kind: ResourceKind = value(ResourceKind.PEOPLE, "What kind of resource it is.", clause="7.1")
    status: ResourceStatus = value(ResourceStatus.PROVIDED, "Whether it has been provided.", clause="7.1.1")
    owner: str | None = ref(K.ROLE, "The role that provides or manages it.", clause="5.1.1 e")
    amount: float | None = value(None, "How much (headcount, budget).")
    unit: str = value("", "Unit of the amount.")
    description: str = value("", "Details of the resource.")
    status_since: dt.date | None = value(
        None, "Since when the resource has had its status (planned or lacking since when).", clause="7.1.1"
    )


@attrs.frozen
class Evidence:
    """Documented information that shows something is in place (7.5)."""

    id: str = required("Unique id of the evidence.")
    title: str = required("The document's or record's title.")
    kind: EvidenceKind = value(EvidenceKind.RECORD, "What kind of documented information.", clause="7.5")
    location: str = value("", "Where it is kept (a path, a URL, a system).")
    dated: dt.date | None = value(None, "The document's date.")
    supports: tuple[str, ...] = refs(ANY_KIND, "Elements this evidence supports.")
    clauses: tuple[str, ...] = many(
        "Requirement ids ('awareness.policy', the same in every edition) or clause ids ('7.3 a', in the edition "
        "named by 'edition') this documented information demonstrates, for requirements the model alone cannot "
        "decide. A parent clause ('7.3') settles none of its items on its own."
    )
    valid_until: dt.date | None = value(
        None, "Until when it counts (a certificate's expiry, a survey's period); past it, it is stale.", clause="7.5.3"
    )
    edition: str | None = value(
        None,
        "The ISO 9001 edition ('2015' or '2026') whose clause ids 'clauses' cites; without it, a lettered clause "
        "id that means different requirements in the two editions settles nothing.",
    )


@attrs.frozen
class Exclusion:
    """A requirement the organization has determined does not apply, and why (4.3)."""

    requirement: str = required("The requirement id (as in the catalog, such as '5.1.2 b').", clause="4.3")
    justification: str = required("Why it does not apply; an exclusion without one is not accepted.", clause="4.3")


@attrs.frozen
class RiskScale:
    """The organization's scale for likelihood and impact (or benefit): 1 to the given level."""

    likelihood: int = value(5, "Number of likelihood levels.")
    impact: int = value(5, "Number of impact (and benefit) levels.")
