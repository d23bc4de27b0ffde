"""Hostile input to the integrity check: odd ids, floods of near misses, huge numbers, long values, surrogates.

Each rule is reported as a problem with its path, never as an exception or a megabyte of message,
and the check stays about linear in the size of the organization.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from iso9001_leadership import (
    Authority,
    Commitment,
    CommitmentKind,
    Exclusion,
    InvalidOrganizationError,
    LoadError,
    Organization,
    Process,
    QualityObjective,
    QualityPolicy,
    Risk,
    RiskScale,
    Role,
    UnknownIdError,
    loads,
)
from iso9001_leadership._names import ID_PATTERN, ID_SCHEMA_PATTERN, Suggester, echo, suggest
from iso9001_leadership.exceptions import Problem
from iso9001_leadership.model import Measurement, check_raw_references, find_problems, known_kinds
from iso9001_leadership.model._integrity import SUGGESTION_CAP

CEO = Role(id="ceo", title="CEO", top_management=True)
IMPROVE = CommitmentKind.CONTINUAL_IMPROVEMENT


def problems_of(**kw: Any) -> list[tuple[str, str]]:
    """(path, message) of every problem building the organization reports ([] if it builds)."""
    kw.setdefault("roles", (CEO,))
    try:
        Organization(name="Acme", **kw)
    except InvalidOrganizationError as exc:
        return [(p.path, p.message) for p in exc.problems]
    return []


# -- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element_id", "valid"),
    [
        ("ceo", True),
        ("a" * 200, True),
        ("qm/site-1:a.b_c", True),
        ("ceo\n", False),
        ("ceo\r\n", False),
        ("\nceo", False),
        ("a" * 201, False),
        ("-ceo", False),
        ("", False),
    ],
)
def test_the_id_pattern_anchors_at_the_very_end(element_id: str, valid: bool) -> None:
    """A trailing newline is not part of a valid id (``$`` would have let it through)."""
    assert bool(ID_PATTERN.match(element_id)) is valid


def test_an_id_with_a_trailing_newline_is_malformed() -> None:
    assert problems_of(roles=(CEO, Role(id="ceo\n", title="Twin"))) == [("roles[1].id", "malformed id")]


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        (
            {"roles": (CEO, Role(id="CEO", title="Twin"))},
            "roles[1].id",
            "id 'CEO' differs only in case from 'ceo', already used at roles[0].id",
        ),
        (
            {"processes": (Process(id="Ceo", name="Sales"),)},
            "processes[0].id",
            "id 'Ceo' differs only in case from 'ceo', already used at roles[0].id",
        ),
        (
            # The policy comes first in file order, so the role is the twin.
            {
                "policy": QualityPolicy(
                    id="policy", statement="We care.", commitments=(Commitment(id="CEO", kind=IMPROVE),)
                )
            },
            "roles[0].id",
            "id 'ceo' differs only in case from 'CEO', already used at policy.commitments[0].id",
        ),
        (
            {"roles": (CEO, Role(id="ceo", title="Twin"))},
            "roles[1].id",
            "duplicate id 'ceo', already used at roles[0].id",
        ),
        (
            {"roles": (CEO, Role(id="CEO", title="Twin"), Role(id="CEO", title="Triplet"))},
            "roles[2].id",
            "duplicate id 'CEO', already used at roles[1].id",
        ),
    ],
)
def test_ids_that_differ_only_in_case_are_refused(kw: dict[str, Any], path: str, message: str) -> None:
    """``CEO`` beside ``ceo`` is refused like a duplicate, naming where the first one is."""
    found = problems_of(**kw)
    assert found[-1] == (path, message)
    assert all(p != path for p, _ in found[:-1])


def test_a_reference_to_a_case_twin_is_not_reported_again() -> None:
    """The twin exists (it is only refused), so references to it do not dangle."""
    roles = (CEO, Role(id="CEO", title="Twin"), Role(id="qm", title="QM", reports_to="CEO"))
    assert problems_of(roles=roles) == [
        ("roles[1].id", "id 'CEO' differs only in case from 'ceo', already used at roles[0].id")
    ]


def test_a_reference_differing_in_case_suggests_the_id() -> None:
    [problem] = find_problems({"roles": (CEO,), "processes": (Process(id="sales", name="Sales", owner="CEO"),)})
    assert (problem.path, problem.message, problem.suggestion) == ("processes[0].owner", "unknown role id 'CEO'", "ceo")


# -- suggestions -----------------------------------------------------------------------------


def _near_misses(count: int, roles: int) -> dict[str, Any]:
    return {
        "name": "Acme",
        "roles": tuple(Role(id=f"role-{i:05d}", title="R") for i in range(roles)),
        "processes": tuple(Process(id=f"p{i}", name="P", owner=f"rle-{(i * 7) % roles:05d}") for i in range(count)),
    }


def test_thousands_of_near_misses_are_reported_quickly_with_capped_suggestions() -> None:
    """2,000 near misses among 5,000 roles: one problem each, a suggestion for the first 50 only.

    Before the index and the cap, this took about a minute (one full search per reference).
    """
    problems = find_problems(_near_misses(2_000, 5_000))
    assert len(problems) == 2_000
    assert [p.path for p in problems[:2]] == ["processes[0].owner", "processes[1].owner"]
    hinted = [p for p in problems if p.suggestion is not None]
    assert SUGGESTION_CAP == 50
    assert hinted == problems[:SUGGESTION_CAP]
    assert [p.suggestion for p in hinted[:3]] == ["role-00000", "role-00007", "role-00014"]
    assert str(problems[-1]) == "processes[1999].owner: unknown role id 'rle-03993'; expected the id of a role"


def test_raw_references_share_the_cap_through_known_kinds() -> None:
    """The loader's checks of unreadable elements share one index and one cap through known_kinds."""
    parts = _near_misses(0, 1_000)
    kinds = known_kinds(parts, {})
    problems = [
        problem
        for i in range(SUGGESTION_CAP + 10)
        for problem in check_raw_references({"id": f"p{i}", "owner": f"rle-{i:05d}"}, Process, f"processes[{i}]", kinds)
    ]
    assert len(problems) == SUGGESTION_CAP + 10
    assert [p.suggestion for p in problems[:2]] == ["role-00000", "role-00001"]
    assert {p.suggestion for p in problems[SUGGESTION_CAP:]} == {None}


@pytest.fixture(scope="module")
def many_roles() -> Suggester:
    return Suggester(f"role-{i:05d}" for i in range(100_000))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("rle-04242", "role-04242"),  # the typo near the start: found by the shared end
        ("role-04242x", "role-04242"),  # the typo at the end: found by the shared start
        ("ROLE-04242", "role-04242"),  # case alone
        ("role-04242", "role-04242"),  # the word itself
        ("sales", None),
        ("r" * 100_000, None),  # too long for any candidate to come close
        (42, None),
    ],
    ids=["start", "end", "case", "itself", "none", "too-long", "not-text"],
)
def test_a_suggester_finds_near_misses_among_many_candidates(
    many_roles: Suggester, word: Any, expected: str | None
) -> None:
    """Each suggestion compares the word with a bounded number of its neighbours, not every candidate."""
    assert many_roles(word) == expected


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [("titel", ["title", "name"], "title"), ("mdown", ["markdown", "html"], "markdown"), ("zzz", ["a", "b"], None)],
)
def test_a_single_suggestion_among_few_candidates_compares_them_all(
    word: str, candidates: list[str], expected: str | None
) -> None:
    assert suggest(word, candidates) == expected


def test_an_unknown_lookup_suggests_the_nearest_id() -> None:
    org = Organization(name="Acme", roles=(CEO, Role(id="quality-manager", title="QM", reports_to="ceo")))
    with pytest.raises(UnknownIdError, match=r"no element with id 'quality-manger'; did you mean 'quality-manager'\?"):
        org["quality-manger"]
    with pytest.raises(UnknownIdError, match=r"did you mean 'ceo'\?"):
        org.kind_of("CEO")


# -- numbers ---------------------------------------------------------------------------------

HUGE = 10**3600  # 3,601 digits: no float holds it
HUGER = 10**5000  # more digits than Python writes out (4,300)
TOO_LARGE = "a number too large: {:,} digits, and the limit is 100"
SHOWN_HUGE = "1" + "0" * 79 + "… (3601 digits)"


@pytest.mark.parametrize(
    ("kw", "path", "message", "found"),
    [
        (
            {"authorities": (Authority(id="sign", title="Sign", limit=HUGE),)},
            "authorities[0].limit",
            TOO_LARGE.format(3601),
            SHOWN_HUGE,
        ),
        (
            {"authorities": (Authority(id="sign", title="Sign", limit=-HUGER),)},
            "authorities[0].limit",
            TOO_LARGE.format(5001),
            "an integer of 5001 digits",
        ),
        (
            {"risks": (Risk(id="r", title="Risk", likelihood=HUGER, impact=2),)},
            "risks[0].likelihood",
            TOO_LARGE.format(5001),
            "an integer of 5001 digits",
        ),
        (
            {"risk_scale": RiskScale(likelihood=HUGE)},
            "risk_scale.likelihood",
            TOO_LARGE.format(3601),
            SHOWN_HUGE,
        ),
        (
            {"objectives": (QualityObjective(id="o", statement="Do", target=10**100),)},
            "objectives[0].target",
            TOO_LARGE.format(101),
            "1" + "0" * 79 + "… (101 digits)",
        ),
        (
            {
                "objectives": (
                    QualityObjective(id="o", statement="Do", measurements=(Measurement(dt.date(2026, 1, 1), -HUGER),)),
                )
            },
            "objectives[0].measurements[0].value",
            TOO_LARGE.format(5001),
            "an integer of 5001 digits",
        ),
        (
            {"authorities": (Authority(id="sign", title="Sign", limit=float("nan")),)},
            "authorities[0].limit",
            "not a finite number",
            "nan",
        ),
        (
            {"risks": (Risk(id="r", title="Risk", likelihood=float("inf"), impact=2),)},  # type: ignore[arg-type]
            "risks[0].likelihood",
            "not a finite number",
            "inf",
        ),
        (
            {"authorities": (Authority(id="sign", title="Sign", limit=-1),)},
            "authorities[0].limit",
            "limit cannot be negative",
            "-1",
        ),
        (
            {"risks": (Risk(id="r", title="Risk", likelihood="3", impact=2),)},  # type: ignore[arg-type]
            "risks[0].likelihood",
            "likelihood outside the organization's risk scale",
            "'3'",
        ),
    ],
    ids=["limit", "negative-limit", "likelihood", "scale", "target", "measurement", "nan", "inf", "negative", "text"],
)
def test_numbers_that_cannot_be_are_one_problem_each(kw: dict[str, Any], path: str, message: str, found: str) -> None:
    """Huge integers and non-finite floats are reported once, at their path, never raised as ValueError."""
    kw.setdefault("roles", (CEO,))
    problems = find_problems({"name": "Acme", **kw})
    assert [(p.path, p.message, p.found) for p in problems] == [(path, message, found)]


@pytest.mark.parametrize("value", [10**100 - 1, -(10**100) + 1, 1e308, 0])
def test_numbers_up_to_the_limit_are_fine(value: float) -> None:
    assert problems_of(authorities=(Authority(id="sign", title="Sign", limit=abs(value)),)) == []
    assert problems_of(objectives=(QualityObjective(id="o", statement="Do", baseline=value, target=value),)) == []


# -- echoes ----------------------------------------------------------------------------------

MEGA = "x" * 1_000_000
SHOWN = "'" + "x" * 80 + "… (1000000 characters)"


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        ({"roles": (CEO, Role(id=MEGA, title="Big"))}, "roles[1].id", "malformed id"),
        (
            {"processes": (Process(id="sales", name="Sales", owner=MEGA),)},
            "processes[0].owner",
            f"unknown role id {SHOWN}",
        ),
        ({"covers": (MEGA,)}, "covers[0]", f"{SHOWN} is neither a section of the file nor a clause id"),
    ],
    ids=["id", "reference", "covers"],
)
def test_long_values_are_echoed_cut(kw: dict[str, Any], path: str, message: str) -> None:
    kw.setdefault("roles", (CEO,))
    [problem] = [p for p in find_problems({"name": "Acme", **kw}) if p.path == path]
    assert (problem.message, problem.found) == (message, SHOWN)
    assert len(str(problem)) < 500


def test_an_unknown_long_id_is_echoed_cut() -> None:
    org = Organization(name="Acme", roles=(CEO,))
    with pytest.raises(UnknownIdError) as info:
        org[MEGA]
    assert str(info.value) == f"no element with id {SHOWN}"
    assert info.value.id == MEGA


def test_a_long_bad_id_in_a_file_is_echoed_cut() -> None:
    with pytest.raises(LoadError) as info:
        loads(json.dumps({"name": "Acme", "roles": [{"id": MEGA, "title": "Big"}]}), format="json")
    assert [(p.path, p.found) for p in info.value.problems] == [("roles[0].id", SHOWN)]
    assert len(str(info.value)) < 1_000


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("ceo", "'ceo'"),
        ("é" * 81, "'" + "é" * 80 + "… (81 characters)"),
        ("\x00" * 100, "'" + "\\x00" * 20 + "… (100 characters)"),
        (HUGER, "an integer of 5001 digits"),
        (float("inf"), "inf"),
        (("a",) * 100, repr(("a",) * 100)[:80] + "… (500 characters)"),
    ],
    ids=["short", "long", "escapes", "huge-int", "inf", "tuple"],
)
def test_echo_cuts_any_value_to_a_readable_length(value: object, shown: str) -> None:
    assert echo(value) == shown


def test_a_problem_cuts_a_long_rendering_it_is_given() -> None:
    problem = Problem("roles[0].id", "malformed id", found=repr(MEGA))
    assert problem.found == "'" + "x" * 79 + "… (1000002 characters)"
    assert Problem("a", "b", found=echo(MEGA)).found == SHOWN


# -- surrogates ------------------------------------------------------------------------------

SURROGATE = "text holds a lone surrogate (U+D800), which cannot be written as UTF-8"


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        ({"roles": (Role(id="ceo", title="\ud800"),)}, "roles[0].title", SURROGATE),
        (
            {"roles": (Role(id="ceo", title="CEO", description="ok \udfff"),)},
            "roles[0].description",
            SURROGATE.replace("D800", "DFFF"),
        ),
        (
            {"processes": (Process(id="sales", name="Sales", inputs=("ok", "\ud800")),)},
            "processes[0].inputs[1]",
            SURROGATE,
        ),
        (
            {"processes": (Process(id="sales", name="Sales \ud83d\ude00"),)},
            "processes[0].name",
            SURROGATE.replace("D800", "D83D"),
        ),
        (
            {
                "policy": QualityPolicy(
                    id="policy", statement="We care.", commitments=(Commitment(id="c", kind=IMPROVE, text="\ud800"),)
                )
            },
            "policy.commitments[0].text",
            SURROGATE,
        ),
        (
            {"exclusions": (Exclusion(requirement="8.3", justification="\ud800"),)},
            "exclusions[0].justification",
            SURROGATE,
        ),
        ({"scope": "pumps \ud800"}, "scope", SURROGATE),
    ],
)
def test_lone_surrogates_are_refused_with_their_path(kw: dict[str, Any], path: str, message: str) -> None:
    """Text that UTF-8 cannot encode would load but could not be written: it is refused where it is."""
    assert problems_of(**kw) == [(path, message)]


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        ({"roles": (Role(id="ceo\ud800", title="CEO"),)}, "roles[0].id", "malformed id"),
        (
            {"processes": (Process(id="sales", name="Sales", owner="ceo\ud800"),)},
            "processes[0].owner",
            "unknown role id 'ceo\\ud800'",
        ),
    ],
)
def test_surrogates_in_ids_and_references_break_the_id_rules(kw: dict[str, Any], path: str, message: str) -> None:
    """Ids are plain ASCII and references name ids, so a surrogate there is refused by the id rules."""
    assert problems_of(**kw) == [(path, message)]


def test_characters_beyond_the_basic_plane_are_fine() -> None:
    assert problems_of(roles=(Role(id="ceo", title="CEO 😀 \U0010ffff"),)) == []


def test_the_schema_pattern_states_the_same_rule() -> None:
    """The JSON Schema form is ID_PATTERN with ECMA-262 anchors, whose ``$`` means Python's ``\\Z``."""
    assert ID_SCHEMA_PATTERN.startswith("^")
    assert ID_SCHEMA_PATTERN.endswith("$")
    assert ID_PATTERN.pattern == r"\A" + ID_SCHEMA_PATTERN[1:-1] + r"\Z"
