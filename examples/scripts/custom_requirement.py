"""Add an internal requirement and its check, then assess the example against it.

A sector or company rule (here: every core process owner has a named deputy) becomes a
requirement of the catalog and a check registered against its id, without touching the library.

Usage: python examples/scripts/custom_requirement.py
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import iso9001_leadership as iso
from iso9001_leadership.catalog import Catalog, Decidability, EvidenceGuide, Requirement, Theme
from iso9001_leadership.checks import CheckContext, default_registry
from iso9001_leadership.model import ProcessCategory

EXAMPLE = Path(__file__).resolve().parents[1] / "precision-pumps" / "organization.yaml"

DEPUTIES = Requirement(
    id="nordhavn.core-owner-deputies",
    clause="NPP 2.4",
    title="Deputies for core process owners",
    summary="Every owner of a core process has a named deputy who can act in their absence.",
    theme=Theme.ACCOUNTABILITY,
    evidence=EvidenceGuide(model=["a person with deputy_of naming the owner role"]),
    decidable=Decidability.MODEL,
)


def core_owner_deputies(ctx: CheckContext) -> Iterator[iso.Finding]:
    org = ctx.organization
    covered = {role for person in org.people for role in person.deputy_of}
    for process in org.processes:
        if process.category is ProcessCategory.CORE and process.owner and process.owner not in covered:
            yield ctx.nonconformity(
                "core_owner_without_deputy",
                f"Nobody deputises for {process.owner!r}, owner of core process {process.id!r}",
                fix=f"Name a deputy for {process.owner!r}",
                subjects=[process.owner, process.id],
            )


def main() -> int:
    registry = default_registry()
    registry.register(DEPUTIES.id, core_owner_deputies)
    catalog = Catalog.builtin("2015").extend([DEPUTIES])
    result = iso.assess(iso.load(EXAMPLE), as_of=dt.date(2026, 11, 24), catalog=catalog, registry=registry)
    verdict = result.result(DEPUTIES.id)
    print(f"{DEPUTIES.clause} {DEPUTIES.title}: {verdict.status.value}")
    for finding in verdict.findings:
        print(f"  - {finding.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
