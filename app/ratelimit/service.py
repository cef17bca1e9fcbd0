"""Per-key rate limits: a fixed one-minute window per key, counted in PostgreSQL.

Every worker process counts in the same row, so the limit holds however many serve. The count
is written on a connection of its own, in autocommit: the row is locked for one statement, not
for the request's whole transaction. A fixed window lets a client spend one minute's requests at
its end and the next minute's at the start: a burst of at most twice the limit, then waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from app.errors import TooManyRequests
from app.ratelimit import repository

WINDOW_SECONDS = 60
POLICY = "per-key"
_PURGE_BATCH = 100


@dataclass(frozen=True, slots=True)
class Quota:
    """Where a key stands in the current window."""

    limit: int
    used: int
    resets_in: int  # seconds until the window ends

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def headers(self) -> dict[str, str]:
        """RateLimit and RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers)."""
        return {
            "RateLimit-Policy": f'"{POLICY}";q={self.limit};w={WINDOW_SECONDS}',
            "RateLimit": f'"{POLICY}";r={self.remaining};t={self.resets_in}',
        }


def window_of(moment: datetime) -> tuple[datetime, int]:
    """The start of the window `moment` falls in, and the seconds left in it."""
    start = moment.replace(second=0, microsecond=0)
    return start, WINDOW_SECONDS - moment.second


async def count(engine: AsyncEngine, key_hash: bytes, moment: datetime) -> Quota:
    """Count one request sent with the key whose hash is `key_hash`, on a connection of its own.
    It runs before the request's session takes its connection: a request never holds two, so
    a burst bigger than the pool waits for connections instead of deadlocking on them."""
    start, resets_in = window_of(moment)
    async with engine.connect() as conn:
        used = await repository.count_hit(conn, key_hash, start)
        if used == 1:  # the key's first request this window: sweep windows of vanished keys
            await repository.purge_before(conn, start, limit=_PURGE_BATCH)
        await conn.commit()
    return Quota(limit=0, used=used, resets_in=resets_in)


def enforce(counted: Quota, limit: int) -> Quota:
    """The key's standing under its `limit`; 429 (with Retry-After) once it is over."""
    quota = replace(counted, limit=limit)
    if quota.used > limit:
        raise TooManyRequests(
            f"This key may make {limit} requests a minute; retry in {quota.resets_in} s.",
            headers={**quota.headers(), "Retry-After": str(quota.resets_in)},
        )
    return quota
