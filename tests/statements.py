"""Watching the SQL an engine sends: how tests check that work is cached or batched."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.kit.db import create_engine


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


async def _count(url: str, stmt: Any) -> int:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(stmt) or 0)
    finally:
        await engine.dispose()


def count(url: str, stmt: Any) -> int:
    """The number `stmt` (a count) gives in the database at `url`, from outside any test
    transaction: for commands that commit."""
    return asyncio.run(_count(url, stmt))
