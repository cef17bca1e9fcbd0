"""HEAD is answered as GET without a body (RFC 9110, 9.3.2), on every GET route.

FastAPI routes answer only the methods they declare, so a HEAD — what link checkers, caches and
load balancers send to ask whether something is there — got 405. Here it runs as the GET it
stands for: same status and headers (ETag and Content-Length included), no body. It is logged as
HEAD, counts against the key's rate limit like the GET, and is written in the audit log of
unmasked reads like the GET (it did the same work, even if the body was not sent).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    """Runs a HEAD request as a GET and drops the body from its answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        # A copy, so the server still knows the request was a HEAD; the request's state dict
        # is shared with it.
        await self.app({**scope, "method": "GET"}, receive, headers_only)
