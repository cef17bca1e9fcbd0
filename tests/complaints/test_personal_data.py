"""NIK, phone and e-mail: masked unless the role needs them, unreadable in a dump, not logged."""

import hashlib
import logging
import uuid

import pytest
from sqlalchemy import text

from app.kit.security import get_blind_index
from app.models import Complaint
from app.models.roles import Role
from tests.factories import create_complaint

NIK, PHONE, EMAIL = "3171014505900002", "+6281234567890", "siti@example.com"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.VIEWER,
            {
                "name": "S*** R***",
                "nik": "3171********0002",
                "phone": "+62812****7890",
                "email": "s***@example.com",
                "masked": True,
            },
        ),
        (Role.DESK, {"nik": NIK, "phone": PHONE, "email": EMAIL, "masked": False}),
        (Role.ADMIN, {"nik": NIK, "phone": PHONE, "email": EMAIL, "masked": False}),
    ],
)
async def test_personal_data_is_masked_unless_the_role_needs_it(client, auth, role, expected):
    created = await create_complaint(client, auth(Role.DESK))
    for response in [
        await client.get(f"/v1/complaints/{created['id']}", headers=auth(role)),
        await client.get("/v1/complaints", headers=auth(role)),
    ]:
        assert response.status_code == 200
        body = response.json()
        complaint = body["items"][0] if "items" in body else body
        person = complaint["complainant"]
        assert {k: person[k] for k in expected} == expected
        if expected["masked"]:
            assert NIK not in response.text and PHONE not in response.text
            assert EMAIL not in response.text


async def test_a_database_dump_reveals_neither_values_nor_plain_hashes(client, auth, session):
    created = await create_complaint(client, auth(Role.DESK))
    row = (
        await session.execute(
            text("SELECT c::text FROM complaints c WHERE id = :id"), {"id": created["id"]}
        )
    ).scalar_one()
    raw = (
        await session.execute(
            text("SELECT nik_encrypted, nik_index, phone_index FROM complaints WHERE id = :id"),
            {"id": created["id"]},
        )
    ).one()
    for secret in (NIK, PHONE, "081234567890", EMAIL):
        assert secret not in row
        plain_hash = hashlib.sha256(secret.encode()).digest()
        assert plain_hash not in raw
        assert plain_hash.hex() not in row
    assert NIK.encode() not in raw.nik_encrypted


async def test_blind_index_matches_equal_values_without_revealing_them(client, auth, session):
    first = await create_complaint(client, auth(Role.DESK))
    second = await create_complaint(client, auth(Role.DESK))
    a = await session.get(Complaint, uuid.UUID(first["id"]))
    b = await session.get(Complaint, uuid.UUID(second["id"]))
    assert a.nik_index == b.nik_index == get_blind_index().digest("nik", NIK)
    assert a.nik_encrypted != b.nik_encrypted  # random nonces: equal values encrypt differently
    assert a.phone_index != a.nik_index


async def test_personal_data_never_reaches_the_logs(client, auth, caplog):
    caplog.set_level(logging.DEBUG)
    created = await create_complaint(client, auth(Role.DESK))
    await client.get(f"/v1/complaints/{created['id']}", headers=auth(Role.DESK))
    await client.post(
        "/v1/complaints",
        json={
            "category": "bansos",
            "description": "x",
            "kelurahan_code": "31.71.01.1001",
            "complainant": {"name": "A", "nik": NIK + "9"},
        },
        headers=auth(Role.DESK),
    )
    logged = "\n".join(r.getMessage() + str(vars(r)) for r in caplog.records)
    assert "POST /v1/complaints 201" in logged  # the access log did run
    for secret in (NIK, PHONE, "0812-3456-7890", EMAIL):
        assert secret not in logged
