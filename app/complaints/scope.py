"""What an agency or client key may not see of the complaints that the ones it reads are linked to.

An agency key sees only complaints ever assigned to its unit. A complaint it sees may be linked
to one it does not (the canonical a duplicate follows, or a duplicate that follows it); the
link then shows only that it exists, never the other complaint's id, number, state or
follow-ups.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from app.models import ComplaintEvent

# History events that name the other end of a link, and the key of `changes` that holds its
# tracking number (complaints.service._record_link writes them).
LINK_EVENTS = {
    "linked": "duplicate_of",
    "unlinked": "duplicate_of",
    "duplicate_linked": "duplicate",
    "duplicate_unlinked": "duplicate",
}


def linked_number(event: ComplaintEvent) -> str | None:
    """The tracking number of the other complaint a link event names, if it is one."""
    key = LINK_EVENTS.get(event.kind)
    change = (event.changes or {}).get(key) if key else None
    if not isinstance(change, dict):
        return None
    number = change.get("from") or change.get("to")
    return number if isinstance(number, str) else None


def linked_numbers(events: Iterable[ComplaintEvent]) -> set[str]:
    """The tracking numbers the link events of a history name."""
    return {n for n in map(linked_number, events) if n is not None}


@dataclass(frozen=True, slots=True)
class OutOfScope:
    """The linked complaints a key may not see, by id (a duplicate's canonical) and by
    tracking number (the other end of a link in a history)."""

    ids: frozenset[uuid.UUID] = frozenset()
    numbers: frozenset[str] = frozenset()


NOTHING_HIDDEN = OutOfScope()
