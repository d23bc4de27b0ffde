"""The assessment's rules that are not checks: scope, what 4.3 lets be excluded, one finding per rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from iso9001_leadership.catalog import Catalog, Requirement
from iso9001_leadership.clauses import CLAUSE_PATTERN, clause_within
from iso9001_leadership.findings import Finding, Grade, Status
from iso9001_leadership.model import SECTIONS

__all__ = ["EXCLUDABLE_CLAUSES", "excludable", "in_scope", "merge_findings"]

#: The clauses whose requirements an organization may determine not to apply (4.3): parts of 7.1.5
#: (monitoring and measuring resources) and of clause 8 (operation). Everything of clauses 4 to
#: 7.1.4, 7.1.6 to 7.5, 9 and 10 always applies.
EXCLUDABLE_CLAUSES: tuple[str, ...] = ("7.1.5", "8")

#: How many instances a merged finding's reason quotes before it says how many more there are.
_QUOTED = 3


def in_scope(requirement: Requirement, covers: Sequence[str]) -> bool:
    """Whether a file that describes ``covers`` can be assessed against ``requirement``.

    Everything is in scope when ``covers`` is empty. Otherwise the requirement is in scope when
    its clause lies within a clause the file covers, or when the file covers every section the
    requirement is judged on.

    Examples
    --------
    >>> from iso9001_leadership.catalog import Catalog
    >>> catalog = Catalog.builtin("2015")
    >>> in_scope(catalog["roles.process-outputs"], ["roles", "processes"])
    True
    >>> in_scope(catalog["review.planned"], ["roles", "processes"]), in_scope(catalog["review.planned"], ["9.3"])
    (False, True)
    >>> in_scope(catalog["review.planned"], [])
    True
    """
    if not covers:
        return True
    if any(CLAUSE_PATTERN.match(item) and clause_within(requirement.clause, item) for item in covers):
        return True
    sections = {item for item in covers if item in SECTIONS}
    return bool(requirement.sections) and set(requirement.sections) <= sections


def excludable(name: str, catalog: Catalog) -> bool:
    """Whether clause 4.3 allows an exclusion naming ``name`` (a requirement id or a clause id).

    Examples
    --------
    >>> from iso9001_leadership.catalog import Catalog
    >>> catalog = Catalog.builtin("2015")
    >>> excludable("8.3", catalog), excludable("7.1.5.2", catalog)
    (True, True)
    >>> excludable("5.1.2 c", catalog), excludable("customer-focus.satisfaction", catalog), excludable("7.1", catalog)
    (False, False, False)
    """
    clause = catalog[name].clause if name in catalog else name
    if not CLAUSE_PATTERN.match(clause):
        return True  # a sector or company requirement under a clause id of its own
    if clause == "8":
        return False  # operation as a whole always applies; only parts of it may not
    return any(clause_within(clause, allowed) for allowed in EXCLUDABLE_CLAUSES)


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per rule and status: the instances' subjects together, graded for the whole.

    A check may report each instance on its own; the assessment counts one finding per
    requirement and rule, as an auditor writes one finding with its examples.
    """
    groups: dict[tuple[str, str, Status], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.requirement, finding.rule, finding.status), []).append(finding)
    return [group[0] if len(group) == 1 else _merged(group) for group in groups.values()]


def _merged(group: list[Finding]) -> Finding:
    first = group[0]
    subjects = tuple(dict.fromkeys(s for f in group for s in f.subjects))
    evidence = tuple(dict.fromkeys(e for f in group for e in f.evidence))
    grade = None
    if first.status is Status.NONCONFORMITY:
        grade = Grade.MAJOR if any(f.grade is Grade.MAJOR for f in group) else Grade.MINOR
    reasons = list(dict.fromkeys(f.reason for f in group))
    reason = "; ".join(reasons[:_QUOTED])
    if len(reasons) > _QUOTED:
        reason += f"; and {len(reasons) - _QUOTED} more"
    if len(reasons) > 1:
        reason = f"{len(group)} instances: {reason}"
    return Finding(
        requirement=first.requirement,
        clause=first.clause,
        status=first.status,
        rule=first.rule,
        reason=reason,
        fix=first.fix,
        grade=grade,
        subjects=subjects,
        evidence=evidence,
    )
