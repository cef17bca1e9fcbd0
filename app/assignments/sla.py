"""SLA figures: deadlines kept, per unit and per category."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.assignments import repository
from app.kit.timeutil import now, start_of_day
from app.stats import DayRange, resolve_range


async def sla(
    session: AsyncSession, start: date | None, end: date | None
) -> tuple[DayRange, list[dict[str, Any]], list[dict[str, Any]]]:
    """Deadline figures per unit and per category for assignments given in the range."""
    days = resolve_range(start, end)
    since, until = start_of_day(days.start), start_of_day(days.end + timedelta(days=1))
    at = now()
    by_unit = await repository.sla(session, since=since, until=until, at=at, by="unit")
    by_category = await repository.sla(session, since=since, until=until, at=at, by="category")
    return days, by_unit, by_category
