"""Checks: functions that look at an organization and report findings for one requirement.

A check takes a :class:`CheckContext` (the organization, its graph, the gap queries' results,
the date and edition, and the requirement being checked) and yields
:class:`~iso9001_leadership.assessment.Finding` records, usually built with the context's
helpers :meth:`~CheckContext.nonconformity`, :meth:`~CheckContext.observation`,
:meth:`~CheckContext.opportunity` and :meth:`~CheckContext.needs_evidence`. A check that yields
nothing says the requirement is met as far as it can tell.

Add your own without touching the library:

>>> import datetime as dt
>>> from iso9001_leadership import Organization, Role, assess
>>> from iso9001_leadership.catalog import Catalog, Requirement, Theme, EvidenceGuide, Decidability
>>> from iso9001_leadership.checks import CheckRegistry, default_registry
>>> hotline = Requirement(id="acme.deputy-ceo", clause="ACME 1", title="A deputy for the CEO",
...                       summary="The chief executive has a named deputy.", theme=Theme.ACCOUNTABILITY,
...                       evidence=EvidenceGuide(model=["a person deputising for the CEO role"]),
...                       decidable=Decidability.MODEL)
>>> registry = default_registry()
>>> @registry.check("acme.deputy-ceo")
... def ceo_has_deputy(ctx):
...     if not any("ceo" in p.deputy_of for p in ctx.organization.people):
...         yield ctx.nonconformity("ceo-without-deputy", "Nobody stands in for the CEO.",
...                                 fix="Name a deputy.", subjects=["ceo"])
>>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
>>> result = assess(org, as_of=dt.date(2026, 11, 24), registry=registry,
...                 catalog=Catalog.builtin().extend([hotline]))
>>> result.result("acme.deputy-ceo").findings[0].reason
'Nobody stands in for the CEO.'

Plug-ins: a package can declare an entry point in the group ``iso9001_leadership.checks``
whose object is a function taking a :class:`CheckRegistry`; :func:`default_registry` calls it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import metadata
from typing import Any

import attrs

from iso9001_leadership.assessment import AssessmentError, Finding, Grade, Status
from iso9001_leadership.catalog import Catalog, Requirement
from iso9001_leadership.clauses import clause_within
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import Gap, GapKind, find_gaps

__all__ = [
    "PLUGIN_GROUP",
    "Check",
    "CheckContext",
    "CheckRegistry",
    "RegisteredCheck",
    "default_registry",
]

#: The entry point group for plug-in checks.
PLUGIN_GROUP = "iso9001_leadership.checks"

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
    def build(cls, org: Organization, *, as_of: dt.date, edition: str, catalog: Catalog) -> CheckContext:
        """The context shared by all checks of one assessment (the graph and gaps built once)."""
        graph = OrgGraph.from_organization(org)
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


@attrs.frozen
class RegisteredCheck:
    """A check as registered: the requirement it serves, its name and the function."""

    requirement: str
    name: str
    function: Check = attrs.field(eq=False)


@attrs.define
class CheckRegistry:
    """Which checks serve which requirement. Registration order is run order.

    Examples
    --------
    >>> registry = CheckRegistry()
    >>> @registry.check("5.3 b", name="owners")
    ... def owners(ctx):
    ...     return []
    >>> [c.name for c in registry.checks_for("5.3 b")]
    ['owners']
    """

    _checks: dict[str, list[RegisteredCheck]] = attrs.field(factory=dict)

    def register(self, requirement: str, function: Check, *, name: str | None = None) -> RegisteredCheck:
        """Register ``function`` as a check of ``requirement`` (an id, or a clause id)."""
        entry = RegisteredCheck(requirement, name or str(getattr(function, "__name__", "check")), function)
        existing = self._checks.setdefault(requirement, [])
        if any(c.name == entry.name for c in existing):
            msg = f"a check named {entry.name!r} is already registered for {requirement!r}"
            raise AssessmentError(msg, requirement)
        existing.append(entry)
        return entry

    def check(self, *requirements: str, name: str | None = None) -> Callable[[Check], Check]:
        """Decorator: register the function as a check of each requirement given."""

        def decorate(function: Check) -> Check:
            for requirement in requirements:
                self.register(requirement, function, name=name)
            return function

        return decorate

    def checks_for(self, requirement: str) -> tuple[RegisteredCheck, ...]:
        """The checks registered under this id."""
        return tuple(self._checks.get(requirement, ()))

    def __iter__(self) -> Iterator[RegisteredCheck]:
        for entries in self._checks.values():
            yield from entries

    def __len__(self) -> int:
        return sum(len(v) for v in self._checks.values())

    def copy(self) -> CheckRegistry:
        """An independent copy, to add checks to without touching the original."""
        return CheckRegistry({k: list(v) for k, v in self._checks.items()})

    def run(self, requirement: Requirement, context: CheckContext) -> list[Finding]:
        """Run every check of ``requirement`` (by id, then by clause id) and gather the findings."""
        bound = context.for_requirement(requirement)
        findings: list[Finding] = []
        for key in dict.fromkeys((requirement.id, requirement.clause)):
            for entry in self.checks_for(key):
                try:
                    findings.extend(entry.function(bound))
                except AssessmentError:
                    raise
                except Exception as exc:
                    msg = f"the check {entry.name!r} of requirement {requirement.id!r} failed: {exc!r}"
                    raise AssessmentError(msg, requirement.id) from exc
        return findings


def default_registry(*, plugins: bool = True) -> CheckRegistry:
    """A fresh registry with the built-in checks and, unless ``plugins=False``, plug-in checks."""
    from iso9001_leadership.checks._builtin import register_builtin

    registry = CheckRegistry()
    register_builtin(registry)
    if plugins:
        for entry_point in sorted(metadata.entry_points(group=PLUGIN_GROUP), key=lambda e: e.name):
            try:
                setup: Any = entry_point.load()
                setup(registry)
            except Exception as exc:
                msg = f"the check plug-in {entry_point.name!r} ({entry_point.value}) failed to load: {exc!r}"
                raise AssessmentError(msg) from exc
    return registry
