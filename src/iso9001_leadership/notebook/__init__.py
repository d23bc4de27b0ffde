"""Analyse an organization in a notebook: DataFrames, the RACI matrix, a heat map, the accountability graph.

Everything here works on the objects the rest of the library returns (an
:class:`~iso9001_leadership.Organization`, an :class:`~iso9001_leadership.Assessment`, gaps) and
hands back plain pandas and matplotlib objects, so the usual tools (filtering, ``groupby``,
``to_excel``, ``savefig``) take it from there.

pandas and matplotlib are optional: install them with the ``notebook`` extra; see docs/install.md.
They are imported only when a function needs them; without them, such a function raises
:class:`MissingExtraError` (an :class:`ImportError`) that says what to install. :func:`gaps`
and :class:`GapList` need neither.

- :func:`to_frame`: the DataFrame that fits what it is given, one of the four below.
- :func:`findings_frame`: one row per finding of an assessment (:data:`FINDING_COLUMNS`).
- :func:`requirements_frame`: one row per requirement of an assessment (:data:`REQUIREMENT_COLUMNS`).
- :func:`entities_frame`: one row per element of an organization (:data:`ENTITY_COLUMNS`).
- :func:`gaps_frame`: one row per gap (:data:`GAP_COLUMNS`).
- :func:`raci_frame`: the RACI matrix, responsibilities by roles.
- :func:`heatmap_frame` and :func:`findings_heatmap`: findings by seed theme and clause, as a
  frame and as a heat map.
- :func:`plot_accountability`: roles, responsibilities and processes as a graph, gaps in red;
  or a focused view of it (around an element, the gaps, the org chart).
- :func:`gaps`: the gaps of an organization as a :class:`GapList`, a tuple that Jupyter shows
  as a table.

In Jupyter, an ``Organization``, an ``Assessment`` and a :class:`GapList` show themselves as
compact HTML summaries.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import loads
>>> from iso9001_leadership.notebook import gaps
>>> org = loads('''
... name: Acme
... roles: [{id: ceo, title: CEO, top_management: true}]
... processes: [{id: make, name: Production}]
... ''')
>>> found = gaps(org, as_of=dt.date(2026, 11, 24), kinds=["process_without_owner"])
>>> found
GapList((Gap(kind=<GapKind.PROCESS_WITHOUT_OWNER: 'process_without_owner'>, subjects=('make',), ...),))
>>> found._repr_html_().startswith('<div class="iso9001-gaps"')
True
"""

from __future__ import annotations

from iso9001_leadership.exceptions import MissingExtraError

from ._frames import (
    ENTITY_COLUMNS,
    FINDING_COLUMNS,
    GAP_COLUMNS,
    REQUIREMENT_COLUMNS,
    entities_frame,
    findings_frame,
    gaps_frame,
    raci_frame,
    requirements_frame,
    to_frame,
)
from ._gaps import GapList, gaps
from ._heatmap import findings_heatmap, heatmap_frame
from ._plot import PLOT_KINDS, PLOT_RELATIONS, plot_accountability

__all__ = [
    "ENTITY_COLUMNS",
    "FINDING_COLUMNS",
    "GAP_COLUMNS",
    "PLOT_KINDS",
    "PLOT_RELATIONS",
    "REQUIREMENT_COLUMNS",
    "GapList",
    "MissingExtraError",
    "entities_frame",
    "findings_frame",
    "findings_heatmap",
    "gaps",
    "gaps_frame",
    "heatmap_frame",
    "plot_accountability",
    "raci_frame",
    "requirements_frame",
    "to_frame",
]
