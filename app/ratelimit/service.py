"""Per-key rate limits: a fixed one-minute window per key, counted in PostgreSQL.

Every worker process counts in the same row, so the limit holds however many serve (how, and
how closely: `RateLimiter`). Counts are written on a connection of their own and committed at
once: the row is locked for one statement, not for a request's whole transaction. A fixed
window lets a client spend one minute's requests at its end and the next minute's at the start:
a burst of at most twice the limit, then waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from app.kit.errors import TooManyRequests
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


@dataclass(slots=True)
class _Window:
    """One key's requests in one window, as this process knows them."""

    start: datetime
    known: int = 0  # the count in PostgreSQL when this process last wrote or read it
    pending: int = 0  # requests counted here and not yet written
    learned: bool = False  # whether `known` has been read from PostgreSQL in this window


def _margin(limit: int) -> int:
    """How far below its limit a key's requests are counted in PostgreSQL one by one: the
    second half of its allowance (and always its last 10 requests)."""
    return max(10, limit // 2)


class RateLimiter:
    """One process's side of the shared counts.

    A key's first request in a window is counted in PostgreSQL, which tells this process what
    every worker has counted so far. After that, while the key has used less than half its
    limit, its requests are counted in memory and written every fraction of a second in one
    statement for all keys (`flush`, from app.server.bookkeeping): no request waits on that
    write, and the statement returns the totals of all workers, so each process keeps learning
    what the others counted. In the second half of its allowance — or while the key is not cached —
    each request is counted in PostgreSQL before it is let through. Only keys that exist are
    counted (app.auth.deps): a token that is no key writes nothing. The
    only slack is what other workers counted in memory and have not written yet: a burst
    faster than one flush interval could pass the limit by that, at most half the limit per
    other worker (two workers, a burst of 600 on a 300/min key: 300 and 316 let through in two
    runs; bench/README.md).
    """

    def __init__(self) -> None:
        self._windows: dict[bytes, _Window] = {}
        self._ended: list[tuple[bytes, datetime, int]] = []  # pending counts of ended windows

    def _window(self, key_hash: bytes, start: datetime) -> _Window:
        """The key's current window here, new if the key's last one has ended."""
        window = self._windows.get(key_hash)
        if window is not None and window.start == start:
            return window
        if window is not None and window.pending:
            self._ended.append((key_hash, window.start, window.pending))
        window = self._windows[key_hash] = _Window(start)
        return window

    async def hit(
        self,
        engine: AsyncEngine,
        key_hash: bytes,
        moment: datetime,
        limit: int,
        *,
        at_once: bool = False,
    ) -> Quota:
        """Count one request with the key whose hash is `key_hash`, whose limit is `limit`;
        `at_once` counts it in PostgreSQL whatever the key's standing (a key just read from
        the database, as every key is while the cache is off)."""
        start, resets_in = window_of(moment)
        window = self._window(key_hash, start)
        window.pending += 1
        used = window.known + window.pending
        if not at_once and window.learned and used + _margin(limit) <= limit:
            return Quota(limit=limit, used=used, resets_in=resets_in)
        # The key's first requests here this window (until one has learned what the other
        # workers counted: a burst's requests all wait for that), near its limit, or not
        # cached: count
        # where every worker counts, now. On a connection of its own, before the request's
        # session takes one: a request never holds two, so a burst bigger than the pool waits
        # for connections instead of deadlocking on them.
        delta, window.pending = window.pending, 0
        try:
            async with engine.connect() as conn:
                totals = await repository.add_counts(conn, [(key_hash, start, delta)])
                total = totals[key_hash, start]
                if total == delta:  # the key's first requests this window: sweep ended windows
                    await repository.purge_before(conn, start, limit=_PURGE_BATCH)
                await conn.commit()
        except BaseException:
            window.pending += delta
            raise
        window.known = max(window.known, total)
        window.learned = True
        return Quota(limit=limit, used=total + window.pending, resets_in=resets_in)

    @property
    def pending(self) -> int:
        return sum(w.pending for w in self._windows.values()) + sum(n for *_, n in self._ended)

    async def flush(self, engine: AsyncEngine, moment: datetime) -> None:
        """Write every pending count in one statement and learn the totals; then sweep windows
        that have ended, here and in PostgreSQL. What could not be written stays pending."""
        current, _ = window_of(moment)
        rows = [(h, w.start, w.pending) for h, w in self._windows.items() if w.pending]
        rows += self._ended
        self._ended = []
        for taken in self._windows.values():
            taken.pending = 0
        try:
            async with engine.connect() as conn:
                totals = await repository.add_counts(conn, rows) if rows else {}
                await repository.purge_before(conn, current, limit=_PURGE_BATCH)
                await conn.commit()
        except BaseException:
            for key_hash, start, pending in rows:  # counted again at the next flush
                same = self._windows.get(key_hash)
                if same is not None and same.start == start:
                    same.pending += pending
                else:
                    self._ended.append((key_hash, start, pending))
            raise
        for (key_hash, start), total in totals.items():
            current_window = self._windows.get(key_hash)
            if current_window is not None and current_window.start == start:
                current_window.known = max(current_window.known, total)
                current_window.learned = True
        self._windows = {h: w for h, w in self._windows.items() if w.start >= current}


def enforce(counted: Quota, limit: int) -> Quota:
    """The key's standing under its `limit`; 429 (with Retry-After) once it is over."""
    quota = replace(counted, limit=limit)
    if quota.used > limit:
        raise TooManyRequests(
            f"This key may make {limit} requests a minute; retry in {quota.resets_in} s.",
            headers={**quota.headers(), "Retry-After": str(quota.resets_in)},
        )
    return quota
