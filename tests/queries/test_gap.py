"""The Gap record."""

from __future__ import annotations

import pytest

from iso9001_leadership.queries import Gap, GapKind


def test_gap_record() -> None:
    """A gap is frozen, hashable, turns lists into tuples and prints as one line."""
    gap = Gap(GapKind.SELF_AUDIT, ["qm", "p"], ["9.2.2 c"], "Role 'qm' audits 'p'", "Change the auditor")  # type: ignore[arg-type]
    assert gap.subjects == ("qm", "p")
    assert gap.clauses == ("9.2.2 c",)
    assert str(gap) == "self_audit (9.2.2 c): Role 'qm' audits 'p'"
    assert hash(gap) == hash(
        Gap(GapKind.SELF_AUDIT, ("qm", "p"), ("9.2.2 c",), "Role 'qm' audits 'p'", "Change the auditor")
    )
    with pytest.raises(AttributeError):
        gap.reason = "changed"  # type: ignore[misc]
