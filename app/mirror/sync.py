"""`pintu sync-jaki`: pull JAKI's feed page by page, storing each page with the cursor after it.

Network work happens outside any transaction; each page is then ingested and its `next` cursor
saved in one transaction, so a job killed at any point resumes where it stopped and, since
ingesting is idempotent, loses and duplicates nothing.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.kit.sqlstate import database_unavailable
from app.kit.timeutil import now
from app.mirror import repository, service
from app.mirror.schemas import BatchResult
from app.mirror.versions import newest_update

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

SYNC_NAME = "jaki"
# Worth another try: a timeout or "too early" or "too many", and every server error.
RETRYABLE_4XX = frozenset({408, 425, 429})


class FeedError(Exception):
    """The feed refused us or kept failing; the stored cursor is intact."""


class DatabaseGone(Exception):
    """The database stayed unreachable through every retry; the stored cursor is intact."""


@dataclass(frozen=True, slots=True)
class FeedPage:
    reports: list[Any]
    next: str | None
    has_more: bool


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 8
    base: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt `attempt + 1`: Retry-After, else jittered backoff."""
        if retry_after is not None:
            return min(retry_after, 10 * self.cap)
        backoff = min(self.cap, self.base * 2 ** (attempt - 1))
        return backoff * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not a secret


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class FeedClient:
    """Reads pages of the JAKI feed with retries (docs/jaki-feed.md, "Pull")."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        url: str,
        *,
        token: str | None,
        page_size: int = 500,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._http = http
        self._url = url
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._page_size = page_size
        self._retry = retry or RetryPolicy()
        self._sleep = sleep

    async def page(self, cursor: str | None) -> FeedPage:
        """The page after `cursor`, retrying timeouts, dropped connections, 429 and 5xx."""
        params: dict[str, str | int] = {"limit": self._page_size}
        if cursor is not None:
            params["cursor"] = cursor
        for attempt in range(1, self._retry.attempts + 1):
            retry_after: float | None = None
            try:
                response = await self._http.get(self._url, params=params, headers=self._headers)
            except httpx.TransportError as exc:  # timeouts, refused or dropped connections
                problem = type(exc).__name__
            else:
                if response.status_code == 200:
                    page = _read_page(response)
                    if page is not None:
                        return page
                    problem = "a malformed page"
                elif response.status_code in RETRYABLE_4XX or response.status_code >= 500:
                    problem = f"HTTP {response.status_code}"
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                else:
                    raise FeedError(f"the feed answered HTTP {response.status_code}")
            if attempt == self._retry.attempts:
                raise FeedError(f"the feed failed {attempt} times; last: {problem}")
            delay = self._retry.delay(attempt, retry_after)
            logger.warning("feed: %s; retry %d in %.1fs", problem, attempt, delay)
            await self._sleep(delay)
        raise AssertionError("unreachable")


def _read_page(response: httpx.Response) -> FeedPage | None:
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("reports"), list):
        return None
    next_cursor = body.get("next")
    if next_cursor is not None and not isinstance(next_cursor, str):
        return None
    return FeedPage(body["reports"], next_cursor, bool(body.get("has_more", False)))


@dataclass(slots=True)
class SyncSummary:
    pages: int = 0
    result: BatchResult | None = None

    def add(self, result: BatchResult) -> None:
        self.pages += 1
        if self.result is None:
            self.result = BatchResult()
        self.result.add(result)


async def _until_stopped(work: Awaitable[Any], stop: asyncio.Event) -> Any:
    """Run `work` unless `stop` is set first; then cancel it and return None."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if task in done:
        return task.result()
    task.cancel()
    return None


async def _with_database(
    work: Callable[[], Awaitable[_T]], retry: RetryPolicy, stop: asyncio.Event
) -> _T:
    """`work` (one transaction), again with backoff while the database is unreachable: its
    transaction rolled back, so trying again writes nothing twice."""
    for attempt in range(1, retry.attempts + 1):
        try:
            return await work()
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            if attempt == retry.attempts or stop.is_set():
                raise DatabaseGone(
                    f"the database was unreachable {attempt} times; last: {type(exc).__name__}"
                ) from exc
            delay = retry.delay(attempt, None)
            logger.warning(
                "database unreachable (%s); retry %d in %.1fs", type(exc).__name__, attempt, delay
            )
            await _until_stopped(asyncio.sleep(delay), stop)
    raise AssertionError("unreachable")


async def run(
    sessions: async_sessionmaker[AsyncSession],
    feed: FeedClient,
    *,
    stop: asyncio.Event,
    keep_polling: bool = False,
    interval: float = 60.0,
    name: str = SYNC_NAME,
    retry: RetryPolicy | None = None,
) -> SyncSummary:
    """Pull until the feed has no more (or forever, every `interval` s); stop on `stop`. While
    the database is unreachable, the page in hand is stored again with backoff."""
    retry = retry or RetryPolicy()
    rounds = _Rounds()
    try:
        return await _pull(sessions, feed, stop, keep_polling, interval, name, retry, rounds)
    except (FeedError, DatabaseGone) as exc:
        await _note_failure(sessions, name, rounds.started, str(exc))
        raise
    except Exception as exc:
        await _note_failure(sessions, name, rounds.started, f"unexpected {type(exc).__name__}")
        raise


@dataclass(slots=True)
class _Rounds:
    """When the current round of pages began: stored with its pages, or with its failure (no
    write of its own, which would wait on the cursor's row)."""

    started: datetime = field(default_factory=now)


ERROR_SHOWN = 200  # characters of an error kept in sync_state


async def _note_failure(
    sessions: async_sessionmaker[AsyncSession], name: str, attempt_at: datetime, error: str
) -> None:
    """Record the error that stopped a pull (docs/operations.md, "The JAKI sync"); if the
    database is what failed, this fails too, and only the log tells."""
    try:
        async with sessions() as session, session.begin():
            await repository.note_failure(
                session, name, now(), error[:ERROR_SHOWN], attempt_at=attempt_at
            )
    except Exception as exc:
        logger.warning("sync %s: the failure could not be recorded (%s)", name, type(exc).__name__)


async def _pull(
    sessions: async_sessionmaker[AsyncSession],
    feed: FeedClient,
    stop: asyncio.Event,
    keep_polling: bool,
    interval: float,
    name: str,
    retry: RetryPolicy,
    rounds: _Rounds,
) -> SyncSummary:
    summary = SyncSummary()

    async def read_cursor() -> str | None:
        async with sessions() as session:
            return await repository.get_cursor(session, name)

    cursor = await _with_database(read_cursor, retry, stop)
    logger.info("sync %s: starting from %s", name, "a stored cursor" if cursor else "the start")
    while not stop.is_set():
        page: FeedPage | None = await _until_stopped(feed.page(cursor), stop)
        if page is None:
            break

        async def store(page: FeedPage = page, after: str | None = cursor) -> BatchResult:
            # A page is either stored with its cursor or not at all; the end of the feed is
            # the pull's success, stored with the last page.
            async with sessions() as session, session.begin():
                result = await service.ingest(session, service.FEED_ACTOR, page.reports)
                await repository.save_cursor(
                    session,
                    name,
                    page.next if page.next is not None else after,
                    len(page.reports),
                    newest=newest_update(page.reports, at_most=now()),
                    caught_up_at=None if page.has_more else now(),
                    attempt_at=rounds.started,
                )
            return result

        result = await _with_database(store, retry, stop)
        # A feed that omits `next` keeps us where we are rather than back at the start.
        cursor = page.next if page.next is not None else cursor
        summary.add(result)
        for error in result.errors:
            logger.warning(
                "sync %s: refused report #%d (id %s): %s %s",
                name,
                error.index,
                error.id,
                error.field or "",
                error.detail,
            )
        logger.info(
            "sync %s: page of %d — created %d, updated %d, unchanged %d, stale %d, refused %d",
            name,
            len(page.reports),
            result.created,
            result.updated,
            result.unchanged,
            result.stale,
            len(result.errors),
        )
        if not page.has_more:
            if not keep_polling:
                break
            await _until_stopped(asyncio.sleep(interval), stop)
            rounds.started = now()
    return summary
