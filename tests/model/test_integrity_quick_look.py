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
