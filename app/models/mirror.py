"""The JAKI mirror: what JAKI says of a report beyond the complaint itself, and sync state."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base

KELURAHAN_SOURCES = ("feed", "address", "nearest_point")


class JakiReport(Base):
    """JAKI's own fields of a mirrored report; the complaint row holds the shared ones."""

    __tablename__ = "jaki_reports"
    __table_args__ = (
        CheckConstraint(
            "kelurahan_source IN ('feed', 'address', 'nearest_point')", name="kelurahan_source"
        ),
        CheckConstraint("support_count >= 0", name="support_count"),
    )

    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    jaki_status: Mapped[str] = mapped_column(String(40), nullable=False)
    category_text: Mapped[str] = mapped_column(String(200), nullable=False)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False)
    photo_urls: Mapped[list[str]] = mapped_column(JSONB, nullable=False)
    support_count: Mapped[int] = mapped_column(Integer, nullable=False)
    follow_ups: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, nullable=False)
    # Fields of the feed Pintu does not interpret, kept as JAKI sent them: encrypted, names and
    # all, because nothing says they hold no personal data.
    raw_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    kelurahan_source: Mapped[str] = mapped_column(String(20), nullable=False)
    kelurahan_distance_m: Mapped[float | None] = mapped_column(Float)
    jaki_created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    jaki_updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # Keyed hash (HMAC) of everything but updated_at: "same content" without reading it all.
    content_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)


class CategoryAlias(Base):
    """A name another system gives a category (JAKI's words), mapped to Pintu's code."""

    __tablename__ = "category_aliases"
    __table_args__ = (PrimaryKeyConstraint("source", "alias"),)

    source: Mapped[str] = mapped_column(String(20), nullable=False)
    # Lower case, single spaces: how names are compared.
    alias: Mapped[str] = mapped_column(String(200), nullable=False)
    category_code: Mapped[str] = mapped_column(
        String(32), ForeignKey("categories.code"), nullable=False
    )


class SyncState(Base):
    """Where a pull job stands: the feed's cursor, stored with the page it follows, and its
    health (migration 0017), read by any API process."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    reports_seen: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    # When a pull last began; when it last reached the end of the feed (the mirror had all
    # the feed had then); the newest `updated_at` of a report it has read.
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    newest_report_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures_total: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    # [{"at": ISO 8601, "error": short text}], newest first, at most ten.
    recent_failures: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
