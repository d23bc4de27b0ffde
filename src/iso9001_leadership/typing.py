"""Public types for what users plug in: checks, check plug-ins, catalog plug-ins, report formats.

Everything a plug-in author annotates with, in one place (structlog style). Each type is
defined beside the stage it extends and gathered here, so this module sits on top and nothing
in the library imports it.

- :data:`Check`: a function from a :class:`~iso9001_leadership.checks.CheckContext` to findings;
  register it with :meth:`CheckRegistry.check <iso9001_leadership.checks.CheckRegistry.check>`.
- :data:`ChecksPlugin`: what an entry point of the group ``iso9001_leadership.checks`` loads.
- :data:`CatalogPlugin`: what an entry point of ``iso9001_leadership.catalogs`` loads.
- :data:`Renderer` and :class:`ReportFormat`: what an entry point of
  ``iso9001_leadership.reports`` loads (a ``ReportFormat``), and its renderer.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import Organization, Role, assess
>>> from iso9001_leadership.checks import default_registry
>>> from iso9001_leadership.typing import Check, CheckContext, Finding
>>> def no_vacant_ceo(ctx: CheckContext) -> list[Finding]:
...     return []
>>> check: Check = no_vacant_ceo
>>> registry = default_registry(plugins=False)
>>> _ = registry.register("roles.assigned", check, name="acme.vacant-ceo")
>>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
>>> assess(org, as_of=dt.date(2026, 11, 24), registry=registry).edition
'2015'
"""

from __future__ import annotations

from collections.abc import Callable

from iso9001_leadership.catalog import CatalogPlugin, Requirement
from iso9001_leadership.checks import Check, CheckContext, CheckRegistry
from iso9001_leadership.findings import Finding
from iso9001_leadership.report import Renderer, ReportFormat, ReportOptions

__all__ = [
    "CatalogPlugin",
    "Check",
    "CheckContext",
    "ChecksPlugin",
    "Finding",
    "Renderer",
    "ReportFormat",
    "ReportOptions",
    "Requirement",
]


#: What an entry point of the group ``iso9001_leadership.checks`` loads: it registers checks.
ChecksPlugin = Callable[[CheckRegistry], None]
