"""Queries on channels."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Channel


async def list_all(session: AsyncSession) -> Sequence[Channel]:
    """Every channel in display order."""
    return (await session.scalars(select(Channel).order_by(Channel.sort_order, Channel.code))).all()


async def get(session: AsyncSession, code: str) -> Channel | None:
    """The channel with this code."""
    return await session.get(Channel, code)


async def find_clash(session: AsyncSession, *, code: str, prefix: str) -> Channel | None:
    """A channel that already uses this code or tracking prefix."""
    return await session.scalar(
        select(Channel).where(or_(Channel.code == code, Channel.tracking_prefix == prefix))
    )


async def add(session: AsyncSession, channel: Channel) -> Channel:
    """Store a new channel."""
    session.add(channel)
    await session.flush()
    await session.refresh(channel)
    return channel
