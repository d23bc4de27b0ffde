"""Gap queries over the accountability graph.

Each query is a plain function of an :class:`~iso9001_leadership.graph.OrgGraph` that returns
a sorted tuple of immutable :class:`Gap` records: the kind of gap, the ids at fault, the
clauses it bears on, a one-line reason and a suggested fix. Every query runs in time linear in
the size of the graph, and none reads the clock: dates are passed in (``as_of=``).
:func:`find_gaps` runs them all.

=====================================  ==========================================================
Topic                                  Queries
=====================================  ==========================================================
accountability (5.1.1 a, 5.3)          :func:`process_ownership_gaps`, :func:`raci_gaps`,
                                       :func:`top_management_accountability_gaps`,
                                       :func:`unassigned_duties`, :func:`accountable_roles`,
                                       :func:`accountability_chain`
authority (5.3)                        :func:`missing_authorities`, :func:`unheld_authorities`
integration (4.4.1, 5.1.1 c)           :func:`unintegrated_elements`, :func:`isolated_processes`
reporting (5.1, 5.3 c)                 :func:`reporting_gaps`, :func:`reporting_cycles`,
                                       :func:`span_of_control_outliers`
concentration (5.3)                    :func:`single_points_of_failure`, :func:`impact_of_removing`
policy and objectives (5.2, 6.2)       :func:`policy_gaps`, :func:`objective_gaps`
risk (6.1.2)                           :func:`risk_gaps`
customer focus (5.1.2)                 :func:`customer_focus_gaps`
segregation of duties (9.2.2 c)        :func:`segregation_of_duties_gaps`
=====================================  ==========================================================

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import loads
>>> from iso9001_leadership.graph import OrgGraph
>>> from iso9001_leadership.queries import GapKind, find_gaps
>>> graph = OrgGraph.from_organization(loads('''
... name: Acme
... roles: [{id: ceo, title: CEO, top_management: true}]
... processes: [{id: make, name: Production}]
... '''))
>>> [gap.subjects for gap in find_gaps(graph, as_of=dt.date(2026, 11, 24), kinds=[GapKind.PROCESS_WITHOUT_OWNER])]
[('make',)]
"""

from __future__ import annotations

from iso9001_leadership.clauses import serves

from ._accountability import (
    DUTIES,
    accountability_chain,
    accountable_roles,
    process_ownership_gaps,
    raci_gaps,
    top_management,
    top_management_accountability_gaps,
    unassigned_duties,
)
from ._authority import missing_authorities, unheld_authorities
from ._concentration import single_points_of_failure
from ._customer import customer_focus_gaps
from ._find import QUERIES, find_gaps
from ._gap import Gap, GapKind, gap_kinds, sort_gaps
from ._integration import INTEGRATING_RELATIONS, isolated_processes, unintegrated_elements
from ._policy import OBJECTIVE_ITEMS, objective_gaps, policy_gaps
from ._reporting import DEFAULT_MAX_DIRECT_REPORTS, reporting_cycles, reporting_gaps, span_of_control_outliers
from ._risk import customer_related, risk_gaps, untreated
from ._segregation import segregation_of_duties_gaps
from ._whatif import impact_of_removing, without_elements

__all__ = [
    "DEFAULT_MAX_DIRECT_REPORTS",
    "DUTIES",
    "INTEGRATING_RELATIONS",
    "OBJECTIVE_ITEMS",
    "QUERIES",
    "Gap",
    "GapKind",
    "accountability_chain",
    "accountable_roles",
    "customer_focus_gaps",
    "customer_related",
    "find_gaps",
    "gap_kinds",
    "impact_of_removing",
    "isolated_processes",
    "missing_authorities",
    "objective_gaps",
    "policy_gaps",
    "process_ownership_gaps",
    "raci_gaps",
    "reporting_cycles",
    "reporting_gaps",
    "risk_gaps",
    "segregation_of_duties_gaps",
    "serves",
    "single_points_of_failure",
    "sort_gaps",
    "span_of_control_outliers",
    "top_management",
    "top_management_accountability_gaps",
    "unassigned_duties",
    "unheld_authorities",
    "unintegrated_elements",
    "untreated",
    "without_elements",
]
