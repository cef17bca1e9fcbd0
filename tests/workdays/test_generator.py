"""The committed days off are what the generator writes from the `holidays` package and the
SKB overrides, every difference from the calendar shipped before is written down, and the
migration shipping them rewrites the history's deadlines to days (and back)."""

import csv
import uuid
from datetime import date

from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from app.kit.migrate import alembic_config
from app.models import ComplaintEvent
from app.models.roles import Role
from lab import holiday_calendar
from lab.holiday_calendar import DIFFERENCES, Override
from tests.assignments.test_lifecycle import assign
from tests.factories import create_complaint


def _rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return {r["date"]: (r["name"], r["kind"]) for r in csv.DictReader(f)}


def test_the_committed_csv_is_the_generators_output():
    assert holiday_calendar.csv_path().read_text(encoding="utf-8") == holiday_calendar.render()
    assert holiday_calendar.main(["--check"]) == 0


def test_the_newest_migration_that_ships_days_off_ships_the_generators_file_and_range():
    scripts = ScriptDirectory.from_config(alembic_config())
    shipping = [
        r.module for r in scripts.walk_revisions() if getattr(r.module, "NEW", None) is not None
    ]
    newest = shipping[0]  # walk_revisions goes from head down
    assert holiday_calendar.csv_path() == newest.NEW
    covered = (newest.FIRST_DAY, newest.LAST_DAY)
    first, last = holiday_calendar.FIRST_YEAR, holiday_calendar.LAST_YEAR
    assert covered == (date(first, 1, 1), date(last, 12, 31))


def test_every_difference_from_the_old_calendar_is_written_down():
    old = _rows(holiday_calendar.DATA / "holidays_2022_2027.csv")
    new = _rows(holiday_calendar.csv_path())
    differing = {
        day for day in old.keys() | new.keys() if day < "2027" and old.get(day) != new.get(day)
    }
    # 2027 is listed as a whole: the old file's was an estimate, replaced by the SKB's.
    listed = {day for day, _, _ in DIFFERENCES}
    assert differing == listed - {"2027-*"}
    assert all(source in {"package", "skb"} for _, source, _ in DIFFERENCES)


def test_an_override_replaces_or_removes_the_packages_day(monkeypatch):
    monkeypatch.setattr(
        holiday_calendar,
        "OVERRIDES",
        (
            Override(date(2025, 8, 18), None, None, "dropped, for the test"),
            Override(date(2025, 8, 19), "Cuti bersama uji", "cuti_bersama", "for the test"),
        ),
    )
    rows = {day: (name, kind) for day, name, kind in holiday_calendar.rows(2025, 2025)}
    assert date(2025, 8, 18) not in rows
    assert rows[date(2025, 8, 19)] == ("Cuti bersama uji", "cuti_bersama")


def test_names_follow_the_skb():
    rows = {day: (name, kind) for day, name, kind in holiday_calendar.rows(2027, 2028)}
    assert rows[date(2027, 3, 10)] == ("Hari Raya Idul Fitri 1448 H", "national")
    assert rows[date(2027, 3, 8)] == ("Hari Suci Nyepi Tahun Baru Saka 1949", "national")
    assert rows[date(2027, 2, 5)] == ("Cuti bersama Tahun Baru Imlek", "cuti_bersama")
    # No SKB yet: estimated dates say so, and every row of the year is provisional.
    assert rows[date(2028, 2, 27)] == ("Hari Raya Idul Fitri 1449 H (perkiraan)", "provisional")


def _shipping_migration():
    scripts = ScriptDirectory.from_config(alembic_config())
    return next(r.module for r in scripts.walk_revisions() if hasattr(r.module, "_TO_DAY"))


async def test_the_history_s_deadlines_are_rewritten_to_days_and_back(client, auth, session):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    await assign(client, desk, complaint["id"], respond_by="2026-12-11", finish_by="2026-12-17")
    line = select(ComplaintEvent.changes).where(
        ComplaintEvent.complaint_id == uuid.UUID(complaint["id"]),
        ComplaintEvent.changes.has_key("respond_by"),
    )
    assert (await session.scalar(line))["respond_by"] == "2026-12-11"
    # As the line was written before: the instant the day ends, in +07:00 (or in UTC); and a
    # change of a deadline (a restored assignment's) as from/to.
    await session.execute(
        text(
            "UPDATE complaint_events SET changes = changes || jsonb_build_object("
            "'respond_by', '2026-12-12T00:00:00+07:00', 'finish_by', jsonb_build_object("
            "'from', '2026-12-17T17:00:00Z', 'to', '2026-12-19T00:00:00+07:00')) "
            "WHERE complaint_id = :id AND changes ? 'respond_by'"
        ),
        {"id": complaint["id"]},
    )
    migration = _shipping_migration()

    # Twice each way: a second run finds nothing left to rewrite, and does not fail.
    for _ in range(2):
        for path in migration._PATHS:
            await session.execute(text(migration._TO_DAY.format(path=path)))
    changes = await session.scalar(line.execution_options(populate_existing=True))
    assert changes["respond_by"] == "2026-12-11"
    assert changes["finish_by"] == {"from": "2026-12-17", "to": "2026-12-18"}

    for _ in range(2):
        for path in migration._PATHS:
            await session.execute(text(migration._TO_INSTANT.format(path=path)))
    changes = await session.scalar(line.execution_options(populate_existing=True))
    assert changes["respond_by"] == "2026-12-12T00:00:00+07:00"
    assert changes["finish_by"] == {
        "from": "2026-12-18T00:00:00+07:00",
        "to": "2026-12-19T00:00:00+07:00",
    }
