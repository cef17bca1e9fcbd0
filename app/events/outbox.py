"""Writing events in the transaction of the change they tell of (the transactional outbox),
and numbering the transactions that wrote some in the order they commit.

An event row carries the id of the transaction that wrote it. When a session commits a
transaction that wrote events, it first takes one advisory lock (held until the commit ends)
and gives the transaction the next number of a sequence in `event_commits`. A transaction
takes its number only after every transaction numbered before it has committed (it waited for
the lock), so whoever sees number n sees every number below it: reading by number never skips
an event that commits later. A rolled-back transaction leaves neither events nor a number (a
sequence value may be lost: numbers have gaps, never reorderings); a savepoint rolled back takes
its events with it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event as sa_event, insert, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from app.events.types import EVENT_TYPES, OBJECT_OF_TYPE
from app.kit.db import copy_rows
from app.kit.security import get_cipher
from app.models import OutboxEvent

# The lock every committing writer of events takes in turn ("PINTEvnt").
_COMMIT_LOCK = 0x5049_4E54_4576_6E74
# session.info key: this transaction wrote events.
_WROTE = "pintu.events.wrote"
# The cipher's field for an event's unmasked data.
SEALED_FIELD = "event_data"


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to write. `data` is the object as a key that sees personal data masked reads
    it; `sealed` as its units' agency keys read it, if that differs (kept encrypted)."""

    type: str
    object_id: uuid.UUID
    object_version: int
    complaint_id: uuid.UUID
    occurred_at: datetime
    data: dict[str, Any]
    sealed: dict[str, Any] | None = None
    unit_codes: Sequence[str] = field(default=())
    # The complaint's channel, when the writer has it at hand; else the database looks it up
    # as the row is written (a trigger, migration 0015), which costs a mirror's COPY about as
    # much again as writing the row.
    channel_code: str | None = None

    def row(self) -> dict[str, Any]:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {self.type!r}")
        units = sorted(set(self.unit_codes))
        sealed = self.sealed if units else None
        return {
            "id": uuid.uuid4(),
            "type": self.type,
            "occurred_at": self.occurred_at,
            "object_type": OBJECT_OF_TYPE[self.type],
            "object_id": self.object_id,
            "object_version": self.object_version,
            "complaint_id": self.complaint_id,
            "unit_codes": units,
            "channel_code": self.channel_code,
            "data": self.data,
            "data_sealed": None
            if sealed is None
            else get_cipher().encrypt(SEALED_FIELD, json.dumps(sealed, separators=(",", ":"))),
        }


async def emit(session: AsyncSession, *events: NewEvent) -> list[uuid.UUID]:
    """Write these events in the session's transaction (a few: one INSERT); their ids."""
    if not events:
        return []
    rows = [e.row() for e in events]
    await session.execute(insert(OutboxEvent), rows)
    session.info[_WROTE] = True
    return [row["id"] for row in rows]


async def emit_many(session: AsyncSession, events: Sequence[NewEvent]) -> None:
    """Write many events at once (COPY): the JAKI mirror's batches."""
    if not events:
        return
    await copy_rows(
        session, OutboxEvent.__tablename__, [e.row() for e in events], json_columns=("data",)
    )
    session.info[_WROTE] = True


@sa_event.listens_for(Session, "before_commit")
def _number_the_commit(session: Session) -> None:
    # Runs inside the commit; under an AsyncSession, in its greenlet, so the sync API may talk
    # to the database. A savepoint's release fires it too: only the real commit numbers.
    if session.get_nested_transaction() is not None or not session.info.pop(_WROTE, False):
        return
    # What the commit would flush may wait on other transactions' row locks: not while
    # holding the lock every committing writer of events waits for.
    session.flush()
    # One round trip: the lock (materialised first), then the number.
    session.execute(
        text(
            "WITH t AS MATERIALIZED (SELECT pg_advisory_xact_lock(:lock) AS locked, "
            "(pg_current_xact_id()::text)::bigint AS xid) "
            "INSERT INTO event_commits (xid, position) "
            "SELECT t.xid, nextval('event_commit_position') FROM t "
            "WHERE EXISTS (SELECT 1 FROM events e WHERE e.xid = t.xid) "
            "ON CONFLICT (xid) DO NOTHING"
        ),
        {"lock": _COMMIT_LOCK},
    )


@sa_event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    # Only when the whole transaction ends: a savepoint's end leaves the events written
    # outside it to be numbered at the commit.
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


async def forget_personal_data(session: AsyncSession, complaint_ids: Sequence[uuid.UUID]) -> None:
    """Erasure: the events stored about these complaints keep no personal data, masked or not
    (their data becomes the object's id; deliveries still due carry that). So do the events of
    complaints that followed one of them as a duplicate, which showed its JAKI follow-ups:
    found by the link they showed (every complaint event's masked data names it)."""
    if not complaint_ids:
        return
    await session.execute(
        text(
            "UPDATE events SET data_sealed = NULL, "
            "data = json_build_object('id', object_id, 'personal_data_erased', true) "
            "WHERE complaint_id = ANY(:ids) "
            "OR (object_type = 'complaint' AND data->'duplicate_of'->>'id' = ANY(:texts))"
        ),
        {"ids": list(complaint_ids), "texts": [str(i) for i in complaint_ids]},
    )
