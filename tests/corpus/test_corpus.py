"""The corpus: four organizations of different shapes, each assessed against a lead auditor's expectations.

Each folder under ``tests/corpus`` holds an ``organization.yaml`` (an organization in the
library's file format, its deliberate gaps explained in comments) and an ``expected.yaml``
written by a lead auditor BEFORE the tool was run on it: for every requirement of the 2015
catalog (plus ``audit.impartiality``, 9.2.2 c) the status and grade an auditor would give and
why, the assessment date (``as_of``), the exact number of major nonconformities (``majors``)
and the most findings an auditor would write (``max_findings``: nonconformities, observations
and opportunities, one per requirement and rule; needs-evidence notes are not findings).

The expectations are the specification. When a test here fails, the assessment disagrees with
the auditor: fix the engine or argue the expectation, never copy the tool's output into it.

- ``manufacturer``: a well-run manufacturer, 48 people and 26 roles, four planted minors.
- ``one-person``: a company of one; nothing its structure cannot have is a finding.
- ``raci-only``: a RACI matrix only, ``covers: ["5.3", "4.4.1 e"]``; the rest is not assessed.
- ``multi-site-services``: three sites, one systemic major, two minors, one observation.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

import iso9001_leadership as iso
from iso9001_leadership.catalog import Catalog

CORPUS = Path(__file__).parent

#: The organizations of the corpus: every folder beside this file with an organization.yaml.
ORGANIZATIONS = sorted(p.name for p in CORPUS.iterdir() if (p / "organization.yaml").is_file())

#: Fields of the file format added by issue 9, and the corpus files that use each.
NEW_FIELDS = ("covers", "valid_until", "edition")
USES_NEW_FIELDS = {
    "manufacturer": {"valid_until", "edition"},
    "multi-site-services": {"valid_until"},
    "one-person": set(),
    "raci-only": {"covers"},
}

#: The requirement issue 9 adds to the catalog; expected in every expected.yaml.
NEW_REQUIREMENTS = ("audit.impartiality",)

STATUSES = {
    "conforms",
    "not_applicable",
    "not_assessed",
    "opportunity",
    "observation",
    "needs_evidence",
    "nonconformity",
}
GRADES = {"major", "minor"}

#: Findings an auditor writes down; a needs-evidence note is not one of them.
WRITTEN = ("nonconformity", "observation", "opportunity")


@functools.cache
def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CORPUS / name / "expected.yaml").read_text(encoding="utf-8"))
    return data


def _expectations(name: str) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in _expected(name)["requirements"]}


@functools.cache
def _assessment(name: str) -> iso.Assessment:
    expected = _expected(name)
    org = iso.load(CORPUS / name / "organization.yaml")
    as_of = expected["as_of"]
    assert isinstance(as_of, dt.date), f"{name}/expected.yaml: as_of must be a date, not {as_of!r}"
    return iso.assess(org, edition=str(expected["edition"]), as_of=as_of)


def _value(member: Any) -> str | None:
    return None if member is None else str(getattr(member, "value", member))


def _verdict(status: str | None, grade: str | None) -> str:
    if status is None:
        return "-"
    return f"{status}/{grade}" if status == "nonconformity" and grade else status


def _finding_line(finding: Any) -> str:
    verdict = _verdict(_value(finding.status), _value(finding.grade))
    return f"[{verdict}] {finding.rule}: {finding.reason}"


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=110) or [""]
    head = f"      {label:<19}"
    return [head + lines[0]] + [" " * len(head) + line for line in lines[1:]]


def _table(name: str, rows: list[tuple[str, str, str, str, list[str], str]], total: int) -> str:
    as_of = _expected(name)["as_of"]
    out = [
        f"{name} (assessed as of {as_of}): {len(rows)} of {total} requirements differ from the auditor's expectations",
        "",
        f"  {'requirement':<40} {'expected':<22} actual",
        f"  {'-' * 40} {'-' * 22} {'-' * 22}",
    ]
    for requirement, expected, actual, why, findings, note in rows:
        out.append(f"  {requirement:<40} {expected:<22} {actual}")
        out.extend(_wrap("expected, because:", why))
        for index, line in enumerate(findings or ["(no finding)"]):
            out.extend(_wrap("actual findings:" if index == 0 else "", line))
        if note:
            out.extend(_wrap("actual note:", note))
        out.append("")
    return "\n".join(out)


# -- the expectations themselves --------------------------------------------------------------


def test_the_corpus_has_its_four_organizations() -> None:
    """The corpus holds the four organizations, each with its expectations beside it."""
    assert sorted(USES_NEW_FIELDS) == ORGANIZATIONS
    for name in ORGANIZATIONS:
        assert (CORPUS / name / "expected.yaml").is_file(), f"{name}: no expected.yaml"


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_expectations_cover_every_requirement(name: str) -> None:
    """expected.yaml gives a valid status, grade and reason for every 2015 requirement, and nothing else."""
    expected = _expected(name)
    assert str(expected["edition"]) == "2015"
    assert isinstance(expected["as_of"], dt.date)
    assert isinstance(expected["max_findings"], int)
    assert isinstance(expected["majors"], int)
    entries = expected["requirements"]
    ids = [entry["id"] for entry in entries]
    problems = [f"{i} is listed twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    wanted = set(Catalog.builtin("2015").ids) | set(NEW_REQUIREMENTS)
    problems += [f"no expectation for {i}" for i in sorted(wanted - set(ids))]
    problems += [f"{i} is not a requirement of the 2015 catalog" for i in sorted(set(ids) - wanted)]
    for entry in entries:
        status, grade, why = entry.get("status"), entry.get("grade"), entry.get("why")
        if status not in STATUSES:
            problems.append(f"{entry['id']}: unknown status {status!r}")
        if (status == "nonconformity") != (grade in GRADES) or (grade is not None and grade not in GRADES):
            problems.append(f"{entry['id']}: grade {grade!r} does not fit status {status!r}")
        if not isinstance(why, str) or not why.strip():
            problems.append(f"{entry['id']}: no 'why'")
        if set(entry) - {"id", "status", "grade", "why"}:
            problems.append(f"{entry['id']}: unknown keys {sorted(set(entry) - {'id', 'status', 'grade', 'why'})}")
    majors = sum(1 for entry in entries if entry.get("grade") == "major")
    if majors > expected["majors"]:
        problems.append(f"{majors} requirements are expected major, but majors is {expected['majors']}")
    written = sum(1 for entry in entries if entry.get("status") in WRITTEN)
    if written > expected["max_findings"]:
        problems.append(f"{written} requirements expect a finding, but max_findings is {expected['max_findings']}")
    assert not problems, f"{name}/expected.yaml:\n  " + "\n  ".join(problems)


# -- loading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_loads_without_the_new_fields(name: str) -> None:
    """With issue 9's new fields (covers, valid_until, edition) left out, the file loads cleanly with today's loader."""
    text = (CORPUS / name / "organization.yaml").read_text(encoding="utf-8")
    pattern = re.compile(r"^\s*(" + "|".join(NEW_FIELDS) + r"):.*\n", re.MULTILINE)
    used = {m.group(1) for m in pattern.finditer(text)}
    assert used == USES_NEW_FIELDS[name], (
        f"{name} uses {sorted(used)}; USES_NEW_FIELDS says {sorted(USES_NEW_FIELDS[name])}"
    )
    org = iso.loads(pattern.sub("", text), format="yaml")
    assert org.name


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_loads(name: str) -> None:
    """The organization file loads cleanly, new fields included."""
    org = iso.load(CORPUS / name / "organization.yaml")
    assert org.name == _expected(name)["organization"]


# -- the assessment against the expectations ----------------------------------------------------


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_every_requirement_is_judged_as_the_auditor_expects(name: str) -> None:
    """Every requirement gets the status and grade the auditor expects; all differences are reported at once."""
    assessment = _assessment(name)
    expectations = _expectations(name)
    results = {r.requirement.id: r for r in assessment.results}
    rows: list[tuple[str, str, str, str, list[str], str]] = []
    for requirement, entry in expectations.items():
        expected = _verdict(entry["status"], entry.get("grade"))
        result = results.get(requirement)
        if result is None:
            rows.append((requirement, expected, "(not in the assessment)", entry["why"], [], ""))
            continue
        actual = _verdict(_value(result.status), _value(result.grade))
        if actual != expected:
            findings = [_finding_line(f) for f in result.findings]
            rows.append((requirement, expected, actual, entry["why"], findings, result.note))
    for requirement, result in results.items():
        if requirement not in expectations:
            actual = _verdict(_value(result.status), _value(result.grade))
            findings = [_finding_line(f) for f in result.findings]
            rows.append((requirement, "(no expectation)", actual, "", findings, result.note))
    if rows:
        pytest.fail(_table(name, rows, len(set(expectations) | set(results))), pytrace=False)


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_major_nonconformities_are_as_many_as_expected(name: str) -> None:
    """The assessment writes exactly the number of major nonconformities the auditor expects."""
    majors = [f for f in _assessment(name).findings if _value(f.grade) == "major"]
    expected = _expected(name)["majors"]
    listing = "\n".join(f"  {f.requirement} ({f.clause}) {_finding_line(f)}" for f in majors) or "  (none)"
    assert len(majors) == expected, f"{name}: {len(majors)} major findings, the auditor expects {expected}:\n{listing}"


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_no_more_findings_than_an_auditor_writes(name: str) -> None:
    """Nonconformities, observations and opportunities together stay within the auditor's max_findings."""
    written = [f for f in _assessment(name).findings if _value(f.status) in WRITTEN]
    limit = _expected(name)["max_findings"]
    listing = "\n".join(f"  {f.requirement} ({f.clause}) {_finding_line(f)}" for f in written) or "  (none)"
    assert len(written) <= limit, (
        f"{name}: {len(written)} findings written, the auditor writes at most {limit}:\n{listing}"
    )
