"""A bounded HTTP/1.1 load generator, cheap enough to share two cores with what it measures.

Requests are prepared as bytes once; each connection is kept alive and parsed with httptools
(uvicorn's own parser). Two ways to load a server:

- `closed`: `concurrency` connections, each sending its next request as soon as the previous
  answer arrives, for `duration` seconds — the top rate;
- `open_loop`: requests due at a fixed `rate`, whether or not earlier ones have been answered,
  with each latency counted from when the request was due (so a stalled server shows as latency
  instead of as fewer requests: no coordinated omission).

Both stop by themselves after `duration` seconds and refuse to run unbounded.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import httptools

MAX_DURATION = 120.0


@dataclass
class Result:
    """What one load run saw."""

    elapsed: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    sample: bytes = b""  # the body of one answer
    bodies: list[bytes] = field(default_factory=list)  # every answer, from `each_once` only

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: int) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]

    def record(self, since: float, status: int, body: bytes) -> None:
        """One answer, its latency counted from `since` (a time.perf_counter())."""
        self.latencies_ms.append((time.perf_counter() - since) * 1000)
        self.statuses[status] += 1
        self.sample = self.sample or body

    @property
    def failures(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 400)


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request in flight at a time."""

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[tuple[int, bytes]] | None = None
        self._body: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._parser.feed_data(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(ConnectionError("the server closed the connection"))

    # httptools callbacks
    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        assert self._waiter is not None
        self._waiter.set_result((self._parser.get_status_code(), b"".join(self._body)))

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        assert self._transport is not None
        self._body = []
        self._waiter = asyncio.get_running_loop().create_future()
        self._transport.write(raw)
        return await self._waiter

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()


async def _connect(host: str, port: int) -> _Connection:
    loop = asyncio.get_running_loop()
    _, protocol = await loop.create_connection(_Connection, host, port)
    return protocol


def request(
    method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> bytes:
    """One HTTP/1.1 request as bytes."""
    lines = [f"{method} {path} HTTP/1.1", "Host: bench"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method in {"POST", "PUT", "PATCH"}:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _check(duration: float) -> None:
    if not 0 < duration <= MAX_DURATION:
        raise ValueError(f"duration must be in (0, {MAX_DURATION}] seconds")


async def closed(
    host: str, port: int, requests: Sequence[bytes], *, concurrency: int, duration: float
) -> Result:
    """Keep `concurrency` requests in flight for `duration` seconds."""
    _check(duration)
    connections = [await _connect(host, port) for _ in range(concurrency)]
    result = Result()
    cycle: Iterator[bytes] = itertools.cycle(requests)
    started = time.perf_counter()
    stop = started + duration

    async def worker(conn: _Connection) -> None:
        while (sent := time.perf_counter()) < stop:
            status, body = await conn.send(next(cycle))
            result.record(sent, status, body)

    try:
        await asyncio.gather(*(worker(c) for c in connections))
    finally:
        result.elapsed = time.perf_counter() - started
        for conn in connections:
            conn.close()
    return result


async def open_loop(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    rate: float,
    duration: float,
    connections: int = 32,
) -> Result:
    """Send requests due every 1/`rate` s for `duration` seconds; latency from when each was due."""
    _check(duration)
    pool = [await _connect(host, port) for _ in range(connections)]
    due: asyncio.Queue[float | None] = asyncio.Queue()
    result = Result()
    cycle: Iterator[bytes] = itertools.cycle(requests)
    total = int(rate * duration)

    async def schedule() -> None:
        queued = 0
        while queued < total:
            late = min(total, int((time.perf_counter() - started) * rate) + 1)
            for n in range(queued, late):
                due.put_nowait(started + n / rate)
            queued = late
            await asyncio.sleep(0.0005)
        for _ in pool:
            due.put_nowait(None)

    async def worker(conn: _Connection) -> None:
        while (at := await due.get()) is not None:
            status, body = await conn.send(next(cycle))
            result.record(at, status, body)

    started = time.perf_counter()
    try:
        await asyncio.gather(schedule(), *(worker(c) for c in pool))
    finally:
        result.elapsed = time.perf_counter() - started
        for conn in pool:
            conn.close()
    return result


async def each_once(host: str, port: int, requests: Sequence[bytes], *, concurrency: int) -> Result:
    """Send every request exactly once, `concurrency` at a time, keeping every answer; at most
    MAX_DURATION seconds."""
    connections = [await _connect(host, port) for _ in range(concurrency)]
    result = Result()
    queue = list(reversed(requests))
    started = time.perf_counter()

    async def worker(conn: _Connection) -> None:
        while queue:
            raw = queue.pop()
            sent = time.perf_counter()
            status, body = await conn.send(raw)
            result.record(sent, status, body)
            result.bodies.append(body)

    try:
        await asyncio.wait_for(asyncio.gather(*(worker(c) for c in connections)), MAX_DURATION)
    finally:
        result.elapsed = time.perf_counter() - started
        for conn in connections:
            conn.close()
    return result
