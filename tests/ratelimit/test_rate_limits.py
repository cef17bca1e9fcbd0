"""Per-key rate limits: headers on every answer, 429 past the limit, shared by every worker."""

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import insert, select, text

from app.auth import service as auth_service
from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.security import hash_api_key
from app.main import create_app, init_state
from app.models import RateLimitWindow
from app.models.roles import Role
from app.ratelimit.service import window_of


async def _key(session, limit: int | None) -> dict[str, str]:
    _, secret = await auth_service.create_key(
        session, name="terbatas", role=Role.VIEWER, rate_limit_per_minute=limit
    )
    await session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _fields(header: str) -> dict[str, str]:
    # '"per-key";r=4;t=31' -> {"r": "4", "t": "31"}
    return dict(part.split("=", 1) for part in header.split(";")[1:])


async def test_every_answer_says_how_many_requests_are_left(client, session, one_minute):
    headers = await _key(session, 10)
    async with one_minute():
        first = await client.get("/v1/complaints", headers=headers)
        second = await client.get("/v1/complaints", headers=headers)

    assert first.headers["ratelimit-policy"] == '"per-key";q=10;w=60'
    before, after = _fields(first.headers["ratelimit"]), _fields(second.headers["ratelimit"])
    assert (int(before["r"]), int(after["r"])) == (9, 8)
    assert 0 < int(after["t"]) <= 60


async def test_past_its_limit_a_key_gets_429_with_retry_after(client, session, one_minute):
    limited, other = await _key(session, 3), await _key(session, 3)
    async with one_minute():
        for _ in range(3):
            assert (await client.get("/v1/complaints", headers=limited)).status_code == 200

        refused = await client.get("/v1/complaints", headers=limited)

    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert _fields(refused.headers["ratelimit"])["r"] == "0"
    # Another key has its own allowance.
    assert (await client.get("/v1/complaints", headers=other)).status_code == 200


async def test_a_key_without_its_own_limit_gets_the_services_default(client, session):
    headers = await _key(session, None)
    response = await client.get("/v1/complaints", headers=headers)
    default = get_settings().rate_limit_per_minute
    assert response.headers["ratelimit-policy"] == f'"per-key";q={default};w=60'


async def test_the_limit_holds_across_worker_processes(own_database, one_minute):
    """Two apps with engines of their own, as two uvicorn workers have, share one count."""
    async with own_database.engine.begin() as conn:
        await conn.execute(
            text("UPDATE api_keys SET rate_limit_per_minute = 6 WHERE role = 'viewer'")
        )
    # More concurrent requests than the second worker's pool holds: none may wait forever.
    second_app = create_app(get_settings(), configure_logs=False)
    second_engine = create_engine(own_database.url, pool_size=2)
    init_state(second_app, second_engine)
    transport = httpx.ASGITransport(app=second_app, raise_app_exceptions=False)
    headers = own_database.auth(Role.VIEWER)
    try:
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://test") as second,
            one_minute(),
        ):
            workers = [own_database.client, second]
            statuses = await asyncio.gather(
                *(workers[n % 2].get("/v1/complaints", headers=headers) for n in range(10))
            )
    finally:
        await second_engine.dispose()
    assert sorted(r.status_code for r in statuses) == [200] * 6 + [429] * 4


async def test_windows_that_ended_are_dropped(own_database):
    headers = own_database.auth(Role.VIEWER)
    key_hash = hash_api_key(own_database.keys[Role.VIEWER])
    start, _ = window_of(datetime.now(UTC))
    async with own_database.engine.begin() as conn:
        await conn.execute(
            insert(RateLimitWindow).values(
                [
                    {
                        "key_hash": key_hash,
                        "window_start": start - timedelta(minutes=5),
                        "count": 9,
                    },
                    {
                        "key_hash": b"x" * 32,
                        "window_start": start - timedelta(minutes=3),
                        "count": 1,
                    },
                ]
            )
        )

    await own_database.client.get("/v1/complaints", headers=headers)

    async with own_database.engine.connect() as conn:
        rows = (await conn.execute(select(RateLimitWindow.key_hash, RateLimitWindow.count))).all()
    # The key's old window went with its first request of this one; so did a vanished key's.
    assert rows == [(key_hash, 1)]


def test_the_window_is_the_current_minute():
    start, left = window_of(datetime(2026, 11, 29, 3, 15, 42, 500, tzinfo=UTC))
    assert start == datetime(2026, 11, 29, 3, 15, tzinfo=UTC)
    assert left == 18
