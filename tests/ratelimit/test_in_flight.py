"""One key's requests in progress are bounded: more wait for a slot, then are refused; other keys
are not held up."""

import asyncio
import contextlib
import random
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text

from app.kit.config import get_settings
from app.kit.errors import TooManyRequests
from app.models.roles import Role
from app.ratelimit.inflight import InFlight
from tests.factories import create_complaint

LIMIT = get_settings().max_in_flight_per_key


async def _waiting_on_a_lock(own_database, count: int) -> None:
    """Until `count` of the app's connections wait on a row lock."""
    for _ in range(200):
        async with own_database.engine.connect() as conn:
            waiting = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        if waiting >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} requests never waited on the row")


@contextlib.asynccontextmanager
async def _every_slot_taken(own_database) -> AsyncIterator[tuple[str, Any, list[asyncio.Task]]]:
    """The desk key with all its slots taken: corrections of a complaint whose row the test
    holds locked, each waiting on the lock. Yields the complaint's path, the connection
    holding the lock (roll it back to let them through) and the waiting corrections."""
    client, desk = own_database.client, own_database.auth(Role.DESK)
    complaint = await create_complaint(client, desk)
    path = f"/v1/complaints/{complaint['id']}"
    async with own_database.engine.connect() as holder:
        await holder.execute(
            text("SELECT 1 FROM complaints WHERE id = :id FOR UPDATE"), {"id": complaint["id"]}
        )
        stuck = [
            asyncio.create_task(
                client.patch(path, json={"description": f"Koreksi {n} dari meja."}, headers=desk)
            )
            for n in range(LIMIT)
        ]
        await _waiting_on_a_lock(own_database, LIMIT)
        yield path, holder, stuck


async def test_a_key_with_its_limit_of_requests_in_progress_is_refused_more(own_database):
    own_database.change_settings(in_flight_wait=0.3)
    client, desk = own_database.client, own_database.auth(Role.DESK)

    async with _every_slot_taken(own_database) as (path, holder, stuck):
        # Bounded: without the limit this read would queue behind the lock (its audit entry
        # references the row) and the test would wait forever instead of failing.
        refused = await asyncio.wait_for(client.get(path, headers=desk), 10)
        other_key = await client.get(path, headers=own_database.auth(Role.VIEWER))
        health = await client.get("/healthz")
        await holder.rollback()

    assert refused.status_code == 429  # after waiting 0.3 s for a slot that did not free
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == "1"
    assert "in progress" in refused.json()["detail"]
    assert other_key.status_code == 200  # another key is not held up
    assert health.status_code == 200
    assert [r.status_code for r in await asyncio.gather(*stuck)] == [200] * LIMIT
    # Each answered request gave its slot back.
    assert own_database.app.state.in_flight.count(own_database.key_ids[Role.DESK]) == 0
    assert (await client.get(path, headers=desk)).status_code == 200


async def test_a_refused_or_failed_request_gives_its_slot_back(own_database):
    client, viewer = own_database.client, own_database.auth(Role.VIEWER)
    key_id = own_database.key_ids[Role.VIEWER]

    for _ in range(LIMIT + 2):  # 403 (a role refused), 404 (nothing there), 422 (bad input)
        assert (await client.post("/v1/complaints", json={}, headers=viewer)).status_code == 403
        missing = "/v1/complaints/00000000-0000-4000-8000-000000000000"
        assert (await client.get(missing, headers=viewer)).status_code == 404
        bad = await client.get("/v1/complaints?limit=1000", headers=viewer)
        assert bad.status_code == 422

    assert own_database.app.state.in_flight.count(key_id) == 0
    assert (await client.get("/v1/complaints", headers=viewer)).status_code == 200


async def test_a_request_over_the_limit_waits_for_a_slot_and_is_answered(own_database):
    own_database.change_settings(in_flight_wait=30)
    client, desk = own_database.client, own_database.auth(Role.DESK)
    key_id = own_database.key_ids[Role.DESK]

    async with _every_slot_taken(own_database) as (_, holder, stuck):
        parked = asyncio.create_task(client.get("/v1/complaints?limit=1", headers=desk))
        for _ in range(500):  # a busy machine may take a while to get the request there
            if own_database.app.state.in_flight.waiting(key_id):
                break
            await asyncio.sleep(0.02)
        assert own_database.app.state.in_flight.waiting(key_id) == 1
        assert not parked.done()
        await holder.rollback()

    assert (await asyncio.wait_for(parked, 20)).status_code == 200
    assert [r.status_code for r in await asyncio.gather(*stuck)] == [200] * LIMIT
    assert own_database.app.state.in_flight.count(key_id) == 0
    assert own_database.app.state.in_flight.waiting(key_id) == 0


async def test_no_request_waits_out_its_time_while_a_slot_is_free():
    """Requests coming and going at random, some giving up early: a refusal happens only with
    every slot taken, and in the end no slot or waiter is left behind."""
    in_flight, key, limit = InFlight(), uuid.uuid4(), 2
    rng = random.Random(13)
    refused_with_free_slot = []

    async def one() -> None:
        state: dict[str, object] = {}
        await asyncio.sleep(rng.uniform(0, 0.05))
        try:
            await in_flight.acquire(state, key, limit=limit, wait=rng.uniform(0.001, 0.02))
        except TooManyRequests:
            if in_flight.count(key) < limit:
                refused_with_free_slot.append(in_flight.count(key))
            return
        try:
            await asyncio.sleep(rng.uniform(0, 0.01))
        finally:
            in_flight.release(state)

    await asyncio.gather(*(one() for _ in range(400)))

    assert refused_with_free_slot == []
    assert (in_flight.count(key), in_flight.waiting(key)) == (0, 0)


async def test_a_waiter_arriving_as_others_leave_still_gets_the_freed_slot():
    # A finished request hands its slot to the first waiter while the second gives up; a
    # request arriving just then must still be handed the slot the first waiter gives back.
    in_flight, key = InFlight(), uuid.uuid4()
    holder, first, leaving, arriving = {}, {}, {}, {}
    await in_flight.acquire(holder, key, limit=1, wait=1)
    waits = asyncio.create_task(in_flight.acquire(first, key, limit=1, wait=10))
    gives_up = asyncio.create_task(in_flight.acquire(leaving, key, limit=1, wait=10))
    for _ in range(3):
        await asyncio.sleep(0)  # both parked
    assert in_flight.waiting(key) == 2

    in_flight.release(holder)
    gives_up.cancel()
    late = asyncio.create_task(in_flight.acquire(arriving, key, limit=1, wait=0.5))
    await waits
    in_flight.release(first)

    await late  # handed the slot, not refused after waiting with the slot free
    in_flight.release(arriving)
    assert (in_flight.count(key), in_flight.waiting(key)) == (0, 0)
