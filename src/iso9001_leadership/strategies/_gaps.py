"""Organizations with and without chosen gaps.

Both strategies start from an organization drawn by :func:`organizations` and change it
deterministically: a *repair* (see ``_repairs``) removes every gap of one kind, an *injection*
(see ``_injections``) adds one gap of one kind. So hypothesis shrinks them as well as
:func:`organizations`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st

from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import Organization
from iso9001_leadership.queries import GapKind, find_gaps, gap_kinds

from ._injections import inject
from ._organizations import organizations
from ._repairs import repair

__all__ = [
    "EXCLUSIVE_GAPS",
    "IMPOSSIBLE_GAPS",
    "gap_free_organizations",
    "organizations_with_gaps",
    "organizations_without_gaps",
]

#: Kinds of gap that no valid organization can have: :class:`~iso9001_leadership.Organization`
#: refuses reporting-line cycles, so :func:`organizations_with_gaps` cannot produce them.
IMPOSSIBLE_GAPS: frozenset[GapKind] = frozenset({GapKind.REPORTING_CYCLE})

#: Pairs of gap kinds that exclude each other: without top management there is no top
#: management to be accountable or to report to; without a policy there is none to
#: communicate or review.
EXCLUSIVE_GAPS: tuple[tuple[GapKind, GapKind], ...] = (
    (GapKind.NO_TOP_MANAGEMENT, GapKind.TOP_MANAGEMENT_NOT_ACCOUNTABLE),
    (GapKind.NO_TOP_MANAGEMENT, GapKind.REPORTING_LINE_BROKEN),
    (GapKind.NO_POLICY, GapKind.POLICY_NOT_COMMUNICATED),
    (GapKind.NO_POLICY, GapKind.POLICY_REVIEW_OVERDUE),
)


def _sorted_kinds(kinds: Iterable[GapKind | str]) -> tuple[GapKind, ...]:
    """The kinds, checked, each once, in the order :class:`~iso9001_leadership.GapKind` declares them."""
    return tuple(sorted(gap_kinds(kinds), key=list(GapKind).index))


def _check_possible(kinds: Sequence[GapKind]) -> None:
    impossible = [k.value for k in kinds if k in IMPOSSIBLE_GAPS]
    if impossible:
        msg = f"no valid organization has these gaps: {', '.join(impossible)} (Organization refuses them)"
        raise ValueError(msg)
    for first, second in EXCLUSIVE_GAPS:
        if first in kinds and second in kinds:
            msg = f"gaps {first.value!r} and {second.value!r} exclude each other; ask for one of them"
            raise ValueError(msg)


@st.composite
def _with_gaps(draw: st.DrawFn, kinds: tuple[GapKind, ...], base: st.SearchStrategy[Organization]) -> Organization:
    org = inject(draw, draw(base), kinds)
    graph = OrgGraph.from_organization(org)
    present = {gap.kind for gap in find_gaps(graph, as_of=None, kinds=kinds)}
    missing = [kind.value for kind in kinds if kind not in present]
    if missing:  # pragma: no cover - the injections are built so that this cannot happen
        msg = f"internal error: the injections did not produce {missing}"
        raise AssertionError(msg)
    return org


@st.composite
def _without_gaps(
    draw: st.DrawFn, kinds: tuple[GapKind, ...], as_of: dt.date | None, base: st.SearchStrategy[Organization]
) -> Organization:
    return repair(draw(base), kinds, as_of)


def organizations_with_gaps(kinds: Iterable[GapKind | str], *, max_size: int = 4) -> st.SearchStrategy[Organization]:
    """Valid organizations that have at least one gap of each kind in ``kinds``.

    An organization is drawn from :func:`organizations`, then for each kind something is
    added or changed so that :func:`~iso9001_leadership.find_gaps` reports a gap of it (for any
    ``as_of``, and with the default ``max_direct_reports``): a process without an owner, a
    resource no process needs, a role nobody holds owning a process, and so on. Other gaps may
    be present too.

    Parameters
    ----------
    kinds
        The gap kinds (members of :class:`~iso9001_leadership.GapKind` or their values).
    max_size
        As for :func:`organizations`; injected elements come on top.

    Returns
    -------
    SearchStrategy[Organization]

    Raises
    ------
    ValueError
        If a kind is unknown, no valid organization can have it (:data:`IMPOSSIBLE_GAPS`), or
        two kinds exclude each other (:data:`EXCLUSIVE_GAPS`, such as ``no_policy`` and
        ``policy_not_communicated``).

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import GapKind, find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> @settings(max_examples=5)
    ... @given(organizations_with_gaps([GapKind.PROCESS_WITHOUT_OWNER, "self_audit"]))
    ... def test_detected(org):
    ...     kinds = {gap.kind for gap in find_gaps(OrgGraph.from_organization(org), as_of=dt.date(2026, 11, 24))}
    ...     assert {GapKind.PROCESS_WITHOUT_OWNER, GapKind.SELF_AUDIT} <= kinds
    >>> test_detected()
    """
    wanted = _sorted_kinds(kinds)
    _check_possible(wanted)
    return _with_gaps(wanted, organizations(max_size=max_size))


def organizations_without_gaps(
    kinds: Iterable[GapKind | str], *, as_of: dt.date | None = None, max_size: int = 4
) -> st.SearchStrategy[Organization]:
    """Valid organizations that have no gap of any kind in ``kinds``.

    An organization is drawn from :func:`organizations`, then the gaps of these kinds are
    repaired (an owner named, an authority granted, a deputy appointed, a policy communicated,
    elements added where something is missing). Gaps of other kinds may remain.

    Parameters
    ----------
    kinds
        The gap kinds (members of :class:`~iso9001_leadership.GapKind` or their values).
    as_of
        The date the guarantee is for: ``find_gaps(graph, as_of=as_of)`` finds no gap of these
        kinds. Only ``policy_review_overdue`` depends on the date; pass the date your test
        passes to the queries or the assessment.
    max_size
        As for :func:`organizations`; repairs may add a few elements.

    Returns
    -------
    SearchStrategy[Organization]

    Raises
    ------
    ValueError
        If a kind is unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> day = dt.date(2026, 11, 24)
    >>> @settings(max_examples=5)
    ... @given(organizations_without_gaps(["process_without_owner", "policy_review_overdue"], as_of=day))
    ... def test_not_reported(org):
    ...     graph = OrgGraph.from_organization(org)
    ...     assert not find_gaps(graph, as_of=day, kinds=["process_without_owner", "policy_review_overdue"])
    >>> test_not_reported()
    """
    return _without_gaps(_sorted_kinds(kinds), as_of, organizations(max_size=max_size))


def gap_free_organizations(*, as_of: dt.date | None = None, max_size: int = 4) -> st.SearchStrategy[Organization]:
    """Valid organizations in which :func:`~iso9001_leadership.find_gaps` finds nothing.

    The same as :func:`organizations_without_gaps` with every :class:`~iso9001_leadership.GapKind`.
    Being gap-free is not the same as conforming: an assessment may still ask for evidence the
    model cannot give.

    Examples
    --------
    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from iso9001_leadership import find_gaps
    >>> from iso9001_leadership.graph import OrgGraph
    >>> @settings(max_examples=5)
    ... @given(gap_free_organizations(as_of=dt.date(2026, 11, 24)))
    ... def test_gap_free(org):
    ...     assert find_gaps(OrgGraph.from_organization(org), as_of=dt.date(2026, 11, 24)) == ()
    >>> test_gap_free()
    """
    return _without_gaps(tuple(GapKind), as_of, organizations(max_size=max_size))
