"""Bounded bodies: too big is 413 before parsing, too slow is 408; the feed's batches may be big."""

import asyncio
import json

from sqlalchemy import func, select

from app.models import Complaint
from app.models.roles import Role
from app.server.bodylimit import BodyLimitMiddleware
from tests.factories import jaki_report, walk_in_body


async def test_a_body_over_the_limit_is_refused_and_nothing_is_stored(client, auth, session):
    before = await session.scalar(select(func.count()).select_from(Complaint))
    body = walk_in_body(description="x" * (1024 * 1024))

    response = await client.post("/v1/complaints", json=body, headers=auth(Role.DESK))

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 413
    assert await session.scalar(select(func.count()).select_from(Complaint)) == before


async def test_a_streamed_body_without_length_is_counted_as_it_arrives(client, auth):
    async def chunks():
        for _ in range(20):
            yield b"x" * 65536

    response = await client.post(
        "/v1/complaints",
        content=chunks(),
        headers={**auth(Role.DESK), "Content-Type": "application/json"},
    )
    assert response.status_code == 413


async def test_the_feeds_batches_may_be_bigger_than_other_bodies(client, auth):
    reports = [
        jaki_report(id=f"JAKI-2026-{n:07d}", description=f"Laporan {n}: " + "jalan rusak " * 400)
        for n in range(300)
    ]
    body = json.dumps({"reports": reports}).encode()
    assert len(body) > 1024 * 1024

    response = await client.post(
        "/v1/jaki/reports/batch",
        content=body,
        headers={**auth(Role.INTEGRATION), "Content-Type": "application/json"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["errors"] == []


async def _call(middleware, messages, delay=0.0):
    sent: list[dict] = []
    incoming = list(messages)

    async def receive():
        await asyncio.sleep(delay)
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/complaints", "headers": []}
    await middleware(scope, receive, send)
    return sent


async def test_a_body_that_trickles_in_is_cut_off():
    async def app(scope, receive, send):  # pragma: no cover - never reached
        raise AssertionError("the app must not see a body that never arrived")

    middleware = BodyLimitMiddleware(app, default=1024, timeout=0.05)
    slow = [{"type": "http.request", "body": b"{", "more_body": True}] * 10
    sent = await _call(middleware, slow, delay=0.02)
    assert sent[0]["status"] == 408


async def test_the_app_gets_the_whole_body_in_one_piece():
    seen = []

    async def app(scope, receive, send):
        seen.append(await receive())
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    middleware = BodyLimitMiddleware(app, default=1024, timeout=1)
    parts = [
        {"type": "http.request", "body": b'{"a":', "more_body": True},
        {"type": "http.request", "body": b" 1}", "more_body": False},
    ]
    sent = await _call(middleware, parts)
    assert seen == [{"type": "http.request", "body": b'{"a": 1}', "more_body": False}]
    assert sent[0]["status"] == 204
