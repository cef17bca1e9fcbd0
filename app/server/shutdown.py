"""A request cut short because the server is stopping answers 503 problem+json, not 500.

After SIGTERM, uvicorn lets requests in flight finish for SHUTDOWN_GRACE_PERIOD seconds and then
cancels them; left alone, a cancelled request gets uvicorn's plain-text 500. It is no fault of
the client's: it should retry (with the same Idempotency-Key, which cannot record it twice).
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.problems import send_problem

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
                await send_problem(
                    scope,
                    send,
                    status=503,
                    type_="shutting-down",
                    title="Server is shutting down",
                    detail="The server stopped before this request finished; retry it.",
                    headers=[(b"retry-after", b"1")],
                )
            raise
