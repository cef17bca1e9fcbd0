"""Writes no request waits for: rate-limit counts and keys' last use, flushed in the background.

Requests note them in memory (`RateLimiter.hit`, `KeyUse.seen`); a task of the process writes
them every INTERVAL seconds, a statement for each, and once more when the process stops. If
the database is away, what is pending stays in memory for the next flush.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth import KeyUse
from app.kit.timeutil import now
from app.ratelimit import RateLimiter

INTERVAL = 0.2  # seconds
FINAL_FLUSH_TIMEOUT = 5.0

logger = logging.getLogger("pintu.bookkeeping")


class Bookkeeping:
    """One process's background writer of what its requests noted in memory."""

    def __init__(
        self,
        engine: AsyncEngine,
        limiter: RateLimiter,
        key_use: KeyUse,
        *,
        interval: float = INTERVAL,
    ) -> None:
        self._engine = engine
        self._interval = interval
        self._limiter = limiter
        self._key_use = key_use
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="bookkeeping")

    async def close(self) -> None:
        """Stop, and write what is still pending."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.flush(), FINAL_FLUSH_TIMEOUT)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self.flush()

    async def flush(self) -> None:
        """Write the pending counts and uses; log (once) instead of raising if it cannot."""
        if not (self._limiter.pending or self._key_use.pending):
            return
        try:
            if self._limiter.pending:
                await self._limiter.flush(self._engine, now())
            if self._key_use.pending:
                async with self._engine.connect() as conn:
                    await self._key_use.write(conn)
                    await conn.commit()
        except Exception as exc:  # the next flush tries again with everything still pending
            if not self._failing:
                logger.warning("cannot write rate-limit counts and key use yet: %r", exc)
            self._failing = True
        else:
            if self._failing:
                logger.info("rate-limit counts and key use written again")
            self._failing = False
