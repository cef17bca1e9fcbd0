"""A deadline that would fall after the calendar's last day is refused (409 beyond-calendar,
naming the deadline), wherever deadlines are counted: never counted without holidays."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from app.assignments import service as assignments_service
from app.models.roles import Role
from tests.assignments.test_lifecycle import act, assign
from tests.factories import create_complaint
from tests.test_cli_process import pintu


def _at(monkeypatch, moment: str) -> None:
    at = datetime.fromisoformat(moment)
    monkeypatch.setattr(assignments_service, "now", lambda: at)


async def test_assigning_near_the_end_of_the_calendar_is_refused(client, auth, monkeypatch):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk, category="jalan")
    # Tue 24 December 2030: 3 days to respond reach Mon 30 December (25th is Christmas), but
    # 7 to finish would end in January 2031, which no calendar covers yet.
    _at(monkeypatch, "2030-12-24T10:00:00+07:00")

    response = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": "kelurahan-31.71.01.1001"},
        headers=desk,
    )

    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/beyond-calendar")
    assert problem["field"] == "finish_by"
    assert "2030-12-31" in problem["detail"]
    # Nothing was recorded: the complaint still waits for a unit.
    again = (await client.get(f"/v1/complaints/{complaint['id']}", headers=desk)).json()
    assert again["status"] != "assigned"


async def test_days_given_near_the_end_are_accepted(client, auth, monkeypatch):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk, category="jalan")
    _at(monkeypatch, "2030-12-24T10:00:00+07:00")
    given = await assign(
        client, desk, complaint["id"], respond_by="2030-12-30", finish_by="2031-01-08"
    )
    assert (given["respond_by"], given["finish_by"]) == ("2030-12-30", "2031-01-08")


async def test_escalating_near_the_end_of_the_calendar_is_refused(client, auth, monkeypatch):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    late = await assign(
        client, desk, complaint["id"], respond_by="2026-01-05", finish_by="2026-01-12"
    )
    _at(monkeypatch, "2030-12-27T10:00:00+07:00")

    response = await act(client, desk, late["id"], "escalate")

    assert response.status_code == 409, response.text
    assert response.json()["type"].endswith("/beyond-calendar")
    assert response.json()["field"] == "respond_by"
    still = (await client.get(f"/v1/assignments/{late['id']}", headers=desk)).json()
    assert still["status"] == "pending"


async def test_the_escalation_command_stops_with_a_message_when_the_calendar_has_ended(
    own_database,
):
    desk = own_database.auth(Role.DESK)
    complaint = await create_complaint(own_database.client, desk)
    late = await assign(
        own_database.client,
        desk,
        complaint["id"],
        respond_by="2026-01-05",
        finish_by="2026-01-12",
    )
    # A database whose calendar ended before today (say, nobody shipped next year's).
    async with own_database.app.state.session_factory() as s, s.begin():
        await s.execute(text("UPDATE holiday_calendar SET last_day = DATE '2026-01-31'"))

    done = await pintu("escalate-overdue", database_url=own_database.url)

    assert done.returncode == 1, done.stdout
    assert "escalate-overdue stopped" in done.stderr
    assert "2026-01-31" in done.stderr
    assert "Traceback" not in done.stderr
    still = await own_database.client.get(f"/v1/assignments/{late['id']}", headers=desk)
    assert still.json()["status"] == "pending"
