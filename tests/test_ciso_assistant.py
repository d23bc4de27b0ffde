"""The CISO Assistant bridge: a framework library its loader accepts, and an audit file its Data Wizard lands on it.

The structure rules below are those of CISO Assistant's own code (intuitem/ciso-assistant-community,
read at commit f990d7b1b9a9f56e391acbc247c9076262a11412), cited where each is checked.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from iso9001_leadership import Exclusion, Organization, Role, assess, load
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.catalog import EDITIONS, Catalog, EvidenceGuide, Requirement, Theme
from iso9001_leadership.cli import main
from iso9001_leadership.findings import Finding, Grade, Status, verdict
from iso9001_leadership.interop.ciso_assistant import (
    CISO_COLUMNS,
    CISO_EXTENDED_RESULTS,
    CISO_PROGRESS,
    CISO_RESULTS,
    ciso_assessment_rows,
    ciso_library,
    ciso_result,
    framework_urn,
    library_urn,
    render_ciso_assessment,
    render_ciso_library,
)
from iso9001_leadership.report import render

pd = pytest.importorskip("pandas")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)

#: backend/core/models.py, ``URN_REGEX``: what a library URN must look like (checked on the lower-cased URN by
#: ``StoredLibrary.store_library_content``).
URN_REGEX = re.compile(
    r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:([0-9A-Za-z\[\]\(\)\-\._:]+)$"
)
#: backend/library/builder.py, ``_LEAF_FORBIDDEN``: what the last part of a URN may not hold.
LEAF_FORBIDDEN = re.compile(r"[^0-9a-z\[\]\(\)\-\._]+")
#: backend/core/models.py, ``RequirementAssessment.Result`` and ``.Status`` and ``.ExtendedResult``.
RESULTS = {"not_assessed", "partially_compliant", "non_compliant", "compliant", "not_applicable"}
PROGRESS = {"to_do", "in_progress", "in_review", "done"}
EXTENDED = {
    "major_nonconformity",
    "minor_nonconformity",
    "observation_sensitive_point",
    "opportunity_for_improvement",
    "good_practice",
}


def loader_problems(library: dict[str, Any]) -> list[str]:
    """What CISO Assistant's library loader and builder would refuse in a library (empty when it loads)."""
    problems: list[str] = []
    # StoredLibrary.REQUIRED_FIELDS (backend/core/models.py) and LibraryImporter.REQUIRED_FIELDS (backend/library/utils.py).
    required = {"urn", "name", "version", "objects"} | {"ref_id", "urn", "locale", "objects", "version"}
    problems.extend(f"library: missing {field}" for field in sorted(required) if field not in library)
    # store_library_content: version = int(library_data["version"]); the URN must match URN_REGEX once lower-cased.
    if not isinstance(library.get("version"), int):
        problems.append("library: version is not a whole number")
    if not URN_REGEX.match(str(library.get("urn", "")).lower()):
        problems.append("library: URN badly formatted")
    objects = library.get("objects", {})
    # LibraryImporter.init: at most one of 'framework' and 'frameworks'.
    if "framework" in objects and "frameworks" in objects:
        problems.append("objects: both framework and frameworks")
    framework = objects.get("framework", {})
    # FrameworkImporter.REQUIRED_FIELDS = {"ref_id", "urn"}; FrameworkImporter.init refuses an empty framework.
    problems.extend(f"framework: missing {field}" for field in ("ref_id", "urn") if field not in framework)
    nodes = framework.get("requirement_nodes", [])
    if not nodes:
        problems.append("framework: no requirement nodes")
    # builder.check_document_shape: every identity URN in the document is unique, compared lower-cased.
    seen: set[str] = {str(library.get("urn", "")).lower(), str(framework.get("urn", "")).lower()}
    depths: dict[str, int] = {}
    framework_nodes = {str(n.get("urn", "")).lower() for n in nodes}
    previous_depth = 0
    for index, node in enumerate(nodes):
        # RequirementNodeImporter.REQUIRED_FIELDS = {"urn"}.
        if "urn" not in node:
            problems.append(f"node {index}: missing urn")
            continue
        urn = node["urn"].lower()
        if urn in seen:
            problems.append(f"node {index}: duplicate URN {urn}")
        seen.add(urn)
        # builder.urn_safe_leaf / _LEAF_FORBIDDEN: the last URN part holds only URN-safe characters.
        if LEAF_FORBIDDEN.search(urn.rsplit(":", 1)[-1]):
            problems.append(f"node {index}: URN part not URN-safe")
        parent = node.get("parent_urn")
        if parent is not None:
            parent = parent.lower()
            # builder (validate): parent_urn must be a node of the same framework.
            if parent not in framework_nodes:
                problems.append(f"node {index}: parent {parent} is not a node of the framework")
            # framework_editor: a pre-order list; a parent appears before its children.
            elif parent not in depths:
                problems.append(f"node {index}: appears before its parent")
        # framework_editor: depth = parent's depth + 1, 1 at the top.
        depth = depths[parent] + 1 if parent in depths else 1
        if node.get("depth") != depth:
            problems.append(f"node {index}: depth {node.get('depth')} where its parent gives {depth}")
        # scripts/convert_library_v2.py: a depth may not jump by more than one from the row before.
        if isinstance(node.get("depth"), int) and node["depth"] > previous_depth + 1:
            problems.append(f"node {index}: depth jumps from {previous_depth} to {node['depth']}")
        previous_depth = node.get("depth", previous_depth)
        depths[urn] = depth
        if not isinstance(node.get("assessable"), bool):
            problems.append(f"node {index}: assessable is not true or false")
    return problems


@pytest.fixture(scope="module")
def example() -> Assessment:
    return assess(load(EXAMPLE), as_of=AS_OF)


# -- the library -----------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_library_follows_the_loaders_rules(edition: str) -> None:
    """The library of each edition breaks none of the rules CISO Assistant's loader and builder enforce."""
    library = yaml.safe_load(render_ciso_library(Catalog.builtin(edition)))
    assert loader_problems(library) == []
    assert library["urn"] == library_urn(edition)
    assert library["objects"]["framework"]["urn"] == framework_urn(edition)
    assert library["locale"] == "en"
    assert library["packager"] == "iso9001-leadership"


def test_the_rule_checker_finds_what_the_loader_refuses() -> None:
    """The checker above is not vacuous: a duplicate URN, a missing parent, a wrong depth and a bad version are caught."""
    library = ciso_library(Catalog.builtin("2015"))
    nodes = library["objects"]["framework"]["requirement_nodes"]
    nodes[2]["urn"] = nodes[1]["urn"].upper()
    nodes[3]["parent_urn"] = "urn:x:risk:req_node:nowhere:1"
    nodes[5]["depth"] = 7
    library["version"] = "1.0"
    problems = loader_problems(library)
    assert "node 2: duplicate URN " + nodes[1]["urn"] in problems
    assert any(p.startswith("node 3: parent urn:x:risk:req_node:nowhere:1") for p in problems)
    assert any(p.startswith("node 5: depth 7") for p in problems)
    assert "library: version is not a whole number" in problems


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_requirement_is_an_assessable_node_under_its_clause_headings(edition: str) -> None:
    """Each requirement is one assessable node (ref_id its clause id, our paraphrase); each heading heads some requirement."""
    catalog = Catalog.builtin(edition)
    nodes = ciso_library(catalog)["objects"]["framework"]["requirement_nodes"]
    by_ref = {n["ref_id"]: n for n in nodes}
    assert len(by_ref) == len(nodes)
    assessable = {n["ref_id"] for n in nodes if n["assessable"]}
    assert assessable == {r.clause for r in catalog}
    for requirement in catalog:
        node = by_ref[requirement.clause]
        assert node["name"] == requirement.title
        assert node["description"] == " ".join(requirement.summary.split())
        assert f"requirement id: {requirement.id}." in node["annotation"]
    parents = {n.get("parent_urn") for n in nodes}
    for node in nodes:
        if not node["assessable"]:
            assert node["urn"] in parents, node["ref_id"]  # a heading heads something
            assert node["name"]
    assert all(isinstance(n["ref_id"], str) for n in nodes)


def test_headings_nest_clause_numbers_then_items() -> None:
    """5.1.1 a sits under 5.1.1, 5.1 and 5; 6.1.2 b 1 under the non-assessable 6.1.2 b; 5.3 is assessable and heads 5.3 a-e."""
    nodes = ciso_library(Catalog.builtin("2015"))["objects"]["framework"]["requirement_nodes"]
    by_urn = {n["urn"]: n for n in nodes}
    by_ref = {n["ref_id"]: n for n in nodes}

    def chain(ref_id: str) -> list[str]:
        node, found = by_ref[ref_id], []
        while "parent_urn" in node:
            node = by_urn[node["parent_urn"]]
            found.append(node["ref_id"])
        return found

    assert chain("5.1.1 a") == ["5.1.1", "5.1", "5"]
    assert chain("6.1.2 b 1") == ["6.1.2 b", "6.1.2", "6.1", "6"]
    assert by_ref["6.1.2 b"]["assessable"] is False
    assert chain("5.3 a") == ["5.3", "5"]
    assert by_ref["5.3"]["assessable"] is True
    assert by_ref["5"]["name"] == "Leadership"
    assert by_ref["9.3.2"]["name"] == "Management review inputs"  # the title its requirements share


def test_a_user_catalog_clause_is_a_node_at_the_top() -> None:
    """A requirement under a clause id of the organization's own (ACME 2.1) is an assessable node with no parent."""
    extra = Requirement(
        id="acme.gemba",
        clause="ACME 2.1",
        title="Leadership on the floor",
        summary="Top management walks the floor.",
        theme=Theme.ACCOUNTABILITY,
        evidence=EvidenceGuide(documents=["walk records"]),
    )
    library = ciso_library(Catalog.builtin("2015").extend([extra]))
    node = next(n for n in library["objects"]["framework"]["requirement_nodes"] if n["ref_id"] == "ACME 2.1")
    assert node["urn"].endswith(":acme-2.1")
    assert node["depth"] == 1
    assert "parent_urn" not in node
    assert loader_problems(library) == []


def _requirement(id: str, clause: str) -> Requirement:
    return Requirement(
        id=id,
        clause=clause,
        title="T",
        summary="S.",
        theme=Theme.ACCOUNTABILITY,
        evidence=EvidenceGuide(documents=["d"]),
    )


def test_shared_and_clashing_clause_ids_still_give_unique_nodes() -> None:
    """Requirements under one clause id get bracketed ref_ids under its heading; clause ids that make one URN get _2;
    the library still loads, and an audit of that catalog lands each row on its own node."""
    extra = [_requirement("acme.a", "5.3 a"), _requirement("acme.b", "ACME 1"), _requirement("acme.c", "acme 1")]
    catalog = Catalog.builtin("2015").extend(extra)
    library = ciso_library(catalog)
    assert loader_problems(library) == []
    nodes = {n["ref_id"]: n for n in library["objects"]["framework"]["requirement_nodes"]}
    assert nodes["5.3 a"]["assessable"] is False
    for ref_id in ("5.3 a [acme.a]", "5.3 a [roles.qms-conformity]"):
        assert nodes[ref_id]["assessable"] is True
        assert nodes[ref_id]["parent_urn"] == nodes["5.3 a"]["urn"]
    assert nodes["ACME 1"]["urn"].endswith(":acme-1")
    assert nodes["acme 1"]["urn"].endswith(":acme-1_2")
    org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    assessment = assess(org, as_of=AS_OF, catalog=catalog)
    written = data_wizard_records(render_ciso_assessment(assessment), library)
    assert len(written) == len(catalog)
    assert "'acme.a'" in written["5.3 a [acme.a]"]["observation"]
    assert "'acme.a'" not in written["5.3 a [roles.qms-conformity]"]["observation"]
    by_id = {r.requirement.id: r for r in assessment.results}
    assert written["5.3 a [acme.a]"]["result"] == ciso_result(by_id["acme.a"].status, by_id["acme.a"].grade)
    assert written["acme 1"]["result"] == ciso_result(by_id["acme.c"].status, by_id["acme.c"].grade)


def test_library_is_deterministic_and_round_trips_through_yaml() -> None:
    """The same catalog gives the same bytes, and the YAML reads back to the same data (ref_ids stay text)."""
    text = render_ciso_library(Catalog.builtin("2026"))
    assert text == render_ciso_library(Catalog.builtin("2026"))
    assert yaml.safe_load(text) == ciso_library(Catalog.builtin("2026"))
    assert text.startswith("# CISO Assistant framework library")


def test_library_version_can_be_given() -> None:
    """The version CISO Assistant compares to update a library can be set; by default it grows with the package version."""
    assert ciso_library(Catalog.builtin("2015"), version=7)["version"] == 7
    assert ciso_library(Catalog.builtin("2015"))["version"] == 100  # package 0.1.0


# -- the audit import ------------------------------------------------------------------------


def data_wizard_records(csv_text: str, library: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What CISO Assistant's Data Wizard writes into each requirement assessment from the file, by node ref_id.

    Mirrors backend/data_wizard/views.py: the generic CSV path reads ``pd.read_csv(file,
    encoding="utf-8-sig").fillna("")``, ``normalize_df_columns`` lower-cases and strips the
    headers (refusing duplicates), and ``_reconcile_compliance_requirements`` skips rows whose
    ``assessable`` is falsy, finds the node by ``ref_id`` (then by ``urn``), and writes
    ``compliance_result`` to ``result``, ``requirement_progress`` to ``status`` and
    ``observations`` to ``observation`` when they are not empty.
    """
    frame = pd.read_csv(io.BytesIO(csv_text.encode("utf-8")), encoding="utf-8-sig").fillna("")
    columns = [str(c).strip().lower() for c in frame.columns]
    assert len(set(columns)) == len(columns)
    frame.columns = columns
    nodes = library["objects"]["framework"]["requirement_nodes"]
    by_ref = {n["ref_id"]: n for n in nodes}
    by_urn = {n["urn"]: n for n in nodes}
    written: dict[str, dict[str, Any]] = {}
    for record in frame.to_dict(orient="records"):
        if not record.get("assessable"):
            continue
        node = by_ref.get(record.get("ref_id")) or by_urn.get(record.get("urn"))
        assert node is not None, f"no node for {record.get('ref_id')!r}"
        assert node["assessable"]
        data = {}
        for column, field in (
            ("compliance_result", "result"),
            ("requirement_progress", "status"),
            ("observations", "observation"),
        ):
            if record.get(column) not in (None, ""):
                data[field] = record[column]
        written[node["ref_id"]] = data
    return written


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_assessed_requirement_lands_on_its_library_node(edition: str) -> None:
    """Imported as the Data Wizard reads it, each row of the audit file finds its node by ref_id, with a valid result."""
    org = load(EXAMPLE)
    assessment = assess(org, edition=edition, as_of=AS_OF)
    library = ciso_library(Catalog.builtin(edition, plugins=True))
    written = data_wizard_records(render_ciso_assessment(assessment), library)
    assert set(written) == {r.requirement.clause for r in assessment.results}
    for result in assessment.results:
        data = written[result.requirement.clause]
        assert data["result"] == ciso_result(result.status, result.grade)
        assert data["result"] in RESULTS
        assert data["status"] in PROGRESS
        said = verdict(result.status, result.grade)
        assert data["observation"].startswith(said[0].upper() + said[1:] + " (iso9001-leadership, as of 2026-11-24).")


def test_rows_carry_the_library_nodes_urns_and_ref_ids(example: Assessment) -> None:
    """The file has a row per library node, in the library's order, with its URN, ref_id and whether it is assessable."""
    rows = ciso_assessment_rows(example)
    nodes = ciso_library(Catalog.builtin("2015", plugins=True))["objects"]["framework"]["requirement_nodes"]
    assert [(r["urn"], r["ref_id"], r["assessable"]) for r in rows] == [
        (n["urn"], n["ref_id"], str(n["assessable"])) for n in nodes
    ]
    assert all(list(row) == list(CISO_COLUMNS) for row in rows)
    headings = [r for r in rows if r["assessable"] == "False"]
    assert headings
    assert all(r["compliance_result"] == r["observations"] == "" for r in headings)


def test_observations_name_every_finding_with_its_fix(example: Assessment) -> None:
    """Each finding's reason and fix are in its requirement's observations, with the verdict and the date."""
    rows = {r["ref_id"]: r for r in ciso_assessment_rows(example)}
    for result in example.results:
        text = rows[result.requirement.clause]["observations"]
        assert "as of 2026-11-24" in text
        for finding in result.findings:
            assert " ".join(finding.reason.split()) in text
            if finding.fix:
                assert " ".join(finding.fix.split()) in text


MAPPING = [
    (Status.CONFORMS, None, "compliant", "", "done"),
    (Status.OPPORTUNITY, None, "compliant", "opportunity_for_improvement", "done"),
    (Status.OBSERVATION, None, "compliant", "observation_sensitive_point", "done"),
    (Status.NEEDS_EVIDENCE, None, "not_assessed", "", "in_progress"),
    (Status.NONCONFORMITY, Grade.MINOR, "partially_compliant", "minor_nonconformity", "done"),
    (Status.NONCONFORMITY, Grade.MAJOR, "non_compliant", "major_nonconformity", "done"),
    (Status.NOT_APPLICABLE, None, "not_applicable", "", "done"),
    (Status.NOT_ASSESSED, None, "not_assessed", "", "to_do"),
]


def test_the_mapping_covers_every_status_and_grade() -> None:
    """The result table has an entry for each verdict, as the test table does; every value is one CISO Assistant knows."""
    assert set(CISO_RESULTS) == {(s, g) for s, g, *_ in MAPPING}
    assert set(CISO_RESULTS.values()) <= RESULTS
    assert set(CISO_EXTENDED_RESULTS.values()) <= EXTENDED
    assert set(CISO_PROGRESS) == set(Status)
    assert set(CISO_PROGRESS.values()) <= PROGRESS


@pytest.mark.parametrize(
    ("status", "grade", "result", "extended", "progress"),
    MAPPING,
    ids=[f"{s.value}-{g.value if g else ''}" for s, g, *_ in MAPPING],
)
def test_each_verdict_maps_to_its_result(
    status: Status, grade: Grade | None, result: str, extended: str, progress: str
) -> None:
    """A requirement's verdict gives the documented result, extended result and progress in its row."""
    assert ciso_result(status, grade) == result
    requirement = Catalog.builtin("2015")["roles.process-outputs"]
    findings: tuple[Finding, ...] = ()
    if status not in (Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED):
        findings = (Finding(requirement.id, requirement.clause, status, rule="r", reason="why", grade=grade),)
    assessment = Assessment(
        "Acme", "2015", "ISO 9001:2015", AS_OF, (RequirementResult(requirement, status, grade, findings),)
    )
    (row,) = [r for r in ciso_assessment_rows(assessment) if r["assessable"] == "True"]
    assert (row["compliance_result"], row["extended_result"], row["requirement_progress"]) == (
        result,
        extended,
        progress,
    )


def test_a_nonconformity_without_a_grade_counts_as_minor() -> None:
    """An ungraded nonconformity maps as a minor one."""
    assert ciso_result(Status.NONCONFORMITY) == "partially_compliant"


def test_the_audit_file_is_deterministic(example: Assessment) -> None:
    """The same assessment gives the same bytes, and so does a fresh assessment of the same file."""
    assert render_ciso_assessment(example) == render_ciso_assessment(assess(load(EXAMPLE), as_of=AS_OF))


def test_cells_a_spreadsheet_would_run_are_defused() -> None:
    """A name or description that starts like a formula reaches the file behind a single quote."""
    extra = Requirement(
        id="acme.formula",
        clause="ACME 1",
        title='=HYPERLINK("http://evil")',
        summary="-2+3 of the shifts",
        theme=Theme.ACCOUNTABILITY,
        evidence=EvidenceGuide(documents=["logs"]),
    )
    org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    assessment = assess(org, as_of=AS_OF, catalog=Catalog.builtin("2015").extend([extra]))
    frame = pd.read_csv(io.StringIO(render_ciso_assessment(assessment))).fillna("")
    row = frame[frame["ref_id"] == "ACME 1"].iloc[0]
    assert row["name"] == '\'=HYPERLINK("http://evil")'
    assert row["description"] == "'-2+3 of the shifts"


def test_not_applicable_carries_the_justification() -> None:
    """An exclusion's justification is in the observations of the not-applicable requirement."""
    extra = _requirement("acme.night", "ACME 1")
    org = Organization(
        name="Acme",
        roles=(Role(id="ceo", title="CEO", top_management=True),),
        exclusions=(Exclusion(requirement="acme.night", justification="No night shift."),),
    )
    assessment = assess(org, as_of=AS_OF, catalog=Catalog.builtin("2015").extend([extra]))
    row = next(r for r in ciso_assessment_rows(assessment) if r["ref_id"] == "ACME 1")
    assert row["compliance_result"] == "not_applicable"
    assert "No night shift." in row["observations"]


# -- doors -----------------------------------------------------------------------------------


def test_the_report_format_is_the_audit_file(example: Assessment) -> None:
    """render(..., "ciso-assistant") is the audit import file."""
    assert render(example, "ciso-assistant") == render_ciso_assessment(example)


@pytest.mark.parametrize("edition", EDITIONS)
def test_catalog_command_writes_the_library(edition: str, tmp_path: Path) -> None:
    """catalog --format ciso-assistant -o FILE writes the library of the edition's catalog."""
    output = tmp_path / "library.yaml"
    assert main(["catalog", "--edition", edition, "--format", "ciso-assistant", "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == render_ciso_library(Catalog.builtin(edition, plugins=True))


def test_catalog_command_prints_a_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """catalog prints one line per requirement (clause, id, title); --format json gives every field."""
    assert main(["catalog", "--edition", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    catalog = Catalog.builtin("2026", plugins=True)
    assert lines[0] == f"{catalog.title}: {len(catalog)} requirements"
    assert any(line.split()[:3] == ["5.1.1", "i", "*"] and "leadership.quality-culture" in line for line in lines)
    assert main(["catalog", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["edition"] == "2015"
    assert [r["id"] for r in data["requirements"]] == list(Catalog.builtin("2015", plugins=True).ids)
    assert data["requirements"][0]["theme"] == "policy_and_objectives"


def test_check_writes_the_audit_file(tmp_path: Path) -> None:
    """check --format ciso-assistant writes the audit file of the assessment."""
    output = tmp_path / "audit.csv"
    main(["check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "ciso-assistant", "-o", str(output)])
    assert output.read_text(encoding="utf-8") == render_ciso_assessment(assess(load(EXAMPLE), as_of=AS_OF))
