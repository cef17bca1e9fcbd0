"""Refusals the framework makes before an endpoint runs are problem+json naming the field too."""

import pytest

from app.models.roles import Role
from tests.factories import jaki_report, walk_in_body

UNKNOWN_FIELD = "an unknown field, not named here since its name may be personal data"


async def test_a_body_that_is_not_utf8_is_a_422_naming_the_body(client, auth):
    response = await client.post(
        "/v1/complaints",
        content=b'{"category": "\xff\xfe"}',
        headers={**auth(Role.DESK), "Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "body"
    assert response.json()["errors"][0]["field"] == "body"


async def test_a_body_that_is_not_json_names_the_body_not_a_position(client, auth):
    response = await client.post(
        "/v1/complaints",
        content=b'{"category": ',
        headers={**auth(Role.DESK), "Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["field"] == "body"


async def test_a_trailing_slash_is_not_redirected_to_the_host_the_client_names(client, auth):
    response = await client.get(
        "/v1/complaints/", headers={**auth(Role.VIEWER), "Host": "evil.example.com"}
    )

    assert response.status_code == 404
    assert "location" not in response.headers
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].endswith("/v1/complaints.")
    assert "evil" not in response.text


# Unknown keys that are personal data themselves: a form that put a value where a name goes.
PERSONAL_KEYS = {
    "nik": "3171014505900002",
    "e-mail": "siti.rahmawati@example.com",
    "phone": "0812-3456-7890",
    "phone-plus": "+6281234567890",
    "name": "Siti Rahmawati",
}


@pytest.mark.parametrize("key", PERSONAL_KEYS.values(), ids=PERSONAL_KEYS.keys())
async def test_an_unknown_key_that_looks_personal_is_refused_without_its_name(client, auth, key):
    body = walk_in_body()
    body["complainant"] = {**body["complainant"], key: "ya"}

    response = await client.post("/v1/complaints", json=body, headers=auth(Role.DESK))

    assert response.status_code == 422
    problem = response.json()
    assert problem["field"] == "complainant"
    assert problem["errors"] == [{"field": "complainant", "detail": UNKNOWN_FIELD}]
    assert key not in response.text
    assert key.replace("@", "\\u0040") not in response.text


async def test_an_unknown_key_at_the_top_that_looks_personal_names_the_body(client, auth):
    body = {**walk_in_body(), "3171014505900002": True}

    response = await client.post("/v1/complaints", json=body, headers=auth(Role.DESK))

    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert "3171014505900002" not in response.text


@pytest.mark.parametrize("key", ["priority", "kelurahan-kode", "x.y_z", "nomor_rt_2"])
async def test_an_ordinary_unknown_key_is_still_named(client, auth, key):
    body = {**walk_in_body(), key: "tinggi"}

    response = await client.post("/v1/complaints", json=body, headers=auth(Role.DESK))

    assert response.status_code == 422
    assert response.json()["field"] == key
    assert key in response.json()["detail"]


async def test_a_jaki_report_with_a_personal_unknown_key_is_refused_without_its_name(client, auth):
    follow_up = {"at": "2026-10-04T09:00:00+07:00", "unit": "Kelurahan", "note": "Dicek"}
    report = jaki_report(follow_ups=[{**follow_up, "3171061205880003": "Budi"}])

    response = await client.post(
        "/v1/jaki/reports/batch", json={"reports": [report]}, headers=auth(Role.INTEGRATION)
    )

    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["field"] == "follow_ups.0"
    assert error["detail"] == UNKNOWN_FIELD
    assert "3171061205880003" not in response.text
