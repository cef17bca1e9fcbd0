"""The audit log: every response showing a complainant's data unmasked leaves an entry."""

from sqlalchemy import select

from app.auth.roles import Role
from app.models import PersonalDataRead
from tests.factories import create_complaint, mirror_jaki_report


async def _log(session, complaint_id):
    rows = await session.scalars(
        select(PersonalDataRead)
        .where(PersonalDataRead.complaint_id == complaint_id)
        .order_by(PersonalDataRead.id)
    )
    return [(r.role, r.endpoint) for r in rows]


async def test_reading_unmasked_data_is_logged_with_who_and_through_what(client, auth, session):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    cid = complaint["id"]
    assert await _log(session, cid) == []  # the desk typed it in: showing it back is no read

    await client.get(f"/v1/complaints/{cid}", headers=desk)
    await client.get("/v1/complaints", params={"q": "BPNT"}, headers=desk)
    await client.get(f"/v1/complaints/{complaint['tracking_number']}", headers=auth(Role.ADMIN))

    assert await _log(session, cid) == [
        ("desk", "GET /v1/complaints/{ref}"),
        ("desk", "GET /v1/complaints"),
        ("admin", "GET /v1/complaints/{ref}"),
    ]
    [entry] = (
        await session.scalars(
            select(PersonalDataRead).where(
                PersonalDataRead.complaint_id == cid, PersonalDataRead.role == "admin"
            )
        )
    ).all()
    assert entry.key_name == "test admin" and entry.api_key_id is not None


async def test_masked_reads_and_complaints_without_personal_data_are_not_logged(
    client, auth, session
):
    desk = auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    anonymous = await mirror_jaki_report(client, auth(Role.INTEGRATION), desk, reporter=None)

    viewed = await client.get(f"/v1/complaints/{complaint['id']}", headers=auth(Role.VIEWER))
    assert viewed.json()["complainant"]["masked"] is True
    await client.get(f"/v1/complaints/{anonymous['id']}", headers=desk)

    assert await _log(session, complaint["id"]) == []
    assert await _log(session, anonymous["id"]) == []


async def test_an_admin_reads_the_log_of_a_complaint_newest_first(client, auth):
    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    complaint = await create_complaint(client, desk)
    await client.get(f"/v1/complaints/{complaint['id']}", headers=desk)
    await client.patch(
        f"/v1/complaints/{complaint['id']}",
        json={"description": "Dikoreksi petugas."},
        headers=desk,
    )

    page = await client.get(
        f"/v1/complaints/{complaint['tracking_number']}/personal-data-reads", headers=admin
    )

    assert page.status_code == 200, page.text
    body = page.json()
    assert body["total"] == 2
    assert [i["endpoint"] for i in body["items"]] == [
        "PATCH /v1/complaints/{ref}",
        "GET /v1/complaints/{ref}",
    ]
    assert {i["key_name"] for i in body["items"]} == {"test desk"}
    # Reading the log shows no personal data, so it is no read itself.
    again = await client.get(f"/v1/complaints/{complaint['id']}/personal-data-reads", headers=admin)
    assert again.json()["total"] == 2
