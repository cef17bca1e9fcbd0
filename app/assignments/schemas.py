"""Assignment request and response bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
)

from app.kit.paging import OffsetPage
from app.kit.validation import FIRST_DAY, LAST_DAY, CleanStr, Day, Text


class AssignmentStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    RETURNED = "returned"
    MOVED = "moved"
    ESCALATED = "escalated"


class AssignmentCreate(BaseModel):
    """Give a complaint to a unit. Without dates, deadlines come from the category in working
    days (respond: accept or return; finish: follow-up and completion)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_code": "kelurahan-31.71.06.1003",
                    "assignee_name": "Seksi Pemerintahan",
                    "note": "Mohon dicek ke lokasi dan ditindaklanjuti.",
                }
            ]
        },
    )

    unit_code: CleanStr = Field(max_length=40, examples=["kelurahan-31.71.06.1003"])
    assignee_name: Annotated[Text, Field(max_length=200)] | None = None
    note: Annotated[Text, Field(max_length=2000)] | None = None
    respond_by: Day | None = Field(
        default=None, description="Last day (Jakarta) to accept or return, inclusive"
    )
    finish_by: Day | None = Field(
        default=None, description="Last day (Jakarta) to complete, inclusive"
    )

    @field_validator("respond_by", "finish_by")
    @classmethod
    def _within_range(cls, day: date | None) -> date | None:
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(f"must be between {FIRST_DAY} and {LAST_DAY}")
        return day

    @field_validator("finish_by")
    @classmethod
    def _order(cls, day: date | None, info: ValidationInfo) -> date | None:
        # On the field, not the model, so that the error names finish_by.
        respond_by = info.data.get("respond_by")
        if respond_by and day and day < respond_by:
            raise ValueError("finish_by must not be before respond_by")
        return day


class ReturnBody(BaseModel):
    """Send a complaint back: "bukan wewenang" (not our authority), with the reason."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "Bukan wewenang kelurahan: jalan provinsi."}]},
    )

    reason: Annotated[Text, Field(max_length=2000)]


class FollowUpCreate(BaseModel):
    """A tindak lanjut: what was done, with optional photos."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "note": "Lubang sudah ditambal oleh petugas PPSU.",
                    "photo_urls": ["https://files.jakarta.go.id/tl/123-1.jpg"],
                }
            ]
        },
    )

    note: Annotated[Text, Field(max_length=5000)]
    photo_urls: list[HttpUrl] = Field(default_factory=list, max_length=10)


class FollowUpOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    note: str
    photo_urls: list[str]
    actor_name: str
    actor_role: str
    created_at: datetime


_EXAMPLE: dict[str, Any] = {
    "id": "7d3c5a1e-0f4b-4e2a-9c1d-2b3a4c5d6e7f",
    "complaint_id": "0b6f3c52-8f3e-4d59-9a51-3f6d2b8f4c11",
    "unit_code": "kelurahan-31.71.06.1003",
    "kind": "assignment",
    "previous_id": None,
    "status": "accepted",
    "assignee_name": "Seksi Pemerintahan",
    "note": "Mohon dicek ke lokasi dan ditindaklanjuti.",
    "respond_by": "2026-12-02",
    "finish_by": "2026-12-08",
    "created_at": "2026-11-27T01:30:00Z",
    "updated_at": "2026-11-27T03:00:00Z",
    "accepted_at": "2026-11-27T03:00:00Z",
    "completed_at": None,
    "returned_at": None,
    "return_reason": None,
    "overdue": False,
    "version": 2,
}


class AssignmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [_EXAMPLE]})

    id: uuid.UUID
    complaint_id: uuid.UUID
    unit_code: str
    kind: str = Field(
        description="assignment (first routing), coordination (moved from another unit), "
        "disposition (an agency instructing its sub-unit) or escalation (overdue, sent up)"
    )
    previous_id: uuid.UUID | None
    status: AssignmentStatus
    assignee_name: str | None
    note: str | None
    respond_by: date = Field(
        description="The last day (Jakarta) to accept or return it: due by the end of that day"
    )
    finish_by: date = Field(
        description="The last day (Jakarta) to complete it: due by the end of that day"
    )
    created_at: datetime
    updated_at: datetime = Field(description="When it last changed (moves with `version`)")
    accepted_at: datetime | None
    completed_at: datetime | None
    returned_at: datetime | None
    return_reason: str | None
    overdue: bool = Field(description="Still open past its respond or finish deadline")
    version: int


class AssignmentDetail(AssignmentOut):
    follow_ups: list[FollowUpOut]


EXCERPT_LENGTH = 140


class ComplaintSummary(BaseModel):
    """What a listed assignment's complaint is, enough to tell rows apart without a GET each."""

    tracking_number: str = Field(examples=["WI-2026-000042"])
    category: str = Field(examples=["jalan"])
    kelurahan_code: str = Field(examples=["31.71.06.1003"])
    kelurahan_name: str | None = Field(examples=["Cikini"])
    excerpt: str = Field(
        max_length=EXCERPT_LENGTH,
        description=f"The start of the description, at most {EXCERPT_LENGTH} characters (cut "
        "short with …), masked as the complaint's description is for this key",
        examples=["Jalan berlubang di depan SDN 01, sudah dua minggu belum diperbaiki."],
    )


class AssignmentRow(AssignmentOut):
    """An assignment in a list, with what its complaint is."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_EXAMPLE,
                    "complaint": {
                        "tracking_number": "WI-2026-000042",
                        "category": "jalan",
                        "kelurahan_code": "31.71.06.1003",
                        "kelurahan_name": "Cikini",
                        "excerpt": "Jalan berlubang di depan SDN 01, sudah dua minggu belum "
                        "diperbaiki.",
                    },
                }
            ]
        }
    )

    complaint: ComplaintSummary


class AssignmentPage(OffsetPage):
    items: list[AssignmentRow] = Field(description="Deadline (`finish_by`) first, then id")


class RouteSuggestion(BaseModel):
    unit_code: str
    name: str
    reason: str


class RouteSuggestions(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "complaint_id": "0b6f3c52-8f3e-4d59-9a51-3f6d2b8f4c11",
                    "category": "jalan",
                    "suggestions": [
                        {
                            "unit_code": "kelurahan-31.71.06.1003",
                            "name": "Kelurahan Cikini",
                            "reason": "Jalan Rusak in Kelurahan Cikini: the kelurahan office "
                            "handles it first",
                        },
                        {
                            "unit_code": "dinas-bina-marga-31.71",
                            "name": "Suku Dinas Bina Marga Jakarta Pusat",
                            "reason": "then Suku Dinas Bina Marga Jakarta Pusat, "
                            "for Dinas Bina Marga",
                        },
                    ],
                }
            ]
        }
    )

    complaint_id: uuid.UUID
    category: str
    suggestions: list[RouteSuggestion] = Field(description="Best first")


class SlaRow(BaseModel):
    key: str = Field(description="The unit code or the category code")
    assigned: int
    completed: int
    on_time: int = Field(description="Completed by finish_by")
    overdue: int = Field(description="Completed late, or still open past a deadline")
    median_hours_to_respond: float | None = Field(description="Assigned to accepted")
    median_hours_to_finish: float | None = Field(description="Assigned to completed")


class SlaStats(BaseModel):
    model_config = {"populate_by_name": True}

    from_: date = Field(alias="from")
    to: date
    next_from: date | None = Field(
        default=None,
        description="The first day not counted, when the range asked for is longer than the "
        "366 days one answer covers: ask again with it as `from` for the rest; null otherwise",
    )
    timezone: str = "Asia/Jakarta"
    units: list[SlaRow]
    categories: list[SlaRow]
