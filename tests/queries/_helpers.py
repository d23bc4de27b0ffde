"""Helpers for the gap-query tests: small organizations given as YAML, and the gaps found in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from iso9001_leadership import loads
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.queries import Gap

AS_OF = dt.date(2026, 11, 24)
Query = Callable[[OrgGraph], tuple[Gap, ...]]


def graph_of(body: str) -> OrgGraph:
    """The graph of an organization given as YAML (without its name)."""
    return OrgGraph.from_organization(loads("name: Acme\n" + body))


def found(gaps: tuple[Gap, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(gap.kind.value, gap.subjects) for gap in gaps]


ROLES = """
roles:
- {id: ceo, title: CEO, top_management: true}
- {id: qm, title: QM, reports_to: ceo}
- {id: ops, title: Ops, reports_to: ceo}
"""
