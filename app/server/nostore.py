"""Responses to requests made with an API key are never kept by a cache.

Whatever a key reads may hold personal data unmasked (its role decides), the intake answer
shows what the desk typed in, and a new key's secret is shown once: a browser's or a proxy's
cache must keep none of them. The rule is the simplest that covers every such answer: a request
that carries `Authorization` gets `Cache-Control: no-store` back, whatever its status. Answers
without a key (reference data, statistics, health) hold no personal data and are left alone.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_AUTHORIZATION = b"authorization"


class NoStoreMiddleware:
    """Adds `Cache-Control: no-store` to every response to a request with an API key."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not any(
            name.lower() == _AUTHORIZATION for name, _ in scope["headers"]
        ):
            await self.app(scope, receive, send)
            return

        async def no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, no_store)
