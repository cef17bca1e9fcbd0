"""The days-off calendar, read once per process (it changes only by migration)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.refcache import ReferenceCache
from app.kit.timeutil import end_of_day
from app.models import Holiday, HolidayCalendar
from app.workdays import calendar
from app.workdays.calendar import Calendar


async def _read_calendar(session: AsyncSession) -> Calendar:
    days = frozenset(await session.scalars(select(Holiday.day)))
    coverage = (
        await session.execute(select(HolidayCalendar.first_day, HolidayCalendar.last_day))
    ).one()
    return Calendar(days_off=days, first_day=coverage.first_day, last_day=coverage.last_day)


_calendar = ReferenceCache("workdays.calendar", _read_calendar)


async def working_calendar(session: AsyncSession) -> Calendar:
    """Every holiday and cuti bersama day, and the range of days the calendar covers."""
    return await _calendar.get(session)


async def due_day(session: AsyncSession, start: datetime, working_days: int, *, field: str) -> date:
    """The `working_days`-th working day after `start`'s day, in Jakarta: the day a deadline
    falls due. Refused (`BeyondCalendar`, 409, naming `field`) past the calendar's last day."""
    return calendar.due_day(start, working_days, await working_calendar(session), field=field)


async def deadline(
    session: AsyncSession, start: datetime, working_days: int, *, field: str
) -> datetime:
    """The end (in Jakarta) of the day `due_day` gives: the instant the deadline passes."""
    return end_of_day(await due_day(session, start, working_days, field=field))


async def holidays(session: AsyncSession, year: int | None) -> Sequence[Holiday]:
    """The days off, of one year or all, in date order."""
    stmt = select(Holiday).order_by(Holiday.day)
    if year is not None:
        stmt = stmt.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return (await session.scalars(stmt)).all()


async def working_days_between(session: AsyncSession, start: datetime, end: datetime) -> int:
    """Whole working days from the day after `start` to the day of `end` (Jakarta), ≥ 0."""
    return calendar.working_days_between(start, end, (await working_calendar(session)).days_off)
