"""Bad organization files: every kind of problem gets a clear error with its path and line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from iso9001_leadership import InvalidOrganizationError, Iso9001Error, LoadError, Problem, load, loads

BASE = """\
name: Acme
roles:
  - id: ceo
    title: Chief Executive
    top_management: true
  - id: quality-manager
    title: Quality Manager
    reports_to: ceo
"""


def problems_of(text: str, format: str = "yaml") -> tuple[Problem, ...]:
    with pytest.raises(LoadError) as info:
        loads(text, format=format)  # type: ignore[arg-type]
    return info.value.problems


def only(text: str, format: str = "yaml") -> Problem:
    problems = problems_of(text, format)
    assert len(problems) == 1, problems
    return problems[0]


# (case, extra YAML appended to BASE, path, message start, line, suggestion)
CASES = [
    (
        "unknown key",
        "processes:\n  - {id: sales, name: Sales, ownr: ceo}\n",
        "processes[0].ownr",
        "unknown field 'ownr' for Process",
        10,
        "owner",
    ),
    (
        "unknown top-level key",
        "proceses: []\n",
        "proceses",
        "unknown field 'proceses' for Organization",
        9,
        "processes",
    ),
    (
        "duplicate key",
        "processes:\n  - id: sales\n    name: Sales\n    name: Selling\n",
        "processes[0].name",
        "duplicate key 'name' (first given on line 11)",
        12,
        None,
    ),
    (
        "wrong type: number for text",
        "processes:\n  - {id: sales, name: 42}\n",
        "processes[0].name",
        "not text",
        10,
        None,
    ),
    (
        "wrong type: yes is not a boolean",
        "processes:\n  - {id: sales, name: Sales, outsourced: yes}\n",
        "processes[0].outsourced",
        "not true or false",
        10,
        None,
    ),
    (
        "wrong type: string for a list",
        "processes:\n  - {id: sales, name: Sales, interacts_with: design}\n",
        "processes[0].interacts_with",
        "not a list",
        10,
        None,
    ),
    (
        "bad date",
        "reviews:\n  - {id: mr-1, held_on: 2026-02-30}\n",
        "reviews[0].held_on",
        "not a real date",
        10,
        None,
    ),
    (
        "date in another format",
        "reviews:\n  - {id: mr-1, held_on: 30/01/2026}\n",
        "reviews[0].held_on",
        "not a date",
        10,
        None,
    ),
    (
        "enum value out of range",
        "processes:\n  - {id: sales, name: Sales, category: corr}\n",
        "processes[0].category",
        "not a valid ProcessCategory",
        10,
        "core",
    ),
    (
        "dangling reference",
        "processes:\n  - {id: sales, name: Sales, owner: quality-manger}\n",
        "processes[0].owner",
        "unknown role id 'quality-manger'",
        10,
        "quality-manager",
    ),
    (
        "reference to the wrong kind",
        "processes:\n  - {id: sales, name: Sales, owner: sales}\n",
        "processes[0].owner",
        "'sales' is a process",
        10,
        None,
    ),
    (
        "duplicate id",
        "processes:\n  - {id: ceo, name: Sales}\n",
        "processes[0].id",
        "duplicate id 'ceo', already used at roles[0].id",
        10,
        None,
    ),
    (
        "malformed id",
        "processes:\n  - {id: 'sales team', name: Sales}\n",
        "processes[0].id",
        "malformed id",
        10,
        None,
    ),
    (
        "missing required field",
        "processes:\n  - {id: sales}\n",
        "processes[0].name",
        "required field 'name' is missing",
        10,
        None,
    ),
    (
        "object-constructing tag",
        "scope: !!python/object/apply:os.system ['echo hacked']\n",
        "scope",
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        9,
        None,
    ),
    (
        "custom tag",
        "scope: !secret value\n",
        "scope",
        "YAML tag '!secret' is not allowed",
        9,
        None,
    ),
    (
        "merge key",
        "processes:\n  - &p {id: sales, name: Sales}\n  - {<<: *p, id: design}\n",
        "processes[1]",
        "merge keys ('<<') are not supported",
        11,
        None,
    ),
    (
        "likelihood outside the risk scale",
        "risks:\n  - {id: r1, title: Late supply, likelihood: 6}\n",
        "risks[0].likelihood",
        "likelihood outside the organization's risk scale",
        10,
        None,
    ),
    (
        "review date before approval",
        "policy:\n  id: qp\n  statement: We deliver.\n  approved_on: 2026-05-01\n  next_review: 2025-05-01\n",
        "policy.next_review",
        "the next review falls before the approval",
        13,
        None,
    ),
    (
        "evidence expiring before its date",
        "evidence:\n  - {id: ev, title: Survey, dated: 2026-05-01, valid_until: 2026-04-01}\n",
        "evidence[0].valid_until",
        "the evidence expires before it is dated",
        10,
        None,
    ),
    (
        "effectiveness evaluated before completion",
        (
            "actions:\n  - {id: a1, title: Train, status: done, completed_on: 2026-03-01,\n"
            "     effectiveness: {criterion: Fewer errors, evaluated_on: 2026-02-01}}\n"
        ),
        "actions[0].effectiveness.evaluated_on",
        "effectiveness evaluated before the action was completed",
        11,
        None,
    ),
    (
        "leaving before joining",
        "people:\n  - {id: ana, name: Ana, joined: 2026-05-01, left: 2026-04-01}\n",
        "people[0].left",
        "the person leaves before joining",
        10,
        None,
    ),
    (
        "role given up before taken up",
        "people:\n  - {id: ana, name: Ana, holdings: [{role: ceo, since: 2026-05-01, until: 2026-04-01}]}\n",
        "people[0].holdings[0].until",
        "the role is given up before it is taken up",
        10,
        None,
    ),
    (
        "a period that is none",
        "communications:\n  - {id: c, subject: Town hall, every: now and then}\n",
        "communications[0].every",
        "not a period",
        10,
        None,
    ),
    (
        "completion date on an unfinished action",
        "actions:\n  - {id: a1, title: Train, status: planned, completed_on: 2026-01-01}\n",
        "actions[0].completed_on",
        "a completion date on an action whose status is 'planned'",
        10,
        None,
    ),
    (
        "top management reporting outside top management",
        "  - {id: coo, title: COO, top_management: true, reports_to: quality-manager}\n",
        "roles[2].reports_to",
        "top-management role 'coo' reports to 'quality-manager', which is not top management",
        9,
        None,
    ),
    (
        "reporting cycle",
        "  - {id: a, title: A, reports_to: b}\n  - {id: b, title: B, reports_to: a}\n",
        "roles[2].reports_to",
        "reporting lines form a cycle: a -> b -> a",
        9,
        None,
    ),
    (
        "the same id twice in a list",
        (
            "processes:\n  - {id: sales, name: Sales, owner: ceo}\n"
            "responsibilities:\n  - {id: r1, title: Sell, accountable: [ceo, ceo]}\n"
        ),
        "responsibilities[0].accountable[1]",
        "'ceo' is listed twice",
        12,
        None,
    ),
    (
        "not a clause id",
        "responsibilities:\n  - {id: r1, title: Sell, clauses: ['clause five']}\n",
        "responsibilities[0].clauses[0]",
        "not a clause id",
        10,
        None,
    ),
    (
        "blank required text",
        "processes:\n  - {id: sales, name: '  '}\n",
        "processes[0].name",
        "name must not be empty",
        10,
        None,
    ),
]


@pytest.mark.parametrize(("case", "extra", "path", "message", "line", "suggestion"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_path_line_and_hint(
    case: str, extra: str, path: str, message: str, line: int, suggestion: str | None
) -> None:
    """Each kind of bad input yields exactly one problem naming the field, its line and the fix."""
    problem = only(BASE + extra)
    assert problem.path == path
    assert problem.message.startswith(message), problem.message
    assert problem.line == line
    assert problem.suggestion == suggestion


def test_every_problem_is_reported_at_once() -> None:
    """Problems of all sorts in one file come out in one error, ordered by line."""
    text = BASE + textwrap.dedent(
        """\
        scop: pumps
        processes:
          - {id: sales, name: Sales, owner: nobody, category: corr}
          - {id: design, name: 7}
        reviews:
          - {id: mr-1, held_on: 2026-13-01, chair: sales}
        """
    )
    problems = problems_of(text)
    assert [(p.line, p.path) for p in problems] == [
        (9, "scop"),
        (11, "processes[0].owner"),
        (11, "processes[0].category"),
        (12, "processes[1].name"),
        (14, "reviews[0].held_on"),
        (14, "reviews[0].chair"),
    ]


def test_references_to_unreadable_elements_are_not_called_dangling() -> None:
    """An element with a type error still counts as existing for others that refer to it."""
    problems = problems_of(
        BASE + "processes:\n  - {id: sales, name: 7}\n  - {id: design, name: D, interacts_with: [sales]}\n"
    )
    assert [p.path for p in problems] == ["processes[0].name"]


def test_loaderror_message_lists_every_problem_and_the_source(tmp_path: Path) -> None:
    """str(LoadError) names the file and shows one line per problem."""
    path = tmp_path / "org.yaml"
    path.write_text("name: Acme\nscop: x\nroles: {}\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load(path)
    text = str(info.value)
    assert text.splitlines()[0] == f"{path}: 2 problems:"
    assert "line 2, column 1: scop: unknown field 'scop' for Organization" in text
    assert "did you mean 'scope'?" in text
    assert info.value.source == str(path)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("name: [unclosed\n", "not valid YAML", 2),
        ("", "the document is empty", None),
        ("- a\n- b\n", "the document must be a mapping", 1),
        ("name: a\n---\nname: b\n", "not valid YAML", 2),
        ("\tname: Acme\n", "not valid YAML", 1),
    ],
)
def test_malformed_yaml(text: str, message: str, line: int | None) -> None:
    """Broken YAML gives a LoadError with the position, not a PyYAML traceback."""
    problem = only(text)
    assert problem.message.startswith(message)
    assert problem.line == line


def test_alias_bomb_is_refused() -> None:
    """A document that expands exponentially through aliases is stopped, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 8)]
    lines.append("name: *a7")
    problems = problems_of("\n".join(lines) + "\n")
    assert any("expands to more than" in p.message for p in problems)


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"name": "Acme", "name": "Other"}', "name", "duplicate key 'name'"),
        ('{"name": "Acme", "scope": NaN}', "", "not valid JSON: NaN is not a number JSON allows"),
        ('{"name": "Acme",}', "", "not valid JSON"),
        ('{"name": "Acme", "roles": [{"id": "ceo", "title": "CEO", "extra": 1}]}', "roles[0].extra", "unknown field"),
    ],
)
def test_bad_json(text: str, path: str, message: str) -> None:
    """JSON input is held to the same rules as YAML."""
    problem = only(text, "json")
    assert problem.path == path
    assert problem.message.startswith(message)


def test_json_dates_are_checked() -> None:
    """A JSON date string that is no real date is refused with its path."""
    data = {"name": "Acme", "reviews": [{"id": "mr", "held_on": "2026-02-29"}]}
    assert only(json.dumps(data), "json").path == "reviews[0].held_on"


def test_load_errors_are_library_errors() -> None:
    """LoadError is an Iso9001Error, an InvalidOrganizationError and a ValueError."""
    with pytest.raises(LoadError) as info:
        loads("scop: x\n")
    assert isinstance(info.value, Iso9001Error)
    assert isinstance(info.value, InvalidOrganizationError)
    assert isinstance(info.value, ValueError)


def test_unknown_format_is_a_value_error() -> None:
    """Asking for a format we do not know is a plain ValueError naming the choices."""
    with pytest.raises(ValueError, match="expected 'yaml' or 'json'"):
        loads("name: Acme", format="toml")  # type: ignore[arg-type]


def test_unknown_suffix_needs_a_format(tmp_path: Path) -> None:
    """load() on a file with an unknown suffix asks for the format instead of guessing."""
    path = tmp_path / "org.txt"
    path.write_text("name: Acme\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot tell the format"):
        load(path)
    assert load(path, format="yaml").name == "Acme"


def test_non_utf8_file(tmp_path: Path) -> None:
    """A file that is not UTF-8 text is a LoadError, not a UnicodeDecodeError."""
    path = tmp_path / "org.yaml"
    path.write_bytes(b"name: \xff\xfe\n")
    with pytest.raises(LoadError, match="not UTF-8"):
        load(path)


def test_problems_after_an_unreadable_element_keep_their_file_index() -> None:
    """An element that cannot be read does not shift the paths and lines of the ones after it."""
    text = (
        BASE
        + "processes:\n  - {id: sales, name: Sales, ownr: ceo}\n  - {id: design, name: Design, owner: quality-manger}\n"
    )
    problems = problems_of(text)
    assert [(p.path, p.line) for p in problems] == [("processes[0].ownr", 10), ("processes[1].owner", 11)]
