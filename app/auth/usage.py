"""When each key was last used: noted in memory by every request, written in batches."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.auth import repository

# Enough to tell a key in use from a forgotten one: a key's use is written at most once a minute.
RESOLUTION = timedelta(minutes=1)


class KeyUse:
    """Last uses not yet written, per key id; one process's view."""

    def __init__(self) -> None:
        self._pending: dict[uuid.UUID, datetime] = {}
        self._written: dict[uuid.UUID, datetime] = {}

    def seen(self, key_id: uuid.UUID, at: datetime) -> None:
        written = self._written.get(key_id)
        if written is None or at - written >= RESOLUTION:
            self._pending[key_id] = at

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def write(self, conn: AsyncConnection | AsyncSession) -> None:
        """Write the pending uses in one statement (never moving a key's last use back)."""
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        try:
            await repository.record_use(conn, batch)
        except BaseException:
            for key_id, at in batch.items():  # try again with the next batch
                self._pending.setdefault(key_id, at)
            raise
        self._written.update(batch)
