"""Deadlines in working days: weekends, national holidays and cuti bersama are skipped, and
nothing is counted outside the days the calendar covers."""

from datetime import date, datetime

import pytest

from app.kit.timeutil import JAKARTA, day_ending_at, end_of_day
from app.workdays.calendar import (
    BeyondCalendar,
    Calendar,
    due_day,
    is_working_day,
    working_days_between,
)

# Idul Fitri 2025: 31 March and 1 April, cuti bersama 2, 3, 4 and 7 April; Nyepi 29 March
# (a Saturday), cuti bersama 28 March.
DAYS_OFF = frozenset(
    date(2025, m, d) for m, d in [(3, 28), (3, 29), (3, 31), (4, 1), (4, 2), (4, 3), (4, 4), (4, 7)]
)
CALENDAR = Calendar(DAYS_OFF, first_day=date(2025, 1, 1), last_day=date(2025, 12, 31))


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Monday, 3 working days: Tue, Wed, Thu -> due on Thursday (by its end).
        (wib(2025, 3, 10, 9, 0), 3, date(2025, 3, 13)),
        # Friday: skips the weekend -> Mon, Tue, Wed.
        (wib(2025, 3, 14, 16, 0), 3, date(2025, 3, 19)),
        # Thursday before Idul Fitri: Fri 28 (cuti bersama) ... Tue 8 April is the first day.
        (wib(2025, 3, 27, 10, 0), 1, date(2025, 4, 8)),
        (wib(2025, 3, 27, 10, 0), 3, date(2025, 4, 10)),
        # Zero days: due on the same day.
        (wib(2025, 3, 10, 9, 0), 0, date(2025, 3, 10)),
    ],
)
def test_deadline_counts_working_days_across_weekends_and_holidays(start, days, due):
    assert due_day(start, days, CALENDAR, field="finish_by") == due


def test_deadline_uses_the_jakarta_day_of_a_utc_time():
    # 20:00 UTC on Sunday 9 March is 03:00 on Monday 10 March in Jakarta.
    start = datetime.fromisoformat("2025-03-09T20:00:00+00:00")
    assert due_day(start, 1, CALENDAR, field="respond_by") == date(2025, 3, 11)


def test_a_deadline_on_the_last_covered_day_is_counted():
    # Wed 31 December is the last day covered: 3 working days from Friday 26 reach it.
    assert due_day(wib(2025, 12, 26, 9), 3, CALENDAR, field="finish_by") == date(2025, 12, 31)


def test_a_deadline_past_the_last_covered_day_is_refused_naming_the_field():
    with pytest.raises(BeyondCalendar) as refused:
        due_day(wib(2025, 12, 26, 9), 4, CALENDAR, field="finish_by")
    assert refused.value.status == 409
    assert refused.value.type == "beyond-calendar"
    assert refused.value.field == "finish_by"
    assert "2025-12-31" in str(refused.value.detail)


def test_a_start_before_the_first_covered_day_is_refused():
    with pytest.raises(BeyondCalendar) as refused:
        due_day(wib(2024, 12, 31, 9), 1, CALENDAR, field="respond_by")
    assert refused.value.field == "respond_by"


def test_the_end_of_a_day_and_the_day_that_ends_there_are_inverses():
    day = date(2025, 3, 13)
    assert end_of_day(day) == wib(2025, 3, 14)
    assert day_ending_at(end_of_day(day)) == day
    # The same instant written in UTC is the same day.
    assert day_ending_at(datetime.fromisoformat("2025-03-13T17:00:00+00:00")) == day


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
        due_day(wib(2025, 3, 10), -1, CALENDAR, field="respond_by")
