"""A fake JAKI feed speaking real HTTP/1.1 on a real socket (docs/jaki-feed.md, "Pull").

Written on asyncio streams rather than a web framework so it can misbehave at the protocol
level: answer slowly, drop the connection, send garbage, or refuse with 4xx/5xx.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.factories import jaki_report
from tests.in_thread import ServedInThread, read_head

KELURAHAN = ["31.71.06.1003", "31.71.01.1001", "31.74.01.1001", "31.75.01.1001"]


def make_reports(count: int, *, malformed_every: int = 0, start: int = 0) -> list[dict[str, Any]]:
    """`count` valid reports with unique ids and increasing updated_at; with `malformed_every`,
    every n-th one is refused by Pintu (its status is not a JAKI status)."""
    reports = []
    for n in range(start, start + count):
        seconds = n % 60
        minutes = (n // 60) % 60
        hours = n // 3600
        stamp = f"2026-10-{1 + hours // 24:02d}T{hours % 24:02d}:{minutes:02d}:{seconds:02d}+07:00"
        report = jaki_report(
            id=f"JAKI-2026-{n:07d}",
            created_at=stamp,
            updated_at=stamp,
            kelurahan_code=KELURAHAN[n % len(KELURAHAN)],
        )
        if malformed_every and n % malformed_every == malformed_every - 1:
            report["status"] = "Dibatalkan"
        reports.append(report)
    return reports


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    return int(base64.urlsafe_b64decode(cursor.encode()).decode().split(":", 1)[1])


@dataclass
class Fault:
    kind: str  # "503", "429", "500", "400", "slow", "drop", "truncate", "garbage"; "none" passes
    retry_after: str | None = None


class FakeFeed(ServedInThread):
    """Serves `GET /feed?limit=N&cursor=C` over pages of `reports`, with scripted faults."""

    def __init__(
        self,
        reports: list[dict[str, Any]],
        *,
        token: str = "feed-token",
        delay: float = 0.0,
        slow_seconds: float = 5.0,
    ) -> None:
        self.reports = sorted(reports, key=lambda r: (r["updated_at"], r["id"]))
        self.token = token
        self.delay = delay
        self.slow_seconds = slow_seconds
        self.faults: deque[Fault] = deque()
        self.requests: list[dict[str, Any]] = []
        self.url = ""
        self._server: asyncio.Server | None = None

    def fail_next(
        self, kind: str, *, times: int = 1, retry_after: str | None = None, after: int = 0
    ) -> None:
        """The next `times` requests misbehave as `kind` (once `after` more are answered)."""
        self.faults.extend(Fault("none") for _ in range(after))
        self.faults.extend(Fault(kind, retry_after) for _ in range(times))

    def add(self, reports: list[dict[str, Any]]) -> None:
        """New reports appear in the feed (after the existing ones)."""
        self.reports = sorted(self.reports + reports, key=lambda r: (r["updated_at"], r["id"]))

    # -- serving -------------------------------------------------------------------------

    async def start(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/feed"
        return self.url

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def __aenter__(self) -> FakeFeed:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                if (head := await read_head(reader)) is None:
                    return
                request_line, headers = head
                method, target, _ = request_line.split(" ", 2)
                parts = urlsplit(target)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                self.requests.append(
                    {"method": method, "path": parts.path, "query": query, "headers": headers}
                )
                fault = self.faults.popleft() if self.faults else None
                if fault and fault.kind == "drop":
                    return  # close without a byte of answer
                if fault and fault.kind == "slow":
                    await asyncio.sleep(self.slow_seconds)
                if self.delay:
                    await asyncio.sleep(self.delay)
                status, body, extra = self._answer(method, parts.path, query, headers, fault)
                head = [
                    f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}",
                    f"Content-Length: {len(body)}",
                    "Content-Type: application/json",
                    "Connection: keep-alive",
                    *(f"{k}: {v}" for k, v in extra.items()),
                ]
                if fault and fault.kind == "truncate":
                    # The whole page promised, half of it sent, then the connection is gone.
                    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body[: len(body) // 2])
                    await writer.drain()
                    return
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            return
        finally:
            writer.close()

    def _answer(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        fault: Fault | None,
    ) -> tuple[int, bytes, dict[str, str]]:
        if method != "GET" or path != "/feed":
            return 404, b'{"error": "not found"}', {}
        if headers.get("authorization") != f"Bearer {self.token}":
            return 401, b'{"error": "unauthorized"}', {}
        if fault and fault.kind.isdigit():
            extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return int(fault.kind), b'{"error": "try later"}', extra
        if fault and fault.kind == "garbage":
            return 200, b"<html>proxy error</html>", {}
        offset = decode_cursor(query["cursor"]) if "cursor" in query else 0
        limit = int(query.get("limit", "500"))
        page = self.reports[offset : offset + limit]
        end = offset + len(page)
        body = {
            "reports": page,
            "next": encode_cursor(end) if page or "cursor" in query else None,
            "has_more": end < len(self.reports),
        }
        return 200, json.dumps(body).encode(), {}


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
