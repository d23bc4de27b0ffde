"""Gap lists: :func:`gaps` and the :class:`GapList` it returns, a tuple that Jupyter shows as a table.

Neither needs pandas nor matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import DEFAULT_MAX_DIRECT_REPORTS, Gap, GapKind, find_gaps

from ._html import gaps_html

__all__ = ["GapList", "gaps"]


class GapList(tuple[Gap, ...]):
    """A tuple of gaps that shows itself as a table in Jupyter.

    It is a plain tuple in every other way: index it, iterate it, compare it with a tuple.

    Examples
    --------
    >>> from iso9001_leadership.queries import Gap, GapKind
    >>> found = GapList([Gap(GapKind.NO_POLICY, (), ("5.2.1",), "No quality policy", "Write one")])
    >>> len(found), found[0].kind.value, found == tuple(found)
    (1, 'no_policy', True)
    >>> "No quality policy" in found._repr_html_()
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"GapList({tuple.__repr__(self)})"

    def _repr_html_(self) -> str:
        return gaps_html(self)


def gaps(
    org: Organization | OrgGraph,
    *,
    as_of: dt.date | None,
    kinds: Iterable[GapKind | str] | None = None,
    max_direct_reports: int = DEFAULT_MAX_DIRECT_REPORTS,
) -> GapList:
    """The gaps of an organization, as a :class:`GapList` that Jupyter shows as a table.

    The same gaps, in the same order, as :func:`~iso9001_leadership.find_gaps` on the
    organization's graph.

    Parameters
    ----------
    org
        The organization, or its :class:`~iso9001_leadership.graph.OrgGraph`.
    as_of
        The date dates are judged against (``None`` skips the date comparisons).
    kinds
        Only gaps of these kinds (:class:`~iso9001_leadership.GapKind` members or their values).
    max_direct_reports
        The span of control above which a role is reported.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> [gap.kind.value for gap in gaps(org, as_of=None)][:2]
    ['top_management_not_accountable', 'duty_unassigned']
    """
    graph = org if isinstance(org, OrgGraph) else OrgGraph.from_organization(org)
    return GapList(find_gaps(graph, as_of=as_of, kinds=kinds, max_direct_reports=max_direct_reports))
