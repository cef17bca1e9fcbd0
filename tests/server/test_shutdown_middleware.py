"""A request cancelled by shutdown answers 503 problem+json; the cancellation still goes on.
(The real server cutting a request: tests/faults/test_shutdown.py.)"""

import asyncio
import json

import pytest
from starlette.types import Message, Receive, Scope, Send

from app.server.shutdown import CutRequestMiddleware

SCOPE = {"type": "http", "method": "PATCH", "path": "/v1/complaints/x", "headers": []}


async def _call(app) -> list[Message]:  # type: ignore[no-untyped-def]
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    with pytest.raises(asyncio.CancelledError):
        await CutRequestMiddleware(app)(dict(SCOPE, state={"request_id": "r1"}), receive, send)
    return sent


async def test_a_request_cancelled_before_answering_gets_503_problem():
    async def waiting(scope: Scope, receive: Receive, send: Send) -> None:
        raise asyncio.CancelledError

    start, body = await _call(waiting)

    assert start["status"] == 503
    headers = dict(start["headers"])
    assert headers[b"content-type"] == b"application/problem+json"
    assert headers[b"retry-after"] == b"1"
    assert headers[b"connection"] == b"close"
    problem = json.loads(body["body"])
    assert problem["type"].endswith("/shutting-down")
    assert (problem["status"], problem["request_id"]) == (503, "r1")


async def test_a_request_cancelled_mid_answer_gets_nothing_more():
    async def answering(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise asyncio.CancelledError

    sent = await _call(answering)

    assert [m["type"] for m in sent] == ["http.response.start"]
