"""Jakarta time: every calendar day Pintu counts is a day in Asia/Jakarta."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

# Set only by `pinned_clock`: the demo loader writes a past as the app's writers would.
_pinned: ContextVar[datetime | None] = ContextVar("pintu_pinned_now", default=None)


def now() -> datetime:
    """The current time, timezone-aware (the pinned moment inside `pinned_clock`)."""
    return _pinned.get() or datetime.now(UTC)


@contextmanager
def pinned_clock(moment: datetime) -> Iterator[None]:
    """Within this block (this task only), `now()` is `moment`: every writer stamps, and every
    deadline counts from, that moment. For `pintu demo-data`, which plays out weeks of desk and
    unit work through the services themselves; the server never pins it."""
    if moment.tzinfo is None:
        raise ValueError("a pinned moment must be timezone-aware")
    token = _pinned.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _pinned.reset(token)


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
