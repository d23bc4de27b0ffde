"""Comparing two assessments: what was fixed, what is new, what regressed."""

from __future__ import annotations

import attrs

from iso9001_leadership.findings import Finding, Status

from ._result import Assessment

__all__ = ["AssessmentDiff", "diff"]


@attrs.frozen
class AssessmentDiff:
    """What changed between two assessments of the same organization.

    ``fixed``: findings of the old assessment gone from the new one. ``new``: findings only in
    the new one. ``regressed`` / ``improved``: requirements whose status got worse / better.
    """

    fixed: tuple[Finding, ...]
    new: tuple[Finding, ...]
    regressed: tuple[tuple[str, Status, Status], ...]
    improved: tuple[tuple[str, Status, Status], ...]
    score_change: float

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return bool(self.fixed or self.new or self.regressed or self.improved)


def diff(old: Assessment, new: Assessment) -> AssessmentDiff:
    """What was fixed, what regressed and what is new between two assessments.

    Findings are matched by requirement, rule and the elements at fault, so a finding whose
    wording changed still counts as the same one.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, Process, assess, diff
    >>> ceo = Role(id="ceo", title="CEO", top_management=True)
    >>> before = Organization(name="Acme", roles=(ceo,), processes=(Process(id="sales", name="Sales"),))
    >>> after = before.with_elements(Process(id="sales", name="Sales", owner="ceo"))
    >>> day = dt.date(2026, 11, 24)
    >>> change = diff(assess(before, as_of=day), assess(after, as_of=day))
    >>> [(f.rule, f.subjects) for f in change.fixed if f.subjects == ("sales",)][:1]
    [('process_without_owner', ('sales',))]
    """
    old_keys = {f.key: f for f in old.findings}
    new_keys = {f.key: f for f in new.findings}
    fixed = tuple(f for k, f in old_keys.items() if k not in new_keys)
    added = tuple(f for k, f in new_keys.items() if k not in old_keys)
    old_results = {r.requirement.id: r for r in old.results}
    regressed = []
    improved = []
    for r in new.results:
        before = old_results.get(r.requirement.id)
        if before is None:
            continue
        if r.severity > before.severity:
            regressed.append((r.requirement.id, before.status, r.status))
        elif r.severity < before.severity:
            improved.append((r.requirement.id, before.status, r.status))
    return AssessmentDiff(
        fixed=fixed,
        new=added,
        regressed=tuple(regressed),
        improved=tuple(improved),
        score_change=round(new.score - old.score, 1),
    )
