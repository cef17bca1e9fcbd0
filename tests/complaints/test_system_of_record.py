"""Mirrored JAKI reports and linked duplicates are not moved by hand."""

import uuid

from app.models import Complaint
from app.models.roles import Role
from tests.factories import create_complaint, mirror_jaki_report


async def test_mirrored_jaki_report_cannot_be_moved_or_corrected_by_hand(client, auth):
    report = await mirror_jaki_report(
        client, auth(Role.INTEGRATION), auth(Role.DESK), status="Proses", category="Jalan Rusak"
    )
    desk = auth(Role.DESK)
    moved = await client.post(
        f"/v1/complaints/{report['id']}/status",
        json={"status": "resolved", "note": "x"},
        headers=desk,
    )
    corrected = await client.patch(
        f"/v1/complaints/{report['id']}", json={"category": "saluran"}, headers=auth(Role.ADMIN)
    )
    assert moved.status_code == corrected.status_code == 409
    fetched = (await client.get(f"/v1/complaints/{report['id']}", headers=desk)).json()
    assert (fetched["status"], fetched["category"]) == ("in_progress", "jalan")
    assert fetched["jaki_status"] == "Proses"


async def test_linked_duplicate_follows_its_canonical_and_is_not_moved_by_hand(
    client, auth, session
):
    desk = auth(Role.DESK)
    created = await create_complaint(client, desk)
    complaint = await session.get(Complaint, uuid.UUID(created["id"]))
    complaint.status = "linked"
    await session.commit()
    response = await client.post(
        f"/v1/complaints/{created['id']}/status",
        json={"status": "verified", "note": "x"},
        headers=desk,
    )
    assert response.status_code == 409
