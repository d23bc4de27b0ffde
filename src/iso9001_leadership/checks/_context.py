"""The check context: everything a check may look at, for one requirement of one assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from iso9001_leadership.catalog import Catalog, Requirement
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding, Grade, Status
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import Gap, GapKind, find_gaps

from ._evidence import EvidenceIndex, EvidenceVerdict
from ._timing import Timing

__all__ = ["Check", "CheckContext"]

T = TypeVar("T")

#: What a check is: a function from a context to findings.
Check = Callable[["CheckContext"], Iterable[Finding]]


@attrs.frozen
class _Shared:
    """What every requirement's context shares: built once per assessment."""

    organization: Organization
    graph: OrgGraph
    as_of: dt.date
    edition: str
    catalog: Catalog
    gaps: tuple[Gap, ...]
    evidence: EvidenceIndex
    holders: Mapping[str, frozenset[str]]
    deputies: Mapping[str, frozenset[str]]
    sole_person: str | None
    timing: Timing
    memos: dict[Hashable, Any] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class CheckContext:
    """Everything a check may look at, for one requirement of one assessment."""

    _shared: _Shared
    requirement: Requirement | None = None

    @classmethod
    def build(
        cls,
        org: Organization,
        *,
        as_of: dt.date,
        edition: str,
        catalog: Catalog,
        graph: OrgGraph | None = None,
        timing: Timing | None = None,
    ) -> CheckContext:
        """The context shared by all checks of one assessment (the graph and gaps built once).

        ``graph`` is the organization's graph if the caller has built it already; it must be
        ``OrgGraph.from_organization(org)``. ``timing`` holds the thresholds of the checks
        that read dates (the defaults when not given).
        """
        if graph is None:
            graph = OrgGraph.from_organization(org)
        elif graph.organization is not org:
            msg = "the graph given was not built from the organization assessed"
            raise AssessmentError(msg)
        holders: dict[str, set[str]] = {}
        deputies: dict[str, set[str]] = {}
        for person in org.people:
            for role in person.roles_on(as_of):
                holders.setdefault(role, set()).add(person.id)
            if person.present(as_of):
                for role in person.deputy_of:
                    deputies.setdefault(role, set()).add(person.id)
        return cls(
            _Shared(
                organization=org,
                graph=graph,
                as_of=as_of,
                edition=edition,
                catalog=catalog,
                gaps=tuple(find_gaps(graph, as_of=as_of)),
                evidence=EvidenceIndex.build(org, as_of=as_of, catalog=catalog),
                holders={role: frozenset(people) for role, people in holders.items()},
                deputies={role: frozenset(people) for role, people in deputies.items()},
                sole_person=_sole_person(org, holders),
                timing=timing or Timing(),
            )
        )

    def for_requirement(self, requirement: Requirement) -> CheckContext:
        """The same context, about ``requirement``."""
        return attrs.evolve(self, requirement=requirement)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per assessment and shared by every check that asks with ``key``.

        For what several checks derive from the whole organization (what each action serves,
        who is present on the date): the first check to ask pays for it, the others look it up.
        Use a key of your own (a function, or a tuple starting with one) so that plug-ins never
        collide with each other or with the built-in checks.

        Examples
        --------
        >>> import datetime as dt
        >>> from iso9001_leadership import Catalog, Organization
        >>> ctx = CheckContext.build(Organization(name="Acme"), as_of=dt.date(2026, 11, 24), edition="2015",
        ...                          catalog=Catalog.builtin("2015"))
        >>> calls = []
        >>> def count() -> int:
        ...     calls.append(1)
        ...     return len(ctx.organization)
        >>> ctx.memo(count, count), ctx.memo(count, count), len(calls)
        (0, 0, 1)
        """
        memos = self._shared.memos
        if key in memos:
            return memos[key]  # type: ignore[no-any-return]
        value = memos[key] = compute()
        return value

    @property
    def organization(self) -> Organization:
        """The organization being assessed."""
        return self._shared.organization

    @property
    def graph(self) -> OrgGraph:
        """Its accountability graph."""
        return self._shared.graph

    @property
    def as_of(self) -> dt.date:
        """The date of the assessment."""
        return self._shared.as_of

    @property
    def edition(self) -> str:
        """The edition assessed against."""
        return self._shared.edition

    @property
    def catalog(self) -> Catalog:
        """The catalog in use."""
        return self._shared.catalog

    def gaps(self, *kinds: GapKind) -> tuple[Gap, ...]:
        """The gaps the queries found, of the given kinds (all when none given)."""
        if not kinds:
            return self._shared.gaps
        wanted = set(kinds)
        return tuple(g for g in self._shared.gaps if g.kind in wanted)

    def evidence_for(self, requirement: Requirement) -> tuple[str, ...]:
        """Ids of the evidence records that settle ``requirement`` (see :meth:`evidence_verdict`)."""
        return self.evidence_verdict(requirement).settled_by

    def evidence_verdict(self, requirement: Requirement) -> EvidenceVerdict:
        """Which evidence records settle ``requirement``, and why others that mention it do not.

        A record settles it when it cites the requirement id, or exactly its clause id (in the
        edition the record names), is not past ``valid_until``, and is a record of something done
        where the requirement needs one. A parent clause (``7.3``) settles none of its items.
        """
        return self._shared.evidence.verdict(requirement)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the assessment should tell the reader about its input (ambiguous citations)."""
        return self._shared.evidence.warnings

    @property
    def timing(self) -> Timing:
        """The thresholds of the checks that read dates."""
        return self._shared.timing

    def holders(self, role: str) -> frozenset[str]:
        """Ids of the people who hold ``role`` on the assessment date (see :meth:`Person.roles_on`)."""
        return self._shared.holders.get(role, frozenset())

    def deputies(self, role: str) -> frozenset[str]:
        """Ids of the people with the organization on the assessment date who deputise for ``role``."""
        return self._shared.deputies.get(role, frozenset())

    @property
    def sole_person(self) -> str | None:
        """The person who holds every role, when one person runs the whole organization."""
        return self._shared.sole_person

    # -- building findings ------------------------------------------------------------------

    def _finding(
        self,
        status: Status,
        rule: str,
        reason: str,
        *,
        fix: str,
        subjects: Sequence[str],
        grade: Grade | None = None,
        evidence: Sequence[str] = (),
    ) -> Finding:
        requirement = self.requirement
        if requirement is None:
            msg = "findings can only be made in a context bound to a requirement (for_requirement)"
            raise AssessmentError(msg)
        return Finding(
            requirement=requirement.id,
            clause=requirement.clause,
            status=status,
            rule=rule,
            reason=reason,
            fix=fix,
            grade=grade,
            subjects=tuple(subjects),
            evidence=tuple(evidence),
        )

    def nonconformity(
        self,
        rule: str,
        reason: str,
        *,
        fix: str = "",
        subjects: Sequence[str] = (),
        major: bool = False,
        evidence: Sequence[str] = (),
    ) -> Finding:
        """A finding that the requirement is not met (``major`` when not addressed at all)."""
        grade = Grade.MAJOR if major else Grade.MINOR
        return self._finding(
            Status.NONCONFORMITY, rule, reason, fix=fix, subjects=subjects, grade=grade, evidence=evidence
        )

    def observation(self, rule: str, reason: str, *, fix: str = "", subjects: Sequence[str] = ()) -> Finding:
        """A weakness that could become a nonconformity."""
        return self._finding(Status.OBSERVATION, rule, reason, fix=fix, subjects=subjects)

    def opportunity(self, rule: str, reason: str, *, fix: str = "", subjects: Sequence[str] = ()) -> Finding:
        """An opportunity for improvement: met, but could be done better."""
        return self._finding(Status.OPPORTUNITY, rule, reason, fix=fix, subjects=subjects)

    def needs_evidence(self, rule: str, reason: str, *, fix: str = "", subjects: Sequence[str] = ()) -> Finding:
        """The model cannot decide: say which evidence would."""
        return self._finding(Status.NEEDS_EVIDENCE, rule, reason, fix=fix, subjects=subjects)

    def nothing_to_examine(self, what: str) -> Finding:
        """The requirement only examines elements the organization does not have (``what``, plural).

        The requirement is then *not assessed*, never conforming by vacuity; the requirement that
        asks for those elements to exist reports their absence.
        """
        reason = f"Nothing to examine: no {what} recorded"
        return self._finding(Status.NOT_ASSESSED, "nothing_to_examine", reason, fix="", subjects=())

    def from_gap(self, gap: Gap, *, major: bool = False, status: Status = Status.NONCONFORMITY) -> Finding:
        """A finding made from a gap the queries found: same subjects, reason and fix."""
        if status is Status.NONCONFORMITY:
            return self.nonconformity(gap.kind.value, gap.reason, fix=gap.fix, subjects=gap.subjects, major=major)
        return self._finding(status, gap.kind.value, gap.reason, fix=gap.fix, subjects=gap.subjects)


def _sole_person(org: Organization, holders: Mapping[str, set[str]]) -> str | None:
    """The one person holding every role of the organization, if there is such a person."""
    people = {p for held in holders.values() for p in held}
    if len(people) == 1 and all(holders.get(r.id) for r in org.roles):
        return next(iter(people))
    return None
