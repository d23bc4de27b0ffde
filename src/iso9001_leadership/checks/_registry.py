"""The check registry: which checks serve which requirement, and how they run."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from iso9001_leadership.catalog import Requirement
from iso9001_leadership.exceptions import AssessmentError
from iso9001_leadership.findings import Finding

from ._context import Check, CheckContext

__all__ = ["CheckRegistry", "RegisteredCheck"]


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
