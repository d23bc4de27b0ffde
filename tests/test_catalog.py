"""Tests for the requirement catalog: shipped data, editions, lookups, user catalogs and plug-ins."""

from __future__ import annotations

import importlib.metadata
import itertools
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership._names import ID_PATTERN
from iso9001_leadership.catalog import (
    DEFAULT_EDITION,
    EDITIONS,
    PLUGIN_GROUP,
    Catalog,
    CatalogError,
    Decidability,
    EvidenceGuide,
    Requirement,
    Theme,
    UnknownRequirementError,
    clause_key,
    load_requirements,
    loads_requirements,
)
from iso9001_leadership.clauses import CLAUSE_PATTERN
from iso9001_leadership.exceptions import Iso9001Error

BOTH = ("2015", "2026")


def _letters(stem: str, last: str) -> list[str]:
    return [f"{stem} {chr(c)}" for c in range(ord("a"), ord(last) + 1)]


#: Clause ids the brief asks for, by the editions that must have them.
EXPECTED_CLAUSES: list[tuple[str, tuple[str, ...]]] = [
    ("4.1", BOTH),
    ("4.2", BOTH),
    *[(c, BOTH) for c in _letters("4.4.1", "h")],
    *[(c, BOTH) for c in _letters("5.1.1", "j")],
    ("5.1.1 k", ("2026",)),
    *[(c, BOTH) for c in _letters("5.1.2", "c")],
    *[(c, BOTH) for c in _letters("5.2.1", "d")],
    *[(c, BOTH) for c in _letters("5.2.2", "c")],
    ("5.3", BOTH),
    *[(c, BOTH) for c in _letters("5.3", "e")],
    ("6.1.1", BOTH),
    ("6.1.2 a", ("2015",)),
    ("6.1.2 b 1", ("2015",)),
    ("6.1.2 b 2", ("2015",)),
    ("6.1.2", ("2026",)),
    ("6.1.3", ("2026",)),
    *[(c, BOTH) for c in _letters("6.2.1", "g")],
    *[(c, BOTH) for c in _letters("6.2.2", "e")],
    ("7.1.1", BOTH),
    *[(c, BOTH) for c in _letters("7.3", "d")],
    ("7.3 e", ("2026",)),
    *[(c, BOTH) for c in _letters("7.4", "e")],
    ("9.2.2 c", BOTH),
    ("9.3.1", BOTH),
    *[(c, BOTH) for c in _letters("9.3.2", "f")],
    ("9.3.3", BOTH),
    *[(c, BOTH) for c in _letters("9.3.3", "c")],
]

#: Clauses marked (u) in the reference: unconfirmed in the 2015 catalog.
UNCONFIRMED_2015 = ("4.4.1", "6.2.2", "7.1.1", "7.3", "7.4", "9.3.2", "9.3.3")


def make_requirement(id: str = "acme.rule", clause: str = "ACME 1", **changes: Any) -> Requirement:
    """A valid requirement of our own, with ``changes`` applied."""
    fields: dict[str, Any] = {
        "id": id,
        "clause": clause,
        "title": "Acme rules",
        "summary": "Something Acme asks of itself.",
        "theme": Theme.ACCOUNTABILITY,
        "evidence": EvidenceGuide(documents=("a record",)),
    }
    fields.update(changes)
    return Requirement(**fields)


ENTRY = """\
requirements:
  - id: acme.rule
    clauses: {"2015": "ACME 1", "2026": "ACME 1"}
    title: Acme rules
    summary: Something Acme asks of itself.
    theme: accountability
    evidence:
      documents: [a record]
    decidable: evidence
"""


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    """The shipped catalog of every edition."""
    return {edition: Catalog.builtin(edition) for edition in EDITIONS}


# --- the shipped data --------------------------------------------------------------------------


@pytest.mark.parametrize(("clause", "editions"), EXPECTED_CLAUSES)
def test_clause_present_in_the_right_editions(
    catalogs: dict[str, Catalog], clause: str, editions: tuple[str, ...]
) -> None:
    """Every clause the catalog must cover is there in its editions and absent from the others."""
    for edition in EDITIONS:
        assert (clause in catalogs[edition].clauses()) == (edition in editions), edition


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_clause_beyond_the_expected(catalogs: dict[str, Catalog], edition: str) -> None:
    """The catalog holds exactly the expected clause ids, in natural order."""
    expected = [c for c, editions in EXPECTED_CLAUSES if edition in editions]
    assert list(catalogs[edition].clauses()) == sorted(expected, key=clause_key)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_entry_is_complete(catalogs: dict[str, Catalog], edition: str) -> None:
    """Every requirement has a summary, evidence, a theme, a valid id and a clause id the model accepts."""
    for req in catalogs[edition]:
        assert req.summary.strip()
        assert req.title.strip()
        assert req.evidence.model or req.evidence.documents
        assert isinstance(req.theme, Theme)
        assert isinstance(req.decidable, Decidability)
        assert ID_PATTERN.match(req.id), req.id
        assert CLAUSE_PATTERN.match(req.clause), req.clause
        assert req.origin == "builtin"
        assert req.applies_to(edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_ids_are_unique(catalogs: dict[str, Catalog], edition: str) -> None:
    """No two requirements of an edition share an id or a clause id."""
    catalog = catalogs[edition]
    assert len(set(catalog.ids)) == len(catalog)
    assert len(catalog.clauses()) == len(catalog)


def test_summaries_are_paraphrases() -> None:
    """No summary uses the standard's drafting verbs, a cheap guard against pasted ISO text."""
    for edition in EDITIONS:
        for req in Catalog.builtin(edition):
            assert " shall " not in f" {req.summary} ", req.id


def test_every_theme_is_used() -> None:
    """Each seed theme has at least one requirement."""
    themes = {req.theme for req in Catalog.builtin()}
    assert themes == set(Theme)


def test_2026_adds_quality_culture_to_leadership_and_awareness(catalogs: dict[str, Catalog]) -> None:
    """The 2026 catalog asks for quality culture in 5.1.1 and 7.3; the 2015 one does not."""

    def culture(edition: str, clause: str) -> list[str]:
        return [r.clause for r in catalogs[edition].select(clause=clause) if "quality culture" in r.summary]

    assert culture("2026", "5.1.1") == ["5.1.1 i"]
    assert culture("2026", "7.3") == ["7.3 e"]
    assert culture("2015", "5.1.1") == []
    assert culture("2015", "7.3") == []


@pytest.mark.parametrize(
    ("id", "clause_2015", "clause_2026"),
    [
        ("leadership.accountability", "5.1.1 a", "5.1.1 a"),
        ("leadership.engage-people", "5.1.1 h", "5.1.1 h"),
        ("leadership.improvement", "5.1.1 i", "5.1.1 j"),
        ("leadership.support-managers", "5.1.1 j", "5.1.1 k"),
        ("context.climate", "4.1", "4.1"),
        ("planning.risks-determined", "6.1.1", "6.1.1"),
    ],
)
def test_ids_are_stable_across_editions(
    catalogs: dict[str, Catalog], id: str, clause_2015: str, clause_2026: str
) -> None:
    """A requirement keeps its id when the 2026 edition re-letters its clause."""
    assert catalogs["2015"][id].clause == clause_2015
    assert catalogs["2026"][id].clause == clause_2026
    assert catalogs["2015"][id].editions == ("2015", "2026")


def test_unconfirmed_letters_are_marked(catalogs: dict[str, Catalog]) -> None:
    """Clauses marked (u) in the reference are unconfirmed in 2015; the others are not."""
    for req in catalogs["2015"]:
        expected = any(req.clause.split(" ")[0] == stem for stem in UNCONFIRMED_2015)
        assert req.unconfirmed == expected, req.clause
    new_in_2026 = ["leadership.quality-culture", "awareness.quality-culture", "planning.risk-actions"]
    assert all(catalogs["2026"][id].unconfirmed for id in new_in_2026)


def test_only_the_climate_note_is_informative(catalogs: dict[str, Catalog]) -> None:
    """The 4.2 climate note is informative; every other entry is a requirement."""
    for edition in EDITIONS:
        assert [r.clause for r in catalogs[edition] if r.informative] == ["4.2"]


def test_supersedes_names_known_requirements(catalogs: dict[str, Catalog]) -> None:
    """Every id a 2026 requirement takes over exists in the 2015 catalog and not in 2026."""
    for req in catalogs["2026"]:
        for old in req.supersedes:
            assert old in catalogs["2015"]
            assert old not in catalogs["2026"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_titles(edition: str) -> None:
    """Each catalog says what its edition stands for and whether it is provisional."""
    catalog = Catalog.builtin(edition)
    assert ("Amendment 1:2024" in catalog.title) == (edition == "2015")
    assert catalog.provisional == (edition == "2026")


def test_default_edition_is_2015_with_amendment() -> None:
    """Without an edition the catalog is ISO 9001:2015 with Amendment 1:2024."""
    assert DEFAULT_EDITION == "2015"
    assert Catalog.builtin() == Catalog.builtin("2015")
    assert Catalog().edition == "2015"


@pytest.mark.parametrize(("edition", "hint"), [("2016", "expected one of"), (2015, "write it as text"), (None, "")])
def test_unknown_edition_is_refused(edition: Any, hint: str) -> None:
    """An edition the catalog does not know raises CatalogError, a ValueError, naming the known ones."""
    with pytest.raises(CatalogError, match="unknown edition") as info:
        Catalog.builtin(edition)
    assert hint in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, Iso9001Error)


# --- edition differences --------------------------------------------------------------------


def test_diff_editions_2015_to_2026() -> None:
    """The diff says what 2026 adds, removes, re-letters and changes."""
    diff = Catalog.diff_editions("2015", "2026")
    assert (diff.old, diff.new) == ("2015", "2026")
    assert [r.id for r in diff.added] == [
        "leadership.quality-culture",
        "planning.risk-actions",
        "planning.opportunity-actions",
        "awareness.quality-culture",
    ]
    assert [r.clause for r in diff.removed] == ["6.1.2 a", "6.1.2 b 1", "6.1.2 b 2"]
    assert [(m.id, m.old_clause, m.new_clause) for m in diff.renumbered] == [
        ("leadership.improvement", "5.1.1 i", "5.1.1 j"),
        ("leadership.support-managers", "5.1.1 j", "5.1.1 k"),
    ]
    assert [r.id for r in diff.changed] == ["context.climate", "planning.risks-determined"]


def test_diff_is_symmetric() -> None:
    """Diffing backwards swaps added and removed and reverses each renumbering."""
    forward = Catalog.diff_editions("2015", "2026")
    backward = Catalog.diff_editions("2026", "2015")
    assert {r.id for r in backward.added} == {r.id for r in forward.removed}
    assert {r.id for r in backward.removed} == {r.id for r in forward.added}
    assert {(m.id, m.new_clause, m.old_clause) for m in backward.renumbered} == {
        (m.id, m.old_clause, m.new_clause) for m in forward.renumbered
    }


def test_diff_of_an_edition_with_itself_is_empty() -> None:
    """An edition does not differ from itself."""
    diff = Catalog.diff_editions("2026", "2026")
    assert diff.added == diff.removed == diff.renumbered == diff.changed == ()
    assert diff.describe() == "2026 -> 2026"


def test_diff_describe_is_stable_text() -> None:
    """The diff renders as one line per difference, the same every time."""
    text = Catalog.diff_editions().describe()
    assert text == Catalog.diff_editions().describe()
    assert text.splitlines()[0] == "2015 -> 2026"
    assert "  renumbered  5.1.1 i -> 5.1.1 j    leadership.improvement" in text.splitlines()
    assert any(line.startswith("  added       6.1.3") and "takes over" in line for line in text.splitlines())


# --- lookup, iteration, selection -----------------------------------------------------------


def test_lookup_by_id(catalogs: dict[str, Catalog]) -> None:
    """A requirement is found by id; get() and ``in`` agree with it."""
    catalog = catalogs["2015"]
    req = catalog["roles.qms-conformity"]
    assert req.clause == "5.3 a"
    assert catalog.get("roles.qms-conformity") is req
    assert "roles.qms-conformity" in catalog
    assert catalog.get("nope") is None
    assert "nope" not in catalog


def test_unknown_id_suggests_the_nearest() -> None:
    """Looking up an unknown id raises UnknownRequirementError, a KeyError, with a suggestion."""
    with pytest.raises(UnknownRequirementError, match=r"did you mean 'leadership\.accountability'") as info:
        Catalog.builtin()["leadership.acountability"]
    assert isinstance(info.value, KeyError)
    assert info.value.id == "leadership.acountability"


@pytest.mark.parametrize("edition", EDITIONS)
def test_iteration_is_in_clause_order(catalogs: dict[str, Catalog], edition: str) -> None:
    """Iterating a catalog gives its requirements in natural clause order."""
    reqs = list(catalogs[edition])
    assert reqs == sorted(reqs, key=lambda r: clause_key(r.clause))
    assert [r.clause for r in reqs][:3] == ["4.1", "4.2", "4.4.1 a"]
    assert reqs[-1].clause == "9.3.3 c"


def test_order_does_not_depend_on_input_order() -> None:
    """A catalog built from shuffled requirements equals the shipped one."""
    builtin = Catalog.builtin()
    assert Catalog("2015", reversed(builtin.requirements)) == builtin


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"clause": "5.2.2"}, ["5.2.2 a", "5.2.2 b", "5.2.2 c"]),
        ({"clause": "5.3"}, ["5.3", "5.3 a", "5.3 b", "5.3 c", "5.3 d", "5.3 e"]),
        ({"clause": "5.3 a"}, ["5.3 a"]),
        ({"clause": "6.1"}, ["6.1.1", "6.1.2 a", "6.1.2 b 1", "6.1.2 b 2"]),
        ({"theme": Theme.CUSTOMER_FOCUS, "clause": "5"}, ["5.1.2 a", "5.1.2 b", "5.1.2 c"]),
        ({"theme": "resources", "clause": "9"}, ["9.3.2 d", "9.3.3 c"]),
        ({"decidable": "model", "clause": "7.4"}, ["7.4 a", "7.4 b", "7.4 c", "7.4 d", "7.4 e"]),
        ({"clause": "8"}, []),
    ],
)
def test_select(catalogs: dict[str, Catalog], criteria: dict[str, Any], expected: list[str]) -> None:
    """select() keeps the requirements matching every criterion, by clause prefix, theme and decidability."""
    selected = catalogs["2015"].select(**criteria)
    assert [r.clause for r in selected] == expected
    assert selected.edition == "2015"


def test_select_by_clause_respects_number_boundaries() -> None:
    """Selecting clause 5.1 does not pick 5.10 or 5.11."""
    catalog = Catalog(
        "2015", [make_requirement("a", "5.1.1 a"), make_requirement("b", "5.10"), make_requirement("c", "5.11")]
    )
    assert [r.id for r in catalog.select(clause="5.1")] == ["a"]
    assert [r.id for r in catalog] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("criteria", "message"),
    [({"theme": "custmer_focus"}, "did you mean 'customer_focus'"), ({"decidable": "maybe"}, "unknown decidable")],
)
def test_select_refuses_unknown_values(criteria: dict[str, Any], message: str) -> None:
    """An unknown theme or decidability value raises CatalogError with the allowed values."""
    with pytest.raises(CatalogError, match=message):
        Catalog.builtin().select(**criteria)


def test_catalog_repr_is_short() -> None:
    """A catalog's repr names its edition and size, not every requirement."""
    assert repr(Catalog.builtin("2026")) == f"<Catalog 2026: {len(Catalog.builtin('2026'))} requirements>"


# --- requirements built in Python --------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"id": "has space"}, "id"),
        ({"clause": ""}, "clause"),
        ({"title": " padded "}, "title"),
        ({"summary": "   "}, "summary"),
        ({"theme": "accountability"}, "theme"),
        ({"decidable": "model"}, "decidable"),
        ({"evidence": EvidenceGuide()}, "evidence"),
        ({"evidence": EvidenceGuide(model=("",))}, "evidence.model[0]"),
        ({"editions": ("2015", "2020")}, "editions"),
        ({"editions": ()}, "editions"),
        ({"supersedes": ("bad id",)}, "supersedes[0]"),
        ({"editions": ("2015",), "changed_in": ("2026",)}, "changed_in"),
    ],
)
def test_requirement_refuses_bad_fields(changes: dict[str, Any], path: str) -> None:
    """A requirement with an empty, mistyped or unknown field raises CatalogError naming the field."""
    with pytest.raises(CatalogError) as info:
        make_requirement(**changes)
    assert path in [p.path for p in info.value.problems]


def test_requirement_editions_are_ordered() -> None:
    """Editions given in any order are kept oldest first."""
    assert make_requirement(editions=["2026", "2015"]).editions == ("2015", "2026")


# --- extending ----------------------------------------------------------------------------------


def test_extend_adds_requirements_in_clause_order() -> None:
    """extend() returns a new catalog holding the additions in clause order, leaving the old one alone."""
    builtin = Catalog.builtin()
    extended = builtin.extend([make_requirement("acme.b", "5.1.1 a 1"), make_requirement("acme.a", "ACME 1")])
    assert len(extended) == len(builtin) + 2
    ids = extended.ids
    assert ids[ids.index("leadership.accountability") + 1] == "acme.b"
    assert ids[-1] == "acme.a"
    assert "acme.a" not in builtin


@pytest.mark.parametrize(
    ("additions", "message"),
    [
        (
            [make_requirement("leadership.accountability")],
            r"duplicate requirement id 'leadership.accountability': already in the catalog \(builtin, clause 5.1.1 a\)",
        ),
        ([make_requirement("x"), make_requirement("x")], "duplicate requirement id 'x'"),
        ([make_requirement(editions=("2026",))], "does not apply to edition '2015'"),
        (["not a requirement"], "not a Requirement"),
    ],
)
def test_extend_refuses_bad_additions(additions: list[Any], message: str) -> None:
    """extend() refuses duplicate ids, requirements of another edition and other objects, by index."""
    with pytest.raises(CatalogError, match=message) as info:
        Catalog.builtin().extend(additions)
    assert info.value.problems[-1].path == f"[{len(additions) - 1}]"


def test_constructor_refuses_duplicates() -> None:
    """A catalog cannot be built with two requirements of the same id."""
    with pytest.raises(CatalogError, match="duplicate requirement id 'x'"):
        Catalog("2015", [make_requirement("x"), make_requirement("x", "ACME 2")])


# --- catalog files ----------------------------------------------------------------------------


def test_extend_from_file(tmp_path: Path) -> None:
    """A user catalog file adds its entries of the catalog's edition, with the file as origin."""
    path = tmp_path / "acme.yaml"
    only_2026 = textwrap.indent(
        textwrap.dedent("""\
            - id: acme.only-2026
              clauses: {"2026": "ACME 2"}
              title: Acme rules
              summary: Only for the new edition.
              theme: integration
              evidence: {model: [a process]}
              decidable: model
        """),
        "  ",
    )
    path.write_text(ENTRY + only_2026, encoding="utf-8")
    extended = Catalog.builtin("2015").extend_from(path)
    assert extended["acme.rule"].origin == str(path)
    assert "acme.only-2026" not in extended
    assert Catalog.builtin("2026").extend_from(path)["acme.only-2026"].clause == "ACME 2"


def test_load_requirements_reads_a_file(tmp_path: Path) -> None:
    """load_requirements() reads the requirements of one edition from a file."""
    path = tmp_path / "acme.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    [req] = load_requirements(path, edition="2026")
    assert (req.id, req.clause, req.decidable, req.editions) == ("acme.rule", "ACME 1", Decidability.EVIDENCE, BOTH)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    """A file that is not UTF-8 raises CatalogError naming the file."""
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"requirements: [\xff]")
    with pytest.raises(CatalogError, match="not UTF-8") as info:
        load_requirements(path)
    assert info.value.source == str(path)


def test_duplicate_of_builtin_in_file_is_located(tmp_path: Path) -> None:
    """A file entry reusing a shipped id is refused with the file, path and line of its id."""
    path = tmp_path / "acme.yaml"
    path.write_text(ENTRY.replace("acme.rule", "policy.documented"), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        Catalog.builtin().extend_from(path)
    [problem] = info.value.problems
    assert (problem.path, problem.line, problem.column) == ("requirements[0].id", 2, 9)
    assert "already in the catalog (builtin, clause 5.2.2 a)" in problem.message
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "message"),
    [
        ("    title: Acme rules\n", "    titel: Acme rules\n", "requirements[0].titel", 4, "unknown field 'titel'"),
        ("    title: Acme rules\n", "", "requirements[0].title", 2, "required field 'title' is missing"),
        ('"2026": "ACME 1"', '"2062": "ACME 1"', "requirements[0].clauses.2062", 3, "unknown edition '2062'"),
        ('"2026": "ACME 1"', '2026: "ACME 1"', "requirements[0].clauses", 3, "a key must be text"),
        ('"ACME 1", "2026"', '7.3, "2026"', "requirements[0].clauses.2015", 3, "not text"),
        ("theme: accountability", "theme: leadership", "requirements[0].theme", 6, "not a valid Theme"),
        ("decidable: evidence", "decidable: yes", "requirements[0].decidable", 9, "not a valid Decidability"),
        ("      documents: [a record]\n", "      documents: []\n", "requirements[0].evidence", 8, "says nothing"),
        (
            "    summary: Something Acme asks of itself.\n",
            "    summary: ''\n",
            "requirements[0].summary",
            5,
            "must not be empty",
        ),
        (
            "    decidable: evidence\n",
            "    decidable: evidence\n    unconfirmed: ['2026', '2099']\n",
            "requirements[0].unconfirmed[1]",
            10,
            "has no clause id",
        ),
        (
            "    decidable: evidence\n",
            "    decidable: evidence\n    decidable: model\n",
            "requirements[0].decidable",
            10,
            "duplicate key",
        ),
        (
            "    decidable: evidence\n",
            "    decidable: evidence\n    changed_in: ['2099']\n",
            "requirements[0].changed_in[0]",
            10,
            "has no clause id",
        ),
        ("  - id: acme.rule", "  - id: acme rule", "requirements[0].id", 2, "not a valid requirement id"),
        ("requirements:", "requirement:", "requirement", 1, "unknown field 'requirement'"),
    ],
)
def test_bad_catalog_text_is_reported_with_path_and_line(
    old: str, new: str, path: str, line: int, message: str
) -> None:
    """Every kind of mistake in a catalog file is reported with its path and line."""
    text = ENTRY.replace(old, new)
    assert text != ENTRY
    with pytest.raises(CatalogError) as info:
        loads_requirements(text, source="acme.yaml")
    found = [(p.path, p.line) for p in info.value.problems if message in p.message]
    assert found == [(path, line)], info.value.problems
    assert str(info.value).startswith("acme.yaml: ")


def test_duplicate_ids_in_one_file_are_reported() -> None:
    """An id given twice in one file is refused at its second place, naming the first line."""
    text = ENTRY + ENTRY.replace("requirements:\n", "").replace("ACME 1", "ACME 2")
    with pytest.raises(CatalogError, match=r"duplicate requirement id 'acme.rule' \(first given on line 2\)") as info:
        loads_requirements(text)
    assert [(p.path, p.line) for p in info.value.problems] == [("requirements[1].id", 10)]


def test_unknown_edition_is_reported_beside_structural_problems() -> None:
    """An unknown edition is reported even when the same entry has other, structural, problems."""
    text = ENTRY.replace("title:", "titel:").replace('"2026"', '"2062"')
    with pytest.raises(CatalogError) as info:
        loads_requirements(text)
    assert {p.path for p in info.value.problems} == {
        "requirements[0].title",
        "requirements[0].titel",
        "requirements[0].clauses.2062",
    }


def test_later_entries_are_checked_after_a_broken_one() -> None:
    """A broken entry does not hide the problems of the entries after it."""
    text = ENTRY.replace("theme: accountability", "theme: 7") + ENTRY.replace("requirements:\n", "").replace(
        "summary: Something Acme asks of itself.", "summary: ''"
    )
    with pytest.raises(CatalogError) as info:
        loads_requirements(text)
    assert [p.path for p in info.value.problems] == ["requirements[0].theme", "requirements[1].summary"]


def test_all_problems_are_reported_at_once() -> None:
    """A file with several mistakes reports every one, in line order."""
    text = ENTRY.replace("title:", "titel:").replace("theme: accountability", "theme: nope")
    with pytest.raises(CatalogError) as info:
        loads_requirements(text)
    lines = [p.line for p in info.value.problems]
    assert len(lines) == 3  # missing title, unknown titel, bad theme
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the document is empty"),
        ("# only a comment\n", "the document is empty"),
        ("- a list\n", "not a mapping"),
        ("requirements: [", "not valid YAML"),
        ("requirements: nope\n", "not a list"),
        ("requirements:\n  - !!python/object:os.system {}\n", "is not allowed"),
    ],
)
def test_malformed_catalog_documents(text: str, message: str) -> None:
    """Empty, non-mapping, unreadable or unsafe documents raise CatalogError."""
    with pytest.raises(CatalogError, match=message):
        loads_requirements(text)


def test_entries_of_other_editions_are_skipped() -> None:
    """loads_requirements() returns only the entries that give a clause for the edition asked."""
    text = ENTRY.replace('"2015": "ACME 1", ', "")
    assert loads_requirements(text, edition="2015") == ()
    assert [r.clause for r in loads_requirements(text, edition="2026")] == ["ACME 1"]


def test_unconfirmed_is_per_edition() -> None:
    """An entry's unconfirmed editions mark only those editions' requirements."""
    text = ENTRY.replace("    decidable: evidence\n", "    decidable: evidence\n    unconfirmed: ['2026']\n")
    assert not loads_requirements(text, edition="2015")[0].unconfirmed
    assert loads_requirements(text, edition="2026")[0].unconfirmed


# --- plug-ins -----------------------------------------------------------------------------------


@attrs.frozen
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint."""

    name: str
    target: Any
    value: str = "fake.module:requirements"
    group: str = PLUGIN_GROUP

    def load(self) -> Any:
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


def install(monkeypatch: pytest.MonkeyPatch, *entry_points: FakeEntryPoint) -> None:
    """Make importlib.metadata report ``entry_points`` for the plug-in group only."""

    def fake(**params: Any) -> list[FakeEntryPoint]:
        assert params == {"group": PLUGIN_GROUP}
        return list(entry_points)

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)


def sector_rules(edition: str) -> list[Requirement]:
    """A plug-in adding one sector requirement to every edition."""
    return [make_requirement("iatf.customer-specific", f"IATF 5.1.1.1 ({edition})")]


def test_plugins_add_requirements(monkeypatch: pytest.MonkeyPatch) -> None:
    """With plugins=True, the entry points' requirements join the shipped ones, with their origin."""
    install(monkeypatch, FakeEntryPoint("iatf", sector_rules))
    assert "iatf.customer-specific" not in Catalog.builtin()
    catalog = Catalog.builtin("2026", plugins=True)
    req = catalog["iatf.customer-specific"]
    assert (req.clause, req.origin) == ("IATF 5.1.1.1 (2026)", "plug-in iatf")
    assert len(catalog) == len(Catalog.builtin("2026")) + 1


def test_plugins_are_applied_in_name_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plug-ins run in entry point name order, so a duplicate is blamed on the later one."""

    def other(edition: str) -> list[Requirement]:
        return [make_requirement("iatf.customer-specific", "X 1")]

    install(monkeypatch, FakeEntryPoint("zeta", other), FakeEntryPoint("alpha", sector_rules))
    with pytest.raises(CatalogError, match="already in the catalog \\(plug-in alpha") as info:
        Catalog.builtin(plugins=True)
    assert info.value.problems[0].path == "plug-in zeta[0]"


def _raises(edition: str) -> list[Requirement]:
    raise RuntimeError("database down")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (ImportError("No module named 'fake'"), "cannot be loaded: ImportError"),
        ("not callable", "loads str, not a callable"),
        (_raises, "failed for edition '2015': RuntimeError: database down"),
        (lambda edition: [42], "not a Requirement"),
        (lambda edition: [make_requirement(editions=("2026",))], "does not apply to edition '2015'"),
        (lambda edition: [make_requirement("policy.documented")], "duplicate requirement id 'policy.documented'"),
    ],
)
def test_bad_plugins_raise_catalog_error(monkeypatch: pytest.MonkeyPatch, target: Any, message: str) -> None:
    """A plug-in that cannot load, is not callable, fails, or returns bad requirements raises CatalogError."""
    install(monkeypatch, FakeEntryPoint("broken", target))
    with pytest.raises(CatalogError, match=message):
        Catalog.builtin(plugins=True)


def test_plugin_from_an_installed_distribution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A distribution declaring the entry point group is found on sys.path and its catalog file read."""
    module = "acme_catalog_plugin_for_tests"
    (tmp_path / f"{module}.py").write_text(
        textwrap.dedent(f"""\
            from iso9001_leadership.catalog import loads_requirements

            RULES = {ENTRY!r}

            def requirements(edition):
                return loads_requirements(RULES, edition=edition, source="acme rules")
        """),
        encoding="utf-8",
    )
    dist_info = tmp_path / "acme_catalog_plugin_for_tests-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-catalog-plugin-for-tests\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(f"[{PLUGIN_GROUP}]\nacme = {module}:requirements\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        catalog = Catalog.builtin(plugins=True)
    finally:
        sys.modules.pop(module, None)
    assert catalog["acme.rule"].origin == "acme rules"
    assert "acme.rule" not in Catalog.builtin(plugins=False)


# --- natural sort -------------------------------------------------------------------------------

clause_like = st.lists(
    st.one_of(st.integers(0, 120).map(str), st.sampled_from(["a", "b", "j", "k", "note", "A"])),
    min_size=1,
    max_size=5,
).flatmap(
    lambda parts: st.tuples(*[st.sampled_from([".", " ", "-"]) for _ in parts]).map(
        lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True))[:-1]
    )
)
clause_text = st.one_of(clause_like, st.text(max_size=12))


@given(clause_text, clause_text)
def test_clause_key_is_a_total_order(a: str, b: str) -> None:
    """For any two clause ids exactly one of <, =, > holds, and = only for equal ids."""
    ka, kb = clause_key(a), clause_key(b)
    assert [ka < kb, ka == kb, ka > kb].count(True) == 1
    assert (ka == kb) == (a == b)


@given(clause_text, clause_text, clause_text)
def test_clause_key_is_transitive(a: str, b: str, c: str) -> None:
    """If a sorts before b and b before c, then a sorts before c."""
    x, y, z = sorted([a, b, c], key=clause_key)
    assert clause_key(x) <= clause_key(y) <= clause_key(z)
    assert clause_key(x) <= clause_key(z)


@given(st.lists(clause_text, max_size=12), st.randoms())
def test_sorting_is_stable_under_shuffling(items: list[str], random: Any) -> None:
    """Sorting clause ids gives the same list whatever order they came in."""
    shuffled = list(items)
    random.shuffle(shuffled)
    assert sorted(shuffled, key=clause_key) == sorted(items, key=clause_key)


@given(st.lists(st.integers(0, 50), min_size=1, max_size=4), st.lists(st.integers(0, 50), min_size=1, max_size=4))
def test_numbers_compare_as_numbers(a: list[int], b: list[int]) -> None:
    """Dotted numbers sort like tuples of integers (5.2 < 5.10), a parent before its children."""
    sa, sb = ".".join(map(str, a)), ".".join(map(str, b))
    if a != b:
        assert (clause_key(sa) < clause_key(sb)) == (a < b)


@pytest.mark.parametrize(
    "ordered",
    [
        ["4.4.1", "5.1.1 a", "5.1.1 b", "5.1.2", "5.10"],
        ["5.3", "5.3 a", "5.3 e", "6.1.1"],
        ["6.1.2", "6.1.2 a", "6.1.2 b 1", "6.1.2 b 2", "6.1.3"],
        ["9.3.2 f", "9.3.3", "9.3.3 a"],
        ["5.1.1 9", "5.1.1 a", "5.1.1 j", "5.1.1 k"],
    ],
)
def test_clause_key_examples(ordered: list[str]) -> None:
    """Known clause ids sort in the standard's reading order."""
    for permutation in itertools.permutations(ordered):
        assert sorted(permutation, key=clause_key) == ordered


# --- the documentation --------------------------------------------------------------------------


def catalog_table() -> str:
    """The requirement table of docs/catalog.md, generated from the shipped data."""
    old, new = Catalog.builtin("2015"), Catalog.builtin("2026")
    ids = list(old.ids) + [id for id in new.ids if id not in old]

    def where(catalog: Catalog, id: str) -> str:
        req = catalog.get(id)
        return "—" if req is None else req.clause + (" (u)" if req.unconfirmed else "")

    def order(id: str) -> tuple[Any, str]:
        return clause_key((old.get(id) or new[id]).clause), id

    rows = ["| Id | 2015 | 2026 | Theme | Decidable |", "|---|---|---|---|---|"]
    for id in sorted(ids, key=order):
        req = old.get(id) or new[id]
        rows.append(f"| `{id}` | {where(old, id)} | {where(new, id)} | {req.theme.value} | {req.decidable.value} |")
    return "\n".join(rows) + "\n"


def test_docs_table_matches_the_data() -> None:
    """docs/catalog.md lists exactly the shipped requirements, with their clause ids, themes and hints."""
    docs = (Path(__file__).parents[1] / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert catalog_table() in docs


def test_the_shipped_catalog_reads_the_same_through_the_strict_reader() -> None:
    """The quick read of the shipped catalog (libyaml, no positions) gives what the strict reader gives, without a problem."""
    from iso9001_leadership.catalog._files import BUILTIN_FILE, _builtin_text, _parse, builtin_entries

    strict, _ = _parse(
        _builtin_text(), BUILTIN_FILE
    )  # raises CatalogError on any problem: duplicate keys, unknown fields
    assert builtin_entries() == strict
    assert len(strict) > 50
