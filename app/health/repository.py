"""The one query readiness needs."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


async def schema_revision(engine: AsyncEngine) -> str | None:
    """The migration the database is at (on a connection of its own, outside any request)."""
    async with engine.connect() as conn:
        return await conn.scalar(text("SELECT version_num FROM alembic_version"))
