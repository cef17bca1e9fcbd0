"""Every query on events: the feed, in the order their transactions committed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Row, any_, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import EventCommit, OutboxEvent


@dataclass(frozen=True, slots=True)
class FeedFilter:
    """Which events: after (position, seq); only those a unit's agency keys may see; of some
    types only."""

    after: tuple[int, int] = (0, 0)
    unit_code: str | None = None
    types: Sequence[str] = ()


async def feed(session: AsyncSession, f: FeedFilter, *, limit: int) -> Sequence[Row]:
    """Events after `f.after` in commit order (position, then seq within a transaction)."""
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
    if f.unit_code is not None:
        stmt = stmt.where(literal(f.unit_code) == any_(OutboxEvent.unit_codes))
    if f.types:
        stmt = stmt.where(OutboxEvent.type.in_(list(f.types)))
    return (await session.execute(stmt)).all()
