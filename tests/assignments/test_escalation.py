"""Escalating overdue assignments: by hand, and by `pintu escalate-overdue` run twice at once."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.assignments import service as assignments_service
from app.assignments.schemas import AssignmentCreate
from app.auth.service import Principal
from app.complaints import service as complaints_service
from app.complaints.schemas import ComplaintCreate
from app.kit.db import create_engine, create_session_factory
from app.kit.errors import Conflict
from app.kit.migrate import upgrade
from app.models import Assignment
from app.models.roles import Role
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, act, assign, complaint_of
from tests.factories import create_complaint, walk_in_body


async def test_an_overdue_assignment_is_escalated_to_the_parent_unit(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    late = await assign(
        client, desk, complaint["id"], respond_by="2026-01-05", finish_by="2026-01-12"
    )

    response = await act(client, desk, late["id"], "escalate")
    assert response.status_code == 201, response.text
    up = response.json()
    assert (up["unit_code"], up["kind"], up["previous_id"]) == (
        "kecamatan-31.71.01",
        "escalation",
        late["id"],
    )
    assert response.headers["location"] == f"/v1/assignments/{up['id']}"
    old = (await client.get(f"/v1/assignments/{late['id']}", headers=desk)).json()
    assert old["status"] == "escalated"
    routed = await complaint_of(client, auth, complaint["id"])
    assert (routed["assigned_unit_code"], routed["jaki_status"]) == (
        "kecamatan-31.71.01",
        "Koordinasi",
    )
    events = (await client.get(f"/v1/complaints/{complaint['id']}/history", headers=desk)).json()[
        "events"
    ]
    assert events[-1]["kind"] == "escalated"
    assert events[-1]["changes"]["unit"] == {"from": GAMBIR_OFFICE, "to": "kecamatan-31.71.01"}


async def test_only_an_overdue_assignment_with_a_parent_unit_can_be_escalated(client, auth):
    desk = auth(Role.DESK)
    on_time = await assign(client, desk, (await create_complaint(client, desk))["id"])
    assert (await act(client, desk, on_time["id"], "escalate")).status_code == 409

    at_the_top = await assign(
        client,
        desk,
        (await create_complaint(client, desk))["id"],
        unit_code="kota-31.71",
        respond_by="2026-01-05",
        finish_by="2026-01-12",
    )
    response = await act(client, desk, at_the_top["id"], "escalate")
    assert (response.status_code, response.json()["field"]) == (409, "unit_code")


DESK = Principal(key_id=None, name="meja uji", role=Role.DESK)


async def _seed_overdue(sessions, count: int) -> None:
    async with sessions() as session, session.begin():
        for n in range(count):
            complaint = await complaints_service.create(
                session,
                DESK,
                ComplaintCreate.model_validate(
                    walk_in_body(description=f"Jalan berlubang nomor {n}")
                ),
            )
            await assignments_service.assign(
                session,
                DESK,
                str(complaint.id),
                AssignmentCreate(
                    unit_code=GAMBIR_OFFICE, respond_by="2026-01-05", finish_by="2026-01-12"
                ),
            )


async def test_two_runners_at_once_escalate_each_assignment_exactly_once(scratch):
    url = await asyncio.to_thread(scratch.create, "escalate")
    await asyncio.to_thread(upgrade, url)
    engines = [create_engine(url, pool_size=2) for _ in range(2)]
    try:
        first, second = (create_session_factory(e) for e in engines)
        await _seed_overdue(first, 60)

        counts = await asyncio.gather(
            assignments_service.escalate_all_overdue(first, batch_size=7),
            assignments_service.escalate_all_overdue(second, batch_size=7),
        )

        assert sum(counts) == 60
        async with first() as session:
            by_kind = dict(
                (
                    await session.execute(
                        select(Assignment.kind, func.count()).group_by(Assignment.kind)
                    )
                ).all()
            )
            escalated = await session.scalar(
                select(func.count()).where(Assignment.status == "escalated")
            )
            open_per_complaint = (
                (
                    await session.execute(
                        select(func.count())
                        .where(Assignment.status.in_(["pending", "accepted"]))
                        .group_by(Assignment.complaint_id)
                    )
                )
                .scalars()
                .all()
            )
        assert by_kind == {"assignment": 60, "escalation": 60}
        assert escalated == 60
        assert set(open_per_complaint) == {1}
        # A second pass finds nothing: the new assignments are not overdue.
        assert await assignments_service.escalate_all_overdue(first) == 0
    finally:
        for engine in engines:
            await engine.dispose()


ADMIN = Principal(key_id=None, name="admin uji", role=Role.ADMIN)


async def test_a_move_and_a_reassignment_at_once_never_deadlock(scratch):
    """Accepting an assignment while the desk moves its complaint to another unit: both lock
    the complaint first, so one waits for the other instead of deadlocking."""
    url = await asyncio.to_thread(scratch.create, "lock_order")
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url, pool_size=10)
    sessions = create_session_factory(engine)
    try:
        await _seed_overdue(sessions, 40)
        async with sessions() as session:
            pending = (await session.scalars(select(Assignment))).all()

        async def move(assignment: Assignment) -> None:
            async with sessions() as session, session.begin():
                await assignments_service.assign(
                    session,
                    ADMIN,
                    str(assignment.complaint_id),
                    AssignmentCreate(unit_code="kelurahan-31.71.01.1002"),
                )

        async def accept(assignment: Assignment) -> None:
            async with sessions() as session, session.begin():
                await assignments_service.accept(session, ADMIN, assignment.id)

        outcomes = await asyncio.gather(
            *(job(a) for a in pending for job in (move, accept)), return_exceptions=True
        )

        deadlocks = [o for o in outcomes if isinstance(o, DBAPIError)]
        assert deadlocks == []
        # Each pair ran one after the other: the accept either came first (and the move then
        # closed the accepted assignment) or came second and found it moved (409).
        assert all(o is None or isinstance(o, Conflict) for o in outcomes)
        assert sum(o is None for o in outcomes[::2]) == 40  # every move went through
    finally:
        await engine.dispose()
