"""A fake JAKI feed (docs/jaki-feed.md, "Pull") speaking real HTTP/1.1 over a real socket.

It is written on `asyncio.start_server` rather than a web framework so that it can misbehave
the way a real network does: answer slowly, hang up without a word, send garbage.

    async with FakeFeed(make_reports(300)) as feed:      # in the test's event loop
        feed.fail_next("503", retry_after=2)
        ... FeedClient(http, feed.url + "/feed", token=feed.token) ...

    feed = FakeFeed(reports).start_in_thread()            # for a job in a subprocess
    try: ... finally: feed.stop_thread()

Reports are served ordered by (`updated_at`, `id`); `updated_at` is compared as a string, so
the reports of one feed must all write it with the same offset (make_reports does). The cursor
is opaque to the client: the urlsafe base64 of the (`updated_at`, `id`) key of the last report
it covers, so reports added later with a newer `updated_at` are picked up after it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import bisect
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.factories import jaki_report

HOST = "127.0.0.1"
FAULT_KINDS = frozenset({"503", "429", "500", "400", "slow", "drop", "garbage"})
REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
MAX_HEAD = 64 * 1024

# Real kelurahan codes (migrations/data/jakarta_regions.csv) with their reference points.
KELURAHAN = [
    ("31.71.06.1003", -6.191449, 106.839388),  # Cikini
    ("31.71.01.1001", -6.176384, 106.826707),  # Gambir
    ("31.74.01.1001", -6.233819, 106.855523),  # Tebet Timur
]
FIRST_UPDATE = datetime.fromisoformat("2026-10-01T08:00:00+07:00")
# A NIK whose "date of birth" is the 99th of the 13th month: refused, and never to be echoed.
BAD_NIK = "3171069913880003"


@dataclass(slots=True)
class Fault:
    kind: str
    retry_after: str | None = None
    seconds: float = 3.0


@dataclass(slots=True)
class Request:
    """One request the feed received, and what it did with it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    fault: str | None = None
    status: int | None = None  # None: nothing was sent (dropped, or the client left first)


@dataclass(slots=True)
class _Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


class BadRequest(Exception):
    """The request could not be read as HTTP/1.1."""


def encode_cursor(key: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        updated_at, report_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, TypeError) as exc:
        raise ValueError("not a cursor of this feed") from exc
    if not isinstance(updated_at, str) or not isinstance(report_id, str):
        raise ValueError("not a cursor of this feed")
    return updated_at, report_id


def _key(report: dict[str, Any]) -> tuple[str, str]:
    return str(report.get("updated_at")), str(report.get("id"))


class FakeFeed:
    """`GET /feed?limit=N&cursor=C` over the given reports, with scripted faults."""

    def __init__(
        self, reports: list[dict[str, Any]], *, token: str = "feed-token", delay: float = 0.0
    ) -> None:
        self.reports = reports  # the caller may append to it while the feed runs
        self.token = token
        self.delay = delay
        self.requests: list[Request] = []
        self._faults: deque[Fault] = deque()
        self._faults_at: dict[str | None, deque[Fault]] = {}
        self._lock = threading.Lock()
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.port: int | None = None

    # -- what tests script and read -------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's base URL; the feed itself is at `url + "/feed"`."""
        assert self.port is not None, "the feed is not running"
        return f"http://{HOST}:{self.port}"

    def fail_next(
        self,
        kind: str,
        *,
        times: int = 1,
        retry_after: float | str | None = None,
        seconds: float = 3.0,
    ) -> None:
        """The next `times` requests (whatever their cursor) fail with `kind`.

        Kinds: "503" and "429" (with `Retry-After` when given), "500", "400", "slow" (answer
        only after `seconds`, meant to exceed the client's timeout), "drop" (read the request,
        then close the connection without a byte), "garbage" (200 with a body that is not JSON).
        """
        with self._lock:
            self._faults.extend(self._make_faults(kind, times, retry_after, seconds))

    def fail_at(
        self,
        cursor: str | None,
        kind: str,
        *,
        times: int = 1,
        retry_after: float | str | None = None,
        seconds: float = 3.0,
    ) -> None:
        """The next `times` requests for the page after `cursor` (None: the first) fail."""
        with self._lock:
            queue = self._faults_at.setdefault(cursor, deque())
            queue.extend(self._make_faults(kind, times, retry_after, seconds))

    @staticmethod
    def _make_faults(
        kind: str, times: int, retry_after: float | str | None, seconds: float
    ) -> list[Fault]:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {sorted(FAULT_KINDS)}")
        shown = None
        if retry_after is not None:
            shown = retry_after if isinstance(retry_after, str) else f"{retry_after:g}"
        return [Fault(kind, shown, seconds) for _ in range(times)]

    def ordered(self) -> list[dict[str, Any]]:
        """The reports in the feed's order: (`updated_at`, `id`)."""
        return sorted(list(self.reports), key=_key)

    def cursor_after(self, count: int) -> str | None:
        """The cursor a client holds once it has read the first `count` reports."""
        if count == 0:
            return None
        return encode_cursor(_key(self.ordered()[count - 1]))

    def covered(self, cursor: str | None) -> list[dict[str, Any]]:
        """The reports a client holding `cursor` has read (all of them up to the cursor)."""
        ordered = self.ordered()
        if cursor is None:
            return []
        keys = [_key(r) for r in ordered]
        return ordered[: bisect.bisect_right(keys, decode_cursor(cursor))]

    def cursors_sent(self) -> list[str | None]:
        """The `cursor` of every /feed request, in order (None when there was none)."""
        return [r.query.get("cursor") for r in self.requests if r.path == "/feed"]

    # -- running in the current loop ------------------------------------------------------

    async def start(self) -> FakeFeed:
        self._server = await asyncio.start_server(self._connection, HOST, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        # Python 3.11's Server.close leaves open connections alone: end them ourselves.
        for task in list(self._connections):
            task.cancel()
        if self._connections:
            await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> FakeFeed:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- running in a thread of its own ---------------------------------------------------

    def start_in_thread(self, timeout: float = 10.0) -> FakeFeed:
        """Serve from a background thread with its own event loop; returns once listening."""
        ready = threading.Event()
        problem: list[BaseException] = []

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:
                problem.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
                loop.run_until_complete(self.stop())
            finally:
                loop.close()

        self._thread = threading.Thread(target=serve, name="fake-jaki-feed", daemon=True)
        self._thread.start()
        if not ready.wait(timeout):
            raise RuntimeError("the fake feed did not start")
        if problem:
            raise problem[0]
        return self

    def stop_thread(self, timeout: float = 10.0) -> None:
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("the fake feed's thread did not stop")
        self._thread = None

    # -- HTTP/1.1 -------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:
                try:
                    request = await self._read_request(reader)
                except BadRequest:
                    await self._send(writer, _Answer(400, b'{"error": "bad request"}'), close=True)
                    return
                if request is None:  # the client closed the connection
                    return
                keep_alive = request.headers.get("connection", "").lower() != "close"
                self.requests.append(request)
                fault = self._take_fault(request)
                if fault is not None:
                    request.fault = fault.kind
                if fault is not None and fault.kind == "drop":
                    return
                if fault is not None and fault.kind == "slow":
                    await asyncio.sleep(fault.seconds)
                elif self.delay:
                    await asyncio.sleep(self.delay)
                answer = self._answer(request, fault)
                try:
                    await self._send(writer, answer, close=not keep_alive)
                except (ConnectionError, RuntimeError):
                    return  # the client gave up first (a timeout)
                request.status = answer.status
                if not keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._connections.discard(task)
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, asyncio.CancelledError):
                pass

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> Request | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if exc.partial.strip():
                raise BadRequest from exc
            return None
        except asyncio.LimitOverrunError as exc:
            raise BadRequest from exc
        if len(head) > MAX_HEAD:
            raise BadRequest
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, version = lines[0].split(" ")
        except ValueError as exc:
            raise BadRequest from exc
        if not version.startswith("HTTP/1."):
            raise BadRequest
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if not line:
                continue
            name, sep, value = line.partition(":")
            if not sep:
                raise BadRequest
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        if length:
            await reader.readexactly(length)  # a GET has none, but read what comes
        parts = urlsplit(target)
        return Request(method, parts.path, dict(parse_qsl(parts.query)), headers)

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, answer: _Answer, *, close: bool) -> None:
        head = [
            f"HTTP/1.1 {answer.status} {REASONS.get(answer.status, 'Unknown')}",
            f"Content-Type: {answer.content_type}",
            f"Content-Length: {len(answer.body)}",
            f"Connection: {'close' if close else 'keep-alive'}",
            *(f"{name}: {value}" for name, value in answer.headers.items()),
        ]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + answer.body)
        await writer.drain()

    def _take_fault(self, request: Request) -> Fault | None:
        if request.path != "/feed":
            return None
        with self._lock:
            if self._faults:
                return self._faults.popleft()
            queue = self._faults_at.get(request.query.get("cursor"))
            if queue:
                return queue.popleft()
        return None

    def _answer(self, request: Request, fault: Fault | None) -> _Answer:
        if fault is not None and fault.kind in {"503", "429", "500", "400"}:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            body = json.dumps({"error": f"scripted {fault.kind}"}).encode()
            return _Answer(int(fault.kind), body, headers)
        if fault is not None and fault.kind == "garbage":
            return _Answer(200, b"<html><body>502 Bad Gateway</body></html>", content_type="text/html")
        if request.path != "/feed":
            return _Answer(404, b'{"error": "not found"}')
        if request.method != "GET":
            return _Answer(405, b'{"error": "GET only"}', {"Allow": "GET"})
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _Answer(401, b'{"error": "unauthorized"}', {"WWW-Authenticate": "Bearer"})
        return self._page(request.query)

    def _page(self, query: dict[str, str]) -> _Answer:
        try:
            limit = int(query.get("limit", "500"))
            if not 1 <= limit <= 1000:
                raise ValueError("limit is 1 to 1000")
            cursor = query.get("cursor")
            after = decode_cursor(cursor) if cursor is not None else None
        except ValueError as exc:
            return _Answer(400, json.dumps({"error": str(exc)}).encode())
        ordered = self.ordered()
        start = 0
        if after is not None:
            start = bisect.bisect_right([_key(r) for r in ordered], after)
        page = ordered[start : start + limit]
        next_cursor = encode_cursor(_key(page[-1])) if page else cursor
        body = {"reports": page, "next": next_cursor, "has_more": start + limit < len(ordered)}
        return _Answer(200, json.dumps(body, ensure_ascii=False).encode())


def make_reports(n: int, *, malformed_every: int = 0, start: int = 0) -> list[dict[str, Any]]:
    """`n` reports with unique ids and increasing `updated_at`, numbered from `start`.

    With `malformed_every=k`, every k-th report is malformed: alternately without `status`
    and with a reporter whose NIK (`BAD_NIK`) is refused.
    """
    reports = []
    for i in range(start, start + n):
        code, lat, lon = KELURAHAN[i % len(KELURAHAN)]
        updated = FIRST_UPDATE + timedelta(seconds=37 * i)
        report = jaki_report(
            id=f"JAKI-2026-{i + 1:07d}",
            created_at=(updated - timedelta(hours=2)).isoformat(),
            updated_at=updated.isoformat(),
            kelurahan_code=code,
            lat=lat,
            lon=lon,
            photo_urls=[f"https://jaki.jakarta.go.id/media/r/{i + 1:07d}-1.jpg"],
            support_count=i % 40,
        )
        if malformed_every and (i + 1) % malformed_every == 0:
            if ((i + 1) // malformed_every) % 2:
                del report["status"]
            else:
                report["reporter"] = {**report["reporter"], "nik": BAD_NIK}
        reports.append(report)
    return reports


def is_malformed(report: dict[str, Any]) -> bool:
    """Whether make_reports made this report malformed."""
    return "status" not in report or (report.get("reporter") or {}).get("nik") == BAD_NIK


def valid_ids(reports: list[dict[str, Any]]) -> set[str]:
    return {r["id"] for r in reports if not is_malformed(r)}
