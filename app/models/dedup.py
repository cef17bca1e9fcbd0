"""Duplicate matching: candidates found for a complaint, decisions on them, learned models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base


class DedupCandidate(Base):
    """A possible duplicate of a complaint, as scored when it was found, and what a person
    decided about it; decided pairs are the labelled data the model is re-learned from."""

    __tablename__ = "dedup_candidates"
    __table_args__ = (
        PrimaryKeyConstraint("complaint_id", "candidate_id"),
        CheckConstraint("band IN ('match', 'review', 'below')", name="band"),
        CheckConstraint("rule IN ('person', 'place')", name="rule"),
        CheckConstraint("decision IS NULL OR decision IN ('match', 'not_match')", name="decision"),
        CheckConstraint("(decision IS NULL) = (decided_at IS NULL)", name="decided"),
        Index(
            "ix_dedup_candidates_open_review",
            "found_at",
            postgresql_where=text("band = 'review' AND decision IS NULL"),
        ),
        Index(
            "ix_dedup_candidates_decided_at",
            "decided_at",
            postgresql_where=text("decision IS NOT NULL"),
        ),
    )

    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False
    )
    candidate_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False
    )
    score: Mapped[float] = mapped_column(Float, nullable=False)
    band: Mapped[str] = mapped_column(String(10), nullable=False)
    rule: Mapped[str] = mapped_column(String(10), nullable=False)
    comparison: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False)
    model_version: Mapped[int | None] = mapped_column(Integer)
    found_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    decision: Mapped[str | None] = mapped_column(String(10))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    decided_by_name: Mapped[str | None] = mapped_column(String(100))
    decided_by_role: Mapped[str | None] = mapped_column(String(20))


class DedupModel(Base):
    """A learned set of matching weights; the newest one is in use."""

    __tablename__ = "dedup_models"

    version: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    source: Mapped[str] = mapped_column(String(200), nullable=False)
    weights: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    trained_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class DedupNameCount(Base):
    """How many mirrored complainants carry a name token: common names are weak evidence."""

    __tablename__ = "dedup_name_counts"

    token: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False)
