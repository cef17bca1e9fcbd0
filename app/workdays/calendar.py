"""Working-day arithmetic, pure: deadlines counted in working days, Asia/Jakarta."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.kit.errors import Conflict
from app.kit.timeutil import JAKARTA

SATURDAY = 5


@dataclass(frozen=True)
class Calendar:
    """The days off, and the range of days they are known for: outside it, which weekdays
    are working days is unknown (no SKB has been shipped), so nothing is counted there."""

    days_off: frozenset[date]
    first_day: date
    last_day: date


class BeyondCalendar(Conflict):
    """A deadline that would need a day the calendar does not cover: refused, never guessed."""

    type, title = "beyond-calendar", "Beyond the working-day calendar"


def is_working_day(day: date, days_off: Set[date]) -> bool:
    """Monday to Friday, and not a holiday or cuti bersama."""
    return day.weekday() < SATURDAY and day not in days_off


def due_day(start: datetime, working_days: int, calendar: Calendar, *, field: str) -> date:
    """The `working_days`-th working day after the day of `start` (in Jakarta), the day a
    deadline falls due (inclusive: due by the end of it).

    Given on Friday with 3 days to respond: Monday, Tuesday, Wednesday — due on Wednesday,
    later if a holiday falls in between. `field` names the deadline in a refusal.
    """
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    day = start.astimezone(JAKARTA).date()
    if day < calendar.first_day:
        raise BeyondCalendar(
            f"{field} cannot be counted from {day}: the working-day calendar starts on "
            f"{calendar.first_day}.",
            field=field,
        )
    counted = 0
    while counted < working_days:
        day += timedelta(days=1)
        if day > calendar.last_day:
            raise BeyondCalendar(
                f"{field}: {working_days} working days from {start.astimezone(JAKARTA).date()} "
                f"end after {calendar.last_day}, the last day of the working-day calendar; "
                f"give {field} as a date, or wait until next year's calendar is installed.",
                field=field,
            )
        if is_working_day(day, calendar.days_off):
            counted += 1
    return day


def working_days_between(start: datetime, end: datetime, days_off: Set[date]) -> int:
    """Whole working days from the day after `start` to the day of `end` (Jakarta), ≥ 0."""
    first = start.astimezone(JAKARTA).date() + timedelta(days=1)
    last = end.astimezone(JAKARTA).date()
    return sum(
        1
        for n in range((last - first).days + 1)
        if is_working_day(first + timedelta(days=n), days_off)
    )
