"""The JAKI sync when the database goes away mid-run: it waits for it with backoff and, once it
is back, carries on to the end with every report exactly once; if it stays away past the retry
policy, the run stops with none of the page it was writing stored, and the next run resumes from
the cursor. (The feed going away is test_sync_feed_loss.py.)"""

from __future__ import annotations

import asyncio
import time

import asyncpg
import httpx
import pytest

from app.kit.db import create_engine, create_session_factory
from app.kit.migrate import upgrade
from app.mirror.sync import DatabaseGone, FeedClient, RetryPolicy, run
from tests.faults.conftest import PrivatePostgres
from tests.mirror.feed_server import FakeFeed, encode_cursor, make_reports
from tests.mirror.test_pull_resume import read, start_sync, wait_for

DEADLINE = 120


def test_the_database_stopping_mid_run_loses_and_doubles_nothing(private_postgres):
    url = private_postgres.url
    upgrade(url)
    feed = FakeFeed(make_reports(4000), delay=0.02)
    feed.start_in_thread()
    try:
        deadline = time.monotonic() + DEADLINE
        valid = sum(1 for r in feed.reports if r["status"] != "Dibatalkan")

        job = start_sync(url, feed)
        wait_for(lambda: (read(url)["stored"] or 0) >= 800, "800 stored", deadline)
        private_postgres.stop()
        time.sleep(2.0)  # pages keep coming from the feed; none can be stored
        # The sync waits for its database rather than give up at once.
        assert job.poll() is None, job.communicate()[1]
        private_postgres.start()

        _, err = job.communicate(timeout=max(1.0, deadline - time.monotonic()))

        assert job.returncode == 0, err
        assert "database unreachable" in err
        assert "Traceback" not in err, err
        final = read(url)
        # Every report exactly once: the page in hand when the server went away was stored
        # once it came back, with its cursor, and nothing twice.
        assert final["stored"] == final["ids"] == valid
        assert final["created_events"] == valid
        assert final["offset"] == len(feed.reports)
    finally:
        feed.stop_thread()


# -- the database lost while a page is being written --------------------------------------------

ALL = 1000


async def _mirrored(url: str) -> tuple[int, int, str | None]:
    """(mirrored reports, distinct JAKI ids, stored cursor), read on a connection of its own."""
    conn = await asyncpg.connect(url, timeout=10)
    try:
        row = await conn.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM complaints "
            "WHERE channel_code = 'jaki'"
        )
        cursor = await conn.fetchval("SELECT cursor FROM sync_state WHERE name = 'jaki'")
    finally:
        await conn.close()
    return row["n"], row["ids"], cursor


async def _sync(url: str, feed: FakeFeed, retry: RetryPolicy) -> None:
    """One run of the sync on an engine of its own, pages of 100."""
    engine = create_engine(url, pool_size=2)
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            client = FeedClient(http, feed.url, token=feed.token, page_size=100)
            await run(create_session_factory(engine), client, stop=asyncio.Event(), retry=retry)
    finally:
        await engine.dispose()


async def _page_half_written(url: str) -> bool:
    """Whether the sync's page transaction has written (it has a transaction id) and now waits
    for the lock on the cursor's row."""
    conn = await asyncpg.connect(url, timeout=10)
    try:
        return bool(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pintu' "
                "AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL"
            )
        )
    finally:
        await conn.close()


async def _stop_while_a_page_is_written(
    private_postgres: PrivatePostgres, feed: FakeFeed, retry: RetryPolicy
) -> asyncio.Task[None]:
    """Start a run whose next page blocks, half written, on the cursor's row (locked by the
    test), and stop the database under it; return the run."""
    url = private_postgres.url
    holder = await asyncpg.connect(url, timeout=10)
    try:
        await holder.execute("BEGIN; SELECT 1 FROM sync_state WHERE name = 'jaki' FOR UPDATE")
        task = asyncio.create_task(_sync(url, feed, retry))
        deadline = time.monotonic() + 20
        while not await _page_half_written(url):
            assert time.monotonic() < deadline, "the page never reached its cursor"
            assert not task.done(), task
            await asyncio.sleep(0.05)
        await asyncio.to_thread(private_postgres.stop)
    finally:
        holder.terminate()  # its session went with the server
    return task


async def _first_300(url: str, feed: FakeFeed) -> None:
    await asyncio.to_thread(upgrade, url)
    feed.reports, rest = feed.reports[:300], feed.reports[300:]
    await _sync(url, feed, RetryPolicy())
    feed.add(rest)
    assert await _mirrored(url) == (300, 300, encode_cursor(300))


async def test_a_run_that_loses_the_database_mid_page_stops_and_the_next_resumes(
    private_postgres,
):
    url = private_postgres.url
    async with FakeFeed(make_reports(ALL)) as feed:
        await _first_300(url, feed)
        gives_up = RetryPolicy(attempts=3, base=0.05, cap=0.1)
        run_task = await _stop_while_a_page_is_written(private_postgres, feed, gives_up)

        with pytest.raises(DatabaseGone):
            await asyncio.wait_for(run_task, 20)
        await asyncio.to_thread(private_postgres.start)
        # None of the page it was writing: its reports and its cursor went together.
        assert await _mirrored(url) == (300, 300, encode_cursor(300))

        feed.requests.clear()
        await _sync(url, feed, gives_up)

    assert feed.requests[0]["query"]["cursor"] == encode_cursor(300)
    assert await _mirrored(url) == (ALL, ALL, encode_cursor(ALL))


async def test_a_run_waits_for_a_database_lost_mid_page_and_finishes(private_postgres):
    url = private_postgres.url
    async with FakeFeed(make_reports(ALL)) as feed:
        await _first_300(url, feed)
        waits = RetryPolicy(attempts=40, base=0.05, cap=0.5)  # up to about 15 s
        run_task = await _stop_while_a_page_is_written(private_postgres, feed, waits)

        await asyncio.sleep(0.5)
        assert not run_task.done()  # waiting for its database, not given up
        await asyncio.to_thread(private_postgres.start)
        await asyncio.wait_for(run_task, 30)

    assert await _mirrored(url) == (ALL, ALL, encode_cursor(ALL))
