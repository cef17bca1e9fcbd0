"""API keys: only a SHA-256 of each key is stored; the key itself is shown once."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base, CreatedAtMixin
from app.models.roles import Role

_ROLE_VALUES = ", ".join(repr(r.value) for r in Role)


class ApiKey(CreatedAtMixin, Base):
    """A caller's key, with the role that decides what it may do."""

    __tablename__ = "api_keys"
    __table_args__ = (
        CheckConstraint(f"role IN ({_ROLE_VALUES})", name="role"),
        CheckConstraint("(role = 'agency') = (unit_code IS NOT NULL)", name="agency_unit"),
        CheckConstraint("(role = 'client') = (channel_code IS NOT NULL)", name="client_channel"),
        CheckConstraint("rate_limit_per_minute > 0", name="rate_limit_positive"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    # Keys are 256-bit random strings, so an unsalted SHA-256 cannot be brute-forced.
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False, unique=True)
    key_prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An agency key acts for one unit, and sees only that unit's work.
    unit_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("units.code"))
    # A client key (an app's backend) records and reads the complaints of one channel.
    channel_code: Mapped[str | None] = mapped_column(String(32), ForeignKey("channels.code"))
    # Requests a minute this key may make; NULL takes the service's default for its role.
    rate_limit_per_minute: Mapped[int | None] = mapped_column(Integer)
