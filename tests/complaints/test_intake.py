"""POST /v1/complaints: recording a complaint, and every refusal a client can provoke."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import Complaint, ComplaintEvent
from app.models.roles import Role
from tests.factories import CIKINI, GAMBIR, create_complaint, walk_in_body

NIK = "3171014505900002"


async def test_walk_in_complaint_is_recorded_with_tracking_number_and_location(client, auth):
    response = await client.post("/v1/complaints", json=walk_in_body(), headers=auth(Role.DESK))

    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/v1/complaints/{body['id']}"
    assert re.fullmatch(r"WI-\d{4}-\d{6}", body["tracking_number"])
    assert body["channel"] == "walk_in"
    assert body["status"] == "received"
    assert body["jaki_status"] == "Menunggu"
    assert body["open311_status"] == "open"
    assert (body["kecamatan_code"], body["kabkota_code"]) == ("31.71.01", "31.71")
    assert (body["rt"], body["rw"]) == ("005", "003")
    # Desk sees the complainant unmasked, phone normalized to E.164.
    assert body["complainant"] == {
        "name": "Siti Rahmawati",
        "nik": NIK,
        "phone": "+6281234567890",
        "email": "siti@example.com",
        "masked": False,
    }


async def test_tracking_numbers_count_up_per_channel(client, auth):
    first = await create_complaint(client, auth(Role.DESK))
    second = await create_complaint(client, auth(Role.DESK))
    serial = lambda c: int(c["tracking_number"].rsplit("-", 1)[1])  # noqa: E731
    assert serial(second) == serial(first) + 1


async def test_reported_at_defaults_to_now_and_accepts_jakarta_local_time(client, auth):
    now = await create_complaint(client, auth(Role.DESK))
    reported = datetime.fromisoformat(now["reported_at"])
    assert abs(reported - datetime.now(UTC)) < timedelta(minutes=1)

    local = await create_complaint(client, auth(Role.DESK), reported_at="2026-10-18T08:15:00")
    assert local["reported_at"].startswith("2026-10-18T01:15:00")  # 08:15 WIB is 01:15 UTC
    fetched = await client.get(f"/v1/complaints/{local['id']}", headers=auth(Role.DESK))
    assert fetched.json()["reported_at"] == local["reported_at"]


async def test_complaint_creation_is_in_history(client, auth):
    created = await create_complaint(client, auth(Role.DESK))
    history = (
        await client.get(f"/v1/complaints/{created['id']}/history", headers=auth(Role.VIEWER))
    ).json()
    assert [e["kind"] for e in history["events"]] == ["created"]
    assert history["events"][0]["actor"] == {"name": "test desk", "role": "desk"}


async def test_other_channels_may_be_anonymous(client, auth):
    body = walk_in_body(channel="email", complainant=None)
    response = await client.post("/v1/complaints", json=body, headers=auth(Role.DESK))
    assert response.status_code == 201
    assert response.json()["tracking_number"].startswith("EM-")
    assert response.json()["complainant"] is None


def _invalid(field_path: str, **changes):
    return pytest.param(changes, field_path, id=field_path + ":" + ",".join(changes))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        _invalid("complainant.nik", complainant={"name": "Siti", "nik": "317101450590"}),
        _invalid("complainant.nik", complainant={"name": "Siti", "nik": "9971014505900002"}),
        _invalid("complainant.nik", complainant={"name": "Siti", "nik": "3171013102900002"}),
        _invalid("complainant.nik", complainant={"name": "Siti", "nik": "31710145059000AB"}),
        _invalid("complainant.phone", complainant={"name": "Siti", "phone": "+6581234567"}),
        _invalid("complainant.phone", complainant={"name": "Siti", "phone": "12345"}),
        _invalid("complainant.email", complainant={"name": "Siti", "nik": NIK, "email": "a@b"}),
        _invalid("complainant.name", complainant={"nik": NIK}),
        _invalid("complainant.nik", complainant={"name": "Siti"}),
        _invalid("complainant.name", complainant=None),
        _invalid(
            "complainant.shoe_size", complainant={"name": "Siti", "nik": NIK, "shoe_size": 42}
        ),
        _invalid("kelurahan_code", kelurahan_code="31.71.01.9999"),
        _invalid("kelurahan_code", kelurahan_code="31.71.01"),
        _invalid("kelurahan_code", kelurahan_code="32.01.01.1001"),
        _invalid("category", category="potholes"),
        _invalid("channel", channel="carrier_pigeon"),
        _invalid("lat", lat=-7.5, lon=106.8),
        _invalid("lon", lat=-6.2, lon=110.0),
        _invalid("lon", lat=-6.2, lon=None),
        _invalid("lon", lat=None, lon=106.8),
        _invalid("description", description=""),
        _invalid("description", description="jalan\x00rusak"),
        _invalid("complainant.name", complainant={"name": "Siti\x00", "nik": NIK}),
        _invalid("external_id", channel="lapor", external_id="a\x00"),
        _invalid("description", description="x" * 5001),
        _invalid("rt", rt="abc"),
        _invalid("rw", rw="1   "),
        _invalid("reported_at", reported_at="yesterday"),
        _invalid("reported_at", reported_at="2099-01-01T08:00:00+07:00"),
        _invalid("reported_at", reported_at="0001-01-01T00:00:00+01:00"),
        _invalid("reported_at", reported_at="0001-01-01T00:00:00"),
        _invalid("reported_at", reported_at="2000-01-01T00:00:00+14:00"),
        _invalid("priority", priority="high"),
    ],
)
async def test_invalid_complaint_is_refused_naming_the_field(client, auth, session, changes, field):
    before = await session.scalar(select(func.count()).select_from(Complaint))
    events_before = await session.scalar(select(func.count()).select_from(ComplaintEvent))
    response = await client.post(
        "/v1/complaints", json=walk_in_body(**changes), headers=auth(Role.DESK)
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert field in {problem.get("field"), *(e["field"] for e in problem.get("errors", []))}
    # A refused complaint leaves nothing behind.
    assert await session.scalar(select(func.count()).select_from(Complaint)) == before
    assert await session.scalar(select(func.count()).select_from(ComplaintEvent)) == events_before


@pytest.mark.parametrize(
    "complainant",
    [
        {"name": "Siti", "nik": "3171013102900002"},
        {"name": "Siti", "nik": "317101450590000299"},
        {"name": "Siti", "phone": "+65 8123 4567 99"},
        {"name": "Siti", "nik": NIK, "email": "siti-at-example.com"},
    ],
)
async def test_errors_never_echo_personal_values(client, auth, complainant):
    response = await client.post(
        "/v1/complaints", json=walk_in_body(complainant=complainant), headers=auth(Role.DESK)
    )
    assert response.status_code == 422
    for value in complainant.values():
        if value != "Siti":
            assert value not in response.text
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 6:
                assert digits not in response.text


async def test_body_that_is_not_json_is_refused(client, auth):
    response = await client.post(
        "/v1/complaints",
        content=b"{not json",
        headers={**auth(Role.DESK), "content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_jaki_reports_cannot_be_recorded_by_hand(client, auth):
    response = await client.post(
        "/v1/complaints", json=walk_in_body(channel="jaki"), headers=auth(Role.DESK)
    )
    assert response.status_code == 409
    assert response.json()["field"] == "channel"


async def test_duplicate_external_id_in_a_channel_is_refused(client, auth):
    await create_complaint(client, auth(Role.DESK), channel="lapor", external_id="LPR-1")
    response = await client.post(
        "/v1/complaints",
        json=walk_in_body(channel="lapor", external_id="LPR-1"),
        headers=auth(Role.DESK),
    )
    assert response.status_code == 409
    assert response.json()["field"] == "external_id"


async def test_complaint_in_another_kelurahan_gets_its_kecamatan_and_kota(client, auth):
    created = await create_complaint(client, auth(Role.DESK), kelurahan_code=CIKINI)
    assert created["kecamatan_code"] == "31.71.06"
    assert created["kabkota_code"] == "31.71"
    assert created["kelurahan_code"] != GAMBIR
