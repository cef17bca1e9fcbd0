"""Request and response bodies for duplicate matching."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from app.assignments import AssignmentOut
from app.complaints import ComplaintCreate, ComplaintOut
from app.kit.paging import OffsetPage
from app.kit.validation import CleanStr
from app.matching import CandidateOut

_MATCH_EXAMPLE: dict[str, Any] = {
    "complaint": {
        "channel": "walk_in",
        "category": "bansos",
        "description": "Pemohon melaporkan bantuan sosial BPNT bulan Oktober belum diterima.",
        "kelurahan_code": "31.71.06.1003",
        "address": "Jl. Cikini Raya Gg. 5 No. 12",
        "rt": "005",
        "rw": "003",
        "complainant": {"name": "Siti Rahmawati", "phone": "0812-3456-7890"},
    },
    "limit": 5,
}


# Exactly one of the two, as the service checks: neither both given (not null) nor neither.
# Stated with `not` rather than a `oneOf` of partial objects, which client generators read as
# a union of two more models (openapi-python-client refuses it: duplicate model names).
_EXACTLY_ONE: dict[str, JsonValue] = {
    "not": {
        "anyOf": [
            {
                "required": ["complaint_id", "complaint"],
                "properties": {
                    "complaint_id": {"not": {"type": "null"}},
                    "complaint": {"not": {"type": "null"}},
                },
            },
            {"properties": {"complaint_id": {"type": "null"}, "complaint": {"type": "null"}}},
        ]
    }
}


class MatchRequest(BaseModel):
    """A stored complaint (`complaint_id`: its id or tracking number) or an unsaved one
    (`complaint`: the body of `POST /v1/complaints`), never both."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [_MATCH_EXAMPLE],
            **_EXACTLY_ONE,
        },
    )

    complaint_id: CleanStr | None = Field(
        default=None, min_length=1, max_length=40, examples=["WI-2026-000042"]
    )
    complaint: ComplaintCreate | None = None
    limit: int = Field(default=5, ge=1, le=20, description="At most this many candidates")
    channels: list[CleanStr] = Field(
        default_factory=lambda: ["jaki"],
        min_length=1,
        max_length=10,
        description="Channels whose complaints are searched",
    )


class MatchResponse(BaseModel):
    candidates: list[CandidateOut] = Field(description="Best first; empty when nothing matches")
    model_version: int | None = Field(description="The learned model used; null: the shipped one")


class LinkRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"canonical_id": "JK-2026-001234"}]}
    )

    canonical_id: CleanStr = Field(
        min_length=1,
        max_length=40,
        description="The complaint this one duplicates (id or tracking number), usually a "
        "JAKI report",
        examples=["JK-2026-001234"],
    )


class DecisionRequest(BaseModel):
    """A person's verdict on a candidate: `match` links the complaint to it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "complaint_id": "WI-2026-000042",
                    "candidate_id": "JK-2026-001234",
                    "decision": "not_match",
                }
            ]
        },
    )

    complaint_id: CleanStr = Field(min_length=1, max_length=40, examples=["WI-2026-000042"])
    candidate_id: CleanStr = Field(min_length=1, max_length=40, examples=["JK-2026-001234"])
    decision: Literal["match", "not_match"]


class DecidedBy(BaseModel):
    name: str
    role: str


class DecisionOut(BaseModel):
    """A labelled pair: what was compared (outcome levels, never personal values) and what a
    person decided; the rows `pintu dedup-train` learns from."""

    complaint_id: uuid.UUID
    candidate_id: uuid.UUID
    decision: str
    rule: str
    comparison: dict[str, str]
    score: float = Field(description="The score when the pair was found")
    band: str
    model_version: int | None
    found_at: datetime
    decided_at: datetime
    decided_by: DecidedBy


class DecisionPage(OffsetPage):
    items: list[DecisionOut]


class StoredCandidateOut(BaseModel):
    candidate_id: uuid.UUID
    tracking_number: str
    external_id: str | None
    score: float
    band: str
    found_at: datetime


class ReviewItem(BaseModel):
    """A complaint with candidates in the review band that nobody has decided on yet."""

    complaint_id: uuid.UUID
    tracking_number: str
    category: str
    kelurahan_code: str
    reported_at: datetime
    candidates: list[StoredCandidateOut] = Field(description="Best first")


class ReviewPage(OffsetPage):
    items: list[ReviewItem] = Field(description="Oldest finding first")


class Restoration(BaseModel):
    """What unlinking did about the open assignment the link had ended."""

    restored: bool = Field(
        description="The assignment is open again with its unit, in the status it had"
    )
    assignment: AssignmentOut | None = Field(
        description="The assignment the link ended (as it is now); null when it ended none"
    )
    reason: str | None = Field(
        description="Why it was not given back (the complaint then waits to be routed), or null"
    )


def _example_of(model: type[BaseModel]) -> dict[str, Any]:
    extra = cast(dict[str, Any], model.model_config.get("json_schema_extra"))
    return cast(dict[str, Any], extra["examples"][0])


class UnlinkOut(ComplaintOut):
    """The complaint after unlinking, and what became of the assignment the link ended."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_example_of(ComplaintOut),
                    "status": "assigned",
                    "restoration": {
                        "restored": True,
                        "assignment": _example_of(AssignmentOut),
                        "reason": None,
                    },
                }
            ]
        }
    )

    restoration: Restoration
