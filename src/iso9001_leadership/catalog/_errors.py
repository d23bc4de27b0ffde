"""The exceptions the catalog raises (defined with every other in :mod:`iso9001_leadership.exceptions`)."""

from __future__ import annotations

from iso9001_leadership.exceptions import CatalogError, UnknownRequirementError

__all__ = ["CatalogError", "UnknownRequirementError"]
