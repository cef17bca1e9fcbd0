"""The document `pintu pdp-export` prints: everything Pintu holds about one data subject."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from app.audit import PersonalDataReadOut


class PersonOut(BaseModel):
    """The complainant's own data, decrypted."""

    name: str | None
    nik: str | None
    phone: str | None
    email: str | None


class ActorOut(BaseModel):
    name: str
    role: str


class EventOut(BaseModel):
    kind: str
    from_status: str | None
    to_status: str | None
    changes: dict[str, Any] | None
    note: str | None
    actor: ActorOut
    occurred_at: datetime


class FollowUpOut(BaseModel):
    note: str
    photo_urls: list[Any]
    actor: ActorOut
    created_at: datetime


class AssignmentOut(BaseModel):
    unit_code: str
    kind: str
    status: str
    assignee_name: str | None
    note: str | None
    respond_by: date = Field(description="The day (Jakarta) it was due to be accepted by")
    finish_by: date = Field(description="The day (Jakarta) it was due to be finished by")
    created_at: datetime
    accepted_at: datetime | None
    completed_at: datetime | None
    returned_at: datetime | None
    return_reason: str | None
    escalated_at: datetime | None
    follow_ups: list[FollowUpOut]


class JakiOut(BaseModel):
    """What the JAKI mirror holds beyond the complaint, `raw` decrypted."""

    jaki_status: str
    category_text: str
    is_public: bool
    photo_urls: list[str]
    support_count: int
    follow_ups: list[dict[str, Any]]
    raw: dict[str, Any] | None
    kelurahan_source: str
    kelurahan_distance_m: float | None
    jaki_created_at: datetime
    jaki_updated_at: datetime


class CandidateOut(BaseModel):
    """A pair duplicate matching looked at: one of the subject's complaints and another one
    (only its id is given: it may be someone else's)."""

    complaint_id: uuid.UUID = Field(description="The complaint the search was made for")
    candidate_id: uuid.UUID = Field(description="The earlier report it was compared with")
    score: float
    band: str
    rule: str
    comparison: dict[str, str] = Field(description="Outcome per signal; never a personal value")
    found_at: datetime
    decision: str | None
    decided_at: datetime | None
    decided_by: ActorOut | None


class ComplaintExport(BaseModel):
    id: uuid.UUID
    tracking_number: str
    channel: str
    external_id: str | None
    status: str
    source_status: str | None
    category: str
    description: str
    address: str | None
    rt: str | None
    rw: str | None
    kelurahan_code: str
    kecamatan_code: str
    kabkota_code: str
    lat: float | None
    lon: float | None
    reported_at: datetime
    created_at: datetime
    updated_at: datetime
    assigned_unit_code: str | None
    duplicate_of_id: uuid.UUID | None
    personal_data_erased_at: datetime | None
    complainant: PersonOut
    history: list[EventOut]
    assignments: list[AssignmentOut]
    jaki: JakiOut | None
    dedup_candidates: list[CandidateOut]
    personal_data_reads: list[PersonalDataReadOut]


class SubjectOut(BaseModel):
    nik: str = Field(description="Masked: the complaints below carry it in full")
    erased_at: datetime | None = Field(description="When this NIK's data was erased on request")


class SubjectExport(BaseModel):
    """Everything held about the person with one NIK."""

    exported_at: datetime
    subject: SubjectOut
    matched_by: str
    complaints: list[ComplaintExport]
