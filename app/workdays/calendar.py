"""Working-day arithmetic, pure: deadlines counted in working days, Asia/Jakarta."""

from __future__ import annotations

from collections.abc import Set
from datetime import date, datetime, timedelta

from app.kit.timeutil import JAKARTA, start_of_day

SATURDAY = 5


def is_working_day(day: date, days_off: Set[date]) -> bool:
    """Monday to Friday, and not a holiday or cuti bersama."""
    return day.weekday() < SATURDAY and day not in days_off


def deadline(start: datetime, working_days: int, days_off: Set[date]) -> datetime:
    """The end of the `working_days`-th working day after the day of `start` (in Jakarta).

    Given on Friday with 3 days to respond: Monday, Tuesday, Wednesday — due at the end of
    Wednesday (midnight starting Thursday), later if a holiday falls in between.
    """
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    day = start.astimezone(JAKARTA).date()
    counted = 0
    while counted < working_days:
        day += timedelta(days=1)
        if is_working_day(day, days_off):
            counted += 1
    return start_of_day(day + timedelta(days=1))


def working_days_between(start: datetime, end: datetime, days_off: Set[date]) -> int:
    """Whole working days from the day after `start` to the day of `end` (Jakarta), ≥ 0."""
    first = start.astimezone(JAKARTA).date() + timedelta(days=1)
    last = end.astimezone(JAKARTA).date()
    return sum(
        1
        for n in range((last - first).days + 1)
        if is_working_day(first + timedelta(days=n), days_off)
    )
