"""Notebook helpers: DataFrames, the RACI frame, the heat map, the accountability plot, HTML reprs, the example notebook."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iso9001_leadership as iso
from iso9001_leadership import EntityKind, Organization, Process, Role, Status
from iso9001_leadership._htmlkit import MAX_ROWS
from iso9001_leadership.assessment._html import assessment_html
from iso9001_leadership.graph import NodeKind, OrgGraph, Relation
from iso9001_leadership.model._html import organization_html
from iso9001_leadership.notebook import (
    ENTITY_COLUMNS,
    FINDING_COLUMNS,
    GAP_COLUMNS,
    PLOT_KINDS,
    PLOT_RELATIONS,
    REQUIREMENT_COLUMNS,
    GapList,
    MissingExtraError,
    entities_frame,
    findings_frame,
    findings_heatmap,
    gaps,
    gaps_frame,
    heatmap_frame,
    plot_accountability,
    raci_frame,
    requirements_frame,
    to_frame,
)
from iso9001_leadership.notebook._html import gaps_html
from iso9001_leadership.queries import Gap, GapKind, find_gaps
from iso9001_leadership.raci import raci_matrix
from iso9001_leadership.strategies import organizations

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
NOTEBOOKS = ROOT / "examples" / "notebooks"
AS_OF = dt.date(2026, 11, 24)

# -- fixtures and helpers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def org() -> Organization:
    """The bundled example organization."""
    return iso.load(EXAMPLE)


@pytest.fixture(scope="module")
def assessment(org: Organization) -> iso.Assessment:
    """The example assessed on the day of its snapshot."""
    return iso.assess(org, as_of=AS_OF)


@pytest.fixture
def pd() -> Any:
    """pandas, or a skip when the notebook extra is not installed."""
    return pytest.importorskip("pandas")


@pytest.fixture
def plt() -> Iterator[Any]:
    """matplotlib.pyplot on the Agg backend; every figure is closed afterwards."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"})


class _Checker(HTMLParser):
    """Collects the tags of an HTML fragment and the problems with their nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Checker:
    """Parse an HTML fragment and assert it is well formed and self-contained."""
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    assert not {"script", "style", "link", "img", "iframe", "object"} & set(checker.tags)
    assert checker.tags[0] == "div"
    return checker


def _text(page: str) -> str:
    return " ".join("".join(_parse(page).text).split())


def _nasty_org() -> Organization:
    return Organization(
        name="<script>alert('org')</script> & Sons",
        scope='Pumps "quoted" <b>bold</b>',
        roles=(Role(id="ceo", title="<script>alert(1)</script>", top_management=True),),
        processes=(Process(id="make", name="Make <things> & more", owner="ceo"), Process(id="ship", name="Ship")),
    )


# -- missing extras -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "package"),
    [
        (lambda o, a: findings_frame(a), "pandas"),
        (lambda o, a: requirements_frame(a), "pandas"),
        (lambda o, a: entities_frame(o), "pandas"),
        (lambda o, a: gaps_frame([]), "pandas"),
        (lambda o, a: raci_frame(o), "pandas"),
        (lambda o, a: to_frame(a), "pandas"),
        (lambda o, a: heatmap_frame(a), "pandas"),
        (lambda o, a: plot_accountability(o), "matplotlib"),
    ],
)
def test_missing_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
    org: Organization,
    assessment: iso.Assessment,
    call: Callable[[Organization, iso.Assessment], object],
    package: str,
) -> None:
    """Without pandas or matplotlib a helper raises MissingExtraError, an ImportError naming the extra."""
    monkeypatch.setitem(sys.modules, "pandas" if package == "pandas" else "matplotlib.pyplot", None)
    with pytest.raises(
        MissingExtraError, match=rf'pip install {package} \(or the package\'s "notebook" extra\)'
    ) as info:
        call(org, assessment)
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, iso.Iso9001Error)
    assert info.value.package == package


def test_gap_lists_need_no_extra(monkeypatch: pytest.MonkeyPatch, org: Organization) -> None:
    """gaps() and a GapList's HTML work without pandas and matplotlib."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    found = gaps(org, as_of=AS_OF)
    assert "process_without_owner" in found._repr_html_()


# -- gap lists ----------------------------------------------------------------------------------


def test_gaps_are_find_gaps_as_a_gap_list(org: Organization) -> None:
    """gaps() returns exactly find_gaps' tuple, as a GapList, from an organization or its graph."""
    graph = OrgGraph.from_organization(org)
    expected = find_gaps(graph, as_of=AS_OF)
    found = gaps(org, as_of=AS_OF)
    assert isinstance(found, GapList)
    assert isinstance(found, tuple)
    assert found == expected
    assert gaps(graph, as_of=AS_OF) == expected
    assert gaps(org, as_of=AS_OF, kinds=["self_audit"]) == tuple(g for g in expected if g.kind is GapKind.SELF_AUDIT)


def test_gap_list_repr_names_the_class(org: Organization) -> None:
    """A GapList's repr is GapList(<the tuple>), and an empty one says so."""
    found = gaps(org, as_of=AS_OF)
    assert repr(found) == f"GapList({tuple(found)!r})"
    assert repr(GapList()) == "GapList(())"


# -- frames -------------------------------------------------------------------------------------


def test_findings_frame_has_one_row_per_finding(pd: Any, assessment: iso.Assessment) -> None:
    """findings_frame: the documented columns, one row per finding in order, with their values."""
    frame = findings_frame(assessment)
    assert tuple(frame.columns) == FINDING_COLUMNS
    assert len(frame) == len(assessment.findings)
    for row, finding in zip(frame.itertuples(index=False), assessment.findings, strict=True):
        assert (row.requirement, row.clause, row.status, row.rule) == (
            finding.requirement,
            finding.clause,
            finding.status.value,
            finding.rule,
        )
        assert row.subjects == finding.subjects
        assert row.paths == tuple(assessment.element_paths[s] for s in finding.subjects)
        assert row.severity == finding.severity
        assert row.theme == assessment.result(finding.requirement).requirement.theme.value
        assert (row.grade if isinstance(row.grade, str) else None) == (finding.grade and finding.grade.value)


def test_findings_frame_of_a_clean_assessment_is_empty_with_columns(pd: Any, assessment: iso.Assessment) -> None:
    """An assessment without findings gives an empty frame that still has every column."""
    clean = iso.Assessment("Acme", "2015", "t", AS_OF, results=())
    frame = findings_frame(clean)
    assert tuple(frame.columns) == FINDING_COLUMNS
    assert len(frame) == 0


def test_requirements_frame_counts_match_the_summary(pd: Any, assessment: iso.Assessment) -> None:
    """requirements_frame: one row per requirement; status counts and findings counts match the assessment."""
    frame = requirements_frame(assessment)
    assert tuple(frame.columns) == REQUIREMENT_COLUMNS
    assert frame.requirement.tolist() == [r.requirement.id for r in assessment.results]
    counts = frame.status.value_counts().to_dict()
    assert {k: v for k, v in assessment.summary().counts.items() if v} == counts
    assert int(frame.findings.sum()) == len(assessment.findings)
    assert frame.severity.tolist() == [r.severity for r in assessment.results]


def test_entities_frame_lists_every_element(pd: Any, org: Organization) -> None:
    """entities_frame: every element in file order with its kind, label and path."""
    frame = entities_frame(org)
    assert tuple(frame.columns) == ENTITY_COLUMNS
    assert frame.id.tolist() == org.ids()
    assert frame.kind.tolist() == [org.kind_of(i).value for i in org.ids()]
    assert frame.path.tolist() == [org.path_of(i) for i in org.ids()]
    row = frame.set_index("id").loc["proc-calibration"]
    assert row.kind == "process"
    assert row.label == org.get("proc-calibration", Process).name


@pytest.mark.parametrize("kind", list(EntityKind))
def test_entities_frame_filters_by_kind(pd: Any, org: Organization, kind: EntityKind) -> None:
    """entities_frame(org, kind) keeps the elements of that kind, given as enum or value."""
    assert entities_frame(org, kind).id.tolist() == org.ids(kind)
    assert entities_frame(org, kind.value).id.tolist() == org.ids(kind)


def test_entities_frame_refuses_an_unknown_kind(pd: Any, org: Organization) -> None:
    """An unknown kind is a ValueError."""
    with pytest.raises(ValueError, match="roles"):
        entities_frame(org, "roles")


def test_gaps_frame_has_one_row_per_gap(pd: Any, org: Organization) -> None:
    """gaps_frame: the documented columns, one row per gap in order."""
    found = gaps(org, as_of=AS_OF)
    frame = gaps_frame(found)
    assert tuple(frame.columns) == GAP_COLUMNS
    assert [tuple(row) for row in frame.itertuples(index=False)] == [
        (g.kind.value, g.clauses, g.subjects, g.reason, g.fix) for g in found
    ]


def test_raci_frame_equals_the_matrix_cells(pd: Any, org: Organization) -> None:
    """raci_frame: rows are responsibilities, columns roles, and every cell is the matrix's letters."""
    matrix = raci_matrix(org)
    frame = raci_frame(org)
    assert frame.index.name == "responsibility"
    assert frame.columns.name == "role"
    assert frame.index.tolist() == list(matrix.responsibilities)
    assert frame.columns.tolist() == list(matrix.roles)
    cells = {(resp, role): frame.loc[resp, role] for resp in matrix.responsibilities for role in matrix.roles}
    assert {k: v for k, v in cells.items() if v} == dict(matrix.cells)
    assert set(cells.values()) - set(matrix.cells.values()) == {""}


def test_raci_frame_with_titles_and_chosen_roles(pd: Any, org: Organization) -> None:
    """titles=True labels rows and columns by title; roles= picks and orders the columns."""
    matrix = raci_matrix(org, roles=["quality-manager", "ceo"])
    frame = raci_frame(org, roles=["quality-manager", "ceo"], titles=True)
    assert frame.columns.tolist() == [matrix.labels["quality-manager"], matrix.labels["ceo"]]
    assert frame.index.tolist() == [matrix.labels[r] for r in matrix.responsibilities]
    assert frame.to_numpy().tolist() == [row[1:] for row in matrix.rows()[1:]]


def test_raci_frame_refuses_an_unknown_role(pd: Any, org: Organization) -> None:
    """A column that is not a role is an UnknownIdError."""
    with pytest.raises(iso.UnknownIdError):
        raci_frame(org, roles=["proc-calibration"])


def test_to_frame_picks_the_frame_that_fits(pd: Any, org: Organization, assessment: iso.Assessment) -> None:
    """to_frame dispatches on what it is given: assessment, organization, RACI matrix, gaps."""
    found = gaps(org, as_of=AS_OF)
    assert to_frame(assessment).equals(findings_frame(assessment))
    assert to_frame(org).equals(entities_frame(org))
    assert to_frame(raci_matrix(org)).equals(raci_frame(org))
    assert to_frame(found).equals(gaps_frame(found))
    assert to_frame(list(found)).equals(gaps_frame(found))
    assert tuple(to_frame(()).columns) == GAP_COLUMNS


@pytest.mark.parametrize("value", [42, "gaps", [1, 2], None, iso.Status.CONFORMS])
def test_to_frame_refuses_anything_else(pd: Any, value: object) -> None:
    """Anything but an assessment, organization, RACI matrix or gaps is a TypeError."""
    with pytest.raises(TypeError, match="to_frame"):
        to_frame(value)


@settings(max_examples=25)
@given(organizations())
def test_frames_of_any_organization_have_a_row_per_element(org: Organization) -> None:
    """For any valid organization, entities_frame has a row per element and raci_frame the matrix's shape."""
    pytest.importorskip("pandas")
    frame = entities_frame(org)
    assert frame.id.tolist() == org.ids()
    matrix = raci_matrix(org)
    assert raci_frame(org).shape == (len(matrix.responsibilities), len(matrix.roles))


# -- heat map -----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [1, 2, 3])
def test_heatmap_frame_counts_every_finding_once(pd: Any, assessment: iso.Assessment, level: int) -> None:
    """Each cell counts the findings of its theme under its clause heading; columns come in clause order."""
    frame = heatmap_frame(assessment, level=level)
    assert frame.index.name == "theme"
    assert frame.columns.name == "clause"
    assert frame.index.tolist() == [s.group for s in assessment.by_theme()]
    expected: dict[tuple[str, str], int] = {}
    for r in assessment.results:
        heading = ".".join(r.requirement.clause.split(" ")[0].split(".")[:level])
        key = (r.requirement.theme.value, heading)
        expected[key] = expected.get(key, 0) + len(r.findings)
    assert sorted(frame.columns, key=iso.catalog.clause_key) == frame.columns.tolist()
    assert {heading for _, heading in expected} == set(frame.columns)
    assert {(t, c): int(frame.loc[t, c]) for t in frame.index for c in frame.columns} == {
        (t, c): expected.get((t, c), 0) for t in frame.index for c in frame.columns
    }
    assert int(frame.to_numpy().sum()) == len(assessment.findings)


def test_heatmap_frame_severity_is_the_worst_per_cell(pd: Any, assessment: iso.Assessment) -> None:
    """value='severity' gives each theme's worst finding severity; min_severity drops milder findings."""
    frame = heatmap_frame(assessment, value="severity")
    for theme in frame.index:
        worst = max(
            (f.severity for r in assessment.results for f in r.findings if r.requirement.theme.value == theme),
            default=0,
        )
        assert int(frame.loc[theme].max()) == worst
    severe = heatmap_frame(assessment, min_severity=4)
    assert int(severe.to_numpy().sum()) == len(assessment.at_or_above(4))


@pytest.mark.parametrize(("kwargs", "message"), [({"value": "mean"}, "value"), ({"level": 0}, "level")])
def test_heatmap_frame_refuses_bad_options(
    pd: Any, assessment: iso.Assessment, kwargs: dict[str, Any], message: str
) -> None:
    """An unknown value or a level below 1 is a ValueError naming the option."""
    with pytest.raises(ValueError, match=message):
        heatmap_frame(assessment, **kwargs)


def test_findings_heatmap_draws_the_frame(pd: Any, plt: Any, assessment: iso.Assessment) -> None:
    """The heat map is one image of the frame's values, a number in every non-empty cell, on the given Axes."""
    _, given_ax = plt.subplots()
    ax = findings_heatmap(assessment, level=2, ax=given_ax)
    frame = heatmap_frame(assessment, level=2)
    assert ax is given_ax
    assert len(ax.images) == 1
    assert ax.images[0].get_array().tolist() == frame.to_numpy().tolist()
    cells = [t for t in ax.texts if t.get_gid() == "cell"]
    assert len(cells) == int((frame.to_numpy() > 0).sum())
    assert sorted(int(t.get_text()) for t in cells) == sorted(int(v) for v in frame.to_numpy().ravel() if v)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in frame.columns]


def test_findings_heatmap_makes_a_figure_when_given_no_axes(pd: Any, plt: Any, assessment: iso.Assessment) -> None:
    """Without ax, the heat map draws on a new figure's Axes and titles it with the organization."""
    ax = findings_heatmap(assessment, value="severity")
    assert ax.figure is not None
    assert assessment.organization in ax.get_title()
    assert ax.images[0].get_clim() == (0, 5)


# -- accountability plot ------------------------------------------------------------------------


def _nodes(ax: Any) -> dict[str, int]:
    return {c.get_gid(): len(c.get_offsets()) for c in ax.collections if str(c.get_gid()).startswith("nodes:")}


def _drawn(org: Organization) -> set[str]:
    return {i for kind in PLOT_KINDS for i in org.ids(kind)}


def test_plot_draws_every_role_process_and_responsibility(plt: Any, org: Organization) -> None:
    """One marker per role, responsibility and process; the elements named in gaps are the red ones."""
    ax = plot_accountability(org, as_of=AS_OF)
    nodes = _nodes(ax)
    assert sum(nodes.values()) == len(_drawn(org))
    for kind in PLOT_KINDS:
        assert nodes.get(f"nodes:{kind.value}", 0) + nodes.get(f"nodes:{kind.value}:gap", 0) == len(org.ids(kind))
    at_fault = {s for g in gaps(org, as_of=AS_OF) for s in g.subjects} & _drawn(org)
    assert sum(n for gid, n in nodes.items() if gid.endswith(":gap")) == len(at_fault)
    assert nodes["nodes:process:gap"] == len(at_fault & set(org.ids(EntityKind.PROCESS)))


def test_plot_draws_one_arrow_per_related_pair(plt: Any, org: Organization) -> None:
    """Every reports_to, owns, accountable_for and part_of link between drawn elements is one arrow."""
    ax = plot_accountability(org, as_of=AS_OF)
    graph = OrgGraph.from_organization(org)
    drawn = _drawn(org)
    pairs = {(u, v) for u, v, r in graph.nx.edges(keys=True) if r in PLOT_RELATIONS and u in drawn and v in drawn}
    arrows = [p for p in ax.patches if str(p.get_gid()).startswith("edge:")]
    assert len(arrows) == len(pairs)
    reports = sum(1 for r in org.roles if r.reports_to is not None)
    assert sum(1 for a in arrows if a.get_gid().startswith("edge:reports_to")) == reports
    red = {a.get_gid() for a in arrows if a.get_gid().endswith(":gap")}
    # Planted gap 3 names both the service manager and the lead technician who reports to them.
    assert red == {"edge:accountable_for:gap", "edge:owns:gap", "edge:reports_to:gap"}


def test_plot_without_gaps_has_no_red(plt: Any, org: Organization) -> None:
    """highlight_gaps=False draws nothing as at fault."""
    ax = plot_accountability(org, highlight_gaps=False)
    gids = [c.get_gid() for c in ax.collections] + [p.get_gid() for p in ax.patches]
    assert not [g for g in gids if str(g).endswith(":gap")]
    assert sum(_nodes(ax).values()) == len(_drawn(org))


@pytest.mark.parametrize("layout", ["layers", "spring"])
def test_plot_layout_is_deterministic(plt: Any, org: Organization, layout: str) -> None:
    """Two plots of the same organization put every marker at the same place."""
    first = plot_accountability(org, as_of=AS_OF, layout=layout)
    second = plot_accountability(org, as_of=AS_OF, layout=layout)
    assert [c.get_offsets().tolist() for c in first.collections] == [
        c.get_offsets().tolist() for c in second.collections
    ]


def test_plot_layers_put_top_management_on_top(plt: Any, org: Organization) -> None:
    """In the layered layout the top-management roots sit highest, responsibilities and processes below every role."""
    ax = plot_accountability(org, labels=False, highlight_gaps=False)
    heights = {c.get_gid(): [y for _, y in c.get_offsets().tolist()] for c in ax.collections}
    role_y = heights["nodes:role"]
    assert max(role_y) == 0.0
    assert max(heights["nodes:responsibility"]) < min(role_y)
    assert max(heights["nodes:process"]) < min(heights["nodes:responsibility"])
    assert not [t for t in ax.texts if t.get_gid() == "label"]


def test_plot_kinds_and_relations_choose_what_is_drawn(plt: Any, org: Organization) -> None:
    """kinds= and relations= limit the drawing; names are accepted as values."""
    _, given_ax = plt.subplots()
    ax = plot_accountability(org, kinds=["role"], relations=[Relation.REPORTS_TO], ax=given_ax, highlight_gaps=False)
    assert ax is given_ax
    assert _nodes(ax) == {"nodes:role": len(org.roles)}
    assert {p.get_gid() for p in ax.patches} == {"edge:reports_to"}


@pytest.mark.parametrize(
    ("kwargs", "exception"),
    [({"layout": "circle"}, ValueError), ({"kinds": ["roles"]}, ValueError), ({"relations": ["manages"]}, ValueError)],
)
def test_plot_refuses_unknown_options(
    plt: Any, org: Organization, kwargs: dict[str, Any], exception: type[Exception]
) -> None:
    """An unknown layout, kind or relation is a ValueError."""
    with pytest.raises(exception):
        plot_accountability(org, **kwargs)


def test_plot_defaults_cover_the_accountability_relations() -> None:
    """The default drawing shows roles, responsibilities, processes and the reports/owns/accountable links."""
    assert {NodeKind.ROLE, NodeKind.PROCESS, NodeKind.RESPONSIBILITY} <= set(PLOT_KINDS)
    assert {Relation.REPORTS_TO, Relation.OWNS, Relation.ACCOUNTABLE_FOR} <= set(PLOT_RELATIONS)


# -- HTML ---------------------------------------------------------------------------------------


def test_organization_html_states_the_key_facts(org: Organization) -> None:
    """The organization's HTML names it, counts its elements, lists top management and every process owner."""
    text = _text(organization_html(org))
    assert org.name in text
    assert f"{len(org.roles)} roles" in text
    assert f"{len(org.processes)} processes" in text
    for role in org.top_management:
        assert role.title in text
    assert "no owner" in text  # proc-calibration, planted gap
    assert text.count("no owner") == sum(1 for p in org.processes if p.owner is None)


def test_assessment_html_states_the_key_facts(assessment: iso.Assessment) -> None:
    """The assessment's HTML shows the score, edition, date, every non-evidence finding's reason and the evidence count."""
    text = _text(assessment_html(assessment))
    assert f"{assessment.score:.1f}" in text
    assert assessment.edition_title in text
    assert AS_OF.isoformat() in text
    for finding in assessment.findings:
        if finding.status is not Status.NEEDS_EVIDENCE:
            assert " ".join(finding.reason.split()) in text
    needing = sum(1 for f in assessment.findings if f.status is Status.NEEDS_EVIDENCE)
    assert f"{needing} requirements need evidence" in text


def test_gaps_html_lists_every_gap(org: Organization) -> None:
    """The gap table has one row per gap with its reason, and says so when there are none."""
    found = gaps(org, as_of=AS_OF)
    page = found._repr_html_()
    assert page == gaps_html(found)
    text = _text(page)
    assert f"{len(found)} gaps" in text
    for gap in found:
        assert gap.reason in text
    assert _text(gaps_html([])) == "No gaps found"


def test_html_escapes_text_from_the_organization() -> None:
    """Names and titles with markup are escaped: the text shows, no element is injected."""
    nasty = _nasty_org()
    for page in (organization_html(nasty), assessment_html(iso.assess(nasty, as_of=AS_OF))):
        assert "<script" not in page
        assert "<b>bold" not in page
        assert "&lt;script&gt;" in page
        assert nasty.name in _text(page)
    assert "<script>alert(1)</script>" in _text(organization_html(nasty))
    gap = Gap(GapKind.NO_POLICY, (), ("5.2.1",), "<script>x</script>", "a & b")
    page = gaps_html([gap])
    assert "<script" not in page
    assert "<script>x</script>" in _text(page)


def test_html_tables_are_capped() -> None:
    """A table longer than MAX_ROWS shows MAX_ROWS rows and says how many more there are."""
    many = [Gap(GapKind.NO_POLICY, (), ("5.2.1",), f"gap {i}", "fix") for i in range(MAX_ROWS + 7)]
    page = gaps_html(many)
    assert page.count("<tr>") == MAX_ROWS + 1  # header row
    assert "and 7 more" in _text(page)


def test_html_is_deterministic(org: Organization, assessment: iso.Assessment) -> None:
    """The same object renders to byte-identical HTML."""
    assert organization_html(org) == organization_html(iso.load(EXAMPLE))
    assert assessment_html(assessment) == assessment_html(iso.assess(iso.load(EXAMPLE), as_of=AS_OF))


@settings(max_examples=25)
@given(organizations(), st.booleans())
def test_html_of_any_organization_is_well_formed(org: Organization, assessed: bool) -> None:
    """For any valid organization, its HTML (or its assessment's) is well formed and injects no markup."""
    # The strategy's exclusions may name clauses the catalog lacks, which assess() refuses: drop them.
    page = assessment_html(iso.assess(org.evolve(exclusions=()), as_of=AS_OF)) if assessed else organization_html(org)
    checker = _parse(page)
    assert set(checker.tags) <= {
        "div",
        "p",
        "b",
        "code",
        "span",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "details",
        "summary",
    }
    assert org.name.strip() == "" or " ".join(org.name.split()) in " ".join("".join(checker.text).split())


def test_model_reprs_use_the_html_renderers(org: Organization, assessment: iso.Assessment) -> None:
    """Organization and Assessment show themselves in Jupyter with the renderers of _html."""
    assert org._repr_html_() == organization_html(org)
    assert assessment._repr_html_() == assessment_html(assessment)


# -- the example notebooks ----------------------------------------------------------------------


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_is_an_example_notebook() -> None:
    """examples/notebooks holds the notebook that assesses the example."""
    assert NOTEBOOKS / "assess-the-example.ipynb" in _notebooks()


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    """Committed notebooks carry no outputs or execution counts, so they stay small and diff well."""
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.slow
@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_notebooks_run_end_to_end(path: Path) -> None:
    """Every example notebook executes from top to bottom without an error, and draws its plots."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    if path.name == "assess-the-example.ipynb":
        assert len(images) == 3  # two heat maps and the accountability graph


# -- the how-to -------------------------------------------------------------------------------

HOW_TO = ROOT / "docs" / "how-to" / "notebooks.md"


def _how_to_code() -> str:
    """Every Python block of the how-to, doctest blocks turned back into code, in order."""
    text = HOW_TO.read_text(encoding="utf-8")
    code = []
    for block in re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL):
        if ">>>" in block:
            lines = [line[4:] for line in block.splitlines() if line.startswith((">>> ", "... "))]
            code.append("\n".join(lines))
        else:
            code.append(block)
    return "\n".join(code)


def test_how_to_code_runs(pd: Any, plt: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain code blocks of docs/how-to/notebooks.md (pandas and matplotlib ones) run without error."""
    code = _how_to_code().replace('"examples/', f'"{ROOT.as_posix()}/examples/')
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(code, str(HOW_TO), "exec"), namespace)
    assert list(namespace["several"].index) == ["resp-supplier-evaluation"]
    assert (tmp_path / "findings.png").is_file()
    assert (tmp_path / "raci.csv").is_file()
