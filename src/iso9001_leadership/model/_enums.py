"""Closed vocabularies of the model. In files each member is written as its value."""

from __future__ import annotations

import enum

__all__ = [
    "ActionStatus",
    "AuthorityKind",
    "AwarenessTopic",
    "CommitmentKind",
    "CommunicationTopic",
    "EffectivenessResult",
    "EvidenceKind",
    "IssueKind",
    "PartyKind",
    "ProcessCategory",
    "ResourceKind",
    "ResourceStatus",
    "ReviewInput",
    "ReviewOutputKind",
    "TargetDirection",
]


class AuthorityKind(enum.Enum):
    """What an authority empowers its holder to do (5.3)."""

    APPROVE = "approve"
    RELEASE = "release"
    STOP = "stop"
    SPEND = "spend"
    HIRE = "hire"
    SIGN = "sign"
    CHANGE = "change"
    ACCEPT_RISK = "accept_risk"
    AUDIT = "audit"
    OTHER = "other"


class CommitmentKind(enum.Enum):
    """The kinds of commitment a quality policy makes (5.2.1 b-d; 2026: quality culture)."""

    OBJECTIVES_FRAMEWORK = "objectives_framework"
    SATISFY_REQUIREMENTS = "satisfy_requirements"
    CONTINUAL_IMPROVEMENT = "continual_improvement"
    CUSTOMER_FOCUS = "customer_focus"
    QUALITY_CULTURE = "quality_culture"
    ETHICAL_BEHAVIOUR = "ethical_behaviour"
    OTHER = "other"


class ProcessCategory(enum.Enum):
    """Where a process sits in the process map (4.4)."""

    MANAGEMENT = "management"
    CORE = "core"
    SUPPORT = "support"


class TargetDirection(enum.Enum):
    """Which way a quality objective's metric should move to meet its target (6.2.1 b)."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class IssueKind(enum.Enum):
    """Whether a context issue arises inside or outside the organization (4.1)."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class PartyKind(enum.Enum):
    """The kinds of interested party (4.2); customers matter most to 5.1.2."""

    CUSTOMER = "customer"
    REGULATOR = "regulator"
    SUPPLIER = "supplier"
    EMPLOYEE = "employee"
    OWNER = "owner"
    COMMUNITY = "community"
    OTHER = "other"


class ActionStatus(enum.Enum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class EffectivenessResult(enum.Enum):
    """The verdict of an action's effectiveness evaluation (6.1.2 b, 10.2)."""

    PENDING = "pending"
    EFFECTIVE = "effective"
    NOT_EFFECTIVE = "not_effective"


class AwarenessTopic(enum.Enum):
    """What a person has been made aware of (7.3 a-d; 2026: quality culture and ethics)."""

    POLICY = "policy"
    OBJECTIVES = "objectives"
    CONTRIBUTION = "contribution"
    NONCONFORMITY_IMPLICATIONS = "nonconformity_implications"
    QUALITY_CULTURE = "quality_culture"
    ETHICAL_BEHAVIOUR = "ethical_behaviour"


class CommunicationTopic(enum.Enum):
    """Subjects of planned communication that are not elements of the model (5.1.1 f, 7.4)."""

    QMS_IMPORTANCE = "qms_importance"
    CONFORMITY_IMPORTANCE = "conformity_importance"
    CUSTOMER_REQUIREMENTS = "customer_requirements"
    QMS_PERFORMANCE = "qms_performance"
    RESPONSIBILITIES = "responsibilities"
    IMPROVEMENT = "improvement"
    QUALITY_CULTURE = "quality_culture"
    OTHER = "other"


class ResourceKind(enum.Enum):
    """The kinds of resource the QMS needs (7.1)."""

    PEOPLE = "people"
    INFRASTRUCTURE = "infrastructure"
    ENVIRONMENT = "environment"
    MONITORING = "monitoring"
    KNOWLEDGE = "knowledge"
    BUDGET = "budget"
    EXTERNAL = "external"


class ResourceStatus(enum.Enum):
    """Whether a determined resource has been provided (7.1.1)."""

    PROVIDED = "provided"
    PLANNED = "planned"
    LACKING = "lacking"


class ReviewInput(enum.Enum):
    """The inputs a management review considers (9.3.2 a-f, with the c sub-items)."""

    PREVIOUS_ACTIONS = "previous_actions"
    CONTEXT_CHANGES = "context_changes"
    CUSTOMER_SATISFACTION = "customer_satisfaction"
    OBJECTIVES_ACHIEVEMENT = "objectives_achievement"
    PROCESS_PERFORMANCE = "process_performance"
    NONCONFORMITIES = "nonconformities"
    MONITORING_RESULTS = "monitoring_results"
    AUDIT_RESULTS = "audit_results"
    EXTERNAL_PROVIDERS = "external_providers"
    RESOURCE_ADEQUACY = "resource_adequacy"
    RISK_ACTIONS_EFFECTIVENESS = "risk_actions_effectiveness"
    IMPROVEMENT_OPPORTUNITIES = "improvement_opportunities"


class ReviewOutputKind(enum.Enum):
    """The kinds of decision a management review produces (9.3.3 a-c)."""

    IMPROVEMENT = "improvement"
    QMS_CHANGE = "qms_change"
    RESOURCE_NEED = "resource_need"


class EvidenceKind(enum.Enum):
    """The kinds of documented information (7.5)."""

    POLICY = "policy"
    PROCEDURE = "procedure"
    RECORD = "record"
    MINUTES = "minutes"
    REPORT = "report"
    TRAINING = "training"
    JOB_DESCRIPTION = "job_description"
    CONTRACT = "contract"
    OTHER = "other"
