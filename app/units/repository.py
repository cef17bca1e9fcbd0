"""Queries on units."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

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
    offset: int,
) -> tuple[Sequence[Unit], int]:
    """A page of units in display order, and how many match in all."""
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
    page = stmt.order_by(Unit.sort_order, Unit.code).limit(limit).offset(offset)
    return (await session.scalars(page)).all(), int(total or 0)


async def get(session: AsyncSession, code: str) -> Unit | None:
    """The unit with this code."""
    return await session.get(Unit, code)
