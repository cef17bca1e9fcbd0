"""The JAKI sync when the feed fails in the middle of a run (connection dropped, a page cut off
halfway, 503, no answer in time): a short failure is waited out with backoff; a long one stops the
run with the pages before it stored, and the next run resumes from the stored cursor. Either way
every report is mirrored exactly once."""

from __future__ import annotations

import asyncio

import pytest

from app.kit.migrate import upgrade
from app.mirror.sync import FeedError
from tests.mirror.feed_server import FakeFeed, encode_cursor, make_reports
from tests.mirror.test_pull import Sleeps, pull, stored, sync_state

KINDS = ["drop", "truncate", "503", "slow"]


@pytest.fixture
async def sessions(scratch):
    from app.kit.db import create_engine, create_session_factory

    url = await asyncio.to_thread(scratch.create, "feedloss")  # it runs a loop of its own
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url, pool_size=2)
    yield create_session_factory(engine)
    await engine.dispose()


def _feed() -> FakeFeed:
    # A slow page takes 1 s; the client gives up on a request after 0.3 s.
    return FakeFeed(make_reports(1000), slow_seconds=1.0)


@pytest.mark.parametrize("kind", KINDS)
async def test_a_feed_failing_for_a_while_mid_run_is_waited_out(sessions, kind):
    sleeps = Sleeps()
    async with _feed() as feed:
        feed.fail_next(kind, times=2, after=3)  # pages 1-3 answered, then page 4 fails twice
        summary = await pull(sessions, feed, sleeps=sleeps, attempts=3, http_timeout=0.3)

    # Two waits, backing off (0.5 s, then 1 s, each jittered to between half and all of it).
    assert len(sleeps.asked) == 2 and sleeps.asked[0] <= 0.5 <= sleeps.asked[1]
    # Each attempt at page 4 asked for the same page.
    assert [r["query"].get("cursor") for r in feed.requests[3:6]] == [encode_cursor(300)] * 3
    assert summary.result.created == 1000
    assert await stored(sessions) == (1000, 1000, 1000)


@pytest.mark.parametrize("kind", KINDS)
async def test_a_run_the_feed_stops_mid_way_is_resumed_by_the_next_from_its_cursor(sessions, kind):
    async with _feed() as feed:
        feed.fail_next(kind, times=3, after=3)  # page 4 fails every attempt of the run
        with pytest.raises(FeedError, match="3 times"):
            await pull(sessions, feed, attempts=3, http_timeout=0.3)

        # The run stopped with what it had: three whole pages and the cursor after them.
        assert await stored(sessions) == (300, 300, 300)
        assert (await sync_state(sessions)).cursor == encode_cursor(300)

        feed.requests.clear()
        summary = await pull(sessions, feed, http_timeout=0.3)

    assert feed.requests[0]["query"]["cursor"] == encode_cursor(300)
    assert (summary.result.created, summary.result.updated) == (700, 0)
    assert await stored(sessions) == (1000, 1000, 1000)
    assert (await sync_state(sessions)).cursor == encode_cursor(1000)
