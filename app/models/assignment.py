"""Assignments (disposisi) of complaints to units, and their follow-ups (tindak lanjut)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base

ASSIGNMENT_STATUSES = (
    "pending",
    "accepted",
    "in_progress",
    "completed",
    "returned",
    "moved",
    "escalated",
)
ASSIGNMENT_KINDS = ("assignment", "coordination", "disposition", "escalation")
ACTIVE = ("pending", "accepted", "in_progress")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Assignment(Base):
    """A complaint given to a unit, with the deadlines it must meet."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint(_in("status", ASSIGNMENT_STATUSES), name="status"),
        CheckConstraint(_in("kind", ASSIGNMENT_KINDS), name="kind"),
        # One unit at a time holds a complaint.
        Index(
            "uq_assignments_active_complaint",
            "complaint_id",
            unique=True,
            postgresql_where=text(f"status IN {ACTIVE!r}"),
        ),
        Index("ix_assignments_unit_status", "unit_code", "status"),
        Index("ix_assignments_complaint_unit", "complaint_id", "unit_code"),
        Index("ix_assignments_finish_by", "finish_by"),
        Index("ix_assignments_updated_at", "updated_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False
    )
    unit_code: Mapped[str] = mapped_column(String(40), ForeignKey("units.code"), nullable=False)
    # assignment: first routing; coordination: moved from one unit to another; disposition:
    # an agency instructs its own sub-unit.
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("assignments.id")
    )
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    assignee_name: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    respond_by: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    finish_by: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    return_reason: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    # Moved with `version` by every change.
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class FollowUp(Base):
    """A tindak lanjut: what the unit did, with optional photos."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_assignment_created", "assignment_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    assignment_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("assignments.id", ondelete="CASCADE"), nullable=False
    )
    note: Mapped[str] = mapped_column(Text, nullable=False)
    photo_urls: Mapped[list[Any]] = mapped_column(JSONB, nullable=False)
    actor_name: Mapped[str] = mapped_column(String(100), nullable=False)
    actor_role: Mapped[str] = mapped_column(String(20), nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class EscalationStats(Base):
    """What `pintu escalate-overdue` (a process of its own) has done, per runner name: read by
    `/metrics` in any API process."""

    __tablename__ = "escalation_stats"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    runs_total: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    escalated_total: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    failures_total: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    last_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The end of the last run that finished without an error, and what it escalated.
    last_finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_escalated: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
