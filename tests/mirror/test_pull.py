"""`pintu sync-jaki`'s loop against a fake feed over real HTTP, committing to a database of its
own (a rolled-back transaction could not show what a sync stored)."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from sqlalchemy import func, select

from app.kit.db import create_engine, create_session_factory
from app.kit.migrate import upgrade
from app.mirror.sync import FeedClient, FeedError, RetryPolicy, run
from app.models import Complaint, ComplaintEvent, SyncState
from tests.mirror.feed_server import FakeFeed, encode_cursor, make_reports


@pytest.fixture
async def sessions(scratch):
    url = await asyncio.to_thread(scratch.create, "pull")  # it runs a loop of its own
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url, pool_size=2)
    yield create_session_factory(engine)
    await engine.dispose()


class Sleeps:
    """Records the waits the client asks for, and waits only a token amount."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(0)


async def stored(sessions) -> tuple[int, int, int]:
    """(mirrored reports, distinct JAKI ids, history lines)."""
    async with sessions() as s:
        jaki = Complaint.channel_code == "jaki"
        return (
            await s.scalar(select(func.count()).select_from(Complaint).where(jaki)),
            await s.scalar(select(func.count(func.distinct(Complaint.external_id))).where(jaki)),
            await s.scalar(select(func.count()).select_from(ComplaintEvent)),
        )


async def sync_state(sessions) -> SyncState | None:
    async with sessions() as s:
        return await s.get(SyncState, "jaki")


async def pull(
    sessions,
    feed: FakeFeed,
    *,
    sleeps=None,
    attempts=8,
    http_timeout=2.0,
    page_size=100,
    stop=None,
    keep_polling=False,
    interval=0.05,
):
    async with httpx.AsyncClient(timeout=httpx.Timeout(http_timeout)) as http:
        client = FeedClient(
            http,
            feed.url,
            token="feed-token",
            page_size=page_size,
            retry=RetryPolicy(attempts=attempts),
            sleep=sleeps or Sleeps(),
        )
        return await run(
            sessions,
            client,
            stop=stop or asyncio.Event(),
            keep_polling=keep_polling,
            interval=interval,
        )


async def test_a_full_sync_stores_every_report_and_the_last_cursor(sessions):
    async with FakeFeed(make_reports(1250)) as feed:
        summary = await pull(sessions, feed)

    assert summary.pages == 13
    assert summary.result.created == 1250
    assert await stored(sessions) == (1250, 1250, 1250)
    state = await sync_state(sessions)
    assert (state.cursor, state.reports_seen) == (encode_cursor(1250), 1250)


async def test_a_second_run_resumes_from_the_cursor_and_writes_nothing(sessions):
    async with FakeFeed(make_reports(300)) as feed:
        await pull(sessions, feed)
        before = await stored(sessions)
        feed.requests.clear()
        summary = await pull(sessions, feed)

    assert feed.requests[0]["query"]["cursor"] == encode_cursor(300)
    assert summary.result.created == summary.result.updated == 0
    assert await stored(sessions) == before


async def test_503_with_retry_after_is_retried_after_exactly_that_long(sessions):
    sleeps = Sleeps()
    async with FakeFeed(make_reports(250)) as feed:
        feed.fail_next("503", retry_after="2")
        await pull(sessions, feed, sleeps=sleeps)
    assert sleeps.asked == [2.0]
    assert (await stored(sessions))[0] == 250


@pytest.mark.parametrize("kind", ["429", "500", "507", "520", "drop", "garbage"])
async def test_transient_failures_are_retried_with_backoff(sessions, kind):
    sleeps = Sleeps()
    async with FakeFeed(make_reports(250)) as feed:
        feed.fail_next(kind, times=3)
        await pull(sessions, feed, sleeps=sleeps)
    # 0.5 s doubling, jittered to between half and all of it.
    assert [
        round(s / b, 2) <= 1 and s >= b / 2 for s, b in zip(sleeps.asked, [0.5, 1, 2], strict=True)
    ] == [True] * 3
    assert (await stored(sessions))[0] == 250


async def test_a_slow_page_times_out_and_is_retried(sessions):
    async with FakeFeed(make_reports(150), slow_seconds=1.0) as feed:
        feed.fail_next("slow")
        await pull(sessions, feed, http_timeout=0.3)
    assert (await stored(sessions))[0] == 150
    assert len(feed.requests) == 3  # the slow one, its retry, the second page


async def test_a_client_error_stops_the_run_and_keeps_the_cursor(sessions):
    async with FakeFeed(make_reports(300)) as feed:
        feed.fail_next("400")
        with pytest.raises(FeedError, match="400"):
            await pull(sessions, feed)
        state = await sync_state(sessions)  # the failure is recorded, no cursor
        assert (state.cursor, state.reports_seen, state.last_error) == (
            None,
            0,
            "the feed answered HTTP 400",
        )

        feed.requests.clear()
        await pull(sessions, feed)
    assert (await stored(sessions))[0] == 300


async def test_giving_up_after_the_policy_attempts_leaves_the_cursor_intact(sessions):
    async with FakeFeed(make_reports(300)) as feed:
        await pull(sessions, feed, page_size=100, attempts=3)  # all of it, once
        feed.add(make_reports(50, start=300))
        feed.fail_next("503", times=3)
        with pytest.raises(FeedError, match="3 times"):
            await pull(sessions, feed, attempts=3)
    state = await sync_state(sessions)
    assert state.cursor == encode_cursor(300)
    assert (await stored(sessions))[0] == 300


async def test_malformed_reports_are_refused_and_reported_the_rest_stored(sessions, caplog):
    caplog.set_level(logging.WARNING, logger="app.mirror.sync")
    reports = make_reports(200, malformed_every=50)
    async with FakeFeed(reports) as feed:
        summary = await pull(sessions, feed)

    assert summary.result.created == 196
    assert len(summary.result.errors) == 4
    assert {e.field for e in summary.result.errors} == {"status"}
    assert (await stored(sessions))[0] == 196
    refused = [r.getMessage() for r in caplog.records if "refused report" in r.getMessage()]
    assert len(refused) == 4
    assert all("3171061205880003" not in line for line in refused)


async def test_reports_whose_extra_fields_cannot_be_stored_are_refused_the_rest_stored(
    sessions, caplog
):
    caplog.set_level(logging.WARNING, logger="app.mirror.sync")
    reports = make_reports(120)
    # The fake feed writes its pages with json.dumps: \ud800 and \u0000 travel escaped.
    reports[10]["meta"] = {"device": ["android", "\ud800"]}
    reports[110]["meta"] = {"budi@example.com": "\u0000"}
    async with FakeFeed(reports) as feed:
        summary = await pull(sessions, feed)

    assert summary.result.created == 118
    assert [(e.id, e.field) for e in summary.result.errors] == [
        ("JAKI-2026-0000010", "meta.device.1"),
        ("JAKI-2026-0000110", None),
    ]
    assert (await stored(sessions))[0] == 118
    refused = [r.getMessage() for r in caplog.records if "refused report" in r.getMessage()]
    assert len(refused) == 2 and all("surrogate" in line for line in refused)
    assert all("budi@example.com" not in line for line in refused)


async def test_stop_during_a_slow_page_returns_promptly_without_a_partial_page(sessions):
    stop = asyncio.Event()
    async with FakeFeed(make_reports(300), slow_seconds=10) as feed:
        feed.fail_next("slow")
        asyncio.get_running_loop().call_later(0.3, stop.set)
        started = asyncio.get_running_loop().time()
        summary = await pull(sessions, feed, stop=stop, http_timeout=30)
        elapsed = asyncio.get_running_loop().time() - started
    assert elapsed < 3
    assert summary.pages == 0
    assert (await stored(sessions))[0] == 0


async def test_keep_polling_picks_up_reports_added_later(sessions):
    stop = asyncio.Event()
    async with FakeFeed(make_reports(120)) as feed:
        task = asyncio.create_task(pull(sessions, feed, stop=stop, keep_polling=True))
        for _ in range(200):
            if (await stored(sessions))[0] == 120:
                break
            await asyncio.sleep(0.05)
        feed.add(make_reports(30, start=120))
        for _ in range(200):
            if (await stored(sessions))[0] == 150:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, 10)
    assert (await stored(sessions))[0] == 150


async def test_a_wrong_token_stops_at_once(sessions):
    async with FakeFeed(make_reports(10), token="another") as feed:
        with pytest.raises(FeedError, match="401"):
            await pull(sessions, feed)
    assert len(feed.requests) == 1
