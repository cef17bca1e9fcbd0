"""The counter of one key's requests in the current window."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from app.models import RateLimitWindow


async def count_hit(conn: AsyncConnection, key_hash: bytes, window_start: datetime) -> int:
    """Count one request in the key's window and return the window's count so far; the key's
    earlier windows are dropped in the same statement."""
    new = insert(RateLimitWindow).values(key_hash=key_hash, window_start=window_start, count=1)
    counted = new.on_conflict_do_update(
        index_elements=[RateLimitWindow.key_hash, RateLimitWindow.window_start],
        set_={"count": RateLimitWindow.count + 1},
    ).returning(RateLimitWindow.count)
    stale = delete(RateLimitWindow).where(
        RateLimitWindow.key_hash == key_hash, RateLimitWindow.window_start < window_start
    )
    hit = counted.cte("hit")
    return int(await conn.scalar(select(hit.c.count).add_cte(stale.cte("stale"))) or 0)


async def purge_before(conn: AsyncConnection, window_start: datetime, *, limit: int) -> None:
    """Drop up to `limit` windows that ended before `window_start` (keys not seen since)."""
    ended = (
        select(RateLimitWindow.key_hash, RateLimitWindow.window_start)
        .where(RateLimitWindow.window_start < window_start)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    await conn.execute(
        delete(RateLimitWindow).where(
            tuple_(RateLimitWindow.key_hash, RateLimitWindow.window_start).in_(ended)
        )
    )
