"""DataFrames: findings, requirements, elements and gaps one per row, and the RACI matrix.

Each helper imports pandas only when called (see :mod:`._extras`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from iso9001_leadership.assessment import Assessment, Finding, RequirementResult
from iso9001_leadership.graph import OrgGraph
from iso9001_leadership.model import EntityKind, Organization
from iso9001_leadership.queries import Gap
from iso9001_leadership.raci import RaciMatrix, raci_matrix

from ._extras import need_pandas

__all__ = [
    "ENTITY_COLUMNS",
    "FINDING_COLUMNS",
    "GAP_COLUMNS",
    "REQUIREMENT_COLUMNS",
    "entities_frame",
    "findings_frame",
    "gaps_frame",
    "raci_frame",
    "requirements_frame",
    "to_frame",
]

#: The columns of :func:`findings_frame`, in order.
#:
#: ``requirement`` (id), ``clause`` (in the assessed edition), ``theme`` (seed theme value),
#: ``status`` (a :class:`~iso9001_leadership.Status` value), ``grade`` (``"major"``,
#: ``"minor"``, or missing), ``severity`` (0-5), ``rule``, ``subjects`` (tuple of ids at fault),
#: ``paths`` (tuple: where each subject stands in the file, such as ``processes[3]``),
#: ``reason``, ``fix``, ``evidence`` (tuple of evidence ids consulted).
FINDING_COLUMNS: tuple[str, ...] = (
    "requirement",
    "clause",
    "theme",
    "status",
    "grade",
    "severity",
    "rule",
    "subjects",
    "paths",
    "reason",
    "fix",
    "evidence",
)

#: The columns of :func:`requirements_frame`, in order.
#:
#: ``requirement`` (id), ``clause``, ``title``, ``theme``, ``decidable`` (``model``,
#: ``partly`` or ``evidence``), ``status``, ``grade``, ``severity`` (0-5), ``points`` (towards
#: the score, out of 1; missing when not applicable), ``findings`` (how many), ``evidence``
#: (tuple of evidence ids that cover it), ``note``.
REQUIREMENT_COLUMNS: tuple[str, ...] = (
    "requirement",
    "clause",
    "title",
    "theme",
    "decidable",
    "status",
    "grade",
    "severity",
    "points",
    "findings",
    "evidence",
    "note",
)

#: The columns of :func:`entities_frame`, in order: ``id``, ``kind`` (an
#: :class:`~iso9001_leadership.EntityKind` value), ``label`` (its title or name, as the graph
#: shows it), ``path`` (where it stands in the file, such as ``roles[3]``).
ENTITY_COLUMNS: tuple[str, ...] = ("id", "kind", "label", "path")

#: The columns of :func:`gaps_frame`, in order: ``kind`` (a
#: :class:`~iso9001_leadership.GapKind` value), ``clauses`` (tuple), ``subjects`` (tuple of ids
#: at fault), ``reason``, ``fix``.
GAP_COLUMNS: tuple[str, ...] = ("kind", "clauses", "subjects", "reason", "fix")


def _frame(rows: list[list[Any]], columns: Sequence[str], needed_by: str) -> Any:
    pd = need_pandas(needed_by)
    return pd.DataFrame(rows, columns=list(columns))


def _finding_row(finding: Finding, result: RequirementResult, paths: dict[str, str]) -> list[Any]:
    return [
        finding.requirement,
        finding.clause,
        result.requirement.theme.value,
        finding.status.value,
        None if finding.grade is None else finding.grade.value,
        finding.severity,
        finding.rule,
        finding.subjects,
        tuple(paths.get(s, "") for s in finding.subjects),
        finding.reason,
        finding.fix,
        finding.evidence,
    ]


def findings_frame(assessment: Assessment) -> Any:
    """One row per finding of an assessment, in the assessment's order; columns :data:`FINDING_COLUMNS`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Process, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),),
    ...                    processes=(Process(id="sales", name="Sales"),))
    >>> frame = findings_frame(assess(org, as_of=dt.date(2026, 11, 24)))
    >>> row = frame[frame.rule == "process_without_owner"].iloc[0]
    >>> row.clause, row.status, row.grade, row.subjects, row.paths
    ('5.3 b', 'nonconformity', 'minor', ('sales',), ('processes[0]',))
    """
    paths = dict(assessment.element_paths)
    rows = [_finding_row(f, r, paths) for r in assessment.results for f in r.findings]
    return _frame(rows, FINDING_COLUMNS, "findings_frame()")


def requirements_frame(assessment: Assessment) -> Any:
    """One row per requirement of an assessment, in clause order; columns :data:`REQUIREMENT_COLUMNS`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> assessment = assess(org, as_of=dt.date(2026, 11, 24))
    >>> frame = requirements_frame(assessment)
    >>> len(frame) == len(assessment.results)
    True
    >>> frame.set_index("requirement").loc["roles.process-outputs", ["clause", "status"]].tolist()
    ['5.3 b', 'nonconformity']
    """
    rows = [
        [
            r.requirement.id,
            r.requirement.clause,
            r.requirement.title,
            r.requirement.theme.value,
            r.requirement.decidable.value,
            r.status.value,
            None if r.grade is None else r.grade.value,
            r.severity,
            r.points,
            len(r.findings),
            r.evidence,
            r.note,
        ]
        for r in assessment.results
    ]
    return _frame(rows, REQUIREMENT_COLUMNS, "requirements_frame()")


def entities_frame(org: Organization, kind: EntityKind | str | None = None) -> Any:
    """One row per element of an organization (of one kind), in file order; columns :data:`ENTITY_COLUMNS`.

    Parameters
    ----------
    org
        The organization.
    kind
        Only elements of this kind (an :class:`~iso9001_leadership.EntityKind` or its value,
        such as ``"role"``); every element by default.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        If ``kind`` is not a kind of element.
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> from iso9001_leadership import Organization, Person, Role
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO"),),
    ...                    people=(Person(id="ana", name="Ana Ruiz", roles=("ceo",)),))
    >>> entities_frame(org)
        id    kind     label       path
    0  ceo    role       CEO   roles[0]
    1  ana  person  Ana Ruiz  people[0]
    >>> entities_frame(org, "person").id.tolist()
    ['ana']
    """
    wanted = None if kind is None else EntityKind(kind)
    graph = OrgGraph.from_organization(org)
    rows: list[list[Any]] = [
        [element_id, graph.kind_of(element_id).value, graph.label_of(element_id), org.path_of(element_id)]
        for element_id in graph.ids(wanted)
    ]
    return _frame(rows, ENTITY_COLUMNS, "entities_frame()")


def gaps_frame(gaps: Iterable[Gap]) -> Any:
    """One row per gap, in the order given; columns :data:`GAP_COLUMNS`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> from iso9001_leadership.queries import Gap, GapKind
    >>> gaps_frame([Gap(GapKind.NO_POLICY, (), ("5.2.1",), "No quality policy", "Write one")])
            kind   clauses subjects             reason        fix
    0  no_policy  (5.2.1,)       ()  No quality policy  Write one
    """
    rows: list[list[Any]] = [[g.kind.value, g.clauses, g.subjects, g.reason, g.fix] for g in gaps]
    return _frame(rows, GAP_COLUMNS, "gaps_frame()")


def _raci_to_frame(matrix: RaciMatrix, *, titles: bool) -> Any:
    pd = need_pandas("raci_frame()")
    name = (lambda i: matrix.labels.get(i, i)) if titles else (lambda i: i)
    data = [[matrix.code(resp, role) for role in matrix.roles] for resp in matrix.responsibilities]
    index = pd.Index([name(r) for r in matrix.responsibilities], name="responsibility", dtype=object)
    columns = pd.Index([name(r) for r in matrix.roles], name="role", dtype=object)
    return pd.DataFrame(data, index=index, columns=columns, dtype=object)


def raci_frame(org: Organization, *, roles: Iterable[str] | None = None, titles: bool = False) -> Any:
    """The RACI matrix as a DataFrame: one row per responsibility, one column per role.

    Each cell holds the letters of that pair (``"A/R"``, ``"C"``), or ``""`` when the role has
    no part in the responsibility; the same cells as :func:`iso9001_leadership.raci.raci_matrix`.

    Parameters
    ----------
    org
        The organization.
    roles
        The columns to show, in this order; by default every role with a part in some
        responsibility, in file order.
    titles
        Label rows and columns with titles instead of ids (titles need not be unique).

    Returns
    -------
    pandas.DataFrame
        Indexed by responsibility (index name ``responsibility``), columns named ``role``.

    Raises
    ------
    UnknownIdError
        If ``roles`` names an id that is not a role.
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> from iso9001_leadership import loads
    >>> org = loads('''
    ... name: Acme
    ... roles: [{id: ceo, title: CEO}, {id: qm, title: Quality Manager}]
    ... responsibilities:
    ... - {id: review, title: Run management reviews, accountable: [ceo], consulted: [qm]}
    ... - {id: audit, title: Internal audits, accountable: [qm], responsible: [qm], informed: [ceo]}
    ... ''')
    >>> raci_frame(org)
    role           ceo   qm
    responsibility
    review           A    C
    audit            I  A/R
    """
    return _raci_to_frame(raci_matrix(org, roles=roles), titles=titles)


def to_frame(obj: object, /) -> Any:
    """The DataFrame that fits ``obj``.

    - an :class:`~iso9001_leadership.Assessment`: :func:`findings_frame`, its findings;
    - an :class:`~iso9001_leadership.Organization`: :func:`entities_frame`, every element;
    - a :class:`~iso9001_leadership.raci.RaciMatrix`: the matrix, as :func:`raci_frame` makes it;
    - gaps (a :class:`GapList`, any iterable of :class:`~iso9001_leadership.Gap`, or an empty
      one): :func:`gaps_frame`.

    Use :func:`requirements_frame` for an assessment's requirements.

    Raises
    ------
    TypeError
        For anything else.
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> to_frame(org).columns.tolist()
    ['id', 'kind', 'label', 'path']
    >>> to_frame(assess(org, as_of=dt.date(2026, 11, 24))).columns.tolist()[:4]
    ['requirement', 'clause', 'theme', 'status']
    >>> from iso9001_leadership.notebook import gaps
    >>> to_frame(gaps(org, as_of=None)).kind.iloc[0]
    'top_management_not_accountable'
    """
    if isinstance(obj, Assessment):
        return findings_frame(obj)
    if isinstance(obj, Organization):
        return entities_frame(obj)
    if isinstance(obj, RaciMatrix):
        return _raci_to_frame(obj, titles=False)
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes):
        items = tuple(obj)
        if all(isinstance(item, Gap) for item in items):
            return gaps_frame(items)
    msg = (
        f"to_frame() takes an Assessment, an Organization, a RaciMatrix or gaps, not {type(obj).__name__}; "
        "see also requirements_frame() and raci_frame()"
    )
    raise TypeError(msg)
