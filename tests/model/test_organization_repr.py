"""The repr of an Organization: one short line, however large the organization."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import given

from iso9001_leadership import (
    Commitment,
    CommitmentKind,
    Exclusion,
    Organization,
    Process,
    QualityPolicy,
    Role,
    load,
)
from iso9001_leadership.model._html import organization_html
from iso9001_leadership.model._integrity import COLLECTIONS
from iso9001_leadership.strategies import organizations

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"

CEO = Role(id="ceo", title="CEO", top_management=True)


def test_repr_counts_the_non_empty_collections() -> None:
    """The name, the policy's id and a count per non-empty collection, in the order of the fields; covers as given."""
    org = Organization(
        name="Acme",
        roles=(CEO, Role(id="qm", title="QM", reports_to="ceo")),
        processes=(Process(id="sales", name="Sales", owner="ceo"),),
        policy=QualityPolicy(
            id="qp",
            statement="Pumps that work",
            commitments=(Commitment(id="c1", kind=CommitmentKind.CONTINUAL_IMPROVEMENT),),
        ),
        exclusions=(Exclusion("8.3", "We build to print"),),
        covers=("5.3", "processes"),
    )
    assert repr(org) == (
        "Organization(name='Acme', policy='qp', roles=2, processes=1, exclusions=1, covers=('5.3', 'processes'))"
    )


def test_repr_of_an_empty_organization_is_its_name() -> None:
    """Nothing but the name when every collection is empty; the name is written as Python would."""
    assert repr(Organization(name="Acme 'R&D'\n")) == "Organization(name=\"Acme 'R&D'\\n\")"


def test_repr_of_the_example_is_short() -> None:
    """The example organization, hundreds of elements, reprs in one line of a few hundred characters."""
    org = load(EXAMPLE)
    text = repr(org)
    assert text.startswith("Organization(name='Nordhavn Precision Pumps A/S', policy='policy-quality', roles=")
    assert len(text) < 400
    assert "\n" not in text
    assert f"roles={len(org.roles)}, people={len(org.people)}" in text


def test_repr_leaves_out_empty_collections_and_the_rest() -> None:
    """Empty collections, the scope text, the risk scale and the review programme are not in the repr."""
    org = Organization(name="Acme", scope="Design and build of pumps " * 50, roles=(CEO,))
    assert repr(org) == "Organization(name='Acme', roles=1)"


def test_html_repr_is_unchanged_by_the_short_repr() -> None:
    """Notebooks keep their HTML summary: _repr_html_ is still the organization's HTML view, not the short repr."""
    org = Organization(name="Acme", roles=(CEO,))
    assert org._repr_html_() == organization_html(org)
    assert org._repr_html_().startswith('<div class="iso9001-organization"')


@given(organizations())
def test_repr_names_every_non_empty_collection_with_its_size(org: Organization) -> None:
    """For any organization, each non-empty collection appears with its length and no empty one appears."""
    text = repr(org)
    for name, _ in COLLECTIONS:
        items = getattr(org, name)
        if items:
            assert f", {name}={len(items)}" in text
        else:
            assert f", {name}=" not in text
    assert text.startswith(f"Organization(name={org.name!r}")
    assert attrs.fields(Organization).name.repr  # the field declarations are untouched
