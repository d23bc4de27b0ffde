"""Valid organizations: the ids first, then every kind of element drawn from them."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from iso9001_leadership.model import Organization

from ._entities import (
    KINDS,
    Ids,
    actions,
    authorities,
    communications,
    context_issues,
    evidence,
    exclusions,
    interested_parties,
    objectives,
    opportunities,
    people,
    policy,
    processes,
    resources,
    responsibilities,
    review_programme,
    reviews,
    risk_scales,
    risks,
    roles,
)
from ._values import element_ids, texts

__all__ = ["ids", "organizations"]

# Built once: building a strategy costs more than drawing from it.
_REVIEW_PROGRAMME = review_programme()


@st.composite
def ids(draw: st.DrawFn, *, max_size: int = 4) -> Ids:
    """Unique ids for up to ``max_size`` elements of each kind, one role at least, and maybe a policy."""
    size = st.integers(min_value=0, max_value=max_size)
    counts = {kind: draw(size) for kind in KINDS}
    counts["roles"] = max(counts["roles"], 1)
    has_policy = draw(st.booleans())
    if not has_policy:
        counts["commitments"] = 0
    if not counts["parties"]:
        counts["requirements"] = 0
    total = sum(counts.values()) + has_policy
    # Ids differing only in letter case are refused by Organization: unique regardless of case.
    pool = iter(draw(st.lists(element_ids(), min_size=total, max_size=total, unique_by=str.lower)))
    groups = {kind: tuple(itertools.islice(pool, count)) for kind, count in counts.items()}
    return Ids(**groups, policy=next(pool, None))


@st.composite
def organizations(draw: st.DrawFn, *, max_size: int = 4) -> Organization:
    """Valid organizations with up to ``max_size`` elements in each collection.

    Parameters
    ----------
    max_size
        The most elements any one collection holds (roles, processes, risks...).

    Returns
    -------
    SearchStrategy[Organization]
    """
    drawn = draw(ids(max_size=max_size))
    scale = draw(risk_scales())
    return Organization(
        name=draw(texts(min_size=1)),
        scope=draw(texts()),
        risk_scale=scale,
        roles=draw(roles(drawn)),
        people=draw(people(drawn)),
        authorities=draw(authorities(drawn)),
        responsibilities=draw(responsibilities(drawn)),
        processes=draw(processes(drawn)),
        policy=draw(policy(drawn)),
        objectives=draw(objectives(drawn)),
        context_issues=draw(context_issues(drawn)),
        interested_parties=draw(interested_parties(drawn)),
        risks=draw(risks(drawn, scale)),
        opportunities=draw(opportunities(drawn, scale)),
        actions=draw(actions(drawn)),
        communications=draw(communications(drawn)),
        reviews=draw(reviews(drawn)),
        review_programme=draw(_REVIEW_PROGRAMME),
        resources=draw(resources(drawn)),
        evidence=draw(evidence(drawn)),
        exclusions=draw(exclusions()),
    )
