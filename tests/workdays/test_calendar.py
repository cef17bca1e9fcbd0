"""Deadlines in working days: weekends, national holidays and cuti bersama are skipped."""

from datetime import date, datetime

import pytest

from app.kit.timeutil import JAKARTA
from app.workdays.calendar import deadline, is_working_day, working_days_between

# Idul Fitri 2025: 31 March and 1 April, cuti bersama 2, 3, 4 and 7 April; Nyepi 29 March
# (a Saturday), cuti bersama 28 March.
DAYS_OFF = frozenset(
    date(2025, m, d) for m, d in [(3, 28), (3, 29), (3, 31), (4, 1), (4, 2), (4, 3), (4, 4), (4, 7)]
)


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Monday, 3 working days: Tue, Wed, Thu -> due at the end of Thursday.
        (wib(2025, 3, 10, 9, 0), 3, wib(2025, 3, 14)),
        # Friday: skips the weekend -> Mon, Tue, Wed.
        (wib(2025, 3, 14, 16, 0), 3, wib(2025, 3, 20)),
        # Thursday before Idul Fitri: Fri 28 (cuti bersama) ... Tue 8 April is the first day.
        (wib(2025, 3, 27, 10, 0), 1, wib(2025, 4, 9)),
        (wib(2025, 3, 27, 10, 0), 3, wib(2025, 4, 11)),
        # Zero days: due at the end of the same day.
        (wib(2025, 3, 10, 9, 0), 0, wib(2025, 3, 11)),
    ],
)
def test_deadline_counts_working_days_across_weekends_and_holidays(start, days, due):
    assert deadline(start, days, DAYS_OFF) == due


def test_deadline_uses_the_jakarta_day_of_a_utc_time():
    # 20:00 UTC on Sunday 9 March is 03:00 on Monday 10 March in Jakarta.
    start = datetime.fromisoformat("2025-03-09T20:00:00+00:00")
    assert deadline(start, 1, DAYS_OFF) == wib(2025, 3, 12)


def test_working_days_between_skips_days_off():
    assert working_days_between(wib(2025, 3, 27, 10), wib(2025, 4, 9, 10), DAYS_OFF) == 2
    assert working_days_between(wib(2025, 3, 10, 10), wib(2025, 3, 10, 18), DAYS_OFF) == 0


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 3, 27), True),
        (date(2025, 3, 28), False),
        (date(2025, 3, 30), False),
        (date(2025, 4, 8), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day, DAYS_OFF) is working


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        deadline(wib(2025, 3, 10), -1, DAYS_OFF)
