"""Unlinking gives back what linking ended: the open assignment, with its unit, its status and
deadlines that do not count the time the complaint was linked."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import update

from app.assignments import service as assignments_service
from app.kit.timeutil import JAKARTA, day_ending_at, now, start_of_day, today_jakarta
from app.models import Assignment, ComplaintEvent
from app.models.roles import Role
from tests.assignments.test_lifecycle import GAMBIR_OFFICE, act, assign
from tests.dedup.test_matches import BANSOS_JAKI, BANSOS_WALK_IN
from tests.factories import create_complaint, mirror_jaki_report


async def _linked_walk_in(client, auth, *, accept: bool, follow_up: bool):
    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    jaki = await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.VIEWER), **BANSOS_JAKI
    )
    walk_in = await create_complaint(client, desk, **BANSOS_WALK_IN)
    given = await assign(client, desk, walk_in["id"])
    if accept:
        await act(client, admin, given["id"], "accept")
    if follow_up:
        await act(client, admin, given["id"], "follow-ups", note="Petugas sudah ke lokasi.")
    linked = await client.post(
        f"/v1/complaints/{walk_in['id']}/duplicate-of",
        json={"canonical_id": jaki["id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text
    ended = (await client.get(f"/v1/assignments/{given['id']}", headers=desk)).json()
    assert ended["status"] == "moved"
    return walk_in, ended, jaki


async def _linked_at(session, walk_in, at) -> None:
    """As if the link had been made at `at`: its history line's time."""
    await session.execute(
        update(ComplaintEvent)
        .where(
            ComplaintEvent.complaint_id == uuid.UUID(walk_in["id"]),
            ComplaintEvent.kind == "linked",
        )
        .values(occurred_at=at)
    )


async def _unlink(client, auth, walk_in):
    response = await client.delete(
        f"/v1/complaints/{walk_in['id']}/duplicate-of", headers=auth(Role.DESK)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_unlinking_gives_the_assignment_back_in_the_status_it_had(client, auth):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=True, follow_up=True)

    answer = await _unlink(client, auth, walk_in)

    assert (answer["status"], answer["assigned_unit_code"]) == ("in_progress", GAMBIR_OFFICE)
    restoration = answer["restoration"]
    assert (restoration["restored"], restoration["reason"]) == (True, None)
    back = restoration["assignment"]
    assert (back["id"], back["status"], back["unit_code"]) == (
        ended["id"],
        "in_progress",
        GAMBIR_OFFICE,
    )
    # Linked and unlinked the same day: no working day passed, the deadlines are the same.
    assert (back["respond_by"], back["finish_by"]) == (ended["respond_by"], ended["finish_by"])
    assert back["version"] == ended["version"] + 1 and back["overdue"] is False

    # The unit sees it open again and can finish it.
    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    listed = await client.get(
        "/v1/assignments", headers=desk, params={"unit": GAMBIR_OFFICE, "status": "in_progress"}
    )
    assert ended["id"] in [a["id"] for a in listed.json()["items"]]
    done = await act(client, admin, ended["id"], "complete")
    assert done.status_code == 200, done.text

    history = (await client.get(f"/v1/complaints/{walk_in['id']}/history", headers=desk)).json()
    kinds = [e["kind"] for e in history["events"]]
    assert kinds[kinds.index("unlinked") + 1] == "restored"
    [restored] = [e for e in history["events"] if e["kind"] == "restored"]
    assert (restored["from_status"], restored["to_status"]) == ("verified", "in_progress")
    assert restored["changes"]["assignment"] == {
        "id": ended["id"],
        "from": "moved",
        "to": "in_progress",
    }
    feed = (await client.get("/v1/events", headers=auth(Role.ADMIN), params={"limit": 100})).json()
    [event] = [e for e in feed["items"] if e["type"] == "assignment.restored"]
    assert (event["data"]["id"], event["data"]["status"]) == (ended["id"], "in_progress")


async def test_a_pending_assignment_comes_back_pending_and_a_linked_only_one_verified(client, auth):
    walk_in, _ended, jaki = await _linked_walk_in(client, auth, accept=False, follow_up=False)
    answer = await _unlink(client, auth, walk_in)
    assert answer["status"] == "assigned"
    assert answer["restoration"]["assignment"]["status"] == "pending"

    # A complaint that had no open assignment when linked has nothing to get back.
    desk = auth(Role.DESK)
    other = await create_complaint(client, desk, **BANSOS_WALK_IN)
    linked = await client.post(
        f"/v1/complaints/{other['id']}/duplicate-of",
        json={"canonical_id": jaki["id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text
    plain = await _unlink(client, auth, other)
    assert (plain["status"], plain["assigned_unit_code"]) == ("verified", None)
    assert plain["restoration"] == {"restored": False, "assignment": None, "reason": None}


async def test_the_time_spent_linked_does_not_count_against_the_unit(client, auth, session):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=True, follow_up=False)
    # As if the link had been made three weeks ago, when both deadlines were still ahead
    # (and, while linked, have passed).
    linked_at = now() - timedelta(days=21)
    linked_day = linked_at.astimezone(JAKARTA).date()
    respond_by = start_of_day(linked_day + timedelta(days=3))
    finish_by = start_of_day(linked_day + timedelta(days=6))
    await session.execute(
        update(Assignment)
        .where(Assignment.id == ended["id"])
        .values(updated_at=linked_at, respond_by=respond_by, finish_by=finish_by)
    )
    await _linked_at(session, walk_in, linked_at)

    answer = await _unlink(client, auth, walk_in)

    back = answer["restoration"]["assignment"]
    assert back["status"] == "accepted" and answer["status"] == "in_progress"
    assert back["overdue"] is False
    # Moved on by 14 or 15 working days (three weeks, less any holiday), never earlier; the
    # answer gives the days they fall due (docs/statuses.md).
    finish = date.fromisoformat(back["finish_by"])
    assert finish >= today_jakarta()
    assert timedelta(days=19) <= finish - day_ending_at(finish_by) <= timedelta(days=30)
    # It had been accepted: its response was given, so respond_by stays as it was.
    assert date.fromisoformat(back["respond_by"]) == day_ending_at(respond_by)


async def test_a_deadline_missed_before_the_link_stays_missed(client, auth, session):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=False, follow_up=False)
    linked_at = now() - timedelta(days=10)
    await session.execute(
        update(Assignment)
        .where(Assignment.id == ended["id"])
        .values(
            updated_at=linked_at,
            respond_by=linked_at - timedelta(days=1),
            finish_by=linked_at + timedelta(days=3),
        )
    )
    await _linked_at(session, walk_in, linked_at)

    back = (await _unlink(client, auth, walk_in))["restoration"]["assignment"]

    assert back["status"] == "pending" and back["overdue"] is True
    assert date.fromisoformat(back["respond_by"]) == day_ending_at(linked_at - timedelta(days=1))
    assert date.fromisoformat(back["finish_by"]) >= today_jakarta()


async def test_when_it_cannot_be_given_back_the_answer_says_why(client, auth, session):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=False, follow_up=False)
    # No request can route a linked complaint; as if something had (a repair by hand, say).
    given = now()
    session.add(
        Assignment(
            id=uuid.uuid4(),
            complaint_id=uuid.UUID(walk_in["id"]),
            unit_code="kecamatan-31.71.01",
            kind="coordination",
            status="pending",
            respond_by=given + timedelta(days=3),
            finish_by=given + timedelta(days=7),
            created_at=given - timedelta(hours=1),  # older than the ended one: not the latest
            updated_at=given,
            version=1,
        )
    )
    await session.flush()

    answer = await _unlink(client, auth, walk_in)

    restoration = answer["restoration"]
    assert (restoration["restored"], restoration["assignment"]["id"]) == (False, ended["id"])
    assert restoration["assignment"]["status"] == "moved"
    assert "already has an open assignment" in restoration["reason"]
    assert "kecamatan-31.71.01" in restoration["reason"]


async def test_the_link_names_the_assignment_it_ended_and_only_that_one_comes_back(
    client, auth, session
):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=True, follow_up=False)
    history = (
        await client.get(f"/v1/complaints/{walk_in['id']}/history", headers=auth(Role.DESK))
    ).json()
    [linked] = [e for e in history["events"] if e["kind"] == "linked"]
    assert linked["changes"]["assignment"] == {"id": ended["id"], "from": "accepted", "to": "moved"}

    # A link recorded before its line named the assignment, and an assignment moved long
    # before it (by an earlier link, whose unlink left it moved): not this link's to give back.
    await session.execute(
        update(ComplaintEvent)
        .where(
            ComplaintEvent.complaint_id == uuid.UUID(walk_in["id"]),
            ComplaintEvent.kind == "linked",
        )
        .values(changes=ComplaintEvent.changes.op("-")("assignment"))
    )
    await session.execute(
        update(Assignment)
        .where(Assignment.id == ended["id"])
        .values(updated_at=now() - timedelta(days=10))
    )

    answer = await _unlink(client, auth, walk_in)

    assert answer["status"] == "verified" and answer["assigned_unit_code"] is None
    assert answer["restoration"] == {"restored": False, "assignment": None, "reason": None}
    still = (await client.get(f"/v1/assignments/{ended['id']}", headers=auth(Role.DESK))).json()
    assert still["status"] == "moved"


async def test_a_link_recorded_before_lines_named_the_assignment_still_gives_it_back(
    client, auth, session
):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=False, follow_up=False)
    await session.execute(
        update(ComplaintEvent)
        .where(
            ComplaintEvent.complaint_id == uuid.UUID(walk_in["id"]),
            ComplaintEvent.kind == "linked",
        )
        .values(changes=ComplaintEvent.changes.op("-")("assignment"))
    )

    answer = await _unlink(client, auth, walk_in)

    assert answer["restoration"]["restored"] is True
    assert answer["restoration"]["assignment"]["id"] == ended["id"]
    assert answer["restoration"]["assignment"]["status"] == "pending"


async def test_deadlines_the_calendar_cannot_move_on_leave_it_moved_and_say_why(
    client, auth, monkeypatch
):
    walk_in, ended, _jaki = await _linked_walk_in(client, auth, accept=False, follow_up=False)
    # Unlinked years later, in the calendar's last days: the working days spent linked would
    # move the deadlines past its end. The unlink itself is not refused.
    late = datetime.fromisoformat("2030-12-27T10:00:00+07:00")
    monkeypatch.setattr(assignments_service, "now", lambda: late)

    answer = await _unlink(client, auth, walk_in)

    assert answer["status"] == "verified"
    restoration = answer["restoration"]
    assert (restoration["restored"], restoration["assignment"]["id"]) == (False, ended["id"])
    assert restoration["assignment"]["status"] == "moved"
    assert "2030-12-31" in restoration["reason"]
    assert "route the complaint again" in restoration["reason"]
