"""Idempotency-Key: a retried POST gets the first response again and creates nothing more."""

import asyncio
import uuid

from sqlalchemy import func, select, text, update

from app.kit.idempotency import service as idempotency
from app.models import Complaint, IdempotentResponse
from app.models.roles import Role
from tests.factories import walk_in_body


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def _complaints(session) -> int:
    return int(await session.scalar(select(func.count()).select_from(Complaint)))


async def test_a_retry_gets_the_first_response_and_creates_nothing(client, auth, session):
    headers = {**auth(Role.DESK), **_key()}
    before = await _complaints(session)

    first = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)
    again = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers[idempotency.REPLAYED_HEADER] == "true"
    assert idempotency.REPLAYED_HEADER not in first.headers
    assert await _complaints(session) == before + 1


async def test_a_retry_with_its_json_keys_in_another_order_is_the_same_request(client, auth):
    headers = {**auth(Role.DESK), **_key()}
    body = walk_in_body()
    first = await client.post("/v1/complaints", json=body, headers=headers)
    reordered = dict(reversed(list(body.items())))
    again = await client.post("/v1/complaints", json=reordered, headers=headers)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]


async def test_the_same_key_with_another_body_is_refused(client, auth, session):
    headers = {**auth(Role.DESK), **_key()}
    await client.post("/v1/complaints", json=walk_in_body(), headers=headers)
    before = await _complaints(session)

    other = await client.post(
        "/v1/complaints", json=walk_in_body(description="Lampu jalan mati."), headers=headers
    )

    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["field"] == "Idempotency-Key"
    assert await _complaints(session) == before


async def test_keys_belong_to_the_api_key_that_sent_them(client, auth, session, keys):
    from app.auth import service as auth_service

    _, other_desk = await auth_service.create_key(session, name="desk 2", role=Role.DESK)
    key = _key()
    first = await client.post(
        "/v1/complaints", json=walk_in_body(), headers={**auth(Role.DESK), **key}
    )
    second = await client.post(
        "/v1/complaints",
        json=walk_in_body(),
        headers={"Authorization": f"Bearer {other_desk}", **key},
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


async def test_a_refused_request_leaves_the_key_free(client, auth):
    headers = {**auth(Role.DESK), **_key()}
    refused = await client.post(
        "/v1/complaints", json=walk_in_body(category="tidak-ada"), headers=headers
    )
    assert refused.status_code == 422
    accepted = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)
    assert accepted.status_code == 201
    assert idempotency.REPLAYED_HEADER not in accepted.headers


async def test_an_expired_key_runs_the_request_again(client, auth, session):
    headers = {**auth(Role.DESK), **_key()}
    first = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)
    await session.execute(
        update(IdempotentResponse).values(expires_at=func.now() - text("interval '1 second'"))
    )
    again = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)
    assert again.status_code == 201
    assert again.json()["id"] != first.json()["id"]


async def test_stored_responses_hold_no_personal_data_in_the_clear(client, auth, session):
    headers = {**auth(Role.DESK), **_key()}
    body = walk_in_body()
    created = await client.post("/v1/complaints", json=body, headers=headers)
    assert created.json()["complainant"]["nik"] == body["complainant"]["nik"]  # desk sees it

    raw = await session.execute(text("SELECT * FROM idempotent_responses"))
    dump = repr(raw.all()).encode()
    for secret in ("3171014505900002", "Siti Rahmawati", "siti@example.com", "081234567890"):
        assert secret.encode() not in dump
    assert headers["Idempotency-Key"].encode() not in dump


async def test_a_malformed_key_is_refused_naming_the_header(client, auth):
    response = await client.post(
        "/v1/complaints",
        json=walk_in_body(),
        headers={**auth(Role.DESK), "Idempotency-Key": "two words"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "Idempotency-Key"


async def test_a_retry_while_the_first_is_running_gets_409(own_database):
    """The first request holds the key's lock for its whole transaction: here another
    connection holds it, as a request still running would."""
    key = str(uuid.uuid4())
    lock_id = idempotency._lock_id(own_database.key_ids[Role.DESK], idempotency.key_hash(key))
    async with own_database.engine.connect() as holder:
        await holder.execute(text("SELECT pg_advisory_lock(:c, :o)"), {"c": 0x1DE4, "o": lock_id})
        response = await own_database.client.post(
            "/v1/complaints",
            json=walk_in_body(),
            headers={**own_database.auth(Role.DESK), "Idempotency-Key": key},
        )
        await holder.execute(text("SELECT pg_advisory_unlock_all()"))
    assert response.status_code == 409
    assert response.json()["field"] == "Idempotency-Key"
    assert response.headers["retry-after"]
    async with own_database.engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(Complaint)) == 0


async def test_a_hundred_concurrent_identical_posts_create_one_complaint(own_database):
    own_database.allow_in_flight(100)
    headers = {**own_database.auth(Role.DESK), **_key()}
    body = walk_in_body()

    responses = await asyncio.gather(
        *(
            own_database.client.post("/v1/complaints", json=body, headers=headers)
            for _ in range(100)
        )
    )

    statuses = sorted({r.status_code for r in responses})
    assert set(statuses) <= {201, 409}, statuses
    created = [r for r in responses if r.status_code == 201]
    assert len({r.json()["id"] for r in created}) == 1
    assert sum(idempotency.REPLAYED_HEADER not in r.headers for r in created) == 1
    async with own_database.engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(Complaint)) == 1
    # Whoever got a 409 retries and is answered with the one complaint.
    retry = await own_database.client.post("/v1/complaints", json=body, headers=headers)
    assert retry.status_code == 201
    assert retry.json()["id"] == created[0].json()["id"]


async def test_two_idempotency_keys_on_one_request_are_refused(client, session, auth):
    headers = [
        *auth(Role.DESK).items(),
        ("Idempotency-Key", str(uuid.uuid4())),
        ("Idempotency-Key", str(uuid.uuid4())),
    ]

    response = await client.post("/v1/complaints", json=walk_in_body(), headers=headers)

    assert response.status_code == 400
    assert response.json()["field"] == "Idempotency-Key"
    assert await session.scalar(select(func.count()).select_from(Complaint)) == 0
