"""An assessment as NIST OSCAL assessment results (JSON), for GRC tools that read OSCAL.

:func:`to_oscal` turns an :class:`~iso9001_leadership.assessment.Assessment` into an OSCAL
``assessment-results`` document (OSCAL 1.1.2; the same structure is valid under the 1.1.x and
1.2.x models), as plain JSON data made by this module: writing it needs nothing but the
standard library. :func:`render_oscal` gives the JSON text, and :func:`validate_oscal` checks a
document against the pydantic models of compliance-trestle when that package is installed
(the ``oscal`` extra; see docs/install.md), then checks the references inside it.

How the assessment maps to OSCAL (``docs/how-to/oscal.md`` tells the whole of it):

- The requirements of the catalog are the *controls*: each requirement id is a control id.
  ``reviewed-controls`` includes every requirement of the assessment and excludes those not
  applicable (excluded by the organization under clause 4.3) and those not assessed (outside
  what the organization file describes), with the reason for each in its remarks.
- Each requirement examined gives one OSCAL *finding*, whose ``target`` carries the verdict as an
  objective status (:data:`OSCAL_STATES`: ``satisfied`` or ``not-satisfied``, with a reason).
- Each finding of the assessment (a nonconformity, an observation, an opportunity, a request
  for evidence) gives one OSCAL *observation*, linked from the requirement's finding; so does
  the documented information that settled a requirement. The elements at fault are the
  observation's subjects.
- With the organization given, its roles are the metadata's roles, its people and the
  organization itself the parties, and who holds each role on the assessment date the
  responsible parties.

The output is deterministic: every UUID is a version-5 UUID made from stable content (the
organization's name, the edition, the date, the requirement, the finding's rule and elements),
every timestamp is midnight UTC of the assessment date, and object keys are sorted.

Examples
--------
>>> import datetime as dt
>>> from iso9001_leadership import Organization, Role, assess
>>> org = Organization(name="Acme", roles=(Role(id="ceo", title="CEO", top_management=True),))
>>> doc = to_oscal(assess(org, as_of=dt.date(2026, 11, 24)), org)
>>> ar = doc["assessment-results"]
>>> ar["metadata"]["oscal-version"], ar["metadata"]["last-modified"]
('1.1.2', '2026-11-24T00:00:00Z')
>>> [role["id"] for role in ar["metadata"]["roles"]]
['ceo']
>>> finding = next(f for f in ar["results"][0]["findings"] if f["target"]["target-id"] == "policy.appropriate")
>>> finding["target"]["status"]["state"], finding["target"]["status"]["reason"]
('not-satisfied', 'fail')
>>> oscal_state(Status.CONFORMS), oscal_state(Status.NOT_APPLICABLE)
(('satisfied', 'pass'), None)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from iso9001_leadership import _version
from iso9001_leadership._escape import json_text, markdown_code, markdown_text
from iso9001_leadership.assessment import Assessment, RequirementResult
from iso9001_leadership.exceptions import MissingExtraError, ReportError
from iso9001_leadership.findings import Finding, Grade, Status, status_text, verdict
from iso9001_leadership.model import EntityKind, Evidence, Organization, Person

__all__ = [
    "NAMESPACE",
    "OSCAL_STATES",
    "OSCAL_VERSION",
    "oscal_state",
    "oscal_token",
    "render_oscal",
    "to_oscal",
    "validate_oscal",
]

#: The OSCAL version the documents declare (``metadata.oscal-version``).
OSCAL_VERSION = "1.1.2"

#: The ``ns`` of the properties this package defines (``status``, ``grade``, ``clause`` ...): a
#: URI of ours, as OSCAL asks for names outside its own namespace (``docs/how-to/oscal.md`` lists
#: them). It names; nothing is fetched from it.
NAMESPACE = f"{_version.HOMEPAGE}/ns/oscal"

#: The objective status of the finding each verdict gives: ``(state, reason)``, or ``None`` for
#: a requirement that gives no finding because it is outside what was reviewed (not applicable:
#: excluded by the organization; not assessed: not described by the file). ``satisfied`` means
#: the requirement is met (an observation or an opportunity for improvement does not stop it
#: being met); ``not-satisfied`` with reason ``fail`` is a nonconformity; ``not-satisfied`` with
#: reason ``other`` is a requirement the model cannot decide and no evidence settles: OSCAL's
#: ``not-satisfied`` means "not shown to be completely satisfied", and nothing shows it is.
OSCAL_STATES: Mapping[tuple[Status, Grade | None], tuple[str, str] | None] = {
    (Status.CONFORMS, None): ("satisfied", "pass"),
    (Status.OPPORTUNITY, None): ("satisfied", "pass"),
    (Status.OBSERVATION, None): ("satisfied", "pass"),
    (Status.NEEDS_EVIDENCE, None): ("not-satisfied", "other"),
    (Status.NONCONFORMITY, Grade.MINOR): ("not-satisfied", "fail"),
    (Status.NONCONFORMITY, Grade.MAJOR): ("not-satisfied", "fail"),
    (Status.NOT_APPLICABLE, None): None,
    (Status.NOT_ASSESSED, None): None,
}

#: Where UUIDs come from: version-5 UUIDs in a namespace of the package's own.
_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)

#: An OSCAL token (the XML NCName, restricted to ASCII: ids of the model are ASCII).
_TOKEN = re.compile(r"\A[A-Za-z_][A-Za-z0-9_.\-]*\Z")

#: Kinds of element, as the ``type`` of the component that stands for one in the results.
_COMPONENT_TYPES = {EntityKind.PROCESS: "process-procedure", EntityKind.POLICY: "policy"}


def oscal_state(status: Status, grade: Grade | None = None) -> tuple[str, str] | None:
    """The OSCAL objective status ``(state, reason)`` of a verdict, or ``None`` when it gives no finding.

    A nonconformity without a grade counts as minor. See :data:`OSCAL_STATES`.

    Examples
    --------
    >>> oscal_state(Status.NONCONFORMITY, Grade.MAJOR), oscal_state(Status.NEEDS_EVIDENCE)
    (('not-satisfied', 'fail'), ('not-satisfied', 'other'))
    """
    if status is Status.NONCONFORMITY:
        return OSCAL_STATES[(status, grade or Grade.MINOR)]
    return OSCAL_STATES[(status, None)]


def oscal_token(value: str) -> str:
    """An id of the model as an OSCAL token (a role id, a control id), one to one.

    An id that is already a token without an underscore is kept as it is. Otherwise an
    underscore is written twice, ``:`` and ``/`` (and any other character a token cannot hold)
    as ``_`` and two hex digits, and an id that starts with a digit gets ``_n`` in front. Kept
    ids hold no underscore and changed ones always do, so two different ids never give the same
    token.

    Examples
    --------
    >>> oscal_token("quality-manager"), oscal_token("2nd-shift"), oscal_token("acme:qm/eu"), oscal_token("a_b")
    ('quality-manager', '_n2nd-shift', 'acme_3aqm_2feu', 'a__b')
    """
    if _TOKEN.match(value) and "_" not in value:
        return value
    parts = ["_n"] if value[:1].isdigit() else []
    for char in value:
        if char == "_":
            parts.append("__")
        elif (char.isascii() and char.isalnum()) or char in ".-":
            parts.append(char)
        elif ord(char) < 0x100:
            parts.append(f"_{ord(char):02x}")
        else:
            parts.append(f"_u{ord(char):06x}")
    return "".join(parts)


def _uid(*parts: str) -> str:
    """A version-5 UUID from the parts (joined with a separator no id or name holds)."""
    return str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join(parts)))


def _line(text: str) -> str:
    """Text for an OSCAL markup-line: one line of Markdown, markup escaped."""
    return markdown_text(" ".join(text.split())) or "-"


def _lines(*paragraphs: str) -> str:
    """Text for an OSCAL markup-multiline: each non-empty paragraph escaped, a blank line between."""
    kept = [_line(p) for p in paragraphs if p.strip()]
    return "\n\n".join(kept) or "-"


def _plain(text: str) -> str:
    """Text for a plain OSCAL string value (a prop's value, a party's name): one line, no edge spaces."""
    return " ".join(text.split()) or "-"


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NAMESPACE, "value": _plain(value)}


def _timestamp(day: dt.date) -> str:
    """Midnight UTC of ``day``: every timestamp of a document, so the same assessment gives the same bytes."""
    return f"{day.isoformat()}T00:00:00Z"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


class _Document:
    """Builds one assessment-results document: the ids, the parties and the parts that refer to them."""

    def __init__(self, assessment: Assessment, organization: Organization | None, plan_href: str | None) -> None:
        self.assessment = assessment
        self.org = organization
        self.plan_href = plan_href
        self.key = (assessment.organization, assessment.edition, assessment.as_of.isoformat())
        self.when = _timestamp(assessment.as_of)
        self.tool_uuid = self.uid("tool")
        self.platform_uuid = self.uid("platform")
        self.organization_uuid = _uid("party", assessment.organization)
        self.roles: dict[str, str] = {}  # role id -> OSCAL role id
        self.parties: dict[str, str] = {}  # person id -> party uuid
        self.held: dict[str, list[str]] = {}  # role id -> the party uuids of its holders on the date, in file order
        if organization is not None:
            self.roles = {role.id: oscal_token(role.id) for role in organization.roles}
            self.parties = {p.id: _uid("party", assessment.organization, p.id) for p in organization.people}
            for person in organization.people:
                for role in person.roles_on(assessment.as_of):
                    self.held.setdefault(role, []).append(self.parties[person.id])
        self.components: dict[str, dict[str, Any]] = {}  # element id -> component, in order of first mention
        self.ordered = tuple(sorted(assessment.results, key=lambda r: r.requirement.sort_key))  # clause order

    def uid(self, *parts: str) -> str:
        """A UUID for something of this assessment (its organization, edition and date)."""
        return _uid(*self.key, *parts)

    # -- metadata -----------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        a = self.assessment
        metadata: dict[str, Any] = {
            "title": _line(f"ISO 9001 leadership assessment: {a.organization}"),
            "published": self.when,
            "last-modified": self.when,
            "version": a.as_of.isoformat(),
            "oscal-version": OSCAL_VERSION,
            "props": [_prop("edition", a.edition), _prop("as-of", a.as_of.isoformat())],
            "parties": [self.organization_party(), *self.people()],
            "remarks": _lines(
                f"Made by iso9001-leadership {_version.__version__} from the organization model, against the "
                f"requirement catalog of {a.edition_title}.",
                "Requirement titles and summaries are paraphrases: ISO's text is not reproduced; clause ids are "
                "cited so readers can look the wording up in their own copy of the standard.",
            ),
        }
        if self.org is not None:
            metadata["roles"] = [
                {
                    "id": self.roles[role.id],
                    "title": _line(role.title),
                    **({"description": _lines(role.description)} if role.description.strip() else {}),
                    "props": [_prop("role-id", role.id)]
                    + ([_prop("top-management", "true")] if role.top_management else []),
                }
                for role in self.org.roles
            ]
            responsible = self.responsible_parties()
            if responsible:
                metadata["responsible-parties"] = responsible
        return metadata

    def organization_party(self) -> dict[str, Any]:
        party: dict[str, Any] = {
            "uuid": self.organization_uuid,
            "type": "organization",
            "name": _plain(self.assessment.organization),
        }
        if self.org is not None and self.org.scope.strip():
            party["remarks"] = _lines(f"Scope of the quality management system: {self.org.scope}")
        return party

    def people(self) -> list[dict[str, Any]]:
        if self.org is None:
            return []
        people = []
        for person in self.org.people:
            party: dict[str, Any] = {
                "uuid": self.parties[person.id],
                "type": "person",
                "name": _plain(person.name),
                "member-of-organizations": [self.organization_uuid],
                "props": [_prop("person-id", person.id)],
            }
            address = _email(person.email)
            if address is not None:
                party["email-addresses"] = [address]
            if not person.present(self.assessment.as_of):
                party["remarks"] = _lines(f"Not with the organization on {self.assessment.as_of.isoformat()}.")
            people.append(party)
        return people

    def holders(self, role: str) -> list[str]:
        """The party uuids of the people who hold ``role`` on the assessment date, in file order."""
        return list(self.held.get(role, ()))

    def responsible_parties(self) -> list[dict[str, Any]]:
        roles = self.org.roles if self.org is not None else ()
        return [
            {"role-id": self.roles[role.id], "party-uuids": self.holders(role.id)}
            for role in roles
            if role.id in self.held
        ]

    # -- the parts of the result --------------------------------------------------------------

    def origins(self) -> list[dict[str, Any]]:
        return [{"actors": [{"type": "tool", "actor-uuid": self.tool_uuid}]}]

    def assessment_assets(self) -> dict[str, Any]:
        version = _version.__version__
        return {
            "components": [
                {
                    "uuid": self.tool_uuid,
                    "type": "software",
                    "title": "iso9001-leadership",
                    "description": _lines(
                        "Checks an organization model of a quality management system against the ISO 9001 "
                        "requirements that leadership touches, and says requirement by requirement where it stands."
                    ),
                    "props": [{"name": "version", "value": version}],
                    "links": [{"href": _version.HOMEPAGE, "rel": "homepage"}],
                    "status": {"state": "operational"},
                }
            ],
            "assessment-platforms": [
                {
                    "uuid": self.platform_uuid,
                    "title": f"iso9001-leadership {version}",
                    "uses-components": [{"component-uuid": self.tool_uuid}],
                }
            ],
        }

    def subject(self, element: str) -> dict[str, Any]:
        """The subject reference for an element at fault: a party for a person, else a component."""
        if self.org is not None and element in self.parties:
            person = self.org.get(element, Person)
            return {"subject-uuid": self.parties[element], "type": "party", "title": _line(person.name)}
        component = self.components.get(element)
        if component is None:
            component = self.component(element)
            self.components[element] = component
        return {"subject-uuid": component["uuid"], "type": "component", "title": component["title"]}

    def component(self, element: str) -> dict[str, Any]:
        a = self.assessment
        label = a.element_names.get(element, element)
        kind = self.org.kind_of(element) if self.org is not None and element in self.org else None
        path = a.element_paths.get(element)
        noun = kind.noun if kind is not None else "element"
        where = f" at {markdown_code(path)} in the organization file" if path else ""
        props = [_prop("element-id", element)]
        if kind is not None:
            props.append(_prop("kind", kind.value))
        if path:
            props.append(_prop("path", path))
        component: dict[str, Any] = {
            "uuid": _uid("element", a.organization, element),
            "type": _COMPONENT_TYPES.get(kind, kind.value) if kind is not None else "element",
            "title": _line(label),
            "description": f"The {_line(noun)} {_line(label)} ({markdown_code(element)}){where}.",
            "props": props,
            "status": {"state": "operational"},
        }
        roles = self.responsible_roles(element)
        if roles:
            component["responsible-roles"] = roles
        return component

    def responsible_roles(self, element: str) -> list[dict[str, Any]]:
        """The roles that answer for an element: a role itself, an owner, the accountable roles of a responsibility."""
        if self.org is None or element not in self.org:
            return []
        item = self.org[element]
        kind = self.org.kind_of(element)
        if kind is EntityKind.ROLE:
            role_ids: Sequence[str] = (element,)
        elif kind is EntityKind.RESPONSIBILITY:
            role_ids = getattr(item, "accountable", ())
        else:
            owner = getattr(item, "owner", None)
            role_ids = (owner,) if isinstance(owner, str) else ()
        entries = []
        for role in role_ids:
            if role not in self.roles:
                continue
            entry: dict[str, Any] = {"role-id": self.roles[role]}
            holders = self.holders(role)
            if holders:
                entry["party-uuids"] = holders
            entries.append(entry)
        return entries

    def evidence(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Relevant evidence for documented information the assessment consulted, described from the file."""
        items = []
        for evidence_id in ids:
            record = self._evidence_record(evidence_id)
            if record is not None:
                details = [f"{record.title} ({evidence_id}), {record.kind.value}"]
                if record.location.strip():
                    details.append(f"kept at {record.location}")
                if record.dated is not None:
                    details.append(f"dated {record.dated.isoformat()}")
                text = ", ".join(details)
            else:
                text = f"{self.assessment.element_names.get(evidence_id, evidence_id)} ({evidence_id})"
            items.append({"description": _lines(text), "props": [_prop("evidence-id", evidence_id)]})
        return items

    def _evidence_record(self, evidence_id: str) -> Evidence | None:
        if self.org is None or evidence_id not in self.org:
            return None
        element = self.org[evidence_id]
        return element if isinstance(element, Evidence) else None

    def observation(
        self, result: RequirementResult, finding: Finding, seen: dict[tuple[Any, ...], int]
    ) -> dict[str, Any]:
        key = (finding.requirement, finding.rule, finding.subjects)
        count = seen.get(key, 0)
        seen[key] = count + 1
        uid = self.uid("observation", finding.requirement, finding.rule, *finding.subjects, str(count))
        requirement = result.requirement
        props = [
            _prop("requirement", finding.requirement),
            _prop("clause", finding.clause),
            _prop("status", finding.status.value),
        ]
        if finding.status is Status.NONCONFORMITY:
            props.append(_prop("grade", (finding.grade or Grade.MINOR).value))
        props.append(_prop("rule", finding.rule))
        observation: dict[str, Any] = {
            "uuid": uid,
            "title": _line(f"{finding.clause}: {finding.reason}"),
            "description": _lines(
                f"{_sentence(verdict(finding.status, finding.grade))} Clause {finding.clause} "
                f"({requirement.title}): {_sentence(finding.reason)}",
                f"To close it: {_sentence(finding.fix)}" if finding.fix.strip() else "",
            ),
            "props": props,
            "methods": ["EXAMINE"],
            "types": ["control-objective"],
            "origins": self.origins(),
            "collected": self.when,
        }
        if finding.subjects:
            observation["subjects"] = [self.subject(s) for s in finding.subjects]
        if finding.evidence:
            observation["relevant-evidence"] = self.evidence(finding.evidence)
        return observation

    def evidence_observation(self, result: RequirementResult) -> dict[str, Any]:
        requirement = result.requirement
        return {
            "uuid": self.uid("evidence", requirement.id),
            "title": _line(f"{requirement.clause}: documented information examined"),
            "description": _lines(
                f"Clause {requirement.clause} ({requirement.title}) was judged on the documented information "
                "the organization file records for it."
            ),
            "props": [_prop("requirement", requirement.id), _prop("clause", requirement.clause)],
            "methods": ["EXAMINE"],
            "types": ["control-objective"],
            "origins": self.origins(),
            "relevant-evidence": self.evidence(result.evidence),
            "collected": self.when,
        }

    def finding(self, result: RequirementResult, observations: Sequence[str]) -> dict[str, Any]:
        requirement = result.requirement
        state = oscal_state(result.status, result.grade)
        assert state is not None
        props = [
            _prop("requirement", requirement.id),
            _prop("clause", requirement.clause),
            _prop("theme", requirement.theme.value),
            _prop("status", result.status.value),
        ]
        if result.status is Status.NONCONFORMITY:
            props.append(_prop("grade", (result.grade or Grade.MINOR).value))
        status: dict[str, Any] = {"state": state[0], "reason": state[1]}
        if result.note.strip():
            status["remarks"] = _lines(_sentence(result.note))
        finding: dict[str, Any] = {
            "uuid": self.uid("finding", requirement.id),
            "title": _line(f"{requirement.clause} {requirement.title}"),
            "description": _lines(
                _sentence(requirement.summary),
                f"Verdict: {status_text(result.status, result.grade)}.",
            ),
            "props": props,
            "origins": self.origins(),
            "target": {
                "type": "objective-id",
                "target-id": oscal_token(requirement.id),
                "title": _line(f"{requirement.clause} {requirement.title}"),
                "status": status,
            },
        }
        if observations:
            finding["related-observations"] = [{"observation-uuid": uid} for uid in observations]
        return finding

    def reviewed_controls(self) -> dict[str, Any]:
        results = self.ordered
        selection: dict[str, Any] = {
            "description": _lines(
                f"The requirements of the {self.assessment.edition_title} catalog, each requirement id a control id; "
                "those not applicable and those not assessed are excluded."
            ),
            "include-controls": [{"control-id": oscal_token(r.requirement.id)} for r in results],
        }
        left_out = [r for r in results if oscal_state(r.status, r.grade) is None]
        if left_out:
            selection["exclude-controls"] = [{"control-id": oscal_token(r.requirement.id)} for r in left_out]
            selection["remarks"] = _lines(*(self.exclusion_note(r) for r in left_out))
        return {"control-selections": [selection]}

    @staticmethod
    def exclusion_note(result: RequirementResult) -> str:
        requirement = result.requirement
        why = f": {result.note}" if result.note.strip() else ""
        return f"{requirement.id} (clause {requirement.clause}) is {result.status.label}{why}."

    def result(self) -> dict[str, Any]:
        a = self.assessment
        observations: list[dict[str, Any]] = []
        findings: list[dict[str, Any]] = []
        seen: dict[tuple[Any, ...], int] = {}
        for result in self.ordered:
            if oscal_state(result.status, result.grade) is None:
                continue
            linked = []
            for finding in result.findings:
                observations.append(self.observation(result, finding, seen))
                linked.append(observations[-1]["uuid"])
            if result.evidence:
                observations.append(self.evidence_observation(result))
                linked.append(observations[-1]["uuid"])
            findings.append(self.finding(result, linked))
        counts = a.summary().counts
        left_out = (
            f"{counts.get(Status.NOT_ASSESSED.value, 0)} not assessed, "
            f"{counts.get(Status.NOT_APPLICABLE.value, 0)} not applicable"
        )
        if a.examined:
            score = f"score {a.score:.1f} out of 100, over {a.examined} requirements examined; {left_out}"
        else:
            score = f"no score: no requirement examined; {left_out}"
        output: dict[str, Any] = {
            "uuid": self.uid("result"),
            "title": _line(f"{a.organization}: ISO 9001 leadership, as of {a.as_of.isoformat()}"),
            "description": _lines(
                f"Assessment of the organization model of {a.organization} against {a.edition_title}, as of "
                f"{a.as_of.isoformat()}: {score}; {len(a.findings)} findings."
            ),
            "start": self.when,
            "end": self.when,
            "props": [_prop("edition", a.edition)] + ([_prop("score", f"{a.score:.1f}")] if a.examined else []),
            "reviewed-controls": self.reviewed_controls(),
        }
        local: dict[str, Any] = {"assessment-assets": self.assessment_assets()}
        if self.components:
            local["components"] = list(self.components.values())
        output["local-definitions"] = local
        if observations:
            output["observations"] = observations
        if findings:
            output["findings"] = findings
        remarks = [f"Warning: {w}" for w in a.warnings]
        remarks += [
            f"Excluded by the organization but not part of this catalog (recorded, not assessed): clause {c}."
            for c in a.exclusions_outside_catalog
        ]
        if remarks:
            output["remarks"] = _lines(*remarks)
        return output

    def back_matter(self) -> dict[str, Any] | None:
        if self.plan_href is not None:
            return None
        a = self.assessment
        return {
            "resources": [
                {
                    "uuid": self.uid("plan"),
                    "title": _line(f"Assessment plan: ISO 9001 leadership requirements, {a.edition_title}"),
                    "description": _lines(
                        f"No separate OSCAL assessment plan exists: the plan is to check the organization model of "
                        f"{a.organization} against every requirement of the {a.edition_title} catalog of "
                        f"iso9001-leadership, judging dates as of {a.as_of.isoformat()}, by examining the model and "
                        "the documented information it records.",
                    ),
                    "props": [_prop("edition", a.edition), _prop("requirements", str(len(a.results)))],
                }
            ]
        }

    def document(self) -> dict[str, Any]:
        href = self.plan_href if self.plan_href is not None else f"#{self.uid('plan')}"
        results = self.result()  # first: it names the components the metadata does not
        body: dict[str, Any] = {
            "uuid": self.uid("assessment-results"),
            "metadata": self.metadata(),
            "import-ap": {
                "href": href,
                "remarks": _lines(
                    "The assessment plan: the requirement catalog and the method."
                    if self.plan_href is not None
                    else "The assessment plan is described in this document's back matter: the requirement catalog "
                    "and the method. Replace this reference with your own plan's when there is one."
                ),
            },
            "results": [results],
        }
        back = self.back_matter()
        if back is not None:
            body["back-matter"] = back
        return {"assessment-results": body}


#: An e-mail address of the common form (dot-atom local part, a domain of letter-digit-hyphen
#: labels ending in a top-level domain of letters), which OSCAL's ``email-address`` type and the
#: validators that check it accept. Others are left out of the party (never written wrong).
_EMAIL = re.compile(
    r"\A(?=.{1,254}\Z)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\Z"
)

#: Top-level domains reserved for special use (RFC 6761 and others), which address validators refuse.
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test", "internal", "alt"})


def _email(text: str) -> str | None:
    """``text`` as an address to list, or ``None`` when it is not one of the common form."""
    address = text.strip()
    if not _EMAIL.match(address) or address.rsplit(".", 1)[-1].lower() in _SPECIAL_USE:
        return None
    return address


def to_oscal(
    assessment: Assessment,
    organization: Organization | None = None,
    *,
    plan_href: str | None = None,
) -> dict[str, Any]:
    """The assessment as an OSCAL ``assessment-results`` document: plain JSON data.

    Parameters
    ----------
    assessment
        The assessment.
    organization
        The organization it was made of. With it, the metadata lists the roles (``roles``), the
        organization and its people (``parties``) and who holds each role on the assessment date
        (``responsible-parties``); the elements at fault carry the roles that answer for them, and
        the evidence is described from the file. Without it, the organization is the only party.
    plan_href
        What ``import-ap`` points at: the address of your OSCAL assessment plan. By default the
        plan is described in the document's back matter and ``import-ap`` points at it there
        (``#`` and the resource's UUID).

    Returns
    -------
    dict
        ``{"assessment-results": {...}}``, ready for :func:`json.dumps`.

    Raises
    ------
    ReportError
        If the organization given is not the one assessed (its name differs).
    """
    if organization is not None and organization.name != assessment.organization:
        msg = (
            f"the organization given is {organization.name!r}, but the assessment is of "
            f"{assessment.organization!r}; pass the organization that was assessed"
        )
        raise ReportError(msg, "oscal")
    return _Document(assessment, organization, plan_href).document()


def render_oscal(
    assessment: Assessment,
    organization: Organization | None = None,
    *,
    plan_href: str | None = None,
) -> str:
    """:func:`to_oscal` as JSON text: keys sorted, indented, ending with a newline.

    Examples
    --------
    >>> import datetime as dt
    >>> empty = Assessment("Acme", "2015", "ISO 9001:2015 with Amendment 1:2024", dt.date(2026, 11, 24), ())
    >>> render_oscal(empty).splitlines()[:3]
    ['{', '  "assessment-results": {', '    "back-matter": {']
    """
    data = to_oscal(assessment, organization, plan_href=plan_href)
    return json_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)) + "\n"


def validate_oscal(document: Mapping[str, Any] | str) -> None:
    """Check an OSCAL assessment-results document with compliance-trestle's models, then its references.

    Trestle's pydantic models check the structure: required fields, types, patterns (UUIDs,
    tokens, timestamps) and allowed values. The references trestle does not follow are checked
    here: that every UUID is used once, that every ``related-observations`` entry, subject,
    origin actor, responsible party and ``member-of-organizations`` entry names something the
    document defines, and that every ``role-id`` is a role of the metadata.

    Parameters
    ----------
    document
        The document, as data (``{"assessment-results": ...}``) or as JSON text.

    Raises
    ------
    MissingExtraError
        If compliance-trestle is not installed (the ``oscal`` extra; see docs/install.md).
    ReportError
        Listing every problem found, if the document is not valid.
    """
    try:
        from trestle.oscal import assessment_results
    except ImportError:
        package = "compliance-trestle"
        raise MissingExtraError(package, "validate_oscal()", extra="oscal") from None
    data: Any = document
    if isinstance(document, str):
        try:
            data = json.loads(document)
        except json.JSONDecodeError as exc:
            msg = f"the OSCAL document is not JSON: {exc}"
            raise ReportError(msg, "oscal") from None
    model = assessment_results.Model
    validate = getattr(model, "model_validate", None) or model.parse_obj  # pydantic 2, or trestle 3 on pydantic.v1
    try:
        validate(data)
    except ValueError as exc:  # pydantic's ValidationError (1 and 2) is a ValueError
        problems = list(_pydantic_problems(exc))
        _raise(problems)
    _raise(list(_reference_problems(data["assessment-results"])))


def _pydantic_problems(exc: ValueError) -> Iterator[str]:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        yield str(exc)
        return
    for error in errors():
        where = ".".join(str(part) for part in error.get("loc", ())) or "<document>"
        yield f"{where}: {error.get('msg', 'invalid')}"


def _raise(problems: list[str]) -> None:
    if problems:
        count = len(problems)
        lines = [f"the OSCAL assessment results have {count} problem{'s' if count != 1 else ''}:"]
        lines += [f"  - {problem}" for problem in problems]
        raise ReportError("\n".join(lines), "oscal")


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, mapping) in a JSON document, depth first, in document order."""
    if isinstance(value, Mapping):
        yield path, value
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _reference_problems(body: Mapping[str, Any]) -> Iterator[str]:
    metadata = body.get("metadata", {})
    roles = {role.get("id") for role in metadata.get("roles", ())}
    parties = {party.get("uuid") for party in metadata.get("parties", ())}
    uuids: dict[str, str] = {}
    for path, item in _walk(body):
        uid = item.get("uuid")
        if isinstance(uid, str):
            if uid in uuids:
                yield f"{path}.uuid: {uid} is used twice (first at {uuids[uid]})"
            else:
                uuids[uid] = path
    observations: set[str] = set()
    components: set[str] = set()
    tools: set[str] = set()
    for result in body.get("results", ()):
        observations.update(o.get("uuid") for o in result.get("observations", ()))
        local = result.get("local-definitions", {})
        components.update(c.get("uuid") for c in local.get("components", ()))
        tools.update(c.get("uuid") for c in local.get("assessment-assets", {}).get("components", ()))
    for path, item in _walk(body):
        if "observation-uuid" in item and item["observation-uuid"] not in observations:
            yield f"{path}: observation {item['observation-uuid']} is not defined in the results"
        if "role-id" in item and item["role-id"] not in roles:
            yield f"{path}: role {item['role-id']!r} is not a role of the metadata"
        for party in item.get("party-uuids", ()):
            if party not in parties:
                yield f"{path}: party {party} is not a party of the metadata"
        for party in item.get("member-of-organizations", ()):
            if party not in parties:
                yield f"{path}: organization {party} is not a party of the metadata"
        if "subject-uuid" in item:
            known = parties if item.get("type") == "party" else components
            if item["subject-uuid"] not in known:
                yield f"{path}: subject {item['subject-uuid']} ({item.get('type')}) is not defined in the document"
        if "actor-uuid" in item:
            known = parties if item.get("type") == "party" else tools
            if item["actor-uuid"] not in known:
                yield f"{path}: actor {item['actor-uuid']} ({item.get('type')}) is not defined in the document"
        for used in item.get("uses-components", ()):
            if used.get("component-uuid") not in tools:
                yield f"{path}: component {used.get('component-uuid')} is not an assessment asset"
    href = body.get("import-ap", {}).get("href", "")
    if isinstance(href, str) and href.startswith("#"):
        resources = {r.get("uuid") for r in body.get("back-matter", {}).get("resources", ())}
        if href[1:] not in resources:
            yield f"import-ap.href: {href} names no resource of the back matter"
