"""The pull sync's health as stored by the job and reported by `GET /v1/jaki/sync`: after a
feed that fails (an `httpx.MockTransport`), after one that succeeds, and per role."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from app.kit.timeutil import now
from app.mirror import repository
from app.mirror.status import SyncHealth, judge
from app.mirror.sync import FeedClient, FeedError, RetryPolicy, run
from app.models import SyncState
from app.models.roles import Role
from tests.mirror.feed_server import encode_cursor, make_reports

FEED = "http://jaki.test/reports"  # answered by the MockTransport, never the network


async def _no_wait(_: float) -> None:
    return None


async def _pull(own_database, handler) -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        feed = FeedClient(http, FEED, token=None, retry=RetryPolicy(attempts=2), sleep=_no_wait)
        await run(own_database.app.state.session_factory, feed, stop=asyncio.Event())


def _failing(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503)


def _serving(reports):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"reports": reports, "next": encode_cursor(len(reports)), "has_more": False}
        )

    return handler


async def _status(own_database, role=Role.ADMIN) -> dict:
    response = await own_database.client.get("/v1/jaki/sync", headers=own_database.auth(role))
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_failing_feed_is_recorded_and_reported_failing(own_database):
    own_database.change_settings(jaki_feed_url=FEED)

    with pytest.raises(FeedError):
        await _pull(own_database, _failing)
    status = await _status(own_database)

    assert status["state"] == "failing"
    assert status["feed_url_configured"] is True
    assert status["last_error"] == "the feed failed 2 times; last: HTTP 503"
    assert status["failures_total"] == 1
    assert [f["error"] for f in status["recent_failures"]] == [status["last_error"]]
    assert status["recent_failures"][0]["at"] == status["last_error_at"]
    assert status["last_attempt_at"] is not None
    assert (status["cursor"], status["last_success_at"], status["lag_seconds"]) == (
        None,
        None,
        None,
    )


async def test_a_successful_pull_after_a_failure_is_ok_and_keeps_the_failure(own_database):
    own_database.change_settings(jaki_feed_url=FEED)
    reports = make_reports(30)
    with pytest.raises(FeedError):
        await _pull(own_database, _failing)
    started = now()

    await _pull(own_database, _serving(reports))
    status = await _status(own_database, Role.INTEGRATION)

    assert status["state"] == "ok"
    assert status["cursor"] == encode_cursor(30)
    assert status["reports_seen"] == 30
    success = datetime.fromisoformat(status["last_success_at"])
    assert success >= started
    assert 0 <= status["lag_seconds"] < 60
    newest = max(datetime.fromisoformat(r["updated_at"]) for r in reports)
    assert datetime.fromisoformat(status["newest_report_at"]) == newest
    assert status["failures_total"] == 1  # the earlier failure is history, still shown
    assert len(status["recent_failures"]) == 1


async def test_an_old_success_is_stale(own_database):
    own_database.change_settings(jaki_feed_url=FEED, jaki_sync_stale_after=60)
    async with own_database.app.state.session_factory() as s, s.begin():
        await repository.save_cursor(s, "jaki", "c", 0, caught_up_at=now() - timedelta(seconds=61))

    status = await _status(own_database)

    assert status["state"] == "stale"
    assert status["lag_seconds"] > 60
    assert status["stale_after_seconds"] == 60


async def test_without_a_feed_url_the_sync_is_not_configured(own_database):
    own_database.change_settings(jaki_feed_url=None)
    status = await _status(own_database)
    assert (status["state"], status["feed_url_configured"]) == ("not_configured", False)


async def test_only_the_ten_most_recent_failures_are_kept_newest_first(own_database):
    start = datetime(2026, 12, 1, tzinfo=UTC)
    async with own_database.app.state.session_factory() as s, s.begin():
        for n in range(12):
            await repository.note_failure(s, "jaki", start + timedelta(minutes=n), f"failure {n}")
    async with own_database.app.state.session_factory() as s:
        state = await s.get(SyncState, "jaki")

    assert state.failures_total == 12
    assert [f["error"] for f in state.recent_failures] == [f"failure {n}" for n in range(11, 1, -1)]
    assert state.last_error == "failure 11"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 401),
        (Role.VIEWER, 403),
        (Role.DESK, 403),
        (Role.AGENCY, 403),
        (Role.CLIENT, 403),
        (Role.INTEGRATION, 200),
        (Role.ADMIN, 200),
    ],
)
async def test_the_sync_status_is_for_admin_and_integration_keys(client, auth, role, status):
    response = await client.get("/v1/jaki/sync", headers=auth(role) if role else {})
    assert response.status_code == status
    if status != 200:
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("success_ago", "error_ago", "expected"),
    [
        (10, None, SyncHealth.OK),
        (10, 20, SyncHealth.OK),  # the error came before the last success
        (10, 5, SyncHealth.FAILING),
        (None, 5, SyncHealth.FAILING),
        (None, None, SyncHealth.STALE),  # configured, never reached the end of the feed
        (901, None, SyncHealth.STALE),
    ],
)
def test_the_state_follows_the_last_success_and_the_last_error(success_ago, error_ago, expected):
    at = datetime(2026, 12, 9, tzinfo=UTC)

    def ago(seconds):
        return None if seconds is None else at - timedelta(seconds=seconds)

    state = judge(
        configured=True,
        last_success_at=ago(success_ago),
        last_error_at=ago(error_ago),
        stale_after=900,
        at=at,
    )
    assert state is expected
