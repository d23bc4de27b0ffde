"""Analyse an organization in a notebook: DataFrames, the RACI matrix, a heat map, the accountability graph.

Everything here works on the objects the rest of the library returns (an
:class:`~iso9001_leadership.Organization`, an :class:`~iso9001_leadership.Assessment`, gaps) and
hands back plain pandas and matplotlib objects, so the usual tools (filtering, ``groupby``,
``to_excel``, ``savefig``) take it from there.

pandas and matplotlib are optional: install them with ``pip install "iso9001-leadership[notebook]"``.
They are imported only when a function needs them; without them, such a function raises
:class:`MissingExtraError` (an :class:`ImportError`) that says what to install. :func:`gaps`
and :class:`GapList` need neither.

- :func:`to_frame`: the DataFrame that fits what it is given, one of the four below.
- :func:`findings_frame`: one row per finding of an assessment (:data:`FINDING_COLUMNS`).
- :func:`requirements_frame`: one row per requirement of an assessment (:data:`REQUIREMENT_COLUMNS`).
- :func:`entities_frame`: one row per element of an organization (:data:`ENTITY_COLUMNS`).
- :func:`gaps_frame`: one row per gap (:data:`GAP_COLUMNS`).
- :func:`raci_frame`: the RACI matrix, responsibilities by roles.
- :func:`heatmap_frame` and :func:`findings_heatmap`: findings by seed theme and clause, as a
  frame and as a heat map.
- :func:`plot_accountability`: roles, responsibilities and processes as a graph, gaps in red.
- :func:`gaps`: the gaps of an organization as a :class:`GapList`, a tuple that Jupyter shows
  as a table.

In Jupyter, an ``Organization``, an ``Assessment`` and a :class:`GapList` show themselves as
compact HTML summaries.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import loads
>>> from iso9001_leadership.notebook import gaps
>>> org = loads('''
... name: Acme
... roles: [{id: ceo, title: CEO, top_management: true}]
... processes: [{id: make, name: Production}]
... ''')
>>> found = gaps(org, as_of=dt.date(2026, 11, 24), kinds=["process_without_owner"])
>>> found
GapList((Gap(kind=<GapKind.PROCESS_WITHOUT_OWNER: 'process_without_owner'>, subjects=('make',), ...),))
>>> found._repr_html_().startswith('<div class="iso9001-gaps"')
True
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from iso9001_leadership.assessment import Assessment, Finding, RequirementResult
from iso9001_leadership.catalog import Theme, clause_key
from iso9001_leadership.exceptions import Iso9001Error
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model import EntityKind, Organization
from iso9001_leadership.queries import DEFAULT_MAX_DIRECT_REPORTS, Gap, GapKind, find_gaps
from iso9001_leadership.raci import RaciMatrix, raci_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "ENTITY_COLUMNS",
    "FINDING_COLUMNS",
    "GAP_COLUMNS",
    "PLOT_KINDS",
    "PLOT_RELATIONS",
    "REQUIREMENT_COLUMNS",
    "GapList",
    "MissingExtraError",
    "entities_frame",
    "findings_frame",
    "findings_heatmap",
    "gaps",
    "gaps_frame",
    "heatmap_frame",
    "plot_accountability",
    "raci_frame",
    "requirements_frame",
    "to_frame",
]

_INSTALL = 'pip install "iso9001-leadership[notebook]"'


class MissingExtraError(Iso9001Error, ImportError):
    """Raised when a notebook helper needs pandas or matplotlib and it is not installed.

    The message says what to install; the missing package's name is kept as :attr:`package`.

    Examples
    --------
    >>> error = MissingExtraError("pandas", "to_frame()")
    >>> print(error)
    to_frame() needs pandas, which is not installed; install it with: pip install "iso9001-leadership[notebook]"
    >>> isinstance(error, ImportError), error.package
    (True, 'pandas')
    """

    package: str

    def __init__(self, package: str, needed_by: str) -> None:
        super().__init__(f"{needed_by} needs {package}, which is not installed; install it with: {_INSTALL}")
        self.package = package
        self.name = package


def _import(module: str, needed_by: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module.split(".", 1)[0], needed_by) from error


def _pandas(needed_by: str) -> Any:
    return _import("pandas", needed_by)


def _pyplot(needed_by: str) -> Any:
    return _import("matplotlib.pyplot", needed_by)


# -- gap lists ----------------------------------------------------------------------------------


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
        from iso9001_leadership._html import gaps_html

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


# -- frames -------------------------------------------------------------------------------------

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
    pd = _pandas(needed_by)
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
    pd = _pandas("raci_frame()")
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


# -- heat map -----------------------------------------------------------------------------------


def _heading(clause: str, level: int) -> str:
    """``"5.1.1 a"`` at level 1 is ``"5"``, at level 2 ``"5.1"``; a clause shorter than the level stays whole."""
    head = clause.split(" ", 1)[0]
    return ".".join(head.split(".")[:level])


def heatmap_frame(assessment: Assessment, *, level: int = 1, value: str = "count", min_severity: int = 0) -> Any:
    """Findings by seed theme (rows) and clause (columns), as the heat map shows them.

    Parameters
    ----------
    assessment
        The assessment.
    level
        How deep the clause columns go: 1 for top-level clauses (``4``, ``5``), 2 for
        sub-clauses (``5.1``, ``5.3``), 3 for ``5.1.1``. Every clause of the assessed
        requirements gets a column, in clause order, even without findings.
    value
        ``"count"``: how many findings; ``"severity"``: the worst finding's severity (0 for
        none, 5 for a major nonconformity; see :func:`iso9001_leadership.assessment.severity`).
    min_severity
        Only count findings at least this severe (4 keeps nonconformities alone).

    Returns
    -------
    pandas.DataFrame
        Integers; index named ``theme`` (seed themes in their order, those the assessment has),
        columns named ``clause``.

    Raises
    ------
    ValueError
        If ``level`` is below 1 or ``value`` is neither ``"count"`` nor ``"severity"``.
    MissingExtraError
        If pandas is not installed.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> frame = heatmap_frame(assess(org, as_of=dt.date(2026, 11, 24)), min_severity=4)
    >>> frame.columns.tolist()
    ['4', '5', '6', '7', '9']
    >>> int(frame.to_numpy().sum()) > 0
    True
    """
    if value not in ("count", "severity"):
        msg = f"value must be 'count' or 'severity', not {value!r}"
        raise ValueError(msg)
    if isinstance(level, bool) or not isinstance(level, int) or level < 1:
        msg = f"level must be a whole number of at least 1, not {level!r}"
        raise ValueError(msg)
    pd = _pandas("heatmap_frame()")
    themes = [t for t in Theme if any(r.requirement.theme is t for r in assessment.results)]
    columns = sorted({_heading(r.requirement.clause, level) for r in assessment.results}, key=clause_key)
    cells = {(t.value, c): 0 for t in themes for c in columns}
    for r in assessment.results:
        key = (r.requirement.theme.value, _heading(r.requirement.clause, level))
        for f in r.findings:
            if f.severity < min_severity:
                continue
            cells[key] = cells[key] + 1 if value == "count" else max(cells[key], f.severity)
    data = [[cells[(t.value, c)] for c in columns] for t in themes]
    index = pd.Index([t.value for t in themes], name="theme", dtype=object)
    return pd.DataFrame(data, index=index, columns=pd.Index(columns, name="clause", dtype=object), dtype="int64")


def findings_heatmap(
    assessment: Assessment,
    *,
    level: int = 1,
    value: str = "count",
    min_severity: int = 0,
    ax: Axes | None = None,
    cmap: str = "Reds",
) -> Axes:
    """A heat map of findings by seed theme (rows) and clause (columns), each cell annotated.

    Draws :func:`heatmap_frame` (see it for ``level``, ``value`` and ``min_severity``) as one
    image; cells with nothing found stay blank.

    Parameters
    ----------
    ax
        The matplotlib Axes to draw on; a new figure's by default.
    cmap
        The matplotlib colour map.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    MissingExtraError
        If pandas or matplotlib is not installed.

    Examples
    --------
    >>> import datetime as dt
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> ax = findings_heatmap(assess(org, as_of=dt.date(2026, 11, 24)))
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['4', '5', '6', '7', '9']
    >>> plt.close(ax.figure)
    """
    frame = heatmap_frame(assessment, level=level, value=value, min_severity=min_severity)
    plt = _pyplot("findings_heatmap()")
    rows, cols = frame.shape
    if ax is None:
        _, ax = plt.subplots(figsize=(max(5.0, 0.55 * cols + 3.2), max(2.5, 0.45 * rows + 1.6)), layout="constrained")
    values = frame.to_numpy()
    top = 5 if value == "severity" else max(1, int(values.max()) if values.size else 1)
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=top, aspect="auto")
    image.set_gid("heatmap")
    ax.set_xticks(range(cols), labels=[str(c) for c in frame.columns])
    ax.set_yticks(range(rows), labels=[str(t).replace("_", " ") for t in frame.index])
    ax.set_xlabel("clause")
    what = "findings" if value == "count" else "worst severity of findings"
    floor = f" (severity {min_severity} and above)" if min_severity > 0 else ""
    ax.set_title(f"{assessment.organization}\n{what} by theme and clause{floor}", fontsize="medium")
    for i in range(rows):
        for j in range(cols):
            number = int(values[i, j])
            if number:
                colour = "white" if number > top / 2 else "black"
                ax.text(j, i, str(number), ha="center", va="center", color=colour, fontsize="small", gid="cell")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


# -- the accountability graph -------------------------------------------------------------------

#: The kinds of element :func:`plot_accountability` draws by default, top row first.
PLOT_KINDS: tuple[NodeKind, ...] = (NodeKind.ROLE, NodeKind.RESPONSIBILITY, NodeKind.PROCESS)

#: The relations :func:`plot_accountability` draws by default.
PLOT_RELATIONS: tuple[Relation, ...] = (
    Relation.REPORTS_TO,
    Relation.OWNS,
    Relation.ACCOUNTABLE_FOR,
    Relation.PART_OF,
)

_NODE_STYLE: dict[NodeKind, tuple[str, str, int]] = {  # shape, colour, size
    NodeKind.ROLE: ("o", "#4c78a8", 110),
    NodeKind.RESPONSIBILITY: ("D", "#b07aa1", 55),
    NodeKind.PROCESS: ("s", "#59a14f", 110),
}
_OTHER_NODE = ("^", "#9d9d9d", 70)
_TOP_MANAGEMENT = "#1d3557"
_GAP_FACE = "#d62728"
_GAP_EDGE = "#6b0000"

_LineStyle = Literal["solid", "dashed", "dotted"]

_EDGE_STYLE: dict[Relation, tuple[str, _LineStyle, float]] = {  # colour, line style, width
    Relation.REPORTS_TO: ("#4d4d4d", "solid", 1.0),
    Relation.OWNS: ("#59a14f", "solid", 1.2),
    Relation.ACCOUNTABLE_FOR: ("#b07aa1", "dashed", 0.9),
    Relation.PART_OF: ("#b3b3b3", "dotted", 0.8),
}
_OTHER_EDGE: tuple[str, _LineStyle, float] = ("#9d9d9d", "solid", 0.7)


def _view(graph: OrgGraph, kinds: Sequence[NodeKind], relations: Sequence[Relation]) -> Any:
    """A simple directed graph of the chosen kinds and relations; of two relations between the same pair, the first listed wins."""
    import networkx as nx

    view: nx.DiGraph[str] = nx.DiGraph()
    wanted = set(kinds)
    view.add_nodes_from(n for n in graph.ids() if graph.kind_of(n) in wanted)
    rank = {relation: i for i, relation in enumerate(relations)}
    best: dict[tuple[str, str], Relation] = {}
    for u, v, relation in graph.nx.edges(keys=True):
        if relation in rank and u in view and v in view:
            current = best.get((u, v))
            if current is None or rank[relation] < rank[current]:
                best[(u, v)] = relation
    view.add_edges_from((u, v, {"relation": relation}) for (u, v), relation in best.items())
    return view


def _faults(gap_list: Sequence[Gap], view: Any) -> tuple[set[str], set[tuple[str, str]]]:
    """The drawn elements at fault, and the drawn edges whose two ends are at fault in the same gap."""
    nodes: set[str] = set()
    edges: set[tuple[str, str]] = set()
    for gap in gap_list:
        subjects = [s for s in gap.subjects if s in view]
        nodes.update(subjects)
        members = set(subjects)
        edges.update((u, v) for u in subjects for v in view.successors(u) if v in members)
    return nodes, edges


def _layers(org: Organization, view: Any, kinds: Sequence[NodeKind], graph: OrgGraph) -> dict[str, tuple[float, float]]:
    """Roles as a reporting tree (top management at the top), then one row per other kind.

    Each row beneath the tree orders its elements by the mean position of their neighbours
    already placed, so lines stay short; ties and unconnected elements follow file order.
    """
    roles = [r for r in org.roles if r.id in view] if NodeKind.ROLE in kinds else []
    role_ids = {r.id for r in roles}
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for role in roles:
        if role.reports_to in role_ids and role.reports_to is not None:
            children.setdefault(role.reports_to, []).append(role.id)
        else:
            roots.append(role.id)
    top = {r.id for r in roles if r.top_management}
    roots.sort(key=lambda i: i not in top)
    x: dict[str, float] = {}
    depth: dict[str, int] = {}
    leaves = 0
    stack: list[tuple[str, int, bool]] = [(root, 0, False) for root in reversed(roots)]
    while stack:
        node, level, done = stack.pop()
        kids = children.get(node, [])
        if done:
            x[node] = (x[kids[0]] + x[kids[-1]]) / 2
        elif kids:
            depth[node] = level
            stack.append((node, level, True))
            stack.extend((kid, level + 1, False) for kid in reversed(kids))
        else:
            depth[node] = level
            x[node] = float(leaves)
            leaves += 1
    rows = [[n for n in graph.ids(kind) if n in view] for kind in kinds if kind is not NodeKind.ROLE]
    width = float(max([leaves - 1, 1, *(len(row) - 1 for row in rows)]))
    scale = width / (leaves - 1) if leaves > 1 else 1.0
    pos = {n: (x[n] * scale if leaves > 1 else width / 2, -float(depth[n])) for n in x}
    y = -float(max(depth.values(), default=-1)) - 2.0
    for row in rows:
        if not row:
            continue

        def key(node: str) -> tuple[bool, float, int]:
            placed = [pos[m][0] for m in (*view.predecessors(node), *view.successors(node)) if m in pos]
            return (not placed, sum(placed) / len(placed) if placed else 0.0, graph.position(node))

        ordered = sorted(row, key=key)
        step = width / (len(ordered) - 1) if len(ordered) > 1 else 0.0
        for i, node in enumerate(ordered):
            pos[node] = (i * step if len(ordered) > 1 else width / 2, y)
        y -= 2.5
    return pos


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def plot_accountability(
    org: Organization,
    *,
    as_of: dt.date | None = None,
    ax: Axes | None = None,
    highlight_gaps: bool = True,
    kinds: Iterable[NodeKind | str] = PLOT_KINDS,
    relations: Iterable[Relation | str] = PLOT_RELATIONS,
    layout: str = "layers",
    labels: bool = True,
    seed: int = 7,
) -> Axes:
    """Draw the accountability graph: who reports to whom, who owns which process, who answers for what.

    Roles are circles (top management darker), responsibilities diamonds, processes squares.
    With ``highlight_gaps``, every drawn element named in a gap (:func:`gaps`) is filled red,
    and so is every drawn edge between two elements of the same gap (the two accountable roles
    of one responsibility, an auditor and the process it owns).

    Parameters
    ----------
    org
        The organization.
    as_of
        The date the gaps are judged on (``None`` skips the date comparisons).
    ax
        The matplotlib Axes to draw on; a new figure's by default.
    highlight_gaps
        Show the elements at fault in red.
    kinds
        The kinds of element to draw (default :data:`PLOT_KINDS`); in the ``layers`` layout,
        the order of the rows below the reporting tree.
    relations
        The relations to draw as edges (default :data:`PLOT_RELATIONS`). Between two elements
        linked by several, the first in this order is drawn.
    layout
        ``"layers"`` (default): roles as their reporting tree, top management at the top, then
        a row for each other kind. ``"spring"``: a force-directed layout, seeded by ``seed``.
        Both are deterministic.
    labels
        Write each element's title or name (shortened) beside it.
    seed
        The seed of the ``spring`` layout.

    Returns
    -------
    matplotlib.axes.Axes
        Node groups are ``PathCollection`` objects with gid ``nodes:<kind>`` or
        ``nodes:<kind>:gap``; edges are arrows with gid ``edge:<relation>`` or
        ``edge:<relation>:gap``.

    Raises
    ------
    ValueError
        For an unknown kind, relation or layout.
    MissingExtraError
        If matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from iso9001_leadership import loads
    >>> org = loads('''
    ... name: Acme
    ... roles:
    ... - {id: ceo, title: CEO, top_management: true}
    ... - {id: qm, title: Quality Manager, reports_to: ceo}
    ... processes: [{id: make, name: Production, owner: qm}, {id: ship, name: Shipping}]
    ... ''')
    >>> ax = plot_accountability(org, highlight_gaps=False)
    >>> [(c.get_gid(), len(c.get_offsets())) for c in ax.collections]
    [('nodes:role', 2), ('nodes:process', 2)]
    >>> [arrow.get_gid() for arrow in ax.patches]
    ['edge:reports_to', 'edge:owns']
    >>> plt.close(ax.figure)
    """
    chosen_kinds = tuple(dict.fromkeys(NodeKind(k) for k in kinds))
    chosen_relations = tuple(dict.fromkeys(Relation(r) for r in relations))
    if layout not in ("layers", "spring"):
        msg = f"layout must be 'layers' or 'spring', not {layout!r}"
        raise ValueError(msg)
    plt = _pyplot("plot_accountability()")
    import networkx as nx
    from matplotlib.lines import Line2D

    graph = OrgGraph.from_organization(org)
    view = _view(graph, chosen_kinds, chosen_relations)
    gap_list = gaps(graph, as_of=as_of) if highlight_gaps else GapList()
    bad_nodes, bad_edges = _faults(gap_list, view)
    if layout == "layers":
        pos = _layers(org, view, chosen_kinds, graph)
        rows = len({p[1] for p in pos.values()})
        span = max((p[0] for p in pos.values()), default=1.0)
        size = (min(26.0, max(9.0, 0.3 * span + 3.0)), min(20.0, max(5.0, 1.5 * rows + 2.0)))
    else:
        pos = {n: (float(p[0]), float(p[1])) for n, p in nx.spring_layout(view, seed=seed).items()}
        size = (10.0, 8.0)
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")

    nodes = list(view.nodes)
    top = {r.id for r in org.top_management}
    styles = {n: _NODE_STYLE.get(graph.kind_of(n), _OTHER_NODE) for n in nodes}
    sizes = [styles[n][2] for n in nodes]
    for relation in chosen_relations:
        colour, style, width = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        edges = [(u, v) for u, v, r in view.edges(data="relation") if r is relation]
        for fault in (False, True):
            edge_group = [e for e in edges if (e in bad_edges) is fault]
            if not edge_group:
                continue
            arrows = nx.draw_networkx_edges(
                view,
                pos,
                edgelist=edge_group,
                edge_color=_GAP_FACE if fault else colour,
                style=style,
                width=2.0 if fault else width,
                arrows=True,
                arrowsize=7,
                node_size=sizes,
                nodelist=nodes,
                ax=ax,
            )
            gid = f"edge:{relation.value}" + (":gap" if fault else "")
            for arrow in arrows:
                arrow.set_gid(gid)
    for kind in chosen_kinds:
        shape, colour, node_size = _NODE_STYLE.get(kind, _OTHER_NODE)
        members = [n for n in nodes if graph.kind_of(n) is kind]
        for fault in (False, True):
            group = [n for n in members if (n in bad_nodes) is fault]
            if not group:
                continue
            drawn = nx.draw_networkx_nodes(
                view,
                pos,
                nodelist=group,
                node_shape=shape,
                node_size=node_size * (1.6 if fault else 1.0),
                node_color=[_GAP_FACE if fault else (_TOP_MANAGEMENT if n in top else colour) for n in group],
                edgecolors=_GAP_EDGE if fault else "white",
                linewidths=1.5 if fault else 0.5,
                ax=ax,
            )
            drawn.set_gid(f"nodes:{kind.value}" + (":gap" if fault else ""))
            drawn.set_zorder(3)
    if labels:
        rotation = 35 if layout == "layers" else 0
        for n in nodes:
            x, y = pos[n]
            ax.text(
                x,
                y - 0.18,
                _short(graph.label_of(n)),
                fontsize=6,
                rotation=rotation,
                rotation_mode="anchor",
                ha="right" if rotation else "center",
                va="top",
                color=_GAP_FACE if n in bad_nodes else "#222222",
                gid="label",
                zorder=4,
            )

    handles = []
    for kind in chosen_kinds:
        shape, colour, _ = _NODE_STYLE.get(kind, _OTHER_NODE)
        handles.append(Line2D([], [], marker=shape, linestyle="none", color=colour, label=kind.value.replace("_", " ")))
    if NodeKind.ROLE in chosen_kinds:
        handles.append(Line2D([], [], marker="o", linestyle="none", color=_TOP_MANAGEMENT, label="top management"))
    if highlight_gaps:
        handles.append(Line2D([], [], marker="o", linestyle="none", color=_GAP_FACE, label="at fault (gap)"))
    for relation in chosen_relations:
        colour, style, width = _EDGE_STYLE.get(relation, _OTHER_EDGE)
        handles.append(
            Line2D([], [], color=colour, linestyle=style, linewidth=width, label=relation.value.replace("_", " "))
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="x-small", frameon=False)
    title = f"{org.name}: accountability"
    if highlight_gaps:
        title += f" ({len(bad_nodes)} of {len(nodes)} drawn elements at fault, {len(gap_list)} gaps)"
    ax.set_title(title, fontsize="medium")
    ax.set_axis_off()
    ax.margins(0.04, 0.12)
    return ax
