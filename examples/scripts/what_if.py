"""What-if analysis: who is a single point of failure, and what fixing the gaps is worth.

Usage: python examples/scripts/what_if.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs

import iso9001_leadership as iso

EXAMPLE = Path(__file__).resolve().parents[1] / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)


def main() -> int:
    org = iso.load(EXAMPLE)
    graph = iso.OrgGraph.from_organization(org)

    # Who could the organization least afford to lose? Count what breaks without each person.
    impact = {person.id: len(iso.impact_of_removing(graph, [person.id], as_of=AS_OF)) for person in org.people}
    worst = sorted(impact.items(), key=lambda item: (-item[1], item[0]))[:3]
    print("people whose absence breaks the most:")
    for person_id, count in worst:
        print(f"  {org.get(person_id, iso.Person).name} ({person_id}): {count} new gaps")

    # Fix one planted gap and see the assessment move.
    before = iso.assess(org, as_of=AS_OF)
    calibration = org.get("proc-calibration", iso.Process)
    fixed = org.with_elements(attrs.evolve(calibration, owner="quality-manager"))
    change = iso.diff(before, iso.assess(fixed, as_of=AS_OF))
    print(f"giving proc-calibration an owner fixes {len(change.fixed)} finding(s); score {change.score_change:+.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
