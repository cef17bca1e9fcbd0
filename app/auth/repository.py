"""Queries on API keys."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey


async def get_by_hash(session: AsyncSession, key_hash: bytes) -> ApiKey | None:
    """The key whose SHA-256 is `key_hash`."""
    return await session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))


async def list_all(session: AsyncSession) -> Sequence[ApiKey]:
    """Every key, newest first."""
    result = await session.scalars(select(ApiKey).order_by(ApiKey.created_at.desc()))
    return result.all()


async def add(session: AsyncSession, key: ApiKey) -> ApiKey:
    """Store a new key."""
    session.add(key)
    await session.flush()
    await session.refresh(key)
    return key


async def get_locked(session: AsyncSession, key_id: uuid.UUID) -> ApiKey | None:
    """The key, locked until the transaction ends."""
    return await session.get(ApiKey, key_id, with_for_update=True)
