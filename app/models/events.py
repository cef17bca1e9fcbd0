"""Events for partners: the outbox written with each change, and the order the transactions
that wrote them committed in."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.orm import Base

# The transaction an event was written in (its top-level id, as a bigint).
CURRENT_XID = text("(pg_current_xact_id()::text)::bigint")


class OutboxEvent(Base):
    """One change, written in the transaction that made it (the outbox): never a change
    without its event, never an event without its change."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_xid", "xid"),
        Index("ix_events_complaint_id", "complaint_id"),
    )

    # The order of the events of one transaction; `event_commits` orders the transactions.
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), unique=True, nullable=False)
    xid: Mapped[int] = mapped_column(BigInteger, server_default=CURRENT_XID, nullable=False)
    type: Mapped[str] = mapped_column(String(40), nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    object_type: Mapped[str] = mapped_column(String(20), nullable=False)
    object_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    object_version: Mapped[int] = mapped_column(Integer, nullable=False)
    # Every event concerns one complaint; a receiver gets one complaint's events in order.
    complaint_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    # The units whose agency keys may see the event (the complaint's units at the time).
    unit_codes: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), server_default=text("'{}'"), nullable=False
    )
    # The object as a key that sees personal data masked would read it.
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    # The object as its units' agency keys read it (personal data unmasked), encrypted.
    data_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class EventCommit(Base):
    """A transaction that wrote events, numbered in the order the transactions committed:
    numbers are taken under one lock held to the commit, so a reader that sees a number sees
    every number below it."""

    __tablename__ = "event_commits"

    xid: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, unique=True, nullable=False)
    committed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp(), nullable=False
    )
