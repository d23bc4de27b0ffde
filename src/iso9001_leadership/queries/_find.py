"""Every query at once: :func:`find_gaps`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from iso9001_leadership._gc import paused_gc
from iso9001_leadership.graph import OrgGraph

from ._accountability import (
    process_ownership_gaps,
    raci_gaps,
    top_management_accountability_gaps,
    unassigned_duties,
)
from ._authority import missing_authorities, unheld_authorities
from ._concentration import single_points_of_failure
from ._customer import customer_focus_gaps
from ._gap import Gap, GapKind, gap_kinds
from ._integration import isolated_processes, unintegrated_elements
from ._policy import objective_gaps, policy_gaps
from ._reporting import (
    DEFAULT_MAX_DIRECT_REPORTS,
    check_max_direct_reports,
    reporting_cycles,
    reporting_gaps,
    span_of_control_outliers,
)
from ._risk import risk_gaps
from ._segregation import segregation_of_duties_gaps

__all__ = ["QUERIES", "find_gaps"]

K = GapKind
_Query = Callable[[OrgGraph, dt.date | None, int], tuple[Gap, ...]]

#: Every query :func:`find_gaps` runs, with the kinds of gap it can report. Each kind belongs
#: to exactly one query, and the queries come in the order of :class:`GapKind`.
QUERIES: tuple[tuple[_Query, frozenset[GapKind]], ...] = (
    (lambda g, d, m: process_ownership_gaps(g), frozenset({K.PROCESS_WITHOUT_OWNER, K.PROCESS_WITH_SEVERAL_OWNERS})),
    (
        lambda g, d, m: raci_gaps(g),
        frozenset(
            {
                K.RESPONSIBILITY_WITHOUT_ACCOUNTABLE,
                K.RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE,
                K.RESPONSIBILITY_WITHOUT_RESPONSIBLE,
            }
        ),
    ),
    (lambda g, d, m: top_management_accountability_gaps(g), frozenset({K.TOP_MANAGEMENT_NOT_ACCOUNTABLE})),
    (lambda g, d, m: unassigned_duties(g), frozenset({K.DUTY_UNASSIGNED})),
    (lambda g, d, m: missing_authorities(g), frozenset({K.MISSING_AUTHORITY})),
    (lambda g, d, m: unheld_authorities(g), frozenset({K.UNHELD_AUTHORITY})),
    (lambda g, d, m: unintegrated_elements(g), frozenset({K.NOT_IN_ANY_PROCESS})),
    (lambda g, d, m: isolated_processes(g), frozenset({K.ISOLATED_PROCESS})),
    (lambda g, d, m: reporting_gaps(g), frozenset({K.NO_TOP_MANAGEMENT, K.REPORTING_LINE_BROKEN})),
    (lambda g, d, m: reporting_cycles(g), frozenset({K.REPORTING_CYCLE})),
    (lambda g, d, m: span_of_control_outliers(g, max_direct_reports=m), frozenset({K.SPAN_OF_CONTROL})),
    (lambda g, d, m: single_points_of_failure(g), frozenset({K.UNSTAFFED_ROLE, K.SINGLE_POINT_OF_FAILURE})),
    (
        lambda g, d, m: policy_gaps(g, as_of=d),
        frozenset({K.NO_POLICY, K.POLICY_NOT_COMMUNICATED, K.POLICY_REVIEW_OVERDUE}),
    ),
    (lambda g, d, m: objective_gaps(g), frozenset({K.OBJECTIVE_WITHOUT_COMMITMENT, K.OBJECTIVE_INCOMPLETE})),
    (lambda g, d, m: risk_gaps(g), frozenset({K.UNOWNED_RISK, K.UNADDRESSED_RISK, K.UNEVALUATED_ACTION})),
    (lambda g, d, m: customer_focus_gaps(g), frozenset({K.UNOWNED_REQUIREMENT, K.CUSTOMER_RISK_UNTREATED})),
    (lambda g, d, m: segregation_of_duties_gaps(g), frozenset({K.SELF_AUDIT})),
)


def find_gaps(
    graph: OrgGraph,
    *,
    as_of: dt.date | None,
    kinds: Iterable[GapKind | str] | None = None,
    max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS,
) -> tuple[Gap, ...]:
    """Run every gap query (or those for some kinds) and return the gaps in one sorted tuple.

    Parameters
    ----------
    graph
        The accountability graph.
    as_of
        The date to judge dates against, such as the policy's next review. Always passed in,
        never read from the clock, so the same graph and date give the same answer. ``None``
        skips the date comparisons.
    kinds
        Only report gaps of these kinds (members of :class:`GapKind` or their values); only the
        queries that can find them run. ``None`` reports every kind.
    max_direct_reports
        The span of control above which a role is reported; see
        :func:`span_of_control_outliers`.

    Returns
    -------
    tuple of Gap
        In the order of :func:`sort_gaps`: by kind, then by where the subjects stand in the file.

    Raises
    ------
    ValueError
        If a kind is not a :class:`GapKind`, or ``max_direct_reports`` is not at least 1.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import loads
    >>> from iso9001_leadership.graph import OrgGraph
    >>> graph = OrgGraph.from_organization(loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO, top_management: true}]
    ... processes: [{id: make, name: Production}]
    ... '''))
    >>> for gap in find_gaps(graph, as_of=dt.date(2026, 11, 24)):
    ...     print(gap)
    process_without_owner (5.3 b): Process 'make' has no accountable owner
    top_management_not_accountable (5.1.1 a): No top-management role is accountable for the effectiveness of the QMS
    duty_unassigned (5.3 a): Nobody is assigned to making sure the QMS conforms to ISO 9001
    duty_unassigned (5.3 b): Nobody is assigned to making sure processes deliver their intended outputs
    duty_unassigned (5.3 c): Nobody is assigned to reporting QMS performance and improvement opportunities to top management
    duty_unassigned (5.3 d): Nobody is assigned to promoting customer focus throughout the organization
    duty_unassigned (5.3 e): Nobody is assigned to keeping the QMS intact when changes are planned and made
    no_policy (5.2.1): The organization has no quality policy
    >>> find_gaps(graph, as_of=None, kinds=["no_policy"])[0].kind
    <GapKind.NO_POLICY: 'no_policy'>
    """
    check_max_direct_reports(max_direct_reports)
    wanted = None if kinds is None else frozenset(gap_kinds(kinds))
    # A graph never changes, so its gaps for the same question are found once.
    key = (find_gaps, as_of, wanted, max_direct_reports)
    return graph.memo(key, lambda: _find(graph, as_of, wanted, max_direct_reports))


def _find(
    graph: OrgGraph, as_of: dt.date | None, wanted: frozenset[GapKind] | None, max_direct_reports: int
) -> tuple[Gap, ...]:
    with paused_gc():
        return _run(graph, as_of, wanted, max_direct_reports, [])


def _run(
    graph: OrgGraph, as_of: dt.date | None, wanted: frozenset[GapKind] | None, max_direct_reports: int, gaps: list[Gap]
) -> tuple[Gap, ...]:
    for query, produces in QUERIES:
        if wanted is not None and not produces & wanted:
            continue
        found = query(graph, as_of, max_direct_reports)
        gaps.extend(found if wanted is None else (gap for gap in found if gap.kind in wanted))
    # Each query returns its gaps sorted, and QUERIES runs in the order of GapKind: the
    # concatenation is already in sort_gaps order.
    return tuple(gaps)
