"""Queries on API keys."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import aliased

from app.models import ApiKey, Channel, Complaint, Unit
from app.models.roles import Role


async def get_by_hash(session: AsyncSession, key_hash: bytes) -> ApiKey | None:
    """The key whose SHA-256 is `key_hash`."""
    return await session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))


async def unit_exists(session: AsyncSession, code: str) -> bool:
    """Whether the unit an agency key is for exists (units are reference data: a read of the
    table, not a call into app.units, which sits above auth: its router authenticates)."""
    return await session.get(Unit, code) is not None


async def channel(session: AsyncSession, code: str) -> Channel | None:
    """A client key's channel (a read of the table, as for units: app.channels sits above
    auth)."""
    return await session.get(Channel, code)


async def holds_others_complaints(session: AsyncSession, channel_code: str) -> bool:
    """Whether the channel holds a complaint not recorded by a client key."""
    client = aliased(ApiKey)
    recorded_by_a_client = exists().where(
        client.id == Complaint.created_by_key_id, client.role == Role.CLIENT.value
    )
    found = await session.scalar(
        select(exists().where(Complaint.channel_code == channel_code, ~recorded_by_a_client))
    )
    return bool(found)


async def list_all(session: AsyncSession) -> Sequence[ApiKey]:
    """Every key, newest first."""
    stmt = select(ApiKey).order_by(ApiKey.created_at.desc())
    # Keys this session read earlier (the caller's own) are refreshed: last use was just written.
    result = await session.scalars(stmt.execution_options(populate_existing=True))
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


async def record_use(conn: AsyncConnection | AsyncSession, uses: dict[uuid.UUID, datetime]) -> None:
    """Set each key's last use, unless a later one is written already; keys in id order, so
    two processes writing at once cannot deadlock."""
    ids = sorted(uses)
    await conn.execute(
        text(
            "UPDATE api_keys AS k SET last_used_at = u.at "
            "FROM unnest(CAST(:ids AS uuid[]), CAST(:ats AS timestamptz[])) AS u(id, at) "
            "WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)"
        ),
        {"ids": ids, "ats": [uses[i] for i in ids]},
    )
