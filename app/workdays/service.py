"""The days-off calendar, read once per process (it changes only by migration)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.refcache import ReferenceCache
from app.models import Holiday
from app.workdays import calendar


async def _read_days_off(session: AsyncSession) -> frozenset[date]:
    return frozenset(await session.scalars(select(Holiday.day)))


_days_off = ReferenceCache("workdays.days_off", _read_days_off)


async def days_off(session: AsyncSession) -> frozenset[date]:
    """Every holiday and cuti bersama day."""
    return await _days_off.get(session)


async def deadline(session: AsyncSession, start: datetime, working_days: int) -> datetime:
    """The end of the `working_days`-th working day after `start`'s day, in Jakarta."""
    return calendar.deadline(start, working_days, await days_off(session))


async def holidays(session: AsyncSession, year: int | None) -> Sequence[Holiday]:
    """The days off, of one year or all, in date order."""
    stmt = select(Holiday).order_by(Holiday.day)
    if year is not None:
        stmt = stmt.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return (await session.scalars(stmt)).all()


async def working_days_between(session: AsyncSession, start: datetime, end: datetime) -> int:
    """Whole working days from the day after `start` to the day of `end` (Jakarta), ≥ 0."""
    return calendar.working_days_between(start, end, await days_off(session))
