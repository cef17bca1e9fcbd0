"""holiday calendar through 2030: days off from the `holidays` package and the SKBs, and coverage

The days off of 2022-2030 (migrations/data/holidays_2022_2030.csv, written by
`python -m lab.holiday_calendar`) replace those of 2022-2027: the SKB 2027 is published (seven
weekday cuti bersama, Nyepi on 8 March), two SKB amendments the old file missed are applied
(no cuti bersama on 26 December 2022; Idul Fitri 1447 H on 21-22 March 2026, cuti bersama on
the 20th), and 2028-2030 are provisional. `holiday_calendar` records the range the days cover:
the app refuses a deadline that would fall outside it rather than count every weekday as a
working day. Downgrade restores the 2022-2027 days and drops the coverage.

Deadlines are shown as the Jakarta day they are due; the complaint history's assignment lines
stored them as the instant the day ends ("2026-12-12T00:00:00+07:00"), and are rewritten to the
day ("2026-12-11"), back on downgrade. The events log is left as written (what was delivered).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-09 00:00:00.000000+00:00
"""

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATA = Path(__file__).resolve().parent.parent / "data"
NEW, OLD = DATA / "holidays_2022_2030.csv", DATA / "holidays_2022_2027.csv"
FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2030, 12, 31)

holidays = sa.table(
    "holidays",
    sa.column("day", sa.Date),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
)
holiday_calendar = sa.table(
    "holiday_calendar",
    sa.column("first_day", sa.Date),
    sa.column("last_day", sa.Date),
)


def _load(path: Path) -> None:
    op.execute(holidays.delete())
    with path.open(newline="", encoding="utf-8") as f:
        op.bulk_insert(
            holidays,
            [
                {"day": date.fromisoformat(r["date"]), "name": r["name"], "kind": r["kind"]}
                for r in csv.DictReader(f)
            ],
        )


# A history line's deadline: the instant its day ends <-> the day (Asia/Jakarta). A deadline
# is either the value itself ("respond_by": "…") or a change of it ("respond_by": {"from": …,
# "to": …}); only strings of the other form are rewritten, so running either way twice, or over
# lines already in the target form, changes nothing and never fails.
_DEADLINES = ("respond_by", "finish_by")
_PATHS = [path for key in _DEADLINES for path in (key, f"{key},from", f"{key},to")]
_TO_DAY = """
    UPDATE complaint_events SET changes = jsonb_set(changes, '{{{path}}}', to_jsonb(to_char(
        ((changes #>> '{{{path}}}')::timestamptz AT TIME ZONE 'Asia/Jakarta')
            - interval '1 microsecond', 'YYYY-MM-DD')))
    WHERE jsonb_typeof(changes #> '{{{path}}}') = 'string'
      AND length(changes #>> '{{{path}}}') > 10
"""
_TO_INSTANT = """
    UPDATE complaint_events SET changes = jsonb_set(changes, '{{{path}}}', to_jsonb(to_char(
        (changes #>> '{{{path}}}')::date + 1, 'YYYY-MM-DD"T00:00:00+07:00"')))
    WHERE jsonb_typeof(changes #> '{{{path}}}') = 'string'
      AND length(changes #>> '{{{path}}}') = 10
"""


def upgrade() -> None:
    op.create_table(
        "holiday_calendar",
        sa.Column("one_row", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.CheckConstraint("one_row", name=op.f("ck_holiday_calendar_one_row")),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_holiday_calendar_range")),
        sa.PrimaryKeyConstraint("one_row", name=op.f("pk_holiday_calendar")),
    )
    _load(NEW)
    op.bulk_insert(holiday_calendar, [{"first_day": FIRST_DAY, "last_day": LAST_DAY}])
    for path in _PATHS:
        op.execute(_TO_DAY.format(path=path))


def downgrade() -> None:
    for path in _PATHS:
        op.execute(_TO_INSTANT.format(path=path))
    op.drop_table("holiday_calendar")
    _load(OLD)
