"""The OSCAL assessment-results export: valid under compliance-trestle's models, complete, deterministic."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iso9001_leadership import (
    Evidence,
    EvidenceKind,
    Exclusion,
    Holding,
    Organization,
    Person,
    Process,
    Role,
    assess,
    load,
)
from iso9001_leadership._names import ID_PATTERN
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.catalog import Catalog, EvidenceGuide, Requirement, Theme
from iso9001_leadership.cli import main
from iso9001_leadership.exceptions import MissingExtraError, ReportError
from iso9001_leadership.findings import Finding, Grade, Status
from iso9001_leadership.interop.oscal import (
    NAMESPACE,
    OSCAL_STATES,
    OSCAL_VERSION,
    oscal_state,
    oscal_token,
    render_oscal,
    to_oscal,
    validate_oscal,
)
from iso9001_leadership.report import render
from iso9001_leadership.strategies import organizations

trestle_ar = pytest.importorskip("trestle.oscal.assessment_results")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)

#: What an OSCAL token may be (the ASCII part of OSCAL's token pattern).
TOKEN = re.compile(r"\A[A-Za-z_][A-Za-z0-9_.\-]*\Z")


@pytest.fixture(scope="module")
def example() -> tuple[Organization, Assessment]:
    org = load(EXAMPLE)
    return org, assess(org, as_of=AS_OF)


#: A requirement of the organization's own, excludable under 4.3 (it is under no ISO clause).
CUSTOM = Requirement(
    id="acme:night/handover",
    clause="ACME 1",
    title="Shift handover",
    summary="Every night shift hands over open quality issues to the morning shift.",
    theme=Theme.ACCOUNTABILITY,
    evidence=EvidenceGuide(documents=["handover logs"]),
)


def small_org() -> Organization:
    """Roles whose ids are no OSCAL tokens, a person who left, a dated holding, an e-mail, an exclusion, an evidence record."""
    return Organization(
        name="Acme *Pumps* & <Sons>",
        scope="Pumps.",
        roles=(
            Role(id="ceo", title="Chief Executive", top_management=True),
            Role(id="acme:qm", title="Quality *Manager*", reports_to="ceo"),
            Role(id="2nd-shift", title="Night shift lead", reports_to="ceo"),
            Role(id="qm_deputy", title="Deputy QM", reports_to="acme:qm"),
        ),
        people=(
            Person(id="ana", name="Ana Ruiz", roles=("ceo",), email="ana.ruiz@acme.dk"),
            Person(id="ben", name="Ben Ode", roles=("acme:qm",), email="not an address"),
            Person(id="cy", name="Cy Lund", roles=("2nd-shift",), left=dt.date(2026, 5, 31)),
            Person(
                id="dee",
                name="Dee Holm",
                holdings=(Holding(role="qm_deputy", since=dt.date(2026, 1, 1), until=dt.date(2026, 6, 30)),),
            ),
        ),
        processes=(Process(id="proc-sales", name="Sales", owner="acme:qm"),),
        evidence=(
            Evidence(
                id="ev-minutes",
                title="Board minutes",
                kind=EvidenceKind.RECORD,
                location="Board folder",
                dated=dt.date(2026, 3, 1),
                clauses=("5.1.1 a",),
            ),
        ),
        exclusions=(Exclusion(requirement=CUSTOM.id, justification="No night shift any more."),),
    )


@pytest.fixture(scope="module")
def small() -> tuple[Organization, Assessment]:
    org = small_org()
    catalog = Catalog.builtin("2015").extend([CUSTOM])
    return org, assess(org, as_of=AS_OF, catalog=catalog)


def body(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["assessment-results"]
    return result


def observations_by_uuid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["uuid"]: o for o in body(document)["results"][0].get("observations", ())}


def prop(item: dict[str, Any], name: str) -> str | None:
    values = [p["value"] for p in item.get("props", ()) if p["name"] == name and p.get("ns") == NAMESPACE]
    assert len(values) <= 1
    return values[0] if values else None


# -- validity --------------------------------------------------------------------------------


@pytest.mark.parametrize("with_org", [True, False], ids=["with-organization", "assessment-only"])
def test_example_export_is_valid_under_trestle(example: tuple[Organization, Assessment], with_org: bool) -> None:
    """The example's export, with and without the organization, parses with trestle's AssessmentResults model and passes our reference checks."""
    org, assessment = example
    document = to_oscal(assessment, org if with_org else None)
    parse = getattr(trestle_ar.Model, "model_validate", None) or trestle_ar.Model.parse_obj  # trestle 4+, or 3
    model = parse(document)
    assert model.assessment_results.metadata.title == f"ISO 9001 leadership assessment: {org.name}"
    assert body(document)["metadata"]["oscal-version"] == OSCAL_VERSION
    validate_oscal(document)
    validate_oscal(render_oscal(assessment, org if with_org else None))


def test_small_export_is_valid_under_trestle(small: tuple[Organization, Assessment]) -> None:
    """A small assessment with awkward ids, an exclusion and people who left exports to a valid document."""
    org, assessment = small
    validate_oscal(to_oscal(assessment, org))


@settings(max_examples=15, deadline=None)
@given(org=organizations(), data=st.data())
def test_any_organization_exports_to_a_valid_document(org: Organization, data: st.DataObject) -> None:
    """Whatever the organization (hostile text, any ids, any e-mail), its export validates under trestle."""
    email = data.draw(st.one_of(st.emails(), st.text(max_size=30)))
    if org.people:
        first = org.people[0]
        org = org.with_elements(Person(id=first.id, name=first.name, roles=first.roles, email=email))
    document = to_oscal(assess(org, as_of=AS_OF), org)
    validate_oscal(document)
    json.dumps(document)  # plain JSON data, nothing else


# -- content ---------------------------------------------------------------------------------


def test_metadata_lists_roles_parties_and_current_holders(small: tuple[Organization, Assessment]) -> None:
    """Roles become metadata roles (ids as tokens); people are parties of the organization; only current holders are responsible."""
    org, assessment = small
    metadata = body(to_oscal(assessment, org))["metadata"]
    assert [r["id"] for r in metadata["roles"]] == ["ceo", "acme_3aqm", "_n2nd-shift", "qm__deputy"]
    assert [prop(r, "role-id") for r in metadata["roles"]] == ["ceo", "acme:qm", "2nd-shift", "qm_deputy"]
    assert [prop(r, "top-management") for r in metadata["roles"]] == ["true", None, None, None]
    parties = metadata["parties"]
    assert [p["type"] for p in parties] == ["organization", "person", "person", "person", "person"]
    assert parties[0]["name"] == "Acme *Pumps* & <Sons>"
    by_person = {prop(p, "person-id"): p for p in parties[1:]}
    assert by_person["ana"]["email-addresses"] == ["ana.ruiz@acme.dk"]
    assert "email-addresses" not in by_person["ben"]  # not an address: left out, never written wrong
    assert "Not with the organization" in by_person["cy"]["remarks"]
    assert all(p["member-of-organizations"] == [parties[0]["uuid"]] for p in parties[1:])
    responsible = {r["role-id"]: r["party-uuids"] for r in metadata["responsible-parties"]}
    # Cy left in May and Dee's holding ended in June: their roles have no holder on 2026-11-24.
    assert responsible == {"ceo": [by_person["ana"]["uuid"]], "acme_3aqm": [by_person["ben"]["uuid"]]}


def test_every_finding_appears_as_an_observation_linked_from_its_requirement(
    example: tuple[Organization, Assessment],
) -> None:
    """Each finding of the assessment is one observation, with its rule and status, linked from its requirement's finding."""
    org, assessment = example
    document = to_oscal(assessment, org)
    result = body(document)["results"][0]
    observations = observations_by_uuid(document)
    finding_observations = [o for o in observations.values() if prop(o, "rule") is not None]
    assert len(finding_observations) == len(assessment.findings) > 0
    expected = Counter((f.requirement, f.rule, f.status.value) for f in assessment.findings)
    found = Counter((prop(o, "requirement"), prop(o, "rule"), prop(o, "status")) for o in finding_observations)
    assert found == expected
    linked = {
        uid["observation-uuid"]: prop(f, "requirement")
        for f in result["findings"]
        for uid in f.get("related-observations", ())
    }
    for observation in finding_observations:
        assert linked[observation["uuid"]] == prop(observation, "requirement")
        assert observation["methods"] == ["EXAMINE"]
        assert observation["collected"] == "2026-11-24T00:00:00Z"


def test_subjects_are_the_elements_at_fault_with_their_responsible_roles(
    example: tuple[Organization, Assessment],
) -> None:
    """Each element at fault is a subject: a component (with the roles that answer for it) or, for a person, a party."""
    org, assessment = example
    document = to_oscal(assessment, org)
    result = body(document)["results"][0]
    components = {c["uuid"]: c for c in result["local-definitions"]["components"]}
    parties = {p["uuid"] for p in body(document)["metadata"]["parties"]}
    subjects_named = 0
    for finding in assessment.findings:
        observation = next(
            o
            for o in observations_by_uuid(document).values()
            if (prop(o, "requirement"), prop(o, "rule")) == (finding.requirement, finding.rule)
        )
        subjects = observation.get("subjects", [])
        assert len(subjects) == len(finding.subjects)
        for element, subject in zip(finding.subjects, subjects, strict=True):
            subjects_named += 1
            if subject["type"] == "party":
                assert subject["subject-uuid"] in parties
                continue
            component = components[subject["subject-uuid"]]
            assert prop(component, "element-id") == element
            assert prop(component, "kind") == org.kind_of(element).value
            if prop(component, "kind") == "role":
                assert [r["role-id"] for r in component["responsible-roles"]] == [oscal_token(element)]
    assert subjects_named > 0


def test_requirements_examined_are_findings_and_the_others_excluded(small: tuple[Organization, Assessment]) -> None:
    """Every requirement is a reviewed control; those not applicable or not assessed are excluded, with why, and give no finding."""
    org, assessment = small
    result = body(to_oscal(assessment, org))["results"][0]
    selection = result["reviewed-controls"]["control-selections"][0]
    included = [c["control-id"] for c in selection["include-controls"]]
    excluded = {c["control-id"] for c in selection.get("exclude-controls", ())}
    assert included == [oscal_token(r.requirement.id) for r in assessment.results]
    left_out = {oscal_token(r.requirement.id) for r in assessment.results if r.points is None}
    assert excluded == left_out
    assert oscal_token(CUSTOM.id) in excluded
    assert "No night shift any more" in selection["remarks"]
    targets = [f["target"]["target-id"] for f in result["findings"]]
    assert targets == [oscal_token(r.requirement.id) for r in assessment.results if r.points is not None]


def test_documented_information_that_settles_a_requirement_is_an_observation(
    example: tuple[Organization, Assessment],
) -> None:
    """A requirement settled by evidence links an observation whose relevant evidence names each record."""
    org, assessment = example
    document = to_oscal(assessment, org)
    result = body(document)["results"][0]
    observations = observations_by_uuid(document)
    settled = [r for r in assessment.results if r.evidence and r.points is not None]
    assert settled
    for requirement_result in settled:
        finding = next(f for f in result["findings"] if prop(f, "requirement") == requirement_result.requirement.id)
        linked = [observations[u["observation-uuid"]] for u in finding["related-observations"]]
        evidence = [o for o in linked if prop(o, "rule") is None]
        assert len(evidence) == 1
        named = [prop(item, "evidence-id") for item in evidence[0]["relevant-evidence"]]
        assert named == list(requirement_result.evidence)


def test_markup_in_names_is_escaped(small: tuple[Organization, Assessment]) -> None:
    """Names go into OSCAL's Markdown fields escaped, and into plain fields as they are."""
    org, assessment = small
    metadata = body(to_oscal(assessment, org))["metadata"]
    assert metadata["title"] == "ISO 9001 leadership assessment: Acme \\*Pumps\\* \\& \\<Sons\\>"
    assert metadata["roles"][1]["title"] == "Quality \\*Manager\\*"


def test_import_ap_points_at_the_plan_in_the_back_matter_or_at_the_one_given(
    small: tuple[Organization, Assessment],
) -> None:
    """By default import-ap names the back-matter resource that describes the plan; a plan_href replaces it."""
    org, assessment = small
    default = body(to_oscal(assessment, org))
    resources = default["back-matter"]["resources"]
    assert default["import-ap"]["href"] == f"#{resources[0]['uuid']}"
    given = body(to_oscal(assessment, org, plan_href="https://grc.example.com/plans/qms-2026.json"))
    assert given["import-ap"]["href"] == "https://grc.example.com/plans/qms-2026.json"
    assert "back-matter" not in given


def test_assessment_only_export_has_the_organization_as_its_only_party(
    example: tuple[Organization, Assessment],
) -> None:
    """Without the organization, the metadata has no roles, and the elements at fault are components named from the assessment."""
    _, assessment = example
    document = body(to_oscal(assessment))
    assert [p["type"] for p in document["metadata"]["parties"]] == ["organization"]
    assert "roles" not in document["metadata"]
    components = document["results"][0]["local-definitions"]["components"]
    assert {c["type"] for c in components} == {"element"}
    assert all("responsible-roles" not in c for c in components)


def test_the_organization_given_must_be_the_one_assessed(small: tuple[Organization, Assessment]) -> None:
    """Passing another organization than the one assessed is an error that names both."""
    _, assessment = small
    with pytest.raises(ReportError, match="the organization given is 'Other', but the assessment is of 'Acme"):
        to_oscal(assessment, Organization(name="Other"))


# -- the mapping -----------------------------------------------------------------------------

MAPPING = [
    (Status.CONFORMS, None, ("satisfied", "pass")),
    (Status.OPPORTUNITY, None, ("satisfied", "pass")),
    (Status.OBSERVATION, None, ("satisfied", "pass")),
    (Status.NEEDS_EVIDENCE, None, ("not-satisfied", "other")),
    (Status.NONCONFORMITY, Grade.MINOR, ("not-satisfied", "fail")),
    (Status.NONCONFORMITY, Grade.MAJOR, ("not-satisfied", "fail")),
    (Status.NOT_APPLICABLE, None, None),
    (Status.NOT_ASSESSED, None, None),
]


def test_the_mapping_covers_every_status_and_grade() -> None:
    """The mapping table has an entry for each verdict, and the test table below covers the same."""
    assert set(OSCAL_STATES) == {(s, g) for s, g, _ in MAPPING}


@pytest.mark.parametrize(
    ("status", "grade", "expected"), MAPPING, ids=[f"{s.value}-{g.value if g else ''}" for s, g, _ in MAPPING]
)
def test_each_verdict_maps_to_its_objective_status(
    status: Status, grade: Grade | None, expected: tuple[str, str] | None
) -> None:
    """A requirement's verdict gives the documented objective status, or no finding and an exclusion."""
    assert oscal_state(status, grade) == expected
    requirement = Catalog.builtin("2015")["roles.process-outputs"]
    findings: tuple[Finding, ...] = ()
    if status not in (Status.CONFORMS, Status.NOT_APPLICABLE, Status.NOT_ASSESSED):
        findings = (Finding(requirement.id, requirement.clause, status, rule="some-rule", reason="why", grade=grade),)
    result = RequirementResult(requirement, status, grade, findings, note="a note")
    assessment = Assessment("Acme", "2015", "ISO 9001:2015", AS_OF, (result,))
    document = to_oscal(assessment)
    validate_oscal(document)
    output = body(document)["results"][0]
    if expected is None:
        assert "findings" not in output
        excluded = output["reviewed-controls"]["control-selections"][0]["exclude-controls"]
        assert excluded == [{"control-id": "roles.process-outputs"}]
        return
    (finding,) = output["findings"]
    assert (finding["target"]["status"]["state"], finding["target"]["status"]["reason"]) == expected
    assert prop(finding, "status") == status.value
    assert prop(finding, "grade") == (grade.value if grade else None)
    assert len(finding.get("related-observations", ())) == len(findings)


def test_a_nonconformity_without_a_grade_counts_as_minor() -> None:
    """An ungraded nonconformity maps as a minor one."""
    assert oscal_state(Status.NONCONFORMITY) == oscal_state(Status.NONCONFORMITY, Grade.MINOR)


# -- ids and determinism ---------------------------------------------------------------------


@given(st.lists(st.from_regex(ID_PATTERN), min_size=2, max_size=2, unique=True))
def test_tokens_are_valid_and_one_to_one(ids: list[str]) -> None:
    """Every id of the model gives an OSCAL token, and two different ids never give the same one."""
    first, second = (oscal_token(i) for i in ids)
    assert TOKEN.match(first)
    assert TOKEN.match(second)
    assert first != second


def test_the_same_assessment_gives_the_same_bytes(example: tuple[Organization, Assessment]) -> None:
    """Two exports of the same assessment, and of a fresh assessment of the same file, are byte-identical."""
    org, assessment = example
    again = load(EXAMPLE)
    assert render_oscal(assessment, org) == render_oscal(assessment, org)
    assert render_oscal(assess(again, as_of=AS_OF), again) == render_oscal(assessment, org)


def test_ids_and_timestamps_come_from_the_content(small: tuple[Organization, Assessment]) -> None:
    """UUIDs are version 5: those of the parties stay from one assessment to the next, those of what was found change with
    the date; every timestamp is midnight UTC of the assessment date; object keys are sorted."""
    org, assessment = small
    text = render_oscal(assessment, org)
    uuids = set(re.findall(r'"uuid": "([0-9a-f-]{36})"', text))
    assert uuids
    assert all(u[14] == "5" for u in uuids)
    assert set(re.findall(r'"\d{4}-\d\d-\d\dT[^"]*"', text)) == {'"2026-11-24T00:00:00Z"'}
    later = assess(org, as_of=AS_OF + dt.timedelta(days=1), catalog=Catalog.builtin("2015").extend([CUSTOM]))
    now, then = body(to_oscal(assessment, org)), body(to_oscal(later, org))
    assert [p["uuid"] for p in now["metadata"]["parties"]] == [p["uuid"] for p in then["metadata"]["parties"]]
    found_now = {now["uuid"]} | {f["uuid"] for f in now["results"][0]["findings"]}
    found_then = {then["uuid"]} | {f["uuid"] for f in then["results"][0]["findings"]}
    assert found_now.isdisjoint(found_then)
    keys = [list(m) for m in _mappings(json.loads(text))]
    assert all(k == sorted(k) for k in keys)


def _mappings(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value, *(m for v in value.values() for m in _mappings(v))]
    if isinstance(value, list):
        return [m for v in value for m in _mappings(v)]
    return []


# -- validation ------------------------------------------------------------------------------


def test_validation_lists_every_broken_reference(small: tuple[Organization, Assessment]) -> None:
    """A document whose references dangle is refused, with each problem named."""
    org, assessment = small
    document = to_oscal(assessment, org)
    result = body(document)["results"][0]
    result["observations"] = result["observations"][1:]
    body(document)["metadata"]["responsible-parties"][0]["role-id"] = "nobody"
    with pytest.raises(ReportError) as caught:
        validate_oscal(document)
    message = str(caught.value)
    assert message.startswith("the OSCAL assessment results have 2 problems:")
    assert "is not defined in the results" in message
    assert "role 'nobody' is not a role of the metadata" in message


def test_validation_reports_what_trestle_refuses(small: tuple[Organization, Assessment]) -> None:
    """A value outside the model (an unknown objective state) is refused with its path."""
    org, assessment = small
    document = to_oscal(assessment, org)
    body(document)["results"][0]["findings"][0]["target"]["status"]["state"] = "mostly"
    with pytest.raises(ReportError, match=r"findings\.0\.target\.status\.state"):
        validate_oscal(document)


def test_validation_refuses_text_that_is_not_json() -> None:
    """Text that is not JSON is refused with the parser's reason."""
    with pytest.raises(ReportError, match="not JSON"):
        validate_oscal("{nope")


def test_validation_without_trestle_says_what_to_install(
    small: tuple[Organization, Assessment], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without compliance-trestle, validation says to install the oscal extra (the export itself needs nothing)."""
    org, assessment = small
    monkeypatch.setitem(sys.modules, "trestle.oscal", None)
    document = to_oscal(assessment, org)  # still works
    with pytest.raises(
        MissingExtraError, match=r'pip install compliance-trestle \(or the package\'s "oscal" extra\)'
    ) as caught:
        validate_oscal(document)
    assert caught.value.package == "compliance-trestle"


# -- doors -----------------------------------------------------------------------------------


def test_the_report_format_passes_the_organization(example: tuple[Organization, Assessment]) -> None:
    """render(..., "oscal", organization=org) is render_oscal's text."""
    org, assessment = example
    assert render(assessment, "oscal", organization=org) == render_oscal(assessment, org)
    assert render(assessment, "oscal") == render_oscal(assessment)


def test_check_writes_oscal_with_the_roles_of_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check --format oscal writes a valid document whose metadata lists the file's roles."""
    output = tmp_path / "results.json"
    code = main(["check", str(EXAMPLE), "--as-of", "2026-11-24", "--format", "oscal", "-o", str(output)])
    assert code == 1  # the example has nonconformities
    document = json.loads(output.read_text(encoding="utf-8"))
    validate_oscal(document)
    assert len(body(document)["metadata"]["roles"]) == len(load(EXAMPLE).roles)
