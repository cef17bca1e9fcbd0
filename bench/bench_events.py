"""Events: how soon a committed event reaches a webhook receiver, and what writing one adds to a
write.

    .venv/bin/python bench/bench_events.py [--rate 100] [--seconds 20]

On a fresh database of the benchmarks' server (bench/common.py):

1. Commit to delivery. A receiver on loopback (asyncio, answering 200 at once) is subscribed to
   every event; `pintu deliver-events` runs as its own process, as in production. A writer
   commits one complaint-sized event per transaction at `--rate` a second (open loop, for
   `--seconds`). Each event's latency runs from the moment its commit returned to the writer
   until the receiver has read the whole request; both clocks are this process's. Target: p95
   at most 1 s at 100 events a second.
2. The cost of the event in a write. The same small transaction (one history-line-sized row)
   is committed alternately without and with a complaint-sized event (the outbox row, and the
   commit's number under the outbox lock), 400 times each; the difference of the two is what
   writing the event costs a request. bench/bench_api.py `--only intake` measures the whole
   intake at a million complaints, events included (target: p95 at most 80 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from app.auth import Principal
from app.events import NewEvent, emit
from app.events.schemas import WebhookCreate
from app.events.urls import system_resolver
from app.events.webhooks import create as create_subscription
from app.kit.config import get_settings
from app.kit.db import create_engine, create_session_factory
from app.kit.timeutil import now
from app.models.roles import Role
from bench.common import ROOT, fresh_database, machine

# About the size of a complaint as the API shows it (ComplaintOut as JSON, ~1.5 kB).
DATA: dict[str, Any] = {
    "tracking_number": "WI-2026-000051",
    "channel": "walk_in",
    "status": "received",
    "jaki_status": "Menunggu",
    "open311_status": "open",
    "category": "jalan",
    "description": "Jalan berlubang di depan sekolah dasar, sudah tiga minggu belum diperbaiki. "
    * 6,
    "kelurahan_code": "31.71.01.1001",
    "kecamatan_code": "31.71.01",
    "kabkota_code": "31.71",
    "address": "Jl. Medan Merdeka Selatan No. 8",
    "rt": "005",
    "rw": "003",
    "lat": -6.1815,
    "lon": 106.8283,
    "complainant": {"name": "S*** R***", "nik": "3171********0002", "masked": True},
    "version": 1,
}
ADMIN = Principal(key_id=None, name="bench", role=Role.ADMIN)


def _say(line: str = "") -> None:
    print(line, flush=True)


def _event() -> NewEvent:
    complaint_id = uuid.uuid4()
    return NewEvent(
        type="complaint.created",
        object_id=complaint_id,
        object_version=1,
        complaint_id=complaint_id,
        occurred_at=now(),
        data={"id": str(complaint_id), **DATA},
    )


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


class Receiver:
    """Answers every POST with 200 at once; notes when each `webhook-id` was read in full."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.port = 0
        self.expected = 0
        self.all_in = asyncio.Event()

    async def start(self) -> None:
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.server = server
        self.port = server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await (line := reader.readline()):
                headers = {}
                while (raw := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = raw.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                await reader.readexactly(int(headers.get("content-length", "0")))
                self.arrived.setdefault(headers["webhook-id"], time.monotonic())
                if self.expected and len(self.arrived) >= self.expected:
                    self.all_in.set()
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
                del line
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def _subscribe(url: str, receiver: Receiver) -> None:
    engine = create_engine(url, pool_size=1)
    settings = get_settings().model_copy(update={"webhook_allow_private": True})
    try:
        async with create_session_factory(engine)() as session, session.begin():
            body = WebhookCreate(url=f"http://127.0.0.1:{receiver.port}/hooks", event_types=["*"])
            await create_subscription(session, ADMIN, body, settings, system_resolver)
    finally:
        await engine.dispose()


def _deliverer(url: str) -> subprocess.Popen[bytes]:
    """`pintu deliver-events` on its own, as production runs it."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "deliver-events"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _latency(url: str, rate: float, seconds: float) -> None:
    receiver = Receiver()
    await receiver.start()
    await _subscribe(url, receiver)
    engine = create_engine(url, pool_size=4)
    sessions = create_session_factory(engine)
    worker = await asyncio.to_thread(_deliverer, url)
    committed: dict[str, float] = {}
    count = int(rate * seconds)
    receiver.expected = count
    try:
        await asyncio.sleep(3)  # the worker starts and settles

        async def write_one() -> None:
            async with sessions() as session, session.begin():
                [event_id] = await emit(session, _event())
            committed[str(event_id)] = time.monotonic()

        started = time.monotonic()
        writes = []
        for n in range(count):
            due = started + n / rate
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            writes.append(asyncio.create_task(write_one()))
        await asyncio.gather(*writes)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(receiver.all_in.wait(), 30)
    finally:
        worker.terminate()
        await asyncio.to_thread(worker.wait, 30)
        receiver.server.close()
        await engine.dispose()
    latencies = [
        (receiver.arrived[i] - committed[i]) * 1000 for i in committed if i in receiver.arrived
    ]
    _say(
        f"\ncommit to delivery: {len(committed)} events at {rate:.0f}/s for {seconds:.0f} s, "
        "one `pintu deliver-events`"
    )
    _say(f"  delivered {len(latencies)} of {len(committed)}")
    for p in (50, 95, 99):
        ms = _pct(latencies, p)
        target = f"   {ms / 1000:.2f}x the target of 1 s" if p == 95 else ""
        _say(f"  p{p}: {ms:7.1f} ms{target}")


async def _write_cost(url: str, rounds: int) -> None:
    engine = create_engine(url, pool_size=1)
    sessions = create_session_factory(engine)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE bench_writes (id uuid PRIMARY KEY, note text)"))
    times: dict[bool, list[float]] = {False: [], True: []}
    try:
        for n in range(rounds * 2 + 40):
            with_event = n % 2 == 1
            started = time.perf_counter()
            async with sessions() as session, session.begin():
                await session.execute(
                    text("INSERT INTO bench_writes VALUES (:id, :note)"),
                    {"id": uuid.uuid4(), "note": DATA["description"]},
                )
                if with_event:
                    await emit(session, _event())
            if n >= 40:  # the first ones warm up
                times[with_event].append((time.perf_counter() - started) * 1000)
    finally:
        await engine.dispose()
    _say(f"\nwriting the event: {rounds} small transactions without and {rounds} with one")
    for p in (50, 95):
        bare, full = _pct(times[False], p), _pct(times[True], p)
        _say(f"  p{p}: {bare:5.2f} ms without, {full:5.2f} ms with: +{full - bare:.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=100.0, help="events a second")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to write (max 60)")
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    if not 0 < args.seconds <= 60 or not 0 < args.rate <= 1000:
        parser.error("--seconds must be in (0, 60] and --rate in (0, 1000]")
    _say(f"Events, {machine()}")
    with fresh_database("events") as url:
        asyncio.run(_latency(url, args.rate, args.seconds))
        asyncio.run(_write_cost(url, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
