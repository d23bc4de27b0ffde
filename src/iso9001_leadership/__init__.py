"""ISO 9001 leadership requirements as code.

Model an organization's quality management system (roles, responsibilities, authorities,
processes, the quality policy and objectives, risks, communications, management reviews),
load it from YAML or JSON, and check it against ISO 9001 clause 5 and the clauses it leans on.

Examples
--------
>>> import iso9001_leadership as iso
>>> org = iso.loads("name: Acme\\nroles: [{id: ceo, title: CEO, top_management: true}]")
>>> [role.id for role in org.top_management]
['ceo']
"""

from __future__ import annotations

from .exceptions import InvalidOrganizationError, Iso9001Error, LoadError, Problem, UnknownIdError
from .io import dump, dumps, json_schema, load, loads
from .model import (
    Action,
    ActionStatus,
    Authority,
    AuthorityKind,
    AwarenessTopic,
    Commitment,
    CommitmentKind,
    Communication,
    CommunicationTopic,
    ContextIssue,
    Effectiveness,
    EffectivenessResult,
    Element,
    EntityKind,
    Evidence,
    EvidenceKind,
    Exclusion,
    InterestedParty,
    IssueKind,
    ManagementReview,
    Measurement,
    Opportunity,
    Organization,
    PartyKind,
    PartyRequirement,
    Person,
    Process,
    ProcessCategory,
    QualityObjective,
    QualityPolicy,
    Resource,
    ResourceKind,
    ResourceStatus,
    Responsibility,
    ReviewInput,
    ReviewOutput,
    ReviewOutputKind,
    Risk,
    RiskScale,
    Role,
    TargetDirection,
)

__version__ = "0.1.0"

__all__ = [
    "Action",
    "ActionStatus",
    "Authority",
    "AuthorityKind",
    "AwarenessTopic",
    "Commitment",
    "CommitmentKind",
    "Communication",
    "CommunicationTopic",
    "ContextIssue",
    "Effectiveness",
    "EffectivenessResult",
    "Element",
    "EntityKind",
    "Evidence",
    "EvidenceKind",
    "Exclusion",
    "InterestedParty",
    "InvalidOrganizationError",
    "Iso9001Error",
    "IssueKind",
    "LoadError",
    "ManagementReview",
    "Measurement",
    "Opportunity",
    "Organization",
    "PartyKind",
    "PartyRequirement",
    "Person",
    "Problem",
    "Process",
    "ProcessCategory",
    "QualityObjective",
    "QualityPolicy",
    "Resource",
    "ResourceKind",
    "ResourceStatus",
    "Responsibility",
    "ReviewInput",
    "ReviewOutput",
    "ReviewOutputKind",
    "Risk",
    "RiskScale",
    "Role",
    "TargetDirection",
    "UnknownIdError",
    "__version__",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
]
