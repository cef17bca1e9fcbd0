"""Queries on stored responses, and the lock that tells a retry from a request still running."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.idempotency.model import IdempotentResponse

# The first key of PostgreSQL's two-key advisory locks: its own space, apart from other users.
_LOCK_CLASS = 0x1DE4


async def try_lock(session: AsyncSession, lock_id: int) -> bool:
    """Take the transaction-scoped lock of one (API key, Idempotency-Key), without waiting;
    False if another transaction holds it. It is released when the transaction ends."""
    taken = await session.scalar(select(func.pg_try_advisory_xact_lock(_LOCK_CLASS, lock_id)))
    return bool(taken)


async def get(
    session: AsyncSession, api_key_id: uuid.UUID, key_hash: bytes, current: datetime
) -> IdempotentResponse | None:
    """The stored response for this key, unless it has expired."""
    return await session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.api_key_id == api_key_id,
            IdempotentResponse.key_hash == key_hash,
            IdempotentResponse.expires_at > current,
        )
    )


async def save(session: AsyncSession, values: dict[str, Any]) -> None:
    """Store a response; an expired one under the same key is replaced."""
    stmt = insert(IdempotentResponse).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[IdempotentResponse.api_key_id, IdempotentResponse.key_hash],
        set_={name: stmt.excluded[name] for name in values if name not in {"api_key_id"}},
    )
    await session.execute(stmt)


async def purge_expired(session: AsyncSession, current: datetime, *, limit: int) -> int:
    """Delete up to `limit` expired responses (skipping rows another transaction holds)."""
    expired = (
        select(IdempotentResponse.api_key_id, IdempotentResponse.key_hash)
        .where(IdempotentResponse.expires_at <= current)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    result = await session.execute(
        delete(IdempotentResponse).where(
            tuple_(IdempotentResponse.api_key_id, IdempotentResponse.key_hash).in_(expired)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
