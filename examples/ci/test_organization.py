"""Guard the example organization's structure in CI: run `python -m pytest` in this folder.

The example has ten planted minor nonconformities, so this guard allows minor findings but no
major one, and pins the gaps that must never come back.
"""

from __future__ import annotations

import pytest

from iso9001_leadership import Organization
from iso9001_leadership.testing import assert_conforms, assert_no_gaps


def test_no_major_nonconformity(iso9001_organization: Organization) -> None:
    """No requirement is broken outright or across the board."""
    assert_conforms(iso9001_organization, fail_on="major")


def test_structural_gaps_never_come_back(iso9001_organization: Organization) -> None:
    """Top management stays accountable, every 5.3 duty is held, no reporting loop, no process has two owners."""
    assert_no_gaps(
        iso9001_organization,
        kinds=["top_management_not_accountable", "duty_unassigned", "reporting_cycle", "process_with_several_owners"],
    )


@pytest.mark.iso9001(edition="2026")
def test_ready_for_the_2026_revision(iso9001_organization: Organization) -> None:
    """Against the 2026 revision too, nothing major."""
    assert_conforms(iso9001_organization, fail_on="major")
