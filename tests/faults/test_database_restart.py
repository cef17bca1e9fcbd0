"""PostgreSQL restarts under load: 503 while it is down, service again after, nothing lost or
doubled. The clients retry a failed POST with the same Idempotency-Key, as a mobile app does."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import httpx

from tests.factories import walk_in_body

RETRY_FOR = 90.0  # seconds a client keeps retrying one complaint


async def _desk_key(client: httpx.AsyncClient, admin_key: str) -> dict[str, str]:
    made = await client.post(
        "/v1/api-keys",
        json={"name": "meja uji", "role": "desk", "rate_limit_per_minute": 100000},
        headers={"Authorization": f"Bearer {admin_key}"},
    )
    assert made.status_code == 201, made.text
    return {"Authorization": f"Bearer {made.json()['key']}"}


class Client:
    """One desk terminal: records complaints one after another, retrying each until stored."""

    def __init__(self, http: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self.http, self.headers = http, headers
        self.stored: dict[str, str] = {}  # idempotency key -> complaint id
        self.statuses: list[int] = []

    async def record_one(self, n: int) -> None:
        key = str(uuid.uuid4())
        body = walk_in_body(description=f"Keluhan nomor {n}: saluran air tersumbat di depan rumah.")
        deadline = time.monotonic() + RETRY_FOR
        while time.monotonic() < deadline:
            try:
                response = await self.http.post(
                    "/v1/complaints", json=body, headers={**self.headers, "Idempotency-Key": key}
                )
            except httpx.TransportError:
                await asyncio.sleep(0.2)
                continue
            self.statuses.append(response.status_code)
            if response.status_code == 201:
                self.stored[key] = response.json()["id"]
                return
            assert response.status_code in {409, 503}, response.text
            assert response.headers["content-type"] == "application/problem+json"
            await asyncio.sleep(0.2)
        raise AssertionError(f"complaint {n} was never stored")

    async def run(self, until: asyncio.Event, first: int) -> None:
        n = first
        while not until.is_set():
            await self.record_one(n)
            n += 1


async def test_a_database_restart_loses_and_doubles_nothing(private_postgres, served):
    async with httpx.AsyncClient(base_url=served.base_url, timeout=15) as http:
        desk = await _desk_key(http, served.admin_key)
        clients = [Client(http, desk) for _ in range(4)]
        done = asyncio.Event()
        load = [asyncio.create_task(c.run(done, 1000 * i)) for i, c in enumerate(clients)]
        await asyncio.sleep(1.0)  # requests in flight

        await asyncio.to_thread(private_postgres.stop)
        outage = []
        for _ in range(5):
            ready = await http.get("/readyz")
            read = await http.get("/v1/complaints?limit=1", headers=desk)
            outage.append((ready.status_code, read.status_code, read.headers["content-type"]))
            await asyncio.sleep(0.2)
        await asyncio.to_thread(private_postgres.start)

        deadline = time.monotonic() + 30
        while (await http.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline, "the service did not recover"
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)  # more requests after the restart
        done.set()
        await asyncio.wait_for(asyncio.gather(*load), timeout=RETRY_FOR + 30)

        answered = (await http.get("/v1/complaints?limit=1", headers=desk)).status_code

    assert all(ready != 200 for ready, _, _ in outage), outage
    assert all(read == 503 and kind == "application/problem+json" for _, read, kind in outage)
    assert answered == 200
    statuses = [s for c in clients for s in c.statuses]
    assert 500 not in statuses
    assert 503 in statuses  # the load did meet the outage

    stored = {key: cid for c in clients for key, cid in c.stored.items()}
    conn = await asyncpg.connect(private_postgres.url)
    try:
        rows = await conn.fetch("SELECT id::text, description FROM complaints")
    finally:
        await conn.close()
    ids = [r["id"] for r in rows]
    # Every complaint a client was told is stored is there, once; nothing else is.
    assert sorted(ids) == sorted(stored.values())
    assert len({r["description"] for r in rows}) == len(rows)
