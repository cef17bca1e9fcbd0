"""The event feed: every change writes its event in its own transaction, and `GET /v1/events`
reads them in commit order, scoped and masked like the key that reads them."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from app.models.roles import Role
from app.privacy import service as privacy_service
from tests.assignments.test_lifecycle import act, agency_key, assign
from tests.factories import create_complaint, jaki_report

SITI_NIK = "3171014505900002"


async def read_all(client, headers, **params):
    """Every event the key may read, page by page; and the last cursor."""
    items, after = [], None
    while True:
        query = {**params, **({"cursor": after} if after else {})}
        page = await client.get("/v1/events", params=query, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        after = body["next_cursor"]
        if not body["has_more"]:
            return items, after


def of(events, complaint_id):
    return [e["type"] for e in events if e["complaint_id"] == str(complaint_id)]


async def test_intake_writes_complaint_created_with_personal_data_masked(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))

    events, _ = await read_all(client, auth(Role.VIEWER))

    [event] = [e for e in events if e["complaint_id"] == complaint["id"]]
    assert event["type"] == "complaint.created"
    assert event["object"] == {"type": "complaint", "id": complaint["id"], "version": 1}
    uuid.UUID(event["id"])
    data = event["data"]
    assert data["tracking_number"] == complaint["tracking_number"]
    assert data["status"] == "received"
    assert data["complainant"]["masked"] is True
    assert data["complainant"]["nik"] == "3171********0002"
    assert SITI_NIK not in str(events)


async def test_a_refused_change_writes_no_event(client, auth):
    _, after = await read_all(client, auth(Role.VIEWER))
    refused = await client.post(
        "/v1/complaints",
        json={"category": "jalan", "description": "Jalan rusak", "kelurahan_code": "31.71.01.9999"},
        headers=auth(Role.DESK),
    )
    assert refused.status_code == 422
    page = await client.get("/v1/events", params={"cursor": after}, headers=auth(Role.VIEWER))
    assert page.json()["items"] == []
    assert page.json()["next_cursor"] == after  # an empty page keeps the poller's place


async def test_the_assignment_lifecycle_writes_its_events_in_order(client, auth):
    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    complaint = await create_complaint(client, desk)
    assignment = await assign(client, desk, complaint["id"])
    assert (await act(client, agency, assignment["id"], "accept")).status_code == 200
    done = await act(client, agency, assignment["id"], "follow-ups", note="Dicek ke lokasi.")
    assert done.status_code == 201, done.text
    assert (await act(client, agency, assignment["id"], "complete")).status_code == 200

    events, _ = await read_all(client, auth(Role.VIEWER))

    assert of(events, complaint["id"]) == [
        "complaint.created",
        "assignment.created",
        "complaint.status_changed",  # received -> assigned
        "assignment.accepted",
        "complaint.status_changed",  # assigned -> in_progress
        "follow_up.added",
        "assignment.completed",
        "complaint.status_changed",  # in_progress -> resolved
    ]
    mine = [e for e in events if e["complaint_id"] == complaint["id"]]
    statuses = [e["data"]["status"] for e in mine if e["type"] == "complaint.status_changed"]
    assert statuses == ["assigned", "in_progress", "resolved"]
    versions = [e["object"]["version"] for e in mine if e["object"]["type"] == "assignment"]
    assert versions == [1, 2, 4]  # the follow-up moved it to in_progress (version 3)
    follow_up = next(e for e in mine if e["type"] == "follow_up.added")
    assert follow_up["data"]["note"] == "Dicek ke lokasi."
    assert follow_up["data"]["assignment_id"] == assignment["id"]


async def test_an_agency_reads_only_its_units_events_with_personal_data(client, auth, session):
    desk = auth(Role.DESK)
    ours = await create_complaint(client, desk)
    theirs = await create_complaint(client, desk)
    await assign(client, desk, ours["id"])
    await assign(client, desk, theirs["id"], unit_code="kelurahan-31.71.01.1002")

    events, _ = await read_all(client, auth(Role.AGENCY))

    # Only what happened since its unit held the complaint, and nothing of the other unit's.
    assert of(events, ours["id"]) == ["assignment.created", "complaint.status_changed"]
    assert of(events, theirs["id"]) == []
    complaint = next(e for e in events if e["type"] == "complaint.status_changed")["data"]
    assert complaint["complainant"]["masked"] is False
    assert complaint["complainant"]["nik"] == SITI_NIK
    other_unit = await agency_key(session, "kelurahan-31.71.01.1002")
    theirs_only, _ = await read_all(client, other_unit)
    assert of(theirs_only, ours["id"]) == []
    assert of(theirs_only, theirs["id"]) == ["assignment.created", "complaint.status_changed"]


async def test_stored_events_keep_personal_data_only_sealed(client, auth, session):
    complaint = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), complaint["id"])
    dumped = await session.scalar(
        text("SELECT string_agg(e::text, ' ') FROM events e WHERE complaint_id = :id"),
        {"id": uuid.UUID(complaint["id"])},
    )
    for written in (SITI_NIK, "Siti Rahmawati", "siti@example.com", "3456-7890", "34567890"):
        assert written not in dumped


async def test_paging_reads_each_event_once_and_resumes_from_the_cursor(client, auth):
    desk = auth(Role.DESK)
    made = [await create_complaint(client, desk) for _ in range(5)]
    everything, end = await read_all(client, auth(Role.VIEWER))
    paged, _ = await read_all(client, auth(Role.VIEWER), limit=2)
    assert [e["id"] for e in paged] == [e["id"] for e in everything]
    assert [e["complaint_id"] for e in everything[-5:]] == [c["id"] for c in made]

    later = await create_complaint(client, desk)
    page = (await client.get("/v1/events", params={"after": end}, headers=desk)).json()
    assert [e["complaint_id"] for e in page["items"]] == [later["id"]]


async def test_only_the_asked_types(client, auth):
    complaint = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), complaint["id"])
    events, _ = await read_all(client, auth(Role.VIEWER), type="assignment.created")
    assert of(events, complaint["id"]) == ["assignment.created"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"after": "not-a-cursor"}, "after"),
        ({"after": "WzEsICJ4Il0"}, "after"),  # [1, "x"]
        ({"after": "Wy0xLCAwXQ"}, "after"),  # [-1, 0]
        ({"after": "WzE4NDQ2NzQ0MDczNzA5NTUxNjE2LCAwXQ"}, "after"),  # [2**64, 0]
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "Wy0xLCAwXQ"}, "cursor"),  # [-1, 0]
        ({"cursor": "WzEsMF0", "after": "WzEsMF0"}, "after"),  # [1,0] both ways
        ({"type": "complaint.exploded"}, "type.0"),
        ({"limit": "0"}, "limit"),
    ],
)
async def test_bad_parameters_are_refused_naming_them(client, auth, params, field):
    response = await client.get("/v1/events", params=params, headers=auth(Role.VIEWER))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in {e["field"] for e in response.json()["errors"]} | {response.json()["field"]}


async def test_after_still_reads_the_feed_as_cursor_does_and_says_it_is_deprecated(client, auth):
    viewer = auth(Role.VIEWER)
    await create_complaint(client, auth(Role.DESK))
    first = (await client.get("/v1/events", params={"limit": 1}, headers=viewer)).json()
    place = first["next_cursor"]

    by_cursor = await client.get("/v1/events", params={"cursor": place}, headers=viewer)
    by_after = await client.get("/v1/events", params={"after": place}, headers=viewer)

    assert by_after.status_code == 200
    assert by_after.json() == by_cursor.json()
    assert by_after.headers["deprecation"].startswith("@")
    assert "deprecation" not in by_cursor.headers


async def test_the_feed_needs_a_key_and_a_role_that_reads_complaints(client, auth):
    assert (await client.get("/v1/events")).status_code == 401
    assert (await client.get("/v1/events", headers=auth(Role.INTEGRATION))).status_code == 403
    types = await client.get("/v1/events/types")
    assert types.status_code == 200
    assert "assignment.overdue" in {t["type"] for t in types.json()}


async def test_the_jaki_mirror_writes_created_then_updated(client, auth):
    feed = auth(Role.INTEGRATION)
    report = jaki_report()
    pushed = await client.post("/v1/jaki/reports/batch", json={"reports": [report]}, headers=feed)
    assert pushed.json()["created"] == 1, pushed.text
    newer = {**report, "status": "Proses", "updated_at": "2026-11-28T09:00:00+07:00"}
    pushed = await client.post("/v1/jaki/reports/batch", json={"reports": [newer]}, headers=feed)
    assert pushed.json()["updated"] == 1, pushed.text

    events, _ = await read_all(
        client, auth(Role.VIEWER), type=["jaki_report.created", "jaki_report.updated"]
    )

    mine = [e for e in events if e["data"]["external_id"] == report["id"]]
    assert [e["type"] for e in mine] == ["jaki_report.created", "jaki_report.updated"]
    assert [e["object"]["version"] for e in mine] == [1, 2]
    assert mine[1]["data"]["jaki_status"] == "Proses"
    assert mine[0]["data"]["complainant"] is None or mine[0]["data"]["complainant"]["masked"]


async def test_linking_writes_linked_and_unlinking_unlinked(client, auth):
    desk = auth(Role.DESK)
    canonical = await create_complaint(client, desk)
    duplicate = await create_complaint(client, desk)
    linked = await client.post(
        f"/v1/complaints/{duplicate['id']}/duplicate-of",
        json={"canonical_id": canonical["id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text
    unlinked = await client.delete(f"/v1/complaints/{duplicate['id']}/duplicate-of", headers=desk)
    assert unlinked.status_code == 200, unlinked.text

    events, _ = await read_all(client, auth(Role.VIEWER))

    assert of(events, duplicate["id"]) == [
        "complaint.created",
        "complaint.linked",
        "complaint.unlinked",
    ]
    link = next(e for e in events if e["type"] == "complaint.linked")
    assert link["data"]["duplicate_of"]["id"] == canonical["id"]


async def test_erasure_leaves_no_personal_data_in_stored_events(client, auth, session):
    complaint = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), complaint["id"])

    await privacy_service.erase(session, SITI_NIK)
    await session.commit()

    events, _ = await read_all(client, auth(Role.AGENCY))
    mine = [e for e in events if e["complaint_id"] == complaint["id"]]
    assert mine[-1]["type"] == "complaint.personal_data_erased"
    assert mine[-1]["data"]["complainant"] is None
    for earlier in mine[:-1]:
        assert earlier["data"] == {"id": earlier["object"]["id"], "personal_data_erased": True}
    # The agency key reads the sealed form: nothing of Siti is left in it either.
    for written in (SITI_NIK, "Siti Rahmawati", "siti@example.com"):
        assert written not in str(mine)


async def test_moves_returns_and_the_overdue_run_write_their_events(client, auth, session):
    from app.assignments import service as assignments_service

    desk, agency = auth(Role.DESK), auth(Role.AGENCY)
    complaint = await create_complaint(client, desk)
    first = await assign(client, desk, complaint["id"])
    second = await assign(client, desk, complaint["id"], unit_code="kelurahan-31.71.01.1002")
    late = await create_complaint(client, desk)
    overdue = await assign(
        client, desk, late["id"], respond_by="2026-01-05", finish_by="2026-01-12"
    )
    assert (
        await act(client, agency, overdue["id"], "return", reason="Bukan wewenang")
    ).status_code == 200
    again = await assign(client, desk, late["id"], respond_by="2026-01-05", finish_by="2026-01-12")
    escalated = await assignments_service.escalate_overdue_batch(
        session, assignments_service.ESCALATION_ACTOR
    )
    await session.commit()
    assert escalated >= 1

    events, _ = await read_all(client, auth(Role.VIEWER))

    moves = [(e["type"], e["object"]["id"]) for e in events if e["object"]["type"] == "assignment"]
    assert ("assignment.moved", first["id"]) in moves
    assert ("assignment.created", second["id"]) in moves
    mine = [t for t, i in moves if i in {overdue["id"], again["id"]}]
    assert mine == [
        "assignment.created",
        "assignment.returned",
        "assignment.created",
        "assignment.overdue",
        "assignment.escalated",
    ]
    escalation = [
        e for e in events if e["complaint_id"] == late["id"] and e["type"] == "assignment.created"
    ][-1]
    assert escalation["data"]["kind"] == "escalation"
    assert escalation["data"]["unit_code"] == "kecamatan-31.71.01"


async def test_an_empty_page_moves_the_cursor_past_what_the_key_does_not_see(client, auth):
    _, start = await read_all(client, auth(Role.AGENCY))
    await create_complaint(client, auth(Role.DESK))  # not the agency's
    page = (
        await client.get("/v1/events", params={"after": start}, headers=auth(Role.AGENCY))
    ).json()
    assert page["items"] == [] and page["has_more"] is False
    assert page["next_cursor"] != start
    ours = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), ours["id"])
    later = await client.get(
        "/v1/events", params={"after": page["next_cursor"]}, headers=auth(Role.AGENCY)
    )
    assert of(later.json()["items"], ours["id"]) == [
        "assignment.created",
        "complaint.status_changed",
    ]


async def test_erasure_also_clears_the_events_of_a_duplicate_that_showed_the_report(
    client, auth, session
):
    from tests.factories import jaki_report as report_of

    desk = auth(Role.DESK)
    report = report_of(reporter={"name": "Siti Rahmawati", "nik": SITI_NIK})
    pushed = await client.post(
        "/v1/jaki/reports/batch", json={"reports": [report]}, headers=auth(Role.INTEGRATION)
    )
    assert pushed.json()["created"] == 1, pushed.text
    events, _ = await read_all(client, auth(Role.VIEWER), type="jaki_report.created")
    [mirrored] = [e for e in events if e["data"]["external_id"] == report["id"]]
    duplicate = await create_complaint(
        client,
        desk,
        complainant={"name": "Budi Santoso", "nik": "3171061205880003"},
    )
    linked = await client.post(
        f"/v1/complaints/{duplicate['id']}/duplicate-of",
        json={"canonical_id": mirrored["complaint_id"]},
        headers=desk,
    )
    assert linked.status_code == 200, linked.text

    await privacy_service.erase(session, SITI_NIK)
    await session.commit()

    events, _ = await read_all(client, auth(Role.VIEWER))
    link = next(e for e in events if e["type"] == "complaint.linked")
    assert link["complaint_id"] == duplicate["id"]
    assert link["data"] == {"id": duplicate["id"], "personal_data_erased": True}
