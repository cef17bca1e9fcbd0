"""Shutdown drains: a request in flight when `pintu serve` is told to stop still gets its answer;
one that outlasts SHUTDOWN_GRACE_PERIOD is cut, writes nothing, and does not hold up the exit."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import httpx

from tests.factories import walk_in_body
from tests.faults.conftest import PrivatePostgres, Served, serving

CORRECTION = {"description": "Dikoreksi saat server berhenti."}


async def _complaint(http: httpx.AsyncClient, admin_key: str) -> tuple[dict[str, str], str]:
    """A desk key and one complaint recorded with it."""
    made = await http.post(
        "/v1/api-keys",
        json={"name": "meja", "role": "desk"},
        headers={"Authorization": f"Bearer {admin_key}"},
    )
    assert made.status_code == 201, made.text
    desk = {"Authorization": f"Bearer {made.json()['key']}"}
    recorded = await http.post("/v1/complaints", json=walk_in_body(), headers=desk)
    assert recorded.status_code == 201, recorded.text
    return desk, recorded.json()["id"]


@asynccontextmanager
async def row_held(url: str, complaint_id: str) -> AsyncIterator[asyncpg.Transaction]:
    """The complaint's row locked by a connection of the test's own until the block ends (or
    the returned transaction is rolled back): a correction of it waits, in flight."""
    holder = await asyncpg.connect(url, timeout=10)
    try:
        lock = holder.transaction()
        await lock.start()
        await holder.execute("SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE", complaint_id)
        yield lock
    finally:
        await holder.close()  # ends the transaction, if still open: the lock goes with it


async def _waiting_on_the_row(url: str) -> bool:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        waiting = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE application_name = 'pintu' AND wait_event_type = 'Lock'"
        )
    finally:
        await conn.close()
    return bool(waiting)


async def _until(condition, what: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


async def _refuses_new_connections(base_url: str) -> bool:
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=2) as fresh:
            await fresh.get("/healthz")
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError):
        # Refused, or accepted in the instant before the listener closed and then closed (or
        # reset) unanswered by the shutdown (it ends connections with no request in progress).
        return True
    return False


async def _exit_code(served: Served, seconds: float) -> int:
    return await asyncio.to_thread(served.process.wait, seconds)


async def test_a_request_in_flight_at_sigterm_completes_and_the_server_exits_cleanly(
    private_postgres: PrivatePostgres, served: Served
):
    async with httpx.AsyncClient(base_url=served.base_url, timeout=30) as http:
        desk, complaint_id = await _complaint(http, served.admin_key)
        async with row_held(private_postgres.url, complaint_id) as lock:
            in_flight = asyncio.create_task(
                http.patch(f"/v1/complaints/{complaint_id}", json=CORRECTION, headers=desk)
            )
            await _until(lambda: _waiting_on_the_row(private_postgres.url), "the lock wait", 10)

            served.process.send_signal(signal.SIGTERM)
            await _until(lambda: _refuses_new_connections(served.base_url), "the listener", 10)
            assert not in_flight.done() and served.process.poll() is None  # still draining
            await lock.rollback()

        response = await asyncio.wait_for(in_flight, timeout=20)
        exit_code = await _exit_code(served, 20)

    assert response.status_code == 200, response.text
    assert response.json()["description"] == CORRECTION["description"]
    assert exit_code == 0


async def test_a_request_outlasting_the_grace_period_is_cut_and_writes_nothing(
    private_postgres: PrivatePostgres,
):
    with serving(private_postgres.url, SHUTDOWN_GRACE_PERIOD="1") as served:
        async with httpx.AsyncClient(base_url=served.base_url, timeout=30) as http:
            desk, complaint_id = await _complaint(http, served.admin_key)
            async with row_held(private_postgres.url, complaint_id):
                in_flight = asyncio.create_task(
                    http.patch(f"/v1/complaints/{complaint_id}", json=CORRECTION, headers=desk)
                )
                await _until(lambda: _waiting_on_the_row(private_postgres.url), "the wait", 10)

                stopping = time.monotonic()
                served.process.send_signal(signal.SIGTERM)
                # The lock is still held: the process leaves without the request.
                exit_code = await _exit_code(served, 15)
                stopped_in = time.monotonic() - stopping
                cut = await asyncio.wait_for(in_flight, timeout=10)

    assert exit_code == 0
    assert stopped_in < 10
    # Not a 500: the client is told to retry, and the answer is a problem like any other.
    assert cut.status_code == 503
    assert cut.headers["content-type"] == "application/problem+json"
    assert cut.headers["retry-after"] == "1"
    assert cut.json()["type"].endswith("/shutting-down")
    # Its transaction never committed: once the lock is gone the correction is not there.
    conn = await asyncpg.connect(private_postgres.url, timeout=10)
    try:
        await _until(
            lambda: _no_pintu_session(conn), "the cut request's session to end", seconds=10
        )
        description = await conn.fetchval(
            "SELECT description FROM complaints WHERE id = $1", complaint_id
        )
    finally:
        await conn.close()
    assert description == walk_in_body()["description"]


async def _no_pintu_session(conn: asyncpg.Connection) -> bool:
    left = await conn.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pintu'"
    )
    return left == 0
