"""The built-in checks, one module per theme, each registering its checks (pylint style).

Each module holds the checks of a group of clauses and a ``register(registry)`` function that
registers them under their requirement ids. :func:`register_builtin` calls them all, in
:data:`THEMES` order. Most checks rest on the gap queries (:mod:`iso9001_leadership.queries`);
the rest read the model directly. Requirements with no check are decided by the assessment's
default rule (a requirement the model decides conforms; others need evidence).

To add a check of your own, do the same in your package: write a function that takes a
:class:`~iso9001_leadership.checks.CheckContext` and yields findings, and register it (see
``docs/assessment.md``, "Custom checks", and ``docs/architecture.md``).
"""

from __future__ import annotations

from types import ModuleType

from iso9001_leadership.checks._registry import CheckRegistry

from . import context, customer, leadership, objectives, planning, policy, review, roles, support

__all__ = ["THEMES", "register_builtin"]

#: The theme modules, in clause order.
THEMES: tuple[ModuleType, ...] = (context, leadership, customer, policy, roles, planning, objectives, support, review)


def register_builtin(registry: CheckRegistry) -> None:
    """Register every built-in check."""
    for theme in THEMES:
        theme.register(registry)
