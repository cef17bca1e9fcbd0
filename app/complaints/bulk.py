"""Writing many complaints at once: the one bulk path into `complaints`, `complaint_events` and
`jaki_reports` (a mirrored report's JAKI fields), used by the JAKI mirror (so its events are
`jaki_report.*`). New rows go in with COPY; changed ones with one executemany UPDATE per table.
The rows come from app.complaints.rows (derived columns, history lines); the caller builds them
and owns the transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.complaints import outbox
from app.kit.db import copy_rows
from app.models import Complaint, ComplaintEvent, JakiReport

# JSONB columns of these tables.
_JSON = frozenset({"photo_urls", "follow_ups", "changes"})


async def insert(
    session: AsyncSession,
    complaints: list[dict[str, Any]],
    details: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> None:
    """Insert new mirrored complaints, their JAKI fields and their history lines, with a
    `jaki_report.created` event each."""
    await copy_rows(session, Complaint.__tablename__, complaints, json_columns=_JSON)
    await copy_rows(session, JakiReport.__tablename__, details, json_columns=_JSON)
    await copy_rows(session, ComplaintEvent.__tablename__, events, json_columns=_JSON)
    await outbox.mirrored_new(session, complaints, details)


async def update_many(
    session: AsyncSession,
    complaints: list[dict[str, Any]],
    details: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> None:
    """Apply new versions of complaints and their JAKI fields (rows keyed by their primary
    keys), and add their history lines, with a `jaki_report.updated` event each."""
    if complaints:
        await session.execute(update(Complaint), complaints)
    if details:
        await session.execute(update(JakiReport), details)
    await copy_rows(session, ComplaintEvent.__tablename__, events, json_columns=_JSON)
    await outbox.mirrored_changed(session, [c["id"] for c in complaints])
