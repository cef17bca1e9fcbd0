"""Intake channels: open reference data; an admin adds a new door without a code change."""

import re

import pytest

from app.models.roles import Role
from tests.factories import create_complaint

PROBLEM_JSON = "application/problem+json"
SEEDED = {
    "walk_in",
    "jaki",
    "lapor",
    "email",
    "whatsapp",
    "social_media",
    "mass_media",
    "walk_in_wali_kota",
    "walk_in_kecamatan",
    "walk_in_kelurahan",
    "walk_in_inspektorat",
}
HOURS = [{"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "15:00"}]


def new_channel(**overrides):
    body = {
        "code": "walk_in_kota_barat",
        "name": "Pengaduan Langsung Wali Kota Jakarta Barat",
        "tracking_prefix": "WB",
        "requires_identity": True,
        "location_region_code": "31.73.04.1001",
        "location_name": "Kantor Wali Kota Jakarta Barat",
        "opening_hours": HOURS,
    }
    body.update(overrides)
    return body


async def test_seeded_channels_are_listed_without_a_key(client):
    response = await client.get("/v1/channels")

    assert response.status_code == 200
    items = response.json()["items"]
    assert {c["code"] for c in items} == SEEDED
    assert items[0]["code"] == "walk_in"
    prefixes = [c["tracking_prefix"] for c in items]
    assert len(set(prefixes)) == len(prefixes)


async def test_walk_in_desk_opens_weekday_mornings_and_needs_identity(client):
    response = await client.get("/v1/channels/walk_in")

    assert response.status_code == 200
    body = response.json()
    assert body["opening_hours"] == [{"days": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "09:30"}]
    assert body["timezone"] == "Asia/Jakarta"
    assert body["requires_identity"] is True
    assert body["is_mirror"] is False
    assert body["is_active"] is True
    assert body["tracking_prefix"] == "WI"
    assert body["location_region_code"] == "31.71.01.1001"


async def test_jaki_is_a_mirror(client):
    response = await client.get("/v1/channels/jaki")

    assert response.status_code == 200
    body = response.json()
    assert body["is_mirror"] is True
    assert body["requires_identity"] is False
    assert body["opening_hours"] is None


async def test_unknown_channel_is_404_problem(client):
    response = await client.get("/v1/channels/fax")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == 404
    assert "fax" in problem["detail"]


async def test_admin_adds_a_channel_that_is_listed_and_takes_complaints(client, auth):
    response = await client.post("/v1/channels", json=new_channel(), headers=auth(Role.ADMIN))

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["code"] == "walk_in_kota_barat"
    assert created["tracking_prefix"] == "WB"
    assert created["opening_hours"] == HOURS
    assert created["is_mirror"] is False
    assert created["is_active"] is True
    assert created["timezone"] == "Asia/Jakarta"

    listed = (await client.get("/v1/channels")).json()["items"]
    assert {c["code"] for c in listed} == SEEDED | {"walk_in_kota_barat"}
    fetched = await client.get("/v1/channels/walk_in_kota_barat")
    assert fetched.status_code == 200
    assert fetched.json() == created

    complaint = await create_complaint(client, auth(Role.DESK), channel="walk_in_kota_barat")
    assert complaint["channel"] == "walk_in_kota_barat"
    assert re.fullmatch(r"WB-\d{4}-\d{6}", complaint["tracking_number"])
    found = await client.get(
        f"/v1/complaints/{complaint['tracking_number']}", headers=auth(Role.VIEWER)
    )
    assert found.status_code == 200
    assert found.json()["id"] == complaint["id"]


async def test_a_new_channel_that_requires_identity_refuses_anonymous_complaints(client, auth):
    await client.post("/v1/channels", json=new_channel(), headers=auth(Role.ADMIN))

    response = await client.post(
        "/v1/complaints",
        json={
            "channel": "walk_in_kota_barat",
            "category": "jalan",
            "description": "Jalan berlubang di depan sekolah.",
            "kelurahan_code": "31.71.01.1001",
        },
        headers=auth(Role.DESK),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "complainant.name"


async def test_a_minimal_channel_gets_defaults(client, auth):
    response = await client.post(
        "/v1/channels",
        json={"code": "telegram", "name": "Telegram", "tracking_prefix": "TG"},
        headers=auth(Role.ADMIN),
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["requires_identity"] is False
    assert body["opening_hours"] is None
    assert body["location_region_code"] is None
    assert body["description"] == ""


@pytest.mark.parametrize(
    "clash",
    [
        pytest.param({"code": "walk_in"}, id="seeded-code"),
        pytest.param({"tracking_prefix": "WI"}, id="seeded-prefix"),
        pytest.param({"code": "jaki", "tracking_prefix": "JK"}, id="both"),
    ],
)
async def test_taken_code_or_prefix_is_409(client, auth, clash):
    response = await client.post(
        "/v1/channels", json=new_channel(**clash), headers=auth(Role.ADMIN)
    )

    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["status"] == 409
    assert {c["code"] for c in (await client.get("/v1/channels")).json()["items"]} == SEEDED


async def test_adding_the_same_channel_twice_is_409(client, auth):
    first = await client.post("/v1/channels", json=new_channel(), headers=auth(Role.ADMIN))
    again = await client.post(
        "/v1/channels", json=new_channel(tracking_prefix="WX"), headers=auth(Role.ADMIN)
    )
    same_prefix = await client.post(
        "/v1/channels", json=new_channel(code="walk_in_barat_2"), headers=auth(Role.ADMIN)
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert same_prefix.status_code == 409


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
async def test_only_admin_may_add_a_channel(client, auth, role):
    response = await client.post("/v1/channels", json=new_channel(), headers=auth(role))

    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert (await client.get("/v1/channels/walk_in_kota_barat")).status_code == 404


async def test_adding_a_channel_without_a_key_is_401(client):
    response = await client.post("/v1/channels", json=new_channel())

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["www-authenticate"] == "Bearer"
    assert (await client.get("/v1/channels/walk_in_kota_barat")).status_code == 404


def _hours(**changes):
    return [{**HOURS[0], **changes}]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param(
            {"opening_hours": _hours(opens="15:00", closes="08:00")},
            "opening_hours.0.closes",
            id="closes-before-opens",
        ),
        pytest.param(
            {"opening_hours": _hours(opens="08:00", closes="08:00")},
            "opening_hours.0.closes",
            id="closes-when-opens",
        ),
        pytest.param({"opening_hours": _hours(days=[1, 8])}, "opening_hours.0.days.1", id="day-8"),
        pytest.param({"opening_hours": _hours(days=[0])}, "opening_hours.0.days.0", id="day-0"),
        pytest.param({"opening_hours": _hours(days=[])}, "opening_hours.0.days", id="no-days"),
        pytest.param({"opening_hours": []}, "opening_hours", id="empty-hours"),
        pytest.param({"opening_hours": _hours(opens="24:00")}, "opening_hours.0.opens", id="24h"),
        pytest.param({"opening_hours": _hours(closes="9:30")}, "opening_hours.0.closes", id="h:mm"),
        pytest.param(
            {"opening_hours": _hours(lunch="12:00")}, "opening_hours.0.lunch", id="extra-key"
        ),
        pytest.param({"code": "Walk-In"}, "code", id="code-shape"),
        pytest.param({"tracking_prefix": "wb"}, "tracking_prefix", id="prefix-lowercase"),
        pytest.param({"tracking_prefix": "WBXYZ"}, "tracking_prefix", id="prefix-long"),
        pytest.param({"name": ""}, "name", id="empty-name"),
        pytest.param({"is_mirror": True}, "is_mirror", id="mirror-by-hand"),
        pytest.param(
            {"location_region_code": "31.79.99.9999"}, "location_region_code", id="unknown-region"
        ),
    ],
)
async def test_bad_channel_is_422_naming_the_field(client, auth, changes, field):
    response = await client.post(
        "/v1/channels", json=new_channel(**changes), headers=auth(Role.ADMIN)
    )

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["field"] == field
    assert field in {e["field"] for e in problem["errors"]}
    assert (await client.get("/v1/channels/walk_in_kota_barat")).status_code == 404


@pytest.mark.parametrize("path", ["/v1/channels/walk%00in", "/v1/channels/walk%00in/stats"])
async def test_a_nul_in_the_channel_code_is_a_client_error(client, path):
    response = await client.get(path)

    assert response.status_code in (404, 422)
    assert response.headers["content-type"] == PROBLEM_JSON
