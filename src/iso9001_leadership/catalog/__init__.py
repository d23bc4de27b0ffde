"""The ISO 9001 requirements that leadership touches, as data, by edition.

The shipped catalog covers clause 5 in full and the clauses leadership leans on (4.1 and 4.2
for climate change, 4.4.1, 6.1, 6.2, 7.1.1, 7.3, 7.4, 9.3) for two editions: ``"2015"``
(ISO 9001:2015 with Amendment 1:2024, the default) and ``"2026"`` (from the final draft and
public summaries). Each :class:`Requirement` has a stable id that is the same in every
edition, the clause id in the catalog's edition, a paraphrase in our own words, a seed
:class:`Theme`, and how it can be evidenced.

Examples
--------
>>> from iso9001_leadership.catalog import Catalog
>>> catalog = Catalog.builtin()
>>> req = catalog["leadership.accountability"]
>>> req.clause, req.theme.value
('5.1.1 a', 'accountability')
>>> [r.clause for r in catalog.select(clause="5.1.2")]
['5.1.2 a', '5.1.2 b', '5.1.2 c']
"""

from __future__ import annotations

from iso9001_leadership.clauses import clause_key

from ._catalog import PLUGIN_GROUP, Catalog, CatalogPlugin, EditionDiff, Renumbering
from ._errors import CatalogError, UnknownRequirementError
from ._files import load_requirements, loads_requirements
from ._requirement import (
    DEFAULT_EDITION,
    EDITION_TITLES,
    EDITIONS,
    Decidability,
    EvidenceGuide,
    Requirement,
    Theme,
)

__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "EDITION_TITLES",
    "PLUGIN_GROUP",
    "Catalog",
    "CatalogError",
    "CatalogPlugin",
    "Decidability",
    "EditionDiff",
    "EvidenceGuide",
    "Renumbering",
    "Requirement",
    "Theme",
    "UnknownRequirementError",
    "clause_key",
    "load_requirements",
    "loads_requirements",
]
