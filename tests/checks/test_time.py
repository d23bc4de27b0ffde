"""The checks that read dates: for each, an organization that keeps to time, one that does not, and the edge.

Every case starts from Kestrel Valves (``complete()``), which conforms on 2026-11-24, and
changes one thing. A case names the requirement, the rule it expects there (or none), and
the status and grade of that finding; an edge case sits one day either side of a threshold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from tests.assessment._orgs import AS_OF, change, complete, drop_clause_evidence

from iso9001_leadership import (
    Action,
    ActionStatus,
    AwarenessTopic,
    Communication,
    Effectiveness,
    EffectivenessResult,
    Holding,
    Measurement,
    Organization,
    Period,
    ResourceStatus,
    ReviewOutputKind,
    ReviewProgramme,
    Timing,
    assess,
)
from iso9001_leadership.assessment import Grade, Status
from iso9001_leadership.exceptions import UsageError

D = dt.date
NC, OBS = Status.NONCONFORMITY, Status.OBSERVATION
MINOR, MAJOR = Grade.MINOR, Grade.MAJOR


@attrs.frozen
class Case:
    label: str
    build: Callable[[], Organization]
    requirement: str
    rule: str
    status: Status | None  # None: no finding of that rule
    grade: Grade | None = None
    as_of: dt.date = AS_OF
    edition: str = "2015"
    subjects: tuple[str, ...] = ()


def _finding(case: Case):  # type: ignore[no-untyped-def]
    result = assess(case.build(), as_of=case.as_of, edition=case.edition).result(case.requirement)
    found = [f for f in result.findings if f.rule == case.rule]
    assert len(found) <= 1, found  # one finding per requirement and rule
    return found[0] if found else None


# -- builders -----------------------------------------------------------------------------------


def programme(every: str, **changes: object) -> Callable[[], Organization]:
    def build() -> Organization:
        org = complete().evolve(review_programme=ReviewProgramme(every=Period.parse(every)))
        return change(org, "mr-2026-06", **changes) if changes else org

    return build


def review_on(held_on: dt.date) -> Callable[[], Organization]:
    return lambda: change(complete(), "mr-2026-06", held_on=held_on)


def measured(every: str | None, *dates: dt.date, value: float = 96.0) -> Callable[[], Organization]:
    period = Period.parse(every) if every else None
    points = tuple(Measurement(d, value) for d in dates)
    return lambda: change(complete(), "obj-otd", measured_every=period, measurements=points)


def communicated(
    last_on: dt.date | None, *, frequency: str = "", every: str | None = None
) -> Callable[[], Organization]:
    period = Period.parse(every) if every else None
    return lambda: change(complete(), "comm-policy", frequency=frequency, every=period, last_on=last_on)


def action(action_id: str, **changes: object) -> Callable[[], Organization]:
    return lambda: change(complete(), action_id, **changes)


def evaluated(**changes: object) -> Effectiveness:
    return Effectiveness(criterion="Both suppliers deliver to specification for six months", **changes)  # type: ignore[arg-type]


def ineffective(
    *, on: dt.date, follow: Callable[[Organization], Organization] | None = None
) -> Callable[[], Organization]:
    def build() -> Organization:
        eff = evaluated(evaluated_on=on, result=EffectivenessResult.NOT_EFFECTIVE)
        org = change(complete(), "act-buffer", status=ActionStatus.DONE, completed_on=D(2026, 3, 1), effectiveness=eff)
        return follow(org) if follow is not None else org

    return build


def follow_up_action(org: Organization) -> Organization:
    new = Action(
        id="act-buffer-2", title="Buffer three weeks", owner="ops", due=D(2027, 2, 1), follows_up=("act-buffer",)
    )
    return org.with_elements(new)


def another_on_the_risk(org: Organization) -> Organization:
    new = Action(
        id="act-express", title="Express freight contract", owner="ops", due=D(2027, 2, 1), processes=("proc-sell",)
    )
    risk = org["risk-late-delivery"]
    return change(org.with_elements(new), "risk-late-delivery", actions=(*risk.actions, "act-express"))  # type: ignore[union-attr]


def decided(
    status: ActionStatus, *, later_review: dt.date | None, due: dt.date | None = None
) -> Callable[[], Organization]:
    """The June review decided an improvement carried out by a new action; maybe a later review since."""

    def build() -> Organization:
        org = complete()
        new = Action(id="act-export-study", title="Baltic export study", owner="md", status=status, due=due)
        review = org["mr-2026-06"]
        outputs = tuple(
            attrs.evolve(o, actions=("act-export-study",)) if o.kind is ReviewOutputKind.IMPROVEMENT else o
            for o in review.outputs  # type: ignore[union-attr]
        )
        org = change(org.with_elements(new), "mr-2026-06", outputs=outputs)
        if later_review is not None:
            later = attrs.evolve(org["mr-2026-06"], id="mr-2026-10", held_on=later_review)
            org = org.with_elements(later)
        return org

    return build


def objective_missed(due: dt.date, **changes: object) -> Callable[[], Organization]:
    """obj-otd due on ``due``, its target of 95 missed (90 on 2026-10-31), its only action done in May."""

    def build() -> Organization:
        org = change(complete(), "act-otd-plan", status=ActionStatus.DONE, completed_on=D(2026, 5, 1))
        points = (Measurement(D(2026, 9, 30), 91.0), Measurement(D(2026, 10, 31), 90.0))
        return change(org, "obj-otd", due=due, measurements=points, **changes)

    return build


OTD_DUE = dt.date(2027, 6, 30)


def trend(*values: float, due: dt.date = OTD_DUE) -> Callable[[], Organization]:
    months = (D(2026, 6, 30), D(2026, 7, 31), D(2026, 8, 31), D(2026, 9, 30), D(2026, 10, 31))[-len(values) :]
    points = tuple(Measurement(d, v) for d, v in zip(months, values, strict=True))
    return lambda: change(complete(), "obj-otd", measurements=points, due=due)


def qm_left(on: dt.date, *, deputy: bool = True) -> Callable[[], Organization]:
    def build() -> Organization:
        org = change(complete(), "ben", left=on)
        return org if deputy else change(org, "cai", deputy_of=())

    return build


def resource(status: ResourceStatus, since: dt.date | None) -> Callable[[], Organization]:
    return lambda: change(complete(), "res-test-rig", status=status, status_since=since)


def risk_review(on: dt.date | None) -> Callable[[], Organization]:
    return lambda: change(complete(), "risk-supplier", review_on=on)


def policy_programme(reviewed_on: dt.date | None, *, reviews_policy: bool = True) -> Callable[[], Organization]:
    def build() -> Organization:
        org = complete().evolve(
            review_programme=ReviewProgramme(every=Period.parse("6 months"), reviews_policy=reviews_policy)
        )
        return change(org, "policy", reviewed_on=reviewed_on)

    return build


CASES: tuple[Case, ...] = (
    # -- 9.3.1: the review programme --------------------------------------------------------------
    Case("review on plan", programme("6 months"), "review.planned", "management_review_overdue", None),
    Case(
        "review 8 months ago, planned every 6",
        programme("6 months", held_on=D(2026, 3, 20)),
        "review.planned",
        "management_review_overdue",
        NC,
        MINOR,
    ),
    Case(
        "review 14 months ago, planned every 6: none in a year",
        programme("6 months", held_on=D(2025, 9, 20)),
        "review.planned",
        "management_review_overdue",
        NC,
        MAJOR,
    ),
    Case(
        "edge: 6 months and the 31-day grace, to the day",
        programme("6 months", held_on=D(2026, 4, 24)),
        "review.planned",
        "management_review_overdue",
        None,
    ),
    Case(
        "edge: one day past 6 months and the grace",
        programme("6 months", held_on=D(2026, 4, 23)),
        "review.planned",
        "management_review_overdue",
        NC,
        MINOR,
    ),
    Case(
        "no programme: 12 months and grace, to the day",
        review_on(D(2025, 10, 24)),
        "review.planned",
        "management_review_overdue",
        None,
    ),
    Case(
        "no programme: a day later",
        review_on(D(2025, 10, 23)),
        "review.planned",
        "management_review_overdue",
        NC,
        MINOR,
    ),
    Case(
        "no programme: two years", review_on(D(2024, 10, 1)), "review.planned", "management_review_overdue", NC, MAJOR
    ),
    Case(
        "annual programme, 13 months: one review missed, within the year's grace",
        programme("1 year", held_on=D(2025, 10, 24)),
        "review.planned",
        "management_review_overdue",
        None,
    ),
    # -- 6.2.1 e: measurement frequency -------------------------------------------------------------
    Case(
        "measured monthly, last a month ago",
        measured("monthly", D(2026, 10, 31)),
        "objectives.monitored",
        "objective_not_monitored",
        None,
    ),
    Case(
        "measured monthly, last in August",
        measured("monthly", D(2026, 8, 31)),
        "objectives.monitored",
        "objective_not_monitored",
        NC,
        MINOR,
        subjects=("obj-otd",),
    ),
    Case(
        "annual survey, measured 11 months ago",
        measured("1 year", D(2025, 12, 15)),
        "objectives.monitored",
        "objective_not_monitored",
        None,
    ),
    Case(
        "no plan: yearly at least, 14 months ago",
        measured(None, D(2025, 9, 20)),
        "objectives.monitored",
        "objective_not_monitored",
        NC,
        MINOR,
    ),
    Case(
        "edge: monthly and the 7-day grace, to the day",
        measured("monthly", D(2026, 10, 17)),
        "objectives.monitored",
        "objective_not_monitored",
        None,
    ),
    Case(
        "edge: a day later",
        measured("monthly", D(2026, 10, 16)),
        "objectives.monitored",
        "objective_not_monitored",
        NC,
        MINOR,
    ),
    Case(
        "measured at its due date: closed",
        lambda: change(complete(), "obj-otd", due=D(2025, 6, 30), measurements=(Measurement(D(2025, 6, 30), 96.0),)),
        "objectives.monitored",
        "objective_not_monitored",
        None,
    ),
    # -- 7.4 b: communication frequency ---------------------------------------------------------------
    Case(
        "quarterly town hall last held two years ago",
        communicated(D(2024, 11, 20), every="quarterly"),
        "communication.when",
        "communication_overdue",
        NC,
        MINOR,
        subjects=("comm-policy",),
    ),
    Case(
        "free text states the period",
        communicated(D(2024, 11, 20), frequency="Quarterly, after the results"),
        "communication.when",
        "communication_overdue",
        NC,
        MINOR,
    ),
    Case(
        "free text states no period",
        communicated(D(2024, 11, 20), frequency="At each new version"),
        "communication.when",
        "communication_overdue",
        None,
    ),
    Case(
        "every overrides the text",
        communicated(D(2026, 1, 20), frequency="monthly", every="1 year"),
        "communication.when",
        "communication_overdue",
        None,
    ),
    Case(
        "never held: nothing to judge by",
        communicated(None, every="quarterly"),
        "communication.when",
        "communication_overdue",
        None,
    ),
    Case(
        "edge: quarterly and its 22-day grace, to the day",
        communicated(D(2026, 8, 2), every="quarterly"),
        "communication.when",
        "communication_overdue",
        None,
    ),
    Case(
        "edge: a day later",
        communicated(D(2026, 8, 1), every="quarterly"),
        "communication.when",
        "communication_overdue",
        NC,
        MINOR,
    ),
    # -- 6.1.2 b 1: risk actions on time ---------------------------------------------------------------
    Case("risk action due next year", action("act-dual-source"), "planning.actions-integrated", "action_overdue", None),
    Case(
        "risk action 8 months overdue",
        action("act-dual-source", due=D(2026, 3, 31)),
        "planning.actions-integrated",
        "action_overdue",
        NC,
        MINOR,
        subjects=("act-dual-source",),
    ),
    Case(
        "risk action 84 days late: an observation",
        action("act-dual-source", due=D(2026, 9, 1)),
        "planning.actions-integrated",
        "action_late",
        OBS,
    ),
    Case(
        "edge: 60 days late is not yet late",
        action("act-dual-source", due=AS_OF - dt.timedelta(days=60)),
        "planning.actions-integrated",
        "action_late",
        None,
    ),
    Case(
        "edge: 61 days late",
        action("act-dual-source", due=AS_OF - dt.timedelta(days=61)),
        "planning.actions-integrated",
        "action_late",
        OBS,
    ),
    Case(
        "edge: 120 days is late, not overdue",
        action("act-dual-source", due=AS_OF - dt.timedelta(days=120)),
        "planning.actions-integrated",
        "action_overdue",
        None,
    ),
    Case(
        "edge: 121 days is overdue",
        action("act-dual-source", due=AS_OF - dt.timedelta(days=121)),
        "planning.actions-integrated",
        "action_overdue",
        NC,
        MINOR,
    ),
    Case(
        "done late is done",
        action("act-dual-source", due=D(2026, 3, 31), status=ActionStatus.DONE, completed_on=D(2026, 6, 1)),
        "planning.actions-integrated",
        "action_overdue",
        None,
    ),
    Case(
        "2026 edition: under 6.1.2 for risks",
        action("act-dual-source", due=D(2026, 3, 31)),
        "planning.risk-actions",
        "action_overdue",
        NC,
        MINOR,
        edition="2026",
    ),
    Case(
        "2026 edition: opportunity actions under 6.1.3",
        action("act-export", due=D(2026, 3, 31)),
        "planning.opportunity-actions",
        "action_overdue",
        NC,
        MINOR,
        edition="2026",
    ),
    Case(
        "objective action overdue: 6.2.2 d",
        action("act-otd-plan", due=D(2026, 5, 31)),
        "objective-plans.when",
        "action_overdue",
        NC,
        MINOR,
        subjects=("act-otd-plan",),
    ),
    # -- 6.1.2 b 2: effectiveness evaluated on time --------------------------------------------------------
    Case(
        "evaluation 5 months overdue",
        action(
            "act-dual-source",
            status=ActionStatus.DONE,
            completed_on=D(2026, 2, 1),
            effectiveness=evaluated(evaluate_by=D(2026, 6, 30)),
        ),
        "planning.actions-effectiveness",
        "effectiveness_evaluation_overdue",
        NC,
        MINOR,
    ),
    Case(
        "evaluated on time",
        action(
            "act-dual-source",
            status=ActionStatus.DONE,
            completed_on=D(2026, 2, 1),
            effectiveness=evaluated(
                evaluate_by=D(2026, 6, 30), evaluated_on=D(2026, 7, 2), result=EffectivenessResult.EFFECTIVE
            ),
        ),
        "planning.actions-effectiveness",
        "effectiveness_evaluation_overdue",
        None,
    ),
    Case(
        "edge: evaluation 61 days late",
        action("act-dual-source", effectiveness=evaluated(evaluate_by=AS_OF - dt.timedelta(days=61))),
        "planning.actions-effectiveness",
        "effectiveness_evaluation_late",
        OBS,
    ),
    Case(
        "edge: evaluation 60 days late",
        action("act-dual-source", effectiveness=evaluated(evaluate_by=AS_OF - dt.timedelta(days=60))),
        "planning.actions-effectiveness",
        "effectiveness_evaluation_late",
        None,
    ),
    # -- 6.1.2 b 2: not effective, then what? -----------------------------------------------------------------
    Case(
        "not effective, nothing since",
        ineffective(on=D(2026, 5, 1)),
        "planning.actions-effectiveness",
        "not_effective_without_follow_up",
        NC,
        MINOR,
        subjects=("act-buffer",),
    ),
    Case(
        "not effective, followed up",
        ineffective(on=D(2026, 5, 1), follow=follow_up_action),
        "planning.actions-effectiveness",
        "not_effective_without_follow_up",
        None,
    ),
    Case(
        "not effective, another action on the risk",
        ineffective(on=D(2026, 5, 1), follow=another_on_the_risk),
        "planning.actions-effectiveness",
        "not_effective_without_follow_up",
        None,
    ),
    Case(
        "edge: found not effective 60 days ago: still deciding",
        ineffective(on=AS_OF - dt.timedelta(days=60)),
        "planning.actions-effectiveness",
        "not_effective_without_follow_up",
        None,
    ),
    Case(
        "edge: 61 days ago",
        ineffective(on=AS_OF - dt.timedelta(days=61)),
        "planning.actions-effectiveness",
        "not_effective_without_follow_up",
        NC,
        MINOR,
    ),
    # -- 9.3.3: review decisions carried out ---------------------------------------------------------------------
    Case(
        "decided in June, not started by the October review",
        decided(ActionStatus.PLANNED, later_review=D(2026, 10, 15)),
        "review-outputs.improvement",
        "action_overdue",
        NC,
        MINOR,
        subjects=("act-export-study",),
    ),
    Case(
        "decided in June, under way by October",
        decided(ActionStatus.IN_PROGRESS, later_review=D(2026, 10, 15)),
        "review-outputs.improvement",
        "action_overdue",
        None,
    ),
    Case(
        "decided in June, no review since",
        decided(ActionStatus.PLANNED, later_review=None),
        "review-outputs.improvement",
        "action_overdue",
        None,
    ),
    Case(
        "decided in June, due next year",
        decided(ActionStatus.PLANNED, later_review=D(2026, 10, 15), due=D(2027, 3, 1)),
        "review-outputs.improvement",
        "action_overdue",
        None,
    ),
    # -- 6.2.1 g: objectives past due -------------------------------------------------------------------------
    Case(
        "missed in June, left as it was",
        objective_missed(D(2026, 6, 30)),
        "objectives.updated",
        "objective_missed_not_updated",
        NC,
        MINOR,
        subjects=("obj-otd",),
    ),
    Case(
        "missed, then revised",
        objective_missed(D(2026, 6, 30), revised_on=D(2026, 9, 1)),
        "objectives.updated",
        "objective_missed_not_updated",
        None,
    ),
    Case(
        "missed, new action planned",
        lambda: change(
            objective_missed(D(2026, 6, 30))(),
            "act-otd-plan",
            status=ActionStatus.PLANNED,
            completed_on=None,
            due=D(2027, 2, 1),
        ),
        "objectives.updated",
        "objective_missed_not_updated",
        None,
    ),
    Case(
        "edge: 120 days past due",
        objective_missed(AS_OF - dt.timedelta(days=120)),
        "objectives.updated",
        "objective_missed_not_updated",
        None,
    ),
    Case(
        "edge: 121 days past due",
        objective_missed(AS_OF - dt.timedelta(days=121)),
        "objectives.updated",
        "objective_missed_not_updated",
        NC,
        MINOR,
    ),
    # -- 5.1.1 g: objectives heading for a miss -----------------------------------------------------------------
    Case(
        "getting worse three times running",
        trend(94.0, 93.0, 91.0),
        "leadership.intended-results",
        "objective_off_track",
        OBS,
        subjects=("obj-otd",),
    ),
    Case("improving fast enough", trend(90.0, 91.0, 92.0), "leadership.intended-results", "objective_off_track", None),
    Case(
        "improving too slowly to make it",
        trend(90.0, 90.2, 90.4),
        "leadership.intended-results",
        "objective_off_track",
        OBS,
    ),
    Case("worse but on target", trend(99.0, 98.0, 97.0), "leadership.intended-results", "objective_off_track", None),
    Case("two points are no trend", trend(93.0, 91.0), "leadership.intended-results", "objective_off_track", None),
    # -- 5.3: people who left, vacant roles -------------------------------------------------------------------
    Case(
        "QM left in May, Cai deputises",
        qm_left(D(2026, 5, 31)),
        "roles.assigned",
        "role_vacant_covered",
        OBS,
        subjects=("qm",),
    ),
    Case(
        "QM left in May, nobody deputises: 5.3 a, c, e with nobody",
        qm_left(D(2026, 5, 31), deputy=False),
        "roles.assigned",
        "role_vacant",
        NC,
        MAJOR,
        subjects=("qm",),
    ),
    Case(
        "QM left 54 days ago, nobody deputises",
        qm_left(D(2026, 10, 1), deputy=False),
        "roles.assigned",
        "role_vacant",
        NC,
        MINOR,
    ),
    Case(
        "edge: 30 days is a handover",
        qm_left(AS_OF - dt.timedelta(days=30), deputy=False),
        "roles.assigned",
        "role_vacant",
        None,
    ),
    Case(
        "edge: 31 days",
        qm_left(AS_OF - dt.timedelta(days=31), deputy=False),
        "roles.assigned",
        "role_vacant",
        NC,
        MINOR,
    ),
    Case(
        "edge: 91 days leaves 5.3 duties with nobody",
        qm_left(AS_OF - dt.timedelta(days=91), deputy=False),
        "roles.assigned",
        "role_vacant",
        NC,
        MAJOR,
    ),
    Case("leaving next month", qm_left(D(2026, 12, 31), deputy=False), "roles.assigned", "role_vacant", None),
    Case(
        "a holding that ended",
        lambda: change(
            change(complete(), "ben", roles=(), holdings=(Holding("qm", since=D(2020, 1, 1), until=D(2026, 6, 1)),)),
            "cai",
            deputy_of=(),
        ),
        "roles.assigned",
        "role_vacant",
        NC,
        MAJOR,
    ),
    Case(
        "a successor took over",
        lambda: change(
            change(change(complete(), "ben", left=D(2026, 5, 31)), "cai", deputy_of=()),
            "ana",
            holdings=(Holding("qm", since=D(2026, 6, 1)),),
        ),
        "roles.assigned",
        "role_vacant",
        None,
    ),
    Case(
        "vacancy the file states",
        lambda: change(
            change(change(complete(), "ben", roles=()), "cai", deputy_of=()), "qm", vacant_since=D(2026, 8, 1)
        ),
        "roles.assigned",
        "role_vacant",
        NC,
        MAJOR,
    ),
    # -- 7.1.1 and 5.1.1 e: resources planned too long ---------------------------------------------------------
    Case(
        "planned for a year",
        resource(ResourceStatus.PLANNED, D(2025, 11, 1)),
        "resources.determined-provided",
        "resource_planned_too_long",
        NC,
        MINOR,
        subjects=("res-test-rig",),
    ),
    Case(
        "planned for a year: top management's too",
        resource(ResourceStatus.PLANNED, D(2025, 11, 1)),
        "leadership.resources",
        "resource_planned_too_long",
        NC,
        MINOR,
    ),
    Case(
        "planned since July",
        resource(ResourceStatus.PLANNED, D(2026, 7, 1)),
        "resources.determined-provided",
        "resource_planned_too_long",
        None,
    ),
    Case(
        "edge: 180 days",
        resource(ResourceStatus.PLANNED, AS_OF - dt.timedelta(days=180)),
        "resources.determined-provided",
        "resource_planned_too_long",
        None,
    ),
    Case(
        "edge: 181 days",
        resource(ResourceStatus.PLANNED, AS_OF - dt.timedelta(days=181)),
        "resources.determined-provided",
        "resource_planned_too_long",
        NC,
        MINOR,
    ),
    # -- 6.1.1: risks past their review date -----------------------------------------------------------------
    Case(
        "risk review 7 months overdue",
        risk_review(D(2026, 4, 30)),
        "planning.risks-determined",
        "risk_review_overdue",
        NC,
        MINOR,
        subjects=("risk-supplier",),
    ),
    Case(
        "risk review 3 months late", risk_review(D(2026, 8, 20)), "planning.risks-determined", "risk_review_late", OBS
    ),
    Case("risk review next year", risk_review(D(2027, 4, 30)), "planning.risks-determined", "risk_review_late", None),
    # -- 5.2.2 a: the policy reviewed as the programme says ------------------------------------------------------
    Case(
        "policy reviewed at the June review",
        policy_programme(D(2026, 6, 18)),
        "policy.documented",
        "policy_not_reviewed_as_planned",
        None,
    ),
    Case(
        "policy not reviewed since its approval 10 months ago",
        policy_programme(None),
        "policy.documented",
        "policy_not_reviewed_as_planned",
        NC,
        MINOR,
        subjects=("policy",),
    ),
    Case(
        "programme does not review the policy",
        policy_programme(None, reviews_policy=False),
        "policy.documented",
        "policy_not_reviewed_as_planned",
        None,
    ),
    Case(
        "the policy's own review date passing is no finding",
        lambda: change(complete(), "policy", next_review=D(2026, 6, 30)),
        "policy.documented",
        "policy_review_overdue",
        None,
    ),
    # -- 6.1.1: relevant context issues feed planning ------------------------------------------------------------
    Case(
        "relevant issue without a risk",
        lambda: change(
            change(complete(), "risk-supplier", sources=("req-delivery",)), "opp-export", sources=("ip-customer",)
        ),
        "planning.risks-determined",
        "context_issue_not_planned_for",
        NC,
        MINOR,
        subjects=("ci-market",),
    ),
    Case(
        "relevant issue, reason recorded",
        lambda: change(
            change(
                change(complete(), "risk-supplier", sources=("req-delivery",)), "opp-export", sources=("ip-customer",)
            ),
            "ci-market",
            no_risk_reason="Consolidation changes who buys, not what: no risk to conformity",
        ),
        "planning.risks-determined",
        "context_issue_not_planned_for",
        None,
    ),
    Case(
        "climate judged relevant, flooding risk missing",
        lambda: change(complete(), "risk-late-delivery", sources=("req-delivery",)),
        "planning.risks-determined",
        "context_issue_not_planned_for",
        NC,
        MINOR,
        subjects=("ci-climate",),
    ),
    Case(
        "issue judged not relevant",
        lambda: change(
            change(complete(), "risk-late-delivery", sources=("req-delivery",)), "ci-climate", relevant=False
        ),
        "planning.risks-determined",
        "context_issue_not_planned_for",
        None,
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_time_case(case: Case) -> None:
    finding = _finding(case)
    if case.status is None:
        assert finding is None, finding
        return
    assert finding is not None, f"no {case.rule} under {case.requirement}"
    assert (finding.status, finding.grade) == (case.status, case.grade), finding
    if case.subjects:
        assert finding.subjects == case.subjects


def test_kestrel_keeps_to_time() -> None:
    """The starting point of every case has no finding at all on 2026-11-24."""
    result = assess(complete(), as_of=AS_OF)
    assert [f for f in result.findings if f.status is not Status.NEEDS_EVIDENCE] == []


def test_reason_says_when_and_what_was_planned() -> None:
    """A late review's reason gives the date it was held, how long ago, the plan and the date it was due by."""
    case = Case("", programme("6 months", held_on=D(2026, 3, 20)), "review.planned", "management_review_overdue", NC)
    finding = _finding(case)
    assert finding is not None
    assert finding.reason == (
        "The last management review was on 2026-03-20 (8 months ago); the programme plans one every 6 months, "
        "so the next was due by 2026-10-21"
    )


def test_vacancy_reason_names_the_duties_and_the_deputy() -> None:
    finding = _finding(Case("", qm_left(D(2026, 5, 31)), "roles.assigned", "role_vacant_covered", OBS))
    assert finding is not None
    assert finding.reason == (
        "Role 'qm' has been vacant since 2026-05-31 (6 months); 'cai' deputises for its duties: accountable or responsible "
        "for 2 responsibilities, owner of 1 process, holder of the authority 'auth-release' (5.3 a, 5.3 c, 5.3 e)"
    )


def test_people_who_left_are_not_asked_for_awareness() -> None:
    """7.3 looks at the people with the organization on the assessment date, not those who left."""
    unaware = change(drop_clause_evidence(complete(), "7.3 a"), "ben", awareness=(AwarenessTopic.OBJECTIVES,))
    findings = assess(unaware, as_of=AS_OF).result("awareness.policy").findings
    assert [(f.rule, f.subjects) for f in findings if f.status is OBS] == [("unaware_of_policy", ("ben",))]
    gone = change(unaware, "ben", left=D(2026, 5, 31))
    assert [f for f in assess(gone, as_of=AS_OF).result("awareness.policy").findings if f.status is OBS] == []


# -- thresholds are settable ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timing", "status"),
    [(Timing(), None), (Timing(late_days=30), OBS), (Timing(late_days=10, overdue_days=40), NC)],
)
def test_thresholds_change_the_verdict(timing: Timing, status: Status | None) -> None:
    """An action 45 days late: on time by default, late from 30 days, overdue from 40."""
    org = change(complete(), "act-dual-source", due=AS_OF - dt.timedelta(days=45))
    findings = assess(org, as_of=AS_OF, timing=timing).result("planning.actions-integrated").findings
    assert [f.status for f in findings if f.rule.startswith("action_")] == ([status] if status else [])


def test_default_review_interval_is_settable() -> None:
    org = change(complete(), "mr-2026-06", held_on=D(2026, 3, 1))
    assert not assess(org, as_of=AS_OF).result("review.planned").findings
    strict = Timing(review_every=Period.parse("6 months"))
    (finding,) = assess(org, as_of=AS_OF, timing=strict).result("review.planned").findings
    assert finding.rule == "management_review_overdue"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("overdue_days=90", Timing(overdue_days=90)),
        ("review_every = 6 months", Timing(review_every=Period.parse("6 months"))),
        ("grace_share=0.5", Timing(grace_share=0.5)),
    ],
)
def test_setting_from_text(setting: str, expected: Timing) -> None:
    assert Timing().with_setting(setting) == expected


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("overdue=90", "unknown timing setting 'overdue=90'"),
        ("overdue_days", "expected name=value"),
        ("overdue_days=soon", "'soon' is not a number"),
        ("review_every=often", "'often' is not a period"),
        ("late_days=-1", "must be a number from 0 to 99999"),
    ],
)
def test_bad_setting_is_a_usage_error(setting: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Timing().with_setting(setting)


def test_communication_period_property() -> None:
    comm = Communication(id="c", subject="s", frequency="Monthly, in the first week")
    assert comm.period == Period.parse("1 month")
    assert attrs.evolve(comm, every=Period.parse("P1Y")).period == Period.parse("1 year")
    assert attrs.evolve(comm, frequency="when the policy changes").period is None


@pytest.mark.parametrize(
    ("valid_until", "status"),
    [(None, Status.CONFORMS), (AS_OF, Status.CONFORMS), (AS_OF - dt.timedelta(days=1), Status.NEEDS_EVIDENCE)],
)
def test_evidence_past_its_validity_settles_nothing(valid_until: dt.date | None, status: Status) -> None:
    """The customer file (2026 survey) settles 5.1.2 c until the day it expires; after it, 5.1.2 c needs evidence."""
    org = change(complete(), "ev-customer-file", valid_until=valid_until)
    result = assess(org, as_of=AS_OF).result("customer-focus.satisfaction")
    assert result.status is status
    assert ("expired on" in result.note) is (status is Status.NEEDS_EVIDENCE)


def test_a_missed_objective_is_written_once() -> None:
    """Long past due, missed and without actions: 6.2.1 g says so; 5.1.1 g does not repeat it."""
    org = change(objective_missed(D(2026, 6, 30))(), "obj-otd", actions=())
    result = assess(org, as_of=AS_OF)
    assert [f.rule for f in result.result("objectives.updated").findings if f.status is NC] == [
        "objective_missed_not_updated"
    ]
    assert [f.rule for f in result.result("leadership.intended-results").findings if f.status is OBS] == []


@pytest.mark.parametrize(("until", "found"), [(None, True), (D(2026, 12, 31), True), (D(2025, 12, 31), False)])
def test_auditing_work_one_no_longer_answers_for_is_impartial(until: dt.date | None, found: bool) -> None:
    """Ben audits assembly as quality manager; while he also runs operations he audits his own work (9.2.2 c)."""
    org = change(complete(), "ben", holdings=(Holding("ops", since=D(2024, 1, 1), until=until),))
    findings = assess(org, as_of=AS_OF).result("audit.impartiality").findings
    assert [f.subjects for f in findings if f.rule == "self_audit"] == (
        [("ben", "proc-make", "qm", "ops")] if found else []
    )
