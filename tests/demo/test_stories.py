"""The demo set comes with weeks of routing: SLA figures and overlap are there on a fresh
`make run`, written as the desk's and the units' requests would have written them."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from sqlalchemy import select

from app import cli
from app.assignments.sla import sla
from app.kit.db import create_engine, create_session_factory
from app.kit.timeutil import end_of_day, now
from app.models import (
    Assignment,
    Category,
    Complaint,
    ComplaintEvent,
    FollowUp,
    Holiday,
    HolidayCalendar,
    OutboxEvent,
)
from app.workdays.calendar import Calendar, due_day


async def _read(url: str) -> dict[str, Any]:
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            _, by_unit, by_category = await sla(session, None, None)
            return {
                "by_unit": by_unit,
                "by_category": by_category,
                "assignments": (await session.scalars(select(Assignment))).all(),
                "follow_ups": (await session.scalars(select(FollowUp))).all(),
                "complaints": (
                    await session.scalars(select(Complaint).where(Complaint.channel_code != "jaki"))
                ).all(),
                "categories": {c.code: c for c in await session.scalars(select(Category))},
                "calendar": Calendar(
                    days_off=frozenset(await session.scalars(select(Holiday.day))),
                    **(
                        await session.execute(
                            select(HolidayCalendar.first_day, HolidayCalendar.last_day)
                        )
                    )
                    .one()
                    ._asdict(),
                ),
                "history": Counter(await session.scalars(select(ComplaintEvent.kind))),
                "events": Counter(
                    await session.scalars(
                        select(OutboxEvent.type).where(OutboxEvent.type.like("assignment.%"))
                    )
                ),
            }
    finally:
        await engine.dispose()


def test_a_loaded_demo_set_has_assignments_of_every_kind(command_database, tmp_path, capsys):
    args = ["demo-data", "--jaki", "600", "--walk-in", "80", "--out", str(tmp_path), "--load"]
    assert cli.main(args) == 0
    assert "routed and followed up to now:" in capsys.readouterr().out
    seen = asyncio.run(_read(command_database))

    # GET /v1/stats/sla's default answer (the last 30 days) has units that kept their deadlines
    # and units that missed them.
    rows = seen["by_unit"]
    assert rows, "the SLA answer is empty"
    assert sum(r["on_time"] for r in rows) > 0
    assert sum(r["completed"] - r["on_time"] for r in rows) > 0
    assert seen["by_category"]

    assignments = seen["assignments"]
    statuses = Counter(a.status for a in assignments)
    assert {"completed", "pending", "returned", "escalated", "moved"} <= set(statuses)
    assert statuses["accepted"] + statuses["in_progress"] > 0
    assert any(a.kind == "escalation" for a in assignments)
    assert any(a.kind == "coordination" for a in assignments)
    assert any(a.status == "pending" and a.respond_by < now() for a in assignments)  # overdue
    assert all(a.return_reason for a in assignments if a.status == "returned")
    linked = [c for c in seen["complaints"] if c.status == "linked"]
    assert linked and all(c.duplicate_of_id for c in linked)

    # Deadlines in working days from the moment given; nothing dated after the load.
    for a in assignments:
        category = seen["categories"][
            next(c for c in seen["complaints"] if c.id == a.complaint_id).category_code
        ]
        calendar = seen["calendar"]
        respond_day = due_day(a.created_at, category.respond_days, calendar, field="respond_by")
        finish_day = due_day(a.created_at, category.finish_days, calendar, field="finish_by")
        assert a.respond_by == end_of_day(respond_day)
        assert a.finish_by == end_of_day(finish_day)
        assert a.created_at <= a.updated_at <= now()
        if a.status == "completed":
            assert a.accepted_at and a.completed_at
            assert a.created_at <= a.accepted_at <= a.completed_at
    completed = {a.id for a in assignments if a.status == "completed"}
    assert completed <= {f.assignment_id for f in seen["follow_ups"]}

    # The history and the events the requests would have written.
    assert seen["history"]["linked"] == len(linked)
    assert seen["history"]["returned"] == statuses["returned"]
    events = seen["events"]
    assert events["assignment.created"] == len(assignments)
    assert events["assignment.completed"] == statuses["completed"]
    assert events["assignment.escalated"] == statuses["escalated"]
