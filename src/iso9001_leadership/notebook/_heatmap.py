"""The heat map: findings by seed theme and clause, as a frame and as a picture.

pandas and matplotlib are imported only when called (see :mod:`._extras`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iso9001_leadership.assessment import Assessment
from iso9001_leadership.catalog import Theme
from iso9001_leadership.clauses import clause_key, clause_number

from ._extras import need_pandas, need_pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["findings_heatmap", "heatmap_frame"]


def _heading(clause: str, level: int) -> str:
    """``"5.1.1 a"`` at level 1 is ``"5"``, at level 2 ``"5.1"``; a clause shorter than the level stays whole."""
    return ".".join(clause_number(clause).split(".")[:level])


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
    pd = need_pandas("heatmap_frame()")
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
    plt = need_pyplot("findings_heatmap()")
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
