"""Watching the SQL an engine sends: how tests check that work is cached or batched."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


@contextmanager
def statements_sent(engine: AsyncEngine | AsyncConnection) -> Iterator[list[str]]:
    """Every SQL statement sent through `engine` (an engine, or a connection's engine) while
    the block runs, in order."""
    sent: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)
