"""The names a tracking answer shows: reference data read by code."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Category, Region, Unit


async def names(
    session: AsyncSession, *, category: str, regions: Collection[str], units: Collection[str]
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The category's Indonesian name, and regions' and units' names by code."""
    category_name = await session.scalar(select(Category.name_id).where(Category.code == category))
    region_rows = await session.execute(
        select(Region.code, Region.name).where(Region.code.in_(regions))
    )
    unit_rows = await session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(units)))
    region_names = {code: name for code, name in region_rows}
    unit_names = {code: name for code, name in unit_rows}
    return category_name or category, region_names, unit_names
