"""The requirement catalog as a CISO Assistant framework library, and an assessment as its audit import.

`CISO Assistant <https://github.com/intuitem/ciso-assistant-community>`_ keeps frameworks as
*libraries*: YAML files whose ``objects.framework`` holds a tree of ``requirement_nodes``, each
with a ``urn``, a ``ref_id``, a ``parent_urn``, a ``depth`` and whether it is ``assessable``.
An audit (a *compliance assessment*) of a loaded framework can be filled from a spreadsheet or
CSV file through its Data Wizard, one row per requirement, matched by ``ref_id`` (or ``urn``),
with the ``compliance_result``, the ``requirement_progress`` and the ``observations``.

- :func:`ciso_library` and :func:`render_ciso_library`: a catalog (an edition, with whatever
  plug-ins added) as such a library. Each requirement is an assessable node whose ``ref_id`` is
  its clause id (``5.1.1 a``), named and described in this project's own paraphrase; the clause
  headings above it (``5``, ``5.1``, ``5.1.1``) are non-assessable parents.
- :func:`ciso_assessment_rows` and :func:`render_ciso_assessment`: an assessment as the CSV file
  the Data Wizard imports into a compliance assessment of that framework, with the same
  ``ref_id``\\ s and URNs as the library, so every row lands on its node. The result of each
  requirement follows :data:`CISO_RESULTS`.

Both are deterministic, and both name nodes the same way: the URN of a node is the framework's
URN, a colon and the ``ref_id`` in lower case with spaces as hyphens (what CISO Assistant's own
Excel converter does).

Examples
--------
>>> from iso9001_leadership.catalog import Catalog
>>> library = ciso_library(Catalog.builtin("2015"))
>>> library["urn"], library["version"] > 0
('urn:iso9001-leadership:risk:library:iso9001-2015-leadership', True)
>>> nodes = library["objects"]["framework"]["requirement_nodes"]
>>> [(n["ref_id"], n["depth"], n["assessable"]) for n in nodes[:4]]
[('4', 1, False), ('4.1', 2, True), ('4.2', 2, True), ('4.4', 2, False)]
>>> next(n for n in nodes if n["ref_id"] == "5.1.1 a")["urn"]
'urn:iso9001-leadership:risk:req_node:iso9001-2015-leadership:5.1.1-a'
>>> ciso_result(Status.NONCONFORMITY, Grade.MAJOR), ciso_result(Status.NEEDS_EVIDENCE)
('non_compliant', 'not_assessed')
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import yaml

from iso9001_leadership import _version
from iso9001_leadership._escape import csv_cell
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.catalog import EDITION_TITLES, Catalog, Requirement
from iso9001_leadership.clauses import CLAUSE_PATTERN, clause_key
from iso9001_leadership.findings import Grade, Status, verdict

__all__ = [
    "CISO_COLUMNS",
    "CISO_EXTENDED_RESULTS",
    "CISO_PROGRESS",
    "CISO_RESULTS",
    "PACKAGER",
    "ciso_assessment_rows",
    "ciso_library",
    "ciso_result",
    "framework_urn",
    "library_urn",
    "render_ciso_assessment",
    "render_ciso_library",
]

#: Who packaged the library: the first part of every URN it holds.
PACKAGER = "iso9001-leadership"

#: CISO Assistant's result of a requirement assessment, for each verdict. A minor nonconformity
#: is ``partially_compliant`` (the requirement is largely met, with a lapse) and a major one
#: ``non_compliant``; an observation and an opportunity for improvement leave the requirement
#: met (``compliant``); a requirement the model cannot decide and no evidence settles is
#: ``not_assessed`` (with ``requirement_progress`` ``in_progress``: evidence is awaited).
CISO_RESULTS: Mapping[tuple[Status, Grade | None], str] = {
    (Status.CONFORMS, None): "compliant",
    (Status.OPPORTUNITY, None): "compliant",
    (Status.OBSERVATION, None): "compliant",
    (Status.NEEDS_EVIDENCE, None): "not_assessed",
    (Status.NONCONFORMITY, Grade.MINOR): "partially_compliant",
    (Status.NONCONFORMITY, Grade.MAJOR): "non_compliant",
    (Status.NOT_APPLICABLE, None): "not_applicable",
    (Status.NOT_ASSESSED, None): "not_assessed",
}

#: CISO Assistant's *extended result* (its audit vocabulary) for the verdicts that have one.
#: The Data Wizard does not import this column (it is written for readers and for the API);
#: the observations text says the same in words.
CISO_EXTENDED_RESULTS: Mapping[tuple[Status, Grade | None], str] = {
    (Status.OPPORTUNITY, None): "opportunity_for_improvement",
    (Status.OBSERVATION, None): "observation_sensitive_point",
    (Status.NONCONFORMITY, Grade.MINOR): "minor_nonconformity",
    (Status.NONCONFORMITY, Grade.MAJOR): "major_nonconformity",
}

#: CISO Assistant's progress of a requirement assessment (``requirement_progress``), by status.
CISO_PROGRESS: Mapping[Status, str] = {
    Status.CONFORMS: "done",
    Status.OPPORTUNITY: "done",
    Status.OBSERVATION: "done",
    Status.NONCONFORMITY: "done",
    Status.NOT_APPLICABLE: "done",
    Status.NEEDS_EVIDENCE: "in_progress",
    Status.NOT_ASSESSED: "to_do",
}

#: The columns of the audit import file, in order: those of CISO Assistant's own audit export
#: that its Data Wizard reads back (``urn``, ``assessable``, ``ref_id``, ``compliance_result``,
#: ``requirement_progress``, ``observations``), with ``name``, ``description`` and
#: ``extended_result`` for people reading the file.
CISO_COLUMNS: tuple[str, ...] = (
    "urn",
    "assessable",
    "ref_id",
    "name",
    "description",
    "compliance_result",
    "extended_result",
    "requirement_progress",
    "observations",
)

#: Headings for clause numbers that mean the same in both editions (our wording of ISO 9001's
#: clause titles, the high-level structure of ISO management system standards). Other headings
#: take the title their requirements share.
_HEADINGS = {
    "4": "Context of the organization",
    "4.4": "The quality management system and its processes",
    "5": "Leadership",
    "5.1": "Leadership and commitment",
    "5.2": "Quality policy",
    "6": "Planning",
    "6.1": "Acting on risks and opportunities",
    "6.2": "Quality objectives and how to reach them",
    "7": "Support",
    "7.1": "Resources",
    "8": "Operation",
    "9": "Performance evaluation",
    "9.2": "Internal audit",
    "9.3": "Management review",
    "10": "Improvement",
}

#: What a URN's last part may hold besides its separators (CISO Assistant's ``URN_REGEX``).
_URN_UNSAFE = re.compile(r"[^a-z0-9_\-.\[\]():]")


def ciso_result(status: Status, grade: Grade | None = None) -> str:
    """CISO Assistant's result for a verdict (see :data:`CISO_RESULTS`); a nonconformity without a grade counts as minor.

    Examples
    --------
    >>> ciso_result(Status.CONFORMS), ciso_result(Status.NONCONFORMITY)
    ('compliant', 'partially_compliant')
    """
    if status is Status.NONCONFORMITY:
        return CISO_RESULTS[(status, grade or Grade.MINOR)]
    return CISO_RESULTS[(status, None)]


def _family(edition: str) -> str:
    return f"iso9001-{edition}-leadership"


def library_urn(edition: str) -> str:
    """The URN of the library of an edition's catalog.

    Examples
    --------
    >>> library_urn("2026")
    'urn:iso9001-leadership:risk:library:iso9001-2026-leadership'
    """
    return f"urn:{PACKAGER}:risk:library:{_family(edition)}"


def framework_urn(edition: str) -> str:
    """The URN of the framework the library of an edition holds (the audit import's framework)."""
    return f"urn:{PACKAGER}:risk:framework:{_family(edition)}"


def _urn_part(ref_id: str) -> str:
    """A ref_id as the last part of a URN, as CISO Assistant's converter makes it: accents
    dropped, lower case, spaces as hyphens, anything else it does not allow as an underscore."""
    text = unicodedata.normalize("NFKD", ref_id).encode("ascii", "ignore").decode("ascii")
    return _URN_UNSAFE.sub("_", text.lower().replace(" ", "-"))


@attrs.define
class _Node:
    """A node of the requirement tree: a clause heading, or a requirement (which may head others)."""

    ref_id: str
    parent: str | None
    requirement: Requirement | None = None
    index: int | None = None  # the requirement's position in the sequence the tree was made of
    children: list[str] = attrs.field(factory=list)


def _ancestors(clause: str) -> list[str]:
    """The headings above a clause id, outermost first: ``5``, ``5.1``, ``5.1.1`` for ``5.1.1 a``."""
    if not CLAUSE_PATTERN.match(clause):
        return []  # a clause id of a user's own catalog ("ACME 2.1"): a node of its own at the top
    number, _, item = clause.partition(" ")
    parts = number.split(".")
    heads = [".".join(parts[:i]) for i in range(1, len(parts) + (1 if item else 0))]
    words = item.split(" ") if item else []
    heads += [f"{number} {' '.join(words[:j])}" for j in range(1, len(words))]
    return heads


def _tree(requirements: Sequence[Requirement]) -> list[_Node]:
    """The nodes in pre-order (each parent before its children, siblings in clause order).

    A requirement's ``ref_id`` is its clause id. Requirements that share a clause id (possible
    in a catalog of one's own) each get the clause id and their requirement id in brackets
    (``5.3 a [acme.roles]``), under a heading for the shared clause id: CISO Assistant matches an
    audit's rows to nodes by ``ref_id``, so each must be unique.
    """
    shared = Counter(requirement.clause for requirement in requirements)
    nodes: dict[str, _Node] = {}

    def add(ref_id: str, parent: str | None) -> None:
        if ref_id not in nodes:
            nodes[ref_id] = _Node(ref_id, parent)
            if parent is not None:
                nodes[parent].children.append(ref_id)

    for index, requirement in enumerate(requirements):
        parent: str | None = None
        for ref_id in [*_ancestors(requirement.clause), requirement.clause]:
            add(ref_id, parent)
            parent = ref_id
        own = requirement.clause
        if shared[requirement.clause] > 1:
            own = f"{requirement.clause} [{requirement.id}]"
            copy = 1
            while own in nodes:  # the same requirement id twice: only in an assessment built by hand
                copy += 1
                own = f"{requirement.clause} [{requirement.id}] {copy}"
            add(own, requirement.clause)
        nodes[own].requirement = requirement
        nodes[own].index = index
    ordered: list[_Node] = []

    def visit(ref_ids: Iterable[str]) -> None:
        for ref_id in sorted(ref_ids, key=clause_key):
            ordered.append(nodes[ref_id])
            visit(nodes[ref_id].children)

    visit(ref_id for ref_id, node in nodes.items() if node.parent is None)
    return ordered


def _urn_parts(ordered: Sequence[_Node]) -> dict[str, str]:
    """The last URN part of each node, by ref_id: :func:`_urn_part` of the ref_id, and when two ref_ids
    give the same part (``ACME 1`` and ``acme 1``), ``_2``, ``_3`` ... after the later ones in the tree's order."""
    parts: dict[str, str] = {}
    taken: set[str] = set()
    for node in ordered:
        part = base = _urn_part(node.ref_id)
        copy = 1
        while part in taken:
            copy += 1
            part = f"{base}_{copy}"
        taken.add(part)
        parts[node.ref_id] = part
    return parts


def _heading(node: _Node, nodes: Mapping[str, _Node]) -> str:
    """The name of a heading: ours for the clause numbers of :data:`_HEADINGS`, else the title its requirements share."""
    if node.ref_id in _HEADINGS:
        return _HEADINGS[node.ref_id]
    titles: set[str] = set()
    stack = list(node.children)
    while stack:
        child = nodes[stack.pop()]
        if child.requirement is not None:
            titles.add(child.requirement.title)
        stack.extend(child.children)
    return titles.pop() if len(titles) == 1 else f"Clause {node.ref_id}"


def _annotation(requirement: Requirement, edition: str) -> str:
    notes = [f"iso9001-leadership requirement id: {requirement.id}."]
    if requirement.informative:
        notes.append("Guidance (a note), not a requirement: never a nonconformity on its own.")
    if requirement.unconfirmed:
        notes.append("The clause id in this edition is not confirmed against the published text.")
    if edition in requirement.changed_in and requirement.changes.strip():
        notes.append("What changed in this edition: " + " ".join(requirement.changes.split()))
    return "\n".join(notes)


def _node_data(
    node: _Node, base: str, parts: Mapping[str, str], depths: dict[str, int], nodes: Mapping[str, _Node], edition: str
) -> dict[str, Any]:
    depth = 1 if node.parent is None else depths[node.parent] + 1
    depths[node.ref_id] = depth
    data: dict[str, Any] = {
        "urn": f"{base}:{parts[node.ref_id]}",
        "assessable": node.requirement is not None,
        "depth": depth,
    }
    if node.parent is not None:
        data["parent_urn"] = f"{base}:{parts[node.parent]}"
    data["ref_id"] = node.ref_id
    requirement = node.requirement
    if requirement is None:
        data["name"] = _heading(node, nodes)
        return data
    data["name"] = requirement.title
    data["description"] = " ".join(requirement.summary.split())
    data["annotation"] = _annotation(requirement, edition)
    evidence = requirement.evidence.documents or requirement.evidence.model
    if evidence:
        data["typical_evidence"] = "\n".join(f"- {item}" for item in evidence)
    return data


def _nodes(requirements: Sequence[Requirement], edition: str) -> list[tuple[dict[str, Any], int | None]]:
    """The library's requirement nodes, each with the position of its requirement in ``requirements`` (``None`` for a heading)."""
    ordered = _tree(requirements)
    by_ref = {node.ref_id: node for node in ordered}
    parts = _urn_parts(ordered)
    base = f"urn:{PACKAGER}:risk:req_node:{_family(edition)}"
    depths: dict[str, int] = {}
    return [(_node_data(node, base, parts, depths, by_ref, edition), node.index) for node in ordered]


def _library_version() -> int:
    """The library's version: the package version as a number that grows with each release (0.1.0 is 100)."""
    numbers = [int(part) for part in re.findall(r"\d+", _version.__version__)[:3]]
    numbers += [0] * (3 - len(numbers))
    return numbers[0] * 10_000 + numbers[1] * 100 + numbers[2] or 1


def ciso_library(catalog: Catalog, *, version: int | None = None) -> dict[str, Any]:
    """The catalog as a CISO Assistant framework library (the data of its YAML file).

    Parameters
    ----------
    catalog
        The catalog of one edition, such as ``Catalog.builtin("2026", plugins=True)``: the same
        catalog the assessments to import were made with, so their rows find their nodes.
    version
        The library's version, a whole number CISO Assistant compares to update a library it
        holds; by default the package version as a number (0.1.0 gives 100).

    Returns
    -------
    dict
        ``urn``, ``locale``, ``ref_id``, ``name``, ``description``, ``copyright``, ``version``,
        ``provider``, ``packager`` and ``objects.framework`` with its ``requirement_nodes``.

    Requirements that share a clause id (possible in a catalog of one's own) get the clause id
    and their requirement id in brackets as ``ref_id`` (``5.3 a [acme.roles]``), under a heading
    for the clause id; ref_ids that would give the same URN (``ACME 1`` and ``acme 1``) get
    ``_2``, ``_3`` ... at the end of the later URNs. Both files name nodes the same way.
    """
    edition = catalog.edition
    title = EDITION_TITLES.get(edition, edition)
    ref_id = f"ISO 9001:{edition} leadership"
    name = f"ISO 9001 leadership requirements: {title}"
    description = (
        f"The ISO 9001 requirements that leadership touches ({len(catalog)} requirements, each under its clause "
        f"id), as the iso9001-leadership catalog holds them for {title}, in that project's own words."
    )
    if catalog.provisional:
        description += " The edition's text was not published when the catalog was written: its clause ids rest on the final draft and public summaries."
    return {
        "urn": library_urn(edition),
        "locale": "en",
        "ref_id": ref_id,
        "name": name,
        "description": description,
        "copyright": (
            "Names and descriptions are paraphrases written for the iso9001-leadership project (MIT licence); "
            "they are not the text of ISO 9001, which is copyrighted by ISO. Clause ids are cited so that readers "
            "can look the wording up in their own copy of the standard, from ISO or a national standards body."
        ),
        "version": version if version is not None else _library_version(),
        "provider": "ISO",
        "packager": PACKAGER,
        "objects": {
            "framework": {
                "urn": framework_urn(edition),
                "ref_id": ref_id,
                "name": name,
                "description": description,
                "requirement_nodes": [data for data, _ in _nodes(catalog.requirements, edition)],
            }
        },
    }


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing text of several lines as a literal block (``|``)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style by itself when a block cannot hold the text exactly.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def render_ciso_library(catalog: Catalog, *, version: int | None = None) -> str:
    """:func:`ciso_library` as YAML text, with a comment on top that says what it is and where it goes.

    Examples
    --------
    >>> from iso9001_leadership.catalog import Catalog
    >>> print(render_ciso_library(Catalog.builtin("2026")).splitlines()[2])
    urn: urn:iso9001-leadership:risk:library:iso9001-2026-leadership
    """
    data = ciso_library(catalog, version=version)
    head = (
        f"# CISO Assistant framework library of the iso9001-leadership {catalog.edition} catalog "
        f"({len(catalog)} requirements).\n"
        "# Load it in CISO Assistant (Libraries, upload), then import audits made with the same catalog.\n"
    )
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return head + body


def _observations(result: RequirementResult, assessment: Assessment) -> str:
    names = assessment.element_names
    lines = [
        f"{_capital(verdict(result.status, result.grade))} (iso9001-leadership, as of {assessment.as_of.isoformat()})."
    ]
    for finding in result.findings:
        text = f"- {_capital(verdict(finding.status, finding.grade))}: {' '.join(finding.reason.split())}"
        if finding.subjects:
            text += " (" + ", ".join(_named(s, names) for s in finding.subjects) + ")"
        if finding.fix.strip():
            text += f". To close it: {' '.join(finding.fix.split())}"
        lines.append(text)
    if result.evidence:
        lines.append("Documented information examined: " + ", ".join(_named(e, names) for e in result.evidence) + ".")
    if result.note.strip():
        lines.append(f"Note: {' '.join(result.note.split())}")
    return "\n".join(lines)


def _named(element: str, names: Mapping[str, str]) -> str:
    name = names.get(element)
    return f"{name} ({element})" if name and name != element else element


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def ciso_assessment_rows(assessment: Assessment) -> list[dict[str, str]]:
    """The rows of the audit import file: one per node of the framework, in the library's order.

    Assessable rows (the requirements) carry the result (:func:`ciso_result`), the extended
    result, the progress (:data:`CISO_PROGRESS`) and the observations in words; heading rows
    carry their ``urn``, ``ref_id`` and name only (the Data Wizard skips them, as it does in the
    files CISO Assistant exports). Every value is text, each column of :data:`CISO_COLUMNS`.

    Examples
    --------
    >>> import datetime as dt
    >>> from iso9001_leadership import Organization, Role, assess
    >>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
    >>> rows = ciso_assessment_rows(assess(org, as_of=dt.date(2026, 11, 24)))
    >>> row = next(r for r in rows if r["ref_id"] == "5.2.1 a")
    >>> row["assessable"], row["compliance_result"], row["extended_result"], row["requirement_progress"]
    ('True', 'non_compliant', 'major_nonconformity', 'done')
    """
    rows = []
    for node, index in _nodes([r.requirement for r in assessment.results], assessment.edition):
        result = assessment.results[index] if index is not None else None
        row = dict.fromkeys(CISO_COLUMNS, "")
        row.update(urn=node["urn"], assessable=str(node["assessable"]), ref_id=node["ref_id"], name=node["name"])
        if result is not None:
            key = (result.status, (result.grade or Grade.MINOR) if result.status is Status.NONCONFORMITY else None)
            row.update(
                description=node.get("description", ""),
                compliance_result=ciso_result(result.status, result.grade),
                extended_result=CISO_EXTENDED_RESULTS.get(key, ""),
                requirement_progress=CISO_PROGRESS[result.status],
                observations=_observations(result, assessment),
            )
        rows.append(row)
    return rows


def render_ciso_assessment(assessment: Assessment) -> str:
    """:func:`ciso_assessment_rows` as CSV text (comma-separated, a header row, ``\\n`` line ends).

    Cells that a spreadsheet could take for a formula start with a single quote (see
    :func:`~iso9001_leadership._escape.csv_cell`).

    Examples
    --------
    >>> import datetime as dt
    >>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
    >>> render_ciso_assessment(empty)
    'urn,assessable,ref_id,name,description,compliance_result,extended_result,requirement_progress,observations\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CISO_COLUMNS)
    for row in ciso_assessment_rows(assessment):
        writer.writerow([csv_cell(row[column]) for column in CISO_COLUMNS])
    return buffer.getvalue()
