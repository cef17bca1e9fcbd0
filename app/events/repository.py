"""Every query on events, subscriptions and deliveries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    any_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.models import (
    ApiKey,
    EventCommit,
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

# The largest position or seq a cursor may hold (bigint).
LAST_SEQ = 2**63 - 1


@dataclass(frozen=True, slots=True)
class FeedFilter:
    """Which events: after (position, seq), up to a position; only those a unit's agency keys
    may see; of some types only."""

    after: tuple[int, int] = (0, 0)
    until: int | None = None
    unit_code: str | None = None
    channel_code: str | None = None
    types: Sequence[str] = ()


async def feed(
    session: AsyncSession, f: FeedFilter, *, limit: int
) -> Sequence[Row[int, OutboxEvent]]:
    """(position, event) after `f.after` in commit order: position, then seq within one
    transaction."""
    position, seq = f.after
    stmt = (
        select(EventCommit.position, OutboxEvent)
        .join(OutboxEvent, OutboxEvent.xid == EventCommit.xid)
        .where(
            EventCommit.position >= position,
            or_(EventCommit.position > position, OutboxEvent.seq > seq),
        )
        .order_by(EventCommit.position, OutboxEvent.seq)
        .limit(limit)
    )
    if f.until is not None:
        stmt = stmt.where(EventCommit.position <= f.until)
    if f.unit_code is not None:
        stmt = stmt.where(literal(f.unit_code) == any_(OutboxEvent.unit_codes))
    if f.channel_code is not None:
        stmt = stmt.where(OutboxEvent.channel_code == f.channel_code)
    if f.types:
        stmt = stmt.where(OutboxEvent.type.in_(list(f.types)))
    return (await session.execute(stmt)).all()


async def head(session: AsyncSession) -> tuple[int, int]:
    """(position, seq) of the last event committed, in commit order; (0, 0) before any."""
    # The newest commit by its unique index, then its events' last seq by theirs.
    last_seq = (
        select(func.max(OutboxEvent.seq))
        .where(OutboxEvent.xid == EventCommit.xid)
        .scalar_subquery()
    )
    found = (
        await session.execute(
            select(EventCommit.position, last_seq).order_by(EventCommit.position.desc()).limit(1)
        )
    ).first()
    return (found[0], found[1] or 0) if found else (0, 0)


# Subscriptions.


async def add_subscription(
    session: AsyncSession, subscription: WebhookSubscription
) -> WebhookSubscription:
    session.add(subscription)
    await session.flush()
    return subscription


async def get_subscription(
    session: AsyncSession,
    subscription_id: uuid.UUID,
    *,
    unit_code: str | None = None,
    channel_code: str | None = None,
    lock: bool = False,
) -> WebhookSubscription | None:
    """The subscription; with `unit_code` (`channel_code`), only if it is that unit's (that
    channel's)."""
    stmt = select(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id, *_bound(unit_code, channel_code)
    )
    if lock:
        # Locked, it is read again: a copy loaded earlier in the transaction may be stale.
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(stmt)


def _bound(unit_code: str | None, channel_code: str | None) -> list[ColumnElement[bool]]:
    found = []
    if unit_code is not None:
        found.append(WebhookSubscription.unit_code == unit_code)
    if channel_code is not None:
        found.append(WebhookSubscription.channel_code == channel_code)
    return found


async def subscriptions(
    session: AsyncSession,
    *,
    unit_code: str | None,
    channel_code: str | None = None,
    after: uuid.UUID | None,
    limit: int,
) -> Sequence[WebhookSubscription]:
    """Subscriptions by id (all, one unit's or one channel's)."""
    stmt = (
        select(WebhookSubscription)
        .where(*_bound(unit_code, channel_code))
        .order_by(WebhookSubscription.id)
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(WebhookSubscription.id > after)
    return (await session.scalars(stmt)).all()


async def delete_subscription(session: AsyncSession, subscription: WebhookSubscription) -> None:
    await session.delete(subscription)
    await session.flush()


def _creator_still_valid() -> ColumnElement[bool]:
    """An agency's or a client's subscription lives as long as the key that made it: once that
    key is revoked or expired, its unit's (channel's) events stop going out. An admin's does
    not."""
    key = aliased(ApiKey)
    return or_(
        and_(WebhookSubscription.unit_code.is_(None), WebhookSubscription.channel_code.is_(None)),
        WebhookSubscription.created_by_key_id.is_(None),
        exists().where(
            key.id == WebhookSubscription.created_by_key_id,
            key.revoked_at.is_(None),
            or_(key.expires_at.is_(None), key.expires_at > func.now()),
        ),
    )


# Built once: every claim and every fan-out pass would otherwise build them again (about a
# millisecond of Python each, a good part of a delivery's cost).
_CREATOR_STILL_VALID = _creator_still_valid()


async def to_fan_out(
    session: AsyncSession, *, after: uuid.UUID | None, limit: int
) -> Sequence[WebhookSubscription]:
    """Enabled subscriptions after `after` by id, locked, skipping those another worker is
    queueing for."""
    stmt = (
        select(WebhookSubscription)
        .where(WebhookSubscription.enabled, _CREATOR_STILL_VALID)
        .order_by(WebhookSubscription.id)
        .limit(limit)
        .with_for_update(of=WebhookSubscription, skip_locked=True)
    )
    if after is not None:
        stmt = stmt.where(WebhookSubscription.id > after)
    return (await session.scalars(stmt)).all()


# Deliveries.


async def add_deliveries(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(WebhookDelivery), rows)


def _claim_statement() -> Select[WebhookDelivery, WebhookSubscription, OutboxEvent]:
    earlier = aliased(WebhookDelivery)
    return (
        select(WebhookDelivery, WebhookSubscription, OutboxEvent)
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .outerjoin(OutboxEvent, OutboxEvent.seq == WebhookDelivery.event_seq)
        .where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= bindparam("at"),
            WebhookSubscription.enabled,
            _CREATOR_STILL_VALID,
            or_(
                WebhookDelivery.complaint_id.is_(None),
                ~exists().where(
                    earlier.subscription_id == WebhookDelivery.subscription_id,
                    earlier.complaint_id == WebhookDelivery.complaint_id,
                    earlier.status == "pending",
                    tuple_(earlier.position, earlier.seq)
                    < tuple_(WebhookDelivery.position, WebhookDelivery.seq),
                ),
            ),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.position, WebhookDelivery.seq)
        .limit(1)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )


_CLAIM = _claim_statement()


async def claim_due(
    session: AsyncSession, at: datetime
) -> Row[WebhookDelivery, WebhookSubscription, OutboxEvent] | None:
    """One delivery due at `at`, locked, whose subscription is enabled and which no earlier
    pending delivery of the same complaint to the same subscription waits before; skipping
    those other workers hold. With its subscription and event (None for a ping)."""
    return (await session.execute(_CLAIM, {"at": at})).first()


async def add_attempt(session: AsyncSession, attempt: dict[str, Any]) -> None:
    await session.execute(insert(WebhookAttempt), [attempt])


async def get_delivery(
    session: AsyncSession, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> Row[WebhookDelivery, uuid.UUID] | None:
    """(delivery, its event's id or None)."""
    stmt = (
        select(WebhookDelivery, OutboxEvent.id)
        .outerjoin(OutboxEvent, OutboxEvent.seq == WebhookDelivery.event_seq)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.subscription_id == subscription_id,
        )
    )
    return (await session.execute(stmt)).first()


async def deliveries(
    session: AsyncSession,
    subscription_id: uuid.UUID,
    *,
    status: str | None,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Row[WebhookDelivery, uuid.UUID]]:
    """(delivery, event id or None) newest first."""
    stmt = (
        select(WebhookDelivery, OutboxEvent.id)
        .outerjoin(OutboxEvent, OutboxEvent.seq == WebhookDelivery.event_seq)
        .where(WebhookDelivery.subscription_id == subscription_id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(limit)
    )
    if status is not None:
        stmt = stmt.where(WebhookDelivery.status == status)
    if after is not None:
        stmt = stmt.where(tuple_(WebhookDelivery.created_at, WebhookDelivery.id) < tuple_(*after))
    return (await session.execute(stmt)).all()


async def attempts(session: AsyncSession, delivery_id: uuid.UUID) -> Sequence[WebhookAttempt]:
    stmt = (
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id == delivery_id)
        .order_by(WebhookAttempt.attempt)
    )
    return (await session.scalars(stmt)).all()


async def event_by_seq(session: AsyncSession, seq: int) -> OutboxEvent | None:
    return await session.get(OutboxEvent, seq)
