"""Benchmark: building the accountability graph and finding gaps, on organizations of growing size.

Generates synthetic organizations (seeded, so every run sees the same ones) of about 1,000,
10,000 and 50,000 elements, then times, for each: building the :class:`Organization` (which
checks every integrity rule), building the :class:`OrgGraph`, running :func:`find_gaps`, and one
:func:`impact_of_removing` what-if. It prints a Markdown table with the time per element, which
stays flat when the work grows linearly with the size of the organization. Times are CPU
seconds of the benchmark's own process, best of a few runs.

Run it from the repository root::

    python benchmarks/bench_graph.py                  # 1k, 10k, 50k elements, best of 3
    python benchmarks/bench_graph.py --sizes 1000 5000 --repeat 5

Not a test: nothing here asserts a time. The results of a run are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from typing import TypeVar

import networkx as nx

from iso9001_leadership import (
    Action,
    ActionStatus,
    Authority,
    Commitment,
    CommitmentKind,
    Communication,
    ContextIssue,
    Effectiveness,
    Evidence,
    InterestedParty,
    ManagementReview,
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
    ReviewInput,
    Risk,
    Role,
)
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.queries import find_gaps, impact_of_removing

T = TypeVar("T")
AS_OF = dt.date(2026, 11, 24)

#: Share of the elements of each kind (the rest of 1.0 goes to people).
SHARES = {
    "roles": 0.12,
    "authorities": 0.05,
    "responsibilities": 0.15,
    "processes": 0.05,
    "objectives": 0.04,
    "issues": 0.02,
    "parties": 0.01,
    "requirements": 0.03,
    "risks": 0.07,
    "opportunities": 0.03,
    "actions": 0.10,
    "communications": 0.02,
    "reviews": 0.01,
    "resources": 0.04,
    "evidence": 0.04,
}


def synthetic(size: int, seed: int = 9001) -> Organization:
    """A valid organization of about ``size`` elements, with realistic links and a few gaps."""
    rng = random.Random(seed)
    n = {kind: max(1, int(size * share)) for kind, share in SHARES.items()}
    n["people"] = max(1, size - sum(n.values()) - 1 - 3)  # the policy and its three commitments
    ids = {kind: [f"{kind[:4]}-{i}" for i in range(count)] for kind, count in n.items()}
    roles_, processes_, actions_ = ids["roles"], ids["processes"], ids["actions"]

    def some(pool: list[str], most: int, least: int = 0) -> tuple[str, ...]:
        return tuple(rng.sample(pool, min(len(pool), rng.randint(least, most))))

    def maybe(pool: list[str], chance: float = 0.95) -> str | None:
        return rng.choice(pool) if rng.random() < chance else None

    tops = max(1, len(roles_) // 50)
    roles = [
        Role(
            id=role,
            title=f"Role {i}",
            top_management=i < tops,
            # A tree of about eight reports per manager; a few roles report to no one.
            reports_to=None if i < tops or rng.random() < 0.01 else roles_[(i - 1) // 8],
            authorities=some(ids["authorities"], 3),
            audits=some(processes_, 1),
        )
        for i, role in enumerate(roles_)
    ]
    people = [
        Person(id=person, name=f"Person {i}", roles=(roles_[i % len(roles_)],), deputy_of=some(roles_, 1))
        for i, person in enumerate(ids["people"])
    ]
    authorities = [Authority(id=a, title=f"Authority {a}", granted_by=maybe(roles_)) for a in ids["authorities"]]
    clauses = ["5.1.1 a", "5.3 a", "5.3 b", "5.3 c", "5.3 d", "5.3 e", "4.4.1", "7.4", "9.3.1"]
    responsibilities = [
        Responsibility(
            id=r,
            title=f"Duty {r}",
            clauses=tuple(rng.sample(clauses, rng.randint(0, 2))),
            accountable=some(roles_, 1 if rng.random() < 0.97 else 2, 1 if rng.random() < 0.97 else 0),
            responsible=some(roles_, 3, 1 if rng.random() < 0.95 else 0),
            consulted=some(roles_, 2),
            informed=some(roles_, 3),
            processes=some(processes_, 2, 1 if rng.random() < 0.95 else 0),
            authorities_needed=some(ids["authorities"], 1),
        )
        for r in ids["responsibilities"]
    ]
    processes = [
        Process(
            id=p,
            name=f"Process {i}",
            owner=maybe(roles_),
            interacts_with=tuple(q for q in some(processes_, 3) if q != p),
            resources=some(ids["resources"], 2),
        )
        for i, p in enumerate(processes_)
    ]
    commitments = tuple(
        Commitment(id=f"commit-{k.value}", kind=k)
        for k in (
            CommitmentKind.SATISFY_REQUIREMENTS,
            CommitmentKind.CONTINUAL_IMPROVEMENT,
            CommitmentKind.CUSTOMER_FOCUS,
        )
    )
    policy = QualityPolicy(
        id="policy",
        statement="We make good pumps.",
        commitments=commitments,
        approved_by=roles_[0],
        next_review=dt.date(2027, 3, 31),
        communicated_to=tuple(rng.sample(roles_, int(len(roles_) * 0.9))),  # one edge per role: linear
    )
    objectives = [
        QualityObjective(
            id=o,
            statement=f"Objective {o}",
            supports=some([c.id for c in commitments], 2, 1),
            metric="rate",
            target=95.0,
            owner=maybe(roles_),
            due=dt.date(2027, 6, 30),
            evaluation="monthly",
            processes=some(processes_, 2, 1),
            actions=some(actions_, 2),
        )
        for o in ids["objectives"]
    ]
    issues = [ContextIssue(id=c, title=f"Issue {c}") for c in ids["issues"]]
    per_party = [ids["requirements"][i :: len(ids["parties"])] for i in range(len(ids["parties"]))]
    parties = [
        InterestedParty(
            id=party,
            name=f"Party {party}",
            kind=rng.choice(list(PartyKind)),
            requirements=tuple(
                PartyRequirement(id=q, text=f"Requirement {q}", owner=maybe(roles_), processes=some(processes_, 2))
                for q in per_party[i]
            ),
        )
        for i, party in enumerate(ids["parties"])
    ]
    sources = ids["issues"] + ids["requirements"] + ids["parties"]
    risks = [
        Risk(
            id=k,
            title=f"Risk {k}",
            sources=some(sources, 2),
            owner=maybe(roles_),
            processes=some(processes_, 2, 1),
            actions=some(actions_, 2, 1 if rng.random() < 0.9 else 0),
            customer_impact=rng.random() < 0.3,
        )
        for k in ids["risks"]
    ]
    opportunities = [
        Opportunity(
            id=u,
            title=f"Opportunity {u}",
            sources=some(sources, 1),
            owner=maybe(roles_),
            processes=some(processes_, 1, 1),
            actions=some(actions_, 1, 1),
        )
        for u in ids["opportunities"]
    ]
    actions = [
        Action(
            id=a,
            title=f"Action {a}",
            owner=maybe(roles_),
            status=rng.choice([ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]),
            processes=some(processes_, 1),
            effectiveness=Effectiveness(criterion="It works") if rng.random() < 0.9 else None,
        )
        for a in actions_
    ]
    communications = [
        Communication(id=c, subject=f"Briefing {c}", about=some(ids["objectives"], 2), audience=some(roles_, 20))
        for c in ids["communications"]
    ]
    reviews = [
        ManagementReview(
            id=r, held_on=dt.date(2026, 6, 30), chair=roles_[0], attendees=tuple(roles_[:8]), inputs=tuple(ReviewInput)
        )
        for r in ids["reviews"]
    ]
    resources = [Resource(id=r, name=f"Resource {r}", owner=maybe(roles_)) for r in ids["resources"]]
    evidence = [Evidence(id=e, title=f"Record {e}", supports=some(ids["responsibilities"], 2)) for e in ids["evidence"]]
    return Organization(
        name=f"Synthetic {size}",
        roles=tuple(roles),
        people=tuple(people),
        authorities=tuple(authorities),
        responsibilities=tuple(responsibilities),
        processes=tuple(processes),
        policy=policy,
        objectives=tuple(objectives),
        context_issues=tuple(issues),
        interested_parties=tuple(parties),
        risks=tuple(risks),
        opportunities=tuple(opportunities),
        actions=tuple(actions),
        communications=tuple(communications),
        reviews=tuple(reviews),
        resources=tuple(resources),
        evidence=tuple(evidence),
    )


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` runs of ``work``, in seconds of CPU time, and its result.

    CPU time of this process (not wall-clock time), so that other work on a shared machine
    does not count; it includes the garbage collector's work during the run.
    """
    best = float("inf")
    result: T
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
    return best, result


def without_gc(work: Callable[[], T]) -> Callable[[], T]:
    """``work`` run with the cyclic garbage collector paused (it finds no garbage in a build anyway)."""

    def paused() -> T:
        gc.disable()
        try:
            return work()
        finally:
            gc.enable()

    return paused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    print(
        f"Python {platform.python_version()}, networkx {nx.__version__}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores; CPU seconds, best of {args.repeat}"
    )
    print()
    print(
        "| elements | edges | gaps | Organization (s) | OrgGraph (s) | OrgGraph, GC paused (s) | find_gaps (s) "
        "| impact_of_removing (s) | OrgGraph µs/element | GC paused µs/element | find_gaps µs/element |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        t_org, org = best_of(args.repeat, lambda size=size: synthetic(size))  # type: ignore[misc]
        t_graph, graph = best_of(args.repeat, lambda org=org: OrgGraph.from_organization(org))  # type: ignore[misc]
        t_paused, _ = best_of(args.repeat, without_gc(lambda org=org: OrgGraph.from_organization(org)))  # type: ignore[misc]
        t_gaps, gaps = best_of(args.repeat, lambda graph=graph: find_gaps(graph, as_of=AS_OF))  # type: ignore[misc]
        person = graph.organization.people[0].id
        t_impact, _ = best_of(
            args.repeat,
            lambda graph=graph, person=person: impact_of_removing(graph, [person], as_of=AS_OF),  # type: ignore[misc]
        )
        elements = len(org)
        print(
            f"| {elements:,} | {graph.nx.number_of_edges():,} | {len(gaps):,} | {t_org:.2f} | {t_graph:.2f} "
            f"| {t_paused:.2f} | {t_gaps:.2f} | {t_impact:.2f} | {t_graph / elements * 1e6:.0f} "
            f"| {t_paused / elements * 1e6:.0f} | {t_gaps / elements * 1e6:.0f} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
