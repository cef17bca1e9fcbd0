"""HTTP: the event feed (`GET /v1/events`) and the list of event types."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.auth import PintuRoute, Principal, require
from app.events import service
from app.events.schemas import EventPage, EventTypeOut
from app.events.types import EVENT_TYPES
from app.kit.db import SessionDep
from app.kit.errors import error_responses
from app.models.roles import Role

router = APIRouter(prefix="/v1/events", route_class=PintuRoute, tags=["Events"])

Reader = Annotated[Principal, Depends(require(Role.VIEWER, Role.DESK, Role.AGENCY))]


@router.get(
    "",
    response_model=EventPage,
    summary="Read the event feed",
    description="Every change partners may hear of, in the order it was committed: the same "
    "events webhooks deliver, for callers that cannot receive them. Start without `after`; then "
    "pass each page's `next_cursor` as `after` (it comes back even when no event was waiting, "
    "so a poller keeps its place). An agency key reads only its unit's events, with personal "
    "data as it sees it; other keys read every event with personal data masked. "
    "docs/events.md describes each type and its `data`.",
    responses=error_responses(401, 403, 422),
)
async def read_feed(
    session: SessionDep,
    principal: Reader,
    after: Annotated[
        str | None, Query(max_length=100, description="The previous page's `next_cursor`")
    ] = None,
    type_: Annotated[
        list[str] | None,
        Query(
            alias="type",
            description="Only these event types (repeat the parameter)",
            examples=["assignment.created"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> EventPage:
    return await service.feed(session, principal, after=after, types=type_, limit=limit)


@router.get(
    "/types",
    response_model=list[EventTypeOut],
    summary="List event types",
    description="Every event type Pintu writes, with what it means. Needs no key.",
)
async def event_types() -> list[EventTypeOut]:
    return [EventTypeOut(type=t, description=d) for t, d in EVENT_TYPES.items()]
