"""Corrections, status moves and history."""

import uuid

import pytest
from sqlalchemy import select

from app.kit.textnorm import place_record
from app.models import Complaint
from app.models.roles import Role
from tests.factories import CIKINI, create_complaint


async def move(client, headers, complaint_id, status, note="dicek"):
    return await client.post(
        f"/v1/complaints/{complaint_id}/status",
        json={"status": status, "note": note},
        headers=headers,
    )


async def test_desk_moves_a_complaint_through_its_life_and_history_records_it(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    statuses = ["verified", "assigned", "in_progress", "resolved", "closed"]
    for status in statuses:
        response = await move(client, desk, complaint["id"], status, note=f"ke {status}")
        assert response.status_code == 200, response.text
        assert response.json()["status"] == status

    final = response.json()
    assert final["jaki_status"] == "Selesai"
    assert final["open311_status"] == "closed"
    history = (
        await client.get(f"/v1/complaints/{complaint['id']}/history", headers=auth(Role.VIEWER))
    ).json()["events"]
    assert [(e["from_status"], e["to_status"]) for e in history[1:]] == [
        ("received", "verified"),
        ("verified", "assigned"),
        ("assigned", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert [e["note"] for e in history[1:]] == [f"ke {s}" for s in statuses]
    assert all(e["actor"]["role"] == "desk" for e in history)
    times = [e["occurred_at"] for e in history]
    assert times == sorted(times)


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "resolved"),
        ([], "closed"),
        ([], "linked"),
        (["verified"], "received"),
        (["rejected"], "verified"),
        (["verified", "in_progress", "resolved", "closed"], "in_progress"),
    ],
)
async def test_illegal_status_moves_are_409_and_change_nothing(client, auth, path, target):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    for status in path:
        assert (await move(client, desk, complaint["id"], status)).status_code == 200
    response = await move(client, desk, complaint["id"], target)
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "status"
    current = (await client.get(f"/v1/complaints/{complaint['id']}", headers=desk)).json()
    assert current["status"] == (path[-1] if path else "received")


async def test_rejected_complaint_can_be_reopened(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    assert (await move(client, desk, complaint["id"], "rejected")).status_code == 200
    assert (await move(client, desk, complaint["id"], "received")).json()["status"] == "received"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "verified"},
        {"status": "verified", "note": " "},
        {"status": "done", "note": "x"},
        {"note": "x"},
    ],
)
async def test_status_move_needs_a_known_status_and_a_note(client, auth, body):
    complaint = await create_complaint(client, auth(Role.DESK))
    response = await client.post(
        f"/v1/complaints/{complaint['id']}/status", json=body, headers=auth(Role.DESK)
    )
    assert response.status_code == 422


async def test_correction_changes_fields_and_keeps_old_values_in_history(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk, category="jalan")
    response = await client.patch(
        f"/v1/complaints/{complaint['id']}",
        json={"category": "saluran", "kelurahan_code": CIKINI, "lat": -6.186, "lon": 106.8555},
        headers=desk,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["category"], body["kelurahan_code"], body["kecamatan_code"]) == (
        "saluran",
        CIKINI,
        "31.71.06",
    )
    assert body["version"] == complaint["version"] + 1

    events = (await client.get(f"/v1/complaints/{complaint['id']}/history", headers=desk)).json()[
        "events"
    ]
    assert events[-1]["kind"] == "updated"
    assert events[-1]["changes"]["category"] == {"from": "jalan", "to": "saluran"}
    assert events[-1]["changes"]["kelurahan_code"]["to"] == CIKINI


@pytest.mark.parametrize(
    ("correction", "expected"),
    [
        # Keys name the kabupaten/kota: a move within Jakarta Pusat keeps them, one out of it
        # does not.
        ({"kelurahan_code": CIKINI}, ["31.71 medan merdeka selatan"]),
        ({"kelurahan_code": "31.73.02.1003"}, ["31.73 medan merdeka selatan"]),
        ({"address": "Gg. Haji Saman No.27"}, ["31.71 haji saman"]),
        (
            {"address": None, "description": "Jalan rusak di Jalan Kramat Raya"},
            [
                "31.71 kramat",
                "31.71 kramat raya",
            ],
        ),
    ],
)
async def test_a_correction_of_the_place_moves_the_street_route_keys(
    client, auth, session, correction, expected
):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    response = await client.patch(
        f"/v1/complaints/{complaint['id']}", json=correction, headers=desk
    )
    assert response.status_code == 200, response.text
    stored = (
        await session.execute(
            select(
                Complaint.place_keys,
                Complaint.place_record,
                Complaint.description,
                Complaint.address,
            ).where(Complaint.id == uuid.UUID(complaint["id"]))
        )
    ).one()
    assert stored.place_keys == expected
    # The matcher reads the corrected place from its record.
    assert stored.place_record == place_record(stored.description, stored.address)


async def test_correction_that_changes_nothing_adds_no_history(client, auth):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk, category="jalan")
    response = await client.patch(
        f"/v1/complaints/{complaint['id']}", json={"category": "jalan"}, headers=desk
    )
    assert response.status_code == 200
    events = (await client.get(f"/v1/complaints/{complaint['id']}/history", headers=desk)).json()[
        "events"
    ]
    assert len(events) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"category": "potholes"}, "category"),
        ({"kelurahan_code": "31.71.01.9999"}, "kelurahan_code"),
        ({"lat": -6.2}, "body"),
        ({"description": None}, "body"),
        ({"complainant": {"name": "X"}}, "complainant"),
        ({"status": "closed"}, "status"),
    ],
)
async def test_bad_corrections_are_422(client, auth, body, field):
    complaint = await create_complaint(client, auth(Role.DESK))
    response = await client.patch(
        f"/v1/complaints/{complaint['id']}", json=body, headers=auth(Role.DESK)
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
