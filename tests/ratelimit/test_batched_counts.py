"""Rate limits counted in memory between background writes, as worker processes count them."""

import asyncio

import httpx
from sqlalchemy import func, select, text

from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.security import hash_api_key
from app.main import create_app, init_state
from app.models import RateLimitWindow
from app.models.roles import Role
from app.server.bookkeeping import Bookkeeping
from tests.keycache import key_cache_on
from tests.statements import statements_sent

ANY_READ = "/v1/complaints?limit=1"  # an endpoint every key may call


async def _limit(own_database, limit: int) -> dict[str, str]:
    async with own_database.engine.begin() as conn:
        await conn.execute(
            text("UPDATE api_keys SET rate_limit_per_minute = :n WHERE role = 'viewer'"),
            {"n": limit},
        )
    return own_database.auth(Role.VIEWER)


async def _counted(own_database) -> int:
    key_hash = hash_api_key(own_database.keys[Role.VIEWER])
    async with own_database.engine.connect() as conn:
        total = await conn.scalar(
            select(func.sum(RateLimitWindow.count)).where(RateLimitWindow.key_hash == key_hash)
        )
    return int(total or 0)


async def test_a_key_far_from_its_limit_is_counted_without_a_write_per_request(
    own_database, workers
):
    headers = await _limit(own_database, 1000)
    worker = await workers()
    with statements_sent(worker.engine) as sent:
        for _ in range(40):
            assert (await worker.client.get(ANY_READ, headers=headers)).status_code == 200
        await worker.app.state.bookkeeping.flush()
    writes = [s for s in sent if "rate_limit_windows" in s]

    assert await _counted(own_database) == 40  # every request, none lost
    assert len(writes) < 20  # the first request, then a batch per flush (and its sweep)


async def test_two_workers_counting_in_memory_share_one_limit(own_database, workers, one_minute):
    headers = await _limit(own_database, 30)
    one, other = await workers(), await workers()
    async with one_minute():
        for _ in range(15):
            assert (await one.client.get(ANY_READ, headers=headers)).status_code == 200
        await one.app.state.bookkeeping.flush()

        statuses = [
            (await other.client.get(ANY_READ, headers=headers)).status_code for _ in range(20)
        ]

    assert statuses == [200] * 15 + [429] * 5
    await other.app.state.bookkeeping.flush()
    assert await _counted(own_database) == 35  # refused requests count too


async def test_concurrent_requests_near_the_limit_never_pass_it(own_database, workers, one_minute):
    headers = await _limit(own_database, 25)
    one, other = await workers(), await workers()
    one.allow_in_flight(40)
    other.allow_in_flight(40)

    async with one_minute():
        statuses = await asyncio.gather(
            *((one, other)[n % 2].client.get(ANY_READ, headers=headers) for n in range(40))
        )

    assert sorted(r.status_code for r in statuses) == [200] * 25 + [429] * 15


async def test_counts_still_in_memory_are_written_when_the_worker_stops(own_database, one_minute):
    headers = await _limit(own_database, 1000)
    app = create_app(get_settings(), configure_logs=False)
    engine = create_engine(own_database.url, pool_size=2)
    init_state(app, engine)
    # No periodic write during the test: only the one at shutdown can store the counts.
    app.state.bookkeeping = Bookkeeping(engine, app.state.limiter, app.state.key_use, interval=3600)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with app.router.lifespan_context(app):
            # With the key cache off every request would be counted in PostgreSQL at once.
            await key_cache_on(app)
            async with one_minute():
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                    for _ in range(12):
                        assert (await client.get(ANY_READ, headers=headers)).status_code == 200
                # The first request of a minute is written at once; the rest wait in memory.
                assert await _counted(own_database) == 1
    finally:
        await engine.dispose()

    assert await _counted(own_database) == 12
