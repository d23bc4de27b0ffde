"""The integrity check's quick look never passes an element the full walk would fault.

:func:`find_problems` walks only the elements its quick look (``_clean``) cannot clear; the
messages come from the full walk. These properties hold the two together: whatever the quick
look clears, the full walk finds nothing wrong with, on valid organizations and on elements
with a hostile value put in one field.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import pytest
from hypothesis import given

from iso9001_leadership import Evidence, Organization
from iso9001_leadership.model._integrity import _check_fields, _clean, _Hints, iter_elements
from iso9001_leadership.strategies import organizations

_HOSTILE: list[Any] = [
    None,
    "",
    "   ",
    "nobody-has-this-id",
    "caf\u00e9",
    "lone \ud800 surrogate",
    10**150,
    -(10**150),
    math.nan,
    math.inf,
    -1,
    -0.5,
    0,
    True,
    dt.date(2026, 1, 1),
    (),
    ("nobody",),
    ("x", "x"),
    ("5.3 a", "5.3 a"),
    ("not a clause",),
    ("5.3",),
    (1, 2),
    ([],),
    [],
    {"a": 1},
    object(),
]


def _kinds(org: Organization) -> dict[str, Any]:
    return {element_id: org.kind_of(element_id) for element_id in org.ids()}


def _full_walk(element: Any, kinds: dict[str, Any]) -> list[Any]:
    problems: list[Any] = []
    _check_fields(element, "here", kinds, _Hints(kinds), problems)
    return problems


@given(organizations())
def test_valid_elements_pass_both_ways(org: Organization) -> None:
    """In a valid organization the full walk faults nothing, and the quick look clears most elements."""
    kinds = _kinds(org)
    parts = {f.name: getattr(org, f.name) for f in attrs.fields(Organization) if f.init}
    for item in iter_elements(parts):
        assert _full_walk(item.element, kinds) == []
        # Only evidence (which may cite requirement ids) is always left to the full walk.
        assert _clean(item.element, kinds) is not isinstance(item.element, Evidence), item.element


def _example() -> Organization:
    from pathlib import Path

    from iso9001_leadership import load

    return load(Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml")


def test_every_field_of_every_kind_with_every_hostile_value() -> None:
    """Exhaustive: one element of each kind, each field, each hostile value (ids of every kind, its own id, repeats)."""
    org = _example()
    kinds = _kinds(org)
    first_of_kind: dict[Any, Any] = {}
    for kind, element in org.elements():
        first_of_kind.setdefault(kind, element)
    one_of_each = [next(i for i, k in kinds.items() if k is kind) for kind in set(kinds.values())]
    checked = faulted = 0
    for element in first_of_kind.values():
        candidates = [*_HOSTILE, *one_of_each, element.id, (element.id,), tuple(one_of_each), (one_of_each[0],) * 2]
        for field in attrs.fields(type(element)):
            if field.name == "id":
                continue
            for value in candidates:
                changed = attrs.evolve(element)
                object.__setattr__(changed, field.name, value)  # bypass converters and validators
                try:
                    found = _full_walk(changed, kinds)
                except (TypeError, AttributeError):
                    found = None  # a value no loader or converter lets through: the walk cannot read it
                if _clean(changed, kinds):
                    assert found == [], (type(element).__name__, field.name, value)
                checked += 1
                faulted += bool(found)
    assert checked > 1000
    assert faulted > checked // 4  # the table holds many faults, so a lax quick look would be caught


def test_quick_look_clears_ordinary_elements() -> None:
    """The quick look is worth having: a plain, valid element is cleared without the full walk."""
    from iso9001_leadership import Process, Role

    org = Organization(
        name="Acme",
        roles=(Role(id="ceo", title="CEO", top_management=True),),
        processes=(
            Process(id="sales", name="Sales", owner="ceo"),
            Process(id="make", name="Make", interacts_with=("sales",)),
        ),
    )
    kinds = _kinds(org)
    assert all(_clean(element, kinds) for _, element in org.elements())
    assert not _clean(Process(id="x", name="X", owner="nobody"), kinds)


def _parts(org: Organization) -> dict[str, Any]:
    return {f.name: getattr(org, f.name) for f in attrs.fields(Organization) if f.init}


def _basis(org: Organization) -> dict[str, Any]:
    return dict(org._index)


def _problems(parts: dict[str, Any], basis: dict[str, Any] | None = None) -> list[str]:
    from iso9001_leadership.model._integrity import find_problems

    return [str(p) for p in find_problems(parts, basis=basis)]


@pytest.mark.slow  # exhaustive over the example: CI runs it
def test_a_change_is_judged_the_same_with_a_basis() -> None:
    """Exhaustive over the example: removing any one element, or giving one field of one element a hostile
    value, gives the same problems whether or not the elements left as they were are trusted."""
    org = _example()
    basis = _basis(org)
    parts = _parts(org)
    compared = differing = 0
    for name, collection in parts.items():
        if not isinstance(collection, tuple) or not collection or not hasattr(collection[0], "id"):
            continue
        for index in range(len(collection)):
            # Remove it: references to it dangle (unless nothing names it).
            changed = {**parts, name: collection[:index] + collection[index + 1 :]}
            full = _problems(changed)
            assert _problems(changed, basis) == full, (name, index)
            compared += 1
            differing += bool(full)
        element = collection[0]
        for field in attrs.fields(type(element)):
            for value in [*_HOSTILE, element.id, org.ids()[0]]:
                evolved = attrs.evolve(element)
                object.__setattr__(evolved, field.name, value)
                changed = {**parts, name: (evolved, *collection[1:])}
                try:
                    full = _problems(changed)
                except (TypeError, AttributeError):
                    continue  # a value no loader lets through
                assert _problems(changed, basis) == full, (name, field.name, value)
                compared += 1
                differing += bool(full)
    assert compared > 500
    assert differing > compared // 4


def test_dates_changed_anywhere_are_judged_the_same_with_a_basis() -> None:
    """Every date of every element (nested ones too) moved far back or far ahead: the same problems either way."""
    org = _example()
    basis = _basis(org)
    parts = _parts(org)
    differing = 0
    for name, collection in parts.items():
        if not isinstance(collection, tuple) or not collection or not hasattr(collection[0], "id"):
            continue
        for index, element in enumerate(collection):
            for field in attrs.fields(type(element)):
                value = getattr(element, field.name)
                if isinstance(value, dt.date):
                    candidates = [
                        attrs.evolve(element, **{field.name: day}) for day in (dt.date(1900, 1, 1), dt.date(2999, 1, 1))
                    ]
                elif attrs.has(type(value)) and any(
                    isinstance(getattr(value, f.name), dt.date) for f in attrs.fields(type(value))
                ):
                    candidates = [
                        attrs.evolve(element, **{field.name: attrs.evolve(value, **{f.name: day})})
                        for f in attrs.fields(type(value))
                        if isinstance(getattr(value, f.name), dt.date)
                        for day in (dt.date(1900, 1, 1), dt.date(2999, 1, 1))
                    ]
                else:
                    continue
                for evolved in candidates:
                    changed = {**parts, name: (*collection[:index], evolved, *collection[index + 1 :])}
                    full = _problems(changed)
                    assert _problems(changed, basis) == full, (name, index, field.name)
                    differing += bool(full)
    assert differing > 5


def test_an_id_that_changes_kind_is_checked_where_it_is_named() -> None:
    """A role replaced by a process of the same id: what named the role now names a process, and says so."""
    from iso9001_leadership import Process

    org = _example()
    role = org.roles[1]
    changed = _parts(org)
    changed["roles"] = tuple(r for r in org.roles if r.id != role.id)
    changed["processes"] = (*org.processes, Process(id=role.id, name="Now a process"))
    full = _problems(changed)
    assert full
    assert _problems(changed, _basis(org)) == full


def test_evolve_checks_what_changed() -> None:
    """Organization.evolve trusts what it keeps, and still refuses a change that breaks a rule."""
    import pytest

    from iso9001_leadership import InvalidOrganizationError

    org = _example()
    role = org.roles[2]
    renamed = org.with_elements(attrs.evolve(role, title="A new title"))
    assert renamed[role.id].title == "A new title"
    with pytest.raises(InvalidOrganizationError, match="unknown role id 'nobody'"):
        org.with_elements(attrs.evolve(role, reports_to="nobody"))
    with pytest.raises(InvalidOrganizationError, match=rf"unknown role id '{role.id}'"):
        org.without([role.id])
