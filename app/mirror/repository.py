"""The JAKI mirror's own queries: bulk reads sized for batches of 1,000, category aliases and the
pull job's cursor. (Its writes of complaints go through app.complaints.bulk.)"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from sqlalchemy import String, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import CategoryAlias, Complaint, JakiReport, SyncState

JAKI_CHANNEL = "jaki"
# What a refused write raises: through SQLAlchemy, or from asyncpg directly (COPY), or while
# encoding a value PostgreSQL cannot hold (a lone surrogate in a field Pintu keeps as given).
WRITE_REFUSED = (DBAPIError, asyncpg.PostgresError, UnicodeEncodeError)


@dataclass(frozen=True, slots=True)
class Stored:
    """What the mirror holds of one report: enough to classify an incoming version."""

    complaint_id: uuid.UUID
    status: str
    category_code: str
    kelurahan_code: str
    version: int
    jaki_status: str
    jaki_updated_at: datetime
    content_hash: bytes
    personal_data_erased_at: datetime | None


async def stored_versions(session: AsyncSession, external_ids: Sequence[str]) -> dict[str, Stored]:
    """The mirrored reports with these JAKI ids, by id (one indexed query)."""
    if not external_ids:
        return {}
    # Driven from the wanted ids (unnest) so each is one probe of the (channel, external_id)
    # unique index, whatever the planner believes about a table still being bulk-loaded.
    wanted = (
        func.unnest(cast(list(external_ids), ARRAY(String)))
        .table_valued("external_id")
        .render_derived(name="wanted")
    )
    stmt = (
        select(
            Complaint.external_id,
            Complaint.id,
            Complaint.status,
            Complaint.category_code,
            Complaint.kelurahan_code,
            Complaint.version,
            JakiReport.jaki_status,
            JakiReport.jaki_updated_at,
            JakiReport.content_hash,
            Complaint.personal_data_erased_at,
        )
        .select_from(wanted)
        .join(
            Complaint,
            (Complaint.channel_code == JAKI_CHANNEL)
            & (Complaint.external_id == wanted.c.external_id),
        )
        .join(JakiReport, JakiReport.complaint_id == Complaint.id)
    )
    return {str(row[0]): Stored(*list(row)[1:]) for row in (await session.execute(stmt)).all()}


async def aliases(session: AsyncSession, source: str) -> dict[str, str]:
    """Category aliases of one source system: normalized name -> category code."""
    stmt = select(CategoryAlias.alias, CategoryAlias.category_code).where(
        CategoryAlias.source == source
    )
    return {alias: code for alias, code in (await session.execute(stmt)).all()}


async def get_cursor(session: AsyncSession, name: str) -> str | None:
    """The stored cursor of a pull job."""
    return await session.scalar(select(SyncState.cursor).where(SyncState.name == name))


async def save_cursor(
    session: AsyncSession,
    name: str,
    cursor: str | None,
    seen: int,
    *,
    newest: datetime | None = None,
    caught_up_at: datetime | None = None,
    attempt_at: datetime | None = None,
) -> None:
    """Store a pull job's cursor (in the caller's transaction, with the page it follows): the
    newest report time seen moves forward only; `caught_up_at` is when the feed said it had no
    more (the pull's last success)."""
    stmt = pg_insert(SyncState).values(
        name=name,
        cursor=cursor,
        reports_seen=seen,
        newest_report_at=newest,
        last_success_at=caught_up_at,
        last_attempt_at=attempt_at,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[SyncState.name],
        set_={
            "cursor": stmt.excluded.cursor,
            "reports_seen": SyncState.reports_seen + stmt.excluded.reports_seen,
            "updated_at": stmt.excluded.updated_at,
            # GREATEST ignores NULLs: an empty page keeps what was seen.
            "newest_report_at": func.greatest(
                SyncState.newest_report_at, stmt.excluded.newest_report_at
            ),
            "last_success_at": func.coalesce(
                stmt.excluded.last_success_at, SyncState.last_success_at
            ),
            "last_attempt_at": func.coalesce(
                stmt.excluded.last_attempt_at, SyncState.last_attempt_at
            ),
        },
    )
    await session.execute(stmt)


RECENT_FAILURES_KEPT = 10


async def note_failure(
    session: AsyncSession,
    name: str,
    at: datetime,
    error: str,
    *,
    attempt_at: datetime | None = None,
) -> None:
    """A pull job stopped on an error: kept as the last error, counted, and put first among the
    recent failures (the oldest beyond RECENT_FAILURES_KEPT dropped)."""
    entry = [{"at": at.isoformat(), "error": error}]
    stmt = pg_insert(SyncState).values(
        name=name,
        last_error=error,
        last_error_at=at,
        failures_total=1,
        recent_failures=entry,
        last_attempt_at=attempt_at,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[SyncState.name],
        set_={
            "last_error": stmt.excluded.last_error,
            "last_error_at": stmt.excluded.last_error_at,
            "failures_total": SyncState.failures_total + 1,
            "last_attempt_at": func.coalesce(
                stmt.excluded.last_attempt_at, SyncState.last_attempt_at
            ),
            "recent_failures": func.jsonb_path_query_array(
                stmt.excluded.recent_failures.op("||")(SyncState.recent_failures),
                literal_column(f"'$[0 to {RECENT_FAILURES_KEPT - 1}]'::jsonpath"),
            ),
        },
    )
    await session.execute(stmt)


async def sync_record(session: AsyncSession, name: str) -> SyncState | None:
    """A pull job's stored state, cursor and health."""
    return await session.scalar(select(SyncState).where(SyncState.name == name))
