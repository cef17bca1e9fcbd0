"""A worker's share of the metrics, started and stopped with its lifespan: the pool sampled
every second (in multiprocess mode a scrape cannot ask other workers), and, with METRICS_PORT,
a listener of its own that serves `/metrics` without a key."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket

from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.kit.config import Settings
from app.metrics import database
from app.metrics.instruments import exposition, forget_process, sample_pool

logger = logging.getLogger("pintu.metrics")

SAMPLE_EVERY = 1.0  # seconds
# The listener reads a request line and headers only, within this time and size.
READ_TIMEOUT = 5.0
MAX_LINE = 8192
MAX_HEADERS = 100


class MetricsRuntime:
    def __init__(
        self,
        engine: AsyncEngine,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
    ) -> None:
        self._engine = engine
        self._sessions = sessions
        self._settings = settings
        self._sampler: asyncio.Task[None] | None = None
        self._server: asyncio.Server | None = None

    @property
    def port(self) -> int | None:
        """The port the listener is bound to (None: no listener)."""
        if self._server is None:
            return None
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        sample_pool(self._engine)
        self._sampler = asyncio.create_task(self._sample(), name="metrics-pool")
        port = self._settings.metrics_port
        if port is not None:
            host = self._settings.metrics_host or self._settings.host
            # Every worker binds the same port (SO_REUSEPORT): the kernel hands each scrape
            # to one of them, and each answers for all (multiprocess mode).
            self._server = await asyncio.start_server(
                self._answer,
                host,
                port,
                reuse_port=hasattr(socket, "SO_REUSEPORT"),
                limit=MAX_LINE,
            )
            logger.info("metrics on http://%s:%d/metrics", host, self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
            self._sampler = None
        forget_process()

    async def _sample(self) -> None:
        while True:
            await asyncio.sleep(SAMPLE_EVERY)
            sample_pool(self._engine)

    async def render(self) -> bytes:
        sample_pool(self._engine)
        async with self._sessions() as session:
            families = await database.read(session, self._settings)
        return exposition(families)

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One request, then the connection is closed: GET (or HEAD) /metrics, else 404."""
        try:
            async with asyncio.timeout(READ_TIMEOUT):
                request_line = await reader.readline()
                for _ in range(MAX_HEADERS):
                    if await reader.readline() in (b"\r\n", b"\n", b""):
                        break
                else:
                    raise ValueError("too many headers")
            parts = request_line.split()
            method = parts[0] if parts else b""
            path = parts[1].split(b"?", 1)[0] if len(parts) > 1 else b""
            if method in (b"GET", b"HEAD") and path == b"/metrics":
                status, media, body = "200 OK", CONTENT_TYPE_PLAIN_0_0_4, await self.render()
            else:
                status, media, body = "404 Not Found", "text/plain", b"only /metrics here\n"
            head = (
                f"HTTP/1.1 {status}\r\nContent-Type: {media}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
            writer.write(head if method == b"HEAD" else head + body)
            await writer.drain()
        except (TimeoutError, ValueError, ConnectionError):
            pass  # a client too slow, too long-winded or gone: nothing to answer
        except Exception:
            logger.exception("metrics listener: a scrape failed")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
