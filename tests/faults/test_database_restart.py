"""PostgreSQL stopped and started under load, the app left running: 503 problem+json while it is
down (quickly, never a 500 or a hang), failing readiness, service again after, nothing lost or
doubled. Desk terminals retry a failed POST with the same Idempotency-Key, as a mobile app does."""

from __future__ import annotations

import asyncio
import itertools
import random
import time
import uuid
from dataclasses import dataclass, field

import asyncpg
import httpx
import pytest

from tests.factories import walk_in_body

ANSWER_WITHIN = 5.0  # seconds: a slower answer, outage or not, counts as a hang
RETRY_FOR = 30.0  # seconds a terminal keeps retrying one complaint
PROBLEM = "application/problem+json"


@dataclass
class Seen:
    """What the load saw: every answer, and every request that got none."""

    answers: list[tuple[str, int, str, str | None]] = field(default_factory=list)
    no_answer: list[str] = field(default_factory=list)

    def note(self, response: httpx.Response) -> None:
        self.answers.append(
            (
                response.request.method,
                response.status_code,
                response.headers.get("content-type", ""),
                response.headers.get("retry-after"),
            )
        )


@dataclass
class Terminal:
    """One desk terminal: records complaints one after another, retrying each until stored."""

    http: httpx.AsyncClient
    headers: dict[str, str]
    seen: Seen
    numbers: itertools.count[int]
    stored: dict[str, tuple[str, dict[str, object]]] = field(default_factory=dict)

    async def record_one(self) -> None:
        key, n = str(uuid.uuid4()), next(self.numbers)
        body = walk_in_body(description=f"Keluhan nomor {n}: saluran air tersumbat di depan rumah.")
        deadline = time.monotonic() + RETRY_FOR
        while time.monotonic() < deadline:
            try:
                response = await self.http.post(
                    "/v1/complaints", json=body, headers={**self.headers, "Idempotency-Key": key}
                )
            except httpx.TransportError as exc:
                self.seen.no_answer.append(f"POST: {type(exc).__name__}")
            else:
                self.seen.note(response)
                if response.status_code == 201:
                    self.stored[key] = (response.json()["id"], body)
                    return
            await asyncio.sleep(0.1)
        raise AssertionError(f"complaint {n} was never stored")

    async def run(self, until: asyncio.Event) -> None:
        while not until.is_set():
            await self.record_one()


async def read_until(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    terminals: list[Terminal],
    until: asyncio.Event,
) -> None:
    """A reader: fetches recorded complaints and the newest page, over and over."""
    while not until.is_set():
        ids = [cid for t in terminals for cid, _ in t.stored.values()]
        path = f"/v1/complaints/{random.choice(ids)}" if ids else "/v1/complaints?limit=5"
        try:
            terminals[0].seen.note(await http.get(path, headers=headers))
        except httpx.TransportError as exc:
            terminals[0].seen.no_answer.append(f"GET: {type(exc).__name__}")
        await asyncio.sleep(0.05)


async def bounded(calls, limit: int = 8) -> list[httpx.Response]:  # type: ignore[no-untyped-def]
    """Run the request coroutines `calls`, at most `limit` at a time, in order."""
    gate = asyncio.Semaphore(limit)

    async def one(call):  # type: ignore[no-untyped-def]
        async with gate:
            return await call

    return await asyncio.gather(*(one(c) for c in calls))


async def wait_until(condition, what: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


@pytest.mark.parametrize("private_postgres", ["tcp", "unix"], indirect=True)
async def test_a_database_restart_loses_and_doubles_nothing(private_postgres, served):
    timeout = httpx.Timeout(ANSWER_WITHIN)
    async with httpx.AsyncClient(base_url=served.base_url, timeout=timeout) as http:
        made = await http.post(
            "/v1/api-keys",
            json={"name": "meja uji", "role": "desk", "rate_limit_per_minute": 100_000},
            headers={"Authorization": f"Bearer {served.admin_key}"},
        )
        assert made.status_code == 201, made.text
        desk = {"Authorization": f"Bearer {made.json()['key']}"}

        seen, numbers, done = Seen(), itertools.count(), asyncio.Event()
        terminals = [Terminal(http, desk, seen, numbers) for _ in range(4)]
        load = [asyncio.create_task(t.run(done)) for t in terminals]
        load += [asyncio.create_task(read_until(http, desk, terminals, done)) for _ in range(2)]
        try:
            await asyncio.sleep(1.0)  # requests in flight
            await asyncio.to_thread(private_postgres.stop)
            outage = []
            for _ in range(5):
                ready = await http.get("/readyz")
                read = await http.get("/v1/complaints?limit=1", headers=desk)
                outage += [(ready.status_code, ready.headers["content-type"])]
                outage += [(read.status_code, read.headers["content-type"])]
                await asyncio.sleep(0.2)
            stored_before = sum(len(t.stored) for t in terminals)
            await asyncio.to_thread(private_postgres.start)

            # The same process recovers: its pool replaces the connections the restart broke.
            async def ready() -> bool:
                return (await http.get("/readyz")).status_code == 200

            await wait_until(ready, "readiness after the restart", 30)

            async def more_stored() -> bool:
                return sum(len(t.stored) for t in terminals) >= stored_before + 20

            await wait_until(more_stored, "complaints recorded after the restart", 30)
        finally:
            done.set()
            await asyncio.wait_for(asyncio.gather(*load, return_exceptions=True), RETRY_FOR + 10)
        for task in load:
            task.result()  # a terminal that gave up fails the test here
        assert served.process.poll() is None  # never restarted

        # A retry of a complaint recorded before, during or after the outage gets the first
        # answer again instead of a second complaint.
        stored = {key: value for t in terminals for key, value in t.stored.items()}
        replays = await bounded(
            [
                http.post("/v1/complaints", json=body, headers={**desk, "Idempotency-Key": key})
                for key, (_, body) in stored.items()
            ]
        )
        fetched = await bounded(
            [http.get(f"/v1/complaints/{cid}", headers=desk) for cid, _ in stored.values()]
        )

    assert all(status == 503 and kind == PROBLEM for status, kind in outage), outage
    assert not seen.no_answer, seen.no_answer[:10]
    assert {status for _, status, _, _ in seen.answers} <= {200, 201, 409, 503}
    unavailable = [a for a in seen.answers if a[1] == 503]
    assert unavailable, "the load never met the outage"
    assert all(kind == PROBLEM and retry for _, _, kind, retry in unavailable), unavailable[:5]

    for (cid, body), replay, got in zip(stored.values(), replays, fetched, strict=True):
        assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
        assert replay.json()["id"] == cid
        assert got.status_code == 200 and got.json()["description"] == body["description"]

    conn = await asyncpg.connect(private_postgres.url, timeout=10)
    try:
        rows = await conn.fetch("SELECT id::text, description FROM complaints")
    finally:
        await conn.close()
    # Every complaint a terminal was told is stored is there, once; nothing else is.
    assert sorted(r["id"] for r in rows) == sorted(cid for cid, _ in stored.values())
    assert len({r["description"] for r in rows}) == len(rows)
