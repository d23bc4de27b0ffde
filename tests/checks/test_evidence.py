"""Evidence that cannot be box-ticked: exact citations, record kinds, validity, editions."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.assessment._orgs import AS_OF, complete

import iso9001_leadership as iso
from iso9001_leadership import Evidence, EvidenceKind
from iso9001_leadership.catalog import Catalog
from iso9001_leadership.checks._evidence import EvidenceIndex

NE, OK = iso.Status.NEEDS_EVIDENCE, iso.Status.CONFORMS


def _index(*records: Evidence, edition: str = "2015") -> EvidenceIndex:
    org = iso.Organization(name="Acme", evidence=records)
    return EvidenceIndex.build(org, as_of=AS_OF, catalog=Catalog.builtin(edition))


def _record(*clauses: str, **fields: object) -> Evidence:
    return Evidence(id=str(fields.pop("id", "ev")), title="A record", clauses=clauses, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cited", "requirement", "settles"),
    [
        ("awareness.policy", "awareness.policy", True),
        ("7.3 a", "awareness.policy", True),
        ("7.3", "awareness.policy", False),
        ("7", "awareness.policy", False),
        ("9.3.1", "review.planned", True),
        ("9.3", "review.planned", False),
    ],
)
def test_only_the_requirement_id_or_its_exact_clause_settles_it(cited: str, requirement: str, settles: bool) -> None:
    """A parent clause settles none of its items; the id or the item's own clause does."""
    verdict = _index(_record(cited)).verdict(Catalog.builtin()[requirement])
    assert bool(verdict.settled_by) is settles
    if not settles:
        assert any("cites a clause that holds" in note for note in verdict.notes)


@pytest.mark.parametrize(
    ("kind", "settles"),
    [
        (EvidenceKind.RECORD, True),
        (EvidenceKind.MINUTES, True),
        (EvidenceKind.TRAINING, True),
        (EvidenceKind.REPORT, True),
        (EvidenceKind.PROCEDURE, False),
        (EvidenceKind.POLICY, False),
        (EvidenceKind.JOB_DESCRIPTION, False),
    ],
)
def test_a_requirement_of_activity_needs_a_record(kind: EvidenceKind, settles: bool) -> None:
    """Awareness (a record requirement) is settled by a record of it being done, never by a procedure alone."""
    verdict = _index(_record("awareness.policy", kind=kind)).verdict(Catalog.builtin()["awareness.policy"])
    assert bool(verdict.settled_by) is settles
    assert bool(verdict.notes) is not settles


def test_a_procedure_settles_a_requirement_about_documentation() -> None:
    """Where no record is asked for (5.2.1 a), a documented policy does settle it."""
    verdict = _index(_record("5.2.1 a", kind=EvidenceKind.POLICY)).verdict(Catalog.builtin()["policy.appropriate"])
    assert verdict.settled_by == ("ev",)


@pytest.mark.parametrize(
    ("valid_until", "settles"),
    [(AS_OF, True), (AS_OF + dt.timedelta(days=30), True), (AS_OF - dt.timedelta(days=1), False), (None, True)],
)
def test_stale_evidence_settles_nothing(valid_until: dt.date | None, settles: bool) -> None:
    """Evidence past its valid_until no longer counts, and the note says when it expired."""
    verdict = _index(_record("5.1.2 c", valid_until=valid_until)).verdict(
        Catalog.builtin()["customer-focus.satisfaction"]
    )
    assert bool(verdict.settled_by) is settles
    assert any("expired" in n for n in verdict.notes) is (not settles)


def test_a_clause_that_changed_meaning_between_editions_needs_its_edition() -> None:
    """5.1.1 i names different requirements in 2015 and 2026: without an edition it settles nothing and warns."""
    index = _index(_record("5.1.1 i"), edition="2026")
    assert not index.verdict(Catalog.builtin("2026")["leadership.quality-culture"]).settled_by
    assert not index.verdict(Catalog.builtin("2026")["leadership.improvement"]).settled_by
    (warning,) = index.warnings
    assert "'5.1.1 i'" in warning
    assert "2015: leadership.improvement" in warning


@pytest.mark.parametrize(
    ("edition", "settled"), [("2015", "leadership.improvement"), ("2026", "leadership.quality-culture")]
)
def test_the_evidence_edition_says_which_requirement_a_clause_means(edition: str, settled: str) -> None:
    """With its edition, a lettered clause id resolves to that edition's requirement, in any assessed edition."""
    index = _index(_record("5.1.1 i", edition=edition), edition="2026")
    assert index.verdict(Catalog.builtin("2026")[settled]).settled_by == ("ev",)
    assert index.warnings == ()


def test_box_ticking_a_quality_manual_settles_nothing() -> None:
    """One manual citing clauses 4, 5, 6, 7 and 9 leaves every evidence-only requirement needing evidence."""
    manual = Evidence(
        id="ev-manual", title="Quality manual", kind=EvidenceKind.PROCEDURE, clauses=("4", "5", "6", "7", "9")
    )
    org = complete().evolve(evidence=(manual,))
    assessment = iso.assess(org, as_of=AS_OF)
    assert assessment.score < 100.0
    assert all("ev-manual" not in r.evidence for r in assessment.results)
    assert assessment.result("awareness.policy").status is NE


def test_complete_organization_evidence_is_specific() -> None:
    """The reference organization conforms everywhere on evidence that cites what it shows (no warning)."""
    assessment = iso.assess(complete(), as_of=AS_OF)
    assert {r.status for r in assessment.results} == {OK}
    assert assessment.warnings == ()
