"""The response to the first request sent with an `Idempotency-Key`: a table of the kit's own,
since every POST of every domain may store one. `app.models` re-exports it with the others."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    PrimaryKeyConstraint,
    SmallInteger,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base


class IdempotentResponse(Base):
    """The response to the first request sent with an `Idempotency-Key`, replayed to retries.
    The key and the request are kept as hashes, the body encrypted like other personal data."""

    __tablename__ = "idempotent_responses"
    __table_args__ = (
        PrimaryKeyConstraint("api_key_id", "key_hash"),
        Index("ix_idempotent_responses_expires_at", "expires_at"),
    )

    api_key_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="CASCADE"), nullable=False
    )
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    request_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    status_code: Mapped[int] = mapped_column(SmallInteger, nullable=False)
    headers: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    body_encrypted: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
