"""Queries on regions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.db import escape_like
from app.models import Region


def _filtered(level: str | None, parent: str | None, q: str | None) -> Select[Region]:
    stmt = select(Region)
    if level is not None:
        stmt = stmt.where(Region.level == level)
    if parent is not None:
        stmt = stmt.where(Region.parent_code == parent)
    if q:
        stmt = stmt.where(Region.name.ilike(f"%{escape_like(q)}%", escape="\\"))
    return stmt


async def search(
    session: AsyncSession,
    *,
    level: str | None,
    parent: str | None,
    q: str | None,
    limit: int,
    offset: int | None,
    after: str | None,
) -> tuple[Sequence[Region], int]:
    """Regions in code order, after the cursor's code; and how many match in all."""
    stmt = _filtered(level, parent, q)
    total = await session.scalar(select(func.count()).select_from(stmt.subquery()))
    if after is not None:
        stmt = stmt.where(Region.code > after)
    rows = await session.scalars(stmt.order_by(Region.code).limit(limit).offset(offset or 0))
    return rows.all(), int(total or 0)


async def get(session: AsyncSession, code: str) -> Region | None:
    """The region with this code."""
    return await session.get(Region, code)


async def get_many(session: AsyncSession, codes: Sequence[str]) -> dict[str, Region]:
    """Regions by code."""
    rows = await session.scalars(select(Region).where(Region.code.in_(codes)))
    return {r.code: r for r in rows}


async def kelurahan_points(session: AsyncSession) -> Sequence[tuple[str, float, float, str]]:
    """(code, lat, lon, name) of every kelurahan with a reference point."""
    stmt = select(Region.code, Region.lat, Region.lon, Region.name).where(
        Region.level == "kelurahan", Region.lat.is_not(None), Region.lon.is_not(None)
    )
    rows = (await session.execute(stmt)).all()
    return [(code, float(lat or 0), float(lon or 0), name) for code, lat, lon, name in rows]


async def levels(session: AsyncSession) -> dict[str, str]:
    """Every region's level, by code."""
    return {
        code: level for code, level in (await session.execute(select(Region.code, Region.level)))
    }
