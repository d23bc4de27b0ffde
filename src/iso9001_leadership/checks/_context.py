"""The check context: everything a check may look at, for one requirement of one assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from iso9001_leadership.catalog import Catalog, Requirement
from iso9001_leadership.clauses import clause_within
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding, Grade, Status
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import Gap, GapKind, find_gaps

__all__ = ["Check", "CheckContext"]

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
    evidence_by_clause: dict[str, tuple[str, ...]]
    evidence_order: dict[str, int]


@attrs.frozen
class CheckContext:
    """Everything a check may look at, for one requirement of one assessment."""

    _shared: _Shared
    requirement: Requirement | None = None

    @classmethod
    def build(
        cls, org: Organization, *, as_of: dt.date, edition: str, catalog: Catalog, graph: OrgGraph | None = None
    ) -> CheckContext:
        """The context shared by all checks of one assessment (the graph and gaps built once).

        ``graph`` is the organization's graph if the caller has built it already; it must be
        ``OrgGraph.from_organization(org)``.
        """
        if graph is None:
            graph = OrgGraph.from_organization(org)
        elif graph.organization is not org:
            msg = "the graph given was not built from the organization assessed"
            raise AssessmentError(msg)
        evidence: dict[str, list[str]] = {}
        for record in org.evidence:
            for clause in record.clauses:
                evidence.setdefault(clause, []).append(record.id)
        return cls(
            _Shared(
                organization=org,
                graph=graph,
                as_of=as_of,
                edition=edition,
                catalog=catalog,
                gaps=tuple(find_gaps(graph, as_of=as_of)),
                evidence_by_clause={k: tuple(v) for k, v in evidence.items()},
                evidence_order={record.id: index for index, record in enumerate(org.evidence)},
            )
        )

    def for_requirement(self, requirement: Requirement) -> CheckContext:
        """The same context, about ``requirement``."""
        return attrs.evolve(self, requirement=requirement)

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
        """Ids of evidence records that name the requirement's id, its clause, or a clause holding it.

        Evidence citing ``7.3`` covers 7.3 a-d. Requirement ids (``awareness.policy``) are the same
        in every edition; clause items may be lettered differently from one edition to the next.
        """
        found: list[str] = []
        for cited, records in self._shared.evidence_by_clause.items():
            if cited == requirement.id or clause_within(requirement.clause, cited):
                found.extend(records)
        return tuple(sorted(set(found), key=self._shared.evidence_order.__getitem__))

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

    def from_gap(self, gap: Gap, *, major: bool = False, status: Status = Status.NONCONFORMITY) -> Finding:
        """A finding made from a gap the queries found: same subjects, reason and fix."""
        if status is Status.NONCONFORMITY:
            return self.nonconformity(gap.kind.value, gap.reason, fix=gap.fix, subjects=gap.subjects, major=major)
        return self._finding(status, gap.kind.value, gap.reason, fix=gap.fix, subjects=gap.subjects)
