"""What a tracking look-up answers: where a complaint stands, nothing of the person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.models.statuses import ComplaintStatus


class Named(BaseModel):
    code: str
    name: str


class Handler(BaseModel):
    """The unit handling the complaint now, and by when it should finish."""

    code: str
    name: str
    respond_by: date = Field(
        description="The last day (Jakarta) it should accept or return it by, inclusive"
    )
    finish_by: date = Field(
        description="The last day (Jakarta) it should finish by, inclusive (working days)"
    )


class TimelineEntry(BaseModel):
    """One public step: a status reached, or a unit's follow-up with its note (identifiers and
    the complainant's name struck out)."""

    at: datetime
    kind: Literal["status", "follow_up"]
    status: ComplaintStatus | None = Field(default=None, description="For a status step")
    unit: str | None = Field(default=None, description="For a follow-up: the unit's name")
    note: str | None = Field(default=None, description="For a follow-up: what was done")


_EXAMPLE: dict[str, Any] = {
    "tracking_number": "WI-2026-000051",
    "status": "in_progress",
    "jaki_status": "Proses",
    "open311_status": "open",
    "channel": "walk_in",
    "category": {"code": "jalan", "name": "Jalan rusak"},
    "kelurahan": {"code": "31.71.01.1001", "name": "Gambir"},
    "kecamatan": {"code": "31.71.01", "name": "Gambir"},
    "reported_at": "2026-12-07T08:12:00+07:00",
    "updated_at": "2026-12-08T10:03:00+07:00",
    "follows_known_report": False,
    "handled_by": {
        "code": "kelurahan-31.71.01.1001",
        "name": "Kelurahan Gambir",
        "respond_by": "2026-12-10",
        "finish_by": "2026-12-16",
    },
    "timeline": [
        {"at": "2026-12-07T08:12:00+07:00", "kind": "status", "status": "received"},
        {"at": "2026-12-07T09:00:00+07:00", "kind": "status", "status": "assigned"},
        {
            "at": "2026-12-08T10:03:00+07:00",
            "kind": "follow_up",
            "unit": "Kelurahan Gambir",
            "note": "Petugas sudah meninjau lokasi; perbaikan dijadwalkan.",
        },
    ],
}


class TrackingOut(BaseModel):
    """Where a complaint stands, as its complainant may be told without a key."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    tracking_number: str
    status: ComplaintStatus = Field(
        description="Pintu's status; a complaint linked to an earlier report of the same "
        "problem stands as that report does"
    )
    jaki_status: str = Field(description="The same in JAKI's words (Menunggu … Selesai)")
    open311_status: Literal["open", "closed"]
    channel: str = Field(description="The door it came through")
    category: Named
    kelurahan: Named
    kecamatan: Named
    reported_at: datetime
    updated_at: datetime
    follows_known_report: bool = Field(
        description="It was found to be a problem already reported, and is handled as that one "
        "(which is not named)"
    )
    handled_by: Handler | None = Field(description="The unit holding it now, if one does")
    timeline: list[TimelineEntry] = Field(description="Oldest first")
