"""A webhook receiver speaking real HTTP/1.1 on a loopback socket, with scripted answers: a
status, a delay before answering, extra headers. It records every request it read in full."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.in_thread import ServedInThread, read_head


@dataclass
class Answer:
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Receiver(ServedInThread):
    """`answers` are used one per request, in order; after them, `default`."""

    def __init__(self, *answers: Answer, default: Answer | None = None) -> None:
        self.answers: deque[Answer] = deque(answers)
        self.default = default or Answer()
        self.received: list[Received] = []
        self.port = 0
        self._server: asyncio.base_events.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self._serving: set[asyncio.Task[Any]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/pintu"

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]

    def types(self) -> list[str]:
        return [r.json["type"] for r in self.received]

    async def start(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.url

    async def stop(self) -> None:
        for writer in list(self._open):
            writer.close()
        for task in list(self._serving):  # a connection held by a scripted delay
            task.cancel()
        await asyncio.gather(*self._serving, return_exceptions=True)
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        task = asyncio.current_task()
        assert task is not None
        self._serving.add(task)
        try:
            while True:
                if (head := await read_head(reader)) is None:
                    return
                request_line, headers = head
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                path = request_line.split(" ")[1]
                self.received.append(Received(path, headers, body))
                answer = self.answers.popleft() if self.answers else self.default
                if answer.delay:
                    await asyncio.sleep(answer.delay)
                extra = "".join(f"{k}: {v}\r\n" for k, v in answer.headers.items())
                writer.write(
                    f"HTTP/1.1 {answer.status} X\r\ncontent-length: 2\r\n{extra}\r\nok".encode()
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._open.discard(writer)
            self._serving.discard(task)
            writer.close()
