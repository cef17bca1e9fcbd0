"""Writing and reading the log of unmasked reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.models import PersonalDataRead


async def add_reads(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Log several reads in one statement."""
    await session.execute(insert(PersonalDataRead), rows)


async def reads_of(
    session: AsyncSession,
    complaint_id: uuid.UUID,
    *,
    limit: int,
    offset: int | None,
    after: tuple[datetime, int] | None,
) -> tuple[Sequence[PersonalDataRead], int]:
    """One complaint's reads, newest first (by time, then id), after the cursor's read; and
    how many there are in all."""
    where = PersonalDataRead.complaint_id == complaint_id
    total = await session.scalar(select(func.count()).select_from(PersonalDataRead).where(where))
    stmt = select(PersonalDataRead).where(where)
    if after is not None:
        stmt = stmt.where(
            paging.after([PersonalDataRead.read_at, PersonalDataRead.id], after, descending=True)
        )
    rows = await session.scalars(
        stmt.order_by(PersonalDataRead.read_at.desc(), PersonalDataRead.id.desc())
        .limit(limit)
        .offset(offset or 0)
    )
    return rows.all(), int(total or 0)
