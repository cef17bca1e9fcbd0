"""Keys cached per worker process: no query per request, and no worker keeps a changed key."""

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select, text

from app.auth.roles import Role
from app.models import ApiKey

ANY_READ = "/v1/complaints?limit=1"  # an endpoint every key may call


@contextmanager
def reads_of(engine, table: str) -> Iterator[list[str]]:
    """The SELECTs the engine sends that name `table`, while the block runs."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and table in statement:
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)


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

    with reads_of(worker.engine, "api_keys") as first:
        assert (await worker.client.get(ANY_READ, headers=headers)).status_code == 200
    with reads_of(worker.engine, "api_keys") as later:
        for _ in range(5):
            assert (await worker.client.get(ANY_READ, headers=headers)).status_code == 200

    assert len(first) == 1
    assert later == []


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
    viewer = own_database.auth(Role.VIEWER)
    assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200
    await worker.app.state.bookkeeping.flush()
    await asyncio.sleep(0.2)  # a notification, had there been one, would have arrived

    assert len(worker.app.state.keys) == 1


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
    with reads_of(worker.engine, "api_keys") as reads:
        for _ in range(3):
            assert (await worker.client.get(ANY_READ, headers=viewer)).status_code == 200
    assert len(reads) == 3  # no cache while nobody listens: every request reads its key

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
