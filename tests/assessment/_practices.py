"""Builders for the auditor's table: variants of Kestrel Valves an auditor meets in the field.

Every builder starts from :func:`tests.assessment._orgs.complete` (or from :func:`one_person`,
Kestrel run by Ana alone) and changes as little as the practice needs. Nothing here calls
:func:`assess`: the expectations live in ``test_auditor_table.py``.

Builders that need fields the model does not have yet (``Organization.covers``,
``Evidence.valid_until``, ``Evidence.edition``) set them through :func:`attrs.evolve` /
``Organization.evolve`` at call time, so a missing field fails the one case that needs it and
never the collection of the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from tests.assessment._orgs import change, complete

from iso9001_leadership import (
    Action,
    Evidence,
    EvidenceKind,
    ManagementReview,
    Measurement,
    Organization,
    Person,
    Process,
    ProcessCategory,
    QualityObjective,
    ReviewInput,
    ReviewOutput,
    ReviewOutputKind,
)
from iso9001_leadership.catalog import Catalog

__all__ = [
    "ALL_INPUTS",
    "EXTRA_OBJECTIVES",
    "EXTRA_PROCESSES",
    "add_evidence",
    "add_review",
    "cite",
    "drop_settling",
    "md_is_also_qm",
    "new_action",
    "one_person",
    "people_record_no_awareness",
    "silence_objectives",
    "with_nine_objectives",
    "with_processes",
    "without_inputs",
]

#: Every review input except those given.
ALL_INPUTS = tuple(ReviewInput)


# -- evidence ----------------------------------------------------------------------------------


def add_evidence(
    org: Organization, id: str, title: str, kind: EvidenceKind, *clauses: str, **fields: Any
) -> Organization:
    """A copy with one more evidence record (``fields`` may carry ``valid_until``, ``edition``, ``supports``)."""
    record = Evidence(id=id, title=title, kind=kind, location="QMS portal", dated=dt.date(2026, 6, 30), clauses=clauses)
    if fields:
        record = attrs.evolve(record, **fields)
    return org.with_elements(record)


def cite(org: Organization, evidence_id: str, *clauses: str, **fields: Any) -> Organization:
    """A copy in which one evidence record cites exactly ``clauses`` (and has ``fields`` changed)."""
    return change(org, evidence_id, clauses=clauses, **fields)


def drop_settling(org: Organization, requirement: str, edition: str = "2015") -> Organization:
    """A copy in which no evidence record settles ``requirement`` in an assessment of ``edition``.

    Every citation of its id goes, and every citation of its clause id: the clause in the
    edition a record declares (``Evidence.edition``, once it exists), else in ``edition``. A
    record without an edition that cites the requirement's clause of the *other* edition keeps
    it: that citation names another requirement, or is ambiguous, and settles nothing here.
    """
    records = []
    for record in org.evidence:
        declared = getattr(record, "edition", None) or edition
        catalog = Catalog.builtin(declared)
        mine = {catalog[requirement].clause} if requirement in catalog else set()
        kept = tuple(c for c in record.clauses if c != requirement and c not in mine)
        records.append(attrs.evolve(record, clauses=kept))
    return org.evolve(evidence=tuple(records))


# -- people and roles ----------------------------------------------------------------------------


def one_person(org: Organization | None = None) -> Organization:
    """Kestrel run by Ana alone: she holds every role, reviews alone, and buys in her internal audit.

    She approved her own policy (she holds ``md``); nobody deputises; no role of hers audits a
    process she answers for (``qm`` audits nothing), and the 2026 internal audit was made by an
    external auditor, on record.
    """
    org = complete() if org is None else org
    ana = attrs.evolve(org.get("ana", Person), roles=("md", "qm", "ops"), deputy_of=())
    org = org.evolve(people=(ana,), reviews=tuple(attrs.evolve(r, attendees=()) for r in org.reviews))
    org = change(org, "qm", audits=())
    return add_evidence(
        org,
        "ev-external-audit",
        "Internal audit report 2026, by Nordcert Audit Services (external auditor)",
        EvidenceKind.REPORT,
        "audit.impartiality",
        dated=dt.date(2026, 9, 15),
    )


def md_is_also_qm(org: Organization | None = None) -> Organization:
    """Ana holds the managing director's and the quality manager's roles; Ben and Cai both work in operations.

    Ben deputises for the quality manager; ``qm`` still audits assembly, which Ana does not answer for.
    """
    org = complete() if org is None else org
    ana = attrs.evolve(org.get("ana", Person), roles=("md", "qm"))
    ben = attrs.evolve(org.get("ben", Person), roles=("ops",), deputy_of=("qm",))
    cai = attrs.evolve(org.get("cai", Person), roles=("ops",), deputy_of=())
    return org.with_elements(ana, ben, cai)


def people_record_no_awareness(org: Organization) -> Organization:
    """A copy in which no person records awareness: only documented information can show it."""
    return org.evolve(people=tuple(attrs.evolve(p, awareness=()) for p in org.people))


# -- reviews ---------------------------------------------------------------------------------------


def add_review(
    org: Organization,
    id: str,
    held_on: dt.date,
    *,
    inputs: Sequence[ReviewInput] = ALL_INPUTS,
    outputs: Sequence[ReviewOutput] = (),
    attendees: Sequence[str] = ("qm", "ops"),
    chair: str = "md",
) -> Organization:
    """A copy with one more management review chaired by ``chair``, and its minutes on record."""
    review = ManagementReview(
        id=id,
        held_on=held_on,
        chair=chair,
        attendees=tuple(attendees),
        inputs=tuple(inputs),
        outputs=tuple(outputs)
        or (ReviewOutput(kind=ReviewOutputKind.IMPROVEMENT, decision="Bring the weekly delivery meeting forward"),),
    )
    org = org.with_elements(review)
    return add_evidence(
        org, f"ev-{id}", f"Minutes of management review {id}", EvidenceKind.MINUTES, dated=held_on, supports=(id,)
    )


def without_inputs(org: Organization, review_id: str, *inputs: ReviewInput) -> Organization:
    """A copy in which one review did not consider these inputs."""
    review = org.get(review_id)
    return change(org, review_id, inputs=tuple(i for i in review.inputs if i not in inputs))  # type: ignore[union-attr]


# -- populations -------------------------------------------------------------------------------

#: Support processes added by :func:`with_processes`: id, name, owner.
EXTRA_PROCESSES: tuple[tuple[str, str, str], ...] = (
    ("proc-buy", "Purchasing", "ops"),
    ("proc-ship", "Shipping", "ops"),
    ("proc-service", "After-sales service", "qm"),
    ("proc-maintain", "Maintenance of the test rig", "ops"),
)


def with_processes(count: int, org: Organization | None = None) -> Organization:
    """Kestrel with ``count`` processes (3 to 7), each owned, resourced, measured and linked to assembly.

    The added processes are support processes; the 5.3 b responsibility for process outputs
    spans them, so each has responsibilities assigned within it.
    """
    org = complete() if org is None else org
    added = [
        Process(
            id=pid,
            name=name,
            category=ProcessCategory.SUPPORT,
            owner=owner,
            inputs=("requests",),
            outputs=(f"{name.lower()} done",),
            interacts_with=("proc-make",),
            indicators=("on-time completion",),
            criteria=f"Procedure for {name.lower()}",
            resources=("res-staff",),
        )
        for pid, name, owner in EXTRA_PROCESSES[: count - len(org.processes)]
    ]
    org = org.with_elements(*added)
    outputs = org.get("resp-process-outputs")
    processes = (*outputs.processes, *(p.id for p in added))  # type: ignore[union-attr]
    return change(org, "resp-process-outputs", processes=processes)


#: Objectives added by :func:`with_nine_objectives`: id, statement, processes, owner.
EXTRA_OBJECTIVES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("obj-yield", "Raise first-pass yield", ("proc-make",), "ops"),
    ("obj-scrap", "Cut scrap", ("proc-make",), "ops"),
    ("obj-rework", "Cut rework hours", ("proc-make",), "ops"),
    ("obj-leak", "No leaking valve at the customer", ("proc-make",), "qm"),
    ("obj-test", "Test every valve within a day of assembly", ("proc-make",), "ops"),
    ("obj-quote", "Answer enquiries within two days", ("proc-sell",), "ops"),
    ("obj-contract", "Review every contract before confirming it", ("proc-sell",), "ops"),
    ("obj-review-actions", "Close management review actions on time", ("proc-manage",), "qm"),
)


def with_nine_objectives(org: Organization | None = None) -> Organization:
    """Kestrel with nine objectives: delivery plus eight more, each with a full plan, measured and communicated.

    Five apply to assembly, two to sales, one to management; all are on target.
    """
    org = complete() if org is None else org
    added = [
        QualityObjective(
            id=oid,
            statement=statement,
            supports=("c-customer", "c-improvement"),
            metric=statement.lower(),
            unit="%",
            baseline=80.0,
            target=90.0,
            due=dt.date(2027, 6, 30),
            owner=owner,
            actions=("act-otd-plan",),
            resources=("res-staff",),
            evaluation="Monthly review of the indicator by its owner",
            processes=processes,
            measurements=(Measurement(dt.date(2026, 9, 30), 91.0), Measurement(dt.date(2026, 10, 31), 92.0)),
            communicated_to=("ops", "qm"),
        )
        for oid, statement, processes, owner in EXTRA_OBJECTIVES
    ]
    return org.with_elements(*added)


def silence_objectives(org: Organization, ids: Iterable[str]) -> Organization:
    """A copy in which these objectives are communicated to nobody (nor by any planned communication)."""
    ids = set(ids)
    return org.evolve(
        objectives=tuple(attrs.evolve(o, communicated_to=()) if o.id in ids else o for o in org.objectives),
        communications=tuple(
            attrs.evolve(c, about=tuple(a for a in c.about if a not in ids)) for c in org.communications
        ),
    )


def new_action(id: str, title: str, owner: str, processes: Sequence[str], **fields: Any) -> Action:
    """An action due in spring 2027."""
    return Action(id=id, title=title, owner=owner, due=dt.date(2027, 3, 31), processes=tuple(processes), **fields)
