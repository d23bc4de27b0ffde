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
deterministically, so hypothesis shrinks them as well as the first. The building blocks
(:func:`texts`, :func:`element_ids`, :func:`dates`, :func:`periods`, :func:`numbers`) are
public too.

Every strategy passes hypothesis' default health checks and deadline in a project of your own,
with no profile and no suppressed check (the test suite runs each of them so, in a fresh
process). The four organization strategies take ``max_size``, the most elements of any one
kind (seventeen kinds: roles, people, processes, risks...), 4 by default:

| ``max_size`` | elements (mean) | time to draw one (``organizations``, mean) |
|---|---|---|
| 2 | about 15 | about 5 ms |
| 4 (default) | about 30 | about 10 ms |
| 8 | about 55 | about 15 ms |
| 16 | about 115 | about 30 ms |

The times are CPU time on one core of the kind of machine CI runs on. The gap strategies add
a few milliseconds for finding the gaps and repairing or injecting them, and the elements they
add. Hypothesis starts from small organizations (the simplest has one role and nothing else)
and shrinks failures back to them. Ask for bigger organizations with, for example,
``organizations(max_size=8)`` or ``gap_free_organizations(max_size=8)``; up to 16 passes the
default health checks. Beyond that an organization no longer fits in the data hypothesis lets
one example draw, and organizations stop growing at about 190 elements: for scale tests, build
organizations in code instead.

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

Bigger organizations, for a property that needs several elements of a kind:

>>> @settings(max_examples=5)
... @given(organizations(max_size=8))
... def test_round_trip_bigger(org):
...     assert loads(dumps(org)) == org
>>> test_round_trip_bigger()
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
