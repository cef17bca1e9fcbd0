"""The audit log: every response showing a complainant's data unmasked leaves an entry."""

import pytest
from sqlalchemy import select

from app.models import PersonalDataRead
from app.models.roles import Role
from tests.factories import create_complaint, mirror_jaki_report
from tests.pages import refuses_a_tampered_cursor, walk


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


@pytest.mark.parametrize("ref", ["00000000-0000-0000-0000-000000000000", "WI-1999-000001", "x"])
async def test_the_log_of_an_unknown_complaint_is_404_problem(client, auth, ref):
    # A reference is an id or a tracking number, so text that is neither is simply not found.
    response = await client.get(
        f"/v1/complaints/{ref}/personal-data-reads", headers=auth(Role.ADMIN)
    )
    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No complaint has this id or tracking number."


async def test_a_control_character_in_the_reference_is_422(client, auth):
    response = await client.get(
        "/v1/complaints/WI%00/personal-data-reads", headers=auth(Role.ADMIN)
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "ref"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.DESK, Role.AGENCY, Role.INTEGRATION])
async def test_only_an_admin_reads_the_log_and_others_learn_nothing_of_the_complaint(
    client, auth, role
):
    # The log is admin-only: any other key is refused the same way whether the complaint
    # exists or not, so the refusal tells nothing about it.
    complaint = await create_complaint(client, auth(Role.DESK))
    answers = [
        await client.get(f"/v1/complaints/{ref}/personal-data-reads", headers=auth(role))
        for ref in (complaint["id"], "00000000-0000-0000-0000-000000000000")
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert {a.headers["content-type"] for a in answers} == {"application/problem+json"}
    bodies = [
        {k: v for k, v in a.json().items() if k not in {"instance", "request_id"}} for a in answers
    ]
    assert bodies[0] == bodies[1]


async def test_the_log_pages_by_cursor_newest_first(client, auth):
    desk, admin = auth(Role.DESK), auth(Role.ADMIN)
    complaint = await create_complaint(client, desk)
    for _ in range(4):
        await client.get(f"/v1/complaints/{complaint['id']}", headers=desk)
    path = f"/v1/complaints/{complaint['id']}/personal-data-reads"
    every = (await client.get(path, headers=admin)).json()["items"]

    pages = await walk(client, path, headers=admin, limit=2)

    assert [len(p) for p in pages] == [2, 2]
    assert [p for page in pages for p in page] == every
    await refuses_a_tampered_cursor(client, path, headers=admin)
    old = await client.get(path, params={"offset": 3}, headers=admin)
    assert "deprecation" in old.headers and old.json()["items"] == every[3:]
