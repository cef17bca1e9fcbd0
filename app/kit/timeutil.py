"""Jakarta time: every calendar day Pintu counts is a day in Asia/Jakarta."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


def today_jakarta() -> date:
    """Today's date in Jakarta."""
    return datetime.now(JAKARTA).date()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in Jakarta, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=JAKARTA)


def day_range(start: date, end: date) -> list[date]:
    """Every date from `start` to `end`, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def end_of_day(day: date) -> datetime:
    """The end of `day` in Jakarta: midnight at the start of the next day (exclusive)."""
    return start_of_day(day + timedelta(days=1))


def day_ending_at(end: datetime) -> date:
    """The Jakarta day that ends at `end` (the inverse of `end_of_day`); for an instant that
    is not a midnight, the day it falls in."""
    return (end.astimezone(JAKARTA) - timedelta(microseconds=1)).date()
