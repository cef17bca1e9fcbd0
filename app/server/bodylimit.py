"""Bounded request bodies: a body bigger than its endpoint takes is refused (413) before any of
it is parsed, and one that trickles in too slowly is cut off (408), so neither ties up a worker.

Bodies are read whole here (they are small by then) and handed on to the app."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.problems import send_problem


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse bodies over `default` bytes (or the path's own limit in `per_path`), and bodies not
    received within `timeout` seconds."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        default: int,
        per_path: Mapping[str, int] | None = None,
        timeout: float,
    ) -> None:
        self.app = app
        self.default = default
        self.per_path = dict(per_path or {})
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.default)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(scope, send, limit)
            return
        try:
            async with asyncio.timeout(self.timeout):
                body, disconnected = await _read(receive, limit)
        except _TooLarge:
            await _too_large(scope, send, limit)
            return
        except TimeoutError:
            await send_problem(
                scope,
                send,
                status=408,
                type_="request-timeout",
                title="Request body too slow",
                detail="The request body did not arrive in time.",
            )
            return
        if disconnected:
            return  # the client left before it finished sending: nobody to answer

        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read(receive: Receive, limit: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"", True
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    await send_problem(
        scope,
        send,
        status=413,
        type_="payload-too-large",
        title="Request body too large",
        detail=f"This endpoint takes bodies of at most {limit} bytes; split it.",
    )
