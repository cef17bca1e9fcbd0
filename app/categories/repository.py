"""Queries on categories."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Category


async def list_all(session: AsyncSession) -> Sequence[Category]:
    """Every category in display order."""
    return (await session.scalars(select(Category).order_by(Category.sort_order))).all()


async def get(session: AsyncSession, code: str) -> Category | None:
    """The category with this code."""
    return await session.get(Category, code)
