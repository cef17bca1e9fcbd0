"""ORM models, together because they reference each other; the schema itself is made by Alembic."""

from app.kit.idempotency.model import IdempotentResponse
from app.kit.orm import Base
from app.models.api_key import ApiKey
from app.models.assignment import Assignment, EscalationStats, FollowUp
from app.models.complaint import Complaint, ComplaintEvent, TrackingCounter
from app.models.dedup import DedupCandidate, DedupModel, DedupNameCount
from app.models.events import (
    EventCommit,
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from app.models.guard import ErasedSubject, PersonalDataRead, RateLimitWindow
from app.models.mirror import CategoryAlias, JakiReport, SyncState
from app.models.reference import Category, Channel, Region
from app.models.unit import Holiday, HolidayCalendar, Unit

__all__ = [
    "ApiKey",
    "Assignment",
    "Base",
    "Category",
    "CategoryAlias",
    "Channel",
    "Complaint",
    "ComplaintEvent",
    "DedupCandidate",
    "DedupModel",
    "DedupNameCount",
    "ErasedSubject",
    "EscalationStats",
    "EventCommit",
    "FollowUp",
    "Holiday",
    "HolidayCalendar",
    "IdempotentResponse",
    "JakiReport",
    "OutboxEvent",
    "PersonalDataRead",
    "RateLimitWindow",
    "Region",
    "SyncState",
    "TrackingCounter",
    "Unit",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
]
