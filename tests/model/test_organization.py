"""The Organization aggregate: integrity rules, lookups and immutable changes."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given

from iso9001_leadership import (
    Action,
    ActionStatus,
    Commitment,
    CommitmentKind,
    EntityKind,
    InterestedParty,
    InvalidOrganizationError,
    Organization,
    PartyRequirement,
    Process,
    QualityPolicy,
    Risk,
    RiskScale,
    Role,
    UnknownIdError,
)
from iso9001_leadership.strategies import organizations

CEO = Role(id="ceo", title="CEO", top_management=True)
QM = Role(id="qm", title="Quality Manager", reports_to="ceo")


def org(**kw: object) -> Organization:
    kw.setdefault("roles", (CEO, QM))
    return Organization(name="Acme", **kw)  # type: ignore[arg-type]


def paths(exc: pytest.ExceptionInfo[InvalidOrganizationError]) -> list[str]:
    return [p.path for p in exc.value.problems]


def test_all_problems_are_raised_together() -> None:
    """Building an organization with several faults reports every one of them."""
    with pytest.raises(InvalidOrganizationError) as info:
        org(
            processes=(Process(id="qm", name="Dup"), Process(id="p", name="P", owner="nobody", interacts_with=("p",))),
            risks=(Risk(id="r", title="R", likelihood=9),),
        )
    assert paths(info) == [
        "processes[0].id",
        "processes[1].owner",
        "processes[1].interacts_with[0]",
        "risks[0].likelihood",
    ]


def test_nested_ids_are_indexed_and_checked() -> None:
    """Policy commitments and party requirements have ids of their own, unique org-wide."""
    policy = QualityPolicy(
        id="qp", statement="S", commitments=(Commitment(id="c1", kind=CommitmentKind.CONTINUAL_IMPROVEMENT),)
    )
    party = InterestedParty(id="cust", name="Customer", requirements=(PartyRequirement(id="c1", text="T"),))
    with pytest.raises(InvalidOrganizationError) as info:
        org(policy=policy, interested_parties=(party,))
    assert paths(info) == ["interested_parties[0].requirements[0].id"]
    good = org(
        policy=policy, interested_parties=(attrs.evolve(party, requirements=(PartyRequirement(id="r1", text="T"),)),)
    )
    assert good.kind_of("c1") is EntityKind.COMMITMENT
    assert good.path_of("r1") == "interested_parties[0].requirements[0]"
    assert good.commitments[0].id == "c1"
    assert [r.id for r in good.party_requirements] == ["r1"]


def test_lookup_by_id_and_unknown_id_suggests() -> None:
    """org[id] finds any element; an unknown id raises UnknownIdError with the nearest id."""
    o = org()
    assert o["qm"] is QM
    assert "qm" in o
    assert "nope" not in o
    with pytest.raises(UnknownIdError, match="did you mean 'qm'") as info:
        o["qmm"]
    assert isinstance(info.value, KeyError)
    assert info.value.id == "qmm"


def test_typed_get_checks_the_class() -> None:
    """get(id, cls) returns the element only if it is of that class."""
    o = org()
    assert o.get("ceo", Role) is CEO
    with pytest.raises(UnknownIdError):
        o.get("ceo", Process)


def test_ids_and_elements_in_file_order() -> None:
    """ids() and elements() list elements in file order, filtered by kind."""
    o = org(processes=(Process(id="p", name="P"),))
    assert o.ids() == ["ceo", "qm", "p"]
    assert o.ids(EntityKind.ROLE) == ["ceo", "qm"]
    assert [k for k, _ in o.elements()] == [EntityKind.ROLE, EntityKind.ROLE, EntityKind.PROCESS]
    assert len(o) == 3
    assert o.top_management == (CEO,)


def test_organization_is_immutable() -> None:
    """Assigning to a field fails; changes go through evolve and with_elements."""
    o = org()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        o.name = "Other"  # type: ignore[misc]
    renamed = o.evolve(name="Other")
    assert (o.name, renamed.name) == ("Acme", "Other")


def test_with_elements_adds_and_replaces() -> None:
    """with_elements adds new elements and replaces those with the same id."""
    o = org().with_elements(Process(id="p", name="P", owner="qm"), attrs.evolve(QM, title="Head of Quality"))
    assert o["qm"].title == "Head of Quality"  # type: ignore[union-attr]
    assert o.ids(EntityKind.PROCESS) == ["p"]
    assert o.with_elements(QualityPolicy(id="qp", statement="S")).policy is not None


def test_with_elements_is_checked() -> None:
    """A change that breaks a rule raises like any new organization."""
    with pytest.raises(InvalidOrganizationError, match="unknown role id 'cfo'"):
        org().with_elements(Process(id="p", name="P", owner="cfo"))


def test_without_removes_and_rechecks() -> None:
    """without() drops elements; references left dangling are reported."""
    o = org(processes=(Process(id="p", name="P", owner="qm"),))
    assert o.without(["p"]).ids(EntityKind.PROCESS) == []
    with pytest.raises(InvalidOrganizationError, match="unknown role id 'qm'"):
        o.without(["qm"])


def test_python_lists_become_tuples() -> None:
    """Lists given from Python code are stored as tuples, so equality and hashing work."""
    role = Role(id="a", title="A", authorities=["x"])  # type: ignore[arg-type]
    assert role.authorities == ("x",)
    with pytest.raises(TypeError, match="expected a list"):
        Role(id="a", title="A", authorities="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        ({"risk_scale": RiskScale(likelihood=1)}, "risk_scale.likelihood", "risk scale out of range"),
        ({"name": " "}, "name", "the organization needs a name"),
        (
            {
                "actions": (
                    Action(
                        id="a",
                        title="A",
                        status=ActionStatus.DONE,
                        completed_on=dt.date(2026, 5, 1),
                        effectiveness=__import__("iso9001_leadership").Effectiveness(
                            criterion="c", evaluated_on=dt.date(2026, 4, 1)
                        ),
                    ),
                )
            },
            "actions[0].effectiveness.evaluated_on",
            "effectiveness evaluated before the action was completed",
        ),
        (
            {"roles": (CEO, Role(id="x", title="X", reports_to="x"))},
            "roles[1].reports_to",
            "an element cannot refer to itself here",
        ),
    ],
)
def test_rules_from_python(kw: dict[str, object], path: str, message: str) -> None:
    """Rules apply to organizations built in Python just as to loaded files."""
    kw.setdefault("name", "Acme")
    with pytest.raises(InvalidOrganizationError) as info:
        Organization(**kw)  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in info.value.problems] == [(path, message)]


@given(organizations())
def test_generated_organizations_index_every_element(o: Organization) -> None:
    """Every element with an id is found by its id, at the path it stands at."""
    assert len(o) == len(set(o.ids()))
    for element_id in o.ids():
        assert o[element_id].id == element_id
        assert follow(o, o.path_of(element_id)) is o[element_id]


def follow(o: Organization, path: str) -> object:
    """The value at a path such as ``interested_parties[0].requirements[1]``."""
    current: object = o
    for part in re.findall(r"[A-Za-z_]+|\[\d+\]", path):
        current = current[int(part[1:-1])] if part.startswith("[") else getattr(current, part)  # type: ignore[index]
    return current


@given(organizations())
def test_evolve_without_changes_is_equal(o: Organization) -> None:
    """An organization rebuilt from its own fields equals the original (and hashes alike)."""
    again = o.evolve()
    assert again == o
    assert hash(again) == hash(o)
