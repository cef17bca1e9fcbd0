"""Queries on units."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit import paging
from app.kit.db import escape_like
from app.models import Unit


async def search(
    session: AsyncSession,
    *,
    kind: str | None,
    region: str | None,
    parent: str | None,
    q: str | None,
    limit: int,
    offset: int | None,
    after: tuple[int, str] | None,
) -> tuple[Sequence[Unit], int]:
    """Units in display order (then code), after the cursor's unit; and how many match."""
    stmt = select(Unit)
    if kind is not None:
        stmt = stmt.where(Unit.kind == kind)
    if region is not None:
        stmt = stmt.where(Unit.region_code == region)
    if parent is not None:
        stmt = stmt.where(Unit.parent_code == parent)
    if q:
        stmt = stmt.where(Unit.name.ilike(f"%{escape_like(q)}%", escape="\\"))
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    if after is not None:
        stmt = stmt.where(paging.after([Unit.sort_order, Unit.code], after))
    page = stmt.order_by(Unit.sort_order, Unit.code).limit(limit).offset(offset or 0)
    return (await session.scalars(page)).all(), int(total or 0)


async def get(session: AsyncSession, code: str) -> Unit | None:
    """The unit with this code."""
    return await session.get(Unit, code)
