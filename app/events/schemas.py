"""Events as the feed and webhooks carry them; subscriptions and their delivery log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.events.types import EventType
from app.kit.paging import CursorPage
from app.kit.validation import CleanStr

_EXAMPLE: dict[str, Any] = {
    "id": "5b0d7c1e-2a9f-4c3e-8d61-0f4e2a7b9c35",
    "type": "assignment.accepted",
    "occurred_at": "2026-12-07T03:00:00Z",
    "object": {"type": "assignment", "id": "7d3c5a1e-0f4b-4e2a-9c1d-2b3a4c5d6e7f", "version": 2},
    "complaint_id": "0b6f3c52-8f3e-4d59-9a51-3f6d2b8f4c11",
    "data": {"id": "7d3c5a1e-0f4b-4e2a-9c1d-2b3a4c5d6e7f", "status": "accepted", "...": "..."},
}


class EventObject(BaseModel):
    type: str = Field(description="complaint, assignment or follow_up")
    id: uuid.UUID
    version: int = Field(description="The object's version after the change (1 for a follow-up)")


class EventOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: uuid.UUID = Field(description="Unique; a webhook's `webhook-id`. Deduplicate on it.")
    type: str = Field(examples=["complaint.created"])
    occurred_at: datetime
    object: EventObject
    complaint_id: uuid.UUID = Field(
        description="The complaint the event is about; one complaint's events come in order"
    )
    data: dict[str, Any] = Field(
        description="The object after the change, as the API shows it to this key: a complaint "
        "(ComplaintOut), an assignment (AssignmentOut) or a follow-up with its assignment's ids"
    )


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str = Field(
        description="Pass as `after` for the events that follow; returned even when `items` is "
        "empty, so a poller keeps its place"
    )
    has_more: bool = Field(description="Whether more events were already waiting")


class EventTypeOut(BaseModel):
    type: str
    description: str


_WEBHOOK_EXAMPLE: dict[str, Any] = {
    "id": "c2f1a7d0-5b3e-4e1c-9a8f-6d2b1e0c4a77",
    "url": "https://integrasi.dinas-sda.jakarta.go.id/pintu/events",
    "description": "Sistem tindak lanjut Dinas SDA",
    "event_types": ["assignment.created", "assignment.overdue"],
    "unit_code": "kelurahan-31.71.01.1001",
    "channel_code": None,
    "enabled": True,
    "disabled_reason": None,
    "failure_streak": 0,
    "failing_since": None,
    "previous_secret_until": None,
    "created_at": "2026-12-07T02:00:00Z",
    "updated_at": "2026-12-07T02:00:00Z",
    "version": 1,
}


class WebhookCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://integrasi.dinas-sda.jakarta.go.id/pintu/events",
                    "event_types": ["assignment.created", "assignment.overdue"],
                    "description": "Sistem tindak lanjut Dinas SDA",
                }
            ]
        },
    )

    url: str = Field(
        min_length=1,
        max_length=2000,
        description="Where to POST events: https, on a public address",
    )
    event_types: list[EventType | Literal["*"]] = Field(
        min_length=1,
        max_length=50,
        description='Event types to receive (GET /v1/events/types), or ["*"] for all',
    )
    description: CleanStr | None = Field(default=None, max_length=200)


class WebhookPatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"enabled": True}, {"event_types": ["assignment.created"]}]
        },
    )

    url: str | None = Field(default=None, min_length=1, max_length=2000)
    event_types: list[EventType | Literal["*"]] | None = Field(
        default=None, min_length=1, max_length=50
    )
    description: CleanStr | None = Field(default=None, max_length=200)
    enabled: bool | None = Field(
        default=None, description="Turn deliveries off, or on again after Pintu disabled them"
    )


class WebhookOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [_WEBHOOK_EXAMPLE]}
    )

    id: uuid.UUID
    url: str
    description: str | None
    event_types: list[str]
    unit_code: str | None = Field(
        description="An agency's subscription gets only its unit's events (personal data as the "
        "agency sees it); null: every event, personal data masked"
    )
    channel_code: str | None = Field(
        default=None,
        description="A client's subscription gets only its channel's events (as the feed shows "
        "them to a client key)",
    )
    enabled: bool
    disabled_reason: str | None = Field(description="Why Pintu turned it off, if it did")
    failure_streak: int = Field(description="Attempts that failed in a row")
    failing_since: datetime | None
    previous_secret_until: datetime | None = Field(
        description="After a rotation, until when the old secret signs too"
    )
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="The signing secret (Standard Webhooks, `whsec_…`); shown only this once"
    )


class WebhookPage(CursorPage):
    items: list[WebhookOut]


class SecretRotated(BaseModel):
    secret: str = Field(description="The new signing secret; shown only this once")
    previous_secret_until: datetime = Field(
        description="Until then deliveries carry a signature with the old secret too"
    )


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempt: int
    attempted_at: datetime
    latency_ms: int
    status_code: int | None = Field(description="The receiver's answer; null if none came")
    error: str | None = Field(description="Why no answer came, or why it was not sent")
    succeeded: bool


class DeliveryOut(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID | None = Field(description="The event delivered; null for a ping")
    event_type: str
    status: str = Field(description="pending (to be tried, or tried again), delivered or failed")
    attempts: int
    next_attempt_at: datetime | None = Field(description="When it is tried next, if pending")
    created_at: datetime
    finished_at: datetime | None
    last_status_code: int | None
    last_latency_ms: int | None
    last_error: str | None
    redelivery_of: uuid.UUID | None = Field(description="The delivery this one repeats, if any")


class DeliveryDetail(DeliveryOut):
    attempt_log: list[AttemptOut]


class DeliveryPage(CursorPage):
    items: list[DeliveryOut] = Field(description="Newest first")
