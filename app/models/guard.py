"""What guards the API: request counts per key, the audit log of unmasked personal data, and
tombstones of erased data subjects. (Stored responses for retried requests belong to the kit:
`app.kit.idempotency.model`.)"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    func,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base


class RateLimitWindow(Base):
    """How many requests were sent with a key in one fixed window; shared by every worker
    process. Keyed by the key's hash, so counting needs no lookup of the key first."""

    __tablename__ = "rate_limit_windows"
    __table_args__ = (
        PrimaryKeyConstraint("key_hash", "window_start"),
        Index("ix_rate_limit_windows_window_start", "window_start"),
        {"prefixes": ["UNLOGGED"]},
    )

    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class PersonalDataRead(Base):
    """One response that showed a complainant's NIK, phone or e-mail unmasked: who, when, which
    complaint, through which endpoint."""

    __tablename__ = "personal_data_reads"
    __table_args__ = (
        Index("ix_personal_data_reads_complaint_id_read_at", "complaint_id", "read_at"),
        Index("ix_personal_data_reads_read_at", "read_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("complaints.id", ondelete="CASCADE"), nullable=False
    )
    # The key's name and role are copied: the log outlives a key's renaming or removal.
    api_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    key_name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    endpoint: Mapped[str] = mapped_column(String(100), nullable=False)


class ErasedSubject(Base):
    """A data subject whose personal data was erased on request: the NIK's blind index only, so
    a later JAKI feed update carrying the same NIK cannot bring the data back."""

    __tablename__ = "erased_subjects"

    nik_index: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
