"""A request cut short because the server is stopping answers 503 problem+json, not 500.

After SIGTERM, uvicorn lets requests in flight finish for SHUTDOWN_GRACE_PERIOD seconds and then
cancels them; left alone, a cancelled request gets uvicorn's plain-text 500. It is no fault of
the client's: it should retry (with the same Idempotency-Key, which cannot record it twice).
"""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM_BASE, PROBLEM_JSON

logger = logging.getLogger(__name__)


class CutRequestMiddleware:
    """Answers 503 for a request cancelled before its response began, then lets the
    cancellation go on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except asyncio.CancelledError:
            if not started:
                logger.warning("%s %s cut short by shutdown", scope["method"], scope["path"])
                await _unavailable(scope, send)
            raise


async def _unavailable(scope: Scope, send: Send) -> None:
    body = {
        "type": PROBLEM_BASE + "shutting-down",
        "title": "Server is shutting down",
        "status": 503,
        "detail": "The server stopped before this request finished; retry it.",
        "instance": scope["path"],
    }
    request_id = scope.get("state", {}).get("request_id")
    if request_id:
        body["request_id"] = request_id
    encoded = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(encoded)).encode()),
                (b"retry-after", b"1"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": encoded})
