"""Assignments: routing, working-day deadlines, the lifecycle, returns, moves and scope."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import select

from app.assignments import service as assignments_service
from app.auth import service as auth_service
from app.models import Assignment
from app.models.roles import Role
from tests.factories import create_complaint, mirror_jaki_report

GAMBIR_OFFICE = "kelurahan-31.71.01.1001"  # the unit of the `auth(Role.AGENCY)` key
KECAMATAN_GAMBIR = "kecamatan-31.71.01"


async def agency_key(session, unit_code: str) -> dict[str, str]:
    _, secret = await auth_service.create_key(
        session, name=f"petugas {unit_code}", role=Role.AGENCY, unit_code=unit_code
    )
    await session.commit()
    return {"Authorization": f"Bearer {secret}"}


async def assign(client, headers, complaint_id, unit_code=GAMBIR_OFFICE, **body):
    response = await client.post(
        f"/v1/complaints/{complaint_id}/assignments",
        json={"unit_code": unit_code, **body},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/assignments/{response.json()['id']}"
    return response.json()


async def act(client, headers, assignment_id, action, **body):
    """Move an assignment as a unit's system would: read its ETag, send it as If-Match."""
    current = await client.get(f"/v1/assignments/{assignment_id}", headers=headers)
    # A key that cannot read it still may try, with a version it guessed.
    if_match = current.headers.get("etag", '"1"')
    return await client.post(
        f"/v1/assignments/{assignment_id}/{action}",
        json=body or None,
        headers={**headers, "If-Match": if_match},
    )


async def complaint_of(client, auth, complaint_id):
    return (await client.get(f"/v1/complaints/{complaint_id}", headers=auth(Role.DESK))).json()


@pytest.mark.parametrize(
    ("given", "respond_by", "finish_by"),
    [
        # Friday: the weekend does not count. Mon 13, Tue 14, Wed 15 to respond; Thu 16,
        # Fri 17, Mon 20, Tue 21 more to finish.
        ("2026-07-10T10:00:00+07:00", "2026-07-15", "2026-07-21"),
        # 03:00 on Friday in Jakarta is still Thursday in UTC: the Jakarta day is the one counted.
        ("2026-07-09T20:00:00+00:00", "2026-07-15", "2026-07-21"),
        # Tuesday before Nyepi and Lebaran: 18 (cuti bersama), 19 (Nyepi), 20 and 21 (Idul
        # Fitri), the weekend, 23 and 24 (cuti bersama) are off. Wed 25, Thu 26, Fri 27 to
        # respond; Mon 30, Tue 31, Wed 1 and Thu 2 April more to finish.
        ("2026-03-17T09:00:00+07:00", "2026-03-27", "2026-04-02"),
    ],
)
async def test_deadlines_default_to_the_category_in_working_days(
    client, auth, monkeypatch, given, respond_by, finish_by
):
    complaint = await create_complaint(client, auth(Role.DESK), category="jalan")
    # The deadlines count from when the assignment is given: pin that moment.
    at = datetime.fromisoformat(given)
    monkeypatch.setattr(assignments_service, "now", lambda: at)

    assignment = await assign(client, auth(Role.DESK), complaint["id"])

    # Jalan: 3 working days to respond, 7 to finish: the days they are due (by their end).
    assert datetime.fromisoformat(assignment["created_at"]) == at
    assert (assignment["respond_by"], assignment["finish_by"]) == (respond_by, finish_by)
    # GET answers what POST answered.
    again = await client.get(f"/v1/assignments/{assignment['id']}", headers=auth(Role.DESK))
    assert (again.json()["respond_by"], again.json()["finish_by"]) == (respond_by, finish_by)
    assert (assignment["status"], assignment["kind"]) == ("pending", "assignment")
    routed = await complaint_of(client, auth, complaint["id"])
    assert (routed["status"], routed["jaki_status"]) == ("assigned", "Menunggu")
    assert routed["assigned_unit_code"] == GAMBIR_OFFICE


async def test_given_dates_are_the_days_due_in_every_answer(client, auth, session):
    complaint = await create_complaint(client, auth(Role.DESK))
    # Beyond the calendar's last day too: a day given is not counted, so nothing is guessed.
    assignment = await assign(
        client, auth(Role.DESK), complaint["id"], respond_by="2031-01-02", finish_by="2031-01-09"
    )
    assert (assignment["respond_by"], assignment["finish_by"]) == ("2031-01-02", "2031-01-09")
    # Filtered by the same days (due_from/due_to, both included).
    listed = await client.get(
        "/v1/assignments",
        params={"due_from": "2031-01-09", "due_to": "2031-01-09"},
        headers=auth(Role.DESK),
    )
    assert [a["finish_by"] for a in listed.json()["items"]] == ["2031-01-09"]
    for due_from, due_to in [("2031-01-10", "2031-01-11"), ("2031-01-07", "2031-01-08")]:
        other = await client.get(
            "/v1/assignments",
            params={"due_from": due_from, "due_to": due_to},
            headers=auth(Role.DESK),
        )
        assert other.json()["items"] == []
    # The instant stored is the end of that day in Jakarta: overdue from then on.
    stored = await session.scalar(
        select(Assignment.respond_by).where(Assignment.id == uuid.UUID(assignment["id"]))
    )
    assert stored == datetime.fromisoformat("2031-01-03T00:00:00+07:00")


async def test_the_whole_lifecycle_moves_the_complaint_and_its_history(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    complaint = await create_complaint(client, desk)
    assignment = await assign(client, desk, complaint["id"], note="Mohon dicek")

    accepted = await act(client, unit, assignment["id"], "accept")
    assert accepted.json()["status"] == "accepted"
    assert (await complaint_of(client, auth, complaint["id"]))["jaki_status"] == "Proses"

    too_early = await act(client, unit, assignment["id"], "complete")
    assert too_early.status_code == 409
    assert too_early.json()["field"] == "follow_ups"

    follow_up = await act(
        client,
        unit,
        assignment["id"],
        "follow-ups",
        note="Petugas sudah ke lokasi",
        photo_urls=["https://x.id/1.jpg"],
    )
    assert follow_up.status_code == 201
    done = await act(client, unit, assignment["id"], "complete")
    assert done.json()["status"] == "completed"

    final = await complaint_of(client, auth, complaint["id"])
    assert (final["status"], final["jaki_status"], final["open311_status"]) == (
        "resolved",
        "Selesai",
        "closed",
    )
    detail = (await client.get(f"/v1/assignments/{assignment['id']}", headers=unit)).json()
    assert [f["note"] for f in detail["follow_ups"]] == ["Petugas sudah ke lokasi"]
    events = (await client.get(f"/v1/complaints/{complaint['id']}/history", headers=desk)).json()[
        "events"
    ]
    assert [e["kind"] for e in events] == [
        "created",
        "assignment",
        "accepted",
        "follow_up",
        "completed",
    ]
    assert events[2]["actor"]["role"] == "agency"
    times = [e["occurred_at"] for e in events]
    assert times == sorted(times)


async def test_a_return_sends_it_back_and_reassignment_is_coordination(client, auth):
    desk, unit = auth(Role.DESK), auth(Role.AGENCY)
    complaint = await create_complaint(client, desk)
    first = await assign(client, desk, complaint["id"])

    returned = await act(
        client, unit, first["id"], "return", reason="Bukan wewenang kelurahan: jalan provinsi"
    )
    assert returned.json()["status"] == "returned"
    waiting = await complaint_of(client, auth, complaint["id"])
    assert (waiting["status"], waiting["assigned_unit_code"]) == ("verified", None)

    again = await assign(client, desk, complaint["id"], unit_code="dinas-bina-marga-31.71")
    assert (again["kind"], again["previous_id"]) == ("coordination", first["id"])
    assert (await complaint_of(client, auth, complaint["id"]))["jaki_status"] == "Koordinasi"


async def test_moving_a_complaint_closes_the_open_assignment(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    first = await assign(client, desk, complaint["id"])
    second = await assign(client, desk, complaint["id"], unit_code=KECAMATAN_GAMBIR)
    listed = (
        await client.get("/v1/assignments", headers=desk, params={"status": ["pending", "moved"]})
    ).json()["items"]
    statuses = {a["id"]: a["status"] for a in listed}
    assert statuses[first["id"]] == "moved" and statuses[second["id"]] == "pending"
    same = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": KECAMATAN_GAMBIR},
        headers=desk,
    )
    assert same.status_code == 409


async def test_an_agency_disposes_to_its_own_sub_unit_only(client, auth, session):
    dinas = await agency_key(session, "dinas-bina-marga")
    complaint = await create_complaint(client, auth(Role.DESK), category="jalan")
    await assign(client, auth(Role.DESK), complaint["id"], unit_code="dinas-bina-marga")

    wrong = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments",
        json={"unit_code": "dinas-sda-31.71"},
        headers=dinas,
    )
    assert (wrong.status_code, wrong.json()["field"]) == (422, "unit_code")
    disposed = await assign(client, dinas, complaint["id"], unit_code="dinas-bina-marga-31.71")
    assert disposed["kind"] == "disposition"
    assert (await complaint_of(client, auth, complaint["id"]))["jaki_status"] == "Disposisi"


async def test_another_units_work_is_invisible_to_an_agency_key(client, auth, session):
    other = await agency_key(session, KECAMATAN_GAMBIR)
    complaint = await create_complaint(client, auth(Role.DESK))
    assignment = await assign(client, auth(Role.DESK), complaint["id"])

    for response in [
        await client.get(f"/v1/assignments/{assignment['id']}", headers=other),
        await act(client, other, assignment["id"], "accept"),
        await client.get(f"/v1/complaints/{complaint['id']}", headers=other),
        await client.get(f"/v1/complaints/{complaint['tracking_number']}/history", headers=other),
    ]:
        assert response.status_code == 404, response.text
    listed = (await client.get("/v1/assignments", headers=other)).json()
    assert listed["total"] == 0
    complaints = (await client.get("/v1/complaints", headers=other)).json()["items"]
    assert complaint["id"] not in {c["id"] for c in complaints}

    # Its own unit sees it, with the complainant's contact unmasked.
    own = (await client.get(f"/v1/complaints/{complaint['id']}", headers=auth(Role.AGENCY))).json()
    assert own["complainant"]["nik"] == "3171014505900002"


async def test_mirrored_jaki_reports_are_routed_by_jaki(client, auth):
    report = await mirror_jaki_report(client, auth(Role.INTEGRATION), auth(Role.DESK))
    response = await client.post(
        f"/v1/complaints/{report['id']}/assignments",
        json={"unit_code": GAMBIR_OFFICE},
        headers=auth(Role.DESK),
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"unit_code": "kelurahan-tidak-ada"}, "unit_code", 422),
        (
            {"unit_code": GAMBIR_OFFICE, "respond_by": "2030-01-09", "finish_by": "2030-01-02"},
            "finish_by",
            422,
        ),
        ({"unit_code": GAMBIR_OFFICE, "extra": 1}, "extra", 422),
        ({"unit_code": GAMBIR_OFFICE, "respond_by": "9999-12-31"}, "respond_by", 422),
        ({"unit_code": GAMBIR_OFFICE, "finish_by": "0001-01-01"}, "finish_by", 422),
    ],
)
async def test_bad_assignments_are_refused(client, auth, body, field, status):
    complaint = await create_complaint(client, auth(Role.DESK))
    response = await client.post(
        f"/v1/complaints/{complaint['id']}/assignments", json=body, headers=auth(Role.DESK)
    )
    assert response.status_code == status
    assert response.json()["field"] == field


async def test_overdue_assignments_are_listed(client, auth):
    desk = auth(Role.DESK)
    late = await create_complaint(client, desk)
    on_time = await create_complaint(client, desk)
    overdue = await assign(
        client, desk, late["id"], respond_by="2026-01-05", finish_by="2026-01-12"
    )
    await assign(client, desk, on_time["id"])
    listed = (await client.get("/v1/assignments", params={"overdue": "true"}, headers=desk)).json()[
        "items"
    ]
    assert [a["id"] for a in listed] == [overdue["id"]]
    assert listed[0]["overdue"] is True


async def test_a_complaint_with_a_unit_is_not_moved_by_hand(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    await assign(client, desk, complaint["id"])
    response = await client.post(
        f"/v1/complaints/{complaint['id']}/status",
        json={"status": "in_progress", "note": "x"},
        headers=desk,
    )
    assert (response.status_code, response.json()["field"]) == (409, "status")


async def test_updated_since_lists_only_assignments_changed_since(client, auth):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    first = await assign(client, desk, (await create_complaint(client, desk))["id"])
    second = await assign(client, desk, (await create_complaint(client, desk))["id"])
    assert first["updated_at"] == first["created_at"]

    async def listed(since: str) -> list[str]:
        page = await client.get(
            "/v1/assignments", params={"updated_since": since, "limit": 100}, headers=desk
        )
        assert page.status_code == 200, page.text
        return [a["id"] for a in page.json()["items"] if a["id"] in {first["id"], second["id"]}]

    assert await listed(second["updated_at"]) == [second["id"]]
    accepted = (await act(client, agency, first["id"], "accept")).json()
    assert accepted["updated_at"] > first["updated_at"]
    assert await listed(accepted["updated_at"]) == [first["id"]]
