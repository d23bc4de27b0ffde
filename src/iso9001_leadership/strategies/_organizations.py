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
from ._values import _ID_HEADS, _ID_TAILS, texts

__all__ = ["check_size", "ids", "organizations"]

# Built once: building a strategy costs more than drawing from it.
_REVIEW_PROGRAMME = review_programme()
_RISK_SCALES = risk_scales()
_COIN = st.booleans()


def _unique_ids(draw: st.DrawFn, count: int) -> list[str]:
    """``count`` valid ids, unique regardless of letter case, as Organization wants them.

    Unique by construction: an id drawn again (in any case) gets the first free suffix ``-2``,
    ``-3``..., so no draw is thrown away and the ids shrink to ``a``, ``a-2``, ``a-3``...
    """
    taken: set[str] = set()
    drawn = []
    for _ in range(count):
        element_id = draw(_ID_HEADS) + draw(_ID_TAILS)
        if element_id.lower() in taken:
            stem = element_id
            element_id = next(f"{stem}-{n}" for n in itertools.count(2) if f"{stem}-{n}".lower() not in taken)
        taken.add(element_id.lower())
        drawn.append(element_id)
    return drawn


@st.composite
def ids(draw: st.DrawFn, *, max_size: int = 4) -> Ids:
    """Unique ids for up to ``max_size`` elements of each kind, one role at least, and maybe a policy."""
    size = st.integers(min_value=0, max_value=max_size)
    counts = {kind: draw(size) for kind in KINDS}
    counts["roles"] = max(counts["roles"], 1)
    has_policy = draw(_COIN)
    if not has_policy:
        counts["commitments"] = 0
    if not counts["parties"]:
        counts["requirements"] = 0
    pool = iter(_unique_ids(draw, sum(counts.values()) + has_policy))
    groups = {kind: tuple(itertools.islice(pool, count)) for kind, count in counts.items()}
    return Ids(**groups, policy=next(pool, None))


def check_size(max_size: int) -> int:
    """``max_size``, if it is a whole number from 0 up; else a ValueError saying so."""
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
        msg = f"max_size must be a whole number from 0 up, not {max_size!r}"
        raise ValueError(msg)
    return max_size


def organizations(*, max_size: int = 4) -> st.SearchStrategy[Organization]:
    """Valid organizations with up to ``max_size`` elements of each kind.

    Each kind of element (roles, people, authorities, responsibilities, processes, objectives,
    risks, actions...: seventeen kinds) gets from 0 to ``max_size`` elements, drawn
    independently; there is always one role at least. With the default of 4, an organization
    has about 30 elements on average and at most about 60, and costs about 10 ms to draw; the
    simplest, which hypothesis starts from and shrinks to, has one role and nothing else.

    Parameters
    ----------
    max_size
        The most elements of any one kind. Larger values give richer organizations at a cost
        that grows with them: 8 gives about 55 elements on average, 16 about 120. Beyond about
        16, an organization no longer fits in the data hypothesis lets one example draw: the
        largest draws are cut short (hypothesis counts them as overruns) and organizations stop
        growing at about 190 elements.

    Returns
    -------
    SearchStrategy[Organization]

    Raises
    ------
    ValueError
        If ``max_size`` is not a whole number from 0 up.

    Examples
    --------
    The first organization hypothesis draws is the simplest:

    >>> from hypothesis import Phase, find, settings
    >>> find(organizations(), lambda org: True, settings=settings(phases=[Phase.generate])).ids()
    ['a']
    >>> organizations(max_size=-1)
    Traceback (most recent call last):
    ...
    ValueError: max_size must be a whole number from 0 up, not -1
    """
    return _organizations(check_size(max_size))


@st.composite
def _organizations(draw: st.DrawFn, max_size: int) -> Organization:
    drawn = draw(ids(max_size=max_size))
    scale = draw(_RISK_SCALES)
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
