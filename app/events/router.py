"""HTTP: the event feed, event types, webhook subscriptions and their delivery log."""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from app.auth import IfMatchDep, PintuRoute, Principal, require
from app.events import service, webhooks
from app.events.schemas import (
    AttemptOut,
    DeliveryDetail,
    DeliveryOut,
    DeliveryPage,
    EventPage,
    EventTypeOut,
    SecretRotated,
    WebhookCreate,
    WebhookCreated,
    WebhookOut,
    WebhookPage,
    WebhookPatch,
)
from app.events.types import EVENT_TYPES, EventType
from app.events.urls import Resolver, system_resolver
from app.kit.db import SessionDep
from app.kit.errors import InvalidInput, error_responses
from app.kit.openapi import ETAG, LOCATION, sends
from app.kit.paging import CursorQuery, deprecated
from app.kit.preconditions import etag
from app.models import WebhookDelivery
from app.models.roles import Role

router = APIRouter(route_class=PintuRoute)

Reader = Annotated[Principal, Depends(require(Role.VIEWER, Role.DESK, Role.AGENCY, Role.CLIENT))]
# Admin keys manage every subscription; an agency key its own unit's, a client key its own
# channel's.
Manager = Annotated[Principal, Depends(require(Role.AGENCY, Role.CLIENT))]
SubscriptionId = Annotated[uuid.UUID, Path(description="The subscription's id")]
DeliveryId = Annotated[uuid.UUID, Path(description="The delivery's id (…/deliveries)")]
EVENTS: list[str | Enum] = ["Events"]
WEBHOOKS: list[str | Enum] = ["Webhooks"]


def _resolver(request: Request) -> Resolver:
    found: Resolver = getattr(request.app.state, "webhook_resolver", None) or system_resolver
    return found


@router.get(
    "/v1/events",
    tags=EVENTS,
    response_model=EventPage,
    summary="Read the event feed",
    description="Every change partners may hear of, in the order it was committed: the same "
    "events webhooks deliver, for callers that cannot receive them. Start without `cursor`; then "
    "pass each page's `next_cursor` as `cursor` (it comes back even when no event was waiting, "
    "so a poller keeps its place). An agency key reads only its unit's events, with personal "
    "data as it sees it; a client key only its channel's, masked, a link to another channel's "
    "complaint showing only that it exists; other keys read every event with personal data "
    "masked. "
    "docs/events.md describes each type and its `data`.",
    responses=error_responses(401, 403, 422),
)
async def read_feed(
    session: SessionDep,
    principal: Reader,
    response: Response,
    cursor: CursorQuery = None,
    after: Annotated[
        str | None,
        Query(
            max_length=200,
            deprecated=True,
            description="Deprecated (goes in the next version): the same as `cursor`.",
        ),
    ] = None,
    type_: Annotated[
        list[EventType] | None,
        Query(
            alias="type",
            description="Only these event types (repeat the parameter)",
            examples=["assignment.created"],
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> EventPage:
    if after:
        if cursor:
            raise InvalidInput("Give `cursor` or the deprecated `after`, not both.", field="after")
        deprecated(response)
    return await service.feed(
        session,
        principal,
        after=after or cursor,
        types=type_,
        limit=limit,
        field="after" if after else "cursor",
    )


@router.get(
    "/v1/events/types",
    tags=EVENTS,
    response_model=list[EventTypeOut],
    summary="List event types",
    description="Every event type Pintu writes, with what it means. Needs no key.",
)
async def event_types() -> list[EventTypeOut]:
    return [EventTypeOut(type=t, description=d) for t, d in EVENT_TYPES.items()]


def _out(subscription: object, response: Response | None = None) -> WebhookOut:
    out = WebhookOut.model_validate(subscription)
    if response is not None:
        response.headers["ETag"] = etag(out.version)
    return out


@router.post(
    "/v1/webhooks",
    tags=WEBHOOKS,
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreated,
    summary="Subscribe a receiver to events",
    description="Pintu POSTs each event of the asked types to the URL, signed per Standard "
    "Webhooks with the secret in this answer (shown only once; docs/events.md shows how to "
    "verify). An agency key's subscription gets only its unit's events, personal data as the "
    "agency sees it; a client key's only its channel's events, as the feed shows them to it; "
    "an admin's gets every event with personal data masked. The URL must be "
    "https on a public address: loopback, private, link-local and metadata addresses are "
    "refused (development allows loopback and private ones).",
    responses=error_responses(401, 403, 422),
    openapi_extra=sends(ETAG, LOCATION),
)
async def create_webhook(
    body: WebhookCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Manager,
) -> WebhookCreated:
    subscription, secret = await webhooks.create(
        session, principal, body, request.app.state.settings, _resolver(request)
    )
    response.headers["Location"] = f"/v1/webhooks/{subscription.id}"
    out = _out(subscription, response)
    return WebhookCreated(**out.model_dump(), secret=secret)


@router.get(
    "/v1/webhooks",
    tags=WEBHOOKS,
    response_model=WebhookPage,
    summary="List webhook subscriptions",
    description="An admin sees every subscription, an agency key its unit's, a client key its "
    "channel's. Never secrets.",
    responses=error_responses(401, 403, 422),
)
async def list_webhooks(
    session: SessionDep,
    principal: Manager,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> WebhookPage:
    rows, next_cursor = await webhooks.search(session, principal, cursor=cursor, limit=limit)
    return WebhookPage(items=[_out(s) for s in rows], next_cursor=next_cursor, limit=limit)


@router.get(
    "/v1/webhooks/{subscription_id}",
    tags=WEBHOOKS,
    response_model=WebhookOut,
    summary="Get a webhook subscription",
    description="The `ETag` is its version: send it as `If-Match` with a change.",
    responses=error_responses(401, 403, 404, 422),
    openapi_extra=sends(ETAG),
)
async def get_webhook(
    subscription_id: SubscriptionId, response: Response, session: SessionDep, principal: Manager
) -> WebhookOut:
    return _out(await webhooks.get(session, principal, subscription_id), response)


@router.patch(
    "/v1/webhooks/{subscription_id}",
    tags=WEBHOOKS,
    response_model=WebhookOut,
    summary="Change a webhook subscription",
    description="URL, event types, description, or `enabled`: false stops deliveries (they "
    "wait); true starts them again, also after Pintu turned the subscription off for failing, "
    "and it goes on from the events it had not yet been sent. Agency and client keys send "
    "`If-Match`.",
    responses=error_responses(401, 403, 404, 412, 422, 428),
    openapi_extra=sends(ETAG),
)
async def patch_webhook(
    subscription_id: SubscriptionId,
    body: WebhookPatch,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Manager,
    precondition: IfMatchDep,
) -> WebhookOut:
    subscription = await webhooks.change(
        session,
        principal,
        subscription_id,
        body,
        request.app.state.settings,
        _resolver(request),
        precondition,
    )
    return _out(subscription, response)


@router.delete(
    "/v1/webhooks/{subscription_id}",
    tags=WEBHOOKS,
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a webhook subscription",
    description="With its deliveries and their log; nothing more is sent.",
    responses=error_responses(401, 403, 404, 422),
)
async def delete_webhook(
    subscription_id: SubscriptionId, session: SessionDep, principal: Manager
) -> Response:
    await webhooks.remove(session, principal, subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/v1/webhooks/{subscription_id}/rotate-secret",
    tags=WEBHOOKS,
    response_model=SecretRotated,
    summary="Rotate a subscription's secret",
    description="A new secret, shown only once. For 24 hours deliveries carry two signatures, "
    "with the new secret and the old, so the receiver can switch without a gap. The `ETag` is "
    "the subscription's new version.",
    responses=error_responses(401, 403, 404, 422),
)
async def rotate_webhook_secret(
    subscription_id: SubscriptionId, session: SessionDep, principal: Manager, response: Response
) -> SecretRotated:
    subscription, secret = await webhooks.rotate_secret(session, principal, subscription_id)
    response.headers["ETag"] = etag(subscription.version)  # a new version of the subscription
    assert subscription.previous_secret_until is not None
    return SecretRotated(secret=secret, previous_secret_until=subscription.previous_secret_until)


def _delivery_out(delivery: WebhookDelivery, event_id: uuid.UUID | None) -> DeliveryOut:
    pending = delivery.status == "pending"
    return DeliveryOut(
        id=delivery.id,
        event_id=event_id,
        event_type=delivery.event_type,
        status=delivery.status,
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if pending else None,
        created_at=delivery.created_at,
        finished_at=delivery.finished_at,
        last_status_code=delivery.last_status_code,
        last_latency_ms=delivery.last_latency_ms,
        last_error=delivery.last_error,
        redelivery_of=delivery.redelivery_of,
    )


@router.post(
    "/v1/webhooks/{subscription_id}/ping",
    tags=WEBHOOKS,
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryOut,
    summary="Send a test ping",
    description="Queues a signed `webhook.ping` to the receiver, delivered and logged like an "
    "event; follow it in the delivery log.",
    responses=error_responses(401, 403, 404, 422),
)
async def ping_webhook(
    subscription_id: SubscriptionId, session: SessionDep, principal: Manager
) -> DeliveryOut:
    return _delivery_out(await webhooks.ping(session, principal, subscription_id), None)


@router.get(
    "/v1/webhooks/{subscription_id}/deliveries",
    tags=WEBHOOKS,
    response_model=DeliveryPage,
    summary="Read a subscription's delivery log",
    description="Newest first: each event (or ping) sent or to be sent, its status, attempts, "
    "the receiver's last answer and how long it took. Filter by `status`; page with `cursor`.",
    responses=error_responses(401, 403, 404, 422),
)
async def list_deliveries(
    subscription_id: SubscriptionId,
    session: SessionDep,
    principal: Manager,
    status_: Annotated[
        Literal["pending", "delivered", "failed"] | None, Query(alias="status")
    ] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> DeliveryPage:
    rows, next_cursor = await webhooks.delivery_log(
        session, principal, subscription_id, status=status_, cursor=cursor, limit=limit
    )
    return DeliveryPage(
        items=[_delivery_out(d, e) for d, e in rows], next_cursor=next_cursor, limit=limit
    )


@router.get(
    "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}",
    tags=WEBHOOKS,
    response_model=DeliveryDetail,
    summary="Get a delivery with every attempt",
    responses=error_responses(401, 403, 404, 422),
)
async def get_delivery(
    subscription_id: SubscriptionId,
    delivery_id: DeliveryId,
    session: SessionDep,
    principal: Manager,
) -> DeliveryDetail:
    delivery, event_id = await webhooks.delivery(session, principal, subscription_id, delivery_id)
    attempts = await webhooks.attempts(session, delivery.id)
    return DeliveryDetail(
        **_delivery_out(delivery, event_id).model_dump(),
        attempt_log=[AttemptOut.model_validate(a) for a in attempts],
    )


@router.post(
    "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver",
    tags=WEBHOOKS,
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryOut,
    summary="Deliver an event again",
    description="Queues the delivery's event once more, now, with the same `webhook-id` (a "
    "receiver that kept it ignores the copy). It goes out of order: it waits for no other "
    "delivery and holds none up.",
    responses=error_responses(401, 403, 404, 422),
)
async def redeliver(
    subscription_id: SubscriptionId,
    delivery_id: DeliveryId,
    session: SessionDep,
    principal: Manager,
) -> DeliveryOut:
    delivery, event_id = await webhooks.redeliver(session, principal, subscription_id, delivery_id)
    return _delivery_out(delivery, event_id)
