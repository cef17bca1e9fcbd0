"""The engine's pool: idle connections are checked before use, busy ones are not."""

import asyncio

from sqlalchemy import text

from app.kit import db
from app.kit.db import create_engine


async def _kill_backends_of(engine, database_url: str) -> None:
    async with engine.connect() as conn:
        pid = await conn.scalar(text("SELECT pg_backend_pid()"))
    other = create_engine(database_url, pool_size=1)
    try:
        async with other.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            # pg_terminate_backend only signals: the test must not start before the backend
            # has gone, or the pool's connection would still be alive and prove nothing.
            for _ in range(200):
                gone = not await conn.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
                )
                if gone:
                    break
                await conn.commit()  # pg_stat_activity is read once per transaction
                await asyncio.sleep(0.01)
            assert gone, f"backend {pid} did not end"
    finally:
        await other.dispose()


async def test_an_idle_connection_that_died_is_replaced_before_use(database_url, monkeypatch):
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)
    engine = create_engine(database_url, pool_size=1)
    try:
        await _kill_backends_of(engine, database_url)

        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()


async def test_a_connection_used_a_moment_ago_is_not_checked_first(database_url, monkeypatch):
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 3600.0)
    engine = create_engine(database_url, pool_size=1)
    pings = 0
    real_ping = engine.dialect.do_ping

    def counted_ping(dbapi_connection):
        nonlocal pings
        pings += 1
        return real_ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted_ping)
    try:
        for _ in range(3):
            async with engine.connect() as conn:
                assert await conn.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()
    assert pings == 0
