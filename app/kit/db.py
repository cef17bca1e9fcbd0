"""Engine, sessions, the per-request transaction, and which database a command uses."""

from __future__ import annotations

import json
import os
import time
from collections.abc import AsyncIterator, Collection, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from app.kit.config import Settings, get_settings


def async_url(url: str) -> URL:
    """Turn a libpq-style URL (postgresql://…) into one for SQLAlchemy + asyncpg."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql", "postgresql+psycopg2", "postgresql+psycopg"}:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed


# A pooled connection idle for longer than this is checked (a round trip) before it is used.
PING_AFTER_IDLE = 5.0


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An asyncpg engine with a bounded pool that checks idle connections before use."""
    engine = create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,
        # A failed statement's parameters carry personal data: never into logs or errors.
        hide_parameters=True,
        connect_args={"server_settings": {"application_name": "pintu", "timezone": "UTC"}},
    )
    _ping_idle_connections(engine.sync_engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """SQLAlchemy's pool_pre_ping costs a round trip on every checkout, that is on every
    request. A connection that was in use a moment ago is alive, or the request using it
    finds out, gets 503 and the pool drops its connections. So only a connection idle for
    PING_AFTER_IDLE seconds is pinged; if the ping fails, every pooled connection is
    replaced, as pool_pre_ping would do."""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise InvalidatePoolError("a pooled connection failed its ping") from exc


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the endpoint returns, roll back if it raises."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


# scope="function": commit before the response is sent, so a failed commit is an error response.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL if set; otherwise start the embedded PostgreSQL under DATA_DIR/pg."""
    if settings.database_url:
        return settings.database_url
    from app.kit.embedded import start_embedded_postgres

    url = start_embedded_postgres(settings.data_dir / "pg")
    # Child processes (uvicorn workers) and the app's own settings read it from here.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    return url


def escape_like(text: str) -> str:
    """`text` matched literally inside a LIKE pattern (with `escape="\\"`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def copy_rows(
    session: AsyncSession,
    table: str,
    rows: Sequence[dict[str, Any]],
    *,
    json_columns: Collection[str] = (),
) -> None:
    """Insert `rows` (dicts built alike: same keys in the same order) into `table` with COPY,
    on the session's own connection and so inside its transaction. COPY is the fastest way in:
    about half the time of a multi-row INSERT for a batch of 1,000 rows with all of the
    complaints' indexes. Values of `json_columns` travel as JSON text."""
    if not rows:
        return
    columns = list(rows[0])
    json_at = [i for i, column in enumerate(columns) if column in json_columns]
    records = []
    for row in rows:
        values = list(row.values())
        for i in json_at:
            if values[i] is not None:
                values[i] = json.dumps(values[i])
        records.append(values)
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    await driver.copy_records_to_table(table, records=records, columns=columns)
