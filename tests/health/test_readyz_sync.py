"""`/readyz` reports the JAKI sync's state and stays 200 whatever it is: a stale or failing
external feed does not take an instance out of rotation; a database it cannot reach does."""

from __future__ import annotations

import socket
from datetime import timedelta

import httpx
import pytest

from app.kit.config import get_settings
from app.kit.db import create_engine
from app.kit.timeutil import now
from app.main import create_app, init_state
from app.mirror import repository

FEED = "http://jaki.test/reports"


async def _ready(own_database) -> dict:
    response = await own_database.client.get("/readyz")
    assert response.status_code == 200, response.text
    return response.json()


async def test_without_a_feed_url_readiness_says_not_configured(own_database):
    own_database.change_settings(jaki_feed_url=None)
    body = await _ready(own_database)
    assert (body["status"], body["jaki_sync"]) == ("ready", "not_configured")


@pytest.mark.parametrize(
    ("success_ago", "error_ago", "state"),
    [(30, None, "ok"), (3600, None, "stale"), (30, 10, "failing"), (None, None, "stale")],
)
async def test_a_stale_or_failing_sync_is_reported_and_the_instance_stays_ready(
    own_database, success_ago, error_ago, state
):
    own_database.change_settings(jaki_feed_url=FEED, jaki_sync_stale_after=900)
    async with own_database.app.state.session_factory() as s, s.begin():
        if success_ago is not None:
            at = now() - timedelta(seconds=success_ago)
            await repository.save_cursor(s, "jaki", "c", 1, caught_up_at=at)
        if error_ago is not None:
            at = now() - timedelta(seconds=error_ago)
            await repository.note_failure(s, "jaki", at, "the feed answered HTTP 401")

    body = await _ready(own_database)

    assert (body["status"], body["jaki_sync"]) == ("ready", state)


async def test_a_database_it_cannot_reach_is_still_503():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    app = create_app(get_settings(), configure_logs=False)
    engine = create_engine(f"postgresql://postgres@127.0.0.1:{closed}/pintu", pool_size=1)
    init_state(app, engine)
    try:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/readyz")
    finally:
        await engine.dispose()
    assert response.status_code == 503
    assert response.json()["type"].endswith("/unavailable")
