"""Candidates as callers see them: a possible duplicate, its score and the evidence."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.matching.model import BANDS


class EvidenceOut(BaseModel):
    signal: str = Field(examples=["phone"])
    factor: str = Field(
        description="What the signal speaks to: `complainant`, `matter` or `place_problem`",
        examples=["complainant"],
    )
    compared: str = Field(examples=["phone number, through the blind index"])
    outcome: str = Field(examples=["equal"])
    weight: float = Field(
        description="How far this outcome moved its factor, in log-odds (0: not at all)",
        examples=[5.2],
    )


class ReporterOut(BaseModel):
    """Who made the other report, always masked: enough to ask, not to read off."""

    name: str | None = Field(examples=["S*** R***"])
    phone: str | None = Field(examples=["+62812****7890"])


class CandidateOut(BaseModel):
    id: uuid.UUID
    channel: str = Field(examples=["jaki"])
    external_id: str | None = Field(examples=["JAKI-2026-0001234"])
    tracking_number: str = Field(examples=["JK-2026-001234"])
    status: str = Field(examples=["in_progress"])
    jaki_status: str | None = Field(examples=["Proses"])
    category: str = Field(examples=["bansos"])
    kelurahan_code: str = Field(examples=["31.71.06.1003"])
    reported_at: datetime
    excerpt: str = Field(description="The start of the description")
    reporter: ReporterOut | None = Field(description="None: an anonymous report")
    distance_m: float | None = Field(description="Between the two points, when both have one")
    score: float = Field(
        ge=0,
        le=1,
        description="Probability that it is the same complaint (of 100 scored 0.8, about 80 are)",
        examples=[0.97],
    )
    band: str = Field(
        description=f"`match`: safe to link; `review`: a person should look (in the models "
        f"Pintu makes, from a score of {BANDS['match']} and {BANDS['review']}; candidates "
        "below are not shown)",
        examples=["match"],
    )
    rule: str = Field(description="`person` or `place`: which kind of problem decided")
    rule_text: str
    factors: dict[str, float] = Field(
        description="The factors the score multiplies", examples=[{"complainant": 0.99}]
    )
    evidence: list[EvidenceOut]
