"""The event feed: events in commit order, scoped like the key that reads them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.events import repository
from app.events.outbox import SEALED_FIELD
from app.events.repository import LAST_SEQ, FeedFilter
from app.events.schemas import EventObject, EventOut, EventPage
from app.events.types import EventType
from app.kit import paging
from app.kit.errors import InvalidInput
from app.kit.security import get_cipher
from app.models import OutboxEvent
from app.models.roles import Role
from app.models.statuses import JAKI_STATUS, OPEN311_STATUS, ComplaintStatus

START = (0, 0)


def encode_cursor(position: int, seq: int) -> str:
    """An opaque cursor pointing just after the event (position, seq)."""
    return paging.encode_cursor(position, seq)


def decode_cursor(cursor: str, *, field: str = paging.FIELD) -> tuple[int, int]:
    """The place a cursor points at; 422 naming `field` (the parameter it came in) if Pintu
    did not make it. Cursors pollers kept from before paging had one helper still read."""
    refused = InvalidInput("Not a cursor this feed gave out.", field=field)
    try:
        position, seq = paging.decode_cursor(cursor, int, int)
    except InvalidInput:
        raise refused from None
    if not (0 <= position <= LAST_SEQ and 0 <= seq <= LAST_SEQ):
        raise refused
    return position, seq


def _within_channel(data: dict[str, Any], channel_code: str | None) -> dict[str, Any]:
    """A complaint's data as its channel's client key reads it: a link to a complaint of
    another channel says only that it exists, and the status words are the complaint's own
    (docs/access.md, links across the scope)."""
    link = data.get("duplicate_of")
    if not isinstance(link, dict) or link.get("channel") == channel_code:
        return data
    own = ComplaintStatus(data["status"])
    return {
        **data,
        "jaki_status": JAKI_STATUS[own],
        "open311_status": OPEN311_STATUS[own],
        "duplicate_of": {"outside_scope": True},
    }


def event_out(event: OutboxEvent, principal: Principal) -> EventOut:
    """An event as this key may read it: an agency key its unit's events with personal data
    as it sees it; a client key its channel's, masked, without what lies outside the channel;
    others masked."""
    data = event.data
    if principal.role is Role.AGENCY and event.data_sealed is not None:
        data = get_cipher().decrypt_json(SEALED_FIELD, event.data_sealed)
    elif principal.role is Role.CLIENT and event.object_type == "complaint":
        data = _within_channel(data, principal.channel_code)
    return EventOut(
        id=event.id,
        type=event.type,
        occurred_at=event.occurred_at,
        object=EventObject(
            type=event.object_type, id=event.object_id, version=event.object_version
        ),
        complaint_id=event.complaint_id,
        data=data,
    )


async def feed(
    session: AsyncSession,
    principal: Principal,
    *,
    after: str | None,
    types: Sequence[EventType] | None,
    limit: int,
    field: str = paging.FIELD,
) -> EventPage:
    """The events after the cursor that this key may see, oldest commit first. When none is
    left to read, the cursor moves past every event committed so far, those the key does not
    see included: the next poll starts there instead of reading them again."""
    place = decode_cursor(after, field=field) if after else START
    last = await repository.head(session)  # first: the feed below sees all up to it
    f = FeedFilter(
        after=place,
        until=last[0],
        unit_code=principal.unit_code if principal.role is Role.AGENCY else None,
        channel_code=principal.channel_code if principal.role is Role.CLIENT else None,
        types=[str(t) for t in types or ()],
    )
    rows = await repository.feed(session, f, limit=limit + 1)
    page = rows[:limit]
    more = len(rows) > limit
    if page:
        place = (page[-1][0], page[-1][1].seq)
    if not more:
        place = max(place, last)
    return EventPage(
        items=[event_out(event, principal) for _, event in page],
        next_cursor=encode_cursor(*place),
        has_more=more,
    )
