"""The pull sync's health as any process can tell it: from `sync_state`, which the job
(`pintu sync-jaki`, a process of its own) writes with each page and each failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.timeutil import now
from app.mirror import repository
from app.mirror.sync import SYNC_NAME


class SyncHealth(StrEnum):
    OK = "ok"
    STALE = "stale"
    FAILING = "failing"
    NOT_CONFIGURED = "not_configured"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: SyncHealth
    feed_url_configured: bool
    stale_after_seconds: float
    cursor: str | None = None
    reports_seen: int = 0
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    newest_report_at: datetime | None = None
    lag_seconds: float | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures_total: int = 0
    recent_failures: list[dict[str, Any]] = field(default_factory=list)


def judge(
    *,
    configured: bool,
    last_success_at: datetime | None,
    last_error_at: datetime | None,
    stale_after: float,
    at: datetime,
) -> SyncHealth:
    """`failing`: the last pull ended in an error and none has reached the end of the feed
    since; `stale`: none has reached it for `stale_after` seconds (or ever); else `ok`."""
    if not configured:
        return SyncHealth.NOT_CONFIGURED
    if last_error_at is not None and (last_success_at is None or last_error_at > last_success_at):
        return SyncHealth.FAILING
    if last_success_at is None or (at - last_success_at).total_seconds() > stale_after:
        return SyncHealth.STALE
    return SyncHealth.OK


async def sync_status(
    session: AsyncSession, *, feed_url_configured: bool, stale_after: float
) -> SyncStatus:
    """The JAKI pull's cursor and health; lag is the time since it last reached the end of the
    feed (the mirror held everything the feed had then). One read by primary key."""
    at = now()
    record = await repository.sync_record(session, SYNC_NAME)
    if record is None:
        state = judge(
            configured=feed_url_configured,
            last_success_at=None,
            last_error_at=None,
            stale_after=stale_after,
            at=at,
        )
        return SyncStatus(state, feed_url_configured, stale_after)
    return SyncStatus(
        state=judge(
            configured=feed_url_configured,
            last_success_at=record.last_success_at,
            last_error_at=record.last_error_at,
            stale_after=stale_after,
            at=at,
        ),
        feed_url_configured=feed_url_configured,
        stale_after_seconds=stale_after,
        cursor=record.cursor,
        reports_seen=record.reports_seen,
        last_attempt_at=record.last_attempt_at,
        last_success_at=record.last_success_at,
        newest_report_at=record.newest_report_at,
        lag_seconds=(
            round((at - record.last_success_at).total_seconds(), 3)
            if record.last_success_at
            else None
        ),
        last_error=record.last_error,
        last_error_at=record.last_error_at,
        failures_total=record.failures_total,
        recent_failures=list(record.recent_failures),
    )
