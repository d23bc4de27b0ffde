"""The gap record every query returns, the kinds of gap, and their deterministic order."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from iso9001_leadership._names import did_you_mean, to_tuple
from iso9001_leadership.graph import OrgGraph

__all__ = ["Gap", "GapKind", "gap_kinds", "sort_gaps"]


class GapKind(enum.Enum):
    """The kinds of gap the queries find, in the order :func:`find_gaps` reports them.

    Each member's value is the name used in reports and on the command line.
    """

    # accountability (5.1.1 a, 5.3)
    PROCESS_WITHOUT_OWNER = "process_without_owner"
    PROCESS_WITH_SEVERAL_OWNERS = "process_with_several_owners"
    RESPONSIBILITY_WITHOUT_ACCOUNTABLE = "responsibility_without_accountable"
    RESPONSIBILITY_WITH_SEVERAL_ACCOUNTABLE = "responsibility_with_several_accountable"
    RESPONSIBILITY_WITHOUT_RESPONSIBLE = "responsibility_without_responsible"
    TOP_MANAGEMENT_NOT_ACCOUNTABLE = "top_management_not_accountable"
    DUTY_UNASSIGNED = "duty_unassigned"
    # authority (5.3)
    MISSING_AUTHORITY = "missing_authority"
    UNHELD_AUTHORITY = "unheld_authority"
    # integration (4.4.1, 5.1.1 c)
    NOT_IN_ANY_PROCESS = "not_in_any_process"
    ISOLATED_PROCESS = "isolated_process"
    # reporting (5.1, 5.3 c)
    NO_TOP_MANAGEMENT = "no_top_management"
    REPORTING_LINE_BROKEN = "reporting_line_broken"
    REPORTING_CYCLE = "reporting_cycle"
    SPAN_OF_CONTROL = "span_of_control"
    # concentration (5.3)
    UNSTAFFED_ROLE = "unstaffed_role"
    SINGLE_POINT_OF_FAILURE = "single_point_of_failure"
    # policy and objectives (5.2, 6.2)
    NO_POLICY = "no_policy"
    POLICY_NOT_COMMUNICATED = "policy_not_communicated"
    POLICY_REVIEW_OVERDUE = "policy_review_overdue"
    OBJECTIVE_WITHOUT_COMMITMENT = "objective_without_commitment"
    OBJECTIVE_INCOMPLETE = "objective_incomplete"
    # risk (6.1.2)
    UNOWNED_RISK = "unowned_risk"
    UNADDRESSED_RISK = "unaddressed_risk"
    UNEVALUATED_ACTION = "unevaluated_action"
    # customer focus (5.1.2)
    UNOWNED_REQUIREMENT = "unowned_requirement"
    CUSTOMER_RISK_UNTREATED = "customer_risk_untreated"
    # segregation of duties (9.2.2 c)
    SELF_AUDIT = "self_audit"


_RANK = {kind: index for index, kind in enumerate(GapKind)}


@attrs.frozen
class Gap:
    """One gap in an organization's leadership arrangements.

    Parameters
    ----------
    kind
        What kind of gap it is.
    subjects
        The ids of the elements at fault, the main one first. Empty for a gap of the
        organization as a whole (no quality policy, no top management).
    clauses
        The ISO 9001 clause ids the gap bears on, such as ``"5.3 b"``.
    reason
        One line a manager understands: what is wrong.
    fix
        One line: what would close the gap.

    Examples
    --------
    >>> gap = Gap(GapKind.PROCESS_WITHOUT_OWNER, ("sales",), ("5.3 b",),
    ...           "Process 'sales' has no accountable owner", "Name one role as owner of 'sales'")
    >>> print(gap)
    process_without_owner (5.3 b): Process 'sales' has no accountable owner
    """

    kind: GapKind
    subjects: tuple[str, ...] = attrs.field(converter=to_tuple)
    clauses: tuple[str, ...] = attrs.field(converter=to_tuple)
    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.kind.value} ({', '.join(self.clauses)}): {self.reason}"


def gap_kinds(kinds: Iterable[GapKind | str]) -> tuple[GapKind, ...]:
    """Gap kinds given as members or their values, checked, in the order given, each once.

    The one parser of gap-kind lists: :func:`find_gaps`, the strategies, the pytest plugin and
    the notebook helpers all use it.

    Raises
    ------
    TypeError
        If ``kinds`` is a single kind rather than a list of them.
    ValueError
        If an item is not a gap kind (with the closest kind offered).

    Examples
    --------
    >>> gap_kinds(["no_policy", GapKind.SELF_AUDIT, "no_policy"])
    (<GapKind.NO_POLICY: 'no_policy'>, <GapKind.SELF_AUDIT: 'self_audit'>)
    >>> gap_kinds(["self_audt"])
    Traceback (most recent call last):
    ...
    ValueError: 'self_audt' is not a gap kind; did you mean 'self_audit'?
    """
    if isinstance(kinds, str | GapKind):
        msg = f"expected a list of gap kinds, not {kinds!r}; write kinds=[{kinds!r}]"
        raise TypeError(msg)
    found: dict[GapKind, None] = {}
    for kind in kinds:
        try:
            found.setdefault(GapKind(kind), None)
        except ValueError:
            msg = f"{kind!r} is not a gap kind" + did_you_mean(str(kind), [k.value for k in GapKind])
            raise ValueError(msg) from None
    return tuple(found)


def sort_gaps(graph: OrgGraph, gaps: Iterable[Gap]) -> tuple[Gap, ...]:
    """Gaps in their deterministic order: by kind, then by where their subjects stand in the file.

    Kinds come in the order :class:`GapKind` declares them. Within a kind, gaps of the
    organization as a whole (no subjects) come first, then gaps by the file position of their
    first subject, then of the next; clause ids and the reason settle any remaining tie.
    """
    end = len(graph)

    def key(gap: Gap) -> tuple[int, tuple[int, ...], tuple[str, ...], tuple[str, ...], str]:
        places = tuple(graph.position(s) if s in graph else end for s in gap.subjects)
        return (_RANK[gap.kind], places, gap.subjects, gap.clauses, gap.reason)

    return tuple(sorted(gaps, key=key))
