"""`If-None-Match` on a GET: an answer whose `ETag` the caller already holds is sent as
"304 Not Modified", without a body (RFC 9110, 13.1.2 and 15.4.5).

Every GET that answers one record with its version as the `ETag` (a complaint, an assignment, a
webhook subscription) gets this, whichever package answers it: the endpoint runs as it would
(its access rules and refusals unchanged, a refusal never becomes a 304), and only a 200 whose
`ETag` the header names is cut down. It saves the caller the body, not Pintu the work; the read
is written in the audit log of unmasked reads as the 200 would have been, since the caller holds
the data it stands for.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.preconditions import none_match

# What a 304 keeps of the 200 it stands for (RFC 9110, 15.4.5), and what the server adds to
# every answer (the request id).
_KEPT = {"etag", "cache-control", "content-location", "date", "expires", "vary", "x-request-id"}


class NotModifiedMiddleware:
    """Answers a GET whose `If-None-Match` names the answer's `ETag` with 304 and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        # Several If-None-Match headers are one list (RFC 9110, 5.3).
        wanted = ", ".join(Headers(scope=scope).getlist("if-none-match"))
        if not wanted:
            await self.app(scope, receive, send)
            return
        cut = False

        async def conditional(message: Message) -> None:
            nonlocal cut
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                current = headers.get("etag")
                if message["status"] == 200 and current and none_match(wanted, current):
                    cut = True
                    kept = [(k, v) for k, v in message["headers"] if k.decode().lower() in _KEPT]
                    message = {**message, "status": 304, "headers": kept}
            elif message["type"] == "http.response.body" and cut:
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, conditional)
