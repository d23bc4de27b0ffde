"""One finder for every plug-in group: entry points loaded in a stable order, failures named (flake8 style).

A plug-in is an entry point in one of the groups below, declared by any installed distribution:

- ``iso9001_leadership.catalogs``: a callable taking the edition and returning requirements;
- ``iso9001_leadership.checks``: a callable taking a check registry and registering checks;
- ``iso9001_leadership.reports``: a callable taking an assessment and keyword options and
  returning the report text (see :mod:`iso9001_leadership.report`).

:func:`load_plugins` finds the entry points of a group, sorts them by name (then value) so the
order never depends on installation order, and loads each; an entry point that cannot be
imported raises the group's :class:`~iso9001_leadership.exceptions.PluginError`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from iso9001_leadership.exceptions import CatalogPluginError, CheckPluginError, PluginError, ReportPluginError

__all__ = ["CATALOGS", "CHECKS", "REPORTS", "Plugin", "load_plugins", "plugin_error"]

#: The entry-point groups of the package.
CATALOGS = "iso9001_leadership.catalogs"
CHECKS = "iso9001_leadership.checks"
REPORTS = "iso9001_leadership.reports"

_ERRORS: dict[str, Callable[..., PluginError]] = {
    CATALOGS: CatalogPluginError,
    CHECKS: CheckPluginError,
    REPORTS: ReportPluginError,
}


@attrs.frozen
class Plugin:
    """A loaded plug-in: the entry point's group, name and value, and the object it loads."""

    group: str
    name: str
    value: str
    target: Any = attrs.field(eq=False)

    def error(self, message: str) -> PluginError:
        """The error to raise when this plug-in misbehaves: the group's error, naming the entry point."""
        return plugin_error(self.group, self.name, self.value, message)


def plugin_error(group: str, name: str, value: str, message: str) -> PluginError:
    """The error of ``group`` for the entry point ``name`` (``value``), with ``message`` after its name."""
    cls = _ERRORS.get(group)
    if cls is None:
        error = PluginError(f"the plug-in {name!r} ({value}) of {group} {message}")
        error.group, error.plugin, error.target = group, name, value
        return error
    return cls(message, group=group, plugin=name, target=value)


#: The entry points found per group, with what they were found with: the lookup function and
#: the import path with the time each of its folders last changed. Reading every installed
#: distribution's metadata costs about as much as assessing a small organization, and a run
#: looks the same groups up several times.
_FOUND: dict[str, tuple[object, tuple[tuple[str, int], ...], list[Any]]] = {}


def _changed(folder: str) -> int:
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return -1


def _entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` in name order, looked up again when a package may have been installed.

    That is when the lookup function, the import path or a folder on it (where installing a
    package adds its metadata) changed since the last look.
    """
    import importlib.metadata  # imported when plug-ins are first looked up: it costs a tenth of the start-up

    lookup = importlib.metadata.entry_points
    path = tuple((folder, _changed(folder)) for folder in sys.path)
    found = _FOUND.get(group)
    if found is None or found[0] is not lookup or found[1] != path:
        entry_points = sorted(lookup(group=group), key=lambda ep: (ep.name, ep.value))
        found = _FOUND[group] = (lookup, path, entry_points)
    return found[2]


def load_plugins(group: str, *, load_message: Callable[[BaseException], str]) -> Iterator[Plugin]:
    """Load each entry point of ``group`` in name order; a failing import raises the group's error.

    ``load_message`` words the failure from the exception (each group keeps its own wording).
    """
    for entry_point in _entry_points(group):
        try:
            target = entry_point.load()
        except Exception as exc:
            raise plugin_error(group, entry_point.name, entry_point.value, load_message(exc)) from exc
        yield Plugin(group, entry_point.name, entry_point.value, target)
