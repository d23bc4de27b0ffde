"""Which documented information settles which requirement, by rules a box-ticking file cannot game.

Evidence settles a requirement the model cannot decide on its own only when:

- it cites the requirement's id (the same in every edition), or exactly its clause id in the
  edition the evidence names (``edition``); a clause id that means different requirements in
  the two editions, cited without an edition, is ambiguous and settles nothing (a warning says so);
- it is not stale (``valid_until`` on or after the assessment date);
- it is a record of something done (a record, minutes, a report, training records) when the
  requirement asks for one (``Requirement.record``); a procedure or policy alone does not do.

Citing a parent clause (``7``, ``7.3``) settles none of its items: the verdict names the
evidence so the author can cite the items it really shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from iso9001_leadership.catalog import Catalog, Requirement
from iso9001_leadership.clauses import EDITIONS, clause_within
from iso9001_leadership.model import Evidence, EvidenceKind, Organization

__all__ = ["RECORD_KINDS", "EvidenceIndex", "EvidenceVerdict"]

#: The kinds of documented information that record something done (as opposed to saying how it
#: is to be done).
RECORD_KINDS: frozenset[EvidenceKind] = frozenset(
    {EvidenceKind.RECORD, EvidenceKind.MINUTES, EvidenceKind.REPORT, EvidenceKind.TRAINING}
)


@attrs.frozen
class EvidenceVerdict:
    """What the organization's evidence says of one requirement.

    ``settled_by``: ids of the records that settle it. ``notes``: why other records that mention it
    do not (stale, a procedure where a record is needed, a parent-clause citation).
    """

    settled_by: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class _Citation:
    record: Evidence
    requirement: str
    exact: bool


@attrs.frozen
class EvidenceIndex:
    """The evidence of one organization, resolved against the requirement ids of every edition."""

    as_of: dt.date
    _citations: Mapping[str, tuple[_Citation, ...]]
    warnings: tuple[str, ...] = ()

    @classmethod
    def build(cls, org: Organization, *, as_of: dt.date, catalog: Catalog) -> EvidenceIndex:
        """Resolve every citation of every evidence record once."""
        by_clause = _clauses_by_edition(catalog)
        ids = {req_id for clauses in by_clause.values() for ids_ in clauses.values() for req_id in ids_}
        ids.update(catalog.ids)
        citations: dict[str, list[_Citation]] = {}
        warnings: list[str] = []
        for record in org.evidence:
            for cited in record.clauses:
                if cited in ids:
                    citations.setdefault(cited, []).append(_Citation(record, cited, exact=True))
                    continue
                exact, parent, ambiguous = _resolve(cited, record.edition, by_clause)
                if ambiguous:
                    meanings = "; ".join(f"{e}: {', '.join(r)}" for e, r in ambiguous.items())
                    warnings.append(
                        f"evidence {record.id!r} cites {cited!r}, which names different requirements in each edition "
                        f"({meanings}); it settles nothing until it cites the requirement id or says its edition"
                    )
                for requirement in exact:
                    citations.setdefault(requirement, []).append(_Citation(record, requirement, exact=True))
                for requirement in parent:
                    citations.setdefault(requirement, []).append(_Citation(record, requirement, exact=False))
        return cls(as_of, {k: tuple(v) for k, v in citations.items()}, tuple(warnings))

    def verdict(self, requirement: Requirement) -> EvidenceVerdict:
        """Which records settle ``requirement``, and why the others that mention it do not."""
        settled: list[str] = []
        notes: list[str] = []
        for citation in self._citations.get(requirement.id, ()):
            record = citation.record
            if not citation.exact:
                notes.append(
                    f"evidence {record.id!r} cites a clause that holds {requirement.clause}; "
                    f"cite '{requirement.id}' if it shows this item"
                )
            elif record.valid_until is not None and record.valid_until < self.as_of:
                notes.append(f"evidence {record.id!r} expired on {record.valid_until.isoformat()}")
            elif requirement.record and record.kind not in RECORD_KINDS:
                notes.append(
                    f"evidence {record.id!r} is a {record.kind.value}: this requirement needs a record of it being done"
                )
            elif record.id not in settled:
                settled.append(record.id)
        return EvidenceVerdict(tuple(settled), tuple(dict.fromkeys(notes)))


def _clauses_by_edition(catalog: Catalog) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each edition, which requirement ids each clause id names."""
    catalogs: dict[str, Iterable[Requirement]] = {e: Catalog.builtin(e) for e in EDITIONS}
    catalogs[catalog.edition] = catalog
    result: dict[str, dict[str, tuple[str, ...]]] = {}
    for edition, requirements in catalogs.items():
        clauses: dict[str, list[str]] = {}
        for req in requirements:
            clauses.setdefault(req.clause, []).append(req.id)
        result[edition] = {k: tuple(v) for k, v in clauses.items()}
    return result


def _resolve(
    cited: str, edition: str | None, by_clause: Mapping[str, Mapping[str, tuple[str, ...]]]
) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The requirements a clause citation names exactly, those it holds as a parent, and any ambiguity."""
    editions = (edition,) if edition is not None else tuple(by_clause)
    meanings = {e: by_clause[e][cited] for e in editions if cited in by_clause[e]}
    if len(set(meanings.values())) > 1:
        return (), (), meanings
    exact = next(iter(meanings.values()), ())
    parent = tuple(
        dict.fromkeys(
            req_id
            for e in editions
            for clause, ids in by_clause[e].items()
            if clause != cited and clause_within(clause, cited)
            for req_id in ids
        )
    )
    return exact, tuple(p for p in parent if p not in exact), {}
