"""Test fixtures: a real PostgreSQL built by the migrations, one rolled-back transaction per test.

The server is TEST_DATABASE_URL when set, otherwise an embedded PostgreSQL under
.data/test-pg. Each run creates databases of its own on it and drops them at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PINTU_ENV", "test")
os.environ.pop("DATABASE_URL", None)

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine

from app.auth import service as auth_service
from app.kit.config import get_settings
from app.kit.db import async_url, create_engine, get_session
from app.kit.migrate import upgrade
from app.main import create_app, init_state
from app.models.roles import Role
from app.ratelimit import Guesses
from app.ratelimit.invalid_keys import InvalidKeys
from app.ratelimit.service import window_of
from tests.factories import bound_to
from tests.keycache import key_cache_on

ROOT = Path(__file__).resolve().parent.parent


def server_url() -> str:
    """The PostgreSQL server the suite runs on."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    from app.kit.embedded import start_embedded_postgres

    return start_embedded_postgres(ROOT / ".data" / "test-pg")


async def _admin(url: str, statement: str) -> None:
    engine = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


class ScratchDatabases:
    """Creates uniquely named databases on the test server and drops them all at the end."""

    def __init__(self, url: str) -> None:
        self.server = url
        self.names: list[str] = []

    def create(self, purpose: str) -> str:
        name = f"pintu_test_{purpose}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        asyncio.run(_admin(self.server, f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return make_url(self.server).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        for name in self.names:
            asyncio.run(_admin(self.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def scratch() -> Iterator[ScratchDatabases]:
    databases = ScratchDatabases(server_url())
    yield databases
    databases.drop_all()


@pytest.fixture
def command_database(scratch: ScratchDatabases, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database at head of its own, named by DATABASE_URL, for `pintu` commands run in the
    test's process (committed data); the settings and the logging they configure are put back."""
    url = scratch.create("command")
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield url
    root.handlers[:], root.level = handlers, level
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def database_url(scratch: ScratchDatabases) -> str:
    """A database migrated to head, shared by the transactional tests."""
    url = scratch.create("main")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def app(engine: AsyncEngine) -> FastAPI:
    application = create_app(get_settings(), configure_logs=False)
    init_state(application, engine)
    return application


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session for the test's own set-up and checks, inside the test's transaction."""
    async with AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    ) as s:
        yield s


@pytest.fixture
async def client(app: FastAPI, connection: AsyncConnection) -> AsyncIterator[httpx.AsyncClient]:
    """The real app over ASGI; each request's session joins the test's transaction."""

    async def session_in_test_transaction() -> AsyncIterator[AsyncSession]:
        async with AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        ) as s:
            try:
                yield s
            except BaseException:
                await s.rollback()
                raise
            else:
                await s.commit()

    app.dependency_overrides[get_session] = session_in_test_transaction
    # Counts of invalid keys per address are the worker's, and this app lives for the session:
    # each test starts with none, as it starts with its own data.
    app.state.invalid_keys = InvalidKeys(app.state.settings.invalid_keys_per_minute)
    app.state.guesses = Guesses()  # and so are the wrong receipt codes counted per address
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c
    app.dependency_overrides.clear()


@pytest.fixture
async def keys(session: AsyncSession) -> dict[Role, str]:
    """One API key per role, valid inside this test."""
    made = {}
    for role in Role:
        _, secret = await auth_service.create_key(
            session, name=f"test {role.value}", role=role, **bound_to(role)
        )
        made[role] = secret
    await session.commit()
    return made


@pytest.fixture
def auth(keys: dict[Role, str]) -> Callable[[Role], dict[str, str]]:
    """Headers that authenticate as a role: `auth(Role.DESK)`."""
    return lambda role: {"Authorization": f"Bearer {keys[role]}"}


class OwnDatabase:
    """A database of a test's own with the real app on it: every request commits, so tests of
    concurrency see what other transactions committed."""

    def __init__(self, url: str, engine: AsyncEngine, app: FastAPI, client: httpx.AsyncClient):
        self.url = url
        self.engine = engine
        self.app = app
        self.client = client
        self.keys: dict[Role, str] = {}
        self.key_ids: dict[Role, uuid.UUID] = {}

    def auth(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}

    def allow_in_flight(self, requests: int) -> None:
        allow_in_flight(self.app, requests)

    def change_settings(self, **changes: Any) -> None:
        change_settings(self.app, **changes)


def change_settings(app: FastAPI, **changes: Any) -> None:
    """Run `app` with some settings changed from here on (its requests read them per call)."""
    app.state.settings = app.state.settings.model_copy(update=changes)


def allow_in_flight(app: FastAPI, requests: int) -> None:
    """Let one key have `requests` in progress at once in `app`: for tests of something else
    (rate limits, idempotency, locking) that send one key's requests in a burst."""
    change_settings(app, max_in_flight_per_key=requests)


@pytest.fixture
async def own_database(scratch: ScratchDatabases) -> AsyncIterator[OwnDatabase]:
    """A migrated database of the test's own, one committed key per role, and a client of the
    real app on it with a pool big enough for concurrent requests."""
    url = await asyncio.to_thread(scratch.create, "own")
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url, pool_size=20)
    application = create_app(get_settings(), configure_logs=False)
    init_state(application, engine)
    transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            own = OwnDatabase(url, engine, application, c)
            async with application.state.session_factory() as s, s.begin():
                for role in Role:
                    record, secret = await auth_service.create_key(
                        s, name=f"own {role.value}", role=role, **bound_to(role)
                    )
                    own.keys[role], own.key_ids[role] = secret, record.id
            yield own
    finally:
        await engine.dispose()


class Worker:
    """One app as a worker process runs it: its own engine, key cache and background writes."""

    def __init__(self, app: FastAPI, engine: AsyncEngine, client: httpx.AsyncClient):
        self.app = app
        self.engine = engine
        self.client = client

    def allow_in_flight(self, requests: int) -> None:
        allow_in_flight(self.app, requests)


@pytest.fixture
async def workers(own_database: OwnDatabase) -> AsyncIterator[Callable[[], Any]]:
    """Start apps on the test's own database with their lifespan running, as `pintu serve`
    runs each worker: `worker = await workers()`. Each waits until its key cache listens."""
    async with contextlib.AsyncExitStack() as stack:

        async def start() -> Worker:
            engine = create_engine(own_database.url, pool_size=5)
            stack.push_async_callback(engine.dispose)
            application = create_app(get_settings(), configure_logs=False)
            init_state(application, engine)
            await stack.enter_async_context(application.router.lifespan_context(application))
            transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
            client = await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url="http://test")
            )
            await key_cache_on(application)
            return Worker(application, engine, client)

        yield start


# Limits are counted per calendar minute (rate limits, invalid keys): a test that sends its
# requests across the turn of a minute would see two counts and fail for no fault of the code,
# or pass for the wrong reason.
def _seconds_left(moment: datetime) -> float:
    start, _ = window_of(moment)
    return (start + timedelta(minutes=1) - moment).total_seconds()


@pytest.fixture
def one_minute() -> Callable[..., AbstractAsyncContextManager[None]]:
    """`async with one_minute():` runs its block inside one minute: when fewer than `needs`
    seconds are left of this one it waits for the next (at most that long), and it fails if
    the block still outlasted the minute, rather than letting a count be split silently."""

    @contextlib.asynccontextmanager
    async def within(needs: float = 5.0) -> AsyncIterator[None]:
        left = _seconds_left(datetime.now(UTC))
        if left < needs:
            await asyncio.sleep(left + 0.01)
        start, _ = window_of(datetime.now(UTC))
        yield
        end, _ = window_of(datetime.now(UTC))
        assert end == start, f"the block took more than the {needs:g} s it was given"

    return within
