"""Events for partners: the outbox written with each change, the order the transactions that
wrote them committed in, webhook subscriptions, and the deliveries to them with every attempt."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSON, UUID
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
    # The complaint's channel, whose client keys may see the event; a trigger fills it in from
    # the complaint as the event is written (migration 0015).
    channel_code: Mapped[str | None] = mapped_column(String(32))
    # The object as a key that sees personal data masked would read it (json, not jsonb: kept
    # as written, its fields in the API's order; nothing queries inside it).
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
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


DELIVERY_STATUSES = ("pending", "delivered", "failed")


class WebhookSubscription(Base):
    """A partner's receiver: where to send which events, signed with its secret."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (
        Index("ix_webhook_subscriptions_unit_code", "unit_code"),
        CheckConstraint("unit_code IS NULL OR channel_code IS NULL", name="one_scope"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str | None] = mapped_column(String(200))
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(40)), nullable=False)
    # An agency's subscription gets only its unit's events, personal data as the agency sees
    # it; None: every event, personal data masked.
    unit_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("units.code"))
    # A client's subscription gets only its channel's events, personal data masked.
    channel_code: Mapped[str | None] = mapped_column(String(32), ForeignKey("channels.code"))
    created_by_key_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("api_keys.id", ondelete="SET NULL")
    )
    secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    # After a rotation the old secret signs too, until `previous_secret_until`.
    previous_secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    previous_secret_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False)
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    # Failed attempts in a row, across its deliveries, and since when; a success resets both.
    failure_streak: Mapped[int] = mapped_column(Integer, server_default="0", nullable=False)
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last event (commit position, seq) queued for it: it gets what commits after.
    after_position: Mapped[int] = mapped_column(BigInteger, nullable=False)
    after_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)


class WebhookDelivery(Base):
    """One event (or a test ping) for one subscription, tried until it is delivered or given
    up."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(repr(s) for s in DELIVERY_STATUSES) + ")", name="status"
        ),
        Index("ix_webhook_deliveries_subscription_created", "subscription_id", "created_at"),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index(
            "ix_webhook_deliveries_pending_order",
            "subscription_id",
            "complaint_id",
            "position",
            "seq",
            postgresql_where=text("status = 'pending' AND complaint_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    )
    # None for a test ping.
    event_seq: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("events.seq", ondelete="CASCADE")
    )
    event_type: Mapped[str] = mapped_column(String(40), nullable=False)
    # One complaint's deliveries go in (position, seq) order; None: in no order (a ping, a
    # redelivery asked for by hand).
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    position: Mapped[int] = mapped_column(BigInteger, nullable=False)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0", nullable=False)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last attempt's outcome, for the log.
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_latency_ms: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(200))
    redelivery_of: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))


class WebhookAttempt(Base):
    """One try at a delivery: when, how long it took, what the receiver answered."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery_attempt", "delivery_id", "attempt"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
        nullable=False,
    )
    attempt: Mapped[int] = mapped_column(Integer, nullable=False)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    latency_ms: Mapped[int] = mapped_column(Integer, nullable=False)
    status_code: Mapped[int | None] = mapped_column(Integer)
    # Why no answer came, or why it was not sent (refused address, timeout, connection error).
    error: Mapped[str | None] = mapped_column(String(200))
    succeeded: Mapped[bool] = mapped_column(Boolean, nullable=False)
