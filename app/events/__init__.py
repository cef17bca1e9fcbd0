"""Events for partners: the outbox each change writes in its own transaction, the feed
(`GET /v1/events`), webhook subscriptions and their delivery (`pintu deliver-events`).

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.events.outbox import NewEvent, emit, emit_many, forget_personal_data
from app.events.rekey import SEALED_TABLES as event_sealed_tables
from app.events.types import EVENT_TYPES

__all__ = [
    "EVENT_TYPES",
    "NewEvent",
    "emit",
    "emit_many",
    "event_sealed_tables",
    "forget_personal_data",
]
