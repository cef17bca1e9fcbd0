"""The tests' own HTTP servers (a fake JAKI feed, a webhook receiver): reading a request's line
and headers, and serving from a thread with an event loop of its own, for a job the test runs
in a subprocess (the test's own loop is blocked waiting for it)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any


async def read_head(reader: asyncio.StreamReader) -> tuple[str, dict[str, str]] | None:
    """The next request's line and headers (names lower-cased); None when the client closed."""
    request_line = await reader.readline()
    if not request_line:
        return None
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return request_line.decode("latin-1"), headers


class ServedInThread:
    """Mixed into a server with `async start() -> str` and `async stop()`."""

    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None

    async def start(self) -> str:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    def start_in_thread(self) -> str:
        """Start serving from a thread; the URL to reach the server at."""
        ready = threading.Event()
        started: list[Any] = []

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            started.append(self._loop.run_until_complete(self.start()))
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{type(self).__name__} did not start")
        return str(started[0])

    def stop_thread(self) -> None:
        if self._loop is not None and self._thread is not None:
            asyncio.run_coroutine_threadsafe(self.stop(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
