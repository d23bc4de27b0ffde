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

from iso9001_leadership._plugins import CHECKS, load_plugins

from ._context import Check, CheckContext
from ._registry import CheckRegistry, RegisteredCheck
from ._timing import Timing
from .builtin import register_builtin

__all__ = [
    "PLUGIN_GROUP",
    "Check",
    "CheckContext",
    "CheckRegistry",
    "RegisteredCheck",
    "Timing",
    "default_registry",
]

#: The entry point group for plug-in checks.
PLUGIN_GROUP = CHECKS


def default_registry(*, plugins: bool = True) -> CheckRegistry:
    """A fresh registry with the built-in checks and, unless ``plugins=False``, plug-in checks."""
    registry = CheckRegistry()
    register_builtin(registry)
    if plugins:
        for plugin in load_plugins(PLUGIN_GROUP, load_message=lambda exc: f"failed to load: {exc!r}"):
            try:
                plugin.target(registry)
            except Exception as exc:
                msg = f"failed to load: {exc!r}"
                raise plugin.error(msg) from exc
    return registry
