"""The HTTP/1.1 protocol `pintu serve` speaks: uvicorn's, with a bound on the time to send headers.

uvicorn bounds the idle time between requests on a kept-alive connection, and the app bounds
the time a body may take (app.server.bodylimit), but nothing bounds the request line and headers: a
client sending one byte a second holds a connection, and its memory, for as long as it likes
(the "slowloris" attack). Here a connection must deliver a request's line and headers within
HEADER_TIMEOUT seconds of connecting, or of the first byte of the next request on a kept-alive
connection; otherwise it gets 408 problem+json and is closed. The app never sees such a request.
"""

from __future__ import annotations

import asyncio
import json
import logging
from functools import lru_cache
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.kit.config import get_settings
from app.kit.errors import PROBLEM_JSON, problem_type

logger = logging.getLogger("pintu.access")


@lru_cache(maxsize=4)
def _timeout_response(base_url: str | None) -> bytes:
    body = json.dumps(
        {
            "type": problem_type("request-timeout", base_url),
            "title": "Request headers too slow",
            "status": 408,
            "detail": "The request line and headers did not arrive in time.",
        }
    ).encode()
    return (
        b"HTTP/1.1 408 Request Timeout\r\n"
        b"content-type: " + PROBLEM_JSON.encode() + b"\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n"
        b"connection: close\r\n\r\n" + body
    )


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol that closes connections whose headers come too slowly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.header_timeout = settings.header_timeout
        self._timeout_response = _timeout_response(settings.public_base_url)
        self._header_timer: asyncio.TimerHandle | None = None

    def _arm_header_timer(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined request's headers trickle in while the one before is still being
            # answered: let that answer finish, then look again.
            self._arm_header_timer()
            return
        logger.info("connection closed: request headers not received in %ss", self.header_timeout)
        self.transport.write(self._timeout_response)
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_timer()  # the first byte of a request on a kept-alive connection

    def on_headers_complete(self) -> None:
        self._disarm_header_timer()
        super().on_headers_complete()
