"""Events as the feed (and, later, webhooks) carry them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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
