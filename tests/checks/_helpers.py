"""What the check tests and the assessment tests share: status and grade shorthands, and assessing on the fixed date."""

from __future__ import annotations

from typing import Any

from tests.assessment._orgs import AS_OF

from iso9001_leadership import Organization
from iso9001_leadership.assessment import Assessment, Grade, Status, assess

NC, OBS, OFI, NE, OK, NA = (
    Status.NONCONFORMITY,
    Status.OBSERVATION,
    Status.OPPORTUNITY,
    Status.NEEDS_EVIDENCE,
    Status.CONFORMS,
    Status.NOT_APPLICABLE,
)
MAJOR, MINOR = Grade.MAJOR, Grade.MINOR


def _assess(org: Organization, edition: str = "2015", **kwargs: Any) -> Assessment:
    return assess(org, edition=edition, as_of=AS_OF, **kwargs)
