"""Writing and reading the log of unmasked reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import PersonalDataRead


async def add_reads(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Log several reads in one statement."""
    await session.execute(insert(PersonalDataRead), rows)


async def reads_of(
    session: AsyncSession, complaint_id: uuid.UUID, *, limit: int, offset: int
) -> tuple[Sequence[PersonalDataRead], int]:
    """One complaint's reads, newest first, and how many there are."""
    where = PersonalDataRead.complaint_id == complaint_id
    total = await session.scalar(select(func.count()).select_from(PersonalDataRead).where(where))
    rows = await session.scalars(
        select(PersonalDataRead)
        .where(where)
        .order_by(PersonalDataRead.read_at.desc(), PersonalDataRead.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return rows.all(), int(total or 0)
