"""A loaded organization remembers its source and where each element is defined in it."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from hypothesis import given

from iso9001_leadership import (
    Commitment,
    CommitmentKind,
    Organization,
    Process,
    QualityPolicy,
    Role,
    UnknownIdError,
    dump,
    dumps,
    load,
    loads,
)
from iso9001_leadership.io import parse_yaml
from iso9001_leadership.strategies import organizations

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "precision-pumps" / "organization.yaml"

TEXT = """\
# An organization, with a comment first.
name: Acme
roles:
  - id: ceo
    title: CEO
    top_management: true
  - {id: qm, title: Quality Manager, reports_to: ceo}
processes:
  - id: sales
    name: Sales
    owner: qm
policy:
  id: qp
  statement: We make pumps that work.
  commitments:
    - id: commit-req
      kind: satisfy_requirements
      text: We meet requirements.
    - id: commit-imp
      kind: continual_improvement
      text: We improve.
"""

BUILT = Organization(
    name="Acme",
    roles=(
        Role(id="ceo", title="CEO", top_management=True),
        Role(id="qm", title="Quality Manager", reports_to="ceo"),
    ),
    processes=(Process(id="sales", name="Sales", owner="qm"),),
    policy=QualityPolicy(
        id="qp",
        statement="We make pumps that work.",
        commitments=(
            Commitment(id="commit-req", kind=CommitmentKind.SATISFY_REQUIREMENTS, text="We meet requirements."),
            Commitment(id="commit-imp", kind=CommitmentKind.CONTINUAL_IMPROVEMENT, text="We improve."),
        ),
    ),
)


@pytest.fixture
def loaded() -> Organization:
    return loads(TEXT, source="acme.yaml")


def test_each_element_is_located_where_its_mapping_starts(loaded: Organization) -> None:
    """Block mappings start at their first key, flow mappings at their brace; nested elements too."""
    assert loaded.locations == {
        "ceo": (4, 5),
        "qm": (7, 5),
        "sales": (9, 5),
        "qp": (13, 3),
        "commit-req": (16, 7),
        "commit-imp": (19, 7),
    }
    assert loaded.source == "acme.yaml"


def test_locations_are_the_positions_of_the_element_paths(loaded: Organization) -> None:
    """A location is what parse_yaml's positions give for the element's path (what SARIF looks up)."""
    _, positions, _ = parse_yaml(TEXT)
    for element_id in loaded.ids():
        assert loaded.locations[element_id] == positions.locate(loaded.path_of(element_id))


def test_the_example_is_located_element_by_element() -> None:
    """Every element of the bundled example has a location, on the line that holds its id."""
    org = load(EXAMPLE)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert org.source == str(EXAMPLE)
    assert set(org.locations) == set(org.ids())
    for element_id, (line, column) in org.locations.items():
        text = lines[line - 1]
        assert f"id: {element_id}" in text[column - 1 :], (element_id, line, column)
    assert lines[org.locations["commit-objectives"][0] - 1].strip() == "- id: commit-objectives"


def test_organizations_built_in_python_have_no_locations() -> None:
    """Built in Python, an organization has no source and no locations."""
    assert BUILT.locations == {}
    assert BUILT.source is None


def test_json_has_no_positions(tmp_path: Path) -> None:
    """JSON keeps no positions: the source is known, the locations are empty."""
    path = tmp_path / "acme.json"
    dump(BUILT, path)
    org = load(path)
    assert org == BUILT
    assert org.locations == {}
    assert org.source == str(path)


def test_equality_hash_and_repr_ignore_locations(loaded: Organization) -> None:
    """An organization read from a file equals the same one built in Python."""
    assert loaded == BUILT
    assert hash(loaded) == hash(BUILT)
    assert repr(loaded) == repr(BUILT)


def test_locations_are_not_written_to_files(loaded: Organization) -> None:
    """Dumping a loaded organization writes what dumping the built one writes."""
    assert dumps(loaded) == dumps(BUILT)
    assert dumps(loaded, format="json") == dumps(BUILT, format="json")


def test_round_trip_keeps_equality_and_relocates(loaded: Organization) -> None:
    """Reading back what was written gives an equal organization, located in the new text."""
    text = dumps(loaded)
    again = loads(text)
    assert again == loaded
    assert again.source == "<string>"
    assert again.locations["ceo"] == (3, 3)  # "- id: ceo" in the dumped text
    assert set(again.locations) == set(loaded.locations)


def test_pickle_and_copy_keep_locations(loaded: Organization) -> None:
    """Pickling and copying keep the source and the locations."""
    for clone in (pickle.loads(pickle.dumps(loaded)), copy.copy(loaded), copy.deepcopy(loaded)):
        assert clone == loaded
        assert clone.locations == loaded.locations
        assert clone.source == loaded.source


def test_changes_keep_the_locations_of_elements_left_as_they_were(loaded: Organization) -> None:
    """evolve, with_elements and without keep what still holds and drop what changed."""
    assert loaded.evolve(scope="Pumps").locations == loaded.locations
    assert loaded.evolve(scope="Pumps").source == "acme.yaml"

    renamed = loaded.with_elements(Role(id="qm", title="Head of Quality", reports_to="ceo"))
    assert "qm" not in renamed.locations
    assert renamed.locations["ceo"] == (4, 5)

    added = loaded.with_elements(Role(id="cfo", title="CFO", top_management=True))
    assert "cfo" not in added.locations
    assert set(added.locations) == set(loaded.locations)

    removed = loaded.without(["sales"])
    assert "sales" not in removed.locations
    assert removed.locations["qm"] == (7, 5)

    assert loaded.policy is not None
    shorter = loaded.policy.commitments[:1]
    reworded = loaded.evolve(policy=QualityPolicy(id="qp", statement="Pumps.", commitments=shorter))
    assert "qp" not in reworded.locations
    assert reworded.locations["commit-req"] == (16, 7)
    assert "commit-imp" not in reworded.locations


def test_with_locations_records_without_checking_again() -> None:
    """with_locations gives an equal organization; unknown ids are refused."""
    located = BUILT.with_locations({"ceo": (1, 1)}, source="chart.yaml")
    assert located == BUILT
    assert located.locations == {"ceo": (1, 1)}
    assert located.source == "chart.yaml"
    assert BUILT.locations == {}
    with pytest.raises(UnknownIdError):
        BUILT.with_locations({"cto": (1, 1)})


@given(organizations())
def test_any_dumped_organization_is_located_completely(org: Organization) -> None:
    """Read from YAML, every element of any organization has a location; equality is unaffected."""
    loaded = loads(dumps(org))
    assert loaded == org
    assert set(loaded.locations) == set(org.ids())
    assert org.locations == {}
