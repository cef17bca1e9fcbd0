"""`pintu sync-jaki` as a process: killed halfway through 10,000 reports and started again, it
loses none and duplicates none; SIGTERM stops it cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.kit.db import create_engine
from app.kit.migrate import upgrade
from app.models import Complaint, ComplaintEvent
from tests.mirror.feed_server import FakeFeed, decode_cursor, make_reports

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 120  # seconds: a hang fails the test instead of blocking CI


async def _read(url: str) -> dict[str, int | None]:
    engine = create_engine(url, pool_size=1)
    jaki = Complaint.channel_code == "jaki"
    try:
        async with engine.connect() as conn:
            cursor = await conn.scalar(text("SELECT cursor FROM sync_state WHERE name = 'jaki'"))
            return {
                "stored": await conn.scalar(
                    select(func.count()).select_from(Complaint).where(jaki)
                ),
                "ids": await conn.scalar(
                    select(func.count(func.distinct(Complaint.external_id))).where(jaki)
                ),
                "created_events": await conn.scalar(
                    select(func.count())
                    .select_from(ComplaintEvent)
                    .where(ComplaintEvent.kind == "created")
                ),
                "other_events": await conn.scalar(
                    select(func.count())
                    .select_from(ComplaintEvent)
                    .where(ComplaintEvent.kind != "created")
                ),
                "offset": decode_cursor(cursor) if cursor else None,
            }
    finally:
        await engine.dispose()


def read(url: str) -> dict[str, int | None]:
    return asyncio.run(_read(url))


@pytest.fixture
def feed():
    # Every 97th report is malformed: refused, reported, and skipped past by the cursor.
    fake = FakeFeed(make_reports(10_000, malformed_every=97), delay=0.02)
    fake.start_in_thread()
    yield fake
    fake.stop_thread()


@pytest.fixture
def database(scratch):
    url = scratch.create("resume")
    upgrade(url)
    return url


def start_sync(url: str, feed: FakeFeed) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JAKI_FEED_URL": feed.url,
        "JAKI_FEED_TOKEN": feed.token,
        "JAKI_FEED_PAGE_SIZE": "200",
        "PINTU_ENV": "test",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "sync-jaki", "--once"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, what: str, deadline: float) -> None:
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_halfway_and_started_again_it_loses_none_and_duplicates_none(database, feed):
    deadline = time.monotonic() + DEADLINE
    valid = sum(1 for r in feed.reports if r["status"] != "Dibatalkan")

    job = start_sync(database, feed)
    wait_for(lambda: (read(database)["stored"] or 0) >= 2000, "2,000 stored", deadline)
    job.send_signal(signal.SIGKILL)
    job.wait(30)

    halfway = read(database)
    assert 2000 <= halfway["stored"] < valid, "killed after the end: make the feed slower"
    # The cursor and its page commit together: exactly what the cursor covers is stored.
    covered = feed.reports[: halfway["offset"]]
    assert halfway["stored"] == sum(1 for r in covered if r["status"] != "Dibatalkan")

    job = start_sync(database, feed)
    out, err = job.communicate(timeout=max(1.0, deadline - time.monotonic()))
    assert job.returncode == 0, err

    final = read(database)
    assert final["stored"] == final["ids"] == valid
    assert final["created_events"] == valid
    assert final["other_events"] == 0
    assert final["offset"] == len(feed.reports)
    assert "done:" in out


def test_sigterm_stops_the_job_cleanly_with_a_consistent_cursor(database, feed):
    deadline = time.monotonic() + DEADLINE
    job = start_sync(database, feed)
    wait_for(lambda: (read(database)["stored"] or 0) >= 600, "600 stored", deadline)
    job.send_signal(signal.SIGTERM)
    out, err = job.communicate(timeout=30)

    assert job.returncode == 0, err
    assert out.startswith("stopped:")
    state = read(database)
    covered = feed.reports[: state["offset"]]
    assert state["stored"] == sum(1 for r in covered if r["status"] != "Dibatalkan")
    assert state["stored"] < 10_000
