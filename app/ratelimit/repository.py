"""The counters of keys' requests, one row per key and one-minute window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from app.models import RateLimitWindow


async def add_counts(
    conn: AsyncConnection, counts: Sequence[tuple[bytes, datetime, int]]
) -> dict[tuple[bytes, datetime], int]:
    """Add several keys' counts in one statement; the totals, per (key hash, window start).
    Rows go in key order, so two processes adding at once cannot deadlock."""
    merged: dict[tuple[bytes, datetime], int] = {}
    for key_hash, start, hits in counts:
        merged[key_hash, start] = merged.get((key_hash, start), 0) + hits
    rows = [{"key_hash": h, "window_start": s, "count": n} for (h, s), n in sorted(merged.items())]
    new = insert(RateLimitWindow).values(rows)
    added = new.on_conflict_do_update(
        index_elements=[RateLimitWindow.key_hash, RateLimitWindow.window_start],
        set_={"count": RateLimitWindow.count + new.excluded.count},
    ).returning(RateLimitWindow.key_hash, RateLimitWindow.window_start, RateLimitWindow.count)
    return {(h, s): int(n) for h, s, n in (await conn.execute(added)).all()}


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
