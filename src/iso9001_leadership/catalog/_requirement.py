"""One requirement of the catalog, its vocabularies, the editions, and the order of clause ids."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from iso9001_leadership._names import ID_PATTERN, to_tuple
from iso9001_leadership.clauses import EDITIONS, ClauseKey, clause_key
from iso9001_leadership.exceptions import Problem

from ._errors import CatalogError

__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "EDITION_TITLES",
    "PROVISIONAL_EDITIONS",
    "Decidability",
    "EvidenceGuide",
    "Requirement",
    "Theme",
    "check_edition",
]


#: The edition used when none is given: ISO 9001:2015 with Amendment 1:2024.
DEFAULT_EDITION = "2015"

#: What each edition stands for.
EDITION_TITLES: dict[str, str] = {
    "2015": "ISO 9001:2015 with Amendment 1:2024",
    "2026": "ISO 9001:2026 (from the final draft and public summaries)",
}

#: Editions whose text was not published when the catalog was written: their clause ids rest on
#: the final draft and on public summaries.
PROVISIONAL_EDITIONS: frozenset[str] = frozenset({"2026"})


def check_edition(edition: object) -> str:
    """``edition`` if the catalog knows it, else :class:`CatalogError` naming the known ones."""
    if isinstance(edition, str) and edition in EDITIONS:
        return edition
    known = ", ".join(repr(e) for e in EDITIONS)
    msg = f"unknown edition {edition!r}; expected one of {known}"
    if isinstance(edition, int) and str(edition) in EDITIONS:
        msg += f" (write it as text: {str(edition)!r})"
    raise CatalogError(msg)


class Theme(enum.Enum):
    """The seed themes requirements are grouped by in summaries and reports."""

    ACCOUNTABILITY = "accountability"
    POLICY_AND_OBJECTIVES = "policy_and_objectives"
    INTEGRATION = "integration"
    RESOURCES = "resources"
    CUSTOMER_FOCUS = "customer_focus"
    COMMUNICATION_AND_ROLES = "communication_and_roles"
    MONITORING_AND_IMPROVEMENT = "monitoring_and_improvement"


class Decidability(enum.Enum):
    """How far the organization model can settle a requirement.

    ``MODEL``: the requirement is about something the model records directly (a field, a link,
    a date), so a check can find it met or not met. ``PARTLY``: the model can show a gap, but
    that the requirement is met also depends on evidence outside the model (documents,
    interviews, observed conduct). ``EVIDENCE``: the model holds nothing that decides it; only
    the listed evidence can.
    """

    MODEL = "model"
    PARTLY = "partly"
    EVIDENCE = "evidence"


@attrs.frozen
class EvidenceGuide:
    """How a requirement can be evidenced: in the organization model and in documents.

    Parameters
    ----------
    model
        What in the organization model shows the requirement is met, one item a line.
    documents
        Documented information, records or audit techniques that would settle it.
    """

    model: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    documents: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)


def _editions(value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(value)
    known = [e for e in EDITIONS if e in items]
    return tuple(known + [e for e in items if e not in EDITIONS])


def _text_problem(name: str, value: object, *, multiline: bool = False) -> Problem | None:
    if not isinstance(value, str):
        return Problem(name, "not text", found=repr(value), expected="text")
    if not value.strip():
        return Problem(name, "must not be empty", expected="text")
    if value != value.strip():
        return Problem(name, "has leading or trailing spaces", found=repr(value), expected="the text without them")
    if not multiline and "\n" in value:
        return Problem(name, "must be one line", found=repr(value), expected="text without line breaks")
    return None


def _kind_problems(requirement: Requirement) -> list[Problem]:
    """Fields of the wrong type (possible when built from Python without a type checker)."""
    problems: list[Problem] = []
    fields: list[tuple[str, object, type, str]] = [
        ("theme", requirement.theme, Theme, "a member of Theme"),
        ("decidable", requirement.decidable, Decidability, "a member of Decidability"),
        ("evidence", requirement.evidence, EvidenceGuide, "an EvidenceGuide"),
    ]
    for name, value, cls, expected in fields:
        if not isinstance(value, cls):
            problems.append(Problem(name, f"not {expected}", found=repr(value), expected=expected))
    evidence: object = requirement.evidence
    if isinstance(evidence, EvidenceGuide):
        if not (evidence.model or evidence.documents):
            problems.append(Problem("evidence", "says nothing", expected="at least one item under model or documents"))
        for part in ("model", "documents"):
            for index, item in enumerate(getattr(evidence, part)):
                problem = _text_problem(f"evidence.{part}[{index}]", item)
                if problem is not None:
                    problems.append(problem)
    return problems


@attrs.frozen
class Requirement:
    """One requirement of ISO 9001 (or of a user's own catalog), as it reads in one edition.

    Parameters
    ----------
    id
        Stable id, the same in every edition (``leadership.accountability``): checks and
        findings are keyed by it, so they survive the re-lettering between editions.
    clause
        The clause id in the catalog's edition (``5.1.1 a``; ``5.1.1 j`` may be another
        requirement in another edition).
    title
        The clause's title, paraphrased.
    summary
        What the requirement asks, in a sentence of our own words (never the standard's text).
    theme
        The seed theme it belongs to.
    evidence
        How it can be evidenced, in the model and in documents.
    editions
        Every edition the requirement applies to (possibly under other clause ids).
    decidable
        How far the organization model can settle it.
    changes
        What differs between editions, where something does, in words.
    changed_in
        Editions in which the requirement's content differs from the edition before (a
        change of clause id alone does not count): what :meth:`Catalog.diff` lists as changed.
    unconfirmed
        Whether the clause id in this edition is not confirmed against the published text.
    informative
        Whether the entry is guidance (a note), never a nonconformity on its own.
    supersedes
        Ids of requirements of other editions that this one takes over (when a clause splits).
    origin
        Where the requirement came from: ``builtin``, a file name, or a plug-in.
    sections
        The sections of the organization file it is judged on (``objectives``, ``reviews``); a
        file whose ``covers`` leaves one out does not assess it. Empty: judged on the clause alone.
    record
        Whether only a record of something done settles it (a procedure or policy alone does not).

    Raises
    ------
    CatalogError
        If a field is empty or of the wrong kind, or an edition is unknown.

    Examples
    --------
    >>> req = Requirement(
    ...     id="acme.ethics-hotline", clause="ACME 2.1", title="Speaking up",
    ...     summary="Everyone can report an ethics concern without fear of reprisal.",
    ...     theme=Theme.ACCOUNTABILITY,
    ...     evidence=EvidenceGuide(documents=["hotline reports and how they were handled"]),
    ... )
    >>> req.editions, req.decidable
    (('2015', '2026'), <Decidability.EVIDENCE: 'evidence'>)
    """

    id: str
    clause: str
    title: str
    summary: str
    theme: Theme
    evidence: EvidenceGuide
    editions: tuple[str, ...] = attrs.field(default=EDITIONS, converter=_editions)
    decidable: Decidability = Decidability.EVIDENCE
    changes: str = ""
    changed_in: tuple[str, ...] = attrs.field(default=(), converter=_editions)
    unconfirmed: bool = False
    informative: bool = False
    supersedes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    origin: str = ""
    sections: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    record: bool = False

    def __attrs_post_init__(self) -> None:
        problems = self._problems()
        if problems:
            msg = f"invalid requirement {self.id!r}"
            raise CatalogError(msg, problems)

    def _problems(self) -> list[Problem]:
        problems: list[Problem] = []
        if not isinstance(self.id, str) or not ID_PATTERN.match(self.id):
            problems.append(
                Problem(
                    "id",
                    "not a valid requirement id",
                    found=repr(self.id),
                    expected="letters, digits and . _ : / - (such as 'leadership.accountability')",
                )
            )
        for name in ("clause", "title"):
            problem = _text_problem(name, getattr(self, name))
            if problem is not None:
                problems.append(problem)
        problem = _text_problem("summary", self.summary, multiline=True)
        if problem is not None:
            problems.append(problem)
        problems.extend(_kind_problems(self))
        if not self.editions:
            problems.append(Problem("editions", "must name at least one edition", expected=f"some of {EDITIONS}"))
        problems.extend(
            Problem("editions", "unknown edition", found=repr(edition), expected=f"some of {EDITIONS}")
            for edition in self.editions
            if edition not in EDITIONS
        )
        problems.extend(
            Problem("changed_in", "names an edition the requirement is not part of", found=repr(edition))
            for edition in self.changed_in
            if edition not in self.editions
        )
        for index, other in enumerate(self.supersedes):
            if not isinstance(other, str) or not ID_PATTERN.match(other):
                problems.append(Problem(f"supersedes[{index}]", "not a valid requirement id", found=repr(other)))
        return problems

    def applies_to(self, edition: str) -> bool:
        """Whether the requirement is part of ``edition``."""
        return edition in self.editions

    @property
    def sort_key(self) -> tuple[ClauseKey, str]:
        """Clause order (natural sort of :attr:`clause`), then id."""
        return clause_key(self.clause), self.id
