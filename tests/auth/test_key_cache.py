"""Keys cached per worker process: no query per request, and no worker keeps a changed key."""

import asyncio
import time

from sqlalchemy import select, text

from app.kit.security import hash_api_key
from app.models import ApiKey
from app.models.roles import Role
from tests.statements import statements_sent

ANY_READ = "/v1/complaints?limit=1"  # an endpoint every key may call


def _reads_of(sent: list[str], table: str) -> list[str]:
    return [s for s in sent if s.lstrip().upper().startswith("SELECT") and table in s]


async def _refused_within(client, headers, seconds: float = 3.0) -> float:
    """Seconds until the key is refused (401); fails the test if it is not by then."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if (await client.get(ANY_READ, headers=headers)).status_code == 401:
            return time.monotonic() - started
        await asyncio.sleep(0.01)
    raise AssertionError(f"the key still worked after {seconds} s")


async def test_a_cached_key_costs_no_query(own_database, workers):
    worker = await workers()
    headers = own_database.auth(Role.VIEWER)

    with statements_sent(worker.engine) as first:
        assert (await worker.client.get(ANY_READ, headers=headers)).status_code == 200
    with statements_sent(worker.engine) as later:
        for _ in range(5):
            assert (await worker.client.get(ANY_READ, headers=headers)).status_code == 200

    assert len(_reads_of(first, "api_keys")) == 1
    assert _reads_of(later, "api_keys") == []


async def test_a_key_revoked_through_one_worker_is_refused_by_the_others(own_database, workers):
    one, other = await workers(), await workers()
    viewer = own_database.auth(Role.VIEWER)
    for worker in (one, other):  # both have the key cached
        assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200

    revoked = await one.client.post(
        f"/v1/api-keys/{own_database.key_ids[Role.VIEWER]}/revoke",
        headers=own_database.auth(Role.ADMIN),
    )

    assert revoked.status_code == 200
    assert (await one.client.get(ANY_READ, headers=viewer)).status_code == 401
    assert await _refused_within(other.client, viewer) < 1.0


async def test_a_key_changed_by_hand_in_the_database_is_read_again(own_database, workers):
    worker = await workers()
    viewer = own_database.auth(Role.VIEWER)
    assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200

    async with own_database.engine.begin() as conn:
        await conn.execute(
            text("UPDATE api_keys SET expires_at = now() WHERE id = :id"),
            {"id": own_database.key_ids[Role.VIEWER]},
        )

    assert await _refused_within(worker.client, viewer) < 1.0


async def test_recording_a_keys_use_does_not_empty_the_caches(own_database, workers):
    worker = await workers()
    cache = worker.app.state.keys
    for role in (Role.VIEWER, Role.DESK):
        assert (
            await worker.client.get(ANY_READ, headers=own_database.auth(role))
        ).status_code == 200
    assert len(cache) == 2
    await worker.app.state.bookkeeping.flush()  # both keys' use, committed

    # A change after it: PostgreSQL delivers notifications in commit order, so once this one has
    # dropped the desk key, one sent by the write of the keys' use would have arrived too.
    async with own_database.engine.begin() as conn:
        await conn.execute(
            text("UPDATE api_keys SET name = 'meja baru' WHERE id = :id"),
            {"id": own_database.key_ids[Role.DESK]},
        )
    for _ in range(200):
        if cache.get(hash_api_key(own_database.keys[Role.DESK])) is None:
            break
        await asyncio.sleep(0.01)
    assert cache.get(hash_api_key(own_database.keys[Role.DESK])) is None

    assert cache.get(hash_api_key(own_database.keys[Role.VIEWER])) is not None
    assert len(cache) == 1


async def test_without_its_listener_a_worker_reads_every_key(own_database, workers):
    worker = await workers()
    viewer = own_database.auth(Role.VIEWER)
    assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200
    cache = worker.app.state.keys

    async with own_database.engine.begin() as conn:
        await conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            )
        )
    for _ in range(100):
        if not cache.listening:
            break
        await asyncio.sleep(0.01)
    assert not cache.listening
    assert len(cache) == 0
    with statements_sent(worker.engine) as sent:
        for _ in range(3):
            assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200
    assert (
        len(_reads_of(sent, "api_keys")) == 3
    )  # no cache while nobody listens: every request reads its key

    for _ in range(100):  # it listens again on a new connection
        if cache.listening:
            break
        await asyncio.sleep(0.05)
    assert cache.listening


async def test_key_use_is_written_in_the_background(own_database, workers):
    worker = await workers()
    assert (
        await worker.client.get(ANY_READ, headers=own_database.auth(Role.VIEWER))
    ).status_code == 200

    await worker.app.state.bookkeeping.flush()

    async with own_database.engine.connect() as conn:
        used = await conn.scalar(
            select(ApiKey.last_used_at).where(ApiKey.id == own_database.key_ids[Role.VIEWER])
        )
    assert used is not None
