"""API keys cached in each worker process, and dropped by all of them when one changes.

Looking a key up costs a query on every request; keys change rarely. Each process keeps the keys
it has seen, and listens on PostgreSQL's `pintu_api_keys` channel, where a trigger on api_keys
(migration 0008) announces every change — revocation, role, expiry, limit, deletion — when it
commits, whichever process or tool made it. The process drops that key at once; its next request
reads the key again. So workers do not disagree about a key for longer than PostgreSQL takes to
deliver a notification.

The cache is used only while the process is listening: until the listening connection is up, or
after it is lost (a database restart), every request reads its key from the database as if
there were no cache, and the cache starts empty once listening again, since notifications sent
in between were missed. Entries also expire after MAX_AGE seconds, so a key changed behind the
trigger's back (it cannot be, short of disabling it) is read again within a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from app.models import ApiKey
from app.models.roles import Role

CHANNEL = "pintu_api_keys"
MAX_AGE = 60.0
RECONNECT_DELAY = 1.0

logger = logging.getLogger("pintu.auth")


@dataclass(frozen=True, slots=True)
class KnownKey:
    """What a request needs of a key, detached from any session."""

    id: uuid.UUID
    key_hash: bytes
    name: str
    role: Role
    unit_code: str | None
    channel_code: str | None
    rate_limit: int | None
    expires_at: datetime | None
    revoked_at: datetime | None
    read_at: float  # time.monotonic()

    @classmethod
    def of(cls, record: ApiKey) -> KnownKey:
        return cls(
            id=record.id,
            key_hash=record.key_hash,
            name=record.name,
            role=Role(record.role),
            unit_code=record.unit_code,
            channel_code=record.channel_code,
            rate_limit=record.rate_limit_per_minute,
            expires_at=record.expires_at,
            revoked_at=record.revoked_at,
            read_at=time.monotonic(),
        )


class KeyCache:
    """The keys one process has seen, while it listens for changes to them."""

    def __init__(self) -> None:
        self._keys: dict[bytes, KnownKey] = {}
        self._listening = False
        self._task: asyncio.Task[None] | None = None
        self._lost: asyncio.Event | None = None

    @property
    def listening(self) -> bool:
        return self._listening

    def get(self, key_hash: bytes) -> KnownKey | None:
        """The cached key, if the process is listening and read it less than MAX_AGE ago."""
        if not self._listening:
            return None
        key = self._keys.get(key_hash)
        if key is not None and time.monotonic() - key.read_at > MAX_AGE:
            del self._keys[key_hash]
            return None
        return key

    def put(self, key: KnownKey) -> None:
        if self._listening:
            self._keys[key.key_hash] = key

    def forget(self, key_hash: bytes) -> None:
        self._keys.pop(key_hash, None)

    def __len__(self) -> int:
        return len(self._keys)

    # --- listening --------------------------------------------------------------------------

    def start(self, engine: AsyncEngine) -> None:
        """Listen for changes in the background, reconnecting when the connection is lost."""
        if self._task is None:
            self._task = asyncio.create_task(self._listen(engine), name="api-key-changes")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _notified(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        with contextlib.suppress(ValueError):
            self.forget(bytes.fromhex(payload))

    def _connection_lost(self, _conn: Any) -> None:
        self._stop_using()
        if self._lost is not None:
            self._lost.set()

    def _stop_using(self) -> None:
        self._listening = False
        self._keys.clear()

    async def _listen(self, engine: AsyncEngine) -> None:
        args, params = engine.dialect.create_connect_args(engine.url)
        failing = False
        while True:
            conn: asyncpg.Connection | None = None
            self._lost = asyncio.Event()
            try:
                conn = await asyncpg.connect(*args, **params)
                conn.add_termination_listener(self._connection_lost)
                await conn.add_listener(CHANNEL, self._notified)
                self._keys.clear()  # what changed while nobody listened is unknown
                self._listening = True
                if failing:
                    logger.info("listening for API key changes again; key cache on")
                failing = False
                await self._lost.wait()
                logger.warning("lost the connection that listens for API key changes")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                if not failing:
                    logger.warning(
                        "cannot listen for API key changes (%s); key cache off, retrying",
                        type(exc).__name__,
                    )
                failing = True
            finally:
                self._stop_using()
                if conn is not None and not conn.is_closed():
                    conn.terminate()
            await asyncio.sleep(RECONNECT_DELAY)
