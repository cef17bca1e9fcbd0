"""POST/GET /v1/api-keys: admin-made keys, shown once, stored only as a hash."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth import service as auth_service
from app.models import ApiKey
from app.models.roles import Role

PROBLEM_JSON = "application/problem+json"


async def _create(client, auth, **body):
    response = await client.post(
        "/v1/api-keys",
        json={"name": "Meja pengaduan 1", "role": "viewer", **body},
        headers=auth(Role.ADMIN),
    )
    assert response.status_code == 201, response.text
    return response.json()


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _assert_401(response):
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["www-authenticate"] == "Bearer"
    problem = response.json()
    assert problem["status"] == 401
    assert problem["type"].endswith("/unauthorized")


async def test_admin_creates_a_key_shown_once(client, auth):
    response = await client.post(
        "/v1/api-keys",
        json={"name": "Meja pengaduan Balai Kota 1", "role": "desk"},
        headers=auth(Role.ADMIN),
    )

    assert response.status_code == 201
    body = response.json()
    assert body["key"].startswith("pintu_")
    assert len(body["key"]) >= 40
    assert body["key_prefix"] == body["key"][: len(body["key_prefix"])]
    assert len(body["key_prefix"]) < len(body["key"]) // 2
    assert body["name"] == "Meja pengaduan Balai Kota 1"
    assert body["role"] == "desk"
    assert body["expires_at"] is None
    assert body["revoked_at"] is None
    created_at = datetime.fromisoformat(body["created_at"])
    assert abs(created_at - datetime.now(UTC)) < timedelta(minutes=1)


async def test_two_keys_are_different(client, auth):
    first = await _create(client, auth)
    second = await _create(client, auth)

    assert first["key"] != second["key"]
    assert first["id"] != second["id"]


async def test_a_new_viewer_key_reads_complaints_but_cannot_record_them(client, auth):
    key = (await _create(client, auth, role="viewer"))["key"]

    assert (await client.get("/v1/complaints", headers=_bearer(key))).status_code == 200
    refused = await client.post("/v1/complaints", json={}, headers=_bearer(key))
    assert refused.status_code == 403


async def test_a_new_admin_key_can_make_keys_itself(client, auth):
    key = (await _create(client, auth, role="admin"))["key"]

    response = await client.post(
        "/v1/api-keys",
        json={"name": "Dinas Sosial", "role": "agency", "unit_code": "dinas-sosial"},
        headers=_bearer(key),
    )
    assert response.status_code == 201
    assert (response.json()["role"], response.json()["unit_code"]) == ("agency", "dinas-sosial")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Kelurahan", "role": "agency"}, "unit_code"),
        ({"name": "Meja", "role": "desk", "unit_code": "dinas-sosial"}, "unit_code"),
        ({"name": "Dinas", "role": "agency", "unit_code": "dinas-tidak-ada"}, "unit_code"),
    ],
    ids=["agency-without-unit", "unit-for-desk", "unknown-unit"],
)
async def test_an_agency_key_is_bound_to_exactly_one_known_unit(client, auth, body, field):
    response = await client.post("/v1/api-keys", json=body, headers=auth(Role.ADMIN))
    assert response.status_code == 422
    assert response.json()["field"] == field


async def test_listing_keys_never_shows_a_secret(client, auth, keys):
    created = await _create(client, auth, name="Kantor Wali Kota Jakarta Barat", role="desk")

    response = await client.get("/v1/api-keys", headers=auth(Role.ADMIN))

    assert response.status_code == 200
    items = response.json()["items"]
    listed = {item["id"]: item for item in items}
    assert created["id"] in listed
    assert listed[created["id"]]["name"] == "Kantor Wali Kota Jakarta Barat"
    assert listed[created["id"]]["key_prefix"] == created["key_prefix"]
    assert {item["role"] for item in items} >= {r.value for r in Role}
    for item in items:
        assert "key" not in item
    for secret in [created["key"], *keys.values()]:
        assert secret not in response.text


async def test_an_expired_key_is_401(client, session):
    # The API refuses to create an expired key, so this one expires between creation and use.
    _, secret = await auth_service.create_key(
        session,
        name="kedaluwarsa",
        role=Role.VIEWER,
        expires_at=datetime.now(UTC) - timedelta(minutes=1),
    )
    await session.commit()

    response = await client.get("/v1/complaints", headers=_bearer(secret))

    _assert_401(response)
    assert "expired" in response.json()["detail"]


async def test_a_key_that_expires_later_works_until_then(client, auth):
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    created = await _create(client, auth, expires_at=future)

    response = await client.get("/v1/complaints", headers=_bearer(created["key"]))

    assert response.status_code == 200


async def test_a_revoked_key_is_401(client, auth, session):
    created = await _create(client, auth)
    row = await session.get(ApiKey, created["id"])
    assert row is not None
    row.revoked_at = datetime.now(UTC)
    await session.commit()

    _assert_401(await client.get("/v1/complaints", headers=_bearer(created["key"])))


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"Authorization": "Bearer garbage"}, id="garbage"),
        pytest.param({"Authorization": "Bearer pintu_" + "A" * 43}, id="well-formed-unknown"),
        pytest.param({"Authorization": "Bearer "}, id="empty-bearer"),
        pytest.param({"Authorization": "Basic YWRtaW46YWRtaW4="}, id="basic-scheme"),
        pytest.param({"Authorization": "garbage"}, id="no-scheme"),
    ],
)
async def test_a_missing_or_unknown_key_is_401(client, headers):
    _assert_401(await client.get("/v1/complaints", headers=headers))


async def test_a_key_differing_in_one_character_is_401(client, auth):
    key = (await _create(client, auth))["key"]
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")

    _assert_401(await client.get("/v1/complaints", headers=_bearer(tampered)))


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
async def test_only_admin_may_create_or_list_keys(client, auth, role):
    create = await client.post(
        "/v1/api-keys", json={"name": "Coba", "role": "admin"}, headers=auth(role)
    )
    listing = await client.get("/v1/api-keys", headers=auth(role))

    for response in (create, listing):
        assert response.status_code == 403
        assert response.headers["content-type"] == PROBLEM_JSON
        assert response.json()["type"].endswith("/forbidden")
    assert "key" not in create.json()


async def test_creating_or_listing_keys_without_a_key_is_401(client):
    _assert_401(await client.post("/v1/api-keys", json={"name": "Coba", "role": "admin"}))
    _assert_401(await client.get("/v1/api-keys"))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"name": "Coba", "role": "superuser"}, "role", id="unknown-role"),
        pytest.param({"name": "Coba", "role": "Admin"}, "role", id="role-case"),
        pytest.param({"name": "Coba"}, "role", id="no-role"),
        pytest.param({"role": "viewer"}, "name", id="no-name"),
        pytest.param({"name": "", "role": "viewer"}, "name", id="empty-name"),
        pytest.param({"name": "x" * 101, "role": "viewer"}, "name", id="long-name"),
        pytest.param({"name": "Coba\x00", "role": "viewer"}, "name", id="nul-in-name"),
        pytest.param(
            {"name": "Coba", "role": "viewer", "expires_at": "besok"}, "expires_at", id="bad-date"
        ),
        pytest.param(
            {"name": "Coba", "role": "viewer", "key": "pintu_mine"}, "key", id="own-secret"
        ),
        pytest.param(
            {"name": "Coba", "role": "viewer", "scopes": ["all"]}, "scopes", id="extra-field"
        ),
    ],
)
async def test_bad_key_request_is_422_naming_the_field(client, auth, body, field):
    response = await client.post("/v1/api-keys", json=body, headers=auth(Role.ADMIN))

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["field"] == field
    assert field in {e["field"] for e in problem["errors"]}
    assert "key" not in problem


async def test_stored_key_row_holds_no_plaintext(client, auth, session):
    created = await _create(client, auth, name="Disimpan", role="desk")
    secret = created["key"]

    row = (await session.scalars(select(ApiKey).where(ApiKey.name == "Disimpan"))).one()

    assert str(row.id) == created["id"]
    # Only a short display prefix of the key is kept in clear, never enough to use it.
    assert row.key_prefix == created["key_prefix"]
    assert secret.startswith(row.key_prefix)
    assert len(row.key_prefix) <= len("pintu_") + 6
    # The hash is a 32-byte digest, and holds no part of the random secret beyond the prefix.
    assert isinstance(row.key_hash, bytes)
    assert len(row.key_hash) == 32
    assert secret.encode() not in row.key_hash
    random_part = secret[len(row.key_prefix) :]
    assert len(random_part) >= 32
    for column in (row.key_prefix, row.name, row.role):
        assert random_part not in column
        assert random_part[:8] not in column
    assert random_part[:8].encode() not in row.key_hash


@pytest.mark.parametrize("expires_at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
async def test_an_expiry_out_of_range_is_422_not_500(client, auth, expires_at):
    response = await client.post(
        "/v1/api-keys",
        json={"name": "Coba", "role": "viewer", "expires_at": expires_at},
        headers=auth(Role.ADMIN),
    )

    assert response.status_code == 422
    assert response.json()["field"] == "expires_at"


async def test_a_blank_key_name_is_refused(client, auth):
    response = await client.post(
        "/v1/api-keys", json={"name": "   ", "role": "viewer"}, headers=auth(Role.ADMIN)
    )
    assert response.status_code == 422
    assert response.json()["field"] == "name"


async def test_using_a_key_records_its_last_use(client, auth):
    before = (await client.get("/v1/api-keys", headers=auth(Role.ADMIN))).json()["items"]
    assert {k["name"]: k["last_used_at"] for k in before}["test viewer"] is None
    assert (await client.get("/v1/complaints", headers=auth(Role.VIEWER))).status_code == 200
    after = (await client.get("/v1/api-keys", headers=auth(Role.ADMIN))).json()["items"]
    assert {k["name"]: k["last_used_at"] for k in after}["test viewer"] is not None


async def test_a_key_cannot_be_created_already_expired(client, auth):
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    response = await client.post(
        "/v1/api-keys",
        json={"name": "x", "role": "viewer", "expires_at": past},
        headers=auth(Role.ADMIN),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "expires_at"


async def test_a_revoked_key_stops_working_at_once(client, auth):
    made = await _create(client, auth)
    assert (await client.get("/v1/complaints", headers=_bearer(made["key"]))).status_code == 200

    response = await client.post(f"/v1/api-keys/{made['id']}/revoke", headers=auth(Role.ADMIN))

    assert response.status_code == 200, response.text
    revoked_at = response.json()["revoked_at"]
    assert revoked_at is not None
    _assert_401(await client.get("/v1/complaints", headers=_bearer(made["key"])))
    again = await client.post(f"/v1/api-keys/{made['id']}/revoke", headers=auth(Role.ADMIN))
    assert (again.status_code, again.json()["revoked_at"]) == (200, revoked_at)
    listed = (await client.get("/v1/api-keys", headers=auth(Role.ADMIN))).json()["items"]
    assert [k["revoked_at"] for k in listed if k["id"] == made["id"]] == [revoked_at]


async def test_revoking_an_unknown_key_or_ones_own_is_refused(client, auth):
    unknown = await client.post(
        "/v1/api-keys/00000000-0000-0000-0000-000000000000/revoke", headers=auth(Role.ADMIN)
    )
    assert (unknown.status_code, unknown.headers["content-type"]) == (404, PROBLEM_JSON)
    keys = (await client.get("/v1/api-keys", headers=auth(Role.ADMIN))).json()["items"]
    [mine] = [k for k in keys if k["name"] == "test admin"]
    itself = await client.post(f"/v1/api-keys/{mine['id']}/revoke", headers=auth(Role.ADMIN))
    assert (itself.status_code, itself.json()["field"]) == (409, "key_id")
    bad = await client.post("/v1/api-keys/not-a-uuid/revoke", headers=auth(Role.ADMIN))
    assert (bad.status_code, bad.json()["field"]) == (422, "key_id")


async def test_two_authorization_headers_are_refused(client, auth):
    headers = [
        ("Authorization", auth(Role.VIEWER)["Authorization"]),
        ("Authorization", auth(Role.ADMIN)["Authorization"]),
    ]

    response = await client.get("/v1/api-keys", headers=headers)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "Authorization"
