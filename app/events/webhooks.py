"""Webhook subscriptions: who may manage which, their URLs and secrets, test pings, redelivery
and the delivery log. Delivery itself is app.events.delivery."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import Principal
from app.events import repository
from app.events.schemas import WebhookCreate, WebhookPatch
from app.events.signing import new_secret
from app.events.types import EVENT_TYPES, PING
from app.events.urls import RefusedUrl, Resolver, names_not_resolved, target
from app.kit import paging
from app.kit.config import Settings
from app.kit.errors import InvalidInput, NotFound
from app.kit.preconditions import ANY, IfMatch
from app.kit.security import get_cipher
from app.kit.timeutil import now
from app.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from app.models.roles import Role

ALL_TYPES = "*"
SECRET_FIELD = "webhook_secret"  # noqa: S105 (the cipher's field name)
# How long a rotated-out secret keeps signing, so receivers can switch without losing events.
ROTATION_OVERLAP = timedelta(hours=24)


def _scope(principal: Principal) -> dict[str, str | None]:
    """What a key's subscriptions are bound to: an agency key's to its unit, a client key's to
    its channel; an admin's to nothing (every event)."""
    return {
        "unit_code": principal.unit_code if principal.role is Role.AGENCY else None,
        "channel_code": principal.channel_code if principal.role is Role.CLIENT else None,
    }


def event_types(types: Sequence[str]) -> list[str]:
    """The types a subscription asks for, checked; 422 naming `event_types` otherwise."""
    wanted = [str(t) for t in dict.fromkeys(types)]
    if ALL_TYPES in wanted:
        if len(wanted) > 1:
            raise InvalidInput('"*" means every type: send it alone.', field="event_types")
        return wanted
    unknown = [t for t in wanted if t not in EVENT_TYPES]
    if unknown:
        raise InvalidInput(
            f"Unknown event type {unknown[0]!r} (GET /v1/events/types lists them).",
            field="event_types",
        )
    return wanted


async def checked_url(url: str, settings: Settings, resolve: Resolver) -> str:
    """The URL if webhooks may go there now; 422 naming `url` with the reason otherwise."""
    try:
        await target(
            url,
            allow_private=settings.webhooks_may_reach_private,
            resolve=resolve if settings.webhook_resolve_names else names_not_resolved,
        )
    except RefusedUrl as exc:
        raise InvalidInput(f"Pintu will not send webhooks there: {exc}.", field="url") from None
    return url


def _seal(secret: str) -> bytes:
    return get_cipher().encrypt(SECRET_FIELD, secret)


def secrets_of(subscription: WebhookSubscription, at: datetime) -> list[str]:
    """The secrets that sign a delivery now: the current one, and the previous one while it
    is still valid."""
    cipher = get_cipher()
    found = [cipher.decrypt(SECRET_FIELD, subscription.secret_encrypted)]
    until = subscription.previous_secret_until
    if subscription.previous_secret_encrypted is not None and until is not None and at < until:
        found.append(cipher.decrypt(SECRET_FIELD, subscription.previous_secret_encrypted))
    return found


async def create(
    session: AsyncSession,
    principal: Principal,
    body: WebhookCreate,
    settings: Settings,
    resolve: Resolver,
) -> tuple[WebhookSubscription, str]:
    """A new subscription and its secret (shown once); it gets the events that commit from
    now on."""
    types = event_types(body.event_types)
    url = await checked_url(body.url, settings, resolve)
    secret, at = new_secret(), now()
    subscription = WebhookSubscription(
        id=uuid.uuid4(),
        url=url,
        description=body.description,
        event_types=types,
        **_scope(principal),
        created_by_key_id=principal.key_id,
        secret_encrypted=_seal(secret),
        enabled=True,
        failure_streak=0,
        after_position=(last := await repository.head(session))[0],
        after_seq=last[1],
        created_at=at,
        updated_at=at,
        version=1,
    )
    return await repository.add_subscription(session, subscription), secret


async def get(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, *, lock: bool = False
) -> WebhookSubscription:
    """A subscription the key may manage; 404 otherwise (another unit's looks absent)."""
    found = await repository.get_subscription(
        session, subscription_id, **_scope(principal), lock=lock
    )
    if found is None:
        raise NotFound("No webhook subscription has this id.")
    return found


async def search(
    session: AsyncSession, principal: Principal, *, cursor: str | None, limit: int
) -> tuple[Sequence[WebhookSubscription], str | None]:
    rows = await repository.subscriptions(
        session,
        **_scope(principal),
        after=paging.decode_cursor(cursor, uuid.UUID)[0] if cursor else None,
        limit=limit + 1,
    )
    page, last = paging.page_of(rows, limit)
    return page, paging.encode_cursor(last.id) if last else None


async def change(
    session: AsyncSession,
    principal: Principal,
    subscription_id: uuid.UUID,
    body: WebhookPatch,
    settings: Settings,
    resolve: Resolver,
    precondition: IfMatch = ANY,
) -> WebhookSubscription:
    """Change the URL, the types, the description or whether it is on. Turning it on again
    clears the failure streak; it goes on from the events it had not yet been sent."""
    await get(session, principal, subscription_id)  # 404 before any other answer
    fields = body.model_dump(exclude_unset=True)
    for name in ("url", "event_types", "enabled"):
        if name in fields and fields[name] is None:
            raise InvalidInput(f"{name} cannot be null.", field=name)
    # The URL's names are looked up before the row is locked, not while.
    url = await checked_url(fields["url"], settings, resolve) if "url" in fields else None
    subscription = await get(session, principal, subscription_id, lock=True)
    precondition.check(subscription.version)
    if url is not None:
        subscription.url = url
    if "event_types" in fields:
        subscription.event_types = event_types(fields["event_types"])
    if "description" in fields:
        subscription.description = fields["description"]
    if fields.get("enabled") is True and not subscription.enabled:
        subscription.enabled = True
        subscription.disabled_reason = None
        subscription.failure_streak = 0
        subscription.failing_since = None
    elif fields.get("enabled") is False and subscription.enabled:
        subscription.enabled = False
        subscription.disabled_reason = f"turned off by {principal.name}"
    subscription.updated_at = now()
    subscription.version += 1
    return subscription


async def remove(session: AsyncSession, principal: Principal, subscription_id: uuid.UUID) -> None:
    """Delete a subscription with its deliveries and their log."""
    await repository.delete_subscription(session, await get(session, principal, subscription_id))


async def rotate_secret(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> tuple[WebhookSubscription, str]:
    """A new secret; the old one keeps signing (beside it) for ROTATION_OVERLAP."""
    subscription = await get(session, principal, subscription_id, lock=True)
    secret, at = new_secret(), now()
    subscription.previous_secret_encrypted = subscription.secret_encrypted
    subscription.previous_secret_until = at + ROTATION_OVERLAP
    subscription.secret_encrypted = _seal(secret)
    subscription.updated_at = at
    subscription.version += 1
    return subscription, secret


def _delivery(subscription_id: uuid.UUID, **fields: object) -> dict[str, object]:
    at = now()
    return {
        "id": uuid.uuid4(),
        "subscription_id": subscription_id,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": at,
        "created_at": at,
        **fields,
    }


async def ping(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> WebhookDelivery:
    """Queue a `webhook.ping` to the subscription, delivered like an event (signed, logged)."""
    subscription = await get(session, principal, subscription_id)
    row = _delivery(
        subscription.id, event_seq=None, event_type=PING, complaint_id=None, position=0, seq=0
    )
    await repository.add_deliveries(session, [row])
    return await _delivery_row(session, subscription.id, row["id"])


async def redeliver(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, uuid.UUID | None]:
    """Queue the event of a delivery again, now, out of order (the receiver asked for it)."""
    subscription = await get(session, principal, subscription_id)
    original, event_id = await delivery(session, principal, subscription.id, delivery_id)
    row = _delivery(
        subscription.id,
        event_seq=original.event_seq,
        event_type=original.event_type,
        complaint_id=None,
        position=original.position,
        seq=original.seq,
        redelivery_of=original.id,
    )
    await repository.add_deliveries(session, [row])
    return await _delivery_row(session, subscription.id, row["id"]), event_id


async def _delivery_row(
    session: AsyncSession, subscription_id: uuid.UUID, delivery_id: object
) -> WebhookDelivery:
    assert isinstance(delivery_id, uuid.UUID)
    found = await repository.get_delivery(session, subscription_id, delivery_id)
    assert found is not None  # just written
    return found[0]


async def delivery(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, uuid.UUID | None]:
    """A delivery of a subscription the key may manage, and its event's id."""
    subscription = await get(session, principal, subscription_id)
    found = await repository.get_delivery(session, subscription.id, delivery_id)
    if found is None:
        raise NotFound("This subscription has no delivery with this id.")
    return found[0], found[1]


async def delivery_log(
    session: AsyncSession,
    principal: Principal,
    subscription_id: uuid.UUID,
    *,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[Sequence[tuple[WebhookDelivery, uuid.UUID | None]], str | None]:
    """A subscription's deliveries, newest first."""
    subscription = await get(session, principal, subscription_id)
    rows = await repository.deliveries(
        session,
        subscription.id,
        status=status,
        after=paging.decode_cursor(cursor, datetime, uuid.UUID) if cursor else None,
        limit=limit + 1,
    )
    page = [(r[0], r[1]) for r in rows[:limit]]
    last = page[-1][0] if len(rows) > limit else None
    return page, paging.encode_cursor(last.created_at, last.id) if last else None


async def attempts(session: AsyncSession, delivery_id: uuid.UUID) -> Sequence[WebhookAttempt]:
    return await repository.attempts(session, delivery_id)
