"""Hypothesis strategies that generate valid organizations, for property-based tests.

Requires the ``test`` extra (hypothesis). Every organization drawn passes every integrity
rule of :class:`~iso9001_leadership.Organization`; references are drawn from the ids that
exist, so the generated graphs are richly connected.

These strategies are public API, for property tests of your own tools and checks:

- :func:`organizations`: any valid organization;
- :func:`organizations_with_gaps`: with at least one gap of each chosen
  :class:`~iso9001_leadership.GapKind`;
- :func:`organizations_without_gaps`: with no gap of the chosen kinds;
- :func:`gap_free_organizations`: with no gap at all.

The last three draw an organization with :func:`organizations` and then change it
deterministically, so hypothesis shrinks them as well as the first.

Examples
--------
>>> from hypothesis import given, settings
>>> from iso9001_leadership import dumps, loads
>>> from iso9001_leadership.strategies import organizations
>>> @settings(max_examples=5)
... @given(organizations())
... def test_round_trip(org):
...     assert loads(dumps(org)) == org
>>> test_round_trip()
"""

from __future__ import annotations

from ._gaps import (
    EXCLUSIVE_GAPS,
    IMPOSSIBLE_GAPS,
    gap_free_organizations,
    organizations_with_gaps,
    organizations_without_gaps,
)
from ._organizations import organizations
from ._values import CLAUSE_IDS, dates, element_ids, numbers, periods, texts

__all__ = [
    "CLAUSE_IDS",
    "EXCLUSIVE_GAPS",
    "IMPOSSIBLE_GAPS",
    "dates",
    "element_ids",
    "gap_free_organizations",
    "numbers",
    "organizations",
    "organizations_with_gaps",
    "organizations_without_gaps",
    "periods",
    "texts",
]
