"""Responses to requests made with an API key tell caches not to store them."""

from __future__ import annotations

import pytest

from app.models.roles import Role
from tests.assignments.test_lifecycle import assign
from tests.factories import create_complaint, walk_in_body


@pytest.mark.parametrize("role", [Role.DESK, Role.AGENCY, Role.ADMIN, Role.VIEWER])
async def test_every_read_made_with_a_key_says_no_store(client, auth, role):
    complaint = await create_complaint(client, auth(Role.DESK))
    await assign(client, auth(Role.DESK), complaint["id"])  # the agency key's unit

    for path in (
        f"/v1/complaints/{complaint['id']}",
        f"/v1/complaints/{complaint['id']}/history",
        "/v1/complaints",
        "/v1/assignments",
    ):
        response = await client.get(path, headers=auth(role))
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store", path


async def test_intake_key_creation_and_audit_reads_say_no_store(client, auth):
    admin = auth(Role.ADMIN)
    intake = await client.post("/v1/complaints", json=walk_in_body(), headers=auth(Role.DESK))
    replayed = [
        await client.post(
            "/v1/complaints",
            json=walk_in_body(),
            headers={**auth(Role.DESK), "Idempotency-Key": "intake-1"},
        )
        for _ in range(2)
    ]
    key = await client.post("/v1/api-keys", json={"name": "meja 2", "role": "desk"}, headers=admin)
    reads = await client.get(
        f"/v1/complaints/{intake.json()['id']}/personal-data-reads", headers=admin
    )

    assert replayed[1].headers["idempotent-replayed"] == "true"
    for response in (intake, *replayed, key, reads):
        assert response.status_code in (200, 201), response.text
        assert response.headers["cache-control"] == "no-store"


async def test_refusals_to_a_key_say_no_store_and_public_data_may_be_cached(client, auth):
    missing = await client.get("/v1/complaints/WI-1999-000001", headers=auth(Role.VIEWER))
    unknown_key = await client.get(
        "/v1/complaints", headers={"Authorization": "Bearer pintu_not-a-key"}
    )
    public = await client.get("/v1/regions/31.71")

    assert (missing.status_code, missing.headers["cache-control"]) == (404, "no-store")
    assert (unknown_key.status_code, unknown_key.headers["cache-control"]) == (401, "no-store")
    assert public.status_code == 200 and "cache-control" not in public.headers
