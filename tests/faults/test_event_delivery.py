"""Event delivery when its worker or its database dies: a worker killed mid-delivery (SIGKILL,
nothing to clean up) and a PostgreSQL restarted under delivery lose no event; the receiver may
see an event twice and keeps one by its `webhook-id`."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import asyncpg

from app.auth import Principal
from app.events import emit
from app.events.delivery import Deliverer, http_client
from app.events.schemas import WebhookCreate
from app.events.urls import system_resolver
from app.events.webhooks import create as create_subscription
from app.kit.config import get_settings
from app.kit.db import create_engine, create_session_factory
from app.kit.migrate import upgrade
from app.models.roles import Role
from tests.events.receiver import Answer, Receiver
from tests.factories import bare_event
from tests.faults.conftest import ROOT

ADMIN = Principal(key_id=None, name="test", role=Role.ADMIN)
DEADLINE = 60


async def _setup(url: str, receiver_url: str, events: int) -> list[str]:
    """A subscription to every event on `url`, then `events` events, each committed alone;
    their ids."""
    engine = create_engine(url, pool_size=1)
    settings = get_settings().model_copy(update={"webhook_allow_private": True})
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session, session.begin():
            body = WebhookCreate(url=receiver_url, event_types=["*"])
            await create_subscription(session, ADMIN, body, settings, system_resolver)
        for _ in range(events):
            async with sessions() as session, session.begin():
                await emit(session, bare_event())
        async with sessions() as session:
            from sqlalchemy import text

            rows = await session.execute(text("SELECT id FROM events ORDER BY seq"))
            return [str(r[0]) for r in rows]
    finally:
        await engine.dispose()


async def _statuses(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        rows = await conn.fetch("SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY 1")
    finally:
        await conn.close()
    return {r["status"]: r["n"] for r in rows}


def _worker(url: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PINTU_ENV": "test",
        "WEBHOOK_ALLOW_PRIVATE": "true",
        "WEBHOOK_POLL_INTERVAL": "0.1",
        "WEBHOOK_TIMEOUT": "30",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "deliver-events"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(condition, what: str, deadline: float) -> None:  # type: ignore[no-untyped-def]
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_worker_killed_mid_delivery_loses_nothing(own_database):
    url = own_database.url
    # The first request hangs: the worker is killed while it waits for the answer.
    receiver = Receiver(Answer(200, delay=30))
    receiver.start_in_thread()
    workers: list[subprocess.Popen[str]] = []
    try:
        ids = asyncio.run(_setup(url, receiver.url, 5))
        deadline = time.monotonic() + DEADLINE
        workers.append(_worker(url))
        _wait(lambda: len(receiver.received) >= 1, "the first delivery to arrive", deadline)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].communicate(timeout=10)

        workers.append(_worker(url))
        _wait(lambda: set(receiver.ids()) >= set(ids), "every event", deadline)
        _wait(lambda: asyncio.run(_statuses(url)) == {"delivered": 5}, "all delivered", deadline)
        workers[1].send_signal(signal.SIGTERM)
        _, err = workers[1].communicate(timeout=20)
        assert workers[1].returncode == 0, err

        # The cut attempt was made again; each event's id reached the receiver.
        assert sorted(set(receiver.ids())) == sorted(ids)
        assert receiver.ids().count(receiver.ids()[0]) == 2
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.communicate(timeout=10)
        receiver.stop_thread()


async def test_a_database_restart_under_delivery_loses_nothing(private_postgres):
    url = private_postgres.url
    await asyncio.to_thread(upgrade, url)
    receiver = Receiver(default=Answer(200, delay=0.05))
    await receiver.start()
    engine = create_engine(url, pool_size=4)
    settings = get_settings().model_copy(
        update={
            "webhook_allow_private": True,
            "webhook_poll_interval": 0.1,
            "webhook_concurrency": 2,
        }
    )
    stop = asyncio.Event()
    try:
        ids = await _setup(url, receiver.url, 60)
        async with http_client(settings) as http:
            deliverer = Deliverer(create_session_factory(engine), http, settings)
            task = asyncio.create_task(deliverer.run(stop))
            deadline = time.monotonic() + DEADLINE
            while len(receiver.received) < 10:
                assert time.monotonic() < deadline and not task.done()
                await asyncio.sleep(0.02)
            await asyncio.to_thread(private_postgres.stop)
            await asyncio.sleep(1.0)
            await asyncio.to_thread(private_postgres.start)
            while not set(receiver.ids()) >= set(ids):
                assert time.monotonic() < deadline, "not every event arrived"
                assert not task.done(), task
                await asyncio.sleep(0.05)
            while await _statuses(url) != {"delivered": 60}:
                assert time.monotonic() < deadline, await _statuses(url)
                await asyncio.sleep(0.05)
            stop.set()
            await task
        assert sorted(set(receiver.ids())) == sorted(ids)
    finally:
        stop.set()
        await engine.dispose()
        await receiver.stop()
